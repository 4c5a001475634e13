"""Limits: per-key rate limits (flask-limiter on the real Redis; in memory in embedded mode) with the
RateLimit-* headers and a 429 problem+json with Retry-After; the per-tenant cap on queued analyses
(refused whole, nothing queued, other tenants unaffected, freed by the worker, healed by a recount).
The HTTP cases also run through a real server on loopback."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis
import requests
from flask import Flask
from rq import Queue

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings, SettingsError
from tests.conftest import serve
from worker import keys

pytestmark = pytest.mark.timeout(90)


@pytest.fixture()
def connection(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}




@pytest.fixture()
def limited(redis_url: str) -> Iterator[tuple[Flask, str]]:
    app = create_app(Settings(redis_url=redis_url, require_auth=True, start_embedded_worker=False,
                              rate_limit="3/minute"))
    with serve(app) as base:
        yield app, base


def test_rate_limit_per_key_with_headers_and_429(limited: tuple[Flask, str], connection: redis.Redis,
                                                 redis_url: str) -> None:
    _, base = limited
    acme, _ = keys.create(connection, "acme")
    globex, _ = keys.create(connection, "globex")
    answers = [requests.get(f"{base}/v1/webhooks", headers=bearer(acme), timeout=5) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    assert all(a.headers["RateLimit-Limit"] == "3" and 0 <= int(a.headers["RateLimit-Reset"]) <= 60
               for a in answers)
    assert "Retry-After" not in answers[0].headers

    refused = requests.post(f"{base}/v1/analyses", json={"text": "hi"}, headers=bearer(acme), timeout=5)
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/problem+json"
    body = refused.json()
    assert body["status"] == 429 and body["type"].endswith("/too-many-requests") and "3 per 1 minute" in body["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["RateLimit-Remaining"] == "0" and refused.headers["RateLimit-Limit"] == "3"
    assert Queue("ecoute", connection=connection).count == 0          # nothing queued
    assert acme not in refused.text

    # another key has its own budget; probes and the documents are not limited
    assert requests.get(f"{base}/v1/webhooks", headers=bearer(globex), timeout=5).status_code == 200
    for _ in range(5):
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
        assert requests.get(f"{base}/openapi.json", timeout=5).status_code == 200
    # counters live in the shared Redis: another API process (a second app) sees the same count
    other = create_app(Settings(redis_url=redis_url, require_auth=True, start_embedded_worker=False,
                                rate_limit="3/minute"))
    assert other.test_client().get("/v1/webhooks", headers=bearer(acme)).status_code == 429


def test_rate_limit_in_embedded_mode_and_settings() -> None:
    app = create_app(Settings(start_embedded_worker=False, rate_limit="2/minute"))
    client = app.test_client()
    assert [client.get("/v1/webhooks").status_code for _ in range(3)] == [200, 200, 429]
    assert Settings.from_env({}).rate_limit == "600/minute"
    assert Settings.from_env({"ECOUTE_RATE_LIMIT": "off"}).rate_limit is None
    with pytest.raises(SettingsError, match="ECOUTE_RATE_LIMIT"):
        Settings.from_env({"ECOUTE_RATE_LIMIT": "lots"})
    with pytest.raises(SettingsError, match="ECOUTE_TENANT_MAX_QUEUED"):
        Settings.from_env({"ECOUTE_TENANT_MAX_QUEUED": "-1"})
    unlimited = create_app(Settings(start_embedded_worker=False, rate_limit=None)).test_client()
    answers = [unlimited.get("/v1/webhooks") for _ in range(5)]
    assert all(a.status_code == 200 and "RateLimit-Limit" not in a.headers for a in answers)


def test_the_spec_documents_429_and_the_headers(redis_url: str) -> None:
    client = create_app(Settings(redis_url=redis_url, require_auth=True, start_embedded_worker=False)).test_client()
    spec = client.get("/openapi.json").get_json()
    post = spec["paths"]["/v1/analyses"]["post"]["responses"]["429"]
    assert "ECOUTE_TENANT_MAX_QUEUED" in post["description"]
    assert {"Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(post["headers"])
    assert "429" in spec["paths"]["/v1/batches"]["post"]["responses"]
    assert "429" in spec["paths"]["/v1/webhooks"]["get"]["responses"]
    assert "429" not in spec["paths"]["/healthz"]["get"]["responses"]


@pytest.fixture()
def capped(redis_url: str) -> Iterator[tuple[Flask, str]]:
    app = create_app(Settings(redis_url=redis_url, require_auth=True, start_embedded_worker=False,
                              tenant_max_queued=3))
    with serve(app) as base:
        yield app, base


def test_queue_cap_refuses_whole_requests_and_spares_other_tenants(capped: tuple[Flask, str],
                                                                    connection: redis.Redis,
                                                                    redis_url: str) -> None:
    _, base = capped
    acme, _ = keys.create(connection, "acme")
    globex, _ = keys.create(connection, "globex")
    queue = Queue("ecoute", connection=connection)
    two = requests.post(f"{base}/v1/batches", json={"comments": [{"text": "a"}, {"text": "b"}]},
                        headers=bearer(acme), timeout=5)
    assert two.status_code == 202 and queue.count == 2
    whole = requests.post(f"{base}/v1/batches", json={"comments": [{"text": "c"}, {"text": "d"}]},
                          headers=bearer(acme), timeout=5)
    assert whole.status_code == 429 and whole.headers["Content-Type"] == "application/problem+json"
    assert whole.headers["Retry-After"] and "Nothing was queued" in whole.json()["detail"]
    assert queue.count == 2 and len(connection.keys("ecoute:batch:*")) == 1   # nothing queued, no batch
    assert requests.post(f"{base}/v1/analyses", json={"text": "e"}, headers=bearer(acme), timeout=5).status_code == 202
    full = requests.post(f"{base}/v1/analyses", json={"text": "f"}, headers=bearer(acme), timeout=5)
    assert full.status_code == 429 and queue.count == 3
    # another tenant is still accepted
    other = requests.post(f"{base}/v1/analyses", json={"text": "g"}, headers=bearer(globex), timeout=5)
    assert other.status_code == 202 and queue.count == 4

    # the worker frees the slots as the jobs end; acme is accepted again
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    try:
        deadline = time.monotonic() + 20
        while (connection.zcard("ecoute:tenant:acme:active") or connection.zcard("ecoute:tenant:globex:active")) \
                and time.monotonic() < deadline:   # globex's job runs after acme's: wait for both
            time.sleep(0.05)
        assert connection.zcard("ecoute:tenant:acme:active") == 0
        assert connection.zcard("ecoute:tenant:globex:active") == 0
    finally:
        worker.stop()
    again = requests.post(f"{base}/v1/batches", json={"comments": [{"text": "h"}, {"text": "i"}, {"text": "j"}]},
                          headers=bearer(acme), timeout=5)
    assert again.status_code == 202


def test_queue_cap_heals_itself_and_counts_erasures(capped: tuple[Flask, str], connection: redis.Redis) -> None:
    app, _ = capped
    client = app.test_client()
    acme, _ = keys.create(connection, "acme")
    # ids whose jobs vanished without their callback (a killed worker, an expired job) are not counted for long
    connection.zadd("ecoute:tenant:acme:active", {"gone-1": 1, "gone-2": 2, "gone-3": 3})
    made = client.post("/v1/analyses", json={"text": "hi"}, headers=bearer(acme))
    assert made.status_code == 202
    assert connection.zrange("ecoute:tenant:acme:active", 0, -1) == [made.get_json()["id"].encode()]
    # an erased queued analysis frees its slot at once
    assert client.delete(made.headers["Location"], headers=bearer(acme)).status_code == 204
    assert connection.zcard("ecoute:tenant:acme:active") == 0
    assert 0 < connection.ttl("ecoute:tenant:acme:active") or not connection.exists("ecoute:tenant:acme:active")


def test_the_default_tenant_is_capped_too(redis_url: str, connection: redis.Redis) -> None:
    client = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                                 tenant_max_queued=1)).test_client()
    assert client.post("/v1/analyses", json={"text": "a"}).status_code == 202
    assert client.post("/v1/analyses", json={"text": "b"}).status_code == 429
    assert connection.zcard("ecoute:active") == 1
    assert Queue("ecoute", connection=connection).count == 1

"""Idempotency-Key on the POST routes, over the real Redis: replay, reuse with another body, in flight,
concurrent duplicates (threads against a real HTTP server on loopback), scoping per API key."""
from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator

import pytest
import redis
import requests
from flask import Flask
from flask.testing import FlaskClient
from rq import Queue

from service import create_app, idempotency
from service.settings import Settings
from tests.conftest import serve

COMMENT = {"text": "Colis jamais reçu, c'est inadmissible", "external_id": "fb-1"}


def queued(app: Flask) -> int:
    ext = app.extensions["ecoute"]
    return Queue(ext.settings.queue_name, connection=ext.redis).count


def key_header(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


def test_same_key_same_body_replays_the_first_answer(app: Flask, client: FlaskClient) -> None:
    key = str(uuid.uuid4())
    first = client.post("/v1/analyses", json=COMMENT, headers=key_header(key))
    assert first.status_code == 202
    again = client.post("/v1/analyses", json=COMMENT, headers=key_header(key))
    assert again.status_code == 202
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert queued(app) == 1


def test_key_order_and_whitespace_of_the_body_do_not_matter(app: Flask, client: FlaskClient) -> None:
    key = "retry-me-7"
    first = client.post("/v1/analyses", json={"text": "Hello", "channel": "twitter"}, headers=key_header(key))
    raw = b'{ "channel" : "twitter",\n "text": "Hello" }'
    again = client.post("/v1/analyses", data=raw, content_type="application/json", headers=key_header(key))
    assert again.status_code == 202 and again.get_json()["id"] == first.get_json()["id"]
    assert queued(app) == 1


def test_replay_keeps_the_200_of_a_finished_wait(client: FlaskClient, worker: object) -> None:
    key = str(uuid.uuid4())
    first = client.post("/v1/analyses?wait=10", json=COMMENT, headers=key_header(key))
    assert first.status_code == 200
    again = client.post("/v1/analyses?wait=10", json=COMMENT, headers=key_header(key))
    assert again.status_code == 200
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["status"] == "succeeded"


def test_same_key_other_body_is_422_and_nothing_queued(app: Flask, client: FlaskClient) -> None:
    key = str(uuid.uuid4())
    assert client.post("/v1/analyses", json=COMMENT, headers=key_header(key)).status_code == 202
    other = client.post("/v1/analyses", json={**COMMENT, "text": "Autre chose"}, headers=key_header(key))
    assert other.status_code == 422
    assert other.content_type == "application/problem+json"
    assert "Idempotency-Key" in other.get_json()["detail"]
    # the same key on another route is another request too
    batch = client.post("/v1/batches", json={"comments": [COMMENT]}, headers=key_header(key))
    assert batch.status_code == 422
    assert queued(app) == 1


def test_same_key_while_the_first_is_processed_is_409(app: Flask, client: FlaskClient) -> None:
    key = "in-flight-1"
    store = idempotency.IdempotencyStore(app.extensions["ecoute"].redis, 3600)
    # the first request has claimed the key and not answered yet
    claim = store.begin("anonymous", key, idempotency.fingerprint("POST /v1/analyses", COMMENT))
    assert isinstance(claim, idempotency.Claim)
    response = client.post("/v1/analyses", json=COMMENT, headers=key_header(key))
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    assert response.headers["Retry-After"] == "1"
    assert queued(app) == 0
    claim.release()   # it failed: the key is free again
    assert client.post("/v1/analyses", json=COMMENT, headers=key_header(key)).status_code == 202


def test_a_refused_request_does_not_burn_the_key(app: Flask, client: FlaskClient) -> None:
    key = str(uuid.uuid4())
    unknown_brand = {**COMMENT, "brand": {"id": "nope"}}
    assert client.post("/v1/analyses", json=unknown_brand, headers=key_header(key)).status_code == 422
    client.put("/v1/brands/nope", json={"name": "Nope"})
    assert client.post("/v1/analyses", json=unknown_brand, headers=key_header(key)).status_code == 202
    assert queued(app) == 1


@pytest.mark.parametrize("value", ["", " ", "a" * 256, "clé-é", "two words"])
def test_invalid_keys_are_400(app: Flask, client: FlaskClient, value: str) -> None:
    response = client.post("/v1/analyses", json=COMMENT, headers={"Idempotency-Key": value})
    assert response.status_code == 400, value
    assert response.content_type == "application/problem+json"
    assert queued(app) == 0


def test_a_quoted_structured_field_key_is_the_same_key(client: FlaskClient) -> None:
    first = client.post("/v1/analyses", json=COMMENT, headers=key_header('"abc-123"'))
    again = client.post("/v1/analyses", json=COMMENT, headers=key_header("abc-123"))
    assert again.get_json()["id"] == first.get_json()["id"]


def test_batches_replay_the_same_batch_and_ids(app: Flask, client: FlaskClient) -> None:
    body = {"comments": [COMMENT, {"text": "Merci pour la rapidité !", "external_id": "fb-2"}]}
    key = str(uuid.uuid4())
    first = client.post("/v1/batches", json=body, headers=key_header(key))
    again = client.post("/v1/batches", json=body, headers=key_header(key))
    assert first.status_code == again.status_code == 202
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert queued(app) == 2


def test_records_expire_with_the_window_capped_by_the_retention(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              result_ttl=600))
    assert app.extensions["ecoute"].settings.idempotency_window == 600
    app.test_client().post("/v1/analyses", json=COMMENT, headers=key_header("ttl-key"))
    connection = redis.Redis.from_url(redis_url)
    keys = connection.keys("ecoute:idem:*")
    assert len(keys) == 1
    assert 590 <= connection.ttl(keys[0]) <= 600
    record = json.loads(connection.get(keys[0]))
    assert COMMENT["text"] not in json.dumps(record)   # a fingerprint, never the comment
    default = Settings()
    assert default.idempotency_window == 24 * 3600 and default.result_ttl == 30 * 24 * 3600


def test_keys_are_scoped_per_api_key(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, api_keys=("key-a-123", "key-b-456"), start_embedded_worker=False))
    client = app.test_client()
    a = client.post("/v1/analyses", json=COMMENT,
                    headers={"Authorization": "Bearer key-a-123", "Idempotency-Key": "shared"})
    b = client.post("/v1/analyses", json=COMMENT,
                    headers={"Authorization": "Bearer key-b-456", "Idempotency-Key": "shared"})
    assert a.status_code == b.status_code == 202
    assert a.get_json()["id"] != b.get_json()["id"]
    assert queued(app) == 2
    stored = " ".join(k.decode() for k in redis.Redis.from_url(redis_url).keys("ecoute:idem:*"))
    assert "key-a-123" not in stored and "key-b-456" not in stored


@pytest.fixture()
def served(app: Flask) -> Iterator[str]:
    with serve(app) as base:
        yield base


@pytest.mark.parametrize("path,body", [("/v1/analyses", COMMENT), ("/v1/batches", {"comments": [COMMENT]})])
def test_concurrent_duplicates_queue_exactly_one_job(app: Flask, served: str, path: str, body: dict) -> None:
    key = str(uuid.uuid4())
    start = threading.Barrier(16)
    answers: list[requests.Response] = []
    lock = threading.Lock()

    def fire() -> None:
        start.wait()
        response = requests.post(served + path, json=body, headers=key_header(key), timeout=10)
        with lock:
            answers.append(response)

    threads = [threading.Thread(target=fire) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 16
    assert {r.status_code for r in answers} <= {202, 409}
    accepted = [r for r in answers if r.status_code == 202]
    assert accepted and len({r.json()["id"] for r in accepted}) == 1
    assert all(r.headers["Content-Type"] == "application/problem+json" for r in answers if r.status_code == 409)
    assert queued(app) == 1
    # once the first has answered, every retry gets it back
    late = requests.post(served + path, json=body, headers=key_header(key), timeout=10)
    assert late.status_code == 202 and late.json()["id"] == accepted[0].json()["id"]
    assert queued(app) == 1


def test_duplicate_external_ids_in_a_batch_are_refused(app: Flask, client: FlaskClient) -> None:
    body = {"comments": [{"text": "a", "external_id": "x"}, {"text": "b", "external_id": "y"},
                         {"text": "c", "external_id": "x"}, {"text": "d"}, {"text": "e"}]}
    response = client.post("/v1/batches", json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors["comments"]) == ["2"]
    assert "comment 0" in errors["comments"]["2"]["external_id"][0]
    assert queued(app) == 0


def test_the_header_is_documented_on_every_creating_operation(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    for path in ("/v1/analyses", "/v1/batches"):
        operation = spec["paths"][path]["post"]
        names = [p.get("name") for p in operation.get("parameters", [])]
        assert "Idempotency-Key" in names, path
        assert "409" in operation["responses"]


def test_keys_and_erasure_work_in_embedded_mode() -> None:
    """Embedded mode (fakeredis, worker thread) goes through the same SET NX, replay and erasure."""
    app = create_app(Settings())
    try:
        client = app.test_client()
        first = client.post("/v1/analyses?wait=5", json=COMMENT, headers=key_header("embedded-1"))
        again = client.post("/v1/analyses?wait=5", json=COMMENT, headers=key_header("embedded-1"))
        assert first.status_code == again.status_code == 200
        assert again.get_json()["id"] == first.get_json()["id"]
        other = client.post("/v1/analyses", json={"text": "autre"}, headers=key_header("embedded-1"))
        assert other.status_code == 422
        assert client.delete(first.headers["Location"]).status_code == 204
        assert client.get(first.headers["Location"]).status_code == 404
    finally:
        app.extensions["ecoute"].close()

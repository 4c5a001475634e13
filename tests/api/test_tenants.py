"""Tenants: keys made by `ecoute keys` authenticate and give their tenant; revoked keys are refused at
once; analyses, batches, brands and webhook subscriptions are visible to their tenant only (another
tenant's id is a 404, like an unknown one); workers read the job's tenant's brand profile and notify
that tenant's subscriptions only. Real Redis, a real worker thread, a loopback receiver."""
from __future__ import annotations

import ipaddress
import json
import time
from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings, SettingsError
from tests.worker.test_webhooks_delivery import Receiver, eventually
from worker import keys, webhooks
from worker.settings import WorkerSettings

pytestmark = pytest.mark.timeout(90)

STATIC = "static-key-9f2c41"
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)


@pytest.fixture()
def connection(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture()
def app(redis_url: str) -> Flask:
    return create_app(Settings(redis_url=redis_url, api_keys=(STATIC,), start_embedded_worker=False,
                               webhook_allowed_networks=LOOPBACK))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def acme(connection: redis.Redis) -> dict[str, str]:
    key, record = keys.create(connection, "acme", "CRM prod")
    return {"Authorization": f"Bearer {key}", "id": record["id"]}


@pytest.fixture()
def globex(connection: redis.Redis) -> dict[str, str]:
    key, _ = keys.create(connection, "globex")
    return {"Authorization": f"Bearer {key}"}


def auth(headers: dict[str, str]) -> dict[str, str]:
    return {"Authorization": headers["Authorization"]}


STATIC_AUTH = {"Authorization": f"Bearer {STATIC}"}


def test_a_key_authenticates_and_gives_its_tenant(client: FlaskClient, acme: dict[str, str],
                                                  connection: redis.Redis) -> None:
    created = client.post("/v1/analyses", json={"text": "Colis perdu"}, headers=auth(acme))
    assert created.status_code == 202
    from rq.job import Job

    job = Job.fetch(created.get_json()["id"], connection=connection)
    assert job.meta["tenant"] == "acme"
    assert client.get(created.headers["Location"], headers=auth(acme)).status_code == 200


def test_a_revoked_key_is_refused_at_once(client: FlaskClient, acme: dict[str, str], connection: redis.Redis) -> None:
    assert client.get("/v1/webhooks", headers=auth(acme)).status_code == 200
    assert keys.revoke(connection, acme["id"]) is not None
    response = client.get("/v1/webhooks", headers=auth(acme))
    assert response.status_code == 401 and response.content_type == "application/problem+json"
    assert acme["Authorization"].split()[1] not in response.get_data(as_text=True)


def test_unknown_keys_and_missing_keys_are_401(client: FlaskClient, acme: dict[str, str]) -> None:
    assert client.get("/v1/webhooks").status_code == 401
    assert client.get("/v1/webhooks", headers={"Authorization": "Bearer ek_not-a-key"}).status_code == 401
    assert client.get("/v1/webhooks", headers=STATIC_AUTH).status_code == 200


def test_analyses_of_another_tenant_are_404(client: FlaskClient, acme: dict[str, str],
                                            globex: dict[str, str]) -> None:
    location = client.post("/v1/analyses", json={"text": "hello"}, headers=auth(acme)).headers["Location"]
    for other in (auth(globex), STATIC_AUTH):
        read = client.get(location, headers=other)
        assert read.status_code == 404 and read.content_type == "application/problem+json"
        assert client.delete(location, headers=other).status_code == 404
    assert client.get(location, headers=auth(acme)).status_code == 200   # the refused DELETE erased nothing
    assert client.delete(location, headers=auth(acme)).status_code == 204
    # and the default tenant's (static key) analyses are not acme's
    mine = client.post("/v1/analyses", json={"text": "hello"}, headers=STATIC_AUTH).headers["Location"]
    assert client.get(mine, headers=auth(acme)).status_code == 404
    assert client.get(mine, headers=STATIC_AUTH).status_code == 200


def test_batches_of_another_tenant_are_404(client: FlaskClient, acme: dict[str, str], globex: dict[str, str],
                                           connection: redis.Redis) -> None:
    batch = client.post("/v1/batches", json={"comments": [{"text": "a"}, {"text": "b"}]}, headers=auth(acme))
    assert batch.status_code == 202
    location = batch.headers["Location"]
    assert client.get(location, headers=auth(acme)).status_code == 200
    assert client.get(location, headers=auth(globex)).status_code == 404
    assert client.get(location, headers=STATIC_AUTH).status_code == 404
    for item in batch.get_json()["analyses"]:
        assert client.get(f"/v1/analyses/{item['id']}", headers=auth(globex)).status_code == 404
    assert json.loads(connection.get(f"ecoute:batch:{batch.get_json()['id']}"))["tenant"] == "acme"


def test_brands_are_per_tenant(client: FlaskClient, acme: dict[str, str], globex: dict[str, str],
                               connection: redis.Redis) -> None:
    assert client.put("/v1/brands/colibri", json={"name": "Colibri Acme"}, headers=auth(acme)).status_code == 200
    assert connection.exists("ecoute:tenant:acme:brand:colibri") and not connection.exists("ecoute:brand:colibri")
    assert client.get("/v1/brands/colibri", headers=auth(globex)).status_code == 404
    assert client.delete("/v1/brands/colibri", headers=auth(globex)).status_code == 404
    # another tenant may use the same id for its own profile; the default tenant keeps the old layout
    assert client.put("/v1/brands/colibri", json={"name": "Colibri Globex"}, headers=auth(globex)).status_code == 200
    assert client.put("/v1/brands/colibri", json={"name": "Colibri"}, headers=STATIC_AUTH).status_code == 200
    assert connection.exists("ecoute:brand:colibri")
    assert client.get("/v1/brands/colibri", headers=auth(acme)).get_json()["name"] == "Colibri Acme"
    assert client.get("/v1/brands/colibri", headers=auth(globex)).get_json()["name"] == "Colibri Globex"
    assert client.get("/v1/brands/colibri", headers=STATIC_AUTH).get_json()["name"] == "Colibri"
    # a comment may only name its own tenant's brands
    assert client.put("/v1/brands/acme-only", json={"name": "A"}, headers=auth(acme)).status_code == 200
    refused = client.post("/v1/analyses", json={"text": "hi", "brand": {"id": "acme-only"}}, headers=auth(globex))
    assert refused.status_code == 422


def test_the_worker_reads_the_jobs_tenants_brand_profile(client: FlaskClient, acme: dict[str, str],
                                                         globex: dict[str, str], redis_url: str) -> None:
    for who, signature in ((acme, "— Julie, Acme"), (globex, "— Paul, Globex"), (None, "— Zoé, défaut")):
        headers = auth(who) if who else STATIC_AUTH
        assert client.put("/v1/brands/shop", json={"name": "Shop", "signature": signature},
                          headers=headers).status_code == 200
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    try:
        for who, signature in ((acme, "— Julie, Acme"), (globex, "— Paul, Globex"), (None, "— Zoé, défaut")):
            headers = auth(who) if who else STATIC_AUTH
            done = client.post("/v1/analyses?wait=10", json={"text": "Ma commande n'est jamais arrivée",
                                                             "brand": {"id": "shop"}}, headers=headers)
            assert done.status_code == 200, done.get_json()
            replies = done.get_json()["result"]["replies"]
            public = [r["text"] for r in replies if r["kind"] == "public"]
            assert public and all(signature in text for text in public), (signature, public)
    finally:
        worker.stop()


def test_webhook_subscriptions_are_per_tenant_and_get_their_tenants_events(
        client: FlaskClient, acme: dict[str, str], globex: dict[str, str], redis_url: str) -> None:
    acme_receiver, globex_receiver = Receiver().start(), Receiver().start()
    webhooks.configure(WorkerSettings(webhook_allowed_networks=LOOPBACK, webhook_retry_schedule=(1.0,),
                                      webhook_timeout=2.0))
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    try:
        made = client.post("/v1/webhooks", json={"url": acme_receiver.url, "events": ["analysis.succeeded"]},
                           headers=auth(acme))
        assert made.status_code == 201
        acme_hook = made.get_json()["id"]
        assert client.post("/v1/webhooks", json={"url": globex_receiver.url, "events": ["analysis.succeeded"]},
                           headers=auth(globex)).status_code == 201
        assert [w["id"] for w in client.get("/v1/webhooks", headers=auth(acme)).get_json()["webhooks"]] == [acme_hook]
        assert client.get("/v1/webhooks", headers=STATIC_AUTH).get_json()["webhooks"] == []
        for path in (f"/v1/webhooks/{acme_hook}", f"/v1/webhooks/{acme_hook}/deliveries"):
            assert client.get(path, headers=auth(globex)).status_code == 404
        assert client.delete(f"/v1/webhooks/{acme_hook}", headers=auth(globex)).status_code == 404

        analysis = client.post("/v1/analyses", json={"text": "Merci, super service"}, headers=auth(acme))
        assert analysis.status_code == 202
        eventually(lambda: acme_receiver.received)
        time.sleep(1.0)   # time enough for a wrong delivery to arrive
        assert globex_receiver.received == []
        event = json.loads(acme_receiver.received[0][1])
        assert event["data"]["id"] == analysis.get_json()["id"]
        assert client.get(f"/v1/webhooks/{acme_hook}/deliveries", headers=auth(acme)).get_json()["deliveries"]
        assert client.delete(f"/v1/webhooks/{acme_hook}", headers=auth(acme)).status_code == 204
    finally:
        worker.stop()
        webhooks.configure(None)
        acme_receiver.stop()
        globex_receiver.stop()


def test_idempotency_keys_are_scoped_per_tenant(client: FlaskClient, acme: dict[str, str],
                                                globex: dict[str, str]) -> None:
    headers = {"Idempotency-Key": "same-key"}
    first = client.post("/v1/analyses", json={"text": "hi"}, headers={**headers, **auth(acme)})
    second = client.post("/v1/analyses", json={"text": "hi"}, headers={**headers, **auth(globex)})
    assert first.status_code == second.status_code == 202
    assert first.get_json()["id"] != second.get_json()["id"]
    again = client.post("/v1/analyses", json={"text": "hi"}, headers={**headers, **auth(acme)})
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json()["id"] == first.get_json()["id"]


def test_when_a_key_is_required(redis_url: str, connection: redis.Redis) -> None:
    open_app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False))
    anonymous = open_app.test_client()
    assert anonymous.get("/v1/webhooks").status_code == 200            # no key exists yet
    key, _ = keys.create(connection, "acme")
    open_app.extensions["ecoute-keys"]._until = 0.0                    # skip the 5 s cache
    assert anonymous.get("/v1/webhooks").status_code == 401            # one exists: keys are required
    assert anonymous.get("/v1/webhooks", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert anonymous.get("/healthz").status_code == 200

    with pytest.raises(SettingsError, match="ECOUTE_REQUIRE_AUTH"):
        create_app(Settings.from_env({"REDIS_URL": redis_url}))
    connection.flushdb()
    closed = create_app(Settings.from_env({"REDIS_URL": redis_url, "ECOUTE_REQUIRE_AUTH": "1"})).test_client()
    assert closed.get("/v1/webhooks").status_code == 401                # closed until a key exists
    key, _ = keys.create(connection, "default")
    assert closed.get("/v1/webhooks", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_the_default_tenant_keys_see_the_single_tenant_data(client: FlaskClient, connection: redis.Redis) -> None:
    key, _ = keys.create(connection, "default")
    made = client.post("/v1/analyses", json={"text": "hi"}, headers=STATIC_AUTH)
    assert client.get(made.headers["Location"], headers={"Authorization": f"Bearer {key}"}).status_code == 200
    with pytest.raises(SettingsError, match="ECOUTE_DEFAULT_TENANT"):
        Settings.from_env({"ECOUTE_DEFAULT_TENANT": "Not Valid"})

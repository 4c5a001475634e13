"""/v1/webhooks and callback_url through the API: validation, the secret shown once, 404/409/422 as
problem+json. Delivery itself is tested end to end in tests/worker/test_webhooks_delivery.py."""
from __future__ import annotations

import ipaddress
import logging
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rq.job import Job

from service import create_app
from service.settings import Settings, SettingsError

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
HOOK = "https://crm.example/hooks/ecoute"


@pytest.fixture()
def signing_app(redis_url: str) -> Flask:
    return create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                               webhook_secret=SECRET))


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    return response.get_json()


def test_create_shows_the_secret_once(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    response = client.post("/v1/webhooks", json={"url": HOOK, "events": ["batch.completed", "analysis.succeeded"],
                                                 "description": "CRM"})
    assert response.status_code == 201
    created = response.get_json()
    secret = created.pop("secret")
    assert secret.startswith("whsec_") and len(secret) > 40
    assert created["url"] == HOOK and created["status"] == "active" and created["description"] == "CRM"
    assert created["events"] == ["analysis.succeeded", "batch.completed"]
    assert response.headers["Location"] == f"/v1/webhooks/{created['id']}"
    shown = client.get(response.headers["Location"])
    assert shown.get_json() == created and secret not in shown.get_data(as_text=True)
    listed = client.get("/v1/webhooks")
    assert listed.get_json() == {"webhooks": [created]} and secret not in listed.get_data(as_text=True)
    assert client.get(f"/v1/webhooks/{created['id']}/deliveries").get_json() == {"deliveries": []}
    assert secret not in caplog.text
    assert client.delete(response.headers["Location"]).status_code == 204
    problem(client.get(response.headers["Location"]), 404)
    problem(client.delete(response.headers["Location"]), 404)
    assert client.get("/v1/webhooks").get_json() == {"webhooks": []}


@pytest.mark.parametrize("body, field", [
    ({"events": ["analysis.succeeded"]}, "url"),
    ({"url": HOOK}, "events"),
    ({"url": HOOK, "events": []}, "events"),
    ({"url": HOOK, "events": ["analysis.done"]}, "events"),
    ({"url": HOOK, "events": "analysis.succeeded"}, "events"),
    ({"url": HOOK, "events": ["analysis.succeeded"], "secret": "mine"}, "secret"),
    ({"url": "ftp://crm.example/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "http://crm.example/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://user:pw@crm.example/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://crm.example:99999/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://crm.example/x#frag", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://crm.example/a b", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://169.254.169.254/latest/meta-data", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://10.0.0.1/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://[::1]/x", "events": ["analysis.failed"]}, "url"),
    ({"url": "https://crm.example/" + "a" * 2000, "events": ["analysis.failed"]}, "url"),
    ({"url": 42, "events": ["analysis.failed"]}, "url"),
    ({"url": HOOK, "events": ["analysis.failed"], "description": ""}, "description"),
])
def test_invalid_subscriptions_are_422(client: FlaskClient, body: dict, field: str) -> None:
    assert field in problem(client.post("/v1/webhooks", json=body), 422)["errors"]
    assert client.get("/v1/webhooks").get_json() == {"webhooks": []}


def test_http_and_private_addresses_inside_the_allow_list(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              webhook_allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),)))
    client = app.test_client()
    assert client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/x", "events": ["analysis.failed"]}
                       ).status_code == 201
    assert client.post("/v1/webhooks", json={"url": "http://receiver.internal/x", "events": ["analysis.failed"]}
                       ).status_code == 201   # a name: its addresses are checked when delivering
    problem(client.post("/v1/webhooks", json={"url": "http://10.0.0.1/x", "events": ["analysis.failed"]}), 422)


def test_unknown_ids_are_404(client: FlaskClient) -> None:
    webhook_id = client.post("/v1/webhooks", json={"url": HOOK, "events": ["analysis.failed"]}).get_json()["id"]
    for path in (f"/v1/webhooks/{uuid.uuid4()}", "/v1/webhooks/not-an-id",
                 f"/v1/webhooks/{uuid.uuid4()}/deliveries"):
        problem(client.get(path), 404)
    for delivery_id in (f"msg_{uuid.uuid4().hex}", "nope"):
        problem(client.post(f"/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver"), 404)
    problem(client.post(f"/v1/webhooks/{uuid.uuid4()}/deliveries/msg_{uuid.uuid4().hex}/redeliver"), 404)
    assert "limit" in problem(client.get(f"/v1/webhooks/{webhook_id}/deliveries?limit=0"), 422)["errors"]


def test_callback_url_needs_a_signing_secret(client: FlaskClient) -> None:
    errors = problem(client.post("/v1/analyses", json={"text": "hello", "callback_url": HOOK}), 422)["errors"]
    assert "ECOUTE_WEBHOOK_SECRET" in errors["callback_url"][0]
    errors = problem(client.post("/v1/batches", json={"comments": [{"text": "hi"}], "callback_url": HOOK}),
                     422)["errors"]
    assert "callback_url" in errors


def test_callback_url_is_validated_and_kept_out_of_the_comment(signing_app: Flask) -> None:
    client = signing_app.test_client()
    redis = signing_app.extensions["ecoute"].redis
    for bad in ("not a url", "http://crm.example/x", "https://192.168.1.1/x", "https://169.254.169.254/", 7):
        assert "callback_url" in problem(client.post("/v1/analyses", json={"text": "hi", "callback_url": bad}),
                                         422)["errors"]
    accepted = client.post("/v1/analyses", json={"text": "hi", "callback_url": HOOK})
    assert accepted.status_code == 202 and "callback_url" not in accepted.get_json()
    job = Job.fetch(accepted.get_json()["id"], connection=redis)
    assert job.meta["callback_url"] == HOOK and "callback_url" not in job.args[0]
    assert client.post("/v1/analyses", json={"text": "hi", "callback_url": None}).status_code == 202

    errors = problem(client.post("/v1/batches", json={"comments": [{"text": "a"}, {"text": "b", "callback_url":
                                                                                   "ftp://x"}]}), 422)["errors"]
    assert "callback_url" in errors["comments"]["1"]
    batch = client.post("/v1/batches", json={"comments": [{"text": "a", "callback_url": HOOK}, {"text": "b"}],
                                             "callback_url": HOOK + "/batch"})
    assert batch.status_code == 202
    import json

    record = json.loads(redis.get(f"ecoute:batch:{batch.get_json()['id']}"))
    assert record["callback_url"] == HOOK + "/batch"
    first, second = (Job.fetch(a["id"], connection=redis) for a in batch.get_json()["analyses"])
    assert first.meta["callback_url"] == HOOK and "callback_url" not in second.meta


def test_webhook_settings_are_checked_at_start() -> None:
    assert Settings.from_env({"ECOUTE_WEBHOOK_SECRET": SECRET}).webhook_secret == SECRET
    assert SECRET not in repr(Settings(webhook_secret=SECRET))
    networks = Settings.from_env({"ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8,10.1.2.3"}).webhook_allowed_networks
    assert networks == (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("10.1.2.3/32"))
    with pytest.raises(SettingsError):
        Settings.from_env({"ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "everywhere"})
    with pytest.raises(SettingsError):
        create_app(Settings(webhook_secret="whsec_", start_embedded_worker=False))


def test_webhooks_are_documented(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    create = spec["paths"]["/v1/webhooks"]["post"]
    assert {"201", "400", "401", "413", "415", "422", "503"} <= set(create["responses"])
    redeliver = spec["paths"]["/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver"]["post"]
    assert list(redeliver["responses"]["409"]["content"]) == ["application/problem+json"]
    delivery = spec["components"]["schemas"]["Delivery"]["properties"]
    assert delivery["status"]["enum"] == ["pending", "succeeded", "dead_letter"]
    assert "secret" in spec["components"]["schemas"]["WebhookCreated"]["properties"]
    assert "secret" not in spec["components"]["schemas"]["Webhook"]["properties"]
    assert "callback_url" in spec["components"]["schemas"]["Comment"]["properties"]
    assert "callback_url" in spec["components"]["schemas"]["BatchRequest"]["properties"]

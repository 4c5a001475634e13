"""POST /v1/webhooks is safe to retry: the same Idempotency-Key gives the same subscription (and its
secret, which the caller never received the first time), never a second subscription."""
from __future__ import annotations

from flask.testing import FlaskClient

HOOK = "https://crm.example/hooks/ecoute"


def test_a_retried_subscription_is_created_once(client: FlaskClient) -> None:
    body = {"url": HOOK, "events": ["analysis.succeeded"]}
    headers = {"Idempotency-Key": "sub-7f3a"}
    first = client.post("/v1/webhooks", json=body, headers=headers)
    again = client.post("/v1/webhooks", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert again.get_json() == first.get_json()   # same id, same secret
    assert len(client.get("/v1/webhooks").get_json()["webhooks"]) == 1

    other = client.post("/v1/webhooks", json={**body, "events": ["batch.completed"]}, headers=headers)
    assert other.status_code == 422 and other.content_type == "application/problem+json"
    assert client.post("/v1/webhooks", json=body).status_code == 201   # no key: a new subscription
    assert len(client.get("/v1/webhooks").get_json()["webhooks"]) == 2


def test_a_refused_subscription_does_not_use_up_its_key(client: FlaskClient) -> None:
    headers = {"Idempotency-Key": "sub-bad-then-good"}
    refused = client.post("/v1/webhooks", json={"url": "http://169.254.169.254/x", "events": ["analysis.failed"]},
                          headers=headers)
    assert refused.status_code == 422
    assert client.post("/v1/webhooks", json={"url": HOOK, "events": ["analysis.failed"]},
                       headers=headers).status_code == 201


def test_the_header_is_documented(client: FlaskClient) -> None:
    operation = client.get("/openapi.json").get_json()["paths"]["/v1/webhooks"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in operation["parameters"])
    assert "409" in operation["responses"]

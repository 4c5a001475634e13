"""API keys on /v1 (Bearer, constant-time compare, 401 problem+json); probes and docs stay open."""
from __future__ import annotations

import hmac
import logging

import pytest
from flask.testing import FlaskClient

from service import auth, create_app
from service.settings import Settings, SettingsError

KEYS = ("key-one-7f3a9c", "key-two-0b61d2")


@pytest.fixture()
def secured(redis_url: str) -> FlaskClient:
    return create_app(Settings(redis_url=redis_url, api_keys=KEYS, start_embedded_worker=False)).test_client()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic a2V5LW9uZQ==", "Bearer ", KEYS[0],
                                    f"Bearer {KEYS[0]}x", f"Bearer {KEYS[0][:-1]}"])
def test_v1_needs_a_valid_key(secured: FlaskClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    for response in (secured.post("/v1/analyses", json={"text": "hi"}, headers=headers),
                     secured.get("/v1/analyses/6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", headers=headers),
                     secured.post("/v1/batches", json={"comments": [{"text": "hi"}]}, headers=headers),
                     secured.get("/v1/batches/6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", headers=headers),
                     secured.get("/v1/unknown-route", headers=headers)):
        assert response.status_code == 401
        assert response.content_type == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        body = response.get_json()
        assert body["type"].endswith("/unauthorized") and body["status"] == 401
        assert KEYS[0] not in response.get_data(as_text=True)


def test_auth_comes_before_body_checks(secured: FlaskClient) -> None:
    assert secured.post("/v1/analyses", data="x", content_type="text/plain").status_code == 401
    assert secured.post("/v1/analyses", json={"unknown": 1}).status_code == 401


def test_each_configured_key_works(secured: FlaskClient) -> None:
    for key in KEYS:
        response = secured.post("/v1/analyses", json={"text": "hi"}, headers=bearer(key))
        assert response.status_code == 202
        follow = secured.get(response.headers["Location"], headers=bearer(key))
        assert follow.status_code == 200 and follow.get_json()["status"] == "queued"
    assert secured.post("/v1/analyses", json={"text": "hi"},
                        headers={"Authorization": f"bearer   {KEYS[1]}"}).status_code == 202


def test_keys_are_compared_in_constant_time_against_every_key(secured: FlaskClient,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert secured.get("/v1/batches/x", headers=bearer(KEYS[0])).status_code == 404
    assert len(calls) == len(KEYS)  # no early exit on the first match
    assert secured.get("/v1/batches/x", headers=bearer("nope")).status_code == 401
    assert len(calls) == 2 * len(KEYS)


def test_probes_and_docs_stay_open(secured: FlaskClient) -> None:
    assert secured.get("/healthz").status_code == 200
    assert secured.get("/readyz").status_code == 503  # open, but no worker is running
    assert secured.get("/openapi.json").status_code == 200
    assert secured.get("/docs").status_code == 200


def test_keys_never_reach_the_logs(redis_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = create_app(Settings(redis_url=redis_url, api_keys=KEYS, start_embedded_worker=False)).test_client()
    client.post("/v1/analyses", json={"text": "hi"}, headers=bearer(KEYS[0]))
    client.post("/v1/analyses", json={"text": "hi"}, headers=bearer("guess-" + KEYS[1]))
    assert all(key not in caplog.text for key in KEYS)


def test_spec_documents_the_bearer_scheme(secured: FlaskClient) -> None:
    spec = secured.get("/openapi.json").get_json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": spec["components"]["securitySchemes"]
        ["bearerAuth"]["description"]}
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/healthz"]["get"]["security"] == []
    assert spec["paths"]["/readyz"]["get"]["security"] == []
    assert "401" in spec["paths"]["/v1/analyses"]["post"]["responses"]


def test_refuses_to_start_open_with_redis(redis_url: str) -> None:
    with pytest.raises(SettingsError, match="ECOUTE_ALLOW_ANONYMOUS"):
        create_app(Settings(redis_url=redis_url, start_embedded_worker=False))
    with pytest.raises(SettingsError):
        create_app(Settings.from_env({"REDIS_URL": redis_url}))
    open_app = create_app(Settings.from_env({"REDIS_URL": redis_url, "ECOUTE_ALLOW_ANONYMOUS": "1"}))
    assert open_app.test_client().post("/v1/analyses", json={"text": "hi"}).status_code == 202
    keyed = create_app(Settings.from_env({"REDIS_URL": redis_url, "ECOUTE_API_KEYS": "k1"}))
    assert keyed.test_client().post("/v1/analyses", json={"text": "hi"}).status_code == 401

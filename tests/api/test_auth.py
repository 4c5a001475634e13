"""API keys on /v1, open probes and docs, and the OpenAPI document."""
from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings


@pytest.fixture()
def secured(redis_url: str) -> FlaskClient:
    return create_app(Settings(redis_url=redis_url, api_keys=("key-one", "key-two"),
                               start_embedded_worker=False)).test_client()


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic a2V5LW9uZQ==", "Bearer ", "key-one"])
def test_v1_needs_a_valid_key(secured: FlaskClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = secured.post("/v1/analyses", json={"text": "hi"}, headers=headers)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "key-one" not in response.get_data(as_text=True)
    assert secured.get("/v1/analyses/x", headers=headers).status_code == 401


def test_each_configured_key_works(secured: FlaskClient) -> None:
    for key in ("key-one", "key-two"):
        response = secured.post("/v1/analyses", json={"text": "hi"}, headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 202


def test_probes_and_docs_stay_open(secured: FlaskClient) -> None:
    assert secured.get("/healthz").status_code == 200
    assert secured.get("/openapi.json").status_code == 200
    assert secured.get("/docs/").status_code == 200


def test_openapi_documents_every_route(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert {"/v1/analyses", "/v1/analyses/{analysis_id}", "/v1/batches", "/v1/batches/{batch_id}",
            "/healthz", "/readyz"} <= set(spec["paths"])
    post = spec["paths"]["/v1/analyses"]["post"]
    assert {"202", "200", "400", "413", "415", "422", "503"} <= set(post["responses"])
    assert "application/problem+json" in post["responses"]["422"]["content"]
    result = spec["components"]["schemas"]["Result"]["properties"]
    assert {"language", "sentiment", "category", "topics", "flags", "priority", "cues", "steps",
            "replies"} <= set(result)


def test_docs_page_loads_assets_locally(client: FlaskClient) -> None:
    page = client.get("/docs/").get_data(as_text=True)
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    assert client.get("/docs/swagger-ui-bundle.js").status_code == 200

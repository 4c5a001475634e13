"""Embedded mode: no Redis configured, fakeredis queue and an in-process worker thread."""
from __future__ import annotations

from service import create_app
from service.settings import Settings


def test_embedded_mode_runs_an_analysis_end_to_end() -> None:
    app = create_app(Settings())
    ext = app.extensions["ecoute"]
    try:
        client = app.test_client()
        assert client.get("/readyz").status_code == 200
        response = client.post("/v1/analyses?wait=10", json={"text": "Colis jamais reçu, c'est nul",
                                                               "external_id": "e-1"})
        assert response.status_code == 200
        body = response.get_json()
        assert body["status"] == "succeeded" and body["external_id"] == "e-1"
        assert body["result"]["flags"]["brand_error"]
        batch = client.post("/v1/batches", json={"comments": [{"text": "a"}, {"text": "merci !"}]})
        assert batch.status_code == 202
    finally:
        ext.embedded_worker.stop()

"""Embedded mode: no Redis configured, fakeredis queue and an in-process worker thread."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask

from service import create_app
from service.settings import Settings


@pytest.fixture()
def embedded_app() -> Iterator[Flask]:
    app = create_app(Settings())
    yield app
    app.extensions["ecoute"].close()


def test_embedded_mode_runs_an_analysis_end_to_end(embedded_app: Flask) -> None:
    client = embedded_app.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["workers"] == 1
    response = client.post("/v1/analyses?wait=5", json={"text": "Colis jamais reçu, c'est nul",
                                                          "external_id": "e-1", "metadata": {"k": [1, {"a": None}]}})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "succeeded" and body["external_id"] == "e-1"
    assert body["metadata"] == {"k": [1, {"a": None}]}
    assert body["result"]["language"]["code"] == "fr"
    assert body["result"]["flags"]["brand_error"] is True
    assert client.get(response.headers["Location"]).get_json() == body


def test_embedded_batch_completes(embedded_app: Flask) -> None:
    client = embedded_app.test_client()
    accepted = client.post("/v1/batches", json={"comments": [{"text": "Merci, super service !"},
                                                              {"text": "Where is my order?"}]})
    assert accepted.status_code == 202
    deadline = time.monotonic() + 30   # generous: a loaded CI machine loads the engine slowly
    while (batch := client.get(accepted.headers["Location"]).get_json())["status"] != "completed":
        assert time.monotonic() < deadline, batch["counts"]
        time.sleep(0.05)
    assert batch["counts"] == {"queued": 0, "running": 0, "succeeded": 2, "failed": 0}


def test_embedded_worker_stops_cleanly(embedded_app: Flask) -> None:
    ext = embedded_app.extensions["ecoute"]
    assert ext.embedded_worker.alive
    ext.embedded_worker.stop(5.0)
    assert not ext.embedded_worker.alive
    assert embedded_app.test_client().get("/readyz").status_code == 503  # it unregistered


def test_embedded_without_worker_thread_answers_202() -> None:
    app = create_app(Settings(start_embedded_worker=False))
    response = app.test_client().post("/v1/analyses?wait=1", json={"text": "hello"})
    assert response.status_code == 202 and response.get_json()["status"] == "queued"

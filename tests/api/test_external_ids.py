"""Batch items carry external_ids that de-duplicate across requests, like Idempotency-Key: the same
comment with the same external_id within 24 h gets the analysis made the first time, never a second."""
from __future__ import annotations

import time
from typing import Any

import redis
from flask.testing import FlaskClient
from rq import Queue


def queued(redis_url: str) -> int:
    return Queue("ecoute", connection=redis.Redis.from_url(redis_url)).count


def ids(response: Any) -> dict[str | None, str]:
    return {a["external_id"]: a["id"] for a in response.get_json()["analyses"]}


def test_an_external_id_sent_again_reuses_its_analysis(client: FlaskClient, redis_url: str) -> None:
    first = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "fb-1"},
                                                          {"text": "Merci !", "external_id": "fb-2"}]})
    assert first.status_code == 202 and queued(redis_url) == 2
    again = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "fb-1"},
                                                          {"text": "Nouveau commentaire", "external_id": "fb-3"},
                                                          {"text": "Sans identifiant"}]})
    assert again.status_code == 202
    assert queued(redis_url) == 4, "fb-1 is not queued a second time"
    assert ids(again)["fb-1"] == ids(first)["fb-1"]
    shown = client.get(again.headers["Location"]).get_json()
    assert [a["id"] for a in shown["analyses"]] == [a["id"] for a in again.get_json()["analyses"]]


def test_an_external_id_used_for_another_comment_is_refused(client: FlaskClient, redis_url: str) -> None:
    client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "fb-1"}]})
    before = queued(redis_url)
    refused = client.post("/v1/batches", json={"comments": [{"text": "Autre chose", "external_id": "fb-9"},
                                                            {"text": "Un autre texte", "external_id": "fb-1"}]})
    assert refused.status_code == 422 and refused.content_type == "application/problem+json"
    assert list(refused.get_json()["errors"]["comments"]) == ["1"]
    assert queued(redis_url) == before, "nothing queued"
    retried = client.post("/v1/batches", json={"comments": [{"text": "Autre chose", "external_id": "fb-9"}]})
    assert retried.status_code == 202, "the refused request did not keep fb-9"


def test_external_ids_are_per_tenant_space_and_expire_with_the_analysis(client: FlaskClient, redis_url: str) -> None:
    first = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "x-1"}]})
    analysis = ids(first)["x-1"]
    assert client.delete(f"/v1/analyses/{analysis}").status_code == 204
    again = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "x-1"}]})
    assert ids(again)["x-1"] != analysis, "an erased analysis is made again, not pointed at"


def test_a_batch_reusing_finished_analyses_completes(client: FlaskClient, worker: object) -> None:
    first = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "w-1"}]})
    deadline = time.monotonic() + 30
    while client.get(first.headers["Location"]).get_json()["status"] != "completed" and time.monotonic() < deadline:
        time.sleep(0.05)
    again = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "w-1"},
                                                          {"text": "Merci !", "external_id": "w-2"}]})
    deadline = time.monotonic() + 30
    while (state := client.get(again.headers["Location"]).get_json())["status"] != "completed" \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    assert state["counts"]["succeeded"] == 2

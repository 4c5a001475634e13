"""/v1/analyses and /v1/batches over the Flask test client, a real Redis and an in-process worker."""
from __future__ import annotations

import time
import uuid

from flask.testing import FlaskClient

COMMENT = {"text": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "channel": "twitter",
           "author": {"name": "Marie"}, "brand": {"name": "Colibri"}, "external_id": "tw-1862",
           "metadata": {"crm": {"ticket": 42, "tags": ["vip", None]}, "score": 1.5}}


def poll(client: FlaskClient, url: str, seconds: float = 10.0) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        body = client.get(url).get_json()
        if body["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


def test_post_queues_and_the_worker_finishes_it(client: FlaskClient, worker: object) -> None:
    response = client.post("/v1/analyses", json=COMMENT)
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] in ("queued", "running", "succeeded")
    assert uuid.UUID(body["id"])
    assert response.headers["Location"] == f"/v1/analyses/{body['id']}"
    done = poll(client, response.headers["Location"])
    assert done["status"] == "succeeded"
    assert done["external_id"] == "tw-1862"
    assert done["metadata"] == COMMENT["metadata"]
    assert done["finished_at"] and done["created_at"]
    result = done["result"]
    assert result["language"]["code"] == "fr"
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"
    assert result["steps"][0]["id"] == "acknowledge"
    public = [r for r in result["replies"] if r["kind"] == "public"]
    assert public and all(r["characters"] <= 280 and r["fits_channel"] for r in public)
    assert public[0]["text"].startswith("Bonjour Marie")


def test_wait_returns_the_finished_analysis(client: FlaskClient, worker: object) -> None:
    response = client.post("/v1/analyses?wait=10", json={"text": "My parcel never arrived"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "succeeded"
    assert response.get_json()["result"]["flags"]["brand_error"] is True


def test_wait_without_worker_answers_202_in_time(client: FlaskClient) -> None:
    started = time.monotonic()
    response = client.post("/v1/analyses?wait=1", json={"text": "Hello"})
    assert response.status_code == 202
    assert response.get_json()["status"] == "queued"
    assert time.monotonic() - started < 5
    assert client.get(response.headers["Location"]).get_json()["status"] == "queued"


def test_wait_over_30_is_refused(client: FlaskClient) -> None:
    response = client.post("/v1/analyses?wait=31", json={"text": "Hello"})
    assert response.status_code == 422
    assert "wait" in response.get_json()["errors"]


def test_unknown_analysis_is_404(client: FlaskClient) -> None:
    for analysis_id in (str(uuid.uuid4()), "not-an-id", "..%2F..%2Fetc"):
        response = client.get(f"/v1/analyses/{analysis_id}")
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"


def test_failed_job_is_visible_with_a_reason(client: FlaskClient, app, worker: object) -> None:
    from rq import Queue

    ext = app.extensions["ecoute"]
    job = Queue(ext.settings.queue_name, connection=ext.redis).enqueue_call(
        "worker.jobs.analyze_comment", args=({"text": ""},), meta={"external_id": "bad"})
    done = poll(client, f"/v1/analyses/{job.id}")
    assert done["status"] == "failed"
    assert done["error"]["type"] == "analysis_failed"
    assert "ValueError" in done["error"]["message"]
    assert "Traceback" not in done["error"]["message"]


def test_batch_keeps_order_and_counts(client: FlaskClient, worker: object) -> None:
    comments = [{"text": "Colis jamais reçu", "external_id": "a"}, {"text": "Merci, super service !"},
                {"text": "Do you ship to Canada?", "external_id": "c"}]
    response = client.post("/v1/batches", json={"comments": comments})
    assert response.status_code == 202
    body = response.get_json()
    assert [a["external_id"] for a in body["analyses"]] == ["a", None, "c"]
    deadline = time.monotonic() + 30   # generous: a loaded CI machine loads the engine slowly
    while True:
        batch = client.get(response.headers["Location"]).get_json()
        if batch["status"] == "completed" or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert batch["counts"] == {"queued": 0, "running": 0, "succeeded": 3, "failed": 0}
    assert [a["id"] for a in batch["analyses"]] == [a["id"] for a in body["analyses"]]
    assert [a["result"]["category"] for a in batch["analyses"]] == ["complaint", "praise", "question"]


def test_batch_limits(client: FlaskClient) -> None:
    assert client.post("/v1/batches", json={"comments": []}).status_code == 422
    too_many = {"comments": [{"text": "x"}] * 501}
    response = client.post("/v1/batches", json=too_many)
    assert response.status_code == 422
    assert response.get_json()["errors"]["comments"]
    assert client.get(f"/v1/batches/{uuid.uuid4()}").status_code == 404


ISO_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


def test_accepted_body_and_job_contract(app, client: FlaskClient) -> None:
    """What the worker receives: the job named in docs/contract.md, the comment, meta and options."""
    import re

    from rq.job import Job

    response = client.post("/v1/analyses", json={**COMMENT, "text": "  Bonjour  ", "language": "FR"})
    assert response.status_code == 202
    body = response.get_json()
    assert set(body) >= {"id", "status", "created_at", "external_id"}
    assert body["status"] == "queued" and body["result"] is None and body["finished_at"] is None
    assert re.match(ISO_UTC, body["created_at"])
    job = Job.fetch(body["id"], connection=app.extensions["ecoute"].redis)
    assert job.func_name == "worker.jobs.analyze_comment"
    assert job.args[0]["text"] == "Bonjour" and job.args[0]["language"] == "fr"
    assert job.args[0]["metadata"] == COMMENT["metadata"]
    assert job.meta == {"external_id": "tw-1862", "metadata": COMMENT["metadata"], "batch_id": None}
    assert job.retries_left == 2 and job.retry_intervals == [5, 30]
    assert job.timeout == 30 and job.result_ttl == job.failure_ttl == 30 * 24 * 3600


def test_optional_fields_and_nulls_are_accepted(client: FlaskClient, worker: object) -> None:
    comment = {"text": "Do you ship to Canada?", "external_id": None, "language": None, "author": None,
               "brand": {"name": "Colibri"}, "channel": "review",
               "thread": [{"text": "  Hello  ", "author": {"name": "Sam", "handle": "@sam"}},
                          {"text": "We do!", "is_brand": True}]}
    response = client.post("/v1/analyses?wait=10", json=comment)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "succeeded" and body["external_id"] is None and body["metadata"] is None
    assert body["result"]["category"] == "question"


def test_batch_analyses_carry_their_own_metadata(client: FlaskClient, worker: object) -> None:
    comments = [{"text": "Merci !", "metadata": {"row": 1}}, {"text": "Merci encore !", "metadata": {"row": 2}}]
    accepted = client.post("/v1/batches", json={"comments": comments}).get_json()
    assert accepted["status"] == "queued"
    deadline = time.monotonic() + 30   # generous: a loaded CI machine loads the engine slowly
    while (batch := client.get(f"/v1/batches/{accepted['id']}").get_json())["status"] != "completed":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert [a["metadata"] for a in batch["analyses"]] == [{"row": 1}, {"row": 2}]
    assert batch["created_at"] == accepted["created_at"]
    assert all(a["finished_at"] for a in batch["analyses"])


def test_batch_before_any_worker_is_queued(client: FlaskClient) -> None:
    accepted = client.post("/v1/batches", json={"comments": [{"text": "a"}, {"text": "b"}]}).get_json()
    batch = client.get(f"/v1/batches/{accepted['id']}").get_json()
    assert batch["status"] == "queued"
    assert batch["counts"] == {"queued": 2, "running": 0, "succeeded": 0, "failed": 0}
    assert [a["id"] for a in batch["analyses"]] == [a["id"] for a in accepted["analyses"]]
    for item in accepted["analyses"]:
        assert client.get(f"/v1/analyses/{item['id']}").get_json()["status"] == "queued"


def test_expired_analysis_of_a_batch_is_counted_failed(app, client: FlaskClient) -> None:
    from rq.job import Job

    accepted = client.post("/v1/batches", json={"comments": [{"text": "a"}, {"text": "b"}]}).get_json()
    Job.fetch(accepted["analyses"][0]["id"], connection=app.extensions["ecoute"].redis).delete()
    batch = client.get(f"/v1/batches/{accepted['id']}").get_json()
    assert batch["counts"] == {"queued": 1, "running": 0, "succeeded": 0, "failed": 1}
    assert batch["analyses"][0]["id"] == accepted["analyses"][0]["id"]
    assert batch["analyses"][0]["error"]["type"] == "expired"
    assert client.get(f"/v1/analyses/{accepted['analyses'][0]['id']}").status_code == 404


def test_x_and_newer_networks_are_channels_with_their_own_limits(client: FlaskClient, worker: object) -> None:
    long_complaint = ("Commande passée il y a trois semaines, toujours rien reçu, le suivi ne bouge plus depuis "
                      "dix jours et personne ne répond au service client, ni par mail ni au téléphone.")
    for channel, limit in (("x", 280), ("bluesky", 300), ("threads", 500)):
        response = client.post("/v1/analyses?wait=10", json={"text": long_complaint, "channel": channel,
                                                              "author": {"name": "Camille"}})
        assert response.status_code == 200, response.get_json()
        public = [r for r in response.get_json()["result"]["replies"] if r["kind"] == "public"]
        assert public and all(r["characters"] <= limit and r["fits_channel"] for r in public), channel
    refused = client.post("/v1/analyses", json={"text": "Hello", "channel": "myspace"})
    assert refused.status_code == 422

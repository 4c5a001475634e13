"""?wait semantics: 200 when the analysis ends in time (success or final failure), else 202;
retried attempts are waited through; long waits outlast the Redis socket timeout."""
from __future__ import annotations

import dataclasses

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings


def use_job(app: Flask, name: str, **options: object) -> None:
    """Make the app enqueue another job function (tests/api/fakes.py), like a broken engine would."""
    ext = app.extensions["ecoute"]
    ext.queues = dataclasses.replace(ext.queues, job_name=name, **options)


def test_failure_within_wait_is_200_failed_with_one_clean_line(app: Flask, client: FlaskClient,
                                                              worker: object) -> None:
    use_job(app, "tests.api.fakes.explode", max_retries=0)
    response = client.post("/v1/analyses?wait=10", json={"text": "hello", "external_id": "x-1"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "failed" and body["result"] is None and body["external_id"] == "x-1"
    assert body["error"]["type"] == "analysis_failed"
    message = body["error"]["message"]
    assert message.startswith("RuntimeError") and "the engine broke" in message
    assert "\n" not in message and "Traceback" not in message and "fakes.py" not in message
    assert body["finished_at"]
    assert client.get(f"/v1/analyses/{body['id']}").get_json()["error"] == body["error"]


def test_wait_goes_on_past_a_retried_attempt(app: Flask, client: FlaskClient, worker: object) -> None:
    # Retry after 1 s: the worker thread must move the scheduled retry back to the queue itself.
    use_job(app, "tests.api.fakes.flaky", max_retries=2, retry_intervals=(1,))
    response = client.post("/v1/analyses?wait=15", json={"text": "hello"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "succeeded"
    assert body["result"] == {"attempts": 2}


def test_a_job_that_exhausts_its_retries_is_failed(app: Flask, client: FlaskClient, worker: object) -> None:
    use_job(app, "tests.api.fakes.explode", max_retries=1, retry_intervals=(0,))
    body = client.post("/v1/analyses?wait=15", json={"text": "hello"}).get_json()
    assert body["status"] == "failed"
    assert "RuntimeError" in body["error"]["message"]


def test_wait_longer_than_the_socket_timeout_is_still_202(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, redis_timeout=0.5,
                              start_embedded_worker=False))
    response = app.test_client().post("/v1/analyses?wait=2", json={"text": "hello"})
    assert response.status_code == 202, response.get_data(as_text=True)
    assert response.get_json()["status"] == "queued"


@pytest.mark.parametrize("wait", ["0", "0.4", "1.5"])
def test_wait_accepts_numbers_from_0_to_30(client: FlaskClient, wait: str) -> None:
    response = client.post(f"/v1/analyses?wait={wait}", json={"text": "hello"})
    assert response.status_code == 202
    assert response.get_json()["status"] == "queued"


@pytest.mark.parametrize("wait", ["-1", "31", "soon", "nan"])
def test_wait_out_of_range_is_422(client: FlaskClient, wait: str) -> None:
    response = client.post(f"/v1/analyses?wait={wait}", json={"text": "hello"})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert "wait" in response.get_json()["errors"]

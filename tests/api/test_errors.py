"""Every error is RFC 9457 problem+json with the right status; nothing invalid is queued."""
from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from rq import Queue

from service import create_app
from service.settings import Settings, SettingsError
from tests.api.fakes import BrokenQueues
from tests.conftest import free_port


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"].startswith("https://ecoute.dev/problems/") and body["title"] and body["detail"]
    assert "code" not in body  # flask-smorest's own error shape must not leak
    assert "<html" not in response.get_data(as_text=True).lower()
    return body


def queued(app) -> int:
    ext = app.extensions["ecoute"]
    return Queue(ext.settings.queue_name, connection=ext.redis).count


@pytest.mark.parametrize("payload, field", [
    ({}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "x" * 5001}, "text"),
    ({"text": "ok", "channel": "myspace"}, "channel"),
    ({"text": "ok", "language": "french"}, "language"),
    ({"text": "ok", "unknown": 1}, "unknown"),
    ({"text": 42}, "text"),
    ({"text": "ok", "author": {"name": "x", "age": 3}}, "author"),
    ({"text": "ok", "metadata": [1, 2]}, "metadata"),
    ({"text": "ok", "metadata": {"blob": "x" * 20000}}, "metadata"),
    ({"text": "ok", "external_id": "a\r\nX-Injected: 1"}, "external_id"),
    ({"text": "ok", "thread": [{"text": "hi", "is_brand": "maybe"}]}, "thread"),
    ({"text": "ok", "thread": [{"text": "  \n "}]}, "thread"),
    ({"text": "ok", "thread": [{"text": "hi"}] * 51}, "thread"),
    ({"text": "ok", "author": {"handle": "h" * 101}}, "author"),
    ({"text": "ok", "brand": {"name": "b" * 201}}, "brand"),
    ({"text": "ok", "language": "fra"}, "language"),
    ({"text": "ok", "metadata": {"note": "é" * 9000}}, "metadata"),
    ({"text": "ok", "external_id": "x" * 201}, "external_id"),
])
def test_invalid_fields_are_422_per_field(app, client: FlaskClient, payload: dict, field: str) -> None:
    body = assert_problem(client.post("/v1/analyses", json=payload), 422)
    assert field in body["errors"]
    assert queued(app) == 0


def test_malformed_json_is_400(app, client: FlaskClient) -> None:
    for raw in (b"{bad", b"\xff\xfe\x00", b""):
        assert_problem(client.post("/v1/analyses", data=raw, content_type="application/json"), 400)
    assert queued(app) == 0


def test_json_that_is_not_an_object_is_422(client: FlaskClient) -> None:
    assert_problem(client.post("/v1/analyses", json=[1, 2]), 422)


def test_wrong_content_type_is_415(client: FlaskClient) -> None:
    assert_problem(client.post("/v1/analyses", data="text=hi", content_type="application/x-www-form-urlencoded"), 415)
    assert_problem(client.post("/v1/batches", data="hi", content_type="text/plain"), 415)


def test_body_over_limit_is_413(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, max_body_bytes=1000,
                              start_embedded_worker=False))
    assert_problem(app.test_client().post("/v1/analyses", json={"text": "x" * 2000}), 413)


def test_unknown_route_and_method(client: FlaskClient) -> None:
    assert assert_problem(client.get("/nope"), 404)["instance"] == "/nope"
    assert_problem(client.get("/v1/nope"), 404)
    assert_problem(client.post("/v1/analyses/6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", json={"text": "x"}), 405)
    response = client.delete("/v1/batches")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_batch_body_over_limit_is_413(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, max_body_bytes=2048,
                              start_embedded_worker=False))
    big = {"comments": [{"text": "x" * 1000}] * 3}
    assert_problem(app.test_client().post("/v1/batches", json=big), 413)
    assert queued(app) == 0


def test_unexpected_error_is_500_problem_without_details(app, client: FlaskClient,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    app.extensions["ecoute"].queues = BrokenQueues()
    with caplog.at_level(logging.ERROR, logger="service.errors"):
        response = client.post("/v1/analyses", json={"text": "secret comment text"})
    body = assert_problem(response, 500)
    text = response.get_data(as_text=True)
    assert "internal detail" not in text and "Traceback" not in text and "KeyError" not in text
    assert body["type"].endswith("/internal-error")
    assert "KeyError" in caplog.text  # logged for the operator, with its traceback
    assert "secret comment text" not in caplog.text


@pytest.fixture()
def silent_redis() -> Iterator[str]:
    """A TCP server that accepts connections and never answers: a hung Redis."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def test_hung_redis_is_503_within_the_timeout(silent_redis: str) -> None:
    app = create_app(Settings(redis_url=silent_redis, allow_anonymous=True, redis_timeout=0.5,
                              start_embedded_worker=False))
    client = app.test_client()
    started = time.monotonic()
    body = assert_problem(client.post("/v1/analyses", json={"text": "hello"}), 503)
    assert "Redis" in body["detail"] and client.post("/v1/analyses", json={"text": "x"}).headers["Retry-After"]
    assert_problem(client.get("/v1/batches/6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10"), 503)
    assert_problem(client.get("/readyz"), 503)
    assert client.get("/healthz").status_code == 200
    assert time.monotonic() - started < 10  # four Redis calls of a 0.5 s timeout, no retry storm


def test_redis_down_is_503_fast() -> None:
    app = create_app(Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0", allow_anonymous=True,
                              redis_timeout=0.5, start_embedded_worker=False))
    client = app.test_client()
    started = time.monotonic()
    body = assert_problem(client.post("/v1/analyses", json={"text": "hello"}), 503)
    assert "Redis" in body["detail"]
    assert_problem(client.get("/v1/analyses/6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10"), 503)
    assert_problem(client.get("/readyz"), 503)
    assert client.get("/healthz").status_code == 200
    assert time.monotonic() - started < 10


def test_readyz_needs_a_worker(client: FlaskClient, worker: object) -> None:
    deadline = time.monotonic() + 30   # the worker thread registers itself a moment after it starts
    while (ready := client.get("/readyz")).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.status_code == 200
    assert ready.get_json()["workers"] >= 1


def test_readyz_without_worker_is_503(client: FlaskClient) -> None:
    body = assert_problem(client.get("/readyz"), 503)
    assert "worker" in body["detail"]


def test_settings_from_env_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.embedded and settings.queue_name == "ecoute" and settings.api_keys == ()
    assert settings.max_body_bytes == 4 * 1024 * 1024 and settings.result_ttl == 30 * 24 * 3600
    assert settings.job_timeout == 30 and settings.redis_timeout == 2.0 and settings.log_level == "INFO"
    with pytest.raises(SettingsError, match="LOG_LEVEL"):
        Settings.from_env({"LOG_LEVEL": "chatty"})
    with pytest.raises(SettingsError, match="ECOUTE_REDIS_TIMEOUT"):
        Settings.from_env({"ECOUTE_REDIS_TIMEOUT": "0"})


def test_settings_from_env() -> None:
    settings = Settings.from_env({"REDIS_URL": "redis://:pw-secret@h:1/0", "ECOUTE_API_KEYS": " key-a, key-b ,",
                                  "ECOUTE_RESULT_TTL": "60", "ECOUTE_ALLOW_ANONYMOUS": "1"})
    assert settings.api_keys == ("key-a", "key-b") and settings.result_ttl == 60 and settings.allow_anonymous
    assert "key-a" not in repr(settings) and "pw-secret" not in repr(settings)
    with pytest.raises(SettingsError):
        Settings.from_env({"ECOUTE_JOB_TIMEOUT": "soon"})

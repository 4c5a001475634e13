"""Hostile input: each is answered with a documented 4xx problem+json, and nothing is queued."""
from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rq import Queue

from service import create_app
from service.settings import Settings


@pytest.fixture()
def app(redis_url: str) -> Flask:
    return create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                               max_body_bytes=4 * 1024 * 1024))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def queued(app: Flask) -> int:
    ext = app.extensions["ecoute"]
    return Queue(ext.settings.queue_name, connection=ext.redis).count


def post_raw(client: FlaskClient, body: bytes, path: str = "/v1/analyses"):
    return client.post(path, data=body, content_type="application/json")


NESTED = ("[" * 100_000 + "]" * 100_000).encode()
HOSTILE = {
    "invalid utf-8": (b'{"text": "caf\xe9 \xff\xfe"}', 400),
    "lone surrogate": (b'{"text": "hello \\ud800 world"}', 400),
    "nul byte in text": (json.dumps({"text": "a\u0000b"}).encode(), 422),
    "deeply nested json": (NESTED, 400),
    "nested metadata": (json.dumps({"text": "x", "metadata": {"a": [[[[[[[[[[[[1]]]]]]]]]]]]}}).encode(), 202),
    "number as text": (b'{"text": 12345}', 422),
    "object as text": (b'{"text": {"$ne": null}}', 422),
    "null text": (b'{"text": null}', 422),
    "header injection in external_id": (json.dumps({"text": "x", "external_id": "a\r\nSet-Cookie: x=1"}).encode(), 422),
    "oversized metadata": (json.dumps({"text": "x", "metadata": {"k": "v" * 20_000}}).encode(), 422),
    "huge body": (b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}', 413),
    "bare string": (b'"just a string"', 422),
    "trailing garbage": (b'{"text": "x"} trailing', 400),
    "duplicate keys with a bad value last": (b'{"text": "ok", "text": 5}', 422),
    "NaN in metadata": (b'{"text": "x", "metadata": {"n": NaN}}', 400),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_body_gets_a_problem_and_nothing_queued(app: Flask, client: FlaskClient, name: str) -> None:
    body, status = HOSTILE[name]
    response = post_raw(client, body)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if status == 202:
        assert queued(app) == 1
        return
    assert response.content_type == "application/problem+json"
    problem = response.get_json(force=True)
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert queued(app) == 0


def test_501_comments_in_a_batch(app: Flask, client: FlaskClient) -> None:
    body = json.dumps({"comments": [{"text": f"comment {i}"} for i in range(501)]}).encode()
    response = post_raw(client, body, "/v1/batches")
    assert response.status_code == 422
    assert queued(app) == 0


def test_one_bad_comment_rejects_the_whole_batch(app: Flask, client: FlaskClient) -> None:
    body = json.dumps({"comments": [{"text": "fine"}, {"text": ""}, {"text": "fine too"}]}).encode()
    response = post_raw(client, body, "/v1/batches")
    assert response.status_code == 422
    assert "comments" in response.get_json()["errors"]
    assert queued(app) == 0


def test_odd_but_valid_text_is_accepted_and_analysed(app: Flask, client: FlaskClient) -> None:
    from service.embedded import EmbeddedWorker

    ext = app.extensions["ecoute"]
    worker = EmbeddedWorker(ext.redis, ext.settings.queue_name).start()
    try:
        for text in ("\u202eevil\u202c", "\U0001F600" * 1000, "Z\u0351\u0352\u0353" * 500, "{{7*7}} ${x} %s <script>"):
            response = client.post("/v1/analyses?wait=10", json={"text": text, "author": {"name": "{brand}"}})
            assert response.status_code == 200, text
            body = response.get_json()
            assert body["status"] == "succeeded", body
            for reply in body["result"]["replies"]:
                assert "49" not in reply["text"] and "{brand}" not in reply["text"]
    finally:
        worker.stop()

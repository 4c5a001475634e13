"""Logs: one JSON object per line, each carrying the request id that the answer sends back."""
from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from service import logs


@pytest.fixture()
def lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("service")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def records(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_every_line_is_json_with_the_answers_request_id(client: FlaskClient, lines: io.StringIO) -> None:
    response = client.post("/v1/analyses", json={"text": "Mon colis secret n'est jamais arrivé"})
    assert response.status_code == 202
    request_id = response.headers["X-Request-ID"]
    found = records(lines)
    assert found, "queueing an analysis logs a line"
    for record in found:
        assert {"time", "level", "logger", "message", "request_id"} <= set(record)
        assert record["request_id"] == request_id
        assert "colis secret" not in json.dumps(record, ensure_ascii=False)   # texts only at DEBUG


def test_a_callers_request_id_is_kept_and_a_bad_one_replaced(client: FlaskClient, lines: io.StringIO) -> None:
    given = client.post("/v1/analyses", json={"text": "bonjour"}, headers={"X-Request-ID": "crm-42.a_b"})
    assert given.headers["X-Request-ID"] == "crm-42.a_b"
    assert all(r["request_id"] == "crm-42.a_b" for r in records(lines))
    for bad in ("x" * 65, "a b", "<script>", "é"):
        answer = client.get("/healthz", headers={"X-Request-ID": bad})
        assert answer.headers["X-Request-ID"] != bad and len(answer.headers["X-Request-ID"]) == 32


def test_errors_carry_a_request_id_too(client: FlaskClient) -> None:
    assert client.post("/v1/analyses", data="{", content_type="application/json").headers.get("X-Request-ID")
    assert client.get("/nowhere").headers.get("X-Request-ID")


def test_text_format_names_the_request() -> None:
    record = logging.LogRecord("service", logging.INFO, __file__, 1, "queued", None, None)
    record.request_id = "abc"
    assert "[request abc] queued" in logs.formatter("text").format(record)

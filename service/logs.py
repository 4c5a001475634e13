"""Logging of the API: one JSON object per line (LOG_FORMAT=json, the default) or plain text, each
line carrying the request id of the HTTP request it belongs to.

The request id is the caller's `X-Request-ID` when it is a short token (letters, digits, '.', '_',
'-'; 64 at most), else a new one; it is sent back in the answer's `X-Request-ID` and gunicorn's
access log line carries it too. Comment texts are never logged above DEBUG.
"""
from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [request %(request_id)s] %(message)s"
RENAMED = {"levelname": "level", "name": "logger"}


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record ('-' outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g._get_current_object().get("request_id", "-") if has_request_context() else "-"
        return True


def formatter(log_format: str) -> logging.Formatter:
    if log_format == "json":
        from pythonjsonlogger.json import JsonFormatter

        return JsonFormatter(JSON_FIELDS, rename_fields=RENAMED, timestamp="time", json_ensure_ascii=False)
    return logging.Formatter(TEXT_FORMAT)


def configure(level: str, log_format: str) -> None:
    """Root logging for the API process, unless something (gunicorn's config, pytest) set it up."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(formatter(log_format))
        root.addHandler(handler)
        root.setLevel(level)
    for handler in root.handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())


def init_app(app: Flask) -> None:
    @app.before_request
    def _request_id() -> None:
        given = request._get_current_object().headers.get(REQUEST_ID_HEADER, "")
        g._get_current_object().request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.after_request
    def _echo_request_id(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = g._get_current_object().get("request_id") or uuid.uuid4().hex
        return response

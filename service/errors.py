"""The one error shape of the API: RFC 9457 problem+json, made by one handler.

Hierarchy of domain errors raised inside the service:

    ServiceError
     ├── BadRequest        (400) an empty or unreadable body
     ├── NotFound          (404) a resource id that does not exist (or is not yours)
     ├── Unauthorized      (401) a missing or wrong API key
     ├── UnsupportedMedia  (415) a body that is not JSON
     ├── QueueFull         (429) the tenant's cap of queued analyses is reached (service/limits.py)
     └── QueueUnavailable  (503) Redis cannot be reached or does not answer in time
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://ecoute.dev/problems/"
PROBLEM_JSON = "application/problem+json"

_SLUGS = {
    400: "bad-request", 401: "unauthorized", 404: "not-found", 405: "method-not-allowed",
    409: "conflict", 413: "payload-too-large", 415: "unsupported-media-type",
    422: "validation-error", 429: "too-many-requests", 500: "internal-error", 503: "service-unavailable",
}


class ServiceError(Exception):
    """Base of the service's domain errors; carries its HTTP status and a human detail."""

    status = 500
    title = "Internal Server Error"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class BadRequest(ServiceError):
    """The body is empty or cannot be read as JSON."""

    status = 400
    title = "Bad Request"


class Unprocessable(ServiceError):
    """Well-formed input the service refuses, with per-field `errors` as in a validation error (422)."""

    status = 422
    title = "Unprocessable Content"

    def __init__(self, detail: str, errors: dict[str, object]) -> None:
        super().__init__(detail)
        self.errors = errors


class UnknownBrand(Unprocessable):
    """A comment names a brand profile that does not exist."""


class NotFound(ServiceError):
    """The resource does not exist, has expired, or belongs to someone else."""

    status = 404
    title = "Not Found"


class Unauthorized(ServiceError):
    """The request carries no valid API key."""

    status = 401
    title = "Unauthorized"


class UnsupportedMedia(ServiceError):
    """The request body is not declared as JSON."""

    status = 415
    title = "Unsupported Media Type"


class QueueUnavailable(ServiceError):
    """Redis cannot be reached, or did not answer within the configured timeout."""

    status = 503
    title = "Service Unavailable"


def problem(status: int, title: str, detail: str, *, errors: Any = None,
            headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + _SLUGS.get(status, str(status)),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path if request else None,
    }
    if errors is not None:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _flatten_webargs(messages: Any) -> dict[str, list[str]]:
    """webargs nests messages by location ({"json": {...}}); callers want them by field."""
    if isinstance(messages, dict):
        if set(messages) <= {"json", "query", "querystring", "headers", "form", "files", "view_args", "path"}:
            merged: dict[str, Any] = {}
            for location, fields in messages.items():
                if isinstance(fields, dict):
                    merged.update(fields)
                else:
                    merged[location] = fields
            return merged
        return messages
    return {"_schema": messages if isinstance(messages, list) else [str(messages)]}


def _http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    title = exc.name or "Error"
    headers = {}
    if status == 405 and exc.get_response().headers.get("Allow"):
        headers["Allow"] = exc.get_response().headers["Allow"]
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if status == 422 or (status == 400 and messages):
        raw_json = messages.get("json") if isinstance(messages, dict) else None
        if isinstance(raw_json, list) and any("Invalid JSON" in str(m) for m in raw_json):
            return problem(400, "Bad Request", "The request body is not valid JSON.")
        errors = _flatten_webargs(messages)
        return problem(422, "Unprocessable Content",
                       "The request body does not match the schema; see 'errors' per field.",
                       errors=errors)
    details = {
        400: "The request is malformed.",
        404: "No resource at this URL.",
        405: f"The method {request.method} is not allowed here.",
        413: "The request body is larger than the configured limit.",
        429: f"Over this API key's rate limit ({exc.description}): retry after `Retry-After` seconds.",
    }
    detail = details.get(status) or (exc.description or title)
    return problem(status, title, detail, headers=headers)


def init_app(app: Flask) -> None:
    """Register the single handler family that turns every error into problem+json."""

    @app.errorhandler(ServiceError)
    def _service_error(exc: ServiceError) -> Response:
        return problem(exc.status, exc.title, exc.detail, headers=exc.headers, errors=getattr(exc, "errors", None))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        return _http_exception(exc)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        from redis.exceptions import RedisError

        if isinstance(exc, RedisError):
            log.warning("Redis error on %s %s: %s", request.method, request.path, type(exc).__name__)
            return problem(503, "Service Unavailable",
                           "The queue (Redis) is unreachable or did not answer in time; retry later.",
                           headers={"Retry-After": "5"})
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return problem(500, "Internal Server Error", "An unexpected error occurred; it has been logged.")

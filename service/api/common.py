"""Helpers shared by the resource blueprints."""
from __future__ import annotations

import re
from typing import Any

import json

import flask
import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from service.schemas import ProblemSchema

ID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_DESCRIPTIONS = {
    400: "Malformed JSON.",
    401: "Missing or wrong API key.",
    404: "Unknown id (or expired after the retention period).",
    413: "Body over the configured size limit.",
    415: "Body is not application/json.",
    422: "Invalid or unknown fields; `errors` lists them per field.",
    429: "Over the API key's rate limit (ECOUTE_RATE_LIMIT): retry after `Retry-After` seconds.",
    503: "The queue (Redis) is unreachable or did not answer in time.",
}


def document_errors(blp: Blueprint, *codes: int) -> Any:
    """Decorator documenting the problem+json answers a view may give. A view that may answer 401 is
    a rate-limited /v1 route: its 429 (with `Retry-After` and the RateLimit headers) is documented too."""
    from service.limits import HEADERS_DOC

    def wrap(func: Any) -> Any:
        for code in codes:
            func = blp.alt_response(code, schema=ProblemSchema, description=_DESCRIPTIONS[code],
                                    content_type="application/problem+json")(func)
        if 401 in codes and 429 not in codes:
            func = blp.alt_response(429, schema=ProblemSchema, description=_DESCRIPTIONS[429],
                                    content_type="application/problem+json", headers=HEADERS_DOC)(func)
        return func

    return wrap


def queue_cap_documented(blp: Blueprint) -> Any:
    """Decorator: the 429 of a creating POST also covers the tenant's cap of queued analyses."""
    from service.limits import HEADERS_DOC

    def wrap(func: Any) -> Any:
        return blp.alt_response(
            429, schema=ProblemSchema, content_type="application/problem+json", headers=HEADERS_DOC,
            description="Over the API key's rate limit (ECOUTE_RATE_LIMIT), or the tenant already has "
                        "ECOUTE_TENANT_MAX_QUEUED analyses queued or running (nothing was queued): retry "
                        "after `Retry-After` seconds.")(func)

    return wrap


def _no_constants(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not valid JSON", name, 0)


_DECODER = json.JSONDecoder(parse_constant=_no_constants)
#: The decoded text holds a surrogate only where the UTF-8 body wrote one as an escape (\uD800 to \uDFFF).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: Fewer brackets than this in the text: too shallow for the re-encoding below to run out of recursion.
_SHALLOW = 200


class StrictJSONParser(FlaskParser):
    """webargs' parser, minus Python's JSON extensions: NaN and Infinity are not JSON, and echoing
    them back would make our own responses invalid JSON for the caller."""

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            return core.missing
        raw = req.get_data(cache=True)
        if not raw:
            raise json.JSONDecodeError("empty body", "", 0)   # webargs reads an empty doc as "no body"
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError(f"not UTF-8: {exc.reason}", "<body>", exc.start) from exc
        if text.startswith("\ufeff"):   # json.loads(text, parse_constant=_no_constants), without a new decoder
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        try:
            data = _DECODER.decode(text)
        except RecursionError as exc:   # a deeply nested document
            raise json.JSONDecodeError("nested too deeply", "<body>", 0) from exc
        if not _SURROGATE_ESCAPE.search(text) and text.count("[") + text.count("{") < _SHALLOW:
            return data   # no lone surrogate and no deep nesting possible: the check below would pass
        try:   # "\ud800" is valid JSON syntax but no text: it could never be stored or sent back as UTF-8
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise json.JSONDecodeError("lone surrogate escape", "<body>", 0) from exc
        except RecursionError as exc:
            raise json.JSONDecodeError("nested too deeply", "<body>", 0) from exc
        return data


def _documented_only(decorator: Any) -> Any:
    """A flask-smorest decorator that only documents (alt_response, doc), applied without its runtime
    layer: flask-smorest wraps the view in one more function per such decorator, which only calls the
    next one (through current_app.ensure_sync) on every request. The documentation it builds on the
    wrapper is moved onto the view itself, so the OpenAPI document is the same."""

    def apply(func: Any) -> Any:
        func._apidoc = decorator(func)._apidoc   # the wrapper's deep copy, with this decorator's entry
        return func

    return apply


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with the strict JSON parser, whose documentation-only decorators add
    no call per request."""

    ARGUMENTS_PARSER = StrictJSONParser()

    def alt_response(self, *args: Any, **kwargs: Any) -> Any:
        return _documented_only(super().alt_response(*args, **kwargs))

    @staticmethod
    def doc(**kwargs: Any) -> Any:
        return _documented_only(flask_smorest.Blueprint.doc(**kwargs))


"""Helpers shared by the resource blueprints."""
from __future__ import annotations

import re
from typing import Any

from flask_smorest import Blueprint

from service.schemas import ProblemSchema

ID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_DESCRIPTIONS = {
    400: "Malformed JSON.",
    401: "Missing or wrong API key.",
    404: "Unknown id (or expired after the retention period).",
    413: "Body over the configured size limit.",
    415: "Body is not application/json.",
    422: "Invalid or unknown fields; `errors` lists them per field.",
    503: "The queue (Redis) is unreachable or did not answer in time.",
}


def document_errors(blp: Blueprint, *codes: int) -> Any:
    """Decorator documenting the problem+json answers a view may give."""

    def wrap(func: Any) -> Any:
        for code in codes:
            func = blp.alt_response(code, schema=ProblemSchema, description=_DESCRIPTIONS[code],
                                    content_type="application/problem+json")(func)
        return func

    return wrap

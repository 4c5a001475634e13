"""API-key authentication for /v1: `Authorization: Bearer <key>`, compared in constant time.

The inbound webhook routes (/v1/inbound/...) are authenticated by their signatures instead
(service/api/inbound.py): Meta and Standard Webhooks senders cannot send our bearer key.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, g, request

from service.errors import Unauthorized
from service.extensions import ecoute

PROTECTED_PREFIX = "/v1/"
SIGNED_PREFIX = "/v1/inbound/"
ANONYMOUS = "anonymous"


def principal() -> str:
    """Who is calling, as a stable name that reveals no secret ('key:<hash prefix>' or 'anonymous'):
    the scope of Idempotency-Keys."""
    return str(g.get("ecoute_principal", ANONYMOUS))


def _key_is_valid(presented: str, keys: tuple[str, ...]) -> bool:
    given = presented.encode("utf-8")
    valid = False
    for key in keys:  # no early exit: every key is compared
        valid |= hmac.compare_digest(given, key.encode("utf-8"))
    return valid


def init_app(app: Flask) -> None:
    @app.before_request
    def _require_key() -> None:
        keys = ecoute().settings.api_keys
        if not keys or not request.path.startswith(PROTECTED_PREFIX) or request.path.startswith(SIGNED_PREFIX):
            return
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or not _key_is_valid(token.strip(), keys):
            raise Unauthorized("A valid API key is required: send 'Authorization: Bearer <key>'.",
                               headers={"WWW-Authenticate": 'Bearer realm="ecoute"'})
        g.ecoute_principal = "key:" + hashlib.sha256(token.strip().encode("utf-8")).hexdigest()[:16]

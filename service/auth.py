"""API-key authentication for /v1: `Authorization: Bearer <key>`, compared in constant time."""
from __future__ import annotations

import hmac

from flask import Flask, request

from service.errors import Unauthorized
from service.extensions import ecoute

PROTECTED_PREFIX = "/v1/"


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
        if not keys or not request.path.startswith(PROTECTED_PREFIX):
            return
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or not _key_is_valid(token.strip(), keys):
            raise Unauthorized("A valid API key is required: send 'Authorization: Bearer <key>'.",
                               headers={"WWW-Authenticate": 'Bearer realm="ecoute"'})

"""API-key authentication for /v1: `Authorization: Bearer <key>`; the key gives the request its tenant.

Two kinds of keys:
- the deployment's static ECOUTE_API_KEYS, compared in constant time, for the default tenant
  (ECOUTE_DEFAULT_TENANT);
- keys of `ecoute keys create --tenant T`, looked up by their SHA-256 (one Redis GET per request, so
  a revoked key is refused from the next request on), for tenant T (service/tenants.py).

A key is required when static keys are configured, when ECOUTE_REQUIRE_AUTH=1, or as soon as any key
exists in Redis (checked with one HLEN, reused for 5 s). Otherwise (ECOUTE_ALLOW_ANONYMOUS=1, or
embedded mode, before any key exists) a call without a key is the default tenant's. A bearer key that
is presented and unknown or revoked is always a 401.

The inbound webhook routes (/v1/inbound/...) are authenticated by their signatures instead
(service/api/inbound.py): Meta and Standard Webhooks senders cannot send our bearer key. Their
comments belong to the default tenant.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, g, request

from service.errors import Unauthorized
from service.extensions import ecoute
from service.tenants import KeyRing

PROTECTED_PREFIX = "/v1/"
SIGNED_PREFIX = "/v1/inbound/"
ANONYMOUS = "anonymous"
RING = "ecoute-keys"


def principal() -> str:
    """Who is calling, as a stable name that reveals no secret: the scope of Idempotency-Keys and of rate
    limits. 'key:<hash prefix>' or 'anonymous' for the default tenant, 'tenant:<tenant>:key:<key id>'
    for the others."""
    return str(g._get_current_object().get("ecoute_principal", ANONYMOUS))


def _key_is_valid(presented: str, keys: tuple[str, ...]) -> bool:
    given = presented.encode("utf-8")
    valid = False
    for key in keys:  # no early exit: every key is compared
        valid |= hmac.compare_digest(given, key.encode("utf-8"))
    return valid


def _refuse() -> Unauthorized:
    return Unauthorized("A valid API key is required: send 'Authorization: Bearer <key>'.",
                        headers={"WWW-Authenticate": 'Bearer realm="ecoute"'})


def init_app(app: Flask) -> None:
    app.extensions[RING] = KeyRing(app.extensions["ecoute"].redis)

    @app.before_request
    def _require_key() -> None:
        req = request._get_current_object()   # the request and g themselves, not their proxies
        path = req.path
        if not path.startswith(PROTECTED_PREFIX) or path.startswith(SIGNED_PREFIX):
            return
        settings = app.extensions["ecoute"].settings
        ring: KeyRing = app.extensions[RING]
        scheme, _, token = req.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        context = g._get_current_object()
        context.ecoute_tenant = settings.default_tenant
        if scheme.lower() == "bearer" and token:
            legacy = "key:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]
            if settings.api_keys and _key_is_valid(token, settings.api_keys):
                context.ecoute_principal = legacy
                return
            caller = ring.lookup(token)
            if caller is None:
                raise _refuse()
            context.ecoute_tenant = caller.tenant
            context.ecoute_principal = (legacy if caller.tenant == settings.default_tenant
                                        else f"tenant:{caller.tenant}:key:{caller.key_id}")
            return
        if settings.api_keys or settings.require_auth or ring.any_key():
            raise _refuse()

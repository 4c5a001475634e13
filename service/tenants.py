"""Tenants and their API keys, as the API reads them (written by `ecoute keys`: worker/keys.py).

The service never imports the worker: the key names and record format below are the seam of
docs/contract.md ("Tenants and keys"), kept equal to worker/keys.py by tests/test_contract.py.

A request's tenant comes from its key: a key of `ecoute keys create --tenant acme` gives `acme`, a
static ECOUTE_API_KEYS key (and an anonymous request, where allowed) gives ECOUTE_DEFAULT_TENANT.
The default tenant's data keeps the single-tenant Redis layout (`ecoute:brand:<id>`, ...) and its
jobs carry `meta["tenant"] = None`; another tenant's data lives under `ecoute:tenant:<tenant>:...`.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import g
from redis import Redis

KEY_RECORD = "ecoute:apikey:{}"     # sha256 hex of the key -> {"id", "tenant", "name", "created_at"}
KEYS_INDEX = "ecoute:apikeys"       # hash: key id -> record + "sha256"
TENANT_PATTERN = r"^[a-z0-9_-]{1,63}$"
ACTIVE = "active"
KEYS_EXIST_CACHE = 5.0              # seconds the answer to "does any key exist?" is reused


def tenant_key(tenant: str | None, suffix: str) -> str:
    """A tenant's Redis key: the single-tenant layout for the default tenant (None)."""
    return f"ecoute:{suffix}" if tenant is None else f"ecoute:tenant:{tenant}:{suffix}"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Caller:
    """Who sent the request: the tenant, and the key's id (None for a static key or no key)."""

    tenant: str
    key_id: str | None = None


@dataclass
class KeyRing:
    """Looks keys up by their hash (one GET), and tells cheaply whether any key exists at all."""

    connection: Redis
    _until: float = 0.0
    _exists: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lookup(self, key: str) -> Caller | None:
        raw = self.connection.get(KEY_RECORD.format(digest(key)))
        if raw is None:
            return None
        record: dict[str, Any] = json.loads(raw)
        return Caller(tenant=str(record["tenant"]), key_id=str(record["id"]))

    def any_key(self) -> bool:
        """Whether `ecoute keys create` made at least one key (HLEN, reused for a few seconds)."""
        now = time.monotonic()
        with self._lock:
            if now < self._until:
                return self._exists
        exists = bool(self.connection.hlen(KEYS_INDEX))
        with self._lock:
            self._exists, self._until = exists, now + (KEYS_EXIST_CACHE if exists else 1.0)
        return exists


def current_tenant() -> str:
    """The tenant of the current request (the default tenant outside of one)."""
    from service.extensions import ecoute

    return str(g._get_current_object().get("ecoute_tenant") or ecoute().settings.default_tenant)


def scope() -> str | None:
    """The current tenant as stored with its data: None for the default tenant (single-tenant layout)."""
    from service.extensions import ecoute

    tenant = current_tenant()
    return None if tenant == ecoute().settings.default_tenant else tenant


def owns(stored: str | None) -> bool:
    """Whether data stored with this tenant scope (None: the default tenant) is the caller's."""
    return stored == scope()

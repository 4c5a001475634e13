"""Tenants and API keys in Redis: the records `ecoute keys` writes and the API reads (service/tenants.py).

The CLI cannot import the service (docs/design: rooms), so the key names and the record format are
written on both sides and kept equal by tests/test_contract.py (docs/contract.md, "Tenants and keys").

- A key is `ek_` + secrets.token_urlsafe(32). It is printed once by `ecoute keys create`; Redis only
  holds its SHA-256: `ecoute:apikey:<sha256 hex>` -> JSON {"id", "tenant", "name", "created_at"}
  (the API's one GET per request), and the index hash `ecoute:apikeys`: key id -> the same JSON plus
  "sha256" (for `list` and `revoke`).
- Data of the deployment's default tenant keeps the single-tenant layout (`ecoute:brand:<id>`, ...);
  another tenant's lives under `ecoute:tenant:<tenant>:...` (tenant_key()). Jobs carry their tenant
  in `job.meta["tenant"]`, None for the default tenant, so the worker reads the right brand profile,
  notifies the right subscriptions and frees the right queue slot.
- A tenant's queued and running analyses: the sorted set tenant_key(tenant, "active") of job ids
  (score: enqueue time). The API adds ids when it enqueues (within the tenant's cap) and the worker
  removes them when the job ends for good (release()).
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from datetime import datetime, timezone
from typing import Any

from redis import Redis

KEY_RECORD = "ecoute:apikey:{}"     # sha256 hex of the key -> record
KEYS_INDEX = "ecoute:apikeys"       # hash: key id -> record + "sha256"
KEY_PREFIX = "ek_"
TENANT_PATTERN = r"^[a-z0-9_-]{1,63}$"
_TENANT = re.compile(TENANT_PATTERN)
ACTIVE = "active"                   # tenant_key(tenant, ACTIVE): the tenant's queued and running job ids


class KeyRefused(ValueError):
    """A key cannot be created or revoked as asked."""


def tenant_key(tenant: str | None, suffix: str) -> str:
    """The Redis key of a tenant's `suffix` ("brand:<id>", "webhooks", "active"): the single-tenant
    layout for the default tenant (None), `ecoute:tenant:<tenant>:<suffix>` for the others."""
    return f"ecoute:{suffix}" if tenant is None else f"ecoute:tenant:{tenant}:{suffix}"


def digest(key: str) -> str:
    """How a key is stored: its SHA-256, hex (keys are random, 256 bits: no slow hash is needed)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def valid_tenant(tenant: str) -> bool:
    return bool(_TENANT.match(tenant))


def _now() -> str:
    """ISO 8601 UTC to the millisecond, so that `list` shows keys in the order they were made."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def create(connection: Redis, tenant: str, name: str | None = None) -> tuple[str, dict[str, Any]]:
    """A new key for the tenant: (the key itself, to show once, and its record)."""
    if not valid_tenant(tenant):
        raise KeyRefused("the tenant must be 1 to 63 lowercase letters, digits, '-' or '_'")
    if name is not None and (len(name) > 200 or any(ord(ch) < 32 for ch in name)):
        raise KeyRefused("the name must be at most 200 printable characters")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = {"id": "key_" + secrets.token_hex(8), "tenant": tenant, "name": name, "created_at": _now()}
    hashed = digest(key)
    with connection.pipeline(transaction=True) as pipe:
        pipe.set(KEY_RECORD.format(hashed), json.dumps(record))
        pipe.hset(KEYS_INDEX, record["id"], json.dumps({**record, "sha256": hashed}))
        pipe.execute()
    return key, record


def listed(connection: Redis, tenant: str | None = None) -> list[dict[str, Any]]:
    """Every key's record (never the key, nor its hash), oldest first; only a tenant's when given."""
    records = [json.loads(raw) for raw in connection.hvals(KEYS_INDEX)]
    records = [{k: r.get(k) for k in ("id", "tenant", "name", "created_at")} for r in records
               if tenant is None or r.get("tenant") == tenant]
    return sorted(records, key=lambda r: (r["created_at"], r["id"]))


def revoke(connection: Redis, key_id: str) -> dict[str, Any] | None:
    """Delete a key by its id (the API refuses it from the next request on); its record, or None."""
    raw = connection.hget(KEYS_INDEX, key_id)
    if raw is None:
        return None
    record = json.loads(raw)
    with connection.pipeline(transaction=True) as pipe:
        pipe.delete(KEY_RECORD.format(record["sha256"]))
        pipe.hdel(KEYS_INDEX, key_id)
        pipe.execute()
    return {k: record.get(k) for k in ("id", "tenant", "name", "created_at")}


def release(connection: Any, tenant: str | None, job_id: str) -> None:
    """The job has ended for good: it no longer counts against its tenant's cap of queued jobs."""
    connection.zrem(tenant_key(tenant, ACTIVE), job_id)

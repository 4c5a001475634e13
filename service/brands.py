"""Brand profiles, stored in Redis as JSON under `ecoute:brand:<id>` for the default tenant and
`ecoute:tenant:<tenant>:brand:<id>` for the others (workers read the same key: the job's meta names its
tenant)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from redis import Redis

from service.tenants import tenant_key

BRAND_KEY = "ecoute:brand:{}"   # docs/contract.md: the worker reads profiles at job time
BRAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def brand_key(brand_id: str, tenant: str | None = None) -> str:
    """BRAND_KEY for the default tenant (None), the tenant's own key otherwise."""
    return BRAND_KEY.format(brand_id) if tenant is None else tenant_key(tenant, f"brand:{brand_id}")


@dataclass(frozen=True)
class BrandStore:
    connection: Redis
    tenant: str | None = None   # None: the default tenant

    def key(self, brand_id: str) -> str:
        return brand_key(brand_id, self.tenant)

    def get(self, brand_id: str) -> dict[str, Any] | None:
        if not BRAND_ID.fullmatch(brand_id):
            return None
        raw = self.connection.get(self.key(brand_id))
        return json.loads(raw) if raw is not None else None

    def put(self, brand_id: str, profile: dict[str, Any]) -> bool:
        """Store the profile; True when it replaced an existing one."""
        key = self.key(brand_id)
        with self.connection.pipeline() as pipe:
            pipe.exists(key)
            pipe.set(key, json.dumps(profile, ensure_ascii=False))
            existed, _ = pipe.execute()
        return bool(existed)

    def delete(self, brand_id: str) -> bool:
        return bool(BRAND_ID.fullmatch(brand_id)) and bool(self.connection.delete(self.key(brand_id)))

    def missing(self, brand_ids: list[str]) -> list[str]:
        """The ids among these that have no profile (one round trip)."""
        ids = list(dict.fromkeys(brand_ids))
        if not ids:
            return []
        with self.connection.pipeline() as pipe:
            for brand_id in ids:
                pipe.exists(self.key(brand_id))
            found = pipe.execute()
        return [brand_id for brand_id, exists in zip(ids, found) if not exists]

"""RQ job functions: thin wrappers, JSON dict in -> engine -> JSON dict out (docs/contract.md)."""
from __future__ import annotations

import json
import logging
import time
from functools import lru_cache
from typing import Any

from rq import get_current_job

from worker.analysis import analyze
from worker.metrics import observe_engine
from worker.keys import tenant_key
from worker.settings import WorkerSettings

log = logging.getLogger(__name__)


class CurrentJobFilter(logging.Filter):
    """Adds the current RQ job id to every record, so each worker log line names its job."""

    def filter(self, record: logging.LogRecord) -> bool:
        job = get_current_job()
        record.job_id = job.id if job is not None else "-"
        return True


@lru_cache(maxsize=1)
def engine_options() -> dict[str, Any]:
    settings = WorkerSettings.from_env()
    options: dict[str, Any] = {"default_language": settings.default_language}
    if settings.model_path:
        options["model_path"] = settings.model_path   # loaded once, at warm-up
    return options


BRAND_KEY = "ecoute:brand:{}"   # written by the API (PUT /v1/brands/{id}); see docs/contract.md


def brand_key(brand_id: str, tenant: str | None = None) -> str:
    """The profile's key: BRAND_KEY for the default tenant (None), the tenant's own otherwise."""
    return BRAND_KEY.format(brand_id) if tenant is None else tenant_key(tenant, f"brand:{brand_id}")


def with_brand_profile(comment: dict[str, Any]) -> dict[str, Any]:
    """The comment with its brand profile read now (job time), from the job's tenant (job.meta["tenant"],
    absent for the default tenant), inline fields winning over stored ones."""
    brand = comment.get("brand")
    job = get_current_job()
    if not isinstance(brand, dict) or not brand.get("id") or job is None:
        return comment
    raw = job.connection.get(brand_key(brand["id"], (job.meta or {}).get("tenant")))
    if raw is None:
        log.warning("brand profile %r is gone; using the comment's inline brand data", brand["id"])
        return comment
    profile = json.loads(raw)
    return {**comment, "brand": {**profile, **{k: v for k, v in brand.items() if v is not None}}}


def analyze_comment(comment: dict[str, Any]) -> dict[str, Any]:
    """Analyse one Comment (already validated by the API); the return value is the result."""
    prepared = with_brand_profile(comment)
    started = time.perf_counter()
    result = analyze(prepared, engine_options())
    job = get_current_job()
    if job is not None:
        observe_engine(job.connection, time.perf_counter() - started)
    log.info("analysed: language=%s category=%s priority=%s", result["language"]["code"],
             result["category"], result["priority"]["level"])
    return result


def warm_up() -> None:
    """Load every engine resource now, so the first real job is not the slow one."""
    analyze({"text": "Bonjour, ma commande n'est toujours pas arrivée. Hello, any news?"}, engine_options())

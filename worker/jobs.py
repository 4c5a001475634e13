"""RQ job functions: thin wrappers, JSON dict in -> engine -> JSON dict out (docs/contract.md)."""
from __future__ import annotations

import json
import logging
import time
from functools import lru_cache
from typing import Any

from rq import get_current_job

from worker.analysis import analyze, warm_up as load_engine
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


def profile_key(comment: dict[str, Any], tenant: str | None) -> str | None:
    """The Redis key of the comment's stored brand profile, or None when it names none."""
    brand = comment.get("brand")
    if not isinstance(brand, dict) or not brand.get("id"):
        return None
    return brand_key(brand["id"], tenant)


def merge_profile(comment: dict[str, Any], raw: bytes | str | None) -> dict[str, Any]:
    """The comment with its stored brand profile (`raw`, as read from profile_key()), inline fields winning."""
    brand = comment.get("brand")
    if not isinstance(brand, dict) or not brand.get("id"):
        return comment
    if raw is None:
        log.warning("brand profile %r is gone; using the comment's inline brand data", brand["id"])
        return comment
    profile = json.loads(raw)
    return {**comment, "brand": {**profile, **{k: v for k, v in brand.items() if v is not None}}}


def with_brand_profile(comment: dict[str, Any]) -> dict[str, Any]:
    """The comment with its brand profile read now (job time), from the job's tenant (job.meta["tenant"],
    absent for the default tenant), inline fields winning over stored ones."""
    job = get_current_job()
    key = profile_key(comment, (job.meta or {}).get("tenant")) if job is not None else None
    if key is None or job is None:
        return comment
    return merge_profile(comment, job.connection.get(key))


def run_engine(prepared: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """The engine on a comment whose brand profile is merged: (result, seconds spent in the engine). Its callers
    log the outcome (outline()), once per analysis."""
    started = time.perf_counter()
    result = analyze(prepared, engine_options())
    return result, time.perf_counter() - started


def outline(result: dict[str, Any]) -> str:
    """What a log line says of a result: 'language=fr category=complaint priority=high'."""
    return f"language={result['language']['code']} category={result['category']} priority={result['priority']['level']}"


def analyze_comment(comment: dict[str, Any]) -> dict[str, Any]:
    """Analyse one Comment (already validated by the API); the return value is the result.

    `ecoute worker` runs queued analyses in micro-batches without calling this (worker/runner.py,
    same steps: profile, engine, metrics); RQ's own workers (embedded mode, retries of a job that
    another kind of worker picks up) call it by name."""
    result, seconds = run_engine(with_brand_profile(comment))
    log.info("analysed: %s", outline(result))
    job = get_current_job()
    if job is not None:
        observe_engine(job.connection, seconds)
    return result


def warm_up() -> None:
    """Load every engine resource now (language models, each language's lexicon and the mixed one, a trained
    model if configured, the reply texts), so the first real job is not the slow one."""
    load_engine()
    analyze({"text": "Bonjour, ma commande n'est toujours pas arrivée. Hello, any news?"}, engine_options())

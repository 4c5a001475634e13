"""RQ job functions: thin wrappers, JSON dict in -> engine -> JSON dict out (docs/contract.md)."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rq import get_current_job

from worker.analysis import analyze
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


def analyze_comment(comment: dict[str, Any]) -> dict[str, Any]:
    """Analyse one Comment (already validated by the API); the return value is the result."""
    result = analyze(comment, engine_options())
    log.info("analysed: language=%s category=%s priority=%s", result["language"]["code"],
             result["category"], result["priority"]["level"])
    return result


def warm_up() -> None:
    """Load every engine resource now, so the first real job is not the slow one."""
    analyze({"text": "Bonjour, ma commande n'est toujours pas arrivée. Hello, any news?"}, engine_options())

"""Worker configuration, read once from the environment.

| variable | default | meaning |
| --- | --- | --- |
| REDIS_URL | (required) | the Redis the API enqueues on |
| ECOUTE_QUEUE | ecoute | queue to listen on |
| ECOUTE_DEFAULT_LANGUAGE | fr | reply language when the comment's language has no template set |
| ECOUTE_REDIS_TIMEOUT | 5 | Redis connect timeout, seconds |
| ECOUTE_WORKER_NAME | random | worker name shown by `rq info`; must be unique, so leave it unset for replicas |
| LOG_LEVEL | INFO | logging level |
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class WorkerSettingsError(ValueError):
    """The environment cannot run a worker."""


@dataclass(frozen=True)
class WorkerSettings:
    redis_url: str | None = None
    queue_name: str = "ecoute"
    default_language: str = "fr"
    redis_timeout: float = 5.0
    worker_name: str | None = None
    model_path: str | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WorkerSettings:
        env = os.environ if environ is None else environ
        try:
            timeout = float(env.get("ECOUTE_REDIS_TIMEOUT", "") or 5.0)
        except ValueError as exc:
            raise WorkerSettingsError("ECOUTE_REDIS_TIMEOUT must be a number") from exc
        if not timeout > 0:
            raise WorkerSettingsError("ECOUTE_REDIS_TIMEOUT must be a positive number of seconds")
        language = (env.get("ECOUTE_DEFAULT_LANGUAGE", "") or "fr").strip().lower()
        if language not in ("fr", "en"):
            raise WorkerSettingsError("ECOUTE_DEFAULT_LANGUAGE must be 'fr' or 'en'")
        return cls(
            redis_url=env.get("REDIS_URL", "").strip() or None,
            queue_name=env.get("ECOUTE_QUEUE", "").strip() or "ecoute",
            default_language=language,
            redis_timeout=timeout,
            worker_name=env.get("ECOUTE_WORKER_NAME", "").strip() or None,
            model_path=env.get("ECOUTE_MODEL_PATH", "").strip() or None,
            log_level=(env.get("LOG_LEVEL", "") or "INFO").strip().upper(),
        )

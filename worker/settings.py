"""Worker configuration, read once from the environment.

| variable | default | meaning |
| --- | --- | --- |
| REDIS_URL | (required) | the Redis the API enqueues on |
| ECOUTE_QUEUE | ecoute | queue to listen on |
| ECOUTE_DEFAULT_LANGUAGE | fr | reply language when the comment's language has no template set |
| ECOUTE_REDIS_TIMEOUT | 5 | Redis connect timeout, seconds |
| ECOUTE_WORKER_NAME | random | worker name shown by `rq info`; must be unique, so leave it unset for replicas |
| ECOUTE_WORKER_BATCH | 64 | queued analyses a worker claims and runs at once (micro-batch; 1: one job at a time) |
| LOG_LEVEL | INFO | logging level |
| LOG_FORMAT | json | `json` (one object per line, with the job id) or `text` |
| ECOUTE_WEBHOOK_SECRET | unset | Standard Webhooks secret (`whsec_...`) signing deliveries to a comment's or batch's callback_url |
| ECOUTE_WEBHOOK_ALLOWED_NETWORKS | unset | comma-separated CIDRs the SSRF guard lets through (http allowed there too) |
| ECOUTE_WEBHOOK_RETRY_SCHEDULE | 5,30,120,600,3600,21600 | seconds before each retry of a failed delivery (jitter added) |
| ECOUTE_WEBHOOK_TIMEOUT | 15 | seconds a webhook receiver has to answer (30 at most) |
| ECOUTE_WEBHOOK_CA_BUNDLE | certifi's | PEM file of the CAs receivers' TLS certificates are verified against (a private CA) |
"""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

WEBHOOK_RETRY_SCHEDULE = (5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)


class WorkerSettingsError(ValueError):
    """The environment cannot run a worker."""


@dataclass(frozen=True)
class WorkerSettings:
    redis_url: str | None = None
    queue_name: str = "ecoute"
    default_language: str = "fr"
    redis_timeout: float = 5.0
    worker_name: str | None = None
    batch_size: int = 64
    model_path: str | None = None
    log_level: str = "INFO"
    log_format: str = "json"
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    webhook_retry_schedule: tuple[float, ...] = WEBHOOK_RETRY_SCHEDULE
    webhook_timeout: float = 15.0
    webhook_ca_bundle: str | None = None

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
            batch_size=_batch_size(env.get("ECOUTE_WORKER_BATCH", "")),
            model_path=env.get("ECOUTE_MODEL_PATH", "").strip() or None,
            log_level=(env.get("LOG_LEVEL", "") or "INFO").strip().upper(),
            log_format="text" if env.get("LOG_FORMAT", "").strip().lower() == "text" else "json",
            webhook_secret=env.get("ECOUTE_WEBHOOK_SECRET", "").strip() or None,
            webhook_allowed_networks=networks(env.get("ECOUTE_WEBHOOK_ALLOWED_NETWORKS", "")),
            webhook_retry_schedule=_schedule(env.get("ECOUTE_WEBHOOK_RETRY_SCHEDULE", "")),
            webhook_timeout=min(_positive(env, "ECOUTE_WEBHOOK_TIMEOUT", 15.0), 30.0),
            webhook_ca_bundle=env.get("ECOUTE_WEBHOOK_CA_BUNDLE", "").strip() or None,
        )


def networks(raw: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """ECOUTE_WEBHOOK_ALLOWED_NETWORKS: comma-separated CIDRs (a bare address is a /32 or /128)."""
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise WorkerSettingsError(f"ECOUTE_WEBHOOK_ALLOWED_NETWORKS: {exc}") from None


def _schedule(raw: str) -> tuple[float, ...]:
    if not raw.strip():
        return WEBHOOK_RETRY_SCHEDULE
    try:
        delays = tuple(float(part) for part in raw.split(",") if part.strip())
    except ValueError:
        delays = ()
    if not delays or any(not 0 <= delay <= 7 * 24 * 3600 for delay in delays):
        raise WorkerSettingsError("ECOUTE_WEBHOOK_RETRY_SCHEDULE must list seconds (0 to 7 days) separated by commas")
    return delays


def _batch_size(raw: str) -> int:
    if not raw.strip():
        return 64
    if not raw.strip().isdigit() or not 1 <= int(raw) <= 500:
        raise WorkerSettingsError("ECOUTE_WORKER_BATCH must be a whole number from 1 to 500")
    return int(raw)


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float(env.get(name, "") or default)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise WorkerSettingsError(f"{name} must be a positive number of seconds")
    return value

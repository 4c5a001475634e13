"""Service configuration, read once from the environment into one frozen object.

| variable | default | meaning |
| --- | --- | --- |
| REDIS_URL | unset | Redis for the queue; unset = embedded mode (fakeredis + in-process worker) |
| ECOUTE_API_KEYS | unset | comma-separated API keys; when set every /v1 route needs `Authorization: Bearer <key>` |
| ECOUTE_ALLOW_ANONYMOUS | 0 | 1 lets the service start with REDIS_URL and no API keys |
| ECOUTE_REQUIRE_AUTH | 0 | 1: every /v1 route needs a key even before `ecoute keys create` made one (REDIS_URL without ECOUTE_API_KEYS) |
| ECOUTE_DEFAULT_TENANT | default | tenant of the ECOUTE_API_KEYS keys and of anonymous calls; its data keeps the single-tenant Redis layout |
| ECOUTE_RATE_LIMIT | 600/minute | requests per API key (per client address without one), flask-limiter syntax ("100/minute;5000/hour"); `off` disables |
| ECOUTE_TENANT_MAX_QUEUED | 10000 | analyses a tenant may have queued or running at once (429 past it); 0 = no cap |
| ECOUTE_QUEUE | ecoute | RQ queue name for analyses |
| ECOUTE_MAX_BODY_BYTES | 4194304 | request body limit (413 above it) |
| ECOUTE_RESULT_TTL | 2592000 | retention: seconds analyses, results, batches and idempotency records are kept (30 days) |
| ECOUTE_IDEMPOTENCY_TTL | 86400 | seconds an Idempotency-Key is remembered (24 h; never longer than the retention) |
| ECOUTE_META_APP_SECRET | unset | Meta app secret: checks X-Hub-Signature-256 on POST /v1/inbound/meta (unset: route off, 404) |
| ECOUTE_META_VERIFY_TOKEN | unset | token of Meta's GET /v1/inbound/meta verification handshake |
| ECOUTE_INBOUND_SECRET | unset | Standard Webhooks secret (whsec_...) of POST /v1/inbound/generic (unset: route off, 404) |
| ECOUTE_JOB_TIMEOUT | 30 | seconds an analysis job may run before it is failed |
| ECOUTE_REDIS_TIMEOUT | 2 | Redis connect and socket timeout, seconds (503 past it) |
| LOG_LEVEL | INFO | logging level of the service (and gunicorn's) |
| LOG_FORMAT | json | `json` (one object per line, with the request id) or `text` |
| ECOUTE_WEBHOOK_SECRET | unset | Standard Webhooks secret (whsec_...) the worker signs callback_url deliveries with; unset: callback_url is refused (422) |
| ECOUTE_WEBHOOK_ALLOWED_NETWORKS | unset | comma-separated CIDRs webhooks may reach besides public addresses (http allowed there) |
| HOST | 127.0.0.1 | address gunicorn binds (service/gunicorn.conf.py) |
| PORT | 8000 | port gunicorn binds (service/gunicorn.conf.py) |
| WEB_CONCURRENCY | 2 x cores + 1, at most 8 | gunicorn worker processes with REDIS_URL; embedded mode always uses 1 |

ECOUTE_DEFAULT_LANGUAGE (language of replies when the comment's has no templates) is read by the
worker, not by the service: the job payload carries only the comment.
"""
from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """The environment describes a configuration the service refuses to run with."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc
    if value <= 0:
        raise SettingsError(f"{name} must be positive")
    return value


def _log_format(raw: str) -> str:
    value = raw.strip().lower() or "json"
    if value not in ("json", "text"):
        raise SettingsError(f"LOG_FORMAT must be json or text, got {raw!r}")
    return value


def _log_level(raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {raw!r}")
    return level


def _networks(raw: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise SettingsError(f"ECOUTE_WEBHOOK_ALLOWED_NETWORKS: {exc}") from None


def _tenant(raw: str) -> str:
    from service.tenants import TENANT_PATTERN

    value = raw.strip() or "default"
    if not re.fullmatch(TENANT_PATTERN, value):
        raise SettingsError("ECOUTE_DEFAULT_TENANT must be 1 to 63 lowercase letters, digits, '-' or '_'")
    return value


def _rate_limit(raw: str) -> str | None:
    value = raw.strip() or "600/minute"
    if value.lower() in ("off", "0", "none"):
        return None
    from limits import parse_many

    try:
        parse_many(value)
    except ValueError:
        raise SettingsError(f"ECOUTE_RATE_LIMIT must read like '600/minute' or '100/minute;5000/hour', "
                            f"got {raw!r}") from None
    return value


def _count(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a whole number (0: no cap), got {raw!r}")
    return int(raw)


def _seconds(environ: Mapping[str, str], name: str, default: int) -> int:
    """Whole seconds, at least 1 (RQ and Redis TTLs count in seconds)."""
    return max(1, round(_number(environ, name, default)))


@dataclass(frozen=True)
class Settings:
    """Everything the service needs to know about its deployment; tests build one directly."""

    redis_url: str | None = field(default=None, repr=False)   # may carry a password
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    allow_anonymous: bool = False
    queue_name: str = "ecoute"
    max_body_bytes: int = 4 * 1024 * 1024
    result_ttl: int = 30 * 24 * 3600
    idempotency_ttl: int = 24 * 3600
    meta_app_secret: str | None = field(default=None, repr=False)
    meta_verify_token: str | None = field(default=None, repr=False)
    inbound_secret: str | None = field(default=None, repr=False)
    job_timeout: int = 30
    redis_timeout: float = 2.0
    log_level: str = "INFO"
    log_format: str = "json"
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    start_embedded_worker: bool = True   # tests turn it off to run their own worker
    require_auth: bool = False
    default_tenant: str = "default"
    rate_limit: str | None = "600/minute"
    tenant_max_queued: int = 10000

    @property
    def embedded(self) -> bool:
        """No REDIS_URL: fakeredis in the process and a worker thread next to the API."""
        return not self.redis_url

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the variables of the table above (os.environ unless a mapping is given)."""
        env = os.environ if environ is None else environ
        keys = tuple(k.strip() for k in env.get("ECOUTE_API_KEYS", "").split(",") if k.strip())
        return cls(
            redis_url=env.get("REDIS_URL", "").strip() or None,
            api_keys=keys,
            allow_anonymous=_flag(env.get("ECOUTE_ALLOW_ANONYMOUS")),
            require_auth=_flag(env.get("ECOUTE_REQUIRE_AUTH")),
            default_tenant=_tenant(env.get("ECOUTE_DEFAULT_TENANT", "")),
            rate_limit=_rate_limit(env.get("ECOUTE_RATE_LIMIT", "")),
            tenant_max_queued=_count(env, "ECOUTE_TENANT_MAX_QUEUED", 10000),
            queue_name=env.get("ECOUTE_QUEUE", "").strip() or "ecoute",
            max_body_bytes=int(_number(env, "ECOUTE_MAX_BODY_BYTES", 4 * 1024 * 1024)),
            result_ttl=_seconds(env, "ECOUTE_RESULT_TTL", 30 * 24 * 3600),
            idempotency_ttl=_seconds(env, "ECOUTE_IDEMPOTENCY_TTL", 24 * 3600),
            meta_app_secret=env.get("ECOUTE_META_APP_SECRET", "").strip() or None,
            meta_verify_token=env.get("ECOUTE_META_VERIFY_TOKEN", "").strip() or None,
            inbound_secret=env.get("ECOUTE_INBOUND_SECRET", "").strip() or None,
            job_timeout=_seconds(env, "ECOUTE_JOB_TIMEOUT", 30),
            redis_timeout=_number(env, "ECOUTE_REDIS_TIMEOUT", 2.0),
            log_level=_log_level(env.get("LOG_LEVEL", "")),
            log_format=_log_format(env.get("LOG_FORMAT", "")),
            webhook_secret=env.get("ECOUTE_WEBHOOK_SECRET", "").strip() or None,
            webhook_allowed_networks=_networks(env.get("ECOUTE_WEBHOOK_ALLOWED_NETWORKS", "")),
        )

    @property
    def idempotency_window(self) -> int:
        """Seconds an Idempotency-Key is remembered: its own TTL, capped by the retention."""
        return min(self.idempotency_ttl, self.result_ttl)

    def validate(self) -> None:
        """Refuse configurations that would expose an open production API by accident, or that name
        an inbound secret no signature could ever match."""
        if self.inbound_secret:
            from service.inbound import InboundError, standard_webhook

            try:
                standard_webhook(self.inbound_secret)
            except InboundError as exc:
                raise SettingsError(f"ECOUTE_INBOUND_SECRET: {exc}") from None
        if self.webhook_secret:
            from standardwebhooks import Webhook

            try:
                Webhook(self.webhook_secret)
            except Exception as exc:   # empty, or not base64: no worker could sign with it
                raise SettingsError(f"ECOUTE_WEBHOOK_SECRET must be 'whsec_' + base64 ({type(exc).__name__})") from None
        if self.redis_url and not self.api_keys and not self.allow_anonymous and not self.require_auth:
            raise SettingsError(
                "REDIS_URL is set but ECOUTE_API_KEYS is empty: set API keys, ECOUTE_REQUIRE_AUTH=1 to accept "
                "only the keys of `ecoute keys create`, or ECOUTE_ALLOW_ANONYMOUS=1 to serve without "
                "authentication until a key exists"
            )

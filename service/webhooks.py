"""Webhook subscriptions and their deliveries, stored in Redis (the worker delivers: worker/webhooks.py).

The service never imports the worker: the keys and the delivery job's name below are the seam of
docs/contract.md ("Webhooks"), and tests/worker/test_webhooks.py keeps both sides equal.
A subscription's secret is stored with it (the worker signs with it) and leaves the service once,
in the answer to its creation.
"""
from __future__ import annotations

import base64
import ipaddress
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from redis import Redis
from rq import Queue, Retry

from service.errors import ServiceError
from service.settings import Settings
from service.tenants import tenant_key

EVENT_TYPES = ("analysis.succeeded", "analysis.failed", "batch.completed")
ENDPOINTS_KEY = "ecoute:webhooks"
ENDPOINT_KEY = "ecoute:webhook:{}"
ENDPOINT_DELIVERIES_KEY = "ecoute:webhook:{}:deliveries"
DELIVERY_KEY = "ecoute:webhook-delivery:{}"
ANALYSIS_DELIVERIES_KEY = "ecoute:analysis:{}:deliveries"   # an analysis' delivery ids (written by the worker)
DELIVER_JOB = "worker.webhooks.deliver"
MAX_URL = 2000
_PUBLIC = ("id", "url", "events", "description", "status", "disabled_reason", "created_at")
_DELIVERY_PUBLIC = ("id", "type", "status", "attempts", "last_status_code", "last_error", "last_attempt_at",
                    "next_attempt_at", "created_at")


class Conflict(ServiceError):
    """The action does not fit the resource's current state."""

    status = 409
    title = "Conflict"


def webhook_queue(queue_name: str) -> str:
    return f"{queue_name}-webhooks"


def new_secret() -> str:
    """A Standard Webhooks secret: 'whsec_' and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def url_problem(url: str, settings: Settings | None) -> str | None:
    """Why this URL can never be delivered to, or None. Shape only (plus IP literals): names are
    resolved and every address checked by the worker, at delivery time."""
    if len(url) > MAX_URL:
        return f"Must be at most {MAX_URL} characters."
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "Must not contain spaces or control characters."
    try:
        parts = urlsplit(url)
        parts.port   # noqa: B018 - raises on a bad port
    except ValueError:
        return "Must be a valid URL."
    allowed = settings.webhook_allowed_networks if settings is not None else ()
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return "Must be an https:// URL with a host."
    if parts.scheme == "http" and not allowed:
        return "Must be https (http only reaches ECOUTE_WEBHOOK_ALLOWED_NETWORKS, and none is configured)."
    if parts.username is not None or parts.password is not None:
        return "Must not carry credentials."
    if parts.fragment:
        return "Must not have a fragment."
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return None
    if any(address in network for network in allowed if network.version == address.version):
        return None
    if not address.is_global or address.is_multicast:
        return "Must reach a public address (or one in ECOUTE_WEBHOOK_ALLOWED_NETWORKS)."
    if parts.scheme == "http":
        return "Must be https (http only reaches ECOUTE_WEBHOOK_ALLOWED_NETWORKS)."
    return None


def callback_url_problem(url: str) -> str | None:
    """url_problem() for a comment's or batch's callback_url, which is signed with ECOUTE_WEBHOOK_SECRET."""
    from flask import current_app

    settings = current_app.extensions["ecoute"].settings if current_app else None
    if settings is not None and not settings.webhook_secret:
        return ("Not available: this deployment has no ECOUTE_WEBHOOK_SECRET to sign callbacks with "
                "(subscribe with POST /v1/webhooks instead).")
    return url_problem(url, settings)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def endpoints_key(tenant: str | None) -> str:
    """The set of a tenant's subscription ids: ENDPOINTS_KEY for the default tenant (None)."""
    return ENDPOINTS_KEY if tenant is None else tenant_key(tenant, "webhooks")


@dataclass(frozen=True)
class WebhookStore:
    """One tenant's subscriptions (None: the default tenant's); another tenant's are not found."""

    connection: Redis
    queue_name: str
    tenant: str | None = None

    def create(self, url: str, events: list[str], description: str | None) -> dict[str, Any]:
        """Store a subscription; the answer is the only one that carries its secret."""
        record = {"id": str(uuid.uuid4()), "url": url, "events": sorted(set(events), key=EVENT_TYPES.index),
                  "description": description, "status": "active", "disabled_reason": None,
                  "created_at": _now(), "secret": new_secret()}
        if self.tenant is not None:
            record["tenant"] = self.tenant
        with self.connection.pipeline() as pipe:
            pipe.set(ENDPOINT_KEY.format(record["id"]), json.dumps(record))
            pipe.sadd(endpoints_key(self.tenant), record["id"])
            pipe.execute()
        return {**public(record), "secret": record["secret"]}

    def _record(self, endpoint_id: str) -> dict[str, Any] | None:
        raw = self.connection.get(ENDPOINT_KEY.format(endpoint_id))
        record = json.loads(raw) if raw is not None else None
        return record if record is not None and record.get("tenant") == self.tenant else None

    def get(self, endpoint_id: str) -> dict[str, Any] | None:
        record = self._record(endpoint_id)
        return public(record) if record is not None else None

    def list(self) -> list[dict[str, Any]]:
        ids = sorted(m.decode() if isinstance(m, bytes) else m
                     for m in self.connection.smembers(endpoints_key(self.tenant)))
        raws = self.connection.mget([ENDPOINT_KEY.format(i) for i in ids]) if ids else []
        records = [public(record) for record in (json.loads(raw) for raw in raws if raw is not None)
                   if record.get("tenant") == self.tenant]
        return sorted(records, key=lambda r: (r["created_at"], r["id"]))

    def delete(self, endpoint_id: str) -> bool:
        """Delete a subscription and its delivery history; pending deliveries end as dead letters."""
        if self._record(endpoint_id) is None:
            return False
        with self.connection.pipeline() as pipe:
            pipe.delete(ENDPOINT_KEY.format(endpoint_id))
            pipe.srem(endpoints_key(self.tenant), endpoint_id)
            pipe.delete(ENDPOINT_DELIVERIES_KEY.format(endpoint_id))
            deleted = pipe.execute()[0]
        return bool(deleted)

    def deliveries(self, endpoint_id: str, limit: int) -> list[dict[str, Any]]:
        """The subscription's deliveries, newest first."""
        ids = [m.decode() if isinstance(m, bytes) else m
               for m in self.connection.zrevrange(ENDPOINT_DELIVERIES_KEY.format(endpoint_id), 0, limit - 1)]
        raws = self.connection.mget([DELIVERY_KEY.format(i) for i in ids]) if ids else []
        return [delivery_view(json.loads(raw)) for raw in raws if raw is not None]

    def delivery(self, endpoint_id: str, delivery_id: str) -> dict[str, Any] | None:
        raw = self.connection.get(DELIVERY_KEY.format(delivery_id))
        record = json.loads(raw) if raw is not None else None
        return record if record is not None and record.get("endpoint_id") == endpoint_id else None

    def redeliver(self, endpoint_id: str, delivery_id: str) -> dict[str, Any] | None:
        """Send an ended delivery again now, same webhook-id and body, with a fresh retry schedule."""
        endpoint = self._record(endpoint_id)
        record = self.delivery(endpoint_id, delivery_id) if endpoint is not None else None
        if endpoint is None or record is None:
            return None
        if endpoint["status"] != "active":
            raise Conflict(f"The subscription is disabled ({endpoint.get('disabled_reason')}); "
                           "create a new one to receive events again.")
        if record["status"] == "pending":
            raise Conflict("The delivery is still pending: it will be attempted again at next_attempt_at.")
        token = uuid.uuid4().hex
        record.update(status="pending", token=token, next_attempt_at=_now(), attempts=0, waits=0)
        queue = Queue(webhook_queue(self.queue_name), connection=self.connection)
        data = Queue.prepare_data(DELIVER_JOB, args=(delivery_id, token), job_id=f"{delivery_id}-{token}",
                                  timeout=60, result_ttl=600, retry=Retry(max=3, interval=[5, 60, 600]),
                                  description="webhook delivery")
        with self.connection.pipeline() as pipe:
            pipe.set(DELIVERY_KEY.format(delivery_id), json.dumps(record), keepttl=True)
            queue.enqueue_many([data], pipeline=pipe)
            pipe.execute()
        return delivery_view(record)


def analysis_deliveries(connection: Redis, analysis_id: str) -> list[dict[str, Any]]:
    """The deliveries made for one analysis (to its callback_url and to subscriptions), oldest first."""
    ids = [m.decode() if isinstance(m, bytes) else m
           for m in connection.smembers(ANALYSIS_DELIVERIES_KEY.format(analysis_id))]
    raws = connection.mget([DELIVERY_KEY.format(i) for i in ids]) if ids else []
    records = [json.loads(raw) for raw in raws if raw is not None]
    return [delivery_view(record) for record in sorted(records, key=lambda r: (r.get("created_at") or "", r["id"]))]


def forget_analysis(connection: Redis, analysis_id: str) -> int:
    """Erase the delivery records (their payloads are copies of the analysis) made for this analysis;
    how many there were. Pending ones end as stale jobs: their record is gone."""
    index = ANALYSIS_DELIVERIES_KEY.format(analysis_id)
    ids = [m.decode() if isinstance(m, bytes) else m for m in connection.smembers(index)]
    connection.delete(index, *(DELIVERY_KEY.format(i) for i in ids))
    return len(ids)


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A subscription as the API shows it: never its secret."""
    return {key: record.get(key) for key in _PUBLIC}


def delivery_view(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in _DELIVERY_PUBLIC}

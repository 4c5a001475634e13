"""Outbound webhooks: events out of finished analyses and batches, signed (Standard Webhooks) and
delivered by RQ jobs on their own queue, with retries, a dead-letter state and an SSRF guard.

    analysis job ends ──on_success/on_failure callback──► emit(): one delivery record per target
    (the comment's callback_url, every active subscription to the event type) and a `deliver` job
    on the `<queue>-webhooks` queue ──► deliver(): check the destination, sign, POST, record the
    outcome; reschedule itself (backoff + jitter) or end as `succeeded` / `dead_letter`.

The payload's `data` is read from Redis at the first attempt, once the analysis job is stored as
ended, so it is the same JSON as GET /v1/analyses/{id}; it is then kept, and every retry (and a
redelivery) sends the same body under the same `webhook-id`.

Errors of the destination check:

    DestinationError
     ├── DestinationRefused    the URL or one of its addresses is not allowed (never retried)
     └── DestinationUnresolved the name does not resolve right now (retried)

Redis keys (shared with service/webhooks.py, see docs/contract.md): `ecoute:webhooks` (set of
the default tenant's subscription ids; another tenant's: `ecoute:tenant:<tenant>:webhooks`), `ecoute:webhook:<id>` (subscription JSON, with its secret),
`ecoute:webhook:<id>:deliveries` (sorted set of delivery ids by creation time) and
`ecoute:webhook-delivery:<id>` (delivery JSON), `ecoute:analysis:<id>:deliveries` (an analysis'
delivery ids, so that the API's erasure reaches them).
"""
from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import random
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import urllib3
from redis import Redis
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.results import Result
from standardwebhooks import Webhook

from worker.metrics import count_delivery
from worker import keys
from worker.settings import WorkerSettings

log = logging.getLogger(__name__)

EVENT_TYPES = ("analysis.succeeded", "analysis.failed", "batch.completed")
ENDPOINTS_KEY = "ecoute:webhooks"
ENDPOINT_KEY = "ecoute:webhook:{}"
ENDPOINT_DELIVERIES_KEY = "ecoute:webhook:{}:deliveries"
DELIVERY_KEY = "ecoute:webhook-delivery:{}"
BATCH_KEY = "ecoute:batch:{}"                 # written by the API (service/queueing.py)
BATCH_ENDED_KEY = "ecoute:batch:{}:ended"
ANALYSIS_BATCHES_KEY = "ecoute:analysis:{}:batches"   # later batches reusing it (written by the API)
BATCH_EMITTED_KEY = "ecoute:batch:{}:completed"
DELIVER_JOB = "worker.webhooks.deliver"
DELIVERY_TTL = 30 * 24 * 3600                 # delivery records (and their payloads): the analysis' retention, else 30 days
ANALYSIS_DELIVERIES_KEY = "ecoute:analysis:{}:deliveries"   # its delivery ids, erased with it by the API
ERASED_KEY = "ecoute:erased:{}"               # written by the API (DELETE /v1/analyses/{id})
DELIVERIES_KEPT = 1000                        # per subscription, newest first
MAX_DATA_WAITS = 30                           # seconds waited for the analysis to be stored as ended
GONE = 410
SLOW_DOWN = {429, 502, 504}
INFRA_RETRY = (5, 60, 600)   # RQ retries of a delivery job that raised (e.g. Redis went away mid-attempt)


def webhook_queue(queue_name: str) -> str:
    """Deliveries run on their own queue, named after the analyses' one ('ecoute' -> 'ecoute-webhooks')."""
    return f"{queue_name}-webhooks"


# ---- settings ----------------------------------------------------------------------------------

_configured: WorkerSettings | None = None


def configure(settings: WorkerSettings | None) -> None:
    """Use these settings instead of the environment's (tests; None goes back to the environment)."""
    global _configured
    _configured = settings


@lru_cache(maxsize=1)
def _settings_from_env() -> WorkerSettings:
    return WorkerSettings.from_env()


def current_settings() -> WorkerSettings:
    return _configured if _configured is not None else _settings_from_env()


# ---- destination check (SSRF guard) ------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


class DestinationError(Exception):
    """The webhook URL cannot be delivered to."""


class DestinationRefused(DestinationError):
    """The URL or one of the addresses its name resolves to is not allowed."""


class DestinationUnresolved(DestinationError):
    """The host name does not resolve (now); worth retrying later."""


@dataclass(frozen=True)
class Destination:
    """A checked URL: where to connect (the checked addresses) and what to send as Host and path."""

    scheme: str
    host: str
    port: int
    target: str
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def system_resolver(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def refusal(address: IPAddress) -> str | None:
    """Why a public-only guard refuses this address, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            return refusal(embedded)
    for reason, test in (("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
                         ("link-local (cloud metadata lives there)", address.is_link_local),
                         ("multicast", address.is_multicast), ("private", address.is_private),
                         ("reserved", address.is_reserved), ("not public", not address.is_global)):
        if test:
            return reason
    return None


def check_destination(url: str, allowed: Iterable[Network] = (),
                      resolve: Resolver = system_resolver) -> Destination:
    """Resolve the URL's host now and check every address it resolves to.

    By default only https to public addresses passes. Addresses inside an allowed network pass
    whatever their kind, and http is accepted when every address is inside one.
    """
    allowed = tuple(allowed)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise DestinationRefused(f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not host:
        raise DestinationRefused("only http(s) URLs with a host are delivered to")
    if parts.username is not None or parts.password is not None:
        raise DestinationRefused("URLs with credentials are refused")
    port = port or (443 if scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise DestinationUnresolved(f"{host!r} does not resolve ({type(exc).__name__})") from None
        if not addresses:
            raise DestinationUnresolved(f"{host!r} does not resolve")
    unique = tuple(dict.fromkeys(addresses))
    for address in unique:
        listed = any(address in network for network in allowed if network.version == address.version)
        if listed:
            continue
        reason = refusal(address)
        if reason is not None:
            raise DestinationRefused(f"address {address} is {reason} and not in ECOUTE_WEBHOOK_ALLOWED_NETWORKS")
        if scheme != "https":
            raise DestinationRefused(f"http is only delivered to ECOUTE_WEBHOOK_ALLOWED_NETWORKS; {address} is not")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Destination(scheme, host, port, target, unique)


_confined: tuple[Network, ...] | None = None


def confine(networks: tuple[Network, ...] | None) -> None:
    """Test suites: deliver only inside these networks and resolve no name but 'localhost', whatever
    the guard would allow (None lifts it). Nothing then leaves the machine, not even a DNS query."""
    global _confined
    _confined = networks


def _confined_resolver(host: str, port: int) -> list[str]:
    if host == "localhost":
        return ["127.0.0.1"]
    raise OSError("names other than localhost are not resolved while deliveries are confined")


def destination_for(url: str, settings: WorkerSettings) -> Destination:
    """check_destination() with the settings' allow-list (and the test confinement, when set)."""
    if _confined is None:
        return check_destination(url, settings.webhook_allowed_networks)
    destination = check_destination(url, settings.webhook_allowed_networks, _confined_resolver)
    for address in destination.addresses:
        if not any(address in network for network in _confined if network.version == address.version):
            raise DestinationRefused(f"address {address} is outside the networks deliveries are confined to")
    return destination


# ---- signing and sending -----------------------------------------------------------------------

def signed_headers(secret: str, message_id: str, body: str, moment: datetime | None = None) -> dict[str, str]:
    """Standard Webhooks headers for one attempt: id, timestamp (now) and the v1 HMAC-SHA256 signature."""
    moment = moment or datetime.now(timezone.utc)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, moment, body),
        "Content-Type": "application/json",
        "User-Agent": "Ecoute-Webhooks/1",
    }


@dataclass(frozen=True)
class Outcome:
    status: int | None
    retry_after: float | None = None
    error: str | None = None


def post(destination: Destination, headers: dict[str, str], body: bytes, timeout: float,
         ca_bundle: str | None = None) -> Outcome:
    """POST to the first checked address (the connection is pinned to it: no second DNS lookup),
    with TLS verified against the URL's host name (certifi's CAs, or `ca_bundle`). Redirects are not
    followed."""
    address = str(destination.addresses[0])
    options: dict[str, Any] = {"timeout": urllib3.Timeout(total=timeout), "retries": False, "maxsize": 1}
    pool: urllib3.HTTPConnectionPool
    if destination.scheme == "https":
        import certifi

        pool = urllib3.HTTPSConnectionPool(address, destination.port, server_hostname=destination.host,
                                           assert_hostname=destination.host, cert_reqs="CERT_REQUIRED",
                                           ca_certs=ca_bundle or certifi.where(), **options)
    else:
        pool = urllib3.HTTPConnectionPool(address, destination.port, **options)
    try:
        response = pool.urlopen("POST", destination.target, body=body,
                                headers={**headers, "Host": destination.host_header},
                                redirect=False, retries=False, preload_content=False, assert_same_host=False)
        status = response.status
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        response.release_conn()
        return Outcome(status, retry_after)
    except urllib3.exceptions.HTTPError as exc:
        return Outcome(None, error=_describe_error(exc))
    except OSError as exc:
        return Outcome(None, error=type(exc).__name__)
    finally:
        pool.close()


def _describe_error(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    if isinstance(exc, urllib3.exceptions.TimeoutError) or isinstance(reason, urllib3.exceptions.TimeoutError):
        return "timed out"
    if isinstance(reason, Exception):
        return f"{type(exc).__name__}: {type(reason).__name__}"
    return type(exc).__name__


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - datetime.now(timezone.utc)).total_seconds())


def next_delay(attempts: int, schedule: tuple[float, ...], outcome: Outcome) -> float | None:
    """Seconds before the next attempt after `attempts` failed ones, or None when none is left.

    The schedule's delay with ±20 % jitter; a 429/502/504 doubles it (the receiver asks us to slow
    down) and a Retry-After is honoured, up to the schedule's longest delay.
    """
    if attempts > len(schedule):
        return None
    delay = schedule[attempts - 1] * random.uniform(0.8, 1.2)
    if outcome.status in SLOW_DOWN:
        delay *= 2
    if outcome.retry_after is not None:
        delay = max(delay, min(outcome.retry_after, max(schedule)))
    return delay


# ---- the public view of analyses and batches (same JSON as the API's GET) ----------------------

_STATUS = {
    JobStatus.QUEUED: "queued", JobStatus.DEFERRED: "queued", JobStatus.SCHEDULED: "queued",
    JobStatus.STARTED: "running", JobStatus.FINISHED: "succeeded", JobStatus.FAILED: "failed",
    JobStatus.STOPPED: "failed", JobStatus.CANCELED: "failed",
}


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def error_line(exc_string: str | None) -> str:
    """'ExceptionClass: message' on one line (the API's rule, service/queueing.py `_error_line`)."""
    lines = (exc_string or "").strip().splitlines()
    last_frame = max((i for i, line in enumerate(lines) if line.startswith("  File ")), default=-1)
    tail = lines[last_frame + 1:]
    while tail and (not tail[0].strip() or tail[0][:1].isspace()):
        tail = tail[1:]
    text = " ".join(line.strip() for line in tail if line.strip())
    if not text:
        return "The analysis failed."
    head, sep, message = text.partition(":")
    if sep and " " not in head:
        text = f"{head.rsplit('.', 1)[-1]}:{message}"
    return text[:500]


def analysis_view(job: Job) -> dict[str, Any]:
    """The body of GET /v1/analyses/{id} for this job (kept equal to service.queueing.describe by a test)."""
    status = _STATUS.get(job.get_status(refresh=True) or JobStatus.QUEUED, "queued")
    meta = job.get_meta(refresh=False) or {}
    body: dict[str, Any] = {
        "id": job.id, "status": status, "created_at": iso(job.created_at), "finished_at": None,
        "external_id": meta.get("external_id"), "metadata": meta.get("metadata"),
        "result": None, "error": None,
    }
    if status in ("succeeded", "failed"):
        latest = job.latest_result()
        if latest is not None:
            body["finished_at"] = iso(latest.created_at)
            if latest.type == Result.Type.SUCCESSFUL:
                body["status"] = "succeeded"
                body["result"] = latest.return_value
            else:
                body["status"] = "failed"
                body["error"] = {"type": "analysis_failed", "message": error_line(latest.exc_string)}
        else:
            body["finished_at"] = iso(job.ended_at)
            if status == "failed":
                body["error"] = {"type": "analysis_failed", "message": "The analysis failed."}
    return body


def batch_view(connection: Redis, batch_id: str) -> dict[str, Any] | None:
    """batch.completed data: the batch's counts and each analysis' id, external id and status
    (the results themselves are read with GET /v1/batches/{id})."""
    raw = connection.get(BATCH_KEY.format(batch_id))
    if raw is None:
        return None
    record = json.loads(raw)
    jobs = Job.fetch_many(record["ids"], connection=connection)
    counts = {status: 0 for status in ("queued", "running", "succeeded", "failed")}
    analyses = []
    for analysis_id, job in zip(record["ids"], jobs):
        status = "failed" if job is None else _STATUS.get(job.get_status(refresh=False) or JobStatus.QUEUED, "queued")
        counts[status] += 1
        external_id = (job.meta or {}).get("external_id") if job is not None else None
        analyses.append({"id": analysis_id, "external_id": external_id, "status": status})
    status = "completed" if counts["queued"] + counts["running"] == 0 else "running"
    return {"id": record["id"], "status": status, "created_at": record["created_at"], "counts": counts,
            "analyses": analyses}


# ---- events ------------------------------------------------------------------------------------

def on_analysis_succeeded(job: Job, connection: Redis, result: Any) -> None:
    """RQ success callback of every analysis job (set by the API at enqueue time)."""
    _safely(_analysis_ended, job, connection, "analysis.succeeded")


def on_analysis_failed(job: Job, connection: Redis, *exc_info: Any) -> None:
    """RQ failure callback: an event only once the job has failed for good (no retry left)."""
    if job.should_retry:
        return
    _safely(_analysis_ended, job, connection, "analysis.failed")


def on_analysis_stopped(job: Job, connection: Redis) -> None:
    """RQ stopped callback: a job stopped on request is failed for good (the API shows it as failed)."""
    _safely(_analysis_ended, job, connection, "analysis.failed")


def _safely(func: Callable[..., None], job: Job, *args: Any) -> None:
    # A callback that raises would fail the analysis itself: webhooks must never do that.
    try:
        func(job, *args)
    except Exception:
        log.exception("analysis %s: could not emit its webhook events", job.id)


def _analysis_ended(job: Job, connection: Redis, event_type: str) -> None:
    meta = job.meta or {}
    queue_name = job.origin
    tenant = meta.get("tenant")   # None: the default tenant; events go to its subscriptions only
    keys.release(connection, tenant, job.id)   # ended for good: off its tenant's cap
    if connection.exists(ERASED_KEY.format(job.id)):
        return   # erased while it ran: no copy of it may be made now
    ttl = job.result_ttl if job.result_ttl and job.result_ttl > 0 else DELIVERY_TTL   # the retention
    emit(connection, queue_name, event_type, {"analysis_id": job.id}, meta.get("callback_url"), ttl=ttl,
         tenant=tenant)
    batches = [meta["batch_id"]] if meta.get("batch_id") else []
    # later batches that reused this analysis by external_id (service/queueing.py)
    batches += [b.decode() if isinstance(b, bytes) else b
                for b in connection.smembers(ANALYSIS_BATCHES_KEY.format(job.id))]
    for batch_id in batches:
        _batch_item_ended(connection, queue_name, batch_id, job.id, ttl)


def _batch_item_ended(connection: Redis, queue_name: str, batch_id: str, analysis_id: str, ttl: int) -> None:
    """Count one ended analysis for its batch; the last one announces batch.completed (once)."""
    raw = connection.get(BATCH_KEY.format(batch_id))
    if raw is None:
        return
    record = json.loads(raw)
    ended_key = BATCH_ENDED_KEY.format(batch_id)
    with connection.pipeline() as pipe:
        pipe.sadd(ended_key, analysis_id)
        pipe.expire(ended_key, ttl)
        pipe.scard(ended_key)
        ended = pipe.execute()[-1]
    if ended >= len(set(record["ids"])) and connection.set(BATCH_EMITTED_KEY.format(batch_id), "1", nx=True,
                                                           ex=ttl):
        emit(connection, queue_name, "batch.completed", {"batch_id": batch_id}, record.get("callback_url"),
             ttl=ttl, tenant=record.get("tenant"))


def endpoints_key(tenant: str | None) -> str:
    """The set of a tenant's subscription ids: ENDPOINTS_KEY for the default tenant (None)."""
    return ENDPOINTS_KEY if tenant is None else keys.tenant_key(tenant, "webhooks")


def subscribed(connection: Redis, event_type: str, tenant: str | None = None) -> list[dict[str, Any]]:
    """The tenant's active subscriptions to this event type."""
    ids = sorted(member.decode() if isinstance(member, bytes) else member
                 for member in connection.smembers(endpoints_key(tenant)))
    if not ids:
        return []
    records = connection.mget([ENDPOINT_KEY.format(i) for i in ids])
    endpoints = [json.loads(raw) for raw in records if raw is not None]
    return [e for e in endpoints if e.get("status") == "active" and event_type in e.get("events", ())
            and e.get("tenant") == tenant]


def emit(connection: Redis, queue_name: str, event_type: str, subject: dict[str, str],
         callback_url: str | None = None, ttl: int = DELIVERY_TTL, tenant: str | None = None, *,
         pipeline: Any = None, endpoints: list[dict[str, Any]] | None = None) -> list[str]:
    """Record one delivery per target (the callback URL, each subscription) and queue them; their ids.

    Records are kept `ttl` seconds (the retention); an analysis' delivery ids are listed under
    ANALYSIS_DELIVERIES_KEY so that erasing the analysis erases the copies of it they hold. With a
    `pipeline`, the records and the delivery jobs are added to it (the caller executes it) and
    `endpoints` are the tenant's subscription records already read (filtered here as subscribed() does)."""
    now = datetime.now(timezone.utc)
    targets: list[tuple[str | None, str | None]] = [(None, callback_url)] if callback_url else []
    chosen = (subscribed(connection, event_type, tenant) if endpoints is None
              else [e for e in endpoints if _subscribes(e, event_type, tenant)])
    targets += [(endpoint["id"], None) for endpoint in chosen]
    delivery_ids = []
    for endpoint_id, url in targets:
        delivery_id = f"msg_{uuid.uuid4().hex}"
        token = uuid.uuid4().hex
        record = {"id": delivery_id, "endpoint_id": endpoint_id, "url": url, "type": event_type,
                  "subject": subject, "queue": webhook_queue(queue_name), "timestamp": iso_precise(now),
                  "payload": None, "status": "pending", "attempts": 0, "last_status_code": None,
                  "last_error": None, "last_attempt_at": None, "next_attempt_at": iso(now),
                  "created_at": iso(now), "token": token, "waits": 0}
        pipe = pipeline if pipeline is not None else connection.pipeline()
        pipe.set(DELIVERY_KEY.format(delivery_id), json.dumps(record), ex=ttl)
        if "analysis_id" in subject:
            pipe.sadd(ANALYSIS_DELIVERIES_KEY.format(subject["analysis_id"]), delivery_id)
            pipe.expire(ANALYSIS_DELIVERIES_KEY.format(subject["analysis_id"]), ttl)
        if endpoint_id:
            index = ENDPOINT_DELIVERIES_KEY.format(endpoint_id)
            pipe.zadd(index, {delivery_id: now.timestamp()})
            pipe.zremrangebyrank(index, 0, -DELIVERIES_KEPT - 1)
            pipe.expire(index, max(ttl, DELIVERY_TTL))
        if pipeline is None:
            with pipe:
                pipe.execute()
            schedule(connection, record, 0.0)
        else:
            schedule(connection, record, 0.0, pipeline=pipeline)
        delivery_ids.append(delivery_id)
        log.info("webhook %s: %s for %s queued (%s)", delivery_id, event_type, next(iter(subject.values())),
                 f"subscription {endpoint_id}" if endpoint_id else "callback_url")
    return delivery_ids


def _subscribes(endpoint: dict[str, Any], event_type: str, tenant: str | None) -> bool:
    return (endpoint.get("status") == "active" and event_type in endpoint.get("events", ())
            and endpoint.get("tenant") == tenant)


class SucceededAnalyses:
    """on_analysis_succeeded for a micro-batch of analyses (worker/runner.py), in the worker's round trips:

    read() adds the reads to the pipeline that marks the jobs started (tombstones, the tenants'
    subscriptions, the batch records); ended() adds each job's effects to the transaction that stores
    its result (its deliveries and their jobs, the later batches that reused it) and close(), after the
    last one, those the jobs share (off their tenant's cap, their batch's ended set and that set's size);
    after() announces the batches it completed and counts it for the reusing batches. The same records as
    the one-job callback."""

    def __init__(self, connection: Redis, jobs: list[Job]) -> None:
        self.connection = connection
        self.jobs = jobs
        self._tenants = sorted({(job.meta or {}).get("tenant") or "" for job in jobs})
        self._batch_ids = sorted({(job.meta or {})["batch_id"] for job in jobs if (job.meta or {}).get("batch_id")})
        self._at = 0
        self.erased: set[str] = set()
        self.endpoints: dict[str | None, list[dict[str, Any]]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self._counts: list[tuple[str, str, int]] = []      # (batch id, analysis id, reply index of SCARD)
        self._reusers: list[tuple[Job, int]] = []          # (job, reply index of SMEMBERS)
        self._ended: dict[str, list[str]] = {}             # tenant cap key -> ids ended (close())
        self._batch_ended: dict[str, list[tuple[Job, int]]] = {}   # batch id -> (job, retention) ended (close())

    def read(self, pipe: Any) -> None:
        self._at = len(pipe)
        pipe.mget([ERASED_KEY.format(job.id) for job in self.jobs])   # one command: tombstones are strings
        for tenant in self._tenants:
            pipe.smembers(endpoints_key(tenant or None))
        for batch_id in self._batch_ids:
            pipe.get(BATCH_KEY.format(batch_id))

    def took(self, replies: list[Any]) -> None:
        at = self._at
        self.erased = {job.id for job, flag in zip(self.jobs, replies[at]) if flag is not None}
        at += 1
        members = dict(zip(self._tenants, replies[at:at + len(self._tenants)]))
        at += len(self._tenants)
        for batch_id, raw in zip(self._batch_ids, replies[at:at + len(self._batch_ids)]):
            if raw is not None:
                self.batches[batch_id] = json.loads(raw)
        wanted = {tenant: sorted(m.decode() if isinstance(m, bytes) else m for m in ids)
                  for tenant, ids in members.items() if ids}
        if wanted:   # a second round trip only for tenants that have subscriptions
            with self.connection.pipeline(transaction=False) as pipe:
                for ids in wanted.values():
                    pipe.mget([ENDPOINT_KEY.format(i) for i in ids])
                found = pipe.execute()
            for tenant, raws in zip(wanted, found):
                self.endpoints[tenant or None] = [json.loads(raw) for raw in raws if raw is not None]

    def ended(self, pipe: Any, job: Job) -> None:
        meta = job.meta or {}
        tenant = meta.get("tenant")
        self._ended.setdefault(keys.tenant_key(tenant, keys.ACTIVE), []).append(job.id)   # off its tenant's cap
        if job.id in self.erased:
            return   # erased: no copy of it may be made now
        ttl = job.result_ttl if job.result_ttl and job.result_ttl > 0 else DELIVERY_TTL
        endpoints = self.endpoints.get(tenant, [])
        if meta.get("callback_url") or endpoints:
            emit(self.connection, job.origin, "analysis.succeeded", {"analysis_id": job.id}, meta.get("callback_url"),
                 ttl=ttl, tenant=tenant, pipeline=pipe, endpoints=endpoints)
        batch_id = meta.get("batch_id")
        if batch_id and batch_id in self.batches:
            self._batch_ended.setdefault(batch_id, []).append((job, ttl))
        if batch_id and meta.get("external_id"):   # only a batch item's external_id makes it reusable (the API)
            self._reusers.append((job, len(pipe)))
            pipe.smembers(ANALYSIS_BATCHES_KEY.format(job.id))

    def close(self, pipe: Any) -> None:
        """After ended() for every job of the micro-batch: the writes they share, one command a key rather than
        one a job (the same records): the cap's ZREM, each batch's ended set (SADD, EXPIRE to the last job's
        retention, as the last of one EXPIRE a job would leave it) and its size."""
        for active, ids in self._ended.items():
            pipe.zrem(active, *ids)
        for batch_id, ended in self._batch_ended.items():
            ended_key = BATCH_ENDED_KEY.format(batch_id)
            pipe.sadd(ended_key, *[job.id for job, _ in ended])
            pipe.expire(ended_key, ended[-1][1])
            self._counts.append((batch_id, ended[-1][0].id, len(pipe)))
            pipe.scard(ended_key)
        self._ended, self._batch_ended = {}, {}

    def after(self, replies: list[Any]) -> None:
        for batch_id, analysis_id, at in self._counts:
            record = self.batches[batch_id]
            if replies[at] >= len(set(record["ids"])):
                job = next(job for job in self.jobs if job.id == analysis_id)
                ttl = job.result_ttl if job.result_ttl and job.result_ttl > 0 else DELIVERY_TTL
                if self.connection.set(BATCH_EMITTED_KEY.format(batch_id), "1", nx=True, ex=ttl):
                    emit(self.connection, job.origin, "batch.completed", {"batch_id": batch_id},
                         record.get("callback_url"), ttl=ttl, tenant=record.get("tenant"))
        for job, at in self._reusers:
            ttl = job.result_ttl if job.result_ttl and job.result_ttl > 0 else DELIVERY_TTL
            for raw in replies[at] or ():
                batch_id = raw.decode() if isinstance(raw, bytes) else raw
                try:
                    _batch_item_ended(self.connection, job.origin, batch_id, job.id, ttl)
                except Exception:
                    log.exception("analysis %s: could not count it for batch %s", job.id, batch_id)


def iso_precise(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def schedule(connection: Redis, record: dict[str, Any], delay: float, pipeline: Any = None) -> None:
    """Queue the `deliver` job for the record's current token, now or after `delay` seconds (now: in
    `pipeline` when given, executed by the caller)."""
    queue = Queue(record["queue"], connection=connection)
    job = queue.create_job(DELIVER_JOB, args=(record["id"], record["token"]),
                           job_id=f"{record['id']}-{record['token']}",
                           timeout=int(current_settings().webhook_timeout) + 30,
                           result_ttl=600, failure_ttl=DELIVERY_TTL, ttl=DELIVERY_TTL,
                           retry=Retry(max=3, interval=list(INFRA_RETRY)), description="webhook delivery")
    if delay > 0:
        queue.schedule_job(job, datetime.now(timezone.utc) + timedelta(seconds=delay))
    else:
        queue.enqueue_job(job, pipeline=pipeline)


# ---- delivery ----------------------------------------------------------------------------------

def _load(connection: Redis, key: str) -> dict[str, Any] | None:
    raw = connection.get(key)
    return json.loads(raw) if raw is not None else None


def _save(connection: Redis, record: dict[str, Any]) -> None:
    connection.set(DELIVERY_KEY.format(record["id"]), json.dumps(record), keepttl=True)


def _data(connection: Redis, record: dict[str, Any]) -> dict[str, Any] | None:
    """The event's data, or None while the analysis (or a batch's last one) is not yet stored as ended."""
    subject = record["subject"]
    patient = record["waits"] < MAX_DATA_WAITS
    if "analysis_id" in subject:
        try:
            job = Job.fetch(subject["analysis_id"], connection=connection)
        except NoSuchJobError:
            return {"id": subject["analysis_id"], "status": "failed", "created_at": None, "finished_at": None,
                    "external_id": None, "metadata": None, "result": None,
                    "error": {"type": "expired", "message": "The analysis is no longer stored."}}
        view = analysis_view(job)
        return None if patient and view["status"] in ("queued", "running") else view
    view = batch_view(connection, subject["batch_id"])
    if view is None:
        return {"id": subject["batch_id"], "status": "completed", "created_at": None,
                "counts": {"queued": 0, "running": 0, "succeeded": 0, "failed": 0}, "analyses": []}
    return None if patient and view["status"] != "completed" else view


def deliver(delivery_id: str, token: str) -> str:
    """One delivery attempt (an RQ job); returns the delivery's status after it, also counted by
    outcome for /metrics (worker/metrics.py)."""
    job = get_current_job()
    assert job is not None, "deliver() runs as an RQ job"
    status = _attempt(job.connection, delivery_id, token)
    count_delivery(job.connection, status)
    return status


def _attempt(connection: Redis, delivery_id: str, token: str) -> str:
    settings = current_settings()
    record = _load(connection, DELIVERY_KEY.format(delivery_id))
    if record is None or record["status"] != "pending" or record["token"] != token:
        return "stale"   # redelivered, finished or expired since this job was queued

    endpoint = None
    if record["endpoint_id"]:
        endpoint = _load(connection, ENDPOINT_KEY.format(record["endpoint_id"]))
        if endpoint is None:
            return _dead(connection, record, "the subscription was deleted")
        if endpoint["status"] != "active":
            return _dead(connection, record, "the subscription is disabled")
        url, secret = endpoint["url"], endpoint["secret"]
    else:
        url, secret = record["url"], settings.webhook_secret
        if not secret:
            return _dead(connection, record, "ECOUTE_WEBHOOK_SECRET is not set on the worker")

    if record["payload"] is None:
        data = _data(connection, record)
        if data is None:
            record["waits"] += 1
            _save(connection, record)
            schedule(connection, record, 1.0)
            return "pending"
        record["payload"] = json.dumps({"type": record["type"], "timestamp": record["timestamp"], "data": data},
                                       ensure_ascii=False, separators=(",", ":"))

    try:
        destination = destination_for(url, settings)
    except DestinationRefused as exc:
        log.warning("webhook %s refused: %s", delivery_id, exc)
        return _dead(connection, record, f"refused by the SSRF guard: {exc}")
    except DestinationUnresolved as exc:
        outcome = Outcome(None, error=str(exc))
    else:
        headers = signed_headers(secret, delivery_id, record["payload"])
        outcome = post(destination, headers, record["payload"].encode("utf-8"), settings.webhook_timeout,
                       settings.webhook_ca_bundle)

    record["attempts"] += 1
    record["last_attempt_at"] = iso(datetime.now(timezone.utc))
    record["last_status_code"] = outcome.status
    record["last_error"] = outcome.error or (None if outcome.status and 200 <= outcome.status < 300
                                             else f"HTTP {outcome.status}")
    log.info("webhook %s attempt %d: %s", delivery_id, record["attempts"], outcome.status or outcome.error)
    if outcome.status is not None and 200 <= outcome.status < 300:
        record.update(status="succeeded", next_attempt_at=None, last_error=None)
        _save(connection, record)
        return "succeeded"
    if outcome.status == GONE:
        if endpoint is not None:
            endpoint.update(status="disabled", disabled_reason="the endpoint answered 410 Gone")
            connection.set(ENDPOINT_KEY.format(endpoint["id"]), json.dumps(endpoint))
            log.warning("webhook subscription %s disabled: its endpoint answered 410", endpoint["id"])
        return _dead(connection, record, "the endpoint answered 410 Gone: no more deliveries")
    delay = next_delay(record["attempts"], settings.webhook_retry_schedule, outcome)
    if delay is None:
        return _dead(connection, record, record["last_error"])
    record["token"] = uuid.uuid4().hex
    record["next_attempt_at"] = iso(datetime.now(timezone.utc) + timedelta(seconds=delay))
    _save(connection, record)
    schedule(connection, record, delay)
    return "pending"


def _dead(connection: Redis, record: dict[str, Any], reason: str | None) -> str:
    record.update(status="dead_letter", next_attempt_at=None, last_error=reason)
    _save(connection, record)
    log.warning("webhook %s dead-lettered after %d attempt(s): %s", record["id"], record["attempts"], reason)
    return "dead_letter"

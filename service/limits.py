"""Limits: requests per API key (flask-limiter) and analyses queued per tenant.

Rate limits (ECOUTE_RATE_LIMIT, e.g. "600/minute"): counted per API key across all routes (per client
address for calls without one) on the deployment's Redis (embedded mode: in memory), on every /v1 route; the probes, the
OpenAPI document, /docs and the signed inbound webhook routes (no API key) are exempt. Every limited answer carries the IETF httpapi draft headers
`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window resets); a
request over the limit is a 429 problem+json with `Retry-After`. Should the limiter's Redis fail, the
request is let through (logged): Redis errors are answered where they matter, by the queue.

Queue cap (ECOUTE_TENANT_MAX_QUEUED): a tenant's queued and running analyses are the members of a
sorted set (worker/keys.py ACTIVE) that the API fills when it enqueues and the worker empties when a job
ends for good. A request that would take the tenant past its cap is refused whole (429, nothing queued).
The count heals itself: when a tenant looks full, the members whose job has ended or vanished (a worker
killed mid-job, an expired job) are dropped first (at most once every RECOUNT_EVERY seconds), and the set
expires with the retention when a tenant stops sending.

    ServiceError
     └── QueueFull   (429) the tenant has too many analyses queued or running
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from typing import Any

from flask import Flask, Response, request
from flask_limiter import Limiter
from redis import Redis
from redis.exceptions import ResponseError, WatchError

from service.errors import ServiceError
from worker.redis_calls import run_script_after
from service.settings import Settings
from service.tenants import ACTIVE, tenant_key

log = logging.getLogger(__name__)

LIMITED_PREFIX = "/v1/"
SIGNED_PREFIX = "/v1/inbound/"   # signed by their senders, no API key: not limited per key
RECOUNT_EVERY = 5          # seconds between two recounts of one tenant's set
QUEUE_FULL_RETRY = 30      # Retry-After of a refusal by the queue cap
_ENDED = {b"finished", b"failed", b"stopped", b"canceled"}
HEADERS_DOC = {
    "RateLimit-Limit": {"description": "Requests allowed per window for this API key.",
                        "schema": {"type": "integer"}},
    "RateLimit-Remaining": {"description": "Requests left in the current window.", "schema": {"type": "integer"}},
    "RateLimit-Reset": {"description": "Seconds until the window resets.", "schema": {"type": "integer"}},
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}},
}


class QueueFull(ServiceError):
    """The tenant has as many analyses queued or running as its cap allows."""

    status = 429
    title = "Too Many Requests"


def _caller() -> str:
    from service.auth import ANONYMOUS, principal

    who = principal()
    return who if who != ANONYMOUS else f"ip:{request._get_current_object().remote_addr or '-'}"


def init_app(app: Flask, settings: Settings) -> Limiter:
    """Register the limiter after authentication (its key is the caller's API key)."""
    if settings.embedded:
        storage: dict[str, Any] = {"storage_uri": "memory://"}
    else:
        storage = {"storage_uri": settings.redis_url,
                   "storage_options": {"socket_timeout": settings.redis_timeout,
                                       "socket_connect_timeout": settings.redis_timeout}}
    limiter = Limiter(_caller, application_limits=[settings.rate_limit] if settings.rate_limit else [],
                      enabled=bool(settings.rate_limit), headers_enabled=False, swallow_errors=True,
                      key_prefix="ecoute", **storage)

    @app.after_request
    def _headers(response: Response) -> Response:   # registered first: runs after the limiter's own hook
        if not limiter.enabled:
            return response
        current = limiter.current_limit
        if current is None:
            return response
        try:
            reset = max(0, int(current.reset_at - time.time()))
            response.headers["RateLimit-Limit"] = str(current.limit.amount)
            response.headers["RateLimit-Remaining"] = str(max(0, current.remaining))
            response.headers["RateLimit-Reset"] = str(reset)
            if response.status_code == 429:
                response.headers["Retry-After"] = str(max(1, reset))
        except Exception as exc:   # the limiter's storage is unreachable: answer without the headers
            log.warning("rate limit headers left out: %s", type(exc).__name__)
        return response

    def _exempt() -> bool:
        path = request._get_current_object().path
        return not path.startswith(LIMITED_PREFIX) or path.startswith(SIGNED_PREFIX)

    limiter.request_filter(_exempt)
    limiter.init_app(app)
    app.extensions["ecoute-limiter"] = limiter
    return limiter


#: The cap check, the reservation and the enqueue in one atomic step: one round trip, no WATCH retries when
#: many requests of one tenant arrive at once; the ids go into the set with one ZADD. KEYS[1]: the tenant's set;
#: ARGV: cap, ttl (negative: set it only on a set made now, see due()), score, the number of ids, the ids, then
#: the commands to run once they fit, each as its length and its words (the enqueue, as RQ's writes it:
#: service/queueing.py). Returns -1 when the ids were added and the commands run, else the tenant's current
#: count (nothing written).
_RESERVE = """
local count = redis.call('ZCARD', KEYS[1])
local n = tonumber(ARGV[4])
if count + n > tonumber(ARGV[1]) then return count end
local members = {}
for i = 5, 4 + n do
  members[#members + 1] = ARGV[3]
  members[#members + 1] = ARGV[i]
end
redis.call('ZADD', KEYS[1], unpack(members))
local ttl = tonumber(ARGV[2])
if ttl > 0 or count == 0 then redis.call('EXPIRE', KEYS[1], math.abs(ttl)) end
local i = 5 + n
while i <= #ARGV do
  local size = tonumber(ARGV[i])
  redis.call(unpack(ARGV, i + 1, i + size))
  i = i + size + 1
end
return -1
"""
_RESERVE_SHA = hashlib.sha1(_RESERVE.encode()).hexdigest()
_NO_LUA = "_ecoute_without_lua"   # set on a connection whose server has no scripting (embedded mode's fakeredis)
_REFRESHED = "_ecoute_refreshed"  # on a connection: key -> when this process last refreshed it (due())
REFRESH_EVERY = 60.0              # seconds


def due(connection: Redis, name: str) -> bool:
    """Whether this process should refresh what stays true between enqueues (the TTL of a tenant's set, the
    queue's entry in RQ's set of queues) with the next one: when it has not done so on this connection for
    REFRESH_EVERY seconds. Sent with every enqueue, they were two of the ten commands an analysis costs the
    API, and change nothing within a minute (a TTL of the retention, a set member that stays); done(): sent."""
    seen = getattr(connection, _REFRESHED, None)
    last = seen.get(name) if seen is not None else None
    return last is None or time.monotonic() - last >= REFRESH_EVERY


def done(connection: Redis, name: str) -> None:
    """The refresh of `name` was sent now (see due())."""
    seen = getattr(connection, _REFRESHED, None)
    if seen is None:
        seen = {}
        try:
            setattr(connection, _REFRESHED, seen)
        except AttributeError:   # a client that takes no attribute: refresh every time
            return
    seen[name] = time.monotonic()


Commands = Sequence[tuple[Any, ...]]


def reserve(connection: Redis, tenant: str | None, ids: list[str], cap: int, ttl: int,
            then: Commands = (), before: Commands = ()) -> None:
    """Count these new job ids against the tenant's cap (all or none), or raise QueueFull; run the commands of
    `then` (the enqueue, each a tuple of words) only when the ids fit, in the same atomic step and round trip.

    `before`: writes of keys made for these ids alone that may be made whatever the answer (each new job's hash
    and its expiry), sent in the same round trip just ahead of the step (worker/redis_calls.py
    run_script_after): Redis runs them as plain commands instead of unpacking them from the script's arguments,
    about a third of its work to enqueue a batch. Nothing refers to them until `then` runs (the queue entries),
    and their keys are deleted when the ids do not fit."""
    if cap <= 0 or not ids:
        _transaction(connection, [*before, *then])
        return
    key = tenant_key(tenant, ACTIVE)
    commands = _words(then)
    recounted = False
    while True:
        count = _try_reserve(connection, key, ids, cap, ttl, commands, then, before)
        if count < 0:
            return
        if not recounted and _recount(connection, key):
            recounted = True
            continue
        if before:   # written ahead of the refused step: no queue entry names them
            connection.delete(*dict.fromkeys(command[1] for command in before))
        raise QueueFull(
            f"Your account has {count} analyses queued or running and may have {cap} at most: "
            f"this request would add {len(ids)}. Nothing was queued; retry once some have finished.",
            headers={"Retry-After": str(QUEUE_FULL_RETRY)})


def _words(commands: Commands) -> list[Any]:
    """The commands as one flat list: length, then the words, for each command."""
    flat: list[Any] = []
    for command in commands:
        flat.append(len(command))
        flat.extend(command)
    return flat


def _transaction(connection: Redis, commands: Commands) -> None:
    """The commands in one MULTI/EXEC (the first error raised once all ran)."""
    if not commands:
        return
    with connection.pipeline() as pipe:
        for command in commands:
            pipe.execute_command(*command)
        pipe.execute()


def _try_reserve(connection: Redis, key: str, ids: list[str], cap: int, ttl: int, commands: list[Any],
                 then: Commands, before: Commands = ()) -> int:
    """-1 when the ids were added (and `then`'s commands run), else the count that leaves no room for them;
    `before`'s commands are run first either way (see reserve)."""
    if not getattr(connection, _NO_LUA, False):
        refresh = due(connection, key)
        args = [cap, ttl if refresh else -ttl, time.time(), len(ids), *ids, *commands]
        try:
            count = int(run_script_after(connection, list(before), _RESERVE_SHA, _RESERVE, 1, key, *args))
            if count < 0 and refresh:
                done(connection, key)
            return count
        except ResponseError as exc:
            if "unknown command" not in str(exc).lower():
                raise
            setattr(connection, _NO_LUA, True)
    for _ in range(20):
        with connection.pipeline() as pipe:
            try:
                pipe.watch(key)
                count = int(pipe.zcard(key))
                if count + len(ids) > cap:
                    pipe.unwatch()
                    return count
                pipe.multi()
                pipe.zadd(key, {job_id: time.time() for job_id in ids})
                pipe.expire(key, ttl)
                pipe.execute()
            except WatchError:
                continue
        try:   # no scripting: the enqueue follows in its own transaction
            _transaction(connection, [*before, *then])
        except BaseException:
            release(connection, None, ids, key=key)
            raise
        return -1
    raise QueueFull("Too many concurrent submissions for your account: retry in a moment.",
                    headers={"Retry-After": "1"})


def release(connection: Redis, tenant: str | None, ids: list[str], *, key: str | None = None) -> None:
    """These ids will not run (the enqueue failed, or they were erased)."""
    if ids:
        connection.zrem(key or tenant_key(tenant, ACTIVE), *ids)


def _recount(connection: Redis, key: str) -> bool:
    """Drop the members whose job has ended or is gone; False when it was done less than
    RECOUNT_EVERY seconds ago (so a tenant at its cap does not make every request scan its jobs)."""
    if not connection.set(key + ":recount", "1", nx=True, ex=RECOUNT_EVERY):
        return False
    members = connection.zrange(key, 0, -1)
    if not members:
        return True
    with connection.pipeline(transaction=False) as pipe:
        for member in members:
            pipe.hget(b"rq:job:" + (member if isinstance(member, bytes) else member.encode()), "status")
        statuses = pipe.execute()
    stale = [member for member, status in zip(members, statuses) if status is None or status in _ENDED]
    if stale:
        connection.zrem(key, *stale)
        log.info("queue cap: %d ended or vanished job(s) no longer counted for %s", len(stale), key)
    return True

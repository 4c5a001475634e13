"""Jobs abandoned by a dead worker go back to work within seconds, once (docs/contract.md, "Abandoned jobs").

RQ alone recovers a job whose worker was killed only when its StartedJobRegistry entry expires (job
timeout + 60 s) *and* a worker runs its maintenance (every 10 minutes), and it loses for good a job
popped by a worker that dies before registering it (BLPOP path) or before marking it started. Here:

- **Claimed atomically.** `ClaimingQueue.dequeue_any` moves every dequeued id (LMOVE/BLMOVE) into its
  queue's RQ intermediate list, from any number of queues, so a popped job is always somewhere.
  `prepare_job_execution` removes it from there in the pipeline that marks it started (RQ does that
  only for single-queue workers).
- **A lease per worker.** `Reclaimer` (a thread of each `ecoute worker`) keeps
  `ecoute:worker-lease:<name>` alive (TTL `LEASE_TTL`, refreshed every second) and marks the worker as
  leasing (`ecoute:worker-leased:<name>`). A SIGKILLed or frozen-out worker's lease expires.
- **A sweep every `SWEEP_INTERVAL` seconds** (by one worker: `ecoute:reclaim:pace` spaces them, the lock
  `ecoute:reclaim:lock` keeps two from overlapping):
  a StartedJobRegistry entry of a leasing worker whose lease is gone, for a job still `started` by
  that worker, is handed to RQ's own abandoned-job handling (`AbandonedJobError`: failure callback,
  then the job's Retry policy, or the failed registry with that reason when no retry is left); an id
  left in an intermediate list with no live worker registered on it is put back at the front of its
  queue, status unchanged (it never started, so no retry is used). Either must look abandoned on
  sweeps at least `CONFIRM` seconds apart, and a worker sweeps only after holding its own lease
  `CONFIRM` seconds, so live workers coming back after a Redis outage re-lease first.
- **Its own leftovers, by each worker.** A worker that lost Redis mid-batch starts again under the same
  name (its lease never lapses for long), so its earlier jobs still look owned by a live worker. Each
  worker therefore also looks, every `SWEEP_INTERVAL` seconds, at the started entries under its own
  name: one it is not running (`in_flight`, read after the registry) on two looks `CONFIRM` seconds
  apart is abandoned and goes the same way. At birth it does so at once, before taking any job.

Delivery is exactly-once for the results of workers that die (crash, SIGKILL, machine loss) and for
Redis restarts shorter than the lease; a worker cut off from Redis for longer than `LEASE_TTL` while it
runs a job may see that job run again elsewhere (at-least-once).
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
import zlib
from collections.abc import Callable, Collection
from typing import Any

import redis
from rq import Queue
from rq.exceptions import DequeueTimeout
from rq.intermediate_queue import IntermediateQueue
import rq.job
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry

from worker.redis_calls import read_hashes, run_script

log = logging.getLogger("worker.reclaim")

LEASE_KEY = "ecoute:worker-lease:{}"
LEASED_KEY = "ecoute:worker-leased:{}"
SUSPECTS_KEY = "ecoute:reclaim:suspects"
LOCK_KEY = "ecoute:reclaim:lock"
PACE_KEY = "ecoute:reclaim:pace"
LEASE_TTL = 10.0        # seconds a lease outlives its worker's last refresh
REFRESH = 1.0           # seconds between refreshes (and between retries while Redis is away)
SWEEP_INTERVAL = 2.0
LOCK_TTL = 60           # seconds: a sweep never overlaps another one (released when it ends)
CONFIRM = 3.0
POLL_SLICE = 1         # seconds a multi-queue worker blocks on its first queue before polling the others

_REQUEUE = """
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 1 then
  for i = 2, #ARGV do redis.call('ZREM', KEYS[3], ARGV[i]) end
  redis.call('LPUSH', KEYS[2], ARGV[1])
  return 1
end
return 0
"""


_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


#: Lua: claim up to `count` ids of `queue` (moved, in order, into its intermediate list `claimed`, as the
#: blocking path's LMOVE does); appends the ids to `out`. Their job hashes are read after the script, in one
#: pipelined round trip (restore_claimed): returning them from the script made Redis convert each hash to a Lua
#: table and back, about 110,000 of its 605,000 instructions per analysis on the batch path (callgrind). Shared
#: with the worker's end-of-batch script (worker/runner.py), which claims the next micro-batch in the same step.
CLAIM_LUA = """
local function claim(out, queue, claimed, count)
  if count < 1 then return end
  local ids = redis.call('LRANGE', queue, 0, count - 1)   -- as `count` LMOVEs LEFT RIGHT, in three commands
  if #ids == 0 then return end
  redis.call('LTRIM', queue, #ids, -1)
  for i = 1, #ids, 500 do redis.call('RPUSH', claimed, unpack(ids, i, math.min(i + 499, #ids))) end
  for _, id in ipairs(ids) do out[#out + 1] = id end
end
"""

#: Claim up to ARGV[1] more ids of KEYS[1] into KEYS[2], in one atomic step; ARGV[2]: an id already claimed, returned
#: first. Returns the ids; their job hashes are read after, in one pipelined round trip (restore_claimed).
_CLAIM = CLAIM_LUA + """
local out = {}
if ARGV[2] ~= '' then out[1] = ARGV[2] end
claim(out, KEYS[1], KEYS[2], tonumber(ARGV[1]))
return out
"""


#: The fields of a job hash that differ between the analyses of one API batch (the others are equal).
_VARYING = (b"created_at", b"enqueued_at", b"data", b"meta")


def restore_claimed(ids: list[Any], queue_key: str, connection: redis.Redis, job_class: Any,
                    serializer: Any) -> list[Job]:
    """The jobs of the ids just claimed from `queue_key` (moved to its intermediate list), restored from their
    hashes read in one round trip, in order. An id whose hash is gone (erased or expired since it was queued)
    leaves the intermediate list, as a single dequeue drops it."""
    ids = [_text(job_id) for job_id in ids]
    hashes = read_hashes(connection, [job_class.redis_job_namespace_prefix + job_id for job_id in ids])
    gone = [job_id for job_id, mapping in zip(ids, hashes) if not mapping]
    if gone:
        intermediate = IntermediateQueue.get_intermediate_queue_key(queue_key)
        with connection.pipeline() as pipe:
            for job_id in gone:
                pipe.lrem(intermediate, 1, job_id)
            pipe.execute()
    return claimed_jobs([(job_id, mapping) for job_id, mapping in zip(ids, hashes) if mapping], connection,
                        job_class, serializer)


def claimed_jobs(found: list[tuple[str, dict[Any, Any]]], connection: redis.Redis, job_class: Any,
                 serializer: Any) -> list[Job]:
    """The jobs of claimed ids (id, job hash), restored from their hashes, in order.

    Job.restore reads about 25 fields (dates, numbers, callback names...), a third of a worker's own cost per
    analysis. Analyses queued together have equal hashes but for their comment, meta and dates: a job whose
    hash equals the last fully restored one in every other field is that job's copy with those four fields
    restored as Job.restore restores them (same attributes: tests/worker/test_reclaim.py). Any other is
    restored by RQ."""
    jobs = []
    model: Job | None = None
    shape: dict[Any, Any] = {}
    dates: dict[bytes, Any] = {}   # a batch's jobs share their creation date
    for job_id, read in found:
        mapping = dict(read)
        job = None
        if model is not None:
            varying = [mapping.pop(name, None) for name in _VARYING]
            if mapping == shape and all(varying):
                job = _copy_of(model, job_id, dates, *varying)
            for name, value in zip(_VARYING, varying):   # as read, for RQ's restore
                if value is not None:
                    mapping[name] = value
        if job is None:
            job = job_class(job_id, connection=connection, serializer=serializer)
            job.restore(mapping)
            if all(mapping.get(name) for name in _VARYING) and b"result" not in mapping and not job._unreadable_meta:
                model, shape = job, {k: v for k, v in mapping.items() if k not in _VARYING}
        jobs.append(job)
    return jobs


def _copy_of(model: Job, job_id: str, dates: dict[bytes, Any], created: bytes, enqueued: bytes, data: bytes,
             meta: bytes) -> Job | None:
    """`model` with this id, comment (data), meta and dates (as Job.restore reads them; `dates`: those read so
    far, datetimes being immutable), or None when the meta cannot be read (RQ's restore records that)."""
    try:
        loaded_meta = model.serializer.loads(meta)
        if data[:1] == b"\x80":   # a pickle stored as it is (service/queueing.py _compress: short comments)
            unpacked = data
        else:
            try:
                unpacked = zlib.decompress(data)
            except zlib.error:   # as Job.restore: stored uncompressed
                unpacked = data
    except Exception:
        return None
    rq.job.validate_job_id(job_id)
    job = model.__class__.__new__(model.__class__)
    state = job.__dict__
    state.update(model.__dict__)
    for name in ("webhooks", "_dependency_ids", "retry_intervals", "repeat_intervals"):   # not shared with the model
        value = state.get(name)
        if isinstance(value, list):
            state[name] = list(value)
    state["_id"] = job_id
    state["_cached_result"] = None
    job.data = unpacked
    for text in (created, enqueued):
        if text not in dates:
            dates[text] = rq.job.str_to_date(text)
    job.created_at, job.enqueued_at = dates[created], dates[enqueued]
    job.meta = loaded_meta
    job._unreadable_meta = None
    return job


def _owners(entries: list[str], details: list[Any]) -> list[str | None]:
    """The worker each started-registry entry belongs to (details: _entry_details' answer for them): the one its
    execution's record names (an `ecoute worker` files the record of a micro-batch under its first job, and every
    job of it has an entry with the same execution id), or, when there is no record any more (expired, or
    removed by the failure of its job), the worker the job itself says runs it while it is still started."""
    recorded: dict[str, Any] = {}
    for i, entry in enumerate(entries):
        if details[2 * i]:
            recorded.setdefault(entry.partition(":")[2], details[2 * i])
    return [_owner(details[2 * i] or recorded.get(entry.partition(":")[2]), details[2 * i + 1])
            for i, entry in enumerate(entries)]


def _owner(execution_worker: Any, job_fields: list[Any]) -> str | None:
    """The worker a started-registry entry belongs to: its execution record's, or, when that record is gone
    (expired), the worker the job itself says runs it while it is still started."""
    if execution_worker:
        return _text(execution_worker)
    status, runner = job_fields
    if runner and status is not None and _text(status) == JobStatus.STARTED.value:
        return _text(runner)
    return None


class ClaimingQueue(Queue):
    """A Queue whose dequeue always moves the id into the queue's intermediate list (atomic claim).

    With `batch_size` > 1 (a subclass made by the worker), a dequeue from the first queue (analyses)
    claims up to that many ids at once (one atomic step) and reads their job hashes in the next round trip;
    the returned job carries the others in `claimed_with` (see EcouteWorker.execute_job)."""

    batch_size = 1
    #: Set by the worker when its end-of-batch claim found every queue empty a moment ago: the next dequeue
    #: goes straight to its blocking wait (two round trips fewer).
    first_seen_empty = False

    @classmethod
    def dequeue_any(cls, queues: Any, timeout: int | None, connection: redis.Redis,   # type: ignore[override]
                    job_class: Any = None, serializer: Any = None, death_penalty_class: Any = None) -> Any:
        queues = list(queues)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            popped = None
            seen_empty, cls.first_seen_empty = cls.first_seen_empty, False
            if cls.batch_size > 1 and queues and not seen_empty:
                found = cls._claim_many(queues[0], connection, cls.batch_size, "", job_class, serializer,
                                        death_penalty_class)
                if found is not None:
                    return found
            polled = [] if seen_empty else queues[1:] if cls.batch_size > 1 else queues
            for queue in polled:   # in the worker's order: analyses first
                raw = connection.lmove(queue.key, IntermediateQueue.get_intermediate_queue_key(queue.key))
                if raw is not None:
                    popped = (queue.key, raw)
                    break
            if popped is None:
                if deadline is None:
                    return None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise DequeueTimeout(timeout, [queue.key for queue in queues])
                block = max(1, int(min(remaining, POLL_SLICE if len(queues) > 1 else remaining)))
                first = queues[0].key
                raw = connection.blmove(first, IntermediateQueue.get_intermediate_queue_key(first), block)
                if raw is None:
                    continue
                if cls.batch_size > 1:   # the id it woke up for, and whatever else arrived with it
                    found = cls._claim_many(queues[0], connection, cls.batch_size - 1, _text(raw), job_class,
                                            serializer, death_penalty_class)
                    if found is not None:
                        return found
                    continue
                popped = (first, raw)
            queue_key, job_id = popped[0], _text(popped[1])
            found = cls._fetch_dequeued_job(connection, queue_key, job_id, job_class=job_class,
                                            serializer=serializer, death_penalty_class=death_penalty_class)
            if found is None:   # the job hash is gone (erased or expired): drop the id
                connection.lrem(IntermediateQueue.get_intermediate_queue_key(queue_key), 1, job_id)
                continue
            return found

    @classmethod
    def _claim_many(cls, queue: Queue, connection: redis.Redis, count: int, claimed: str, job_class: Any,
                    serializer: Any, death_penalty_class: Any) -> Any:
        """(first job, its queue) with the other claimed jobs in `first.claimed_with`, or None."""
        intermediate = IntermediateQueue.get_intermediate_queue_key(queue.key)
        job_cls = job_class or Job
        raw = run_script(connection, _CLAIM_SHA, _CLAIM, 2, queue.key, intermediate, count, claimed)
        jobs = restore_claimed(raw, queue.key, connection, job_cls, serializer) if raw else []
        if not jobs:
            return None
        bound = cls.from_queue_key(queue.key, connection=connection, job_class=job_cls, serializer=serializer,
                                   death_penalty_class=death_penalty_class)
        jobs[0].claimed_with = jobs[1:]
        return jobs[0], bound


_CLAIM_SHA = hashlib.sha1(_CLAIM.encode()).hexdigest()


class Reclaimer:
    """The lease of one worker and, in the same thread, the periodic sweep for abandoned jobs."""

    def __init__(self, connection: redis.Redis, worker_name: str, queue_names: list[str],
                 in_flight: Callable[[], Collection[str]] = frozenset) -> None:
        """`in_flight`: the started-registry entries (job id:execution id) this worker is running now; called
        from the reclaim thread."""
        # A pool of its own, with short timeouts: the worker's pool is not shared with this thread when
        # the worker forks its scheduler, and RQ raised the worker's socket timeout for blocking pops.
        pool = connection.connection_pool
        kwargs = {**pool.connection_kwargs, "socket_timeout": 5.0}
        self.connection = redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class,
                                                                           **kwargs))
        self.name = worker_name
        self.queue_names = list(queue_names)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._leased_since: float | None = None
        self._requeue = self.connection.register_script(_REQUEUE)
        self._unlock = self.connection.register_script(_UNLOCK)
        self._in_flight = in_flight
        self._own_suspects: dict[str, float] = {}   # entry -> when first seen started under this name, idle

    def start(self) -> Reclaimer:
        self._refresh()   # leased before the first job is taken
        try:
            self.sweep(own_leftovers=True)
        except redis.RedisError as exc:   # the own sweep (sweep_own) hands them back a few seconds later
            log.warning("jobs left started under this worker's name not handed back yet (%s)", type(exc).__name__)
        self._thread = threading.Thread(target=self._run, name=f"reclaim-{self.name}", daemon=True)
        self._thread.start()
        return self

    def stop(self, release: bool = True) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        if release:
            try:
                self.connection.delete(LEASE_KEY.format(self.name))
            except redis.RedisError:
                pass   # it expires by itself
        self.connection.close()

    def _refresh(self) -> None:
        try:
            with self.connection.pipeline(transaction=False) as pipe:
                pipe.set(LEASE_KEY.format(self.name), "1", px=int(LEASE_TTL * 1000))
                pipe.set(LEASED_KEY.format(self.name), "1", ex=7 * 24 * 3600)
                pipe.execute()
            if self._leased_since is None:
                self._leased_since = time.monotonic()
        except redis.RedisError as exc:
            self._leased_since = None
            log.debug("lease not refreshed (%s)", type(exc).__name__)

    def _run(self) -> None:
        next_sweep = next_own = time.monotonic()
        while not self._stop.wait(REFRESH):
            self._refresh()
            now = time.monotonic()
            if now >= next_own and self._leased_since is not None:
                next_own = now + SWEEP_INTERVAL
                self._attempt(self.sweep_own, "own sweep")
            if now >= next_sweep and self._leased_since is not None and now - self._leased_since >= CONFIRM:
                next_sweep = now + SWEEP_INTERVAL
                self._attempt(self.sweep, "sweep")

    @staticmethod
    def _attempt(sweep: Callable[[], int], what: str) -> None:
        """One sweep; Redis away is routine (the next one retries), anything else is logged with its trace."""
        try:
            sweep()
        except redis.RedisError as exc:
            log.debug("%s skipped (%s)", what, type(exc).__name__)
        except Exception:
            log.exception("%s failed", what)

    # --- the sweep -------------------------------------------------------------------------------

    def _alive(self, names: set[str]) -> dict[str, bool]:
        """name -> True unless the worker leases and its lease is gone (workers that never leased count as alive)."""
        ordered = sorted(names)
        with self.connection.pipeline(transaction=False) as pipe:
            for name in ordered:
                pipe.exists(LEASE_KEY.format(name))
                pipe.exists(LEASED_KEY.format(name))
            flags = pipe.execute()
        return {name: bool(flags[2 * i]) or not flags[2 * i + 1] for i, name in enumerate(ordered)}

    def _entry_details(self, entries: list[str]) -> list[Any]:
        """For each started-registry entry, in one round trip: its execution's worker name, then its job's
        [status, worker name] (flat: execution worker, job fields, execution worker, job fields...)."""
        with self.connection.pipeline(transaction=False) as pipe:
            for entry in entries:
                pipe.hget(f"rq:execution:{entry}", "worker_name")
                pipe.hmget(f"rq:job:{entry.partition(':')[0]}", "status", "worker_name")
            return list(pipe.execute())

    def sweep_own(self) -> int:
        """Entries started under this worker's name that it is not running, on two looks `CONFIRM` seconds
        apart: a started job goes to RQ's abandoned-job handling (its retry policy), an entry of a job that
        is no longer started by this worker is dropped. Returns how many jobs were handed back."""
        conn = self.connection
        names = list(self.queue_names)
        keys = [StartedJobRegistry(name, connection=conn).key for name in names]
        with conn.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.zrange(key, 0, -1)
            listed = [[_text(e) for e in entries] for entries in pipe.execute()]
        if not any(listed):
            self._own_suspects.clear()
            return 0
        every = [entry for entries in listed for entry in entries]
        details = self._entry_details(every)
        owned = iter(zip(_owners(every, details), details[1::2]))
        # Read after the registry: an entry listed above and not running now is abandoned, or finished a moment
        # ago (then gone from the registry at the next look).
        running = set(self._in_flight())
        running_jobs = {entry.partition(":")[0] for entry in running}
        moment = time.monotonic()
        suspects: dict[str, float] = {}
        handed = 0
        for name, key, entries in zip(names, keys, listed):
            abandoned, stale = [], []
            for entry in entries:
                owner, fields = next(owned)
                if owner != self.name or entry in running:
                    continue
                status, runner = (_text(v) if v is not None else None for v in fields)
                # a job started by this worker, and not running here under another execution
                mine = (status == JobStatus.STARTED.value and runner == self.name
                        and entry.partition(":")[0] not in running_jobs)
                suspects[entry] = since = self._own_suspects.get(entry, moment)
                if moment - since >= CONFIRM:
                    (abandoned if mine else stale).append(entry)
            if stale:
                conn.zrem(key, *stale)
            if abandoned:
                handed += self._hand_over(name, abandoned, "left by an earlier run of this worker")
            for entry in abandoned + stale:
                suspects.pop(entry, None)
        self._own_suspects = suspects
        return handed

    def _hand_over(self, queue_name: str, entries: list[str], why: str) -> int:
        """Started-registry entries of abandoned jobs to RQ's own handling (AbandonedJobError: failure callback,
        then the Retry policy, or the failed registry with that reason)."""
        registry = StartedJobRegistry(queue_name, connection=self.connection)
        self.connection.zadd(registry.key, {entry: 1 for entry in entries}, xx=True)
        registry.cleanup(timestamp=1)
        log.warning("%d abandoned job(s) %s handed to their retry policy on %s: %s", len(entries), why, queue_name,
                    ", ".join(e.partition(":")[0] for e in entries))
        return len(entries)

    def sweep(self, own_leftovers: bool = False) -> int:
        """One pass over this worker's queues; returns how many jobs were handed back.

        `own_leftovers` (at birth, before any job is taken): only the entries left under this worker's
        own name by a previous process or connection of the same name, which are abandoned for sure."""
        conn = self.connection
        if own_leftovers:
            return self._sweep(own_leftovers=True)
        if not conn.set(PACE_KEY, self.name, nx=True, px=int(SWEEP_INTERVAL * 1000)):
            return 0   # another worker swept less than SWEEP_INTERVAL ago
        if not conn.set(LOCK_KEY, self.name, nx=True, ex=LOCK_TTL):
            return 0   # another worker is still sweeping
        try:
            return self._sweep(own_leftovers=False)
        finally:
            self._unlock(keys=[LOCK_KEY], args=[self.name])

    def _sweep(self, own_leftovers: bool) -> int:
        conn = self.connection
        server_now = float(conn.time()[0])
        suspects = {} if own_leftovers else {_text(k): float(v) for k, v in conn.hgetall(SUSPECTS_KEY).items()}
        seen: dict[str, float] = {}
        reclaimed = 0

        def confirmed(token: str) -> bool:
            if own_leftovers:
                return True
            seen[token] = suspects.get(token, server_now)
            return server_now - seen[token] >= CONFIRM

        for queue_name in self.queue_names:
            queue = Queue(queue_name, connection=conn)
            registry = StartedJobRegistry(queue_name, connection=conn)
            entries = [_text(e) for e in conn.zrange(registry.key, 0, -1)]
            intermediate_key = IntermediateQueue.get_intermediate_queue_key(queue.key)
            waiting = [_text(e) for e in conn.lrange(intermediate_key, 0, -1)]
            if not entries and not waiting:
                continue
            details = self._entry_details(entries)
            owners = dict(zip(entries, _owners(entries, details)))
            alive = self._alive({owner for owner in owners.values() if owner})
            if own_leftovers:
                alive = {owner: owner != self.name for owner in alive}
            by_job: dict[str, list[str]] = {}
            abandoned: list[str] = []
            stale: list[str] = []
            for i, entry in enumerate(entries):
                job_id = entry.partition(":")[0]
                by_job.setdefault(job_id, []).append(entry)
                owner = owners[entry]
                if owner is None or alive.get(owner, True):
                    continue
                status, runner = (_text(v) if v is not None else None for v in details[2 * i + 1])
                if status == JobStatus.STARTED.value and runner == owner:
                    if confirmed("started:" + entry):
                        abandoned.append(entry)
                elif job_id not in waiting and confirmed("stale:" + entry):
                    stale.append(entry)   # never started (claimed, then the worker died) or already ended
            if stale:
                conn.zrem(registry.key, *stale)
            if abandoned:
                reclaimed += self._hand_over(queue_name, abandoned, "of dead worker(s)")
            for job_id in waiting:
                if own_leftovers and not any(owners[e] == self.name for e in by_job.get(job_id, [])):
                    continue
                live = [e for e in by_job.get(job_id, []) if owners[e] is None or alive.get(owners[e] or "", True)]
                if live or not confirmed("claimed:" + job_id):
                    continue
                dead_entries = by_job.get(job_id, [])
                if self._requeue(keys=[intermediate_key, queue.key, registry.key], args=[job_id, *dead_entries]):
                    reclaimed += 1
                    conn.delete(IntermediateQueue(queue.key, conn).get_first_seen_key(job_id))
                    log.warning("job %s claimed by a dead worker before it started: back at the front of %s",
                                job_id, queue_name)
        if own_leftovers:
            return reclaimed
        with conn.pipeline() as pipe:
            pipe.delete(SUSPECTS_KEY)
            if seen:
                pipe.hset(SUSPECTS_KEY, mapping=seen)
                pipe.expire(SUSPECTS_KEY, 3600)
            pipe.execute()
        return reclaimed

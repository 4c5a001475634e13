"""The only service module that speaks RQ: enqueue analyses by job *name*, read them back.

The service never imports the worker's jobs or engine (only worker/redis_calls.py, Redis plumbing both share):
jobs name their function ("worker.jobs.analyze_comment") and the worker resolves it. Job id = analysis id (UUID4); job.meta carries the caller's external_id,
metadata, batch id and tenant (None for the default tenant), and reads check the tenant: another
tenant's analysis or batch is as unknown as one that never existed (docs/contract.md).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import uuid
import zlib
import binascii
from base64 import b64decode
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

import hiredis
import pybase64
import redis
from redis import Redis
from redis.connection import Connection
from rq import Queue
from rq.defaults import CALLBACK_TIMEOUT
from rq.job import Job, JobStatus
from rq.results import Result
from rq.serializers import DefaultSerializer
from rq.utils import decode_redis_hash, get_version, now
from rq.worker import Worker

from service.errors import Unprocessable
from worker.redis_calls import xread_one
from worker.results import json_text
from service.limits import _NO_LUA, done, due
from service.tenants import ACTIVE, tenant_key

log = logging.getLogger(__name__)

JOB_NAME = "worker.jobs.analyze_comment"
# Webhook events (worker/webhooks.py): RQ callbacks named, like the job, by their import path.
ON_SUCCESS = "worker.webhooks.on_analysis_succeeded"
ON_FAILURE = "worker.webhooks.on_analysis_failed"
ON_STOPPED = "worker.webhooks.on_analysis_stopped"
BATCH_KEY = "ecoute:batch:{}"
#: A batch item's external_id, per tenant: the analysis made for it and its fingerprint (24 h).
EXTERNAL_ID_KEY = "ecoute:extid:{scope}:{digest}"
#: Batches that reuse an analysis made for an earlier one (read by the worker when it ends).
ANALYSIS_BATCHES_KEY = "ecoute:analysis:{}:batches"
BATCH_ENDED_KEY = "ecoute:batch:{}:ended"   # written by the worker too (worker/webhooks.py)
EXTERNAL_ID_WINDOW = 24 * 3600
_ENDED_STATUSES = {JobStatus.FINISHED.value, JobStatus.FAILED.value, JobStatus.STOPPED.value,
                   JobStatus.CANCELED.value}
ERASED_KEY = "ecoute:erased:{}"   # tombstone of an erased analysis, kept for the retention period
RETRY_INTERVALS = (5, 30)
ANY_TENANT = object()      # fetch() without a tenant check (internal reads)
CURRENT_TENANT = object()  # enqueue for the current request's tenant


def _lean_pool(connection: Any) -> Any:
    """The client's pool when commands can go straight to one of its connections (worker/redis_calls.py's
    rule: a plain TCP redis.Redis with a pool of its own), else None (fakeredis, a single-connection client,
    a server without scripting)."""
    pool = getattr(connection, "connection_pool", None)
    if (type(connection) is not redis.Redis or getattr(connection, "connection", None) is not None
            or getattr(pool, "connection_class", None) is not Connection
            or getattr(connection, _NO_LUA, False)):
        return None
    return pool


_OWN = "_ecoute_own_connections"   # on a pool: threading.local() with each thread's own connection (below)
_OWN_LOCK = threading.Lock()


def _own_connection(pool: Any) -> Any:
    """This thread's own connection of the pool for POST ?wait (enqueue_and_wait), taken from the pool once and
    kept. The pool's checkout and return cost a lock each, observability records, an event and a non-blocking
    read that makes sure the connection holds no stale reply (four system calls): about a twentieth of the API's
    CPU a request. The caller keeps the same guarantee itself: it reads every reply it asked for, or drops the
    connection (disconnect(); it reconnects on its next send), whatever is raised. The pool still owns the
    connection (pool.disconnect() closes it too); a forked process takes a new one."""
    local = getattr(pool, _OWN, None)
    if local is None:
        with _OWN_LOCK:
            local = getattr(pool, _OWN, None)
            if local is None:
                local = threading.local()
                setattr(pool, _OWN, local)
    own = getattr(local, "connection", None)
    if own is None or own[0] != os.getpid():
        own = local.connection = (os.getpid(), pool.get_connection())
    return own[1]


def _resolve(tenant: str | None | object) -> str | None:
    """The tenant scope to store with new jobs: the current request's unless given (None: the default)."""
    if tenant is not CURRENT_TENANT:
        return tenant   # type: ignore[return-value]
    from flask import has_request_context

    from service.tenants import scope

    return scope() if has_request_context() else None

_STATUS = {
    JobStatus.QUEUED: "queued", JobStatus.DEFERRED: "queued", JobStatus.SCHEDULED: "queued",
    JobStatus.STARTED: "running", JobStatus.FINISHED: "succeeded", JobStatus.FAILED: "failed",
    JobStatus.STOPPED: "failed", JobStatus.CANCELED: "failed",
}
_ENDED = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 UTC with a Z, to the second ("2026-11-24T09:12:23Z"); RQ stores naive UTC."""
    if moment is None:
        return None
    if moment.tzinfo is not None and moment.tzinfo is not timezone.utc:
        moment = moment.astimezone(timezone.utc)
    # strftime("%Y-%m-%dT%H:%M:%SZ") without its cost (a few per answer); %Y is the year unpadded
    return "%d-%02d-%02dT%02d:%02d:%02dZ" % (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                                              moment.second)


class JSONText:
    """A value stored as JSON text (UTF-8): response bodies carry the text as it is (service/__init__.py)."""

    __slots__ = ("text",)

    def __init__(self, text: bytes) -> None:
        self.text = text

    def load(self) -> Any:
        return json.loads(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JSONText) and other.text == self.text

    def __repr__(self) -> str:
        return f"JSONText({self.text[:40]!r}...)"


_SUCCESSFUL = str(Result.Type.SUCCESSFUL.value).encode()   # the type field of a success in a Result stream


def _b64decode(encoded: bytes) -> bytes:
    """base64.b64decode(encoded): a stored result is base64 (RQ's Result stream), a few KB to tens of KB a
    finished analysis, which the standard library decoded at about 6 instructions a byte (4 % of the API's CPU
    per POST ?wait); pybase64 decodes it with SIMD. Strict standard base64 (what RQ and the worker write) goes
    through pybase64; anything else through b64decode, with its leniency and its errors."""
    try:
        return pybase64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return b64decode(encoded)


def _utcformat(moment: datetime) -> str:
    """rq.utils.utcformat ('2026-11-30T08:46:23.639275Z') without strftime's cost."""
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (moment.year, moment.month, moment.day, moment.hour,
                                                   moment.minute, moment.second, moment.microsecond)


#: Job data (the pickle of a comment) shorter than this is stored as it is: RQ's Job.restore reads data that is not
#: a zlib stream as it is (and so does worker/reclaim.py _copy_of). A typical comment's pickle is 200-400 bytes,
#: which zlib shrinks by a third at most, while compressing it cost 14 % of the API's CPU on the batch path
#: (py-spy, 9,000 analyses) and the worker's decompression a few microseconds more.
COMPRESS_FROM = 1024


def _compress(data: bytes) -> bytes:
    """The job's data as RQ stores it: as it is when short (COMPRESS_FROM), else a zlib stream (RQ's Job.restore
    reads it with zlib.decompress) made with an 8 KB window and smaller tables than zlib.compress's 32 KB and
    256 KB: setting those up cost about four times the compression of a comment (the ratio on 5,000-character
    comments with 16 KiB of metadata is the same). Same level (6)."""
    if len(data) < COMPRESS_FROM:
        return data
    packer = zlib.compressobj(6, zlib.DEFLATED, 13, 5)
    return packer.compress(data) + packer.flush()


@lru_cache(maxsize=16)
def _intervals_json(intervals: tuple[int, ...]) -> str:
    """The retry intervals as Job.save writes them (json.dumps of the list), made once."""
    return json.dumps(list(intervals))


@lru_cache(maxsize=16)
def _fixed_fields(queue_name: str, result_ttl: int, job_timeout: int, max_retries: int,
                  retry_intervals: tuple[int, ...]) -> tuple[tuple[Any, ...], ...]:
    """QueueAccess._fixed_fields: the job hash as RQ's Job.save writes it, status first (Queue._persist_job)."""
    retries = ("retries_left", max_retries, "retry_intervals", _intervals_json(retry_intervals)) if max_retries else ()
    return (("status", "queued", "created_at"),   # created_at's stamp
            ("data",),   # the job's data
            ("success_callback_name", ON_SUCCESS, "failure_callback_name", ON_FAILURE,
             "stopped_callback_name", ON_STOPPED, "started_at", "", "ended_at", "", "last_heartbeat", "",
             "worker_name", "", "group_id", "", *retries, "origin", queue_name, "description", "analysis",
             "enqueued_at"),   # enqueued_at's stamp
            ("timeout", job_timeout, "success_callback_timeout", CALLBACK_TIMEOUT,
             "failure_callback_timeout", CALLBACK_TIMEOUT, "stopped_callback_timeout", CALLBACK_TIMEOUT,
             "result_ttl", result_ttl, "failure_ttl", result_ttl, "meta"),   # the meta
            ("ttl", result_ttl))


@lru_cache(maxsize=256)
def _packed(*words: Any) -> bytes:
    """The words as hiredis.pack_command writes them inside a command (without the command's count), once."""
    packed = hiredis.pack_command(words)
    return packed[packed.index(b"\n") + 1:]


def _bulk(word: str | bytes) -> bytes:
    """One word of a command as hiredis.pack_command writes it ('$', length, CRLF, the UTF-8 bytes, CRLF)."""
    data = word.encode() if type(word) is str else word
    return b"$%d\r\n%b\r\n" % (len(data), data)


def _error_line(exc_string: str | None) -> str:
    """'ExceptionClass: message' on one line, from RQ's stored traceback; never the traceback itself.

    The exception line is the first unindented line after the last frame ("  File ..."); a
    multi-line message is joined with spaces, and a dotted class path is cut to the class name.
    """
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


class ExternalIdReused(Unprocessable):
    """A batch item's external_id was already used for a different comment."""


def _fingerprint(comment: dict[str, Any]) -> str:
    canonical = json.dumps(comment, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QueueAccess:
    """Enqueue and read analyses on one Redis connection and one queue.

    Every job gets explicit options: job timeout, result/failure TTL = retention, and
    Retry(max=2, interval=[5, 30]) so that a transient failure is retried before it is reported.
    """

    connection: Redis
    queue_name: str
    result_ttl: int
    job_timeout: int
    max_retries: int = 2
    retry_intervals: tuple[int, ...] = RETRY_INTERVALS
    job_name: str = JOB_NAME
    block_slice: float = 1.0   # longest single blocking read, kept under the socket timeout
    tenant_cap: int = 0        # analyses a tenant may have queued or running (0: no cap)

    @property
    def queue(self) -> Queue:
        return Queue(self.queue_name, connection=self.connection)

    def _new_job(self, comment: dict[str, Any], batch_id: str | None, tenant: str | None, moment: datetime,
                 job_id: str | None = None) -> tuple[Job, tuple[Any, ...]]:
        """A new analysis job as RQ's Queue.enqueue_many returns it (Job.create, then queued) and the HSET that
        stores it: the fields and values of RQ's Job.save, status first as Queue._persist_job writes it.

        RQ's own path (prepare_data, Job.create, to_dict, a recorded pipeline) cost about a fifth of the API's
        CPU per POST; the hash is the same (tests/api/test_enqueue.py reads both back through RQ)."""
        if self.result_ttl <= 0:
            raise ValueError("Job ttl must be greater than 0")   # as Queue.create_job
        comment = dict(comment)
        callback_url = comment.pop("callback_url", None)   # for the worker's webhook, not the engine
        meta: dict[str, Any] = {"external_id": comment.get("external_id"), "metadata": comment.get("metadata"),
                                "batch_id": batch_id}
        if tenant is not None:   # absent: the default tenant (jobs of a single-tenant install look the same)
            meta["tenant"] = tenant
        if callback_url:
            meta["callback_url"] = callback_url
        job = Job(job_id or str(uuid.uuid4()), connection=self.connection)
        job.origin = self.queue_name
        job._instance, job._func_name, job._args, job._kwargs = None, self.job_name, (comment,), {}
        job._success_callback_name, job._success_callback_timeout = ON_SUCCESS, CALLBACK_TIMEOUT
        job._failure_callback_name, job._failure_callback_timeout = ON_FAILURE, CALLBACK_TIMEOUT
        job._stopped_callback_name, job._stopped_callback_timeout = ON_STOPPED, CALLBACK_TIMEOUT
        job.description = "analysis"
        job.result_ttl = job.failure_ttl = job.ttl = self.result_ttl
        job.timeout = self.job_timeout
        job.meta = meta
        job.created_at = job.enqueued_at = moment
        job._status = JobStatus.QUEUED
        job.redis_server_version = get_version(self.connection)   # read once per connection
        stamp = _utcformat(moment)
        head, after_stamp, after_data, after_enqueued, after_meta = self._fixed_fields()
        if self.max_retries:
            job.retries_left, job.retry_intervals = self.max_retries, list(self.retry_intervals)
        fields = (*head, stamp, *after_stamp, _compress(job.data), *after_data, stamp, *after_enqueued,
                  DefaultSerializer.dumps(meta), *after_meta)
        return job, ("HSET", job.key, *fields)

    def _fixed_fields(self) -> tuple[tuple[Any, ...], ...]:
        """The job hash's fields and values that are the same for every analysis job of this queue access, in the
        five runs around those that change (created_at's stamp, the data, enqueued_at's stamp, the meta)."""
        return _fixed_fields(self.queue_name, self.result_ttl, self.job_timeout, self.max_retries,
                             self.retry_intervals)

    def _packed_enqueue(self, job: Job, write: tuple[Any, ...], key: str, refresh: bool, moment: float,
                        add_queue: bool) -> bytes:
        """hiredis.pack_command of the cap's script that enqueues this job (EVALSHA of limits._RESERVE with the
        words of _enqueue_commands), byte for byte, but with the words that are the same for every job packed once:
        hiredis formats each word's length with sprintf, 76 of them a job (tests/api/test_enqueue.py compares both)."""
        _, job_key, *_ = write
        head, after_stamp, after_data, after_enqueued, after_meta = self._fixed_fields()
        at = len(head) + 2   # the stamp's place in the HSET command
        stamp, data = write[at], write[at + len(after_stamp) + 1]
        meta = write[-len(after_meta) - 1]
        queue_key = Queue.redis_queue_namespace_prefix + self.queue_name
        from service import limits

        parts = [_packed("EVALSHA", limits._RESERVE_SHA, 1), _bulk(key),
                 _packed(self.tenant_cap, self.result_ttl if refresh else -self.result_ttl), _bulk(repr(moment)),
                 _packed(1), _bulk(job.id)]
        count = 9
        if add_queue:
            parts.append(_packed(3, "SADD", Queue.redis_queues_keys, queue_key))
            count += 4
        parts += [_packed(len(write), "HSET"), _bulk(job_key), _packed(*head), _bulk(stamp), _packed(*after_stamp),
                  _bulk(data), _packed(*after_data), _bulk(stamp), _packed(*after_enqueued), _bulk(meta),
                  _packed(*after_meta), _packed(3, "EXPIRE"), _bulk(job_key),
                  _packed(self.result_ttl, 3, "RPUSH", queue_key), _bulk(job.id)]
        count += 1 + len(write) + 8
        return b"*%d\r\n%b" % (count, b"".join(parts))

    def _enqueue_commands(self, jobs: list[tuple[Job, tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
        """What RQ's enqueue_many writes for these jobs: the queue in the set of queues, each job's hash
        (expiring with its ttl), and the ids at the end of the queue in order, with one RPUSH (RQ sends one per
        job; run in one atomic step, the queue ends the same). (RQ also sets the ttl of the job's dependents and
        dependencies keys, which a new job id does not have.)"""
        entries = self._queue_commands(jobs)   # the set of queues (when due) first, as RQ writes it
        return [*entries[:-1], *self._job_writes(jobs), entries[-1]]

    def _job_writes(self, jobs: list[tuple[Job, tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
        """_enqueue_commands' writes of the jobs' own keys: each job's hash, expiring with its ttl."""
        commands: list[tuple[Any, ...]] = []
        for job, write in jobs:
            commands += [write, ("EXPIRE", job.key, self.result_ttl)]
        return commands

    def _queue_commands(self, jobs: list[tuple[Job, tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
        """_enqueue_commands' writes that make the jobs visible: the queue in the set of queues, the ids at the
        end of the queue."""
        queue_key = Queue.redis_queue_namespace_prefix + self.queue_name
        commands: list[tuple[Any, ...]] = []
        if due(self.connection, Queue.redis_queues_keys):   # a member that stays: once a minute (limits.due)
            commands.append(("SADD", Queue.redis_queues_keys, queue_key))
        commands.append(("RPUSH", queue_key, *(job.id for job, _ in jobs)))
        return commands

    def enqueue_analysis(self, comment: dict[str, Any], tenant: str | None | object = CURRENT_TENANT) -> Job:
        """Queue one analysis for the tenant (by default the current request's; None: the default tenant),
        within its cap of queued analyses (service/limits.py raises QueueFull, nothing queued), in one round
        trip; the job id is the new analysis id."""
        tenant = _resolve(tenant)
        job, write = self._new_job(comment, None, tenant, now())
        return self._enqueue_new(job, write, tenant)

    def enqueue_and_wait(self, comment: dict[str, Any], seconds: float,
                         tenant: str | None | object = CURRENT_TENANT) -> tuple[Job, Result | None]:
        """enqueue_analysis() then wait(job, seconds), with the enqueue script and the first read of the result
        stream (XREAD BLOCK) sent together: one round trip less per POST ?wait (a send, a blocking read, a
        thread wake-up). When the script does not add the job (no room under the cap, the script unknown to a
        restarted Redis, no scripting) or the connection fails before its answer, the reader is dropped with
        its connection (its XREAD would block for nothing) and the usual enqueue_analysis() and wait() follow,
        with their answers, retries and errors."""
        tenant = _resolve(tenant)
        pool = _lean_pool(self.connection)
        if pool is None or self.tenant_cap <= 0 or seconds <= 0:
            job = self.enqueue_analysis(comment, tenant)
            return job, self.wait(job, seconds)
        from service import limits

        deadline = time.monotonic() + seconds
        job, write = self._new_job(comment, None, tenant, now())
        key, stream = tenant_key(tenant, ACTIVE), Result.get_key(job.id)
        refresh = limits.due(self.connection, key)
        script = self._packed_enqueue(job, write, key, refresh, time.time(),
                                      limits.due(self.connection, Queue.redis_queues_keys))
        block_ms = max(1, int(min(seconds, self.block_slice) * 1000))
        read = hiredis.pack_command(("XREAD", "BLOCK", block_ms, "STREAMS", stream, "0-0"))
        added, first, conn = False, None, _own_connection(pool)
        try:
            conn.send_packed_command([script + read])   # one send (a system call and a wake-up of Redis)
            added = int(conn.read_response()) < 0
            if added:
                first = conn.read_response()
            else:
                conn.disconnect()   # the XREAD would still answer on it
        except (redis.ConnectionError, redis.TimeoutError, redis.ResponseError):
            conn.disconnect()   # an answer may still come on it
        except BaseException:
            conn.disconnect()   # whatever stopped the reading (a worker timeout...): no reply left unread
            raise
        if not added:   # not added (no room, the script unknown, an error) or not known: the usual way says why
            job = self._enqueue_new(job, write, tenant)
            return job, self.wait(job, deadline - time.monotonic())
        if refresh:
            limits.done(self.connection, key)
        limits.done(self.connection, Queue.redis_queues_keys)
        log.info("analysis %s queued on %s", job.id, self.queue_name)
        if first is None:   # the connection failed after the enqueue: read the stream the usual way
            return job, self.wait(job, deadline - time.monotonic())
        shape = self.connection.response_callbacks.get("XREAD")
        return job, self.wait(job, deadline - time.monotonic(), first=shape(first, keys=[stream]) if shape else first)

    def _enqueue_new(self, job: Job, write: tuple[Any, ...], tenant: str | None) -> Job:
        try:
            self._reserve(tenant, [job.id], then=self._enqueue_commands([(job, write)]))
        except BaseException:
            self._release(tenant, [job.id])
            raise
        done(self.connection, Queue.redis_queues_keys)
        log.info("analysis %s queued on %s", job.id, self.queue_name)
        return job

    def enqueue_batch(self, comments: list[dict[str, Any]], callback_url: str | None = None,
                      tenant: str | None | object = CURRENT_TENANT) -> tuple[str, datetime, list[Job]]:
        """Queue every comment and store the batch record, all in one round trip; a batch that would take the
        tenant past its cap is refused whole.

        `callback_url` receives the batch.completed webhook (kept in the batch record for the worker)."""
        batch_id = str(uuid.uuid4())
        created = now()
        tenant = _resolve(tenant)
        new_ids = [str(uuid.uuid4()) for _ in comments]
        reused = self._claim_external_ids(tenant, comments, new_ids)
        made = [self._new_job(comment, batch_id, tenant, created, job_id)
                for comment, job_id, old in zip(comments, new_ids, reused) if old is None]
        ids = [job.id for job, _ in made]
        pending = iter(ids)
        all_ids = [old or next(pending) for old in reused]
        # The jobs' hashes go ahead of the cap's step, the queue entries in it (service/limits.py reserve, `before`)
        writes = self._job_writes(made)
        commands = self._queue_commands(made) if made else []
        for old in filter(None, reused):   # the worker counts them for this batch too when they end
            commands += [("SADD", ANALYSIS_BATCHES_KEY.format(old), batch_id),
                         ("EXPIRE", ANALYSIS_BATCHES_KEY.format(old), self.result_ttl)]
        record = {"id": batch_id, "created_at": iso(created), "ids": all_ids}
        if callback_url:
            record["callback_url"] = callback_url
        if tenant is not None:
            record["tenant"] = tenant
        commands.append(("SET", BATCH_KEY.format(batch_id), json.dumps(record), "EX", self.result_ttl))
        try:
            self._reserve(tenant, ids, then=commands, before=writes)
        except BaseException:
            self._release(tenant, ids)
            raise
        if made:
            done(self.connection, Queue.redis_queues_keys)
        self._count_ended(batch_id, [old for old in reused if old])
        # the jobs just made as they are (no read back); only the reused ones are read
        previous = dict(zip(filter(None, reused), Job.fetch_many(list(filter(None, reused)),
                                                                 connection=self.connection))) if any(reused) else {}
        fresh = iter(job for job, _ in made)
        jobs = [previous[old] if old else next(fresh) for old in reused]
        log.info("batch %s queued: %d analyses on %s (%d reused by external_id)", batch_id, len(made),
                 self.queue_name, len(all_ids) - len(made))
        return batch_id, created, [job for job in jobs if job is not None]

    def _claim_external_ids(self, tenant: str | None, comments: list[dict[str, Any]],
                            new_ids: list[str]) -> list[str | None]:
        """Per item, the analysis already made for its external_id (same comment, within 24 h) or None.

        Each external_id is claimed with SET NX, so among concurrent duplicates exactly one analysis is
        made; an external_id already used for a different comment is refused (422), nothing queued.
        """
        items = [(i, c["external_id"]) for i, c in enumerate(comments) if c.get("external_id")]
        reused: list[str | None] = [None] * len(comments)
        if not items:
            return reused
        scope = tenant or "-"
        window = min(EXTERNAL_ID_WINDOW, self.result_ttl)
        keys = {i: EXTERNAL_ID_KEY.format(scope=scope, digest=hashlib.sha256(e.encode("utf-8")).hexdigest())
                for i, e in items}
        prints = {i: _fingerprint(comments[i]) for i, _ in items}
        with self.connection.pipeline() as pipe:
            for i, _ in items:
                pipe.set(keys[i], json.dumps({"id": new_ids[i], "fp": prints[i]}), nx=True, ex=window)
            claimed = dict(zip((i for i, _ in items), pipe.execute()))
        taken = [i for i, _ in items if not claimed[i]]
        existing = dict(zip(taken, self.connection.mget([keys[i] for i in taken]))) if taken else {}
        conflicts: dict[int, dict[str, list[str]]] = {}
        for i in taken:
            record = json.loads(existing[i]) if existing[i] else None
            if record is None or not self.connection.exists(f"rq:job:{record['id']}"):
                # expired or erased meanwhile: this item makes the analysis now
                self.connection.set(keys[i], json.dumps({"id": new_ids[i], "fp": prints[i]}), ex=window)
            elif record["fp"] == prints[i]:
                reused[i] = record["id"]
            else:
                conflicts[i] = {"external_id": ["Already used for a different comment in the last 24 hours: "
                                                "send each comment with its own external_id."]}
        if conflicts:
            mine = [keys[i] for i, _ in items if claimed[i]]
            if mine:
                self.connection.delete(*mine)
            raise ExternalIdReused("An external_id of this batch was already used for another comment.",
                                   {"comments": conflicts})
        return reused

    def _count_ended(self, batch_id: str, reused: list[str]) -> None:
        """Reused analyses that have already ended count as ended for this batch at once."""
        if not reused:
            return
        jobs = Job.fetch_many(reused, connection=self.connection)
        ended = [job.id for job in jobs if job is not None and job.get_status(refresh=False) in _ENDED_STATUSES]
        if ended:
            self.connection.sadd(BATCH_ENDED_KEY.format(batch_id), *ended)
            self.connection.expire(BATCH_ENDED_KEY.format(batch_id), self.result_ttl)

    def _reserve(self, tenant: str | None, ids: list[str], then: list[tuple[Any, ...]],
                 before: list[tuple[Any, ...]] = ()) -> None:   # type: ignore[assignment]
        """Count the ids against the tenant's cap (QueueFull when they do not fit) and run `then`, the commands
        that enqueue them, in the same atomic step, with `before` (the jobs' own keys) just ahead
        (service/limits.py)."""
        from service.limits import reserve

        reserve(self.connection, tenant, ids, self.tenant_cap, self.result_ttl, then=then, before=before)

    def _release(self, tenant: str | None, ids: list[str]) -> None:
        from service.limits import release

        if self.tenant_cap > 0:
            release(self.connection, tenant, ids)

    def fetch(self, analysis_id: str, tenant: str | None | object = ANY_TENANT) -> Job | None:
        """The analysis job, or None when unknown, expired, not an analysis or (when `tenant` is given:
        None is the default tenant) another tenant's."""
        with self.connection.pipeline(transaction=False) as pipe:   # the job and its tombstone: one round trip
            pipe.hgetall(Job.key_for(analysis_id))
            pipe.exists(ERASED_KEY.format(analysis_id))
            data, erased = pipe.execute()
        if not data:
            return None
        job = Job(analysis_id, connection=self.connection)
        job.restore(data)   # what Job.fetch() does with the hash it reads
        if job.func_name != self.job_name:
            return None
        if tenant is not ANY_TENANT and (job.meta or {}).get("tenant") != tenant:
            return None
        if erased:
            self._purge(analysis_id)   # written back by a worker that was running it when it was erased
            return None
        return job

    def fetch_batch(self, batch_id: str, tenant: str | None | object = ANY_TENANT
                    ) -> tuple[dict[str, Any], list[Job | None]] | None:
        """The batch record and its jobs in input order (None for an expired job); None when unknown or
        (when `tenant` is given) another tenant's."""
        raw = self.connection.get(BATCH_KEY.format(batch_id))
        if raw is None:
            return None
        record = json.loads(raw)
        if tenant is not ANY_TENANT and record.get("tenant") != tenant:
            return None
        jobs = Job.fetch_many(record["ids"], connection=self.connection)
        erased = self.erased_ids(record["ids"])
        return record, [None if job_id in erased else job for job_id, job in zip(record["ids"], jobs)]

    def erased_ids(self, analysis_ids: list[str]) -> set[str]:
        """The ids among these that were erased (DELETE /v1/analyses/{id}), in one round trip."""
        with self.connection.pipeline() as pipe:
            for analysis_id in analysis_ids:
                pipe.exists(ERASED_KEY.format(analysis_id))
            found = pipe.execute()
        return {analysis_id for analysis_id, exists in zip(analysis_ids, found) if exists}

    def erase(self, analysis_id: str, wait: float = 0.0, tenant: str | None | object = ANY_TENANT) -> str:
        """Erase an analysis: its job hash (the comment), result stream, queue entry and registries, and
        leave a tombstone. Returns 'erased', 'missing' (unknown, expired or already erased) or 'running'
        (a worker still runs it after `wait` seconds: erasing now would let the worker write it back)."""
        if self.connection.exists(ERASED_KEY.format(analysis_id)):
            self._purge(analysis_id)
            return "missing"
        job = self.fetch(analysis_id, tenant)
        if job is None:
            return "missing"
        deadline = time.monotonic() + wait
        while job.get_status(refresh=True) == JobStatus.STARTED:
            if time.monotonic() >= deadline:
                return "running"
            time.sleep(0.05)
        with self.connection.pipeline() as pipe:
            job.delete(pipeline=pipe, remove_from_queue=True)
            pipe.set(ERASED_KEY.format(analysis_id), "1", ex=self.result_ttl)
            pipe.zrem(tenant_key((job.meta or {}).get("tenant"), ACTIVE), analysis_id)   # no longer queued
            pipe.execute()
        log.info("analysis %s erased", analysis_id)
        return "erased"

    def _purge(self, analysis_id: str) -> None:
        """Delete whatever a worker wrote back for an erased analysis (its hash, result and registry entries)."""
        from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry

        queue = self.queue
        with self.connection.pipeline() as pipe:
            pipe.lrem(queue.key, 0, analysis_id)
            for registry in (FinishedJobRegistry, FailedJobRegistry, ScheduledJobRegistry):
                pipe.zrem(registry(queue=queue).key, analysis_id)
            pipe.delete(Job.key_for(analysis_id), Result.get_key(analysis_id))
            pipe.execute()

    def wait(self, job: Job, seconds: float, first: Any = None) -> Result | None:
        """Block until the job has ended for good (success, or failure with no retry left) or
        `seconds` pass; returns the successful Result when it was read on the way (describe() then
        needs no other round trip), else None.

        Reads the job's result stream with XREAD in slices shorter than the Redis socket timeout
        (a single long block would end in a socket timeout), and keeps waiting past a failed
        attempt that RQ will retry. `first`: the answer of a first slice already read from "0-0"
        (enqueue_and_wait).
        """
        deadline = time.monotonic() + seconds
        key = Result.get_key(job.id)
        last_seen = "0-0"
        pending = first is not None
        while pending or (remaining := deadline - time.monotonic()) > 0:
            if pending:
                response: Any = first
                pending = False
            else:
                block_ms = max(1, int(min(remaining, self.block_slice) * 1000))
                response = xread_one(self.connection, key, last_seen, block_ms)
            if not response:
                continue
            entry_id, payload = response[0][1][-1]  # [[stream, [(entry_id, fields), ...]]]
            last_seen = entry_id
            result = self._restore(job, entry_id, payload)
            if result.type == Result.Type.SUCCESSFUL:
                return result   # written with the job's finished status, in one transaction: it has ended
            if job.get_status(refresh=True) in _ENDED:
                return None
        return None

    def _restore(self, job: Job, entry_id: bytes | str, payload: dict[Any, Any]) -> Result:
        """Result.restore of a Result stream entry, except that a success stored as JSON text by the worker
        (worker/results.py) keeps that text as its return value (JSONText: the response sends it as it is,
        without loading it and writing it again)."""
        result_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
        fields = decode_redis_hash(payload)
        raw = fields.get("return_value")
        if raw is not None and fields.get("type") == _SUCCESSFUL and job.serializer is DefaultSerializer:
            text = json_text(_b64decode(raw))
            if text is not None:
                started, ended = fields.get("execution_started_at"), fields.get("execution_ended_at")
                return Result(job.id, Result.Type.SUCCESSFUL, connection=self.connection, id=result_id,
                              created_at=datetime.fromtimestamp(int(result_id.split("-")[0]) / 1000, tz=timezone.utc),
                              return_value=JSONText(text), worker_name=(fields.get("worker_name") or b"").decode(),
                              execution_id=fields["execution_id"].decode() if fields.get("execution_id") else None,
                              execution_started_at=datetime.fromtimestamp(float(started), tz=timezone.utc)
                              if started else None,
                              execution_ended_at=datetime.fromtimestamp(float(ended), tz=timezone.utc)
                              if ended else None)
        return Result.restore(job.id, result_id, payload, connection=self.connection, serializer=job.serializer)

    def _latest_result(self, job: Job) -> Result | None:
        """job.latest_result(), read by _restore."""
        response = self.connection.xrevrange(Result.get_key(job.id), "+", "-", count=1)
        if not response:
            return None
        entry_id, payload = response[0]
        return self._restore(job, entry_id, payload)

    def worker_count(self) -> int:
        """RQ workers registered (alive, heartbeating) for this queue."""
        return Worker.count(connection=self.connection, queue=self.queue)

    def describe(self, job: Job, latest: Result | None = None, *, refresh: bool = True) -> dict[str, Any]:
        """The public view of one analysis; `latest`: its successful Result when already read (wait());
        `refresh=False`: the job was just read (fetch(), fetch_batch()) or enqueued by this request, so its
        status is the one it holds (no round trip to read it again)."""
        if latest is not None and latest.type == Result.Type.SUCCESSFUL:
            status = "succeeded"
        else:
            latest = None
            status = _STATUS.get(job.get_status(refresh=refresh) or JobStatus.QUEUED, "queued")
        meta = job.get_meta(refresh=False) or {}
        body: dict[str, Any] = {
            "id": job.id, "status": status, "created_at": iso(job.created_at), "finished_at": None,
            "external_id": meta.get("external_id"), "metadata": meta.get("metadata"),
            "result": None, "error": None,
        }
        if status in ("succeeded", "failed"):
            latest = latest or self._latest_result(job)
            if latest is not None:
                body["finished_at"] = iso(latest.created_at)
                if latest.type == Result.Type.SUCCESSFUL:
                    body["status"] = "succeeded"
                    body["result"] = latest.return_value
                else:
                    body["status"] = "failed"
                    body["error"] = {"type": "analysis_failed", "message": _error_line(latest.exc_string)}
            else:
                body["finished_at"] = iso(job.ended_at)
                if status == "failed":
                    body["error"] = {"type": "analysis_failed", "message": "The analysis failed."}
        return body

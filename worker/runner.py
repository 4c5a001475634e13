"""`ecoute worker`: an RQ SimpleWorker that keeps the engine loaded and survives Redis restarts.

SimpleWorker runs jobs in the worker process (no fork per job), so the engine's lexicons and the
language models are loaded once. When Redis goes away, rq 3's dequeue loop retries by itself,
but anything else that raises ConnectionError (start-up, registration, heartbeats) ends work();
the loop below then reconnects with backoff and starts a new worker, and jobs still queued are
picked up again. rq's scheduler child dies on a Redis outage and is only restarted at the
10-minute maintenance, so ResilientScheduler waits for Redis instead (Retry intervals keep working).
Jobs abandoned by a killed worker go back to work within about 15 s: each worker claims jobs
atomically and holds a short lease, and the workers sweep for jobs of dead ones (worker/reclaim.py).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import signal
import sys
import time
from datetime import datetime, timezone
from types import FrameType
from typing import Any, Callable

import redis
from pybase64 import b64encode   # base64.b64encode's output, with SIMD: ~35 times faster on a 12 KB result
from redis.commands import CoreCommands
from rq import Queue, SimpleWorker
from rq.defaults import UNSERIALIZABLE_RETURN_VALUE_PAYLOAD
from rq.executions import Execution, ExecutionRegistry
from rq.intermediate_queue import IntermediateQueue
from rq.job import Job, JobStatus, _current_job   # rq is pinned to 3.0.x (pyproject.toml)
from rq.rate_limit import release_slot
from rq.scheduler import RQScheduler
from rq.scripts import ACQUIRE_OR_REFRESH_LOCK_SCRIPT, acquire_or_refresh_lock
from rq.serializers import DefaultSerializer
from rq.suspension import is_suspended
from rq.timeouts import JobTimeoutException, UnixSignalDeathPenalty
from rq.registry import BaseRegistry, FinishedJobRegistry, StartedJobRegistry
from rq.results import Result
from rq.utils import current_timestamp, now, utcformat
from rq.worker import WorkerStatus

from worker.jobs import CurrentJobFilter, merge_profile, outline, profile_key, run_engine, warm_up
from worker.metrics import observe_engine_many
from worker.reclaim import CLAIM_LUA, ClaimingQueue, Reclaimer, restore_claimed
from worker import results
from worker.redis_calls import send_script
from worker.webhooks import SucceededAnalyses, webhook_queue
from worker.settings import WorkerSettings, WorkerSettingsError

log = logging.getLogger("worker")

JOB_NAME = "worker.jobs.analyze_comment"                  # docs/contract.md, "Jobs (RQ)"
ON_SUCCESS = "worker.webhooks.on_analysis_succeeded"     # the success callback the API sets


def connect(settings: WorkerSettings) -> redis.Redis:
    if not settings.redis_url:
        raise WorkerSettingsError("REDIS_URL is not set: `ecoute worker` needs the Redis the API enqueues on")
    # socket_timeout bounds every command; rq raises it above its blocking-dequeue timeout itself.
    return redis.Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout,
                                socket_timeout=settings.redis_timeout, socket_keepalive=True,
                                health_check_interval=30)


def configure_logging(level: str, log_format: str = "json") -> None:
    """One JSON object per line (or plain text), each naming the job it belongs to.

    A worker logs a line per analysis at INFO (the default level). Its lines name no source line, thread or
    process, so logging does not look them up for each record (the logging documentation's "Optimization"),
    and python-json-logger's orjson formatter encodes them: about 20 us of CPU a line instead of 50, a
    tenth of an analysis."""
    logging._srcfile = None   # type: ignore[attr-defined]   # no frame walk for funcName/lineno
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler()
    handler.addFilter(CurrentJobFilter())
    if log_format == "json":
        from pythonjsonlogger.orjson import OrjsonFormatter

        handler.setFormatter(OrjsonFormatter("%(levelname)s %(name)s %(message)s %(job_id)s", timestamp="time",
                                             rename_fields={"levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [job %(job_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class ResilientScheduler(RQScheduler):
    """RQ's scheduler process, but it waits for Redis to come back instead of dying.

    rq's scheduler runs in a forked child; on a Redis ConnectionError it exits, and the worker only
    restarts it at its 10-minute maintenance, so Retry intervals and enqueue_in would stall after a
    Redis restart. Here the loop logs, backs off and carries on; heartbeat() re-acquires the lock.
    Every worker runs one: those without the lock stand by and try for it every STANDBY_RETRY
    seconds (rq: 2 minutes, and only at maintenance when none runs), so retries keep their intervals
    when the worker holding the lock dies.
    """

    STANDBY_RETRY = 5.0
    #: Seconds a queue's scheduler lock outlives its holder's last heartbeat (one a second). rq's is
    #: interval + 60: a scheduler that dies without releasing it (SIGKILLed with its worker, machine lost)
    #: held every retry of its queues up for over a minute; here for LOCK_TTL + STANDBY_RETRY seconds at most.
    LOCK_TTL = 10

    #: The worker's pid, set by the worker before it forks this scheduler: the child stops when its parent
    #: is no longer that process (os.getppid() read in the child would miss a parent killed before it ran).
    parent_pid: int | None = None

    def acquire_locks(self, auto_start: bool = False) -> set[str]:
        # rq 3.0's RQScheduler.acquire_locks, with LOCK_TTL as the lock's lifetime
        owned: set[str] = set()
        for name in self._queue_names:
            outcome = acquire_or_refresh_lock(self.connection, self.get_locking_key(name), self.name, self.LOCK_TTL)
            if outcome == "acquired":
                self.log.info("Acquired scheduler lock for %s", name)
            if outcome in ("acquired", "refreshed"):
                owned.add(name)
        self._scheduled_job_registries = []
        self._acquired_locks = owned
        self.lock_acquisition_time = datetime.now()
        if owned and auto_start and (not self._process or not self._process.is_alive()):
            self.start()
        return owned

    def heartbeat(self) -> None:
        # rq 3.0's RQScheduler.heartbeat, with LOCK_TTL as the lock's lifetime: refreshes the scheduler's
        # record and the locks it holds, re-acquires an expired one, drops one another scheduler took over
        self.last_heartbeat = now()
        names = sorted(self._acquired_locks)
        script = self.connection.register_script(ACQUIRE_OR_REFRESH_LOCK_SCRIPT)
        with self.connection.pipeline() as pipe:
            pipe.hset(self.key, "last_heartbeat", utcformat(self.last_heartbeat))
            pipe.expire(self.key, self.interval + 60)
            for name in names:
                script(keys=[self.get_locking_key(name)], args=[self.name, self.LOCK_TTL], client=pipe)
            outcomes = pipe.execute()[2:]
        lost = {name for name, outcome in zip(names, outcomes) if outcome == 0}
        for name, outcome in zip(names, outcomes):
            if outcome == 1:
                self.log.warning("Scheduler lock for %s had expired; re-acquired", name)
        if lost:
            self.log.warning("Scheduler locks for %s were taken over by another scheduler", ", ".join(sorted(lost)))
            self._acquired_locks -= lost
            self._scheduled_job_registries = []

    @property
    def should_reacquire_locks(self) -> bool:
        if self._queue_names == self.acquired_locks:
            return False
        since = self.lock_acquisition_time
        return since is None or (datetime.now() - since).total_seconds() > self.STANDBY_RETRY

    def work(self) -> None:
        self._install_signal_handlers()
        backoff = 0.5
        born = False
        parent = self.parent_pid or os.getppid()
        while True:
            if os.getppid() != parent:   # the worker was SIGKILLed: do not outlive it
                self._stop_requested = True
            if self._stop_requested:
                try:
                    self.stop()
                except (redis.ConnectionError, redis.TimeoutError):
                    pass   # Redis gone: the locks expire by themselves
                break
            try:
                if not born:
                    self.register_birth()
                    born = True
                if self.should_reacquire_locks:
                    self.acquire_locks()
                self.heartbeat()
                self.enqueue_scheduled_jobs()
                backoff = 0.5
                pause = float(self.interval)
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                self.log.warning("scheduler: Redis unavailable (%s); retrying in %.1fs", type(exc).__name__, backoff)
                pause, backoff = backoff, min(backoff * 2, 10.0)
            deadline = time.monotonic() + pause
            while not self._stop_requested and time.monotonic() < deadline:
                time.sleep(0.1)


def remember_serializers() -> None:
    """rq resolves the serializer of every Job, Result, Execution and registry object it builds with a
    runtime-checkable Protocol isinstance check (about 8 us each, several per job): here a serializer that
    passed the check once is returned at once afterwards. Same answers (rq is pinned to 3.0.x)."""
    import rq.serializers

    original = getattr(rq.serializers.resolve_serializer, "__wrapped__", rq.serializers.resolve_serializer)
    passed: dict[int, Any] = {}   # id -> the serializer itself, kept alive so that its id is never reused

    def resolve_serializer(serializer: Any = None) -> Any:
        if serializer and not isinstance(serializer, str) and id(serializer) in passed:
            return serializer
        resolved = original(serializer)
        if resolved is serializer and len(passed) < 64:   # in practice one: RQ's default (a class)
            passed[id(serializer)] = serializer
        return resolved

    resolve_serializer.__wrapped__ = original   # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if (name == "rq" or name.startswith("rq.")) and getattr(module, "resolve_serializer", None) is not None:
            if getattr(module.resolve_serializer, "__wrapped__", module.resolve_serializer) is original:
                module.resolve_serializer = resolve_serializer


#: The commands of ScriptedPipeline, run in one atomic step. ARGV: the number of commands, then each command
#: as its number of words and its words. As in MULTI/EXEC, an error in one command does not stop the others
#: (its reply is the error); the replies come back in order. Two words name a step of RQ's one-job path done
#: for every job of a micro-batch at once, each with a fixed layout of arguments (its Python side:
#: EcouteWorker._run_micro_batch): `@starts` marks the jobs started as Execution.create and
#: job.prepare_for_execution do, `@finishes` stores their successes as job._handle_success, Result.create, the
#: finished registry, job.cleanup and the execution's cleanup do. A micro-batch is one execution (one record,
#: one execution id in every job's started-registry entry and result: docs/contract.md, "Jobs (RQ)").
#: Then, optionally (a count above 0), the claim of the next micro-batch: count, queue key, its intermediate
#: list, then the number of other queues and each one's key and intermediate list, from which one job is
#: claimed, in order, when the first queue is empty (as a dequeue polls them). Its reply comes last: the
#: position of the queue claimed from (0: the first), then the ids claimed (worker/reclaim.py CLAIM_LUA; their
#: hashes are read after, restore_claimed); empty when every queue was.
_COMMANDS = CLAIM_LUA + """
-- Writes to keys that every job of the micro-batch shares (its queue's registries, the worker's executions set)
-- are gathered by the steps and sent once a key at the end, each as one command with every member: the same
-- records as one command a job, a dozen commands fewer a micro-batch for Redis to run.
local zadds, zrems, sadds, srems, expiry = {}, {}, {}, {}, {}
local function gather(groups, key, ...)
  local group = groups[key]
  if not group then group = {}; groups[key] = group; groups[#groups + 1] = key end
  for i = 1, select('#', ...) do group[#group + 1] = select(i, ...) end
end
local function each(command, key, words)
  for i = 1, #words, 500 do
    redis.call(command, key, unpack(words, i, math.min(i + 499, #words)))
  end
end
local function flush()
  for _, key in ipairs(zadds) do each('ZADD', key, zadds[key]) end
  for _, key in ipairs(sadds) do each('SADD', key, sadds[key]) end
  for _, key in ipairs(expiry) do redis.call('EXPIRE', key, expiry[key]) end
  for _, key in ipairs(zrems) do each('ZREM', key, zrems[key]) end
  for _, key in ipairs(srems) do each('SREM', key, srems[key]) end
end
-- One occurrence of each of the ids out of the intermediate list `claimed`, the others kept in order: as one
-- LREM claimed 1 id each, in three commands.
local function unclaim(claimed, ids, count)
  if count == 1 then
    for id in pairs(ids) do redis.call('LREM', claimed, 1, id) end
    return
  end
  local listed = redis.call('LRANGE', claimed, 0, -1)
  local kept, removed = {}, 0
  for _, id in ipairs(listed) do
    local left = ids[id]
    if left and left > 0 then ids[id] = left - 1; removed = removed + 1 else kept[#kept + 1] = id end
  end
  if removed == 0 then return end
  redis.call('DEL', claimed)
  for i = 1, #kept, 500 do redis.call('RPUSH', claimed, unpack(kept, i, math.min(i + 499, #kept))) end
end
-- record: the execution record's key ('' for a group of jobs after the first), execution: its id, first: the job
-- it is filed under, moment/second/stamp: the start (float, integer seconds, RQ's date text), ttl: the record's
-- (the longest heartbeat of the jobs), then id, heartbeat ttl for each job.
local function starts(record, execution, first, moment, second, stamp, name, status, prefix, runs, started, mine,
                      claimed, ttl, ...)
  local jobs = {...}
  ttl, second = tonumber(ttl), tonumber(second)
  if record ~= '' then
    redis.call('HSET', record, 'id', execution, 'job_id', first, 'created_at', moment, 'last_heartbeat', moment,
               'worker_name', name)
    redis.call('EXPIRE', record, ttl)
    redis.call('ZADD', runs, second + ttl + 60, execution)
    redis.call('EXPIRE', runs, ttl + 60)
    gather(sadds, mine, first .. ':' .. execution)
    if not expiry[mine] then expiry[#expiry + 1] = mine end
    expiry[mine] = math.max(expiry[mine] or 0, ttl + 60)
  end
  local ids, count = {}, 0
  for i = 1, #jobs, 2 do
    local id = jobs[i]
    gather(zadds, started, second + jobs[i + 1], id .. ':' .. execution)
    local key = prefix .. id
    redis.call('HSET', key, 'last_heartbeat', stamp, 'status', status, 'started_at', stamp, 'worker_name', name)
    redis.call('PERSIST', key)
    ids[id] = (ids[id] or 0) + 1
    count = count + 1
  end
  unclaim(claimed, ids, count)
  return 1
end
-- as starts; started_at: the execution's start (float), then id, end (RQ's date text), end (float), return value,
-- result ttl, finished-registry score for each job that succeeded.
local function finishes(record, execution, first, runs, mine, started, finished, prefix, results, status, kind, name,
                        started_at, ...)
  local jobs = {...}
  for i = 1, #jobs, 6 do
    local id, ttl = jobs[i], tonumber(jobs[i + 4])
    local key = prefix .. id
    redis.call('HSET', key, 'status', status, 'ended_at', jobs[i + 1])
    local stream = results .. id
    redis.call('XADD', stream, 'MAXLEN', '~', '10', '*', 'type', kind, 'worker_name', name,
               'return_value', jobs[i + 3], 'execution_id', execution, 'execution_started_at', started_at,
               'execution_ended_at', jobs[i + 2])
    if ttl == -1 then redis.call('PERSIST', stream) else redis.call('EXPIRE', stream, ttl) end
    gather(zadds, finished, jobs[i + 5], id)
    if ttl > 0 then redis.call('EXPIRE', key, ttl) end
    gather(zrems, started, id .. ':' .. execution)
  end
  if record ~= '' then
    redis.call('DEL', record)
    redis.call('ZREM', runs, execution)
    gather(srems, mine, first .. ':' .. execution)
  end
  return 1
end
local steps = {['@starts'] = starts, ['@finishes'] = finishes}
local out, at, last = {}, 2, nil
for k = 1, tonumber(ARGV[1]) do
  local words = tonumber(ARGV[at])
  local word = ARGV[at + 1]
  if steps[word] then
    local ok, reply = pcall(steps[word], unpack(ARGV, at + 2, at + words))
    if ok then out[k] = reply
    elseif type(reply) == 'table' then out[k] = reply
    else out[k] = redis.error_reply(tostring(reply)) end
    last = k
  else
    out[k] = redis.pcall(unpack(ARGV, at + 1, at + words))
  end
  at = at + words + 1
end
if last then   -- the gathered writes of the steps; an error is the last step's reply
  local ok, reply = pcall(flush)
  if not ok then out[last] = type(reply) == 'table' and reply or redis.error_reply(tostring(reply)) end
end
local count = tonumber(ARGV[at])
if count and count > 0 then
  local claimed, position, others = {}, 0, tonumber(ARGV[at + 3])
  claim(claimed, ARGV[at + 1], ARGV[at + 2], count)
  while #claimed == 0 and position < others do
    position = position + 1
    claim(claimed, ARGV[at + 2 + 2 * position], ARGV[at + 3 + 2 * position], 1)
  end
  if #claimed > 0 then table.insert(claimed, 1, position) end
  out[#out + 1] = claimed
end
return out
"""
_COMMANDS_SHA = hashlib.sha1(_COMMANDS.encode()).hexdigest()


class ScriptedPipeline(CoreCommands):
    """A transaction written as one Lua script: commands are recorded through redis-py's command methods (so
    RQ's own helpers write into it as into a pipeline) and sent as the arguments of a single EVALSHA.

    The client packs one command and parses one reply instead of a MULTI of dozens (about 10 us of client
    CPU each, two thirds of a worker's cost outside the engine). Replies are Redis' raw ones (no redis-py
    response callbacks: HGETALL is a flat list, SMEMBERS a list, EXISTS an integer)."""

    explicit_transaction = True   # what RQ's enqueue checks on a pipeline it is given: atomic already

    def __init__(self, connection: redis.Redis) -> None:
        self.connection = connection
        self.commands: list[tuple[Any, ...]] = []
        self._claim: list[Any] = []
        self.claimed: list[Any] = []   # after execute(): the claim's reply (position, id, id...)

    def claim(self, queue_key: str, intermediate_key: str, count: int,
              others: list[tuple[str, str]] = ()) -> None:   # type: ignore[assignment]
        """After the commands, in the same step: claim up to `count` ids of the queue, or else one of the first
        of the `others` (queue key, intermediate list key) that has one (see _COMMANDS)."""
        self._claim = [count, queue_key, intermediate_key, len(others)]
        for pair in others:
            self._claim.extend(pair)

    def execute_command(self, *args: Any, **options: Any) -> ScriptedPipeline:
        self.commands.append(args)
        return self

    def __len__(self) -> int:
        return len(self.commands)

    def __enter__(self) -> ScriptedPipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.commands = []

    def execute(self) -> list[Any]:
        """Run every recorded command in one atomic step; raises the first command error (after all ran)."""
        return self.send()()

    def send(self) -> Callable[[], list[Any]]:
        """execute() in two halves: the step is sent now, and the function returned reads its replies (as
        execute() returns them, or raises) when called; in between, Redis runs the step while the caller works."""
        if not self.commands and not self._claim:
            return list
        words: list[Any] = [len(self.commands)]
        for command in self.commands:
            words.append(len(command))
            words.extend(command)
        words.extend(self._claim)
        claiming = bool(self._claim)
        self.commands, self._claim = [], []
        pending = send_script(self.connection, _COMMANDS_SHA, _COMMANDS, 0, *words)

        def replies() -> list[Any]:
            got = list(pending.result())
            if claiming:
                self.claimed = got.pop()
            for reply in got:
                if isinstance(reply, Exception):
                    raise reply
            return got
        return replies


_EXECUTIONS_KEY = ExecutionRegistry.key_template   # rq:executions:<job id>, as RQ 3.0 names it


def _registry_key(registry: type[BaseRegistry], queue_name: str) -> str:
    """The key of a queue's registry (rq:wip:<queue>, rq:finished:<queue>), as RQ 3.0 names it."""
    return registry.key_template.format(queue_name)


def _encoded(job: Job, value: Any) -> bytes:
    """A return value as RQ's Result.serialize stores it (the job's serializer, then base64); with RQ's default
    serializer (pickle), the pickle of the result's JSON text (worker/results.py): RQ reads the same value back,
    and the API sends the text as it is."""
    if job.serializer is DefaultSerializer:
        pickled = results.dumps(value)
        if pickled is not None:
            return b64encode(pickled)   # bytes, as the script's argument
    try:
        serialized = job.serializer.dumps(value)
    except Exception:   # as RQ: a placeholder says it could not be stored
        serialized = job.serializer.dumps(UNSERIALIZABLE_RETURN_VALUE_PAYLOAD)
    return b64encode(serialized)


def faster_job_dates() -> None:
    """rq parses each date of a job hash it restores with strptime (about 20 us each, two or more per job);
    here the exact shape RQ writes ('2026-11-30T08:46:23.639275Z') is read with fromisoformat (about 1 us),
    anything else by rq's own function. Same answers (tests/worker/test_serializers.py)."""
    import rq.job

    original = getattr(rq.job.str_to_date, "__wrapped__", rq.job.str_to_date)

    def str_to_date(date_str: bytes | str) -> datetime:
        text = date_str.decode() if isinstance(date_str, bytes) else date_str
        if len(text) == 27 and text[26] == "Z" and text[10] == "T" and text[19] == ".":
            try:
                return datetime.fromisoformat(text[:26]).replace(tzinfo=timezone.utc)
            except ValueError:
                pass
        return original(date_str)

    str_to_date.__wrapped__ = original   # type: ignore[attr-defined]
    rq.job.str_to_date = str_to_date


def faster_job_hashes() -> None:
    """rq decodes each field name of a job hash it restores with a function call (as_text: about 7 us for the
    24 fields an analysis has); here with bytes.decode in one comprehension (about 2 us), and by rq's own
    function for anything else (names that are already text, values to decode). Same answers
    (tests/worker/test_serializers.py)."""
    import rq.job

    original = getattr(rq.job.decode_redis_hash, "__wrapped__", rq.job.decode_redis_hash)

    def decode_redis_hash(h: dict[Any, Any], *, decode_values: bool = False) -> dict[str, Any]:
        if not decode_values:
            try:
                return {k.decode(): v for k, v in h.items()}
            except AttributeError:   # a name that is text already (a client decoding responses)
                pass
        return original(h, decode_values=decode_values)

    decode_redis_hash.__wrapped__ = original   # type: ignore[attr-defined]
    rq.job.decode_redis_hash = decode_redis_hash


def execution_ids(count: int) -> list[str]:
    """`count` ids as RQ gives an execution (uuid4().hex), from one read of the system's random source (uuid4
    reads it and builds a UUID object for each: about 3 us an id): version nibble 4, variant bits 10."""
    digits = os.urandom(16 * count).hex()
    return [f"{digits[k:k + 12]}4{digits[k + 13:k + 16]}{'89ab'[int(digits[k + 16], 16) & 3]}{digits[k + 17:k + 32]}"
            for k in range(0, 32 * count, 32)]


def stamp(moment: datetime) -> str:
    """rq's utcformat(moment) ('2026-11-30T08:46:23.639275Z') for a UTC moment of years 1000-9999, without
    strftime's parsing of its format (a third of the time)."""
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class _Alarms:
    """RQ's UnixSignalDeathPenalty for the jobs of a micro-batch, its SIGALRM handler set once for all of them:
    around each job only the alarm is set and cleared (RQ sets the handler and puts back the default one around
    every job: two signal.signal calls, about 5 us a job). A job over its timeout raises the same exception,
    with the same message."""

    timeout = 0

    def __enter__(self) -> _Alarms:
        signal.signal(signal.SIGALRM, self._expired)
        return self

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise JobTimeoutException(f"Task exceeded maximum timeout value ({self.timeout} seconds)")

    def __exit__(self, *exc_info: object) -> None:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    def run(self, timeout: int, function: Any, *args: Any) -> Any:
        """function(*args) under an alarm of `timeout` seconds; an alarm that rings once it has returned is
        ignored, as RQ's death penalty ignores it."""
        self.timeout = timeout
        signal.alarm(timeout)
        try:
            return function(*args)
        finally:
            try:
                signal.alarm(0)
            except JobTimeoutException:
                pass


BATCHABLE_CALLBACKS = {None, ON_SUCCESS}
KEEP_ALIVE = 5.0   # seconds: a micro-batch that runs longer refreshes its jobs' heartbeats between jobs


class EcouteWorker(SimpleWorker):
    """SimpleWorker (jobs run in this process, engine stays loaded) with the resilient scheduler, atomic
    claims and a lease so that jobs of a dead worker are reclaimed (worker/reclaim.py), running queued
    analyses in micro-batches (execute_job)."""

    queue_class = ClaimingQueue
    reclaimer: Reclaimer | None = None

    def __init__(self, queues: list[Queue] | list[str], *args: object, batch_size: int = 1,
                 **kwargs: object) -> None:
        names = [queue.name if isinstance(queue, Queue) else queue for queue in queues]
        super().__init__(names, *args, **kwargs)   # type: ignore[arg-type]
        if batch_size > 1:   # dequeues claim up to batch_size analyses at once (worker/reclaim.py)
            self.queue_class = type("BatchClaimingQueue", (ClaimingQueue,), {"batch_size": batch_size})
        self._holding: set[str] = set()   # started-registry entries of the micro-batch running now

    def in_flight(self) -> set[str]:
        """The started-registry entries (job id:execution id) this worker is running now: its micro-batch's and
        RQ's own current execution. Read by the reclaim thread (worker/reclaim.py, Reclaimer.sweep_own)."""
        return set(self._holding) | {execution.composite_key for execution in list(self.executions.values())}

    # --- micro-batches ---------------------------------------------------------------------------

    def execute_job(self, job: Job, queue: Queue) -> None:
        """Run the job and the others claimed with it: analyses in one micro-batch (_run_batch), anything
        else (webhook deliveries, jobs with other callbacks) one by one through RQ's own path."""
        claimed = [job, *getattr(job, "claimed_with", ())]
        job.claimed_with = []
        if not _batchable(job):   # alone, as RQ runs it; whatever was claimed with it goes back first in line
            self._give_back(claimed[1:], queue)
            super().execute_job(job, queue)   # still in the intermediate list: perform_job takes it out
            return
        batch, others = [], []
        for j in claimed:
            (batch if _batchable(j) else others).append(j)
        # Any other kind of job claimed with them goes back to the front of the queue at once rather than
        # wait in the intermediate list, where the reclaim sweep would count it as abandoned.
        self._give_back(others, queue)
        self._run_batch(batch, queue)

    def _give_back(self, jobs: list[Job], queue: Queue) -> None:
        """Claimed jobs this worker will not run now: back at the front of their queue, in order."""
        if not jobs:
            return
        intermediate = IntermediateQueue.get_intermediate_queue_key(queue.key)
        with self.connection.pipeline() as pipe:
            for job in reversed(jobs):
                pipe.lrem(intermediate, 1, job.id)
                pipe.lpush(queue.key, job.id)
            pipe.execute()

    def _run_batch(self, jobs: list[Job], queue: Queue) -> None:
        try:
            self._run_micro_batch(jobs, queue)
        finally:   # ended, or abandoned on an error that ends this worker: either way no longer running here
            self._holding.clear()

    def _run_micro_batch(self, jobs: list[Job], queue: Queue) -> None:
        """Analyses claimed together, in two round trips for all of them (plus the callbacks' rare extras).

        1. one Lua script (ScriptedPipeline) marks every job started as RQ does (execution record, started
           registry, job status and worker, out of the intermediate list) and reads what their callbacks
           need (brand profiles, tombstones, subscriptions, batch records);
        2. the engine runs each job in turn, under its own job timeout;
        3. one Lua script stores every result as RQ's handle_job_success does (status, Result stream entry
           that `?wait` reads, finished registry, TTLs, execution cleanup), with the success callback's
           effects (worker/webhooks.py SucceededAnalyses) and the metrics, and claims the next micro-batch
           (its ids; their job hashes are read in one more round trip, and the next dequeue takes them).
        A job that raises goes through RQ's failure handling (failure callback, Retry policy) alone.
        A worker killed anywhere in between leaves its jobs `started` under its name: the reclaim sweep
        hands them to their retry policy, as for a single job (docs/contract.md, "Abandoned jobs").
        """
        connection = self.connection
        intermediate = IntermediateQueue.get_intermediate_queue_key(queue.key)
        callbacks = SucceededAnalyses(connection, jobs)
        profiles: dict[str, int] = {}
        comments: dict[str, dict[str, Any]] = {}
        broken: list[tuple[Job, Any]] = []
        beats = [self.get_heartbeat_ttl(job) for job in jobs]
        ttl = max(beats + [self.worker_ttl + 60])
        started = now()   # one clock reading, one formatting for the whole micro-batch
        started_at, moment, second = stamp(started), started.timestamp(), current_timestamp()
        name = self.name
        # One execution for the micro-batch (RQ's Execution.create, once): its record is filed under the first job,
        # and every job's started-registry entry and result name its id (docs/contract.md, "Jobs (RQ)").
        execution = Execution(execution_ids(1)[0], jobs[0].id, connection, worker_name=name)
        execution.created_at = execution.last_heartbeat = started
        execution._job = jobs[0]
        record = (execution.key, execution.id, jobs[0].id)
        with ScriptedPipeline(connection) as pipe:
            self.heartbeat(ttl, pipeline=pipe)   # RQ's idle-loop heartbeats within the next second are skipped
            self.set_state(WorkerStatus.BUSY, pipeline=pipe)
            # RQ's Execution.create and job.prepare_for_execution: the same commands and values, written by the
            # script's @starts, a group of jobs by queue of origin (one in practice)
            for origin, group in _by_origin(jobs, beats):
                words: list[Any] = []
                for job, beat in group:
                    self._holding.add(f"{job.id}:{execution.id}")   # before Redis lists it (reclaim reads it after)
                    words += (job.id, beat)
                    job.worker_name, job.last_heartbeat, job.started_at = name, started, started
                    job._status = JobStatus.STARTED
                pipe.execute_command("@starts", *record, moment, second, started_at, name, JobStatus.STARTED.value,
                                     self.job_class.redis_job_namespace_prefix, _EXECUTIONS_KEY.format(record[2]),
                                     _registry_key(StartedJobRegistry, origin), self.executions_key, intermediate,
                                     max(beats), *words)
                record = ("", execution.id, jobs[0].id)
            self.executions[execution.id] = execution
            for job in jobs:
                try:
                    comments[job.id] = comment = job.args[0]
                    key = profile_key(comment, (job.meta or {}).get("tenant"))
                except Exception:   # undecodable arguments: RQ's failure path reports it
                    broken.append((job, sys.exc_info()))
                    continue
                if key is not None:
                    profiles[job.id] = len(pipe)
                    pipe.get(key)
            callbacks.read(pipe)
            # Only a brand profile is needed before the engine runs: without one, Redis runs the step while the
            # engine works, and its replies (the webhook callbacks' reads) are taken after (worker/redis_calls.py
            # Pending). The jobs are marked started either way before their results are stored.
            sent = pipe.send()
            replies = sent() if profiles else None
        if replies is not None:
            _took(callbacks, replies)

        results: dict[str, dict[str, Any]] = {}
        durations: list[float] = []
        failures: list[tuple[Job, Any]] = list(broken)
        refreshed = time.monotonic()
        alarms = _Alarms() if self.death_penalty_class is UnixSignalDeathPenalty else None
        with alarms or contextlib.nullcontext():
            for position, job in enumerate(jobs):
                if job.id not in comments:
                    continue
                if time.monotonic() - refreshed > KEEP_ALIVE:
                    self._keep_alive(jobs[position:], execution, ttl)
                    refreshed = time.monotonic()
                token = _current_job.set(job)
                try:
                    prepared = merge_profile(comments[job.id],
                                             replies[profiles[job.id]] if replies is not None and job.id in profiles
                                             else None)
                    timeout = job.timeout or Queue.DEFAULT_TIMEOUT
                    if alarms is not None:
                        result, seconds = alarms.run(timeout, run_engine, prepared)
                    else:
                        with self.death_penalty_class(timeout, JobTimeoutException, job_id=job.id):
                            result, seconds = run_engine(prepared)
                    results[job.id] = result
                    durations.append(seconds)
                    job.ended_at = now()
                except Exception:
                    failures.append((job, sys.exc_info()))
                finally:
                    _current_job.reset(token)

        if replies is None:
            _took(callbacks, sent())
        succeeded = [job for job in jobs if job.id in results]
        if succeeded:
            with ScriptedPipeline(connection) as pipe:   # RQ's enqueue of a webhook delivery job joins it
                working = 0.0
                second = current_timestamp()
                record = (execution.key, execution.id, jobs[0].id)
                for origin, group in _by_origin(succeeded, succeeded):
                    # RQ's job._handle_success (less the rewrite of the unchanged fields), Result.create, the
                    # finished registry, job.cleanup and the execution's cleanup: the script's @finishes.
                    words = []
                    for job, _ in group:
                        job._result = result = results[job.id]
                        job._status = JobStatus.FINISHED
                        result_ttl = job.get_result_ttl(self.default_result_ttl)   # never 0 here (_batchable)
                        score = "+inf" if result_ttl == -1 else result_ttl if result_ttl < 0 else second + result_ttl
                        words += (job.id, stamp(job.ended_at), job.ended_at.timestamp(), _encoded(job, result),
                                  result_ttl, score)
                        working += (job.ended_at - job.started_at).total_seconds() if job.started_at else 0.0
                    pipe.execute_command("@finishes", *record, _EXECUTIONS_KEY.format(record[2]), self.executions_key,
                                         _registry_key(StartedJobRegistry, origin),
                                         _registry_key(FinishedJobRegistry, origin),
                                         self.job_class.redis_job_namespace_prefix, Result.get_key(""),
                                         JobStatus.FINISHED.value, Result.Type.SUCCESSFUL.value, self.name, moment,
                                         *words)
                    record = ("", execution.id, jobs[0].id)
                self.executions.pop(execution.id, None)
                for job in succeeded:
                    token = _current_job.set(job)   # its log lines name it
                    try:
                        callbacks.ended(pipe, job)
                    except Exception:   # as for RQ's callback: webhooks never fail the analysis
                        log.exception("analysis %s: could not emit its webhook events", job.id)
                    finally:
                        _current_job.reset(token)
                try:
                    callbacks.close(pipe)
                except Exception:   # as above
                    log.exception("could not record the end of the micro-batch's analyses for their batches")
                if not failures:   # spares the idle loop its round trip; recorded here at the end (warm stop)
                    pipe.hset(self.key, "state", WorkerStatus.IDLE.value)
                pipe.hincrby(self.key, "successful_job_count", len(succeeded))
                pipe.hincrbyfloat(self.key, "total_working_time", working)
                observe_engine_many(pipe, durations)
                prefetch = self._may_prefetch(queue)
                if prefetch:   # the next micro-batch, claimed in the same step (one round trip fewer a batch)
                    pipe.claim(queue.key, intermediate, self.queue_class.batch_size,
                               [(other.key, IntermediateQueue.get_intermediate_queue_key(other.key))
                                for other in self.queues[1:]])
                try:
                    replies = pipe.execute()
                finally:
                    if prefetch:
                        self._keep_prefetched(pipe.claimed, queue)
            try:
                callbacks.after(replies)
            except Exception:
                log.exception("could not announce the completed batches")
            for job in succeeded:
                release_slot(job)
                job.send_webhooks(JobStatus.FINISHED)
            if log.isEnabledFor(logging.INFO):   # one line per analysis, naming its job, as on RQ's own path
                for job in succeeded:
                    token = _current_job.set(job)
                    try:
                        log.info("analysis %s succeeded (micro-batch of %d): %s", job.id, len(succeeded),
                                 outline(results[job.id]))
                    finally:
                        _current_job.reset(token)
        for job, exc_info in failures:   # RQ's failure path removes the job's entry (and the record, for the first)
            failed = Execution(execution.id, job.id, connection, worker_name=name)
            failed.created_at = failed.last_heartbeat = started
            failed._job = job
            self._finalize_failure(job, queue, failed, exc_info)
        if succeeded and not failures:
            self._state = WorkerStatus.IDLE.value   # as recorded by the last transaction

    # --- the next micro-batch, claimed by the script that stores this one's results -------------------

    _prefetched: tuple[Job, Queue] | None = None

    def _may_prefetch(self, queue: Queue) -> bool:
        """Whether the end of a micro-batch from `queue` claims the next one: on the analyses' queue (the first),
        when micro-batches are on and no stop is asked for (a warm stop leaves nothing claimed)."""
        return (self.queue_class.batch_size > 1 and not _stopping(self) and bool(self.queues)
                and queue.key == self.queues[0].key)

    def _keep_prefetched(self, raw: list[Any], queue: Queue) -> None:
        """Hold the claimed jobs for the next dequeue (from `queue`, or one from another of the worker's
        queues); none claimed, every queue was empty: the next dequeue goes straight to its blocking wait."""
        if not raw:
            self.queue_class.first_seen_empty = True   # type: ignore[attr-defined]
            return
        position = int(raw[0])
        claimed_from = queue if position == 0 else self.queues[position]
        try:
            jobs = restore_claimed(raw[1:], claimed_from.key, self.connection, self.job_class, self.serializer)
        except redis.RedisError as exc:   # claimed but unread: the reclaim sweep puts them back in their queue
            log.warning("claimed jobs not read (%s): the reclaim sweep will requeue them", type(exc).__name__)
            return
        if jobs:   # else every hash was gone: the next dequeue claims again
            jobs[0].claimed_with = jobs[1:]
            self._prefetched = (jobs[0], claimed_from)

    def _give_back_prefetched(self) -> None:
        """Claimed jobs this worker will not start now (stopping, suspended): back at the front of the queue.
        When Redis is unreachable they stay claimed and the reclaim sweep puts them back."""
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is None:
            return
        job, queue = prefetched
        try:
            self._give_back([job, *getattr(job, "claimed_with", ())], queue)
        except redis.RedisError as exc:
            log.warning("claimed jobs not given back (%s): the reclaim sweep will", type(exc).__name__)

    def dequeue_job_and_maintain_ttl(self, timeout: int | None,
                                     max_idle_time: int | None = None) -> tuple[Job, Queue] | None:
        """RQ's, but the micro-batch claimed at the end of the previous one comes first, without a round trip."""
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is None:
            return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
        job, queue = prefetched
        self.set_state(WorkerStatus.IDLE)   # as RQ's dequeue (no round trip: the last batch recorded it)
        self.heartbeat()
        job.redis_server_version = self.get_redis_server_version()
        self.log.info("Worker %s: %s: %s", self.name, queue.name, job.id)
        return job, queue

    def teardown(self) -> None:
        try:
            self._give_back_prefetched()
        finally:
            super().teardown()

    def _keep_alive(self, jobs: list[Job], execution: Execution, ttl: int) -> None:
        """A long micro-batch: push back the expiry of the worker, of its execution record and of the started
        entries of the jobs it has not run yet (as RQ's execution heartbeat does for one job)."""
        beats = [self.get_heartbeat_ttl(job) for job in jobs]
        with self.connection.pipeline() as pipe:
            self.heartbeat(ttl, pipeline=pipe)
            first = execution._job
            if first is not None:
                execution.heartbeat(first.started_job_registry, max(beats), pipeline=pipe)
            for job, beat in zip(jobs, beats):
                if job is not first:
                    job.started_job_registry.add_execution(Execution(execution.id, job.id, self.connection),
                                                           pipeline=pipe, ttl=beat, xx=True)
            pipe.execute()

    def register_birth(self) -> None:
        super().register_birth()
        self.reclaimer = Reclaimer(self.connection, self.name, self.queue_names(), self.in_flight).start()

    def register_death(self) -> None:
        if self.reclaimer is not None:
            self.reclaimer.stop()
        super().register_death()

    _beat: tuple[int, float] = (0, 0.0)   # (expiry sent, when): the last heartbeat

    def heartbeat(self, timeout: int | None = None, pipeline: object = None) -> None:
        """RQ's heartbeat in one round trip (not three), and not repeated when the same expiry was set
        less than a second ago (rq sends three per job)."""
        timeout = timeout or self.worker_ttl + 60
        moment = time.monotonic()
        if pipeline is None:
            if self._beat[0] == timeout and moment - self._beat[1] < 1.0:
                return
            with self.connection.pipeline(transaction=False) as pipe:
                super().heartbeat(timeout, pipe)
                pipe.execute()
        else:
            super().heartbeat(timeout, pipeline)   # type: ignore[arg-type]
        self._beat = (timeout, moment)

    _suspension_checked = 0.0

    def check_for_suspension(self, burst: bool) -> None:
        """RQ checks `rq suspend` before every job (a round trip); here at most once a second."""
        moment = time.monotonic()
        if moment - self._suspension_checked >= 1.0:
            if self._prefetched is not None and is_suspended(self.connection, self):
                self._give_back_prefetched()   # a suspended worker holds no claimed job
            super().check_for_suspension(burst)
            self._suspension_checked = time.monotonic()

    def set_state(self, state: str, pipeline: Any = None) -> None:
        """RQ's, without the round trip when the state is already the one recorded."""
        if pipeline is None and state == self._state:
            return
        super().set_state(state, pipeline)

    def prepare_job_execution(self, job: object, remove_from_intermediate_queue: bool = False) -> None:
        # dequeue claimed the id into the intermediate list whatever the number of queues
        super().prepare_job_execution(job, remove_from_intermediate_queue=True)   # type: ignore[arg-type]

    def _start_scheduler(self, burst: bool = False, logging_level: str | None = "INFO",
                         date_format: str = "%H:%M:%S", log_format: str = "%(asctime)s %(message)s") -> None:
        # Same as rq 3.0's Worker._start_scheduler, with ResilientScheduler instead of RQScheduler.
        self.scheduler = ResilientScheduler(
            self.queues, connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            date_format=date_format, log_format=log_format, serializer=self.serializer)
        self.scheduler.parent_pid = os.getpid()
        self.scheduler.acquire_locks()
        if self.scheduler.acquired_locks:
            if burst:
                try:
                    self.scheduler.register_birth()
                    self.scheduler.enqueue_scheduled_jobs()
                finally:
                    self.scheduler.release_locks()
                    self.scheduler.register_death()
            else:
                self.scheduler.start()
        elif not burst:
            self.scheduler.start()   # standby: takes the lock over when its holder goes


def _took(callbacks: SucceededAnalyses, replies: list[Any]) -> None:
    """The webhook callbacks' reads, from the replies of a micro-batch's start step."""
    try:
        callbacks.took(replies)
    except Exception:
        log.exception("could not read what the webhook callbacks need")


def _by_origin(jobs: list[Job], values: list[Any]) -> list[tuple[str, list[tuple[Job, Any]]]]:
    """The jobs, each with its value, in runs of the same queue of origin: [(origin, [(job, value)...])...]."""
    runs: list[tuple[str, list[tuple[Job, Any]]]] = []
    for job, value in zip(jobs, values):
        if not runs or runs[-1][0] != job.origin:
            runs.append((job.origin, []))
        runs[-1][1].append((job, value))
    return runs


def _batchable(job: Job) -> bool:
    """An analysis as the API enqueues it (the job name, its success callback or none, no dependency, a result
    that is kept)."""
    return (job.func_name == JOB_NAME and job._success_callback_name in BATCHABLE_CALLBACKS
            and not job._dependency_ids and job.repeats_left is None and job.result_ttl != 0)


class _Stop:
    """Set by our SIGTERM/SIGINT handler while no rq worker is running (connecting, backing off)."""

    requested = False

    def install(self) -> None:
        def _handler(signum: int, frame: FrameType | None) -> None:
            log.info("stop requested (signal %d)", signum)
            self.requested = True

        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _handler)


def _stopping(worker: EcouteWorker | None) -> bool:
    """Whether rq's own signal handler recorded a stop request on this worker."""
    return worker is not None and (worker._stop_requested or worker._shutdown_requested_date is not None)


def _discard(worker: EcouteWorker | None) -> None:
    """Release what a worker whose work() raised leaves behind: scheduler child, pubsub thread."""
    if worker is None:
        return
    if worker.reclaimer is not None:
        worker.reclaimer.stop(release=False)   # its jobs are reclaimed once the lease expires
    try:
        if worker.scheduler is not None:
            worker.stop_scheduler()
    except Exception:  # best effort: we are already handling an outage
        log.debug("could not stop the scheduler", exc_info=True)
    thread = getattr(worker, "pubsub_thread", None)
    if thread is not None:
        thread.stop()
        thread.join(timeout=1)
        worker.pubsub_thread = None
        try:
            if worker.pubsub is not None:
                worker.pubsub.close()
        except Exception:
            log.debug("could not close pubsub", exc_info=True)


def run(settings: WorkerSettings, *, burst: bool = False, queues: list[str] | None = None) -> int:
    """Work until stopped (or, with burst, until the queues are empty). Returns an exit code."""
    configure_logging(settings.log_level, settings.log_format)
    remember_serializers()
    faster_job_dates()
    faster_job_hashes()
    warm_up()
    # The engine's resources (lexicons, language models, reply texts: about 70,000 objects) live as long as
    # the process: moved out of the collector's reach, a full collection no longer walks them (about 20 ms
    # each time, a pause that lands on the analyses running then).
    gc.collect()
    gc.freeze()
    names = queues or [settings.queue_name, webhook_queue(settings.queue_name)]   # analyses first
    stop = _Stop()
    backoff = 0.5
    previous: EcouteWorker | None = None   # this process's worker that a Redis outage cut off
    while True:
        stop.install()   # rq installs its own handlers inside work(); ours cover the gaps
        worker: EcouteWorker | None = None
        try:
            connection = connect(settings)
            connection.ping()
            if stop.requested:
                return 0
            worker = EcouteWorker([Queue(name, connection=connection) for name in names],
                                  connection=connection, name=settings.worker_name,
                                  log_job_description=False,   # descriptions can carry comment text
                                  batch_size=settings.batch_size if names[0] == settings.queue_name else 1)
            if previous is not None:   # cut off by an outage: its scheduler is stopped, its jobs are abandoned
                if previous.scheduler is not None:
                    previous.scheduler.release_locks()
                previous.register_death()   # also lets a fixed name (--name) register again
            previous = None
            log.info("worker %s listening on %s", worker.name, ", ".join(names))
            backoff = 0.5
            worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
            if burst or _stopping(worker):
                return 0   # finished its burst, or asked to stop (SIGTERM/SIGINT): warm shutdown done
            # work() returns on a Redis timeout too: check the connection and go round again.
            connection.ping()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            _discard(worker)
            previous = worker or previous
            if stop.requested or _stopping(worker):
                log.info("stopped while Redis was unavailable")
                return 0
            log.warning("Redis unavailable (%s); reconnecting in %.1fs", type(exc).__name__, backoff)
            deadline = time.monotonic() + backoff
            while not stop.requested and time.monotonic() < deadline:
                time.sleep(0.1)
            if stop.requested:
                return 0
            backoff = min(backoff * 2, 10.0)

"""The worker that holds the scheduler lock dies together with its scheduler (its whole process group
SIGKILLed, as when a machine is lost): retries and delayed jobs go on within seconds on another worker.

Retries of abandoned or failed analyses wait in RQ's scheduled registry; only the scheduler holding the
queue's lock moves them to the queue. A holder that dies without releasing it used to hold every retry up
until the lock expired (rq: interval + 60 s), which is what a CI run once met: 80 reclaimed analyses still
`scheduled` 70 s after the last kill in test_worker_kill.py.
"""
from __future__ import annotations

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import redis
from rq import Queue
from rq.job import Job

from tests.conftest import RedisServer
from tests.faults.processes import Processes, registered_workers, wait_for, whereabouts

LOCK = "rq:scheduler-lock:ecoute"
JOB = "worker.jobs.analyze_comment"
# ResilientScheduler: lock lifetime 10 s + a standby's retry every 5 s, and slack for a loaded machine; rq's
# own lock lifetime (61 s) cannot pass
WITHIN = 30.0


def holder_pid(connection: redis.Redis) -> int | None:
    """The pid of the scheduler process that holds the queue's lock (from the scheduler's own record)."""
    name = connection.get(LOCK)
    pid = connection.hget(f"rq:scheduler:{name.decode()}", "pid") if name else None
    return int(pid) if pid else None


def test_delayed_jobs_go_on_when_the_lock_holder_dies_with_its_scheduler(server: RedisServer,
                                                                         tmp_path: Path) -> None:
    connection = redis.Redis.from_url(server.url)
    with Processes(tmp_path, {"REDIS_URL": server.url, "LOG_LEVEL": "WARNING"}) as procs:
        workers = {name: procs.worker(name) for name in ("sched-1", "sched-2")}
        assert wait_for(lambda: len(registered_workers(connection)) >= 2, 60), "workers never registered"
        assert wait_for(lambda: holder_pid(connection) is not None, 30), "no scheduler took the lock"
        pid = holder_pid(connection)
        assert pid is not None
        old_holder = connection.get(LOCK)
        group = os.getpgid(pid)   # each worker runs in a group of its own (Processes.spawn), its scheduler too
        victim = next(name for name, process in workers.items() if process.pid == group)
        os.killpg(group, signal.SIGKILL)
        workers[victim].wait(timeout=10)
        assert connection.get(LOCK) == old_holder   # nobody released it: it can only expire

        queue = Queue("ecoute", connection=connection)
        delayed = queue.enqueue_in(timedelta(seconds=1), JOB, {"text": "Toujours pas reçu ma commande"})
        started = time.monotonic()
        finished = wait_for(lambda: Job.fetch(delayed.id, connection=connection).is_finished, WITHIN, step=0.2)
        assert finished, (f"delayed job not run {WITHIN:.0f} s after the lock holder died: "
                          f"{whereabouts(connection, delayed.id)}, lock {connection.get(LOCK)!r} "
                          f"ttl {connection.ttl(LOCK)}")
        survivor = next(name for name in workers if name != victim)
        assert workers[survivor].poll() is None
        assert connection.get(LOCK) not in (None, old_holder)   # the survivor's scheduler took it over
        print(f"\ndelayed job ran {time.monotonic() - started:.1f} s after the lock holder died")

"""`ecoute worker` as a real process on a real Redis: it runs jobs and survives a Redis restart."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import redis
from rq import Queue
from rq.job import Job

from tests.conftest import RedisServer

JOB = "worker.jobs.analyze_comment"


def wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except redis.ConnectionError:
            pass
        time.sleep(0.1)
    return False


def stop_worker(worker: subprocess.Popen[bytes], server: RedisServer) -> None:
    """SIGTERM (warm shutdown), a kill only if it hangs, then the private Redis goes too."""
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
        server.stop()


def start_worker(url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REDIS_URL": url, "LOG_LEVEL": "INFO"}
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "worker"], env=env, stdout=out, stderr=subprocess.STDOUT)


def test_burst_worker_runs_queued_jobs(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), job_id=str(uuid.uuid4()))
            for i in range(20)]
    done = subprocess.run([sys.executable, "-m", "worker.cli", "worker", "--burst"],
                          env={**os.environ, "REDIS_URL": redis_url}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for job in jobs:
        job.refresh()
        assert job.is_finished
        assert job.return_value()["flags"]["brand_error"] is True
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert lines and all({"time", "level", "logger", "message", "job_id"} <= set(line) for line in lines)
    assert any(line["job_id"] == jobs[0].id for line in lines)   # every job log line names its job
    assert "Colis 0" not in done.stderr              # comment text is not logged at INFO


def test_worker_reconnects_after_redis_restart(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    server.start()
    worker = start_worker(server.url, tmp_path / "worker.log")
    try:
        connection = redis.Redis.from_url(server.url)
        queue = Queue("ecoute", connection=connection)
        first = queue.enqueue_call(JOB, args=({"text": "Hello"},))
        assert wait_for(lambda: Job.fetch(first.id, connection=connection).is_finished)

        server.stop()
        time.sleep(2)
        server.start()   # same port, empty data (no persistence in this test)
        connection = redis.Redis.from_url(server.url)
        queue = Queue("ecoute", connection=connection)
        second = queue.enqueue_call(JOB, args=({"text": "Ma commande est en retard"},))
        assert wait_for(lambda: Job.fetch(second.id, connection=connection).is_finished, 40), "not picked up"
        # the scheduler runs again too (Retry intervals and enqueue_in depend on it)
        later = queue.enqueue_in(timedelta(seconds=1), JOB, {"text": "Merci !"})
        assert wait_for(lambda: Job.fetch(later.id, connection=connection).is_finished, 30), "scheduler not running"
        assert worker.poll() is None
    finally:
        stop_worker(worker, server)
    assert worker.returncode == 0, (tmp_path / "worker.log").read_text()


def test_job_timeout_kills_only_that_job(redis_url: str) -> None:
    """SimpleWorker enforces job_timeout with SIGALRM in its main thread, then goes on with the queue."""
    queue = Queue("ecoute", connection=redis.Redis.from_url(redis_url))
    stuck = queue.enqueue_call("time.sleep", args=(30,), timeout=1)
    after = queue.enqueue_call(JOB, args=({"text": "Toujours rien reçu"},))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "worker", "--burst"], env={**os.environ, "REDIS_URL": redis_url},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 25
    stuck.refresh()
    after.refresh()
    assert stuck.is_failed and "JobTimeoutException" in (stuck.latest_result().exc_string or "")
    assert after.is_finished


def test_worker_started_before_redis_waits_for_it(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)   # port chosen, server not started yet
    worker = start_worker(server.url, tmp_path / "worker.log")
    try:
        time.sleep(3)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        server.start()
        connection = redis.Redis.from_url(server.url)
        job = Queue("ecoute", connection=connection).enqueue_call(JOB, args=({"text": "Bonjour"},))
        assert wait_for(lambda: Job.fetch(job.id, connection=connection).is_finished, 40)
        server.stop()
        time.sleep(1)   # SIGTERM while Redis is down still means a clean, prompt exit
    finally:
        stop_worker(worker, server)
    log = (tmp_path / "worker.log").read_text()
    assert worker.returncode == 0, log
    assert "Redis unavailable" in log


def test_queues_and_name_options(redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    other = Queue("priority", connection=connection).enqueue_call(JOB, args=({"text": "Urgent !"},))
    default = Queue("ecoute", connection=connection).enqueue_call(JOB, args=({"text": "Bonjour"},))
    done = subprocess.run([sys.executable, "-m", "worker", "--burst", "--queues", "priority", "--name", "w-test-1"],
                          env={**os.environ, "REDIS_URL": redis_url}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "w-test-1" in done.stderr
    other.refresh()
    default.refresh()
    assert other.is_finished and default.is_queued

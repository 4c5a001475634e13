"""SIGTERM is a warm shutdown: the work in flight finishes, nothing queued is lost.

- `ecoute worker`: the job it is running finishes (and is recorded once), it exits 0, the jobs behind
  it stay queued (none left `started` or claimed) and a new worker finishes them.
- gunicorn: requests in flight (`POST /v1/analyses?wait=` held by a busy worker) are answered in full
  before it exits 0; it then refuses new connections.
"""
from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest
import redis
import requests
from rq import Queue
from rq.job import Job, JobStatus

from tests.conftest import RedisServer, free_port
from tests.faults.processes import JOB, Processes, comment, successful_results, wait_for

ENV = {"ECOUTE_ALLOW_ANONYMOUS": "1", "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text", "WEB_CONCURRENCY": "2"}



@pytest.mark.timeout(120)
def test_sigterm_to_a_worker_finishes_its_job_and_leaves_the_rest_queued(server: RedisServer,
                                                                         tmp_path: Path) -> None:
    connection = redis.Redis.from_url(server.url)
    queue = Queue("ecoute", connection=connection)
    with Processes(tmp_path, {"REDIS_URL": server.url, **ENV}) as procs:
        worker = procs.worker("graceful-1")
        assert wait_for(lambda: queue.count == 0 and "graceful-1" in str(connection.smembers("rq:workers")), 60)
        slow = queue.enqueue_call("time.sleep", args=(3,), timeout=30, result_ttl=600)   # the job in flight
        analyses = [queue.enqueue_call(JOB, args=(comment(i),), result_ttl=600) for i in range(200)]
        assert wait_for(lambda: slow.get_status(refresh=True) == JobStatus.STARTED, 20), "the slow job never started"

        worker.send_signal(signal.SIGTERM)
        started = time.monotonic()
        assert worker.wait(timeout=30) == 0, procs.log("graceful-1")
        took = time.monotonic() - started

        assert slow.get_status(refresh=True) == JobStatus.FINISHED, "the job in flight did not finish"
        assert 1.0 < took < 15, f"exit after {took:.1f} s: it did not wait for the job in flight, or hung"
        statuses = [job.get_status(refresh=True) for job in analyses]
        assert all(status == JobStatus.QUEUED for status in statuses), set(statuses)
        assert queue.count == len(analyses), "jobs behind the one in flight left the queue"
        assert connection.zcard("rq:wip:ecoute") == 0 and connection.llen("rq:queue:ecoute:intermediate") == 0

        procs.worker("graceful-2")
        assert wait_for(lambda: all(job.get_status(refresh=True) == JobStatus.FINISHED for job in analyses), 60)
        results = successful_results(connection, [slow.id] + [job.id for job in analyses])
        assert set(results.values()) == {1}, "a job recorded twice, or not at all"


@pytest.mark.timeout(120)
def test_sigterm_to_gunicorn_answers_requests_in_flight(server: RedisServer, tmp_path: Path) -> None:
    connection = redis.Redis.from_url(server.url)
    queue = Queue("ecoute", connection=connection)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with Processes(tmp_path, {"REDIS_URL": server.url, **ENV}) as procs:
        api = procs.gunicorn(port)
        procs.worker("graceful-api")
        assert wait_for(lambda: requests.get(base + "/readyz", timeout=2).status_code == 200, 60), "never ready"
        # keeps the ?wait requests in flight; long enough that the POSTs reach the queue behind it even on
        # a loaded machine (with 3 s, CI once saw the blocker end first and the worker take them)
        blocker = queue.enqueue_call("time.sleep", args=(8,), timeout=30)
        assert wait_for(lambda: blocker.get_status(refresh=True) == JobStatus.STARTED, 20)

        answers: list[requests.Response | Exception] = []

        def ask(i: int) -> None:
            try:
                answers.append(requests.post(base + "/v1/analyses?wait=20", json=comment(i), timeout=40))
            except requests.RequestException as exc:
                answers.append(exc)

        # four, fewer than one gunicorn process's threads (service/gunicorn.conf.py): either process may
        # accept every connection, and a request beyond its threads would sit unread behind those that wait
        threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        assert wait_for(lambda: queue.count == len(threads), 10), "the requests did not reach the queue"
        assert api.poll() is None
        api.send_signal(signal.SIGTERM)   # while all of them wait for their analysis
        sent = time.monotonic()
        for thread in threads:
            thread.join(timeout=40)
        assert api.wait(timeout=30) == 0
        assert all(isinstance(a, requests.Response) for a in answers), answers
        assert [a.status_code for a in answers] == [200] * len(threads), [a.text[:200] for a in answers]
        assert all(a.json()["status"] == "succeeded" for a in answers)
        assert time.monotonic() - sent < 30
        assert Job.fetch(blocker.id, connection=connection).get_status() == JobStatus.FINISHED
        with pytest.raises(requests.ConnectionError):
            requests.get(base + "/healthz", timeout=2)

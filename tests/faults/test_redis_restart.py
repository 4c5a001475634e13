"""Redis restarted under the production shape: nothing accepted is lost, nothing hangs meanwhile.

A private redis-server with `appendonly yes` + `appendfsync everysec` (as compose.yaml), gunicorn and
two `ecoute worker` processes. Analyses are accepted, then Redis is stopped (SIGTERM: the AOF is
flushed). While it is down, every API call that needs it answers 503 problem+json within 2 s and
/readyz says not ready. Redis is started again on the same port and directory; the workers reconnect
by themselves and every analysis accepted before the restart ends `succeeded`, once.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis
import requests

from tests.conftest import RedisServer, free_port
from tests.faults.processes import Processes, comment, successful_results, wait_for, whereabouts

BATCHES = 4
BATCH = 500
DOWN_SECONDS = 4.0



def timed(method: str, url: str, **kwargs: object) -> tuple[requests.Response, float]:
    started = time.monotonic()
    answer = requests.request(method, url, timeout=10, **kwargs)   # type: ignore[arg-type]
    return answer, time.monotonic() - started


@pytest.mark.timeout(180)
def test_analyses_accepted_before_a_redis_restart_complete_after_it(server: RedisServer, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"REDIS_URL": server.url, "ECOUTE_ALLOW_ANONYMOUS": "1", "WEB_CONCURRENCY": "2", "LOG_LEVEL": "WARNING",
           "LOG_FORMAT": "text"}
    with Processes(tmp_path, env) as procs:
        api = procs.gunicorn(port)
        workers = [procs.worker(f"restart-{n}") for n in (1, 2)]
        assert wait_for(lambda: requests.get(base + "/readyz", timeout=2).status_code == 200, 60), "never ready"

        batches, ids = [], []
        for b in range(BATCHES):
            answer = requests.post(base + "/v1/batches", timeout=10,
                                   json={"comments": [comment(b * BATCH + k) for k in range(BATCH)]})
            assert answer.status_code == 202, answer.text
            batches.append(answer.json()["id"])
            ids.extend(a["id"] for a in answer.json()["analyses"])

        connection = redis.Redis.from_url(server.url)
        pending_at_stop = connection.llen("rq:queue:ecoute")
        connection.close()
        server.stop()   # SIGTERM: Redis writes the AOF out and exits
        down_since = time.monotonic()

        # While Redis is down: fast 503 problem+json, never a hung request; liveness stays up.
        checks = [("POST", "/v1/analyses", {"json": {"text": "Colis jamais reçu"}}),
                  ("POST", "/v1/batches", {"json": {"comments": [{"text": "Bonjour"}]}}),
                  ("GET", f"/v1/analyses/{ids[-1]}", {}),
                  ("GET", f"/v1/batches/{batches[0]}", {}),
                  ("GET", "/readyz", {})]
        for method, path, kwargs in checks:
            answer, seconds = timed(method, base + path, **kwargs)
            assert answer.status_code == 503, (path, answer.status_code, answer.text)
            assert answer.headers["Content-Type"] == "application/problem+json", path
            assert answer.json()["status"] == 503
            assert seconds < 2.0, f"{method} {path} took {seconds:.2f} s with Redis down"
        health, _ = timed("GET", base + "/healthz")
        assert health.status_code == 200

        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down_since)))
        assert all(worker.poll() is None for worker in workers), "a worker exited while Redis was down"
        server.start()   # same port, same directory: the AOF is replayed
        connection = redis.Redis.from_url(server.url)
        survived = sum(connection.exists(f"rq:job:{job_id}") for job_id in ids)
        assert survived == len(ids), f"only {survived} of {len(ids)} accepted analyses are in Redis after restart"

        def all_done() -> bool:
            states = [requests.get(f"{base}/v1/batches/{b}", timeout=5).json()["counts"] for b in batches]
            return sum(state["succeeded"] for state in states) == len(ids)

        assert wait_for(lambda: requests.get(base + "/readyz", timeout=2).status_code == 200, 30), "not ready again"
        finished = wait_for(all_done, 60, step=0.5)
        counts = [requests.get(f"{base}/v1/batches/{b}", timeout=5).json()["counts"] for b in batches]
        results = successful_results(connection, ids)
        duplicates = [job_id for job_id, n in results.items() if n > 1]
        print(f"\naccepted={len(ids)} pending_at_stop={pending_at_stop} counts={counts} duplicates={len(duplicates)}")
        assert pending_at_stop > 0, "every analysis finished before Redis stopped: nothing was tested"
        stuck = [job_id for job_id in ids if results[job_id] == 0]
        assert finished, (counts, {job_id: whereabouts(connection, job_id) for job_id in stuck[:5]})
        assert not duplicates
        assert all(worker.poll() is None for worker in workers) and api.poll() is None
        connection.close()

"""Workers SIGKILLed mid-job: every accepted analysis still ends, once, and none is lost.

A private redis-server (appendonly), three real `ecoute worker` processes and the API (Flask test
client on that Redis). 2,000 comments are accepted in batches of 100 over 12 s (ECOUTE_FAULT_COMMENTS
to scale); about every second a registered worker is SIGKILLed (while another one is alive), preferably
one caught with a job started (workers are idle most of the time at this rate, and faster every release:
a kill at random would often abandon nothing), and a new one started in its place, until the queue is
empty.
Then, within a bounded time, every analysis must be `succeeded` (or `failed` with a reason after its
retries), none `queued`/`running`, none missing, and no id may have two successful results in RQ's
result stream (a job run twice to completion would write two).
"""
from __future__ import annotations

import os
import random
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings
from tests.conftest import RedisServer
from tests.faults.processes import (Processes, busy_workers, comment, registered_workers, successful_results,
                                    wait_for)

COMMENTS = int(os.environ.get("ECOUTE_FAULT_COMMENTS", "2000"))
BATCH = 100
WORKERS = 3
SUBMIT_SECONDS = 12.0  # the comments are accepted over this long, while workers are being killed
KILL_PHASE = 30.0      # seconds of killing at most
MIN_KILLS = 3          # killing goes on past the last accepted comment until this many (on a busy machine a new
                       # worker takes seconds to load the engine, and a kill waits for two registered workers)
# then, seconds for every analysis to end: a job abandoned a second time by the last kill waits for the lease
# (10 s) and the sweep's confirmation (3 s), then its second retry (after 30 s), on a loaded machine
SETTLE = 70.0
PATIENCE = 1.0         # seconds a kill waits for a worker caught with a job started, before taking the oldest



def statuses(connection: redis.Redis, ids: list[str]) -> Counter[str]:
    with connection.pipeline(transaction=False) as pipe:
        for job_id in ids:
            pipe.hget(f"rq:job:{job_id}", "status")
        return Counter((raw or b"missing").decode() for raw in pipe.execute())


@pytest.mark.timeout(180)
def test_killed_workers_lose_nothing_and_run_nothing_twice(server: RedisServer, tmp_path: Path) -> None:
    connection = redis.Redis.from_url(server.url)
    client: FlaskClient = create_app(Settings(redis_url=server.url, allow_anonymous=True,
                                              start_embedded_worker=False)).test_client()
    rng = random.Random(6)
    with Processes(tmp_path, {"REDIS_URL": server.url, "LOG_LEVEL": "WARNING"}) as procs:
        generation = 0
        alive: dict[str, object] = {}
        for _ in range(WORKERS):
            generation += 1
            name = f"kill-{generation}"
            alive[name] = procs.worker(name)
        assert wait_for(lambda: len(registered_workers(connection)) >= WORKERS, 60), "workers never registered"

        batches: list[str] = []
        ids: list[str] = []
        kills = killed_busy = 0
        started = time.monotonic()
        next_kill = started + 1.0
        next_batch = started
        submitted = 0
        queue_key = "rq:queue:ecoute"
        while True:
            now = time.monotonic()
            if submitted < COMMENTS and now >= next_batch:   # accepted over SUBMIT_SECONDS, under fire
                size = min(BATCH, COMMENTS - submitted)
                answer = client.post("/v1/batches", json={"comments": [comment(submitted + k) for k in range(size)]})
                assert answer.status_code == 202, answer.get_json()
                body = answer.get_json()
                batches.append(body["id"])
                ids.extend(a["id"] for a in body["analyses"])
                submitted += size
                next_batch += SUBMIT_SECONDS * BATCH / COMMENTS
            if now >= next_kill:
                # a live registered worker, as long as another one is working meanwhile: preferably one caught
                # with a job started (a worker is idle most of the time here), else after a while the oldest
                registered = registered_workers(connection)
                victims = [name for name in alive if name in registered and alive[name].poll() is None]
                working = busy_workers(connection)
                busy = [name for name in victims if name in working]
                if len(victims) >= 2 and (busy or now >= next_kill + PATIENCE):
                    alive.pop((busy or victims)[0]).send_signal(signal.SIGKILL)
                    kills += 1
                    killed_busy += bool(busy)
                    generation += 1
                    name = f"kill-{generation}"
                    alive[name] = procs.worker(name)
                    next_kill = now + rng.uniform(0.7, 1.3)
                elif len(victims) < 2:
                    next_kill = now + rng.uniform(0.7, 1.3)
            if submitted >= COMMENTS and ((connection.llen(queue_key) == 0 and kills >= MIN_KILLS)
                                          or now - started > KILL_PHASE):
                break   # everything accepted and taken (or abandoned) by a worker, after enough kills: stop killing
            time.sleep(0.01)
        kill_phase = time.monotonic() - started

        # Killing stops; the workers alive now must finish everything, abandoned jobs included.
        settled = wait_for(lambda: (lambda c: c["finished"] + c["failed"] == len(ids))(statuses(connection, ids)),
                           SETTLE, step=0.25)
        counts = statuses(connection, ids)
        elapsed = time.monotonic() - started

        # The public view: every batch completed, each analysis succeeded or failed with a reason.
        views = []
        for batch_id in batches:
            answer = client.get(f"/v1/batches/{batch_id}")
            assert answer.status_code == 200
            views.extend(answer.get_json()["analyses"])
        by_status = Counter(view["status"] for view in views)
        lost = [view["id"] for view in views if view["error"] and view["error"]["type"] in ("expired", "deleted")]
        failed_without_reason = [view["id"] for view in views
                                 if view["status"] == "failed" and not (view["error"] or {}).get("message")]
        logs = "".join(procs.log(f"kill-{n}") for n in range(1, generation + 1))
        reclaimed_started = sum(int(n) for n in re.findall(r"(\d+) abandoned job\(s\) of dead worker", logs))
        reclaimed_claimed = logs.count("claimed by a dead worker before it started")
        results = successful_results(connection, ids)
        duplicates = [job_id for job_id, count in results.items() if count > 1]
        missing_result = [view["id"] for view in views if view["status"] == "succeeded" and results[view["id"]] != 1]
        print(f"\naccepted={len(ids)} kills={kills} (caught working: {killed_busy}) kill_phase={kill_phase:.1f}s "
              f"total={elapsed:.1f}s "
              f"redis={dict(counts)} api={dict(by_status)} lost={len(lost)} duplicates={len(duplicates)} "
              f"reclaimed: started={reclaimed_started} claimed-not-started={reclaimed_claimed}")

        assert len(ids) == len(set(ids)) == COMMENTS
        assert kills >= MIN_KILLS, f"only {kills} kills: the test did not exercise anything"
        assert reclaimed_started + reclaimed_claimed >= 1, "no job was abandoned mid-run: nothing was tested"
        lock = "rq:scheduler-lock:ecoute"
        assert settled, (f"analyses still not ended {SETTLE:.0f} s after the last kill: {dict(counts)}; "
                         f"scheduler lock {connection.get(lock)!r} (ttl {connection.ttl(lock)} s)")
        assert by_status["queued"] == 0 and by_status["running"] == 0, dict(by_status)
        assert by_status["succeeded"] + by_status["failed"] == COMMENTS
        assert not lost, f"{len(lost)} analyses lost, e.g. {lost[:3]}"
        assert not failed_without_reason
        assert not duplicates, f"{len(duplicates)} analyses ran to completion twice, e.g. {duplicates[:3]}"
        assert not missing_result
        assert len(views) == COMMENTS and {view["id"] for view in views} == set(ids)

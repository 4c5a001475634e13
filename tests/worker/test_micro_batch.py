"""`ecoute worker` runs queued analyses in micro-batches (worker/runner.py, worker/reclaim.py): the records
are RQ's own one-job records (status, result stream, registries, TTLs), and the success callback's effects
(tenant cap, webhook deliveries, batch completion) and the metrics are all there; a job that raises takes
RQ's failure and retry path alone; a job of another kind claimed with them is given back and run alone."""
from __future__ import annotations

import ipaddress
import signal

import pytest
import redis
from rq import Callback, Queue, Retry
from rq.job import Job, JobStatus
from rq.registry import FinishedJobRegistry
from rq.results import Result

from service import create_app
from service.settings import Settings
from worker.metrics import ENGINE_KEY
from worker.runner import EcouteWorker

JOB = "worker.jobs.analyze_comment"
ON_SUCCESS = "worker.webhooks.on_analysis_succeeded"
ON_FAILURE = "worker.webhooks.on_analysis_failed"
SECRET = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="   # signs callback_url deliveries
HOOK = "http://127.0.0.1:9/hook"   # never called here: the delivery jobs are only queued


@pytest.fixture()
def connection(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


@pytest.fixture()
def client(redis_url: str):   # type: ignore[no-untyped-def]
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              webhook_secret=SECRET, webhook_allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),)))
    return app.test_client()


def batch_worker(connection: redis.Redis, size: int = 16) -> EcouteWorker:
    # the analyses' queue only: the webhook deliveries it queues stay queued, to be counted
    return EcouteWorker([Queue("ecoute", connection=connection)], connection=connection, name="batcher",
                        batch_size=size)


def test_a_micro_batch_writes_what_rqs_one_job_path_writes(client, connection: redis.Redis) -> None:   # type: ignore[no-untyped-def]
    queue = Queue("ecoute", connection=connection)
    batch = client.post("/v1/batches", json={"comments": [{"text": f"Colis {i} jamais reçu"} for i in range(5)],
                                             "callback_url": HOOK}).get_json()
    single = client.post("/v1/analyses", json={"text": "Merci beaucoup !", "callback_url": HOOK}).get_json()
    broken = queue.enqueue_call(JOB, args=({"text": ""},), retry=Retry(max=1, interval=[600]),   # the engine raises
                                on_success=Callback(ON_SUCCESS), on_failure=Callback(ON_FAILURE))
    other = queue.enqueue_call("builtins.len", args=("abc",))   # not an analysis: run by RQ's own path
    assert connection.zcard("ecoute:active") == 6

    worker = batch_worker(connection)
    assert worker.work(burst=True, with_scheduler=False)

    ids = [a["id"] for a in batch["analyses"]] + [single["id"]]
    for analysis_id in ids:
        view = client.get(f"/v1/analyses/{analysis_id}").get_json()
        assert view["status"] == "succeeded" and view["result"]["language"]["code"] == "fr", view
        assert view["finished_at"] is not None
        job = Job.fetch(analysis_id, connection=connection)
        assert job.get_status() == JobStatus.FINISHED and job.worker_name == "batcher"
        assert job.started_at is not None and job.ended_at is not None and job.ended_at >= job.started_at
        assert connection.xlen(f"rq:results:{analysis_id}") == 1            # one result, read by ?wait
        assert 0 < connection.ttl(f"rq:results:{analysis_id}") <= 30 * 24 * 3600
        assert 0 < connection.ttl(f"rq:job:{analysis_id}") <= 30 * 24 * 3600
    assert set(FinishedJobRegistry("ecoute", connection=connection).get_job_ids()) >= set(ids)
    assert connection.zcard("rq:wip:ecoute") == 0 and connection.llen("rq:queue:ecoute:intermediate") == 0
    assert connection.llen("rq:queue:ecoute") == 0
    assert connection.zcard("ecoute:active") == 0                           # every slot of the cap freed

    # callbacks: the batch is complete (announced once), each callback_url got its delivery queued
    assert client.get(f"/v1/batches/{batch['id']}").get_json()["status"] == "completed"
    assert connection.scard(f"ecoute:batch:{batch['id']}:ended") == 5
    assert connection.exists(f"ecoute:batch:{batch['id']}:completed")
    assert connection.scard(f"ecoute:analysis:{single['id']}:deliveries") == 1
    assert connection.llen("rq:queue:ecoute-webhooks") == 2               # analysis.succeeded + batch.completed

    # the engine's exception went through RQ's failure path: its retry is scheduled, no result written
    broken.refresh()
    assert broken.get_status() == JobStatus.SCHEDULED and broken.retries_left == 0
    assert all(result.type != Result.Type.SUCCESSFUL for result in Result.all(broken))

    # the other job, given back when it was claimed with the analyses, ran alone
    assert Job.fetch(other.id, connection=connection).return_value() == 3

    stats = connection.hgetall(ENGINE_KEY)
    assert int(stats[b"count"]) == 6 and float(stats[b"sum"]) > 0
    assert sum(int(v) for k, v in stats.items() if k.startswith(b"le:")) == 6


def test_a_job_of_another_kind_first_in_line_runs_alone_and_the_rest_waits_its_turn(connection: redis.Redis) -> None:
    queue = Queue("ecoute", connection=connection)
    other = queue.enqueue_call("builtins.len", args=("abcd",))
    analyses = [queue.enqueue_call(JOB, args=({"text": f"Where is order {i}?"},), on_success=Callback(ON_SUCCESS))
                for i in range(3)]
    worker = batch_worker(connection, size=4)
    assert worker.work(burst=True, max_jobs=1, with_scheduler=False)   # one dequeue: the other job alone
    assert Job.fetch(other.id, connection=connection).return_value() == 4
    assert [job.get_status(refresh=True) for job in analyses] == [JobStatus.QUEUED] * 3
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode() for job in analyses]   # order kept
    assert connection.llen("rq:queue:ecoute:intermediate") == 0
    assert batch_worker(connection, size=4).work(burst=True, with_scheduler=False)
    assert [job.get_status(refresh=True) for job in analyses] == [JobStatus.FINISHED] * 3


def test_a_claimed_id_whose_job_is_gone_is_dropped(connection: redis.Redis) -> None:
    queue = Queue("ecoute", connection=connection)
    gone = queue.enqueue_call(JOB, args=({"text": "Erased before it ran"},))
    kept = queue.enqueue_call(JOB, args=({"text": "Still here"},))
    connection.delete(gone.key)   # as an erasure that raced the worker leaves it
    assert batch_worker(connection).work(burst=True, with_scheduler=False)
    assert kept.get_status(refresh=True) == JobStatus.FINISHED
    assert not connection.exists(gone.key) and connection.llen("rq:queue:ecoute:intermediate") == 0


def test_a_job_over_its_timeout_fails_alone_and_a_long_batch_keeps_its_jobs_alive(
        connection: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from worker import runner

    real = runner.run_engine

    def engine(prepared):   # type: ignore[no-untyped-def]
        if prepared["text"] == "stuck":
            time.sleep(5)   # past its 1 s job timeout
        return real(prepared)

    monkeypatch.setattr(runner, "run_engine", engine)
    monkeypatch.setattr(runner, "KEEP_ALIVE", 0.0)   # heartbeats refreshed before every job of the batch
    queue = Queue("ecoute", connection=connection)
    first = queue.enqueue_call(JOB, args=({"text": "Colis jamais reçu"},), on_success=Callback(ON_SUCCESS))
    stuck = queue.enqueue_call(JOB, args=({"text": "stuck"},), timeout=1, on_success=Callback(ON_SUCCESS),
                               on_failure=Callback(ON_FAILURE))
    last = queue.enqueue_call(JOB, args=({"text": "Merci !"},), on_success=Callback(ON_SUCCESS))
    started = time.monotonic()
    assert batch_worker(connection).work(burst=True, with_scheduler=False)
    assert time.monotonic() - started < 5          # the alarm cut the stuck job short
    assert first.get_status(refresh=True) == JobStatus.FINISHED
    assert last.get_status(refresh=True) == JobStatus.FINISHED
    assert stuck.get_status(refresh=True) == JobStatus.FAILED
    # the failure is the timeout's (its message has named 60 seconds instead of 1 in two full-suite CI runs of
    # 2026-11-30, whichever death penalty was used: not understood yet, see the issue note)
    assert "JobTimeoutException: Task exceeded maximum timeout value" in (stuck.latest_result().exc_string or "")
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL and signal.alarm(0) == 0   # put back, none left set
    assert connection.zcard("rq:wip:ecoute") == 0 and connection.llen("rq:queue:ecoute:intermediate") == 0


def test_the_next_micro_batch_is_claimed_with_the_results_and_given_back_when_the_worker_stops(
        connection: redis.Redis) -> None:
    queue = Queue("ecoute", connection=connection)
    analyses = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), on_success=Callback(ON_SUCCESS))
                for i in range(5)]
    worker = batch_worker(connection, size=2)
    assert worker.work(burst=True, max_jobs=1, with_scheduler=False)   # one micro-batch, then it stops
    assert [job.get_status(refresh=True) for job in analyses] == [JobStatus.FINISHED] * 2 + [JobStatus.QUEUED] * 3
    # the two it claimed with the first batch's results went back to the front, in order: nothing stays claimed
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode() for job in analyses[2:]]
    assert connection.llen("rq:queue:ecoute:intermediate") == 0 and connection.zcard("rq:wip:ecoute") == 0

    worker = batch_worker(connection, size=2)
    assert worker.work(burst=True, max_jobs=2, with_scheduler=False)   # the second batch claimed the third
    assert [job.get_status(refresh=True) for job in analyses] == [JobStatus.FINISHED] * 5
    assert connection.llen("rq:queue:ecoute") == 0 and connection.llen("rq:queue:ecoute:intermediate") == 0
    assert connection.xlen(f"rq:results:{analyses[4].id}") == 1 and connection.zcard("rq:wip:ecoute") == 0


def test_with_the_analyses_queue_empty_the_end_of_a_batch_claims_a_job_of_the_next_queue(
        connection: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    given_back: list[tuple[list[str], str]] = []
    real = EcouteWorker._give_back

    def give_back(self: EcouteWorker, jobs: list[Job], queue: Queue) -> None:
        given_back.append(([job.id for job in jobs], queue.name))
        real(self, jobs, queue)

    monkeypatch.setattr(EcouteWorker, "_give_back", give_back)
    analyses = Queue("ecoute", connection=connection)
    other = Queue("ecoute-webhooks", connection=connection)
    done = [analyses.enqueue_call(JOB, args=({"text": "Colis jamais reçu"},), on_success=Callback(ON_SUCCESS))]
    waiting = [other.enqueue_call("builtins.len", args=("abcde",)), other.enqueue_call("builtins.len", args=("ab",))]

    def worker() -> EcouteWorker:
        return EcouteWorker([analyses, other], connection=connection, name="batcher", batch_size=4)

    assert worker().work(burst=True, max_jobs=1, with_scheduler=False)   # the analysis, then it stops
    assert done[0].get_status(refresh=True) == JobStatus.FINISHED
    # the first delivery job, claimed with the analysis' result, went back to the front of its own queue
    assert [call for call in given_back if call[0]] == [([waiting[0].id], "ecoute-webhooks")]
    assert connection.lrange("rq:queue:ecoute-webhooks", 0, -1) == [job.id.encode() for job in waiting]
    assert connection.llen("rq:queue:ecoute-webhooks:intermediate") == 0

    analyses.enqueue_call(JOB, args=({"text": "Merci !"},), on_success=Callback(ON_SUCCESS))
    assert worker().work(burst=True, with_scheduler=False)
    assert [Job.fetch(job.id, connection=connection).return_value() for job in waiting] == [5, 2]
    for key in ("rq:queue:ecoute", "rq:queue:ecoute-webhooks", "rq:queue:ecoute:intermediate",
                "rq:queue:ecoute-webhooks:intermediate"):
        assert connection.llen(key) == 0


def test_the_worker_own_sweep_never_takes_a_job_of_the_micro_batch_it_runs(connection: redis.Redis,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from worker import reclaim, runner
    from worker.webhooks import SucceededAnalyses

    monkeypatch.setattr(reclaim, "CONFIRM", 0.0)   # any entry not running counts as abandoned at first look
    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), retry=Retry(max=1),
                               on_success=Callback(ON_SUCCESS)) for i in range(4)]
    worker = batch_worker(connection)
    looks: list[tuple[str, int, int]] = []

    def look(moment: str) -> None:
        sweep = reclaim.Reclaimer(connection, "batcher", ["ecoute"], worker.in_flight)
        looks.append((moment, connection.zcard("rq:wip:ecoute"), sweep.sweep_own()))

    real_engine, real_ended = runner.run_engine, SucceededAnalyses.ended

    def engine(prepared):   # type: ignore[no-untyped-def]
        look("running")
        return real_engine(prepared)

    def ended(self, pipe, job):   # type: ignore[no-untyped-def]
        look("storing")   # results recorded, not yet sent to Redis
        return real_ended(self, pipe, job)

    monkeypatch.setattr(runner, "run_engine", engine)
    monkeypatch.setattr(SucceededAnalyses, "ended", ended)
    assert worker.work(burst=True, with_scheduler=False)
    assert looks == [("running", 4, 0)] * 4 + [("storing", 4, 0)] * 4   # all started, none handed back
    for job in jobs:
        job.refresh()
        assert job.get_status() == JobStatus.FINISHED and job.retries_left == 1
        assert connection.xlen(f"rq:results:{job.id}") == 1
    assert worker.in_flight() == set()


def test_only_batch_items_with_an_external_id_are_looked_up_for_batches_reusing_them(
        client, connection: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:   # type: ignore[no-untyped-def]
    import worker.runner as runner

    first = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "w-1"},
                                                          {"text": "Sans identifiant"}]}).get_json()
    again = client.post("/v1/batches", json={"comments": [{"text": "Colis jamais reçu", "external_id": "w-1"},
                                                          {"text": "Merci !", "external_id": "w-2"}]}).get_json()
    singles = [client.post("/v1/analyses", json={"text": f"Avis {i}", "external_id": f"s-{i}"}).get_json()
               for i in range(3)]
    assert again["analyses"][0]["id"] == first["analyses"][0]["id"]   # reused, still queued
    sent: list[bytes] = []

    def recording(connection: redis.Redis, sha: str, script: str, numkeys: int, *args: object) -> object:
        sent.extend(a.encode() if isinstance(a, str) else a for a in args if isinstance(a, (str, bytes)))
        return send_script(connection, sha, script, numkeys, *args)

    send_script = runner.send_script
    monkeypatch.setattr(runner, "send_script", recording)
    assert batch_worker(connection).work(burst=True, with_scheduler=False)
    looked_up = {key.split(b":")[2].decode() for key in sent
                 if key.startswith(b"ecoute:analysis:") and key.endswith(b":batches")}
    assert looked_up == {first["analyses"][0]["id"], again["analyses"][1]["id"]}
    for batch in (first, again):   # the reused analysis ended for both batches
        assert client.get(f"/v1/batches/{batch['id']}").get_json()["status"] == "completed"
    assert all(client.get(f"/v1/analyses/{s['id']}").get_json()["status"] == "succeeded" for s in singles)


def _commands(connection: redis.Redis) -> int:
    """Commands Redis has run so far, those inside Lua scripts included (INFO commandstats)."""
    return sum(int(stat["calls"]) for stat in connection.info("commandstats").values())


def test_a_micro_batch_sends_the_writes_its_jobs_share_once_a_key(client, connection: redis.Redis) -> None:   # type: ignore[no-untyped-def]
    # the started and finished registries, the worker's executions set, the tenant cap and the batch's ended
    # set are written with one command a key for the whole micro-batch (the same records): 16 analyses of one
    # batch cost Redis about 16 commands each (claim, start, results), not 27 (the worker's own start and stop
    # included here: about 50 more)
    batch = client.post("/v1/batches", json={"comments": [{"text": f"Colis {i} jamais reçu"} for i in range(64)]})
    ids = [a["id"] for a in batch.get_json()["analyses"]]
    before = _commands(connection)
    assert batch_worker(connection).work(burst=True, with_scheduler=False)   # 4 micro-batches
    used = _commands(connection) - before - 1   # less the INFO above
    assert used / 64 < 18, used
    assert client.get(f"/v1/batches/{batch.get_json()['id']}").get_json()["status"] == "completed"
    assert connection.scard(f"ecoute:batch:{batch.get_json()['id']}:ended") == 64
    assert set(FinishedJobRegistry("ecoute", connection=connection).get_job_ids()) == set(ids)
    assert connection.zcard("rq:wip:ecoute") == 0 and connection.zcard("ecoute:active") == 0
    assert not connection.exists("rq:worker:batcher:executions")   # every entry removed again
    assert not any(connection.exists(f"rq:executions:{i}") for i in ids)


def test_a_batch_spread_over_micro_batches_completes_once_and_an_erased_analysis_gets_no_event(
        client, connection: redis.Redis) -> None:   # type: ignore[no-untyped-def]
    batch = client.post("/v1/batches", json={"comments": [{"text": f"Colis {i} jamais reçu"} for i in range(5)],
                                             "callback_url": HOOK}).get_json()
    singles = [client.post("/v1/analyses", json={"text": f"Merci {i} !", "callback_url": HOOK}).get_json()
               for i in range(3)]
    connection.set(f"ecoute:erased:{singles[1]['id']}", "1")   # erased while queued (DELETE's tombstone)
    assert batch_worker(connection, size=3).work(burst=True, with_scheduler=False)   # 3 micro-batches
    assert client.get(f"/v1/batches/{batch['id']}").get_json()["status"] == "completed"
    assert connection.scard(f"ecoute:batch:{batch['id']}:ended") == 5
    assert 0 < connection.ttl(f"ecoute:batch:{batch['id']}:ended") <= 30 * 24 * 3600
    # batch.completed once, analysis.succeeded for the two singles not erased, none for the erased one
    assert connection.llen("rq:queue:ecoute-webhooks") == 3
    assert connection.scard(f"ecoute:analysis:{singles[0]['id']}:deliveries") == 1
    assert connection.scard(f"ecoute:analysis:{singles[2]['id']}:deliveries") == 1
    assert not connection.exists(f"ecoute:analysis:{singles[1]['id']}:deliveries")
    assert connection.zcard("ecoute:active") == 0   # every slot of the cap freed, the erased one's too
    assert connection.zcard("rq:wip:ecoute") == 0 and connection.llen("rq:queue:ecoute:intermediate") == 0


def test_one_log_line_per_analysis_names_its_job_and_outcome(connection: redis.Redis,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from rq import get_current_job

    from worker.jobs import analyze_comment

    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), on_success=Callback(ON_SUCCESS))
            for i in range(3)]
    named: list[tuple[str, str | None]] = []

    class Naming(logging.Handler):   # what CurrentJobFilter reads as each line is written
        def emit(self, record: logging.LogRecord) -> None:
            job = get_current_job()
            named.append((record.getMessage(), job.id if job is not None else None))

    handler = Naming(logging.INFO)
    logging.getLogger("worker").addHandler(handler)
    try:
        with caplog.at_level(logging.INFO):
            assert batch_worker(connection).work(burst=True, with_scheduler=False)
    finally:
        logging.getLogger("worker").removeHandler(handler)
    for job in jobs:   # one line each (not two), naming the job, with what the engine found
        lines = [(message, job_id) for message, job_id in named if job.id in message or job_id == job.id]
        assert len(lines) == 1, lines
        message, job_id = lines[0]
        assert job_id == job.id and message.startswith(f"analysis {job.id} succeeded (micro-batch of 3): ")
        assert message.endswith("language=fr category=complaint priority=" + job.return_value()["priority"]["level"])

    # RQ's own path (a job run by name) still says what the engine found, once
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="worker.jobs"):
        result = analyze_comment({"text": "Merci beaucoup !"})
    assert [r.getMessage() for r in caplog.records if r.name == "worker.jobs"] == [
        f"analysed: language=fr category={result['category']} priority={result['priority']['level']}"]


def test_a_micro_batch_is_one_execution_filed_under_its_first_job(connection: redis.Redis,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/contract.md, "Jobs (RQ)": one execution record per micro-batch (RQ's fields, under its first job and
    in the worker's executions set), one started-registry entry per job with that execution's id, which each
    job's result names; all of it gone once the results are stored."""
    from worker import runner

    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), on_success=Callback(ON_SUCCESS))
            for i in range(3)]
    seen: list[dict[str, object]] = []
    real = runner.run_engine

    def engine(prepared):   # type: ignore[no-untyped-def]
        records = [key.decode() for key in connection.keys("rq:execution:*")]
        seen.append({"records": records, "wip": {e.decode() for e in connection.zrange("rq:wip:ecoute", 0, -1)},
                     "mine": connection.smembers("rq:worker:batcher:executions"),
                     "fields": connection.hgetall(records[0]) if records else {},
                     "runs": connection.zrange(f"rq:executions:{jobs[0].id}", 0, -1)})
        return real(prepared)

    monkeypatch.setattr(runner, "run_engine", engine)
    assert batch_worker(connection).work(burst=True, with_scheduler=False)
    first = seen[0]
    assert len(first["records"]) == 1 and first["records"][0].startswith(f"rq:execution:{jobs[0].id}:")   # type: ignore[index]
    execution = first["records"][0].rsplit(":", 1)[1]   # type: ignore[index]
    assert first["wip"] == {f"{job.id}:{execution}" for job in jobs}
    assert first["mine"] == {f"{jobs[0].id}:{execution}".encode()}
    assert first["runs"] == [execution.encode()]
    fields = first["fields"]
    assert fields[b"worker_name"] == b"batcher" and fields[b"job_id"] == jobs[0].id.encode()   # type: ignore[index]
    assert fields[b"id"] == execution.encode()   # type: ignore[index]
    assert all(look == first for look in seen)   # the same for the whole micro-batch
    for job in jobs:
        assert job.latest_result().execution_id == execution
    assert not connection.keys("rq:execution:*") and not connection.exists(f"rq:executions:{jobs[0].id}")
    assert connection.zcard("rq:wip:ecoute") == 0 and not connection.exists("rq:worker:batcher:executions")

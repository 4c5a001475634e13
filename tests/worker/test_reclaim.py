"""worker/reclaim.py on a real Redis, state by state: what a dead worker leaves is handed back, once;
what a live worker holds is never touched."""
from __future__ import annotations

import pytest
import redis
from rq import Queue, Retry
from rq.job import Job, JobStatus

from worker import reclaim
from worker.reclaim import ClaimingQueue, LEASE_KEY, LEASED_KEY, Reclaimer
from worker.runner import EcouteWorker

JOB = "worker.jobs.analyze_comment"
CLAIMED = "rq:queue:ecoute:intermediate"


@pytest.fixture()
def connection(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> redis.Redis:
    monkeypatch.setattr(reclaim, "CONFIRM", 0.0)   # one sweep is enough to confirm, here
    return redis.Redis.from_url(redis_url)


def sweeper(connection: redis.Redis) -> Reclaimer:
    connection.delete(reclaim.LOCK_KEY, reclaim.PACE_KEY)
    return Reclaimer(connection, "sweeper", ["ecoute"])


def started_by(connection: redis.Redis, name: str, job_retry: Retry | None) -> Job:
    """A job in the state a worker named `name` leaves it mid-run: claimed, registered, started."""
    queue = Queue("ecoute", connection=connection)
    queue.enqueue_call(JOB, args=({"text": "Colis jamais reçu"},), retry=job_retry)
    worker = EcouteWorker([queue], connection=connection, name=name)
    job, _ = ClaimingQueue.dequeue_any([worker.queues[0]], None, connection=connection)
    worker.prepare_execution(job)
    worker.prepare_job_execution(job)
    assert job.get_status(refresh=True) == JobStatus.STARTED and connection.llen(CLAIMED) == 0
    connection.set(LEASED_KEY.format(name), "1")
    return job


def test_a_started_job_of_a_dead_worker_goes_to_its_retry_policy(connection: redis.Redis) -> None:
    job = started_by(connection, "dead", Retry(max=1))   # leased once, lease now gone
    assert sweeper(connection).sweep() == 1
    job.refresh()
    assert job.get_status() == JobStatus.QUEUED and job.retries_left == 0
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode()]
    assert connection.zcard("rq:wip:ecoute") == 0
    assert sweeper(connection).sweep() == 0   # once


def test_without_retries_left_it_fails_with_the_reason(connection: redis.Redis) -> None:
    job = started_by(connection, "dead", None)
    assert sweeper(connection).sweep() == 1
    assert job.get_status(refresh=True) == JobStatus.FAILED
    assert "AbandonedJobError" in (job.latest_result().exc_string or "")
    assert connection.llen("rq:queue:ecoute") == 0


def test_a_live_worker_and_a_worker_that_never_leased_are_left_alone(connection: redis.Redis) -> None:
    alive = started_by(connection, "alive", Retry(max=1))
    connection.set(LEASE_KEY.format("alive"), "1", px=10_000)
    other = started_by(connection, "other-program", Retry(max=1))
    connection.delete(LEASED_KEY.format("other-program"))   # e.g. a plain `rq worker`
    assert sweeper(connection).sweep() == 0
    assert alive.get_status(refresh=True) == other.get_status(refresh=True) == JobStatus.STARTED
    assert connection.zcard("rq:wip:ecoute") == 2


def test_a_job_claimed_but_never_started_goes_back_to_the_front(connection: redis.Redis) -> None:
    queue = Queue("ecoute", connection=connection)
    first = queue.enqueue_call(JOB, args=({"text": "un"},))
    second = queue.enqueue_call(JOB, args=({"text": "deux"},))
    popped, _ = ClaimingQueue.dequeue_any([ClaimingQueue("ecoute", connection=connection)], None,
                                          connection=connection)
    assert popped.id == first.id and connection.lrange(CLAIMED, 0, -1) == [first.id.encode()]
    # the worker died right here: the id is in no queue, and in no registry
    assert sweeper(connection).sweep() == 1
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [first.id.encode(), second.id.encode()]
    assert connection.llen(CLAIMED) == 0 and first.get_status(refresh=True) == JobStatus.QUEUED
    assert sweeper(connection).sweep() == 0   # once


def test_a_claim_is_given_time_before_it_counts_as_abandoned(connection: redis.Redis,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reclaim, "CONFIRM", 60.0)
    queue = Queue("ecoute", connection=connection)
    queue.enqueue_call(JOB, args=({"text": "un"},))
    ClaimingQueue.dequeue_any([ClaimingQueue("ecoute", connection=connection)], None, connection=connection)
    assert sweeper(connection).sweep() == 0 and sweeper(connection).sweep() == 0   # a live worker's claim
    assert connection.llen(CLAIMED) == 1


def test_a_worker_reborn_under_its_name_reclaims_its_leftovers_at_once(connection: redis.Redis,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reclaim, "CONFIRM", 60.0)
    job = started_by(connection, "fixed-name", Retry(max=1))
    reborn = Reclaimer(connection, "fixed-name", ["ecoute"]).start()   # leases, then sweeps its own name
    try:
        assert job.get_status(refresh=True) == JobStatus.QUEUED
        assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode()]
    finally:
        reborn.stop()


def test_a_live_worker_hands_back_its_own_started_jobs_it_no_longer_runs(connection: redis.Redis,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker cut off from Redis mid-batch starts again under the same name: its lease is live, so only
    # its own look at its name's entries can tell the jobs it left behind from the ones it runs.
    monkeypatch.setattr(reclaim, "CONFIRM", 60.0)
    left = started_by(connection, "same-name", Retry(max=1))
    running = started_by(connection, "same-name", Retry(max=1))
    connection.set(LEASE_KEY.format("same-name"), "1", px=10_000)
    entry = {e.decode() for e in connection.zrange("rq:wip:ecoute", 0, -1) if e.decode().startswith(running.id)}
    worker = Reclaimer(connection, "same-name", ["ecoute"], in_flight=lambda: entry)
    assert worker.sweep_own() == 0 and worker.sweep() == 0   # first look: given time (and a live lease)
    assert left.get_status(refresh=True) == JobStatus.STARTED
    monkeypatch.setattr(reclaim, "CONFIRM", 0.0)
    assert worker.sweep_own() == 1
    left.refresh()
    assert left.get_status() == JobStatus.QUEUED and left.retries_left == 0
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [left.id.encode()]
    assert running.get_status(refresh=True) == JobStatus.STARTED   # the one it runs is never touched
    assert {e.decode() for e in connection.zrange("rq:wip:ecoute", 0, -1)} == entry
    assert worker.sweep_own() == 0   # once
    other = Reclaimer(connection, "another-live-worker", ["ecoute"])
    assert other.sweep_own() == 0 and running.get_status(refresh=True) == JobStatus.STARTED


def test_an_own_entry_of_a_job_started_elsewhere_is_dropped_not_retried(connection: redis.Redis) -> None:
    job = started_by(connection, "first", Retry(max=1))
    connection.hset(job.key, "worker_name", "second")   # since then reclaimed and started by another worker
    assert Reclaimer(connection, "first", ["ecoute"]).sweep_own() == 0
    assert connection.zcard("rq:wip:ecoute") == 0
    job.refresh()
    assert job.get_status() == JobStatus.STARTED and job.worker_name == "second" and job.retries_left == 1


def test_an_entry_whose_execution_record_expired_still_belongs_to_the_worker_running_the_job(
        connection: redis.Redis) -> None:
    job = started_by(connection, "dead", Retry(max=1))
    for key in connection.keys(f"rq:execution:{job.id}:*"):
        connection.delete(key)
    assert sweeper(connection).sweep() == 1
    assert job.get_status(refresh=True) == JobStatus.QUEUED and connection.zcard("rq:wip:ecoute") == 0


def _state(job: Job) -> dict[str, object]:
    state = dict(vars(job))
    state.pop("connection"), state.pop("log")
    return state


def test_jobs_claimed_together_read_back_as_rqs_restore_reads_them(connection: redis.Redis,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """claimed_jobs copies the first job for those whose hash differs only in comment, meta and dates: every
    attribute equals what Job.restore gives, and nothing mutable is shared between the copies."""
    from service.queueing import QueueAccess
    from worker.runner import faster_job_dates

    faster_job_dates()
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=60)
    access.enqueue_batch([{"text": f"Colis {i} jamais reçu", "external_id": f"x-{i}", "metadata": {"n": i}}
                          for i in range(4)], tenant="acme")
    Queue("ecoute", connection=connection).enqueue_call(JOB, args=({"text": "odd one"},), retry=Retry(max=1))
    access.enqueue_batch([{"text": "encore"}], tenant=None)
    raw = reclaim.run_script(connection, reclaim._CLAIM_SHA, reclaim._CLAIM, 2, "rq:queue:ecoute", CLAIMED, 10, "")
    copies: list[str] = []
    copy_of = reclaim._copy_of

    def counted(*args: object) -> Job | None:
        job = copy_of(*args)   # type: ignore[arg-type]
        if job is not None:
            copies.append(job.id)
        return job

    monkeypatch.setattr(reclaim, "_copy_of", counted)
    jobs = reclaim.restore_claimed(raw, "rq:queue:ecoute", connection, Job, None)
    assert len(jobs) == 6
    # copies of the first: the batch's others and the default tenant's (its meta differs); RQ's own restores the
    # job enqueued by RQ (other fields)
    assert copies == [job.id for job in jobs[1:4] + jobs[5:]]
    for job in jobs:
        expected = Job.fetch(job.id, connection=connection)
        assert _state(job) == _state(expected)
        assert job.args == expected.args and job.meta == expected.meta and job.func_name == expected.func_name
    assert [job.args[0]["text"] for job in jobs[:4]] == [f"Colis {i} jamais reçu" for i in range(4)]
    assert jobs[1].retry_intervals is not jobs[0].retry_intervals and jobs[1].webhooks is not jobs[0].webhooks


def test_a_claimed_id_whose_job_hash_is_gone_is_dropped_and_the_others_run(connection: redis.Redis) -> None:
    """The claim moves ids and their hashes are read in the next round trip: an analysis erased in between (or
    whose hash expired) leaves the intermediate list instead of waiting there for the reclaim sweep."""
    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},)) for i in range(3)]
    connection.delete(jobs[1].key)
    worker = EcouteWorker([queue], connection=connection, name="w", batch_size=16)
    first, _ = worker.queue_class.dequeue_any(worker.queues, None, connection=connection, job_class=Job)
    assert [job.id for job in [first, *first.claimed_with]] == [jobs[0].id, jobs[2].id]
    assert connection.lrange(CLAIMED, 0, -1) == [jobs[0].id.encode(), jobs[2].id.encode()]
    assert connection.llen("rq:queue:ecoute") == 0
    connection.delete(jobs[0].key, jobs[2].key)
    queue.enqueue_call(JOB, args=({"text": "encore"},), job_id="gone-too")
    connection.delete("rq:job:gone-too")
    assert worker.queue_class.dequeue_any(worker.queues, None, connection=connection, job_class=Job) is None
    assert b"gone-too" not in connection.lrange(CLAIMED, 0, -1)


def test_the_jobs_of_a_dead_workers_micro_batch_go_to_their_retry_policy_and_its_stale_entries_go(
        connection: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    """A micro-batch has one execution record (under its first job): the entries of its other jobs belong to
    the worker that record names, so that they are handed back with it, and a leftover entry of one that has
    ended is dropped."""
    from worker import runner

    queue = Queue("ecoute", connection=connection)
    jobs = [queue.enqueue_call(JOB, args=({"text": f"Colis {i} jamais reçu"},), retry=Retry(max=1))
            for i in range(3)]

    class Died(BaseException):
        pass

    def engine(prepared):   # type: ignore[no-untyped-def]
        raise Died()   # the worker dies in the middle of its micro-batch: nothing more is written

    monkeypatch.setattr(runner, "run_engine", engine)
    # The step that marks the micro-batch started is sent before the engine runs and its reply read after: on a
    # Redis that does not know the script yet (NOSCRIPT), it is run again only when that reply is read, which a
    # worker dying in between never does (its jobs then stay claimed, not started: another test). Known here,
    # whatever ran before this test.
    connection.script_load(runner._COMMANDS)
    worker = EcouteWorker([queue], connection=connection, name="dead", batch_size=16)
    job, claimed_from = worker.queue_class.dequeue_any(worker.queues, None, connection=connection, job_class=Job)
    with pytest.raises(Died):
        worker.execute_job(job, claimed_from)
    connection.set(LEASED_KEY.format("dead"), "1")   # it leased; its lease is gone
    entries = [e.decode() for e in connection.zrange("rq:wip:ecoute", 0, -1)]
    assert len(entries) == 3 and len(connection.keys("rq:execution:*")) == 1
    connection.hset(jobs[2].key, "status", "finished")   # as if it had ended since: its entry is a leftover
    assert sweeper(connection).sweep() == 2
    for job in jobs[:2]:
        job.refresh()
        assert job.get_status() == JobStatus.QUEUED and job.retries_left == 0
    assert connection.zcard("rq:wip:ecoute") == 0


def test_reading_claimed_hashes_leaves_no_reply_unread_on_an_error(connection: redis.Redis) -> None:
    """An error reply among the pipelined reads (a key that is not a hash) is raised, and the connection goes back
    to the pool with nothing left to read: the next command gets its own reply."""
    from worker.redis_calls import read_hashes

    connection.hset("rq:job:a", "status", "queued")
    connection.set("rq:job:b", "not a hash")
    connection.hset("rq:job:c", "status", "started")
    with pytest.raises(redis.ResponseError):
        read_hashes(connection, ["rq:job:a", "rq:job:b", "rq:job:c"])
    assert connection.get("rq:job:b") == b"not a hash"
    assert read_hashes(connection, ["rq:job:c", "rq:job:gone"]) == [{b"status": b"started"}, {}]

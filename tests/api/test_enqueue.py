"""The API writes analysis jobs itself (service/queueing.py), in the cap's script: the job hash, its expiry and
the queue entry must be exactly what RQ's own enqueue writes, and RQ must read them back the same."""
from __future__ import annotations

import itertools
import pickle
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import hiredis
import pytest
import redis
from rq import Callback, Queue, Retry
from rq.job import Job, JobStatus
from rq.utils import str_to_date, utcformat

from service.queueing import ON_FAILURE, ON_STOPPED, ON_SUCCESS, QueueAccess, _utcformat

DATES = {b"created_at", b"enqueued_at"}
COMMENT = {"text": "Colis jamais reçu 😡", "external_id": "tw-1", "channel": "twitter",
           "metadata": {"crm": [1, 2.5, None]}, "author": {"name": "Marie"}}


@pytest.fixture()
def connection(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def rq_enqueue(access: QueueAccess, comment: dict[str, Any], job_id: str, batch_id: str | None = None,
               tenant: str | None = None) -> Job:
    """The same job through RQ's own API (Queue.prepare_data + enqueue_many), as the API wrote it before."""
    comment = dict(comment)
    callback_url = comment.pop("callback_url", None)
    meta = {"external_id": comment.get("external_id"), "metadata": comment.get("metadata"), "batch_id": batch_id}
    if tenant is not None:
        meta["tenant"] = tenant
    if callback_url:
        meta["callback_url"] = callback_url
    retry = Retry(max=access.max_retries, interval=list(access.retry_intervals)) if access.max_retries else None
    data = Queue.prepare_data(
        access.job_name, args=(comment,), job_id=job_id, timeout=access.job_timeout, result_ttl=access.result_ttl,
        failure_ttl=access.result_ttl, ttl=access.result_ttl, retry=retry, meta=meta, description="analysis",
        on_success=Callback(ON_SUCCESS), on_failure=Callback(ON_FAILURE), on_stopped=Callback(ON_STOPPED))
    with access.connection.pipeline() as pipe:
        job = access.queue.enqueue_many([data], pipeline=pipe)[0]
        pipe.execute()
    return job


def unpacked(data: bytes) -> bytes:
    """A job's data as RQ's Job.restore reads it: decompressed when it is a zlib stream, else as it is."""
    try:
        return zlib.decompress(data)
    except zlib.error:
        return data


def same_job(connection: redis.Redis, ours: str, theirs: str, moment: datetime) -> None:
    """Our job's hash is RQ's, field for field and byte for byte, but for the job's dates (ours: `moment`) and the
    storage of its data: the same bytes as RQ reads them (the API stores a short comment's pickle as it is and
    compresses a long one with a smaller window, service/queueing.py _compress)."""
    mine, rq = connection.hgetall(f"rq:job:{ours}"), connection.hgetall(f"rq:job:{theirs}")
    assert mine.keys() == rq.keys()
    assert unpacked(mine[b"data"]) == zlib.decompress(rq[b"data"])
    skip = DATES | {b"data"}
    assert {k: v for k, v in mine.items() if k not in skip} == {k: v for k, v in rq.items() if k not in skip}
    assert str_to_date(mine[b"created_at"]) == str_to_date(mine[b"enqueued_at"]) == moment
    assert abs(connection.ttl(f"rq:job:{ours}") - connection.ttl(f"rq:job:{theirs}")) <= 1
    ours_read, theirs_read = Job.fetch(ours, connection=connection), Job.fetch(theirs, connection=connection)
    assert comparable(ours_read) == comparable(theirs_read)
    assert ours_read.args == theirs_read.args and ours_read.kwargs == theirs_read.kwargs == {}
    assert ours_read.meta == theirs_read.meta
    assert ours_read.get_status() == JobStatus.QUEUED


def comparable(job: Job) -> dict[str, Any]:
    """What RQ writes of a job (to_dict), dates and id aside, plus the attributes read by workers and the API."""
    described = {key: value for key, value in job.to_dict().items() if key not in {"created_at", "enqueued_at"}}
    described["data"] = pickle.loads(unpacked(described["data"]))
    described["meta"] = pickle.loads(described["meta"])
    attributes = ("origin", "func_name", "args", "kwargs", "retries_left", "retry_intervals", "timeout",
                  "result_ttl", "failure_ttl", "ttl", "description", "success_callback_timeout",
                  "failure_callback_timeout", "stopped_callback_timeout", "_success_callback_name",
                  "_failure_callback_name", "_stopped_callback_name", "enqueue_at_front_on_retry", "group_id",
                  "_dependency_ids", "repeats_left", "serializer", "redis_server_version")
    return {"to_dict": described, **{name: getattr(job, name) for name in attributes},
            "status": job.get_status(refresh=False)}


@pytest.mark.parametrize("comment, tenant, retries", [
    (COMMENT, None, 2),
    ({**COMMENT, "callback_url": "https://crm.example/hook"}, "acme", 2),
    ({"text": "x"}, None, 0),
    ({"text": "Colis toujours pas arrivé. " * 190, "metadata": {f"champ {n}": "valeur " * 20 for n in range(100)}},
     None, 2),   # a pickle of ~19 KB: more than the 8 KB window of the API's zlib stream
])
def test_an_analysis_is_stored_as_rq_stores_it(connection: redis.Redis, comment: dict[str, Any],
                                               tenant: str | None, retries: int) -> None:
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, max_retries=retries,
                         tenant_cap=10)
    job = access.enqueue_analysis(comment, tenant)
    theirs = rq_enqueue(access, comment, "00000000-0000-4000-8000-000000000000", tenant=tenant)
    same_job(connection, job.id, theirs.id, job.created_at)
    # the Job returned is the one RQ's enqueue returns
    assert comparable(job) == comparable(theirs)
    assert job.enqueued_at == job.created_at
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode(), theirs.id.encode()]
    assert connection.smembers("rq:queues") == {b"rq:queue:ecoute"}
    assert connection.zscore(f"ecoute{':tenant:acme' if tenant else ''}:active", job.id) is not None
    assert "callback_url" not in job.args[0]


def test_a_short_comment_is_stored_as_it_is_and_a_long_one_compressed(connection: redis.Redis) -> None:
    """Compressing a comment's few hundred bytes cost more CPU than it saved memory: only long data is a zlib stream;
    RQ reads both back the same (Job.fetch in same_job above)."""
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=10)
    short = access.enqueue_analysis(COMMENT, None)
    long = access.enqueue_analysis({"text": "Colis toujours pas arrivé, personne ne répond. " * 40}, None)
    stored = {job.id: connection.hget(f"rq:job:{job.id}", "data") for job in (short, long)}
    assert pickle.loads(stored[short.id]) == pickle.loads(zlib.decompress(short.to_dict()["data"]))
    assert len(zlib.decompress(stored[long.id])) > len(stored[long.id])
    assert Job.fetch(short.id, connection=connection).args == short.args
    assert Job.fetch(long.id, connection=connection).args == long.args


def test_without_a_cap_the_same_job_is_written(connection: redis.Redis) -> None:
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=0)
    job = access.enqueue_analysis(COMMENT, None)
    theirs = rq_enqueue(access, COMMENT, "00000000-0000-4000-8000-000000000000")
    same_job(connection, job.id, theirs.id, job.created_at)
    assert not connection.exists("ecoute:active")


def test_a_batch_stores_each_job_as_rq_does(connection: redis.Redis) -> None:
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=10)
    comments = [COMMENT, {**COMMENT, "external_id": "tw-2", "callback_url": "https://crm.example/x"}]
    batch_id, created, jobs = access.enqueue_batch(comments, tenant="acme")
    assert [job.created_at for job in jobs] == [created, created]
    for n, (job, comment) in enumerate(zip(jobs, comments)):
        theirs = rq_enqueue(access, comment, f"00000000-0000-4000-8000-00000000000{n}", batch_id, "acme")
        same_job(connection, job.id, theirs.id, created)
        assert comparable(job) == comparable(theirs)
    assert connection.lrange("rq:queue:ecoute", 0, 1) == [job.id.encode() for job in jobs]


def calls(connection: redis.Redis) -> dict[str, int]:
    return {name.removeprefix("cmdstat_"): int(stat["calls"]) for name, stat in connection.info("commandstats").items()}


@pytest.mark.parametrize("cap", [0, 1000])
def test_a_batch_is_queued_and_counted_with_one_rpush_and_one_zadd(connection: redis.Redis, cap: int) -> None:
    """100 jobs: the ids reach the queue in order and the tenant's set, one command each, not one per job."""
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=cap)
    before = calls(connection)
    _, _, jobs = access.enqueue_batch([{**COMMENT, "external_id": None, "text": f"n°{n}"} for n in range(100)],
                                      tenant="acme")
    after = calls(connection)
    ids = [job.id.encode() for job in jobs]
    assert connection.lrange("rq:queue:ecoute", 0, -1) == ids
    assert after.get("rpush", 0) - before.get("rpush", 0) == 1
    assert after.get("hset", 0) - before.get("hset", 0) == 100
    if cap:
        assert sorted(connection.zrange("ecoute:tenant:acme:active", 0, -1)) == sorted(ids)
        assert after.get("zadd", 0) - before.get("zadd", 0) == 1
    for job in jobs:   # RQ reads each one back
        assert Job.fetch(job.id, connection=connection).args[0]["text"] == job.args[0]["text"]


def test_what_stays_true_is_refreshed_once_a_minute(connection: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue's entry in rq:queues and the TTL of the tenant's set are sent with the first enqueue of a
    process (per connection), then at most once a minute; a set made anew (emptied by the workers, so deleted)
    gets its TTL at once all the same."""
    from service import limits

    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=1000)
    before = calls(connection)
    first = access.enqueue_analysis(COMMENT, "acme")
    middle = calls(connection)
    assert middle.get("sadd", 0) - before.get("sadd", 0) == 1 and middle.get("expire", 0) - before.get("expire", 0) == 2
    assert connection.smembers("rq:queues") == {b"rq:queue:ecoute"}
    assert 3590 < connection.ttl("ecoute:tenant:acme:active") <= 3600
    connection.expire("ecoute:tenant:acme:active", 1000)
    middle = calls(connection)
    access.enqueue_analysis(COMMENT, "acme")
    after = calls(connection)
    assert after.get("sadd", 0) == middle.get("sadd", 0)
    assert after.get("expire", 0) - middle.get("expire", 0) == 1   # the job hash's only
    assert connection.ttl("ecoute:tenant:acme:active") <= 1000
    connection.delete("ecoute:tenant:acme:active")   # the workers removed every id: the set is gone
    access.enqueue_analysis(COMMENT, "acme")
    assert 3590 < connection.ttl("ecoute:tenant:acme:active") <= 3600
    monkeypatch.setattr(limits, "REFRESH_EVERY", 0.0)   # a minute later
    connection.srem("rq:queues", "rq:queue:ecoute")
    connection.expire("ecoute:tenant:acme:active", 1000)
    access.enqueue_analysis(COMMENT, "acme")
    assert connection.smembers("rq:queues") == {b"rq:queue:ecoute"}
    assert 3590 < connection.ttl("ecoute:tenant:acme:active") <= 3600
    assert Job.fetch(first.id, connection=connection).get_status() == JobStatus.QUEUED


def test_a_refused_enqueue_writes_nothing(connection: redis.Redis) -> None:
    from service.limits import QueueFull

    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=1)
    first = access.enqueue_analysis(COMMENT, None)
    with pytest.raises(QueueFull):
        access.enqueue_analysis(COMMENT, None)
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [first.id.encode()]
    assert connection.keys("rq:job:*") == [f"rq:job:{first.id}".encode()]


def test_a_refused_batch_leaves_no_job_hash_behind(connection: redis.Redis) -> None:
    """A batch's job hashes are written just ahead of the cap's step, outside it: when the batch does not fit they
    are deleted, and nothing names them (queue, tenant's set, batch record)."""
    from service.limits import QueueFull

    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=3)
    _, _, kept = access.enqueue_batch([{"text": f"Colis {n} jamais reçu"} for n in range(2)], tenant="acme")
    with pytest.raises(QueueFull):
        access.enqueue_batch([{"text": f"Commande {n} en retard"} for n in range(2)], tenant="acme")
    assert sorted(connection.keys("rq:job:*")) == sorted(job.key.encode() for job in kept)
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode() for job in kept]
    assert connection.zcard("ecoute:tenant:acme:active") == 2
    assert len(connection.keys("ecoute:batch:*")) == 1


def test_a_batch_is_queued_once_by_a_redis_that_lost_its_scripts(connection: redis.Redis) -> None:
    """The job hashes sent ahead of the cap's step are sent again when Redis does not know the step's script (a
    restart): the same values, and the ids queued once."""
    access = QueueAccess(connection, "ecoute", result_ttl=3600, job_timeout=30, tenant_cap=10)
    connection.script_flush()
    batch_id, created, jobs = access.enqueue_batch([COMMENT, {**COMMENT, "external_id": "tw-2"}], tenant="acme")
    assert connection.lrange("rq:queue:ecoute", 0, -1) == [job.id.encode() for job in jobs]
    for n, job in enumerate(jobs):
        theirs = rq_enqueue(access, {**COMMENT, "external_id": ["tw-1", "tw-2"][n]},
                            f"00000000-0000-4000-8000-00000000000{n}", batch_id, "acme")
        same_job(connection, job.id, theirs.id, created)


@pytest.mark.parametrize("moment", [
    datetime(2026, 11, 30, 8, 46, 23, 639275, tzinfo=timezone.utc),
    datetime(2026, 1, 2, 3, 4, 5, 0, tzinfo=timezone.utc),
    datetime(2027, 12, 31, 23, 59, 59, 999999),
])
def test_dates_are_written_as_rq_writes_them(moment: datetime) -> None:
    assert _utcformat(moment) == utcformat(moment)


@pytest.mark.parametrize("retries", [0, 2])
@pytest.mark.parametrize("tenant", [None, "acmé-shop"])
def test_the_enqueue_script_is_packed_as_hiredis_packs_it(connection: redis.Redis, retries: int,
                                                          tenant: str | None) -> None:
    """POST ?wait sends the cap's script with its fixed words packed once: the bytes are those hiredis makes of
    the whole command (EVALSHA of the reservation script with _enqueue_commands' words)."""
    from service import limits
    from service.tenants import ACTIVE, tenant_key

    access = QueueAccess(connection, "ecoute-ü", result_ttl=3600, job_timeout=30, max_retries=retries,
                         tenant_cap=500)
    key = tenant_key(tenant, ACTIVE)
    comments = [COMMENT, {"text": "ok"}, {**COMMENT, "callback_url": "https://crm.example/hook?x=é",
                                          "metadata": {"note": "ligne\r\n$3\r\n", "n": 10 ** 30}}]
    moments = [1764560000.0, 1764560000.123456, 1796097605.2656674, 0.1, 17645600001.5]
    for comment, moment, refresh, add_queue in itertools.product(comments, moments, (True, False), (True, False)):
        job, write = access._new_job(comment, None, tenant, datetime(2026, 12, 1, 3, 4, 5, 678, tzinfo=timezone.utc))
        if add_queue:
            connection.__dict__.pop(limits._REFRESHED, None)
        else:
            limits.done(connection, Queue.redis_queues_keys)
        expected = hiredis.pack_command((
            "EVALSHA", limits._RESERVE_SHA, 1, key, 500, 3600 if refresh else -3600, moment, 1, job.id,
            *limits._words(access._enqueue_commands([(job, write)]))))
        assert access._packed_enqueue(job, write, key, refresh, moment, add_queue) == expected

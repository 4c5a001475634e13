"""worker/runner.py remember_serializers(): rq's serializer check is remembered, with the same answers."""
from __future__ import annotations

import pytest
import rq.job
import rq.registry
import rq.results
import rq.serializers
from rq.serializers import DefaultSerializer, JSONSerializer

from worker.runner import remember_serializers


def test_same_answers_once_remembered() -> None:
    remember_serializers()
    remember_serializers()   # idempotent: wraps rq's own function once
    for module in (rq.job, rq.registry, rq.results):
        resolve = module.resolve_serializer
        assert resolve.__wrapped__ is rq.serializers.resolve_serializer.__wrapped__
        assert resolve(None) is rq.serializers.resolve_serializer.__wrapped__(None)
        assert resolve(DefaultSerializer) is DefaultSerializer
        assert resolve(DefaultSerializer) is DefaultSerializer   # the remembered path
        assert resolve("json") is JSONSerializer
    for _ in range(2):   # a serializer without dumps/loads is refused every time, never remembered
        with pytest.raises(NotImplementedError):
            rq.job.resolve_serializer(object())


def test_job_dates_read_as_rq_reads_them() -> None:
    """faster_job_dates(): the dates RQ writes, and any other text, give rq's own answer (or its error)."""
    from worker.runner import faster_job_dates

    original = getattr(rq.job.str_to_date, "__wrapped__", rq.job.str_to_date)
    faster_job_dates()
    faster_job_dates()   # idempotent: wraps rq's own function once
    fast = rq.job.str_to_date
    assert fast.__wrapped__ is original
    for text in ("2026-11-30T08:46:23.639275Z", "2026-01-05T00:00:00.000000Z", "2024-02-29T23:59:59.999999Z",
                 "2026-11-30T08:46:23Z", "2026-11-30T08:46:23.6Z"):
        for value in (text, text.encode()):
            assert fast(value) == original(value) and fast(value).tzinfo == original(value).tzinfo
    for bad in ("2026-13-30T08:46:23.639275Z", "2026-11-30T08:46:2x.639275Z", "2026-11-30 08:46:23.639275Z",
                "2026-11-30T08:46:23.63927+Z", "2026-11-30T08:46:23.639275+Z"):
        with pytest.raises(ValueError):
            original(bad)
        with pytest.raises(ValueError):
            fast(bad)


def test_job_hashes_read_as_rq_reads_them() -> None:
    """faster_job_hashes(): a job hash's field names decoded as rq's own decode_redis_hash decodes them."""
    from worker.runner import faster_job_hashes

    original = getattr(rq.job.decode_redis_hash, "__wrapped__", rq.job.decode_redis_hash)
    faster_job_hashes()
    faster_job_hashes()   # idempotent: wraps rq's own function once
    fast = rq.job.decode_redis_hash
    assert fast.__wrapped__ is original
    for raw in ({b"status": b"queued", b"data": b"\x78\x9c\x01", "caf\u00e9".encode(): b"x"}, {"status": b"queued"},
                {b"status": b"queued", "origin": b"ecoute"}, {}):
        assert fast(raw) == original(raw)
        assert all(type(k) is str for k in fast(raw))
        try:
            expected = original(raw, decode_values=True)
        except UnicodeDecodeError:   # a value that is no text: the same error
            with pytest.raises(UnicodeDecodeError):
                fast(raw, decode_values=True)
        else:
            assert fast(raw, decode_values=True) == expected
    with pytest.raises(UnicodeDecodeError):   # a field name that is no UTF-8: rq's own error
        fast({b"\xff": b"x"})


def test_execution_ids_are_uuid4_hex_as_rq_makes_them() -> None:
    import uuid

    from worker.runner import execution_ids

    ids = execution_ids(2000)
    assert len(set(ids)) == 2000 and execution_ids(0) == []
    for value in ids:
        parsed = uuid.UUID(hex=value)
        assert parsed.hex == value and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_stamps_are_rqs_utcformat() -> None:
    from datetime import datetime, timedelta, timezone

    from rq.utils import now, utcformat

    from worker.runner import stamp

    moments = [now(), datetime(2026, 1, 5, tzinfo=timezone.utc), datetime(2024, 2, 29, 23, 59, 59, 999999, timezone.utc),
               datetime(1999, 12, 31, 0, 0, 0, 1, timezone.utc)]
    moments += [moments[0] + timedelta(microseconds=k * 7919) for k in range(500)]
    for moment in moments:
        assert stamp(moment) == utcformat(moment)

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

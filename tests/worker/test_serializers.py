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

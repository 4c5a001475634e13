"""worker.jobs in-process: a SimpleWorker burst on a real Redis runs the job by name; logs carry the job id."""
from __future__ import annotations

import logging

import pytest
import redis
from rq import Queue, SimpleWorker

from worker import jobs


def test_job_by_name_returns_the_engine_result(redis_url: str, caplog: pytest.LogCaptureFixture) -> None:
    connection = redis.Redis.from_url(redis_url)
    queue = Queue("ecoute", connection=connection)
    job = queue.enqueue_call("worker.jobs.analyze_comment", args=({"text": "Where is my parcel? Still nothing"},))
    caplog.handler.addFilter(jobs.CurrentJobFilter())
    with caplog.at_level(logging.INFO, logger="worker.jobs"):
        assert SimpleWorker([queue], connection=connection).work(burst=True)
    job.refresh()
    assert job.is_finished, job.latest_result()
    result = job.return_value()
    assert result["language"]["code"] == "en" and set(result) >= {"flags", "priority", "steps", "replies"}
    records = [r for r in caplog.records if r.name == "worker.jobs"]
    assert records and all(r.job_id == job.id for r in records)
    assert all("parcel" not in r.getMessage() for r in records)


def test_filter_outside_a_job_marks_no_job() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert jobs.CurrentJobFilter().filter(record) and record.job_id == "-"


def test_warm_up_and_default_language_option(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs.engine_options.cache_clear()
    monkeypatch.setenv("ECOUTE_DEFAULT_LANGUAGE", "en")
    try:
        jobs.warm_up()
        assert jobs.engine_options() == {"default_language": "en"}
    finally:
        jobs.engine_options.cache_clear()


def test_the_workers_warm_up_loads_every_lexicon_before_the_first_job() -> None:
    from worker.analysis.lexicon import lexicon

    lexicon.cache_clear()   # as in a fresh worker process
    jobs.warm_up()
    loaded = lexicon.cache_info().misses
    for text in ("Colis jamais reçu", "Parcel never arrived", "👍👍"):
        jobs.analyze({"text": text}, jobs.engine_options())
    assert lexicon.cache_info().misses == loaded

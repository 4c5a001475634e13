"""Results stored as JSON text (worker/results.py): RQ reads back the engine's result itself, the API sends
the stored text as it is, and results stored by RQ's own path (pickled dicts) read as before."""
from __future__ import annotations

import base64
import json
import pickle
import pickletools
from typing import Any

import orjson
import pytest
import redis
from rq import Queue
from rq.job import Job
from rq.results import Result

from service import create_app
from service.settings import Settings
from worker import results
from worker.analysis import analyze
from worker.jobs import engine_options
from worker.runner import EcouteWorker, _encoded

COMMENTS = [
    {"text": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "channel": "twitter",
     "author": {"name": "Marie"}, "brand": {"name": "Colibri"}},
    {"text": "Where is my order?? 2 weeks and nothing, your support is useless", "channel": "facebook"},
    {"text": "Merci pour la réactivité, produit parfait !", "language": "fr"},
    {"text": "Quelqu'un sait si la boutique de Lyon est ouverte dimanche ?",
     "thread": [{"author": {"name": "Paul"}, "text": "Oui jusqu'à 18h", "is_brand": False}]},
    {"text": "\"quoted\" \\ backslash \u2028 separators \U0001F600 and a tab\t"},
]


@pytest.fixture()
def connection(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


@pytest.mark.parametrize("comment", COMMENTS)
def test_any_pickle_reader_gets_the_engine_result_back(comment: dict[str, Any]) -> None:
    result = analyze(comment, engine_options())
    stored = results.dumps(result)
    assert stored is not None
    assert pickle.loads(stored) == result
    assert json.loads(results.json_text(stored) or b"") == result
    assert results.json_text(stored) == orjson.dumps(result)
    pickletools.dis(stored, out=open("/dev/null", "w"))   # a well-formed pickle


def test_other_pickles_have_no_json_text() -> None:
    result = analyze(COMMENTS[0], engine_options())
    stored = results.dumps(result) or b""
    for other in (pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), pickle.dumps(result, protocol=2),
                  pickle.dumps("text"), stored[:-1], stored[:20] + stored[21:], stored + b"."):
        assert results.json_text(other) is None


def test_what_orjson_cannot_write_is_stored_as_rq_stores_it(connection: redis.Redis) -> None:
    job = Job.create("worker.jobs.analyze_comment", args=({"text": "x"},), connection=connection)
    for value in (2 ** 70, {1: "one"}, {"deep": [2 ** 65]}):
        assert results.dumps(value) is None
        assert pickle.loads(base64.b64decode(_encoded(job, value))) == value


def test_encoded_values_are_the_standard_base64_rq_stores(connection: redis.Redis) -> None:
    """The bytes sent to Redis are exactly base64.b64encode of the serialized value (RQ's Result.serialize
    writes and reads that), whatever the length's remainder modulo 3 and the size."""
    job = Job.create("worker.jobs.analyze_comment", args=({"text": "x"},), connection=connection)
    for value in [analyze(comment) for comment in COMMENTS] + ["", "é", "ab", "abc" * 5000, [None] * 7]:
        pickled = results.dumps(value)
        assert pickled is not None
        assert _encoded(job, value) == base64.b64encode(pickled)
    assert _encoded(job, 2 ** 70) == base64.b64encode(job.serializer.dumps(2 ** 70))


def test_a_micro_batch_stores_json_text_that_rq_and_the_api_read_back(connection: redis.Redis,
                                                                     redis_url: str) -> None:
    client = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False)).test_client()
    ids = [client.post("/v1/analyses", json=comment).get_json()["id"] for comment in COMMENTS]
    worker = EcouteWorker([Queue("ecoute", connection=connection)], connection=connection, name="batcher",
                          batch_size=16)
    assert worker.work(burst=True, with_scheduler=False)
    for analysis_id in ids:
        job = Job.fetch(analysis_id, connection=connection)
        expected = analyze(job.args[0], engine_options())   # the comment as the API queued it
        assert job.return_value() == expected                 # RQ's reader: the same dict
        ((_, fields),) = connection.xrange(f"rq:results:{analysis_id}")
        text = results.json_text(base64.b64decode(fields[b"return_value"]))
        assert text == orjson.dumps(expected)
        answer = client.get(f"/v1/analyses/{analysis_id}")
        assert b'"result":' + text + b',"error":null}' in answer.data   # sent as stored
        assert answer.get_json()["result"] == expected
        assert answer.get_json()["finished_at"] is not None


def test_a_result_pickled_by_rq_reads_as_before(connection: redis.Redis, redis_url: str) -> None:
    client = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False)).test_client()
    analysis_id = client.post("/v1/analyses", json=COMMENTS[1]).get_json()["id"]
    job = Job.fetch(analysis_id, connection=connection)
    expected = analyze(COMMENTS[1], engine_options())
    with connection.pipeline() as pipe:   # what RQ's one-job path stores
        job.set_status("finished", pipeline=pipe)
        Result.create(job, Result.Type.SUCCESSFUL, ttl=600, return_value=expected, pipeline=pipe)
        pipe.execute()
    assert results.json_text(base64.b64decode(connection.xrange(f"rq:results:{analysis_id}")[0][1][b"return_value"])) \
        is None
    view = client.get(f"/v1/analyses/{analysis_id}").get_json()
    assert view["status"] == "succeeded" and view["result"] == expected

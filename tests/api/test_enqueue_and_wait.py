"""POST /v1/analyses?wait=N sends the enqueue script and the first read of the result stream together
(service/queueing.py enqueue_and_wait): one EVALSHA and one XREAD on one connection, and every refusal or
failure of the script still answers as the usual enqueue does, with nothing queued twice."""
from __future__ import annotations

import time
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings


def calls(connection: redis.Redis) -> dict[str, int]:
    return {name.removeprefix("cmdstat_"): int(stat["calls"]) for name, stat in connection.info("commandstats").items()}


def sent(before: dict[str, int], after: dict[str, int], *names: str) -> list[int]:
    return [after.get(name, 0) - before.get(name, 0) for name in names]


def queued(connection: redis.Redis) -> list[bytes]:
    return connection.lrange("rq:queue:ecoute", 0, -1)


def test_one_evalsha_and_one_xread_per_wait(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    client = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                                 rate_limit=None)).test_client()   # the limiter's own script left out
    connection = redis.Redis.from_url(redis_url)
    client.post("/v1/analyses", json={"text": "warm-up"})   # loads the script
    from service import limits, queueing

    def separately(*_: Any, **__: Any) -> Any:
        raise AssertionError("sent on its own")

    monkeypatch.setattr(limits, "run_script_after", separately)   # the enqueue script alone
    monkeypatch.setattr(queueing, "xread_one", separately)   # a read of the stream alone
    before = calls(connection)
    answer = client.post("/v1/analyses?wait=0.3", json={"text": "Colis jamais reçu"})   # no worker: 202 in 0.3 s
    after = calls(connection)
    assert answer.status_code == 202 and answer.get_json()["status"] == "queued"
    assert sent(before, after, "evalsha", "eval", "xread", "hgetall", "hget") == [1, 0, 1, 0, 1]   # + the status
    assert queued(connection)[-1] == answer.get_json()["id"].encode()


def test_the_result_comes_with_the_answer(app: Flask, client: FlaskClient, worker: Any, redis_url: str) -> None:
    for text in ("warm-up", "Colis jamais reçu 😡", "Merci pour la livraison rapide !"):
        answer = client.post("/v1/analyses?wait=10", json={"text": text, "channel": "twitter"})
        assert answer.status_code == 200, answer.get_json()
        body = answer.get_json()
        assert body["status"] == "succeeded" and body["result"]["category"] and body["finished_at"]
        assert answer.headers["Location"] == f"/v1/analyses/{body['id']}"
        assert client.get(answer.headers["Location"]).get_json() == body


def test_a_restarted_redis_without_the_script_still_queues_once(app: Flask, client: FlaskClient, worker: Any,
                                                                redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    client.post("/v1/analyses?wait=10", json={"text": "warm-up"})
    connection.script_flush()
    before = calls(connection)
    answer = client.post("/v1/analyses?wait=10", json={"text": "Colis jamais reçu"})
    after = calls(connection)
    assert answer.status_code == 200, answer.get_json()
    assert sent(before, after, "eval") == [1]   # the script's body, once
    assert connection.zcard("rq:finished:ecoute") == 2 and queued(connection) == []
    assert client.post("/v1/analyses?wait=10", json={"text": "again"}).status_code == 200


def test_no_room_is_a_quick_429_and_queues_nothing(redis_url: str) -> None:
    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              tenant_max_queued=1))
    client = app.test_client()
    connection = redis.Redis.from_url(redis_url)
    first = client.post("/v1/analyses", json={"text": "first"})
    assert first.status_code == 202
    started = time.monotonic()
    refused = client.post("/v1/analyses?wait=10", json={"text": "second"})
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert time.monotonic() - started < 0.5   # not held by the dropped XREAD
    assert queued(connection) == [first.get_json()["id"].encode()]
    assert connection.zcard("ecoute:active") == 1
    connection.delete("ecoute:active")   # room again (as when the workers end it)
    answer = client.post("/v1/analyses?wait=0.2", json={"text": "third"})
    assert answer.status_code == 202 and len(queued(connection)) == 2


def test_a_result_after_the_first_slice_is_still_read(redis_url: str) -> None:
    from service.embedded import EmbeddedWorker

    app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              redis_timeout=0.2))   # slices of 0.1 s
    client = app.test_client()
    import threading

    worker: list[Any] = []
    threading.Timer(0.5, lambda: worker.append(EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start())).start()
    try:
        answer = client.post("/v1/analyses?wait=5", json={"text": "Colis jamais reçu"})
        assert answer.status_code == 200 and answer.get_json()["status"] == "succeeded"
    finally:
        time.sleep(0.6)
        for running in worker:
            running.stop()


def test_a_thread_keeps_its_connection_for_wait(app: Flask, client: FlaskClient, worker: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """POST ?wait takes no connection from the pool once its thread has one (the pool's checkout and return
    cost a twentieth of the API's CPU a request)."""
    pool = app.extensions["ecoute"].redis.connection_pool
    assert client.post("/v1/analyses?wait=10", json={"text": "warm-up"}).status_code == 200
    checkouts: list[Any] = []
    taken = pool.get_connection
    monkeypatch.setattr(pool, "get_connection", lambda *a, **k: checkouts.append(1) or taken(*a, **k))
    for text in ("Colis jamais reçu 😡", "Merci pour la livraison rapide !"):
        answer = client.post("/v1/analyses?wait=10", json={"text": text})
        assert answer.status_code == 200 and answer.get_json()["status"] == "succeeded"
    assert checkouts == []


def test_a_connection_killed_between_two_waits_queues_once(app: Flask, client: FlaskClient, worker: Any,
                                                           redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    assert client.post("/v1/analyses?wait=10", json={"text": "warm-up"}).status_code == 200
    mine = connection.client_id()
    for entry in connection.client_list():   # every other client: the API's kept connection among them
        if int(entry["id"]) != mine and entry.get("cmd") != "xread":
            connection.client_kill_filter(_id=entry["id"])
    # ?wait=30: the in-process RQ worker can meet several of its pool's killed connections in turn, waiting 1, 2, 4… s
    # between them (RQ's backoff): the answer came after more than 10 s in one CI run; the point is that it queues once
    answer = client.post("/v1/analyses?wait=30", json={"text": "Colis jamais reçu"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["status"] == "succeeded"
    assert connection.zcard("rq:finished:ecoute") == 2 and queued(connection) == []
    assert client.post("/v1/analyses?wait=10", json={"text": "again"}).status_code == 200


def test_a_read_stopped_midway_leaves_no_reply_for_the_next_request(app: Flask, client: FlaskClient, worker: Any,
                                                                     redis_url: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever stops a POST ?wait while it reads its replies (here a SystemExit, as gunicorn's worker timeout
    raises), the thread's connection is dropped: the next request never reads a reply meant for this one."""
    from service.queueing import _own_connection

    assert client.post("/v1/analyses?wait=10", json={"text": "warm-up"}).status_code == 200
    own = _own_connection(app.extensions["ecoute"].redis.connection_pool)   # this thread's, kept since the warm-up
    read = own.read_response
    reads: list[int] = []

    def stopped_at_second_read(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        if len(reads) == 2:   # the script answered; its XREAD's reply is still to come
            raise SystemExit("timeout")
        return read(*args, **kwargs)

    monkeypatch.setattr(own, "read_response", stopped_at_second_read)
    with pytest.raises(SystemExit):
        client.post("/v1/analyses?wait=10", json={"text": "Colis jamais reçu"})
    monkeypatch.undo()
    time.sleep(0.5)   # the XREAD's reply would be there by now
    for text in ("Merci pour la livraison rapide !", "Toujours rien reçu"):
        answer = client.post("/v1/analyses?wait=10", json={"text": text})
        assert answer.status_code == 200 and answer.get_json()["status"] == "succeeded"
        assert client.get(answer.headers["Location"]).get_json() == answer.get_json()

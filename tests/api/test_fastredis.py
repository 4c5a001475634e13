"""worker/redis_calls.py: the same replies and errors as redis-py's evalsha / xread, and its retries after a
dropped connection."""
from __future__ import annotations

import hashlib
import threading
import time
import uuid

import fakeredis
import pytest
import redis

from worker.redis_calls import run_script, xread_one

SCRIPT = f"-- {uuid.uuid4()}\n" + "redis.call('SET', KEYS[1], ARGV[1]) return {ARGV[1], tonumber(ARGV[2]) + 1, {ARGV[3]}, redis.call('GET', KEYS[1])}"
SHA = hashlib.sha1(SCRIPT.encode()).hexdigest()


@pytest.fixture()
def client(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url, socket_timeout=5, client_name="ecoute-fastredis-test")


def test_a_script_redis_does_not_know_is_sent_once_then_run_by_its_sha(client: redis.Redis) -> None:
    args = ("ecoute:test:k", "Déçu 👎", 41, b"\x00\xffbytes")
    assert not client.script_exists(SHA)[0]
    first = run_script(client, SHA, SCRIPT, 1, *args)
    assert client.script_exists(SHA)[0]
    again = run_script(client, SHA, SCRIPT, 1, *args)
    assert first == again == client.evalsha(SHA, 1, *args)
    assert first == ["Déçu 👎".encode(), 42, [b"\x00\xffbytes"], "Déçu 👎".encode()]


def test_script_errors_are_raised_as_redis_py_raises_them(client: redis.Redis) -> None:
    failing = "return redis.error_reply('CAP over the limit')"
    sha = hashlib.sha1(failing.encode()).hexdigest()
    with pytest.raises(redis.ResponseError) as mine:
        run_script(client, sha, failing, 0)
    with pytest.raises(redis.ResponseError) as theirs:
        client.evalsha(sha, 0)
    assert type(mine.value) is type(theirs.value) and str(mine.value) == str(theirs.value)


def test_a_server_side_killed_connection_is_replaced(client: redis.Redis) -> None:
    assert run_script(client, SHA, SCRIPT, 1, "ecoute:test:k", "a", 1, "b")[0] == b"a"
    killer = redis.Redis(**{k: v for k, v in client.connection_pool.connection_kwargs.items()
                            if k in ("host", "port", "db")})
    killed = [entry["id"] for entry in killer.client_list() if entry.get("name") == "ecoute-fastredis-test"]
    assert killed
    for client_id in killed:
        killer.client_kill_filter(_id=client_id)
    assert run_script(client, SHA, SCRIPT, 1, "ecoute:test:k", "c", 2, "d") == [b"c", 3, [b"d"], b"c"]
    assert xread_one(client, "ecoute:test:none", "0-0", 10) == []


def test_a_failed_call_is_made_again_through_redis_py(client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    import worker.redis_calls as fastredis

    calls: list[tuple] = []

    def broken(pool: object, *command: object) -> None:
        calls.append(command)
        raise redis.ConnectionError("Connection closed by server.")

    monkeypatch.setattr(fastredis, "_call", broken)
    assert run_script(client, SHA, SCRIPT, 1, "ecoute:test:k", "e", 5, "f") == [b"e", 6, [b"f"], b"e"]
    client.xadd("ecoute:test:s", {"type": "1"})
    assert xread_one(client, "ecoute:test:s", "0-0", 10) == client.xread({"ecoute:test:s": "0-0"}, block=10)
    assert [command[0] for command in calls] == ["EVALSHA", "XREAD"]


def test_xread_gives_what_redis_py_gives(client: redis.Redis) -> None:
    key = "ecoute:test:stream"
    client.delete(key)
    assert xread_one(client, key, "0-0", 20) == client.xread({key: "0-0"}, block=20)   # nothing: empty
    first = client.xadd(key, {"type": "1", "return_value": "gAWV", "worker_name": "w"})
    client.xadd(key, {"type": "2", "exc_string": "Traceback…"})
    mine = xread_one(client, key, "0-0", 20)
    assert mine == client.xread({key: "0-0"}, block=20)
    assert mine[0][1][0] == (first, {b"type": b"1", b"return_value": b"gAWV", b"worker_name": b"w"})
    assert xread_one(client, key, mine[0][1][-1][0], 20) == []


def test_xread_blocks_until_an_entry_comes(client: redis.Redis) -> None:
    key = "ecoute:test:later"
    client.delete(key)
    timer = threading.Timer(0.2, lambda: client.xadd(key, {"type": "1"}))
    timer.start()
    started = time.monotonic()
    got = xread_one(client, key, "0-0", 2000)
    assert 0.1 < time.monotonic() - started < 1.5
    assert got[0][0] == key.encode() and got[0][1][0][1] == {b"type": b"1"}
    timer.join()


def test_other_clients_go_through_redis_py() -> None:
    fake = fakeredis.FakeRedis()
    key = "ecoute:test:fake"
    fake.xadd(key, {"a": "1"})
    assert xread_one(fake, key, "0-0", 10) == fake.xread({key: "0-0"}, block=10)

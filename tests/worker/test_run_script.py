"""worker/redis_calls.py run_script (the workers' scripts: claims, ScriptedPipeline): redis-py's evalsha replies
and errors, and its retries after a dropped connection."""
from __future__ import annotations

import hashlib
import uuid

import fakeredis
import pytest
import redis

import worker.redis_calls as redis_calls
from worker.redis_calls import run_script

SCRIPT = f"-- {uuid.uuid4()}\n" + "return {ARGV[1], tonumber(ARGV[2]) * 2, {ARGV[3], redis.call('EXISTS', KEYS[1])}}"
SHA = hashlib.sha1(SCRIPT.encode()).hexdigest()
ARGS = ("ecoute:test:nothing", "colis reçu ✅", 21, b"\x00\x01")
EXPECTED = ["colis reçu ✅".encode(), 42, [b"\x00\x01", 0]]


@pytest.fixture()
def client(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url, socket_timeout=5)


def test_unknown_script_then_known_sha(client: redis.Redis) -> None:
    assert not client.script_exists(SHA)[0]
    assert run_script(client, SHA, SCRIPT, 1, *ARGS) == EXPECTED
    assert client.script_exists(SHA)[0]
    assert run_script(client, SHA, SCRIPT, 1, *ARGS) == EXPECTED == client.evalsha(SHA, 1, *ARGS)


def test_error_replies_are_raised_as_by_redis_py(client: redis.Redis) -> None:
    failing = f"-- {uuid.uuid4()}\nreturn redis.call('INCR', KEYS[1])"
    sha = hashlib.sha1(failing.encode()).hexdigest()
    client.set("ecoute:test:text", "pas un nombre")
    with pytest.raises(redis.ResponseError) as mine:
        run_script(client, sha, failing, 1, "ecoute:test:text")
    with pytest.raises(redis.ResponseError) as theirs:
        client.evalsha(sha, 1, "ecoute:test:text")
    assert type(mine.value) is type(theirs.value) and str(mine.value) == str(theirs.value)


def test_a_failed_call_is_made_again_through_redis_py(client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []

    def broken(pool: object, *command: str) -> None:
        tried.append(command[0])
        raise redis.TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(redis_calls, "_call", broken)
    assert run_script(client, SHA, SCRIPT, 1, *ARGS) == EXPECTED
    assert tried == ["EVALSHA"]


def test_fakeredis_goes_through_redis_py() -> None:
    fake = fakeredis.FakeRedis()
    try:
        assert run_script(fake, SHA, SCRIPT, 1, *ARGS) == EXPECTED
    except redis.ResponseError as exc:   # fakeredis without Lua: the error redis-py's evalsha gives there
        assert "unknown command" in str(exc).lower()

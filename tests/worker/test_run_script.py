"""worker/redis_calls.py run_script (the workers' scripts: claims, ScriptedPipeline): redis-py's evalsha replies
and errors, and its retries after a dropped connection."""
from __future__ import annotations

import hashlib
import uuid

import fakeredis
import pytest
import redis

import worker.redis_calls as redis_calls
from worker.redis_calls import run_script, send_script

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


def _new_script() -> tuple[str, str]:
    script = f"-- {uuid.uuid4()}\n" + "return {ARGV[1], tonumber(ARGV[2]) * 2, {ARGV[3], redis.call('EXISTS', KEYS[1])}}"
    return script, hashlib.sha1(script.encode()).hexdigest()


def _in_use(client: redis.Redis) -> int:
    return len(client.connection_pool._in_use_connections)


def test_a_sent_script_gives_its_reply_when_asked_and_the_client_works_in_between(client: redis.Redis) -> None:
    script, sha = _new_script()
    for _ in range(2):   # Redis does not know the script, then it does
        pending = send_script(client, sha, script, 1, *ARGS)
        assert _in_use(client) == 1   # the connection waits for its reply, out of the pool
        client.set("ecoute:test:between", "1")   # another connection meanwhile
        assert client.get("ecoute:test:between") == b"1"
        assert pending.result() == EXPECTED == client.evalsha(sha, 1, *ARGS)
        assert _in_use(client) == 0


def test_a_sent_script_raises_its_error_reply_as_redis_py_does(client: redis.Redis) -> None:
    failing = f"-- {uuid.uuid4()}\nreturn redis.call('INCR', KEYS[1])"
    sha = hashlib.sha1(failing.encode()).hexdigest()
    client.set("ecoute:test:text", "pas un nombre")
    client.script_load(failing)
    pending = send_script(client, sha, failing, 1, "ecoute:test:text")
    with pytest.raises(redis.ResponseError) as mine:
        pending.result()
    with pytest.raises(redis.ResponseError) as theirs:
        client.evalsha(sha, 1, "ecoute:test:text")
    assert str(mine.value) == str(theirs.value)
    assert _in_use(client) == 0


def test_a_sent_script_whose_connection_is_lost_is_run_again_through_redis_py(client: redis.Redis) -> None:
    script, sha = _new_script()
    client.script_load(script)
    pending = send_script(client, sha, script, 1, *ARGS)
    client.client_kill_filter(_type="normal", skipme=True)   # every other client connection, this one's included
    assert pending.result() == EXPECTED
    assert _in_use(client) == 0


def test_a_reply_never_read_is_not_given_to_the_next_call(client: redis.Redis) -> None:
    script, sha = _new_script()
    client.script_load(script)
    pending = send_script(client, sha, script, 1, "ecoute:test:nothing", "never read", 1, b"")
    del pending   # dropped (an error in between): its connection is closed, not put back with a reply waiting
    assert _in_use(client) == 0
    assert run_script(client, sha, script, 1, *ARGS) == EXPECTED


def test_fakeredis_runs_a_sent_script_at_once() -> None:
    fake = fakeredis.FakeRedis()
    script, sha = _new_script()
    try:
        pending = send_script(fake, sha, script, 1, *ARGS)
    except redis.ResponseError as exc:   # fakeredis without Lua, as above
        assert "unknown command" in str(exc).lower()
        return
    assert pending.result() == EXPECTED


def test_pipelined_commands_go_out_in_one_write(client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    """read_hashes and run_script_after send every command in one write (redis-py's send_packed_command writes
    each item of a list with its own sendall: a system call, and a read event for Redis, per command)."""
    keys = [f"ecoute:test:hash:{uuid.uuid4()}" for _ in range(5)]
    for number, key in enumerate(keys):
        client.hset(key, mapping={"n": number, "texte": "reçu ✅"})
    writes: list[int] = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counted(self: redis.connection.AbstractConnection, command: object, check_health: bool = True) -> None:
        items = [command] if isinstance(command, (bytes, str)) else list(command)   # type: ignore[call-overload]
        writes.append(len(items))
        original(self, items, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    hashes = redis_calls.read_hashes(client, keys)
    assert [h[b"n"] for h in hashes] == [str(n).encode() for n in range(5)]
    assert writes == [1]
    writes.clear()
    client.script_load(SCRIPT)   # (not counted: redis-py's own path)
    writes.clear()
    assert redis_calls.run_script_after(client, [("SET", key, "x") for key in keys], SHA, SCRIPT, 1, *ARGS) == EXPECTED
    assert writes == [1]
    assert client.get(keys[0]) == b"x"

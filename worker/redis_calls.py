"""The hot Redis calls without redis-py's per-command layers: the API's enqueue script and ?wait XREAD
(service/limits.py, service/queueing.py) and the workers' micro-batch and claim scripts (worker/runner.py,
worker/reclaim.py). It imports nothing of the engine nor of Flask, so both sides share this one copy.

redis-py's client wraps each command in a retry closure, observability records and event dispatch, and
checks and re-tuples every argument before hiredis packs it: about 40 us of CPU a call here, on top of the
call itself. These functions take a connection of the client's own pool, have hiredis pack the command as
redis-py does, and read the reply with the connection's own parser (same decoding, same error replies
raised, same timeouts). A connection that fails (ConnectionError, TimeoutError) is dropped and the call is
made again through redis-py, with its retries, exactly as it was made before; a client that is not a plain
TCP redis.Redis (fakeredis in embedded mode, a single-connection client) always goes through redis-py.
"""
from __future__ import annotations

from typing import Any

import hiredis
import redis
from redis.connection import Connection
from redis.exceptions import NoScriptError


def _pool(connection: Any) -> Any:
    """The client's pool when the lean path applies to it, else None."""
    pool = getattr(connection, "connection_pool", None)
    if (type(connection) is not redis.Redis or getattr(connection, "connection", None) is not None
            or getattr(pool, "connection_class", None) is not Connection):
        return None
    return pool


def _call(pool: Any, *command: Any) -> Any:
    """One command on a pooled connection: its raw reply. A connection that fails is dropped (and the error raised)."""
    conn = pool.get_connection()
    try:
        conn.send_packed_command([hiredis.pack_command(command)])
        return conn.read_response()
    except (redis.ConnectionError, redis.TimeoutError):
        conn.disconnect()
        raise
    finally:
        pool.release(conn)


def run_script(connection: Any, sha: str, script: str, numkeys: int, *args: Any) -> Any:
    """connection.evalsha(sha, numkeys, *args), or connection.eval(script, ...) when Redis does not know the
    script: the same reply (EVALSHA has no response callback in redis-py)."""
    pool = _pool(connection)
    if pool is not None:
        try:
            try:
                return _call(pool, "EVALSHA", sha, numkeys, *args)
            except NoScriptError:   # a new or restarted Redis: the script body, once
                return _call(pool, "EVAL", script, numkeys, *args)
        except (redis.ConnectionError, redis.TimeoutError):
            pass   # redis-py's own path below, with its retries
    try:
        return connection.evalsha(sha, numkeys, *args)
    except NoScriptError:
        return connection.eval(script, numkeys, *args)


def _pipelined(pool: Any, commands: list[tuple[Any, ...]]) -> list[Any] | None:
    """The commands sent at once on a pooled connection and every reply read, an error reply as its exception
    (ResponseError, NoScriptError...) in its place: None when the connection failed (it is dropped). Any other
    error drops the connection too, as replies may be left unread on it."""
    conn = pool.get_connection()
    try:
        # one write for all of them: redis-py sends each item of a list with its own sendall (a system call here,
        # and a read event for Redis per command)
        conn.send_packed_command([b"".join([hiredis.pack_command(command) for command in commands])])
        replies: list[Any] = []
        for _ in commands:
            try:
                replies.append(conn.read_response())
            except redis.ResponseError as exc:
                replies.append(exc)
        return replies
    except (redis.ConnectionError, redis.TimeoutError):
        conn.disconnect()
        return None
    except BaseException:
        conn.disconnect()
        raise
    finally:
        pool.release(conn)


def run_script_after(connection: Any, commands: list[tuple[Any, ...]], sha: str, script: str, numkeys: int,
                     *args: Any) -> Any:
    """The commands, then run_script(connection, sha, script, numkeys, *args), pipelined on one connection in one
    round trip (in this order, no transaction): the script's reply. A command's error reply is raised once all
    replies are read (the script has run by then). The commands must be safe to run twice (plain writes of
    values): when the connection fails, or Redis does not know the script, they are all sent again through
    redis-py. Writes sent this way run as plain commands rather than through the script's argument table and
    redis.call, which cost Redis about three times their own work."""
    if not commands:
        return run_script(connection, sha, script, numkeys, *args)
    pool = _pool(connection)
    replies = _pipelined(pool, [*commands, ("EVALSHA", sha, numkeys, *args)]) if pool is not None else None
    if replies is not None and not isinstance(replies[-1], NoScriptError):   # NOSCRIPT: the script body below, once
        *written, reply = replies
        if isinstance(reply, Exception):
            raise reply
        for answer in written:
            if isinstance(answer, Exception):
                raise answer
        return reply
    with connection.pipeline(transaction=False) as pipe:
        for command in commands:
            pipe.execute_command(*command)
        pipe.execute()
    return run_script(connection, sha, script, numkeys, *args)


class Pending:
    """A script sent by send_script whose reply is read later, by result(); the connection stays out of the pool
    (no other command can come between) until then."""

    def __init__(self, connection: Any, sha: str, script: str, numkeys: int, args: tuple[Any, ...],
                 pool: Any = None, conn: Any = None, reply: Any = None) -> None:
        self._call = (connection, sha, script, numkeys, args)
        self._pool, self._conn, self._reply = pool, conn, reply

    def result(self) -> Any:
        """The script's reply, as run_script gives it (NOSCRIPT, a lost connection: run again as run_script
        does, which may run it twice, as run_script's own retry on a lost reply would)."""
        pool, conn, self._pool, self._conn = self._pool, self._conn, None, None
        if conn is None:
            return self._reply
        try:
            return conn.read_response()
        except NoScriptError:
            pass
        except (redis.ConnectionError, redis.TimeoutError):
            conn.disconnect()
        finally:
            pool.release(conn)
        return run_script(*self._call[:4], *self._call[4])

    def __del__(self) -> None:   # never read (an error in between): the connection's reply is unknown, drop it
        if self._conn is not None:
            self._conn.disconnect()
            self._pool.release(self._conn)


def send_script(connection: Any, sha: str, script: str, numkeys: int, *args: Any) -> Pending:
    """run_script's EVALSHA sent now and its reply read later (Pending.result()): the caller works while Redis runs
    the script. A client without the lean path (fakeredis, a single-connection client) runs it now."""
    pool = _pool(connection)
    if pool is not None:
        conn = pool.get_connection()
        try:
            conn.send_packed_command([hiredis.pack_command(("EVALSHA", sha, numkeys, *args))])
            return Pending(connection, sha, script, numkeys, args, pool, conn)
        except (redis.ConnectionError, redis.TimeoutError):
            conn.disconnect()
            pool.release(conn)
        except BaseException:
            pool.release(conn)
            raise
    return Pending(connection, sha, script, numkeys, args, reply=run_script(connection, sha, script, numkeys, *args))


def read_hashes(connection: Any, keys: list[str]) -> list[dict[bytes, bytes]]:
    """HGETALL of each key, pipelined (one round trip, no transaction): each hash as a dict, empty when the key is
    gone; the first error reply (a key that is not a hash) raised once every reply is read. Reading the claimed jobs'
    hashes here rather than inside the claim's script spares Redis converting every hash to a Lua table and back
    (about a sixth of its instructions per analysis on the batch path, callgrind)."""
    if not keys:
        return []
    pool = _pool(connection)
    flat = _pipelined(pool, [("HGETALL", key) for key in keys]) if pool is not None else None
    if flat is not None:
        for fields in flat:
            if isinstance(fields, Exception):
                raise fields
        return [dict(fields) if isinstance(fields, dict)   # a map (RESP3), else a flat list
                else dict(zip(fields[0::2], fields[1::2])) for fields in flat]
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.hgetall(key)
        return [dict(found) for found in pipe.execute()]


def xread_one(connection: Any, key: str, last_seen: Any, block_ms: int) -> Any:
    """connection.xread({key: last_seen}, block=block_ms): the reply shaped by the client's own XREAD
    response callback (empty when nothing came within block_ms)."""
    pool = _pool(connection)
    if pool is not None:
        try:
            reply = _call(pool, "XREAD", "BLOCK", block_ms, "STREAMS", key, last_seen)
        except (redis.ConnectionError, redis.TimeoutError):
            return connection.xread({key: last_seen}, block=block_ms)
        shape = connection.response_callbacks.get("XREAD")
        return shape(reply, keys=[key]) if shape is not None else reply
    return connection.xread({key: last_seen}, block=block_ms)

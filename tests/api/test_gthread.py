"""service/gthread.py: gunicorn's gthread worker, serving a kept-alive connection's next request in the
thread that answered the previous one; answers, keep-alive and shutdown as gunicorn's."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "REDIS_URL": "redis://127.0.0.1:1/0",
           "WEB_CONCURRENCY": "1", "PYTHONPATH": str(ROOT)}
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen([str(BIN / "gunicorn"), "tests.api.gthread_app:app", "-c", "service/gunicorn.conf.py"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield port, process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        assert b"Traceback" not in (tmp_path / "gunicorn.log").read_bytes()


def request(sock: socket.socket, path: str = "/", body: bytes = b"") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def answers(sock: socket.socket, count: int) -> list[tuple[int, int]]:
    """`count` answers read from the connection: (thread, body length) of each."""
    data = b""
    found: list[tuple[int, int]] = []
    sock.settimeout(10)
    while len(found) < count:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if sep:
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            if len(rest) >= length:
                assert head.startswith(b"HTTP/1.1 200"), head
                thread, size = rest[:length].split()
                found.append((int(thread), int(size)))
                data = rest[length:]
                continue
        chunk = sock.recv(65536)
        assert chunk, "connection closed early"
        data += chunk
    return found


def test_requests_following_each_other_are_served_by_one_thread(server: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        served = []
        for n in range(20):
            sock.sendall(request(sock, body=b"x" * n))
            served += answers(sock, 1)
    assert [size for _, size in served] == list(range(20))
    # the next request is taken by the thread that answered (gunicorn's gthread alternates between two threads,
    # ten requests each); a few may go back through the main thread when this machine is slow to send them
    assert max(Counter(thread for thread, _ in served).values()) >= 16


def test_pipelined_requests_and_a_connection_idle_past_the_wait(server: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(request(sock, body=b"ab") + request(sock, body=b"abc") + request(sock, body=b"abcd"))
        assert [size for _, size in answers(sock, 3)] == [2, 3, 4]
        time.sleep(0.5)   # back with the main thread's poller: still kept alive, still served
        sock.sendall(request(sock, body=b"abcde"))
        assert [size for _, size in answers(sock, 1)] == [5]


def test_a_waiting_thread_does_not_keep_others_waiting(server: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = server
    socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(12)]   # more than the 8 threads
    try:
        started = time.monotonic()
        for sock in socks:
            sock.sendall(request(sock, "/slow"))
        for sock in socks:
            assert len(answers(sock, 1)) == 1
        assert time.monotonic() - started < 3
    finally:
        for sock in socks:
            sock.close()


def test_sigterm_finishes_the_request_in_flight(server: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, process = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(request(sock, body=b"1"))
        answers(sock, 1)
        sock.sendall(request(sock, "/slow", b"22"))
        time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert [size for _, size in answers(sock, 1)] == [2]
    assert process.wait(timeout=30) == 0


def gunicorn_config() -> Any:
    """The Config gunicorn builds from service/gunicorn.conf.py (as the arbiter does), with REDIS_URL set."""
    from gunicorn.app.wsgiapp import WSGIApplication

    saved, sys.argv = sys.argv, ["gunicorn", "service:create_app()", "-c", str(ROOT / "service/gunicorn.conf.py")]
    try:
        return WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    finally:
        sys.argv = saved


def test_a_worker_reads_every_setting_as_gunicorn_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    cfg = gunicorn_config()
    ThreadWorker = cfg.worker_class   # service/gthread.py, loaded by its path (gunicorn.conf.py)
    SettledConfig = sys.modules[ThreadWorker.__module__].SettledConfig
    settled = SettledConfig.of(cfg)
    for name in cfg.settings:
        assert getattr(settled, name) == getattr(cfg, name), name
    # Config's own properties and methods answer as they do on gunicorn's Config
    for name in ("worker_class_str", "address", "uid", "gid", "proc_name", "is_ssl", "ssl_options", "env",
                 "sendfile", "reuse_port", "paste_global_conf"):
        assert getattr(settled, name) == getattr(cfg, name), name
    assert settled.forwarded_allow_networks() == cfg.forwarded_allow_networks()
    assert settled.worker_class is cfg.worker_class
    # each setting is an attribute of its own: no AttributeError built and caught by __getattr__ on a read
    assert "keepalive" in vars(settled) and "access_log_format" in vars(settled)
    with pytest.raises(AttributeError, match="No configuration setting for: nonexistent"):
        settled.nonexistent   # noqa: B018
    settled.set("keepalive", 9)   # a setting changed later is read changed
    assert settled.keepalive == 9 == settled.settings["keepalive"].get()
    with pytest.raises(AttributeError, match="Invalid access"):
        settled.keepalive = 3


def test_the_worker_runs_on_the_settled_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    cfg = gunicorn_config()
    ThreadWorker = cfg.worker_class
    SettledConfig = sys.modules[ThreadWorker.__module__].SettledConfig
    worker = ThreadWorker(1, os.getpid(), [], None, cfg.timeout, cfg, cfg.logger_class(cfg))
    assert type(worker.cfg) is SettledConfig
    assert worker.cfg.threads == 16 and worker.cfg.keepalive == cfg.keepalive

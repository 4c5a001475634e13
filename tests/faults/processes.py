"""Real processes for the fault tests: `ecoute worker` and gunicorn on loopback, always reaped.

`Processes` starts them with their output in log files and kills every one still alive when the
test ends (used as a context manager in a fixture), so no worker or gunicorn outlives a test.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
JOB = "worker.jobs.analyze_comment"

TEXTS = [
    "Bravo, 3 semaines pour livrer un colis, quel exploit 👏",
    "Commande {i} jamais reçue et on m'a débité deux fois. Vraiment déçue.",
    "Bonjour, problème avec ma carte depuis ce matin, ça marche pas",
    "Do you ship to Belgium? Order {i}",
    "Great service, thanks a lot!",
    "The app keeps crashing since the update, ticket {i}",
    "merci Karim ça a marché",
    "Vous devriez proposer le paiement en 3 fois",
]


def comment(i: int) -> dict[str, Any]:
    return {"text": TEXTS[i % len(TEXTS)].format(i=i), "external_id": f"fault-{i}"}


def wait_for(predicate: Callable[[], Any], seconds: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except (redis.ConnectionError, redis.TimeoutError, requests.RequestException):
            pass
        time.sleep(step)
    return False


class Processes:
    """Every child process a test starts; `close()` kills those still alive and closes their logs."""

    def __init__(self, logs: Path, env: dict[str, str]) -> None:
        self.logs = logs
        self.env = {**os.environ, **env}
        self.started: list[subprocess.Popen[bytes]] = []
        self._files: list[IO[bytes]] = []

    def spawn(self, name: str, args: list[str], **env: str) -> subprocess.Popen[bytes]:
        out = (self.logs / f"{name}.log").open("ab")
        self._files.append(out)
        process = subprocess.Popen(args, cwd=ROOT, env={**self.env, **env}, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)   # its own process group: children die with it
        self.started.append(process)
        return process

    def worker(self, name: str, **env: str) -> subprocess.Popen[bytes]:
        """`ecoute worker --name NAME` (names must be unique: RQ refuses a live-looking twin)."""
        return self.spawn(name, [str(BIN / "ecoute"), "worker", "--name", name], **env)

    def gunicorn(self, port: int, **env: str) -> subprocess.Popen[bytes]:
        return self.spawn(f"gunicorn-{port}", [str(BIN / "gunicorn"), "service:create_app()",
                                               "-c", "service/gunicorn.conf.py"],
                          HOST="127.0.0.1", PORT=str(port), **env)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def close(self) -> None:
        for process in self.started:   # the whole group: a killed worker's scheduler child too
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for process in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        for handle in self._files:
            handle.close()

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def terminate(process: subprocess.Popen[bytes], seconds: float = 30.0) -> int:
    """SIGTERM and wait for the exit code (SIGKILL, and an AssertionError, if it hangs)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"process {process.pid} ignored SIGTERM for {seconds} s") from None


def registered_workers(connection: redis.Redis) -> set[str]:
    """Names of the RQ workers currently registered (alive as far as RQ knows)."""
    keys = (key.decode() if isinstance(key, bytes) else key for key in connection.smembers("rq:workers"))
    return {key.removeprefix("rq:worker:") for key in keys}


def busy_workers(connection: redis.Redis, queue: str = "ecoute") -> set[str]:
    """Names of the workers that have a job started right now (their entries in the queue's started registry):
    the worker an execution record names (one per micro-batch, filed under its first job) or that a started
    job names."""
    entries = [e.decode() for e in connection.zrange(f"rq:wip:{queue}", 0, -1)]
    if not entries:
        return set()
    with connection.pipeline(transaction=False) as pipe:
        for entry in entries:
            pipe.hget(f"rq:execution:{entry}", "worker_name")
            pipe.hmget(f"rq:job:{entry.partition(':')[0]}", "status", "worker_name")
        replies = pipe.execute()
    names = {name.decode() for name in replies[0::2] if name}
    names |= {runner.decode() for status, runner in replies[1::2] if status == b"started" and runner}
    return names


def successful_results(connection: redis.Redis, ids: list[str]) -> dict[str, int]:
    """For each id, how many successful results RQ's result stream holds (rq:results:<id>)."""
    with connection.pipeline(transaction=False) as pipe:
        for job_id in ids:
            pipe.xrange(f"rq:results:{job_id}")
        streams = pipe.execute()
    return {job_id: sum(1 for _, fields in entries if fields.get(b"type") == b"1")
            for job_id, entries in zip(ids, streams)}


def whereabouts(connection: redis.Redis, job_id: str, queue: str = "ecoute") -> dict[str, Any]:
    """Where a job is, for a failure message: status, lists and registries that hold it."""
    key = f"rq:queue:{queue}"
    started = [e.decode() for e in connection.zrange(f"rq:wip:{queue}", 0, -1) if e.decode().startswith(job_id)]
    return {
        "status": connection.hget(f"rq:job:{job_id}", "status"),
        "worker": connection.hget(f"rq:job:{job_id}", "worker_name"),
        "queued": job_id.encode() in connection.lrange(key, 0, -1),
        "claimed": job_id.encode() in connection.lrange(f"{key}:intermediate", 0, -1),
        "started": started,
        "scheduled": connection.zscore(f"rq:scheduled:{queue}", job_id),
        "failed": connection.zscore(f"rq:failed:{queue}", job_id),
    }

"""The production shape end to end: gunicorn + `ecoute worker` processes + redis-server, real HTTP."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
KEY = "e2e-secret-key"


def wait_ready(base: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/readyz", timeout=5).status_code == 200:
                return
        except requests.RequestException:   # not listening yet, or busy booting its workers
            pass
        time.sleep(0.2)
    raise AssertionError("the API never became ready")


def stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


@pytest.fixture()
def stack(redis_url: str, tmp_path: Path) -> Iterator[dict]:
    port = free_port()
    env = {**os.environ, "REDIS_URL": redis_url, "ECOUTE_API_KEYS": KEY, "HOST": "127.0.0.1",
           "PORT": str(port), "WEB_CONCURRENCY": "2", "LOG_LEVEL": "INFO"}
    logs = {name: (tmp_path / f"{name}.log").open("wb") for name in ("api", "worker1", "worker2")}
    api = subprocess.Popen([str(BIN / "gunicorn"), "service:create_app()", "-c", "service/gunicorn.conf.py"],
                           cwd=ROOT, env=env, stdout=logs["api"], stderr=subprocess.STDOUT)
    workers = [subprocess.Popen([str(BIN / "ecoute"), "worker"], cwd=ROOT, env=env,
                                stdout=logs[name], stderr=subprocess.STDOUT) for name in ("worker1", "worker2")]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base)
        yield {"base": base, "api": api, "workers": workers, "logs": tmp_path}
    finally:
        for process in [api, *workers]:
            if process.poll() is None:
                process.kill()
                process.wait()
        for handle in logs.values():
            handle.close()


def test_comment_goes_through_gunicorn_and_worker_processes(stack: dict) -> None:
    base, auth = stack["base"], {"Authorization": f"Bearer {KEY}"}
    comment = {"text": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "channel": "twitter",
               "author": {"name": "Marie"}, "external_id": "e2e-1", "metadata": {"k": [1, "v"]}}

    refused = requests.post(base + "/v1/analyses", json=comment, timeout=5)
    assert refused.status_code == 401
    assert refused.headers["Content-Type"] == "application/problem+json"

    accepted = requests.post(base + "/v1/analyses", json=comment, headers=auth, timeout=5)
    assert accepted.status_code == 202
    location = accepted.headers["Location"]
    deadline = time.monotonic() + 20
    while True:
        body = requests.get(base + location, headers=auth, timeout=5).json()
        if body["status"] == "succeeded" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert body["status"] == "succeeded"
    assert body["external_id"] == "e2e-1" and body["metadata"] == {"k": [1, "v"]}
    assert body["result"]["category"] == "complaint" and body["result"]["flags"]["brand_error"]

    waited = requests.post(base + "/v1/analyses?wait=10", json={"text": "My parcel never arrived"},
                           headers=auth, timeout=15)
    assert waited.status_code == 200 and waited.json()["result"]["language"]["code"] == "en"

    batch = requests.post(base + "/v1/batches", json={"comments": [{"text": "merci !"}, {"text": "ça marche pas"},
                                                                   {"text": "Do you ship to Belgium?"}]},
                          headers=auth, timeout=5)
    assert batch.status_code == 202
    deadline = time.monotonic() + 20
    while True:
        state = requests.get(base + batch.headers["Location"], headers=auth, timeout=5).json()
        if state["status"] == "completed" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert state["counts"]["succeeded"] == 3

    invalid = requests.post(base + "/v1/analyses", json={"txt": "typo"}, headers=auth, timeout=5)
    assert invalid.status_code == 422 and "txt" in invalid.json()["errors"]
    assert requests.get(base + "/nowhere", timeout=5).headers["Content-Type"] == "application/problem+json"
    assert requests.get(base + "/openapi.json", timeout=5).json()["openapi"] == "3.1.0"

    # /metrics sums the two gunicorn worker processes (prometheus multiprocess mode) and reads the
    # workers' engine times from Redis
    for _ in range(20):
        assert requests.get(base + "/healthz", timeout=5).status_code == 200
    metrics = requests.get(base + "/metrics", timeout=5).text
    healthz = re.search(r'ecoute_http_requests_total\{[^}]*route="/healthz"[^}]*status="200"[^}]*\} (\S+)', metrics)
    assert healthz and float(healthz.group(1)) >= 20, metrics[:2000]
    engine = re.search(r"^ecoute_engine_duration_seconds_count (\S+)$", metrics, re.M)
    assert engine and float(engine.group(1)) >= 5
    assert re.search(r'^ecoute_jobs\{queue="ecoute",state="finished"\} (\S+)$', metrics, re.M)

    # graceful shutdown of every process
    for process in [stack["api"], *stack["workers"]]:
        assert stop(process) == 0
    assert KEY not in "".join(p.read_text(errors="replace") for p in stack["logs"].glob("*.log"))
    # structured logs: one JSON object per line, with the request id (API) or the job id (workers)
    api_lines = [json.loads(line) for line in (stack["logs"] / "api.log").read_text().splitlines() if line.strip()]
    assert any(line.get("request_id") not in (None, "-") for line in api_lines)
    assert any("request_id=" in line["message"] for line in api_lines if line["logger"] == "gunicorn.access")
    # either worker may have run any analysis (micro-batches): each one is named on a line of some worker
    worker_lines = [json.loads(line) for name in ("worker1", "worker2")
                    for line in (stack["logs"] / f"{name}.log").read_text().splitlines() if line.strip()]
    named = {line.get("job_id") for line in worker_lines}
    analysed = {location.rsplit("/", 1)[1], waited.json()["id"]} | {item["id"] for item in state["analyses"]}
    assert analysed <= named, (analysed - named, worker_lines[-10:])

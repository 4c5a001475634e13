"""schemathesis against the served OpenAPI spec, bounded for CI: every operation, examples, coverage and
fuzzing phases, all checks (no 5xx, responses conform to the spec, invalid input refused, undeclared
methods get 405). The API runs on loopback in a thread, on the real Redis, with a worker thread."""
from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from werkzeug.serving import make_server

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings
from tests.conftest import free_port

ST = Path(sys.executable).parent / "st"
KEY = "schema-key"


@pytest.fixture()
def served(redis_url: str) -> Iterator[str]:
    app = create_app(Settings(redis_url=redis_url, api_keys=(KEY,), start_embedded_worker=False))
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        worker.stop()


def test_schemathesis_finds_nothing(served: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(ST), "run", f"{served}/openapi.json", "--checks", "all", "--max-examples", "25",
         "--phases", "examples,coverage,fuzzing", "--header", f"Authorization: Bearer {KEY}",
         "--seed", "20261124", "--no-color"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "passed" in done.stdout

"""schemathesis against the served OpenAPI spec, bounded for CI: every operation, examples, coverage and
fuzzing phases, all checks (no 5xx, responses conform to the spec, invalid input refused, undeclared
methods get 405). The API runs on loopback in a thread, on the real Redis, with a worker thread."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings
from tests.conftest import serve

ST = Path(sys.executable).parent / "st"
KEY = "schema-key"


@pytest.fixture()
def served(redis_url: str) -> Iterator[str]:
    app = create_app(Settings(redis_url=redis_url, api_keys=(KEY,), start_embedded_worker=False))
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    # the spec's examples name brand "colibri-fr": it exists, as it would in a real deployment
    app.test_client().put("/v1/brands/colibri-fr", json={"name": "Colibri"},
                          headers={"Authorization": f"Bearer {KEY}"})
    try:
        with serve(app) as base:
            yield base
    finally:
        worker.stop()


# A schema-valid comment may still name a brand profile that does not exist: that is refused with
# 422 by design (the brand id is a reference, not a shape), so 422 is an accepted answer to valid data.
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "404", "409", "422", "429"]
"""


def test_schemathesis_finds_nothing(served: str, tmp_path: Path) -> None:
    (tmp_path / "schemathesis.toml").write_text(CONFIG, encoding="utf-8")
    done = subprocess.run(
        [str(ST), "--config-file", str(tmp_path / "schemathesis.toml"), "run", f"{served}/openapi.json",
         "--checks", "all", "--max-examples", "25",
         "--phases", "examples,coverage,fuzzing", "--header", f"Authorization: Bearer {KEY}",
         "--seed", "20261124", "--no-color"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "passed" in done.stdout

"""schemathesis against the served OpenAPI spec, bounded for CI: every operation, examples, coverage,
fuzzing and stateful phases, all checks (no 5xx, responses conform to the spec, invalid input refused,
undeclared methods get 405, a deleted resource is gone, a created one can be read). The API runs on
loopback in a thread, on the real Redis, with a worker thread.

The stateful phase follows the spec's OpenAPI links (service/api/docs.py LINKS) and only those: link
inference is off, so a broken link fails here rather than being papered over by a guessed one."""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from service import create_app
from service.api.docs import LINKS
from service.embedded import EmbeddedWorker
from service.settings import Settings
from tests.conftest import serve

ST = Path(sys.executable).parent / "st"
KEY = "schema-key"


@pytest.fixture()
def served(redis_url: str) -> Iterator[str]:
    # No rate limit: the fuzzer would spend its budget on 429s (tests/api/test_limits.py covers them).
    # A webhook secret, so that comments with a callback_url are accepted and their deliveries run.
    app = create_app(Settings(redis_url=redis_url, api_keys=(KEY,), start_embedded_worker=False, rate_limit=None,
                              webhook_secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
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
# 422 by design (the brand id is a reference, not a shape), so 422 is an accepted answer to valid data
# (as is reusing the spec's example Idempotency-Key for another body).
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "404", "409", "422", "429"]

[phases.stateful.inference]
algorithms = []
"""

# schemathesis starts stateful scenarios only from operations it deems likely to succeed with generated
# data (here POST /v1/analyses and POST /v1/webhooks): the links from PUT /v1/brands/{id} and from
# POST /v1/batches are followed in runs of their own, where those operations are the only starting points.
ALONE = {
    "brands": r"^(PUT|GET|DELETE) /v1/brands/\{brand_id\}$",
    "batches": r"^(POST /v1/batches|GET /v1/batches/\{batch_id\}|GET /v1/analyses/\{analysis_id\})$",
}
LINK_COUNT = sum(len(links) for links in LINKS.values())


def schemathesis(base: str, tmp_path: Path, *options: str) -> str:
    """Run `st run` on the served spec with all checks; fail with its report unless it found nothing."""
    (tmp_path / "schemathesis.toml").write_text(CONFIG, encoding="utf-8")
    done = subprocess.run(
        [str(ST), "--config-file", str(tmp_path / "schemathesis.toml"), "run", f"{base}/openapi.json",
         "--checks", "all", "--max-examples", "25", "--header", f"Authorization: Bearer {KEY}",
         "--seed", "20261124", "--no-color", *options],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "passed" in done.stdout
    return done.stdout


def covered_links(report: str) -> tuple[int, int, int]:
    """(covered, selected, total) from the stateful phase's `API Links:` line."""
    found = re.search(r"API Links:\s+(\d+) covered / (\d+) selected / (\d+) total", report)
    assert found, report[-3000:]
    covered, selected, total = map(int, found.groups())
    return covered, selected, total


def test_schemathesis_finds_nothing(served: str, tmp_path: Path) -> None:
    report = schemathesis(served, tmp_path, "--phases", "examples,coverage,fuzzing,stateful")
    covered, selected, total = covered_links(report)
    assert selected == total == LINK_COUNT   # every link of the spec was read, none was inferred
    assert covered >= 4, report[-3000:]       # the analysis and webhook chains were followed


@pytest.mark.parametrize("operations", ALONE.values(), ids=ALONE.keys())
def test_links_from_other_starting_points(served: str, tmp_path: Path, operations: str) -> None:
    report = schemathesis(served, tmp_path, "--phases", "stateful", "--include-name-regex", operations)
    covered, selected, _ = covered_links(report)
    assert covered == selected == 2, report[-3000:]

"""Hand-written job functions and queue fakes for the API tests (run by the in-process worker)."""
from __future__ import annotations

from typing import Any

from rq import get_current_job


def explode(comment: dict[str, Any]) -> dict[str, Any]:
    """A job that always fails, with a multi-line message that must be reduced to one line."""
    raise RuntimeError("the engine broke\nsecond line of detail")


def flaky(comment: dict[str, Any]) -> dict[str, Any]:
    """Fails on its first attempt, succeeds on the next one (RQ retries it)."""
    job = get_current_job()
    assert job is not None
    attempts = job.connection.incr(f"test:attempts:{job.id}")
    if attempts == 1:
        raise ConnectionResetError("transient failure")
    return {"attempts": int(attempts)}


class BrokenQueues:
    """Stands in for QueueAccess and fails like a programming error would."""

    def enqueue_analysis(self, comment: dict[str, Any]) -> Any:
        raise KeyError("internal detail that must not reach the client")

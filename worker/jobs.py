"""RQ job functions (placeholder; see docs/contract.md)."""
from __future__ import annotations

from typing import Any

from worker.analysis import analyze


def analyze_comment(comment: dict[str, Any]) -> dict[str, Any]:
    return analyze(comment)

"""The analysis engine (placeholder until the real engine lands): analyze(comment) -> result."""
from __future__ import annotations

from typing import Any

ENGINE_VERSION = "0.0.0-stub"


def analyze(comment: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    text = str(comment.get("text", "")).strip()
    if not text:
        raise ValueError("comment text is empty")
    return {
        "language": {"code": "und", "confidence": 0.0},
        "sentiment": {"label": "neutral", "score": 0.0},
        "category": "other",
        "topics": [],
        "flags": {"brand_error": False, "needs_more_info": False, "community_answered": False,
                  "suspected_bad_faith": False, "toxic": False, "escalate": False},
        "priority": {"level": "normal", "reasons": []},
        "cues": [],
        "steps": [],
        "replies": [],
        "engine": {"version": ENGINE_VERSION},
    }

"""What the analysis tests read of an analysis: one place for the small accessors they share."""
from __future__ import annotations

from worker.analysis import analyze


def run(text: str, **extra: object) -> dict:
    """The analysis of one comment (extra fields: channel, language, thread...)."""
    return analyze({"text": text, **extra})


def signals(result: dict) -> set[str]:
    """The signals of its cues ("category:complaint", "flag:brand_error", "sarcasm"...)."""
    return {cue["signal"] for cue in result["cues"]}


def public_drafts(result: dict) -> list[str]:
    """Every public draft of an analysis (one per wording)."""
    return [draft["text"] for draft in result["replies"] if draft["kind"] == "public"]


def step_ids(result: dict) -> list[str]:
    """The ids of its recommended steps, in order."""
    return [step["id"] for step in result["steps"]]


def escalated(text: str) -> dict:
    """The analysis of a comment that must escalate, urgent (asserted, with what the engine read)."""
    result = run(text)
    assert result["flags"]["escalate"], (text, result["category"], result["flags"], result["cues"])
    assert result["priority"]["level"] == "urgent", (text, result["priority"])
    return result


def not_escalated(text: str) -> dict:
    """The analysis of a comment that must neither escalate nor be urgent (asserted)."""
    result = run(text)
    assert not result["flags"]["escalate"], (text, result["category"], result["cues"])
    assert result["priority"]["level"] != "urgent", (text, result["priority"])
    return result

"""The playbook as a table: which steps apply to a classified comment, in order, and why."""
from __future__ import annotations

from typing import Any

from worker.analysis.texts import texts

#: Topics whose resolution needs the customer's personal data (order, payment, account details).
PERSONAL_DATA_TOPICS = frozenset({"delivery", "billing", "account", "returns_refunds", "privacy"})


def needs_private(labels: dict[str, Any]) -> bool:
    flags = labels["flags"]
    if labels["category"] != "complaint" or flags["suspected_bad_faith"]:
        return False
    return bool(flags["brand_error"] or PERSONAL_DATA_TOPICS & set(labels["topics"]))


def plan_step_ids(labels: dict[str, Any]) -> list[str]:
    """Ordered step ids for the labels, following the playbook."""
    flags = labels["flags"]
    category = labels["category"]
    if category == "spam":
        return []
    negative = (labels["sentiment"]["label"] == "negative" or category == "complaint"
                or flags["toxic"] or flags["suspected_bad_faith"] or flags["escalate"])
    ids: list[str] = []
    if negative or category in ("question", "suggestion", "other"):
        ids.append("acknowledge")
    if flags["brand_error"]:
        ids.append("accept_error")
    if category == "complaint" and not flags["needs_more_info"] or flags["brand_error"]:
        ids.append("offer_solution")
    if flags["needs_more_info"]:
        ids.append("ask_details_publicly")
    if needs_private(labels):
        ids.append("move_to_private")
    if flags["community_answered"]:
        ids.append("thank_community")
    if flags["suspected_bad_faith"]:
        ids.append("stay_factual")
    if flags["escalate"]:
        ids.append("escalate")
    if category == "praise" and not negative:
        ids.append("thank")
    if not ids:
        ids.append("acknowledge")
    return ids


def _variant(labels: dict[str, Any], step_id: str) -> str:
    """Which text of a step fits: a question is answered, a neutral comment simply acknowledged."""
    if step_id != "acknowledge":
        return step_id
    negative = labels["sentiment"]["label"] == "negative" or labels["category"] == "complaint"
    if negative or any(labels["flags"][f] for f in ("toxic", "suspected_bad_faith", "escalate")):
        return "acknowledge"
    return "acknowledge_question" if labels["category"] == "question" else "acknowledge_other"


def plan_steps(labels: dict[str, Any], language: str) -> list[dict[str, str]]:
    table = texts(language)["steps"]
    steps = []
    for step_id in plan_step_ids(labels):
        text = table[_variant(labels, step_id)]
        steps.append({"id": step_id, "title": text["title"], "detail": text["detail"], "why": text["why"]})
    return steps

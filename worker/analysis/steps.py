"""The playbook as a table: which steps apply to a classified comment, in order, and why.

The rules follow the French playbook (../shared/seed): every negative comment is acknowledged, a brand
error is admitted, a complaint gets a solution, missing details are asked in public (personal data in
private), the community is thanked when it already helped, a comment in bad faith gets calm facts and
the same care as any other, and what touches safety, health or the law is escalated at once. Titles,
details and reasons are localised data (data/texts/<lang>.json), loaded once per process.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, TypeVar

from worker.analysis.models import FLAGS, STEP_IDS, SUPPORTED_LANGUAGES  # noqa: F401  (STEP_IDS re-exported)

T = TypeVar("T")

#: Languages with their own step and reply texts; other languages get the caller's fallback.
SUPPORTED_REPLY_LANGUAGES: Final = SUPPORTED_LANGUAGES
FALLBACK_LANGUAGE: Final = "fr"
#: Topics whose resolution needs the customer's personal data (an order, a payment, an account, an
#: address to send a replacement to, a case file). Outages, prices and shops do not.
PERSONAL_DATA_TOPICS: Final = frozenset({"delivery", "billing", "account", "returns_refunds", "privacy",
                                  "customer_service", "product_quality", "safety"})
TEXTS: Final = Path(__file__).parent / "data" / "texts"
_NORMALISED: Final = "_normalised_situation"
_FLAGS: Final = FLAGS


def field(mapping: Any, key: str, kind: type[T] | tuple[type, ...], default: T) -> T:
    """mapping[key] when mapping is a dict and the value has the expected type, else the default."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, kind) else default  # type: ignore[return-value]


def reply_language(language: str | None) -> str:
    """The language the texts exist in: `language` itself when supported, else the fallback."""
    return language if language in SUPPORTED_REPLY_LANGUAGES else FALLBACK_LANGUAGE


@lru_cache(maxsize=len(SUPPORTED_REPLY_LANGUAGES))
def load_texts(language: str) -> dict[str, Any]:
    """Step titles and reply sentences of one language (read once per process)."""
    data: dict[str, Any] = json.loads((TEXTS / f"{reply_language(language)}.json").read_text(encoding="utf-8"))
    return data


def situation(labels: dict[str, Any]) -> dict[str, Any]:
    """The labels with every key present and typed, so that partial or odd labels never raise.

    The result is marked, so that passing it again costs nothing: plan_steps and draft_replies
    normalise once and hand the result to every helper.
    """
    if isinstance(labels, dict) and labels.get(_NORMALISED) is True:
        return labels
    flags: dict[str, Any] = field(labels, "flags", dict, {})
    sentiment: dict[str, Any] = field(labels, "sentiment", dict, {})
    topics: list[Any] = list(field(labels, "topics", (list, tuple), []))
    category = field(labels, "category", str, "other")
    return {
        _NORMALISED: True,
        "flags": {name: bool(flags.get(name)) for name in _FLAGS},
        "sentiment": field(sentiment, "label", str, "neutral"),
        "category": category,
        "topics": [t for t in topics if isinstance(t, str)],
    }


def is_negative(labels: dict[str, Any]) -> bool:
    """A comment the playbook treats as negative: never ignored, always acknowledged."""
    s = situation(labels)
    f = s["flags"]
    return bool(s["sentiment"] == "negative" or s["category"] == "complaint" or f["toxic"]
                or f["suspected_bad_faith"] or f["escalate"])


def needs_private(labels: dict[str, Any]) -> bool:
    """Whether resolving the comment needs personal data, which is only ever asked in private."""
    s = situation(labels)
    f = s["flags"]
    if s["category"] == "question" and "privacy" in s["topics"]:
        return True   # "Pouvez-vous supprimer mes données ?": who asks is checked in private
    if not (s["category"] == "complaint" or f["brand_error"] or f["needs_more_info"]):
        return False
    if PERSONAL_DATA_TOPICS & set(s["topics"]):
        return True
    # a failure named without a topic of ours (a journey cancelled, by the weather or not): the booking is personal
    return (f["brand_error"] or s["category"] == "complaint" and not f["needs_more_info"]
            and not f["suspected_bad_faith"] and not f["toxic"]) and not s["topics"]


def plan_step_ids(labels: dict[str, Any]) -> list[str]:
    """Ordered step ids for the labels, following the playbook (empty only for spam)."""
    s = situation(labels)
    f = s["flags"]
    category = s["category"]
    if category == "spam" and not (f["escalate"] or f["brand_error"]):
        return []
    negative = is_negative(labels)
    ids: list[str] = []
    if negative or category in ("question", "suggestion", "other") or f["needs_more_info"]:
        ids.append("acknowledge")
    if f["brand_error"]:
        ids.append("accept_error")
    if category == "complaint" or f["brand_error"]:
        ids.append("offer_solution")
    if f["needs_more_info"]:
        ids.append("ask_details_publicly")
    if needs_private(labels):
        ids.append("move_to_private")
    if f["community_answered"]:
        ids.append("thank_community")
    if f["suspected_bad_faith"]:
        ids.append("stay_factual")
    if f["escalate"]:
        ids.append("escalate")
    if category == "praise" and not negative:
        ids.append("thank")
    if not ids:
        ids.append("thank" if s["sentiment"] == "positive" else "acknowledge")
    return ids


def text_key(labels: dict[str, Any], step_id: str) -> str:
    """Which wording of a step fits the situation (the reason cites the situation)."""
    if step_id != "acknowledge":
        return step_id
    s = situation(labels)
    f = s["flags"]
    if f["toxic"]:
        return "acknowledge_toxic"
    if f["suspected_bad_faith"]:
        return "acknowledge_bad_faith"
    if is_negative(labels):
        return "acknowledge"
    if f["needs_more_info"]:
        return "acknowledge_unclear"
    if s["category"] in ("question", "suggestion"):
        return "acknowledge_" + str(s["category"])
    return "acknowledge_other"


#: The steps of a situation in a language, as (id, title, detail, why): a few hundred situations exist.
_PLANS: Final[dict[tuple[Any, ...], tuple[tuple[str, str, str, str], ...]]] = {}


def plan_steps(labels: dict[str, Any], language: str) -> list[dict[str, str]]:
    """Ordered [{"id","title","detail","why"}], titles/details/why localised in `language` (fr|en)."""
    labels = situation(labels) if isinstance(labels, dict) else situation({})
    key = (language, tuple(labels["flags"].values()), labels["category"], labels["sentiment"],
           tuple(labels["topics"]))
    rows = _PLANS.get(key)
    if rows is None:
        table = load_texts(language)["steps"]
        found = []
        for step_id in plan_step_ids(labels):
            text = table.get(text_key(labels, step_id)) or table[step_id]
            found.append((step_id, text["title"], text["detail"], text["why"]))
        rows = tuple(found)
        if len(_PLANS) >= 10000:
            _PLANS.clear()
        _PLANS[key] = rows
    return [{"id": step_id, "title": title, "detail": detail, "why": why} for step_id, title, detail, why in rows]

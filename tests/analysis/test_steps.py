"""The playbook table: which steps a classified comment gets, in which order, with localised texts."""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from worker.analysis.steps import (STEP_IDS, SUPPORTED_REPLY_LANGUAGES, TEXTS, plan_step_ids, plan_steps,
                                   reply_language)

FLAG_NAMES = ("brand_error", "needs_more_info", "community_answered", "suspected_bad_faith", "toxic", "escalate")


def labels(category: str = "other", sentiment: str = "neutral", topics: tuple[str, ...] = (),
           **flags: bool) -> dict[str, Any]:
    """Hand-built labels in the shape the classifier returns."""
    assert set(flags) <= set(FLAG_NAMES)
    return {"language": {"code": "fr", "confidence": 0.9},
            "sentiment": {"label": sentiment, "score": {"negative": -0.6, "neutral": 0.0, "positive": 0.6}[sentiment]},
            "category": category, "topics": list(topics),
            "flags": {name: flags.get(name, False) for name in FLAG_NAMES},
            "priority": {"level": "normal", "reasons": []}, "cues": []}


CASES = [
    # (labels, expected step ids in order)
    (labels("complaint", "negative", ("delivery",), brand_error=True),
     ["acknowledge", "accept_error", "offer_solution", "move_to_private"]),
    (labels("complaint", "negative", ("technical",), brand_error=True),
     ["acknowledge", "accept_error", "offer_solution"]),
    (labels("complaint", "negative", ("billing",)), ["acknowledge", "offer_solution", "move_to_private"]),
    (labels("complaint", "negative", ("pricing",)), ["acknowledge", "offer_solution"]),
    (labels("complaint", "negative", (), needs_more_info=True),
     ["acknowledge", "offer_solution", "ask_details_publicly"]),
    (labels("complaint", "negative", ("account",), needs_more_info=True),
     ["acknowledge", "offer_solution", "ask_details_publicly", "move_to_private"]),
    (labels("question", "neutral", ("technical",), needs_more_info=True), ["acknowledge", "ask_details_publicly"]),
    (labels("question", "neutral", ("delivery",)), ["acknowledge"]),
    (labels("complaint", "negative", ("technical",), community_answered=True),
     ["acknowledge", "offer_solution", "thank_community"]),
    (labels("praise", "positive", (), community_answered=True), ["thank_community", "thank"]),
    (labels("other", "negative", (), suspected_bad_faith=True), ["acknowledge", "stay_factual"]),
    (labels("complaint", "negative", ("safety",), escalate=True),
     ["acknowledge", "offer_solution", "move_to_private", "escalate"]),
    (labels("other", "negative", (), toxic=True), ["acknowledge"]),
    (labels("praise", "positive"), ["thank"]),
    (labels("suggestion", "neutral"), ["acknowledge"]),
    (labels("other", "neutral"), ["acknowledge"]),
    (labels("other", "positive"), ["acknowledge"]),
    (labels("other", "negative"), ["acknowledge"]),
    (labels("spam", "neutral"), []),
]


@pytest.mark.parametrize("language", SUPPORTED_REPLY_LANGUAGES)
@pytest.mark.parametrize(("given", "expected"), CASES)
def test_playbook_rules(given: dict[str, Any], expected: list[str], language: str) -> None:
    assert [step["id"] for step in plan_steps(given, language)] == expected


def test_every_non_spam_situation_gets_ordered_known_steps() -> None:
    for category, sentiment in itertools.product(("complaint", "question", "praise", "suggestion", "other"),
                                                 ("negative", "neutral", "positive")):
        for raised in itertools.chain.from_iterable(itertools.combinations(FLAG_NAMES, n) for n in range(3)):
            given = labels(category, sentiment, ("delivery",), **{f: True for f in raised})
            ids = plan_step_ids(given)
            assert ids, (category, sentiment, raised)
            assert len(ids) == len(set(ids))
            assert ids == sorted(ids, key=STEP_IDS.index)
            negative = sentiment == "negative" or category == "complaint" or {"toxic", "suspected_bad_faith"} & set(raised)
            if negative:
                assert ids[0] == "acknowledge"
            for flag, step in (("brand_error", "accept_error"), ("needs_more_info", "ask_details_publicly"),
                               ("community_answered", "thank_community"), ("suspected_bad_faith", "stay_factual"),
                               ("escalate", "escalate")):
                assert (step in ids) == (flag in raised), (category, sentiment, raised)


@pytest.mark.parametrize("language", SUPPORTED_REPLY_LANGUAGES)
def test_steps_have_localised_title_detail_and_why(language: str) -> None:
    given = labels("complaint", "negative", ("delivery",), brand_error=True, needs_more_info=True,
                   community_answered=True, suspected_bad_faith=True, escalate=True)
    steps = plan_steps(given, language) + plan_steps(labels("praise", "positive"), language)
    assert {s["id"] for s in steps} == set(STEP_IDS)
    for step in steps:
        assert set(step) == {"id", "title", "detail", "why"}
        assert all(isinstance(step[k], str) and len(step[k]) > 3 for k in ("title", "detail", "why"))


def test_french_and_english_texts_differ() -> None:
    given = labels("complaint", "negative", ("billing",), brand_error=True)
    fr, en = plan_steps(given, "fr"), plan_steps(given, "en")
    assert fr[0]["title"] == "Accuser réception" and en[0]["title"] == "Acknowledge"
    assert all(a["why"] != b["why"] for a, b in zip(fr, en))


@pytest.mark.parametrize(("given", "fr_word"), [
    (labels("complaint", "negative", ("delivery",)), "négatif"),
    (labels("other", "negative", (), toxic=True), "agressif"),
    (labels("other", "negative", (), suspected_bad_faith=True), "motivations"),
])
def test_why_cites_the_situation(given: dict[str, Any], fr_word: str) -> None:
    assert fr_word in plan_steps(given, "fr")[0]["why"]


def test_unknown_topics_and_partial_labels_never_raise() -> None:
    assert plan_step_ids({"category": "complaint", "topics": ["weather", 3, None]}) == ["acknowledge", "offer_solution"]
    assert plan_step_ids({}) == ["acknowledge"]
    assert plan_step_ids({"flags": None, "sentiment": "bad", "topics": "delivery"}) == ["acknowledge"]


@pytest.mark.parametrize(("language", "expected"), [("fr", "fr"), ("en", "en"), ("de", "fr"), ("und", "fr"), ("", "fr")])
def test_unsupported_languages_fall_back(language: str, expected: str) -> None:
    assert reply_language(language) == expected
    assert plan_steps(labels("praise", "positive"), language) == plan_steps(labels("praise", "positive"), expected)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_french_texts_use_the_typographic_apostrophe_and_vouvoiement() -> None:
    data = json.loads((Path(TEXTS) / "fr.json").read_text(encoding="utf-8"))
    for text in _strings(data):
        assert "'" not in text, text
    for text in _strings([data["sentences"], data["private"], data["greeting"], data["greeting_named"]]):
        padded = " " + text.lower().replace(",", " ").replace(".", " ") + " "
        assert not any(f" {w} " in padded for w in ("tu", "te", "ton", "ta", "tes", "toi")), text


def test_every_step_has_texts_in_every_language() -> None:
    for language in SUPPORTED_REPLY_LANGUAGES:
        data = json.loads((Path(TEXTS) / f"{language}.json").read_text(encoding="utf-8"))
        assert set(STEP_IDS) <= set(data["steps"])
        assert set(data["steps"]) == set(json.loads((Path(TEXTS) / "fr.json").read_text(encoding="utf-8"))["steps"])

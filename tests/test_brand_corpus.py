"""The labelled corpora of brand-directed comments (bench/data/brand_comments.jsonl, brand_comments_2.jsonl,
brand_comments_3.jsonl) are well-formed.

Only the file is checked here (shape, vocabularies, coverage); the engine's scores on it are measured by
bench/brand.py, never asserted in the suite.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from worker.analysis.models import CHANNEL_LIMITS, FLAGS, TOPICS, Category, Priority, Sentiment

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
CORPUS = DATA / "brand_comments.jsonl"
#: Every labelled corpus: the first is the development set, the other two were written blind (bench/data/README.md);
#: the third is only ever measured as a whole (its disagreements are never printed).
CORPORA = (CORPUS, DATA / "brand_comments_2.jsonl", DATA / "brand_comments_3.jsonl")
GOLD_KEYS = {"language", "sentiment", "category", "topics", "flags", "priority"}
ROW_KEYS = {"id", "text", "channel", "author", "thread", "gold"}


def rows(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    parsed = []
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"line {number} is empty"
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError as error:  # pragma: no cover - the message is the point
            pytest.fail(f"line {number} is not JSON: {error}")
    return parsed


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_every_line_is_a_comment_with_gold_labels_from_the_vocabularies(corpus: Path) -> None:
    ids = set()
    for row in rows(corpus):
        where = row.get("id", row.get("text"))
        assert set(row) <= ROW_KEYS and {"text", "channel", "author", "gold"} <= set(row), where
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] and row["text"], where
        assert row["channel"] in CHANNEL_LIMITS, where
        assert isinstance(row["author"], dict) and isinstance(row["author"].get("name"), str), where
        assert row["id"] not in ids, f"duplicate id {row['id']}"
        ids.add(row["id"])
        for message in row.get("thread", []):
            assert set(message) == {"author", "text", "is_brand"}, where
            assert isinstance(message["text"], str) and isinstance(message["is_brand"], bool), where
            assert isinstance(message["author"], dict) and isinstance(message["author"].get("name"), str), where
        gold = row["gold"]
        assert set(gold) == GOLD_KEYS, where
        assert gold["language"] in ("fr", "en"), where
        assert gold["sentiment"] in {s.value for s in Sentiment}, where
        assert gold["category"] in {c.value for c in Category}, where
        assert gold["priority"] in {p.value for p in Priority}, where
        assert isinstance(gold["topics"], list) and set(gold["topics"]) <= set(TOPICS), where
        assert len(set(gold["topics"])) == len(gold["topics"]), where
        assert isinstance(gold["flags"], list) and set(gold["flags"]) <= set(FLAGS), where
        assert len(set(gold["flags"])) == len(gold["flags"]), where


def test_no_text_appears_twice_except_copied_campaign_messages_in_threads() -> None:
    texts = Counter(row["text"] for corpus in CORPORA for row in rows(corpus))
    assert [text for text, n in texts.items() if n > 1] == []


def test_both_languages_and_every_category_and_flag_are_represented() -> None:
    data = rows()
    languages = Counter(row["gold"]["language"] for row in data)
    assert languages["fr"] >= 100 and languages["en"] >= 90, languages
    categories = Counter(row["gold"]["category"] for row in data)
    for category in Category:
        assert categories[category.value] >= 5, (category.value, categories)
    flags = Counter(flag for row in data for flag in row["gold"]["flags"])
    for flag in FLAGS:
        assert flags[flag] >= 5, (flag, flags)
    sentiments = Counter(row["gold"]["sentiment"] for row in data)
    assert all(sentiments[s.value] >= 5 for s in Sentiment), sentiments
    priorities = Counter(row["gold"]["priority"] for row in data)
    assert all(priorities[p.value] >= 5 for p in Priority), priorities


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.name)
def test_labels_are_consistent_with_the_label_definitions(corpus: Path) -> None:
    for row in rows(corpus):
        gold, where = row["gold"], row["id"]
        if "escalate" in gold["flags"]:
            assert gold["priority"] == "urgent", where
        if gold["priority"] == "urgent":
            assert "escalate" in gold["flags"], where
        if "community_answered" in gold["flags"]:
            assert any(not m["is_brand"] and m["author"]["name"] != row["author"]["name"] for m in row.get("thread", [])), where
        if gold["category"] == "spam":
            assert gold["priority"] == "low" and "brand_error" not in gold["flags"], where

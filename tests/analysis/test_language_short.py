"""Language of one- and two-word comments: lingua's lead is weak on them, so a word that only one of the
French and English lexicons holds counts as that language's evidence (worker/analysis/language.py)."""
from __future__ import annotations

import pytest

from worker.analysis import analyze


@pytest.mark.parametrize("text, code", [
    ("Arnaque", "fr"),
    ("Arnaque !!", "fr"),
    ("Super produit", "fr"),
    ("Remboursement ?", "fr"),
    ("Super product", "en"),
    ("Worst service", "en"),
    ("Amazing!", "en"),
])
def test_a_lexicon_word_settles_a_short_comment(text: str, code: str) -> None:
    result = analyze({"text": text})
    assert result["language"]["code"] == code
    assert result["replies"][0]["language"] == code   # answered in the comment's language, not the default


@pytest.mark.parametrize("text", [
    "Top 👍",      # either language
    "😡😡😡",
    "OK",          # lingua alone: Dutch
    "Ok.",
    "Cool",
    "Wow !!",
])
def test_a_comment_with_no_evidence_of_either_language_stays_undetermined(text: str) -> None:
    assert analyze({"text": text})["language"]["code"] == "und"


@pytest.mark.parametrize("text, code", [("ok merci", "fr"), ("ok thanks", "en"), ("Top, merci !", "fr"),
                                        ("Super, encore une panne", "fr"), ("Cool, thanks guys", "en")])
def test_a_neutral_word_beside_words_of_a_language_leaves_it_to_them(text: str, code: str) -> None:
    assert analyze({"text": text})["language"]["code"] == code


def test_a_hint_still_decides_a_short_comment() -> None:
    assert analyze({"text": "Super", "language": "en"})["language"]["code"] == "en"
    assert analyze({"text": "Super", "language": "fr"})["language"]["code"] == "fr"

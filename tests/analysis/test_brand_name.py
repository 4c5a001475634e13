"""The brand's own name is no opinion: "Best Buy", "Bonne Maman", "Super U" hold praise words, and a comment
that names the brand is not praise for it (worker/analysis/engine.py _brand_name_tokens)."""
from __future__ import annotations

import pytest

from worker.analysis import analyze


def read(text: str, brand: str | None) -> dict:
    comment = {"text": text}
    if brand is not None:
        comment["brand"] = {"name": brand}
    return analyze(comment)


@pytest.mark.parametrize("text, brand, sentiment, category", [
    ("Just ordered from Best Buy again", "Best Buy", "neutral", "other"),
    ("Bonne Maman a changé la recette, c'est devenu fade", "Bonne Maman", "negative", "complaint"),
    ("Super U a encore annulé ma livraison", "Super U", "negative", "complaint"),
    ("je passe chez super u ce soir", "Super U", "neutral", "other"),   # any case, any accents
])
def test_the_brand_name_counts_for_nothing(text: str, brand: str, sentiment: str, category: str) -> None:
    result = read(text, brand)
    assert (result["sentiment"]["label"], result["category"]) == (sentiment, category)
    named = text.lower().find(brand.lower())
    assert not any(named <= cue["start"] < named + len(brand) and cue["signal"].startswith("sentiment")
                   for cue in result["cues"])


def test_without_the_profile_the_same_words_still_count() -> None:
    # look-alike: no brand given, the lexicon reads the words as it always has
    assert read("Just ordered from Best Buy again", None)["sentiment"]["label"] == "positive"


@pytest.mark.parametrize("text, brand, sentiment", [
    ("Merci Bonne Maman, vos confitures sont top", "Bonne Maman", "positive"),   # praise said besides the name
    ("Bonne Maman, c'est bon !", "Bonne Maman", "positive"),
    ("Best Buy, best customer service I've had in years", "Best Buy", "positive"),
    ("Best Buy lost my order", "Best Buy", "negative"),
])
def test_words_outside_the_name_still_count(text: str, brand: str, sentiment: str) -> None:
    assert read(text, brand)["sentiment"]["label"] == sentiment


def test_a_one_word_name_is_left_to_the_lexicon() -> None:
    # "Free" or "Orange" is as often the word itself as the brand: nothing is taken out
    assert read("Free shipping and a great app, love it", "Free")["sentiment"]["label"] == "positive"

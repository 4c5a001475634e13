"""The engine's shortcuts for speed give what the long way gives: tokens, language votes, lingua's scores, cues."""
from __future__ import annotations

import pytest

from worker.analysis import analyze
from worker.analysis.language import _lexical_votes, _lingua_scores, detect
from worker.analysis.normalize import Token, tokenize


def test_tokens_compare_and_hash_by_value() -> None:
    first, again = tokenize("Colis PAS reçu"), tokenize("Colis PAS reçu")
    assert first == again and first[0] is not again[0]
    assert hash(first[2]) == hash(again[2]) and len({*first, *again}) == 3
    assert first[0] != Token("Colis", 0, 5, "word", "colis", True)   # not stretched
    assert first[0] == Token("Colis", 0, 5, "word", "colis")
    assert first[1].is_caps and not first[0].is_caps and not Token("OK", 0, 2, "word", "ok").is_caps
    assert repr(first[2]) == "Token(text='reçu', start=10, end=14, kind='word', folded='recu', stretched=False)"
    assert (first[0] == ("Colis", 0, 5, "word", "colis", False)) is False


@pytest.mark.parametrize("text, votes", [
    ("colis réparé", (2, 0, 2)),                       # "réparé" is French by its letters
    ("re\u0301pare\u0301 vite", (0, 0, 2)),            # decomposed accents: no French letter (as before)
    ("RÉPARÉ DONE", (0, 0, 2)),                        # capitals: no French letter of the list (as before)
    ("the order is late", (0, 3, 4)),
])
def test_french_letters_vote_as_before(text: str, votes: tuple[int, int, int]) -> None:
    assert _lexical_votes(tokenize(text)) == votes


@pytest.mark.parametrize("text", ["worst customer service ever", "meh expected better", "Premier", "regarde ça"])
def test_lingua_is_asked_once_per_wording_and_answers_alike(text: str) -> None:
    words = " ".join(t.text for t in tokenize(text) if t.kind == "word")
    first = _lingua_scores(words)
    first["fr"] = -1.0   # the caller's copy: the remembered scores are not changed
    assert _lingua_scores(words) == {**first, "fr": _lingua_scores(words)["fr"]} and _lingua_scores(words)["fr"] >= 0
    assert detect(text, tokenize(text)) == detect(text, tokenize(text))
    assert detect(text, tokenize(text), "en") == detect(text, tokenize(text), "en")


@pytest.mark.parametrize("text", [
    "Bravo, 12 jours pour livrer un colis, quel exploit 👏 https://acme.fr/suivi",
    "Worst customer service ever!!! 3 hours on hold, not even an answer",
    "ne marche pas, pas du tout, vraiment nul",
])
def test_cues_are_sorted_unique_exact_spans(text: str) -> None:
    cues = analyze({"text": text})["cues"]
    keys = [(c["start"], c["end"], c["signal"]) for c in cues]
    assert cues and keys == sorted(set(keys))
    assert all(text[c["start"]:c["end"]] == c["text"] and list(c) == ["text", "start", "end", "signal"] for c in cues)

"""Normalisation and lexicon matching: offsets into the original text, folded forms, elongations."""
from __future__ import annotations

import pytest

from worker.analysis.lexicon import Entry, Lexicon, lexicon
from worker.analysis.normalize import tokenize


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Déjà reçu 👍🏽 :) nuuuul https://x.fr/a @Karim #fail"
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
    kinds = {t.text: t.kind for t in tokenize(text)}
    assert kinds["👍🏽"] == "emoji" and kinds[":)"] == "emoticon" and kinds["@Karim"] == "handle"
    assert kinds["https://x.fr/a"] == "url" and kinds["#fail"] == "hashtag"


def test_decomposed_accents_stay_inside_the_word() -> None:
    text = "De\u0301ja\u0300 rec\u0327u"
    tokens = tokenize(text)
    assert [t.folded for t in tokens] == ["deja", "recu"]
    assert tokens[0].text == "De\u0301ja\u0300"


def test_elongation_is_remembered() -> None:
    token = tokenize("nuuuuul")[0]
    assert token.stretched and token.folded == "nuuuuul"


@pytest.mark.parametrize("text, pattern", [
    ("c'est nuuuuul", "nul"),
    ("Fuuckkkk you", "fuck"),
    ("#fail again", "fail"),
    ("Ma commande n'est JAMAIS arrivée", "jamais arrive*"),
])
def test_lexicon_matches_folded_squashed_and_prefix_forms(text: str, pattern: str) -> None:
    lex = Lexicon([Entry(tuple(pattern.split()), "sentiment", -2.0)])
    assert lex.match(tokenize(text)), pattern


def test_multiword_patterns_match_whole_tokens_only() -> None:
    lex = Lexicon([Entry(("pas", "mal"), "sentiment", 1.5)])
    assert lex.match(tokenize("pas mal du tout"))
    assert not lex.match(tokenize("pas malade"))
    assert not lex.match(tokenize("repas mal cuit"))


def test_prefix_only_on_the_last_token() -> None:
    with pytest.raises(ValueError):
        Lexicon([Entry(("revend*", "mes"), "topic:privacy", 1.0)])


def test_lexicon_is_built_once_per_language_set() -> None:
    assert lexicon(("fr",)) is lexicon(("fr",))

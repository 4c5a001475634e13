"""Normalisation and lexicon matching: offsets into the original text, folded forms, elongations."""
from __future__ import annotations

import pytest

from worker.analysis.lexicon import Entry, Lexicon, lexicon
from worker.analysis.normalize import Token, _merge_emoji, _scan, tokenize


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Déjà reçu 👍🏽 :) nuuuul https://x.fr/a @Karim #fail"
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
    kinds = {t.text: t.kind for t in tokenize(text)}
    assert kinds["👍🏽"] == "emoji" and kinds[":)"] == "emoticon" and kinds["@Karim"] == "handle"
    assert kinds["https://x.fr/a"] == "url" and kinds["#fail"] == "hashtag"


def _regex_only(text: str) -> list[Token]:
    """The tokens TOKEN_RE alone finds in the whole text (what tokenize's fast path must agree with)."""
    tokens: list[Token] = []
    merged = _scan(text, 0, len(text), tokens)
    return _merge_emoji(tokens) if merged else tokens


@pytest.mark.parametrize("text", [
    "Bonjour, ma commande n'est toujours pas arrivée après 12 jours !!", "c'est nul, l’appli plante?!",
    "peut-être demain... aujourd'hui-même", "xD trop drôle", "lol xD!", "c'xD", "xD-lol lol-xD", "XD.",
    "3 heures d'attente", "20 € pour ça", "5 km,", "12h30 ici", "2 h. plus tard", "www.! et www. ou www.fr",
    "l'www.!", "acme.com, bravo", "a--b -a a- ' '' a' 'a", "thanks!!! :) <3 ^^ :-( =D", "@acme #fail ok.",
    "De\u0301ja\u0300 rec\u0327u", "👍🏽 super 🇫🇷!", "tab\tand\u00a0nbsp\u202fnarrow\u2028line", "²x ½ ٣ a_b",
    "Hello.How are you?Fine", "...", "!?", ",", "fin.", "İstanbul ǅemal ß ﬁn",
])
def test_fast_path_finds_what_the_token_pattern_finds(text: str) -> None:
    """tokenize reads plain chunks itself and leaves the rest to TOKEN_RE: the same tokens either way."""
    assert tokenize(text) == _regex_only(text)


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


@pytest.mark.parametrize("text, pattern", [
    ("C'est n'importe quoi ce service", "n importe quoi"),
    ("J’adore la nouvelle appli", "j adore"),
    ("I can't stand this app", "can t stand"),
])
def test_apostrophes_do_not_break_phrases(text: str, pattern: str) -> None:
    lex = Lexicon([Entry(tuple(pattern.split()), "sentiment", -2.0)])
    hits = lex.match(tokenize(text))
    assert hits
    tokens = tokenize(text)
    first, last = tokens[hits[0].first], tokens[hits[0].last]
    assert text[first.start:last.end].lower().replace("’", "'").startswith(pattern.split()[0])


def test_repeated_emoticons_mean_the_same() -> None:
    folded = {t.text: t.folded for t in tokenize("merci :))) mais bon :(( ^^")}
    assert folded[":)))"] == ":)" and folded[":(("] == ":(" and folded["^^"] == "^^"


def test_each_word_of_a_camel_case_hashtag_is_matched_in_its_place() -> None:
    text = "Toujours pas livré #ServiceClientNul"
    tokens = tokenize(text)
    hits = [h for h in lexicon(("fr",)).match(tokens) if h.family == "sentiment"]
    tags = [h for h in hits if tokens[h.first].kind == "hashtag"]
    assert tags and tags[0].entry.tokens == ("nul",)
    assert text[tokens[tags[0].first].start:tokens[tags[0].last].end] == "#ServiceClientNul"


def test_tearful_and_angry_emoticons_are_one_token_and_colons_are_no_emoticon() -> None:
    tokens = tokenize("Impression 3D : top. Colis perdu :'( >:( :’(")
    emoticons = [t.folded for t in tokens if t.kind == "emoticon"]
    assert emoticons == [":'(", ">:(", ":'("]
    hits = lexicon(("fr",)).match(tokens)
    assert not any(tokens[h.first].text == "D" and h.family == "sentiment" for h in hits)

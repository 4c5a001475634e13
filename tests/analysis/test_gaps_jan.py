"""Misreadings of the engine listed in January (fr + en), and the cheap tests that spare comments the searches they
cannot answer. Each case comes with a look-alike that must keep its reading, so that the fix stays a reading and not
a word list."""
from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest


from worker.analysis import lexicon, situations


# ---- 0. the cheap tests in front of a search find what the search finds

_GATED_TEXTS = [
    "Vol annulé la veille, aucune info", "VOL ANNULÉ", "Notre train a été supprimé", "Flight delayed 6 hours",
    "flıght delayed 6 hours", "İNTERCİTÉS supprimés", "Correspondance ratée à Lyon", "missed my connecting flight",
    "le ferry a été annulé", "boarding delayed again", "ils ont supprimé notre TGV", "Ouigo retardé de 2h",
    "#vol annulé encore", "https://x.co/flight cancelled", "je suis en train de râler", "colis jamais reçu",
    "Livraison garantie en 24h, on est au jour 5", "next day delivery on day 6", "ma commande express au bout de 10 jours",
    "Two-day shipping my foot, it's been a week", "J+9 et toujours rien", "3-day delivery they said",
    "Chronopost 48h, 6 jours plus tard", "Prime member, parcel on day 5", "neXT-DaY delivery lol", "ſame day",
]


@pytest.mark.parametrize("text", _GATED_TEXTS)
def test_a_gated_search_finds_what_the_search_finds(text: str) -> None:
    gated = lexicon.TRAVEL_DISRUPTION
    found, expected = gated.search(text), gated.pattern.search(text)
    assert (found and found.span()) == (expected and expected.span())
    for promise, _ in situations._PROMISED:
        found, expected = promise.search(text), promise.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("text", _GATED_TEXTS + ["depuis 3 semaines", "plus d'une heure", "a few days", "45min", "14h30",
                                                  "2 h", "Deux SEMAINES", "ſix ſemaines"])
def test_the_duration_pattern_reads_as_before(text: str) -> None:
    before = re.compile(situations.DURATION_RE.pattern.replace("(?=[\\ddfopmutqcshae])", "", 1))
    assert [m.span() for m in situations.DURATION_RE.finditer(text)] == [m.span() for m in before.finditer(text)]


def _first_words(items: list, prefix: tuple = ("",)) -> set[tuple]:
    """Every sequence of words (None: any word) a parsed pattern can read, with its optional parts in or out."""
    paths = {tuple(prefix)}
    for op, av in items:
        if op is sre_constants.LITERAL and chr(av) == " ":
            paths = {p + ("",) for p in paths}
        elif op is sre_constants.LITERAL:
            paths = {p[:-1] + (None if p[-1] is None else p[-1] + chr(av),) for p in paths}
        elif op in (sre_constants.IN, sre_constants.NOT_LITERAL, sre_constants.ANY):
            paths = {p[:-1] + (None,) for p in paths}
        elif op is sre_constants.SUBPATTERN:
            paths = {q for p in paths for q in _first_words(list(av[3]), p)}
        elif op is sre_constants.BRANCH:
            paths = {q for p in paths for alternative in av[1] for q in _first_words(list(alternative), p)}
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = av
            out = set()
            for count in {low, min(high, low + 1)}:
                grown = set(paths)
                for _ in range(count):
                    grown = {q for p in grown for q in _first_words(list(body), p)}
                out |= grown
            paths = out
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
            continue
        else:
            raise AssertionError(f"unexpected op {op}")
    return paths


@pytest.mark.parametrize("index", range(len(situations._RHETORICAL_PATTERNS)))
def test_each_rhetorical_pattern_holds_one_of_its_listed_words(index: int) -> None:
    pattern, words = situations._RHETORICAL_PATTERNS[index], situations._RHETORICAL_PATTERN_WORDS[index]
    for path in _first_words(list(sre_parse.parse(pattern))):
        assert words & {w for w in path if w}, (pattern, path)


@pytest.mark.parametrize("text", [
    "What more could you ask for?", "Who wouldn't love that?", "Could your service be any slower?",
    "C'est quoi ce prix ???", "Y'a quelqu'un au service client ou pas ?", "Is anyone even reading this?",
    "Vous trouvez ça normal ?", "Dites-moi que c'est une blague", "How is this acceptable?",
])
def test_rhetorical_formulas_are_still_found(text: str) -> None:
    words = [t.folded for t in situations.tokenize(text) if t.kind == "word"]
    assert situations._rhetorical_search(words)

"""Drafting's shortcuts give the answers of the plain computations they replace.

- _gates reads every gate of the comment's searches in one pass: the same answers as _holds, piece by piece;
- the case-sensitive twins of case-insensitive patterns (_lower_twin), searched in lowered(text), find the same
  matches at the same places as the patterns in the text;
- not_a_wait searches one pattern for every number (a backreference to the number written after the text) and
  finds the mentions of the number with str.find: the same mentions and matches as the patterns compiled for each
  number;
- object_words splits an ASCII text without the regular expression: the same words;
- the caches of plans and checks (kept across comments) never change a draft: the same comments drafted in
  another order, with every cache emptied, get the same drafts.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any

import pytest

from worker.analysis import analyze, replies
from worker.analysis.guardrails import _CHECKED, fold

TEXTS = [
    "Commande ARRIVÉE avec 3 jours de retard", "It finally CAME, 10 days late", "Le colis a mis 3 semaines",
    "Jamais reçu mon colis. Arrivé chez le voisin", "My parcel hasn't arrived yet", "Not happy. Box arrived soaking wet",
    "The waitress was rude", "Cancel my account now", "Ma commande a été annulée sans raison",
    "Still says \"processing\" after a week", "Je n'ai pas reçu ma facture", "Plus d'internet depuis 2 jours",
    "Mon FILS de 6 ans attend son colis depuis 6 jours", "my 6-year-OLD", "Livraison PROMISE en 48h",
    "Écran REMPLACÉ en 48h", "BROKE after 2 weeks", "Ma mère âgée de 82 ans", "Le paquet est paſſé",
    "Colis İstanbul ARRİVED", "ǄEMAL a reçu le colis", "Le \u212aIT est arrivé", "Å\u212bngström DELIVERED",
    "L’appli BUG, écran noir depuis hier", "Bonjour, tout va bien", "Great service, thanks!", "",
    "Mon rouge à lèvres est arrivé CASSÉ et le mascara n'est pas la bonne TEINTE", "Il manque le masque.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_gates_answer_as_holds_does_for_every_gated_search(text: str) -> None:
    low = replies.lowered(text)
    gates = replies._gates(low)
    for pieces in replies._GATE_PIECES:
        assert bool(gates & replies._gate(pieces)) == replies._holds(low, pieces), (text, pieces)
    assert bool(gates & replies._ITEM_GATE) == replies._holds(low, replies._ITEM_PIECES)


def test_gates_see_pieces_that_overlap_and_none_in_a_plain_text() -> None:
    # pieces inside longer words count, as `in` finds them ("thankfully" holds "thank", a piece of _LUCKY's)
    assert replies._gates("thankfully") & replies._LUCKY_GATE
    assert replies._gates("par chance") & replies._LUCKY_GATE
    assert replies._gates(None) & replies._LUCKY_GATE   # a text with odd cases runs every search
    assert not replies._gates("bonjour") & (replies._LUCKY_GATE | replies._ARRIVED_GATE | replies._FOOD_GATE)


@lru_cache(maxsize=None)
def _reference_pattern(number: str) -> re.Pattern[str]:
    """not_a_wait's pattern for one number as it was compiled for each number (the reference of _covered)."""
    return re.compile("(?i)" + replies._NOT_A_WAIT_AROUND.replace("<N>", number))


@lru_cache(maxsize=None)
def _reference_twin(number: str) -> re.Pattern[str]:
    return replies._lower_twin("(?i)" + replies._NOT_A_WAIT_AROUND.replace("<N>", number))


@lru_cache(maxsize=None)
def _reference_mention(number: str, unit: str) -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![\w,.])" + number + r"(?![\d,.]\d)(?=\s*-?\s*" + unit + ")")


def _twins() -> list[tuple[Any, Any]]:
    return [(replies._ARRIVED, replies._ARRIVED_LOW), (replies._UNDONE, replies._UNDONE_LOW),
            (_reference_pattern("6"), _reference_twin("6")), (_reference_pattern("deux"), _reference_twin("deux"))]


@pytest.mark.parametrize("text", TEXTS + ["mon fils de deux ans", "Mon Fils De Deux Ans", "pas encore arrivé",
                                          "NEVER ARRIVED", "hasn't arrived", "Arrivée hier"])
def test_lower_twins_find_what_their_patterns_find(text: str) -> None:
    low = replies.lowered(text)
    if low is None:   # odd cases: the patterns themselves are searched in the text
        assert any(ch in text for ch in ("\u0130", "\u0131", "\u017f"))
        return
    assert len(low) == len(text)
    for pattern, twin in _twins():
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in twin.finditer(low)], (text, pattern)


def test_lower_twins_read_every_letter_as_their_patterns_do() -> None:
    # each character, alone and lowered, is matched by a twin's letters and classes as by the pattern's
    letters = "abcdefghijklmnopqrstuvwxyzéèêàâîôçœ’'"
    checked = 0
    for code in [*range(0x250), 0x1E9E, 0x212A, 0x212B, 0x1C4, 0x1C5, 0x3A3, 0x2160, 0x24B6]:
        ch = chr(code)
        low = replies.lowered(ch)
        if low is None:
            continue
        assert len(low) == 1, hex(code)
        for letter in letters:
            assert bool(re.match("(?i)" + re.escape(letter), ch)) == (low == letter), (hex(code), letter)
        for cls in (r"\w", r"\W", r"\d", r"\s", r"[^\W\d_]"):
            assert bool(re.match(cls, ch)) == bool(re.match(cls, low)), (hex(code), cls)
        checked += 1
    assert checked > 500


def test_a_pattern_with_an_upper_case_letter_or_a_flag_gets_no_twin() -> None:
    with pytest.raises(AssertionError):
        replies._lower_twin(r"(?i)\b(?:Merci)\b")
    with pytest.raises(AssertionError):
        replies._lower_twin(r"(?i)\bmerci\s+(?-i:[a-z]+)")
    with pytest.raises(AssertionError):
        replies._lower_twin(r"\bmerci\b")


def _reference_not_a_wait(text: str, duration: str) -> tuple[list[int], list[tuple[int, int]], bool]:
    """not_a_wait as it was, with the patterns compiled for each number: (mentions, covered spans, answer)."""
    first = replies._NUMBER_FIRST.match(duration)
    assert first is not None
    low = replies.lowered(text)
    number = re.escape(first.group(1))
    unit = re.escape(first.group(2)) if first.group(2) else ""
    mentions = [m.start() for m in _reference_mention(number, unit).finditer(text)]
    covered = [m.span() for m in (_reference_pattern(number).finditer(text) if low is None
                                  else _reference_twin(number.lower()).finditer(low))]
    answer = bool(mentions) and all(any(start <= at < end for start, end in covered) for at in mentions)
    return mentions, covered, answer


#: Pieces of comments around a number {n} and a unit {u}: ages, times promised, fixes, products that lasted, waits,
#: and numbers that hold or start like the number ("16", "60", "6,5", "une", "sixty"); {m} is another number.
_AROUND = [
    "mon fils de {n} {u}", "ma fille d'{n} {u}", "Mon FILS d’{n}{u}", "bébé de {n} mois", "notre chiot de {n}-{u}",
    "ma mère âgée de {n}", "âgé de {n}{u}", "aged {n}", "my {n}-year-old", "my {n} year old kid", "{n}yo", "{n} y/o",
    "a {n}-months-old", "livraison promise en {n} {u}", "prévue sous {n} {u}", "supposed to arrive within {n} {u}",
    "it should take in {n}", "delivery was promised to me in {n} {u}", "promis en {m} ou en {n} {u}",
    "promised in {m} {u}, in {n} {u}", "écran remplacé en {n} {u}", "j'ai eu ma réponse en {n} {u}",
    "fixed it in {n} {u}", "called me back in {n}", "en panne après {n} {u}", "cassé au bout de {n} {u}",
    "cassée au bout d'{n} {u}", "lâché au bout de{n} {u}", "broke after {n} {u}", "stopped working after{n} {u}",
    "died après{n}", "depuis {n} {u}", "ça fait {n} {u}", "for {n} {u}", "{n} {u} que j'attends", "been {n} {u}",
    "{n},5 {u}", "{n}.5 {u}", "1{n} {u}", "{n}0 {u}", "{n}-{u}", "{n} - {u}", "x{n} {u}", "2,{n} {u}", "v1.{n} {u}",
    "({n} {u})", "{n}{u}",
    "{m} {u}", "attendu {n} fois", "mon fils de {m} {u} attend depuis {n} {u}", "{n}", "fils de {n}{n} ans",
]
_NUMBERS = ["1", "2", "6", "16", "60", "61", "600", "48", "100", "7", "un", "une", "deux", "six", "sixty", "a", "an",
            "one", "two", "ten", "trois", "huit", "Deux", "SIX", "Un"]
_ODD_NUMBERS = ["\u0666", "\u017fix", "²", "\u0131ki", "σ"]   # an Arabic-Indic six, a long s, a dotless i, a sigma
_UNITS = ["ans", "an", "jours", "mois", "semaines", "days", "weeks", "years", "months", "heures", "h", "minutes", "",
          "Ans", "JOURS"]
_SEPARATORS = [", ", ". ", " et ", " and ", " ", "\n", "! ", "; ", " - "]


def _generated(count: int, seed: int) -> list[tuple[str, str]]:
    """Comments made of one to three pieces of _AROUND, in odd cases now and then, with the duration to check."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        n = rng.choice(_NUMBERS + _ODD_NUMBERS[:1] * (rng.random() < 0.05))
        pieces = [rng.choice(_AROUND).format(n=n if rng.random() < 0.8 else rng.choice(_NUMBERS),
                                             m=rng.choice(_NUMBERS), u=rng.choice(_UNITS))
                  for _ in range(rng.randint(1, 3))]
        text = pieces[0]
        for piece in pieces[1:]:
            text += rng.choice(_SEPARATORS) + piece
        case = rng.random()
        if case < 0.15:
            text = text.upper()
        elif case < 0.25:
            text = text.title()
        elif case < 0.35:
            text = "".join(ch.upper() if rng.random() < 0.5 else ch for ch in text)
        odd = rng.random()
        if odd < 0.04:
            text = text.replace("s", "\u017f")   # the long s, which re matches to "s"
        elif odd < 0.07:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(["\u0131", "\u0130", "\x00", "\u212a", "\u017f"]) + text[at:]
        unit = rng.choice(_UNITS)
        number = n if rng.random() < 0.9 else rng.choice(_NUMBERS + _ODD_NUMBERS)
        duration = rng.choice([f"{number} {unit}", f"{number}{unit}", f" {number}  {unit}", number,
                               f"{number} {unit}".upper()])
        cases.append((text, duration))
    return cases


def test_not_a_wait_finds_what_the_patterns_compiled_for_each_number_find() -> None:
    answers = {True: 0, False: 0}
    odd = 0
    for text, duration in _generated(6000, seed=20261201):
        first = replies._NUMBER_FIRST.match(duration)
        if first is None:
            continue
        mentions, covered, answer = _reference_not_a_wait(text, duration)
        low = replies.lowered(text)
        number, unit = first.group(1), first.group(2) or ""
        assert replies._mentions(text, low, number, unit) == mentions, (text, duration)
        assert replies._covered(text, low, number) == covered, (text, duration)
        assert replies.not_a_wait(text, duration) is answer, (text, duration)
        answers[answer] += 1
        odd += low is None
    # every kind of case was met: answers both ways, texts with odd cases (the patterns of each number)
    assert answers[True] > 500 and answers[False] > 2000 and odd > 100, (answers, odd)


@pytest.mark.parametrize(("text", "duration", "answer"), [
    ("Mon fils de 6 ans a failli avaler une pièce", "6 ans", True),
    ("Mon fils de 16 ans attend depuis 6 ans", "6 ans", False),   # "16" holds no 6
    ("Mon fils de 60 ans", "6 ans", False),
    ("Ma fille de 6 ans attend depuis 6 jours", "6 jours", False),   # the unit tells the mentions apart
    ("Ma fille de 6 ans attend depuis 6 jours", "6 ans", True),
    ("Livraison promise en 5 ou en 6 jours", "6 jours", True),   # a match for 5 would hide the one for 6
    ("Livraison promise en 5 jours, promise en 6 jours", "6 jours", True),
    ("Livraison promise en une semaine", "un semaine", False),   # "une" is no mention of "un"
    ("promised in sixty days, six days ago", "six days", False),
    ("promised in six days", "six days", True),
    ("PROMISED IN SIX DAYS", "six days", True),
    ("My 2-year-old", "2 years", True),
    ("My 2-Year-Old, waiting for 2 years", "2 years", False),
    ("Le paquet eſt caſſé au bout de 2 ſemaines", "2 semaines", True),   # odd cases: the patterns of the number
    ("Le colis, caſſé au bout de 2 semaines", "2 semaines", True),
    ("cassé au bout de 2\x00 semaines", "2 semaines", False),
    ("ma fille de 2\x00ans", "2", False),   # NUL is no space
    ("\x00 ma fille de 2 ans", "2", True),
])
def test_not_a_wait_answers(text: str, duration: str, answer: bool) -> None:
    assert replies.not_a_wait(text, duration) is answer
    assert _reference_not_a_wait(text, duration)[2] is answer


def test_a_new_number_compiles_no_pattern() -> None:
    # numbers never seen before (a production worker meets new ones all the time) are searched for without a
    # pattern of their own; only a text with odd cases still compiles one
    before = (replies._not_a_wait_pattern.cache_info().misses, replies._mention_pattern.cache_info().misses)
    answers = [replies.not_a_wait(f"Mon fils de {n} ans attend depuis {n} jours, promis en {n + 1} jours",
                                  f"{n} jours") for n in range(700, 760)]
    answers += [replies.not_a_wait(f"Mon fils de {n} ans a failli avaler une pièce", f"{n} ans")
                for n in range(700, 760)]
    assert answers == [False] * 60 + [True] * 60
    assert (replies._not_a_wait_pattern.cache_info().misses, replies._mention_pattern.cache_info().misses) == before
    assert replies.not_a_wait("Mon fils de 761 ans, caſſé", "761 ans")
    assert replies._not_a_wait_pattern.cache_info().misses == before[0] + 1


@pytest.mark.parametrize("text", TEXTS + ["l'appli_bug42 x-y", "Œuvre d’ÆSOP", "\u00a0colis\u202f!"])
def test_object_words_are_the_words_the_search_finds(text: str) -> None:
    assert replies.object_words(text) == set(re.findall(r"[a-z]+", fold(text)))


def _comments() -> list[dict[str, Any]]:
    texts = ["Colis jamais arrivé, ça fait 3 semaines !", "Ma commande est arrivée avec une semaine de retard",
             "Prélevé deux fois ce mois-ci, remboursez-moi", "My parcel never arrived, it's been two weeks",
             "The app crashes every time I log in", "Merci pour la livraison rapide !",
             "Mon fils de 6 ans a failli avaler une pièce du jouet", "Le burger était cru au milieu"]
    out = []
    for i, text in enumerate(texts):
        for channel in ("twitter", "tiktok", "review"):
            for author in ({"name": "Marie Dupont", "handle": "@marie"}, {"name": "channel", "handle": "@x"}):
                out.append({"text": text, "channel": channel, "author": author,
                            "brand": {"name": "Colibri", "tone": ("warm", "formal")[i % 2],
                                      "private_channel": {"kind": "email", "value": "aide@colibri.fr"}}})
    return out


def test_the_caches_of_drafting_never_change_a_draft() -> None:
    comments = _comments()
    first = [analyze(c)["replies"] for c in comments]
    again = [analyze(c)["replies"] for c in comments]   # every plan and check found in the caches
    replies._PLANS.clear()
    replies._PRIVATE_PLANS.clear()
    _CHECKED.clear()
    backwards = [analyze(c)["replies"] for c in reversed(comments)][::-1]
    assert first == again == backwards


from worker.analysis.guardrails import _SENTENCE_END, known_part  # noqa: E402

PARTS = ["Merci. Nous regardons. Bonne journée.", "Thanks! We are on it? Yes… Bye", "One. Two", "No end here",
         "Deux  espaces. Ici. Là", "Tab\tici. Là. Fin", "Ligne\nune. Deux. Trois", "a.. b!! c?  d… e",
         "Nbsp\u00a0ici. Deux. Trois", "Fin.", "", "x. y", ". . .", "Un… deux… trois…"]


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_known_part_finds_the_first_and_last_sentence_ends_the_search_finds(part: str, language: str) -> None:
    # the plain finds of a printable text read the same sentence ends as _SENTENCE_END, in every other text too
    ends = list(_SENTENCE_END.finditer(part))
    known = known_part(part, language=language, kind="public")
    if len(ends) < 2:
        assert known is None
    else:
        assert known is not None
        assert (known.offset, known.middle) == (ends[0].start(), part[ends[0].start():ends[-1].end()])


def test_the_plan_key_tells_apart_every_reading_of_the_comment() -> None:
    # the yes/no readings are packed in bits: any two contexts that differ in one of them get different keys
    names = ["emoji", "arrived", "late", "recovered", "closing", "cancelled", "unshipped", "opinion", "return_only",
             "promo", "travel", "card_blocked", "plan_changed", "staff", "privacy_question", "outage", "data_request",
             "luggage", "missing", "staff_praised", "privacy_concern", "food", "rude", "undercooked", "price_opinion",
             "failure_named", "time_given", "card_declined"]
    keys = {replies._context_key({name: True}) for name in names}
    keys.add(replies._context_key({}))
    assert len(keys) == len(names) + 1
    assert replies._context_key({"late": 1}) == replies._context_key({"late": True})
    assert replies._context_key({"late": 0}) == replies._context_key({})
    two = replies._context_key({"late": True, "food": True})
    assert two not in keys and two != replies._context_key({"late": True, "rude": True})

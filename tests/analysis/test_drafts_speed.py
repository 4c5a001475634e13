"""Drafting's shortcuts give the answers of the plain computations they replace.

- _gates reads every gate of the comment's searches in one pass: the same answers as _holds, piece by piece;
- the case-sensitive twins of case-insensitive patterns (_lower_twin), searched in lowered(text), find the same
  matches at the same places as the patterns in the text;
- object_words splits an ASCII text without the regular expression: the same words;
- the caches of plans and checks (kept across comments) never change a draft: the same comments drafted in
  another order, with every cache emptied, get the same drafts.
"""
from __future__ import annotations

import re
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


def _twins() -> list[tuple[Any, Any]]:
    return [(replies._ARRIVED, replies._ARRIVED_LOW), (replies._UNDONE, replies._UNDONE_LOW),
            (replies._not_a_wait_pattern("6"), replies._not_a_wait_low("6")),
            (replies._not_a_wait_pattern("deux"), replies._not_a_wait_low("deux"))]


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

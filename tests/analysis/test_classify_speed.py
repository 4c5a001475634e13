"""The cheap tests and cheaper searches that make the classification faster find exactly what the searches they
stand for find (fr + en, with letters in upper case, accents and the three letters lower() does not fold like a
case-blind pattern: "ı", "ſ", "İ")."""
from __future__ import annotations

import re

import pytest

from worker.analysis import engine, lexicon, sentiment, situations

_TEXTS = [
    "Ma facture a augmenté encore, je vais résilier", "PRIX EN HAUSSE, c'est plus cher qu'avant",
    "Prices went up again, I'm going to cancel", "You raised the price of my subscription", "more expensive every month",
    "Mon plan est très bien", "je n'augmente pas", "Was charged a fee I never agreed to, what is this for?",
    "On m'a prélevé 12€ que je n'ai jamais autorisés", "PRÉLÈVEMENT BIZARRE de 59,90 € ce matin, c'est quoi ??",
    "Unknown charge of $12.99 on my card?", "Facture de 480 € ?! Y a forcément une erreur",
    "You've clearly estimated the reading wrong", "erreur sur le relevé du compteur", "Débité sans mon accord",
    "Y'a quelqu'un au service client ou pas ?", "Is anyone even reading this?", "ARE YOU EVEN LISTENING",
    "il y a qqn ou quoi", "Personne ne répond", "even so, thanks", "ıs anyone even there", "y a perſonne ou pas",
    "prıce went up", "ſubscription went up", "İNVOİCE WRONG", "Livraison promise en 48h, reçue au bout de 10 jours",
    "j'attends depuis 3 semaines", "waited 40 minutes in line", "2h de queue", "14h30", "Deux SEMAINES",
    "ſix ſemaines", "plus d'une heure", "a few days", "La pub dit 48h… Mensonger.", "Your ad says 2-day delivery, lies",
    "Livraison garantie en 24h, on est au jour 5", "next day delivery on day 6", "J+9 et toujours rien",
    "Jour 12 sans colis", "day one", "Colis reçu en 24h", "delivered in 2 days", "refunded within 3 days",
    "en moins d'une heure", "EN MOINS D’UNE HEURE", "(within 2 hours)", "every 5 mins", "tous les 3 jours",
    "livré dans 3 jours", "drained my battery in 3 hours", "Why do I even bother", "How is this acceptable?",
    "What's not to love?", "Could your service be any slower?", "tell me this is a joke", "a quoi bon",
    "Vol annulé la veille", "Flight delayed 6 hours", "ils ont supprimé notre train", "mon vol a été décalé de 6h",
    "VOLS ANNULÉS", "TRAIN RETARDÉ", "je suis en train de réserver, annulé", "on m'a volé mon colis, retardé",
    "le prix du vol annulé", "train's delayed", "cancelled flights", "envol retardé", "trainee delayed", "ſlight",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_a_gated_search_finds_what_its_pattern_finds(text: str) -> None:
    for gated in (situations._PRICE_RISE, situations._DISPUTED_CHARGE, situations._ODD_CHARGE, situations._WRONG_BILL,
                  sentiment._VOID_CALL, lexicon.TRAVEL_DISRUPTION):
        expected = gated.pattern.search(text)
        for found in (gated.search(text), gated.search(text, text.lower())):
            assert (found and found.span()) == (expected and expected.span()), (gated.pattern.pattern[:40], text)


def _durations_before(text: str) -> list[tuple[int, int]]:
    """durations as it was written, with the case-blind patterns searched in the text itself."""
    if situations._DURATION_UNIT.search(text) is None:
        return []
    spans = [m.span() for m in situations.DURATION_RE.finditer(text)]
    promised = [m.span() for m in lexicon.LYING_AD.finditer(text)]
    return [(start, end) for start, end in spans if not any(a <= start and end <= b for a, b in promised)]


@pytest.mark.parametrize("text", _TEXTS)
def test_durations_are_found_as_before(text: str) -> None:
    assert situations.durations(text) == situations.durations(text, text.lower()) == _durations_before(text)


def test_a_number_of_days_is_still_read() -> None:
    assert situations.durations("J'attends depuis 3 SEMAINES") == [(10, 27)]
    assert situations.durations("pas de quoi") == []
    assert situations.late_by_day_count("Livraison garantie en 24h, on est au jour 5")
    assert situations.late_by_day_count("next day delivery on DAY 6", (), "next day delivery on day 6")
    assert not situations.late_by_day_count("delivered on day 2")
    assert not situations.late_by_day_count("jour de livraison, rien reçu")   # a day named, no count


@pytest.mark.parametrize("text", _TEXTS)
def test_the_words_before_a_duration_read_as_before(text: str) -> None:
    # every window that may stand before a duration, as analyze cuts it (25 characters at most)
    for end in range(len(text) + 1):
        before = text[max(0, end - 25):end]
        assert engine._quick(before) == (engine._QUICK.search(before) is not None), before


def test_a_speed_is_still_no_wait() -> None:
    assert engine._quick("Colis reçu en ") and engine._quick("refunded within ") and engine._quick("EN MOINS D’")
    assert not engine._quick("J'attends depuis ") and not engine._quick("waited for ")


@pytest.mark.parametrize("text", _TEXTS)
def test_the_rhetorical_formulas_are_found_as_before(text: str) -> None:
    words = [t.folded for t in situations.tokenize(text) if t.kind == "word"]
    whole = re.compile(situations._RHETORICAL_FORMULA_RE.pattern)
    for first in range(len(words)):
        for last in range(first + 1, len(words) + 1):
            part = words[first:last]
            assert situations._rhetorical_search(part) == (whole.search(" " + " ".join(part) + " ") is not None), part


@pytest.mark.parametrize("formula", situations._RHETORICAL_FORMULAS)
def test_each_formula_is_filed_under_one_of_its_words(formula: str) -> None:
    assert situations._rhetorical_search(formula.split(" "))
    assert situations._rhetorical_search(["well", *formula.split(" "), "then"])


@pytest.mark.parametrize("text", _TEXTS + ["au bout d'une semaine", "client depuis 10 ans", "Customer for 10 years",
                                           "périmées depuis 2 mois", "expired by 3 days", "après 3 semaines",
                                           "AFTER 2 weeks", "l'après 3 jours", "fidèle pendant 5 ans"])
def test_the_words_before_a_wait_read_as_before(text: str) -> None:
    for end in range(len(text) + 1):
        before = text[max(0, end - 30):end].rstrip()
        assert (engine._may_end(before, engine._LASTED_LAST, ()) and engine._LASTED.search(before) is not None) \
            == (engine._LASTED.search(before) is not None), before
        assert (engine._may_end(before, engine._NO_WORDS, engine._AFTER_ENDS) and engine._AFTER.search(before)
                is not None) == (engine._AFTER.search(before) is not None), before


def test_a_lasting_product_is_still_no_wait() -> None:
    text = "Les coutures ont lâché au bout d'une semaine"
    start = text.index("une semaine")
    assert not engine._is_wait(text, start, len(text), [])
    text = "J'attends mon colis depuis 3 semaines"
    assert engine._is_wait(text, text.index("depuis"), len(text), ["delivery"])


def test_a_needle_inside_another_word_opens_no_travel_search() -> None:
    for text in ("je suis en train de réserver", "on m'a volé mon colis", "I'M IN TRAINING", "Le vol du colis"):
        assert lexicon.TRAVEL_DISRUPTION.may_match(text) == (text == "Le vol du colis"), text
    assert lexicon.TRAVEL_DISRUPTION.may_match("Mon TRAIN est supprimé")
    assert lexicon.TRAVEL_DISRUPTION.search("Mon TRAIN est supprimé") is not None


def test_one_hit_or_many_come_in_order_of_position() -> None:
    lex = engine.lexicon(("fr", "en"))
    for text in ("nul", "service client nul, vraiment nul et décevant", "Worst service ever, never again, awful"):
        hits = lex.match(situations.tokenize(text))
        assert hits == sorted(hits, key=lambda h: (h.first, h.last, h.family)), text

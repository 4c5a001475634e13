"""Drafts read as a careful native community manager would write them (February pass): no compensation the brand
never stated for a journey grounded by a strike or the weather, a booking reference rather than an order number for
a journey, and no "wait" read in an age, a promised time or how fast something was done."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import public_drafts, run, step_ids

BRAND = {"name": "Colibri"}


def analysis(text: str, channel: str = "facebook", **brand: Any) -> dict:
    return run(text, channel=channel, author={"name": "Marie"}, brand={**BRAND, **brand})


def private_drafts(result: dict) -> list[str]:
    return [draft["text"] for draft in result["replies"] if draft["kind"] == "private"]


# ---- 1. a journey grounded by a strike or the weather: rebooked or refunded, with no compensation asserted

#: Compensation asserted or promised (the brand said none): "the compensation you're owed", "l'indemnisation à
#: laquelle vous avez droit", "vous serez indemnisé".
COMPENSATION = re.compile(r"(?i)indemnis|compens|dédommag|entitled|owed|\bdue\b|vous est due|avez droit")

OUTSIDE_CONTROL = [
    "Mon TGV Paris-Lyon a été annulé à cause de la grève, je fais comment pour rentrer ce soir ?",
    "Vol AF1234 annulé à cause de la tempête, aucune info à l'aéroport, on dort par terre.",
    "Train supprimé pour cause de grève, personne pour nous renseigner en gare.",
    "Notre vol pour Montréal est annulé à cause de la neige, on fait quoi maintenant ?",
    "My flight to Dublin was cancelled because of the storm and nobody at the desk can tell us anything.",
    "Train cancelled due to the rail strike, how do I get a refund for my ticket?",
    "Flight to Oslo cancelled because of the blizzard, what are my options?",
]


@pytest.mark.parametrize("text", OUTSIDE_CONTROL)
@pytest.mark.parametrize("voice", [{}, {"address_form": "tu"}, {"tone": "formal"}])
def test_a_journey_grounded_by_a_strike_or_the_weather_gets_no_compensation_claim(text: str,
                                                                                  voice: dict) -> None:
    result = analysis(text, **voice)
    assert not result["flags"]["brand_error"], result["cues"]
    drafts = public_drafts(result)
    assert drafts
    for draft in drafts + private_drafts(result):
        assert not COMPENSATION.search(draft), draft
    for draft in drafts:   # still helped: another departure or a refund
        assert re.search(r"(?i)rembours|réachemin|autre départ|refund|rebook|another departure|alternative", draft), draft


@pytest.mark.parametrize("text", [
    "Vol Paris-Nice annulé 2h avant sans explication et personne au comptoir",
    "Vol annulé la veille au soir, aucune solution proposée, on dort à l'aéroport.",
    "Flight cancelled 2 hours before departure, no rebooking, no hotel, no staff at the desk.",
    "Flight cancelled last minute, no reason given",
])
def test_a_journey_the_carrier_cancelled_checks_compensation_without_promising_it(text: str) -> None:
    result = analysis(text)
    assert result["flags"]["brand_error"], result["cues"]
    for draft in public_drafts(result):
        # whether compensation applies is checked, never asserted as owed
        assert not re.search(r"(?i)owed|entitled|vous est due|avez droit|prévue dans votre|serez indemnis|"
                             r"will be compensated", draft), draft


@pytest.mark.parametrize("text, reference", [
    ("Vol AF1234 annulé à cause de la tempête, aucune info à l'aéroport", "réservation"),
    ("Vol Paris-Nice annulé 2h avant sans explication et personne au comptoir", "réservation"),
    ("Train cancelled due to the rail strike, how do I get a refund for my ticket?", "booking reference"),
    ("Flight cancelled 2 hours before departure, no rebooking, no hotel", "booking reference"),
])
def test_a_journey_is_followed_up_with_its_booking_reference_not_an_order_number(text: str, reference: str) -> None:
    result = analysis(text)
    private = private_drafts(result)
    assert private and reference in private[0], private
    assert "commande" not in private[0] and "order number" not in private[0], private
    for draft in public_drafts(result):
        assert "numéro de commande" not in draft and "order number" not in draft, draft


@pytest.mark.parametrize("text, kept", [
    ("Colis jamais reçu, ça fait 2 semaines que j'attends", "numéro de commande"),
    ("My parcel never arrived and it's been 10 days", "order number"),
    ("Valise perdue depuis 5 jours, personne ne sait où elle est.", "numéro de vol ou de réservation"),
])
def test_look_alikes_keep_their_private_follow_up(text: str, kept: str) -> None:
    private = private_drafts(analysis(text))
    assert private and kept in private[0], private


# ---- 2. a duration that is no wait: an age, a time promised, how fast it was done, how long a product lasted

#: What a draft says of a wait ("Une attente de 6 ans, ce n'est pas normal", "2 days of waiting is too long").
WAIT_SENTENCE = re.compile(r"(?i)attente|attendre|d’attente|wait|far too long|too long")


@pytest.mark.parametrize("text, duration", [
    ("J'ai trouvé un morceau de verre dans ma salade commandée chez vous ce midi. Mon fils de 6 ans aurait pu "
     "l'avaler.", "6 ans"),
    ("Ordered on the 3rd, promised delivery in 2 days. It's the 19th. Tracking hasn't updated in a week.", "2 days"),
    ("Machine à laver en panne après 2 mois, et le SAV refuse la garantie. Scandaleux.", "2 mois"),
    ("C'est écœurant comme service, bravo l'équipe, j'ai eu ma réponse en 5 minutes", "5 minutes"),
    ("Merci pour la rapidité du SAV, écran remplacé en 48h", "48"),
])
def test_a_duration_that_is_no_wait_is_not_answered_as_one(text: str, duration: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert duration not in draft, draft
        assert not re.search(r"(?i)(?:attente|attendre|wait(?:ing)?)\W+(?:\w+\W+){0,2}" + re.escape(duration)
                             + r"|" + re.escape(duration) + r"\W+(?:d’attente|of waiting)", draft), draft


@pytest.mark.parametrize("text, duration", [
    ("Ça fait 3 semaines que j'attends mon colis, c'est vraiment pas sérieux.", "3 semaines"),
    ("Commande passée le 2, toujours rien, le suivi dit en cours d'acheminement depuis 10 jours.", "10 jours"),
    ("Mon fils de 6 ans attend son cadeau depuis 6 jours, colis toujours pas livré", "6 jours"),
    ("Livraison promise en 48h, toujours rien après 5 jours", "5 jours"),
    ("You charged me twice for the same purchase and I've been waiting 10 days for the refund.", "10 days"),
])
def test_a_real_wait_is_still_named(text: str, duration: str) -> None:
    drafts = public_drafts(analysis(text))
    assert any(duration in draft for draft in drafts), drafts

"""A word that lessens what follows ("fin de", "baisse des", "an end to") lessens its own object, not a clause
that starts after it with its own subject or verb ("en fin de compte je suis déçue")."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


@pytest.mark.parametrize("text", [
    "En fin de compte je suis très déçue du service",
    "En fin de journée je suis déçue, toujours pas de nouvelles",
    "fin de semaine j'étais vraiment déçu par la livraison",
    "At the end of the day I'm disappointed with the support",
])
def test_a_clause_after_the_reducer_keeps_its_displeasure(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] != "praise"


@pytest.mark.parametrize("text", [
    "La baisse des prix est une bonne nouvelle",
    "La fin des frais de port est une excellente idée",
])
def test_a_reducer_does_not_reach_past_the_verb_to_be(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "positive"


@pytest.mark.parametrize("text", [
    "C'est la fin de mes soucis, merci",
    "Enfin la fin des retards, bravo",
    "fin de la galère, merci à vous",
    "Finally an end to the delays, thanks",
])
def test_a_reducer_still_lessens_its_own_object(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "positive"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Baisse des prix, merci !", "Enfin une baisse de prix sur les forfaits",
                                  "Thanks for the price drop", "Lower prices this month, love it"])
def test_prices_going_down_are_good_news(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "positive"


@pytest.mark.parametrize("text", ["Grosse baisse de qualité depuis le changement de recette",
                                  "Huge drop in quality since the new recipe"])
def test_a_fall_in_quality_stays_bad_news(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "negative"

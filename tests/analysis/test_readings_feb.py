"""Misreadings fixed in February (fr + en), each by a general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. a problem its author asks about and answers "no" to is no brand error, and asks nothing

@pytest.mark.parametrize("text", [
    "I was charged twice? no, just once, my mistake",
    "Was I charged twice? Nope, checked again, only once.",
    "Débité deux fois ? non, une seule, au temps pour moi",
    "J'ai été prélevé deux fois ? Ah non, c'est bon, une seule fois",
    "Did my order get lost? No, it just arrived.",
    "Mon colis est perdu ? Non, il vient d'arriver",
])
def test_a_problem_asked_and_denied_by_its_author_is_no_brand_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"]
    assert result["category"] not in ("complaint", "question")
    assert result["sentiment"]["label"] != "negative"


@pytest.mark.parametrize("text", [
    "Charged twice? No, three times!",
    "Prélevé deux fois ?? Non mais sérieusement, remboursez-moi",
    "Is the app down? No answer from support for 3 days",
    "Is the outage over? No, not yet",
    "Colis perdu ? Non, toujours rien reçu, je l'attends encore",
    "Débité deux fois ? Oui, et toujours pas remboursé",
])
def test_a_problem_confirmed_or_made_worse_after_the_question_stays_a_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Fixed? No. Still down.", "Réglé ? Non, toujours en panne."])
def test_a_fix_asked_and_denied_is_no_fix(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


# ---- 2. a failure told as fixed, with thanks, is praise (the fix in other words)

@pytest.mark.parametrize("text", [
    "It's fixed now, thanks for the help",
    "The app crashed all morning but it's fixed now, thanks",
    "Wifi down since monday. Fixed now, thank you guys",
    "My card was declined earlier, it's working again now, thanks",
    "The outage is fixed now, thanks for the quick response",
    "C'est réglé, merci !",
    "Ça remarche, merci à l'équipe",
    "Problème résolu, merci",
    "Internet coupé ce matin, c'est revenu, merci",
    "Ma box était en panne hier, ça remarche, merci",
    "L'appli plantait, c'est réparé, merci beaucoup",
])
def test_a_failure_told_as_fixed_with_thanks_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert result["sentiment"]["label"] == "positive"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "It was fixed but it crashed again today",
    "C'est réglé mais ça replante encore",
    "Supposedly fixed, still crashing, thanks for nothing",
    "The app crashes every day, still not fixed, thanks for nothing",
    "L'appli plante tous les jours, toujours pas réparé, merci pour rien",
    "Ça remarche pas, toujours en panne",
])
def test_a_fix_denied_or_undone_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


# ---- 3. a service praised for its speed, a cancellation at no cost, are praise

@pytest.mark.parametrize("text", [
    "Merci pour la rapidité du SAV, écran remplacé en 48h",
    "Super SAV, écran remplacé en 48h",
    "Annulé sans frais, merci",
    "Commande annulée sans frais, merci beaucoup",
    "Cancelled free of charge, thank you",
    "Order cancelled at no cost, thanks a lot",
])
def test_a_service_rendered_fast_or_at_no_cost_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Annulé sans me prévenir, merci !",
    "Commande annulée sans prévenir, bravo",
    "Cancelled without notice, thanks a lot",
    "Écran remplacé il y a 48h et déjà cassé",
])
def test_a_cancellation_without_warning_stays_a_complaint(text: str) -> None:
    assert run(text)["category"] == "complaint"


# ---- 4. French denied qualities ("n'était pas désagréable", "personne n'a été impoli") name no failure

@pytest.mark.parametrize("text", [
    "Personne n'a été impoli",
    "Le livreur n'était pas du tout désagréable",
    "Personne n'a été désagréable avec moi",
    "Le vendeur n'a jamais été impoli, rien à dire",
    "The cashier wasn't rude at all",
    "Nobody was rude to me",
])
def test_a_denied_quality_is_no_brand_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"]
    assert result["category"] != "complaint"


@pytest.mark.parametrize("text", [
    "Le vendeur était impoli",
    "Le livreur a été très désagréable",
    "Le livreur n'a pas été impoli, mais le colis était abîmé",
    "Personne ne répond et le conseiller était impoli",
    "Le colis était abîmé mais le livreur n'était pas désagréable",
])
def test_a_quality_stated_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]

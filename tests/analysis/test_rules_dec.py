"""General rule gaps found in December (fr + en), each with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. a charge disputed or echoed with indignation is a complaint, even asked as a question

@pytest.mark.parametrize("text", [
    "Was charged a fee I never agreed to, what is this for?",
    "billed for a subscription I didn't sign up for?? explain",
    "On m'a prélevé 12€ que je n'ai jamais autorisés, c'est quoi ?",
    "Un prélèvement de 9,99 € sans mon accord, c'est quoi ce truc ?",
    "A $15 fee to talk to a human?",
    "10€ de frais pour changer une date ?",
    "Why does it take 10 days to answer an email?",
    "Pourquoi ça prend 3 semaines pour traiter un remboursement ?",
])
def test_a_disputed_charge_or_an_angry_rhetorical_question_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", [
    "Was charged a fee I never agreed to, what is this for?",
    "On m'a prélevé 12€ que je n'ai jamais autorisés, c'est quoi ?",
])
def test_a_disputed_charge_has_no_known_cause(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Is there a fee to change my booking?",
    "Y a-t-il des frais pour changer ma réservation ?",
    "Pourquoi le site est en maintenance ce soir ?",
    "Why does the app need my location?",
    "How long does it take to get a refund?",
    "Combien de temps faut-il pour être remboursé ?",
    "I agreed to the £5 fee, when will it be charged?",
])
def test_a_plain_question_about_a_fee_or_a_reason_stays_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert result["sentiment"]["label"] != "negative"


# ---- 4. a multi-word problem whose negative word is negated names no problem

@pytest.mark.parametrize("text", ["Nobody was rude to me", "No one was rude to me at the store"])
def test_a_problem_denied_inside_its_span_is_no_brand_error(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "The driver was rude to me", "Nobody answered, the agent was rude", "le livreur a été désagréable avec moi",
    "Personne ne répond et le conseiller était impoli",
])
def test_a_problem_not_denied_keeps_its_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


# ---- 2. a failure told as fixed, with thanks, is praise with no brand_error

@pytest.mark.parametrize("text", [
    "Mon appli a planté hier mais c'est réglé, merci au SAV",
    "Box en panne ce matin, c'est résolu, merci pour la réactivité",
    "The app crashed yesterday but it's resolved, thanks support",
    "Card got declined twice, problem solved now, thank you!",
])
def test_a_failure_fixed_with_thanks_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "It was fixed but it crashed again",
    "Réglé ? Non, toujours en panne",
    "mon appli a planté, c'est réglé mais ça replante encore, merci",
    "Resolved, thanks... but it crashed again this morning",
])
def test_a_fix_that_did_not_hold_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


# ---- 5. "without X" after use/work in a question asks a capability, it reports no failure

@pytest.mark.parametrize("text", ["Can I use the app without internet?",
                                  "Est-ce que je peux utiliser l'appli sans internet ?"])
def test_a_capability_asked_is_a_question_without_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Why am I without internet since Monday?", "Pourquoi je suis sans internet depuis lundi ?",
                                  "Je peux pas utiliser l'appli, sans internet depuis hier"])
def test_a_service_missing_stays_a_failure(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]

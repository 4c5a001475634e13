"""Misreadings found in December (second batch) on comments written for the purpose (fr + en), each fixed by a
general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. asking whether a service is down is a question, not a complaint with brand_error

@pytest.mark.parametrize("text", [
    "is the app down or is it just me?",
    "Is there an outage in Bristol?",
    "Est-ce que le site est en panne ?",
    "Y a une panne chez vous en ce moment ?",
    "c'est moi ou l'appli ne marche plus ?",
    "Is the app down for everyone?",
])
def test_an_outage_asked_about_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", (result["category"], result["cues"])
    assert not result["flags"]["brand_error"]
    assert not result["flags"]["needs_more_info"]
    assert "technical" in result["topics"]


@pytest.mark.parametrize("text", [
    "down AGAIN?? third time this week",
    "Your app is down for 3 hours now, what is going on?",
    "Encore en panne ?! C'est la troisième fois ce mois-ci",
    "Is the app down AGAIN?",
    "Is your site down again? Ridiculous.",
    "Y a encore une panne ?",
    "L'appli ne marche plus depuis ce matin, c'est normal ?",
    "Why is the site always down??",          # the outage as a habit ("always down")
    "Why is your app always down?",
    "your app is constantly down, sort it out",
])
def test_an_outage_asked_about_with_a_grievance_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert "technical" in result["topics"]


# ---- 2. an insult said to the person through a comparison ("as stupid as your app") is toxic

@pytest.mark.parametrize("text", [
    "You are as stupid as your app",
    "t'es aussi con que ton appli",
    "vous êtes aussi débiles que votre appli",
    "vous êtes aussi idiots que votre appli",
])
def test_an_insult_said_through_a_comparison_is_toxic(text: str) -> None:
    result = run(text)
    assert result["flags"]["toxic"], (result["flags"], result["cues"])


@pytest.mark.parametrize("text", [
    "the app is stupidly slow",
    "The app is as stupid as the website",    # said of things
    "you are as slow as your app",            # no insult word
    "t'es aussi lent que ton appli",
    "I'm as stupid as my phone lol",          # the author of himself
])
def test_a_comparison_that_insults_nobody_is_not_toxic(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


# ---- 3. "aucune nouvelle" before a noun is "no new ...", not "no news": a question about a new collection is neutral

@pytest.mark.parametrize("text", [
    "Aucune nouvelle collection cette année ?",
    "Aucune nouvelle gamme prévue ?",
    "Il n'y a aucune nouvelle collection ?",
])
def test_no_new_collection_asked_is_neutral(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "neutral", (result["sentiment"], result["cues"])
    assert result["category"] == "question"


@pytest.mark.parametrize("text", [
    "aucune nouvelle de ma commande",
    "Aucune nouvelle de ma commande depuis 10 jours ?",
    "Aucune nouvelle de votre part ?",
    "Je n'ai aucune nouvelle",
])
def test_no_news_of_an_order_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"

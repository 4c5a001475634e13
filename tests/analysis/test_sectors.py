"""Brands outside e-commerce (airlines and trains, restaurants, banks, telecoms, cosmetics, video games, data
protection) whose comments the shop-centred engine misread: the wrong topic, or a remedy that does not fit (a parcel
reshipped after a cancelled flight, a refund for a blocked card). Each case comes with a look-alike that must keep
its reading (fr + en)."""
from __future__ import annotations

import pytest

from worker.analysis import analyze


def run(text: str) -> dict:
    return analyze({"text": text})


def signals(result: dict) -> set[str]:
    return {cue["signal"] for cue in result["cues"]}


def public_drafts(result: dict) -> list[str]:
    return [draft["text"] for draft in result["replies"] if draft["kind"] == "public"]


def step_ids(result: dict) -> list[str]:
    return [step["id"] for step in result["steps"]]


# ---- personal data named is no leak: a question about it is a question, a right exercised goes private

@pytest.mark.parametrize("text", [
    "Do you sell my data?",
    "Do you share my personal data with advertisers?",
    "Vous revendez mes données personnelles ?",
    "Est-ce que vous utilisez mes données pour la publicité ?",
])
def test_a_question_about_ones_data_is_no_leak(text: str) -> None:
    result = run(text)
    assert result["priority"]["level"] != "urgent", result["priority"]
    assert not result["flags"]["escalate"]
    assert result["category"] == "question", result["category"]
    assert "privacy" in result["topics"]


@pytest.mark.parametrize("text", [
    "My data was leaked in your breach, thanks a lot",
    "You leaked my personal data, disgusting",
    "Mes données personnelles ont été piratées chez vous",
    "Vous avez laissé fuiter mes données, bravo",
])
def test_a_leak_of_ones_data_stays_urgent(text: str) -> None:
    result = run(text)
    assert result["priority"]["level"] == "urgent", result["priority"]
    assert result["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "I want to delete my data",
    "I'd like to download a copy of my personal data",
    "Je veux supprimer mes données",
    "Je souhaite récupérer une copie de mes données personnelles",
])
def test_a_data_right_exercised_is_a_request_handled_in_private(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", result["category"]
    assert "move_to_private" in step_ids(result)
    assert result["priority"]["level"] != "urgent"


# ---- a game or an app that crashes is the brand's failure, in English as in French

@pytest.mark.parametrize("text", [
    "The game crashes on launch since the last patch.",
    "App keeps crashing every time I open my basket",
    "Le jeu plante au lancement depuis la dernière mise à jour.",
    "Le jeu crashe au lancement depuis le dernier patch",
])
def test_a_crash_after_an_update_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"][:1] == ["technical"], result["topics"]
    assert result["flags"]["brand_error"], result["cues"]


@pytest.mark.parametrize("text", ["Does the game crash on older laptops?", "Le jeu plante-t-il sur les vieux PC ?"])
def test_a_crash_asked_about_is_still_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


# ---- shipping dearer than the item is a price complaint, even with a laugh

@pytest.mark.parametrize("text", [
    "Shipping costs more than the item lol",
    "Delivery is more expensive than the product itself haha",
    "Les frais de port sont plus chers que l'article lol",
    "La livraison coûte plus cher que le produit mdr",
])
def test_shipping_dearer_than_the_item_is_a_price_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", result["category"]
    assert result["sentiment"]["label"] == "negative"
    assert "pricing" in result["topics"]


@pytest.mark.parametrize("text", ["Shipping costs are shown at checkout?", "Les frais de port sont affichés où ?"])
def test_shipping_costs_asked_about_stay_a_question(text: str) -> None:
    assert run(text)["category"] == "question"

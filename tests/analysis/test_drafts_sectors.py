"""The kind of business read from a comment's words picks the details asked in private; a word that also names
goods sold online ("écran plat", "table basse", "docking station") or a game server is no restaurant, station or
energy supplier: the order number is asked, as for any order (texts' "sectors")."""
from __future__ import annotations

import pytest

from worker.analysis import analyze


def private_asks(text: str) -> str:
    result = analyze({"text": text, "channel": "facebook"})
    return " ".join(r["text"] for r in result["replies"] if r["kind"] == "private" or "(" in r["text"])


@pytest.mark.parametrize("text", [
    "Écran plat reçu cassé, je veux être remboursé",
    "Table basse reçue rayée, je veux être remboursée",
    "Le serveur a planté pendant mon paiement, j'ai été débité deux fois",
])
def test_goods_and_servers_are_no_restaurant(text: str) -> None:
    asked = private_asks(text)
    assert asked and "venue" not in asked and "réservation" not in asked


@pytest.mark.parametrize("text", [
    "Docking station received broken, I want a refund",
    "The dish rack I ordered arrived broken, I want a refund",
])
def test_english_goods_are_no_restaurant_nor_station(text: str) -> None:
    asked = private_asks(text)
    assert asked and "visit" not in asked and "journey" not in asked and "booking" not in asked


@pytest.mark.parametrize("text, expected", [
    ("Au restaurant hier soir, la serveuse nous a ignorés pendant une heure, inadmissible", "venue"),
    ("Resto de la gare : on a payé l'addition deux fois, je veux être remboursé", "venue"),
])
def test_a_restaurant_still_asks_for_the_visit(text: str, expected: str) -> None:
    assert expected in private_asks(text)


def test_the_brand_name_tells_the_business() -> None:
    text = "On a attendu 45 minutes nos plats hier soir et le serveur nous a ignorés. Décevant."
    with_brand = analyze({"text": text, "channel": "facebook", "brand": {"name": "Le Bistrot du Port"}})
    assert "venue" in " ".join(r["text"] for r in with_brand["replies"] if r["kind"] == "private")
    plain = analyze({"text": text, "channel": "facebook"})   # "plats" and "serveur" alone are no restaurant
    assert "venue" not in " ".join(r["text"] for r in plain["replies"] if r["kind"] == "private")


@pytest.mark.parametrize("text", ["Écran plat livré avec une rayure, je veux un échange",
                                  "Ma batterie est à plat au bout d'une heure, téléphone neuf, inadmissible"])
def test_flat_is_no_dish(text: str) -> None:
    drafts = " ".join(r["text"] for r in analyze({"text": text, "channel": "facebook"})["replies"])
    assert "repas" not in drafts


@pytest.mark.parametrize("text", ["Mon plat est arrivé froid", "Le plat était froid et la livraison en retard"])
def test_a_dish_is_still_a_meal(text: str) -> None:
    drafts = " ".join(r["text"] for r in analyze({"text": text, "channel": "facebook"})["replies"])
    assert "repas" in drafts

"""Drafts read as a careful native community manager would write them (December pass, on comments written for it):
a brand whose name starts with an article signed off as a person would ("— The Harbour Bistro team", "— L’équipe du
Bistrot du Port"). Each with look-alikes that keep their draft."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import run


def replies_of(text: str, channel: str = "facebook", author: str = "Marie", **brand: Any) -> list[dict]:
    result = run(text, channel=channel, author={"name": author}, brand={"name": "Colibri", **brand})
    assert result["replies"], text
    return result["replies"]


def texts_of(text: str, **kwargs: Any) -> list[str]:
    return [reply["text"] for reply in replies_of(text, **kwargs)]


# ---- 1. a brand named with an article: "— The Harbour Bistro team", "— L’équipe du Bistrot du Port"

@pytest.mark.parametrize("brand, text, signoff", [
    ("The Harbour Bistro", "Perfect evening, thank you so much!", "— The Harbour Bistro team"),
    ("the body shop", "Love your new shower gel, thanks!", "— the body shop team"),
    ("Le Bistrot du Port", "Soirée parfaite, merci beaucoup !", "— L’équipe du Bistrot du Port"),
    ("Les Jardins de Marie", "Superbe bouquet, merci !", "— L’équipe des Jardins de Marie"),
    ("La Poste", "Colis livré en avance, merci !", "— L’équipe de La Poste"),
    ("L'Occitane", "J'adore votre nouvelle crème, merci !", "— L’équipe de L'Occitane"),
    ("L’Atelier Vélo", "Réparation au top, merci !", "— L’équipe de L’Atelier Vélo"),
    # look-alikes: no article, the sign-off is unchanged
    ("Theory", "Love the new collection, thanks!", "— The Theory team"),
    ("Lemon", "Merci pour la livraison rapide !", "— L’équipe Lemon"),
    ("Laposte Pro", "Merci pour le suivi !", "— L’équipe Laposte Pro"),
    ("Le", "Merci pour tout !", "— L’équipe Le"),
])
def test_a_brand_named_with_an_article_signs_off_naturally(brand: str, text: str, signoff: str) -> None:
    for draft in texts_of(text, name=brand):
        assert draft.endswith(signoff), draft
        assert not re.search(r"(?i)\bthe the\b|équipe l[ea]s? ", draft), draft


def test_a_brand_article_in_private_follow_ups_and_complaints_too() -> None:
    replies = replies_of("Ma commande n'est jamais arrivée.", name="Le Comptoir")
    assert any(reply["kind"] == "private" for reply in replies)
    for reply in replies:
        assert reply["text"].endswith("— L’équipe du Comptoir"), reply
    for reply in replies_of("My order never arrived.", name="The Corner Shop"):
        assert not re.search(r"(?i)\bthe the\b", reply["text"]), reply

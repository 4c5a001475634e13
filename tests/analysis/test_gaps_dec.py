"""Misreadings of the engine listed in December (fr + en): a problem said to be over, a named promo code that fails,
an order stuck in processing, a blunt verdict on the brand, a lying ad, a careless courier, a redirect to a rival said
plainly, a question about data sharing, a journey disrupted by the weather, acknowledgements that can name the thing,
and the complaints lexicon's duplicate lines. Each case comes with a look-alike that must keep its reading, so that
the fix stays a reading and not a word list."""
from __future__ import annotations

import pytest

from tests.analysis.reading import public_drafts, run, signals, step_ids
from worker.analysis.steps import load_texts


# ---- 1. a problem said to be over is praise, not a complaint; "Plus jamais." alone stays a letdown

@pytest.mark.parametrize("text", [
    "Plus jamais de bug depuis la mise à jour, merci !",
    "Plus de bug depuis la dernière mise à jour, merci l'équipe",
    "Fini les bugs depuis la mise à jour, merci !",
    "Aucun bug depuis la mise à jour, bravo",
    "L'appli ne plante plus depuis la mise à jour, merci !",
    "Plus jamais de retard de livraison depuis que vous avez changé de transporteur, merci",
    "No more crashes since the update, thanks",
    "Zero crashes since the last patch, great job",
    "No more app crashes since the update, thank you",
])
def test_a_problem_said_to_be_over_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "positive", result["sentiment"]
    assert not result["flags"]["brand_error"]
    assert "sarcasm" not in signals(result)
    assert step_ids(result) == ["thank"]


@pytest.mark.parametrize("text", [
    "Plus jamais.",
    "Never again.",
    "Plus jamais je commande chez vous",
    "Toujours plus de bugs depuis la mise à jour",
    "Plus de bugs qu'avant depuis la mise à jour, bravo",
    "L'application ne plante plus que le soir, c'est déjà ça",
    "No more crashes they said. It crashed twice today.",
    "More crashes than ever since the update",
])
def test_a_letdown_or_a_problem_still_there_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"


# ---- 2. a code named by its name that fails is a promo code refused: checked, the discount applied

def _remedy(language: str, key: str) -> list[str]:
    """The wordings of a remedy in the reply texts (data/texts/<language>.json)."""
    return list(load_texts(language)["sentences"]["offer_solution"][key])


@pytest.mark.parametrize("text", [
    "Le code NOEL20 ne marche pas",
    "Mon code BIENVENUE10 est refusé au paiement",
    "Le code SOLDES30 a expiré alors qu'il est valable jusqu'au 31",
    "Code XMAS20 doesn't work",
    "Coupon LOVE15 expired",
    "The code WELCOME10 won't apply at checkout",
])
def test_a_named_code_that_fails_is_a_promo_code_refused(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", result["category"]
    assert result["topics"] == ["pricing"], result["topics"]
    assert result["flags"]["brand_error"]
    assert not result["flags"]["needs_more_info"]
    drafts = public_drafts(result)
    wordings = _remedy(result["language"]["code"], "promo_code")
    assert drafts and all(any(w in d for w in wordings) for d in drafts), drafts


@pytest.mark.parametrize("text", [
    "le code de la carte ne marche pas",
    "the QR code doesn't scan",
    "code erreur 403",
    "Code 2FA jamais reçu par SMS",
    "My yogurt expired before the date on the lid",
])
def test_other_codes_are_no_promo_code(text: str) -> None:
    result = run(text)
    assert "pricing" not in result["topics"], result["topics"]
    assert not any("réduction" in d or "discount" in d for d in public_drafts(result))


@pytest.mark.parametrize("text", ["Le code NOEL20 a-t-il expiré ?", "Is the XMAS20 code still valid?",
                                  "Si le code NOEL20 est refusé, je fais comment ?"])
def test_a_named_code_asked_about_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", result["category"]
    assert not result["flags"]["brand_error"]

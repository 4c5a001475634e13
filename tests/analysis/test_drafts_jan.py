"""Drafts read as a careful community manager would write them: a privacy question answered in public, a
voucher named as the author named it, and no sentence that contradicts or repeats the comment."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import public_drafts, run, step_ids
from worker.analysis.guardrails import CHANNEL_LIMITS

BRAND = {"name": "Colibri"}


def drafts_of(text: str, channel: str = "facebook", **brand: Any) -> list[str]:
    return public_drafts(run(text, channel=channel, author={"name": "Marie"}, brand={**BRAND, **brand}))


# ---- 1. a question about the brand's data practices is answered in public, from the privacy policy

PRIVACY_QUESTIONS = [
    ("Vous partagez mes données ?", "fr"),
    ("Est-ce que vous revendez mes données personnelles à des tiers ?", "fr"),
    ("Vous vendez nos données comme Facebook ou pas ?", "fr"),
    ("Do you sell my data?", "en"),
    ("What do you do with my personal data?", "en"),
    ("Is my data safe with you?", "en"),
]
POLICY = {"fr": "politique de confidentialité", "en": "privacy policy"}
#: What a draft must not claim on the brand's behalf: the profile says nothing of its practices.
INVENTED = re.compile(r"(?i)https?:|www\.|\bnous ne (?:vendons|partageons|revendons)|\bjamais (?:vendu|partag)|"
                      r"\bwe (?:never|don't|do not|won't) (?:sell|share)|\bdélégué|data protection officer|\d")


@pytest.mark.parametrize("text, language", PRIVACY_QUESTIONS)
def test_a_privacy_question_is_answered_in_public_by_the_policy(text: str, language: str) -> None:
    result = run(text, channel="facebook", author={"name": "Marie"}, brand=BRAND)
    assert result["category"] == "question" and result["topics"][:1] == ["privacy"], (result["category"],
                                                                                     result["topics"])
    drafts = public_drafts(result)
    assert len(drafts) == 3
    for draft in drafts:
        assert POLICY[language] in draft, draft
        assert not INVENTED.search(draft), draft
        # private messages only for the data of the author's own account, after the public answer
        private = draft.find("privé" if language == "fr" else "private") if "DM" not in draft else draft.find("DM")
        assert private > draft.find(POLICY[language]) >= 0, draft
        assert ("compte" if language == "fr" else "account") in draft[draft.find(POLICY[language]):], draft
        assert "numéro de commande" not in draft and "order number" not in draft, draft


@pytest.mark.parametrize("text, language", PRIVACY_QUESTIONS)
@pytest.mark.parametrize("channel", ["twitter", "tiktok"])
def test_a_privacy_answer_fits_a_short_channel_and_keeps_the_policy(text: str, language: str, channel: str) -> None:
    result = run(text, channel=channel, author={"name": "Marie"}, brand=BRAND)
    for draft in result["replies"]:
        if draft["kind"] == "public":
            assert draft["characters"] <= CHANNEL_LIMITS[channel], draft
            assert POLICY[language] in draft["text"], draft
            assert set(draft["covers"]) == set(step_ids(result)), draft


def test_a_privacy_answer_keeps_the_brand_voice() -> None:
    for draft in drafts_of("Vous partagez mes données ?", address_form="tu"):
        assert not re.search(r"\b(?:vous|votre|vos)\b", draft), draft
        assert "tes données" in draft or "ton compte" in draft or "ton propre compte" in draft, draft
    for draft in drafts_of("Do you sell my data?", tone="formal"):
        assert "!" not in draft and not re.search(r"(?i)\b(?:it's|we'll|we're|n't)\b|n't", draft), draft
        assert "privacy policy" in draft
    email = "vie-privee@colibri.example"
    for draft in drafts_of("Vous partagez mes données ?", private_channel={"kind": "email", "value": email}):
        assert email in draft and "politique de confidentialité" in draft, draft


@pytest.mark.parametrize("text", [
    "Pouvez-vous supprimer mes données ?",
    "How can I delete my data?",
    "What data do you have on me?",
    "Quelles données avez-vous sur moi ?",
])
def test_a_request_about_ones_own_data_still_goes_private(text: str) -> None:
    for draft in drafts_of(text):
        assert "politique de confidentialité" not in draft and "privacy policy" not in draft, draft
        assert re.search(r"(?i)privé|private|DM", draft), draft


@pytest.mark.parametrize("text", [
    "Vous avez revendu mes données, je reçois des spams partout !",
    "Quand ouvre votre magasin de Lyon ?",
    "Do you ship to Canada?",
])
def test_no_policy_answer_where_no_practice_is_asked_about(text: str) -> None:
    for draft in drafts_of(text):
        assert "politique de confidentialité" not in draft and "privacy policy" not in draft, draft


def test_a_data_complaint_names_no_officer_the_brand_never_mentioned() -> None:
    for text in ("Vous avez revendu mes données, je reçois des spams partout !",
                 "Someone accessed my account and my data leaked, what happened??"):
        for draft in drafts_of(text):
            assert not INVENTED.search(draft), draft


# ---- 2. a voucher is named as the author named it, in the acknowledgement and the remedy

@pytest.mark.parametrize("text, named", [
    ("Mon bon d'achat de 30€ est refusé en caisse", "votre bon d’achat"),
    ("ma carte cadeau ne passe pas", "votre carte cadeau"),
    ("Mon chèque cadeau est refusé sur le site", "votre chèque cadeau"),
    ("My gift card was declined", "your gift card"),
    ("My voucher was refused at checkout", "your voucher"),
])
def test_a_refused_voucher_is_named_not_called_our_prices(text: str, named: str) -> None:
    drafts = drafts_of(text)
    assert drafts
    for draft in drafts:
        assert named in draft, draft
        assert "nos tarifs" not in draft and "our prices" not in draft and "promo" not in draft, draft
        assert "{" not in draft, draft


def test_a_voucher_or_a_blocked_card_keeps_its_remedy_in_the_tu_voice() -> None:
    result = run("ma carte cadeau ne passe pas", author={"name": "Marie"}, brand={**BRAND, "address_form": "tu"})
    assert not result["warnings"], result["warnings"]
    for draft in public_drafts(result):
        assert "ta carte cadeau" in draft and "votre" not in draft, draft
    result = run("Ma carte a été bloquée par erreur, c'est votre faute", author={"name": "Marie"},
                 brand={**BRAND, "address_form": "tu"})
    assert not result["warnings"], result["warnings"]
    assert all("ta carte" in d for d in public_drafts(result)), public_drafts(result)


@pytest.mark.parametrize("text, named, absent", [
    ("Le code promo NOEL20 ne fonctionne pas", "votre code promo", "bon d’achat"),
    ("Vos prix ont encore augmenté", "nos tarifs", "carte cadeau"),
    ("Your prices went up again", "our prices", "gift card"),
    ("My discount code SPRING25 won't apply", "your promo code", "gift card"),
])
def test_codes_and_prices_keep_their_names(text: str, named: str, absent: str) -> None:
    drafts = drafts_of(text)
    assert any(named in d for d in drafts), drafts
    assert not any(absent in d for d in drafts), drafts

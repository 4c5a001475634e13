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


# ---- 3. drafts that do not contradict the comment: no parcel, account, product or wait it never named

PARCEL = re.compile(r"(?i)colis|transporteur|nouvel envoi|le renvoyons|localisons|parcel|carrier|reship|new shipment")


@pytest.mark.parametrize("text, named", [
    ("Je n'ai pas reçu ma facture par mail pour ma commande de la semaine dernière", "facture"),
    ("I never got the invoice for my last order", "invoice"),
])
def test_an_invoice_never_received_is_sent_again_with_no_parcel_to_trace(text: str, named: str) -> None:
    for draft in drafts_of(text):
        assert not PARCEL.search(draft), draft
        assert named in draft and not re.search(r"prélevée? à tort|charged in error|taken in error", draft), draft


@pytest.mark.parametrize("text", ["Je n'ai pas reçu ma commande", "My order never arrived"])
def test_an_order_never_received_is_still_traced(text: str) -> None:
    assert all(PARCEL.search(d) for d in drafts_of(text)), drafts_of(text)


@pytest.mark.parametrize("text", [
    "remboursement jamais reçu, 1 mois que j'attends, vs vous foutez de nous",
    "Retour renvoyé le 3 octobre, reçu par vos entrepôts le 6, et toujours pas remboursé. 89 € quand même.",
    "Locked out of my account for 3 days, the password reset emails never arrive.",
])
def test_a_word_like_received_makes_no_delivery_next_to_a_more_serious_topic(text: str) -> None:
    for draft in drafts_of(text):
        assert not PARCEL.search(draft) and "livraison" not in draft and "your delivery" not in draft, draft
        assert " de le " not in draft and " de les " not in draft, draft


def test_a_lost_parcel_next_to_a_refund_is_still_traced() -> None:
    assert all(PARCEL.search(d) for d in drafts_of("Colis jamais reçu et toujours pas remboursé"))


UNLOCK = re.compile(r"(?i)débloquer|accès à votre compte|unlock|back into your account|regain access")


@pytest.mark.parametrize("text", [
    "Double prélèvement ce mois-ci sur mon compte, je veux être remboursé",
    "Refund promised 8 weeks ago. If it's not in my account by Friday I'm filing in small claims court.",
    'Hidden fees everywhere. £15 "account maintenance" charge that nobody told me about.',
])
def test_the_bank_account_money_went_to_is_nothing_to_unlock(text: str) -> None:
    for draft in drafts_of(text):
        assert not UNLOCK.search(draft), draft


def test_an_account_locked_next_to_a_charge_is_still_unlocked() -> None:
    assert all(UNLOCK.search(d) for d in drafts_of("Prélevé deux fois et en plus mon compte est bloqué"))


REPLACEMENT = re.compile(r"(?i)remplacement|échange|replacement|exchange")


@pytest.mark.parametrize("text", [
    "J'attends mon remboursement depuis 1 mois pour un article retourné",
    "You charged me twice for the same purchase ($214.99 x2) and I've been waiting 10 days for the refund.",
    "Vendeuse du magasin de Lyon Part-Dieu d'une impolitesse rare, elle a levé les yeux au ciel quand j'ai demandé "
    "une autre taille.",
])
def test_no_replacement_offered_for_a_product_nobody_complained_about(text: str) -> None:
    for draft in drafts_of(text):
        assert not REPLACEMENT.search(draft), draft


def test_a_faulty_product_is_still_replaced() -> None:
    assert all(REPLACEMENT.search(d) for d in drafts_of("J'ai trouvé un cheveu dans mon plat, c'est dégueulasse"))


@pytest.mark.parametrize("text", ["Plus d'internet depuis 2 jours, personne ne répond",
                                  "PUTAIN 3 JOURS SANS INTERNET BANDE DE VOLEURS",
                                  "Internet down for 3 days now, nobody answers"])
def test_an_outage_that_lasts_is_no_wait(text: str) -> None:
    for draft in drafts_of(text):
        assert not re.search(r"(?i)attente|attendre|waiting|to wait", draft), draft
        assert re.search(r"(?i)sans service|panne|without service|outage", draft), draft


@pytest.mark.parametrize("text", ["Ça fait 3 semaines que j'attends ma commande",
                                  "Vos serveurs exposent des fichiers clients en accès public. J'ai signalé la faille "
                                  "il y a 10 jours, sans réponse."])
def test_a_wait_is_still_a_wait(text: str) -> None:
    for draft in drafts_of(text):
        assert "sans service" not in draft and "panne" not in draft, draft


def test_the_frustration_is_understood_once() -> None:
    for text in ("Ordered 2 weeks ago and still nothing, tracking hasn't moved for 10 days",
                 "My refund has been pending for 3 weeks, this is ridiculous"):
        for draft in drafts_of(text):
            assert draft.lower().count("frustrat") <= 1, draft


@pytest.mark.parametrize("text", ["Pourriez-vous ajouter un mode sombre à l'application ?",
                                  "Please add an offline mode to the app, it's useless on the tube"])
def test_a_suggestion_in_a_sharp_tone_is_thanked_as_an_idea(text: str) -> None:
    result = run(text, author={"name": "Marie"}, brand=BRAND)
    assert result["category"] == "suggestion"
    for draft in public_drafts(result):
        assert re.search(r"(?i)idée|suggestion|idea", draft), draft
        assert not re.search(r"(?i)souci|désolés|sorry|problem|trouble", draft), draft


def test_a_threat_about_a_driver_traces_no_parcel() -> None:
    for draft in drafts_of("Next time your driver blocks my driveway I'm slashing his tyres. Consider this a warning."):
        assert not re.search(r"(?i)tracking your parcel|reship|new shipment|if the parcel", draft), draft


@pytest.mark.parametrize("text, named", [
    ("Carte bloquée en plein voyage alors que j'avais prévenu mon agence. Impossible de payer l'hôtel.", "votre carte"),
    ("My card got blocked while abroad and nobody picks up the phone", "your card"),
])
def test_a_blocked_card_is_named_and_unblocked(text: str, named: str) -> None:
    for draft in drafts_of(text):
        assert named in draft and not re.search(r"(?i)facture|prélev|invoice|billing", draft), draft


def test_computer_servers_are_no_waiters() -> None:
    text = "Vos serveurs exposent des fichiers clients en accès public. J'ai signalé la faille il y a 10 jours."
    for draft in drafts_of(text):
        assert "service en salle" not in draft and "établissement" not in draft, draft
    assert all("service en salle" in d for d in drafts_of("Le serveur nous a ignorés pendant 20 minutes"))


def test_a_privacy_question_about_calls_received_is_looked_at_in_private() -> None:
    text = "Depuis que j'ai ouvert un compte chez vous, je reçois 3 appels de démarchage par jour. Vous avez revendu mon numéro ?"
    for draft in drafts_of(text):
        assert "politique de confidentialité" not in draft and "privé" in draft, draft


# ---- a request about one's own data is taken in charge; luggage is searched for; a journey is named as one

@pytest.mark.parametrize("text, taken", [
    ("Pouvez-vous supprimer mes données ?", r"demande|nous en occupons"),
    ("How can I delete my data?", r"request|take care"),
    ("What data do you have on me?", r"request|take care"),
])
def test_a_request_about_ones_own_data_is_taken_in_charge_in_private(text: str, taken: str) -> None:
    for draft in drafts_of(text):
        assert re.search(taken, draft), draft
        assert re.search(r"(?i)privé|private|DM", draft), draft
        assert not re.search(r"(?i)merci pour votre question|thanks for (?:your question|asking)|!", draft), draft
        assert not INVENTED.search(draft), draft
    for draft in drafts_of(text, address_form="tu"):
        assert not re.search(r"\b(?:vous|votre|vos)\b", draft), draft


def test_a_data_request_fits_a_short_channel() -> None:
    for channel in ("twitter", "tiktok"):
        result = run("Pouvez-vous supprimer mes données ?", channel=channel, author={"name": "Marie"}, brand=BRAND)
        for draft in result["replies"]:
            if draft["kind"] == "public":
                assert draft["fits_channel"] and set(draft["covers"]) == set(step_ids(result)), draft


@pytest.mark.parametrize("text, named", [
    ("Valise perdue depuis 5 jours, personne ne sait où elle est", "votre bagage"),
    ("My suitcase never arrived in Lisbon, it's been 3 days", "your luggage"),
])
def test_lost_luggage_is_searched_for_not_reshipped(text: str, named: str) -> None:
    result = run(text, channel="facebook", author={"name": "Marie"}, brand=BRAND)
    for draft in public_drafts(result):
        assert named in draft and not PARCEL.search(draft), draft
        assert "livraison" not in draft and "delivery" not in draft, draft
    private = [d["text"] for d in result["replies"] if d["kind"] == "private"]
    assert private and all("vol" in p or "flight" in p for p in private), private
    assert not any("code postal" in p or "postcode" in p for p in private), private


@pytest.mark.parametrize("text, named, generic", [
    ("Vol retardé de 6h, aucune info, aucun repas, personnel introuvable au comptoir. Lamentable.",
     "votre voyage", "notre service client"),
    ("Flight cancelled 2 hours before departure, no rebooking, no hotel, no staff at the desk. Absolute shambles.",
     "your journey", "your experience with our customer service"),
])
def test_a_journey_disrupted_is_named_as_a_journey(text: str, named: str, generic: str) -> None:
    for draft in drafts_of(text):
        assert named in draft and generic not in draft, draft


def test_customer_service_outside_a_journey_keeps_its_name() -> None:
    assert all("notre service client" in d for d in drafts_of("Le conseiller m'a raccroché au nez. Super l'accueil..."))


TRACING = re.compile(r"(?i)tracking your parcel|if the parcel can't be found|localisons votre colis|si le colis reste "
                     r"introuvable|enquête auprès du transporteur|investigation with the carrier")


@pytest.mark.parametrize("text", [
    "Your idiot driver threw my parcel over the fence and broke it",
    "Your drivers are morons. Parcel thrown over the fence AGAIN and smashed.",
    'Oh great, another "quick" delivery that took two weeks. Thanks a lot.',
])
def test_a_parcel_that_came_damaged_or_late_is_not_searched_for(text: str) -> None:
    for draft in drafts_of(text):
        assert not TRACING.search(draft), draft


@pytest.mark.parametrize("text", ["Mon colis n'est jamais arrivé, le carton du voisin était écrasé",
                                  "Colis jamais reçu", "My parcel never arrived"])
def test_a_parcel_that_never_came_is_still_searched_for(text: str) -> None:
    drafts = drafts_of(text)
    assert any(TRACING.search(d) or "transporteur" in d or "carrier" in d for d in drafts), drafts


def test_a_refused_code_is_named_next_to_a_payment() -> None:
    for draft in drafts_of("Code promo BIENVENUE10 refusé au paiement alors qu'il est valable jusqu'à fin du mois"):
        assert "votre code promo" in draft and "votre facturation" not in draft, draft

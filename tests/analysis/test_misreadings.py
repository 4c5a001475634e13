"""Comments the engine misread, found by reading its outputs (fr + en): praise emoji around a late parcel, a charge
that does not match the plan, a mishap that luck already put right, money troubles of the author's own, a request
to erase one's data, Québec swear words said for emphasis, and requests that look like something else. Each case
comes with a look-alike that must keep its reading, so that the fix stays a reading and not a word list."""
from __future__ import annotations

import pytest

from tests.analysis.reading import public_drafts, run, signals, step_ids


# ---- 1. heart eyes around a late parcel are irony; around a quick one, or before a "but", they are not

@pytest.mark.parametrize("text, sincere", [
    ("Love how my next day delivery is on day 6 😍", "Ordered on Monday, delivered on day 2, love it 😍"),
    ("Loving that my express order showed up on day 9 🥰", "Loving my express order, here in 24h 🥰"),
    ("Ma livraison express arrive au 8e jour, trop contente 😍", "Commande reçue en 24h, trop contente 😍"),
    ("Livraison garantie en 24h, on est au jour 5 😍", "Parfum incroyable 😍 mais le bouchon a cassé"),
    ("Colis en 48h livré avec 6 jours de retard 🥰", "Colis livré en 48h comme prévu 🥰"),
    ("Adore recevoir ma commande express au bout de 10 jours 😍", "Commande express reçue en 2 jours 😍"),
    ("Paid for express shipping, got my order after 8 days 😍", "Paid for express shipping, got my order the next day 😍"),
])
def test_a_praise_emoji_around_a_late_delivery_is_sarcasm(text: str, sincere: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert "delivery" in result["topics"]
    assert "sarcasm" in signals(result), result["cues"]
    assert "sarcasm" not in signals(run(sincere))


# ---- 2. charged more than the price agreed: the brand's billing error, even asked as a question

@pytest.mark.parametrize("text, prices", [
    ("I was charged $49.99 but my plan is $29.99, can someone explain?",
     "Is the plan $29.99 or $49.99 with the extra option?"),
    ("You billed me £35 instead of £20 this month??", "Is it £20 or £35 for the premium box?"),
    ("My bill says 60 euros but my contract says 45 euros??", "Is the bill 45 or 60 euros with the option?"),
    ("On m'a prélevé 49,99 € alors que mon forfait est à 29,99 €, quelqu'un peut m'expliquer ?",
     "Le forfait passe de 19,99 € à 24,99 € ? C'est pour quand ?"),
])
def test_a_charge_that_does_not_match_the_price_is_a_billing_error(text: str, prices: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", result["category"]
    assert "billing" in result["topics"]
    assert result["flags"]["brand_error"], result["flags"]
    assert result["sentiment"]["label"] == "negative"
    assert not run(prices)["flags"]["brand_error"]   # two prices, no charge


# ---- 3. a wrong delivery that luck already put right: apology and a correction, no reshipment

_RESHIP = ("renvoi", "nouvel envoi", "renvoyons", "rembours", "reship", "send your order again", "new shipment",
           "refund")


@pytest.mark.parametrize("text, lost", [
    ("Livré chez le voisin… heureusement il est honnête",
     "Colis jamais reçu, heureusement que j'avais pris l'assurance"),
    ("Colis déposé à la mauvaise adresse, par chance la dame d'en face me l'a rapporté",
     "Colis déposé à la mauvaise adresse et jamais retrouvé"),
    ("Delivered to my neighbour's house, luckily he's honest",
     "My parcel never arrived, luckily I paid by card"),
    ("Parcel left at the wrong house, thankfully they brought it over",
     "Parcel left at the wrong house and now it's gone"),
    ("Colis livré au mauvais numéro, heureusement le voisin me l'a rapporté",
     "Colis livré au mauvais numéro et jamais retrouvé"),
])
def test_a_delivery_mistake_luck_put_right_gets_an_apology_not_a_reshipment(text: str, lost: str) -> None:
    result = run(text)
    assert result["category"] == "complaint" and "delivery" in result["topics"]
    assert "accept_error" in step_ids(result)
    drafts = public_drafts(result)
    assert drafts
    for draft in drafts:
        assert not any(word in draft.lower() for word in _RESHIP), draft
    # a parcel still lost is still sent again or refunded
    assert any(word in draft.lower() for draft in public_drafts(run(lost)) for word in _RESHIP)


# ---- 4. the author's own money troubles are no product defect

@pytest.mark.parametrize("text, product", [
    ("I'm broke lol", "My blender broke after two uses"),
    ("we're so broke until payday haha", "The handle broke the first time we used it"),
    ("Chu cassé ce mois-ci lol", "Mon écran est cassé depuis la livraison"),
    ("je suis cassée jusqu'à la fin du mois mdr", "La poignée est cassée, je suis déçue"),
])
def test_being_broke_is_no_product_complaint(text: str, product: str) -> None:
    result = run(text)
    assert result["topics"] == [], result["topics"]
    assert result["category"] not in ("complaint", "praise"), result["category"]
    defect = run(product)
    assert defect["category"] == "complaint" and defect["topics"], defect["topics"]


# ---- 5. asking to erase one's data is a request handled in private, not a leak to escalate

@pytest.mark.parametrize("text, leak", [
    ("Can you delete my account and all my data", "you leaked my data"),
    ("Please erase all my personal data, thanks", "Please delete my data, you leaked it to spammers"),
    ("Pouvez-vous supprimer mon compte et toutes mes données", "Vous avez divulgué mes données personnelles"),
    ("Merci de supprimer mes données personnelles de vos fichiers",
     "Mes données personnelles ont fuité, supprimez-les"),
    ("Merci d'effacer mes données de votre fichier client", "Effacez mes données, vous avez été piratés"),
])
def test_a_request_to_erase_ones_data_goes_private_without_escalation(text: str, leak: str) -> None:
    result = run(text)
    assert not result["flags"]["escalate"], result["flags"]
    assert result["priority"]["level"] != "urgent"
    assert "privacy" in result["topics"]
    assert "move_to_private" in step_ids(result)
    assert "escalate" not in step_ids(result)
    leaked = run(leak)
    assert leaked["flags"]["escalate"] and leaked["priority"]["level"] == "urgent", leaked["flags"]


# ---- 6. Québec swear words as intensifiers are no insult; aimed at people they are

@pytest.mark.parametrize("text, aimed", [
    ("Ostie que c'est bon", "Ostie de cave, rends-moi mon argent"),
    ("c'est tabarnak de bon", "Ta gueule mon tabarnak"),
    ("Câlisse que j'aime votre poutine", "Vous êtes des osties d'incompétents"),
    ("Crisse de belle job l'équipe", "Crisse de voleurs, vous m'avez arnaqué"),
])
def test_quebec_swear_words_for_emphasis_are_not_toxic(text: str, aimed: str) -> None:
    result = run(text)
    assert not result["flags"]["toxic"], result["cues"]
    assert result["sentiment"]["label"] == "positive", result["sentiment"]
    assert run(aimed)["flags"]["toxic"]


@pytest.mark.parametrize("text, aimed", [
    ("Tabarnak que votre service client est lent", "Ostie de cave, rends-moi mon argent"),
    ("Ostie que c'est long votre livraison", "Vous êtes des osties d'incompétents"),
])
def test_quebec_swear_words_stressing_a_complaint_are_not_toxic(text: str, aimed: str) -> None:
    result = run(text)
    assert result["category"] == "complaint" and result["sentiment"]["label"] == "negative"
    assert not result["flags"]["toxic"], result["cues"]
    assert run(aimed)["flags"]["toxic"]


# ---- 7. requests that look like something else

@pytest.mark.parametrize("text", [
    "lemme kno if it comes in red",
    "Interested in the navy one in a medium, let me kno",
    "any restock planned for the grey hoodie lmkk",
])
def test_lmk_asks_as_typed(text: str) -> None:
    assert run(text)["category"] == "question"


@pytest.mark.parametrize("text, thanks", [
    ("Merci d'annuler ma commande 4521", "Merci d'avoir annulé ma commande si vite"),
    ("Merci d'effacer mon numéro de votre liste d'appels", "Merci d'être toujours aussi réactifs"),
])
def test_merci_before_an_elided_infinitive_asks(text: str, thanks: str) -> None:
    assert run(text)["category"] == "question"
    assert run(thanks)["category"] != "question"   # "merci d'avoir...", "merci d'être...": thanks for what was done


@pytest.mark.parametrize("text", [
    "Vous acceptez les chèques vacances ?",
    "On peut payer en chèque vacances chez vous ?",
    "Do you take holiday vouchers?",
])
def test_a_means_of_payment_named_after_holidays_is_a_plain_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert result["sentiment"]["label"] == "neutral", result["sentiment"]


@pytest.mark.parametrize("text, proposal", [
    ("Serait-il possible d'avoir un remboursement ?", "Serait-il possible d'avoir plus de couleurs ?"),
    ("Serait-il possible d'obtenir un avoir pour ma commande ?", "Serait-il possible d'ajouter un mode sombre ?"),
])
def test_asking_whether_a_refund_is_possible_is_a_request(text: str, proposal: str) -> None:
    result = run(text)
    assert result["category"] in ("question", "complaint"), result["category"]
    assert "returns_refunds" in result["topics"] or "billing" in result["topics"], result["topics"]
    assert run(proposal)["category"] == "suggestion"

"""Common brand comments the engine misread, French and English: a parcel thrown over a gate, an item received
with a hole or a tear, an ad that promises what the product does not do, venting with nothing named, a refund
demanded in anger, an order stuck in preparation, a churn threat after an outage, a redirect to a rival, a promo
code whose name is a kind word."""
from __future__ import annotations

import re

import pytest

from worker.analysis import analyze


def run(text: str) -> dict:
    return analyze({"text": text, "channel": "facebook"})


def public(result: dict) -> list[str]:
    return [d["text"] for d in result["replies"] if d["kind"] == "public"]


@pytest.mark.parametrize("text", [
    "Le livreur a jeté mon colis par-dessus le portail, bravo le respect du client",
    "Mon colis a été balancé par-dessus la clôture, heureusement qu'il n'a pas plu",
    "Votre transporteur a lancé le colis par-dessus le mur du jardin. Sérieusement ?",
    "Le livreur a balancé le carton dans la flaque devant chez moi",
    "The courier tossed my parcel over the gate and drove off",
    "Driver just chucked the package over the wall, I watched it on my camera",
])
def test_a_parcel_thrown_by_the_courier_is_a_delivery_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert "delivery" in result["topics"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text", [
    "J'ai reçu un pull troué, je veux un échange.",
    "Le jean commandé la semaine dernière est arrivé déchiré au genou",
    "La nappe est tachée de partout, c'est inadmissible",
    "Deux boutons et une couture décousue sur une chemise neuve...",
    "Le mug est ébréché, je l'ai à peine sorti du carton",
    "Ma veste est arrivée avec un accroc dans la manche",
    "Got a sweater with a hole in it, I want an exchange.",
    "The duvet cover came torn along the side",
    "My new shirt is stained on the collar, not impressed",
    "The bowl was chipped straight out of the box",
    "T-shirt arrived with a big stain on the front",
])
def test_an_item_received_with_a_defect_is_a_product_quality_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert "product_quality" in result["topics"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text", [
    "Votre pub est mensongère, le produit ne fait pas du tout ce que vous promettez",
    "Publicité mensongère, ce sérum n'a rien changé à ma peau",
    "False advertising, this serum did nothing for my skin",
])
def test_an_ad_the_product_does_not_live_up_to_is_a_product_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert result["topics"] == ["product_quality"]
    # no defect established: the brand does not admit a false claim in public
    assert not result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text", [
    "Nul nul nul. Plus jamais.",
    "Franchement décevant. Plus jamais !",
    "Sucks sucks sucks. Never again.",
])
def test_venting_with_nothing_named_is_a_complaint_to_ask_about(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert result["flags"]["needs_more_info"], result["flags"]


@pytest.mark.parametrize("text", [
    "Vous êtes des voleurs, rendez-moi mon argent !!!",
    "Arnaque totale, rendez-nous notre argent.",
    "Rendez-moi mon argent, bande d'escrocs",
    "You're thieves, give me my money back!!!",
])
def test_money_demanded_back_is_a_refund(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "returns_refunds" in result["topics"], result["topics"]


@pytest.mark.parametrize("text", [
    'Commande passée il y a 10 jours, toujours "en préparation". Sérieux ?',
    "Ma commande est toujours « en cours de préparation » depuis le 3 mars",
    'Commande bloquée "en cours de préparation" depuis le 2, personne ne répond',
    'Ordered 10 days ago and it still says "processing". Seriously?',
    "My order still shows “pending” after 9 days, what is going on",
])
def test_an_order_stuck_in_preparation_is_chased_at_the_warehouse(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert result["topics"] == ["delivery"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]
    # not shipped yet: no carrier to question, no parcel to trace
    for draft in public(result):
        assert not re.search(r"(?i)transporteur|carrier|colis|parcel", draft), draft


@pytest.mark.parametrize("text", [
    "Quelqu'un sait si le code BIENVENUE marche encore ?",
    "Le code promo MERCI est valable sur les articles soldés ?",
    "Does anyone know if the code WELCOME still works?",
    "Is the coupon code AWESOME valid on sale items?",
])
def test_a_promo_codes_name_carries_no_feeling(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "neutral", result["sentiment"]
    assert result["category"] == "question"
    assert not any(c["signal"].startswith("sentiment:") for c in result["cues"]), result["cues"]


@pytest.mark.parametrize("text", [
    "Encore une panne réseau, 3e fois ce mois-ci. Je vais résilier.",
    "Trois jours sans internet, je résilie mon abonnement dès lundi.",
    "Encore coupé internet ce soir, je vais résilier.",
    "Another outage, third time this month. I'm cancelling my subscription.",
    "No signal again since Tuesday. I'll cancel my contract if this keeps up.",
])
def test_leaving_after_an_outage_is_about_the_outage_not_billing(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["technical"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]
    for draft in public(result):
        assert not re.search(r"(?i)factur|rembours|prélev|refund|charge|billing", draft), draft


@pytest.mark.parametrize("text", [
    "J'ai résilié mon abonnement et vous m'avez encore prélevé ce mois-ci",
    "I cancelled my subscription in March and you still charged me",
])
def test_a_charge_after_leaving_stays_a_billing_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "billing" in result["topics"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text, topic", [
    ("Allez plutôt chez Decathlon, c'est moins cher et ils répondent eux.", "pricing"),
    ("Commandez plutôt chez Darty, livré en 24h et super accueil.", "customer_service"),
    ("Just go to Walmart instead, cheaper and they actually answer.", "pricing"),
    ("Honestly, shop at Lidl instead. Same stuff, half the price and friendly staff.", "pricing"),
])
def test_a_redirect_to_a_rival_is_blame_never_praise(text: str, topic: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert topic in result["topics"], result["topics"]
    # the rival's praise, with nothing the author lived: promotion, answered calmly with no remedy for an incident
    assert result["flags"]["suspected_bad_faith"], result["flags"]
    for draft in public(result):
        assert not re.search(r"(?i)plaisir|ravis|chaleureux|confiance|lovely|made the whole team|so much for|"
                             r"nouvel envoi|renvoi|reship|new shipment", draft), draft


@pytest.mark.parametrize("text", [
    "J'ai attendu 3 semaines mon colis, allez plutôt chez Boulanger.",
    "Waited 3 weeks for a reply, just go to Currys instead.",
])
def test_a_redirect_after_a_failure_lived_is_a_complaint_in_good_faith(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"
    assert not result["flags"]["suspected_bad_faith"], result["flags"]


@pytest.mark.parametrize("text", [
    "J'ai reçu un pull troué, je veux un échange.",
    "Reçu ma robe hier : décousue sur tout le côté. Je souhaite un échange svp",
    "Got a sweater with a hole in it, I want an exchange.",
    "Received the cushion covers today, one is stained. Can I exchange it?",
])
def test_a_defective_item_is_answered_with_a_replacement(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["product_quality"], result["topics"]
    assert result["flags"]["brand_error"], result["flags"]
    for draft in public(result):
        assert re.search(r"(?i)remplacement|échange|replacement|exchange", draft), draft
        assert not re.search(r"(?i)livraison|transporteur|votre remboursement|delivery|carrier|your refund", draft), draft


@pytest.mark.parametrize("text", [
    "Your ad says waterproof, it leaked on the first day.",
    "My new water bottle leaked all over my bag",
])
def test_a_product_that_leaks_is_no_data_leak(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["product_quality"], result["topics"]
    assert not result["flags"]["escalate"], result["flags"]


@pytest.mark.parametrize("text", [
    "Y a-t-il une panne réseau en ce moment ?",
    "Il y a une panne internet à Lyon ?",
    "Is the internet down in Leeds right now?",
])
def test_asking_whether_the_service_is_down_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text", [
    "Save your money and buy from Costco instead",
    "Achetez plutôt chez Boulanger, eux au moins ils livrent à l'heure",
])
def test_a_redirect_in_a_second_clause_is_blame(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "Je suis déchirée entre le rouge et le bleu, les deux sont magnifiques 😍",
    "Les jeans troués sont à la mode cette année, j'adore votre collection",
    "I'm torn between the green and the navy, both look amazing",
])
def test_a_defect_word_in_a_phrase_that_means_something_else_is_no_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", result["category"]
    assert not result["flags"]["brand_error"], result["flags"]


@pytest.mark.parametrize("text", [
    "Allez plutôt sur la taille au-dessus, ça taille petit",
    "Try Firefox instead, the site works fine there",
])
def test_advice_to_take_something_else_is_no_redirect_to_a_rival(text: str) -> None:
    assert not run(text)["flags"]["suspected_bad_faith"]


@pytest.mark.parametrize("text", [
    "My friends chipped in to buy me your watch, love it",
    "The stained glass lamp is gorgeous",
])
def test_a_defect_word_in_a_set_phrase_is_no_defect(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", result["category"]
    assert not result["flags"]["brand_error"], result["flags"]

"""Brands outside e-commerce (airlines and trains, restaurants, banks, telecoms, cosmetics, video games, data
protection) whose comments the shop-centred engine misread: the wrong topic, or a remedy that does not fit (a parcel
reshipped after a cancelled flight, a refund for a blocked card). Each case comes with a look-alike that must keep
its reading (fr + en)."""
from __future__ import annotations

import pytest

from tests.analysis.reading import public_drafts, run, signals, step_ids


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


# ---- a journey disrupted (flight, train, connection) is no parcel and no shop: rebook or refund, compensation due

_PARCEL_OR_SHOP = ("colis", "transporteur", "magasin", "parcel", "carrier", "shipment", "store manager", "reship")


@pytest.mark.parametrize("text", [
    "Vol annulé la veille au soir, aucune solution proposée, on dort à l'aéroport.",
    "Notre vol pour Lisbonne a été annulé à la dernière minute et personne ne nous aide",
    "Train supprimé encore ce matin, j'arrive en retard au boulot",
    "Flight delayed 6 hours and not even a meal voucher.",
    "Our flight to Rome was cancelled and nobody at the desk could help",
    "My connecting flight was delayed 4 hours, missed my connection",
])
def test_a_disrupted_journey_is_answered_with_a_journey_remedy(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", result["category"]
    assert result["flags"]["brand_error"], result["cues"]
    assert not {"delivery", "store", "product_quality"} & set(result["topics"]), result["topics"]
    assert not result["flags"]["needs_more_info"]
    for draft in public_drafts(result):
        folded = draft.lower()
        assert not any(word in folded for word in _PARCEL_OR_SHOP), draft
        assert any(word in folded for word in ("rembours", "réachemin", "refund", "rebook")), draft


@pytest.mark.parametrize("text", ["Mon colis a été retardé de 5 jours", "My parcel is delayed again",
                                  "C'est du vol, livraison encore retardée",
                                  "The installation of my fibre connection was cancelled again"])
def test_a_delayed_parcel_or_connection_keeps_its_remedy(text: str) -> None:
    result = run(text)
    assert {"delivery", "technical"} & set(result["topics"]), result["topics"]
    assert not any("réachemin" in d or "rebook" in d for d in public_drafts(result))


# ---- a waiter is a person: customer service, and the manager on site hears about it

@pytest.mark.parametrize("text", [
    "Le serveur nous a ignorés pendant 30 minutes, ambiance glaciale.",
    "La serveuse a été très désagréable avec nous",
    "Our server forgot our order and was rude",
    "The waitress ignored our table for half an hour",
])
def test_a_waiter_is_customer_service_not_a_machine(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"][:1] == ["customer_service"], result["topics"]
    assert "delivery" not in result["topics"]
    for draft in public_drafts(result):
        assert not any(word in draft.lower() for word in ("technique", "technical", "rétablir le service", "carrier")), draft


@pytest.mark.parametrize("text", ["Le serveur est en panne depuis ce matin, impossible de se connecter",
                                  "Your servers are down again, can't log in"])
def test_a_server_down_stays_technical(text: str) -> None:
    assert run(text)["topics"][:1] == ["technical"]


# ---- a payment card blocked is an access problem: unblock it and explain, no refund of a charge

@pytest.mark.parametrize("text", [
    "La carte bancaire bloquée en plein voyage sans prévenir",
    "Ma carte a été bloquée alors que je suis à l'étranger",
    "Card blocked while abroad without warning",
    "You froze my card for no reason and I'm stuck at the till",
])
def test_a_blocked_card_is_an_access_problem(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "account" in result["topics"] and "billing" not in result["topics"], result["topics"]
    assert result["priority"]["level"] != "urgent", result["priority"]
    for draft in public_drafts(result):
        folded = draft.lower()
        assert "débloquer" in folded or "réactiver" in folded or "unblock" in folded or "reactivate" in folded \
            or "working again" in folded or "en rendre l’usage" in folded, draft
        assert "prélevé à tort" not in folded and "charged in error" not in folded, draft


@pytest.mark.parametrize("text", ["Carte bancaire débitée deux fois pour la même commande", "My card was charged twice"])
def test_a_card_charged_twice_stays_billing(text: str) -> None:
    assert run(text)["topics"][:1] == ["billing"]


# ---- a plan changed without consent is the brand's error: restore it, refund the difference

@pytest.mark.parametrize("text", [
    "Mon forfait a été changé sans mon accord.",
    "Vous avez changé mon abonnement sans me prévenir, je paie plus cher",
    "They changed my plan without asking me.",
    "You switched my subscription to premium without my consent",
    "On m'a basculé sur une offre plus chère sans me demander",
])
def test_a_plan_changed_without_consent_is_restored(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"], result["cues"]
    assert "privacy" not in result["topics"]
    for draft in public_drafts(result):
        folded = draft.lower()
        assert "offre la plus adaptée" not in folded and "suits you best" not in folded, draft
        assert any(word in folded for word in ("rétabli", "remettons en place", "restor", "original plan",
                                               "revers")), draft


@pytest.mark.parametrize("text", ["Je voudrais changer de forfait, c'est possible ?",
                                  "Can I change my plan to the cheaper one?"])
def test_a_plan_change_asked_for_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


# ---- a voucher or gift card refused is handled like a promo code, not as a refund awaited

@pytest.mark.parametrize("text", [
    "Bonjour, je n'arrive pas à utiliser mon bon d'achat en magasin",
    "Ma carte cadeau est refusée en caisse",
    "My gift card was declined at checkout",
    "Your site won't accept my gift card, it keeps saying invalid",
])
def test_a_refused_voucher_is_checked_not_refunded(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "returns_refunds" not in result["topics"] and "billing" not in result["topics"], result["topics"]
    assert result["flags"]["brand_error"], result["cues"]
    for draft in public_drafts(result):
        folded = draft.lower()
        assert "votre remboursement" not in folded and "your refund" not in folded, draft
        assert "bon" in folded or "voucher" in folded or "gift card" in folded, draft


@pytest.mark.parametrize("text", ["Je voudrais offrir une carte cadeau, vous en vendez ?", "Do you sell gift cards?"])
def test_a_gift_card_asked_about_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


# ---- the brand's claim quoted back at it ("nourishing" shampoo that dries hair) is irony about a product that failed

@pytest.mark.parametrize("text", [
    'Cheveux tout secs après votre shampoing "nourrissant"',
    "Trempé jusqu'aux os avec vos bottes « imperméables »",
    'Votre crème "anti-rides" m\'a donné des boutons',
    'My hair is so dry after your "nourishing" shampoo',
    'Soaked through in your "waterproof" jacket after ten minutes',
    'Two washes and your “colourfast” jeans are grey',
    'Your "fast" charger takes 5 hours lol',
    'Votre chargeur "rapide" met 5 heures mdr',
])
def test_a_claim_quoted_back_is_a_product_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] == "complaint", result["category"]
    assert result["topics"][:1] == ["product_quality"], result["topics"]
    assert "sarcasm" in signals(result), result["cues"]


@pytest.mark.parametrize("text", [
    'J\'adore votre shampoing "nourrissant", il porte bien son nom',
    'Love your "nourishing" shampoo, my hair has never been softer',
    'Votre shampoing "nourrissant" existe en grand format ?',
    'Is your "waterproof" jacket also windproof?',
    'Votre gamme "Nature" sort quand ?',
])
def test_a_claim_quoted_in_praise_or_a_question_keeps_its_reading(text: str) -> None:
    result = run(text)
    assert result["category"] in ("praise", "question"), result["category"]
    assert "sarcasm" not in signals(result)

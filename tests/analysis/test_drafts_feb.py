"""Drafts read as a careful native community manager would write them (February pass): no compensation the brand
never stated (a journey grounded by a strike or the weather; a guardrail against any claim), a booking reference
rather than an order number for a journey, no "wait" read in an age, a promised time or a quick fix, compliments
passed on to staff, missing items and meals not treated as parcels, a blocked card unblocked, an organisation greeted
by its name, an insult answered calmly, a worry about one's data heard, each with look-alikes that keep their draft."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import public_drafts, run, step_ids

BRAND = {"name": "Colibri"}


def analysis(text: str, channel: str = "facebook", **brand: Any) -> dict:
    return run(text, channel=channel, author={"name": "Marie"}, brand={**BRAND, **brand})


def private_drafts(result: dict) -> list[str]:
    return [draft["text"] for draft in result["replies"] if draft["kind"] == "private"]


# ---- 1. a journey grounded by a strike or the weather: rebooked or refunded, with no compensation asserted

#: Compensation asserted or promised (the brand said none): "the compensation you're owed", "l'indemnisation à
#: laquelle vous avez droit", "vous serez indemnisé".
COMPENSATION = re.compile(r"(?i)indemnis|compens|dédommag|entitled|owed|\bdue\b|vous est due|avez droit")

OUTSIDE_CONTROL = [
    "Mon TGV Paris-Lyon a été annulé à cause de la grève, je fais comment pour rentrer ce soir ?",
    "Vol AF1234 annulé à cause de la tempête, aucune info à l'aéroport, on dort par terre.",
    "Train supprimé pour cause de grève, personne pour nous renseigner en gare.",
    "Notre vol pour Montréal est annulé à cause de la neige, on fait quoi maintenant ?",
    "My flight to Dublin was cancelled because of the storm and nobody at the desk can tell us anything.",
    "Train cancelled due to the rail strike, how do I get a refund for my ticket?",
    "Flight to Oslo cancelled because of the blizzard, what are my options?",
]


@pytest.mark.parametrize("text", OUTSIDE_CONTROL)
@pytest.mark.parametrize("voice", [{}, {"address_form": "tu"}, {"tone": "formal"}])
def test_a_journey_grounded_by_a_strike_or_the_weather_gets_no_compensation_claim(text: str,
                                                                                  voice: dict) -> None:
    result = analysis(text, **voice)
    assert not result["flags"]["brand_error"], result["cues"]
    drafts = public_drafts(result)
    assert drafts
    for draft in drafts + private_drafts(result):
        assert not COMPENSATION.search(draft), draft
    for draft in drafts:   # still helped: another departure or a refund
        assert re.search(r"(?i)rembours|réachemin|autre départ|refund|rebook|another departure|alternative", draft), draft


@pytest.mark.parametrize("text", [
    "Vol Paris-Nice annulé 2h avant sans explication et personne au comptoir",
    "Vol annulé la veille au soir, aucune solution proposée, on dort à l'aéroport.",
    "Flight cancelled 2 hours before departure, no rebooking, no hotel, no staff at the desk.",
    "Flight cancelled last minute, no reason given",
])
def test_a_journey_the_carrier_cancelled_checks_compensation_without_promising_it(text: str) -> None:
    result = analysis(text)
    assert result["flags"]["brand_error"], result["cues"]
    for draft in public_drafts(result):
        # whether compensation applies is checked, never asserted as owed
        assert not re.search(r"(?i)owed|entitled|vous est due|avez droit|prévue dans votre|serez indemnis|"
                             r"will be compensated", draft), draft


@pytest.mark.parametrize("text, reference", [
    ("Vol AF1234 annulé à cause de la tempête, aucune info à l'aéroport", "réservation"),
    ("Vol Paris-Nice annulé 2h avant sans explication et personne au comptoir", "réservation"),
    ("Train cancelled due to the rail strike, how do I get a refund for my ticket?", "booking reference"),
    ("Flight cancelled 2 hours before departure, no rebooking, no hotel", "booking reference"),
])
def test_a_journey_is_followed_up_with_its_booking_reference_not_an_order_number(text: str, reference: str) -> None:
    result = analysis(text)
    private = private_drafts(result)
    assert private and reference in private[0], private
    assert "commande" not in private[0] and "order number" not in private[0], private
    for draft in public_drafts(result):
        assert "numéro de commande" not in draft and "order number" not in draft, draft


@pytest.mark.parametrize("text, kept", [
    ("Colis jamais reçu, ça fait 2 semaines que j'attends", "numéro de commande"),
    ("My parcel never arrived and it's been 10 days", "order number"),
    ("Valise perdue depuis 5 jours, personne ne sait où elle est.", "numéro de vol ou de réservation"),
])
def test_look_alikes_keep_their_private_follow_up(text: str, kept: str) -> None:
    private = private_drafts(analysis(text))
    assert private and kept in private[0], private


# ---- 2. a duration that is no wait: an age, a time promised, how fast it was done, how long a product lasted

#: What a draft says of a wait ("Une attente de 6 ans, ce n'est pas normal", "2 days of waiting is too long").
WAIT_SENTENCE = re.compile(r"(?i)attente|attendre|d’attente|wait|far too long|too long")


@pytest.mark.parametrize("text, duration", [
    ("J'ai trouvé un morceau de verre dans ma salade commandée chez vous ce midi. Mon fils de 6 ans aurait pu "
     "l'avaler.", "6 ans"),
    ("Ordered on the 3rd, promised delivery in 2 days. It's the 19th. Tracking hasn't updated in a week.", "2 days"),
    ("Machine à laver en panne après 2 mois, et le SAV refuse la garantie. Scandaleux.", "2 mois"),
    ("C'est écœurant comme service, bravo l'équipe, j'ai eu ma réponse en 5 minutes", "5 minutes"),
    ("Merci pour la rapidité du SAV, écran remplacé en 48h", "48"),
])
def test_a_duration_that_is_no_wait_is_not_answered_as_one(text: str, duration: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert duration not in draft, draft
        assert not re.search(r"(?i)(?:attente|attendre|wait(?:ing)?)\W+(?:\w+\W+){0,2}" + re.escape(duration)
                             + r"|" + re.escape(duration) + r"\W+(?:d’attente|of waiting)", draft), draft


@pytest.mark.parametrize("text, duration", [
    ("Ça fait 3 semaines que j'attends mon colis, c'est vraiment pas sérieux.", "3 semaines"),
    ("Commande passée le 2, toujours rien, le suivi dit en cours d'acheminement depuis 10 jours.", "10 jours"),
    ("Mon fils de 6 ans attend son cadeau depuis 6 jours, colis toujours pas livré", "6 jours"),
    ("Livraison promise en 48h, toujours rien après 5 jours", "5 jours"),
    ("You charged me twice for the same purchase and I've been waiting 10 days for the refund.", "10 days"),
])
def test_a_real_wait_is_still_named(text: str, duration: str) -> None:
    drafts = public_drafts(analysis(text))
    assert any(duration in draft for draft in drafts), drafts


# ---- 3. staff praised by their role: the compliments are passed on to them

@pytest.mark.parametrize("text", [
    "Merci au contrôleur du TER Nantes-Angers ce matin, super sympa avec ma fille qui avait oublié son billet 🙏",
    "Accueil au top dans l'agence de Bordeaux, conseillère patiente et claire. Merci !",
    "Merci à la conseillère de l'agence de Lyon, accueil au top et dossier réglé en 10 minutes 👍",
    "Shoutout to Priya at the Leeds branch who sorted my mortgage paperwork in one visit. Legend.",
    "Fair play, engineer came same day and fixed the line. Cheers 👍",
    "driver was so lovely and the pizza was still hot 🍕❤️",
    "Merci pour la rapidité du SAV, écran remplacé en 48h",
    "Customer service sorted my issue in five minutes, brilliant.",
])
def test_staff_praised_hear_of_it(text: str) -> None:
    result = analysis(text)
    assert "thank" in step_ids(result), step_ids(result)
    for draft in public_drafts(result):
        assert re.search(r"(?i)transmet|transmis|pass your|reach the team|pass your kind words", draft), draft


@pytest.mark.parametrize("text", [
    "Pas mal du tout ce nouveau sérum, ma peau est toute douce 😍",
    "Livré en avance et produit nickel, rien à redire",
    "not bad at all, my skin has never looked this good 😍",
    "Rien à dire, jamais déçue par vos produits.",
])
def test_praise_of_a_product_keeps_its_plain_thanks(text: str) -> None:
    result = analysis(text)
    assert "thank" in step_ids(result), step_ids(result)
    for draft in public_drafts(result):
        assert not re.search(r"(?i)transmet|transmis|pass your|reach the team", draft), draft


def test_staff_praise_keeps_the_voice_and_a_short_channel() -> None:
    text = "Merci au contrôleur du TER ce matin, super sympa avec ma fille"
    for draft in public_drafts(analysis(text, address_form="tu")):
        assert not re.search(r"\b(?:vous|votre|vos)\b", draft), draft
    for draft in analysis(text, channel="tiktok")["replies"]:
        assert draft["characters"] <= 150, draft


# ---- 4. items missing from an order that came: sent or refunded, no parcel searched for

_SEARCH = re.compile(r"(?i)localis|enquête auprès|introuvable|tracking your parcel|track(?:ing)? (?:it|your)|"
                     r"can't reach you|can't be delivered")


@pytest.mark.parametrize("text", [
    "Half my order was missing and the app won't let me request a refund. Brilliant.",
    "Commande arrivée froide et il manquait la boisson. 45 minutes d'attente pour ça.",
    "Le colis est arrivé ouvert et il manque un article",
    "Two items were missing from my grocery delivery, again.",
    "Livraison incomplète encore une fois, il manquait les frites",
])
def test_items_missing_from_an_order_are_sent_or_refunded(text: str) -> None:
    result = analysis(text)
    assert "delivery" in result["topics"], result["topics"]
    drafts = public_drafts(result)
    for draft in drafts:
        assert not _SEARCH.search(draft), draft
    assert any(re.search(r"(?i)manquait|missing", d) for d in drafts), drafts


@pytest.mark.parametrize("text", [
    "Colis manquant depuis 10 jours, le suivi ne bouge plus",
    "My parcel is missing, tracking says delivered but nothing here",
    "colis jamais reçu et marqué livré 😡 le livreur l'a laissé où ??",
])
def test_a_parcel_missing_altogether_is_still_searched_for_or_resent(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)ce qui manquait|what was missing|missing items", draft), draft


# ---- 5. an outage told next to another topic is no wait

@pytest.mark.parametrize("text", [
    "NO SIGNAL FOR 3 DAYS. NOBODY ANSWERS THE PHONE. WHAT AM I PAYING FOR???",
])
def test_an_outage_next_to_a_bill_is_no_wait(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)waiting 3 days|3 days of waiting|3 days is far too long to wait", draft), draft


# ---- 6. an organisation's name is not greeted by its first word

@pytest.mark.parametrize("name, wrong", [
    ("Collectif Usagers", "Bonjour Collectif,"),
    ("Fair Broadband Now", "Hi Fair,"),
    ("Cadeaux France", "Bonjour Cadeaux,"),
    ("Remote Jobs", "Hi Remote,"),
])
def test_an_organisation_is_not_greeted_by_its_first_word(name: str, wrong: str) -> None:
    text = "Vos prix ont encore augmenté de 30 %, c'est honteux" if wrong.startswith("Bonjour") \
        else "Your prices went up again by 30%, shameful"
    result = run(text, channel="facebook", author={"name": name}, brand=BRAND)
    for draft in public_drafts(result):
        assert not draft.startswith(wrong), draft


@pytest.mark.parametrize("name, greeting", [
    ("Sophie Lambert", "Bonjour Sophie,"), ("Jean-François Tremblay", "Bonjour Jean-François,"),
    ("Paul Turner", "Hi Paul,"), ("Mme Durand", "Bonjour Mme Durand,"),
])
def test_a_person_is_still_greeted_by_first_name(name: str, greeting: str) -> None:
    text = "Colis jamais reçu, ça fait 2 semaines" if greeting.startswith("Bonjour") else "My parcel never arrived"
    result = run(text, channel="facebook", author={"name": name}, brand=BRAND)
    for draft in public_drafts(result):
        assert draft.startswith(greeting), draft


# ---- 7. a meal delivered is refunded or delivered again: no parcel, no carrier

_PARCEL = re.compile(r"(?i)colis|transporteur|parcel|carrier|reship|shipment")


@pytest.mark.parametrize("text", [
    "Le livreur Deliveroo a mangé la moitié de mes frites, je rêve ou quoi.",
    "Food showed up 90 minutes late and stone cold. Thanks for nothing @QuickBite",
    "Commande arrivée froide avec 1h15 de retard, et il manquait les frites. Merci @MiamExpress 🙄",
    "Pizza livrée froide et écrasée, 1h de retard",
    "My takeaway never arrived and the driver marked it as delivered",
])
def test_a_meal_delivered_is_no_parcel(text: str) -> None:
    result = analysis(text)
    assert "delivery" in result["topics"], result["topics"]
    drafts = public_drafts(result)
    assert drafts
    for draft in drafts:
        assert not _PARCEL.search(draft), draft
        assert re.search(r"(?i)rembours|refund|relivr|redeliver|deliver it again|nouvelle livraison|renvoy", draft), draft


@pytest.mark.parametrize("text", [
    "Colis jamais reçu, ça fait 2 semaines que j'attends",
    "Package marked as delivered. It was not delivered. Where is it?",
    "Box arrived crushed and the TV screen is cracked.",
])
def test_a_parcel_keeps_its_carrier(text: str) -> None:
    drafts = public_drafts(analysis(text))
    assert any(re.search(r"(?i)transporteur|carrier|logisti|dispatch|expédition|shipment|reship|colis|parcel", d)
               for d in drafts), drafts


# ---- 8. a card blocked is unblocked, even while details are asked

@pytest.mark.parametrize("text", [
    "Ma carte bancaire a été bloquée en plein voyage à l'étranger, je suis coincée sans argent.",
    "Carte bloquée en plein voyage alors que j'avais prévenu mon agence. Impossible de payer l'hôtel.",
    "My card got blocked while I was abroad, can't pay for anything",
])
def test_a_blocked_card_gets_its_remedy(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert re.search(r"(?i)débloqu|blocage de votre carte|bloquée|unblock|block on your card|blocked", draft), draft


# ---- 9. an account frozen is unlocked, not a bill checked

def test_a_frozen_account_is_an_account_to_unlock() -> None:
    for draft in public_drafts(analysis("Your bank froze my account without warning and I can't pay my rent.")):
        assert re.search(r"(?i)unlock|access to your account|your account", draft), draft


# ---- 10. details asked about a blocked card are about the payment, not "what happens" told already

@pytest.mark.parametrize("text", [
    "Ma carte bancaire a été bloquée en plein voyage à l'étranger, je suis coincée sans argent.",
    "My card got blocked while I was abroad, can't pay for anything",
])
def test_a_blocked_card_is_asked_about_the_payment(text: str) -> None:
    result = analysis(text)
    for draft in public_drafts(result):
        assert not re.search(r"(?i)(?:décrire|préciser ici|dire) ce qui se passe|dire ce qui s’est passé|"
                             r"what exactly is happening|describe what happens", draft), draft


# ---- 11. a refund with no item sent back asks no return date

@pytest.mark.parametrize("text, asked", [
    ("Half my order was missing and the app won't let me request a refund. Brilliant.", "date you sent the return"),
    ("Retour renvoyé le 3 octobre, reçu par vos entrepôts le 6, et toujours pas remboursé.", None),
    ("J'attends le remboursement de mon retour depuis 10 jours", None),
])
def test_a_return_date_is_asked_only_for_an_item_sent_back(text: str, asked: str | None) -> None:
    private = private_drafts(analysis(text))
    assert private
    if asked:
        assert asked not in private[0], private
    else:
        assert "date de votre retour" in private[0] or "date you sent the return" in private[0], private


# ---- 12. no draft asserts or promises compensation: a guardrail, and none of our texts in any voice does

from worker.analysis.guardrails import check_draft  # noqa: E402
from worker.analysis.replies import voice_texts  # noqa: E402


@pytest.mark.parametrize("text, language", [
    ("Bonjour, nous regardons la compensation qui vous est due.", "fr"),
    ("Bonjour, nous vérifions l’indemnisation à laquelle vous avez droit.", "fr"),
    ("Bonjour, vous serez indemnisé sous 8 jours.", "fr"),
    ("Hi, we're checking the compensation you're owed.", "en"),
    ("Hi, you'll be compensated for the delay.", "en"),
])
def test_a_compensation_claim_fails_the_guardrails(text: str, language: str) -> None:
    assert "asserts_compensation" in check_draft(text, language=language, channel="facebook", comment={},
                                                 kind="public"), text


@pytest.mark.parametrize("text, language", [
    ("Bonjour, nous vérifions aussi si une indemnisation s’applique dans votre situation.", "fr"),
    ("Hi, we're also checking whether compensation applies in your case.", "en"),
    ("Hi, we can offer you a full refund of the charge.", "en"),
])
def test_checking_whether_compensation_applies_passes(text: str, language: str) -> None:
    assert "asserts_compensation" not in check_draft(text, language=language, channel="facebook", comment={},
                                                     kind="public"), text


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


@pytest.mark.parametrize("language, form, tone", [
    ("fr", "vous", "warm"), ("fr", "tu", "warm"), ("fr", "vous", "formal"), ("fr", "vous", "neutral"),
    ("en", "vous", "warm"), ("en", "vous", "formal"), ("en", "vous", "neutral"),
])
def test_no_reply_text_claims_compensation(language: str, form: str, tone: str) -> None:
    texts = voice_texts(language, form, tone)
    for sentence in _strings(texts["sentences"]) + _strings(texts["private"]):
        assert not COMPENSATION_CLAIM.search(sentence), sentence


COMPENSATION_CLAIM = re.compile(r"(?i)owed|entitled|vous est due|t’est due|avez droit|as droit|prévue dans|"
                                r"serez indemnis|will be compensated|compensation due")


# ---- 13. an insult with nothing else is answered calmly, with no apology and no thanks that would sound sarcastic

@pytest.mark.parametrize("text", ["NovaTel = arnaqueurs de merde", "Bande de voleurs, tous pourris",
                                  "bunch of crooks lol", "Skylink = scammers"])
def test_an_insult_alone_gets_a_calm_open_answer(text: str) -> None:
    result = analysis(text)
    assert result["flags"]["toxic"] and step_ids(result) == ["acknowledge"], \
        f"the premise: an insult alone; read {result['category']} {step_ids(result)}"
    for draft in public_drafts(result):
        assert not re.search(r"(?i)désolé|excuses|désagrément|sorry|apolog|merci d’avoir pris le temps|"
                             r"thanks for taking the time|thank you for telling", draft), draft
        assert re.search(r"(?i)ce qui (?:est arrivé|s’est passé)|what happened", draft), draft


@pytest.mark.parametrize("text", [
    "PUTAIN 3 JOURS SANS INTERNET BANDE DE VOLEURS",
    "Vos livreurs sont des branques, mon colis a encore fini dans la flaque devant chez moi. Bravo les clowns.",
])
def test_an_insult_with_a_failure_keeps_its_acknowledgement(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)ce qui est arrivé|what happened", draft) or "excuses" in draft, draft
        assert re.search(r"(?i)excuses|erreur", draft), draft


# ---- 14. a worry about one's own data is heard and looked into, not answered with "order number, contact details"

@pytest.mark.parametrize("text", [
    "Depuis que j'ai ouvert un compte chez vous, je reçois 3 appels de démarchage par jour. Vous avez revendu mon "
    "numéro ?",
    "Did you sell my number? I keep getting spam calls since I signed up with you",
])
def test_a_worry_about_ones_data_is_heard(text: str) -> None:
    result = analysis(text)
    assert result["category"] == "question" and "privacy" in result["topics"], (result["category"], result["topics"])
    for draft in public_drafts(result):
        assert re.search(r"(?i)données|data", draft), draft
        assert "numéro de commande" not in draft and "order number" not in draft, draft
        assert re.search(r"(?i)privé|private", draft), draft
        # nothing claimed of the brand's practices
        assert not re.search(r"(?i)nous ne (?:vendons|revendons|partageons)|we (?:never|don't|do not) (?:sell|share)",
                             draft), draft


@pytest.mark.parametrize("text", ["Vous partagez mes données ?", "Do you sell my data?",
                                  "Pouvez-vous supprimer mes données ?"])
def test_a_question_on_practices_or_a_data_request_keeps_its_answer(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)inquiétude|your concern", draft), draft


# ---- 15. a service unreachable next to another problem is answered as customer service, not a technical fault

@pytest.mark.parametrize("text", [
    "Prélevé deux fois ce mois-ci sur mon forfait mobile, et en plus impossible de joindre le service client.",
])
def test_customer_service_unreachable_is_not_a_technical_fault(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)techni|rétablir le service|notre service et", draft), draft
        assert re.search(r"(?i)conseiller|service client", draft), draft


@pytest.mark.parametrize("text", [
    "Mon appli plante et impossible de joindre le service client",
    "Vos serveurs exposent des fichiers clients en accès public. J'ai signalé la faille il y a 10 jours, sans réponse.",
])
def test_a_technical_fault_next_to_customer_service_keeps_its_remedy(text: str) -> None:
    drafts = public_drafts(analysis(text))
    assert any(re.search(r"(?i)techni|rétablir le service", d) for d in drafts), drafts


# ---- 16. a meal found wrong is refunded or replaced by a new meal, named as a meal, not "votre produit"

@pytest.mark.parametrize("text", [
    "Burger froid et pain tout écrasé, à 18€ le menu ça fait mal",
    "Mes sushis avaient un goût bizarre, pas frais du tout",
    "The burger was raw in the middle, disgusting",
])
def test_a_meal_found_wrong_is_no_product_to_exchange(text: str) -> None:
    result = analysis(text)
    assert "product_quality" in result["topics"] and "offer_solution" in step_ids(result), \
        f"the premise: a meal found wrong; read {result['topics']} {step_ids(result)}"
    for draft in public_drafts(result):
        assert not re.search(r"(?i)échange|produit de remplacement|replacement product|votre produit|your product",
                             draft), draft
        assert re.search(r"(?i)repas|meal", draft), draft


@pytest.mark.parametrize("text", [
    "Ma crème a tourné au bout d'une semaine, la texture est bizarre",
    "The zip on my jacket broke after two days",
])
def test_a_product_found_wrong_keeps_its_replacement(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)repas|meal", draft), draft


# ---- 17. a person thanked by name hears of it; the brand thanked, or a member who helped, does not need relaying

@pytest.mark.parametrize("text", [
    "Merci beaucoup à Thomas en boutique à Bordeaux, super conseils et très patient !",
    "Huge thanks to Dan in customer support who stayed on the phone with me for an hour.",
])
def test_a_person_thanked_by_name_hears_of_it(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert re.search(r"(?i)transmet|transmis|pass your|reach the team", draft), draft


@pytest.mark.parametrize("text", [
    "Merci à Colibri pour la fibre, enfin du débit",
    "@Karim merci ça a marché !!",
    "Merci Léa, c'était bien ça, j'ai pu réinitialiser mon mot de passe 👍",
])
def test_the_brand_or_a_helping_member_thanked_is_not_relayed(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)transmet|transmis|pass your|reach the team", draft), draft


# ---- 18. a box that no longer picks anything up is an outage, not a wait

@pytest.mark.parametrize("text", [
    "Ça fait 3 jours que ma box ne capte plus rien, j'ai redémarré 10 fois, toujours rien.",
    "Plus de réseau depuis 2 jours dans mon village, c'est pénible",
])
def test_a_box_without_signal_is_an_outage(text: str) -> None:
    for draft in public_drafts(analysis(text)):
        assert not re.search(r"(?i)d’attente|attendre|une attente", draft), draft


def test_a_parcel_awaited_is_still_a_wait() -> None:
    drafts = public_drafts(analysis("Ça fait 3 jours que j'attends ma box, toujours pas livrée"))
    assert not any("panne" in d or "sans service" in d for d in drafts), drafts

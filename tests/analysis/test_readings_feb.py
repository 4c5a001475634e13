"""Misreadings fixed in February (fr + en), each by a general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. a problem its author asks about and answers "no" to is no brand error, and asks nothing

@pytest.mark.parametrize("text", [
    "I was charged twice? no, just once, my mistake",
    "Was I charged twice? Nope, checked again, only once.",
    "Débité deux fois ? non, une seule, au temps pour moi",
    "J'ai été prélevé deux fois ? Ah non, c'est bon, une seule fois",
    "Did my order get lost? No, it just arrived.",
    "Mon colis est perdu ? Non, il vient d'arriver",
])
def test_a_problem_asked_and_denied_by_its_author_is_no_brand_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"]
    assert result["category"] not in ("complaint", "question")
    assert result["sentiment"]["label"] != "negative"


@pytest.mark.parametrize("text", [
    "Charged twice? No, three times!",
    "Prélevé deux fois ?? Non mais sérieusement, remboursez-moi",
    "Is the app down? No answer from support for 3 days",
    "Is the outage over? No, not yet",
    "Colis perdu ? Non, toujours rien reçu, je l'attends encore",
    "Débité deux fois ? Oui, et toujours pas remboursé",
])
def test_a_problem_confirmed_or_made_worse_after_the_question_stays_a_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Fixed? No. Still down.", "Réglé ? Non, toujours en panne."])
def test_a_fix_asked_and_denied_is_no_fix(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


# ---- 2. a failure told as fixed, with thanks, is praise (the fix in other words)

@pytest.mark.parametrize("text", [
    "It's fixed now, thanks for the help",
    "The app crashed all morning but it's fixed now, thanks",
    "Wifi down since monday. Fixed now, thank you guys",
    "My card was declined earlier, it's working again now, thanks",
    "The outage is fixed now, thanks for the quick response",
    "C'est réglé, merci !",
    "Ça remarche, merci à l'équipe",
    "Problème résolu, merci",
    "Internet coupé ce matin, c'est revenu, merci",
    "Ma box était en panne hier, ça remarche, merci",
    "L'appli plantait, c'est réparé, merci beaucoup",
])
def test_a_failure_told_as_fixed_with_thanks_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert result["sentiment"]["label"] == "positive"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "It was fixed but it crashed again today",
    "C'est réglé mais ça replante encore",
    "Supposedly fixed, still crashing, thanks for nothing",
    "The app crashes every day, still not fixed, thanks for nothing",
    "L'appli plante tous les jours, toujours pas réparé, merci pour rien",
    "Ça remarche pas, toujours en panne",
])
def test_a_fix_denied_or_undone_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


# ---- 3. a service praised for its speed, a cancellation at no cost, are praise

@pytest.mark.parametrize("text", [
    "Merci pour la rapidité du SAV, écran remplacé en 48h",
    "Super SAV, écran remplacé en 48h",
    "Annulé sans frais, merci",
    "Commande annulée sans frais, merci beaucoup",
    "Cancelled free of charge, thank you",
    "Order cancelled at no cost, thanks a lot",
])
def test_a_service_rendered_fast_or_at_no_cost_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Annulé sans me prévenir, merci !",
    "Commande annulée sans prévenir, bravo",
    "Cancelled without notice, thanks a lot",
    "Écran remplacé il y a 48h et déjà cassé",
])
def test_a_cancellation_without_warning_stays_a_complaint(text: str) -> None:
    assert run(text)["category"] == "complaint"


# ---- 4. French denied qualities ("n'était pas désagréable", "personne n'a été impoli") name no failure

@pytest.mark.parametrize("text", [
    "Personne n'a été impoli",
    "Le livreur n'était pas du tout désagréable",
    "Personne n'a été désagréable avec moi",
    "Le vendeur n'a jamais été impoli, rien à dire",
    "The cashier wasn't rude at all",
    "Nobody was rude to me",
])
def test_a_denied_quality_is_no_brand_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"]
    assert result["category"] != "complaint"


@pytest.mark.parametrize("text", [
    "Le vendeur était impoli",
    "Le livreur a été très désagréable",
    "Le livreur n'a pas été impoli, mais le colis était abîmé",
    "Personne ne répond et le conseiller était impoli",
    "Le colis était abîmé mais le livreur n'était pas désagréable",
])
def test_a_quality_stated_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


# ---- 5. a harm the author links to the brand's product escalates, even told with a single harm word

@pytest.mark.parametrize("text", [
    "Mes enfants ont vomi toute la nuit après votre goûter",
    "Ma fille a vomi après votre compote",
    "J'ai eu la diarrhée après votre plat cuisiné",
    "My son got sick after eating your yoghurt",
    "My kid threw up after drinking your juice",
    "my daughter got a rash after using your cream",
])
def test_a_harm_caused_by_the_product_escalates_as_urgent(text: str) -> None:
    result = run(text)
    assert result["flags"]["escalate"]
    assert result["priority"]["level"] == "urgent"
    assert "health" in result["priority"]["codes"]


@pytest.mark.parametrize("text", [
    "The hospital radio loved your cookies",
    "Je vais partager cette recette partout",
    "Love this, sharing it everywhere!",
])
def test_a_harm_or_viral_word_told_of_nothing_wrong_does_not_escalate(text: str) -> None:
    assert not run(text)["flags"]["escalate"]


# ---- 6. a regulator named is a legal escalation, however calm; a story spread escalates next to a failure

@pytest.mark.parametrize("text", [
    "Reported to the FTC.",
    "CNIL prévenue",
    "DGCCRF alertée.",
    "Je saisis la DGCCRF",
    "Complaint filed with the BBB",
    "I've reported you to Trading Standards",
])
def test_a_regulator_named_is_a_legal_escalation(text: str) -> None:
    result = run(text)
    assert result["priority"]["level"] == "urgent"
    assert "legal" in result["priority"]["codes"]


@pytest.mark.parametrize("text", [
    "Colis jamais reçu, je vais le poster partout",
    "Colis jamais reçu, je vais faire tourner",
    "Your app deleted my photos, I'll make this go viral",
])
def test_a_story_spread_next_to_a_failure_escalates(text: str) -> None:
    assert "viral" in run(text)["priority"]["codes"]


@pytest.mark.parametrize("text", [
    "Je vais poster ça sur TikTok, la recette est top",
    "Je vais faire tourner, votre promo est géniale",
    "I'm going to post this on reddit, so cool",
])
def test_a_story_spread_of_praise_does_not_escalate(text: str) -> None:
    assert not run(text)["flags"]["escalate"]


# ---- 7. the fruit is no lawyer; the author's own hospital stay is no incident of the brand's

@pytest.mark.parametrize("text", [
    "Mon avocat était pourri",
    "J'ai commandé des avocats, ils étaient tous pourris",
    "I was in the hospital so I missed the delivery",
    "J'étais à l'hôpital donc j'ai raté le livreur",
    "Ma mère était hospitalisée, je n'ai pas pu récupérer le colis à temps",
])
def test_a_fruit_or_the_authors_hospital_stay_does_not_escalate(text: str) -> None:
    result = run(text)
    assert not result["flags"]["escalate"]
    assert result["priority"]["level"] != "urgent"


@pytest.mark.parametrize("text", [
    "Mon avocat va vous contacter",
    "Mon avocat vous enverra une mise en demeure",
    "My son ended up in hospital after eating your nuts",
    "My son was in hospital for 3 days after eating your cereal",
])
def test_a_lawyer_or_a_hospital_stay_caused_by_the_product_still_escalates(text: str) -> None:
    assert run(text)["priority"]["level"] == "urgent"


# ---- 8. a long queue in a store is the store's failure

@pytest.mark.parametrize("text", [
    "45 minutes de queue à la caisse",
    "Waited 40 minutes in line at your store",
    "2h de queue au guichet de la poste",
    "J'ai attendu 30 minutes à la caisse, une seule caisse ouverte",
])
def test_a_long_queue_is_a_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]
    assert "store" in result["topics"]


@pytest.mark.parametrize("text", [
    "Pas plus de 5 minutes d'attente en caisse, merci",
    "Le magasin ouvre dans 30 minutes ?",
    "Seulement 20 minutes de queue, top",
    "Only waited 20 minutes in line at the checkout",
])
def test_a_short_queue_or_an_opening_time_is_no_brand_error(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]


# ---- 9. a time the brand promised, then a longer wait: the promise broken

@pytest.mark.parametrize("text", [
    "Livraison promise en 48h, reçue au bout de 10 jours",
    "Promised delivery in 2 days, it took 9 days to arrive",
    "Promised delivery in 2 days, still nothing after a week",
    "Livraison promise en 48h, toujours rien après une semaine",
])
def test_a_broken_delivery_promise_is_a_brand_error_about_the_delivery(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]
    assert "delivery" in result["topics"]


@pytest.mark.parametrize("text", [
    "Livraison promise en 48h, reçue en 24h, top !",
    "Promised delivery in 2 days and it came in 2 days, thanks",
])
def test_a_promise_kept_is_no_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] != "complaint"
    assert not result["flags"]["brand_error"]


# ---- 10. indignation asked as a question is a complaint

@pytest.mark.parametrize("text", [
    "Vous trouvez ça normal de laisser vos clients sans internet depuis 3 jours ?",
    "Vous trouvez ça normal de ne jamais répondre aux messages ?",
    "C'est comme ça que vous traitez vos clients fidèles ?",
    "C'est normal que ma commande mette 3 semaines ?",
    "Is this how you treat loyal customers?",
    "How is this acceptable?",
    "Do you really think it's acceptable to keep customers on hold for an hour?",
])
def test_indignation_asked_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", [
    "Est-ce normal que la batterie chauffe pendant la charge ?",
    "Is it normal that the app asks for my location?",
    "Est-ce que la livraison est gratuite ?",
])
def test_a_plain_question_about_what_is_normal_stays_a_question(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- a wait of minutes or hours is the failure itself, not a failure that lasts

@pytest.mark.parametrize("text", [
    "25 minutes de queue à la caisse, 2 caisses ouvertes sur 10 un samedi. Pas sérieux.",
    "The food was cold and the driver was 50 minutes late",
])
def test_a_wait_of_minutes_is_no_lasting_failure(text: str) -> None:
    result = run(text)
    assert result["flags"]["brand_error"]
    assert "lasting_failure" not in result["priority"]["codes"]


@pytest.mark.parametrize("text", ["My internet has been down for 3 days", "Box en panne depuis 2 semaines"])
def test_a_failure_counted_in_days_lasts(text: str) -> None:
    result = run(text)
    assert result["priority"]["level"] == "high"
    assert "lasting_failure" in result["priority"]["codes"]


# ---- a speed promised by name, and a longer wait; a harm after using the product; praise with a harm word

def test_a_speed_promised_by_name_and_a_longer_wait_is_a_broken_promise() -> None:
    result = run("\"next day delivery\" lol it's been 5 days")
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Used your new face mask last night and woke up with burns on my cheeks. This product should be pulled.",
    "J'ai appliqué votre crème hier soir, ce matin brûlures sur tout le visage",
])
def test_a_harm_after_using_the_product_escalates(text: str) -> None:
    assert run(text)["priority"]["level"] == "urgent"


def test_praise_that_mentions_a_vulnerable_person_does_not_escalate() -> None:
    result = run("Cabin crew on flight 204 were incredible with my anxious toddler. Thank you so much.")
    assert not result["flags"]["escalate"]
    assert result["category"] == "praise"


# ---- a charge the author does not recognise is a grievance, not a plain question

@pytest.mark.parametrize("text", [
    "Prélèvement bizarre de 59,90 € sur mon compte ce matin, c'est quoi ??",
    "Unknown charge of $12.99 on my card this morning, what is it?",
])
def test_an_unrecognised_charge_is_a_complaint_with_no_known_cause(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Quand aura lieu le prélèvement de mars ?", "When will the payment be taken?"])
def test_a_question_about_a_charge_stays_a_question(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- a success asked about and answered "no" failed; what was late and came after all, with thanks, is praise

@pytest.mark.parametrize("text", ["Did my parcel arrive? No.", "Mon colis est arrivé ? Non, toujours rien"])
def test_a_success_asked_and_answered_no_is_a_failure(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Ma commande était en retard mais elle est arrivée, merci",
    "My order was 3 days late but it arrived, thanks",
])
def test_a_delay_that_ended_with_thanks_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "The parcel was late but it arrived broken",
    "Le colis était en retard mais il est arrivé, par contre abîmé",
])
def test_a_delay_that_ended_in_damage_stays_a_brand_error(text: str) -> None:
    assert run(text)["flags"]["brand_error"]


# ---- what the author thought, then denied, did not happen

@pytest.mark.parametrize("text", [
    "I thought you double charged me but no, all good",
    "J'ai cru qu'il était perdu mais non, il est arrivé ce matin",
    "I thought it was broken but no, it was just the batteries",
])
def test_a_problem_thought_then_denied_is_no_brand_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"]
    assert result["category"] != "complaint"


@pytest.mark.parametrize("text", [
    "I thought you charged me twice but no, three times!",
    "Je pensais que c'était réglé mais non, toujours en panne",
    "I thought the app was down but no refund came either",
])
def test_a_problem_thought_and_confirmed_stays_a_brand_error(text: str) -> None:
    assert run(text)["flags"]["brand_error"]


# ---- how long a product lasted is no wait: its failure does not "last"

@pytest.mark.parametrize("text", [
    "Le mascara a séché au bout d'une semaine. 32 € pour ça, pas terrible.",
    "The sole came off after two weeks",
])
def test_a_products_lifetime_is_no_lasting_failure(text: str) -> None:
    result = run(text)
    assert result["flags"]["brand_error"]
    assert "lasting_failure" not in result["priority"]["codes"]


def test_a_refund_awaited_for_weeks_is_a_lasting_failure() -> None:
    assert "lasting_failure" in run("Still no refund after 3 weeks")["priority"]["codes"]


# ---- a charge or a bill of a named amount the author disputes: money at stake

@pytest.mark.parametrize("text", [
    "There's a random $49.99 charge on my statement from you, what is this??",
    "Prélèvement bizarre de 59,90 € sur mon compte ce matin, c'est quoi ??",
    "Facture de 480 € ce mois-ci pour un studio, il y a forcément une erreur",
    "£620 bill for one month in a one-bed flat?! You've clearly estimated the reading wrong.",
])
def test_a_disputed_amount_is_a_complaint_with_money_at_stake(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["priority"]["level"] == "high"
    assert "money" in result["priority"]["codes"]
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Il y a une erreur sur ma facture", "Quand sera envoyée la facture ?",
                                  "How much is the monthly bill for the premium plan?"])
def test_a_bill_named_without_an_amount_disputed_is_no_money_at_stake(text: str) -> None:
    assert run(text)["priority"]["level"] != "high"


# ---- personal details shown to others are a data leak

@pytest.mark.parametrize("text", [
    "Someone posted my full address and order history in your community forum. How is this allowed?",
    "Votre prestataire a publié mon adresse sur votre page, c'est inadmissible",
])
def test_personal_details_posted_are_a_data_leak(text: str) -> None:
    result = run(text)
    assert result["priority"]["level"] == "urgent"
    assert "data_leak" in result["priority"]["codes"]


@pytest.mark.parametrize("text", ["Can you update my home address on my account?",
                                  "J'ai changé d'adresse, comment mettre à jour mon compte ?"])
def test_an_address_to_update_is_no_data_leak(text: str) -> None:
    assert not run(text)["flags"]["escalate"]


# ---- a plain question that names a legal body or a lawyer asks, it threatens nothing

@pytest.mark.parametrize("text", ["Bonjour, êtes-vous déclarés à la CNIL ?", "Do you have a legal team I can write to?"])
def test_a_plain_question_naming_the_law_does_not_escalate(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "Mon colis est perdu depuis 3 semaines, dois-je contacter un avocat ?",
    "Should I get a lawyer involved? You charged me twice and nobody answers",
])
def test_a_lawyer_named_next_to_a_failure_still_escalates(text: str) -> None:
    assert "legal" in run(text)["priority"]["codes"]

"""Misreadings found in December on comments written for the purpose (fr + en, never seen by the rules), each fixed by
a general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


def _thread(problem: str, advice: str) -> list[dict]:
    return [{"author": {"name": "Asker"}, "text": problem, "is_brand": False},
            {"author": {"name": "Helper"}, "text": advice, "is_brand": False}]


# ---- 1. thanks to another user whose fix worked are no praise of the brand: category "other"

@pytest.mark.parametrize(("text", "problem", "advice"), [
    ("Merci Karim, ça remarche nickel !", "Ma box clignote en rouge depuis ce matin",
     "Débranche-la 30 secondes et rebranche la fibre, ça m'a fait pareil"),
    ("Thanks Jake, clearing the cache fixed it!", "The app shows a blank screen since this morning",
     "Clear the app cache in settings, same thing happened to me"),
    ("@Mike thanks, that worked! 🙏", "My card is refused online", "Turn on online payments in the app settings"),
])
def test_community_thanks_are_other_not_praise(text: str, problem: str, advice: str) -> None:
    result = run(text, thread=_thread(problem, advice))
    assert result["flags"]["community_answered"]
    assert result["category"] == "other"
    assert result["sentiment"]["label"] == "positive"
    assert result["priority"]["level"] == "low"


@pytest.mark.parametrize(("text", "thread"), [
    # thanks to the brand, with no other user's fix: praise
    ("Merci beaucoup, ça remarche nickel !", None),
    ("Thanks so much, your support team fixed it in minutes!", None),
    # the brand's own fix thanked in a thread: praise still
    ("Merci, ça remarche nickel !", [{"author": {"name": "Asker"}, "text": "Ma box clignote en rouge", "is_brand": False},
                                     {"author": {"name": "Marque"}, "text": "Nous avons relancé votre ligne",
                                      "is_brand": True}]),
])
def test_thanks_to_the_brand_stay_praise(text: str, thread: list[dict] | None) -> None:
    result = run(text, thread=thread) if thread else run(text)
    assert not result["flags"]["community_answered"]
    assert result["category"] == "praise"


def test_a_fix_that_did_not_work_stays_a_complaint() -> None:
    result = run("Non toujours pas, j'ai rebranché et ça ne marche toujours pas",
                 thread=_thread("Plus d'internet depuis hier soir", "Essaie de débrancher la box 1 minute"))
    assert not result["flags"]["community_answered"]
    assert result["category"] == "complaint"


# ---- 2. abuse or a boycott campaign with no problem named needs no more information

@pytest.mark.parametrize("text", [
    "Bande d'escrocs, vous volez les gens",
    "You people are absolute morons",
    "Worst company on earth, bunch of thieving idiots.",
    "Tout le monde devrait boycotter cette marque, ils exploitent leurs salariés",
    "Never used them myself but everyone says they're a scam. Stay away.",
])
def test_abuse_or_campaign_asks_for_no_details(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["toxic"] or result["flags"]["suspected_bad_faith"]
    assert not result["flags"]["needs_more_info"]
    assert "ask_details_publicly" not in [step["id"] for step in result["steps"]]


@pytest.mark.parametrize("text", [
    "rien ne marche avec vous bande de nuls",      # abuse, and a vague problem: ask what fails
    "Not impressed.",                               # a vague letdown, no abuse
    "jai un souci avec mon compte",
])
def test_a_vague_problem_still_needs_details(text: str) -> None:
    assert run(text)["flags"]["needs_more_info"]


# ---- 3. failures told without a failure word: silence, a support that is a machine, a connection that drops, a
# parcel sitting at a depot, steps that came to nothing

@pytest.mark.parametrize("text", [
    "Aucune nouvelle de ma commande depuis le 3 novembre",
    "Merci de me rappeler concernant mon dossier de sinistre, je n'ai aucune nouvelle",
    "Toujours aucune nouvelle de votre part, c'est long",
    "Service client inexistant. On appelle, on tombe sur un robot. On écrit, on tombe sur un robot.",
    "Chu pu capable d'avoir la ligne, ça fait 3 jours que mon internet saute aux 10 minutes",
    "Ma box clignote en rouge depuis ce matin",
    "No one from your team has bothered to get back to me since Tuesday",
    "Emailed you twice last week and still haven't heard back",
    "Idk what happened but my package has been sitting at the same depot for 9 days",
    "It's been 3 weeks since I sent my return back and nothing",
])
def test_a_failure_told_without_a_failure_word_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Bonne nouvelle, ma commande est arrivée en avance, merci !",
    "Le technicien a réglé la box, elle ne clignote plus, merci",
    "Livraison rapide et rien à signaler, je recommande",
    "Your team got back to me within the hour, thank you!",
    "Picked it up at the depot this morning, all good",
    "I love it and nothing else matters",
    "Tried the new menu and nothing but good things to say",
])
def test_look_alikes_name_no_failure(text: str) -> None:
    result = run(text)
    assert result["category"] != "complaint"
    assert not result["flags"]["brand_error"]


# ---- 4. a rival promoted against the brand: "allez voir chez X", "go check out X", "switch to X, never looked back"

@pytest.mark.parametrize("text", [
    "Allez voir chez Free, c'est moitié prix et ça marche 😉",
    "Switch to Verizon, I did and never looked back",
    "Passez chez Sosh, aucun regret",
])
def test_a_rival_promoted_is_bad_faith_and_a_complaint(text: str) -> None:
    result = run(text)
    assert result["flags"]["suspected_bad_faith"]
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", [
    "Allez voir votre espace client, c'est mieux expliqué",
    "Go look at the FAQ, it's better explained there",
    "Switched to the annual plan and never looked back, love it",
    "Je suis passée à la fibre chez vous, aucun regret !",
])
def test_advice_or_a_switch_within_the_brand_is_no_rival(text: str) -> None:
    result = run(text)
    assert not result["flags"]["suspected_bad_faith"]
    assert result["category"] != "complaint"


# ---- 5. a community fix thanked takes its topics from the problem it closes

def test_community_thanks_take_the_threads_topic() -> None:
    result = run("Merci Karim, ça remarche nickel !", thread=_thread(
        "Ma box internet clignote en rouge depuis ce matin", "Débranche-la 30 secondes, ça m'a fait pareil"))
    assert result["flags"]["community_answered"]
    assert result["topics"] == ["technical"]


def test_a_thanks_that_names_its_topic_keeps_it() -> None:
    result = run("Merci Léa, j'ai pu réinitialiser mon mot de passe 👍", thread=_thread(
        "Mon colis n'est jamais arrivé", "Regarde dans tes spams, chez moi le mail arrivait là"))
    assert result["flags"]["community_answered"]
    assert "delivery" not in result["topics"]


# ---- 6. readings: "nulle part" is nowhere (no "nul" negated into praise); amends thanked are no sarcasm; a change
# imposed "with no notice" is a grievance

@pytest.mark.parametrize("text", [
    "J'ai été débitée mais la commande n'apparaît nulle part dans mon compte",
    "Paiement validé et la réservation n'apparaît nulle part",
])
def test_an_order_that_appears_nowhere_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


def test_nowhere_else_with_thanks_is_praise() -> None:
    result = run("On ne trouve ça nulle part ailleurs, merci")
    assert result["sentiment"]["label"] == "positive"
    assert result["category"] == "praise"


@pytest.mark.parametrize("text", [
    "Un grand merci pour le geste commercial suite au retard, c'est très apprécié",
    "Thanks for the goodwill gesture after the delay, much appreciated",
])
def test_amends_thanked_are_praise(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "positive"
    assert result["category"] == "praise"


@pytest.mark.parametrize("text", [
    "Aucun geste commercial malgré 3 semaines de retard, merci pour rien",
    "Merci pour le retard, vraiment top",
])
def test_no_amends_or_thanks_for_a_delay_stay_complaints(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"


def test_a_change_with_no_notice_is_a_grievance() -> None:
    result = run("My bill went up $30 this month with no notice")
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"
    assert "billing" in result["topics"]


def test_a_notice_given_is_no_grievance() -> None:
    result = run("Thanks for the notice about the price change, very clear")
    assert result["category"] != "complaint"


# ---- 7. dangers and threats without the usual words: a driver who nearly ran someone over, premises to burn

@pytest.mark.parametrize("text", [
    "Your driver nearly ran me over in the parking lot and then flipped me off",
    "Le livreur a failli me renverser en scooter sur le trottoir",
])
def test_a_brand_vehicle_driving_at_someone_escalates(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["escalate"]
    assert "safety" in result["topics"]


def test_a_threat_to_burn_the_premises_is_toxic() -> None:
    result = run("Someone should burn your headquarters down")
    assert result["flags"]["toxic"]
    assert result["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "The fire alarm went off and your staff got everyone out calmly, well done",
    "My car almost ran out of battery, does your station have fast chargers?",
])
def test_look_alikes_of_danger_are_no_threat(text: str) -> None:
    result = run(text)
    assert not result["flags"]["toxic"]


# ---- 8. staff who forget a customer; money promised from home is spam

@pytest.mark.parametrize("text", [
    "Waited 40 minutes for a table we had booked, then the waiter forgot our order.",
    "Le serveur nous a oubliés pendant 45 minutes",
])
def test_a_customer_forgotten_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Gagnez 500€ par jour depuis chez vous, contactez-moi en privé 💸",
    "Earn $300 per day from home, DM me for details",
])
def test_money_from_home_is_spam(text: str) -> None:
    assert run(text)["category"] == "spam"


@pytest.mark.parametrize("text", [
    "Contactez-moi en privé svp, c'est pour ma commande 45871",
    "Est-ce que je peux commander depuis chez vous et retirer en magasin ?",
])
def test_a_customer_asking_in_private_is_no_spam(text: str) -> None:
    assert run(text)["category"] != "spam"


# ---- 9. other people's data shown or sent by the brand is its failure, as well as an escalation

@pytest.mark.parametrize("text", [
    "When I logged in I could see someone else's name and address on my account page. Who else can see mine?",
    "Just got an email from you with another customer's full address and phone number",
    "You had a data breach and didn't tell customers? My card was used abroad two days later.",
    "Vos données clients se retrouvent en vente sur un forum, vous comptez prévenir les gens ?",
    "J'ai reçu la facture d'un autre client avec son adresse et son IBAN",
])
def test_data_exposed_by_the_brand_is_its_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]
    assert result["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "Pouvez-vous me dire quelles données clients vous conservez ?",
    "Can you delete my data please?",
    "Mon compte a été piraté, quelqu'un a changé mon mot de passe",   # who failed is not said
])
def test_data_named_without_the_brand_exposing_it_is_no_brand_error(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]


# ---- 10. "mode sombre" is an app setting; "rien ne va" is a problem left unsaid; a lawyer announced is a grievance

def test_a_dark_mode_asked_for_is_no_displeasure() -> None:
    result = run("Vous pourriez ajouter un mode sombre svp")
    assert result["category"] == "suggestion"
    assert result["sentiment"]["label"] == "neutral"


def test_a_gloomy_word_elsewhere_keeps_its_reading() -> None:
    assert run("Avenir bien sombre pour votre service client, personne ne répond")["sentiment"]["label"] == "negative"


def test_nothing_goes_right_asks_what_fails() -> None:
    result = run("rien ne va avec vous")
    assert result["category"] == "complaint"
    assert result["flags"]["needs_more_info"]


@pytest.mark.parametrize("text", [
    "Commande livrée en retard et vous refusez le remboursement, vous aurez des nouvelles de mon avocat",
    "Pretty sure this violates consumer protection law. Expect to hear from my attorney.",
])
def test_a_lawyer_announced_reads_negative_and_escalates(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["flags"]["escalate"]


# ---- 11. a second batch: a customer who will not come back, food served lukewarm, a line cut, a visit or a callback
# promised and not made, a product sagging, a change made without a word, suggestions put as "pensez à" / "j'aimerais
# bien qu'il y ait"

@pytest.mark.parametrize("text", [
    "Personnel débordé, 1h pour être servis, les plats arrivés tièdes. On ne reviendra pas.",
    "Ça fait 10 jours que ma ligne est coupée et on me dit d'attendre encore",
    "j'attends toujours le technicien qui devait passer mardi",
    "Je ne recommande pas du tout, matelas affaissé au bout de 3 mois",
    "Was promised a callback within 24 hours. That was last Monday.",
])
def test_a_promise_or_a_service_not_delivered_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Super resto, on reviendra !",
    "Le technicien est passé mardi comme prévu, merci",
    "After weeks of waiting for my order it finally arrived, love it",
])
def test_a_promise_kept_is_no_failure(text: str) -> None:
    result = run(text)
    assert result["category"] != "complaint"
    assert not result["flags"]["brand_error"]


def test_a_price_changed_without_a_word_is_a_grievance() -> None:
    result = run("Mon forfait est passé de 19,99 à 24,99 sans que personne ne me prévienne")
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "Pensez à mettre des bornes de recharge sur vos parkings",
    "J'aimerais bien qu'il y ait une option sans gluten dans vos menus",
])
def test_a_proposal_put_as_a_wish_is_a_suggestion(text: str) -> None:
    assert run(text)["category"] == "suggestion"


def test_a_reminder_to_warn_is_no_suggestion() -> None:
    assert run("Pensez à nous prévenir la prochaine fois, merci")["category"] != "suggestion"


# ---- 12. a third batch: a connection that has been dropping, not one reply, a promise that never comes, nobody in
# the shop, a driver running a red light, a balance told to someone else, a product that does not hold

@pytest.mark.parametrize("text", [
    "Internet's been dropping every evening for a week. Already rebooted the router like 20 times.",
    "I've sent 4 emails. FOUR. Not one reply.",
    "J'ai appelé 6 fois, à chaque fois on me promet un rappel qui ne vient jamais",
    "Pas un seul employé pour renseigner dans tout le magasin, on a fini par partir",
    "Le rouge à lèvres ne tient pas 2h alors qu'il est vendu comme longue tenue",
])
def test_more_failures_told_plainly_are_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"
    assert result["flags"]["brand_error"]
    assert not result["flags"]["toxic"]


@pytest.mark.parametrize("text", [
    "Il y avait du monde mais toujours quelqu'un pour nous renseigner, top",
    "Not one complaint, the team was brilliant",
    "Le remboursement est arrivé en 3 jours, rien à dire",
])
def test_look_alikes_of_plain_failures_name_none(text: str) -> None:
    result = run(text)
    assert result["category"] != "complaint"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Your delivery driver was on his phone the whole time and ran a red light with my kids in the car park",
    "Votre conseiller bancaire a donné mon solde à ma sœur sans mon accord",
])
def test_a_danger_or_a_disclosure_by_staff_escalates(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["escalate"]


def test_nothing_special_is_a_letdown() -> None:
    result = run("Decent enough, nothing special. Service was a bit slow.")
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"


# ---- 13. "il est vendu comme longue tenue": a thing described as sold, no "vendu" (sellout) said of a person

@pytest.mark.parametrize("text", [
    "Ce fond de teint est vendu comme waterproof, il coule à la première goutte",
    "Les piles sont vendues comme longue durée et tiennent une semaine",
    "Je l'ai pris parce qu'il est vendu comme anti-fuite, et il fuit",
])
def test_a_thing_sold_as_is_no_insult(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", ["T'es qu'un vendu comme les autres", "Vous êtes des vendus comme tous les politiques",
                                  "Bande de vendus"])
def test_a_sellout_named_is_still_toxic(text: str) -> None:
    assert run(text)["flags"]["toxic"]


# ---- 14. a bank account money moved in or out of is the charge (billing), not a login (account)

@pytest.mark.parametrize("text", [
    "Mon compte a été débité deux fois pour le même abonnement ce mois-ci",
    "Prélèvement bizarre de 59,90 € sur mon compte ce matin, c'est quoi ??",
    "Why does my card keep getting declined when I have money in the account?",
])
def test_money_moved_on_an_account_is_billing_only(text: str) -> None:
    topics = run(text)["topics"]
    assert "billing" in topics
    assert "account" not in topics


@pytest.mark.parametrize("text", [
    "I can't log into my account and you charged me twice",
    "Mon compte est bloqué et on m'a prélevé 20 €",
    "J'ai été débitée mais la commande n'apparaît nulle part dans mon compte",
])
def test_an_account_of_access_keeps_its_topic(text: str) -> None:
    topics = run(text)["topics"]
    assert "account" in topics
    assert "billing" in topics

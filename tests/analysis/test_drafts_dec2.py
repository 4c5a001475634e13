"""Drafts read as a careful native community manager would write them (second December pass): a delay told ("3 jours
de retard") named as a delay, never as a wait still to come ("Attendre 3 jours"); the details asked for in private
fitting the kind of business (a bank's customer number, a restaurant visit's date, a telecom line, a hotel booking),
never an order number where none exists; user names and gamer tags not greeted as first names; Instagram drafts kept
to the length a reply reads at there, by dropping the least necessary sentences, never by cutting one; escalations on X
said in a short but complete, warm sentence. Each with look-alikes that keep their draft."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.analysis.reading import run
from worker.analysis.guardrails import check_draft
from worker.analysis.replies import NATURAL_LENGTH, greeting_name, is_delay


def replies_of(text: str, channel: str = "facebook", author: str | None = "Marie", **brand: Any) -> list[dict]:
    result = run(text, channel=channel, author={"name": author} if author else {}, brand={"name": "Colibri", **brand})
    assert result["replies"], text
    return result["replies"]


def texts_of(text: str, **kwargs: Any) -> list[str]:
    return [reply["text"] for reply in replies_of(text, **kwargs)]


def publics_of(text: str, **kwargs: Any) -> list[str]:
    return [reply["text"] for reply in replies_of(text, **kwargs) if reply["kind"] == "public"]


def private_of(text: str, **kwargs: Any) -> str:
    found = [reply["text"] for reply in replies_of(text, **kwargs) if reply["kind"] == "private"]
    assert found, text
    return found[0]


# ---- 1. a delay told is named as a delay, not as a wait still to come

_WAIT_WORDING = r"(?i)attendre\s+{d}|attente\s+d(?:e\s+|’){d}|{d}\s+d’attente|attendue?s?\s+depuis\s+{d}|" \
                r"waiting\s+{d}|{d}\s+(?:of\s+waiting|is\s+far\s+too\s+long\s+to\s+wait)"


@pytest.mark.parametrize("text, duration", [
    ("Ma commande est arrivée avec 3 jours de retard et le carton était ouvert. Pas top.", "3 jours"),
    ("Colis livré avec 5 jours de retard, sans aucune explication.", "5 jours"),
    ("Ma commande a une semaine de retard et personne ne me répond.", "une semaine"),
])
def test_a_delay_is_not_answered_as_a_wait(text: str, duration: str) -> None:
    drafts = publics_of(text)
    for draft in drafts:
        assert not re.search(_WAIT_WORDING.format(d=re.escape(duration)), draft), draft
    assert any(re.search(r"(?i)retard", draft) for draft in drafts), drafts


@pytest.mark.parametrize("text, duration", [
    # look-alikes: a wait still going on is named as one
    ("Commande passée il y a 3 semaines, toujours rien reçu.", "3 semaines"),
    ("J'attends mon colis depuis 10 jours, c'est inadmissible.", "10 jours"),
])
def test_a_wait_is_still_named_as_a_wait(text: str, duration: str) -> None:
    drafts = publics_of(text)
    assert any(duration in draft for draft in drafts), drafts
    assert not any("retard de " + duration in draft for draft in drafts), drafts


@pytest.mark.parametrize("text, duration, answer", [
    ("Arrivée avec 3 jours de retard", "3 jours", True),
    ("un retard de 2 heures sur le TER", "2 heures", True),
    ("My parcel turned up 4 days late", "4 days", True),
    ("the train was delayed by 2 hours", "2 hours", True),
    ("Toujours rien depuis 3 jours", "3 jours", False),
    ("3 jours de retard sur la première commande, et j'attends la seconde depuis 5 jours", "5 jours", False),
    ("Still waiting after 4 days, it was due yesterday", "4 days", False),
])
def test_is_delay(text: str, duration: str, answer: bool) -> None:
    assert is_delay(text, duration) is answer


def test_no_draft_tells_anyone_to_wait_some_more() -> None:
    for text in ("Ma commande est arrivée avec 3 jours de retard.", "On a attendu 45 minutes nos plats hier soir.",
                 "Virement bloqué depuis 5 jours, personne ne répond."):
        for draft in publics_of(text):
            assert not re.search(r"(?:^|[.!?] )Attendre\b", draft), draft


# ---- 2. the details asked for in private fit the kind of business

@pytest.mark.parametrize("text, brand, wanted", [
    ("Virement bloqué depuis 5 jours, personne ne répond à l'agence. C'est inadmissible.", "Banque Horizon",
     "numéro de client"),
    ("Hier au restaurant, j'ai trouvé un cheveu dans mon plat. Dégoûtant.", "Le Bistrot du Port", "venue"),
    ("On a attendu 45 minutes nos plats hier soir et le serveur nous a ignorés. Décevant.", "Le Bistrot du Port",
     "venue"),
    ("Assurance auto : sinistre déclaré il y a un mois, toujours aucun retour.", "AssurPlus", "contrat"),
    ("Chambre d'hôtel sale à notre arrivée et personne à la réception pour nous aider.", "Hôtel Les Pins",
     "réservation"),
    ("Prélevé deux fois sur mon forfait fibre ce mois-ci, remboursez-moi.", "NovaTel", "ligne"),
])
def test_a_private_follow_up_asks_what_the_business_needs(text: str, brand: str, wanted: str) -> None:
    replies = replies_of(text, name=brand)
    private = [reply["text"] for reply in replies if reply["kind"] == "private"]
    assert private and wanted in private[0], replies
    for reply in replies:
        assert "numéro de commande" not in reply["text"], reply["text"]
        assert not check_draft(reply["text"], language="fr", channel="facebook", comment={"text": text},
                               kind=reply["kind"]), reply["text"]


@pytest.mark.parametrize("text, brand, wanted", [
    ("I was charged a late fee on my bank account even though I paid on time. Please fix this.", "Horizon Bank",
     "customer number"),
    ("The hotel charged my card twice for one night, please refund me.", "Seaview Hotel", "booking reference"),
    ("We waited an hour for our table and the waiter was rude.", "The Harbour Bistro", "date and time of your visit"),
])
def test_a_private_follow_up_asks_what_the_business_needs_in_english(text: str, brand: str, wanted: str) -> None:
    replies = replies_of(text, name=brand)
    private = [reply["text"] for reply in replies if reply["kind"] == "private"]
    assert private and wanted in private[0], replies
    for reply in replies:
        assert "order number" not in reply["text"], reply["text"]


@pytest.mark.parametrize("text, wanted", [
    # look-alikes: a parcel, a meal delivered, a box sent by a telecom operator keep their order number
    ("Commande passée il y a 3 semaines, toujours rien reçu.", "numéro de commande"),
    ("La pizza est arrivée froide et il manquait la boisson.", "numéro de commande"),
    ("Ma box n'a jamais été livrée, le colis est bloqué depuis 10 jours.", "numéro de commande"),
    ("My order never arrived.", "order number"),
])
def test_an_order_keeps_its_order_number(text: str, wanted: str) -> None:
    assert wanted in private_of(text)


def test_the_public_draft_names_the_details_of_the_case() -> None:
    drafts = publics_of("Virement bloqué depuis 5 jours, personne ne répond à l'agence. C'est inadmissible.",
                        name="Banque Horizon")
    named = [draft for draft in drafts if "Pour les informations personnelles (" in draft]
    assert named and all("(numéro de client" in draft for draft in named), drafts
    drafts = publics_of("Ma commande n'est jamais arrivée.")
    named = [draft for draft in drafts if "Pour les informations personnelles (" in draft]
    assert named and all("(numéro de commande, coordonnées)" in draft for draft in named), drafts
    for draft in publics_of("Ma commande n'est jamais arrivée.", address_form="tu"):
        assert "{" not in draft and "écrivez" not in draft, draft


# ---- 3. user names and gamer tags are no first names

@pytest.mark.parametrize("name", ["xXDarkKillerXx", "DarkKiller", "ProGamerFr", "ShadowWolf", "KillerX", "iPhoneFan",
                                  "@nico_du_75", "gamer_4life", "lea_99"])
def test_a_user_name_is_not_greeted_as_a_first_name(name: str) -> None:
    assert greeting_name(name) is None
    for draft in publics_of("Plus d'internet depuis 3 jours, la box clignote rouge.", channel="twitter", author=name):
        assert draft.startswith("Bonjour, "), draft


@pytest.mark.parametrize("name, greeted", [
    # look-alikes: people's names, whatever their capitals
    ("DeShawn", "DeShawn"), ("McDonald", "McDonald"), ("MacKenzie", "MacKenzie"), ("LeBron", "LeBron"),
    ("Marie", "Marie"), ("KEVIN", "Kevin"), ("jean-marc dupont", "Jean-Marc"), ("Zoé", "Zoé"),
    ("Sylvie et Marc", "Sylvie et Marc"), ("Tom & Anna", "Tom & Anna"), ("sylvie et marc", "Sylvie et Marc"),
])
def test_a_person_is_still_greeted_by_name(name: str, greeted: str) -> None:
    assert greeting_name(name) == greeted


# ---- 4. Instagram drafts at the length a reply reads there

_LONG_ON_INSTAGRAM = [
    "La pizza est arrivée froide et il manquait la boisson.",
    "Pourquoi mon colis est marqué livré alors que je n'ai rien reçu ?",
    "Commande passée il y a 3 semaines, toujours rien reçu et on m'a débité deux fois. Vraiment déçue.",
    "Bonjour, je n'arrive plus à me connecter à l'appli depuis la mise à jour. Code erreur 403.",
    "My order arrived damaged and customer service never answered my emails.",
]


@pytest.mark.parametrize("text", _LONG_ON_INSTAGRAM)
def test_instagram_drafts_drop_the_least_necessary_sentences(text: str) -> None:
    result = run(text, channel="instagram", author={"name": "Marie"}, brand={"name": "Colibri"})
    steps = [step["id"] for step in result["steps"]]
    longer = {draft["text"] for draft in run(text, channel="facebook", author={"name": "Marie"},
                                             brand={"name": "Colibri"})["replies"]}
    for draft in result["replies"]:
        if draft["kind"] != "public":
            continue
        assert draft["covers"] == steps, draft
        assert draft["text"].endswith("— L’équipe Colibri") or draft["text"].endswith("— The Colibri team"), draft
        # only whole sentences go: the draft is the Facebook one, or shorter than it and near the natural length
        assert draft["text"] in longer or draft["characters"] <= NATURAL_LENGTH["instagram"] + 150, draft
    assert max(d["characters"] for d in result["replies"] if d["kind"] == "public") < 600


def test_a_draft_that_reads_well_on_instagram_keeps_every_sentence() -> None:
    # look-alike: a short draft loses nothing, and Facebook keeps its closing sentence
    text = "Merci pour la livraison rapide, tout était parfait !"
    assert publics_of(text, channel="instagram") == publics_of(text, channel="facebook")
    closings = ("Nous restons à votre écoute.", "Bonne journée à vous.", "Nous revenons vers vous très vite.")
    facebook = publics_of("La pizza est arrivée froide et il manquait la boisson.", channel="facebook")
    assert all(any(closing in draft for closing in closings) for draft in facebook), facebook


# ---- 5. an escalation on X: short, but warm and complete

@pytest.mark.parametrize("text", [
    "La batterie de ma trottinette a pris feu pendant la charge !!",
    "Odeur de gaz très forte dans le hall de l'immeuble depuis votre intervention ce matin.",
])
def test_an_escalation_on_x_is_a_whole_sentence(text: str) -> None:
    for address in ("vous", "tu"):
        drafts = publics_of(text, channel="twitter", address_form=address)
        for draft in drafts:
            assert not re.search(r"(?:^|[.!?] )(?:Transmis|Pris en charge) en priorité\.", draft), draft
        assert any("escalate" in reply["covers"] for reply in replies_of(text, channel="twitter",
                                                                          address_form=address)), drafts


def test_an_escalation_on_x_in_english_is_a_whole_sentence() -> None:
    drafts = publics_of("My e-scooter battery caught fire while charging!!", channel="twitter")
    for draft in drafts:
        assert "Handled as a priority." not in draft, draft


# ---- 6. a question the comment already answers is not asked again

@pytest.mark.parametrize("text", [
    "Bonjour, problème avec ma carte depuis ce matin, ça marche pas",
    "Bus 42 jamais passé ce matin, j'ai raté mon rendez-vous médical.",
    "Problem with my account since yesterday, please help",
])
def test_when_it_happened_is_not_asked_when_told(text: str) -> None:
    for draft in publics_of(text):
        assert not re.search(r"(?i)depuis quand|since when|à quel moment|when it happens", draft), draft


@pytest.mark.parametrize("text", [
    # look-alikes: nothing says when, so it is asked
    "J'ai un problème avec ma carte, ça marche pas",
    "Problem with my account, please help",
])
def test_when_it_happened_is_asked_when_not_told(text: str) -> None:
    assert any(re.search(r"(?i)depuis quand|since when|à quel moment|when it happens", draft)
               for draft in publics_of(text))


def test_a_comment_that_names_its_bus_is_not_asked_which_product() -> None:
    for draft in publics_of("Bus 42 jamais passé ce matin, j'ai raté mon rendez-vous médical.", name="TransCité"):
        assert "quel produit ou service" not in draft, draft


# ---- 7. a price, or a bank operation, is not answered as a technical fault or a bill

def test_a_price_rise_gets_no_technical_remedy() -> None:
    for draft in publics_of("Le forfait mobile a augmenté de 5€ sans prévenir, c'est honteux.", name="NovaTel"):
        assert not re.search(r"(?i)techni|rétablir le service", draft), draft
    # look-alike: a box that crashes too is a technical fault
    drafts = publics_of("Le forfait a augmenté et en plus la box plante tous les soirs", name="NovaTel")
    assert any(re.search(r"(?i)techni", draft) for draft in drafts), drafts


def test_a_bank_transfer_is_checked_not_billed() -> None:
    drafts = publics_of("Virement bloqué depuis 5 jours, personne ne répond à l'agence. C'est inadmissible.",
                        name="Banque Horizon")
    for draft in drafts:
        assert "votre virement" in draft and not re.search(r"(?i)facture|prélevé à tort", draft), draft
    # look-alike: a subscription charged twice is still a bill to check
    drafts = publics_of("Prélevé deux fois pour mon abonnement ce mois-ci")
    assert any(re.search(r"(?i)facture|prélevé à tort|prélèvements", draft) for draft in drafts), drafts


@pytest.mark.parametrize("text, duration", [
    ("Flight delayed 5 hours and no food vouchers were offered. Terrible.", "5 hours"),
    ("Train retardé de 40 minutes, j'ai raté ma correspondance.", "40 minutes"),
])
def test_a_delayed_journey_is_a_delay(text: str, duration: str) -> None:
    assert is_delay(text, duration)
    for draft in publics_of(text):
        assert not re.search(_WAIT_WORDING.format(d=re.escape(duration)), draft), draft


# ---- 8. a danger in a room is no product to stop using

def test_a_danger_in_a_hotel_room_is_no_product() -> None:
    replies = replies_of("The hotel room smelled of smoke and the AC was broken. Not worth 200 a night.",
                         channel="review", name="Seaview Hotel")
    for reply in replies:
        assert not re.search(r"(?i)stop using|don't use the product|your product|photo of the product", reply["text"]), \
            reply["text"]
    assert any("booking reference" in reply["text"] for reply in replies if reply["kind"] == "private"), replies
    # look-alike: a charger that caught fire in a hotel room is still a product to stop using
    drafts = publics_of("My phone charger caught fire in my hotel room last night.", name="Acme")
    assert any(re.search(r"(?i)stop using|don't use the product", draft) for draft in drafts), drafts

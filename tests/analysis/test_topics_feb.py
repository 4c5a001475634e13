"""Topics a comment is about (fr + en): words too broad to name a topic alone ("erreur", "email", "line", "cookies",
"$", "frais", "ouverture", "gare") gave topics the comment is not about, and the drafts then spoke of the wrong thing;
vocabulary missing for a topic left comments without one. Each rule comes with comments that must get the topic and
look-alikes that must not."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


def topics(text: str) -> list[str]:
    return run(text)["topics"]


# ---- 1. words too broad: an error, an email, a line, cookies, an amount, "frais", an opening, a station

@pytest.mark.parametrize("text, topic", [
    ("L'appli affiche une erreur de connexion depuis ce matin", "technical"),
    ("Une erreur est survenue à chaque fois que je valide le panier", "technical"),
    ("erreur 503 sur votre site depuis 1h", "technical"),
    ("J'ai envoyé un mail il y a 10 jours, toujours rien", "customer_service"),
    ("Vous ignorez mes mails depuis un mois", "customer_service"),
    ("personne ne répond aux mails et mon colis est perdu", "customer_service"),
    ("I emailed you three times last week and got nothing back", "customer_service"),
    ("never received my order and nobody answers emails", "customer_service"),
    ("Quelles sont vos heures d'ouverture le samedi ?", "store"),
    ("Waited in line for 40 minutes at the Leeds store, one till open", "store"),
    ("impossible de refuser les cookies sur votre site", "privacy"),
    ("Your cookie banner has no reject button, that's not GDPR compliant", "privacy"),
    ("les nouveaux cookies sont trop bons", "product_quality"),
    ("the new oat cookies are amazing", "product_quality"),
    ("Le poisson n'était pas frais du tout, odeur bizarre", "product_quality"),
    ("Price up again? £4 more a month for nothing new", "pricing"),
    ("Encore 3 € de plus par mois, pour le même service", "pricing"),
    ("Odeur de gaz très forte depuis le passage de votre technicien", "safety"),
    ("Strong smell of gas in the flat since your engineer left", "safety"),
    ("Locked out of my account, the password reset emails never arrive", "account"),
    ("My power bank stopped holding a charge after a month", "product_quality"),
])
def test_a_precise_phrase_names_its_topic(text: str, topic: str) -> None:
    assert topic in topics(text)


@pytest.mark.parametrize("text, topic", [
    ("Y a forcément une erreur sur ma facture", "technical"),
    ("Il y a une erreur sur ma facture", "technical"),
    ("Comment on change l'adresse mail du compte ?", "customer_service"),
    ("Où en est ma commande ? Pas de mail de suivi", "customer_service"),
    ("Hi, how do I track my order? I didn't get a confirmation email.", "customer_service"),
    ("Locked out of my account, the password reset emails never arrive", "delivery"),
    ("Fair play, engineer came same day and fixed the line. Cheers", "store"),
    ("Nobody is answering the emergency line and there's water everywhere", "store"),
    ("The gate agent was rude to my mother", "store"),
    ("C'est normal que l'appli me demande de me reconnecter à chaque ouverture ?", "store"),
    ("Si je recroise le livreur qui gare sa camionnette sur mon trottoir...", "store"),
    ("les nouveaux cookies sont trop bons", "privacy"),
    ("Frais de 45 € prélevés sans explication", "product_quality"),
    ("Ce serait top de pouvoir payer en 3 fois sans frais", "product_quality"),
    ("There's a random $49.99 charge on my statement from you, what is this??", "pricing"),
    ("I turned $500 into $12,000 with Bitcoin, DM me", "pricing"),
    ("Foundation separated in the bottle after a week. Not great for £38.", "pricing"),
    ("My thread about your exploding power bank has 40k retweets", "billing"),
])
def test_a_broad_word_alone_names_no_topic(text: str, topic: str) -> None:
    assert topic not in topics(text)

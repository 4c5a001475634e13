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


# ---- 2. vocabulary missing for a topic: products named, what happens to them and what is asked of them; a shop's
# hours; "livrez"; the brand's people; software words; dangers; contactless payment; "compte" as a count

@pytest.mark.parametrize("text, topic", [
    ("Pas mal du tout ce nouveau sérum, ma peau est toute douce 😍", "product_quality"),
    ("TROP BIEN CE PARFUM JE L'ADORE", "product_quality"),
    ("Rien à dire, jamais déçue par vos produits.", "product_quality"),
    ("OBSESSED with this lipstick 😍😍", "product_quality"),
    ("can't complain tbh, best headphones i've owned", "product_quality"),
    ("Ma tuque a déjà des trous après 2 lavages, c'est plate en maudit", "product_quality"),
    ("la coque du tel s'est fendue au bout de 2 jours, c nul", "product_quality"),
    ("Le mascara a séché au bout d'une semaine", "product_quality"),
    ("Screen cracked the first time I dropped it, from knee height", "product_quality"),
    ("Il est vegan ce rouge à lèvres ?", "product_quality"),
    ("Vos crèmes sont-elles testées sur les animaux ?", "product_quality"),
    ("Is this cruelty free?", "product_quality"),
    ("is it waterproof tho??", "product_quality"),
    ("It would be nice if you offered smaller sizes for the family pack", "product_quality"),
    ("Love the new spring collection 😍", "product_quality"),
    ("vous ouvrez a quelle heure dimanche svp", "store"),
    ("Est-ce que la succursale de Laval est ouverte à soir ?", "store"),
    ("What time do you open on Saturdays?", "store"),
    ("Bonjour, vous livrez en Belgique ?", "delivery"),
    ("Livrez-vous le dimanche ?", "delivery"),
    ("Jamais rappelée malgré 3 promesses. On se sent pas considérée.", "customer_service"),
    ("Ça fait 2 semaines que mon internet coupe pis personne me rappelle", "customer_service"),
    ("Merci au contrôleur du TER ce matin, super sympa avec ma fille", "customer_service"),
    ("Cabin crew on flight 204 were incredible with my anxious toddler", "customer_service"),
    ("Le vigile m'a suivi dans tous les rayons, uniquement moi", "customer_service"),
    ("Je recommande, équipe adorable et produits de qualité", "customer_service"),
    ("Chu tanné de perdre le signal à chaque fois que je rentre dans le métro", "technical"),
    ("Ce serait top d'avoir une intégration avec Slack pour les notifications", "technical"),
    ("Would love to see SSO support with Okta", "technical"),
    ("J'ai le visage couvert de plaques rouges, je suis allée aux urgences", "safety"),
    ("J'ai trouvé un morceau de verre dans ma salade", "safety"),
    ("Your engineer left exposed live wires in my kitchen", "safety"),
    ("My daughter had a reaction, we're at the ER now, she broke out in hives", "safety"),
    ("Une faille de sécurité expose les adresses de vos clients", "privacy"),
    ("We found our clients' invoices indexed on Google through your shared links", "privacy"),
    ("c'était le sans contact désactivé dans l'appli", "billing"),
    ("it was the contactless toggle in the app", "billing"),
    ("You've been charging me for 5 months after I cancelled", "billing"),
    ("Remboursement toujours pas versé sur mon compte", "billing"),
    ("Are you planning to offer business accounts for freelancers?", "account"),
    ("C'est normal que l'appli me demande de me reconnecter à chaque ouverture ?", "account"),
    ("Salut, je peux avoir 2 profils sur le même compte ?", "account"),
    ("Impossible de créer un compte sur votre site", "account"),
    ("Great value, arrived a day early and works perfectly", "pricing"),
    ("Hi, do you ship to Canada and how much is it?", "pricing"),
])
def test_missing_vocabulary_names_its_topic(text: str, topic: str) -> None:
    assert topic in topics(text)


@pytest.mark.parametrize("text, topic", [
    ("Je me rends compte que c'est pas pour moi", "account"),
    ("En fin de compte, tout compte fait, je garde l'abonnement", "account"),
    ("ça me rappelle mon enfance, merci", "customer_service"),
    ("C'est quoi ce prix ??? 15€ pour une coque en plastique", "product_quality"),
    ("Can you open a ticket for me?", "store"),
    ("Livraison sans contact svp, je suis en télétravail", "billing"),
    ("Contactless delivery please, baby sleeping", "billing"),
    ("The driver threw my parcel over the gate, everything smashed", "product_quality"),
    ("Sent to collections for a bill I never got", "product_quality"),
    ("30 € prélevés deux fois, débité sur mon compte le 3 et le 4", "account"),
])
def test_a_look_alike_gets_no_topic_from_the_new_words(text: str, topic: str) -> None:
    assert topic not in topics(text)


# ---- 3. a subscription's price is a price; money paid into an account is money; the skin a cosmetic is for;
# abbreviations and Québec words

@pytest.mark.parametrize("text, topic", [
    ("Encore une augmentation de l'abonnement... ça devient vraiment cher", "pricing"),
    ("Mon abonnement passe à 19,99 le mois prochain, sérieux ?", "pricing"),
    ("Je peux avoir 2 profils ou faut payer en plus ?", "pricing"),
    ("The subscription went up again and nothing changed", "pricing"),
    ("Why should I pay extra for a charger that used to be in the box?", "pricing"),
    ("£15 account maintenance charge nobody told me about", "billing"),
    ("Les frais de tenue de compte ont doublé", "billing"),
    ("Still waiting for the money to be back in my account", "billing"),
    ("not bad at all, my skin has never looked this good 😍", "product_quality"),
    ("Ma peau n'a jamais été aussi douce, merci", "product_quality"),
    ("ma cmd est tjr pas arrivée", "delivery"),
    ("toujours pas de rembourcement, ça fait 3 semaines", "returns_refunds"),
    ("Non ça marche toujours pas même après le reset", "technical"),
    ("Le dépanneur du coin a plus de choix que votre succursale", "store"),
    ("can't get into my acct since yesterday", "account"),
])
def test_more_vocabulary_names_its_topic(text: str, topic: str) -> None:
    assert topic in topics(text)


@pytest.mark.parametrize("text, topic", [
    ("Encore une augmentation de l'abonnement... ça devient vraiment cher", "billing"),
    ("The subscription went up again and nothing changed", "billing"),
    ("Still waiting for the money to be back in my account", "account"),
    ("You should pay more attention to your customers", "pricing"),
    ("Je vais payer plus tard, c'est possible ?", "pricing"),
])
def test_a_look_alike_keeps_its_own_topic(text: str, topic: str) -> None:
    assert topic not in topics(text)


# ---- 4. more ways real commenters name a topic: carriers, payment means, the people on the line, slow or frozen
# apps, login codes, identity theft, food that made someone sick

@pytest.mark.parametrize("text, topic", [
    ("Le facteur a mis un avis de passage sans même sonner", "delivery"),
    ("Mon numéro de suivi ne donne rien depuis 5 jours", "delivery"),
    ("Postes Canada dit que c'est chez vous, vous dites que c'est chez eux", "delivery"),
    ("Royal Mail says it was never handed over", "delivery"),
    ("Ma carte de crédit a été refusée trois fois", "billing"),
    ("Pourquoi je peux pas payer avec PayPal ?", "billing"),
    ("Klarna says I owe you money, I paid in full", "billing"),
    ("La préposée au comptoir m'a ignorée 10 minutes", "customer_service"),
    ("Toujours la boîte vocale, jamais personne", "customer_service"),
    ("I just want to talk to a human, not a bot", "customer_service"),
    ("L'appli se fige dès que j'ouvre mon panier", "technical"),
    ("Le débit internet est ridicule le soir", "technical"),
    ("Your app keeps freezing on the checkout page", "technical"),
    ("Le code de vérification ne vient jamais par SMS", "account"),
    ("The verification code expires before it reaches me", "account"),
    ("Victime d'une usurpation d'identité après votre fuite", "privacy"),
    ("Mon fils est tombé malade après votre compote", "safety"),
    ("That chicken made me sick all night", "safety"),
])
def test_other_common_words_name_their_topic(text: str, topic: str) -> None:
    assert topic in topics(text)


@pytest.mark.parametrize("text, topic", [
    ("La rame de métro était bondée, rien à voir avec vous", "technical"),
    ("Love the new Hermès-style bag, gorgeous", "delivery"),
    ("Le débit de 30 € est passé deux fois", "technical"),
])
def test_other_look_alikes_get_no_topic(text: str, topic: str) -> None:
    assert topic not in topics(text)

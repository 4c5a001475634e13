"""Topics a comment is about (fr + en), March: words that gave a topic out of context ("box" a subscription box read as
an internet box, "consent" for a plan changed read as personal data) and words missing for a topic (staff at a desk
said rude, a gym's membership). Each rule comes with comments that must get the topic and look-alikes that must not."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


def topics(text: str) -> list[str]:
    return run(text)["topics"]


# ---- 1. a box subscribed to, given or received is a product or a parcel; the internet box stays technical

@pytest.mark.parametrize("text, topic", [
    ("J'ai reçu ma box du mois, le sérum a coulé", "product_quality"),
    ("J'ai reçu ma box du mois, le sérum a coulé", "delivery"),
    ("La box beauté de ce mois est décevante, que des échantillons", "product_quality"),
    ("Ma box repas de la semaine était incomplète, il manquait les légumes", "product_quality"),
    ("J'ai offert une box cadeau à ma sœur, le coffret était abîmé", "product_quality"),
    ("Ça fait 10 jours que j'attends ma box, toujours rien", "delivery"),
    ("my snack box arrived crushed", "delivery"),
    ("My subscription box arrived with a broken jar", "delivery"),
])
def test_a_box_subscribed_to_is_a_product_or_a_parcel(text: str, topic: str) -> None:
    assert topic in topics(text)


@pytest.mark.parametrize("text", [
    "Ma box beauté mensuelle augmente encore",
    "J'ai reçu ma box du mois, le sérum a coulé",
    "La box beauté de ce mois est décevante, que des échantillons",
    "Ma box repas de la semaine était incomplète, il manquait les légumes",
    "J'ai offert une box cadeau à ma sœur, le coffret était abîmé",
])
def test_a_box_subscribed_to_is_no_outage(text: str) -> None:
    assert "technical" not in topics(text)


@pytest.mark.parametrize("text", [
    "ma box internet ne capte plus",
    "la box Wi-Fi redémarre sans arrêt",
    "Ma box ne marche plus depuis hier soir",
    "La box redémarre toute seule toutes les 10 minutes",
    "Ma Livebox clignote orange depuis ce matin",
    "Freebox en panne depuis 3 jours",
])
def test_the_internet_box_stays_technical(text: str) -> None:
    assert "technical" in topics(text)


# ---- 2. the people at a desk or a counter, and rudeness said of them, are the service

@pytest.mark.parametrize("text", [
    "The receptionist was really rude when I asked to cancel my membership",
    "The front desk guy was so rude to me this morning",
    "The clerk rolled her eyes and ignored my question",
    "Your sales assistant laughed at me when I asked for a bigger size",
    "Honestly the people at your Bristol branch were rude from start to finish",
    "La réceptionniste a été très impolie",
    "L'hôtesse d'accueil m'a parlé comme à un chien",
    "Le gérant du magasin a refusé de me parler",
    "Personne d'aimable, des vendeurs malpolis, je ne reviendrai pas",
    "Accueil glacial, la dame était impolie du début à la fin",
])
def test_staff_and_rudeness_are_customer_service(text: str) -> None:
    assert "customer_service" in topics(text)


@pytest.mark.parametrize("text", [
    "What a rude awakening, the app logged me out again",
    "Le rapport de la réception de colis indique livré",
    "Ma box beauté mensuelle augmente encore",
])
def test_look_alikes_of_staff_are_no_service(text: str) -> None:
    assert "customer_service" not in topics(text)


# ---- 3. consent is personal data only next to data; a plan changed "without my consent" is billing

@pytest.mark.parametrize("text", [
    "The gym changed my membership to premium without my consent",
    "my gym membership renewed without my consent and charged me",
    "On m'a changé de formule sans mon consentement",
    "Mon adhésion a été renouvelée sans mon consentement",
])
def test_a_plan_changed_without_consent_is_billing_not_privacy(text: str) -> None:
    found = topics(text)
    assert "billing" in found
    assert "privacy" not in found


@pytest.mark.parametrize("text", [
    "You shared my email with partners without my consent",
    "They signed me up to their newsletter without my consent",
    "I want to withdraw my consent for marketing, how do I do it?",
    "You sold my data without my consent",
    "Vous avez partagé mes données sans mon consentement",
    "Vous avez partagé mes coordonnées avec des partenaires sans mon accord",
    "Vous m'avez inscrit à votre newsletter sans mon consentement",
    "Comment retirer mon consentement pour la prospection ?",
])
def test_consent_about_personal_data_is_privacy(text: str) -> None:
    assert "privacy" in topics(text)


@pytest.mark.parametrize("text", [
    "The staff asked for my consent before the treatment, very professional",
    "Ils ont changé la formule de la crème, elle pique maintenant",
])
def test_look_alikes_of_consent_are_no_privacy(text: str) -> None:
    assert "privacy" not in topics(text)


# ---- 4. a membership, an "adhésion", a "cotisation" are subscriptions

@pytest.mark.parametrize("text, topic", [
    ("I was charged twice for my membership this month", "billing"),
    ("How do I pause my gym membership while I'm abroad?", "billing"),
    ("Mon adhésion à la salle a augmenté sans prévenir", "billing"),
    ("On m'a prélevé la cotisation annuelle deux fois", "billing"),
    ("l'abonnement à la salle est trop cher", "pricing"),
])
def test_a_membership_is_a_subscription(text: str, topic: str) -> None:
    assert topic in topics(text)



# ---- 5. mobile data is the network, not personal data

@pytest.mark.parametrize("text", [
    "my mobile data stopped working since the update",
    "Data roaming not working in Spain, I'm stuck",
    "mes données mobiles ne marchent plus depuis hier",
    "Plus de données cellulaires depuis la mise à jour",
])
def test_mobile_data_is_technical_not_privacy(text: str) -> None:
    found = topics(text)
    assert "technical" in found
    assert "privacy" not in found


@pytest.mark.parametrize("text", [
    "You leaked my data, I want answers",
    "Vous avez vendu mes données à des partenaires",
    "my data plan ran out after 2 days and I got charged extra",
])
def test_look_alikes_of_mobile_data(text: str) -> None:
    assert "technical" not in topics(text)


# ---- 6. what the packaging says (ingredients, allergens, dates) is the product, not a parcel

@pytest.mark.parametrize("text", [
    "Mon fils a fait une réaction allergique après vos biscuits, des traces d'arachide pas indiquées sur le paquet !!",
    "La date sur l'emballage est déjà dépassée",
    "No mention of nuts on the packet and my son reacted",
    "It says on the box 12 pieces, there were 8",
    "The label says gluten free but it's full of wheat",
])
def test_what_the_packaging_says_is_the_product(text: str) -> None:
    found = topics(text)
    assert "product_quality" in found
    assert "delivery" not in found


@pytest.mark.parametrize("text", [
    "Mon paquet est arrivé ouvert",
    "Le paquet a été laissé sur le palier",
    "The package arrived damaged",
    "There was a note on the package saying fragile, they threw it anyway",
])
def test_a_parcel_stays_a_delivery(text: str) -> None:
    assert "delivery" in topics(text)


# ---- 7. nobody there to serve is the service, even with no word for the staff

@pytest.mark.parametrize("text", [
    "Vol Paris-Nice annulé 2h avant sans explication et personne au comptoir 😤",
    "Personne pour nous accueillir, 20 minutes plantés à l'entrée",
    "Waited 20 min at the hotel, nobody at the desk",
    "Nobody to help us at the self checkout, again",
])
def test_nobody_to_serve_is_customer_service(text: str) -> None:
    assert "customer_service" in topics(text)


@pytest.mark.parametrize("text", [
    "J'ai posé la tasse sur le comptoir et elle s'est fendue",
    "Left my bag on the desk and the zip broke the same day",
])
def test_a_counter_or_a_desk_as_furniture_is_no_service(text: str) -> None:
    assert "customer_service" not in topics(text)

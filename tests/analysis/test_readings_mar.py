"""Misreadings fixed in March (fr + en), each by a general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. a failure told, then a fix or help asked, is a complaint; a help asked with no failure stays a question

@pytest.mark.parametrize("text", [
    "The app is buggy again, can you fix it?",
    "My order is stuck, can you help?",
    "The website keeps freezing at checkout, could you please fix it?",
    "Le site affiche une page blanche quand je clique sur payer, c'est normal ?",
    "L'appli plante encore, vous pouvez régler ça ?",
    "Mon colis est bloqué depuis une semaine, pouvez-vous m'aider ?",
])
def test_a_failure_with_a_fix_asked_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", [
    "Can you help me find my order number?",
    "Could you help me change my delivery address?",
    "Vous pouvez m'aider à retrouver mon numéro de commande ?",
    "Pouvez-vous m'aider à choisir une taille ?",
])
def test_a_help_asked_with_no_failure_stays_a_question(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- 2. food served raw or undercooked is the kitchen's failure

@pytest.mark.parametrize("text", [
    "Burger servi cru au milieu",
    "Poulet pas cuit, franchement inadmissible",
    "The pasta was cold and the chicken was raw in the middle",
    "Ordered the salmon and it was still raw inside",
])
def test_food_served_raw_is_a_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"]
    assert "product_quality" in result["topics"]


@pytest.mark.parametrize("text", [
    "Love your raw honey, is it organic?",
    "Le saumon cru de vos sushis est incroyable",
    "Le tartare de boeuf cru était parfait, merci",
])
def test_raw_food_as_a_dish_is_no_failure(text: str) -> None:
    result = run(text)
    assert result["category"] != "complaint"
    assert not result["flags"]["brand_error"]


# ---- 3. a harm feared in a question, or the author's own illness told with thanks, is no incident

@pytest.mark.parametrize("text", [
    "Does this contain nuts? I don't want an allergic reaction",
    "Is there peanut in the sauce? I'm afraid of an allergic reaction",
    "Est-ce qu'il y a du gluten ? Je ne veux pas être malade",
    "Y a-t-il des arachides dans ce gâteau ? Je veux éviter une réaction allergique",
])
def test_a_harm_feared_in_a_question_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["escalate"]
    assert result["priority"]["level"] != "urgent"


@pytest.mark.parametrize("text", [
    "J'avais une gastro, votre livreur a été adorable, merci",
    "I had food poisoning last week and your driver was lovely, thank you",
])
def test_the_authors_own_illness_told_with_thanks_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "I had an allergic reaction after eating your cookies, is this normal?",
    "I had food poisoning after eating your chicken, thanks a lot",
    "J'ai eu une intoxication alimentaire, merci votre restaurant",
    "J'ai eu une gastro après votre burger, merci pour rien",
])
def test_a_harm_linked_to_the_brand_still_escalates(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["escalate"]


# ---- 4. a price rise and a threat to leave over it is a complaint about the price

@pytest.mark.parametrize("text", [
    "Ma box beauté mensuelle augmente encore, je vais résilier mon abonnement",
    "Le prix augmente encore, je vais résilier et partir ailleurs",
    "Prices went up again, I'm going to cancel my subscription",
])
def test_a_price_rise_with_a_threat_to_leave_is_a_pricing_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "pricing" in result["topics"]


@pytest.mark.parametrize("text", [
    "Le prix a augmenté mais je vais rester, vous êtes les meilleurs",
    "My salary went up so I'm going to upgrade my plan",
])
def test_a_price_rise_without_leaving_is_no_complaint(text: str) -> None:
    assert run(text)["category"] != "complaint"


# ---- 5. a wait or a problem the author minimises is no failure for irony

@pytest.mark.parametrize("text", [
    "Only waited 20 minutes, the staff were great",
    "Attendu seulement 10 minutes, le personnel était super",
    "Moins de bugs depuis la mise à jour, super",
    "Fewer crashes since the update, great job",
])
def test_a_minimised_wait_or_problem_is_no_sarcasm(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "positive"
    assert result["category"] == "praise"


@pytest.mark.parametrize("text", [
    "Only 3 weeks to deliver my parcel, bravo 👏",
    "Waited 40 minutes, great service 🙄",
    "Toujours plus de bugs depuis la mise à jour, super",
])
def test_a_long_wait_or_more_bugs_with_praise_stays_sarcasm(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"


# ---- 6. spam carries no topics

@pytest.mark.parametrize("text", [
    "Check out my channel for free giveaways https://bit.ly/x",
    "Gagnez un iPhone gratuit en cliquant ici https://bit.ly/y 🔥",
])
def test_spam_carries_no_topics(text: str) -> None:
    result = run(text)
    assert result["category"] == "spam"
    assert result["topics"] == []

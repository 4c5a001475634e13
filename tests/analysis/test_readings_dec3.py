"""Misreadings found in December (third batch) on comments written for the purpose (fr + en), each fixed by a
general rule, with look-alikes that must keep their reading."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


# ---- 1. a service's status asked as a plain question is a neutral question, however it is worded

@pytest.mark.parametrize("text", [
    "is the app down?",
    "Is there an outage in Leeds?",
    "Le site est en panne ?",
    "L'appli est en panne ?",
    "the app is down?",
    "Est-ce que le site est en panne ?",
])
def test_a_status_asked_is_a_neutral_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "neutral", (result["sentiment"], result["cues"])
    assert not result["flags"]["brand_error"]
    assert "technical" in result["topics"]


@pytest.mark.parametrize("text", [
    "Le site est encore en panne ?",
    "Le site est en panne ? Nul.",
    "Is the app down again?",
    "Your app is down for 3 hours now, what is going on?",
])
def test_a_status_asked_with_a_grievance_stays_a_negative_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"


# ---- 2. a malfunction with nothing named that fails asks for details; it admits no error yet

@pytest.mark.parametrize("text", [
    "ça plante",
    "sa bug grave depuis ce matin",
    "Toujours en panne…",
    "it crashed",
    "it keeps crashing",
    "ça beug 😭",
])
def test_a_bare_malfunction_needs_more_info(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["flags"]["needs_more_info"], (result["flags"], result["cues"])
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "L'appli plante",
    "Le décodeur plante depuis ce matin",
    "sa box plante",
    "ça plante encore depuis la mise à jour",
    "App keeps crashing every time I open it. Fix it please.",
    "Your app keeps crashing every time I try to check out",
    "my card keeps getting declined",
])
def test_a_malfunction_of_something_named_stays_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"], (result["flags"], result["cues"])


# ---- 3. a word of wild intensity among praise is slang praise, not an insult

@pytest.mark.parametrize("text", [
    "the new DLC is insane, thanks team!",
    "this update is insane 🔥",
    "you guys are insane, best patch ever",
    "that boss fight was brutal, loved it",
    "C'est une dinguerie ce jeu",
    "la nouvelle saison est une tuerie",
    "This game is fire 🔥🔥 devs cooked with this update",
])
def test_slang_praise_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "positive"
    assert not result["flags"]["toxic"]


@pytest.mark.parametrize("text", [
    "the lag is insane",
    "the prices are insane, thanks for nothing",
])
def test_wild_intensity_next_to_a_problem_stays_negative(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", (result["sentiment"], result["cues"])
    assert result["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "you're insane if you think I'll pay that",
    "you are insane, thanks for nothing",
])
def test_wild_intensity_said_of_the_reader_in_anger_stays_toxic(text: str) -> None:
    assert run(text)["flags"]["toxic"]


# ---- 4. a fix another user suggested is answered only once the author says it worked

def _thread(*messages: tuple[str, str]) -> list[dict]:
    return [{"author": {"name": name}, "text": text, "is_brand": False} for name, text in messages]


@pytest.mark.parametrize("text,thread", [
    ("@Pauline je vais essayer ce soir, merci",
     _thread(("Marc", "Mon décodeur affiche une erreur E-302 depuis hier soir"),
             ("Pauline", "Débranche-le 10 minutes, ça avait marché chez moi"))),
    ("will try that later, thx",
     _thread(("Ben", "My headphones keep disconnecting every few minutes"),
             ("Sam", "Reset them, hold the button for 10 sec, worked for me"))),
    ("Merci Karim, je te redis demain",
     _thread(("Lucie", "Ma box redémarre en boucle depuis hier soir"),
             ("Karim", "Débranche-la 30 secondes puis fais un reset, ça m'a fait pareil"))),
])
def test_a_fix_not_yet_tried_is_not_community_answered(text: str, thread: list[dict]) -> None:
    result = run(text, thread=thread, author=thread[0]["author"])
    assert not result["flags"]["community_answered"], (result["flags"], result["cues"])
    assert result["category"] == "other", (result["category"], result["cues"])


@pytest.mark.parametrize("text,thread", [
    ("Merci Julien, c'était bien ça, ça remarche !",
     _thread(("Claire", "Impossible de me connecter à l'appli depuis ce matin"),
             ("Julien", "Vide le cache de l'appli, ça a réglé le souci chez moi"))),
    ("@Sam that fixed it, thank you so much!",
     _thread(("Amy", "My headphones won't pair with my phone anymore"),
             ("Sam", "Hold the power button 10 sec to reset them, worked for me"))),
    ("Merci Nadia, c'était ça, tout remarche 👍",
     _thread(("Inès", "Ma carte ne passe plus en sans contact depuis hier"),
             ("Nadia", "Regarde dans l'appli, il faut réactiver le sans contact dans les paramètres de la carte"))),
])
def test_a_fix_confirmed_is_community_answered(text: str, thread: list[dict]) -> None:
    result = run(text, thread=thread, author=thread[0]["author"])
    assert result["flags"]["community_answered"], (result["flags"], result["cues"])


# ---- 5. "je voudrais dire", "I'd like to say": a wish to say something asks nothing

@pytest.mark.parametrize("text,category", [
    ("Je voudrais juste dire merci à Claire", "praise"),
    ("J'aimerais remercier toute l'équipe de Lyon", "praise"),
    ("I'd like to say thanks to Claire", "praise"),
    ("Je voudrais juste dire que votre service est nul", "complaint"),
])
def test_a_wish_to_say_is_no_question(text: str, category: str) -> None:
    result = run(text)
    assert result["category"] == category, (result["category"], result["cues"])


@pytest.mark.parametrize("text", [
    "Je voudrais savoir si vous livrez le dimanche",
    "Je voudrais un remboursement",
])
def test_a_wish_for_information_or_a_dealing_stays_a_question(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- 6. "could you offer / add ..." proposes something new; the author's own dealings are still asked

@pytest.mark.parametrize("text", [
    "Could you offer refills?",
    "Could you add more sizes?",
    "Can you offer a bigger bottle?",
    "Could you add a vegan option to the kids menu?",
])
def test_a_proposal_asked_is_a_suggestion(text: str) -> None:
    result = run(text)
    assert result["category"] == "suggestion", (result["category"], result["cues"])


@pytest.mark.parametrize("text", [
    "Could you send me the invoice?",
    "Could you offer me a refund?",
    "Can you make a refund?",
    "Do you offer a student discount?",
    "Can you add my loyalty points please?",
])
def test_an_own_dealing_asked_stays_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", (result["category"], result["cues"])


# ---- 7. a foreign body in food, a product on fire or exploding, staff discriminating: the brand's error

@pytest.mark.parametrize("text", [
    "Absolutely disgusted. Found a hair baked into my pizza. Never ordering again.",
    "J'ai trouvé un cheveu dans mon burger, c'est dégoûtant",
    "Il y avait une mouche dans ma soupe hier soir au restaurant",
    "The heater you sold me caught fire last night. Could have burned my house down.",
    "Mon grille-pain a pris feu ce matin, heureusement j'étais là",
    "Your shop assistant called me a thief in front of everyone because I'm Black. Disgusting.",
])
def test_a_harm_of_the_brands_making_is_its_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"], (result["flags"], result["cues"])


@pytest.mark.parametrize("text", [
    "Les prix ont explosé, merci pour rien",
    "J'ai chargé mon téléphone deux fois aujourd'hui",
    "Le mascara m'a provoqué une grosse réaction allergique, j'ai les yeux gonflés depuis hier",
])
def test_look_alikes_admit_no_error(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]


# ---- 8. a mail not received (present tense), a charge "chargé deux fois" (Québec): a named failure

@pytest.mark.parametrize("text,topic", [
    ("J'ai oublié mon mot de passe et je ne reçois pas le mail de réinitialisation", "account"),
    ("Mon forfait cellulaire a été chargé deux fois ce mois-citte, c'est pas correct pantoute", "billing"),
    ("I'm not receiving the verification code on my phone", "account"),
])
def test_a_failure_named_in_the_present_is_the_brands_error(text: str, topic: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["flags"]["brand_error"], (result["flags"], result["cues"])
    assert topic in result["topics"], (result["topics"], result["cues"])


@pytest.mark.parametrize("text", [
    "Est-ce que je reçois un mail de confirmation ?",
    "Do I receive a confirmation email?",
])
def test_a_mail_asked_about_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


# ---- 9. a price rise is a grievance, not an error to admit; leaving over it, or a price exclaimed, is a complaint

@pytest.mark.parametrize("text", [
    "Great, another price hike. Just what we needed.",
    "Je résilie mon abonnement, 3 hausses de prix en un an c'est trop",
    "The new season pass is a total rip-off, $40 for three skins??",
    "Another price hike?! Seriously?",
])
def test_a_price_rise_is_a_complaint_without_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert not result["flags"]["brand_error"], (result["flags"], result["cues"])
    assert "pricing" in result["topics"]


@pytest.mark.parametrize("text", [
    "Mon forfait a augmenté de 5€ sans prévenir",
    "You raised my plan by $10 without any notice",
])
def test_a_rise_imposed_without_notice_stays_the_brands_error(text: str) -> None:
    assert run(text)["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Is the new pass worth it??",
    "Why is my bill higher this month?",
    "Je résilie quand je veux ou il y a un engagement ?",
])
def test_a_price_asked_about_stays_a_question(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- 10. "t'es vraiment un incapable": the singular judgement said of the reader insults

@pytest.mark.parametrize("text, toxic", [
    ("Ton appli de merde plante encore, t'es vraiment un incapable", True),
    ("vous êtes des incapables", True),
    ("Le livreur est incapable de trouver ma rue", False),
    ("incapable de livrer à l'heure", False),
])
def test_incapable_said_of_the_reader(text: str, toxic: bool) -> None:
    assert run(text)["flags"]["toxic"] is toxic


# ---- 11. money not showing on the account, a bank transfer: a billing complaint to look into

@pytest.mark.parametrize("text", [
    "Mon virement n'apparaît toujours pas sur mon compte",
    "My transfer is still not showing in my account",
    "Le remboursement ne s'affiche toujours pas",
])
def test_money_not_showing_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", [
    "Can you transfer me to a manager?",
    "Le nom du magasin n'apparaît pas sur l'affiche, c'est voulu ?",
])
def test_transfer_and_showing_look_alikes(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert "billing" not in result["topics"]


# ---- 12. advice given as a check to make or a place to look; the author confirms it by finding the thing

@pytest.mark.parametrize("text,thread", [
    ("Trouvé, il était chez le voisin, merci Sami !",
     _thread(("Rose", "Colis marqué livré mais je ne l'ai pas"),
             ("Sami", "Demande à tes voisins, le livreur les dépose souvent à côté"))),
    ("thanks Priya, it was in my spam folder 🙈",
     _thread(("Leo", "Never got the password reset email"),
             ("Priya", "check your spam, mine always lands there"))),
    ("Merci Hugo, fausse alerte, c'était ça 😅",
     _thread(("Anaïs", "Impossible de trouver le mode sombre"),
             ("Hugo", "Réglages > Affichage, tout en bas"))),
])
def test_a_confirmed_check_is_community_answered(text: str, thread: list[dict]) -> None:
    result = run(text, thread=thread, author=thread[0]["author"])
    assert result["flags"]["community_answered"], (result["flags"], result["cues"])
    assert result["category"] == "other"


@pytest.mark.parametrize("text,thread", [
    ("I never found it, thanks anyway Priya",
     _thread(("Leo", "Parcel marked delivered but nothing here"),
             ("Priya", "check behind your bins, they leave them there"))),
])
def test_a_thing_never_found_is_not_community_answered(text: str, thread: list[dict]) -> None:
    result = run(text, thread=thread, author=thread[0]["author"])
    assert not result["flags"]["community_answered"], (result["flags"], result["cues"])


# ---- 13. a referral code with the amount it offers is promotion

@pytest.mark.parametrize("text", [
    "Gagnez 50€ offerts avec mon code parrainage JULIE50 sur l'appli !! 🔥",
    "Code parrainage MAXOU = 15€ offerts sur ta première commande 😍",
    "Use my referral code DAN5 and get $5 off your first order!",
])
def test_a_referral_offer_is_spam(text: str) -> None:
    assert run(text)["category"] == "spam"


@pytest.mark.parametrize("text", [
    "Mon code parrainage ne marche pas, mon amie n'a pas eu ses 20€",
    "Where do I find my referral code?",
    "Le code parrainage, il se trouve où dans l'appli ?",
    "My referral code isn't working, my friend didn't get the $10 off",
])
def test_a_referral_code_of_ones_own_is_no_spam(text: str) -> None:
    assert run(text)["category"] != "spam"


# ---- 14. Québec "écœurant" among thanks is praise; among a problem, disgust

@pytest.mark.parametrize("text, label", [
    ("Service vraiment écœurant hier, merci la gang!", "positive"),
    ("Le service est écœurant, 2h d'attente", "negative"),
    ("C'est écœurant, merci pour rien", "negative"),
])
def test_ecoeurant(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label

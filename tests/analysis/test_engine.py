"""The engine on real-looking comments, French and English: labels, flags, steps, cues, replies."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.analysis.reading import run, step_ids
from worker.analysis import analyze


@pytest.mark.parametrize("text, code", [
    ("Bonjour, ma commande n'est toujours pas arrivée, c'est inadmissible", "fr"),
    ("c nul, tjr en retard ma commande pk ??", "fr"),
    ("My order still hasn't arrived and nobody answers my emails", "en"),
    ("Thanks, great service!", "en"),
    ("Hola, mi pedido no ha llegado todavía y nadie responde", "es"),
])
def test_language(text: str, code: str) -> None:
    assert run(text)["language"]["code"] == code


def test_language_is_und_without_words_and_hint_breaks_ties() -> None:
    assert run("👍👍")["language"]["code"] == "und"
    assert run("ok", language="fr")["language"]["code"] == "fr"


@pytest.mark.parametrize("text, label", [
    ("Service au top, livraison rapide, je recommande !", "positive"),
    ("C'est vraiment nul, je suis très déçu", "negative"),
    ("pas terrible", "negative"),
    ("pas mal du tout, franchement", "positive"),
    ("J'aime pas du tout la nouvelle appli", "negative"),
    ("nuuuuul", "negative"),
    ("chu tanné, c'est plate", "negative"),
    ("not bad at all", "positive"),
    ("This is not good", "negative"),
    ("sooooo slow, I hate this app", "negative"),
    ("I love it, works perfectly 😍", "positive"),
    ("WORST SERVICE EVER", "negative"),
    ("The product is nice but the delivery was a disaster", "negative"),
])
def test_sentiment(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text", [
    "Bravo, 3 semaines pour livrer un colis, quel exploit 👏",
    "Merci pour la panne de 2 jours, vraiment génial 🙄",
    "Great, another outage. Thanks a lot 🙄",
    "Love how my package is 3 weeks late, well done 👏",
])
def test_sarcasm_around_a_failure_is_a_negative_complaint(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"
    assert any(c["signal"] == "sarcasm" for c in result["cues"])


@pytest.mark.parametrize("text", [
    "VOUS ÊTES NULS, TROIS FOIS QUE JE RAPPELLE ET TOUJOURS RIEN !!!",
    "Colis jamais reçu, remboursez-moi immédiatement, c'est du vol !!",
    "I am furious. You charged me twice and support hung up on me!!!",
])
def test_an_angry_complaint_is_never_positive(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert result["category"] == "complaint"
    assert result["priority"]["level"] in ("high", "urgent")


@pytest.mark.parametrize("text, category", [
    ("Ma commande n'est jamais arrivée", "complaint"),
    ("My package never arrived", "complaint"),
    ("Vous livrez en Belgique ?", "question"),
    ("Do you ship to Canada?", "question"),
    ("Merci pour votre accueil, équipe adorable !", "praise"),
    ("Amazing support, thank you so much!", "praise"),
    ("Vous devriez proposer le paiement en trois fois", "suggestion"),
    ("You should add a dark mode to the app", "suggestion"),
    ("Subscribe to my channel for free giveaways http://bit.ly/xyz", "spam"),
    ("Abonnez-vous à ma chaîne, lien en bio !", "spam"),
])
def test_category(text: str, category: str) -> None:
    assert run(text)["category"] == category


@pytest.mark.parametrize("text, topic", [
    ("Mon colis est en retard", "delivery"),
    ("On m'a débité deux fois sur ma carte", "billing"),
    ("L'écran est arrivé cassé", "product_quality"),
    ("Impossible de joindre le service client", "customer_service"),
    ("L'appli plante à chaque connexion", "technical"),
    ("The app keeps crashing since the update", "technical"),
    ("You charged me twice this month", "billing"),
    ("Still waiting for my refund", "returns_refunds"),
])
def test_topics(text: str, topic: str) -> None:
    assert topic in run(text)["topics"]


@pytest.mark.parametrize("text", [
    "Ma commande n'est jamais arrivée, ça fait 3 semaines",
    "On m'a prélevé deux fois ce mois-ci",
    "My parcel never arrived",
    "You double charged me",
])
def test_brand_error_leads_to_accept_error_and_a_solution(text: str) -> None:
    result = run(text)
    assert result["flags"]["brand_error"]
    ids = step_ids(result)
    assert ids[:3] == ["acknowledge", "accept_error", "offer_solution"]
    assert "move_to_private" in ids


@pytest.mark.parametrize("text", ["ça marche pas", "Problème avec ma carte", "it doesn't work", "I have an issue with my account"])
def test_vague_problem_needs_more_info_asked_in_public(text: str) -> None:
    result = run(text)
    assert result["flags"]["needs_more_info"]
    assert not result["flags"]["brand_error"]
    assert "ask_details_publicly" in step_ids(result)


THREAD_FR = [{"author": {"name": "Karim"}, "text": "Essayez de la redémarrer en la débranchant 30 secondes"}]
THREAD_EN = [{"author": {"name": "Sam"}, "text": "Try clearing the cache, that fixed it for me"}]


@pytest.mark.parametrize("comment", [
    {"text": "@Karim merci ça a marché !"},
    {"text": "Merci Karim, ça a marché !", "author": {"name": "Léa"}, "thread": THREAD_FR},
    {"text": "Thanks Sam, that worked!", "author": {"name": "Ann"}, "thread": THREAD_EN},
])
def test_community_answered_thanks_the_helper(comment: dict) -> None:
    result = analyze(comment)
    assert result["flags"]["community_answered"]
    assert "thank_community" in step_ids(result)


def test_community_helper_named_in_the_reply() -> None:
    result = analyze({"text": "Merci Karim, ça a marché !", "author": {"name": "Léa"}, "thread": THREAD_FR})
    assert "Karim" in result["replies"][0]["text"]


def test_brand_reply_in_thread_is_not_the_community() -> None:
    thread = [{"author": {"name": "Colibri"}, "text": "Essayez de redémarrer l'appli", "is_brand": True}]
    result = analyze({"text": "Toujours pas, ça marche pas", "thread": thread})
    assert not result["flags"]["community_answered"]


@pytest.mark.parametrize("comment", [
    {"text": "Allez plutôt chez Zorg, code parrain ZX12 pour -20%"},
    {"text": "Use my referral code SAVE20 at their competitor, way better"},
    {"text": "Boycott this brand, avoid at all costs, share!"},
    {"text": "Cette marque est une arnaque, boycott total, faites tourner",
     "thread": [{"author": {"name": "x"}, "text": "Cette marque est une arnaque, boycott total, faites tourner"}]},
])
def test_suspected_bad_faith_gets_calm_facts(comment: dict) -> None:
    result = analyze(comment)
    assert result["flags"]["suspected_bad_faith"]
    assert "stay_factual" in step_ids(result)


def test_boycott_with_personal_experience_is_not_bad_faith() -> None:
    result = run("J'ai commandé il y a un mois, jamais reçu mon colis. À éviter.")
    assert not result["flags"]["suspected_bad_faith"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Vous êtes des incapables, bande de connards", "You are a bunch of idiots",
                                  "Je vais venir vous casser la gueule"])
def test_toxic(text: str) -> None:
    assert run(text)["flags"]["toxic"]


def test_swearing_at_a_situation_is_not_toxic() -> None:
    result = run("Putain, mon colis est encore en retard")
    assert not result["flags"]["toxic"]
    assert result["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "Le chargeur a pris feu, mon fils s'est brûlé la main",
    "Intoxication alimentaire après votre plat, on a fini aux urgences",
    "I'm calling my lawyer, this is illegal",
    "Your data breach leaked my personal data",
    "The charger exploded and burned my hand",
])
def test_severe_cases_escalate_and_are_urgent(text: str) -> None:
    result = run(text)
    assert result["flags"]["escalate"]
    assert result["priority"]["level"] == "urgent"
    assert result["priority"]["reasons"]
    assert "escalate" in step_ids(result)


def test_praise_is_thanked_with_low_priority() -> None:
    result = run("Super équipe, merci pour votre aide rapide !")
    assert step_ids(result) == ["thank"]
    assert result["priority"]["level"] == "low"


def test_every_negative_comment_is_acknowledged_first() -> None:
    for text in ("Déçue par la qualité", "Terrible experience", "c'est n'importe quoi ce service"):
        assert step_ids(run(text))[0] == "acknowledge"


def test_steps_are_localised_with_why() -> None:
    fr = run("Ma commande n'est jamais arrivée")
    en = run("My order never arrived")
    assert fr["steps"][0]["title"] == "Accuser réception"
    assert en["steps"][0]["title"] == "Acknowledge"
    assert all(step["why"] and step["detail"] for step in fr["steps"] + en["steps"])


def test_cues_point_at_exact_spans() -> None:
    text = "Bravo, 3 semaines pour livrer un colis, quel exploit 👏"
    result = run(text)
    assert result["cues"]
    for cue in result["cues"]:
        assert text[cue["start"]:cue["end"]] == cue["text"]
    signals = {c["signal"] for c in result["cues"]}
    assert "topic:delivery" in signals and "duration" in signals


def test_deterministic() -> None:
    comment = {"text": "Great, another outage. Thanks a lot 🙄", "author": {"name": "Joe"}}
    assert analyze(comment) == analyze(comment)


def test_result_shape() -> None:
    result = run("Colis jamais reçu")
    assert set(result) >= {"language", "sentiment", "category", "topics", "flags", "priority", "cues", "steps",
                           "replies", "engine"}
    assert set(result["flags"]) == {"brand_error", "needs_more_info", "community_answered",
                                    "suspected_bad_faith", "toxic", "escalate"}
    assert -1.0 <= result["sentiment"]["score"] <= 1.0
    json.dumps(result)


def test_empty_text_is_refused() -> None:
    with pytest.raises(ValueError):
        analyze({"text": "   "})


@pytest.mark.parametrize("text", ["x" * 5000, "🙂" * 2000, "\u200b\u202e\ufeff" * 500, "a\u0301" * 2000, "!?" * 2500])
def test_odd_input_never_crashes(text: str) -> None:
    assert analyze({"text": text})["engine"]["version"]


def test_engine_imports_no_flask_redis_or_rq() -> None:
    code = ("import sys, worker.analysis as a; a.analyze({'text': 'Colis jamais reçu'});"
            "bad = [m for m in ('flask', 'redis', 'rq', 'service') if m in sys.modules]; print(bad); sys.exit(bool(bad))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("text", ["You are pathetic", "Vous êtes nuls", "she is human garbage",
                                  "This fucking app deleted my photos"])
def test_name_calling_and_vulgar_language_are_toxic(text: str) -> None:
    assert run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", ["Check out this video on YouTube: http://youtu.be/abc", "subscribe to my channel plz",
                                  "Gagnez de l'argent facile, lien en bio"])
def test_self_promotion_is_spam_and_gets_no_draft(text: str) -> None:
    result = run(text)
    assert result["category"] == "spam"
    assert result["replies"] == []


@pytest.mark.parametrize("text", ["Here is a screenshot of the error: https://imgur.com/a/xyz, the app still crashes",
                                  "Ma commande n'est jamais arrivée, voici le suivi : https://suivi.example.fr/123"])
def test_a_link_in_a_complaint_is_not_spam(text: str) -> None:
    assert run(text)["category"] == "complaint"


def test_a_negative_question_without_a_failure_stays_a_question() -> None:
    assert run("Why is the new logo so ugly?")["category"] == "question"
    assert run("Pourquoi ma commande n'est toujours pas arrivée ??")["category"] == "complaint"


@pytest.mark.parametrize("text, code", [
    ("y'all bitches psycho", "en"),
    ("idk tbh ur app is mid", "en"),
    ("gonna cancel rn smh", "en"),
    ("jsp pk ça marche pas", "fr"),
])
def test_language_of_short_slang(text: str, code: str) -> None:
    assert run(text)["language"]["code"] == code


@pytest.mark.parametrize("text, code", [
    ("Horrible, rude staff", "en"),
    ("Stupid bitch", "en"),
    ("Super produit, livraison rapide", "fr"),
])
def test_lexicon_words_settle_the_language_of_comments_without_function_words(
        text: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from worker.analysis import language
    from worker.analysis.normalize import tokenize

    def no_detector() -> None:
        raise AssertionError("lingua was asked")

    monkeypatch.setattr(language, "detector", no_detector)
    found, confidence = language.detect(text, tokenize(text))
    assert found == code and confidence >= 0.8


@pytest.mark.parametrize("text, code", [
    ("Producto horrible, servicio terrible", "es"),        # one English lexicon word: not enough
    ("Terrible app, constant crashes", "en"),
    ("Commande horrible", "fr"),                           # a word of each language: lingua decides
])
def test_one_lexicon_word_or_a_mix_leaves_the_language_to_the_detector(text: str, code: str) -> None:
    assert run(text)["language"]["code"] == code


@pytest.mark.parametrize("text", ["HE is Satan!", "Your CEO is a witch and a liar", "ratbags, the lot of you"])
def test_demonising_a_person_is_toxic(text: str) -> None:
    assert run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", [
    "Le carton est arrivé éventré et le vase était en morceaux.",
    "Ma valise perdue depuis 4 jours, aucune nouvelle de votre part.",
    "Vol retardé de 5h sans la moindre explication.",
    "Jamais rappelée alors qu'on me l'avait promis deux fois.",
    "My account frozen since Monday and nobody can tell me why.",
    "The phone case arrived cracked, first day.",
    "Website has been down all morning, can't pay anything.",
    "You lost my luggage on the way back from Lisbon.",
])
def test_plainly_told_failures_are_the_brands_errors(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint" and result["flags"]["brand_error"], result["cues"]


@pytest.mark.parametrize("text", ["Rien de cassé, tout est arrivé en parfait état, merci !",
                                  "Aucun retard, livré en avance, merci !"])
def test_a_failure_denied_is_no_error(text: str) -> None:
    result = run(text)
    assert not result["flags"]["brand_error"] and result["category"] != "complaint"


@pytest.mark.parametrize(("text", "urgent"), [
    ("Found a piece of glass in my yoghurt this morning, my son nearly swallowed it.", True),
    ("Odeur de gaz dans tout l'immeuble depuis le passage de votre technicien.", True),
    ("Votre technicien a laissé des fils dénudés dans la cuisine, j'ai deux enfants en bas âge.", True),
    ("My account was disabled for no reason, please fix it.", False),
    ("Le verre de la bouteille est très joli, bravo pour le design.", False),
])
def test_safety_and_health_cues_escalate_only_when_they_are_a_danger(text: str, urgent: bool) -> None:
    result = run(text)
    assert result["flags"]["escalate"] is urgent and (result["priority"]["level"] == "urgent") is urgent, result["cues"]


def test_a_is_english_evidence_only_where_nothing_is_french() -> None:
    """'a' is the English article and the French 'has': 'ça a marché' is not half English."""
    from worker.analysis.language import _lexical_votes, detect
    from worker.analysis.normalize import tokenize

    assert _lexical_votes(tokenize("on m'a débité deux fois ce mois-ci")) == (2, 0, 8)
    assert _lexical_votes(tokenize("merci Karim ça a marché")) == (3, 0, 5)
    assert _lexical_votes(tokenize("u wood make a good dominatrix")) == (0, 2, 6)
    assert detect("merci Karim ça a marché", tokenize("merci Karim ça a marché")) == ("fr", 0.92)


def test_warm_up_loads_every_lexicon_a_comment_may_need() -> None:
    from worker.analysis import warm_up
    from worker.analysis.lexicon import lexicon

    lexicon.cache_clear()   # as in a fresh process
    warm_up()
    loaded = lexicon.cache_info().misses
    for text in ("Colis jamais reçu, remboursement svp", "My parcel never arrived, refund please",
                 "👍👍", "Hola, mi pedido no ha llegado todavía y nadie responde"):
        run(text)
    assert lexicon.cache_info().misses == loaded

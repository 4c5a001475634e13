"""Reply drafts: language, greeting, brand, covered steps, private follow-up, injections, channel limits."""
from __future__ import annotations

import re
from typing import Any

import emoji
import pytest

from tests.analysis.test_steps import labels
from worker.analysis.guardrails import CHANNEL_LIMITS, check_draft
from worker.analysis.replies import NAME_LIMIT, draft_replies, find_duration, find_helper, greeting_name, safe_name
from worker.analysis.steps import load_texts, plan_steps

SITUATIONS = {
    "late_parcel": labels("complaint", "negative", ("delivery",), brand_error=True),
    "double_charge": labels("complaint", "negative", ("billing",), brand_error=True),
    "outage": labels("complaint", "negative", ("technical",), brand_error=True),
    "vague": labels("complaint", "negative", (), needs_more_info=True),
    "vague_account": labels("complaint", "negative", ("account",), needs_more_info=True),
    "question": labels("question", "neutral", ("delivery",)),
    "community": labels("praise", "positive", (), community_answered=True),
    "bad_faith": labels("other", "negative", (), suspected_bad_faith=True),
    "fire": labels("complaint", "negative", ("safety",), escalate=True),
    "toxic": labels("complaint", "negative", ("product_quality",), toxic=True),
    "praise": labels("praise", "positive"),
    "suggestion": labels("suggestion", "neutral"),
    "neutral": labels("other", "neutral"),
    "everything": labels("complaint", "negative", ("delivery", "billing"), brand_error=True, needs_more_info=True,
                         community_answered=True, suspected_bad_faith=True, escalate=True),
}
LANGUAGES = ("fr", "en")


def drafts(situation: str, language: str, comment: dict[str, Any] | None = None,
           context: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    given = SITUATIONS[situation]
    steps = plan_steps(given, language)
    comment = comment if comment is not None else {"text": "Un commentaire", "author": {"name": "Marie"},
                                                   "brand": {"name": "Colibri"}, "channel": "facebook"}
    replies, warnings = draft_replies(comment, given, steps, language, context)
    return replies, steps


def public(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in replies if r["kind"] == "public"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_drafts_shape_language_and_covers(situation: str, language: str) -> None:
    replies, steps = drafts(situation, language)
    ids = [s["id"] for s in steps]
    assert 2 <= len(public(replies)) <= 3
    assert len({r["text"] for r in replies}) == len(replies)
    for reply in replies:
        assert set(reply) == {"kind", "language", "text", "characters", "fits_channel", "covers"}
        assert reply["language"] == language
        assert reply["characters"] == len(reply["text"])
        assert reply["fits_channel"] is True
        assert set(reply["covers"]) <= set(ids)
        assert check_draft(reply["text"], language=language, channel="facebook", comment={"text": "x"},
                           kind=reply["kind"]) == []
    for reply in public(replies):
        assert reply["covers"] == ids, "on facebook every public draft carries out every step"
    private = [r for r in replies if r["kind"] == "private"]
    assert len(private) == (1 if "move_to_private" in ids else 0)
    if private:
        assert private[0]["covers"] == ["move_to_private"]


@pytest.mark.parametrize(("language", "hello", "signoff"), [("fr", "Bonjour Marie, ", "— L’équipe Colibri"),
                                                            ("en", "Hi Marie, ", "— The Colibri team")])
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_greets_by_name_and_signs_with_the_brand(situation: str, language: str, hello: str, signoff: str) -> None:
    replies, _ = drafts(situation, language)
    for reply in replies:
        assert reply["text"].startswith(hello)
        assert reply["text"][len(hello)].islower(), reply["text"]
        assert reply["text"].endswith(signoff)


@pytest.mark.parametrize(("language", "hello"), [("fr", "Bonjour, "), ("en", "Hello, ")])
def test_neutral_greeting_and_no_brand_when_not_given(language: str, hello: str) -> None:
    replies, _ = drafts("late_parcel", language, {"text": "x"})
    for reply in replies:
        assert reply["text"].startswith(hello)
        assert "—" not in reply["text"] and "Colibri" not in reply["text"]


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_french_drafts_use_vouvoiement_and_typographic_apostrophes(situation: str) -> None:
    for reply in drafts(situation, "fr")[0]:
        words = re.findall(r"[\w’']+", reply["text"].lower())
        assert not {"tu", "te", "ton", "ta", "tes", "toi", "t’"} & set(words), reply["text"]
        assert "'" not in reply["text"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_no_placeholder_left(situation: str, language: str) -> None:
    for reply in drafts(situation, language)[0]:
        assert not re.search(r"[{}<>%$\[\]]", reply["text"]), reply["text"]


INJECTIONS = ["{brand}", "{{7*7}}", "%s", "<script>alert(1)</script>", "${x}", "%(name)s", "{0}", "{topic}",
              "{duration}", "__import__('os')", "Marie\n\nIgnore previous instructions", "Ma\x00rie\u202e",
              "@everyone", "http://evil.example", "Connard"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", INJECTIONS)
def test_names_are_data_never_templates(name: str, language: str) -> None:
    comment = {"text": "Mon colis n’est pas arrivé", "author": {"name": name}, "brand": {"name": name},
               "channel": "twitter"}
    replies, _ = drafts("everything", language, comment, {"helper": name, "duration": name})
    assert public(replies)
    for reply in replies:
        text = reply["text"]
        assert "49" not in text and "alert" not in text and "\n" not in text and "\x00" not in text
        assert "Ignore" not in text and "@" not in text and "http" not in text and "Connard" not in text
        assert not re.search(r"[{}<>%$]", text), text
        assert check_draft(text, language=language, channel="twitter", comment=comment, kind=reply["kind"]) == []


def test_safe_names() -> None:
    assert safe_name("  Marie  Dupont\t") == "Marie Dupont"
    assert safe_name("\nMarie\r\nIgnore previous instructions") == "Marie"
    assert safe_name("Ma\u200brie\u202e") == "Marie"
    assert safe_name("Jean-François O’Neil") == "Jean-François O’Neil"
    assert safe_name("Wolfeschlegelsteinhausenbergerdorff Hubert Blaine Junior") == "Wolfeschlegelsteinhausenbergerdorff"
    assert safe_name("x" * (NAME_LIMIT + 1)) is None
    for bad in ("{brand}", "%s", "<b>", "${x}", "@bob", "www.x.fr", "", "   ", None, 42, "idiot"):
        assert safe_name(bad) is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
@pytest.mark.parametrize("channel", sorted(CHANNEL_LIMITS))
def test_drafts_fit_every_channel_with_long_names(situation: str, language: str, channel: str) -> None:
    comment = {"text": "x", "channel": channel, "author": {"name": "Marie-Charlotte de La Rochefoucauld"},
               "brand": {"name": "Compagnie Générale des Transports et Colis Express"}}
    replies, steps = drafts(situation, language, comment)
    limit = CHANNEL_LIMITS[channel]
    ids = [s["id"] for s in steps]
    for reply in public(replies):
        assert reply["characters"] <= limit and reply["fits_channel"], (channel, reply["text"])
        assert re.search(r"[.!?]$|—", reply["text"]), "never cut mid-sentence: " + reply["text"]
        if limit >= 280:
            assert reply["covers"] == ids, (channel, reply["text"])
    if limit >= 1250:
        assert any("Marie-Charlotte" in r["text"] and "Compagnie" in r["text"] for r in public(replies))


@pytest.mark.parametrize("language", LANGUAGES)
def test_twitter_keeps_the_name_and_the_essential_steps(language: str) -> None:
    comment = {"text": "x", "channel": "twitter", "author": {"name": "Marie-Charlotte de La Rochefoucauld"},
               "brand": {"name": "Compagnie Générale des Transports et Colis Express"}}
    replies, _ = drafts("late_parcel", language, comment, {"duration": "3 semaines"})
    for reply in public(replies):
        assert "Marie-Charlotte" in reply["text"]
        assert reply["covers"] == ["acknowledge", "accept_error", "offer_solution", "move_to_private"]


@pytest.mark.parametrize(("language", "topic_words"), [("fr", "votre livraison"), ("en", "your delivery")])
def test_acknowledge_names_the_topic(language: str, topic_words: str) -> None:
    replies, _ = drafts("late_parcel", language)
    assert any(topic_words in r["text"] for r in public(replies))


@pytest.mark.parametrize(("duration", "echoed"), [("3 semaines", True), ("http://x.fr", False),
                                                  ("3 semaines de merde", False), ("@bob", False)])
def test_duration_is_echoed_only_when_safe(duration: str, echoed: bool) -> None:
    replies, _ = drafts("late_parcel", "fr", context={"duration": duration})
    assert any(duration in r["text"] for r in replies) is echoed


@pytest.mark.parametrize(("helper", "shown"), [("Karim", "Karim"), ("@karim_92", "karim_92"), ("{x}", None),
                                               ("http://spam.example", None)])
def test_the_helper_is_thanked_by_name_when_safe(helper: str, shown: str | None) -> None:
    for language in LANGUAGES:
        replies, _ = drafts("community", language, context={"helper": helper})
        for reply in public(replies):
            if shown:
                assert shown in reply["text"] and "@" not in reply["text"]
            else:
                assert helper not in reply["text"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_private_follow_up_asks_what_the_case_needs(language: str) -> None:
    billing = [r for r in drafts("double_charge", language)[0] if r["kind"] == "private"][0]["text"]
    account = [r for r in drafts("vague_account", language)[0] if r["kind"] == "private"][0]["text"]
    assert ("prélèvement" if language == "fr" else "charge") in billing
    assert ("jamais votre numéro de carte" if language == "fr" else "never your card number") in billing
    assert ("e-mail" in account) and ("mot de passe" if language == "fr" else "password") in account


def test_public_drafts_never_ask_for_personal_data_outside_a_private_channel() -> None:
    for situation in SITUATIONS:
        for language in LANGUAGES:
            for reply in public(drafts(situation, language)[0]):
                problems = check_draft(reply["text"], language=language, channel="facebook", comment={"text": "x"},
                                       kind="public")
                assert "asks_personal_data_in_public" not in problems


@pytest.mark.parametrize("channel", sorted(CHANNEL_LIMITS))
def test_escalation_stays_internal(channel: str) -> None:
    for language in LANGUAGES:
        for reply in public(drafts("fire", language, {"text": "x", "channel": channel})[0]):
            lowered = reply["text"].lower()
            assert not any(w in lowered for w in ("juridique", "legal", "avocat", "lawyer", "escalad", "escalat"))


def test_deterministic_and_varied_across_comments() -> None:
    given = SITUATIONS["late_parcel"]
    steps = plan_steps(given, "fr")
    first_drafts = set()
    for text in ("Colis perdu", "Toujours rien", "Où est mon colis ?", "Livraison ratée", "Encore en retard"):
        comment = {"text": text, "author": {"name": "Marie"}}
        once = draft_replies(comment, given, steps, "fr")
        assert once == draft_replies(dict(comment), given, steps, "fr")
        first_drafts.add(once[0][0]["text"])
    assert len(first_drafts) >= 2


def test_no_steps_no_drafts_and_unsupported_language_falls_back() -> None:
    assert draft_replies({"text": "x"}, labels("spam"), [], "fr") == ([], [])
    given = SITUATIONS["praise"]
    replies, _ = draft_replies({"text": "x"}, given, plan_steps(given, "de"), "de")
    assert replies and all(r["language"] == "fr" for r in replies)


def test_odd_comment_fields_never_raise() -> None:
    given = SITUATIONS["everything"]
    steps = plan_steps(given, "en")
    for comment in ({"text": "x", "author": None, "brand": "Colibri", "channel": None},
                    {"text": "x", "author": {"name": ["a"]}, "brand": {"name": 3}, "channel": "fax"},
                    {"text": None}):
        replies, _ = draft_replies(comment, given, steps, "en", {"helper": 5, "duration": None})
        assert public(replies) and all(r["characters"] <= 5000 for r in replies)


@pytest.mark.parametrize(("text", "duration"), [
    ("Ma commande n’est pas arrivée depuis 3 semaines", "3 semaines"),
    ("ça fait deux jours que j’attends", "deux jours"),
    ("Toujours rien depuis un mois", "un mois"),
    ("I've been waiting for two weeks", "two weeks"),
    ("No refund for 45 days now", "45 days"),
    ("Mon colis est en retard", None),
    ("Livré en 3 jours, parfait", None),
])
def test_duration_found_in_the_text(text: str, duration: str | None) -> None:
    assert find_duration(text) == duration


@pytest.mark.parametrize(("text", "expected"), [
    ("Toujours rien depuis un mois", "Une attente d’un mois, ce n’est pas normal."),
    ("Toujours rien depuis 3 semaines", "Une attente de 3 semaines, ce n’est pas normal."),
    ("Toujours rien depuis huit jours", "Une attente de huit jours, ce n’est pas normal."),
])
def test_french_elision_before_a_duration(text: str, expected: str) -> None:
    given = SITUATIONS["late_parcel"]
    replies, _ = draft_replies({"text": text}, given, plan_steps(given, "fr"), "fr")
    assert any(expected in r["text"] for r in replies)


def test_the_helper_is_found_in_the_thread_without_context() -> None:
    comment = {"text": "Merci, ça a marché !", "author": {"name": "Léa"},
               "thread": [{"author": {"name": "Colibri"}, "text": "Redémarrez", "is_brand": True},
                          {"author": {"name": "Léa"}, "text": "Ma box ne marche plus"},
                          {"author": {"name": "Karim"}, "text": "Débranchez-la 30 secondes"}]}
    assert find_helper(comment) == "Karim"
    given = SITUATIONS["community"]
    replies, _ = draft_replies(comment, given, plan_steps(given, "fr"), "fr")
    assert all("Karim" in r["text"] for r in replies)
    assert find_helper({"text": "x", "thread": "nope"}) is None


@pytest.mark.parametrize(("topics", "fr_words", "en_words"), [
    (("delivery", "returns_refunds"), "votre remboursement", "your refund"),
    (("product_quality", "safety"), "sécurité", "safety"),
    (("weather", "billing"), "facturation", "bill"),
    (("weather",), "votre message", "your message"),
])
def test_the_reply_names_the_most_serious_topic(topics: tuple[str, ...], fr_words: str, en_words: str) -> None:
    given = labels("complaint", "negative", topics)
    for language, words in (("fr", fr_words), ("en", en_words)):
        replies, _ = draft_replies({"text": "x"}, given, plan_steps(given, language), language)
        assert any(words in r["text"] for r in public(replies)), (language, [r["text"] for r in replies])


def test_a_draft_failing_a_guardrail_is_rebuilt_without_the_data() -> None:
    """A helper name of English words makes a French draft look English: it is rebuilt without it."""
    given = SITUATIONS["community"]
    helper = "The And For With You Your Our Team"
    replies, warnings = draft_replies({"text": "x"}, given, plan_steps(given, "fr"), "fr", {"helper": helper})
    assert "draft_rebuilt: not_in_target_language" in warnings
    assert len(public(replies)) == 3
    assert any(helper not in reply["text"] for reply in replies)
    for reply in replies:
        assert reply["covers"] == ["thank_community", "thank"]
        assert check_draft(reply["text"], language="fr", channel="other", comment={"text": "x"}, kind="public") == []


def test_unclear_problem_gets_a_commitment_not_a_remedy_that_may_not_fit() -> None:
    from worker.analysis import analyze

    result = analyze({"text": "Bonjour, problème avec ma carte depuis ce matin, ça marche pas"})
    assert result["flags"]["needs_more_info"] and not result["flags"]["brand_error"]
    public = [r["text"] for r in result["replies"] if r["kind"] == "public"]
    assert public and not any("rembours" in text for text in public)
    assert all("?" in text for text in public)   # the open question is asked in public


def test_brand_profile_signature_catalogue_and_form_of_address() -> None:
    from worker.analysis import analyze

    brand = {"name": "Colibri", "signature": "— Julie, service client", "address_form": "tu",
             "solutions": {"delivery": ["un renvoi express offert"], "billing": ["{{7*7}}"]}}
    result = analyze({"text": "Ma commande n'est jamais arrivée", "brand": brand, "channel": "facebook"})
    public = [r["text"] for r in result["replies"] if r["kind"] == "public"]
    assert all(text.endswith("— Julie, service client") for text in public)
    assert all("Nous pouvons te proposer un renvoi express offert." in text for text in public)
    assert not result["warnings"]
    billing = analyze({"text": "On m'a débité deux fois", "brand": brand})
    assert not any("49" in r["text"] or "{{" in r["text"] for r in billing["replies"])


# --- Brand voice: form of address, tone, emoji, private channel, French typography -------------------

VOICE_SITUATIONS = ("late_parcel", "vague_account", "question", "community", "bad_faith", "fire", "praise",
                    "suggestion", "everything")
_VOUS = re.compile(r"(?i)\b(vous|votre|vos)\b")
_TU = re.compile(r"(?i)\b(tu|te|ton|ta|tes|toi)\b|\bt’")


def voiced(situation: str, language: str, **profile: Any) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    given = SITUATIONS[situation]
    steps = plan_steps(given, language)
    comment = {"text": "Un commentaire", "author": {"name": "Marie"}, "channel": "facebook",
               "brand": {"name": "Colibri", **profile}}
    replies, warnings = draft_replies(comment, given, steps, language)
    return replies, [s["id"] for s in steps], warnings


@pytest.mark.parametrize("situation", VOICE_SITUATIONS)
def test_tu_drafts_never_say_vous_and_keep_every_step(situation: str) -> None:
    replies, ids, warnings = voiced(situation, "fr", address_form="tu")
    assert warnings == []
    for reply in replies:
        assert not _VOUS.search(reply["text"].replace("Merci à tous", "")), reply["text"]
        assert check_draft(reply["text"], language="fr", channel="facebook", comment={"text": "x"},
                           kind=reply["kind"]) == []
    for reply in public(replies):
        assert reply["covers"] == ids
    vous, _, _ = voiced(situation, "fr")
    for reply, before in zip(replies, vous):
        assert (reply["text"] != before["text"]) == bool(_VOUS.search(before["text"].replace("Merci à tous", "")))


def test_tu_is_french_only_and_vous_stays_the_default() -> None:
    replies, _, _ = voiced("late_parcel", "fr")
    assert all(_VOUS.search(r["text"]) and not _TU.search(r["text"]) for r in replies)
    english, _, _ = voiced("late_parcel", "en", address_form="tu")
    plain, _, _ = voiced("late_parcel", "en")
    assert [r["text"] for r in english] == [r["text"] for r in plain]


def test_tu_drafts_address_the_person_as_tu() -> None:
    replies, _, _ = voiced("vague_account", "fr", address_form="tu")
    texts = " ".join(r["text"] for r in replies)
    assert "ton compte" in texts and ("pourrais-tu" in texts.lower() or "peux-tu" in texts.lower())
    assert "écris-nous" in texts.lower() or "envoie-nous" in texts.lower() or "t’invitons" in texts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tone", ["neutral", "formal"])
@pytest.mark.parametrize("situation", VOICE_SITUATIONS)
def test_neutral_and_formal_tones_drop_exclamations_and_keep_the_steps(situation: str, tone: str,
                                                                          language: str) -> None:
    replies, ids, _ = voiced(situation, language, tone=tone)
    for reply in replies:
        assert "!" not in reply["text"], reply["text"]
        assert check_draft(reply["text"], language=language, channel="facebook", comment={"text": "x"},
                           kind=reply["kind"]) == []
    for reply in public(replies):
        assert reply["covers"] == ids


def test_formal_english_writes_contractions_out_and_formal_french_thanks_formally() -> None:
    english, _, _ = voiced("late_parcel", "en", tone="formal")
    assert not any(re.search(r"(?i)\b(we're|we'll|we've|can't|don't|won't)\b", r["text"]) for r in english)
    warm, _, _ = voiced("late_parcel", "en")
    assert any(re.search(r"(?i)\b(we're|we'll|we've)\b", r["text"]) for r in warm)
    french, _, _ = voiced("praise", "fr", tone="formal")
    assert sum("nous vous remercions" in r["text"].lower() for r in french) >= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_light_emoji_on_praise_and_questions_never_on_complaints(language: str) -> None:
    for situation in ("praise", "question", "suggestion", "community"):
        replies, _, _ = voiced(situation, language, emoji="light")
        plain, _, _ = voiced(situation, language)
        for reply, before in zip(public(replies), public(plain)):
            assert emoji.emoji_count(reply["text"]) == 1, reply["text"]
            assert emoji.emoji_count(before["text"]) == 0
    for situation in ("late_parcel", "fire", "bad_faith", "vague_account"):
        replies, _, _ = voiced(situation, language, emoji="light")
        assert not any(emoji.emoji_count(r["text"]) for r in replies), situation


def test_emoji_is_dropped_before_anything_essential_on_a_tight_channel() -> None:
    given = SITUATIONS["praise"]
    steps = plan_steps(given, "fr")
    comment = {"text": "Super", "channel": "twitter", "author": {"name": "Marie"},
               "brand": {"name": "Colibri", "emoji": "light", "signature": "— " + "x" * 100}}
    replies, _ = draft_replies(comment, given, steps, "fr")
    for reply in replies:
        assert reply["characters"] <= CHANNEL_LIMITS["twitter"] and reply["covers"] == ["thank"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("kind", "value"), [("email", "support@colibri.example"), ("phone", "+33 1 23 45 67 89"),
                                             ("web_form", "https://colibri.example/contact")])
def test_private_channel_is_named_in_the_public_draft(language: str, kind: str, value: str) -> None:
    replies, ids, warnings = voiced("late_parcel", language, private_channel={"kind": kind, "value": value})
    assert "move_to_private" in ids and warnings == []
    for reply in public(replies):
        assert value in reply["text"] and "move_to_private" in reply["covers"]
        assert check_draft(reply["text"], language=language, channel="facebook", comment={"text": "x"},
                           kind="public", allowed=(value,)) == []
    private = [r for r in replies if r["kind"] == "private"]
    assert len(private) == (0 if kind == "phone" else 1)


def test_the_same_link_from_the_comment_is_still_refused() -> None:
    draft = "Bonjour, écrivez-nous à support@colibri.example ou sur https://evil.example : merci."
    problems = check_draft(draft, language="fr", channel="facebook", comment={"text": "x"}, kind="public",
                           allowed=("support@colibri.example",))
    assert "echoes_link" in problems


@pytest.mark.parametrize("value", ["javascript:alert(1)", "http://colibri.example/form", "{{7*7}}",
                                   "https://colibri.example/<script>", "contact us"])
def test_a_private_channel_of_the_wrong_shape_is_ignored_with_a_warning(value: str) -> None:
    replies, ids, warnings = voiced("late_parcel", "fr", private_channel={"kind": "web_form", "value": value})
    assert any(w.startswith("private_channel_ignored") for w in warnings)
    assert not any(value in r["text"] for r in replies)
    assert any("message privé" in r["text"] or "en privé" in r["text"] for r in public(replies))


def test_french_typography_puts_no_break_spaces_before_high_punctuation() -> None:
    replies, _, _ = voiced("vague_account", "fr", nonbreaking_spaces=True)
    plain, _, _ = voiced("vague_account", "fr")
    for reply, before in zip(replies, plain):
        assert re.search(r" [?!;:]", reply["text"]) is None, reply["text"]
        assert "\u202f?" in reply["text"] or "\u00a0:" in reply["text"] or "\u202f!" in reply["text"]
        assert reply["text"].replace("\u202f", " ").replace("\u00a0", " ") == before["text"]
        assert reply["characters"] == before["characters"]
    english, _, _ = voiced("vague_account", "en", nonbreaking_spaces=True)
    assert not any("\u202f" in r["text"] or "\u00a0" in r["text"] for r in english)


# --- The problem named in the reader's words ---------------------------------------------------------

def analysed(text: str, channel: str = "facebook", author: str = "Marie", **brand: Any) -> dict[str, Any]:
    from worker.analysis import analyze

    return analyze({"text": text, "channel": channel, "author": {"name": author},
                    "brand": {"name": "Colibri", **brand}})


def test_acknowledgement_names_the_object_and_how_long_it_has_been_awaited() -> None:
    result = analysed("Bravo, 3 semaines pour livrer un colis, quel exploit 👏")
    for reply in public(result["replies"]):
        assert "votre colis attendu depuis 3 semaines" in reply["text"], reply["text"]
        assert reply["text"].count("3 semaines") == 1, "the duration is said once"
    tu = analysed("Ma commande n'est toujours pas arrivée, ça fait 2 semaines", address_form="tu")
    assert all("ta commande attendue depuis 2 semaines" in r["text"] for r in public(tu["replies"]))
    english = analysed("My parcel never arrived, it has been two weeks")
    assert all("your parcel" in r["text"] for r in public(english["replies"]))


def test_an_object_of_another_topic_is_not_named() -> None:
    result = analysed("Vous m'avez prélevé deux fois ce mois-ci, c'est inadmissible")
    assert result["topics"] == ["billing"]
    assert not any("colis" in r["text"] or "commande attendue" in r["text"] for r in result["replies"])


def test_two_problems_are_both_acknowledged_and_both_remedied() -> None:
    result = analysed("Commande passée il y a 3 semaines, toujours rien reçu et on m'a débité deux fois.")
    assert {"delivery", "billing"} <= set(result["topics"])
    for reply in public(result["replies"]):
        text = reply["text"]
        assert "votre commande attendue depuis 3 semaines" in text and "factur" in text, text
        assert re.search(r"transporteur|colis", text) and re.search(r"prél[eè]v|factur", text.split(". ", 1)[1])
    english = analysed("My order is two weeks late and you charged me twice for it")
    for reply in public(english["replies"]):
        assert "your bill and your order" in reply["text"], reply["text"]


@pytest.mark.parametrize("channel", ["twitter", "tiktok"])
def test_short_channels_keep_every_step_before_the_readers_words(channel: str) -> None:
    result = analysed("Bravo, 3 semaines pour livrer un colis, quel exploit 👏", channel=channel)
    ids = [s["id"] for s in result["steps"]]
    for reply in public(result["replies"]):
        assert reply["covers"] == ids and reply["characters"] <= CHANNEL_LIMITS[channel], reply
    if channel == "twitter":
        assert all("votre colis" in r["text"] for r in public(result["replies"]))


@pytest.mark.parametrize(("name", "greeted"), [
    ("kenza", "Kenza"), ("jean-marc dupont", "Jean-Marc"), ("Marie", "Marie"), ("julien.voyage", None),
    ("amy_88", None), ("Marie-Ève L.", "Marie-Ève"), ("Sophie Lambert", "Sophie"),
    ("Jean-François O’Neil", "Jean-François"), ("Anne de Vries", "Anne"), ("SOPHIE LAMBERT", "Sophie"),
    ("Zoé", "Zoé"),
    # no person's first name to take: kept whole
    ("Mme Durand", "Mme Durand"), ("Dr Smith", "Dr Smith"), ("The Coffee Lover", "The Coffee Lover"),
    ("Café de Paris", "Café de Paris"), ("J. Dupont", "J. Dupont"), ("AB", "AB"),
])
def test_greeting_uses_names_not_user_names(name: str, greeted: str | None) -> None:
    assert greeting_name(name) == greeted
    result = analysed("Colis jamais reçu", author=name)
    expected = f"Bonjour {greeted}," if greeted else "Bonjour,"
    assert all(r["text"].startswith(expected) for r in result["replies"])


def test_a_shouted_duration_is_echoed_calmly() -> None:
    result = analysed("TOUJOURS PAS DE RÉSEAU DEPUIS 3 JOURS !!! C'EST INADMISSIBLE")
    texts = " ".join(r["text"] for r in result["replies"])
    assert "3 JOURS" not in texts


@pytest.mark.parametrize(("topics", "named"), [(("safety", "product_quality"), ["safety"]),
                                               (("delivery", "store"), ["delivery"]),
                                               (("billing", "pricing"), ["billing"]),
                                               (("delivery", "billing"), ["billing", "delivery"]),
                                               (("account", "customer_service"), ["account", "customer_service"])])
def test_a_second_topic_only_when_it_is_a_distinct_problem(topics: tuple[str, ...], named: list[str]) -> None:
    given = labels("complaint", "negative", topics, brand_error=True)
    replies, _ = draft_replies({"text": "x", "channel": "facebook"}, given, plan_steps(given, "fr"), "fr")
    phrases = load_texts("fr")["topic_phrase"]
    named_phrase = " et ".join(phrases[t] for t in named)
    for reply in public(replies):
        assert named_phrase in reply["text"], reply["text"]
        assert not any(f"{named_phrase} et {phrases[t]}" in reply["text"] for t in topics), reply["text"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_community_thanks_and_author_thanks_do_not_repeat_each_other(language: str) -> None:
    given = SITUATIONS["community"]
    replies, _ = draft_replies({"text": "x", "channel": "facebook"}, given, plan_steps(given, language), language,
                               {"helper": "Karim"})
    for reply in public(replies):
        first, second = re.split(r"(?<=!) ", reply["text"].split(", ", 1)[1])[:2]
        assert first.split()[:2] != second.split()[:2], reply["text"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_asked_in_a_negative_tone_is_answered_as_a_question(language: str) -> None:
    given = labels("question", "negative", ())
    replies, _ = draft_replies({"text": "x", "channel": "facebook"}, given, plan_steps(given, language), language)
    lang = load_texts(language)["sentences"]
    for reply in public(replies):
        # answered (the follow-up that promises the answer), not apologised for as a complaint, and
        # acknowledged calmly: "we have read it", not a cheerful "thanks for your question!"
        assert any(followup in reply["text"] for followup in lang["question_followup"]), reply["text"]
        assert any(opening.lower() in reply["text"].lower() for opening in lang["acknowledge_neutral"]), reply["text"]
        assert "!" not in reply["text"]
        assert not any(closing in reply["text"] for closing in lang["closing"])
    for wording in lang["acknowledge_question"]:
        assert "question, merci" not in wording.lower() and "great question" not in wording.lower()


def test_a_time_before_or_after_an_event_is_not_a_wait() -> None:
    cancelled = analysed("Flight cancelled 2 hours before departure, no rebooking, no hotel. Absolute shambles.")
    assert not any("2 hours" in r["text"] for r in cancelled["replies"])
    late = analysed("Commande passée il y a 3 semaines, toujours rien reçu.")
    assert any("3 semaines" in r["text"] for r in public(late["replies"]))


def test_an_escalation_topic_stands_alone() -> None:
    given = labels("complaint", "negative", ("privacy", "delivery"), escalate=True)
    replies, _ = draft_replies({"text": "x", "channel": "facebook"}, given, plan_steps(given, "en"), "en")
    assert all("your order" not in r["text"] and "delivery" not in r["text"] for r in public(replies))


def test_assembled_length_is_the_length_of_the_assembled_text() -> None:
    """_fit measures drafts without building them: the measure must be exact (lower-cased first word, caps kept)."""
    from worker.analysis.replies import _assemble, _assembled_length

    sentences = [("Merci pour votre message.", "acknowledge", True), ("I'm on it.", None, False),
                 ("İstanbul est loin.", None, True), ("NOUS vérifions.", "offer_solution", True), ("", None, False)]
    for greeting in ("Bonjour Marie,", "Bonjour,", "Hi", ""):
        for signoff in (None, "", "— L’équipe Colibri"):
            for start in range(len(sentences)):
                for end in range(start, len(sentences) + 1):
                    chosen = sentences[start:end]
                    assert _assembled_length(greeting, chosen, signoff) == len(_assemble(greeting, chosen, signoff))


def test_drafts_do_not_depend_on_what_was_drafted_before() -> None:
    """Sentences and fitting choices are kept per situation and voice: a warm cache gives the cold answer."""
    from worker.analysis import analyze
    from worker.analysis import replies

    comments = [{"text": text, "channel": channel, "author": {"name": name}, "brand": brand}
                for text in ("on m'a débité deux fois ce mois-ci, colis jamais reçu depuis 3 semaines",
                             "my order never arrived and you charged me twice", "super service, merci !")
                for channel in ("twitter", "tiktok", "facebook")
                for name in ("Al", "Marie-Christine de La Tour", "<b>", "kenza")
                for brand in ({}, {"name": "Colibri", "tone": "formal", "address_form": "tu",
                                   "private_channel": {"kind": "email", "value": "aide@colibri.example"}})]
    warm = [analyze(c)["replies"] for c in comments]
    cold = []
    for c in comments:
        replies._PLANS.clear()
        cold.append(analyze(c)["replies"])
    assert warm == cold


@pytest.mark.parametrize("text, channel", [
    ("Franchement déçu, quelqu'un peut m'expliquer pourquoi le prix a doublé ?", "facebook"),
    ("Really disappointed, can someone explain why the price doubled?", "facebook"),
    ("Franchement déçu, pourquoi le prix a doublé ?", "twitter"),
])
def test_a_question_asked_in_a_negative_tone_is_not_thanked_cheerfully(text: str, channel: str) -> None:
    result = analysed(text, channel)
    assert result["category"] == "question" and result["sentiment"]["label"] == "negative"
    texts = [d["text"] for d in public(result["replies"])]
    assert texts and not any("!" in d or "question" in d.lower() for d in texts), texts


def test_a_neutral_question_is_still_thanked_for_the_question() -> None:
    result = analysed("Vous livrez en Belgique ?")
    openings = load_texts("fr")["sentences"]["acknowledge_question"]
    texts = [d["text"] for d in public(result["replies"])]
    assert texts and all(any(o.lower() in d.lower() for o in openings) for d in texts), texts


# ---- the cheap gates before the comment's searches never change an answer

def _gated_searches() -> list[tuple[str, Any, tuple[str, ...]]]:
    from worker.analysis import lexicon, replies
    pairs = [("_LUCKY", replies._LUCKY, replies._LUCKY_PIECES), ("_ARRIVED", replies._ARRIVED, replies._ARRIVED_PIECES),
             ("_LATE", replies._LATE, replies._LATE_PIECES), ("_STAFF", replies._STAFF, replies._STAFF_PIECES),
             ("_CLOSING", replies._CLOSING, replies._CLOSING_PIECES),
             ("_CANCELLED", replies._CANCELLED, replies._CANCELLED_PIECES),
             ("_UNSHIPPED", replies._UNSHIPPED, replies._UNSHIPPED_PIECES),
             ("_REFUND_WORDS", replies._REFUND_WORDS, replies._REFUND_PIECES),
             ("_DOCUMENT_MISSING", replies._DOCUMENT_MISSING, replies._DOCUMENT_PIECES),
             ("_OUTAGE", replies._OUTAGE, replies._OUTAGE_PIECES),
             ("_IT_SERVERS", replies._IT_SERVERS, replies._IT_SERVERS_PIECES),
             ("_DAMAGED", replies._DAMAGED, replies._DAMAGED_PIECES),
             ("_LUGGAGE", replies._LUGGAGE, replies._LUGGAGE_PIECES),
             ("VOUCHER", lexicon.VOUCHER, replies._VOUCHER_PIECES),
             ("PROMO_CODE", lexicon.PROMO_CODE, replies._PROMO_PIECES),
             ("PLAN_WORD", lexicon.PLAN_WORD, replies._PLAN_PIECES),
             ("CARD_BLOCKED", lexicon.CARD_BLOCKED, replies._CARD_PIECES),
             ("_ITEM_DAMAGED", replies._ITEM_DAMAGED, replies._ITEM_DAMAGED_PIECES),
             ("_ITEM_MISSING", replies._ITEM_MISSING, replies._ITEM_MISSING_PIECES),
             ("_ITEM_MISSING_AFTER", replies._ITEM_MISSING_AFTER, replies._ITEM_MISSING_PIECES),
             ("_ITEM_WRONG", replies._ITEM_WRONG, replies._ITEM_WRONG_PIECES),
             ("_NOT_A_WAIT_AROUND", re.compile("(?i)" + replies._NOT_A_WAIT_AROUND.replace("<N>", r"\d+")),
              replies._NOT_A_WAIT_PIECES)]
    return pairs


GATE_TEXTS = [
    "Livré chez le voisin, heureusement il est honnête", "Thankfully the neighbour brought it over",
    "Commande ARRIVÉE avec 3 jours de retard", "It finally CAME, 10 days late", "Le colis a mis 3 semaines",
    "The waitress was rude", "Le SERVEUR nous a ignorés", "Le sommelier était parfait", "Cancel my account now",
    "Je veux RÉSILIER mon compte", "Clôturez mon compte", "Ma commande a été annulée sans raison",
    "You cancelled my order", "Toujours pas expédiée", "Still says \"processing\" after a week",
    "bloquée en préparation", "I want my money back", "Je veux être remboursé", "un avoir ne me suffit pas",
    "Je n'ai pas reçu ma facture", "Never got my receipt", "J'ai perdu mon ticket de caisse",
    "Plus d'internet depuis 2 jours", "INTERNET DOWN AGAIN", "Pas de réseau", "Vos serveurs sont HS",
    "Vol annulé la veille", "FLIGHT DELAYED 6 hours", "On a supprimé notre TGV", "Mon bon d'achat est refusé",
    "Ma carte-cadeau ne passe pas", "GIFT CARD declined", "Le code NOEL20 ne marche pas", "My WELCOME10 coupon",
    "Code promo refusé", "Mon forfait a été changé sans mon accord", "They changed my PLAN without asking",
    "Carte bloquée en plein voyage", "My card was frozen", "Ma CB est suspendue",
    "Parcel thrown over the fence and SMASHED", "Colis ÉCRASÉ", "arrivé en morceaux", "Carton éventré",
    "Valise perdue", "My SUITCASE never arrived", "the delivery that took two weeks",
    "Mon rouge à lèvres est arrivé CASSÉ et le mascara n'est pas la bonne TEINTE", "The CABLE IS MISSING",
    "Il manque le masque.", "The hoodie came in the WRONG SIZE", "Mon FILS de 6 ans", "my 6-year-OLD",
    "Livraison PROMISE en 48h", "Écran REMPLACÉ en 48h", "BROKE after 2 weeks", "Ma mère âgée de 82 ans",
]


@pytest.mark.parametrize("text", GATE_TEXTS + ["Bonjour, tout va bien", "Great service, thanks!"])
def test_a_search_is_only_left_out_where_it_finds_nothing(text: str) -> None:
    from worker.analysis.replies import _holds, lowered
    for name, pattern, pieces in _gated_searches():
        if pattern.search(text) is not None:
            assert _holds(lowered(text), pieces), (name, text)


def test_every_gated_search_is_exercised_and_odd_cases_run_ungated() -> None:
    from worker.analysis.replies import _holds, lowered
    found = {name for name, pattern, _ in _gated_searches() for text in GATE_TEXTS if pattern.search(text)}
    assert found == {name for name, _, _ in _gated_searches()}, found
    assert lowered("Le paquet est paſſé") is None and _holds(None, ("x",))   # "ſ" is an "s" to the patterns
    assert lowered("Colis REÇU") == "colis reçu"

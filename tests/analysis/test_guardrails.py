"""Guardrails on reply drafts: each problem is caught in French and English, clean drafts pass."""
from __future__ import annotations

from typing import Any

import pytest

from worker.analysis.guardrails import CHANNEL_LIMITS, check_draft, insults_in, is_echo_safe, limit_for

MARIE = {"text": "…", "author": {"name": "Marie", "handle": "@marie_d"}}
FR_OK = "Bonjour Marie, merci de nous avoir signalé ce souci, nous avons bien lu votre message."
EN_OK = "Hi Marie, thanks for letting us know. We've read your message and we're on it."


def check(text: str, language: str = "fr", channel: str | None = "facebook", comment: dict[str, Any] | None = None,
          kind: str = "public") -> list[str]:
    return check_draft(text, language=language, channel=channel, comment=comment or MARIE, kind=kind)


@pytest.mark.parametrize(("text", "language"), [
    (FR_OK, "fr"),
    (EN_OK, "en"),
    ("Bonjour, pour les informations personnelles (numéro de commande, coordonnées), écrivez-nous en message privé.", "fr"),
    ("Hi, for anything personal (order number, contact details), please send us a private message.", "en"),
    ("Merci à Karim pour son aide ! Nous restons à votre écoute.", "fr"),
    ("Bonjour @marie_d, merci pour votre message, nous l’avons bien lu.", "fr"),
])
def test_clean_drafts_pass(text: str, language: str) -> None:
    assert check(text, language) == []


@pytest.mark.parametrize(("text", "language", "problem"), [
    ("Bonjour {name}, merci pour votre message, nous l’avons bien lu.", "fr", "placeholder_or_template_syntax"),
    ("Bonjour {{ author }}, merci pour votre message, nous l’avons bien lu.", "fr", "placeholder_or_template_syntax"),
    ("Hi %s, thanks for your message, we have read it.", "en", "placeholder_or_template_syntax"),
    ("Hi %(name)s, thanks for your message, we have read it.", "en", "placeholder_or_template_syntax"),
    ("Hi ${name}, thanks for your message, we have read it.", "en", "placeholder_or_template_syntax"),
    ("Hi <b>Marie</b>, thanks for your message, we have read it.", "en", "placeholder_or_template_syntax"),
    ("Bonjour, voyez https://evil.example/x pour la suite, merci pour votre message.", "fr", "echoes_link"),
    ("Bonjour, voyez www.evil.fr pour la suite, merci pour votre message.", "fr", "echoes_link"),
    ("Bonjour, voyez bit.ly pour la suite, merci pour votre message.", "fr", "echoes_link"),
    ("Merci @concurrent pour votre message, nous l’avons bien lu.", "fr", "echoes_foreign_handle"),
    ("Bonjour, vous dites que nous sommes des escrocs, nous l’avons bien lu.", "fr", "echoes_insult"),
    ("Hi, you called us fucking idiots, we have read it and we are on it.", "en", "echoes_insult"),
    ("Bonjour, vous auriez dû lire les conditions avant de commander.", "fr", "defensive_phrasing"),
    ("Bonjour, ce n’est pas notre faute si le colis est en retard.", "fr", "defensive_phrasing"),
    ("Bonjour, comme nous l’avons déjà dit, le service est rétabli.", "fr", "defensive_phrasing"),
    ("Calmez-vous, nous regardons votre dossier.", "fr", "defensive_phrasing"),
    ("Hi, you should have read the terms before ordering.", "en", "defensive_phrasing"),
    ("Please calm down, we are looking at your case.", "en", "defensive_phrasing"),
    ("As we already said, the service is back.", "en", "defensive_phrasing"),
    ("Actually, the parcel was delivered on time to your door.", "en", "defensive_phrasing"),
    ("It is not our fault that the parcel is late, sorry.", "en", "defensive_phrasing"),
    ("Bonjour, pourriez-vous nous donner votre numéro de commande ici ?", "fr", "asks_personal_data_in_public"),
    ("Bonjour, quelle est votre adresse e-mail ? Nous regardons cela.", "fr", "asks_personal_data_in_public"),
    ("Hi, could you reply with your card number and phone so we can check?", "en", "asks_personal_data_in_public"),
    ("Hi, what is your address? We will look into it for you.", "en", "asks_personal_data_in_public"),
    ("Hi, thanks for your message, we have read it and we are on it.", "fr", "not_in_target_language"),
    ("Bonjour, merci pour votre message, nous l’avons bien lu et nous regardons.", "en", "not_in_target_language"),
    ("Bonjour Marie,\nmerci pour votre message, nous l’avons bien lu.", "fr", "control_characters"),
])
def test_problems_are_caught(text: str, language: str, problem: str) -> None:
    assert problem in check(text, language)


@pytest.mark.parametrize("text, asks", [
    ("Salut, envoie-nous ta carte bancaire ici et on regarde.", True),
    ("Salut, peux-tu nous donner ta CB ici ?", True),
    ("Bonjour, envoyez-nous une photo de votre carte d’identité ici.", True),
    # a gift card or a blocked card named in a remedy asks for nothing
    ("Salut, nous vérifions tout de suite ta carte cadeau et faisons en sorte que tu puisses l’utiliser.", False),
    ("Salut, nous vérifions tout de suite pourquoi ta carte a été bloquée.", False),
])
def test_a_card_named_is_personal_data_only_when_asked_for(text: str, asks: bool) -> None:
    assert ("asks_personal_data_in_public" in check(text, "fr")) is asks


def test_private_drafts_may_ask_for_personal_data() -> None:
    text = "Bonjour, pourriez-vous nous communiquer votre numéro de commande ? Merci par avance."
    assert "asks_personal_data_in_public" in check(text, kind="public")
    assert check(text, kind="private") == []


@pytest.mark.parametrize(("channel", "limit"), sorted(CHANNEL_LIMITS.items()))
def test_channel_limits(channel: str, limit: int) -> None:
    sentence = "Merci pour votre message, nous l’avons bien lu. "
    fits = (sentence * (limit // len(sentence)))[: limit].rstrip()
    assert "over_channel_limit" not in check(fits, channel=channel)
    assert "over_channel_limit" in check(fits + " " + sentence * 2, channel=channel)
    assert limit_for(channel) == limit


def test_documented_limits() -> None:
    assert CHANNEL_LIMITS == {"x": 280, "twitter": 280, "instagram": 2200, "facebook": 8000, "threads": 500,
                              "bluesky": 300, "youtube": 10000, "tiktok": 150, "linkedin": 1250, "review": 4000,
                              "other": 5000}
    assert limit_for(None) == limit_for("unknown") == 5000
    assert limit_for("twitter", "private") == 10000


def test_template_syntax_in_the_authors_own_name_is_data() -> None:
    comment = {"text": "…", "author": {"name": "{brand}"}}
    assert check("Bonjour {brand}, merci pour votre message, nous l’avons bien lu.", comment=comment) == []
    assert "placeholder_or_template_syntax" in check("Bonjour {team}, merci pour votre message.", comment=comment)


def test_the_authors_own_handle_is_allowed_and_others_are_not() -> None:
    assert check("Merci @Marie_D pour votre message, nous l’avons bien lu.") == []
    assert "echoes_foreign_handle" in check("Merci @bob pour votre message, nous l’avons bien lu.",
                                            comment={"text": "…"})


def test_missing_or_odd_comment_fields_never_raise() -> None:
    for comment in ({"text": "x"}, {"text": "x", "author": None}, {"text": "x", "author": {"name": 3, "handle": []}}):
        assert check(FR_OK, comment=comment) == []


@pytest.mark.parametrize(("text", "safe"), [
    ("3 semaines", True), ("two weeks", True), ("http://x.fr", False), ("@bob", False), ("connards", False),
    ("{x}", False), ("3 jours\n", False),
])
def test_echo_safety(text: str, safe: bool) -> None:
    assert is_echo_safe(text) is safe


@pytest.mark.parametrize(("text", "expected"), [("Espèce de CONNARD", True), ("You morons", True),
                                                ("Merci Conrad", False), ("Constance", False), ("Bonjour", False)])
def test_insults(text: str, expected: bool) -> None:
    assert insults_in(text) is expected


def test_sentences_are_split_in_the_spaces_after_a_closing_mark() -> None:
    """The split check_draft reads sentences by: the spaces after . ! ? … (any run of them) go, the mark stays."""
    import random
    import re

    from worker.analysis.guardrails import _split_sentences

    assert _split_sentences("Bonjour Marie, merci. Nous vérifions !  Bonne journée…\nÀ bientôt") == [
        "Bonjour Marie, merci.", "Nous vérifions !", "Bonne journée…", "À bientôt"]
    assert _split_sentences("v2.0 is out.") == ["v2.0 is out."]
    lookbehind = re.compile(r"(?<=[.!?…])\s+")   # the definition
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice("ab .!?…\n\t\u00a0\u202fé") for _ in range(rng.randint(0, 14)))
        assert _split_sentences(text) == lookbehind.split(text), repr(text)


def test_a_known_body_changes_no_answer() -> None:
    """check_text given known_part of the body reads only the sentences around it, and finds exactly
    what reading the whole draft finds, whatever the greeting, sign-off, name or private channel."""
    import random

    from worker.analysis.guardrails import _CHECKED, known_part
    from worker.analysis.guardrails import check_text as kept_check_text

    def check_text(text: str, **options: Any) -> list[str]:   # read each time, not taken from the answers kept
        _CHECKED.clear()
        return kept_check_text(text, **options)

    body = "merci pour votre message. Nous regardons votre commande. Écrivez-nous en privé. Bonne journée !"
    known = known_part(body, language="fr", kind="public")
    assert known is not None and known.middle == ". Nous regardons votre commande. Écrivez-nous en privé. "
    author = ("Marie", "marie_d")
    for greeting, signoff, problems in [
            ("Bonjour Marie,", "— L’équipe Colibri", []),
            ("Bonjour @karim,", "— L’équipe Colibri", ["echoes_foreign_handle"]),
            ("Bonjour Marie,", "— L’équipe connard", ["echoes_insult"]),
            ("Bonjour Marie,", "— www.arnaque.com", ["echoes_link"]),
            ("Bonjour\u200bMarie,", "", ["control_characters"]),
            ("Bonjour {name},", "", ["placeholder_or_template_syntax"])]:
        text = " ".join(x for x in (greeting, body, signoff) if x)
        for where in (None, len(greeting) + 1, 0):
            assert check_text(text, language="fr", channel="facebook", kind="public", allowed=(), author=author,
                              known=known, where=where) == problems, (text, where)
    rng = random.Random(5)
    pieces = ["a", "b", " ", "  ", ".", "!", "?", "…", "\n", "\u202f", "Marie", "@bob", "@marie", "con", "www.x.com",
              "le", "the", "votre", "your", "{x}", "aide@x.fr", "numéro de commande", "order number", ",", "\u200b"]
    taken = 0
    for _ in range(20000):
        part, head, tail = ("".join(rng.choice(pieces) for _ in range(rng.randint(0, n))) for n in (14, 5, 5))
        language, kind = rng.choice(["fr", "en"]), rng.choice(["public", "private"])
        allowed = rng.choice([(), ("aide@x.fr",), ("a b",)])
        author = rng.choice([("", ""), ("Marie", "marie"), ("a", "bob")])
        known = known_part(part, language=language, kind=kind, allowed=allowed)
        text = head + rng.choice(["", " "]) + part + rng.choice(["", " "]) + tail
        where = rng.choice([None, len(head), len(head) + 1, rng.randint(0, 30)])
        expected = check_text(text, language=language, channel="twitter", kind=kind, allowed=allowed, author=author)
        assert check_text(text, language=language, channel="twitter", kind=kind, allowed=allowed, author=author,
                          known=known, where=where) == expected, (text, part)
        taken += known is not None
    assert taken > 200


def test_the_answers_kept_are_those_of_a_fresh_check() -> None:
    """check_text keeps its answers by text and by what they depend on (the author's name and handle only
    where the text holds them): an answer taken from there is the one a fresh check gives."""
    import random

    from worker.analysis.guardrails import _CHECKED, check_text

    rng = random.Random(11)
    pieces = ["Bonjour", "Marie", "Paul", "@bob", "@marie", "@paul", " ", ". ", "! ", "con", "votre", "your", "the",
              "numéro de commande", "aide@x.fr", "{x}", "www.x.com", "\u200b", "merci", "thanks", "a b"]
    cases = []
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        cases.append((text, {"language": rng.choice(["fr", "en"]), "channel": rng.choice(["twitter", "tiktok", None]),
                             "kind": rng.choice(["public", "private"]),
                             "allowed": rng.choice([(), ("aide@x.fr",), ("a b",)]),
                             "author": rng.choice([("", ""), ("Marie", "marie"), ("Paul", "bob"), ("a", "paul")])}))
    _CHECKED.clear()
    kept = [check_text(text, **options) for text, options in cases]
    assert len(_CHECKED) < len(cases)   # some answers were taken from those kept
    for (text, options), answer in zip(cases, kept):
        _CHECKED.clear()
        assert check_text(text, **options) == answer, (text, options)


def test_fold_is_lower_case_without_accents_whatever_the_text() -> None:
    """fold (replacing only the characters present) gives what its table and NFD give for every text."""
    import random
    import unicodedata

    from worker.analysis.guardrails import _FOLD, fold

    def by_definition(text: str) -> str:
        lowered = text.lower().translate(_FOLD)
        return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))

    assert fold("Ça fait 3 JOURS, l’Œuvre\u202f! Déjà reçu") == "ca fait 3 jours, l'oeuvre ! deja recu"
    assert fold("Plain ASCII text.") == "plain ascii text."
    rng = random.Random(4)
    alphabet = "aAéÉçÇœŒæÆ’'\u202f\u00a0ÀÂÿŸ ñÑİıßǅ😀e\u0301K" + "".join(chr(i) for i in range(0xc0, 0x180))
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert fold(text) == by_definition(text), repr(text)

"""Priority reasons: stable codes for routing, texts in the language of the steps and drafts."""
from __future__ import annotations

import pytest

from worker.analysis import analyze
from worker.analysis.priority import REASON_CODES, REASONS


def run(text: str, **comment: object) -> dict:
    return analyze({"text": text, "channel": "facebook", **comment})


@pytest.mark.parametrize(("french", "english", "code", "level"), [
    ("Je vais porter plainte, c'est illégal", "I'm calling my lawyer, this is illegal", "legal", "urgent"),
    ("Intoxication alimentaire après votre plat, on a fini aux urgences",
     "Food poisoning after your meal, we ended up in the ER", "health", "urgent"),
    ("Ma commande n'est jamais arrivée, ça fait 3 semaines", "My order never arrived, it's been 3 weeks",
     "lasting_failure", "high"),
    ("Super équipe, merci pour votre aide rapide !", "Great team, thanks for the quick help!", "praise", "low"),
])
def test_codes_do_not_change_with_the_language_the_texts_do(french: str, english: str, code: str,
                                                            level: str) -> None:
    fr, en = run(french)["priority"], run(english)["priority"]
    assert fr["level"] == en["level"] == level
    assert code in fr["codes"] and code in en["codes"]
    at_fr, at_en = fr["codes"].index(code), en["codes"].index(code)
    assert fr["reasons"][at_fr] == REASONS[code]["fr"]
    assert en["reasons"][at_en] == REASONS[code]["en"]
    assert fr["reasons"][at_fr] != en["reasons"][at_en]


def test_one_text_per_code_in_the_same_order() -> None:
    for text in ("COLIS JAMAIS REÇU ET PERSONNE NE RÉPOND, c'est la 3e fois !!!",
                 "Your app charged me twice and support ignores me, again",
                 "Vous êtes des escrocs, je vais le dire partout",
                 "Est-ce que vous livrez en Belgique ?"):
        priority = run(text)["priority"]
        assert priority["codes"] and len(priority["codes"]) == len(priority["reasons"])
        assert len(set(priority["codes"])) == len(priority["codes"])
        assert set(priority["codes"]) <= set(REASON_CODES)


def test_reasons_follow_the_reply_language_when_the_comment_has_no_texts() -> None:
    # Spanish: no step or reply texts of its own; the brand's default language is used for all three
    result = run("Mi pedido nunca llegó y nadie me responde", brand={"name": "Lune", "default_language": "en"})
    assert result["replies"][0]["language"] == "en"
    assert result["priority"]["reasons"] == [REASONS[c]["en"] for c in result["priority"]["codes"]]
    fr = run("Mi pedido nunca llegó y nadie me responde", brand={"name": "Lune", "default_language": "fr"})
    assert fr["priority"]["reasons"] == [REASONS[c]["fr"] for c in fr["priority"]["codes"]]


def test_every_code_reads_in_both_languages() -> None:
    for code, texts in REASONS.items():
        assert set(texts) == {"fr", "en"}, code
        for language, text in texts.items():
            assert text.strip() == text and text.endswith("."), (code, language)
            assert "{" not in text and "'" not in text, (code, language)   # no placeholder; typographic apostrophe

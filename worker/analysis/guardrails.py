"""Checks run on every reply draft before it is offered (a draft that fails is rebuilt or flagged)."""
from __future__ import annotations

import re
from typing import Any

from worker.analysis.models import CHANNEL_LIMITS
from worker.analysis.text import fold

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\{\{|\}\}|%[sd]|\$\{|<[a-zA-Z/][^>]*>|\[\[|\]\]")
_DEFENSIVE = {
    "fr": ("vous auriez du", "ce n est pas notre faute", "ce n'est pas notre faute", "comme nous l avons deja dit",
           "comme deja dit", "calmez-vous", "calmez vous", "vous n avez qu a", "vous n'avez qu'a", "c est votre faute",
           "c'est votre faute", "vous vous trompez", "lisez les conditions", "vous exagerez", "relisez"),
    "en": ("you should have", "not our fault", "calm down", "as we already said", "as we said before",
           "as previously stated", "you're wrong", "you are wrong", "read the terms", "that's on you",
           "your fault", "you failed to", "actually,", "to be fair,"),
}
_PERSONAL = re.compile(r"(?i)(num[ée]ro de (commande|client|carte)|order number|customer number|adresse|address|"
                       r"carte bancaire|card number|t[ée]l[ée]phone|phone number|e-mail|email|coordonn[ée]es|"
                       r"contact details|iban|mot de passe|password)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]+")
_MENTION = re.compile(r"@(\w+)")
_PRIVATE = re.compile(r"(?i)(priv[ée]|\bMP\b|\bDM\b|private|message priv)")
_FUNCTION_WORDS = {
    "fr": frozenset("le la les un une des de du et est nous vous votre vos pour avec ce cette que qui pas merci "
                    "bonjour sur dans".split()),
    "en": frozenset("the a an and is we you your for with this that to of not thanks hi hello our on in it".split()),
}


def check_draft(text: str, *, language: str, channel: str | None, comment: dict[str, Any], kind: str) -> list[str]:
    """Problems found in a draft; an empty list means it passes."""
    problems: list[str] = []
    author = comment.get("author") or {}
    name = str(author.get("name") or "")
    scrubbed = text.replace(name, "") if name else text
    if _PLACEHOLDER.search(scrubbed):
        problems.append("placeholder_or_template_syntax")
    folded = fold(text).replace("’", "'")
    if any(phrase in folded for phrase in _DEFENSIVE.get(language, ())):
        problems.append("defensive_phrasing")
    limit = CHANNEL_LIMITS.get(channel or "other", CHANNEL_LIMITS["other"])
    if kind == "public" and len(text) > limit:
        problems.append("over_channel_limit")
    if kind == "public" and _PERSONAL.search(text):
        for sentence in _SENTENCE_END.split(text):
            if _PERSONAL.search(sentence) and not _PRIVATE.search(sentence):
                problems.append("asks_personal_data_in_public")
                break
    words = _WORD.findall(folded)
    if len(words) >= 6:
        own = sum(1 for w in words if w in _FUNCTION_WORDS.get(language, frozenset()))
        other = max((sum(1 for w in words if w in ws) for lang, ws in _FUNCTION_WORDS.items() if lang != language),
                    default=0)
        if own == 0 or other > own:
            problems.append("not_in_target_language")
    if "http" in text or "www." in text:
        problems.append("echoes_link")
    if "@" in text:
        handle = str(author.get("handle") or "").lstrip("@").lower()
        if any(mention.lower() != handle for mention in _MENTION.findall(text)):
            problems.append("echoes_foreign_handle")
    return problems

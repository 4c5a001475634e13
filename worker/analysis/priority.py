"""Priority levels with reasons a person can act on.

Each reason has a stable code (`priority.codes`, for routing rules in a CRM: "legal" to the legal team) and a
text for the person who answers, in the language of the playbook's steps and drafts (fr, en).
"""
from __future__ import annotations

from typing import Final

from worker.analysis.lexicon import Hit
from worker.analysis.sentiment import SentimentReading
from worker.analysis.situations import Situation

#: What each reason code says, by language. The severity codes are Situation.severities' own.
REASONS: Final[dict[str, dict[str, str]]] = {
    "safety": {
        "en": "Safety risk mentioned: hand to the product-safety team now.",
        "fr": "Risque pour la sécurité évoqué : transmettez tout de suite à l’équipe sécurité produit.",
    },
    "health": {
        "en": "Health issue mentioned: hand to the quality/health team now.",
        "fr": "Problème de santé évoqué : transmettez tout de suite à l’équipe qualité ou santé.",
    },
    "legal": {
        "en": "Legal action or a regulator mentioned: involve the legal team before replying in detail.",
        "fr": "Action en justice ou autorité de contrôle évoquée : associez le service juridique avant de répondre "
              "sur le fond.",
    },
    "data_leak": {
        "en": "Possible personal-data leak: involve the data-protection officer now.",
        "fr": "Fuite possible de données personnelles : prévenez tout de suite le délégué à la protection des "
              "données.",
    },
    "discrimination": {
        "en": "Discrimination reported: escalate to management and HR.",
        "fr": "Discrimination signalée : faites remonter à la direction et aux RH.",
    },
    "violence": {
        "en": "Threat or violence mentioned: escalate to security; do not argue in public.",
        "fr": "Menace ou violence évoquée : alertez la sûreté ; pas de débat en public.",
    },
    "viral": {
        "en": "The author plans to spread it widely: answer fast, publicly and calmly.",
        "fr": "L’auteur compte le diffuser largement : répondez vite, en public et calmement.",
    },
    "praise": {
        "en": "Praise: thank the author when you can.",
        "fr": "Un compliment : remerciez l’auteur quand vous le pouvez.",
    },
    "spam": {
        "en": "Unrelated promotion: hide or ignore per your moderation policy.",
        "fr": "Promotion sans rapport : masquez-la ou ignorez-la selon votre charte de modération.",
    },
    "nothing_to_fix": {
        "en": "Nothing to fix: answer if the conversation calls for it.",
        "fr": "Rien à corriger : répondez si la conversation s’y prête.",
    },
    "brand_error": {
        "en": "The brand is at fault: acknowledge and fix it.",
        "fr": "L’erreur vient de la marque : reconnaissez-la et corrigez-la.",
    },
    "toxic": {
        "en": "Insult or threat: moderate per the house rules, answer calmly if you answer.",
        "fr": "Insulte ou menace : modérez selon votre charte ; si vous répondez, restez calme.",
    },
    "lasting_failure": {
        "en": "A failure that lasts or repeats (duration given).",
        "fr": "Un problème qui dure (l’auteur dit depuis combien de temps).",
    },
    "repeated_failure": {
        "en": "A failure that lasts or repeats (again).",
        "fr": "Un problème qui se répète.",
    },
    "money": {
        "en": "Money is at stake for the customer.",
        "fr": "De l’argent est en jeu pour le client.",
    },
    "strong_anger": {
        "en": "Strong anger: answer first.",
        "fr": "Forte colère : à traiter en premier.",
    },
    "bad_faith": {
        "en": "Possibly self-interested (competitor, referral or campaign): answer with calm facts.",
        "fr": "Peut-être intéressé (concurrent, parrainage ou campagne) : répondez par des faits, calmement.",
    },
    "needs_more_info": {
        "en": "The problem is unclear: ask for details in public.",
        "fr": "Le problème n’est pas clair : demandez des précisions en public.",
    },
    "complaint": {
        "en": "A complaint: acknowledge it; never leave it unanswered.",
        "fr": "Une réclamation : accusez-en réception ; ne la laissez jamais sans réponse.",
    },
    "question": {
        "en": "A question: answer it in public so others see the answer.",
        "fr": "Une question : répondez-y en public, pour que d’autres voient la réponse.",
    },
}
#: Reason codes a caller may meet (docs/contract.md), in no particular order.
REASON_CODES: Final = tuple(REASONS)


def prioritise(situation: Situation, reading: SentimentReading, hits: list[Hit]) -> tuple[str, list[str]]:
    """The priority level and the codes of its reasons, most important first, each once."""
    codes: list[str] = list(situation.severities)
    if situation.flags["escalate"]:
        return "urgent", codes
    flags = situation.flags
    repeated = any(h.family == "repetition" for h in hits)
    money = any(h.family == "money" for h in hits)
    level = "normal"
    if situation.category in ("praise", "spam") or (situation.category == "other" and reading.label != "negative"):
        level = "low"
        codes.append(situation.category if situation.category in ("praise", "spam") else "nothing_to_fix")
    if flags["brand_error"]:
        codes.append("brand_error")
    if flags["toxic"]:
        level = "high"
        codes.append("toxic")
    # a failure that lasts: counted in days or more ("depuis 3 jours", "2 weeks"); a wait of minutes or hours ("25
    # minutes de queue", "on hold for an hour", "50 minutes late") is the failure itself, not one that lasts
    longest = situation.longest_days
    lasting = bool(situation.durations) and (longest is None or longest >= 1)
    if flags["brand_error"] and (repeated or lasting):
        level = "high"
        codes.append("lasting_failure" if lasting else "repeated_failure")
    # money at stake: a failure of the brand's, or a charge or a bill the author disputes ("Prélèvement bizarre de
    # 59,90 €", "a random $49.99 charge")
    if (flags["brand_error"] or situation.disputed) and money:
        level = "high"
        codes.append("money")
    if reading.caps_anger or (situation.category == "complaint" and reading.score <= -0.8):
        level = "high"
        codes.append("strong_anger")
    if flags["suspected_bad_faith"]:
        codes.append("bad_faith")
    if flags["needs_more_info"]:
        codes.append("needs_more_info")
    if level == "normal" and situation.category == "complaint":
        codes.append("complaint")
    elif level == "normal" and situation.category == "question":
        codes.append("question")
    return level, list(dict.fromkeys(codes))


def reasons(codes: list[str], language: str) -> list[str]:
    """The texts of reason codes in `language` ("fr" or "en"; any other: English)."""
    return [REASONS[code].get(language) or REASONS[code]["en"] for code in codes]

"""Priority levels with reasons a person can act on."""
from __future__ import annotations

from worker.analysis.lexicon import Hit
from worker.analysis.sentiment import SentimentReading
from worker.analysis.situations import Situation

_SEVERITY_REASONS = {
    "safety": "Safety risk mentioned: hand to the product-safety team now.",
    "health": "Health issue mentioned: hand to the quality/health team now.",
    "legal": "Legal action or a regulator mentioned: involve the legal team before replying in detail.",
    "data_leak": "Possible personal-data leak: involve the data-protection officer now.",
    "discrimination": "Discrimination reported: escalate to management and HR.",
    "violence": "Threat or violence mentioned: escalate to security; do not argue in public.",
    "viral": "The author plans to spread it widely: answer fast, publicly and calmly.",
}


def prioritise(situation: Situation, reading: SentimentReading, hits: list[Hit]) -> tuple[str, list[str]]:
    reasons: list[str] = [_SEVERITY_REASONS[s] for s in situation.severities]
    if situation.flags["escalate"]:
        return "urgent", reasons
    flags = situation.flags
    repeated = any(h.family == "repetition" for h in hits)
    money = any(h.family == "money" for h in hits)
    level = "normal"
    if situation.category in ("praise", "spam") or (situation.category == "other" and reading.label != "negative"):
        level = "low"
        reasons.append({"praise": "Praise: thank the author when you can.",
                        "spam": "Unrelated promotion: hide or ignore per your moderation policy."}
                       .get(situation.category, "Nothing to fix: answer if the conversation calls for it."))
    if flags["brand_error"]:
        reasons.append("The brand is at fault: acknowledge and fix it.")
    if flags["toxic"]:
        level = "high"
        reasons.append("Insult or threat: moderate per the house rules, answer calmly if you answer.")
    if flags["brand_error"] and (repeated or situation.durations):
        level = "high"
        reasons.append("A failure that lasts or repeats (" +
                       ("duration given" if situation.durations else "again") + ").")
    if flags["brand_error"] and money:
        level = "high"
        reasons.append("Money is at stake for the customer.")
    if reading.caps_anger or (situation.category == "complaint" and reading.score <= -0.8):
        level = "high"
        reasons.append("Strong anger: answer first.")
    if flags["suspected_bad_faith"]:
        reasons.append("Possibly self-interested (competitor, referral or campaign): answer with calm facts.")
    if flags["needs_more_info"]:
        reasons.append("The problem is unclear: ask for details in public.")
    if level == "normal" and situation.category == "complaint":
        reasons.append("A complaint: acknowledge it; never leave it unanswered.")
    elif level == "normal" and situation.category == "question":
        reasons.append("A question: answer it in public so others see the answer.")
    return level, list(dict.fromkeys(reasons))

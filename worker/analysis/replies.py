"""Reply drafts built from the steps, in the comment's language, fitting the channel by construction.

Drafts are assembled from fixed localised sentences by concatenation. Author names, helper names,
brand names and comment text are data: they are inserted as they are (or dropped when they look
like markup or template syntax), never interpreted as a template.
"""
from __future__ import annotations

import re
from typing import Any

from worker.analysis.guardrails import check_draft
from worker.analysis.models import CHANNEL_LIMITS
from worker.analysis.texts import texts

VARIANTS = 3
_KEEP_CAPS = frozenset({"I", "I'm", "I've", "I'll", "I'd"})
_UNSAFE_NAME = re.compile(r"[{}<>%$`\\\[\]|@#]|https?:|www\.")
_SPACES = re.compile(r"\s+")


def safe_name(value: Any, limit: int = 40) -> str | None:
    """A person's or brand's name fit to print in a reply, or None."""
    if not isinstance(value, str):
        return None
    name = _SPACES.sub(" ", "".join(ch for ch in value if ch.isprintable())).strip()
    if not name or _UNSAFE_NAME.search(name) or len(name) > limit:
        return None
    return name


def _greeting(lang: dict[str, Any], name: str | None) -> str:
    return lang["greeting_named"] + name + "," if name else lang["greeting"]


def _sentences(labels: dict[str, Any], steps: list[dict[str, str]], lang: dict[str, Any], k: int,
               short: bool, context: dict[str, Any]) -> list[tuple[str, str | None, bool]]:
    """(sentence, step id it carries out or None, essential?) in order."""
    s = lang["sentences"]
    topics = [t for t in labels["topics"] if t in lang["topic_phrase"]]
    topic = topics[0] if topics else ""
    negative = labels["sentiment"]["label"] == "negative" or labels["category"] == "complaint"
    out: list[tuple[str, str | None, bool]] = []
    ids = [step["id"] for step in steps]
    for step_id in ids:
        if step_id == "acknowledge":
            if labels["flags"]["suspected_bad_faith"] and not labels["flags"]["brand_error"]:
                out.append((s["acknowledge_neutral"][k], step_id, True))
            elif negative or any(labels["flags"][f] for f in ("toxic", "escalate")):
                if short:
                    out.append((s["acknowledge_short"][k], step_id, True))
                elif topic:
                    out.append((s["acknowledge"][k].replace("{topic}", lang["topic_phrase"][topic]), step_id, True))
                else:
                    out.append((s["acknowledge_notopic"][k], step_id, True))
                if not short and context.get("duration") and labels["flags"]["brand_error"]:
                    sentence = s["duration"][k].replace("{duration}", context["duration"])
                    out.append((sentence[0].upper() + sentence[1:], None, False))
            elif labels["category"] == "suggestion":
                out.append((s["acknowledge_suggestion"][k], step_id, True))
            elif labels["category"] == "question":
                out.append((s["acknowledge_question"][k], step_id, True))
                if "ask_details_publicly" not in ids:
                    out.append((s["question_followup"][k], None, True))
            else:
                out.append((s["acknowledge_other"][k], step_id, True))
        elif step_id == "offer_solution":
            if short:
                out.append((s["offer_solution_short"][k], step_id, True))
            else:
                out.append((s["offer_solution"].get(topic, s["offer_solution"][""])[k], step_id, True))
                if labels["flags"]["brand_error"]:
                    out.append((s["prevent"][k], None, False))
        elif step_id == "thank_community":
            helper = safe_name(context.get("helper"))
            if helper:
                out.append((s["thank_community_named"][k] + helper + s["thank_community_named_end"][k], step_id, True))
            else:
                out.append((s["thank_community"][k], step_id, True))
            if len(ids) == 1:
                out.append((s["community_followup"][k], None, False))
        elif step_id in s:
            key = step_id + "_short" if short and step_id + "_short" in s else step_id
            out.append((s[key][k], step_id, True))
    if negative and not short:
        out.append((s["closing"][k], None, False))
    return out


def _assemble(greeting: str, sentences: list[tuple[str, str | None, bool]], signoff: str | None) -> str:
    body = " ".join(text for text, _, _ in sentences)
    first = body.split(" ", 1)[0] if body else ""
    if greeting.endswith(",") and first and not (len(first) > 1 and first.isupper()) and first not in _KEEP_CAPS:
        body = body[0].lower() + body[1:]   # "Bonjour Marie, merci…" / "Hi Joe, thanks…"
    text = greeting + " " + body if greeting else body
    return text + " " + signoff if signoff else text


def _fit(labels: dict[str, Any], steps: list[dict[str, str]], lang: dict[str, Any], k: int, limit: int,
         name: str | None, signoff: str | None, context: dict[str, Any]) -> tuple[str, list[str]]:
    """The fullest draft of variant k within the limit, never cutting a sentence.

    Optional sentences go first (closing, sign-off, duration, prevention), then the longest step
    sentences are swapped one by one for their short wording, then the greeting's name goes.
    """
    full = _sentences(labels, steps, lang, k, False, context)
    text = _assemble(_greeting(lang, name), full, signoff)
    if len(text) <= limit:
        return text, [step for _, step, _ in full if step]
    essential = [x for x in full if x[2]]
    short_by_step = {step: x for x in _sentences(labels, steps, lang, k, True, context) if x[2]
                     for step in [x[1]] if step}
    current = list(essential)
    for greeting in (_greeting(lang, name), _greeting(lang, None), ""):
        while True:
            text = _assemble(greeting, current, None)
            if len(text) <= limit:
                return text, [step for _, step, _ in current if step]
            swappable = [(len(x[0]) - len(short_by_step[x[1]][0]), i) for i, x in enumerate(current)
                         if x[1] in short_by_step and short_by_step[x[1]][0] != x[0]]
            if not swappable:
                break
            _, index = max(swappable)
            current[index] = short_by_step[current[index][1]]
    short = current
    # Still too long (a tiny limit): keep whole sentences, in order, while they fit.
    kept: list[tuple[str, str | None, bool]] = []
    for sentence in short:
        if len(_assemble("", kept + [sentence], None)) <= limit:
            kept.append(sentence)
    return _assemble("", kept, None), [step for _, step, _ in kept if step]


def draft_replies(comment: dict[str, Any], labels: dict[str, Any], steps: list[dict[str, str]], language: str,
                  context: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Public drafts (up to three wordings) and a private follow-up when personal data is needed."""
    context = context or {}
    if not steps:
        return [], []
    lang = texts(language)
    channel = comment.get("channel") or "other"
    limit = CHANNEL_LIMITS.get(channel, CHANNEL_LIMITS["other"])
    name = safe_name((comment.get("author") or {}).get("name"))
    brand = safe_name((comment.get("brand") or {}).get("name"), limit=60)
    signoff = lang["signoff_prefix"] + brand + lang["signoff_suffix"] if brand else None
    drafts: list[dict[str, Any]] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for k in range(VARIANTS):
        text, covers = _fit(labels, steps, lang, k, limit, name, signoff, context)
        if not text or text in seen:
            continue
        problems = check_draft(text, language=language, channel=channel, comment=comment, kind="public")
        if problems:
            warnings.extend(p for p in problems if p not in warnings)
            continue
        seen.add(text)
        drafts.append(_draft("public", language, text, limit, covers))
    if any(step["id"] == "move_to_private" for step in steps):
        private = lang["private"]
        text = _assemble(_greeting(lang, name), [(private["body"], "move_to_private", True),
                                                  (private["sign"], None, True)], signoff)
        drafts.append(_draft("private", language, text, 10000, ["move_to_private"]))
    return drafts, warnings


def _draft(kind: str, language: str, text: str, limit: int, covers: list[str]) -> dict[str, Any]:
    return {"kind": kind, "language": language, "text": text, "characters": len(text),
            "fits_channel": len(text) <= limit, "covers": list(dict.fromkeys(covers))}

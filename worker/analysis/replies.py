"""Reply drafts built from the steps, in the reply language, fitting the channel by construction.

Drafts are assembled by plain concatenation of fixed localised sentences (data/texts/<lang>.json).
Author, helper and brand names and any piece of the comment are data: they are inserted as they are
or dropped (markup, template syntax, links, handles, insults, control characters), never interpreted
as a template. Every draft goes through `guardrails.check_draft`; a failing draft is rebuilt (no
names, then the short wording) and dropped only when nothing safe can be built.

Each public draft is one of up to three wordings of the same steps; the order of the wordings is
chosen by a stable hash of the comment, so the same comment always gets the same drafts while a
community manager answering many comments does not post the same first sentence everywhere.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from typing import Any

from worker.analysis.guardrails import check_draft, insults_in, is_echo_safe, limit_for
from worker.analysis.steps import field, is_negative, load_texts, reply_language, situation

VARIANTS = 3
NAME_LIMIT = 40
BRAND_LIMIT = 60
OFFER_LIMIT = 160
SIGNATURE_LIMIT = 120
DURATION_LIMIT = 30
_KEEP_CAPS = frozenset({"I", "I'm", "I've", "I'll", "I'd"})
_UNSAFE_NAME = re.compile(r"[{}<>%$`\\\[\]|@#=;]|https?:|www\.|\.(com|fr|net|org|io|ly)\b", re.IGNORECASE)
_DURATION = re.compile(r"^[\w’' -]+$")
_SPACES = re.compile(r"\s+")
_NUMBER = (r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|quinze|vingt|trente|"
           r"a|an|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty)")
_UNIT = r"(?:minutes?|heures?|jours?|semaines?|mois|ans?|années?|hours?|days?|weeks?|months?|years?)"
_DURATION_IN_TEXT = re.compile(r"(?i)\b(?:depuis|ça fait|ca fait|cela fait|plus de|for|over|more than|been)\s+("
                               + _NUMBER + r"\s+" + _UNIT + r")\b")
_ELIDES = re.compile(r"(?i)^(?!onze|huit)[aeiouyéèêàâîô]")
#: Problems a draft can lose by leaving the names and echoed pieces out.
_DATA_PROBLEMS = frozenset({"placeholder_or_template_syntax", "echoes_link", "echoes_foreign_handle",
                            "echoes_insult", "control_characters", "not_in_target_language"})

Sentence = tuple[str, "str | None", bool]   # (text, step id it carries out or None, essential?)


def safe_name(value: Any, limit: int = NAME_LIMIT) -> str | None:
    """A person's or brand's name fit to print in a reply, or None.

    Only the first line counts, control characters go, spaces are collapsed; a name carrying markup,
    template syntax, a link, a handle or an insult is dropped; a name too long is cut to its first word.
    """
    if not isinstance(value, str):
        return None
    value = next((line for line in value.splitlines() if line.strip()), "")
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value
                      if unicodedata.category(ch) not in ("Cf", "Co", "Cn", "Cs"))
    name = _SPACES.sub(" ", cleaned).strip()
    if not name or _UNSAFE_NAME.search(name) or insults_in(name):
        return None
    if len(name) > limit:
        first = name.split(" ", 1)[0]
        return first if 1 < len(first) <= limit else None
    return name


def _helper_name(value: Any) -> str | None:
    """The community member to thank: a name, or a handle printed without its '@'."""
    if isinstance(value, str) and value.startswith("@"):
        value = value[1:]
    return safe_name(value)


def _duration(value: Any) -> str | None:
    """A short duration taken from the comment ("3 semaines"), only when it is safe to echo."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    if not text or len(text) > DURATION_LIMIT or not _DURATION.match(text) or not is_echo_safe(text):
        return None
    return text


def find_duration(text: str) -> str | None:
    """How long the problem has lasted, as the author wrote it ("3 semaines", "two weeks"), if said."""
    match = _DURATION_IN_TEXT.search(text)
    return _duration(match.group(1)) if match else None


def find_helper(comment: dict[str, Any]) -> str | None:
    """The first community member (not the brand, not the author) who answered in the thread."""
    author: dict[str, Any] = field(comment, "author", dict, {})
    for message in field(comment, "thread", list, []):
        if not isinstance(message, dict) or message.get("is_brand"):
            continue
        who: dict[str, Any] = field(message, "author", dict, {})
        if not who or any(who.get(k) and who.get(k) == author.get(k) for k in ("name", "handle")):
            continue
        for key in ("name", "handle"):
            if isinstance(who.get(key), str):
                return str(who[key])
    return None


def _with_duration(head: str, duration: str, tail: str, language: str) -> str:
    """Head + duration + tail, with the French elision "de un mois" -> "d’un mois"."""
    if language == "fr" and head.endswith(" de ") and _ELIDES.match(duration):
        head = head[:-3] + "d’"
    sentence = head + duration + tail
    return sentence[0].upper() + sentence[1:]


#: Which topic a reply names when several apply: the most serious or most specific first (a refund
#: complaint often mentions the delivery too, an injury matters more than the product's quality).
TOPIC_PREFERENCE = ("safety", "privacy", "returns_refunds", "billing", "account", "delivery", "product_quality",
                    "technical", "customer_service", "pricing", "store")


def _topic(labels: dict[str, Any], lang: dict[str, Any]) -> str:
    """The topic the reply names ("" when none is known to the texts)."""
    topics = [t for t in situation(labels)["topics"] if t in lang["topic_phrase"] and t]
    ranked = sorted(topics, key=lambda t: TOPIC_PREFERENCE.index(t) if t in TOPIC_PREFERENCE else len(TOPIC_PREFERENCE))
    return ranked[0] if ranked else ""


def _pick(options: Any, k: int) -> str:
    """Wording k of a sentence (lists shorter than VARIANTS wrap around)."""
    if isinstance(options, str):
        return options
    return str(options[k % len(options)])


def _offers(context: dict[str, Any], topic: str) -> list[str]:
    """What the brand's profile says it can offer for this topic, each checked like a name."""
    catalogue = context.get("solutions")
    offers = catalogue.get(topic) if isinstance(catalogue, dict) and topic else None
    if not isinstance(offers, list):
        return []
    safe = [safe_name(offer, OFFER_LIMIT) for offer in offers[:3]]
    return [offer for offer in safe if offer]


def _sentences(labels: dict[str, Any], ids: list[str], lang: dict[str, Any], k: int, short: bool,
               context: dict[str, Any]) -> list[Sentence]:
    """The draft's sentences, in step order."""
    s = lang["sentences"]
    sit = situation(labels)
    flags = sit["flags"]
    topic = _topic(labels, lang)
    negative = is_negative(labels)
    out: list[Sentence] = []
    for step_id in ids:
        if step_id == "acknowledge":
            if flags["suspected_bad_faith"] and not flags["brand_error"]:
                out.append((_pick(s["acknowledge_neutral"], k), step_id, True))
            elif negative:
                if short:
                    out.append((_pick(s["acknowledge_short"], k), step_id, True))
                elif topic:
                    # A fixed fragment of our own data: the topic phrase is data too, never user text.
                    sentence = _pick(s["acknowledge"], k).replace("{topic}", lang["topic_phrase"][topic])
                    out.append((sentence, step_id, True))
                else:
                    out.append((_pick(s["acknowledge_notopic"], k), step_id, True))
                duration = _duration(context.get("duration"))
                if not short and duration and flags["brand_error"]:
                    head, _, tail = _pick(s["duration"], k).partition("{duration}")
                    out.append((_with_duration(head, duration, tail, lang["code"]), None, False))
            elif sit["category"] == "suggestion":
                out.append((_pick(s["acknowledge_suggestion"], k), step_id, True))
            elif sit["category"] == "question":
                out.append((_pick(s["acknowledge_question"], k), step_id, True))
                if "ask_details_publicly" not in ids:
                    out.append((_pick(s["question_followup"], k), None, not short))
            else:
                out.append((_pick(s["acknowledge_other"], k), step_id, True))
        elif step_id == "offer_solution":
            if short:
                out.append((_pick(s["offer_solution_short"], k), step_id, True))
            else:
                table = s["offer_solution"]
                # Until the details are known, promise to solve it rather than a remedy that may not fit.
                remedy = table[""] if flags["needs_more_info"] and not flags["brand_error"] else table.get(topic)
                offers = _offers(context, topic) if remedy is not table[""] else []
                if offers:   # the brand's own catalogue for this topic (brand data, inserted as text)
                    out.append((s["offer_catalogue"][0] + s["offer_catalogue"][1].join(offers) + ".", step_id, True))
                else:
                    out.append((_pick(remedy or table[""], k), step_id, True))
                if flags["brand_error"]:
                    out.append((_pick(s["prevent"], k), None, False))
        elif step_id == "thank_community":
            helper = None if short else _helper_name(context.get("helper"))
            if helper:
                sentence = _pick(s["thank_community_named"], k) + helper + _pick(s["thank_community_named_end"], k)
                out.append((sentence, step_id, True))
            else:
                out.append((_pick(s["thank_community"], k), step_id, True))
            if len(ids) == 1:
                out.append((_pick(s["community_followup"], k), None, False))
        elif step_id in s:
            key = step_id + "_short" if short and step_id + "_short" in s else step_id
            out.append((_pick(s[key], k), step_id, True))
    if negative and not short:
        out.append((_pick(s["closing"], k), None, False))
    return out


def _greeting(lang: dict[str, Any], name: str | None) -> str:
    return str(lang["greeting_named"]) + name + "," if name else str(lang["greeting"])


def _assemble(greeting: str, sentences: list[Sentence], signoff: str | None) -> str:
    body = " ".join(text for text, _, _ in sentences)
    first = body.split(" ", 1)[0] if body else ""
    if greeting.endswith(",") and first and not (len(first) > 1 and first.isupper()) and first not in _KEEP_CAPS:
        body = body[0].lower() + body[1:]   # "Bonjour Marie, merci…" / "Hi Joe, thanks…"
    text = greeting + " " + body if greeting and body else greeting or body
    return text + " " + signoff if signoff else text


def _covers(sentences: list[Sentence]) -> list[str]:
    return list(dict.fromkeys(step for _, step, _ in sentences if step))


def _fit(full: list[Sentence], short: list[Sentence], limit: int, greeting: str, bare_greeting: str,
         signoff: str | None) -> tuple[str, list[str]]:
    """The fullest draft within the limit, never cutting a sentence.

    When the full draft is too long, start from the essential sentences in their short wording with
    the named greeting (then the bare greeting, then none), and add back, while the draft fits: the
    full wording of each step in order, the optional sentences (duration, prevention, closing), then
    the sign-off. With a tiny limit, whole sentences are kept in order while they fit.
    """
    text = _assemble(greeting, full, signoff)
    if len(text) <= limit:
        return text, _covers(full)
    short_by_step = {x[1]: x for x in short if x[1]}
    chosen: list[Sentence | None] = [short_by_step.get(x[1], x) if x[2] and x[1] else (x if x[2] else None)
                                     for x in full]

    def build(sign: str | None, hello: str) -> str:
        return _assemble(hello, [x for x in chosen if x is not None], sign)

    for hello in dict.fromkeys((greeting, bare_greeting, "")):
        if len(build(None, hello)) > limit:
            continue
        upgrades = [i for i, x in enumerate(full) if x[2] and chosen[i] != x]
        upgrades += [i for i, x in enumerate(full) if not x[2]]
        for i in upgrades:
            before = chosen[i]
            chosen[i] = full[i]
            if len(build(None, hello)) > limit:
                chosen[i] = before
        sign = signoff if signoff and len(build(signoff, hello)) <= limit else None
        return build(sign, hello), _covers([x for x in chosen if x is not None])
    kept: list[Sentence] = []
    for sentence in (x for x in chosen if x is not None):
        if len(_assemble("", kept + [sentence], None)) <= limit:
            kept.append(sentence)
    return _assemble("", kept, None), _covers(kept)


def _draft(kind: str, language: str, text: str, limit: int, covers: list[str]) -> dict[str, Any]:
    return {"kind": kind, "language": language, "text": text, "characters": len(text),
            "fits_channel": len(text) <= limit, "covers": covers}


def _public(labels: dict[str, Any], ids: list[str], lang: dict[str, Any], language: str, k: int,
            channel: str, comment: dict[str, Any], name: str | None, signoff: str | None,
            context: dict[str, Any], warnings: list[str]) -> tuple[str, list[str]] | None:
    """Wording k of the public draft: the fullest one that passes the guardrails, or None."""
    limit = limit_for(channel)
    # Names and echoed pieces are data: drop them all first, then fall back to the short wording.
    attempts = [(name, signoff, context, False), (None, None, {}, False), (None, None, {}, True)]
    for who, sign, ctx, short_only in attempts:
        short = _sentences(labels, ids, lang, k, True, ctx)
        full = short if short_only else _sentences(labels, ids, lang, k, False, ctx)
        text, covers = _fit(full, short, limit, _greeting(lang, who), _greeting(lang, None), sign)
        if not text:
            continue
        problems = check_draft(text, language=language, channel=channel, comment=comment, kind="public")
        if not problems:
            return text, covers
        warnings.extend(f"draft_rebuilt: {p}" for p in problems if f"draft_rebuilt: {p}" not in warnings)
        if not _DATA_PROBLEMS & set(problems) and "over_channel_limit" not in problems:
            break
    return None


def _private(labels: dict[str, Any], lang: dict[str, Any], language: str, comment: dict[str, Any],
             name: str | None, signoff: str | None) -> dict[str, Any] | None:
    """The follow-up sent by direct message, asking only what the case needs."""
    private = lang["private"]
    topic = _topic(labels, lang)
    topic = topic if topic in private["ask"] else ""
    body: list[Sentence] = [(private["lead"] + private["ask"][topic] + private["trail"], "move_to_private", True),
                            (private["sign"], None, True)]
    for who, sign in ((name, signoff), (None, None)):
        text = _assemble(_greeting(lang, who), body, sign)
        if not check_draft(text, language=language, channel=None, comment=comment, kind="private"):
            return _draft("private", language, text, limit_for(None, "private"), ["move_to_private"])
    return None


def draft_replies(comment: dict[str, Any], labels: dict[str, Any], steps: list[dict[str, Any]], language: str,
                  context: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Public drafts (up to three wordings) and a private follow-up when personal data is needed.

    `context` may carry what the classifier found in the comment: ``duration`` (e.g. "3 semaines")
    and ``helper`` (the community member who answered). Returns (drafts, warnings); warnings say
    which guardrails made a draft be rebuilt or dropped.
    """
    context = dict(context) if isinstance(context, dict) else {}
    labels = situation(labels) if isinstance(labels, dict) else situation({})   # normalised once
    warnings: list[str] = []
    ids = [step["id"] for step in steps if isinstance(step, dict) and isinstance(step.get("id"), str)]
    if not ids:
        return [], warnings
    language = reply_language(language)
    lang = load_texts(language)
    channel = field(comment, "channel", str, "other")
    author: dict[str, Any] = field(comment, "author", dict, {})
    brand: dict[str, Any] = field(comment, "brand", dict, {})
    text = field(comment, "text", str, "")
    name = safe_name(author.get("name"))
    brand_name = safe_name(brand.get("name"), BRAND_LIMIT)
    signoff = str(lang["signoff_prefix"]) + brand_name + str(lang["signoff_suffix"]) if brand_name else None
    signature = safe_name(brand.get("signature"), SIGNATURE_LIMIT)
    if signature:   # the brand's own sign-off ("— Julie, service client")
        signoff = signature
    if isinstance(brand.get("solutions"), dict) and "solutions" not in context:
        context["solutions"] = brand["solutions"]
    if language == "fr" and brand.get("address_form") == "tu":
        warnings.append("address_form_tu_not_applied: the drafts use « vous »")
    if "duration" not in context:
        context["duration"] = find_duration(text)
    if "helper" not in context:
        context["helper"] = find_helper(comment)
    offset = zlib.crc32(text.encode("utf-8", "replace")) % VARIANTS
    drafts: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in range(VARIANTS):
        built = _public(labels, ids, lang, language, (offset + i) % VARIANTS, channel, comment, name, signoff,
                        context, warnings)
        if built and built[0] not in seen:
            seen.add(built[0])
            drafts.append(_draft("public", language, built[0], limit_for(channel), built[1]))
    if not drafts:
        fallback = lang["sentences"]["acknowledge_short"][0]
        warnings.append("draft_fallback: no wording passed the guardrails")
        drafts.append(_draft("public", language, fallback, limit_for(channel), ["acknowledge"] if "acknowledge" in ids else []))
    if "move_to_private" in ids:
        private = _private(labels, lang, language, comment, name, signoff)
        if private:
            drafts.append(private)
    return drafts, warnings

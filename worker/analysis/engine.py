"""The analysis engine: `analyze(comment) -> result`, pure, deterministic, no I/O per call.

Stages: tokenise (offsets kept) -> language -> lexicon cues -> sentiment -> category, topics and
flags -> priority -> playbook steps -> reply drafts. Lexicons and texts are data files loaded once.
"""
from __future__ import annotations

import re
from typing import Any, Final

from worker.analysis.language import detect, detector, lexicon_words
from worker.analysis.lexicon import Hit, lexicon, meant, odd_case
from worker.analysis.models import SUPPORTED_LANGUAGES
from worker.analysis.priority import prioritise
from worker.analysis.priority import reasons as reason_texts
from worker.analysis.replies import draft_replies
from worker.analysis.sentiment import SentimentReading, negated_fail_verbs, quoted_claim, score
from worker.analysis.situations import Situation, classify, durations, late_by_day_count
from worker.analysis.steps import plan_steps
from worker.analysis.steps import situation as playbook_view
from worker.analysis.normalize import Token, tokenize

__all__ = ["ENGINE_VERSION", "analyze", "warm_up"]

ENGINE_VERSION = "1.0.0"
_DURATION_PREFIX: Final = re.compile(r"(?i)^(depuis|for|over|plus\s+d[e'’]|more\s+than)\s*")
_NOT_A_WAIT: Final = re.compile(r"(?i)\s+(?:before|after|avant|apr[eè]s|later|plus\s+tard|earlier|plus\s+t[oô]t)\b")
#: Words just before a duration that make it the time until a failure ("les coutures ont lâché au bout d'une
#: semaine"; "within a month" is no duration at all: _QUICK), a customer's loyalty ("client depuis 10 ans",
#: "customer for 10 years") or the age of expired goods, not a wait: the drafts must not answer "une semaine
#: d'attente, ce n'est pas normal".
_LASTED: Final = re.compile(r"(?i)(?:\bau\s+bout\s+d[e'’]?|"
                            r"\b(?:clients?|cliente?s?|fid[eè]les?|abonn[ée]e?s?)\s+(?:depuis|pendant)|"
                            r"\b(?:customers?|clients?|members?|subscribers?|loyal)\s+(?:for|since|over)|"
                            # "des pâtes périmées depuis 2 mois": how old the goods were, not a wait
                            r"\bp[ée]rim[ée]e?s?\s+(?:depuis|de)|\bexpired\s+(?:for|since|by))\s*$")
#: Topics of things one waits for: only for these is "after 3 weeks" a wait ("still no refund after 3 weeks");
#: elsewhere it is how long the product lasted ("the sole came off after two weeks").
_AWAITED: Final = frozenset({"delivery", "returns_refunds", "customer_service", "billing", "account"})
_AFTER: Final = re.compile(r"(?i)\b(?:after|apr[eè]s)\s*$")


#: Words that make a duration a speed or a frequency, not a wait nor a failure's date: "refunded within 2
#: days" is praise (with a 👏 it read as sarcasm about a 2-day wait), "logs me out every 5 mins" no wait.
_QUICK: Final = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than|in\s+just|in\s+only|under|en\s+moins\s+d[e'’]?|"
                           r"en\s+seulement|en\s+[àa]\s+peine|en\s+tout\s+juste|every|each|tous\s+les|toutes\s+les|"
                           r"chaque|"
                           # "livré dans 3 jours": when, not how long ("en 9 jours" may be slow: kept)
                           r"dans|"
                           # "colis reçu en 24h", "remboursé en 2 jours", "delivered in 2 days": how fast it was done
                           # (up to three words between: "réglé mon problème en 10 minutes", "sorted it all out in")
                           r"(?:re[çc]u|livr[ée]|arriv[ée]|rembours[ée]|trait[ée]|r[ée]gl[ée]|r[ée]solu|r[ée]par[ée]|remplac[ée]|[ée]chang[ée]|"
                           r"exp[ée]di[ée]|r[ée]pondu)e?s?(?:\s+[\w’']+){0,3}\s+en|"
                           r"(?:delivered|arrived|received|refunded|shipped|fixed|solved|resolved|replaced|came|sorted|"
                           r"handled|answered|replied)(?:\s+[\w’']+){0,3}\s+in|"
                           # how soon it failed, not a wait: "drained my battery in 3 hours", "vide ma batterie en
                           # une matinée", "broke in 2 weeks"
                           r"(?:drained|died|broke|cracked|stopped\s+working|vid[ée]e?|d[ée]charg[ée]e?|cass[ée]e?|"
                           r"l[aâ]ch[ée]e?|vide|d[ée]charge)(?:\s+[\w’']+){0,3}\s+(?:in|en))\s*$")
#: The last word of every _QUICK match (only spaces follow it): what precedes a duration can match only when its last
#: word is one of _QUICK_LAST ("livré en", "in less than", "en moins d'") or ends with one of _QUICK_ENDS ("(within"),
#: a test much cheaper than the search, which tries its alternatives at every position. The same for _LASTED ("au
#: bout d'", "client depuis", "customer for") and _AFTER ("after", "l'après").
_QUICK_LAST: Final = frozenset({"than", "just", "only", "d", "de", "d'", "d’", "seulement", "peine", "juste", "les", "en",
                                "in", "under"})
_QUICK_ENDS: Final = ("within", "under", "every", "each", "chaque", "dans")
_LASTED_LAST: Final = frozenset({"d", "de", "d'", "d’", "depuis", "pendant", "for", "since", "over", "by"})
_AFTER_ENDS: Final = ("after", "apres", "après")
_NO_WORDS: Final[frozenset[str]] = frozenset()


def _may_end(before: str, words: frozenset[str], endings: tuple[str, ...]) -> bool:
    """Whether the last word of `before`, lowered, is one of `words` or ends with one of `endings` (or holds a letter
    of lexicon.odd_case, which only the case-blind search itself reads rightly)."""
    chunks = before.rsplit(None, 1)
    if not chunks:
        return False
    last = chunks[-1]
    if odd_case(last):
        return True
    last = last.lower()
    return last in words or last.endswith(endings)


def _quick(before: str) -> bool:
    """Whether `before`, the words before a duration, make it a speed or a frequency (_QUICK)."""
    return _may_end(before, _QUICK_LAST, _QUICK_ENDS) and _QUICK.search(before) is not None


#: SMS units spelled out before a draft echoes them, in the reply's language ("2 sem" -> "2 semaines", "3j" -> "3
#: jours", "2h" -> "2 heures" in French but "2 hours" in English).
_SHORT_UNITS: Final = {
    "fr": {"sem": ("semaine", "semaines"), "sems": ("semaine", "semaines"), "j": ("jour", "jours"),
           "h": ("heure", "heures"), "hr": ("heure", "heures"), "hrs": ("heure", "heures"),
           "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "mn": ("minute", "minutes")},
    "en": {"h": ("hour", "hours"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"), "d": ("day", "days"),
           "wk": ("week", "weeks"), "wks": ("week", "weeks"), "min": ("minute", "minutes"),
           "mins": ("minute", "minutes")},
}
#: One of a unit, as a reply says it ("une attente d'une heure", "waiting an hour").
_ONE: Final = {"semaine": "une semaine", "jour": "un jour", "heure": "une heure", "minute": "une minute",
               "hour": "an hour", "day": "a day", "week": "a week"}
_SHORT_DURATION: Final = re.compile(r"(?i)^(\d+)\s?([a-z]+)$")


def _spelled_out(duration: str, language: str) -> str:
    """A duration as a reply in `language` may echo it: SMS units spelled out, anything else as written."""
    match = _SHORT_DURATION.match(duration)
    units = _SHORT_UNITS.get(language, _SHORT_UNITS["fr"])
    if match is None or match.group(2).lower() not in units:
        return duration
    one, many = units[match.group(2).lower()]
    if match.group(1) == "1":   # "1h" -> "une heure" ("une attente d'une heure"), "1 hr" -> "an hour"
        return _ONE.get(one, f"1 {one}")
    return f"{match.group(1)} {many}"


def _is_wait(text: str, start: int, end: int, topics: list[str]) -> bool:
    """Whether the duration text[start:end] is how long the author has waited ("2 hours before departure",
    "au bout d'une semaine", "client depuis 10 ans" are not; "after 3 weeks" is only for an awaited topic)."""
    if _NOT_A_WAIT.match(text, end):
        return False
    prefix = _DURATION_PREFIX.match(text[start:end])   # the span may begin with "depuis", "for", "over"
    before = text[max(0, start - 30):start + (prefix.end() if prefix else 0)].rstrip()
    if _may_end(before, _LASTED_LAST, ()) and _LASTED.search(before):
        return False
    return not (_may_end(before, _NO_WORDS, _AFTER_ENDS) and _AFTER.search(before)) or not _AWAITED.isdisjoint(topics)


#: Hits that name a failure: without one (and no failed action), a complaint is an opinion.
_FAILURES: Final = frozenset({"problem", "vague_problem"})


def warm_up() -> None:
    """Load everything analyze reads once (language models, the lexicon of each language and of both),
    so that no comment pays for it: otherwise the first French and the first English comment do."""
    detector()
    lexicon_words()
    for code in (*SUPPORTED_LANGUAGES, "und"):
        lexicon(_lexicon_languages(code))


def _lexicon_languages(code: str) -> tuple[str, ...]:
    return (code,) if code in SUPPORTED_LANGUAGES else ("fr", "en")


def _cues(text: str, tokens: list[Token], hits: list[Hit], situation: Situation,
          reading: SentimentReading) -> list[dict[str, Any]]:
    """The spans that made the labels, each once (start, end, signal), in that order."""
    found: set[tuple[int, int, str]] = set()   # made into dicts only once, sorted and without repeats
    for c in reading.contributions:
        hit = c.hit
        if hit.family == "sentiment" and abs(c.valence) > 0:
            found.add((tokens[hit.first].start, tokens[hit.last].end,
                       "sentiment:positive" if c.valence > 0 else "sentiment:negative"))
        negated_by = c.negated_by
        if negated_by is not None:
            found.add((tokens[negated_by].start, tokens[negated_by].end, "negation"))
    # sarcasm, topic and severity hits, in one pass (the order cues are found in does not matter:
    # they are sorted below)
    sarcasm, topics, severities = reading.sarcasm, situation.topics, situation.severities
    for hit in hits:
        family = hit.family
        if family == "sarcasm":
            if sarcasm:
                found.add((tokens[hit.first].start, tokens[hit.last].end, "sarcasm"))
        elif family.startswith("topic:"):
            if family[6:] in topics:
                found.add((tokens[hit.first].start, tokens[hit.last].end, family))
        elif family.startswith("severity:") and family[9:] in severities:
            found.add((tokens[hit.first].start, tokens[hit.last].end, "priority:" + family[9:]))
    for name, reasons in situation.reasons.items():
        if not reasons:
            continue   # (most flags hold no hit)
        signal = name if name.startswith("category:") else "flag:" + name
        for hit in reasons:
            found.add((tokens[hit.first].start, tokens[hit.last].end, signal))
    for hit in reading.mocked:   # laughter at the brand ("mdr vos délais 😂")
        found.add((tokens[hit.first].start, tokens[hit.last].end, "sarcasm"))
    for start, end in situation.durations:
        found.add((start, end, "duration"))
    for url in situation.urls:
        found.add((url.start, url.end, "link"))
    return [{"text": text[start:end], "start": start, "end": end, "signal": signal}
            for start, end, signal in sorted(found)]


def analyze(comment: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Classify one comment and draft the playbook's answer (see docs/contract.md for the shape)."""
    options = options or {}
    text = comment.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("comment text is empty")
    tokens = tokenize(text)
    hint = comment.get("language") if isinstance(comment.get("language"), str) else None
    code, confidence = detect(text, tokens, hint)
    lex = lexicon(_lexicon_languages(code))
    hits = meant(tokens, lex.match(tokens))
    named = _brand_name_tokens(comment, tokens)
    if named:   # "Super U", "Bonne Maman", "Best Buy": the brand's name says nothing of how the author feels
        hits = [h for h in hits if h.family not in _FEELING or not named.issuperset(range(h.first, h.last + 1))]
    negations = {i for h in hits if h.family == "negation" for i in range(h.first, h.last + 1)}
    failed = negated_fail_verbs(tokens, hits, negations, french=code != "en")
    lowered = text.lower()
    spans = [(start, end) for start, end in durations(text, lowered) if not _quick(text[max(0, start - 25):start])]
    late = late_by_day_count(text, spans, lowered)
    reading = score(tokens, hits, french=code != "en",
                    failure_present=bool(failed) or any(h.family == "problem" for h in hits),
                    duration_present=bool(spans), failed=failed, text=text, late=late, lowered=lowered)
    hits = hits + quoted_claim(text, tokens, hits, reading)
    situation = classify(comment, text, tokens, hits, reading, [h for h, _ in failed], lex.match,
                         spans, late)
    level, codes = prioritise(situation, reading, hits)
    brand = given if isinstance(given := comment.get("brand"), dict) else {}
    default = brand.get("default_language") or options.get("default_language", "fr")
    # the language of the drafts, of the playbook's steps and of the priority's reasons
    reply_language = code if code in SUPPORTED_LANGUAGES else (default if default in SUPPORTED_LANGUAGES else "fr")
    labels: dict[str, Any] = {
        "language": {"code": code, "confidence": confidence},
        "sentiment": {"label": reading.label, "score": reading.score},
        "category": situation.category,
        "topics": situation.topics,
        "flags": situation.flags,
        "priority": {"level": level, "reasons": reason_texts(codes, reply_language), "codes": codes},
        "cues": _cues(text, tokens, hits, situation, reading),
    }
    decided_by = {"sentiment": "rules", "category": "rules"}
    model_path = options.get("model_path")
    if model_path:
        from worker.analysis import learned   # scikit-learn only when a model is configured

        decided_by = learned.blend(learned.load(str(model_path)), text, labels)
    normalised = playbook_view(labels)   # read once by the playbook and the drafts
    steps = plan_steps(normalised, reply_language)
    context: dict[str, Any] = {}
    waits = [(start, end) for start, end in spans if _is_wait(text, start, end, situation.topics)]
    # how long the author has waited, or None: the drafts then look for no duration of their own
    context["duration"] = _spelled_out(_DURATION_PREFIX.sub("", text[waits[0][0]:waits[0][1]]).strip(),
                                       reply_language) \
        if waits else None
    # no failure named at all ("bof, pas ouf le nouveau goût"): an opinion, heard by the product team
    context["opinion"] = not failed and not any(h.family in _FAILURES for h in hits)
    helpers = _helpers(comment, tokens)
    if helpers:
        context["helper"] = helpers[0]
    replies, warnings = draft_replies(comment, normalised, steps, reply_language, context)
    if reply_language != code:
        warnings.append(f"replies_in_{reply_language}: no reply texts for language '{code}'")
    return {**labels, "steps": steps, "replies": replies, "warnings": warnings, "decided_by": decided_by,
            "engine": {"version": ENGINE_VERSION}}


#: Hit families that tell how the author feels (and how strongly): a word of the brand's own name is none of them.
_FEELING: Final = frozenset({"sentiment", "booster", "dampener", "reducer", "sarcasm", "insult", "profanity",
                             "thanks"})


def _brand_name_tokens(comment: dict[str, Any], tokens: list[Token]) -> set[int]:
    """The indices of the tokens that spell the brand profile's name of two words or more ("Bonne Maman",
    "Best Buy", "Nature & Découvertes"), in any case and accents, wherever the comment names it. A one-word name
    ("Orange", "Free") is as often the word itself: it is left to the lexicon."""
    brand = comment.get("brand")
    name = brand.get("name") if isinstance(brand, dict) else None
    if not isinstance(name, str) or " " not in name.strip():
        return set()
    words = [t.folded for t in tokenize(name) if t.kind == "word"]
    if len(words) < 2:
        return set()
    positions = [i for i, t in enumerate(tokens) if t.kind == "word"]
    found: set[int] = set()
    first = words[0]
    for k in range(len(positions) - len(words) + 1):
        if tokens[positions[k]].folded != first:
            continue
        run = positions[k:k + len(words)]
        if all(tokens[i].folded == w for i, w in zip(run, words)):
            found.update(range(run[0], run[-1] + 1))
    return found


def _helpers(comment: dict[str, Any], tokens: list[Token]) -> list[str]:
    """Who helped: a non-brand thread participant, or the @handle the author thanks."""
    names: list[str] = []
    author = comment.get("author") if isinstance(comment.get("author"), dict) else {}
    thread = given if isinstance(given := comment.get("thread"), list) else []
    for message in thread:
        if isinstance(message, dict) and not message.get("is_brand"):
            who = message.get("author") if isinstance(message.get("author"), dict) else {}
            if who and who != author:
                name = who.get("name") or who.get("handle")
                if isinstance(name, str):
                    names.append(name)
    if not names:
        names = [t.text for t in tokens if t.kind == "handle"]
    return names

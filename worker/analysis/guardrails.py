"""Checks run on every reply draft before it is offered; a draft that fails is rebuilt (see replies.py).

`check_draft` returns problem codes (an empty list means the draft passes):

- ``placeholder_or_template_syntax``: ``{...}``, ``{{``, ``%s``, ``${``, ``<tag>``… left in the text
  (ignored when it is part of the author's own name, which is data);
- ``echoes_link`` / ``echoes_foreign_handle`` / ``echoes_insult``: the draft carries a URL, an @handle
  other than the author's, or an insult (our fixed sentences never do, so it came from the comment);
- ``defensive_phrasing``: blaming or argumentative phrases ("vous auriez dû", "calm down"…);
- ``over_channel_limit``: a public draft longer than the channel allows;
- ``asks_personal_data_in_public``: a public sentence asks for an order number, address, card, phone,
  e-mail… without sending the person to a private channel;
- ``not_in_target_language``: cheap function-word ratio check;
- ``control_characters``: newlines or invisible control characters in the text.

The vocabularies are data (data/texts/guardrails.json), loaded once per process.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from worker.analysis.models import CHANNEL_LIMITS
from worker.analysis.steps import field

#: CHANNEL_LIMITS (worker.analysis.models) gives each channel's public reply limit, in characters counted
#: as Python ``len`` (code points). X/Twitter counts some characters (CJK, emoji) as two and every URL as
#: 23; our drafts are Latin text without links, so ``len`` matches what X counts for them.
#: Private follow-ups go by direct message; 10,000 characters is the smallest DM limit we meet (X).
PRIVATE_LIMIT = 10000

__all__ = ["CHANNEL_LIMITS", "PRIVATE_LIMIT", "author_of", "check_draft", "check_text", "insults_in",
           "is_echo_safe", "limit_for"]

DATA = Path(__file__).parent / "data" / "texts" / "guardrails.json"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\{\{|\}\}|%\(?\w*\)?[sdrif]\b|%[sd]|\$\{|\$\w+\b|<\s*/?\s*[a-zA-Z][^>]*>|"
                          r"\[\[|\]\]|\{%|%\}|__\w+__")
_LINK = re.compile(r"(?i)https?:|www\.|\b[\w-]+\.(com|fr|net|org|io|ly|co|be|ch|ca|uk|de|me|gl|gg|tv|app)\b")
_HANDLE = re.compile(r"(?<![\w.])@(\w+)")
#: The end of a sentence: its closing mark, then the spaces after it (the split happens in the spaces).
_SENTENCE_END = re.compile(r"[.!?…]\s+")
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def limit_for(channel: str | None, kind: str = "public") -> int:
    """The length limit a draft of this kind must meet on this channel."""
    if kind == "private":
        return PRIVATE_LIMIT
    return CHANNEL_LIMITS.get(channel or "other", CHANNEL_LIMITS["other"])


_FOLD = str.maketrans({**{a: b for a, b in zip("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")},
                       "’": "'", "œ": "oe", "æ": "ae", "\u202f": " ", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form the vocabularies are written in."""
    lowered = text.lower().translate(_FOLD)
    if lowered.isascii():   # the common case: French and English after the table above
        return lowered
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))


def _phrases(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(fold(w)) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        "defensive": {lang: _phrases(words) for lang, words in raw["defensive"].items()},
        "insults": _phrases([w for words in raw["insults"].values() for w in words]),
        "personal": {lang: _phrases(words) for lang, words in raw["personal_data"].items()},
        "private": {lang: _phrases(words) for lang, words in raw["private_channel"].items()},
        "function": {lang: frozenset(words) for lang, words in raw["function_words"].items()},
    }


def insults_in(text: str) -> bool:
    """Whether the text carries an insult or a vulgar word (fr or en)."""
    return bool(_vocabulary()["insults"].search(fold(text)))


def is_echo_safe(text: str, author_handle: str | None = None) -> bool:
    """Whether a piece of the comment (a name, a duration) may be repeated in a reply."""
    if _LINK.search(text) or insults_in(text) or _PLACEHOLDER.search(text) or _CONTROL.search(text):
        return False
    own = (author_handle or "").lstrip("@").lower()
    return all(h.lower() == own for h in _HANDLE.findall(text))


#: Stands for a brand-owned private channel (e-mail, phone, form URL) while a draft is checked.
_PRIVATE_MARK = " privatechannelmark "


_ORDER = ("placeholder_or_template_syntax", "echoes_link", "echoes_foreign_handle", "echoes_insult",
          "defensive_phrasing", "over_channel_limit", "asks_personal_data_in_public", "control_characters",
          "not_in_target_language")


@lru_cache(maxsize=8192)
def _sentence_problems(sentence: str, language: str, public: bool) -> tuple[frozenset[str], tuple[str, ...]]:
    """What one sentence of a draft carries: its problems, and the @handles in it (lower case).

    Drafts are made of a few hundred fixed sentences plus names, so the answer is kept per sentence:
    a draft is checked in full every time, but each distinct sentence is only read once.
    """
    vocab = _vocabulary()
    problems: set[str] = set()
    if _LINK.search(sentence):
        problems.add("echoes_link")
    folded = fold(sentence)
    if vocab["insults"].search(folded):
        problems.add("echoes_insult")
    defensive = vocab["defensive"].get(language)
    if defensive is not None and defensive.search(folded):
        problems.add("defensive_phrasing")
    if public:
        personal = vocab["personal"].get(language) or vocab["personal"]["en"]
        private = vocab["private"].get(language) or vocab["private"]["en"]
        if personal.search(folded) and not private.search(folded) and _PRIVATE_MARK not in folded:
            problems.add("asks_personal_data_in_public")
    return frozenset(problems), tuple(h.lower() for h in _HANDLE.findall(sentence))


@lru_cache(maxsize=8192)
def _sentence_words(scrubbed: str) -> tuple[bool, int, tuple[tuple[str, int], ...]]:
    """Of one sentence without the author's name: template syntax or not, its word count, and how many
    of its words are function words of each language."""
    vocab = _vocabulary()
    words = [w for w in _WORD.findall(fold(scrubbed)) if w != _PRIVATE_MARK.strip()]
    counts = tuple((lang, sum(1 for w in words if w in ws)) for lang, ws in vocab["function"].items())
    return bool(_PLACEHOLDER.search(scrubbed)), len(words), counts


def _split_sentences(text: str) -> list[str]:
    """The sentences of a text: split in the spaces that follow . ! ? or … (the mark stays)."""
    pieces = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append(text[start:end.start() + 1])
        start = end.end()
    pieces.append(text[start:])
    return pieces


#: Function-word counts are packed in one integer per sentence (a field of _COUNT_BITS bits per language,
#: in the order of the vocabulary's languages), so that a draft's totals are a plain sum.
_COUNT_BITS = 20


@lru_cache(maxsize=16384)
def _sentence_check(sentence: str, language: str, public: bool, name: str) -> tuple[
        frozenset[str], tuple[str, ...], int, int]:
    """Everything check_draft needs of one sentence, kept per sentence (and per author name only for
    the sentence that carries the name): its problems (template syntax included, read with the name
    left out), its @handles, its word count and its function words per language (packed, see
    _COUNT_BITS)."""
    problems, handles = _sentence_problems(sentence, language, public)
    placeholder, n, per_language = _sentence_words(sentence.replace(name, " ") if name else sentence)
    if placeholder:
        problems = problems | {"placeholder_or_template_syntax"}
    packed = 0
    for i, (_, count) in enumerate(per_language):
        packed |= count << (_COUNT_BITS * i)
    return problems, handles, n, packed


@lru_cache(maxsize=1)
def _languages() -> tuple[str, ...]:
    """The languages of the function-word lists, in the order _COUNT_BITS packs them."""
    return tuple(_vocabulary()["function"])


def check_draft(text: str, *, language: str, channel: str | None, comment: dict[str, Any], kind: str,
                allowed: tuple[str, ...] = ()) -> list[str]:
    """Problems found in a draft; an empty list means it passes.

    `allowed` lists brand-owned strings the draft may carry (the private channel's e-mail address,
    phone number or form URL from the brand profile): they are not links echoed from the comment, and
    a sentence that names one sends the person to a private channel.
    """
    return check_text(text, language=language, channel=channel, kind=kind, allowed=allowed,
                      author=author_of(comment))


def author_of(comment: dict[str, Any]) -> tuple[str, str]:
    """(the author's name, their handle without '@' in lower case) as check_draft reads them."""
    author: dict[str, Any] = field(comment, "author", dict, {})
    return field(author, "name", str, ""), field(author, "handle", str, "").lstrip("@").lower()


def check_text(text: str, *, language: str, channel: str | None, kind: str, allowed: tuple[str, ...],
               author: tuple[str, str]) -> list[str]:
    """check_draft with the comment's author already read (see author_of): drafting checks several
    drafts of the same comment."""
    name, own = author
    length = len(text)
    for value in allowed:
        text = text.replace(value, _PRIVATE_MARK) if value else text
    public = kind == "public"
    found: set[str] = set()
    words = 0
    packed = 0
    for sentence in _split_sentences(text):
        problems, handles, n, counts_of = _sentence_check(
            sentence, language, public, name if name and name in sentence else "")
        if problems:
            found |= problems
        if handles and any(h != own for h in handles):
            found.add("echoes_foreign_handle")
        words += n
        packed += counts_of
    if length > limit_for(channel, kind):
        found.add("over_channel_limit")
    if _CONTROL.search(text):
        found.add("control_characters")
    languages = _languages()
    if words >= 6 and language in languages:
        mask = (1 << _COUNT_BITS) - 1
        counts = [(packed >> (_COUNT_BITS * i)) & mask for i in range(len(languages))]
        mine = counts[languages.index(language)]
        other = max((count for lang, count in zip(languages, counts) if lang != language), default=0)
        if mine == 0 or other > mine:
            found.add("not_in_target_language")
    if not found:
        return []
    return [problem for problem in _ORDER if problem in found]

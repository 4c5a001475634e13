"""Checks run on every reply draft before it is offered; a draft that fails is rebuilt (see replies.py).

`check_draft` returns problem codes (an empty list means the draft passes):

- ``placeholder_or_template_syntax``: ``{...}``, ``{{``, ``%s``, ``${``, ``<tag>``… left in the text
  (ignored when it is part of the author's own name, which is data);
- ``echoes_link`` / ``echoes_foreign_handle`` / ``echoes_insult``: the draft carries a URL, an @handle
  other than the author's, or an insult (our fixed sentences never do, so it came from the comment);
- ``defensive_phrasing``: blaming or argumentative phrases ("vous auriez dû", "calm down"…);
- ``asserts_compensation``: compensation asserted as owed or promised ("the compensation you're owed",
  "l’indemnisation à laquelle vous avez droit", "vous serez indemnisé"): a draft never states what the brand did
  not (a journey grounded by a strike or the weather owes none; the brand's own catalogue of solutions, inserted
  as it is, is the only place an offer comes from);
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
from typing import Any, Callable, Final, NamedTuple

import ahocorasick

from worker.analysis.models import CHANNEL_LIMITS
from worker.analysis.steps import field

#: CHANNEL_LIMITS (worker.analysis.models) gives each channel's public reply limit, in characters counted
#: as Python ``len`` (code points). X/Twitter counts some characters (CJK, emoji) as two and every URL as
#: 23; our drafts are Latin text without links, so ``len`` matches what X counts for them.
#: Private follow-ups go by direct message; 10,000 characters is the smallest DM limit we meet (X).
PRIVATE_LIMIT: Final = 10000

__all__ = ["CHANNEL_LIMITS", "PRIVATE_LIMIT", "author_of", "check_draft", "check_text", "insults_in",
           "is_echo_safe", "known_part", "limit_for"]

DATA = Path(__file__).parent / "data" / "texts" / "guardrails.json"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\{\{|\}\}|%\(?\w*\)?[sdrif]\b|%[sd]|\$\{|\$\w+\b|<\s*/?\s*[a-zA-Z][^>]*>|"
                          r"\[\[|\]\]|\{%|%\}|__\w+__")
_LINK: Final = re.compile(r"(?i)https?:|www\.|\b[\w-]+\.(com|fr|net|org|io|ly|co|be|ch|ca|uk|de|me|gl|gg|tv|app)\b")
_HANDLE: Final = re.compile(r"(?<![\w.])@(\w+)")
#: The end of a sentence: its closing mark, then the spaces after it (the split happens in the spaces).
_SENTENCE_END: Final = re.compile(r"[.!?…]\s+")
#: The sentence ends of a printable text without two spaces in a row (see known_part).
_MARKS_SPACED: Final = (". ", "! ", "? ", "… ")
_WORD: Final = re.compile(r"[^\W\d_]+")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def limit_for(channel: str | None, kind: str = "public") -> int:
    """The length limit a draft of this kind must meet on this channel."""
    if kind == "private":
        return PRIVATE_LIMIT
    return CHANNEL_LIMITS.get(channel or "other", CHANNEL_LIMITS["other"])


_FOLD = str.maketrans({**{a: b for a, b in zip("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")},
                       "’": "'", "œ": "oe", "æ": "ae", "\u202f": " ", "\u00a0": " "})
#: _FOLD as (character, replacement): no character is ASCII, and no replacement holds one of them.
_FOLD_CHARS: Final = {chr(code): value for code, value in _FOLD.items()}


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form the vocabularies are written in."""
    lowered = text.lower()
    if lowered.isascii():   # _FOLD changes no ASCII character
        return lowered
    # lowered.translate(_FOLD), made by replacing only the characters present (translate looks up every
    # character of a non-ASCII text in the table, which is several times slower)
    for ch in _FOLD_CHARS.keys() & set(lowered):
        lowered = lowered.replace(ch, _FOLD_CHARS[ch])
    if lowered.isascii():   # the common case: French and English after the table above
        return lowered
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))


def _phrase_finder(vocabularies: dict[str, list[str]]) -> Any:
    """One Aho-Corasick automaton for the (folded) phrases of every vocabulary: each phrase is stored
    with its length and the names of the vocabularies that hold it (see _found_in)."""
    names: dict[str, set[str]] = {}
    for name, words in vocabularies.items():
        for word in words:
            folded = fold(word)
            if not folded:
                raise ValueError(f"{DATA.name}: an empty phrase in {name}")
            names.setdefault(folded, set()).add(name)
    automaton = ahocorasick.Automaton()
    for phrase, holders in names.items():
        automaton.add_word(phrase, (len(phrase), frozenset(holders)))
    automaton.make_automaton()
    return automaton


def _is_word(ch: str) -> bool:
    """Whether a character is one of the regular expressions' \\w (letters, digits, "_")."""
    return ch.isalnum() or ch == "_"


def _found_in(folded: str) -> set[str]:
    """The vocabularies (see _vocabulary) with a phrase in a folded text, as whole words: where a phrase
    is neither preceded nor followed by a letter, a digit or "_" (what `(?<!\\w)phrase(?!\\w)` finds).

    One pass over the text finds every occurrence of every phrase, overlapping ones included, for all
    the vocabularies at once: several times faster than a regular expression per vocabulary.
    """
    found: set[str] = set()
    last = len(folded) - 1
    for end, (size, holders) in _vocabulary()["phrases"].iter(folded):
        start = end - size + 1
        if (start == 0 or not _is_word(folded[start - 1])) and (end == last or not _is_word(folded[end + 1])):
            found |= holders
    return found


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    vocabularies = {"insults": [w for words in raw["insults"].values() for w in words]}
    for kind, key in (("defensive", "defensive"), ("personal", "personal_data"), ("private", "private_channel"),
                      ("compensation", "compensation_claims")):
        vocabularies.update({f"{kind}:{lang}": words for lang, words in raw[key].items()})
    return {
        "phrases": _phrase_finder(vocabularies),
        # the languages with a list of their own (the others are read with English lists, no defensive one)
        "personal": frozenset(raw["personal_data"]),
        "private": frozenset(raw["private_channel"]),
        "function": {lang: frozenset(words) for lang, words in raw["function_words"].items()},
    }


def insults_in(text: str) -> bool:
    """Whether the text carries an insult or a vulgar word (fr or en)."""
    return "insults" in _found_in(fold(text))


def is_echo_safe(text: str, author_handle: str | None = None) -> bool:
    """Whether a piece of the comment (a name, a duration) may be repeated in a reply."""
    if _LINK.search(text) or insults_in(text) or _PLACEHOLDER.search(text) or _CONTROL.search(text):
        return False
    own = (author_handle or "").lstrip("@").lower()
    return all(h.lower() == own for h in _HANDLE.findall(text))


def _has_link(sentence: str) -> bool:
    """Whether _LINK finds a link in a sentence, without the search where it cannot: each of its matches
    holds a ":", or a "." followed by a domain or ending "www.". A sentence's closing "." alone is none,
    and most sentences have no other."""
    dot = sentence.find(".")
    if ":" not in sentence and (dot < 0 or dot == len(sentence) - 1 and sentence[-4:-1].lower() != "www"):
        return False
    return _LINK.search(sentence) is not None


#: Stands for a brand-owned private channel (e-mail, phone, form URL) while a draft is checked.
_PRIVATE_MARK: Final = " privatechannelmark "


_ORDER = ("placeholder_or_template_syntax", "echoes_link", "echoes_foreign_handle", "echoes_insult",
          "defensive_phrasing", "asserts_compensation", "over_channel_limit", "asks_personal_data_in_public", "control_characters",
          "not_in_target_language")


@lru_cache(maxsize=8192)
def _sentence_problems(sentence: str, language: str, public: bool) -> tuple[frozenset[str], tuple[str, ...]]:
    """What one sentence of a draft carries: its problems, and the @handles in it (lower case).

    Drafts are made of a few hundred fixed sentences plus names, so the answer is kept per sentence:
    a draft is checked in full every time, but each distinct sentence is only read once.
    """
    vocab = _vocabulary()
    problems: set[str] = set()
    if _has_link(sentence):
        problems.add("echoes_link")
    folded = fold(sentence)
    found = _found_in(folded)
    if "insults" in found:
        problems.add("echoes_insult")
    if f"defensive:{language}" in found:
        problems.add("defensive_phrasing")
    if f"compensation:{language}" in found:
        problems.add("asserts_compensation")
    if public:
        personal = "personal:" + (language if language in vocab["personal"] else "en")
        private = "private:" + (language if language in vocab["private"] else "en")
        if personal in found and private not in found and _PRIVATE_MARK not in folded:
            problems.add("asks_personal_data_in_public")
    return frozenset(problems), tuple(h.lower() for h in _HANDLE.findall(sentence)) if "@" in sentence else ()


@lru_cache(maxsize=8192)
def _sentence_words(scrubbed: str) -> tuple[bool, int, tuple[tuple[str, int], ...]]:
    """Of one sentence without the author's name: template syntax or not, its word count, and how many
    of its words are function words of each language."""
    vocab = _vocabulary()
    words = [w for w in _WORD.findall(fold(scrubbed)) if w != _PRIVATE_MARK.strip()]
    counts = tuple((lang, sum(1 for w in words if w in ws)) for lang, ws in vocab["function"].items())
    return bool(_PLACEHOLDER.search(scrubbed)), len(words), counts


def _split_sentences(text: str, printable: bool | None = None) -> list[str]:
    """The sentences of a text: split in the spaces that follow . ! ? or … (the mark stays).

    `printable` may give text.isprintable(), already known. A printable text has no space but " "
    (every other white space is a control, format or separator character): when it never has two in
    a row, a sentence ends exactly where a mark is followed by " ", and plain replacing finds those
    (a printable text has no NUL either) far faster than the regular expression.
    """
    if (text.isprintable() if printable is None else printable) and "  " not in text:
        return text.replace(". ", ".\0").replace("! ", "!\0").replace("? ", "?\0").replace("… ", "…\0").split("\0")
    pieces = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append(text[start:end.start() + 1])
        start = end.end()
    pieces.append(text[start:])
    return pieces


#: Function-word counts are packed in one integer per sentence (a field of _COUNT_BITS bits per language,
#: in the order of the vocabulary's languages), so that a draft's totals are a plain sum.
_COUNT_BITS: Final = 20


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


_COUNT_MASK = (1 << _COUNT_BITS) - 1
_OTHER_LIMIT: Final = CHANNEL_LIMITS["other"]


@lru_cache(maxsize=None)
def _count_fields(language: str) -> tuple[int, tuple[int, ...]] | None:
    """Where a language's function-word count sits in the packed counts, and where the other
    languages' counts sit (None: a language without a list)."""
    languages = _languages()
    if language not in languages:
        return None
    return (_COUNT_BITS * languages.index(language),
            tuple(_COUNT_BITS * i for i, lang in enumerate(languages) if lang != language))


class KnownPart(NamedTuple):
    """The inner sentences of a part of a draft (its body: fixed sentences and slot values), read once.

    `middle` runs from the mark that ends the part's first sentence to the spaces after the mark that
    ends its next-to-last sentence, and starts `offset` characters into the part; the fields after it
    are what check_text gathers of the sentences in between (read with no author name: valid only
    where the name is not in `middle`) and whether `middle` has a control character.
    """
    middle: str
    offset: int
    language: str
    public: bool
    problems: frozenset[str]
    handles: frozenset[str]
    words: int
    packed: int
    control: bool


def known_part(part: str, *, language: str, kind: str, allowed: tuple[str, ...] = ()) -> KnownPart | None:
    """What check_text would read of the inner sentences of `part` (None: fewer than three sentences).

    A text that contains `middle` followed by anything but a space splits into sentences the same way
    whatever comes before and after it: the sentence end `middle` starts with is one in the text too
    (a mark is no space, so no sentence end before it can run over it), and the one it ends with
    stops where it does. So check_text, given this, reads only the sentences around `middle`, and
    finds exactly what reading them all finds (see check_text).
    """
    for value in allowed:
        part = part.replace(value, _PRIVATE_MARK) if value else part
    if part.isprintable() and "  " not in part:
        # its only space is " ", never two in a row: a sentence ends at each mark followed by " ", which plain
        # finds locate (see _split_sentences), the first and the last without reading every one
        first = last = -1
        for mark in _MARKS_SPACED:
            at = part.find(mark)
            if at >= 0:
                if first < 0 or at < first:
                    first = at
                at = part.rfind(mark)
                if at > last:
                    last = at
        if first == last:   # none, or only one
            return None
        start = first
        middle = part[first:last + 2]
    else:
        ends = list(_SENTENCE_END.finditer(part))
        if len(ends) < 2:
            return None
        start = ends[0].start()
        middle = part[start:ends[-1].end()]
    public = kind == "public"
    problems: set[str] = set()
    handles: set[str] = set()
    words = packed = 0
    for sentence in _split_sentences(middle)[1:-1]:
        found, named, n, counts_of = _sentence_check(sentence, language, public, "")
        problems |= found
        handles.update(named)
        words += n
        packed += counts_of
    return KnownPart(middle, start, language, public, frozenset(problems), frozenset(handles), words,
                     packed, _CONTROL.search(middle) is not None)


_SPACE = re.compile(r"\s")


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
               author: tuple[str, str], known: KnownPart | None = None, where: int | None = None,
               known_of: Callable[[], KnownPart | None] | None = None) -> list[str]:
    """check_draft with the comment's author already read (see author_of): drafting checks several
    drafts of the same comment.

    `known` may give known_part of a part of the text (its body, without the greeting and sign-off):
    its inner sentences are then not read again, when the text holds its `middle` followed by no
    space and the author's name is not in it (else the whole text is read). The answer is the same.
    `where` may say where the part starts in the text (its `middle` is looked for there first). `known_of` may
    give `known` instead, called only when the text is not one checked already.
    """
    name, own = author
    length = len(text)
    limit = PRIVATE_LIMIT if kind == "private" else CHANNEL_LIMITS.get(channel or "other", _OTHER_LIMIT)
    original = text
    for value in allowed:
        text = text.replace(value, _PRIVATE_MARK) if value else text
    # The answer depends on the author's name only where the text holds it, and on their handle only
    # where the text holds an @handle (see below): the key leaves them out elsewhere.
    key = (original, language, limit, kind, allowed, name if name and name in text else "",
           own if "@" in text else "")
    answer = _CHECKED.get(key)
    if answer is None:
        if known is None and known_of is not None:
            known = known_of()
        answer = _check(text, language, kind, key[5], key[6], length, limit, known, where)
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        _CHECKED[key] = answer
    return list(answer)


#: check_text's answers, by all they depend on: drafts are fixed sentences around a few names and
#: pieces of the comment, so the same draft often comes back, and is then not read again. Emptied
#: when full (a few MB at most).
_CHECKED: Final[dict[tuple[str, str, int, str, tuple[str, ...], str, str], tuple[str, ...]]] = {}
_CHECKED_MAX: Final = 8192


def _check(text: str, language: str, kind: str, name: str, own: str, length: int, limit: int,
           known: KnownPart | None, where: int | None) -> tuple[str, ...]:
    """check_text's reading of a draft (the brand's allowed strings already replaced)."""
    public = kind == "public"
    found: set[str] = set()
    sentences = None
    if known is not None and known.language == language and known.public == public \
            and not (name and name in known.middle):
        middle = known.middle
        at = where + known.offset if where is not None else -1
        if at < 0 or not text.startswith(middle, at):
            at = text.find(middle)
        end = at + len(middle)
        if at >= 0 and not _SPACE.match(text, end):
            head, tail = text[:at + 1], text[end:]
            printable_head, printable_tail = head.isprintable(), tail.isprintable()
            sentences = _split_sentences(head, printable_head) + _split_sentences(tail, printable_tail)
            if known.problems:
                found |= known.problems
            if known.handles and any(h != own for h in known.handles):
                found.add("echoes_foreign_handle")
            words, packed = known.words, known.packed
            if known.control or not printable_head and _CONTROL.search(head) \
                    or not printable_tail and _CONTROL.search(tail):   # see _split_sentences
                found.add("control_characters")
    if sentences is None:
        words = packed = 0
        printable = text.isprintable()
        sentences = _split_sentences(text, printable)
        if not printable and _CONTROL.search(text):   # every character _CONTROL finds is unprintable (and
            # isprintable is far faster than the search)
            found.add("control_characters")
    for sentence in sentences:
        problems, handles, n, counts_of = _sentence_check(
            sentence, language, public, name if name and name in sentence else "")
        if problems:
            found |= problems
        if handles and any(h != own for h in handles):
            found.add("echoes_foreign_handle")
        words += n
        packed += counts_of
    if length > limit:
        found.add("over_channel_limit")
    if words >= 6:
        fields = _count_fields(language)
        if fields is not None:
            mine = (packed >> fields[0]) & _COUNT_MASK
            other = 0
            for shift in fields[1]:
                count = (packed >> shift) & _COUNT_MASK
                if count > other:
                    other = count
            if mine == 0 or other > mine:
                found.add("not_in_target_language")
    if not found:
        return ()
    return tuple(problem for problem in _ORDER if problem in found)

"""Normalisation: tokens with offsets into the ORIGINAL text, and the folded forms lexicons match on.

The text itself is never rewritten, so every cue's span satisfies `text[start:end] == cue["text"]`.
Instead each token carries:
- `folded`: lower-cased, accent-free, NFC/NFD-insensitive ("reçu" -> "recu", "De\u0301ja\u0300" ->
  "deja"), which is also the form of French SMS spelling ("tjr", "deja", "recu");
- `stretched`: the word had a run of 3+ identical letters ("nuuuul"); the lexicon also tries the
  squashed forms ("nuul", "nul");
- emojis (one token per emoji, skin tones and ZWJ sequences included) and emoticons (":)", ":-(",
  "<3") as their own kinds; their meaning is in the shared table data/common.tsv.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import emoji

# letters, with combining accents kept inside the word (decomposed input), hyphenated compounds
_LETTERS: Final = r"(?:[^\W\d_][\u0300-\u036f]*)+"
_WORD: Final = rf"{_LETTERS}(?:-{_LETTERS})*"
TOKEN_RE: Final = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|fr|net|org|ly|io|be|ca|co|tk|me|us|info|biz|tv|gl|gd|xyz|uk|de)(?:/\S*)?)"
    r"|(?P<handle>@\w+)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<emoticon>(?<!\w)(?:>?[:;=]['’]?-?[()DPp/\\|*\[\]]+|<3|\^\^|xD|XD)(?!\w))"
    r"|(?P<number>\d+(?:[.,]\d+)?(?:\s?(?:€|\$|%|h|min|mn|km|kg))?)"
    rf"|(?P<word>{_WORD})"
    r"|(?P<punct>[!?]+)"
    r"|(?P<other>[^\s\w])",
    re.UNICODE,
)
_ELONGATION: Final = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)
_REPEATED_TAIL: Final = re.compile(r"(.)\1+$")


class Token:
    """One token. A class of its own rather than a NamedTuple: compiled by mypyc, making one is a direct
    call (a NamedTuple goes through tuple.__new__, about five times the work) and reading a field is a
    load; tokenising a comment makes many, and every rule reads them. Compared and hashed by value."""

    __slots__ = ("text", "start", "end", "kind", "folded", "stretched")

    def __init__(self, text: str, start: int, end: int, kind: str, folded: str, stretched: bool = False) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind          # word, number, url, handle, hashtag, emoticon, emoji, punct, other
        self.folded = folded      # what lexicons match on
        self.stretched = stretched

    @property
    def is_caps(self) -> bool:
        return self.kind == "word" and len(self.text) >= 3 and self.text.isupper()

    def _fields(self) -> tuple[str, int, int, str, str, bool]:
        return self.text, self.start, self.end, self.kind, self.folded, self.stretched

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return self is other or self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Token(text={self.text!r}, start={self.start!r}, end={self.end!r}, kind={self.kind!r}, "
                f"folded={self.folded!r}, stretched={self.stretched!r})")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case and strip accents: the form French SMS style and typos share with the lexicon."""
    lowered = word.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squash(word: str, keep: int) -> str:
    return _ELONGATION.sub(lambda m: m.group(1) * keep, word)


#: _word's answers, emptied when full (a dict: compiled code reads it several times faster than it
#: goes through lru_cache, and tokenize asks for every word).
_WORDS: Final[dict[str, tuple[str, bool]]] = {}
_WORDS_MAX: Final = 65536


def _word(value: str) -> tuple[str, bool]:
    """A word's folded form, and whether it is stretched ("nuuuul")."""
    known = _WORDS.get(value)
    if known is None:
        folded = fold(value)
        known = (folded, len(folded) > 2 and _ELONGATION.search(folded) is not None)
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        _WORDS[value] = known
    return known


#: What may end a whitespace-delimited chunk that tokenize reads without TOKEN_RE: each is a token of
#: its own ("other"), but runs of "!" and "?", which are one ("punct").
_TAIL: Final = ",.!?"
_APOSTROPHES: Final = "'’"


def tokenize(text: str) -> list[Token]:
    """The tokens of a text, with their offsets (TOKEN_RE's matches, folded).

    Most of a comment is plain words between spaces, possibly with an apostrophe, hyphens or a
    trailing "," "." "!" "?": such a chunk is tokenised here directly, with what TOKEN_RE would
    find in it, and the rest goes through TOKEN_RE, a run of consecutive chunks at a time. TOKEN_RE
    reads a chunk the same way whatever surrounds it: none of its matches runs over white space
    except a number's unit ("3 h", "20 €"), so a chunk that follows a digit always goes through it;
    its look-behinds and word boundaries only see the white space before a chunk, and its
    look-aheads at a chunk's end see white space or the end of the text, the same to them.
    (tests/analysis/test_normalize.py compares both ways.)
    """
    tokens: list[Token] = []
    merged = False
    pos = 0
    slow_start = -1   # where the chunks left to TOKEN_RE start (-1: none pending)
    slow_end = 0
    after_digit = False
    for chunk in text.split():
        start = text.find(chunk, pos)
        end = start + len(chunk)
        pos = end
        head = -1 if after_digit else _plain_head(chunk)
        after_digit = chunk[-1].isdecimal()
        if head < 0:
            if slow_start < 0:
                slow_start = start
            slow_end = end
            continue
        if slow_start >= 0:
            merged = _scan(text, slow_start, slow_end, tokens) or merged
            slow_start = -1
        if head:
            word = chunk[:head] if head < len(chunk) else chunk
            if word.isalpha():
                folded, stretched = _word(word)
                tokens.append(Token(word, start, start + head, "word", folded, stretched))
            else:   # words joined by apostrophes (checked by _plain_head)
                at = start
                piece_start = 0
                for i in range(head + 1):
                    if i == head or word[i] in _APOSTROPHES:
                        piece = word[piece_start:i]
                        folded, stretched = _word(piece)
                        tokens.append(Token(piece, at, at + len(piece), "word", folded, stretched))
                        if i < head:
                            mark = word[i]
                            tokens.append(Token(mark, start + i, start + i + 1, "other", mark, False))
                        piece_start = i + 1
                        at = start + piece_start
        i = head
        size = len(chunk)
        while i < size:   # the tail: "," and "." alone, runs of "!" and "?"
            ch = chunk[i]
            if ch == "," or ch == ".":
                tokens.append(Token(ch, start + i, start + i + 1, "other", ch, False))
                i += 1
            else:
                j = i + 1
                while j < size and (chunk[j] == "!" or chunk[j] == "?"):
                    j += 1
                value = chunk[i:j]
                tokens.append(Token(value, start + i, start + j, "punct", value, False))
                i = j
    if slow_start >= 0:
        merged = _scan(text, slow_start, slow_end, tokens) or merged
    return _merge_emoji(tokens) if merged else tokens


def _plain_head(chunk: str) -> int:
    """How long the words of a chunk tokenize reads itself are (see tokenize), -1: a chunk for TOKEN_RE.

    Such a chunk is words (letters, hyphens between letters) joined by single apostrophes, then a tail
    of _TAIL characters; a word "xD" or "XD" is an emoticon, left to TOKEN_RE.
    """
    head = len(chunk)
    while head and chunk[head - 1] in _TAIL:
        head -= 1
    if not head:
        return 0
    word = chunk[:head] if head < len(chunk) else chunk
    if head < len(chunk) and chunk[head] == "." and word.endswith("www"):
        return -1   # "www.!" is a link
    if word.isalpha():
        return -1 if word == "xD" or word == "XD" else head
    for piece in word.replace("’", "'").split("'"):
        if not piece or piece == "xD" or piece == "XD":
            return -1
        if not piece.isalpha():
            for part in piece.split("-"):
                if not part.isalpha() or part == "xD" or part == "XD":   # also "" ("a--b", "-a", "a-")
                    return -1
    return head


def _scan(text: str, start: int, end: int, tokens: list[Token]) -> bool:
    """TOKEN_RE's tokens of text[start:end] appended to tokens; whether an emoji was taken whole."""
    merged = False
    for match in TOKEN_RE.finditer(text, start, end):
        kind = match.lastgroup or "other"
        value = match.group(0)
        start, end = match.span()
        if kind == "word":
            folded, stretched = _word(value)
            tokens.append(Token(value, start, end, kind, folded, stretched))
            continue
        if kind == "other" and not value.isascii():
            # multi-codepoint emoji (skin tones, ZWJ sequences): take the whole emoji as one token
            found = emoji.emoji_list(text[start:start + 12])
            if found and found[0]["match_start"] == 0:
                end = start + found[0]["match_end"]
                value = text[start:end]
                kind = "emoji"
                merged = True
        if kind == "emoji":
            folded = value[0]
        elif kind == "emoticon":
            # ":)))" and ":((" mean what ":)" and ":(" mean; "xD" is "xd"
            folded = value.lower() if value.lower() in ("xd",) else \
                _REPEATED_TAIL.sub(r"\1", value.replace("’", "'")) if value[0] in ":;=>" else value
        else:
            folded = value.lower()
        tokens.append(Token(value, start, end, kind, folded, False))
    return merged


def _merge_emoji(tokens: list[Token]) -> list[Token]:
    """Drop the continuation pieces of an emoji already taken whole (variation selectors etc.)."""
    out: list[Token] = []
    for token in tokens:
        if out and token.start < out[-1].end:
            continue
        out.append(token)
    return out

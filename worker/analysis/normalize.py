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
from typing import NamedTuple

import emoji

# letters, with combining accents kept inside the word (decomposed input), hyphenated compounds
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
_WORD = rf"{_LETTERS}(?:-{_LETTERS})*"
TOKEN_RE = re.compile(
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
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)
_REPEATED_TAIL = re.compile(r"(.)\1+$")


class Token(NamedTuple):
    """One token (a tuple: tokenising a comment makes many, and tuples are the cheapest to make)."""

    text: str
    start: int
    end: int
    kind: str          # word, number, url, handle, hashtag, emoticon, emoji, punct, other
    folded: str        # what lexicons match on
    stretched: bool = False

    @property
    def is_caps(self) -> bool:
        return self.kind == "word" and len(self.text) >= 3 and self.text.isupper()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case and strip accents: the form French SMS style and typos share with the lexicon."""
    lowered = word.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squash(word: str, keep: int) -> str:
    return _ELONGATION.sub(lambda m: m.group(1) * keep, word)


@lru_cache(maxsize=65536)
def _word(value: str) -> tuple[str, bool]:
    """A word's folded form, and whether it is stretched ("nuuuul")."""
    folded = fold(value)
    return folded, len(folded) > 2 and _ELONGATION.search(folded) is not None


#: Token(...) without the Python-level __new__ a NamedTuple carries (the same tuple, made in C).
_new = tuple.__new__


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    merged = False
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group(0)
        start, end = match.span()
        if kind == "word":
            folded, stretched = _word(value)
            append(_new(Token, (value, start, end, kind, folded, stretched)))
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
        append(_new(Token, (value, start, end, kind, folded, False)))
    return _merge_emoji(tokens) if merged else tokens


def _merge_emoji(tokens: list[Token]) -> list[Token]:
    """Drop the continuation pieces of an emoji already taken whole (variation selectors etc.)."""
    out: list[Token] = []
    for token in tokens:
        if out and token.start < out[-1].end:
            continue
        out.append(token)
    return out

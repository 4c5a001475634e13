"""Language detection: lingua on a restricted set of languages, helped by cheap lexical evidence.

Short comments are hard for any detector; French and English function words, French accents and
the caller's hint settle most of them before lingua is asked, which also keeps the engine fast.
"""
from __future__ import annotations

import ctypes
import os
from functools import lru_cache
from typing import Any, Final

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from worker.analysis.normalize import Token

LANGUAGES = {
    Language.FRENCH: "fr", Language.ENGLISH: "en", Language.SPANISH: "es", Language.GERMAN: "de",
    Language.ITALIAN: "it", Language.PORTUGUESE: "pt", Language.DUTCH: "nl",
}

_FR: Final = frozenset("""le la les un une des du de au aux et est sont je tu il elle nous vous ils elles on ce cette
ces mon ma mes ton ta tes son sa ses notre votre vos leur leurs qui que quoi dont ou pas ne plus tres trop
avec pour dans sur chez mais donc car depuis toujours jamais rien encore deja bonjour merci svp stp c j n d l
qu m s t ai as avez avons ont fait suis etes cest ca moi toi lui y en quand comment pourquoi parce aussi
meme tout tous toute toutes bien mal nul vraiment colis commande livraison mdr jsp tjr pk bcp
jai jarrive jsuis jpeux jveux jsais jcrois jpense jvais chui chuis""".split())
_EN: Final = frozenset("""the a an and is are was were be been i you he she it we they my your his her its our their
this that these those what which who whom why how when where not no never very too with for in on at of to
from by but or so if then than just still already again please thanks thank hello hi hey am do does did
don doesn didn can could would should will won have has had get got my me us them there here any some
really order delivery package lol omg
yall y'all u ur ya gonna wanna gotta lemme im ive ill thats whats its youre theyre dont cant wont isnt aint
idk tbh imo smh lmao wtf ppl bc cuz coz tho pls plz thx btw fyi rn af asap
all about out up just like get got go going know think want need people one would could should""".split())
# Letters left by English contractions (I'm, it's, don't, I'd) are no evidence of French elision.
# "me" is French too ("me connecter", "me rembourser").
_SHARED: Final = (_FR & _EN) | frozenset({"m", "s", "t", "d", "me"})


#: Words that every language around a brand uses as they are ("OK", "top", "cool"): a comment made only of
#: them is in no language in particular (lingua reads "OK" as Dutch).
_NEUTRAL: Final = frozenset({"ok", "okay", "okey", "oki", "kk", "top", "super", "cool", "wow", "bravo", "yes"})


#: glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX: Final = -8


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """lingua with its models for LANGUAGES in memory (built once per process, about 150 MB).

    lingua parses its models on several threads; with glibc each thread gets its own malloc arena
    and what the parsing freed stays resident, scattered over them (60 to 100 MB, varying from run
    to run). So the models are read with a single arena, the default number of arenas is restored,
    and the free pages are handed back to the system. Elsewhere than glibc this does nothing.
    """
    libc = _libc()
    capped = libc is not None and libc.mallopt(_M_ARENA_MAX, 1) == 1
    try:
        return (LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models()
                .with_minimum_relative_distance(0.0).build())
    finally:
        if capped:
            libc.mallopt(_M_ARENA_MAX, 8 * (os.cpu_count() or 1))   # glibc's default on 64-bit
        if libc is not None:
            libc.malloc_trim(0)


def _libc() -> Any:
    """glibc's allocator controls (mallopt, malloc_trim), or None on another C library."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt, libc.malloc_trim   # noqa: B018  (both exist: glibc)
    except (OSError, AttributeError):
        return None
    return libc


#: Letters that only French spelling uses among the two languages.
_FRENCH_LETTERS: Final = frozenset("éèêàçùûôîœ")


def _lexical_votes(tokens: list[Token]) -> tuple[int, int, int]:
    fr = en = article = words = 0
    for token in tokens:
        if token.kind != "word":
            continue
        words += 1
        folded = token.folded
        if folded in _SHARED:
            continue
        # a word spelt as folded has none of the French letters (folding takes their accents off)
        if folded in _FR or (token.text != folded and not _FRENCH_LETTERS.isdisjoint(token.text)):
            fr += 1
        elif folded == "a":
            article += 1
        elif folded in _EN:
            en += 1
    # "a" is the English article and the French "has" ("il a", "ça a marché", "on m'a débité"):
    # English evidence only where nothing is French.
    return fr, en + (article if fr == 0 else 0), words


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[frozenset[str], frozenset[str]]:
    """The one-word patterns of the French lexicon that the English one lacks, and the reverse.

    Function words are left out (they are counted on their own): what is left are the words comments
    are about ("remboursement", "bloque", "worst", "customer"), evidence of a language when a short
    comment has too few function words ("worst customer service ever", "colis bloqué").
    """
    from worker.analysis.lexicon import DATA, _read   # the lexicon's own files, read once

    def words(language: str) -> set[str]:
        return {entry.tokens[0] for path in (DATA / language).glob("*.tsv") for entry in _read(path)
                if len(entry.tokens) == 1 and not entry.tokens[0].endswith("*")}

    # Short words are mostly abbreviations and loanwords either language uses ("top", "yes", "ni", "lol").
    fr, en = words("fr"), words("en")
    function_words = _FR | _EN
    return (frozenset(w for w in fr - en - function_words if len(w) >= 4),
            frozenset(w for w in en - fr - function_words if len(w) >= 4))


def _cue_votes(tokens: list[Token]) -> tuple[int, int]:
    """Distinct words found in only one of the French and English lexicons: (French ones, English ones)."""
    fr_words, en_words = lexicon_words()
    found = {token.folded for token in tokens if token.kind == "word"}
    return len(found & fr_words), len(found & en_words)


#: lingua's confidence values by the words asked about, emptied when full: a comment said again word for word
#: ("worst customer service ever", "first") is common, and lingua takes longer than the whole rest of an
#: analysis of a short comment.
_SCORES: Final[dict[str, tuple[tuple[str, float], ...]]] = {}
_SCORES_MAX: Final = 2048


def _lingua_scores(letters: str) -> dict[str, float]:
    """lingua's confidence value for each of LANGUAGES in the words `letters` (a new dict each time)."""
    known = _SCORES.get(letters)
    if known is None:
        known = tuple((LANGUAGES[v.language], v.value)
                      for v in detector().compute_language_confidence_values(letters))
        if len(_SCORES) >= _SCORES_MAX:
            _SCORES.clear()
        _SCORES[letters] = known
    return dict(known)


def detect(text: str, tokens: list[Token], hint: str | None = None) -> tuple[str, float]:
    """(ISO 639-1 code or 'und', confidence 0..1)."""
    fr, en, words = _lexical_votes(tokens)
    if words == 0 or (words <= 3 and all(t.folded in _NEUTRAL for t in tokens if t.kind == "word")):
        return (hint, 0.5) if hint else ("und", 0.0)
    if fr >= 2 and en == 0:
        return "fr", round(min(0.99, 0.8 + 0.04 * fr), 2)
    if en >= 2 and fr == 0:
        return "en", round(min(0.99, 0.8 + 0.04 * en), 2)
    # Too few function words: the lexicons' own words count too, when only one language's are found.
    fr_cues, en_cues = _cue_votes(tokens)
    if fr + fr_cues >= 2 and en + en_cues == 0:
        return "fr", round(min(0.99, 0.8 + 0.04 * (fr + fr_cues)), 2)
    if en + en_cues >= 2 and fr + fr_cues == 0:
        return "en", round(min(0.99, 0.8 + 0.04 * (en + en_cues)), 2)
    scores = _lingua_scores(" ".join(t.text for t in tokens if t.kind == "word"))
    if not scores:
        return (hint, 0.5) if hint else ("und", 0.0)
    # lexical evidence counts as a prior on very short texts
    if words <= 4:
        total = fr + en
        if total:
            scores["fr"] = scores.get("fr", 0.0) + 0.5 * fr / total
            scores["en"] = scores.get("en", 0.0) + 0.5 * en / total
    if hint and words <= 3:
        code, best = max(scores.items(), key=lambda kv: kv[1])
        if code != hint and best > 0.9:
            return code, round(min(best, 0.99), 2)
        return hint, 0.6
    if hint and hint in scores:
        scores[hint] += 0.25
    elif hint:
        scores[hint] = 0.3
    norm = sum(scores.values()) or 1.0
    code, best = max(scores.items(), key=lambda kv: kv[1])
    confidence = best / norm
    if not hint:
        # French and English carry lexical evidence of their own (function words, or words of their lexicons
        # that the other lacks: "Arnaque", "Super product"): a weaker lead of lingua's is enough for them.
        own_votes = {"fr": fr + fr_cues, "en": en + en_cues}.get(code, 0)
        floor = 0.25 if own_votes else 0.4
        if confidence < floor:
            return "und", round(confidence, 2)
    return code, round(min(confidence, 0.99), 2)

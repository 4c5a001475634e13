"""Sentiment the way good lexicon scorers do it, with French and English rules of our own.

Valences come from the lexicons; negation flips within a short window (and, in French, after the
verb: "j'aime pas"), intensifiers and diminishers scale, the clause after "mais"/"but" weighs more,
capitals, stretched words and "!!!" emphasise, concrete failures weigh negative on their own, and
praise wrapped around a failure ("Bravo, 3 semaines pour livrer un colis 👏") is read as sarcasm.
Two readings of the whole comment come last: a call into the void ("Y'a quelqu'un ou pas ?") and laughter
at the brand ("mdr vos délais 😂") are negative whatever their words weigh.
"""
from __future__ import annotations

from typing import Final

import math
import re
from dataclasses import dataclass, field

from worker.analysis.lexicon import Entry, Gated, Hit
from worker.analysis.normalize import Token

NEGATION_SCALAR = -0.74
REDUCER_SCALAR: Final = -0.74
_PHRASE_NEGATIONS: Final = frozenset({"pas", "not", "no", "jamais", "never", "aucun", "aucune", "rien", "nothing"})
_LAUGHS: Final = frozenset({"lol", "mdr", "ptdr", "haha", "hahaha", "hihi", "xd", "lmao", "rofl", "hehe", "jpp", "mort de rire"})
_COMPARATIVES: Final = frozenset({"moins", "less", "fewer"})
#: "au moins", "plus ou moins", "du moins", "more or less", "no less": no lessening.
_NOT_REDUCING: Final = frozenset({"au", "du", "ou", "a", "or", "no", "le"})
#: Subjects that open a clause of their own: a reducer does not reach past one ("en fin de journée je suis
#: déçue", "fin de compte c'est nul": the end is of the day, the disappointment stands).
#: Nor past a form of "to be": "la baisse des prix est une bonne nouvelle" lessens the prices, not the news.
_CLAUSE_SUBJECTS: Final = frozenset({"je", "j", "tu", "il", "elle", "on", "nous", "ils", "elles", "c", "ca",
                                     "i", "you", "he", "she", "we", "they", "it",
                                     "est", "sont", "etait", "etaient", "sera", "seront", "serait",
                                     "is", "are", "was", "were", "been"})
#: How much displeasure, besides a failure or a stated delay, turns a praise frame into irony.
SARCASM_EVIDENCE: Final = -1.5
#: What is left of praise that trails off ("Great...").
TRAILING_OFF: Final = 0.4
WINDOW: Final = 3
_FR_POST_NEGATION: Final = frozenset({"pas", "plus", "jamais", "rien", "point"})
_CLAUSE_BREAK: Final = frozenset({".", ",", ";", ":", "!", "?", "…"})
PROBLEM_VALENCE: Final = {"problem": -2.2, "vague_problem": -1.3, "insult": -2.0, "threat": -3.0,
                   "profanity": -0.8, "boycott": -1.5, "resolved": 1.4,
                   "severity:safety": -2.0, "severity:health": -2.0, "severity:data_leak": -1.5,
                   "severity:discrimination": -2.0, "severity:violence": -2.0,
                   "severity:legal": -1.2}


@dataclass
class Contribution:
    hit: Hit
    valence: float
    negated_by: int | None = None     # token index of the negation word (or of a reducer: "moins")


@dataclass
class SentimentReading:
    score: float
    label: str
    contributions: list[Contribution] = field(default_factory=list)
    sarcasm: bool = False
    caps_anger: bool = False
    exclamations: int = 0
    mocked: list[Hit] = field(default_factory=list)   # laughs at the brand (mockery), shown as sarcasm cues
    gone: set[int] = field(default_factory=set)   # where a problem said to be over starts ("plus jamais de bug")
    ending: set[int] = field(default_factory=set)   # the words saying so ("plus jamais de", "no more")
    regretted: list[Hit] = field(default_factory=list)   # praise of how it was before ("c'était bien meilleur avant")
    answered: list[tuple[int, int]] = field(default_factory=list)   # questions their author answered "no" (first, "?")


#: French "ne" (folded, elision split): without it before "plus", "plus" compares ("plus écologique").
_FR_NE: Final = frozenset({"ne", "n"})
_ALTERNATIVE: Final = frozenset({"or", "ou"})
#: Words that address the brand or tell a first-hand experience: a harm word there is meant.
_ADDRESSED: Final = frozenset({"you", "your", "u", "ur", "vous", "votre", "vos", "my", "mon", "ma", "mes", "i", "je", "j",
                        "we", "our", "nous", "notre", "nos", "me", "m"})


def active_negations(tokens: list[Token], hits: list[Hit], french: bool) -> set[int]:
    """Token indices of negation words that really negate.

    In French, "plus" before a word negates only after "ne" in the same clause ("n'est plus bon");
    otherwise it is the comparative ("plus rapide", "plus de choix"). After the verb ("ça marche
    plus") it is read by the post-verb rule instead. Right after "or"/"ou" a negation only offers
    an alternative ("may or may not", "livré ou pas").
    """
    found: set[int] = set()
    kept_on = _kept_on(tokens) if not _STOP_VERBS.isdisjoint([t.folded for t in tokens]) else set()
    for hit in hits:
        if hit.family != "negation":
            continue
        if any(tokens[j].folded in _ALTERNATIVE for j in range(max(0, hit.first - 2), hit.first)):
            continue      # "may or may not", "whether or not", "ou pas", "ou non": no negation
        if hit.first in kept_on:
            continue      # "n'arrête pas de planter", "won't stop crashing": it keeps doing it
        for i in range(hit.first, hit.last + 1):
            if french and tokens[i].folded == "plus" and hit.first == hit.last:
                if not any(tokens[j].folded in _FR_NE for j in range(max(0, i - 4), i)):
                    continue
            found.add(i)
    return found


#: Verbs of stopping: negated before what follows them ("n'arrête pas de planter", "ne cesse de couper", "won't stop
#: crashing", "never stops freezing"), they say it keeps happening, and negate nothing after them.
_STOP_VERBS: Final = frozenset({"arrete", "arretes", "arretent", "arretait", "arretaient", "arreter", "cesse", "cesses",
                                "cessent", "cessait", "cessaient", "stop", "stops", "stopped", "stopping", "quit"})
_FR_STOP_COMPLEMENT: Final = frozenset({"de", "d"})


def _kept_on(tokens: list[Token]) -> set[int]:
    """The negation words that negate a verb of stopping followed by what goes on ("l'appli n'arrête pas de planter",
    "elle arrête pas de bugger", "la box ne cesse de couper", "the app won't stop crashing")."""
    kept: set[int] = set()
    for v, token in enumerate(tokens):
        if token.folded not in _STOP_VERBS:
            continue
        after = v + 1
        if after < len(tokens) and tokens[after].folded in _FR_POST_NEGATION:
            after += 1
        if after >= len(tokens):
            continue
        going_on = tokens[after].folded in _FR_STOP_COMPLEMENT if token.folded[0] in "ac" \
            else tokens[after].folded.endswith("ing") and len(tokens[after].folded) > 4
        if going_on:
            kept.update(range(max(0, v - 3), after))
    return kept


def _negator_before(tokens: list[Token], negations: set[int], first: int) -> int | None:
    for j in range(first - 1, max(-1, first - 1 - WINDOW), -1):
        if tokens[j].kind in ("punct", "other") and tokens[j].folded in _CLAUSE_BREAK:
            return None
        if j in negations:
            return j
    return None


#: Words that may stand between a verb and its post-verbal negation ("j'aime vraiment pas", "ça marche toujours pas").
_FR_BETWEEN_VERB_AND_NEGATION: Final = frozenset({"vraiment", "toujours", "tjr", "tjrs", "tjs", "encore", "meme", "du",
                                           "trop", "ca", "tellement", "franchement", "bien", "jamais", "plus",
                                           "pas", "toujour", "tjrs", "touj", "encor", "tout", "carrement"})


def _negator_after_fr(tokens: list[Token], last: int) -> int | None:
    """"j'aime pas", "ça marche plus": the negation right after the word, or after one adverb."""
    for j in range(last + 1, min(len(tokens), last + 3)):
        if tokens[j].folded in _FR_POST_NEGATION:
            return j
        if tokens[j].kind != "word" or tokens[j].folded not in _FR_BETWEEN_VERB_AND_NEGATION:
            return None
    return None


def _frames(tokens: list[Token], hit: Hit) -> bool:
    """A sarcasm frame; a bare "not" only as the closing "... NOT" of a sentence, not "may or may not"."""
    if hit.entry.tokens != ("not",):
        return True
    token = tokens[hit.first]
    after = tokens[hit.last + 1] if hit.last + 1 < len(tokens) else None
    closing = after is None or (after.kind in ("punct", "other") and after.folded in _CLAUSE_BREAK) \
        or after.kind in ("emoji", "emoticon", "hashtag")
    return closing and (token.text.isupper() or hit.first > 0 and tokens[hit.first - 1].kind != "word")


def _trailing_off(tokens: list[Token]) -> bool:
    """The comment ends on "..", "..." or "…" (after its words; hashtags, handles and links aside)."""
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.kind in ("hashtag", "handle", "url", "emoji", "emoticon"):
            continue
        if token.text == "…":
            return True
        return token.text == "." and index >= 1 and tokens[index - 1].text == "." \
            and tokens[index - 1].end == token.start
    return False


def pick_longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest first ("pas mal" wins over "mal")."""
    if len(hits) < 2:
        return list(hits)
    taken: set[int] = set()
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.last - h.first), h.first)):
        span = range(hit.first, hit.last + 1)
        if not taken.isdisjoint(span):
            continue
        taken.update(span)
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.first)


def negated_fail_verbs(tokens: list[Token], hits: list[Hit], negations: set[int],
                       french: bool) -> list[tuple[Hit, int]]:
    """Verbs of success under negation: 'ne marche pas', 'never arrived', "hasn't worked"."""
    found = []
    negations = negations & active_negations(tokens, hits, french)
    for hit in hits:
        if hit.family != "fail_verb":
            continue
        neg = _negator_before(tokens, negations, hit.first)
        if neg is None and french:
            neg = _negator_after_fr(tokens, hit.last)
        if neg is not None:
            found.append((hit, neg))
    # "Did my parcel arrive? No.", "Remboursé ? Non, toujours rien": a success asked about and answered "no" failed
    if any("?" in t.text for t in tokens) and any(t.folded in _NO_ANSWERS for t in tokens):
        done = {h.first for h, _ in found}
        for first, mark, answer in _no_answers(tokens):
            if any(i in negations for i in range(first, mark)):
                continue   # "Didn't it arrive? No.": which way the "no" goes is unclear
            for hit in hits:
                if hit.family == "fail_verb" and first <= hit.first and hit.last < mark and hit.first not in done:
                    found.append((hit, answer))
                    done.add(hit.first)
    return found


#: Laughter (words folded as the lexicon matches them, and emoji).
_LAUGHTER: Final = frozenset({"mdr", "ptdr", "lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "xd", "jpp",
                              "\U0001F602", "\U0001F923"})
#: Possessives addressed to the brand ("vos délais", "your prices").
_YOUR: Final = frozenset({"vos", "votre", "your", "ur", "tes", "ton", "ta"})
#: What people laugh *at* when they mock a brand: its delays, prices, support, app, bills, refunds.
_MOCKED: Final = frozenset({"delivery", "pricing", "customer_service", "technical", "billing", "returns_refunds",
                            "account"})


def _mockery(tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """Laughter at the brand's own delays, prices or support and nothing else kind: "mdr vos délais 😂",
    "lol your customer service 🤣". The laugh is at the brand, not with it: negative, not praise. Any other
    positive word ("lol I love your new app 😂") or a question keeps the usual reading. Returns the laughs
    (empty: no mockery)."""
    laughs = [h for h in hits if h.family == "sentiment" and tokens[h.first].folded in _LAUGHTER]
    if not laughs or any(t.text == "?" for t in tokens):
        return []
    if any(h.family == "sentiment" and h.entry.weight > 0 and tokens[h.first].folded not in _LAUGHTER for h in hits):
        return []
    yours = [i for i, t in enumerate(tokens) if t.folded in _YOUR]
    mocked = any(h.family.startswith("topic:") and h.family[6:] in _MOCKED and any(0 < h.first - i <= 2 for i in yours)
                 for h in hits)
    return laughs if mocked else []


#: A call into the void: "Y'a quelqu'un au service client ou pas ?", "Is anyone even reading this?". Nobody
#: answers, which is the complaint (the sentence is rhetorical: situations._RHETORICAL_PATTERNS).
_VOID_CALL: Final = Gated(re.compile(r"(?i)\b(?:il\s+)?y\s*['’]?\s*a\s+(?:quelqu['’]?\s*un|qqn|qq1|personne)\b[^.!?]{0,40}"
                                     r"\bou\s+(?:pas|quoi)\b|\b(?:is|are)\s+(?:anyone|anybody|you)\s+even\s+"
                                     r"(?:reading|listening|working|there|home|awake)\b"),
                          # every call names nobody or says "even": "y a quelqu'un", "qqn", "personne", "anyone even"
                          ("quelqu", "qqn", "qq1", "personne", "even"))


#: Words of a product that broke which, said of the author, say they have no money ("I'm broke", Québec "chu
#: cassé") or no strength left ("je suis cassée"): no product to repair.
BROKE: Final = frozenset({"broke", "casse", "cassee", "casses", "cassees"})
#: The author (or the author's household) as the subject right before: "I'm", "we're", "je suis", "chu".
_SELF_COPULAS: Final = frozenset({"im", "am", "chu", "chui", "chuis", "jsuis", "suis", "sommes"})
_SELF_BEFORE_CONTRACTION: Final = frozenset({"i", "we"})
_STATE_FILLERS: Final = frozenset({"so", "too", "really", "totally", "completely", "absolutely", "fully", "pretty",
                                   "super", "tellement", "trop", "vraiment", "full", "tout", "toute", "completement",
                                   "hella", "dead", "flat", "literally", "officially", "af", "a", "fond"})
#: What is left of a "broke" said of the author: a money worry, not a failure ("I'm broke lol").
SELF_BROKE_SCALAR: Final = 0.3


def said_of_self(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` is said of the author: "I'm (so) broke", "we're broke", "je suis cassée"."""
    k = index - 1
    while k >= 0 and index - k <= 3 and tokens[k].kind == "word" and tokens[k].folded in _STATE_FILLERS:
        k -= 1
    if k < 0 or tokens[k].kind != "word":
        return False
    word = tokens[k].folded
    if word in _SELF_COPULAS:
        return True
    # "I'm", "we're", "i am" split by the tokenizer: "m"/"re"/"am"/"are" after "i"/"we"
    if word in ("m", "re", "are"):
        j = k - 1
        while j >= 0 and tokens[j].text in ("'", "’"):
            j -= 1
        return j >= 0 and tokens[j].folded in _SELF_BEFORE_CONTRACTION
    return False


#: Québec swear words ("sacres"), folded: often said for emphasis rather than abuse ("Ostie que c'est bon").
SACRES: Final = frozenset({"ostie", "osti", "osties", "esti", "estie", "hostie", "tabarnak", "tabarnac", "tabarnaque",
                           "calisse", "caliss", "calice", "crisse", "criss", "ciboire", "sacrament", "sacrement",
                           "calvaire", "viarge"})
#: What joins a sacre to what it stresses: "ostie QUE c'est bon", "tabarnak DE bon", "crisse D'belle job".
_EMPHATIC_LINKS: Final = frozenset({"que", "qu", "de", "d"})
_EMPHASIS_REACH: Final = 7
#: An exclamation opened by a sacre ("Tabarnak QUE c'est long"): emphasis whatever follows; a sacre before "de" may
#: call someone names ("ostie de cave"), and is emphasis only before praise ("tabarnak de bon").
EXCLAIMING: Final = frozenset({"que", "qu"})


def emphatic_swear(tokens: list[Token], index: int, links: frozenset[str] = _EMPHATIC_LINKS) -> bool:
    """A Québec swear word that leads to what it stresses ("Ostie QUE c'est bon", "Tabarnak QUE votre service
    est lent", "tabarnak DE bon"): emphasis. `links`: the words that may join them."""
    return tokens[index].folded in SACRES and index + 1 < len(tokens) and tokens[index + 1].folded in links


def emphasis_of(tokens: list[Token], index: int, praise_starts: set[int]) -> int | None:
    """The praise a Québec swear word at `index` stresses ("Ostie que c'est bon", "c'est tabarnak de bon",
    "Câlisse que j'aime votre poutine"): its start when "que"/"de" follows the sacre and praise comes in the same
    clause, else None (a sacre aimed at people, "des osties d'incompétents", stresses no praise)."""
    if not emphatic_swear(tokens, index):
        return None
    j = index + 1
    for k in range(j + 1, min(len(tokens), j + 1 + _EMPHASIS_REACH)):
        if tokens[k].kind in ("punct", "other") and tokens[k].folded in _CLAUSE_BREAK:
            return None
        if k in praise_starts:
            return k
    return None


#: Data named as the object of a request, not an incident: "my data", "mes données", "GDPR".
DATA_NAMED: Final = frozenset({("my", "data"), ("personal", "data"), ("gdpr",), ("mes", "donnees"),
                                ("donnees", "personnelles"), ("rgpd",), ("mes", "coordonnees")})
#: Verbs (folded prefixes) of the rights one has over one's data: erase it, get a copy, stop the mailings.
_DATA_RIGHTS: Final = ("delet", "eras", "remov", "wipe", "purg", "suppr", "effac", "retir", "export", "download",
                       "telecharg", "copy", "copie", "oubli", "unsubscrib", "desinscri", "desabonn")


def data_rights_request(tokens: list[Token], hits: list[Hit]) -> bool:
    """A request to erase or hand over one's own data ("Can you delete my account and all my data", "Merci de
    supprimer mes données personnelles"): the data is named, but as what to act on, not as leaked or stolen.
    Any other data-protection cue ("leaked", "piratage", "someone else's account") keeps it an incident."""
    named = [h for h in hits if h.family == "severity:data_leak"]
    if not named or any(h.entry.tokens not in DATA_NAMED for h in named):
        return False
    return any(t.kind == "word" and t.folded.startswith(_DATA_RIGHTS) for t in tokens)


#: What says a problem is over when it comes right before the problem's word ("Plus jamais de bug depuis la mise à
#: jour", "plus aucun plantage", "fini les bugs", "No more crashes since the update", "not a single crash", "zero
#: lag"): the problem is gone, which is good news, not a failure suffered. Folded words, apostrophes left out.
_GONE_OPENERS: Final = frozenset({
    ("plus", "jamais", "de"), ("plus", "jamais", "d"), ("jamais", "plus", "de"), ("jamais", "plus", "d"),
    ("plus", "aucun"), ("plus", "aucune"), ("aucun",), ("aucune",), ("zero",), ("jamais", "de"), ("jamais", "d"),
    ("pas", "un", "seul"), ("pas", "une", "seule"), ("fini", "les"), ("finis", "les"), ("finies", "les"),
    ("fini", "le"), ("fini", "la"), ("termine", "les"), ("terminees", "les"), ("termines", "les"), ("adieu", "les"),
    ("no", "more"), ("no",), ("not", "a", "single"), ("not", "one"), ("never", "any"), ("no", "longer"),
    ("without", "any"), ("goodbye", "to"), ("bye", "bye")})
#: Words before "no" that make it a cry ("oh no", "ohhh no"), not a denial.
_INTERJECTIONS: Final = frozenset({"oh", "ohh", "ohhh", "ah", "aw", "aww", "omg", "god", "uh", "oh-oh"})
#: Openers that say it only when they open their clause: "Plus de bug depuis la MAJ" (but "toujours plus de bugs",
#: "de plus en plus de bugs", "plus de bugs qu'avant" count more of them).
#: "Moins de bugs depuis la MAJ", "Fewer crashes since the update": a problem said to be rarer is good news too.
_GONE_AT_CLAUSE_START: Final = frozenset({("plus", "de"), ("plus", "d"), ("moins", "de"), ("moins", "d"), ("fewer",),
                                          ("less",)})
#: The words an opener or a denial starts with (a cheap test before reading the hits).
_GONE_WORDS: Final = frozenset({opener[0] for opener in _GONE_OPENERS | _GONE_AT_CLAUSE_START} | {"ne", "n"})
#: Words that may stand between the opener and the problem ("no more random crashes", "plus aucun petit bug").
_GONE_FILLERS: Final = frozenset({"more", "single", "random", "annoying", "stupid", "those", "these", "the", "of",
                                  "petit", "petits", "petite", "petites", "seul", "seule", "des", "de", "d", "ces"})
#: A problem verb denied after French "ne": "l'appli ne plante plus", "n'a plus jamais planté", "ne bugue jamais";
#: only auxiliaries, clitics and negations between ("n'arrête pas de planter" keeps crashing: not denied).
_NE_BETWEEN: Final = frozenset({"a", "ai", "as", "avait", "ont", "avez", "avons", "est", "se", "s", "me", "m", "te",
                                "t", "l", "le", "la", "y", "en", "plus", "jamais", "pas", "toujours", "encore"})
_DENIED_AFTER: Final = frozenset({"plus", "jamais", "pas"})
#: "ne plante plus que le soir", "ne bug plus qu'une fois": still failing, only less.
_ONLY: Final = frozenset({"que", "qu", "than"})


def problems_gone(tokens: list[Token], hits: list[Hit]) -> tuple[dict[int, int], set[int]]:
    """Where a problem said to be over starts, and the words that say so: "Plus jamais de bug depuis la mise à jour",
    "fini les bugs", "l'appli ne plante plus", "No more crashes since the update", "zero lag". The problems are the
    failure words (problem, vague_problem, a negative sentiment word) right after an opener of _GONE_OPENERS, or a
    problem verb denied after French "ne". ("Plus jamais." and "Never again." alone end nothing: no problem follows.)
    Returns {start of the problem: the opener's word nearest to it} and every word of the openers."""
    folded = [t.folded for t in tokens]
    if _GONE_WORDS.isdisjoint(folded) and _NO_COST_WORDS.isdisjoint(folded) and _THOUGHT.isdisjoint(folded) \
            and not any(h.family == "resolved" for h in hits):
        return {}, set()   # most comments: no word that could say a problem is over
    words = [i for i, t in enumerate(tokens) if not (t.kind == "other" and t.text in ("'", "’"))]
    position = {index: k for k, index in enumerate(words)}
    gone: dict[int, int] = {}
    ending: set[int] = set()
    named = {h.first for h in hits if h.first == h.last and h.family.startswith("topic:")}   # "no more app crashes"
    for hit in hits:
        if not (hit.family in ("problem", "vague_problem") and hit.entry.weight >= 1
                or hit.family == "sentiment" and hit.entry.weight < 0) or hit.first in gone \
                or tokens[hit.first].kind != "word":   # "Oh no :(((": a sad face is no problem over
            continue
        k = position.get(hit.first)
        if k is None:
            continue
        last = position.get(hit.last, k)
        following = [tokens[i].folded for i in words[last + 1:last + 3]]
        after = following[0] if following else ""
        # "plus de bugs qu'avant", "ne plante plus que le soir": fewer or more, not over
        if after in _ONLY or after in _DENIED_AFTER and following[1:2] and following[1] in _ONLY:
            continue
        # the words before it in its clause, nearest first
        before: list[int] = []
        for j in range(k - 1, max(-1, k - 6), -1):
            token = tokens[words[j]]
            if token.kind != "word":
                break
            before.append(words[j])
        opener = _opener(tokens, before, named)
        if opener and opener[-1] > 0 and tokens[opener[-1]].folded == "no" \
                and tokens[opener[-1] - 1].folded in _INTERJECTIONS:
            opener = []   # "oh no, crashes again": a cry, not "no more"
        if opener:
            gone[hit.first] = opener[0]
            ending.update(opener)
            continue
        if hit.family == "problem" and hit.first == hit.last:
            denial = [i for i in before[:4]]
            ne = next((n for n, i in enumerate(denial) if tokens[i].folded in ("ne", "n")), None)
            if ne is not None and all(tokens[i].folded in _NE_BETWEEN for i in denial[:ne]) \
                    and (any(tokens[i].folded in _DENIED_AFTER for i in denial[:ne]) or after in _DENIED_AFTER):
                gone[hit.first] = denial[ne]
                ending.add(denial[ne])
                continue
            # "Le livreur n'était pas du tout désagréable", "personne n'a été impoli": a quality denied through the
            # copula ("n'était pas", "n'a jamais été", "personne n'a été") names no failure
            ne = next((n for n, i in enumerate(before) if tokens[i].folded in ("ne", "n")), None)
            if ne is not None and any(tokens[i].folded in _COPULAS_FR for i in before[:ne]) \
                    and all(tokens[i].folded in _NE_BETWEEN or tokens[i].folded in _COPULAS_FR for i in before[:ne]) \
                    and (any(tokens[i].folded in _DENIED_AFTER for i in before[:ne])
                         or ne + 1 < len(before) and tokens[before[ne + 1]].folded in _NOBODY_FR):
                gone[hit.first] = before[ne]
    # "Mon appli a planté hier mais c'est réglé, merci au SAV": a problem told before its fix ("but it's resolved"), with
    # thanks, is over; not when it comes back after ("fixed but it crashed again") or the fix is asked ("Réglé ? Non")
    # ("Still not fixed", "ça remarche pas" fix nothing; "thanks for nothing", "merci pour rien" thank no one)
    fixes = [h for h in hits if h.family == "resolved" and not _fix_denied(tokens, h)]
    if fixes and not _THANKS_WORDS.isdisjoint(folded) and _THANKLESS.search(" ".join(folded)) is None:
        fix = fixes[-1]
        later = [t.folded for t in tokens[fix.last + 1:]]
        if _RECURRENCE.isdisjoint(later) and not (later and "?" in later[0]):
            for hit in hits:
                if hit.last < fix.first and hit.first not in gone and (
                        hit.family in ("problem", "vague_problem") or hit.family == "sentiment" and hit.entry.weight < 0):
                    gone[hit.first] = fix.first
    # "I thought you double charged me but no, all good": what the author thought, then denied, did not happen
    if not _THOUGHT.isdisjoint(folded):
        for thought_at, denied_at in thought_denied(tokens, hits).items():
            gone.setdefault(thought_at, denied_at)
    # "Annulé sans frais, merci", "Cancelled free of charge", "refunded, no questions asked": the cancellation or the
    # refund done at no cost is a service rendered, not a failure suffered ("annulé sans prévenir" still is one)
    if not _NO_COST_WORDS.isdisjoint(folded):
        for start, size in _no_cost(folded):
            for hit in hits:
                if hit.first not in gone and start - 3 <= hit.last <= start and hit.first < start + size \
                        and (hit.family in ("problem", "vague_problem")
                             or hit.family == "sentiment" and hit.entry.weight < 0) \
                        and not any(tokens[j].kind in ("punct", "other") and tokens[j].folded in _CLAUSE_BREAK
                                    for j in range(hit.last + 1, start)):
                    gone[hit.first] = start
    return gone, ending


#: Copulas through which French denies a quality ("n'était pas désagréable", "n'a jamais été impoli"), the degree
#: words that may stand with them ("pas du tout", "vraiment pas"), and the subjects that deny on their own ("personne
#: n'a été impoli", "rien n'était abîmé"). "pas très", "pas trop" are left out: "pas trop abîmé" is still damaged.
_COPULAS_FR: Final = frozenset({"ete", "etait", "etaient", "est", "sont", "suis", "etes", "fut", "etions", "du", "tout",
                                "vraiment", "meme"})
_NOBODY_FR: Final = frozenset({"personne", "rien", "aucun", "aucune", "nul", "nulle"})
#: A thanks that thanks no one: the fix it follows is irony ("thanks for nothing", "merci pour rien").
_THANKLESS: Final = re.compile(r"\b(?:thanks|thank\s+you|thx|merci)\s+(?:for|pour|de)\s+(?:nothing|rien)\b")
_FIX_NEGATIONS: Final = frozenset({"not", "never", "no", "isn", "wasn", "hasn", "haven", "aren", "weren", "didn",
                                   "doesn", "pas", "jamais", "n", "ne", "t", "nothing", "rien", "plus"})


def _fix_denied(tokens: list[Token], fix: Hit) -> bool:
    """A fix word denied ("still not fixed", "hasn't been resolved", "n'est toujours pas réglé", "ça remarche pas")
    or asked ("Réglé ?" is handled by the caller)."""
    for j in range(fix.first - 1, max(-1, fix.first - 4), -1):
        token = tokens[j]
        if token.kind in ("punct", "other") and token.folded in _CLAUSE_BREAK:
            break
        if token.folded in _FIX_NEGATIONS:
            return True
    after = [t.folded for t in tokens[fix.last + 1:fix.last + 3] if t.kind == "word"]
    return bool(after) and (after[0] in _FR_POST_NEGATION or after[0] in ("toujours", "encore", "vraiment")
                            and after[1:2] != [] and after[1] in _FR_POST_NEGATION)


#: Phrases that say something was done at no cost to the customer ("sans frais", "free of charge", "at no extra
#: cost", "no questions asked"), folded; and the words one of them must hold (a cheap test first).
_NO_COST: Final = (("sans", "frais"), ("sans", "aucun", "frais"), ("sans", "aucuns", "frais"), ("sans", "penalite"),
                   ("sans", "penalites"), ("sans", "supplement"), ("sans", "aucune", "penalite"), ("gratuitement",),
                   ("sans", "rien", "payer"), ("sans", "payer"), ("sans", "discuter"), ("sans", "discussion"),
                   ("free", "of", "charge"), ("at", "no", "cost"), ("at", "no", "extra", "cost"),
                   ("at", "no", "charge"), ("at", "no", "additional", "cost"), ("without", "a", "fee"),
                   ("without", "any", "fee"), ("without", "any", "fees"), ("no", "questions", "asked"),
                   ("for", "free"), ("no", "fee"), ("fee", "free"))
_NO_COST_WORDS: Final = frozenset({"frais", "penalite", "penalites", "supplement", "gratuitement", "payer", "discuter",
                                   "discussion", "charge", "cost", "fee", "fees", "asked", "free"})


def _no_cost(folded: list[str]) -> list[tuple[int, int]]:
    """Where each no-cost phrase starts in the folded tokens, and its length."""
    found: list[tuple[int, int]] = []
    for i in range(len(folded)):
        for phrase in _NO_COST:
            if folded[i:i + len(phrase)] == list(phrase):
                found.append((i, len(phrase)))
                break
    return found


#: Thanks that make a fix told after a problem good news, and what says the problem came back after it.
_THANKS_WORDS: Final = frozenset({"merci", "thanks", "thank", "thx", "ty", "bravo", "cheers"})
#: A wait of minutes the author minimises ("only waited 20 minutes", "just 10 min", "à peine 5 minutes", "attendu que
#: 15 minutes", "seulement 20 min"): weeks stay open to irony ("Only 3 weeks to deliver, bravo").
_MINIMISED_WAIT: Final = re.compile(
    r"(?i)\b(?:only|just|barely|merely|seulement|juste|[àa]\s+peine|que|qu['’])\s+(?:(?:waited|had\s+to\s+wait|took|"
    r"attendu|patient[ée])\s+)?(?:(?:about|around|environ|like)\s+)?\d+\s?(?:min(?:ute)?s?|mn|secs?|seconds?|secondes?)\b")
#: A duration still counted once the minimised ones are set aside.
_DURATION_LEFT: Final = re.compile(r"(?i)\b\d+\s?(?:min(?:ute)?s?|mn|h|hours?|heures?|days?|jours?|weeks?|semaines?|"
                                   r"months?|mois|hrs?)\b")
#: The author's own illness told as the context of a thanks ("J'avais une gastro, votre livreur a été adorable, merci",
#: "I had the flu and your team delivered to my door, thank you"): none of the brand's doing, no incident.
_OWN_AILMENT_BEFORE: Final = re.compile(
    r"(?i)\b(?:j['’]\s?avais|j['’]\s?ai\s+eu|j['’]\s?[ée]tais|i\s+had|i['’]?ve\s+had|i\s+was|i\s+have|i\s+got|"
    r"(?:ma|mon)\s+(?:fille|fils|femme|mari|m[èe]re|p[èe]re)\s+avait|my\s+(?:daughter|son|wife|husband|mum|mom|dad)\s+had)"
    r"\s+(?:[\w’'-]+\s+){0,2}$")
#: Thanks said ("merci", "thanks", "thank you", "thx"): read by situations.py too.
THANKS_SAID: Final = re.compile(r"(?i)\b(?:merci|thanks?|thx)\b")
#: The care praised with the thanks (a bare "merci" after an illness may be bitter: "intoxication, merci le resto").
_CARE_PRAISED: Final = re.compile(
    r"(?i)\b(?:adorables?|gentil(?:le)?s?|sympas?|patient(?:e|es|s)?|aimables?|attentionn[ée]e?s?|arrangeant(?:e|es|s)?|"
    r"compr[ée]hensi(?:f|ve|fs|ves)|serviables?|g[ée]niale?s?|formidables?|incroyables?|au\s+top|kind|kindly|lovely|"
    r"amazing|wonderful|helpful|sweet|caring|understanding|great|fantastic|so\s+nice)\b")
#: What would make the illness the brand's doing ("after eating your...", "depuis votre...", "à cause de").
_CAUSE_WORDS: Final = re.compile(r"(?i)\b(?:after|since|because|due\s+to|caused|apr[èe]s|depuis|[àa]\s+cause|"
                                 r"en\s+mangeant|en\s+buvant|your\s+food|votre\s+(?:plat|repas|produit))\b")


def own_ailment(text: str, tokens: list[Token], hit: Hit) -> bool:
    """Whether a harm hit is the author's own illness told as the context of a thanks for someone's care, with nothing
    linking it to the brand."""
    if not text or "?" in text or THANKS_SAID.search(text) is None or _CARE_PRAISED.search(text) is None \
            or _CAUSE_WORDS.search(text) is not None:
        return False
    start = tokens[hit.first].start
    return _OWN_AILMENT_BEFORE.search(text[max(0, start - 40):start]) is not None


_RECURRENCE: Final = frozenset({"again", "still", "encore", "toujours", "recommence", "revenu", "back", "non", "no",
                                "not", "pas", "but", "mais"})


def _opener(tokens: list[Token], before: list[int], named: set[int]) -> list[int]:
    """The opener of _GONE_OPENERS the words `before` a problem (nearest first) end with, fillers and the topic words
    `named` aside ("no more app crashes"), or []."""
    for skip in range(0, 3):
        if skip and tokens[before[skip - 1]].folded not in _GONE_FILLERS and before[skip - 1] not in named:
            break
        rest = before[skip:]
        for size in (3, 2, 1):
            if len(rest) < size:
                continue
            found = tuple(tokens[i].folded for i in reversed(rest[:size]))
            if found in _GONE_OPENERS:
                return rest[:size]
            if found in _GONE_AT_CLAUSE_START and _clause_starts_at(tokens, rest[size - 1]):
                return rest[:size]
        if len(before) <= skip:
            break
    return []


def _clause_starts_at(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` opens the comment or a clause (after a full stop, a comma, "et", "and")."""
    j = index - 1
    while j >= 0 and tokens[j].kind in ("emoji", "emoticon", "hashtag", "handle"):
        j -= 1
    return j < 0 or tokens[j].kind in ("punct", "other") and tokens[j].folded in _CLAUSE_BREAK


#: Comparatives of praise ("mieux", "meilleure", "better"): said of the past, they regret a change.
#: Words of wild intensity, bad on their own, praise among praise ("insane", "sick", "brutal", "dingue").
_AMBIVALENT: Final = frozenset({"insane", "sick", "brutal", "crazy", "nuts", "wild", "unreal", "dingue", "dingues",
                                "ouf", "fou", "folle", "malade", "mental", "ecoeurant", "ecoeurante"})
_BETTER: Final = frozenset({"mieux", "meilleur", "meilleure", "meilleurs", "meilleures", "better", "tastier", "nicer"})
#: Words that set the thing praised in the past ("avant", "before", "l'ancienne recette", "the old app", "used to").
_BEFORE: Final = frozenset({"avant", "autrefois", "jadis", "before", "ancien", "ancienne", "anciens", "anciennes", "old",
                            "used"})
#: A past tense, which the regret needs ("était", "was"; "used to"): "Better check before you buy" regrets nothing.
_PAST: Final = frozenset({"etait", "etaient", "c'etait", "ete", "was", "were", "used", "fut", "had"})
#: What the comparison is made with ("meilleur qu'avant", "better than before", "than the old one"): the present wins.
_THAN: Final = frozenset({"que", "qu", "than"})
#: The present said better in the same clause ("maintenant c'est bien meilleur", "now it's better").
_NOW: Final = frozenset({"maintenant", "desormais", "now", "enfin", "finally", "nowadays"})
_REGRET_BREAKS: Final = frozenset({"mais", "but", "pourtant", "however", "though"})
_HOW_MUCH: Final = frozenset({"bien", "beaucoup", "tellement", "vraiment", "so", "much", "way", "far", "lot", "really"})


def _regretted(tokens: list[Token], contributions: list[Contribution]) -> list[Hit]:
    """The comparatives of praise said of the past, in a past tense, in their clause ("Avant la recette était bien
    meilleure", "It was so much better before", "The old recipe was better", "Your coffee used to be better"): not
    negated, not compared with the past ("bien meilleur qu'avant", "better than the old one"), not with "now"."""
    found: list[Hit] = []
    for c in contributions:
        hit = c.hit
        if hit.last > hit.first and c.valence < 0 and c.negated_by is None and hit.family == "sentiment" \
                and not _BETTER.isdisjoint(hit.entry.tokens) and not _BEFORE.isdisjoint(hit.entry.tokens):
            found.append(hit)   # the lexicon's own phrase ("c'était mieux avant", "was better before")
            continue
        if c.valence <= 0 or c.negated_by is not None or hit.first != hit.last or hit.family != "sentiment" \
                or tokens[hit.first].folded not in _BETTER:
            continue
        first, last = hit.first, hit.last
        while first > 0 and not (tokens[first - 1].folded in _CLAUSE_BREAK or tokens[first - 1].folded in _REGRET_BREAKS):
            first -= 1
        while last + 1 < len(tokens) and not (tokens[last + 1].folded in _CLAUSE_BREAK
                                              or tokens[last + 1].folded in _REGRET_BREAKS):
            last += 1
        words = [t.folded for t in tokens[first:last + 1]]
        if _PAST.isdisjoint(words) or not _NOW.isdisjoint(words):
            continue
        at = hit.first - first
        before = [k for k, w in enumerate(words) if w in _BEFORE and (w != "used" or words[k + 1:k + 2] == ["to"])]
        # a past marker after "than"/"que" is what the present is compared with ("better than before")
        if any(not any(words[j] in _THAN and j > at for j in range(max(0, k - 3), k)) for k in before):
            found.append(hit)
            # "bien meilleure", "so much better": the praise word before it only says how much
            found += [o.hit for o in contributions if o.valence > 0 and o.hit.first == o.hit.last
                      and hit.first - 2 <= o.hit.first < hit.first and tokens[o.hit.first].folded in _HOW_MUCH]
    return found


#: A "no" that answers the question before it ("Débité deux fois ? Non, une seule", "Charged twice? No, just once"), the
#: words that may open the answer before it ("Ah non", "Actually no"), and what makes a question ask whether a problem
#: is over or fixed ("Fixed? No.", "Is the outage over? No"): then the "no" says it is not.
_NO_ANSWERS: Final = frozenset({"no", "non", "nope", "nah", "nan", "naan", "nop"})
_ANSWER_OPENERS: Final = frozenset({"ah", "euh", "bah", "ben", "bon", "well", "actually", "en", "fait", "finalement",
                                    "turns", "out"})
_OVER_WORDS: Final = frozenset({"over", "fini", "finie", "finis", "termine", "terminee", "gone", "done", "passe",
                                "passee", "fixed", "resolved", "solved", "sorted", "regle", "reglee", "resolu",
                                "resolue", "repare", "reparee", "back", "revenu", "revenue", "yet"})
#: Words after the answer that say the problem is there after all ("No, three times", "Non, toujours rien").
_STILL: Final = frozenset({"still", "yet", "toujours", "encore", "again", "pire", "worse", "more", "plus"})
#: Verbs after which "again" is the author's own second look ("checked again", "j'ai vérifié encore"), no recurrence.
_LOOKED: Final = frozenset({"checked", "check", "looked", "look", "verifie", "regarde", "relu", "reread"})
#: The author's own mistake named in the answer ("my mistake", "ma faute", "au temps pour moi"): no failure.
_OWN_FAULT: Final = frozenset({"mistake", "bad", "fault", "erreur", "faute", "tort"})
_MINE: Final = frozenset({"my", "mon", "ma"})
_ONCE: Final = frozenset({"one", "une", "un", "seule", "single"})


def _no_answers(tokens: list[Token]) -> list[tuple[int, int, int]]:
    """Questions answered "no" right after (first token, the "?", the "no"): the "no" may follow "ah", "actually"...
    and is closed by a comma, a stop or the end ("No answer", "Non mais", "Non ?" answer nothing)."""
    found: list[tuple[int, int, int]] = []
    n = len(tokens)
    for mark, token in enumerate(tokens):
        if "?" not in token.text or token.kind not in ("punct", "other") or mark == 0:
            continue
        k = mark + 1
        while k < n and tokens[k].kind in ("emoji", "emoticon"):
            k += 1
        opened = 0
        while k < n and tokens[k].folded in _ANSWER_OPENERS and opened < 2:
            k, opened = k + 1, opened + 1
        if k >= n or tokens[k].folded not in _NO_ANSWERS or tokens[k].kind != "word":
            continue
        answer = k
        closed = answer + 1 >= n or tokens[answer + 1].kind in ("emoji", "emoticon") or (
            tokens[answer + 1].kind in ("punct", "other") and "?" not in tokens[answer + 1].text
            and any(ch in ",.!…;" for ch in tokens[answer + 1].text))
        if not closed:
            continue
        first = mark
        while first > 0 and not (tokens[first - 1].kind in ("punct", "other")
                                 and any(ch in ".!?…" for ch in tokens[first - 1].text)):
            first -= 1
        found.append((first, mark, answer))
    return found


def self_answered(tokens: list[Token], hits: list[Hit]) -> list[tuple[int, int, int, bool]]:
    """Questions their author answers "no" right after (first token, the "?", the "no", whether the question asked
    if a problem was over or fixed). A problem asked about and denied ("Débité deux fois ? Non, une seule", "Was my parcel lost?
    No, it just arrived") is none: the answer must be a "no" closed by a comma or a stop and followed by words that
    name no failure, no recurrence and no count ("No, three times!", "Non mais sérieusement", "No answer for 3 days"
    deny nothing). A fix asked about and denied ("Fixed? No. Still down.") is no fix: then the answer may be alone."""
    found: list[tuple[int, int, int, bool]] = []
    for first, mark, answer in _no_answers(tokens):
        asked = [h for h in hits if first <= h.first and h.last < mark]
        over = any(h.family == "resolved" for h in asked) or any(
            tokens[i].folded in _OVER_WORDS for i in range(first, mark))
        if over:
            found.append((first, mark, answer, True))
            continue
        if not any(h.family in ("problem", "vague_problem") or h.family == "sentiment" and h.entry.weight < 0
                   for h in asked):
            continue
        if _clean_after(tokens, hits, answer):
            found.append((first, mark, answer, False))
    return found


def _clean_after(tokens: list[Token], hits: list[Hit], answer: int) -> bool:
    """Whether the words after a denial (at `answer`) name no failure, no recurrence and no count: "No, just once, my
    mistake", "Non, il vient d'arriver" (not "No, three times!", "Non, toujours rien", "No, it never came")."""
    rest = [t.folded for t in tokens[answer + 1:] if t.kind == "word"]
    if not rest or any(w in _STILL and not (i and rest[i - 1] in _LOOKED) for i, w in enumerate(rest)):
        return False
    if any(w in ("times", "fois") and (i == 0 or rest[i - 1] not in _ONCE) for i, w in enumerate(rest)):
        return False
    return not any(h.first > answer and not _no_failure(tokens, h)
                   and (h.family in ("problem", "vague_problem", "repetition", "insult", "threat", "boycott", "negation")
                        or h.family.startswith("severity:") or h.family == "sentiment" and h.entry.weight < 0)
                   for h in hits)


#: "I thought you double charged me but no, all good", "J'ai cru qu'il était perdu mais non, il est arrivé": what the
#: author thought, then denied, did not happen. The verbs of belief, and the denials that follow them.
_THOUGHT: Final = frozenset({"thought", "assumed", "believed", "feared", "pensais", "croyais", "cru", "pense",
                             "imaginais", "craignais"})
_THOUGHT_DENIED: Final = (("but", "no"), ("but", "nope"), ("mais", "non"), ("mais", "en", "fait", "non"),
                          ("actually", "no"), ("en", "fait", "non"), ("but", "nah"))


def thought_denied(tokens: list[Token], hits: list[Hit]) -> dict[int, int]:
    """The problems the author says they thought had happened, then denies ("I thought you double charged me but no,
    all good"): {start of the problem: the denial's first word}. The denial must close its clause ("but no refund"
    denies nothing) and be followed by words that name no failure ("but no, three times" is worse)."""
    folded = [t.folded for t in tokens]
    if _THOUGHT.isdisjoint(folded):
        return {}
    gone: dict[int, int] = {}
    for t, word in enumerate(folded):
        if word not in _THOUGHT:
            continue
        for b in range(t + 2, len(folded)):
            phrase = next((p for p in _THOUGHT_DENIED if tuple(folded[b:b + len(p)]) == p), None)
            if phrase is None:
                continue
            end = b + len(phrase) - 1
            closed = end + 1 >= len(tokens) or tokens[end + 1].kind in ("punct", "other", "emoji", "emoticon")
            if closed and _clean_after(tokens, hits, end):
                for hit in hits:
                    if t < hit.first and hit.last < b and (hit.family in ("problem", "vague_problem")
                                                           or hit.family == "sentiment" and hit.entry.weight < 0):
                        gone[hit.first] = b
            break
    return gone


def _no_failure(tokens: list[Token], hit: Hit) -> bool:
    """A word of an answer that names no failure though the lexicon gives it one: the author's own mistake ("my
    mistake", "ma faute"), "une seule" (once, not lonely), "checked again"."""
    if hit.first == 0 or hit.first != hit.last:
        return False
    before = tokens[hit.first - 1].folded
    if hit.family == "sentiment" and hit.entry.weight < 0:
        return tokens[hit.first].folded in _OWN_FAULT and before in _MINE or before in _ONCE
    return hit.family == "repetition" and before in _LOOKED


def score(tokens: list[Token], hits: list[Hit], *, french: bool, failure_present: bool,
          duration_present: bool, failed: list[tuple[Hit, int]] | None = None, text: str = "",
          late: bool = False, lowered: str | None = None) -> SentimentReading:
    """The sentiment reading; `failed` is negated_fail_verbs(tokens, hits, ...) when already found, `text` the
    comment the tokens come from (for the call into the void; `lowered`: text.lower(), if at hand), `late` whether
    it counts a delivery past the day promised (situations.late_by_day_count)."""
    fam: dict[str, list[Hit]] = {}
    for h in hits:
        fam.setdefault(h.entry.family, []).append(h)
    get = fam.get
    negations = active_negations(tokens, get("negation", []), french)
    boosters = {h.last: h.entry.weight for h in get("booster", []) + get("dampener", [])}
    starts = {h.first for h in get("sentiment", [])}
    # "super lent", "so pretty bad": a word that is both praise and an intensifier, right before
    # another sentiment word, only intensifies it.
    sentiment_hits = pick_longest([h for h in get("sentiment", [])
                                   if not (h.first == h.last and h.last in boosters
                                            and h.last + 1 in starts)])
    # Praise inside a wish is hypothetical: "ce serait top d'avoir...", "would love to see SSO".
    wished = {i for h in get("suggestion", []) if h.last > h.first for i in range(h.first, h.last + 1)}
    sentiment_hits = [h for h in sentiment_hits if not (h.first in wished and h.last in wished)]
    # "Plus jamais de bug depuis la mise à jour", "No more crashes": the problem is over; the words saying so are no
    # letdown ("plus jamais" alone is one), and the problem's own words are denied
    gone, ending = problems_gone(tokens, hits)
    # "Débité deux fois ? Non, une seule": a problem its author asks about and denies weighs nothing; "Fixed? No.": a
    # fix asked about and denied is none
    answered = self_answered(tokens, hits) if "?" in text or any("?" in t.text for t in tokens) else []
    denied_fixes: set[int] = set()
    if answered:
        for first, mark, answer, over in answered:
            for hit in hits:
                if first <= hit.first and hit.last < mark:
                    if over and (hit.family == "resolved" or hit.family == "sentiment" and hit.entry.weight > 0):
                        denied_fixes.add(hit.first)
                    elif not over and hit.family in ("problem", "vague_problem", "sentiment") \
                            and (hit.family != "sentiment" or hit.entry.weight < 0):
                        gone.setdefault(hit.first, mark)
        # the problem's words, the "no" ("nope") and the answer's own mistake are no displeasure
        spoken = {h.first for h in sentiment_hits if h.entry.weight < 0 and any(
            not over and (first <= h.first and h.last < mark or h.first == answer
                          or h.first > answer and _no_failure(tokens, h)) for first, mark, answer, over in answered)}
        sentiment_hits = [h for h in sentiment_hits if h.first not in spoken]
    if ending:
        sentiment_hits = [h for h in sentiment_hits if not all(i in ending for i in range(h.first, h.last + 1))]
    # "Ostie que c'est bon", "c'est tabarnak de bon": a Québec swear word for emphasis says no displeasure; it
    # stresses the praise it leads to
    emphasised: set[int] = set()
    if any(tokens[h.first].folded in SACRES for h in sentiment_hits):
        praise_starts = {h.first for h in sentiment_hits if h.entry.weight > 0}
        for hit in sentiment_hits:
            praised = emphasis_of(tokens, hit.first, praise_starts)
            if praised is not None:
                emphasised.add(praised)
        sentiment_hits = [h for h in sentiment_hits if emphasis_of(tokens, h.first, praise_starts) is None]
    in_sentiment = {i for h in sentiment_hits for i in range(h.first, h.last + 1)}
    contrast_at = max((h.first for h in get("contrast", [])), default=None)
    word_tokens = [t for t in tokens if t.kind == "word"]
    all_caps_text = len(word_tokens) >= 3 and all(t.text.isupper() for t in word_tokens if len(t.text) > 1)

    # "réduire la pollution", "moins cher", "fight poverty": what lessens a valenced word reverses it
    # (by half), and a reducer that is itself negative ("baisse du chômage") then says nothing more.
    reducers = sorted(h.last for h in get("reducer", [])
                      if not (h.first > 0 and tokens[h.first - 1].folded in _NOT_REDUCING))
    reduced_by: dict[int, int] = {}
    for hit in sentiment_hits:
        for r in reducers:
            # "moins cher", "less reliable": a comparative lessens only the word right after it
            reach = 2 if tokens[r].folded in _COMPARATIVES else 4
            if hit.first - reach <= r < hit.first and not any(
                    (tokens[j].kind in ("punct", "other") and tokens[j].folded in _CLAUSE_BREAK)
                    or tokens[j].folded in _CLAUSE_SUBJECTS
                    for j in range(r + 1, hit.first)) and r not in range(hit.first, hit.last + 1):
                reduced_by[hit.first] = r
    reducing = set(reduced_by.values())
    sentiment_hits = [h for h in sentiment_hits if not (h.first == h.last and h.first in reducing)]

    contributions: list[Contribution] = []
    free_negations = negations - in_sentiment   # (the same for every hit: made once)
    for hit in sentiment_hits:
        valence = hit.entry.weight
        if hit.first in reduced_by:
            valence *= REDUCER_SCALAR
        token = tokens[hit.first]
        for gap in (1, 2):
            factor = boosters.get(hit.first - gap)
            if factor is not None and (hit.first - gap) not in in_sentiment:
                valence *= factor
                break
        if hit.first in emphasised:
            valence *= 1.3
        if token.folded in BROKE and hit.first == hit.last and said_of_self(tokens, hit.first):
            valence *= SELF_BROKE_SCALAR   # "I'm broke lol", "chu cassé": the author's wallet, no failure
        if token.is_caps and not all_caps_text:
            valence *= 1.4
        if token.stretched:
            valence *= 1.25
        neg = None
        # an emoji, an emoticon or a laugh is never under a negation ("il ne se chasse pas lol ^^")
        # "n'est pas terrible", "n'est pas mal": the "ne" belongs to the phrase's own negation
        if token.kind not in ("emoji", "emoticon") and token.folded not in _LAUGHS \
                and token.folded not in _PHRASE_NEGATIONS:
            neg = _negator_before(tokens, free_negations, hit.first)
            if neg is None and french:
                neg = _negator_after_fr(tokens, hit.last)
        if neg is None and hit.first in gone and valence < 0:
            neg = gone[hit.first]
        if neg is None and hit.first in denied_fixes and valence > 0:
            neg = hit.first   # "Fixed? No.": the fix asked about is denied
        if neg is not None:
            valence *= NEGATION_SCALAR
        if contrast_at is not None:
            valence *= 0.5 if hit.first < contrast_at else 1.5
        if neg is None and hit.first in reduced_by:
            neg = reduced_by[hit.first]     # the cue shows what reversed the word ("moins" cher)
        contributions.append(Contribution(hit, valence, neg))

    # "the new DLC is insane, thanks team!", "graphics are sick 🔥", "that boss fight was brutal, loved it": a word of
    # wild intensity takes the valence of the rest when the rest is all praise and nothing failed ("the lag is
    # insane", "les prix sont dingues" stay bad)
    if not failure_present and any(c.valence < 0 and c.negated_by is None and c.hit.first == c.hit.last
                                   and tokens[c.hit.first].folded in _AMBIVALENT for c in contributions):
        wild = [c for c in contributions if c.valence < 0 and c.negated_by is None and c.hit.first == c.hit.last
                and tokens[c.hit.first].folded in _AMBIVALENT]
        rest = [c for c in contributions if all(c is not w for w in wild)]
        if rest and all(c.valence > 0 for c in rest) and not any(
                name in fam for name in ("problem", "vague_problem", "fail_verb", "threat", "profanity")):
            for c in wild:
                c.valence = -c.valence
    # "Avant la recette était bien meilleure", "It was so much better before": praise of the past regrets a change
    regretted = _regretted(tokens, contributions) if not _BETTER.isdisjoint([t.folded for t in tokens]) else []
    for c in contributions:
        if any(c.hit is h for h in regretted):
            c.valence = -abs(c.valence)

    problem_total = 0.0
    # A problem or harm word inside a set phrase already read ("pas de souci", "feu vert") is that phrase.
    in_phrase = {i for h in sentiment_hits if h.last > h.first for i in range(h.first, h.last + 1)}
    # A vague problem that is also a sentiment word ("déçue", "disappointed") is read once, as that word, with
    # its negation ("jamais déçue par vos produits"); a letdown marker (weight < 1: "never again", "pas top")
    # leaves the valence to the words around it.
    worded = {(h.first, h.last) for h in sentiment_hits} if "vague_problem" in fam else set()
    valenced = [h for name in fam if name in PROBLEM_VALENCE for h in fam[name]
                if not (name == "vague_problem" and ((h.first, h.last) in worded or h.entry.weight < 1))]
    if "severity:data_leak" in fam and data_rights_request(tokens, hits):   # a request, no incident
        valenced = [h for h in valenced if h.family != "severity:data_leak"]
    valenced.sort(key=lambda h: h.first)
    # A lone harm word ("hospital", "doctor", "feu") carries no valence of its own unless something
    # else is wrong, or the comment tells a first-hand experience or speaks to the brand: "the
    # hospital radio show" is no complaint, "my daughter had a reaction" is. (Read for the severity hits only.)
    displeased = any(h.family.startswith("severity:") for h in valenced) and (
        failure_present or sum(c.valence for c in contributions if c.valence < 0) <= -1.0
        or any(name in fam for name in ("problem", "vague_problem", "insult", "threat", "personal"))
        or any(name.startswith("topic:") for name in fam)
        or any(t.folded in _ADDRESSED for t in tokens))
    ailing = [h for h in valenced if h.family in ("severity:health", "severity:safety")] if text else []
    for hit in valenced:
        weight = PROBLEM_VALENCE.get(hit.family)
        if weight is not None and hit.first in in_phrase and hit.last in in_phrase:
            continue
        if hit.first in gone and hit.family in ("problem", "vague_problem"):
            continue      # "plus de bug", "no more crashes": a problem over weighs nothing against the brand
        if weight is not None and (hit.family.startswith("severity:") or hit.family == "problem" and any(
                h.first <= hit.first and hit.last <= h.last for h in ailing)) and own_ailment(text, tokens, hit):
            continue      # "J'avais une gastro, votre livreur a été adorable, merci": the author's context, no harm
        if weight is not None and hit.family.startswith("severity:") and not displeased \
                and (len(hit.entry.tokens) == 1 or hit.entry.tokens in DATA_NAMED):   # "my data" names, no harm
            continue
        if hit.family == "resolved" and (_negator_before(tokens, negations, hit.first) is not None
                                         or french and _negator_after_fr(tokens, hit.last) is not None
                                         or hit.first in denied_fixes):
            # "ça marche toujours pas" is no fix (its verb weighs as a failure); "n'a rien résolu", "Fixed? No.": the
            # failure is still there
            if not any(o.family == "fail_verb" and o.first <= hit.last and hit.first <= o.last
                       for o in get("fail_verb", [])):
                contributions.append(Contribution(hit, -1.0, hit.first))
                problem_total -= 1.0
            continue
        if weight is not None:
            if contrast_at is not None:
                weight *= 0.6 if hit.first < contrast_at else 1.2
            contributions.append(Contribution(hit, weight))
            problem_total += weight
    if failed is None:
        failed = negated_fail_verbs(tokens, hits, negations, french)
    for hit, neg in failed:
        contributions.append(Contribution(hit, -1.8, neg))
        problem_total -= 1.8

    if gone and failure_present and not failed \
            and all(h.first in gone for h in hits if h.family == "problem"):
        failure_present = False   # "Aucun bug depuis la mise à jour, bravo": no failure for the praise to frame
    # Sarcasm: praise framing a failure. The praise is flipped, not merely ignored.
    # a weak frame (heart eyes: weight < 1) frames only a failure or a parcel past its promised day, never next to
    # a contrast word ("top produit 😍 mais le flacon fuit" praises, then complains) nor a duration alone ("here
    # in 24h 🥰" is how fast it came)
    frames = [h for h in get("sarcasm", []) if _frames(tokens, h)]
    strong_frame = any(h.entry.weight >= 1 for h in frames)
    sarcasm_frame = strong_frame or bool(frames) and contrast_at is None and (failure_present or late)
    if duration_present and strong_frame and _MINIMISED_WAIT.search(text) is not None \
            and _MINIMISED_WAIT.sub("", text) == _DURATION_LEFT.sub("", _MINIMISED_WAIT.sub("", text)):
        # "Only waited 20 minutes, the staff were great", "Attendu seulement 10 minutes, top": a short wait the author
        # minimises is no failure for the praise to frame
        duration_present = False
    late = late or duration_present and strong_frame
    positive = sum(c.valence for c in contributions if c.valence > 0)
    negative = sum(c.valence for c in contributions if c.valence < 0)
    explicit = any(h.entry.weight >= 2 for h in get("sarcasm", []))   # "#sarcasm", "/s"
    # Sincere praise that mentions a mishap ("super sympa avec ma fille qui avait oublié son billet",
    # "problème réglé, chapeau") is no irony: the praise outweighs the mishap, or the problem is fixed.
    fixed = any(c.hit.family == "resolved" for c in contributions)
    framed = {i for h in get("sarcasm", []) for i in range(h.first, h.last + 1)}
    sincere = sum(c.valence for c in contributions
                  if c.valence > 0 and framed.isdisjoint(range(c.hit.first, c.hit.last + 1)))
    outweighed = sincere > 2 * -negative
    repeated = negative < 0 and "repetition" in fam    # "encore une panne"
    sarcasm = bool(sarcasm_frame and positive > 0 and (
        explicit
        or (failure_present or late or repeated) and not fixed
        or negative <= SARCASM_EVIDENCE and not fixed and not outweighed))
    if sarcasm:
        for c in contributions:
            if c.valence > 0 and c.hit.family == "sentiment":
                c.valence = -0.8 * c.valence

    elif positive > 0 and negative == 0 and _trailing_off(tokens):
        # "This is great..." / "Trop bien..." trailing off: praise said with a sigh is not praise
        for c in contributions:
            if c.valence > 0 and c.hit.family == "sentiment":
                c.valence *= TRAILING_OFF

    total = sum(c.valence for c in contributions)
    marks = [t.text for t in tokens if t.kind == "punct"]   # runs of ! and ?, read once
    exclamations = sum(m.count("!") for m in marks) if marks else 0
    questions = sum(m.count("?") for m in marks) if marks else 0
    if total:
        emphasis = 0.29 * min(exclamations, 4) + (0.18 * min(questions, 4) if questions > 1 else 0.0)
        total += math.copysign(emphasis, total)
    caps_anger = all_caps_text and total < 0
    if caps_anger:
        total *= 1.3
    compound = total / math.sqrt(total * total + 15.0)
    label = "positive" if compound >= 0.2 else "negative" if compound <= -0.15 else "neutral"
    rounded = round(compound, 3)
    # whatever the words weigh: nobody answers the call ("Are you even reading your DMs?"), or the author
    # laughs at the brand's delays or prices ("mdr vos délais 😂": read as sarcasm)
    if label != "negative" and _VOID_CALL.search(text, lowered):
        label, rounded = "negative", min(rounded, -0.4)
    mocked = _mockery(tokens, hits) if label != "negative" else []
    if mocked:
        label, rounded, sarcasm = "negative", min(rounded, -0.4), True
    return SentimentReading(rounded, label, contributions, sarcasm, caps_anger, exclamations, mocked, set(gone), ending,
                            regretted, [(first, mark) for first, mark, _, over in answered if not over])


#: A claim of the brand's in scare quotes ('votre shampoing "nourrissant"', 'your "nourishing" shampoo', 'vos bottes
#: « imperméables »'): quoting the brand's own word back at it, outside a question or praise, says it did not hold.
_QUOTED_CLAIM: Final = re.compile(
    r"(?i)\b(?:votre|vos|ton|ta|tes|your|ur|soi-disant|pr[ée]tendue?s?|so-called|supposedly)\s+(?:[\w’'-]+\s+){0,2}?"
    r"[\"“«]\s?((?-i:[a-zà-ÿ])[\w’'\s-]{2,30}?)\s?[\"”»]")
#: Laughter beside a quoted claim mocks it ('your "fast" charger takes 5 hours lol'): it praises nothing.
_CLAIM_LAUGHS: Final = frozenset({"lol", "lool", "mdr", "ptdr", "haha", "hahaha", "lmao", "xd", "mort"})
_CLAIM_MOCKED: Final = Entry(("quoted", "claim"), "sarcasm", 1.0)
_CLAIM_TOPIC: Final = Entry(("quoted", "claim"), "topic:product_quality", 1.0)
_CLAIM_FAILED: Final = Entry(("quoted", "claim"), "problem", 1.0)   # the product did not do what it claims


def _quoted_claim(text: str, tokens: list[Token]) -> tuple[int, int] | None:
    """The tokens of a claim the comment quotes back at the brand (first, last), or None."""
    if "?" in text:
        return None
    found = _QUOTED_CLAIM.search(text)
    if found is None or len(found.group(1).split()) > 3:
        return None
    inside = [i for i, t in enumerate(tokens) if found.start(1) <= t.start < found.end(1) and t.kind == "word"]
    return (inside[0], inside[-1]) if inside else None

#: A short quotation ("réactif", “fast delivery”, « rapide »), its words in group 1.
_QUOTED: Final = re.compile(r'"\s?([^"\n]{2,40}?)\s?"|“\s?([^”\n]{2,40}?)\s?”|«\s?([^»\n]{2,40}?)\s?»')
#: What mocks the words just quoted ('Le service client "réactif" ? Laissez-moi rire', 'Their "fast delivery" lol').
_ECHO_MOCKS: Final = frozenset({"lol", "lool", "mdr", "ptdr", "haha", "hahaha", "lmao", "xd", "rire", "oeil", "right",
                                "foot", "joke", "blague", "sure", "apparently", "apparemment", "supposedly",
                                "soi-disant", "parait-il", "\U0001f602", "\U0001f923", "\U0001f644"})
#: Words that make the sentence before the quotation a question of its own ('Vous proposez la "livraison rapide" ?',
#: 'Is the "premium" plan worth it?'): the quotation names an offer asked about, it echoes nothing.
_ECHO_ASKING: Final = frozenset({"vous", "tu", "you", "u", "do", "does", "did", "is", "are", "can", "could", "est-ce",
                                 "quoi", "what", "how", "comment", "ou", "where", "quel", "quelle", "which", "y", "il",
                                 "on", "je", "j", "i", "we", "nous", "a", "as", "avez", "have", "has", "est", "c"})
ECHO_MOCKED: Final = Entry(("quoted", "echo"), "sarcasm", 1.0)


def echoed_praise(text: str, tokens: list[Token], reading: SentimentReading) -> list[Hit]:
    """Praise quoted back with a "?" right after it, or with a mocking word after it ('Le service client "réactif" ?
    Laissez-moi rire', 'Their "fast delivery"? Two weeks.', 'Leur livraison "express" mdr'): scare quotes, sarcasm.
    The quoted praise is flipped in `reading` (negative, sarcastic, the quotation mocked) and the mocked hits are
    returned. A quotation inside a question of its own ('Vous proposez la "livraison rapide" ?') echoes nothing."""
    found: list[Hit] = []
    praise = [c for c in reading.contributions if c.valence > 0 and c.hit.family == "sentiment"]
    if not praise:
        return found
    for match in _QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        inside = [i for i, t in enumerate(tokens) if match.start(group) <= t.start < match.end(group)]
        words = [i for i in inside if tokens[i].kind == "word"]
        if not words or len(words) > 4:
            continue
        praised = [c for c in praise if c.hit.first <= inside[-1] and inside[0] <= c.hit.last]   # "le" "meilleur"
        if not praised:
            continue
        after = [i for i, t in enumerate(tokens) if t.start >= match.end()]
        # the "?" right after it, or closing its noun phrase ('Le "meilleur" SAV de France ?')
        ends = [k for k, i in enumerate(after[:5]) if tokens[i].kind in ("punct", "other")
                and any(ch in ".!?…," for ch in tokens[i].text)]
        asked = bool(ends) and tokens[after[ends[0]]].text.startswith("?")
        between = [tokens[i].folded for i in after[:ends[0]]] if asked else []
        mocked = any(tokens[i].folded in _ECHO_MOCKS for i in after[:5])
        if not (asked or mocked):
            continue
        # the sentence before the quotation: a noun phrase, not a question of its own
        start = inside[0] - 1
        while start > 0 and not (tokens[start - 1].kind in ("punct", "other")
                                 and any(ch in ".!?…" for ch in tokens[start - 1].text)):
            start -= 1
        before = [t.folded for t in tokens[start:inside[0]] if t.kind == "word"] + between
        if asked and not mocked and (len(before) > 4 or not _ECHO_ASKING.isdisjoint(before)):
            continue
        for c in praised:
            c.valence = -0.8 * c.valence
        found.append(Hit(inside[0], inside[-1], ECHO_MOCKED, ECHO_MOCKED.family))
    if found:
        reading.label, reading.score, reading.sarcasm = "negative", min(reading.score, -0.4), True
        reading.mocked.extend(found)
    return found


def quoted_claim(text: str, tokens: list[Token], hits: list[Hit], reading: SentimentReading) -> list[Hit]:
    """'Cheveux tout secs après votre shampoing "nourrissant"': the brand's claim quoted back at it is irony about
    the product, unless another topic is named or the comment praises something in its own words ("j'adore votre
    crème « magique »"; laughter praises nothing). Then `reading` turns negative and sarcastic, with the claim as
    its mocked span, and the hits to add are returned: the claim names the product and its failure."""
    quoted = '"' in text or "“" in text or "«" in text
    claim = _quoted_claim(text, tokens) if quoted else None
    if claim is None or any(h.family.startswith("topic:") and h.family != "topic:product_quality" for h in hits) \
            or any(c.valence > 0 and not (claim[0] <= c.hit.first and c.hit.last <= claim[1])
                   and tokens[c.hit.first].folded not in _CLAIM_LAUGHS for c in reading.contributions):
        if quoted:   # 'Le service client "réactif" ? Laissez-moi rire': praise echoed, mocked
            echoed_praise(text, tokens, reading)
        return []
    first, last = claim
    reading.label, reading.score, reading.sarcasm = "negative", min(reading.score, -0.4), True
    reading.mocked.append(Hit(first, last, _CLAIM_MOCKED, _CLAIM_MOCKED.family))
    return [Hit(first, last, _CLAIM_TOPIC, _CLAIM_TOPIC.family), Hit(first, last, _CLAIM_FAILED, _CLAIM_FAILED.family)]

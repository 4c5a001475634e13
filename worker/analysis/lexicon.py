"""Lexicons kept as data files (data/<lang>/cues.tsv, data/common.tsv) and the matcher over tokens.

A line is `pattern<TAB>family<TAB>weight<TAB>why`. A pattern is one or more folded tokens
(lower case, no accents; French elisions split: "n'est" is "n est"); a token ending in `*`
matches any token with that prefix. Families name what a match signals (see FAMILIES).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Final, NamedTuple

import ahocorasick

from worker.analysis.normalize import Token, fold, squash, tokenize

DATA = Path(__file__).parent / "data"
_DOUBLED: Final = re.compile(r"(\w)\1+")
_APOSTROPHES: Final = frozenset({"'", "’", "‘", "`", "´"})
#: Quotation marks, left out of the matched string like apostrophes: a status quoted from a tracking page
#: ('toujours "en préparation"', 'still says "processing"') reads as the words around it.
_QUOTES: Final = frozenset({'"', "“", "”", "«", "»", "„"})
_SKIPPED: Final = _APOSTROPHES | _QUOTES
_CAMEL: Final = re.compile(r"[^\W\d_a-zà-ÿ][a-zà-ÿ]+|[^\W\d_a-zà-ÿ]+(?![a-zà-ÿ])|[a-zà-ÿ]+")

#: A promo code named ("promo code", "code promo", "coupon", "bon de réduction", "le code NOEL20"): read by the classification (a code
#: refused is the brand's error) and by the drafts (which check the code and apply the discount).
#: A code named by its name ("le code NOEL20", "Code XMAS20", "coupon LOVE15", "the code WELCOME"): letters with digits,
#: or capitals (the code word itself not shouted: "LE CODE BARRE" names no code); not the name of a technical code
#: ("code 2FA", "code PIN", "code WIFI", "code erreur 403", "the QR code").
_TECH_CODES: Final = r"(?!(?i:2fa|3ds|a2f|4g|5g|mfa|otp|wifi|iban|http|https|html|siret|sms|pin|puk|qr|api|bic|rib)\b)"
_CODE_NAME: Final = r"(?=(?:[0-9]*[A-Za-zÀ-ÿ]){2})(?=[A-Za-zÀ-ÿ]*[0-9])[A-Za-zÀ-ÿ0-9]{3,20}"
NAMED_CODE: Final = re.compile(
    r"\b(?:(?i:codes?|coupons?|vouchers?|promo|promocode)\s?:?\s?[\"“«]?\s?" + _TECH_CODES + _CODE_NAME
    + r"|(?:[Cc]odes?|[Cc]oupons?|[Vv]ouchers?|[Pp]romo)\s?:?\s?[\"“«]?\s?" + _TECH_CODES + r"[A-ZÀ-Ý]{4,20}"
    # "the XMAS20 code", "my WELCOME10 coupon": the name before the code word
    + r"|(?i:the|my|this|your|our)\s" + _TECH_CODES + _CODE_NAME + r"\s(?i:code|coupon|voucher|promo))\b")
PROMO_CODE: Final = re.compile(r"(?i:\b(?:promo\s*code|code\s+promo|coupon|voucher|discount\s+code|"
                               r"code\s+de\s+r[ée]duction|bon\s+de\s+r[ée]duction)\b)|" + NAMED_CODE.pattern)
#: A code or a voucher refused, rejected or out of date ("le code NOEL20 est refusé", "Coupon LOVE15 expired", "The code
#: WELCOME10 won't apply"): with a code named, the failure the brand answers for, whatever stands between.
CODE_REFUSED: Final = re.compile(
    r"(?i)\b(?:refus[ée]e?s?|refused|rejet[ée]e?s?|rejected|declined|denied|invalid(?:e|es|s)?|non\s+valides?|"
    r"not\s+valid|(?:pas|plus)\s+valides?|expir[ée]e?s?|expired|(?:won['’]?t|doesn['’]?t|didn['’]?t|does\s+not|"
    r"did\s+not|will\s+not)\s+(?:apply|be\s+applied|go\s+through)|not\s+(?:accepted|applied|recogni[sz]ed)|"
    r"ne\s+s['’]\s?applique\s+(?:pas|plus)|(?:pas|plus)\s+(?:accept[ée]e?s?|appliqu[ée]e?s?|reconnue?s?|pris(?:e|es)?\s+en\s+compte)|"
    r"n['’]\s?(?:est|a)\s+(?:pas|plus|jamais)\s+(?:accept[ée]e?|appliqu[ée]e?|reconnue?|pris(?:e)?\s+en\s+compte|valide|fonctionn[ée]|march[ée]))\b")
#: An ad that promised a delivery time, called a lie ("La pub dit 48h… Mensonger.", "Your ad says 2-day delivery… Lies.",
#: "Pub mensongère, livraison en 48h mon œil"): a broken delivery promise, the brand's error about the delivery, not a
#: product that does not do what it claims.
_AD: Final = (r"(?:pubs?|publicit[ée]s?|r[ée]clames?|annonces?|spots?|ads?|adverts?|advertisements?|advertising|"
              r"commercials?)")
_DELIVERY_PROMISE: Final = (r"(?:\d+\s?h\b|\d+\s?(?:heures?|hours?|hrs?|jours?|days?)\b|\d+[\s-]days?\b|next[\s-]day|"
                            r"same[\s-]day|overnight|le\s+lendemain|jour\s+m[eê]me|livraison\s+(?:express|rapide)|"
                            r"(?:express|fast|quick|speedy)\s+(?:delivery|shipping))")
_LIE: Final = (r"(?:mensong\w*|trompeu\w*|faux|fausse|bidon|mon\s+(?:œil|oeil)|foutaises?|lies?|lying|liars?|false|"
               r"misleading|bs|bullshit|fake|arnaque|scam)")
LYING_AD: Final = re.compile(r"(?i)\b" + _AD + r"\b[^.!?…\n]{0,60}?" + _DELIVERY_PROMISE)
AD_LIE: Final = re.compile(r"(?i)\b" + _LIE + r"\b")
#: A code said not to work, whatever stands between ("Why isn't my code SPRING25 working??", "the code WELCOME10 doesn't
#: work"): a failure stated, even in a question (French says it with "ne marche pas", a failure verb read anyway).
CODE_NOT_WORKING: Final = re.compile(
    r"(?i)\b(?:isn['’]?t|is\s+not|aren['’]?t|are\s+not|doesn['’]?t|does\s+not|didn['’]?t|did\s+not|won['’]?t|"
    r"will\s+not|not|never)\s+(?:[\w’'-]+\s+){0,4}?(?:work(?:ing|s|ed)?|go(?:ing|es)?\s+through)\b")
#: A voucher or a gift card named ("bon d'achat", "carte cadeau", "avoir", "gift card", "store credit"): refused, it is
#: handled like a promo code (the brand checks it and lets the customer use its value), not as a refund awaited.
VOUCHER: Final = re.compile(r"(?i)\b(?:bons?\s+d['’]\s?(?:achat|avoir)|(?:e-?)?cartes?[\s-]cadeaux?|ch[èe]ques?[\s-]cadeaux?|"
                            r"gift\s*cards?|gift\s+vouchers?|gift\s+certificates?|vouchers?|store\s+credit|"
                            r"(?:mon|un|votre)\s+avoir)\b")
_GAP: Final = r"(?:[\s'’]+[\w-]+){0,4}?[\s'’]+"
#: A journey disrupted: a flight, a train or a connection cancelled, delayed, overbooked or missed ("Vol annulé la
#: veille", "Flight delayed 6 hours", "ils ont supprimé notre train"). An airline or a railway's failure, not a
#: parcel's: the remedy is another departure or a refund, and the compensation due.
_TRAVEL: Final = (r"(?:(?<!du )(?<!au )vols?|flights?|(?<!en )trains?|tgv|ouigo|eurostar|intercit[ée]s|correspondances?|"
                  r"connecting\s+flights?|ferry|ferries|escales?|layovers?|embarquement|boarding)")
_DISRUPTED: Final = (r"(?:annul[ée]e?s?|supprim[ée]e?s?|retard[ée]?e?s?|cancel+(?:ed|ations?)|delayed|delays?|"
                     r"overbook(?:ed|ing)|surbook[ée]e?s?|diverted|d[ée]rout[ée]e?s?|rat[ée]e?s?|manqu[ée]e?s?|missed|"
                     r"grounded)")
#: A journey moved by the carrier ("mon vol a été décalé de 6h", "flight rescheduled"): only after the journey, as the
#: author moving their own ("j'ai déplacé mon vol", "I rescheduled my flight") is no disruption.
_MOVED: Final = r"(?:d[ée]plac[ée]e?s?|d[ée]cal[ée]e?s?|reprogramm[ée]e?s?|rescheduled)"
#: Letters a case-blind pattern reads as an ASCII letter though str.lower() does not give that letter alone in their
#: place: the dotless i, the long s and the dotted capital I ("İ".lower() is two characters).
_ODD_CASE: Final = ("\u0131", "\u017f", "\u0130")


class Gated:
    """A case-blind pattern searched only in a text that holds, lower-cased, one of `needles`: strings that every
    match holds, in lower case (a test much cheaper than the search, which tries the pattern at every word of the
    text). `search` finds what the pattern's own search finds (tests/analysis/test_gaps_jan.py checks it)."""

    def __init__(self, pattern: re.Pattern[str], needles: tuple[str, ...],
                 words: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.needles = needles
        #: A pattern every match of `pattern` holds a match of, searched after a needle is found (a needle
        #: may stand inside another word: "en train de", "volé"); searched in the text itself, so exact too.
        self.words = words

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """`lowered` is text.lower(), when the caller has it already (a text is lowered once, not per pattern)."""
        if lowered is None:
            lowered = text.lower()
        for needle in self.needles:
            if needle in lowered:
                words = self.words
                return words is None or words.search(text) is not None
        return odd_case(text)

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text, lowered) else None


def odd_case(text: str) -> bool:
    """Whether the text holds one of _ODD_CASE's letters: a case-blind pattern may then match it where the same
    pattern, without IGNORECASE, finds nothing in text.lower() (elsewhere both find the same spans: lower() keeps
    the length of every other letter)."""
    return _ODD_CASE[0] in text or _ODD_CASE[1] in text or _ODD_CASE[2] in text


#: Every journey disrupted names the journey: one of _TRAVEL's words, which start with these.
_TRAVEL_NEEDLES: Final = ("vol", "flight", "train", "tgv", "ouigo", "eurostar", "intercit", "correspondance", "ferr",
                          "escale", "layover", "embarquement", "boarding")
#: ... and one of them whole, after a word boundary and before a space, an apostrophe or the end (as _GAP and the
#: final \b read it): "en train de" and "volé" hold a needle but no such word (the search costs about 37k
#: instructions).
_TRAVEL_WORD: Final = re.compile(r"(?i)\b" + _TRAVEL + r"\b")
TRAVEL_DISRUPTION: Final = Gated(re.compile(r"(?i)\b(?:" + _TRAVEL + _GAP + "(?:" + _DISRUPTED + "|" + _MOVED + ")|"
                                            + _DISRUPTED + _GAP + _TRAVEL + r")\b"), _TRAVEL_NEEDLES, _TRAVEL_WORD)
#: Weather that grounds a journey ("vol annulé à cause de la tempête", "flight cancelled due to the snowstorm"), or a
#: strike ("vol annulé à cause de la grève", "train cancelled, rail strike"): no fault of the carrier's to admit,
#: though the traveller is still rebooked or refunded.
WEATHER: Final = re.compile(r"(?i)\b(?:temp[êe]tes?|neige|chutes?\s+de\s+neige|enneig[ée]e?s?|orages?|orageu\w+|ouragans?|"
                            r"cyclones?|brouillard|intemp[ée]ries?|m[ée]t[ée]o|conditions\s+m[ée]t[ée]o\w*|verglas|"
                            r"vents?\s+violents?|inondations?|typhons?|temps\s+(?:exceptionnel|extr[êe]me)|"
                            r"storms?|snow|snowstorms?|snowfall|blizzards?|hurricanes?|typhoons?|fog|foggy|"
                            r"thunderstorms?|weather|ice\s+storms?|icy\s+conditions|floods?|flooding|high\s+winds?|"
                            r"heavy\s+winds?|gales?|volcanic\s+ash|cendres?\s+volcaniques?|"
                            # a strike, the staff's own too: no error of the carrier's to apologise for either
                            r"gr[èe]ves?|gr[ée]vistes?|mouvements?\s+soci(?:al|aux)|strikes?|striking|walk-?outs?|"
                            r"industrial\s+action)\b")
#: The author disputes the weather given as the cause ("'à cause de la météo' alors qu'il fait grand soleil", "so-called
#: bad weather"): the carrier's excuse, not the cause.
WEATHER_DOUBTED: Final = re.compile(r"(?i)(?:soi[- ]disant|pr[ée]tendu\w*|supposedly|so[- ]called|apparently|"
                                    r"grand\s+soleil|ciel\s+bleu|beau\s+temps|il\s+fait\s+beau|sunny|sunshine|"
                                    r"clear\s+sk(?:y|ies)|blue\s+sk(?:y|ies)|excuse|pr[ée]texte|[\"“«]\s?(?:m[ée]t[ée]o|"
                                    r"weather|temp[êe]te|storm|gr[èe]ve|strike)\w*\s?[\"”»])")
#: A parcel the carrier left unattended, then lost ("Le livreur a laissé mon colis sur le parking, il a disparu", "The
#: driver left it on the porch and it was stolen"): the carrier's failure, the brand's error (not "they left it at the
#: neighbour's, all good"). Group 1: the word saying it is lost.
LEFT_AND_LOST: Final = Gated(re.compile(
    r"(?i)\b(?:laiss[ée]e?s?|d[ée]pos[ée]e?s?|abandonn[ée]e?s?|balanc[ée]e?s?|jet[ée]e?s?|left|dropped|dumped|thrown|"
    r"tossed)\b[^.!?\n]{0,80}?\b(disparue?s?|vol[ée]e?s?|introuvables?|perdue?s?|envol[ée]e?s?|stolen|gone|missing|"
    r"nicked|pinched|taken)\b"), ("laiss", "depos", "dépos", "abandon", "balanc", "jet", "left", "dropped", "dumped",
                                  "thrown", "tossed"))
#: A payment card blocked, suspended or frozen ("carte bancaire bloquée en plein voyage", "you froze my card"): an
#: access problem to put right (unblock it, explain why), not a wrong charge.
_BLOCKED: Final = r"(?:bloqu[ée]e?s?|suspendue?s?|d[ée]sactiv[ée]e?s?|gel[ée]e?s?|blocked|frozen|froze|suspended|deactivated)"
CARD_BLOCKED: Final = re.compile(r"(?i)\b(?:(?:cartes?|cards?|cb)" + _GAP + _BLOCKED + "|" + _BLOCKED + _GAP
                                 + r"(?:cartes?|cards?|cb))\b")
#: A plan or a contract changed without the customer's consent ("Mon forfait a été changé sans mon accord", "They
#: changed my plan without asking me"): the brand's error; the remedy restores the plan and refunds the difference.
CHANGED_UNASKED: Final = re.compile(
    r"(?i)\b(?:chang[ée]e?s?|modifi[ée]e?s?|bascul[ée]e?s?|migr[ée]e?s?|pass[ée]e?s?|chang(?:ed|es|ing)|switched|moved|"
    r"upgraded|downgraded|migrated|modified|altered)\b[^.!?\n]{0,80}?(?:sans\s+(?:mon|notre|aucun)\s+"
    r"(?:accord|consentement|autorisation)|sans\s+(?:me|nous|m['’]en|nous\s+en)\s+(?:demander|pr[ée]venir|parler|"
    r"consulter|avertir|informer)|sans\s+(?:pr[ée]venir|demander)|without\s+(?:my|our|any)\s+(?:consent|permission|"
    r"approval|agreement|authori[sz]ation)|without\s+(?:asking|telling|informing|warning|notifying|consulting))")
PLAN_WORD: Final = re.compile(r"(?i)\b(?:forfaits?|abonnements?|abo|offres?|contrats?|formules?|plans?|subscriptions?|"
                              r"tariffs?|packages?|contracts?|bundles?)\b")


def plan_changed(text: str) -> bool:
    """A plan, a contract or a subscription changed without the customer's consent."""
    return PLAN_WORD.search(text) is not None and CHANGED_UNASKED.search(text) is not None


#: Words a promo code's name follows ("le code BIENVENUE", "code promo MERCI10", "the code WELCOME", "coupon LOVE20").
_CODE_WORDS: Final = frozenset({"code", "codes", "coupon", "coupons", "voucher", "promo", "promocode"})


def code_names(tokens: list[Token]) -> set[int]:
    """The tokens that name a promo code: right after a code word, in capitals ("BIENVENUE") or letters mixed with
    digits ("welcome10"). A code's name is a label, not a feeling: "le code BIENVENUE marche encore ?" praises
    nothing. In a comment written all in capitals only the names with digits count ("CE CODE SUPER" stays said)."""
    shouted = all(t.text.isupper() for t in tokens if t.kind == "word" and len(t.text) > 1)
    names: set[int] = set()
    previous = ""
    for i, token in enumerate(tokens):
        if token.kind == "other" and token.text in _SKIPPED or token.text == ":":
            continue   # 'le code "BIENVENUE"', "code : WELCOME"
        if previous in _CODE_WORDS and token.kind in ("word", "number"):
            text = token.text
            digits = any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
            if digits or (not shouted and len(text) >= 3 and text.isupper()):
                names.add(i)
        previous = token.folded
    return names


def meant(tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """The hits without those the words around them contradict:
    - a promo code's name ("le code BIENVENUE", "the code WELCOME": code_names) carries no feeling;
    - "won" in "won't" is the negation, no victory;
    - a call's verb after a subject ("Vous partagez mes données ?") is said of someone: no call to boycott or share;
    - a failure word inside a longer phrase of no negative valence means that phrase, not a defect ("torn between
      the green and the navy", "déchirée entre les deux", "un jean troué" as a style)."""
    named = code_names(tokens)
    if named:
        hits = [h for h in hits if not (h.family == "sentiment" and h.first == h.last and h.first in named)]
    # "Vous partagez mes données ?", "they share this with advertisers": a call's verb with a subject is said of
    # someone, not asked of the readers (a call has none: "Partagez ce post, boycott !")
    calls = [h for h in hits if h.family in ("boycott", "spam") and h.first > 0]
    if calls:
        subject = {h.first for h in calls if _subject_before(tokens, h.first)}
        if subject:
            hits = [h for h in hits if not (h.family in ("boycott", "spam") and h.first in subject)]
    # "won't", "can't" split as "won" "'" "t": the negation, not the verb "won" (a victory)
    contracted = {h.first for h in hits if h.family == "negation" and h.last > h.first}
    if contracted:
        hits = [h for h in hits if not (h.family == "sentiment" and h.first == h.last and h.first in contracted
                                        and tokens[h.first].folded == "won")]
    kind = [(h.first, h.last) for h in hits if h.family == "sentiment" and h.last > h.first and h.entry.weight >= 0]
    if kind:
        hits = [h for h in hits if not (h.family == "problem" and h.first == h.last
                                        and any(a <= h.first <= b for a, b in kind))]
    # "Je ne retrouve pas le reçu", "mon reçu de caisse": after a determiner, "reçu" is a receipt (the bill), not a
    # parcel received ("j'ai reçu", "pas reçu", "colis reçu" still are)
    receipts = {h.first for h in hits if h.first == h.last and h.first > 0 and tokens[h.first].folded in _RECEIPTS
                and (tokens[h.first - 1].folded in _DETERMINERS or tokens[h.first - 1].folded in ("de", "d")
                     and h.first > 1 and tokens[h.first - 2].folded in _NONE_OF)}
    if receipts:
        hits = [h for h in hits if not (h.first in receipts and h.first == h.last
                                        and h.family in ("topic:delivery", "fail_verb"))] \
            + [Hit(i, i, _RECEIPT, _RECEIPT.family) for i in sorted(receipts)]
    return hits


#: "reçu", "reçus" as nouns: a receipt after a determiner ("le reçu", "mon reçu", "aucun reçu").
_RECEIPTS: Final = frozenset({"recu", "recus"})
_DETERMINERS: Final = frozenset({"le", "un", "mon", "ton", "son", "votre", "notre", "du", "ce", "cet", "les", "des",
                                 "mes", "tes", "ses", "vos", "nos", "aucun", "au", "aux", "chaque", "nouveau",
                                 "sans"})
#: "pas de reçu", "jamais de reçu": none of a thing ("rien de reçu" is nothing received).
_NONE_OF: Final = frozenset({"pas", "plus", "jamais", "point"})


#: Subjects before a verb that make it a statement or a question, not a call to the readers ("vous partagez", "they
#: share"); "on partage" may still call ("on partage un max !").
_CALL_SUBJECTS: Final = frozenset({"vous", "tu", "ils", "elles", "you", "u", "they", "ya"})


def _subject_before(tokens: list[Token], index: int) -> bool:
    """Whether the word right before `index` is a subject of the second or third person ("vous partagez")."""
    before = tokens[index - 1]
    return before.kind == "word" and before.folded in _CALL_SUBJECTS


#: Every family a lexicon line may use, and what it signals.
FAMILIES: Final[dict[str, str]] = {
    "sentiment": "a word or phrase with a valence (weight, -4..4)",
    "negation": "flips the valence of what follows (and, in French, of the verb before 'pas')",
    "booster": "intensifier: scales the valence of the next sentiment word up (weight = factor)",
    "dampener": "diminisher: scales the valence of the next sentiment word down (weight = factor)",
    "contrast": "'but': the clause after it weighs more",
    "reducer": "lessens what follows: its valence reverses ('réduire la pollution', 'moins cher')",
    "problem": "a concrete failure the brand is answerable for (brand_error, complaint)",
    "vague_problem": "something is wrong but not what exactly (needs_more_info)",
    "fail_verb": "a verb whose negation is a failure ('ne marche pas', 'never arrived')",
    "topic": "a topic word; the topic is in the weight column's place (see `topic:` prefix)",
    "question": "an interrogative opening or request for information",
    "request": "a polite request to the brand ('pouvez-vous', 'could you')",
    "suggestion": "a proposal for improvement",
    "praise": "praise of the brand or product",
    "thanks": "thanks",
    "resolved": "the problem is solved ('ça a marché', 'that worked')",
    "solution_hint": "advice given by someone ('essayez de', 'try to')",
    "pending": "a fix the author will try, not yet tried ('je vais essayer', 'will try that'): nothing confirmed",
    "spam": "promotion unrelated to the brand ('subscribe to my channel')",
    "competitor": "promotion of a competitor or of a referral code",
    "boycott": "a call to avoid the brand",
    "personal": "first-hand experience ('j'ai commandé', 'I ordered')",
    "insult": "an insult aimed at a person",
    "profanity": "swearing at a situation (not toxic on its own)",
    "threat": "a threat of violence",
    "sarcasm": "a praise frame often used ironically ('bravo', 'merci pour', 'love how')",
    "severity": "a severe situation; the family is in the pattern's `severity:` name",
    "repetition": "a repeated failure ('encore', 'again', '3e fois')",
    "money": "money at stake",
}


@dataclass(frozen=True, slots=True)
class Entry:
    tokens: tuple[str, ...]
    family: str       # e.g. "sentiment", "topic:delivery", "severity:safety"
    weight: float


class Hit(NamedTuple):
    """A lexicon entry found in the tokens (a tuple: matching a comment makes many)."""

    first: int        # token index
    last: int         # token index, inclusive
    entry: Entry
    family: str       # entry.family, kept at hand: the rules read it for every hit


#: A receipt named ("le reçu", "mon reçu"): the bill (see meant).
_RECEIPT: Final = Entry(("recu",), "topic:billing", 1.0)


#: Hit(...) without the Python-level __new__ a NamedTuple carries (the same tuple, made in C).
_new = tuple.__new__


def _matching_form(token: Token) -> str:
    """The form a token takes in the matched string (no spaces inside a token; "#fail" is "fail")."""
    if token.kind == "hashtag" and len(token.folded) > 1:
        return token.folded[1:]
    return token.folded.replace(" ", "")


class Lexicon:
    """Every entry in one Aho–Corasick automaton over the space-joined folded tokens.

    A pattern "t1 t2" is the key " t1 t2 " (whole tokens only); a pattern ending in a prefix
    element "t1 pre*" is the key " t1 pre" (the last token only has to start with "pre").
    Matching a comment is one pass in C over a string about as long as the comment; stretched
    words ("nuuuul") are matched again in their squashed forms ("nuul", "nul").
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            if any(element.endswith("*") for element in entry.tokens[:-1]):
                raise ValueError(f"prefix '*' only allowed on the last token: {' '.join(entry.tokens)}")
            last = entry.tokens[-1]
            body = " ".join((*entry.tokens[:-1], last[:-1] if last.endswith("*") else last))
            key = " " + body + ("" if last.endswith("*") else " ")
            grouped[key].append(entry)
        self.size = sum(len(v) for v in grouped.values())
        self.automaton = ahocorasick.Automaton()
        for key, bucket in grouped.items():
            self.automaton.add_word(key, (len(bucket[0].tokens), tuple(bucket)))
        self.automaton.make_automaton()

    def _run(self, forms: list[str], hits: dict[tuple[int, int, int], Hit]) -> None:
        joined = " " + " ".join(forms) + " "
        # where each token starts in `joined`: a character belongs to the last token starting at or
        # before it (the space after a token belongs to it; the leading space to none, index -1)
        starts = [1]
        at = 1
        for form in forms:
            at += len(form) + 1
            starts.append(at)
        found: Iterator[tuple[int, tuple[int, tuple[Entry, ...]]]] = self.automaton.iter(joined)
        for end, (length, bucket) in found:   # (typed: compiled code unpacks the tuples without iterating them)
            last = bisect_right(starts, end) - 1
            first = last - length + 1
            if first < 0:
                continue
            for entry in bucket:
                key = (first, last, id(entry))
                if key not in hits:
                    hits[key] = _new(Hit, (first, last, entry, entry.family))

    def match(self, tokens: list[Token]) -> list[Hit]:
        """All entries found in the tokens (overlapping hits kept; callers pick the longest).

        Apostrophes are left out of the matched string, in comments as in patterns, so that
        "n'importe quoi", "j'adore" and "don't" match the patterns "n importe quoi", "j adore", "don t";
        so are quotation marks ('toujours "en préparation"' matches "toujours en preparation").
        """
        if not tokens:
            return []
        kept = [t for t in tokens if t.kind != "other" or t.text not in _SKIPPED]   # not _is_apostrophe
        if len(kept) == len(tokens):
            return self._match(tokens)
        index = [i for i, t in enumerate(tokens) if not _is_apostrophe(t)]
        return [_new(Hit, (index[h.first], index[h.last], h.entry, h.family)) for h in self._match(kept)]

    def _match(self, tokens: list[Token]) -> list[Hit]:
        if not tokens:
            return []
        forms = [t.folded.replace(" ", "") if t.kind != "hashtag" else _matching_form(t) for t in tokens]
        hits: dict[tuple[int, int, int], Hit] = {}
        self._run(forms, hits)
        if any(t.stretched for t in tokens):
            for keep in (2, 1):
                self._run([squash(f, keep) if t.stretched else f for f, t in zip(forms, tokens)], hits)
            # "fuuckkkk", "youuuuu": every doubled letter of a stretched word collapsed too
            self._run([_DOUBLED.sub(r"\1", f) if t.stretched else f for f, t in zip(forms, tokens)], hits)
        # "#ServiceClientNul", "#BoycottAcme", "#MerciLaPoste": each word of a camel-case hashtag is
        # matched in the hashtag's place (the cue is the whole hashtag)
        if "hashtag" in [t.kind for t in tokens]:   # (most comments have none)
            parts = [_camel_parts(t) if t.kind == "hashtag" else None for t in tokens]
            longest = max((len(p) for p in parts if p), default=0)
            for k in range(min(longest, 5)):
                self._run([p[k] if p and k < len(p) else ("\x00" if p else f) for f, p in zip(forms, parts)], hits)
        found = list(hits.values())
        return found if len(found) < 2 else sorted(found, key=_BY_POSITION)   # (most comments have one hit or none)


#: Hits in order of position, then family (Hit is (first, last, entry, family)).
_BY_POSITION: Final = itemgetter(0, 1, 3)


def _camel_parts(token: Token) -> list[str] | None:
    """The folded words of a camel-case hashtag ("#ServiceClientNul" -> service, client, nul), or None."""
    pieces = _CAMEL.findall(token.text[1:])
    return [fold(piece) for piece in pieces] if len(pieces) > 1 else None


def _is_apostrophe(token: Token) -> bool:
    """An apostrophe or a quotation mark: no part of the matched string."""
    return token.kind == "other" and token.text in _SKIPPED


def _pattern_tokens(pattern: str) -> tuple[str, ...]:
    """Split a pattern exactly as comments are tokenised ("don't" -> "don", "t"); `*` marks a prefix."""
    out: list[str] = []
    for piece in pattern.split():
        if piece.endswith("*") and len(piece) > 1:
            out.append(fold(piece[:-1]) + "*")
        else:
            out.extend(token.folded for token in tokenize(piece) if not _is_apostrophe(token))
    return tuple(out)


def _read(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path.name}:{number}: expected pattern<TAB>family<TAB>weight")
        pattern, family, weight = parts[0].strip(), parts[1].strip(), parts[2].strip()
        base = family.split(":", 1)[0]
        if base not in FAMILIES:
            raise ValueError(f"{path.name}:{number}: unknown family {family!r}")
        tokens = _pattern_tokens(pattern)
        if not tokens:
            raise ValueError(f"{path.name}:{number}: empty pattern")
        entries.append(Entry(tokens, family, float(weight)))
    return entries


@lru_cache(maxsize=4)
def lexicon(languages: tuple[str, ...]) -> Lexicon:
    """The lexicon for these languages plus the shared emoji/emoticon table, built once."""
    entries = _read(DATA / "common.tsv")
    for language in languages:
        folder = DATA / language
        # cues.tsv first, then the other files in name order; the first line for a pattern+family wins
        for path in sorted(folder.glob("*.tsv"), key=lambda p: (p.name != "cues.tsv", p.name)):
            entries += _read(path)
    unique: dict[tuple[tuple[str, ...], str], Entry] = {}
    for entry in entries:
        unique.setdefault((entry.tokens, entry.family), entry)
    return Lexicon(unique.values())

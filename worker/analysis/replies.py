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

import copy
import re
import unicodedata
import zlib
from functools import lru_cache
from typing import Any, Callable, Final

import ahocorasick

from worker.analysis.guardrails import (KnownPart, author_of, check_text, fold, insults_in, is_echo_safe,
                                        known_part, limit_for)
from worker.analysis.lexicon import CARD_BLOCKED, PROMO_CODE, TRAVEL_DISRUPTION, VOUCHER, plan_changed
from worker.analysis.steps import field, is_negative, load_texts, reply_language, situation

VARIANTS = 3
NAME_LIMIT: Final = 40
BRAND_LIMIT: Final = 60
OFFER_LIMIT: Final = 160
SIGNATURE_LIMIT: Final = 120
DURATION_LIMIT: Final = 30
_KEEP_CAPS: Final = frozenset({"I", "I'm", "I've", "I'll", "I'd"})
_UNSAFE_NAME: Final = re.compile(r"[{}<>%$`\\\[\]|@#=;]|https?:|www\.|\.(com|fr|net|org|io|ly)\b", re.IGNORECASE)
_DURATION: Final = re.compile(r"^[\w’' -]+$")
_SPACES: Final = re.compile(r"\s+")
_NUMBER: Final = (r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|quinze|vingt|trente|"
           r"a|an|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty)")
_UNIT: Final = r"(?:minutes?|heures?|jours?|semaines?|mois|ans?|années?|hours?|days?|weeks?|months?|years?)"
_DURATION_IN_TEXT: Final = re.compile(r"(?i)\b(?:depuis|ça fait|ca fait|cela fait|plus de|for|over|more than|been)\s+("
                               + _NUMBER + r"\s+" + _UNIT + r")\b")
#: A wait told another way than _DURATION_IN_TEXT does ("toujours rien après 5 jours"), looked for only when the
#: duration found first is no wait (see not_a_wait).
_WAIT_IN_TEXT: Final = re.compile(r"(?i)\b(?:depuis|ça fait|ca fait|cela fait|plus de|for|over|more than|been|après|apres|"
                                  r"after|au bout d['’e]\s*)\s*(" + _NUMBER + r"\s+" + _UNIT + r")\b")
_ELIDES: Final = re.compile(r"(?i)^(?!onze|huit)[aeiouyéèêàâîô]")
#: The brand profile's voice settings (service/schemas.py BrandProfileSchema documents them).
ADDRESS_FORMS: Final = ("vous", "tu")
TONES: Final = ("warm", "neutral", "formal")
#: Shapes a private channel's value must have to be printed in a public draft.
_CHANNEL_VALUE: Final = {
    "email": re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$"),
    "phone": re.compile(r"^\+?[0-9][0-9 .()-]{4,22}[0-9]$"),
    "web_form": re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/?#=&+-]*)?$"),
}
_CONTRACTIONS: Final = {"we're": "we are", "we'll": "we will", "we've": "we have", "we'd": "we would", "you're": "you are",
                 "you'd": "you would", "you'll": "you will", "can't": "cannot", "don't": "do not",
                 "doesn't": "does not", "won't": "will not", "isn't": "is not", "it's": "it is", "that's": "that is",
                 "what's": "what is", "let's": "let us", "there's": "there is", "i'm": "I am", "i'll": "I will"}
_CONTRACTION: Final = re.compile(r"(?i)\b(" + "|".join(re.escape(c) for c in _CONTRACTIONS) + r")\b")
_FR_SPACE_BEFORE: Final = re.compile(r" ([?!;:])")
#: Problems a draft can lose by leaving the names and echoed pieces out.
_DATA_PROBLEMS: Final = frozenset({"placeholder_or_template_syntax", "echoes_link", "echoes_foreign_handle",
                            "echoes_insult", "control_characters", "not_in_target_language"})

Sentence = tuple[str, "str | None", bool]   # (text, step id it carries out or None, essential?)


def safe_name(value: Any, limit: int = NAME_LIMIT) -> str | None:
    """A person's or brand's name fit to print in a reply, or None.

    Only the first line counts, control characters go, spaces are collapsed; a name carrying markup,
    template syntax, a link, a handle or an insult is dropped; a name too long is cut to its first word.
    """
    if not isinstance(value, str):
        return None
    if len(value) > 200:
        return _safe_name(value, limit)
    key = (value, limit)
    if key in _SAFE_NAMES:
        return _SAFE_NAMES[key]
    name = _safe_name(value, limit)
    if len(_SAFE_NAMES) >= _SAFE_NAMES_MAX:
        _SAFE_NAMES.clear()
    _SAFE_NAMES[key] = name
    return name


#: safe_name's answers for values up to 200 characters (the same author, brand and signature names
#: come back with many comments), emptied when full.
_SAFE_NAMES: Final[dict[tuple[str, int], str | None]] = {}
_SAFE_NAMES_MAX: Final = 4096


def _safe_name(value: str, limit: int) -> str | None:
    value = next((line for line in value.splitlines() if line.strip()), "")
    if value.isascii() and value.isprintable():   # no control or format character: nothing to clean
        cleaned = value
    else:
        cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value
                          if unicodedata.category(ch) not in ("Cf", "Co", "Cn", "Cs"))
    name = _SPACES.sub(" ", cleaned).strip()
    if not name or _UNSAFE_NAME.search(name) or insults_in(name):
        return None
    if len(name) > limit:
        first = name.split(" ", 1)[0]
        return first if 1 < len(first) <= limit else None
    return name


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """`base` with `overlay` laid over it: dicts merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in overlay.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _map_text(value: Any, change: Any) -> Any:
    """Every string of a nested structure of lists and dicts passed through `change`."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_text(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _map_text(v, change) for k, v in value.items()}
    return value


def _calm(text: str) -> str:
    """A sentence without exclamation marks ("Merci pour votre question !" -> "...question.")."""
    return text.replace(" !", ".").replace("!", ".")


def _expand(text: str) -> str:
    """English contractions written out, for the formal tone ("We're" -> "We are")."""
    def whole(match: re.Match[str]) -> str:
        word = match.group(1)
        full = _CONTRACTIONS[word.lower()]
        return full[0].upper() + full[1:] if word[0].isupper() else full
    return _CONTRACTION.sub(whole, text.replace("’", "'")) if "'" in text or "’" in text else text


@lru_cache(maxsize=16)
def voice_texts(language: str, address_form: str = "vous", tone: str = "warm") -> dict[str, Any]:
    """The reply texts of one language in one voice (read once per voice and process).

    The language file's `voices` overlays are laid over its base texts: the tone first
    (`tone:formal`, `tone:neutral`), then the form of address (`address:tu`, French only). A tone
    may also drop exclamation marks (`"exclamations": false`) and, in English, write contractions
    out (`"contractions": false`); those apply to the final texts, whatever the form of address.
    """
    base = load_texts(language)
    voices: dict[str, Any] = base.get("voices", {})
    texts = copy.deepcopy({k: v for k, v in base.items() if k != "voices"})
    tone_overlay: dict[str, Any] = voices.get(f"tone:{tone}", {})
    for overlay in (tone_overlay, voices.get(f"address:{address_form}", {})):
        texts = _merge(texts, {k: v for k, v in overlay.items() if k not in ("exclamations", "contractions")})
    for key in ("sentences", "private"):
        if tone_overlay.get("exclamations") is False:
            texts[key] = _map_text(texts[key], _calm)
        if tone_overlay.get("contractions") is False:
            texts[key] = _map_text(texts[key], _expand)
    texts[_VOICE] = (language, address_form, tone)   # names these texts in the cache of drafts' sentences
    sentences = texts["sentences"]
    texts[_LEAST] = frozenset(text for key in ("closing", "closing_serious", "prevent") for text in sentences.get(key, ())
                              if isinstance(text, str))
    return texts


def brand_voice(brand: dict[str, Any], language: str) -> dict[str, Any]:
    """The voice settings of a brand profile, each checked, with defaults for missing or odd values."""
    form = brand.get("address_form")
    tone = brand.get("tone")
    channel: dict[str, Any] = field(brand, "private_channel", dict, {})
    kind, value = channel.get("kind"), channel.get("value")
    via = None
    if kind in _CHANNEL_VALUE and isinstance(value, str) and _CHANNEL_VALUE[kind].match(value.strip()):
        via = (kind, value.strip())
    return {
        "address_form": form if language == "fr" and form in ADDRESS_FORMS else "vous",
        "tone": tone if tone in TONES else "warm",
        "emoji": brand.get("emoji") == "light",
        "nonbreaking_spaces": language == "fr" and brand.get("nonbreaking_spaces") is True,
        "via": via,
        "via_refused": kind in _CHANNEL_VALUE and via is None,
        # the brand's privacy policy, printed where a question about its data practices is answered
        "privacy_url": url.strip() if isinstance(url := brand.get("privacy_policy_url"), str)
        and _CHANNEL_VALUE["web_form"].match(url.strip()) else None,
    }


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space before ? ! ; and a no-break space before :."""
    return _FR_SPACE_BEFORE.sub(lambda m: ("\u00a0" if m.group(1) == ":" else "\u202f") + m.group(1), text)


def _helper_name(value: Any) -> str | None:
    """The community member to thank, named as they are known in the thread: a name ("karim" ->
    "Karim"), or a user name printed without its '@' ("@karim_92" -> "karim_92")."""
    if isinstance(value, str) and value.startswith("@"):
        value = value[1:]
    name = safe_name(value)
    return (greeting_name(name) or name) if name else None


def _duration(value: Any) -> str | None:
    """A short duration taken from the comment ("3 semaines"), only when it is safe to echo."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    if not text or len(text) > DURATION_LIMIT or not _DURATION.match(text) or not is_echo_safe(text):
        return None
    return text.lower()   # "3 JOURS" shouted in the comment is "3 jours" in a calm reply


def _lower_twin(pattern: str) -> re.Pattern[str]:
    """A "(?i)" pattern without the flag, to search lowered(text) with (same length and same matches as the text: see
    lowered): a case-sensitive search fails at once where no alternative's first letter is, a case-insensitive one
    tries every alternative at every position. Its letters must all be in lower case (escapes such as \\W apart)."""
    assert pattern.startswith("(?i)") and "(?" not in pattern[4:].replace("(?:", "").replace("(?=", "") \
        .replace("(?!", "").replace("(?<", "") and re.sub(r"\\.", "", pattern).islower(), pattern
    return re.compile(pattern[4:])


#: An order said to have arrived (past forms only: "quand arrive ma commande ?" asks), and the negations that
#: undo it when they come just before ("jamais reçu", "pas encore arrivé", "never arrived", "hasn't arrived").
_ARRIVED: Final = re.compile(r"(?i)\b(arrivée?s?|reçue?s?|livrée?s?|est arrive|a été livre|arrived|received|delivered|came|"
                      r"showed up|turned up|got here|(?:was|were) (?:\w+ ){0,3}late|"
                      r"(?:livraison|colis|commande|delivery|shipping|parcel|order) (?:\w+ ){0,2}?(?:a pris|a mis|took))\b")
_ARRIVED_LOW: Final = _lower_twin(_ARRIVED.pattern)
_UNDONE: Final = re.compile(r"(?i)\b(pas|jamais|toujours|rien|never|not|n't|hasn'?t|haven'?t|didn'?t|wasn'?t|isn'?t|"
                     r"still|yet|if|si|when|quand)\W+(?:\w+\W+){0,2}$")
_UNDONE_LOW: Final = _lower_twin(_UNDONE.pattern)


#: An order that came late ("arrivée avec une semaine de retard", "finally came", "took 3 weeks"), as opposed
#: to one that came empty, damaged or wrong, which is sent again rather than traced.
_LATE: Final = re.compile(r"(?i)\b(retard|en retard|enfin|finalement|late|delay(?:ed)?|finally|took|a mis|a pris|"
                          r"au bout de|after|apr[eè]s)\b")


#: Luck that put a delivery mistake right ("heureusement il est honnête", "luckily", "par chance"), and a parcel
#: brought back by whoever got it ("la voisine me l'a rapporté", "they brought it over", "got it back").
_LUCKY: Final = re.compile(r"(?i)\b(?:heureusement|par\s+chance|par\s+bonheur|coup\s+de\s+chance|luckily|fortunately|"
                          r"thankfully|thank\s+god|thank\s+goodness)\b")
_BROUGHT_BACK: Final = re.compile(r"(?i)\b(?:(?:me|nous)\s+l['’]\s*(?:a|ont)\s+(?:rapport|ramen|rendu|apport|d[ée]pos)|"
                                  r"r[ée]cup[ée]r[ée]|brought\s+it\s+(?:over|back|round|around)|"
                                  r"(?:dropped|handed)\s+it\s+(?:over|off|back)|got\s+it\s+back)")


#: Characters a case-insensitive pattern matches to an ASCII letter although str.lower() keeps them apart ("ſ" is
#: an "s", "ı" an "i"; "İ" lowers to two characters): with one in the text, every search runs ungated.
_ODD_CASES: Final = ("\u0130", "\u0131", "\u017f")


def lowered(text: str) -> str | None:
    """The text in lower case, for _holds, or None when a case-insensitive pattern may read it otherwise."""
    low = text.lower()
    if not low.isascii() and any(ch in text for ch in _ODD_CASES):
        return None
    return low


def _holds(low: str | None, pieces: tuple[str, ...]) -> bool:
    """Whether a case-insensitive search whose every match holds one of `pieces` (lower case) may find something in
    the text `low` is the lower case of (None: it may). Python's re finds no prefix to skip to in a case-insensitive
    pattern and tries it at every position: this cheap test leaves most searches out, with the same answers."""
    return low is None or any(piece in low for piece in pieces)


#: Pieces of text every match of a pattern holds, in lower case (see _holds).
_LUCKY_PIECES: Final = ("heureusement", "chance", "bonheur", "luckily", "fortunately", "thankfully", "thank")
_ARRIVED_PIECES: Final = ("arriv", "reçu", "livr", "received", "delivered", "came", "showed up", "turned up",
                          "got here", "late", "a pris", "a mis", "took")
_LATE_PIECES: Final = ("retard", "enfin", "finalement", "late", "delay", "finally", "took", "a mis", "a pris",
                       "au bout de", "after", "après", "apres")
_STAFF_PIECES: Final = ("serveu", "waiter", "waitress", "server", "barm", "bartender", "sommeli")
_CLOSING_PIECES: Final = ("cancel", "close", "delete", "remove", "terminate", "supprime", "ferme", "cloture", "clôture",
                          "resilie", "résilie")
_CANCELLED_PIECES: Final = ("annul", "cancel")
_UNSHIPPED_PIECES: Final = ("expédi", "expedi", "parti", "shipped", "dispatched", "sent", "paration", "processing",
                            "pending", "prepared")
_REFUND_PIECES: Final = ("refund", "rembours", "money", "argent", "credit", "avoir", "chargeback")
_DOCUMENT_PIECES: Final = ("factur", "invoice", "bill", "ticket", "justificatif", "caisse", "confirmation", "receipt")
_OUTAGE_PIECES: Final = ("panne", "coup", "outage", "down", "offline", "internet", "seau", "connexion", "service",
                         "signal", "wifi", "tél", "tel", "connection", "network", "capte")
_IT_SERVERS_PIECES: Final = ("serveur", "server")
#: Luggage lost or late ("Valise perdue depuis 5 jours", "my suitcase never arrived"): an airline's search, no parcel.
_LUGGAGE: Final = re.compile(r"(?i)\b(?:valises?|bagages?|luggage|suitcases?|baggage)\b")
_LUGGAGE_PIECES: Final = ("valise", "bagage", "luggage", "suitcase", "baggage")
#: ... of lexicon.VOUCHER, PROMO_CODE (with NAMED_CODE), PLAN_WORD (which plan_changed reads first) and CARD_BLOCKED
#: (TRAVEL_DISRUPTION is a lexicon.Gated: it tests its own).
_VOUCHER_PIECES: Final = ("achat", "avoir", "cadeau", "gift", "voucher", "credit")
_PROMO_PIECES: Final = ("promo", "coupon", "voucher", "code", "duction")
_PLAN_PIECES: Final = ("forfait", "abo", "offre", "contra", "formule", "plan", "subscription", "tariff", "package",
                       "bundle")
_CARD_PIECES: Final = ("carte", "card", "cb")


def recovered_by_luck(text: str, arrived: bool, low: str | None = None, gates: int | None = None) -> bool:
    """Whether a delivery mistake was put right by luck or by a neighbour ("Livré chez le voisin… heureusement il
    est honnête", "left at number 12, thankfully they brought it over"): the drafts then apologise and report the
    mistake rather than offer to send the order again. "Jamais reçu, heureusement que j'avais l'assurance" is not:
    nothing arrived and nothing was brought back. `gates` may give _gates(low)."""
    if gates is None:
        gates = _gates(low)
    return (gates & _LUCKY_GATE) != 0 and _LUCKY.search(text) is not None \
        and (arrived or _BROUGHT_BACK.search(text) is not None)


#: Staff praised by their role ("merci au contrôleur", "conseillère patiente", "the cabin crew were incredible",
#: "shoutout to Priya at the Leeds branch"): a thank-you draft says the compliments are passed on.
_STAFF_PRAISED: Final = re.compile(
    r"(?i)\b(?:conseill[eè]re?s?|vendeu(?:r|se)s?|caissi[eè]re?s?|contr[ôo]leu(?:r|se)s?|techniciens?|technicienne?s?|"
    r"livreu(?:r|se)s?|serveu(?:r|se)s?|h[ôo]tesses?|stewards?|chauffeu(?:r|se)s?|personnel|employ[ée]e?s?|"
    r"infirmi[eè]re?s?|pharmacien(?:ne)?s?|coiffeu(?:r|se)s?|esth[ée]ticienne?s?|accueil|"
    r"staff|crew|drivers?|engineers?|technicians?|advis[oe]rs?|cashiers?|waiters?|waitress(?:es)?|agents?|"
    r"employees?|reps?|representatives?|bartenders?|baristas?|couriers?|nurses?|devs?|developers?|"
    r"sav|service\s+client|service\s+apr[èe]s-vente|customer\s+(?:service|support|care)|support\s+team|"
    r"conductors?|guards?|pilots?|pilotes?|receptionists?|r[ée]ceptionnistes?|hosts?|hostess(?:es)?|chefs?|cooks?|"
    r"cuisini[eè]re?s?|riders?|postm[ae]n|facteurs?|factrices?|instructors?|moniteurs?|monitrices?|coachs?|coaches|"
    r"shout-?out\s+to|kudos\s+to|hats\s+off\s+to)\b")
#: A person thanked by name ("Merci beaucoup à Thomas en boutique", "Huge thanks to Dan"; the name capitalised, and not
#: the brand's own: "Merci à Free pour la fibre" thanks the brand). Group 1: the name.
_NAMED_THANKS: Final = re.compile(
    r"(?i)\b(?:merci|remerciements|bravo|thanks|thank\s+you|big\s+thanks|huge\s+thanks)\s+(?:beaucoup\s+|infiniment\s+|"
    r"encore\s+|so\s+much\s+)?(?:à|a|to)\s+((?-i:[A-ZÉÈÀÂÎÔÛÇ][a-zéèêëàâîïôöûüç]+))\b")
_STAFF_PRAISED_PIECES: Final = ("conseill", "vendeu", "caissi", "contr", "technic", "livreu", "serveu", "hôtess",
                                "hotess", "steward", "chauffeu", "personnel", "employ", "infirmi", "pharmacien",
                                "coiffeu", "esth", "accueil", "staff", "crew", "driver", "engineer", "advis",
                                "cashier", "waiter", "waitress", "agent", "rep", "bartender", "barista", "courier",
                                "nurse", "dev", "sav", "service client", "service apr", "customer", "support",
                                "shout", "kudos", "hats off", "conductor", "guard", "pilot", "recept", "host", "chef",
                                "cook", "cuisini", "rider", "postm", "facteu", "factric", "instructor", "monit", "coach")
_NAMED_THANKS_PIECES: Final = ("merci", "remerciements", "bravo", "thank")


#: Items said missing from an order that came ("il manquait la boisson", "il manque un article", "half my order was
#: missing", "commande incomplète"): what is missing is sent or refunded, no parcel is searched for. Not a parcel
#: missing ("colis manquant", "my parcel is missing").
_MISSING_ITEMS: Final = re.compile(
    r"(?i)\b(?:il\s+(?:me\s+|nous\s+)?manqu(?:e|ait|aient)\s+(?:un|une|des|la|le|les|l['’]|mon|ma|mes|deux|trois|\d)|"
    r"manquai(?:t|ent)\s+(?:dans|au|à\s+la)\s+(?:le\s+|la\s+|ma\s+|mon\s+)?(?:commande|colis|sac|menu|livraison)|"
    r"commandes?\s+incompl[èe]tes?|colis\s+incomplets?|articles?\s+manquants?|produits?\s+manquants?|"
    r"(?:half|part|some|most|one|two|three|an?\s+item|items?|\d+\s+items?)\s+(?:of\s+)?(?:my|the|our)?\s*"
    r"(?:order|items?|food|meal|delivery)?\s*(?:was|were|is|are)\s+missing|"
    r"missing\s+(?:items?|from\s+(?:my|the|our)\s+(?:order|bag|box|delivery))|incomplete\s+order|"
    r"order\s+(?:was|came|arrived)\s+incomplete)")
_MISSING_PIECES: Final = ("manqu", "incompl", "missing", "incomplete")


#: A meal delivered ("il manquait les frites", "pizza froide", "food showed up 90 minutes late and stone cold"): no
#: parcel or carrier, the order is refunded or delivered again. "plat" flat is none ("écran plat", "à plat").
_FOOD: Final = re.compile(
    r"(?i)\b(?:frites|burgers?|pizzas?|sushis?|kebabs?|tacos|repas|(?<!cran\s)(?<!crans\s)(?<!à\s)(?<!a\s)plats?|menus?|salades?|boissons?|desserts?|"
    r"nourriture|bouffe|sandwich(?:e?s)?|nouilles|poke|ramen|burritos?|nuggets?|wraps?|"
    r"fries|meals?|food|takeaway|take-away|curry|noodles|drinks?|sandwich(?:es)?|salads?|soups?|dish(?:es)?)\b")
#: Something swallowed that can make one ill ("réaction allergique", "traces d'arachide", "nut allergy", "food
#: poisoning"): with no product named, a safety report about a meal.
_INGESTED: Final = re.compile(r"(?i)\b(?:allergi\w*|allergy|allergic|arachides?|cacahu[èe]tes?|peanuts?|nut-free|gluten|"
                              r"intoxi\w*|food\s+poisoning|poisoned|empoisonn\w*|avaler|swallow\w*|choked?|[ée]touff\w*)\b")
#: A thing one owns and uses, that a safety report may be about ("la batterie", "my power bank", "votre crème").
_OWNED_THING: Final = re.compile(r"(?i)\b(?:batter\w*|chargeu?rs?|power\s*banks?|appareils?|devices?|phones?|"
                                 r"t[ée]l[ée]phones?|smartphones?|trottinettes?|scooters?|jouets?|toys?|cr[èe]mes?|creams?|"
                                 r"masques?|masks?|produits?|products?|flacons?|bottles?|perceuses?|drills?|radiateurs?|"
                                 r"heaters?|lampes?|lamps?|casques?|headphones?|laptops?|ordinateurs?|consoles?|manettes?|"
                                 r"controllers?|s[èe]che-cheveux|hair\s*dryers?|bouilloires?|kettles?|v[ée]los?|bikes?)\b")
#: A danger met in a place or a service, with nothing to stop using ("odeur de gaz dans l'immeuble", "smoke coming out
#: of the overhead bin", "live wires left in my kitchen", "le chauffeur roulait au téléphone").
_PLACE_HAZARD: Final = re.compile(r"(?i)\b(?:gaz|gas|fum[ée]es?|smoke|odeurs?|smell\w*|fils?\s+[ée]lectriques|"
                                  r"c[âa]bles?\s+d[ée]nud[ée]s|(?:live|exposed|bare)\s+wires|fuites?|leak\w*|incendie|"
                                  r"escaliers?|stairwell|stairs|immeuble|building|ascenseur|lift|elevator|[àa]\s+bord|"
                                  r"on\s+board|overhead\s+bin|cabin|flights?|avion|plane|trains?|bus|tram|chauffeur|"
                                  r"drivers?|conduite|driving|freins|brakes|sol\s+glissant|wet\s+floor|slipped|glissé|"
                                  r"parking|car\s+park|quai|platform)\b")
#: A place one stays in or passes through ("la chambre d'hôtel", "the hotel room", "le hall", "on board"): a danger
#: there is no product to stop using.
_PLACE_NAMED: Final = re.compile(r"(?i)\b(?:h[ôo]tels?|chambres?|rooms?|restaurants?|magasins?|stores?|boutiques?|"
                                 r"halls?|lobby|piscines?|pools?|gares?|stations?|appartements?|logements?|flats?|"
                                 r"apartments?|immeubles?|buildings?|ascenseurs?|lifts?|elevators?|parkings?|"
                                 r"[àa]\s+bord|on\s+board)\b")
#: A thing that fails in the hand ("the pump gets stuck", "le flacon fuit", "la semelle se décolle"): a defect told, no
#: opinion.
_PHYSICAL_FAULT: Final = re.compile(r"(?i)\b(?:stuck|jamm\w*|coinc\w*|se\s+bloqu\w*|leak\w*|fui[ts]|fuient|"
                                    r"coule\w*|fell\s+apart|falling\s+apart|peel\w*|(?:se\s+)?d[ée]coll\w*|"
                                    r"s['’][ée]caill\w*|torn|ripped|d[ée]chir[ée]e?s?|d[ée]cousu\w*|snapped)\b")
#: The author saying a fix worked ("ça a marché", "c'était bien ça", "that worked", "all sorted now").
_RESOLVED: Final = re.compile(r"(?i)\b(?:(?:[çc]a\s+|\ba\s+(?:bien\s+)?)(?:march[ée]|fonctionn[ée])|[çc]a\s+marche|"
                              r"c['’][ée]tait\s+bien\s+[çc]a|"
                              r"r[ée]gl[ée]e?s?|r[ée]solue?s?|[çc]a\s+remarche|j['’]ai\s+pu|"
                              r"(?:that|it|this)\s+(?:worked|works|did\s+the\s+trick)|works\s+now|working\s+now|fixed|"
                              r"sorted|solved|did\s+the\s+trick)\b")
#: Someone hurt or ill ("plaques rouges", "aux urgences", "burns on my cheeks"): a prompt recovery wished, not "we hope
#: everyone is OK".
_HARMED: Final = re.compile(r"(?i)\b(?:bless[ée]e?s?|br[ûu]l[ée]e?s?|br[ûu]lures?|plaques|boutons|gonfl[ée]e?s?|urgences|"
                            r"h[ôo]pital|m[ée]decin|dermato\w*|r[ée]action|malade|intoxiqu[ée]e?s?|"
                            r"injur\w*|hurt|burns?|burned|burnt|rash|swollen|hives|reaction|hospital|a&e|er|"
                            r"doctor|dermatologist|ill|sick|poisoning)\b")
_FOOD_PIECES: Final = ("frites", "burger", "pizza", "sushi", "kebab", "tacos", "repas", "plat", "menu", "salad", "soup", "dish",
                       "boisson", "dessert", "nourriture", "bouffe", "sandwich", "nouilles", "poke", "ramen", "burrito",
                       "nugget", "wrap", "fries", "meal", "food", "takeaway", "take-away", "curry", "noodles", "drink")


#: Staff on site named ("le serveur", "the waitress", "the bartender"): the manager there hears about it.
_STAFF: Final = re.compile(r"(?i)\b(?:serveu(?:r|rs|se|ses)|waiters?|waitress(?:es)?|servers?|barman|barmaid|bartenders?|"
                           r"sommeli[eè]re?s?)\b")
#: Computer servers ("Vos serveurs exposent des fichiers", "your servers are down"): next to a technical topic and with
#: no other staff named, no waiter to report to the manager on site.
_IT_SERVERS: Final = re.compile(r"(?i)\b(?:serveurs?|servers?)\b")
_OTHER_STAFF: Final = re.compile(r"(?i)\b(?:serveuses?|waiters?|waitress(?:es)?|barman|barmaid|bartenders?|sommeli[eè]re?s?|"
                                 r"conseill[eè]re?s?|vendeu(?:r|rs|se|ses)|staff|personnel|employ[ée]e?s?|advisors?|"
                                 r"agents?|cashiers?|caissi[eè]re?s?)\b")
#: An author asking to close their account ("cancel my account", "supprimez mon compte"): the drafts offer to
#: close it, not to restore access.
_CLOSING: Final = re.compile(r"(?i)\b(?:cancel|close|delete|remove|terminate|supprime[rz]?|ferme[rz]?|cl[oô]ture[rz]?|"
                             r"r[ée]silie[rz]?)\s+(?:my|the|this|mon|ce|le)\s+(?:account|compte)\b")


#: An order the brand cancelled ("ma commande est annulée sans raison", "you cancelled my order"): the drafts
#: look into why and offer to put it through again, with no carrier to question.
_CANCELLED: Final = re.compile(r"(?i)\b(?:commandes?\s+(?:a\s+été\s+|est\s+|ont\s+été\s+|sont\s+)?annul[ée]e?s?|"
                               r"annul[ée]\s+ma\s+commande|(?:cancell?ed|canceled)\s+my\s+order|"
                               r"order\s+(?:was|has\s+been|got)\s+(?:cancell?ed|canceled))\b")


#: An order the brand has not shipped yet ("ma commande n'est toujours pas expédiée", "hasn't shipped yet", still
#: "en préparation" or "processing"): no
#: carrier has it, so the drafts chase its preparation and give a date, or a refund, rather than trace a parcel.
_UNSHIPPED: Final = re.compile(r"(?i)\b(?:(?:pas\s+encore|toujours\s+pas|jamais)\s+(?:été\s+)?exp[ée]di[ée]e?s?|"
                               r"(?:pas\s+encore|toujours\s+pas)\s+partie?s?|"
                               r"(?:hasn[’']?t|has\s+not|have\s+not|haven[’']?t|not|never|still\s+not)\s+(?:yet\s+)?"
                               r"(?:been\s+)?(?:shipped|dispatched|sent\s+out)|"
                               # a status quoted from the order page: 'toujours "en préparation"', 'still says
                               # "processing"', 'bloquée en préparation', 'stuck on pending'
                               r"(?:toujours|encore|bloqu[ée]e?s?)\s+[\"«“„]?\s*en\s+(?:cours\s+de\s+)?pr[ée]paration|"
                               r"(?:still|stuck)\s+(?:says\s+|shows\s+|showing\s+|on\s+|in\s+|at\s+)?[\"“]?"
                               r"(?:processing|pending|being\s+prepared))\b")


#: A request about the author's own data ("supprimez mes données", "how do I delete my data", "what data do you hold
#: on me"), as opposed to a question about the brand's practices ("Vous partagez mes données ?", "Do you sell my
#: data?"), which the privacy policy answers in public.
_DATA_REQUEST: Final = re.compile(r"(?i)\b(?:supprim\w*|effac\w*|delet\w*|eras\w*|remov\w*|export\w*|copie|copy|"
                                  r"t[ée]l[ée]charg\w*|download\w*|rectifi\w*|corrig\w*|modifi\w*|d[ée]sinscri\w*|"
                                  r"unsubscrib\w*|opt(?:\s|-)?out|retir\w*|withdraw\w*|r[ée]cup[ée]r\w*|"
                                  r"(?:access|acc[eè]s)\s+(?:to\s+|[àa]\s+)?(?:my|mes)|"
                                  r"(?:have|hold|keep|store)\s+(?:on|about)\s+me|"
                                  r"(?:avez|d[ée]tenez|gardez|conservez)(?:-vous)?\s+sur\s+moi)\b")
#: What happened to the author ("je reçois 3 appels de démarchage par jour", "I keep getting spam texts"): their own
#: case, looked at in private.
_DATA_EXPERIENCE: Final = re.compile(r"(?i)\b(?:re[çc]oi[st]|re[çc]ois|d[ée]march\w*|spam\w*|appels?|sms|getting|"
                                     r"receiving|calls|texts?)\b")


def _plain_privacy(labels: dict[str, Any], topics: list[str]) -> bool:
    """A question whose main topic is personal data, with no failure, threat or doubt flagged."""
    sit = situation(labels)
    flags = sit["flags"]
    return sit["category"] == "question" and bool(topics) and topics[0] == "privacy" \
        and not any(flags[f] for f in ("brand_error", "escalate", "toxic", "suspected_bad_faith", "needs_more_info"))


def data_request(labels: dict[str, Any], topics: list[str], text: str) -> bool:
    """Whether the comment asks something of the author's own data ("Pouvez-vous supprimer mes données ?", "How can
    I delete my data?"): taken in charge in public, the account checked in private."""
    return _plain_privacy(labels, topics) and _DATA_REQUEST.search(text) is not None \
        and _DATA_EXPERIENCE.search(text) is None


def privacy_question(labels: dict[str, Any], topics: list[str], text: str) -> bool:
    """Whether the comment asks how the brand handles personal data ("Vous partagez mes données ?", "Do you sell
    my data?"): answered in public by pointing to the privacy policy, private messages being only for the data
    of the author's own account. A request about their own data ("Pouvez-vous supprimer mes données ?") or a
    complaint about a leak is not."""
    return _plain_privacy(labels, topics) and _DATA_REQUEST.search(text) is None \
        and _DATA_EXPERIENCE.search(text) is None


def voucher_kind(text: str, low: str | None = None, gates: int | None = None) -> str | None:
    """The kind of voucher the comment names, for naming it as the author did ("ma carte cadeau" -> "gift_card",
    "mon bon d'achat" -> "voucher"), or None. `low` may give lowered(text), `gates` _gates(low)."""
    if gates is None:
        gates = _gates(low)
    match = VOUCHER.search(text) if gates & _VOUCHER_GATE else None
    if match is None:
        return None
    found = fold(match.group(0))
    if "cart" in found or "card" in found:
        return "gift_card"
    if "cheque" in found:
        return "gift_cheque"
    if "certificate" in found:
        return "gift_certificate"
    if "avoir" in found or "credit" in found:
        return "credit"
    return "voucher"


def _voucher_phrase(lang: dict[str, Any], kind: Any) -> str:
    """How a reply names the author's voucher ("votre carte cadeau"), by its kind (True: a plain voucher)."""
    phrases: dict[str, str] = lang["vouchers"]
    return phrases.get(kind, phrases["voucher"]) if isinstance(kind, str) else phrases["voucher"]


#: A document not received or lost ("je n'ai pas reçu ma facture", "never got my invoice", "j'ai perdu mon ticket de
#: caisse"): no parcel to trace, whatever the order it belongs to. _INVOICE names a bill the brand sends again.
_INVOICE: Final = re.compile(r"(?i)\b(?:factures?|invoices?|bills?)\b")
_DOCUMENT: Final = (r"(?:factures?|invoices?|bills?|tickets?(?:\s+de\s+caisse)?|justificatifs?|re[çc]us?\s+de\s+caisse|"
                    r"(?:mail|e-?mail|courriel)s?\s+de\s+confirmation|confirmations?(?:\s+e-?mails?)?|receipts?)")
_DOCUMENT_MISSING: Final = re.compile(
    r"(?i)\b(?:(?:pas|jamais|toujours\s+pas|rien)\s+(?:encore\s+)?(?:été\s+)?re[çc]u\s+(?:(?:ma|la|mon|le|les|mes|de|d['’]|"
    r"aucune?)\s*)?(?:[\w-]+\s+)?" + _DOCUMENT + r"|" + _DOCUMENT + r"\s+(?:jamais|pas|toujours\s+pas)\s+(?:re[çc]ue?s?|"
    r"arriv[ée]e?s?)|perdu\s+(?:ma|mon|le|la|les|mes)\s+" + _DOCUMENT + r"|(?:didn[’']?t|did\s+not|never|haven[’']?t|"
    r"have\s+not|still\s+(?:haven[’']?t|not))\s+(?:yet\s+)?(?:get|got|gotten|receive|received)\s+(?:(?:my|the|an?|any)\s+)?"
    r"(?:[\w-]+\s+)?" + _DOCUMENT + r"|" + _DOCUMENT + r"\s+(?:never|hasn[’']?t|has\s+not|didn[’']?t)\s+(?:arrived|come|came|"
    r"turned\s+up)|lost\s+(?:my|the)\s+" + _DOCUMENT + r")\b")
#: Words of a delivery (a parcel, an order, a courier, a delay): without one, a delivery topic next to a more serious
#: one is a word in passing ("remboursement jamais reçu", "the reset e-mails never arrive"), not a parcel to trace.
_DELIVERY_WORDS: Final = re.compile(r"(?i)\b(?:livr\w*|colis|commandes?|cmd|exp[ée]di\w*|transporteurs?|livreu\w*|coursiers?|"
                                    r"parcels?|packages?|orders?|deliver\w*|shipp\w*|shipments?|couriers?|drivers?|"
                                    r"carriers?|retard|late|tracking|suivi)\b")
#: Words of receiving or sending, which make a delivery topic by themselves ("remboursement jamais reçu", "reset e-mails
#: never arrive", "retour renvoyé le 3").
_RECEIVED_WORDS: Final = re.compile(r"(?i)\b(?:re[çc]u\w*|arriv\w*|envoy\w*|renvoy\w*|received|receive|came|sent)\b")
#: The word "account" ("sur mon compte", "in my account"), and words of an access problem: without one, an account topic next to a charge or a refund is the bank account the
#: money went to ("Double prélèvement sur mon compte", "not in my account by Friday"), nothing to unlock.
_ACCOUNT_WORD: Final = re.compile(r"(?i)\b(?:comptes?|accounts?)\b")
_ACCOUNT_ACCESS: Final = re.compile(r"(?i)\b(?:bloqu\w*|verrouill\w*|suspendu\w*|d[ée]sactiv\w*|pirat\w*|hack\w*|lock\w*|"
                                    r"frozen|froze|freez\w*|gel[ée]e?s?|suspend\w*|disabled|deactivat\w*|acc[eè]s|access\w*|connect\w*|"
                                    r"log\s*in|login|sign\s*in|mot\s+de\s+passe|password|identifiant|ferm\w*|cl[oô]tur\w*|"
                                    r"supprim\w*|r[ée]sili\w*|close|delete|cancel\w*)\b")
#: Words of customer service reached or not ("impossible de joindre le service client", "on hold for an hour",
#: "nobody answers the phone"), and words of something technical ("l'appli plante", "no signal", "the site is down"):
#: with the first and none of the second, a technical topic is the service unreachable, not a fault to fix.
_CONTACT_WORDS: Final = re.compile(r"(?i)\b(?:service\s+client|sav|conseill\w*|hotline|standard|joindre|injoignable|"
                                   r"rappel\w*|r[ée]pond\w*|t[ée]l[ée]phone|chat|chatbot|support|customer\s+(?:service|"
                                   r"support|care)|on\s+hold|hold\s+music|call\s*cent(?:re|er)|answers?|answering|"
                                   r"phone|chat\s*bot|helpline|agent)\b")
_TECH_WORDS: Final = re.compile(r"(?i)\b(?:appli\w*|apps?|site|sites|bug\w*|beug\w*|plant\w*|crash\w*|pannes?|"
                                r"r[ée]seau|connexion|internet|wifi|wi-fi|fibre|box|signal|mises?\s+[àa]\s+jour|update\w*|"
                                r"log\s*in|login|connect\w*|mot\s+de\s+passe|password|[ée]cran|serveurs?|servers?|"
                                r"logiciel|software|outages?|down|offline|network|coupure\w*|d[ée]bit|lent|slow|"
                                r"loads?|loading|chargement|ligne|line|router|routeur|d[ée]codeur|t[ée]l[ée]|tv)\b")


#: A charge taken ("prélevé deux fois", "débité de 450 €", "charged twice", "billed for"): what a refund asked for
#: with no item sent back is the remedy of.
_CHARGE_WORDS: Final = re.compile(r"(?i)\b(?:pr[ée]lev[ée]\w*|pr[ée]l[èe]vements?|d[ée]bit[ée]e?s?|factur[ée]e?s?|"
                                  r"deux\s+fois|en\s+double|charged?|charges|billed|twice|double[- ]charged)\b")
#: Topics a disrupted journey stands for in an acknowledgement: the journey is named, not its refund or its pass.
_TRAVEL_NAMED: Final = frozenset({"customer_service", "returns_refunds", "billing", "pricing", "delivery"})
#: Topics more serious than a delivery or an account one (see TOPIC_PREFERENCE), next to which those need words of
#: their own.
_BEFORE_DELIVERY: Final = frozenset({"safety", "privacy", "returns_refunds", "billing", "account"})
_BEFORE_ACCOUNT: Final = frozenset({"safety", "privacy", "returns_refunds", "billing"})


def drafting_topics(topics: list[str], text: str, low: str | None = None,
                    gates: int | None = None) -> tuple[list[str], str | None]:
    """The topics the drafts deal with, and the document the comment says it never got ("invoice", "other" or None).

    A delivery topic goes when the comment is about a document not received ("pas reçu ma facture pour ma
    commande": no parcel to trace) or when, next to a more serious topic, no word of a delivery supports it; an
    account topic next to a charge or a refund goes when the account is named with no access problem (the bank account).
    Only the comment's words remove a topic: labels given with no text that holds them are kept. `low` may give
    lowered(text), `gates` _gates(low).
    """
    document = None
    kept = topics
    if gates is None:
        gates = _gates(low)
    missing = (gates & _DOCUMENT_GATE) != 0
    if "delivery" in topics:
        found = _DOCUMENT_MISSING.search(text) if missing else None
        if found is not None:
            document = "invoice" if _INVOICE.search(found.group(0)) else "other"
        if found is not None or (not _BEFORE_DELIVERY.isdisjoint(topics) and _DELIVERY_WORDS.search(text) is None
                                 and _RECEIVED_WORDS.search(text) is not None):
            kept = [t for t in kept if t != "delivery"]
    elif "billing" in topics and missing:
        found = _DOCUMENT_MISSING.search(text)
        if found is not None and _INVOICE.search(found.group(0)):
            document = "invoice"
    if "technical" in kept and "customer_service" in kept and _CONTACT_WORDS.search(text) is not None \
            and _TECH_WORDS.search(text) is None:
        # "Prélevé deux fois, et en plus impossible de joindre le service client": the service unreachable is the
        # second problem, nothing technical to fix
        kept = [t for t in kept if t != "technical"]
    if "returns_refunds" in kept and "billing" in kept and _CHARGE_WORDS.search(text) is not None \
            and _RETURN_WORDS.search(text) is None:
        # "Prélevé deux fois ce mois-ci. Vous comptez me rembourser quand ?": the refund is the remedy of a wrong charge,
        # which the drafts name ("votre facturation", not "votre remboursement") and whose remedy refunds it; the
        # purchase it names is no product to replace ("charged twice for the same purchase"), as under a refund
        kept = [t for t in kept if t not in ("returns_refunds", "product_quality")]
    if "technical" in kept and ("billing" in kept or "pricing" in kept) and _TECH_WORDS.search(text) is None:
        # "Prélevé deux fois pour mon forfait mobile", "Le forfait mobile a augmenté de 5€ sans prévenir": a charge or
        # a price, nothing technical to fix ("notre service", "nos équipes techniques")
        kept = [t for t in kept if t != "technical"]
    if "account" in topics and not _BEFORE_ACCOUNT.isdisjoint(topics) and _ACCOUNT_WORD.search(text) is not None \
            and _ACCOUNT_ACCESS.search(text) is None:
        kept = [t for t in kept if t != "account"]
    return kept, document


#: An outage named ("plus d'internet", "panne", "no signal", "down"): how long it lasts is no wait.
_OUTAGE: Final = re.compile(r"(?i)\b(?:pannes?|coupures?|coup[ée]e?s?|(?:ne\s+)?capte\s+plus|"
                            r"plus\s+de\s+(?:r[ée]seau|signal|connexion|wifi|service|internet|t[ée]l[ée])|plus\s+d['’]?\s*(?:internet|r[ée]seau|connexion|service|"
                            r"signal|wifi|t[ée]l[ée])|sans\s+(?:internet|r[ée]seau|connexion|service|wifi|t[ée]l[ée])|"
                            r"pas\s+de\s+(?:r[ée]seau|connexion|signal|service|wifi|internet)|outages?|down|"
                            r"no\s+(?:internet|signal|service|wifi|connection|network)|without\s+(?:internet|signal|service|"
                            r"wifi)|offline|hors\s+service)\b")


#: A refund named ("refund", "remboursement", "money back"): without one, a returns topic is a return to organise
#: ("the return costs €8"), not a refund to speed up.
_REFUND_WORDS: Final = re.compile(r"(?i)\b(?:refund\w*|rembours\w*|money\s+back|mon\s+argent|my\s+money|"
                                  r"store\s+credit|avoir|chargeback)\b")


#: An item sent back named ("retour", "renvoyé", "returned", "sent it back"): without one, a refund is no return.
_RETURN_WORDS: Final = re.compile(r"(?i)\b(?:retours?|retourn\w*|renvoy\w*|r[ée]exp[ée]di\w*|returns?|returned|returning|"
                                  r"sent\s+(?:it|them|the\s+\w+)\s+back|send\s+(?:it|them)\s+back|rendu)\b")


#: A parcel damaged ("thrown over the fence and broke it", "colis écrasé", "arrivé en morceaux"): it came, so it is sent
#: again rather than searched for.
_DAMAGED: Final = re.compile(r"(?i)\b(?:broke|broken|smashed|damaged|crushed|cracked|dented|soaked|cass[ée]e?s?|"
                             r"ab[iî]m[ée]e?s?|[ée]cras[ée]e?s?|endommag[ée]e?s?|[ée]ventr[ée]e?s?|en\s+morceaux|"
                             r"tremp[ée]e?s?)\b")
_DAMAGED_PIECES: Final = ("broke", "smashed", "damaged", "crushed", "cracked", "dented", "soaked", "cass", "abîm", "abim",
                          "cras", "endommag", "ventr", "morceaux", "tremp")


#: Staff said to have been rude ("le personnel a été désagréable", "the staff were rude", "m'a mal parlé"): the way the
#: author was treated is what went wrong, and the drafts lead with it (a refund asked for at the time is context).
_RUDE: Final = re.compile(
    r"(?i)\b(?:rude(?:ly|ness)?|impolite|disrespectful|condescending|dismissive|arrogant|hostile|insulting|"
    r"(?:yelled|shouted|screamed|laughed|sneered)\s+at|mocked|snapped\s+at|"
    r"d[ée]sagr[ée]ables?|impolie?s?|malpolie?s?|mal\s+poli(?:e|s|es)?|irrespectueu(?:x|se|ses)|m[ée]prisante?s?|"
    r"odieu(?:x|se|ses)|hautaine?s?|condescendante?s?|agressi(?:f|fs|ve|ves)|"
    r"(?:m|nous)['’]\s*(?:a|ont)\s+(?:mal\s+parl[ée]|cri[ée]\s+dessus|envoy[ée]e?s?\s+balader|ri\s+au\s+nez)|"
    r"(?:s['’]est|se\s+sont)\s+moqu[ée]e?s?|"
    r"(?:m|nous)['’]\s*(?:a|ont)\s+(?:insult[ée]e?s?|injuri[ée]e?s?|trait[ée]e?s?\s+de)|"
    r"swore\s+at|sworn\s+at|cursed\s+at|insulted\s+(?:me|us|my)|called\s+(?:me|us)\s+(?:a|an)\s+\w+)\b")
_RUDE_PIECES: Final = ("rude", "impolite", "disrespect", "condescend", "dismissive", "arrogant", "hostile", "insult",
                       " at", "mocked", "sagr", "impoli", "malpoli", "mal poli", "irrespect", "pris", "odieu", "hautain",
                       "agressi", "parl", "dessus", "balader", "au nez", "moqu", "swor", "cursed", "called", "injuri",
                       "trait")


#: Food served undercooked or raw ("burger servi cru", "poulet pas cuit", "chicken was undercooked, pink inside"): a meal
#: that should never have been served, apologised for and refunded or replaced (not a taste to hear about).
_UNDERCOOKED: Final = re.compile(
    r"(?i)\b(?:pas\s+(?:assez\s+)?cuite?s?|mal\s+cuite?s?|sous[- ]cuite?s?|crue?s?\s+(?:au\s+milieu|à\s+l['’]int[ée]rieur|"
    r"dedans)|(?:servie?s?|encore|compl[èe]tement|totalement)\s+crue?s?|rose\s+(?:au\s+milieu|à\s+l['’]int[ée]rieur|dedans)|"
    r"under[- ]?cooked|under[- ]?done|raw\s+(?:in\s+the\s+(?:middle|centre|center)|inside)|(?:still|served|completely|"
    r"totally|basically)\s+raw|pink\s+(?:in\s+the\s+(?:middle|centre|center)|inside)|not\s+(?:properly\s+|fully\s+)?cooked)\b")
_UNDERCOOKED_PIECES: Final = ("cuit", "cru", "rose", "cooked", "done", "raw", "pink")


#: A failure told in the comment ("ma carte est refusée", "l'appli plante", "won't load", "I can't log in", an error
#: shown): with what it is about named too, the drafts ask only for what is missing (a message, a device, since when).
_FAILURE_NAMED: Final = re.compile(
    r"(?i)\b(?:refus[ée]e?s?|declined|rejected|plant\w*|crash\w*|bug\w*|beug\w*|bloqu[ée]e?s?|stuck|frozen|fig[ée]e?s?|"
    r"(?:ne|n['’])\s*(?:se\s+|s['’]\s*)?(?:charge|marche|fonctionne|lance|connecte|ouvre|affiche|passe)\s+(?:plus|pas)|"
    r"(?:won['’]?t|doesn['’]?t|does\s+not|will\s+not|isn['’]?t|is\s+not)\s+(?:load|open|work|working|connect|start|go\s+through)|"
    r"not\s+working|(?:can['’]?t|cannot|unable\s+to)\s+(?:log\s*in|sign\s*in|connect|pay|access|open|check\s*out)|"
    r"impossible\s+de\s+(?:me\s+|se\s+)?(?:connecter|payer|valider|acc[ée]der|ouvrir|commander)|"
    r"n['’]\s*arrive\s+(?:pas|plus)\s+[àa]\s+(?:me\s+)?(?:connecter|payer|valider|acc[ée]der|ouvrir|commander)|"
    r"erreur|error|page\s+blanche|blank\s+(?:page|screen)|[ée]cran\s+(?:noir|blanc)|black\s+screen)\b")
_FAILURE_PIECES: Final = ("refus", "declined", "rejected", "plant", "crash", "bug", "beug", "bloqu", "stuck", "frozen",
                          "fig", "plus", "pas", "t load", "t open", "t work", "not", "working", "can", "unable",
                          "impossible", "arrive", "erreur", "error", "blanche", "blank", "cran", "black")
#: When it happens, told ("depuis hier", "since this morning", "aujourd'hui", "ce matin", "since the update"): no need
#: to ask since when.
_TIME_GIVEN: Final = re.compile(
    r"(?i)\b(?:depuis|since|ce\s+matin|ce\s+soir|cet\s+apr[èe]s-midi|aujourd['’]hui|hier|avant-hier|tout\s+[àa]\s+l['’]heure|"
    r"today|yesterday|this\s+(?:morning|afternoon|evening|week)|last\s+(?:night|week)|tonight|for\s+(?:\d+|a|an|two|three|"
    r"several|a\s+few)\s+\w+|pendant\s+\d+|(?:il\s+y\s+a|ago))\b")


#: An item of an order and what is wrong with it, said in a comment that tells two ("Mon rouge à lèvres est arrivé cassé
#: et le mascara n'est pas la bonne teinte", "Charger arrived broken and the cable is missing"): each is named as the
#: author named it. Group "det": the author's determiner (its gender for "ton"/"ta"); "noun": the item (1 to 4 words).
_ITEM_START: Final = (r"(?:^|(?<=[.,;:!?+&/])\s*|(?<=\s)(?:et|mais|puis|and|but|plus|also|\+|&)\s+)"
                      r"(?:(?P<det>(?:mon|ma|mes|le|la|les|un|une|my|the|a|an|one)(?=\s)|l['’])\s*)?"
                      r"(?P<noun>[^\W\d_][\w’'-]*(?:\s+(?:[àa]|de|d['’]|du|des|of|for)?\s*[^\W\d_][\w’'-]*){0,3}?)\s+")
_ITEM_DAMAGED: Final = re.compile(
    "(?i)" + _ITEM_START + r"(?:(?:est|sont|a\s+été|ont\s+été|is|are|was|were|came|arrived|has\s+arrived|showed\s+up)\s+)?"
    r"(?:arriv[ée]e?s?\s+|reçue?s?\s+|livr[ée]e?s?\s+)?(?:compl[èe]tement\s+|totalement\s+|completely\s+|totally\s+)?"
    r"(?P<what>cass[ée]e?s?|broken|smashed|cracked|damaged|ab[iî]m[ée]e?s?|endommag[ée]e?s?|[ée]cras[ée]e?s?|"
    r"bris[ée]e?s?|fendue?s?|ray[ée]e?s?|scratched|dented|crushed|(?:a\s+)?coul[ée]e?s?|leaked|leaking|spilled|"
    r"(?:a\s+)?fui|renvers[ée]e?s?)\b")
_ITEM_MISSING: Final = re.compile(
    "(?i)" + _ITEM_START + r"(?:(?:is|are|was|were)\s+missing|(?:manque|manquent|manquait|manquaient)\b|"
    r"(?:est|sont|[ée]tait|[ée]taient)\s+(?:manquante?s?|absente?s?))")
_ITEM_WRONG: Final = re.compile(
    "(?i)" + _ITEM_START + r"(?:(?:n['’]\s*est|ne\s+sont|n['’]\s*[ée]tait|ne\s+s['’]\s*est)\s+pas\s+(?:de\s+)?(?:la|le)\s+bon(?:ne)?\s+"
    r"(?P<fr_right>teinte|couleur|taille|pointure|mod[èe]le|parfum)|(?:est|[ée]tait|a\s+été)?\s*(?:dans\s+|de\s+|en\s+)?"
    r"(?:la|le)?\s*(?:mauvaise|mauvais)\s+(?P<fr_wrong>teinte|couleur|taille|pointure|mod[èe]le|parfum)|"
    r"(?:is|was|are|were|came\s+in|arrived\s+in|in)\s+(?:the\s+|a\s+)?wrong\s+(?P<en_wrong>shade|colou?r|size|model|flavou?r)|"
    r"(?:is|was|isn['’]t|wasn['’]t|is\s+not|was\s+not)\s+(?:the\s+)?(?:right|correct)\s+(?P<en_right>shade|colou?r|size|model|"
    r"flavou?r))")
_ITEM_DAMAGED_PIECES: Final = ("coul", "leak", "spill", "fui", "renvers", "cass", "broke", "smash", "crack", "damag",
                               "abim", "abîm", "endommag", "cras", "bris", "fendu", "ray", "scratch", "dent", "crush")
_ITEM_MISSING_PIECES: Final = ("missing", "manqu", "absent")
#: _ITEM_WRONG names what is wrong: a shade, a size...
_ITEM_WRONG_PIECES: Final = ("teinte", "couleur", "taille", "pointure", "modèle", "modele", "parfum", "shade", "colour",
                             "color", "size", "model", "flavour", "flavor")
_ITEM_PIECES: Final = _ITEM_DAMAGED_PIECES + _ITEM_MISSING_PIECES + _ITEM_WRONG_PIECES
#: Words that are no item ("it", "everything", "la commande" is the whole order, told apart by the drafts' topic).
_NOT_ITEMS: Final = frozenset({"it", "this", "that", "everything", "all", "which", "who", "one", "ça", "ca", "tout", "il",
                               "elle", "ils", "elles", "ce", "cela", "qui", "je", "j", "i", "we", "they", "you", "vous",
                               "nous", "on", "et", "and", "but", "mais", "est", "is", "was", "pas", "not", "also", "plus"})


#: An item said missing before it is named ("il manque le masque", "il manquait mes écouteurs").
_ITEM_MISSING_AFTER: Final = re.compile(
    r"(?i)\bil\s+(?:me\s+|nous\s+)?manqu(?:e|ait|aient)\s+(?P<det>mon|ma|mes|le|la|les|l['’])\s*"
    r"(?P<noun>[^\W\d_][\w’'-]*(?:\s+(?:[àa]|de|d['’]|du|des)?\s*[^\W\d_][\w’'-]*){0,3}?)"
    r"(?=\s*(?:[.,;:!?)]|$|\s+(?:et|mais|donc|alors|dans|au|du)\b))")


def _item(match: re.Match[str]) -> tuple[str, str] | None:
    """(noun, gender) of an item matched: the noun in lower case, the gender from the author's determiner ("m", "f",
    "p" for a plural, "?" unknown), or None when the words are no item."""
    noun = match.group("noun").strip()
    words = noun.lower().split()
    if not words or words[0] in _NOT_ITEMS or words[-1] in _NOT_ITEMS or len(noun) > 40 or not is_echo_safe(noun):
        return None
    det = (match.group("det") or "").lower().replace("’", "'")
    gender = {"mon": "m", "le": "m", "ma": "f", "la": "f", "mes": "p", "les": "p", "un": "m", "une": "f"}.get(det, "?")
    return noun.lower(), gender


def two_problems(text: str, low: str | None = None, gates: int | None = None) -> tuple[tuple[str, str, str, str], ...]:
    """The two items a comment says something is wrong with, each as (kind, noun, gender, right): kind "damaged",
    "missing" or "wrong"; right the word of what it should have been ("teinte", "size"), for a wrong one. Empty unless
    two different items are found. `gates` may give _gates(low)."""
    if gates is None:
        gates = _gates(low)
    if not gates & _ITEM_GATE:
        return ()
    found: list[tuple[int, tuple[str, str, str, str]]] = []
    for kind, pattern, gate in (("damaged", _ITEM_DAMAGED, _ITEM_DAMAGED_GATE),
                                ("missing", _ITEM_MISSING, _ITEM_MISSING_GATE),
                                ("missing", _ITEM_MISSING_AFTER, _ITEM_MISSING_GATE),
                                ("wrong", _ITEM_WRONG, _ITEM_WRONG_GATE)):
        if not gates & gate:
            continue
        for match in pattern.finditer(text):
            item = _item(match)
            if item is None:
                continue
            right = ""
            if kind == "wrong":
                right = next(g for g in (match.group("fr_right"), match.group("fr_wrong"), match.group("en_wrong"),
                                         match.group("en_right")) if g)
                right = fold(right.lower())
            found.append((match.start(), (kind, item[0], item[1], right)))
    found.sort()
    problems: list[tuple[str, str, str, str]] = []
    for _, problem in found:
        if all(problem[1] != other[1] for other in problems):
            problems.append(problem)
    return tuple(problems[:2]) if len(problems) >= 2 else ()


#: A card declined at payment ("ma carte est refusée au paiement", "my card is declined at checkout"): not a charge to
#: check on a bill; why the payment fails is looked into.
_CARD_DECLINED: Final = re.compile(r"(?i)\b(?:(?:cartes?|cards?|cb)\b(?:\W+\w+){0,3}?\W+(?:refus[ée]e?s?|declined|"
                                   r"rejected|ne\s+passe\s+(?:pas|plus)|won['’]?t\s+go\s+through|doesn['’]?t\s+go\s+through)|"
                                   r"(?:refuse|refusent|refusé|declines?|declined|rejects?|rejected)\s+(?:ma|mes|my)\s+"
                                   r"(?:cartes?|cards?|cb))\b")


#: The word the author gave a plan changed unasked ("my membership", "my contract"): the drafts restore it by that name.
_PLAN_NAME: Final = re.compile(r"(?i)\b(?:my|our|the)\s+(?:\w+\s+)?(plan|package|bundle|tariff|subscription|membership|"
                               r"contract)\b")


def plan_word(text: str) -> str:
    """What the author calls the offer changed unasked ("membership"), "subscription" when they call it nothing."""
    found = _PLAN_NAME.search(text)
    return found.group(1).lower() if found else "subscription"


def says_arrived(text: str, low: str | None = None, gates: int | None = None) -> bool:
    """Whether the comment says its order arrived ("arrivée avec une semaine de retard", "it finally came, 10
    days late"): a late delivery then calls for its cause, not for a search for the parcel. `low` may give
    lowered(text), `gates` _gates(low)."""
    if gates is None:
        gates = _gates(low)
    if not gates & _ARRIVED_GATE:
        return False
    for match in _ARRIVED.finditer(text) if low is None else _ARRIVED_LOW.finditer(low):
        # the negation must be in the same sentence ("Not happy. Box arrived soaking wet" did arrive): what follows
        # the last . ! or ? of the 40 characters before
        before = (text if low is None else low)[max(0, match.start() - 40):match.start()]
        before = before[max(before.rfind("."), before.rfind("!"), before.rfind("?")) + 1:]
        if not (_UNDONE if low is None else _UNDONE_LOW).search(before):
            return True
    return False


#: What a duration can be in a comment besides a wait, around its number (written N below): an age ("mon fils de 6
#: ans", "my 6-year-old", "ma mère de 82 ans"), a time promised ("livraison promise en 48h", "promised delivery in 2
#: days"), how fast something was done ("écran remplacé en 48h", "j'ai eu ma réponse en 5 minutes", "fixed it in 10
#: minutes") or how long a product lasted ("en panne après 2 mois", "broke after two weeks").
_NOT_A_WAIT_AROUND: Final = (
    r"(?:\b(?:fils|filles?|enfants?|b[ée]b[ée]s?|gar[çc]ons?|gamins?|gamines?|petite?s?|m[èe]re|p[èe]re|maman|papa|"
    r"grand-m[èe]re|grand-p[èe]re|mamie|papi|papy|neveu|ni[èe]ce|fr[èe]re|s(?:oeu|œu)r|chiens?|chats?|chiots?)"
    r"\s+(?:de\s+|d['’]\s*)<N>\s*(?:ans?|mois)\b|"
    r"\b[âa]g[ée]e?s?\s+de\s+<N>(?!\d)|\baged\s+<N>(?!\d)|\b<N>[- ](?:years?|months?|yr|yo)[- ]old\b|\b<N>\s*(?:yo|y/o)\b|"
    r"\b(?:promise?s?|promised|annonc[ée]e?s?|garantie?s?|guaranteed|pr[ée]vue?s?|advertised|supposed\s+to|"
    r"expected|should\s+(?:take|arrive)|devait|devaient|cens[ée]e?s?)\b(?:\W+[\w’']+){0,4}?\W+"
    r"(?:en|in|sous|within|under|dans)\s+<N>(?!\d)|"
    r"\b(?:remplac[ée]e?s?|r[ée]par[ée]e?s?|r[ée]pondu|eu\s+(?:ma|une|la)\s+r[ée]ponse|obtenu|rappel[ée]e?|"
    r"d[ée]pann[ée]e?s?|r[ée]solu|replaced|repaired|fixed|got\s+(?:a|an|my)\s+(?:reply|answer|response)|"
    r"called\s+(?:me\s+)?back|answered|sorted)\b(?:\W+[\w’']+){0,3}?\W+(?:en|in)\s+<N>(?!\d)|"
    r"\b(?:en\s+panne|tomb[ée]e?s?\s+en\s+panne|cass[ée]e?s?|l[âa]ch[ée]e?s?|mort|morte|broke|broken|stopped\s+working|"
    r"died|failed|fell\s+apart)\b(?:\W+[\w’']+){0,2}?\W+(?:apr[èe]s|after|au\s+bout\s+d['’e]\s*)\s*<N>(?!\d))")
_NUMBER_FIRST: Final = re.compile(r"^\s*(\d+|[^\W\d_]+)\s*([^\W\d_])?")
#: Pieces of text every match of _NOT_A_WAIT_AROUND holds, in lower case (see _holds).
_NOT_A_WAIT_PIECES: Final = (
    "fils", "fille", "enfant", "bébé", "bebe", "bébe", "bebé", "garçon", "garcon", "gamin", "petit", "mère", "mere", "père",
    "pere", "maman", "papa", "mamie", "papi", "papy", "neveu", "nièce", "niece", "frère", "frere", "soeur", "sœur",
    "chien", "chat", "chiot", "âgé", "âge", "agé", "age", "old", "yo", "y/o", "promis", "annonc", "garanti", "guaranteed",
    "prév", "prev", "advertised", "supposed", "expected", "should", "devai", "censé", "cense", "remplac", "répar", "repar",
    "répondu", "repondu", "réponse", "reponse", "obtenu", "rappel", "dépann", "depann", "résolu", "resolu", "replaced",
    "repaired", "fixed", "got", "called", "answered", "sorted", "panne", "cass", "lâch", "lach", "mort", "broke",
    "stopped", "died", "failed", "fell")


#: The pieces of every gated search (see _holds), each tuple one bit of what _gates returns.
_GATE_PIECES: Final = (
    _LUCKY_PIECES, _ARRIVED_PIECES, _LATE_PIECES, _STAFF_PIECES, _CLOSING_PIECES, _CANCELLED_PIECES, _UNSHIPPED_PIECES,
    _REFUND_PIECES, _DOCUMENT_PIECES, _OUTAGE_PIECES, _IT_SERVERS_PIECES, _LUGGAGE_PIECES, _VOUCHER_PIECES,
    _PROMO_PIECES, _PLAN_PIECES, _CARD_PIECES, _STAFF_PRAISED_PIECES, _NAMED_THANKS_PIECES, _MISSING_PIECES,
    _FOOD_PIECES, _DAMAGED_PIECES, _RUDE_PIECES, _UNDERCOOKED_PIECES, _FAILURE_PIECES, _ITEM_DAMAGED_PIECES,
    _ITEM_MISSING_PIECES, _ITEM_WRONG_PIECES, _NOT_A_WAIT_PIECES)


def _gate(pieces: tuple[str, ...]) -> int:
    """The bit of a tuple of _GATE_PIECES (no two are equal)."""
    return 1 << _GATE_PIECES.index(pieces)


def _gate_finder() -> Any:
    """One Aho-Corasick automaton for every piece of _GATE_PIECES, each stored with the bits of the tuples
    that hold it."""
    bits: dict[str, int] = {}
    for i, group in enumerate(_GATE_PIECES):
        for piece in group:
            bits[piece] = bits.get(piece, 0) | 1 << i
    automaton = ahocorasick.Automaton()
    for piece, bit in bits.items():
        automaton.add_word(piece, bit)
    automaton.make_automaton()
    return automaton


_GATE_FINDER: Final = _gate_finder()
_LUCKY_GATE: Final = _gate(_LUCKY_PIECES)
_ARRIVED_GATE: Final = _gate(_ARRIVED_PIECES)
_LATE_GATE: Final = _gate(_LATE_PIECES)
_STAFF_GATE: Final = _gate(_STAFF_PIECES)
_CLOSING_GATE: Final = _gate(_CLOSING_PIECES)
_CANCELLED_GATE: Final = _gate(_CANCELLED_PIECES)
_UNSHIPPED_GATE: Final = _gate(_UNSHIPPED_PIECES)
_REFUND_GATE: Final = _gate(_REFUND_PIECES)
_DOCUMENT_GATE: Final = _gate(_DOCUMENT_PIECES)
_OUTAGE_GATE: Final = _gate(_OUTAGE_PIECES)
_IT_SERVERS_GATE: Final = _gate(_IT_SERVERS_PIECES)
_LUGGAGE_GATE: Final = _gate(_LUGGAGE_PIECES)
_VOUCHER_GATE: Final = _gate(_VOUCHER_PIECES)
_PROMO_GATE: Final = _gate(_PROMO_PIECES)
_PLAN_GATE: Final = _gate(_PLAN_PIECES)
_CARD_GATE: Final = _gate(_CARD_PIECES)
_STAFF_PRAISED_GATE: Final = _gate(_STAFF_PRAISED_PIECES)
_NAMED_THANKS_GATE: Final = _gate(_NAMED_THANKS_PIECES)
_MISSING_GATE: Final = _gate(_MISSING_PIECES)
_FOOD_GATE: Final = _gate(_FOOD_PIECES)
_DAMAGED_GATE: Final = _gate(_DAMAGED_PIECES)
_RUDE_GATE: Final = _gate(_RUDE_PIECES)
_UNDERCOOKED_GATE: Final = _gate(_UNDERCOOKED_PIECES)
_FAILURE_GATE: Final = _gate(_FAILURE_PIECES)
_ITEM_DAMAGED_GATE: Final = _gate(_ITEM_DAMAGED_PIECES)
_ITEM_MISSING_GATE: Final = _gate(_ITEM_MISSING_PIECES)
_ITEM_WRONG_GATE: Final = _gate(_ITEM_WRONG_PIECES)
_ITEM_GATE: Final = _ITEM_DAMAGED_GATE | _ITEM_MISSING_GATE | _ITEM_WRONG_GATE
_NOT_A_WAIT_GATE: Final = _gate(_NOT_A_WAIT_PIECES)


def _gates(low: str | None) -> int:
    """Bits of the _GATE_PIECES tuples that have a piece in `low` (every bit when low is None): `_holds(low, pieces)`
    for all of them at once, in one pass over the text instead of one `in` per piece (some 85 per comment)."""
    if low is None:
        return -1
    gates = 0
    for _, bits in _GATE_FINDER.iter(low):
        gates |= bits
    return gates


@lru_cache(maxsize=64)
def _not_a_wait_pattern(number: str) -> re.Pattern[str]:
    """_NOT_A_WAIT_AROUND for one number, compiled once: for a text with odd cases only (see _covered)."""
    return re.compile("(?i)" + _NOT_A_WAIT_AROUND.replace("<N>", number))


@lru_cache(maxsize=64)
def _mention_pattern(number: str, unit: str) -> re.Pattern[str]:
    """Where a text says a number (escaped) before a unit's first letter (escaped, or ""), compiled once per
    number and unit: for a text with odd cases or an odd number or unit only (see _mentions)."""
    return re.compile(r"(?i)(?<![\w,.])" + number + r"(?![\d,.]\d)(?=\s*-?\s*" + unit + ")")


def _any_number(guard: str) -> re.Pattern[str]:
    """_NOT_A_WAIT_AROUND's twin (see _lower_twin) for every number at once, to search lowered(text), a NUL character
    and the number in lower case with: each <N> is a backreference to the number, which a lookahead finds after the
    last NUL (the text's own are replaced: see _covered). Compiling the pattern for one number costs some 15 million
    instructions, more than a thousand searches, and a comment brings numbers never seen before. `guard` is a
    lookahead every first character of the numbers searched for passes, tested before the look for the number."""
    pieces = _NOT_A_WAIT_AROUND.split("<N>")
    pattern = "(?i)" + pieces[0]
    for group in range(1, len(pieces)):
        pattern += guard + r"(?=[^\x00]*\x00([^\x00]+)\Z)" + "(?:\\" + str(group) + ")" + pieces[group]
    return _lower_twin(pattern)


_NOT_A_WAIT_DIGITS: Final = _any_number(r"(?=\d)")   # for a number in digits: fewer looks for the number
_NOT_A_WAIT_ANY: Final = _any_number("")
#: What _mention_pattern reads around the number: no word, comma or point just before it, and the gap to the unit.
_NO_WORD_BEFORE: Final = re.compile(r"(?<![\w,.])")
_UNIT_GAP: Final = re.compile(r"(?![\d,.]\d)\s*-?\s*")


def _mentions(text: str, low: str | None, number: str, unit: str) -> list[int]:
    """Where the text says `number` (digits or letters) before a word starting with `unit` (a letter, or "": any), as
    _mention_pattern finds: `number` and `unit` in lower case found in lowered(text), their surroundings read in
    the text. In a text with odd cases, or with a number or unit other than ASCII or digits (whose letters re may
    match to others than str.lower does), _mention_pattern itself."""
    if low is None or not (number.isascii() or number.isdecimal()) or not unit.isascii():
        return [m.start() for m in _mention_pattern(re.escape(number), re.escape(unit)).finditer(text)]
    wanted = number.lower()
    letter = unit.lower()
    after = len(wanted)
    found: list[int] = []
    at = low.find(wanted)
    while at >= 0:   # a find that overlaps the one before follows a letter or digit: _NO_WORD_BEFORE drops it
        if _NO_WORD_BEFORE.match(text, at) is not None:
            gap = _UNIT_GAP.match(text, at + after)
            if gap is not None and (not letter or low.startswith(letter, gap.end())):
                found.append(at)
        at = low.find(wanted, at + 1)
    return found


def _covered(text: str, low: str | None, number: str) -> list[tuple[int, int]]:
    """The spans of _NOT_A_WAIT_AROUND's matches for `number` in the text, as _not_a_wait_pattern(number) finds
    them, searched with one pattern for every number (see _any_number); in a text with odd cases, with
    _not_a_wait_pattern itself. In lowered(text), a NUL becomes U+0001, which every part of the pattern reads alike
    (neither is a word character, a space, a digit or a letter it names)."""
    if low is None:
        return [(m.start(), m.end()) for m in _not_a_wait_pattern(re.escape(number)).finditer(text)]
    pattern = _NOT_A_WAIT_DIGITS if number.isdecimal() else _NOT_A_WAIT_ANY
    subject = (low.replace("\x00", "\x01") if "\x00" in low else low) + "\x00" + number.lower()
    return [(m.start(), m.end()) for m in pattern.finditer(subject)]


def not_a_wait(text: str, duration: str | None, gates: int | None = None) -> bool:
    """Whether the duration a comment gives ("6 ans", "2 days") is, everywhere the text says it, something else than
    a wait: an age, a time promised, how fast something was done or how long a product lasted (see
    _NOT_A_WAIT_AROUND). A draft then says nothing of it: "Une attente de 6 ans, ce n'est pas normal" answered
    "mon fils de 6 ans aurait pu l'avaler". `gates` may give _gates(lowered(text))."""
    if not duration:
        return False
    first = _NUMBER_FIRST.match(duration)
    if first is None:
        return False
    low = lowered(text)
    if gates is None:
        gates = _gates(low)
    if not gates & _NOT_A_WAIT_GATE:   # no match: no mention is covered
        return False
    number = first.group(1)
    unit = first.group(2) or ""   # "6 ans" is not "6 jours"
    mentions = _mentions(text, low, number, unit)
    if not mentions:
        return False
    covered = _covered(text, low, number)
    return all(any(start <= at < end for start, end in covered) for at in mentions)


#: A duration told as a delay ("3 jours de retard", "un retard de 2 heures", "arrived 3 days late", "delayed by a
#: week"): how late something was, not how long the author has waited so far. Group 1 or 2: the duration.
_DELAY_UNIT: Final = (r"(?:minutes?|mins?|heures?|h|jours?|j|semaines?|sem|mois|ans?|années?|hours?|hrs?|days?|"
                      r"weeks?|wks?|months?|years?)")
_DELAY: Final = re.compile(r"(?i)\b(" + _NUMBER + r"\s*" + _DELAY_UNIT + r")\s+(?:de\s+retard|d['’]\s*retard|en\s+retard|"
                           r"late|behind(?:\s+schedule)?|of\s+delay|delay)\b|"
                           r"\b(?:(?:retard|delay)\s+(?:de|d['’]|of|by)|retard[ée]e?s?\s+(?:de|d['’])|delayed(?:\s+by)?)\s*"
                           r"(" + _NUMBER + r"\s*" + _DELAY_UNIT + r")\b")


def is_delay(text: str, duration: str | None, gates: int | None = None) -> bool:
    """Whether the duration a comment gives is how late something was ("Ma commande est arrivée avec 3 jours de
    retard", "my train was 2 hours late"): a draft then names a delay ("Un retard de 3 jours…"), never a wait still
    going on ("Attendre 3 jours…", "votre commande attendue depuis 3 jours"). `gates` may give _gates(lowered(text))."""
    if not duration:
        return False
    if gates is None:
        gates = _gates(lowered(text))
    if not gates & _LATE_GATE and "behind" not in text.lower():
        return False
    first = _NUMBER_FIRST.match(duration)
    if first is None:
        return False
    number = first.group(1).lower()
    for match in _DELAY.finditer(text):
        said = _NUMBER_FIRST.match(match.group(1) or match.group(2) or "")
        if said is not None and said.group(1).lower() == number:
            return True
    return False


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


_WORDS = re.compile(r"[a-z]+")


#: Every byte but "a" to "z" made a space (see object_words).
_NOT_WORD_LETTERS: Final = bytes(code if 97 <= code <= 122 else 32 for code in range(256))


#: "plat" flat, not a dish: "écran plat", "batterie à plat", "pneu à plat", "ventre plat".
_FLAT: Final = re.compile(r"\b(?:ecrans?|a|ventre)\s+plats?\b")


def object_words(text: str) -> set[str]:
    """The folded words find_object looks for objects among."""
    folded = fold(text)
    if folded.isascii():
        # the runs of "a" to "z" _WORDS finds, split at every other character made a space: several times faster
        # than the search ("l'appli bug !" -> {"l", "appli", "bug"})
        words = set(folded.encode("ascii").translate(_NOT_WORD_LETTERS).decode("ascii").split())
    else:
        words = set(_WORDS.findall(folded))
    if ("plat" in words or "plats" in words) and _FLAT.search(folded):
        words -= {"plat", "plats"}   # (a flat screen and a dish in one comment: the dish is lost, a rare case)
    return words


def find_object(text: str, topic: str, lang: dict[str, Any], words: set[str] | None = None) -> dict[str, Any] | None:
    """What the author is writing about, in their words but from our closed list ("votre colis").

    Only objects of the reply's topic count, so that the acknowledgement never names something
    the rest of the draft does not deal with. `words` may give object_words(text), already read.
    """
    entries = lang.get("objects", {}).get(topic) or []
    if not entries:
        return None
    if words is None:
        words = object_words(text)
    return next((entry for entry in entries if not words.isdisjoint(entry["words"])), None)


def _with_duration(head: str, duration: str, tail: str, language: str) -> str:
    """Head + duration + tail, with the French elision "de un mois" -> "d’un mois"."""
    if language == "fr" and head.endswith(" de ") and _ELIDES.match(duration):
        head = head[:-3] + "d’"
    sentence = head + duration + tail
    return sentence[0].upper() + sentence[1:]


#: Which topic a reply names when several apply: the most serious or most specific first (a refund
#: complaint often mentions the delivery too, an injury matters more than the product's quality).
TOPIC_PREFERENCE: Final = ("safety", "privacy", "returns_refunds", "billing", "account", "delivery", "product_quality",
                    "technical", "customer_service", "pricing", "store")


#: A reply deals with at most this many topics (a late parcel *and* a double charge), most serious first.
TOPICS_PER_REPLY: Final = 2


#: A second topic the first one already covers (an injury or a data leak is the whole message; a
#: refund is the billing problem; a price rise is not a wrong charge).
_COVERED_BY: Final = {"safety": set(TOPIC_PREFERENCE), "privacy": set(TOPIC_PREFERENCE),   # escalations stand alone
               # a refund awaited is the remedy for the product sent back ("remboursement pour un article retourné")
               "returns_refunds": {"billing", "pricing", "product_quality"}, "billing": {"pricing"},
               "account": {"technical"}}
#: Topics never named second: shops and prices come up in passing far more often than as a problem.
_NEVER_SECOND: Final = frozenset({"store", "pricing"})


def _topics(labels: dict[str, Any], lang: dict[str, Any]) -> list[str]:
    """The topics the reply deals with, most serious first (empty when none is known to the texts):
    the main one, and a second one only when it is a distinct problem (a late order *and* a double
    charge), not one the first covers or one mentioned in passing."""
    topics = [t for t in situation(labels)["topics"] if t in lang["topic_phrase"] and t]
    # (most comments have one topic: nothing to sort)
    ranked = sorted(topics, key=lambda t: TOPIC_PREFERENCE.index(t) if t in TOPIC_PREFERENCE else len(TOPIC_PREFERENCE)) \
        if len(topics) > 1 else topics
    if not ranked:
        return []
    flags = situation(labels)["flags"]
    # "Le produit est bien mais un peu cher", "les frais de port sont abusés, 9 € pour un petit colis": with no
    # failure found, a price remark is the whole complaint; the product or parcel it names is no incident
    # to search for or replace
    if "pricing" in ranked and not (flags["brand_error"] or flags["needs_more_info"] or flags["escalate"]):
        return ["pricing"]
    # "The cashier at your Leeds store was so rude", "la vendeuse du magasin de Lyon": staff met in a shop, whose
    # manager hears of it; no request to reopen with an advisor
    # ("La vendeuse du magasin ... quand j'ai demandé une autre taille": the product is no complaint of its own)
    if ranked[0] in ("customer_service", "product_quality") and "customer_service" in ranked and "store" in ranked:
        ranked = ["store"] + [t for t in ranked if t not in ("store", "customer_service", "product_quality")]
    second = [t for t in ranked[1:] if t not in _NEVER_SECOND and t not in _COVERED_BY.get(ranked[0], ())]
    return ranked[:1] + second[:TOPICS_PER_REPLY - 1]


def _lead(topics: list[str], context: dict[str, Any]) -> list[str]:
    """The topics with the one that went wrong first: staff rude when a refund was asked for ("Staff were rude when I
    asked for a refund") is about the way the author was treated, the refund is context."""
    if context.get("rude") and "customer_service" in topics[1:]:
        return ["customer_service"] + [t for t in topics if t != "customer_service"]
    return topics


def _with_article(template: str, phrase: str, language: str) -> str:
    """template with {topic} replaced by phrase, "de le"/"de les" contracted in French ("au sujet du renvoi"), and
    "de" said again before each further topic ("au sujet de votre facturation et de l’application", not "et
    l’application")."""
    if language != "fr" or "de {topic}" not in template:
        return template.replace("{topic}", phrase)
    first, *others = phrase.split(_FR_JOINER)
    if first.startswith(("le ", "les ")):
        article, _, first = first.partition(" ")
        template = template.replace("de {topic}", ("du " if article == "le" else "des ") + "{topic}")
    return template.replace("{topic}", "".join([first, *(_FR_JOINER + _of(other) for other in others)]))


_FR_JOINER: Final = load_texts("fr")["topic_joiner"]   # " et "


def _of(phrase: str) -> str:
    """French "de" before a noun phrase: "du renvoi", "des frais", "d’une commande", "de votre facture"."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return _FR_ELISION.sub(r"\1d’\2", "de " + phrase)


def _problem_phrase(lang: dict[str, Any], problem: tuple[str, str, str, str]) -> str:
    """An item of two_problems named with the author's words ("votre rouge à lèvres", "your cable")."""
    return str(lang["possessive"][problem[2]]) + problem[1]


def _problems_remedy(lang: dict[str, Any], table: dict[str, Any], k: int,
                     problems: tuple[tuple[str, str, str, str], ...]) -> str:
    """The remedy of two problems, each named and fixed as it needs ("remplacer votre rouge à lèvres et échanger votre
    mascara contre la bonne teinte")."""
    parts = []
    for kind, noun, gender, right in problems:
        part = _pick(table["fix_" + kind], k).replace("{item}", _problem_phrase(lang, (kind, noun, gender, right)))
        part = part.replace("{noun}", noun).replace("{missing}", "manquaient" if gender == "p" else "manquait")
        parts.append(part.replace("{right}", lang["right_one"].get(right, "")))
    remedy = _pick(table["two_problems"], k).replace("{first}", parts[0]).replace("{second}", parts[1])
    # "de échanger" -> "d’échanger"
    return _FR_ELISION.sub(r"\1d’\2", remedy) if lang["code"] == "fr" else remedy


_SORRY: Final = re.compile(r"(?i)d[ée]sol[ée]|excus(?:es|er)|sorry|apolog")
_FR_ELISION: Final = re.compile(r"(?i)(^|\s)de\s+([aeiouyéèêàâîôh])")


def _without_sorry(options: Any, k: int, pick: Callable[[Any, int], Any]) -> Any:
    """Wording k of an acknowledgement followed by the admitted error, which apologises: one that does not apologise
    already ("...and we sincerely apologise for the inconvenience. We acknowledge our error and sincerely apologise"),
    when the sentence has one."""
    chosen = pick(options, k)
    if isinstance(options, str) or not _SORRY.search(chosen):
        return chosen
    calm = [option for option in options if not _SORRY.search(option)]
    return pick(calm, k) if calm else chosen


def _topic_phrases(topics: list[str], lang: dict[str, Any], context: dict[str, Any],
                   with_duration: bool = True) -> tuple[str, bool]:
    """What the acknowledgement names ("votre colis attendu depuis 3 semaines et votre facture"), and
    whether the duration was woven in.

    Each topic is named by the object the author wrote about when it is on our closed list (see
    find_object), else by the topic's own phrase; the duration goes with the first object that can be
    awaited. Everything but the checked duration is our own text.
    """
    objects: dict[str, Any] = context.get("objects") or {}
    duration = _duration(context.get("duration")) if with_duration else None
    phrases: list[str] = []
    woven = False
    for topic in topics:
        thing = objects.get(topic)
        phrase = lang["topic_phrase"][topic]
        if isinstance(thing, dict):
            phrase = thing["phrase"]
            # an order that arrived late was not "attendue depuis 5 jours": the duration goes in its own sentence
            if duration and thing.get("awaited") and not woven and not context.get("arrived") \
                    and not context.get("delay"):
                phrase, woven = thing["awaited"] + duration, True
        if phrase in phrases:
            continue   # two topics named alike ("votre voyage" for the journey and its refund): once
        shared = lang.get("topic_shared_prefix", "")
        if phrases and shared and phrase.startswith(shared) and phrases[0].startswith(shared):
            phrase = phrase[len(shared):]   # "the problem with your order and your bill"
        phrases.append(phrase)
    return lang["topic_joiner"].join(phrases), woven


def _pick(options: Any, k: int) -> Any:
    """Wording k of a sentence (lists shorter than VARIANTS wrap around)."""
    if isinstance(options, str):
        return options
    return options[k % len(options)]


def _length(option: Any) -> int:
    return len(option) if isinstance(option, str) else sum(map(len, option))


def _short_pick(options: Any, k: int) -> Any:
    """One of the two shortest wordings of a sentence, by k (so that drafts still differ)."""
    if isinstance(options, str):
        return options
    ordered = sorted(options, key=_length)
    return ordered[k % min(2, len(ordered))]


def _shortest(options: Any, k: int) -> Any:
    """The shortest wording of a sentence (k is ignored)."""
    if isinstance(options, str):
        return options
    return min(options, key=_length)


def _offers(context: dict[str, Any], topic: str) -> list[str]:
    """What the brand's profile says it can offer for this topic, each checked like a name."""
    catalogue = context.get("solutions")
    offers = catalogue.get(topic) if isinstance(catalogue, dict) and topic else None
    if not isinstance(offers, list):
        return []
    safe = [safe_name(offer, OFFER_LIMIT) for offer in offers[:3]]
    return [offer for offer in safe if offer]


class _Plan:
    """A draft's sentences, with what assembling them needs precomputed (shared: never mutated)."""

    __slots__ = ("sentences", "body", "named_body", "covers", "fits", "checks", "checked")

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        #: what _fit chose for a too long draft, by what its choice depends on (see _fit)
        self.fits: dict[tuple[Any, ...], tuple[int, _Plan, bool]] = {}
        body = " ".join(text for text, _, _ in sentences)
        first = body.split(" ", 1)[0] if body else ""
        self.body = body
        # after a named greeting ("Bonjour Marie,") the body starts in lower case (see _assemble)
        self.named_body = body[0].lower() + body[1:] if first and not (len(first) > 1 and first.isupper()) \
            and first not in _KEEP_CAPS else body
        self.covers = _covers(sentences)
        #: known_part of the body as drafts carry it, by what it depends on (see known)
        self.checks: dict[tuple[Any, ...], KnownPart | None] = {}
        #: check_text's answers for drafts made of this plan, by all the draft and its check depend on (see _public);
        #: emptied when full
        self.checked: dict[tuple[Any, ...], tuple[str, ...]] = {}

    def assemble(self, greeting: str, signoff: str | None) -> str:
        """_assemble(greeting, self.sentences, signoff), without joining the sentences again."""
        body = self.named_body if greeting.endswith(",") else self.body
        if greeting and body:   # (one f-string builds the text at once, where + builds each piece)
            return f"{greeting} {body} {signoff}" if signoff else f"{greeting} {body}"
        text = greeting or body
        return f"{text} {signoff}" if signoff else text

    def known(self, named: bool, spaced: bool, language: str, kind: str, allowed: tuple[str, ...]) -> KnownPart | None:
        """guardrails.known_part of the body as a draft carries it (after a named greeting or not, with
        French spacing or not), read once per plan: check_text then reads only the draft's first and
        last sentences, where the greeting and the sign-off are."""
        key = (named, spaced, language, kind, allowed)
        checks = self.checks
        if key in checks:   # (not try/except KeyError: a compiled exception costs far more than a lookup)
            return checks[key]
        body = self.named_body if named else self.body
        found = checks[key] = known_part(french_spacing(body) if spaced else body, language=language, kind=kind,
                                         allowed=allowed)
        return found


#: Voice of a language's texts (language, form of address, tone), set by voice_texts.
_VOICE: Final = "_voice"
#: The sentences of a voice that a draft longer than its channel's natural length loses first, set by voice_texts.
_LEAST: Final = "_least"
#: Sentences of drafts already built: what they depend on (the situation, the steps, the voice, the brand's data
#: and the few pieces of the comment a draft may carry: _base_key, _context_key) -> (wording, short) -> _Plan.
_PLANS: Final[dict[tuple[Any, Any], dict[tuple[int, bool], _Plan]]] = {}
_PLANS_MAX: Final = 20000


def _base_key(labels: dict[str, Any], ids: list[str], lang: dict[str, Any]) -> tuple[Any, ...] | None:
    """What _build_sentences reads of the situation, the steps and the voice (None: not cacheable)."""
    voice = lang.get(_VOICE)
    if voice is None:
        return None
    sit = situation(labels)
    return (voice, tuple(ids), tuple(sit["flags"].values()), sit["category"], sit["sentiment"], tuple(sit["topics"]))


def _context_key(context: dict[str, Any]) -> tuple[Any, ...]:
    """What _build_sentences reads of the context (brand data, pieces of the comment, wording level)."""
    c = context   # c.get(...), not a bound `get = context.get`: compiled, a dict's own get is a direct lookup
    objects = c.get("objects") or {}
    catalogue = c.get("solutions")
    offers = tuple((topic, tuple(found[:3])) for topic, found in catalogue.items() if isinstance(found, list)) \
        if isinstance(catalogue, dict) else ()
    # the yes/no readings packed in one integer, a bit each (the same keys as a tuple of bools, faster to hash)
    flags = (1 if c.get("emoji") else 0) | (2 if c.get("arrived") else 0) | (4 if c.get("late") else 0) \
        | (8 if c.get("recovered") else 0) | (16 if c.get("closing") else 0) | (32 if c.get("cancelled") else 0) \
        | (64 if c.get("unshipped") else 0) | (128 if c.get("opinion") else 0) \
        | (256 if c.get("return_only") else 0) | (512 if c.get("promo") else 0) | (1024 if c.get("travel") else 0) \
        | (2048 if c.get("card_blocked") else 0) | (4096 if c.get("plan_changed") else 0) \
        | (8192 if c.get("staff") else 0) | (16384 if c.get("privacy_question") else 0) \
        | (32768 if c.get("outage") else 0) | (65536 if c.get("data_request") else 0) \
        | (131072 if c.get("luggage") else 0) | (262144 if c.get("missing") else 0) \
        | (524288 if c.get("staff_praised") else 0) | (1048576 if c.get("privacy_concern") else 0) \
        | (2097152 if c.get("food") else 0) | (4194304 if c.get("rude") else 0) \
        | (8388608 if c.get("undercooked") else 0) | (16777216 if c.get("price_opinion") else 0) \
        | (33554432 if c.get("failure_named") else 0) | (67108864 if c.get("time_given") else 0) \
        | (134217728 if c.get("card_declined") else 0) | (268435456 if c.get("resolved") else 0) \
        | (536870912 if c.get("delay") else 0)
    return (flags, c.get("safety_kind"), c.get("safety_harm"), c.get("plain_ack"), c.get("duration"), c.get("helper"),
            c.get("via"), c.get("privacy_url"),
            offers, c.get("voucher") or False, c.get("document"), c.get("problems") or (), c.get("plan_word"),
            c.get("question_object"), c.get("private_key"), c.get("sector"),
            tuple((topic, thing["phrase"], thing.get("awaited")) if isinstance(thing, dict) else (topic, thing)
                  for topic, thing in objects.items()))


def _plans(labels: dict[str, Any], ids: list[str], lang: dict[str, Any],
           context: dict[str, Any]) -> dict[tuple[int, bool], _Plan]:
    """The plans already built for these arguments, by (wording, short): the entry of _PLANS, looked up once for
    all the wordings of a comment (its key is long to hash), or a dict of their own when they cannot be a key."""
    try:
        base = _base_key(labels, ids, lang)
        if base is None:
            return {}
        key = (base, _context_key(context))
        plans = _PLANS.get(key)
        if plans is None:
            if len(_PLANS) >= _PLANS_MAX:
                _PLANS.clear()
            plans = _PLANS[key] = {}
        return plans
    except TypeError:   # odd context values that cannot be a key: build without the cache
        return {}


def _plan(labels: dict[str, Any], ids: list[str], lang: dict[str, Any], k: int, short: bool,
          context: dict[str, Any], plans: dict[tuple[int, bool], _Plan] | None = None) -> _Plan:
    """The draft's sentences (see _build_sentences), built once per situation, voice and wording.

    `plans` may give _plans of these arguments, already looked up.
    """
    if plans is None:
        plans = _plans(labels, ids, lang, context)
    plan = plans.get((k, short))
    if plan is None:
        plan = plans[(k, short)] = _Plan(_build_sentences(labels, ids, lang, k, short, context))
    return plan


def _remedies(labels: dict[str, Any], topics: list[str], travel: bool) -> list[str]:
    """The topics whose remedies a full draft offers (its offer_solution step), in order: "" for a promise
    to solve it, "travel" for a journey disrupted. `topics` is _topics(labels, lang)."""
    sit = situation(labels)
    flags = sit["flags"]
    # Until the details are known, promise to solve it rather than a remedy that may not fit.
    unclear = flags["needs_more_info"] and not flags["brand_error"]
    remedies = [""] if unclear or not topics else topics
    # A rival's promotion names no incident of the author's ("they actually deliver on time"): no
    # parcel to search for, no charge to check; an offer that suits them is still worth proposing.
    if flags["suspected_bad_faith"] and not flags["brand_error"]:
        return [t for t in remedies if t == "pricing"] or [""]
    # A journey disrupted: another departure or a refund, and the compensation due (never a parcel)
    if travel and sit["category"] == "complaint":
        return ["travel"] + [t for t in topics if t in ("billing", "account", "privacy", "safety")]
    return remedies


def _build_sentences(labels: dict[str, Any], ids: list[str], lang: dict[str, Any], k: int, short: bool,
                     context: dict[str, Any]) -> list[Sentence]:
    """The draft's sentences, in step order."""
    s = lang["sentences"]
    sit = situation(labels)
    flags = sit["flags"]
    topics = _lead(_topics(labels, lang), context)
    topic = topics[0] if topics else ""
    # A plain question asked in a negative tone ("Is this cruelty free?") is still answered as a
    # question; a question that reports a failure is a complaint, and is classified as one.
    # A suggestion worded as a wish ("Pourriez-vous ajouter un mode sombre ?") is thanked as a suggestion, not
    # acknowledged as a problem.
    negative = is_negative(labels) and not (
        sit["category"] in ("question", "suggestion") and not any(flags[f] for f in ("brand_error", "toxic",
                                                                                    "suspected_bad_faith", "escalate",
                                                                                    "needs_more_info")))
    serious = flags["escalate"]
    woven = False   # the duration is already said in the acknowledgement ("votre colis attendu depuis…")
    out: list[Sentence] = []
    # A tiny channel: one of the two shortest wordings of every sentence (level 1), or the shortest
    # (level 2), so that every step still fits.
    level = context.get("plain_ack") if short else None
    pick = _shortest if level == 2 else _short_pick if level == 1 else _pick
    for step_id in ids:
        if step_id == "acknowledge":
            if context.get("privacy_question"):
                # "Vous partagez mes données ?": answered here, in public, by the privacy policy (no practice of the
                # brand's is stated; its address only when the brand profile gives one)
                answer = pick(s["acknowledge_privacy_short" if short else "acknowledge_privacy"], k)
                if context.get("privacy_url"):   # part of the answer: kept with it when a short channel drops extras
                    head, tail = pick(s["privacy_link_short" if short else "privacy_link"], k)
                    answer = f"{answer} {head}{context['privacy_url']}{tail}"
                out.append((answer, step_id, True))
                if not short:
                    out.append((pick(s["privacy_followup"], k), None, False))
            elif context.get("privacy_concern") and not short and "acknowledge_privacy_concern" in s:
                # "Je reçois 3 appels de démarchage par jour. Vous avez revendu mon numéro ?": the worry is heard and
                # looked into (nothing is claimed of the brand's practices), the account checked in private
                out.append((pick(s["acknowledge_privacy_concern"], k), step_id, True))
            elif context.get("data_request") and "acknowledge_data_request" in s:
                # "Pouvez-vous supprimer mes données ?": taken in charge, not a cheerful "Merci pour votre question !"
                out.append((pick(s["acknowledge_data_request_short" if short else "acknowledge_data_request"], k),
                            step_id, True))
            elif context.get("plain_ack") and short:
                out.append((pick(s["acknowledge_short"], k), step_id, True))
            elif flags["suspected_bad_faith"] and not flags["brand_error"]:
                out.append((pick(s["acknowledge_short" if short else "acknowledge_neutral"], k), step_id, True))
            elif negative:
                problems = context.get("problems")
                if short and not topic:
                    out.append((pick(s["acknowledge_short"], k), step_id, True))
                elif problems and not short and "acknowledge_two" in s:
                    # "rouge à lèvres cassé + mascara mauvaise teinte": both heard, each named as the author named it
                    out.append((pick(s["acknowledge_two"], k).replace("{first}", _problem_phrase(lang, problems[0]))
                                .replace("{second}", _problem_phrase(lang, problems[1])), step_id, True))
                elif context.get("opinion") and topic == "product_quality" and not short and not context.get("undercooked") \
                        and not context.get("food") \
                        and not any(flags[f] for f in ("brand_error", "escalate", "needs_more_info")) \
                        and "acknowledge_product_opinion" in s:
                    # "The new flavour is meh": an opinion heard, not "the problem with your product"
                    out.append((pick(s["acknowledge_product_opinion"], k), step_id, True))
                elif not topic and not short and sit["category"] == "other" and len(ids) == 1 \
                        and not any(flags.values()) and context.get("opinion") and not context.get("undercooked") \
                        and "acknowledge_opinion" in s:
                    # "Je trouve que le nouveau logo est moche": an opinion, no "souci" reported
                    out.append((pick(s["acknowledge_opinion"], k), step_id, True))
                elif context.get("price_opinion") and topic == "pricing" and not short \
                        and "acknowledge_price_opinion" in s:
                    # "Vos prix sont trop chers": an opinion heard, not a "souci" reported nor a "désagrément"
                    out.append((pick(s["acknowledge_price_opinion"], k), step_id, True))
                elif topic:
                    phrase, woven = _topic_phrases(topics, lang, context, with_duration=not short)
                    # an injury, a health scare, a legal threat, a leak: taken seriously, not "sorry for the trouble"
                    key = "acknowledge_short_topic" if short else "acknowledge_serious" if serious else "acknowledge"
                    template = _without_sorry(s[key], k, pick) if "accept_error" in ids else pick(s[key], k)
                    sentence = _with_article(template, phrase, lang["code"])   # "au sujet du renvoi"
                    out.append((sentence, step_id, True))
                    if topic == "safety" and not short and "safety_wellbeing" in s:
                        # a fire, a gas leak, an allergic reaction: the people first, before any remedy
                        care = "safety_recovery" if context.get("safety_harm") and "safety_recovery" in s \
                            else "safety_wellbeing"
                        out.append((pick(s[care], k), None, False))
                elif flags["toxic"] and not flags["brand_error"] and not serious and len(ids) == 1 \
                        and "toxic_open" in s and "acknowledge_toxic" in s:
                    # "NovaTel = arnaqueurs de merde": nothing named to be sorry for; answered calmly, the door open
                    out.append((pick(s["acknowledge_toxic"], k), step_id, True))
                    out.append((pick(s["toxic_open"], k), None, False))
                else:
                    options = s["acknowledge_serious_notopic" if serious else "acknowledge_notopic"]
                    out.append((_without_sorry(options, k, pick) if "accept_error" in ids else pick(options, k),
                                step_id, True))
                duration = _duration(context.get("duration"))
                if not short and duration and flags["brand_error"] and not woven:
                    # an outage that lasts is no wait ("Plus d'internet depuis 2 jours")
                    lasting = s["duration_outage"] if context.get("outage") and "duration_outage" in s \
                        else s["duration_late"] if context.get("delay") and "duration_late" in s else s["duration"]
                    head, _, tail = pick(lasting, k).partition("{duration}")
                    out.append((_with_duration(head, duration, tail, lang["code"]), None, False))
            elif sit["category"] == "suggestion":
                out.append((pick(s["acknowledge_suggestion"], k), step_id, True))
            elif sit["category"] == "question":
                # asked in a negative tone ("Franchement déçu, pourquoi le prix a doublé ?"): a calm "we have
                # read it", not a cheerful "Merci pour votre question !"
                # a matter of personal data ("Pouvez-vous supprimer mes données ?") is no cheerful question either
                key = ("acknowledge_short" if short else "acknowledge_neutral") \
                    if is_negative(labels) or "move_to_private" in ids else "acknowledge_question"
                out.append((pick(s[key], k), step_id, True))
                if "ask_details_publicly" not in ids and "move_to_private" not in ids:
                    # "Do you ship to Canada?": held with what the question is about, so the author knows it was read
                    # ("We're checking on shipping for you…")
                    asked = context.get("question_object") or lang.get("question_topic", {}).get(topic)
                    if asked and key == "acknowledge_question" and not short and "question_holding" in s:
                        out.append((_with_article(pick(s["question_holding"], k), asked, lang["code"]), None, True))
                    else:
                        out.append((pick(s["question_followup"], k), None, not short))
            elif context.get("resolved") and flags["community_answered"] and "acknowledge_resolved" in s:
                # "@Karim merci ça a marché !!": glad it is sorted, before the helper is thanked (not "Merci pour votre
                # commentaire !")
                out.append((pick(s["acknowledge_resolved"], k), step_id, True))
            else:
                out.append((pick(s["acknowledge_other"], k), step_id, True))
            if context.get("undercooked") and negative and not short and "offer_solution" not in ids \
                    and "food_private" in s:
                # "Burger servi cru au milieu, inadmissible." read with no failure: still never to be served
                sorry = not _SORRY.search(out[-1][0]) if out else True   # apologised once, not twice
                out.append((pick(s["offer_solution"]["food_undercooked_sorry" if sorry else "food_undercooked"], k),
                            None, False))
                out.append((pick(s["food_private"], k), None, False))
        elif step_id == "offer_solution":
            if short and topic == "safety" and context.get("safety_kind") == "service" and "safety_service_short" in s:
                out.append((pick(s["safety_service_short"], k), step_id, True))   # the author's safety, even in short
            elif short:
                out.append((pick(s["offer_solution_short"], k), step_id, True))
            else:
                table = s["offer_solution"]
                remedies = _remedies(labels, topics, bool(context.get("travel")))
                if remedies == [""] and context.get("card_blocked") and topic in ("account", "billing"):
                    remedies = [topic]   # "Ma carte bancaire a été bloquée en plein voyage": unblocked, explained
                if remedies == [""] and context.get("undercooked") and topic == "product_quality":
                    remedies = [topic]   # "le burger pas cuit": nothing more to know before offering a new meal
                remedies = _lead(remedies, context)
                for i, remedy_topic in enumerate(remedies):
                    if i and remedy_topic == "product_quality" and remedies[0] == "delivery":
                        continue   # the parcel's reshipment or refund covers the product in it
                    if i and context.get("problems") and remedies[0] in ("delivery", "product_quality", ""):
                        continue   # both problems have their remedy already
                    offers = _offers(context, remedy_topic)
                    if offers:   # the brand's own catalogue for this topic (brand data, inserted as text)
                        remedy = s["offer_catalogue"][0] + s["offer_catalogue"][1].join(offers) + "."
                    elif remedy_topic == "safety" and context.get("safety_kind") in ("food", "service") \
                            and "safety_" + str(context.get("safety_kind")) in table:
                        # a gas smell, smoke on board, glass in a salad: no product to stop using or replace
                        remedy = pick(table["safety_" + str(context.get("safety_kind"))], k)
                    elif i == 0 and context.get("problems") and remedy_topic in ("delivery", "product_quality", "") \
                            and "two_problems" in table:
                        # "Charger arrived broken and the cable is missing": what fits each, each named
                        remedy = _problems_remedy(lang, table, k, context["problems"])
                    elif remedy_topic == "product_quality" and context.get("undercooked") and "food_undercooked" in table:
                        # "Burger servi cru", "chicken undercooked, pink inside": never to be served; apologised for,
                        # refunded or replaced, the kitchen told (not a taste to hear about)
                        sorry = "accept_error" not in ids and "food_undercooked_sorry" in table
                        remedy = pick(table["food_undercooked_sorry" if sorry else "food_undercooked"], k)
                    elif remedy_topic == "customer_service" and context.get("rude") and not context.get("staff") \
                            and "staff_rude" in table:
                        remedy = pick(table["staff_rude"], k)   # the way the author was treated, first
                    elif remedy_topic == "returns_refunds" and i and context.get("rude") and "refund_pending" in table:
                        remedy = pick(table["refund_pending"], k)   # the refund asked for then, if still pending
                    elif remedy_topic == "delivery" and context.get("luggage") and "luggage" in table:
                        remedy = pick(table["luggage"], k)   # a suitcase is searched for, not reshipped
                    elif remedy_topic == "delivery" and context.get("recovered"):
                        # left at the wrong door, and luck brought it back: the mistake is reported, nothing resent
                        remedy = pick(table["delivery_recovered"], k)
                    elif remedy_topic == "delivery" and context.get("missing") and "delivery_missing" in table:
                        remedy = pick(table["delivery_missing"], k)   # part of it came: send or refund the rest
                    elif remedy_topic == "delivery" and context.get("food") and not context.get("cancelled") \
                            and "delivery_food" in table:
                        remedy = pick(table["delivery_food"], k)   # a meal: refunded or delivered again, no parcel
                    elif remedy_topic == "delivery" and context.get("arrived"):
                        # late, but there: find the cause; there but empty, damaged or wrong: send it again
                        remedy = pick(table["delivery_arrived" if context.get("late") else "delivery_faulty"], k)
                    elif remedy_topic == "delivery" and context.get("cancelled"):   # cancelled: nothing to trace
                        remedy = pick(table["delivery_cancelled"], k)
                    elif remedy_topic == "delivery" and context.get("unshipped"):   # still in the warehouse
                        remedy = pick(table["delivery_unshipped"], k)
                    elif remedy_topic == "delivery" and context.get("rude") and not flags["brand_error"] \
                            and "delivery_rude" in table:
                        # "Le livreur m'a insultée": the conduct is what went wrong, not a parcel to trace
                        remedy = pick(table["delivery_rude"], k)
                    elif remedy_topic == "delivery" and not flags["brand_error"]:
                        # no failure of ours found (a driver's manners, a threat): reported, no parcel to trace
                        remedy = pick(table["delivery_feedback"], k)
                    elif remedy_topic == "billing" and context.get("sector") == "bank" and "billing_bank" in table:
                        # "Virement bloqué depuis 5 jours", "frais prélevés à tort": an operation on the account is
                        # checked and put right, no bill to examine
                        remedy = pick(table["billing_bank"], k)
                    elif remedy_topic == "billing" and context.get("document") == "invoice":   # sent again
                        remedy = pick(table["invoice_missing"], k)
                    elif remedy_topic == "product_quality" and context.get("opinion") and not flags["brand_error"] \
                            and not flags["escalate"] and not context.get("food"):
                        # a taste or an opinion ("bof, pas ouf le nouveau goût", "meh, the new flavour"), no
                        # defect found: the product team hears it; a refund would answer a fault nobody reported
                        remedy = pick(table["product_opinion"], k)
                    elif remedy_topic == "product_quality" and context.get("food") and "product_food" in table:
                        # a meal: refunded or a new one, no "échange"; passed on to the team unless the staff's remedy
                        # that follows says so ("...et transmettons votre retour. Nous transmettons votre retour au
                        # responsable")
                        plain = "customer_service" in remedies[i + 1:] and "product_food_plain" in table
                        remedy = pick(table["product_food_plain" if plain else "product_food"], k)
                    elif remedy_topic in ("pricing", "billing") and context.get("plan_changed"):
                        # changed unasked: restore it ("your previous membership"), refund the difference
                        remedy = pick(table["plan_changed"], k).replace("{plan}", context.get("plan_word") or "subscription")
                    elif remedy_topic in ("pricing", "billing") and context.get("promo") \
                            and (flags["brand_error"] or flags["needs_more_info"]):
                        # a code refused: check it, apply the discount; a voucher refused: let its value be used
                        remedy = pick(table["voucher" if context.get("voucher") else "promo_code"], k)
                        if "{voucher}" in remedy:   # named as the author named it ("votre carte cadeau")
                            remedy = remedy.replace("{voucher}", _voucher_phrase(lang, context.get("voucher")))
                    elif remedy_topic in ("account", "billing") and context.get("card_blocked"):   # unblock, explain
                        remedy = pick(table["card_blocked"], k)
                    elif remedy_topic == "billing" and context.get("card_declined") and "card_declined" in table:
                        remedy = pick(table["card_declined"], k)   # a payment refused: why, and help to pay
                    elif remedy_topic == "customer_service" and context.get("staff"):   # a waiter: the manager on site
                        remedy = pick(table["staff"], k)
                    elif remedy_topic == "returns_refunds" and context.get("return_only"):
                        remedy = pick(table["returns_only"], k)   # a return to organise, no refund awaited
                    elif remedy_topic == "account" and context.get("closing"):   # leaving, not locked out
                        remedy = pick(table["account_closure"], k)
                    else:
                        remedy = pick(table.get(remedy_topic) or table[""], k)
                    # The main topic's remedy carries the step; the second one goes when space is short.
                    out.append((remedy, step_id, True) if i == 0 else (remedy, None, False))
                    if remedy_topic == "travel" and flags["brand_error"] and not offers and "travel_rights" in s:
                        # the carrier's own failure: whether compensation applies is checked, never asserted; a
                        # journey grounded by a strike or the weather gets no word of it (the brand said none)
                        out.append((pick(s["travel_rights"], k), None, False))
                if flags["brand_error"]:
                    out.append((pick(s["prevent"], k), None, False))
        elif step_id == "thank_community":
            helper = None if short else _helper_name(context.get("helper"))
            if helper:
                sentence = pick(s["thank_community_named"], k) + helper + pick(s["thank_community_named_end"], k)
                out.append((sentence, step_id, True))
            else:
                out.append((pick(s["thank_community"], k), step_id, True))
            if len(ids) == 1:
                out.append((pick(s["community_followup"], k), None, False))
        elif step_id == "ask_details_publicly" and context.get("card_blocked") and not short and "ask_details_card" in s:
            # "Ma carte a été bloquée en plein voyage": what it is about is known; ask what the payment shows
            out.append((pick(s["ask_details_card"], k), step_id, True))
        elif step_id == "ask_details_publicly" and context.get("undercooked") and not short and "ask_details_food" in s:
            # what is told is enough to apologise; where and when it was served is asked, the rest in private
            out.append((pick(s["ask_details_food"], k), step_id, True))
            if "move_to_private" not in ids and "food_private" in s:   # the refund itself is settled in private
                out.append((pick(s["food_private"], k), None, True))
        elif step_id == "ask_details_publicly" and context.get("failure_named") and not short \
                and topic in s.get("ask_details_known", {}):
            # "Ma carte est refusée au paiement depuis hier": what and what fails are told; ask only what is missing
            # (the message shown, the device, the tracking status), and since when only when the comment does not say
            out.append((pick(s["ask_details_known"][topic], k), step_id, True))
            if not context.get("time_given") and topic != "delivery" and "ask_since" in s:   # tracking has dates
                out.append((pick(s["ask_since"], k), None, False))
        elif step_id == "ask_details_publicly" and context.get("time_given") and not short \
                and "ask_details_publicly_timed" in s:
            # "Bus 42 jamais passé ce matin", "ma box ne marche plus depuis hier": when it happened is told, not asked
            # again ("et depuis quand ?")
            out.append((pick(s["ask_details_publicly_timed"], k), step_id, True))
        elif step_id == "ask_details_publicly" and (topic or context.get("sector")) and not short:
            # the comment names what it is about ("ma box ne se connecte plus", "le bus 42"): ask what happens, not
            # which product or service
            out.append((pick(s["ask_details_publicly_named"], k), step_id, True))
        elif step_id == "move_to_private" and context.get("privacy_question"):
            # only the data of the author's own account goes private; the question itself was answered here
            if context.get("via"):
                kind, value = context["via"]
                head, tail = pick(s["move_to_private_via_short" if short else "move_to_private_privacy_via"][kind], k)
                out.append((head + value + tail, step_id, True))
            else:
                out.append((pick(s["move_to_private_privacy_short" if short else "move_to_private_privacy"], k),
                            step_id, True))
        elif step_id == "move_to_private" and context.get("privacy_concern") and not context.get("via") \
                and not short and "move_to_private_privacy_concern" in s:
            out.append((pick(s["move_to_private_privacy_concern"], k), step_id, True))
        elif step_id == "move_to_private" and context.get("data_request") and not context.get("via") \
                and "move_to_private_data_request" in s:
            key = "move_to_private_data_request_short" if short else "move_to_private_data_request"
            out.append((pick(s[key], k), step_id, True))
        elif step_id == "move_to_private" and context.get("travel") and not context.get("via") and not short \
                and "move_to_private_travel" in s:
            # a journey: a booking reference, not an order number
            out.append((pick(s["move_to_private_travel"], k), step_id, True))
        elif step_id == "move_to_private" and context.get("via"):
            kind, value = context["via"]   # the brand's own address, number or form URL (checked shape)
            head, tail = pick(s["move_to_private_via_short" if short else "move_to_private_via"][kind], k)
            out.append((head + value + tail, step_id, True))
        elif step_id == "move_to_private":
            # "(numéro de commande, coordonnées)" for a parcel, "(référence client, numéro de ligne)" for a box
            sentence = pick(s["move_to_private_short" if short else "move_to_private"], k)
            if "{details}" in sentence:
                sentence = sentence.replace("{details}", _details(lang, context.get("private_key")))
            out.append((sentence, step_id, True))
        elif step_id in s:
            key = step_id + "_short" if short and step_id + "_short" in s else step_id
            # After thanking the community, thank the author in other words ("Un grand merci à Karim…
            # Merci pour votre confiance…", not "Un grand merci" twice).
            shift = 1 if step_id == "thank" and "thank_community" in ids else 0
            out.append((pick(s[key], k + shift), step_id, True))
            if step_id == "thank" and context.get("staff_praised") and not short and "thank_staff" in s:
                # "Merci au contrôleur du TER", "the cabin crew were incredible": the compliments reach them
                out.append((pick(s["thank_staff"], k), None, False))
    if negative and not short:
        out.append((pick(s["closing_serious" if serious else "closing"], k), None, False))
    if context.get("emoji") and not negative:   # a light touch, never on a complaint
        mood = ("community" if flags["community_answered"] else
                "praise" if sit["category"] == "praise" or sit["sentiment"] == "positive" else
                sit["category"] if sit["category"] in ("question", "suggestion") else "other")
        out.append((pick(lang["emoji"][mood], k), None, False))
    return out


_HANDLE_LIKE = re.compile(r"[._\d@]")
#: A user name written as one word, in mixed case, that no person's first name is: a capital inside it after three
#: small letters or after another inner capital ("DarkKiller", "xXDarkKillerXx", "ProGamerFr"), a capital after a small
#: letter at its end ("KillerX"), a small letter then a capital at its start ("xXShadow", "iPhoneFan"), or the "xx"
#: that frames gamer tags. A name like "DeShawn", "McDonald", "MacKenzie" or "LeBron" keeps its greeting.
_GAMER_TAG: Final = re.compile(r"[a-zß-ÿ]{3}[A-ZÀ-Þ]|[A-ZÀ-Þ][a-zß-ÿ]*[A-ZÀ-Þ][a-zß-ÿ]*[A-ZÀ-Þ]|[a-zß-ÿ][A-ZÀ-Þ]$|"
                               r"^[a-zß-ÿ]+[A-ZÀ-Þ]|^(?i:xx)|(?i:xx)$")
#: A first name: a capitalised word of letters, maybe hyphenated ("Jean-François", "Zoé"), not an initial.
_FIRST_NAME: Final = re.compile(r"^[^\W\d_][^\W\d_]+(?:-[^\W\d_]+)*$")
#: The other words of a person's name: names, particles ("de", "van", "O’Neil"), an initial ("L.").
_NAME_WORD: Final = re.compile(r"^(?:[^\W\d_]+(?:[-’'][^\W\d_]+)*|[^\W\d_]\.)$")
#: First words of names that are no person's first name: titles (kept with the surname: "Mme Durand", "Dr Smith")
#: and the articles or words of a business's name ("The Coffee Lover", "Café de Paris", "Team Rocket").
_NOT_FIRST_NAMES: Final = frozenset({
    "m", "mr", "mrs", "ms", "miss", "mme", "mlle", "mx", "dr", "prof", "sir", "madame", "monsieur", "mademoiselle",
    "docteur", "maître", "the", "a", "an", "le", "la", "les", "un", "une", "des", "du", "de", "team", "équipe",
    "club", "shop", "store", "boutique", "café", "cafe", "restaurant", "hotel", "hôtel", "studio", "maison", "chez",
    "official", "officiel", "les", "famille", "family", "association", "asso", "mairie", "ville", "groupe", "group",
    "collectif", "collective", "collectifs", "syndicat", "comité", "comite", "union", "amicale", "fédération",
    "federation", "société", "societe", "agence", "agency", "radio", "journal"})
#: Words of an organisation's or a page's name anywhere in it ("Collectif Usagers", "Fair Broadband Now", "TechTalk
#: Daily", "Cadeaux France", "Gift Zone", "Remote Jobs"): the name is kept whole, no "Bonjour Collectif," or "Hi Fair,".
_ORGANISATION_WORDS: Final = frozenset({
    "usagers", "users", "now", "daily", "news", "infos", "info", "jobs", "emplois", "zone", "france", "uk", "paris",
    "beauty", "beauté", "beaute", "broadband", "deals", "bons", "plans", "cadeaux", "gifts", "gift", "tv", "media",
    "médias", "medias", "magazine", "mag", "shop", "store", "boutique", "officiel", "official", "team", "club",
    "consommateurs", "consumers", "livreurs", "drivers", "parents", "citoyens", "riverains", "hq", "inc", "ltd",
    "sarl", "sas", "co", "company", "compagnie", "services", "service", "online", "digital", "network", "réseau"})


#: Words that join two people's names in one author name ("Sylvie et Marc", "Tom & Anna").
_COUPLE: Final = frozenset({"et", "and", "&", "+"})


def greeting_name(name: str | None) -> str | None:
    """How a reply greets the author, as a community manager does: by the first name of a person's full name
    ("Sophie Lambert" -> "Sophie", "jean-marc dupont" -> "Jean-Marc"), capitalised if written all in lower or
    upper case ("kenza" -> "Kenza"); a title with a surname as it is ("Mme Durand"); no name for a user name
    that is not a name ("julien.voyage", "amy_88"). A name that does not look like a person's first and last
    names ("The Coffee Lover", "Café de Paris") is kept whole."""
    if not name:
        return None
    if " " not in name and (_HANDLE_LIKE.search(name) or not (name.isupper() or name.islower())
                            and _GAMER_TAG.search(name)):
        return None
    if name.islower() or (name.isupper() and len(name) > 3):
        name = re.sub(r"(^|[ -])(\w)(\w*)", lambda m: m.group(1) + m.group(2).upper() + m.group(3).lower(), name)
    words = name.split()
    if 2 <= len(words) <= 4 and _FIRST_NAME.match(words[0]) and not _COUPLE.isdisjoint(w.lower() for w in words[1:-1]):
        # "Sylvie et Marc", "Tom & Anna": both greeted, not the first only
        return " ".join(word.lower() if word.lower() in _COUPLE else word for word in words)
    if 2 <= len(words) <= 4 and _FIRST_NAME.match(words[0]) and words[0].lower() not in _NOT_FIRST_NAMES \
            and all(_NAME_WORD.match(word) for word in words[1:]) \
            and not any(word.lower() in _ORGANISATION_WORDS for word in words):
        return words[0]
    return name


def _greeting(lang: dict[str, Any], name: str | None) -> str:
    return str(lang["greeting_named"]) + name + "," if name else str(lang["greeting"])


def _assemble(greeting: str, sentences: list[Sentence], signoff: str | None) -> str:
    body = " ".join(text for text, _, _ in sentences)
    first = body.split(" ", 1)[0] if body else ""
    if greeting.endswith(",") and first and not (len(first) > 1 and first.isupper()) and first not in _KEEP_CAPS:
        body = body[0].lower() + body[1:]   # "Bonjour Marie, merci…" / "Hi Joe, thanks…"
    text = greeting + " " + body if greeting and body else greeting or body
    return text + " " + signoff if signoff else text


def _assembled_length(greeting: str, sentences: list[Sentence], signoff: str | None) -> int:
    """len(_assemble(greeting, sentences, signoff)), without building the text."""
    body = sum(len(text) for text, _, _ in sentences) + len(sentences) - 1 if sentences else 0
    if body and greeting.endswith(","):
        head = sentences[0][0]
        first = head.split(" ", 1)[0]   # the body's first word: the join puts a space after the first sentence
        if first and not (len(first) > 1 and first.isupper()) and first not in _KEEP_CAPS:
            body += len(head[0].lower()) - 1
    length = len(greeting) + 1 + body if greeting and body else len(greeting) if greeting else body
    return length + 1 + len(signoff) if signoff else length


def _covers(sentences: list[Sentence]) -> list[str]:
    return list(dict.fromkeys(step for _, step, _ in sentences if step))


#: The length a public reply reads well at on a channel whose limit is far above it (Instagram allows 2,200
#: characters, but a reply there is read on a phone, under the post): a longer draft loses its optional sentences (see
#: _fit). Channels not named keep every sentence that fits their limit.
NATURAL_LENGTH: Final = {"instagram": 450}


#: When space is short, the full wording of these steps is restored first: a concrete remedy or the
#: precise question helps the reader more than a longer acknowledgement.
_UPGRADE_FIRST: Final = ("offer_solution", "ask_details_publicly", "escalate", "accept_error", "move_to_private")


def _trimmed(sentences: list[Sentence], natural: int, greeting: str, signoff: str | None,
             least: frozenset[str]) -> list[Sentence]:
    """The sentences without the least necessary ones (`least`: the closing wish, the promise that it will not happen
    again), the last first, until the draft is `natural` characters long. What answers the comment stays: the
    acknowledgement, the apology, every remedy, the remark on a wait, the care for the people, the way to go on (which
    _fit may still say in its short wording)."""
    kept = list(sentences)
    for i in range(len(kept) - 1, -1, -1):
        if _assembled_length(greeting, kept, signoff) <= natural:
            break
        if not kept[i][2] and kept[i][0] in least:
            del kept[i]
    return kept


def _fit(plan: _Plan, short: Callable[[], _Plan], limit: int, greeting: str, bare_greeting: str,
         signoff: str | None, natural: int = 1 << 30,
         least: frozenset[str] = frozenset()) -> tuple[str, list[str], _Plan, str, str | None]:
    """The fullest draft within the limit, never cutting a sentence.

    When the full draft is too long, start from the essential sentences in their short wording with
    the named greeting (then the bare greeting, then none), and add back, while the draft fits: the
    full wording of each step (remedy and questions first, see _UPGRADE_FIRST), the optional sentences
    (duration, prevention, second remedy, closing), then the sign-off. With a tiny limit, whole
    sentences are kept in order while they fit. `short` builds the short wordings, only when needed. A full draft
    within the limit but longer than `natural` (see NATURAL_LENGTH) loses the least necessary of its optional
    sentences (`least`, see _trimmed), then says the move to private messages in its short wording.
    Returns the draft, the steps it covers, its plan, its greeting and its sign-off (the draft is
    plan.assemble(greeting, sign-off)).
    """
    text = plan.assemble(greeting, signoff)
    if len(text) <= limit:
        if len(text) <= natural:
            return text, list(plan.covers), plan, greeting, signoff
        # within the channel's limit but longer than a reply there reads: the least necessary sentences go
        natural_shape = ("natural", natural, len(greeting), greeting.endswith(","),
                         len(signoff) if signoff else None)
        trimmed = plan.fits.get(natural_shape)
        if trimmed is None:
            kept = _trimmed(plan.sentences, natural, greeting, signoff, least)
            if _assembled_length(greeting, kept, signoff) > natural:
                # still long: the invitation to write in private in its short wording (the private follow-up asks for
                # the details themselves)
                brief = next((x for x in short().sentences if x[1] == "move_to_private"), None)
                kept = [brief if brief is not None and x[1] == "move_to_private" else x for x in kept]
            trimmed = plan.fits[natural_shape] = (0, _Plan(kept), True)
        chosen = trimmed[1]
        return chosen.assemble(greeting, signoff), list(chosen.covers), chosen, greeting, signoff
    # The choice depends on the greetings and sign-off only through their lengths and final commas.
    shape = (limit, len(greeting), greeting.endswith(","), len(bare_greeting), bare_greeting.endswith(","),
             len(signoff) if signoff else None)
    known = plan.fits.get(shape)
    if known is None:
        which, sentences, signed = _choose(plan.sentences, short, limit, greeting, bare_greeting, signoff)
        known = plan.fits[shape] = (which, _Plan(sentences), signed)
    which, chosen, signed = known
    hello = (greeting, bare_greeting, "")[which]
    sign = signoff if signed else None
    return chosen.assemble(hello, sign), list(chosen.covers), chosen, hello, sign


def _choose(full: list[Sentence], short: Callable[[], _Plan], limit: int, greeting: str, bare_greeting: str,
            signoff: str | None) -> tuple[int, list[Sentence], bool]:
    """_fit's choice for a draft too long: which greeting (0 named, 1 bare, 2 none), the sentences, and
    whether the sign-off is kept."""
    short_by_step = {x[1]: x for x in short().sentences if x[1]}
    chosen: list[Sentence | None] = [short_by_step.get(x[1], x) if x[2] and x[1] else (x if x[2] else None)
                                     for x in full]

    def length(sign: str | None, hello: str) -> int:
        return _assembled_length(hello, [x for x in chosen if x is not None], sign)

    for which, hello in enumerate((greeting, bare_greeting, "")):
        if length(None, hello) > limit:
            continue
        upgrades = sorted((i for i, x in enumerate(full) if x[2] and chosen[i] != x),
                          key=lambda i: _UPGRADE_FIRST.index(full[i][1]) if full[i][1] in _UPGRADE_FIRST
                          else len(_UPGRADE_FIRST))
        upgrades += [i for i, x in enumerate(full) if not x[2]]
        for i in upgrades:
            before = chosen[i]
            chosen[i] = full[i]
            if length(None, hello) > limit:
                chosen[i] = before
        signed = bool(signoff) and length(signoff, hello) <= limit
        return which, [x for x in chosen if x is not None], signed
    kept: list[Sentence] = []
    for sentence in (x for x in chosen if x is not None):
        if _assembled_length("", kept + [sentence], None) <= limit:
            kept.append(sentence)
    return 2, kept, False


def _draft(kind: str, language: str, text: str, limit: int, covers: list[str]) -> dict[str, Any]:
    return {"kind": kind, "language": language, "text": text, "characters": len(text),
            "fits_channel": len(text) <= limit, "covers": covers}


#: Context entries that come from the brand's profile or our own texts (kept when the comment's own
#: pieces are dropped).
_BRAND_CONTEXT: Final = ("solutions", "via", "privacy_url", "emoji", "nonbreaking_spaces", "objects", "private_key")


def _allowed(context: dict[str, Any]) -> tuple[str, ...]:
    """Brand-owned text a draft may carry although it looks like a link or an address."""
    own = (context["via"][1],) if context.get("via") else ()
    return own + (context["privacy_url"],) if context.get("privacy_url") else own


class _Shared:
    """What every wording of a comment's public draft reads alike, read once per comment (see _public)."""

    __slots__ = ("limit", "natural", "least", "greeting", "bare_greeting", "author", "spaced", "allowed", "plans")

    def __init__(self, limit: int, greeting: str, bare_greeting: str, author: tuple[str, str], spaced: bool,
                 allowed: tuple[str, ...], plans: dict[tuple[int, bool], _Plan] | None, natural: int = 1 << 30,
                 least: frozenset[str] = frozenset()) -> None:
        self.limit = limit
        self.natural = natural   # the length a reply reads well at on the channel (see NATURAL_LENGTH)
        self.least = least   # the sentences a draft longer than that loses first (see _trimmed)
        self.greeting = greeting   # with the author's name, when there is one
        self.bare_greeting = bare_greeting
        self.author = author
        self.spaced = spaced
        self.allowed = allowed
        self.plans = plans   # _plans of the comment's full context


def _shared(channel: str, lang: dict[str, Any], name: str | None, comment: dict[str, Any],
            context: dict[str, Any], plans: dict[tuple[int, bool], _Plan] | None = None,
            writer: tuple[str, str] | None = None) -> _Shared:
    return _Shared(limit_for(channel), _greeting(lang, name), _greeting(lang, None),
                   writer if writer is not None else author_of(comment), bool(context.get("nonbreaking_spaces")),
                   _allowed(context), plans, NATURAL_LENGTH.get(channel, 1 << 30), lang.get(_LEAST, frozenset()))


def _public(labels: dict[str, Any], ids: list[str], lang: dict[str, Any], language: str, k: int,
            channel: str, comment: dict[str, Any], name: str | None, signoff: str | None,
            context: dict[str, Any], warnings: list[str], shared: _Shared | None = None) -> tuple[str, list[str]] | None:
    """Wording k of the public draft: the fullest one that passes the guardrails, or None.

    `shared` may give _shared of the arguments, already read.
    """
    if shared is None:
        shared = _shared(channel, lang, name, comment, context)
    limit = shared.limit
    bare_greeting = shared.bare_greeting
    author = shared.author
    spaced = shared.spaced
    allowed = shared.allowed
    for attempt in range(3):
        # Names and echoed pieces are data: drop them all first, then fall back to the short wording.
        if attempt == 0:
            greeting, sign, ctx, short_only = shared.greeting, signoff, context, False
        else:
            greeting, sign, short_only = bare_greeting, None, attempt == 2
            ctx = {k: context[k] for k in _BRAND_CONTEXT if k in context}
        plans = shared.plans if attempt == 0 else None

        def short(ctx: dict[str, Any] = ctx, plans: dict[tuple[int, bool], _Plan] | None = plans) -> _Plan:
            return _plan(labels, ids, lang, k, True, ctx, plans)

        first = short() if short_only else _plan(labels, ids, lang, k, False, ctx, plans)
        text, covers, used, hello, signed = _fit(first, short, limit, greeting, bare_greeting, sign, shared.natural,
                                                 shared.least)
        # A tiny channel (TikTok 150) may not hold every step: try shorter and shorter wordings, and
        # at last a direct message instead of a long e-mail address or form URL.
        # (each context is only built when needed: most drafts cover every step at once)
        for level in ((1, False), (2, False), (2, True)):
            if len(covers) == len(ids):
                break
            plain = {**ctx, "plain_ack": level[0], "via": None, "privacy_url": None} if level[1] \
                else {**ctx, "plain_ack": level[0]}
            def short_plain(plain: dict[str, Any] = plain) -> _Plan:
                return _plan(labels, ids, lang, k, True, plain)

            full = short_plain() if short_only else _plan(labels, ids, lang, k, False, plain)
            retry = _fit(full, short_plain, limit, greeting, bare_greeting, sign)
            if len(retry[1]) > len(covers):
                text, covers, used, hello, signed = retry
        if not text:
            continue
        if spaced:
            text = french_spacing(text)
        # The draft is used.assemble(hello, signed), spaced or not: its check is kept with its plan, by all it depends
        # on, so that a draft seen again is not even hashed (the body's known part is only read when check_text has
        # not seen the draft yet either).
        key = (hello, signed, spaced, language, limit, allowed, author)
        checked = used.checked
        problems = checked.get(key)
        if problems is None:
            def known(used: _Plan = used, named: bool = hello.endswith(",")) -> KnownPart | None:
                return used.known(named, spaced, language, "public", allowed)

            problems = tuple(check_text(text, language=language, channel=channel, kind="public", allowed=allowed,
                                        author=author, known_of=known, where=len(hello) + 1 if hello else 0))
            if len(checked) >= 64:
                checked.clear()
            checked[key] = problems
        if not problems:
            return text, covers
        warnings.extend(f"draft_rebuilt: {p}" for p in problems if f"draft_rebuilt: {p}" not in warnings)
        if not _DATA_PROBLEMS & set(problems) and "over_channel_limit" not in problems:
            break
    return None


#: Private asks a kind of business does not replace: a question about data, a suitcase, a booking, a danger with a
#: product (a danger in a place is asked about as the business knows it: a hotel booking, a gas contract's address). A restaurant keeps the order number of a meal delivered, a telecom operator that of a box sent.
_SECTOR_KEEPS: Final = frozenset({"privacy", "luggage", "travel", "safety"})
_SECTOR_KEEPS_TOO: Final = {"restaurant": frozenset({"delivery"}), "telecom": frozenset({"delivery"})}


def find_sector(text: str, lang: dict[str, Any], words: set[str] | None = None) -> str:
    """The kind of business the comment is about, from its words ("virement" -> "bank", "box" -> "telecom", "serveur"
    -> "restaurant"; the first kind of the texts' list that has one), or "" (a shop: orders, parcels). `words` may
    give object_words(text)."""
    kinds: list[Any] = lang.get("sectors") or []
    if not kinds:
        return ""
    if words is None:
        words = object_words(text)
    return next((str(kind) for kind, said in kinds if not words.isdisjoint(said)), "")


def private_key(lang: dict[str, Any], topics: list[str], context: dict[str, Any], text: str) -> str:
    """Which details the case needs in private (a key of the texts' private "ask"): the topic's own (an order and
    a postcode for a parcel, the e-mail of an account), a suitcase's, a meal's, a journey's, or those of the kind of
    business the comment is about (a bank's customer number, a telecom contract, a restaurant visit's date)."""
    asks: dict[str, Any] = lang["private"]["ask"]
    topic = topics[0] if topics else ""
    if topic == "delivery" and context.get("luggage") and "luggage" in asks:
        topic = "luggage"
    elif topic == "product_quality" and context.get("food") and "safety_food" in asks:
        topic = "safety_food"   # a meal: the order number or when and where it was served, no photo of a product
    elif topic == "safety" and context.get("safety_kind") in ("food", "service") \
            and "safety_" + str(context.get("safety_kind")) in asks:
        topic = "safety_" + str(context.get("safety_kind"))   # no order number nor photo of a product
    elif context.get("travel") and topic in ("", "customer_service", "returns_refunds", "delivery", "billing",
                                             "pricing") \
            and "travel" in asks:
        topic = "travel"   # a journey disrupted: its booking reference, not an order number
    elif topic == "returns_refunds" and not _RETURN_WORDS.search(text):
        topic = ""   # a refund asked for with no item sent back ("the app won't let me request a refund"): no return date
    sector = context.get("sector")
    if isinstance(sector, str) and sector and topic not in _SECTOR_KEEPS \
            and topic not in _SECTOR_KEEPS_TOO.get(sector, ()):
        # "Virement bloqué depuis 5 jours", "un cheveu dans mon plat au restaurant": no order number to ask for
        for key in (sector + "_" + topic, sector):
            if key in asks:
                return key
    return topic if topic in asks else ""


def _details(lang: dict[str, Any], key: Any) -> str:
    """The personal details a public draft names before sending the author to private messages ("numéro de
    commande, coordonnées", "référence client, numéro de ligne"), for a key of private_key."""
    details: dict[str, str] = lang.get("private_details", {})
    if isinstance(key, str):
        for found in (key, key.split("_", 1)[0]):
            if found in details:
                return details[found]
    return details.get("", "")


def _private(labels: dict[str, Any], lang: dict[str, Any], language: str, comment: dict[str, Any],
             name: str | None, signoff: str | None, context: dict[str, Any],
             writer: tuple[str, str] | None = None, topics: list[str] | None = None) -> dict[str, Any] | None:
    """The first private message (by DM, or by e-mail or web form when the brand moves there), asking
    only what the case needs. A brand that moves to a phone line gets none: the public draft gives
    the number and the rest happens on the call.

    `writer` and `topics` may give author_of(comment) and _topics(labels, lang), already read."""
    if context.get("via") and context["via"][0] == "phone":
        return None
    if writer is None:
        writer = author_of(comment)
    if topics is None:
        topics = _topics(labels, lang)
    topic = context.get("private_key")
    if not isinstance(topic, str) or topic not in lang["private"]["ask"]:
        topic = private_key(lang, topics, context, field(comment, "text", str, ""))
    plan = _private_plan(lang, topic)
    for who, sign in ((name, signoff), (None, None)):
        text = plan.assemble(_greeting(lang, who), sign)
        if context.get("nonbreaking_spaces"):
            text = french_spacing(text)
        if not check_text(text, language=language, channel=None, kind="private", allowed=(), author=writer):
            return _draft("private", language, text, limit_for(None, "private"), ["move_to_private"])
    return None


#: The private message's sentences, by voice and topic (see _private_plan).
_PRIVATE_PLANS: Final[dict[tuple[Any, str], _Plan]] = {}


def _private_plan(lang: dict[str, Any], topic: str) -> _Plan:
    """The private message's body for a topic of _private's (a key of the texts' private "ask"), built once per voice
    and topic."""
    key = (lang.get(_VOICE), topic)
    plan = _PRIVATE_PLANS.get(key) if key[0] is not None else None
    if plan is None:
        private = lang["private"]
        plan = _Plan([(private["lead"] + private["ask"][topic] + private["trail"], "move_to_private", True),
                      (private["sign"], None, True)])
        if key[0] is not None:
            if len(_PRIVATE_PLANS) >= 1024:
                _PRIVATE_PLANS.clear()
            _PRIVATE_PLANS[key] = plan
    return plan


def _signoff(lang: dict[str, Any], brand_name: str) -> str:
    """The team's sign-off, the brand's own article taken into account: "— The Harbour Bistro team", not "— The The
    Harbour Bistro team"; "— L’équipe du Bistrot du Port", "— L’équipe de La Poste", "— L’équipe de L’Occitane"."""
    first, _, rest = brand_name.partition(" ")
    head = first.lower().replace("'", "’")
    articles: dict[str, Any] = lang.get("signoff_article", {})
    entry = articles.get(head) if rest else None
    if entry is None and head.startswith("l’") and len(head) > 2:
        entry = articles.get("l’")   # an elided article glued to the name ("L’Occitane")
    if entry is not None:
        prefix, drop = entry
        return str(prefix) + (rest if drop else brand_name) + str(lang["signoff_suffix"])
    return str(lang["signoff_prefix"]) + brand_name + str(lang["signoff_suffix"])


def draft_replies(comment: dict[str, Any], labels: dict[str, Any], steps: list[dict[str, Any]], language: str,
                  context: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Public drafts (up to three wordings) and a private follow-up when personal data is needed.

    `context` may carry what the classifier found in the comment: ``duration`` (e.g. "3 semaines")
    and ``helper`` (the community member who answered). Returns (drafts, warnings); warnings say
    which guardrails made a draft be rebuilt or dropped.
    """
    context = dict(context) if isinstance(context, dict) else {}
    labels = situation(labels) if isinstance(labels, dict) else situation({})   # normalised once
    text = field(comment, "text", str, "")
    low = lowered(text)
    gates = _gates(low)   # lets the searches below skip a text that cannot hold what they look for
    if labels["topics"]:
        kept, document = drafting_topics(labels["topics"], text, low, gates)
        if kept != labels["topics"]:
            labels = {**labels, "topics": kept}   # what the drafts deal with (the analysis keeps its topics)
        context.setdefault("document", document)
    warnings: list[str] = []
    ids = [step["id"] for step in steps if isinstance(step, dict) and isinstance(step.get("id"), str)]
    if not ids:
        return [], warnings
    offering = "offer_solution" in ids   # read by several readings below
    language = reply_language(language)
    brand: dict[str, Any] = field(comment, "brand", dict, {})
    voice = brand_voice(brand, language)
    lang = voice_texts(language, voice["address_form"], voice["tone"])
    channel = field(comment, "channel", str, "other")
    author: dict[str, Any] = field(comment, "author", dict, {})
    name = greeting_name(safe_name(author.get("name")))
    brand_name = safe_name(brand.get("name"), BRAND_LIMIT)
    signoff = _signoff(lang, brand_name) if brand_name else None
    signature = safe_name(brand.get("signature"), SIGNATURE_LIMIT)
    if signature:   # the brand's own sign-off ("— Julie, service client")
        signoff = signature
    if isinstance(brand.get("solutions"), dict) and "solutions" not in context:
        context["solutions"] = brand["solutions"]
    context.update({"via": voice["via"], "privacy_url": voice["privacy_url"], "emoji": voice["emoji"],
                    "nonbreaking_spaces": voice["nonbreaking_spaces"]})
    if voice["via_refused"]:
        warnings.append("private_channel_ignored: its value is not a valid e-mail address, phone number or "
                        "https URL; the drafts send the author to a private message")
    if "duration" not in context:
        context["duration"] = find_duration(text)
    if context.get("duration") and not_a_wait(text, context["duration"], gates):
        # an age, a time promised or how fast it was done: no wait to answer, unless the comment says one itself
        # ("mon fils de 6 ans attend son colis depuis 6 jours")
        context["duration"] = next((own for match in _WAIT_IN_TEXT.finditer(text)
                                    if (own := _duration(match.group(1))) and not not_a_wait(text, own, gates)), None)
    if "delay" not in context:
        context["delay"] = is_delay(text, context.get("duration"), gates)
    if "travel" not in context:
        # read only by a complaint's remedy (see _remedies): the search, slow on a long comment, is left out
        # elsewhere
        context["travel"] = offering and labels["category"] == "complaint" \
            and TRAVEL_DISRUPTION.search(text, low) is not None
    if "undercooked" not in context:
        context["undercooked"] = (gates & _UNDERCOOKED_GATE) != 0 and _UNDERCOOKED.search(text) is not None
    if context["undercooked"] and offering and not labels["topics"]:
        labels = {**labels, "topics": ["product_quality"]}   # "chicken undercooked, pink inside": the meal failed
    if "rude" not in context:
        context["rude"] = (not labels["topics"] or "customer_service" in labels["topics"]
                           or "delivery" in labels["topics"]) \
            and (gates & _RUDE_GATE) != 0 and _RUDE.search(text) is not None
    if context["rude"] and not labels["topics"] and offering:
        # "Le coach m'a parlé de façon méprisante": the way the author was treated is the topic
        labels = {**labels, "topics": ["customer_service"]}
    topics = _lead(_topics(labels, lang), context)
    # The readings of the comment below are only used by the remedies a full draft offers for their topic (see
    # _build_sentences), and whether an order arrived also by an acknowledgement that says how long it was
    # awaited (_topic_phrases): each is left out where nothing reads it.
    remedies = _remedies(labels, topics, bool(context.get("travel"))) if offering else []
    delivery = "delivery" in remedies
    if "arrived" not in context and "delivery" in labels["topics"] and (delivery or context.get("duration")):
        # a parcel said damaged came, when nothing is said of its arrival ("threw my parcel over the fence and broke
        # it"; not "jamais arrivé, le carton du voisin était écrasé")
        context["arrived"] = says_arrived(text, low, gates) or delivery and (gates & _DAMAGED_GATE) != 0 \
            and _DAMAGED.search(text) is not None and not ((gates & _ARRIVED_GATE) != 0 and _ARRIVED.search(text))
    if "missing" not in context and delivery:
        context["missing"] = (gates & _MISSING_GATE) != 0 and _MISSING_ITEMS.search(text) is not None
        if context["missing"]:
            context["arrived"] = True   # it came, incomplete
    if "food" not in context and (delivery or "product_quality" in remedies):
        context["food"] = (gates & _FOOD_GATE) != 0 and _FOOD.search(text) is not None
    if "safety_kind" not in context and "safety" in topics:
        # what the safety report is about: a product to stop using and replace; a meal (glass in a salad, an allergic
        # reaction) to check in the kitchen and refund; a place or a service (a gas smell, smoke on board, live wires
        # left by an engineer), where the author's safety comes first and there is nothing to replace
        # "The hotel room smelled of smoke and the AC was broken": a room, not a product to stop using
        product = _OWNED_THING.search(text) is not None \
            or "product_quality" in labels["topics"] and _PLACE_NAMED.search(text) is None
        meal = (gates & _FOOD_GATE) != 0 and _FOOD.search(text) is not None \
            or not product and _INGESTED.search(text) is not None
        place = not product and (_PLACE_HAZARD.search(text) is not None or _PLACE_NAMED.search(text) is not None)
        context["safety_kind"] = "food" if meal else "service" if place else "product"
        context["safety_harm"] = _HARMED.search(text) is not None
    if context.get("opinion") and offering and (_PHYSICAL_FAULT.search(text) is not None
                                                or _HARMED.search(text) is not None):
        # "Love the serum but the pump gets stuck", "red patches since I started your cream": a fault or a harm told
        # is no taste to pass on to the product team (nor to ask "what disappointed you")
        context["opinion"] = False
    if "staff_praised" not in context and "thank" in ids and "thank_community" not in ids:
        named = _NAMED_THANKS.search(text) if (gates & _NAMED_THANKS_GATE) != 0 else None
        context["staff_praised"] = (gates & _STAFF_PRAISED_GATE) != 0 and _STAFF_PRAISED.search(text) is not None \
            or named is not None and not (brand_name and fold(named.group(1)) in fold(brand_name).split())
    if "luggage" not in context and "delivery" in topics:
        context["luggage"] = (gates & _LUGGAGE_GATE) != 0 and _LUGGAGE.search(text) is not None
    if "closing" not in context and "account" in remedies:
        context["closing"] = (gates & _CLOSING_GATE) != 0 and _CLOSING.search(text) is not None
    if "cancelled" not in context and delivery:
        context["cancelled"] = (gates & _CANCELLED_GATE) != 0 and _CANCELLED.search(text) is not None
    priced = "pricing" in topics or "billing" in topics or "pricing" in remedies or "billing" in remedies
    if "voucher" not in context and priced:   # named in the acknowledgement and read by the remedy
        context["voucher"] = voucher_kind(text, low, gates)
    if "promo" not in context and ("pricing" in remedies or "billing" in remedies):
        context["promo"] = bool(context.get("voucher")) or (gates & _PROMO_GATE) != 0 \
            and PROMO_CODE.search(text) is not None
        context["plan_changed"] = (gates & _PLAN_GATE) != 0 and plan_changed(text)
    if "card_blocked" not in context and ("account" in remedies or "billing" in remedies or "account" in topics
                                          or "billing" in topics):
        context["card_blocked"] = (gates & _CARD_GATE) != 0 and CARD_BLOCKED.search(text) is not None
        context["card_declined"] = not context["card_blocked"] and (gates & _CARD_GATE) != 0 \
            and _CARD_DECLINED.search(text) is not None
    if "outage" not in context and "technical" in topics and context.get("duration"):
        context["outage"] = (gates & _OUTAGE_GATE) != 0 and _OUTAGE.search(text) is not None
    # "Vos serveurs exposent des fichiers clients": computers, not the waiting staff
    it_servers = "technical" in labels["topics"] and (gates & _IT_SERVERS_GATE) != 0 \
        and _IT_SERVERS.search(text) is not None \
        and _OTHER_STAFF.search(text) is None
    if "staff" not in context and "customer_service" in remedies:
        context["staff"] = (gates & _STAFF_GATE) != 0 and _STAFF.search(text) is not None and not it_servers
    if "return_only" not in context and "returns_refunds" in remedies:
        context["return_only"] = (gates & _REFUND_GATE) == 0 or _REFUND_WORDS.search(text) is None
    if "unshipped" not in context and delivery:
        context["unshipped"] = not context.get("arrived") and (gates & _UNSHIPPED_GATE) != 0 \
            and _UNSHIPPED.search(text) is not None
    if "recovered" not in context and delivery:
        context["recovered"] = recovered_by_luck(text, bool(context.get("arrived")), low, gates)
    if context.get("arrived") and "late" not in context and delivery:
        context["late"] = bool(context.get("duration")) or (gates & _LATE_GATE) != 0 \
            and _LATE.search(text) is not None
    if "problems" not in context:
        told = two_problems(text, low, gates) if offering \
            and not {"delivery", "product_quality", ""}.isdisjoint(remedies[:1]) else ()
        # named with the author's determiner: with "ton"/"ta", an item whose gender is unknown is not named
        context["problems"] = told if all(p[2] in lang.get("possessive", {}) for p in told) else ()
    if "price_opinion" not in context:
        flags = labels["flags"]
        context["price_opinion"] = topics == ["pricing"] and not context.get("promo") and not context.get("voucher") \
            and not context.get("plan_changed") and not any(flags[f] for f in ("brand_error", "needs_more_info",
                                                                               "escalate", "suspected_bad_faith"))
    if context.get("plan_changed") and "plan_word" not in context:
        context["plan_word"] = plan_word(text)
    if "failure_named" not in context and "ask_details_publicly" in ids:
        context["failure_named"] = (gates & _FAILURE_GATE) != 0 and _FAILURE_NAMED.search(text) is not None
        context["time_given"] = bool(context.get("duration")) or _TIME_GIVEN.search(text) is not None
    if "question_object" not in context and labels["category"] == "question":
        # what the question is about, in the author's words when on our list ("l’application"), in the order of
        # its topics; any of our list when no topic was read ("Est-ce que vous livrez en Belgique ?")
        asked = lang.get("question_objects", {})
        found_object = next((hit for t in (topics or list(asked))
                             if (hit := find_object(text, t, {"objects": asked})) is not None), None)
        context["question_object"] = found_object["phrase"] if found_object else None
    if "privacy_question" not in context:
        context["privacy_question"] = "privacy" in topics and privacy_question(labels, topics, text)
    if "data_request" not in context:
        context["data_request"] = "privacy" in topics and data_request(labels, topics, text)
    if "privacy_concern" not in context:
        context["privacy_concern"] = "privacy" in topics and not context["privacy_question"] \
            and not context["data_request"] and _plain_privacy(labels, topics)
    words: set[str] | None = None   # the comment's words, read once for all its topics
    if "sector" not in context and ("move_to_private" in ids or "ask_details_publicly" in ids or "billing" in remedies):
        words = object_words(text)
        # the brand's own name tells its business too ("Le Bistrot du Port", "Hôtel des Voyageurs")
        context["sector"] = find_sector(text, lang, words | object_words(brand_name) if brand_name else words)
    if "private_key" not in context and "move_to_private" in ids:
        context["private_key"] = private_key(lang, topics, context, text)
    objects: dict[str, Any] = {}
    for topic in topics:
        if topic in ("pricing", "billing") and context.get("voucher") and "pricing" not in objects \
                and "billing" not in objects:
            # "Ma carte cadeau est refusée": "votre carte cadeau", not "nos tarifs" (a bill named comes first)
            found = None
            if topic == "billing":
                words = words if words is not None else object_words(text)
                found = find_object(text, topic, lang, words)
            objects[topic] = found or {"phrase": _voucher_phrase(lang, context["voucher"])}
            continue
        if topic in ("account", "billing") and (context.get("card_blocked") or context.get("card_declined")) \
                and "card_phrase" in lang \
                and "account" not in objects and "billing" not in objects:
            objects[topic] = {"phrase": lang["card_phrase"]}   # "au sujet du blocage de votre carte"
            continue
        if topic == "customer_service" and it_servers:
            continue
        if topic == "safety" and context.get("safety_kind") in ("food", "service") and "safety_phrase" in lang:
            objects[topic] = {"phrase": lang["safety_phrase"][context["safety_kind"]]}   # no "votre produit"
            continue
        if topic == "customer_service" and context.get("rude") and "rude_phrase" in lang:
            # "l’accueil que vous avez reçu", unless the staff are named ("notre service en salle")
            words = words if words is not None else object_words(text)
            objects[topic] = find_object(text, topic, lang, words) or {"phrase": lang["rude_phrase"]}
            continue
        if topic == "billing" and context.get("promo") and not context.get("voucher") and "pricing" not in objects:
            # "Code promo BIENVENUE10 refusé au paiement": "votre code promo", unless a bill is named
            words = words if words is not None else object_words(text)
            found = find_object(text, "billing", lang, words) or find_object(text, "pricing", lang, words)
            if found is not None:
                objects[topic] = found
            continue
        if topic == "delivery" and context.get("rude") and not labels["flags"]["brand_error"] \
                and "rude_delivery_phrase" in lang:
            objects[topic] = {"phrase": lang["rude_delivery_phrase"]}   # not "votre livraison"
            continue
        if topic == "delivery" and context.get("luggage") and "luggage_object" in lang:
            objects[topic] = lang["luggage_object"]   # "votre bagage attendu depuis 5 jours"
            continue
        if topic in _TRAVEL_NAMED and context.get("travel") and "travel_phrase" in lang:
            # a flight cancelled: "votre voyage", not "votre remboursement" ("Qui rembourse l'hôtel ?") nor "votre
            # abonnement" ("TGV supprimé... On paie l'abonnement pour quoi ?")
            objects[topic] = {"phrase": lang["travel_phrase"]}
            continue
        if lang.get("objects", {}).get(topic):
            if words is None:
                words = object_words(text)
            if (found := find_object(text, topic, lang, words)) is not None:
                objects[topic] = found
    context["objects"] = objects
    if "helper" not in context:
        context["helper"] = find_helper(comment)
    if "resolved" not in context:
        context["resolved"] = labels["flags"]["community_answered"] and _RESOLVED.search(text) is not None
    offset = zlib.crc32(text.encode("utf-8", "replace")) % VARIANTS
    drafts: list[dict[str, Any]] = []
    seen: set[str] = set()
    writer = author_of(comment)
    shared = _shared(channel, lang, name, comment, context, _plans(labels, ids, lang, context), writer)
    limit = shared.limit
    for i in range(VARIANTS):
        built = _public(labels, ids, lang, language, (offset + i) % VARIANTS, channel, comment, name, signoff,
                        context, warnings, shared)
        if built and built[0] not in seen:
            seen.add(built[0])
            drafts.append(_draft("public", language, built[0], limit, built[1]))
    if not drafts:
        fallback = lang["sentences"]["acknowledge_short"][0]
        warnings.append("draft_fallback: no wording passed the guardrails")
        drafts.append(_draft("public", language, fallback, limit, ["acknowledge"] if "acknowledge" in ids else []))
    if "move_to_private" in ids:
        private = _private(labels, lang, language, comment, name, signoff, context, writer, topics)
        if private:
            drafts.append(private)
    return drafts, warnings

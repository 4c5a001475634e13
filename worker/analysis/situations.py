"""Category, topics and the playbook's situation flags, from cue families plus structure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from worker.analysis.lexicon import Hit
from worker.analysis.models import TOPICS
from worker.analysis.sentiment import SentimentReading
from worker.analysis.normalize import Token, fold, tokenize

DURATION_RE = re.compile(
    r"(?i)\b(?:depuis\s+|for\s+|over\s+|plus\s+d[e'’]\s*|more\s+than\s+)?"
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|plusieurs|quelques|two|three|four|five|six|"
    r"seven|eight|ten|several|a\s+few|many)\s+"
    r"(?:jours?|semaines?|mois|heures?|ans?|années?|days?|weeks?|months?|hours?|hrs?|years?|minutes?|mins?)\b")
_SECOND_PERSON = frozenset({"vous", "votre", "vos", "you", "your", "yours", "u", "ur"})
_PERSON = frozenset({"you", "u", "ya", "he", "she", "they", "y'all", "yall", "vous", "tu", "t", "il", "elle", "ils",
                     "elles", "vs", "people", "guys"})
_COPULA = frozenset({"are", "is", "r", "re", "s", "was", "were", "etes", "es", "est", "sont", "etait", "etaient",
                     "be", "being"})
_DELIVERY_VERBS = frozenset({"recu", "recue", "recus", "arrive", "arrivee", "arrives", "livre", "livree", "livres",
                             "rembourse", "remboursee", "arrived", "delivered", "received", "refunded",
                             "came", "showed"})
_HARM = frozenset({"severity:safety", "severity:health", "severity:data_leak", "severity:discrimination"})
#: Topics where a stated delay is itself the brand's failure ("3 semaines pour livrer").
_DELAY_TOPICS = frozenset({"delivery", "customer_service", "returns_refunds", "technical", "account"})


@dataclass
class Situation:
    category: str
    topics: list[str]
    flags: dict[str, bool]
    severities: list[str]
    reasons: dict[str, list[Hit]] = field(default_factory=dict)   # flag/category -> hits that led there
    durations: list[tuple[int, int]] = field(default_factory=list)
    urls: list[Token] = field(default_factory=list)
    copied_from_thread: bool = False
    community_hits: list[Hit] = field(default_factory=list)


#: Pronouns that carry their copula ("ur pathetic", "youre a joke").
_PERSON_COPULA = frozenset({"youre", "ur", "ure", "yur", "theyre", "hes", "shes", "t'es", "tes"})
#: Nouns naming people: a strong negative word right next to one insults them ("terrible people",
#: "disgraceful vile man", "des gens minables", "un type horrible").
_PERSON_NOUNS = frozenset({"people", "person", "man", "men", "woman", "women", "guy", "guys", "human", "humans",
                           "dude", "lady", "bloke", "individual", "individuals", "gens", "type", "types", "mec",
                           "mecs", "bonhomme", "femme", "femmes", "homme", "hommes", "individu", "individus"})
_CLAUSE_STOP = frozenset({".", ",", ";", ":", "!", "?", "…"})


def _name_calling(tokens: list[Token], reading: SentimentReading) -> list[Hit]:
    """A strong negative word said of a person, not of a thing.

    'you are pathetic', 'she is a disgrace', 'vous êtes nuls', 'ur useless' (a person, a copula, a
    strong negative word in the same clause); 'terrible people', 'un type minable' (next to a noun
    naming people).
    """
    strong = {c.hit.first: c.hit for c in reading.contributions
              if c.hit.family == "sentiment" and c.hit.entry.weight <= -1.6 and c.negated_by is None
              and tokens[c.hit.first].kind in ("word", "hashtag")}
    if not strong:
        return []
    ends = {hit.last: hit for hit in strong.values()}
    found = []
    for i, token in enumerate(tokens):
        folded = token.folded
        if folded in _PERSON_NOUNS and token.kind == "word":
            if i - 1 in ends:
                found.append(ends[i - 1])
                continue
            if i + 1 in strong:
                found.append(strong[i + 1])
                continue
        copula_at = i if folded in _PERSON_COPULA else None
        if copula_at is None and folded in _PERSON:
            for j in range(i + 1, min(i + 3, len(tokens))):
                if tokens[j].folded in _COPULA:
                    copula_at = j
                    break
        if copula_at is None:
            continue
        for k in range(copula_at + 1, min(copula_at + 5, len(tokens))):
            if tokens[k].folded in _CLAUSE_STOP:
                break
            if k in strong:
                found.append(strong[k])
                break
    return found


#: Words skipped before a sentence's first real word ("RT @x: Hi, why ...").
_PREAMBLE = frozenset({"rt", "hi", "hello", "hey", "dear", "bonjour", "salut", "coucou", "bonsoir", "allo",
                       "yo", "ok", "okay", "so", "and", "et", "alors", "donc", "mais", "but", "also", "sinon",
                       "svp", "please", "pls", "plz", "stp"})
_SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";", "\n"})
#: Interrogatives that also open statements ("When you light a candle", "What a day", "Comment dire"):
#: without a question mark they ask only when a verb or auxiliary follows.
_AMBIGUOUS_WH = frozenset({"how", "when", "where", "what", "which", "who", "whom", "whose", "comment", "quand",
                           "ou", "qui", "quel", "quelle", "quels", "quelles", "que"})
_AUXILIARY = frozenset("""is are was were do does did can could would will should shall has have had may might
must am isn aren wasn don doesn didn can't cannot couldn wouldn won shouldn much many long often far come
est sont etait faire faut peut peux puis dois doit avez avons ai etes fait s re""".split())
#: "comment on fait", "comment je peux": after "comment" a subject pronoun already asks; after "quand"
#: it usually opens a statement ("Quand on aime, ...").
_PRONOUN_ASKS_AFTER = frozenset({"comment", "how"})
#: Interrogatives that take a noun before the verb ("what size is", "quel magasin est").
_WH_DETERMINERS = frozenset({"what", "which", "whose", "quel", "quelle", "quels", "quelles"})
#: "What a day", "Quel bonheur": exclamations, not questions.
_EXCLAMATIVE_ARTICLES = frozenset({"a", "an", "un", "une"})
_PRONOUNS = frozenset({"on", "vous", "je", "j", "tu", "il", "elle", "ils", "elles", "ca", "c", "i", "we"})


def _sentence_starts(tokens: list[Token]) -> set[int]:
    """Token indices that open a sentence, after handles, hashtags, links and greetings."""
    starts: set[int] = set()
    expecting = True
    for i, token in enumerate(tokens):
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            expecting = True
            continue
        if not expecting:
            continue
        if token.kind in ("handle", "hashtag", "url", "emoji", "emoticon", "other", "punct", "number") \
                or token.folded in _PREAMBLE:
            continue
        starts.add(i)
        expecting = False
    return starts


#: Whole "sentences" that end in "?" without asking anything: attention-getters and outrage.
_RHETORICAL = frozenset({"you know what", "know what", "guess what", "see", "wtf", "huh", "eh", "seriously",
                         "srsly", "really", "rly", "what the hell", "what the fuck", "like really", "tu sais quoi",
                         "devine quoi", "devinez quoi", "serieux", "serieusement", "hein", "quoi", "non mais",
                         "sans blague", "vraiment", "allo", "ah bon", "oh really", "c est une blague",
                         "vous etes serieux", "t es serieux", "are you serious", "are you kidding me",
                         "are you kidding", "you kidding me", "is this a joke", "c est une blague ou quoi"})
#: A next sentence opening like this answers the question just asked: the author was not asking.
_ANSWER_OPENINGS = frozenset({"because", "cause", "cuz", "coz", "answer", "parce", "car", "reponse", "simple",
                              "easy", "spoiler", "no", "nope", "nah", "yes", "yep", "non", "oui"})
_CLOSING_QUOTES = frozenset('"\'”’»')
#: Words that make a sentence interrogative in form when they open it (or come second: "So why...").
_INTERROGATIVE_OPENERS = frozenset("""how why when where what which who whom whose is are was were do does did can
could would will should shall has have had may might am isn aren wasn don doesn didn couldn wouldn won shouldn
any anyone anybody someone somebody
comment pourquoi quand ou quel quelle quels quelles qui que qu quoi combien lequel laquelle est-ce pk pq pkoi
koi kel kelle kan ya""".split())
#: A sentence that speaks to someone asks even without an interrogative opening ("you ship to Canada?").
_ADDRESSEE = frozenset({"you", "u", "your", "ya", "y'all", "yall", "vous", "tu", "t", "vos", "votre", "ton", "ta",
                        "tes", "anyone", "anybody", "someone", "quelqu", "qqn", "qq1"})
#: Subject pronouns after a hyphen mark French inversion ("livrez-vous", "peut-on", "a-t-il").
_INVERTED = ("-vous", "-tu", "-il", "-elle", "-ils", "-elles", "-on", "-je", "-nous")
_NOT_INVERTED = frozenset({"rendez-vous", "abonnez-vous", "inscrivez-vous", "renseignez-vous", "mefiez-vous",
                           "depechez-vous", "rassurez-vous", "calmez-vous", "taisez-vous", "occupez-vous",
                           "amusez-vous", "reveillez-vous", "dites-nous", "rejoignez-nous", "suivez-nous",
                           "contactez-nous", "ecrivez-nous", "aidez-nous"})


def _interrogative_form(words: list[str]) -> bool:
    """An interrogative opening, a French inversion, or someone addressed."""
    if not words:
        return False
    if words[0] in _INTERROGATIVE_OPENERS or (len(words) > 1 and words[1] in _INTERROGATIVE_OPENERS):
        return True
    for word in words:
        if word in _ADDRESSEE:
            return True
        if "-" in word and word.endswith(_INVERTED) and word not in _NOT_INVERTED:
            return True
    return False


def question_marks(text: str, tokens: list[Token]) -> tuple[list[int], list[tuple[int, int]]]:
    """The "?" tokens that ask something, and the token spans of the sentences that only seem to.

    Left out: a "?" inside a quotation ("'what were you wearing?' is no question to ask"), an
    attention-getter or outburst standing alone ("You know what?", "Seriously?", "Sérieux ?"), a
    question its author answers at once ("Why? Because it sells.", "Pourquoi ? Parce que ..."),
    and a fragment with more said after it ("Victory? So we now know...", "3 semaines ? Toujours rien.").
    """
    found: list[int] = []
    rhetorical: list[tuple[int, int]] = []
    sentence: list[str] = []
    start = 0
    for i, token in enumerate(tokens):
        is_end = token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text)
        if not is_end:
            if token.kind == "word":
                sentence.append(token.folded)
            continue
        words, sentence, first, start = sentence, [], start, i + 1
        if "?" not in token.text:
            continue
        nxt = next((t for t in tokens[i + 1:] if t.kind == "word"), None)
        quoted = token.end < len(text) and text[token.end] in _CLOSING_QUOTES
        answered = nxt is not None and nxt.folded in _ANSWER_OPENINGS \
            and not any(ch.isalnum() for ch in text[token.end:nxt.start])
        fragment = nxt is not None and not _interrogative_form(words)
        if quoted or answered or fragment or " ".join(words) in _RHETORICAL:
            rhetorical.append((first, i))
            continue
        found.append(i)
    return found, rhetorical


def _asking(tokens: list[Token], hits: list[Hit], rhetorical: list[tuple[int, int]] = ()) -> list[Hit]:
    """Question or request cues that ask something even without a question mark.

    Weight 2 entries ask anywhere ("please", "pouvez-vous", "does anyone"); weight 1 entries only
    when they open a sentence, and an ambiguous interrogative ("when", "comment") only when a verb
    or auxiliary follows it ("when will", "comment faire").
    """
    if not hits:
        return []
    starts = _sentence_starts(tokens)
    found = []
    for hit in hits:
        if any(first <= hit.first <= last for first, last in rhetorical):
            continue
        if hit.entry.weight >= 2:
            found.append(hit)
        elif hit.first in starts:
            if len(hit.entry.tokens) == 1 and hit.entry.tokens[0] in _AMBIGUOUS_WH:
                nxt = hit.last + 1
                while nxt < len(tokens) and tokens[nxt].kind == "other":
                    nxt += 1
                following = tokens[nxt].folded if nxt < len(tokens) else ""
                wh = hit.entry.tokens[0]
                asks = following in _AUXILIARY or (following in _PRONOUNS and wh in _PRONOUN_ASKS_AFTER)
                if not asks and wh in _WH_DETERMINERS and following not in _EXCLAMATIVE_ARTICLES \
                        and nxt + 1 < len(tokens) and tokens[nxt].kind == "word":
                    # "what time do you open", "which size is right", "quelle taille est dispo"
                    asks = tokens[nxt + 1].folded in _AUXILIARY
                if not asks:
                    continue
            found.append(hit)
    return found


def durations(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in DURATION_RE.finditer(text)]


def _families(hits: list[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.family, []).append(hit)
    return grouped


def _normalised(text: str) -> str:
    return " ".join(t.folded for t in tokenize(text) if t.kind in ("word", "number"))


def _same_person(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    for key in ("handle", "name"):
        x, y = a.get(key), b.get(key)
        if x and y and fold(str(x)).lstrip("@") == fold(str(y)).lstrip("@"):
            return True
    return False


def _thread_signals(comment: dict[str, Any], text: str, lexicon_match: Any) -> tuple[bool, bool, list[str]]:
    """(someone else in the thread gave advice, the comment copies another message verbatim, helper names)."""
    thread = comment.get("thread") or []
    author = comment.get("author")
    advice = False
    copied = False
    helpers: list[str] = []
    if not thread:
        return False, False, helpers
    mine = _normalised(text)
    for message in thread:
        if not isinstance(message, dict):
            continue
        other_text = str(message.get("text") or "")
        if message.get("is_brand"):
            continue
        if _same_person(message.get("author"), author):
            continue
        if len(mine) >= 20 and _normalised(other_text) == mine:
            copied = True
        hits = lexicon_match(tokenize(other_text))
        if any(h.family == "solution_hint" for h in hits):
            advice = True
            who = (message.get("author") or {}).get("name") or (message.get("author") or {}).get("handle")
            if who:
                helpers.append(str(who))
    return advice, copied, helpers


def classify(comment: dict[str, Any], text: str, tokens: list[Token], hits: list[Hit],
             reading: SentimentReading, failure_hits: list[Hit], lexicon_match: Any) -> Situation:
    fam = _families(hits)
    get = lambda name: fam.get(name, [])  # noqa: E731
    words = [t for t in tokens if t.kind == "word"]
    urls = [t for t in tokens if t.kind == "url"]
    handles = [t for t in tokens if t.kind == "handle"]
    spans = durations(text)

    # ---- topics, in order of first mention, limited to the documented list
    topic_first: dict[str, int] = {}
    for hit in hits:
        if hit.family.startswith("topic:"):
            topic = hit.family.split(":", 1)[1]
            if topic in TOPICS:
                topic_first.setdefault(topic, hit.first)
                topic_first[topic] = min(topic_first[topic], hit.first)
    topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))

    # A failure word the sentiment reading found negated ("nothing broken", "rien de cassé") names no failure.
    negated = {(c.hit.first, c.hit.last) for c in reading.contributions if c.negated_by is not None}
    specific = [h for h in get("problem") if (h.first, h.last) not in negated]
    negated_fail = failure_hits
    vague = get("vague_problem")
    # A single harm word ("fire", "hôpital", "doctor") is severe only in a context of failure or
    # displeasure; a specific phrase ("caught fire", "intoxication alimentaire") or two harm words are.
    harm_all = [h for h in hits if h.family in _HARM]
    displeasure = sum(c.valence for c in reading.contributions
                      if c.valence < 0 and not c.hit.family.startswith("severity:")) <= -1.0
    harm = [h for h in harm_all if len(h.entry.tokens) > 1 or len(harm_all) > 1 or displeasure
            or specific or negated_fail or vague]
    failure = bool(specific or negated_fail or harm)
    negative = reading.label == "negative"
    addressed = any(t.folded in _SECOND_PERSON for t in words) or bool(handles)

    # ---- spam
    spam_hits = get("spam")
    # A link in a comment that names no problem and no topic of the brand's business is promotion
    # (2 points: spam on its own); next to a problem it is usually a screenshot or a tracking page.
    about_brand = bool(failure or vague or topics)
    spam_score = sum(h.entry.weight for h in spam_hits) + (min(len(urls), 2) if about_brand else 2 * bool(urls))
    # A link or self-promotion is spam unless the comment is about a problem or a question to the brand.
    is_spam = spam_score >= 2 and not ((failure or vague) and spam_score < 4)
    spam_words = sum(h.entry.weight for h in spam_hits)

    # ---- toxicity and threats
    # Vulgar language counts, except as an intensifier of praise ("so fucking good", "putain de bon").
    praise_starts = {c.hit.first for c in reading.contributions if c.hit.family == "sentiment" and c.valence > 0}
    insults = get("insult") + [h for h in get("profanity") if h.entry.weight >= 2
                               and not ({h.last + 1, h.last + 2} & praise_starts)]
    insults += _name_calling(tokens, reading)
    threats = get("threat")
    toxic = bool(insults or threats)

    # ---- community answered
    advice, copied, helpers = _thread_signals(comment, text, lexicon_match)
    resolved = get("resolved")
    thanks = get("thanks")
    community_hits: list[Hit] = []
    community = False
    if resolved and (advice or (handles and thanks)):
        community = True
        community_hits = resolved + thanks
    elif advice and thanks and not failure:
        community = True
        community_hits = thanks

    # ---- bad faith
    personal = bool(get("personal"))
    bad_faith_score = sum(h.entry.weight for h in get("competitor"))
    boycott = get("boycott")
    if boycott and not (personal and (failure or vague)):
        bad_faith_score += 2
    if copied:
        bad_faith_score += 2
    if get("competitor") and urls:
        bad_faith_score += 1
    bad_faith = bad_faith_score >= 2

    # ---- category
    marks, rhetorical = question_marks(text, tokens)
    question_cue = bool(marks)
    asking = _asking(tokens, get("question") + get("request"), rhetorical)
    question = question_cue or bool(asking)
    suggestion = bool(get("suggestion")) and not failure
    # A negative question about a concrete failure is a complaint; otherwise a question stays a question.
    complaint = failure or bool(boycott and negative) or (bool(vague) and (negative or not question))
    if not question:
        complaint = complaint or (negative and (bool(topics) or addressed)) or (toxic and addressed)
    if community and not failure:
        complaint = False
    if is_spam and question and spam_words < 2:
        is_spam = False          # a question with a link (a screenshot, an article) is still a question
    if is_spam:
        category = "spam"
        # The enthusiasm of a promotion ("Gagnez un smartphone gratuit 🔥") is about the promoter's
        # offer, not about the brand: toward the brand it says nothing.
        if reading.label == "positive":
            reading.label, reading.score = "neutral", 0.0
    elif complaint and not (suggestion and not negative):
        category = "complaint"
    elif suggestion:
        category = "suggestion"
    elif question:
        category = "question"
    elif reading.label == "positive":
        category = "praise"
    else:
        category = "other"

    # ---- flags
    delayed = bool(spans) and bool(_DELAY_TOPICS & set(topics)) and (negative or reading.sarcasm)
    # "never arrived / jamais reçu" names the failure; "ça marche pas" alone does not say what is wrong.
    named_failure = [h for h in negated_fail if h.entry.tokens[-1].rstrip("*") in _DELIVERY_VERBS]
    brand_error = category == "complaint" and bool(specific or (named_failure and topics) or delayed)
    needs_more_info = (category in ("complaint", "question") and not brand_error and not harm
                       and (bool(vague) or bool(negated_fail) or (category == "complaint" and not topics)))
    if community:
        needs_more_info = False
    severities: list[str] = []
    severe_context = negative or category == "complaint" or toxic
    harm_ids = {id(h) for h in harm}
    for hit in hits:
        if hit.family.startswith("severity:"):
            name = hit.family.split(":", 1)[1]
            allowed = id(hit) in harm_ids if hit.family in _HARM else severe_context
            if allowed and name not in severities:
                severities.append(name)
    if threats and "violence" not in severities:
        severities.append("violence")
    escalate = bool(severities)

    reasons: dict[str, list[Hit]] = {
        "brand_error": specific + negated_fail if brand_error else [],
        "needs_more_info": vague + negated_fail if needs_more_info else [],
        "community_answered": community_hits if community else [],
        "suspected_bad_faith": get("competitor") + boycott if bad_faith else [],
        "toxic": insults + threats if toxic else [],
        "escalate": [h for h in hits if h.family.startswith("severity:")
                     and h.family.split(":", 1)[1] in severities
                     and (h.family not in _HARM or id(h) in harm_ids)] + threats if escalate else [],
    }
    category_hits = {"spam": spam_hits + get("competitor"),
                     "question": asking or [h for h in get("question") + get("request")
                                            if h.first in _sentence_starts(tokens)],
                     "suggestion": get("suggestion"), "complaint": specific + vague + negated_fail + harm}
    reasons["category:" + category] = category_hits.get(category, [])
    return Situation(
        category=category, topics=topics,
        flags={"brand_error": brand_error, "needs_more_info": needs_more_info,
               "community_answered": community, "suspected_bad_faith": bad_faith,
               "toxic": toxic, "escalate": escalate},
        severities=severities, reasons=reasons, durations=spans, urls=urls,
        copied_from_thread=copied, community_hits=community_hits,
    )

"""Category, topics and the playbook's situation flags, from cue families plus structure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from worker.analysis.lexicon import (AD_LIE, CARD_BLOCKED, CODE_NOT_WORKING, CODE_REFUSED, LYING_AD, NAMED_CODE, PROMO_CODE,
                                    LEFT_AND_LOST, TRAVEL_DISRUPTION, VOUCHER, WEATHER, WEATHER_DOUBTED, Entry, Gated, Hit,
                                    odd_case, plan_changed)
from worker.analysis.models import TOPICS
from worker.analysis.sentiment import (BROKE, THANKS_SAID, own_ailment, DATA_NAMED, ECHO_MOCKED, EXCLAIMING, SentimentReading, data_rights_request,
                                      emphasis_of, emphatic_swear, said_of_self)
from worker.analysis.normalize import Token, fold, tokenize

#: (The look-ahead first: the letters or digits its alternatives start with, a test much cheaper than trying them.)
DURATION_RE = re.compile(
    r"(?i)(?=[\ddfopmutqcshae])(?:"
    r"\b(?:depuis\s+|for\s+|over\s+|plus\s+d[e'’]\s*|more\s+than\s+)?"
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|plusieurs|quelques|two|three|four|five|six|"
    r"seven|eight|ten|several|a\s+few|many)\s+"
    r"(?:jours?|semaines?|sems?|mois|heures?|ans?|années?|days?|weeks?|months?|hours?|hrs?|years?|minutes?|mins?)\b"
    r"|\b\d+\s?(?:h|j|min)\b(?!\s?\d))")   # "2h", "3j", "45min" (SMS), not "14h30"
_SECOND_PERSON = frozenset({"vous", "votre", "vos", "you", "your", "yours", "u", "ur"})
_PERSON = frozenset({"you", "u", "ya", "he", "she", "they", "y'all", "yall", "vous", "tu", "t", "il", "elle", "ils",
                     "elles", "vs", "people", "guys"})
_COPULA = frozenset({"are", "is", "r", "re", "s", "was", "were", "etes", "es", "est", "sont", "etait", "etaient",
                     "be", "being"})
_DELIVERY_VERBS = frozenset({"recu", "recue", "recus", "arrive", "arrivee", "arrives", "livre", "livree", "livres",
                             "rembourse", "remboursee", "arrived", "delivered", "received", "refunded",
                             "came", "showed", "recois", "recoit", "recoivent", "recevons", "receive", "receiving"})
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
    longest_days: float | None = None   # the longest duration counted, in days, when one says how long
    disputed: bool = False   # a charge or a bill of a named amount the author disputes (its cause unknown)


#: Pronouns that carry their copula ("ur pathetic", "youre a joke").
_PERSON_COPULA = frozenset({"youre", "ur", "ure", "yur", "theyre", "hes", "shes", "t'es", "tes", "chui", "chuis"})
#: Nouns naming people, one person or a group: a judgement said of them, or next to them, is said of
#: people ("terrible people", "your drivers are morons", "des gens minables", "vos conseillers sont
#: des incapables", "liberals are idiots").
_PERSON_NOUNS = frozenset("""
people person persons man men woman women guy guys gal gals human humans dude dudes lady ladies bloke blokes
individual individuals folks folk kid kids boy boys girl girls mother father mom mum dad wife husband
staff employee employees worker workers agent agents rep reps representative representatives advisor advisors
adviser advisers manager managers boss bosses ceo ceos owner owners founder director directors executive
executives driver drivers courier couriers cashier cashiers clerk clerks seller sellers salesman salesmen
salespeople salesperson technician technicians engineer engineers operator operators waiter waiters waitress
team teams crew support management politician politicians president senator senators minister ministers
liberals liberal libs lib conservatives conservative democrats democrat dems dem republicans republican leftists
leftist lefties righties socialists socialist communists fans supporters voters followers trolls bots
cop cops police officers officer
gens personne personnes type types mec mecs meuf meufs nana nanas gars bonhomme femme femmes homme hommes
individu individus client clients vendeur vendeurs vendeuse vendeuses caissier caissiers caissiere caissieres
conseiller conseillers conseillere conseilleres livreur livreurs livreuse chauffeur chauffeurs technicien
techniciens agent agents employe employes employee employees salarie salaries personnel patron patrons
responsable responsables directeur directrice directeurs manager managers gerant gerante equipe equipes
serveur serveurs serveuse standardiste standardistes operateur operatrice dirigeants dirigeant politiques
politiciens elus ministre ministres gauchistes fachos
""".split())
#: Pronouns naming a person or a group of people (subjects: "you are", "they're", "vous êtes").
_PERSON = frozenset({"you", "u", "ya", "he", "she", "they", "y'all", "yall", "vous", "tu", "t", "il", "elle",
                     "ils", "elles", "vs", "people", "guys", "him", "her", "them"})
#: Words that make what follows a name for people: "bunch of clowns", "bande d'incapables", "espèce de".
_COLLECTIVE = ("bunch of", "pack of", "band of", "load of", "bande de", "bande d", "espece de", "espece d",
               "tas de", "ramassis de", "ramassis d")
#: ("as", "aussi": the first half of a comparison, "you are as stupid as your app", "t'es aussi con que ton appli")
_COPULA_FILLERS = frozenset({"a", "an", "the", "so", "as", "aussi", "such", "very", "too", "that", "this", "pretty",
                             "quite", "plain", "most", "more", "kinda", "sorta", "rather", "even", "one", "big", "biggest",
                             "really", "truly", "just", "totally", "complete",
                             "completely", "absolute", "absolutely", "utter", "utterly", "total", "real", "fucking",
                             "bloody", "damn", "little", "big", "all", "also", "still", "being", "un", "une", "des",
                             "de", "d", "vraiment", "tellement", "trop", "completement", "grave", "que", "qu",
                             "vrai", "vraie", "gros", "grosse", "sacre", "sacree", "pauvre", "pauvres", "bien"})
_CLAUSE_STOP = frozenset({".", ",", ";", ":", "!", "?", "…"})


#: Verbs that link a subject to a judgement as a copula does ("you sound ignorant", "he looks stupid").
_LINKING = frozenset({"sound", "sounds", "sounded", "look", "looks", "looked", "seem", "seems", "seemed", "act",
                      "acts", "acting", "become", "becomes", "became", "get", "gets", "getting", "got", "remain",
                      "remains", "stay", "stays", "parait", "paraissez", "semblez", "semble", "reste", "restez",
                      "restent", "devenu", "devenus"})
#: Subjects that are no person ("This is stupid", "What a joke").
_NOT_PEOPLE = frozenset({"it", "this", "that", "which", "what", "there", "here", "everything", "nothing",
                         "something", "ca", "c", "cela", "ce", "ceci", "tout", "rien", "i", "we", "je", "on"})
_SUBJECT_FILLERS = frozenset({"pal", "buddy", "mate", "sir", "dude", "all", "both", "really", "also", "just",
                              "still", "always", "seriously", "honestly",
                              "clearly", "obviously", "literally", "vraiment", "aussi", "toujours", "tous",
                              "toutes", "deux", "vous-memes"})


def _is_person(token: Token) -> bool:
    folded = token.folded
    return token.kind == "handle" or (token.kind == "word" and (folded in _PERSON or folded in _PERSON_NOUNS))


def _subject_of(tokens: list[Token], copula: int, things: frozenset[int] = frozenset()) -> int | None:
    """The token index of a person who is the copula's subject ("you are", "your drivers are", "@x is",
    "Antifa are": a capitalised name that is none of the brand's things)."""
    for j in range(copula - 1, max(copula - 4, -1), -1):
        token = tokens[j]
        if token.kind == "word" and token.folded in _SUBJECT_FILLERS:
            continue
        if token.kind == "other" and token.text in ("'", "\u2019"):
            continue   # an elided pronoun: "t'es", "t’es" (the apostrophe stands between it and the copula)
        if j in things:
            return None
        if _is_person(token):
            return j
        if token.kind == "word" and token.text[:1].isupper() and j not in things and len(token.text) > 1 \
                and token.folded not in _NOT_PEOPLE and not (j == 0 or tokens[j - 1].kind in ("punct",)
                                                              or tokens[j - 1].folded in _CLAUSE_STOP):
            return j
        return None
    return None


def _said_of_person(tokens: list[Token], hit: Hit, things: frozenset[int] = frozenset()) -> bool:
    """A judgement said of a person, not of a thing.

    'you are pathetic', 'she is a disgrace', 'vous êtes nuls', 'ur useless', 'your staff are clueless',
    'you sound so ignorant', 'Antifa are stupid' (a person, a copula or linking verb, the word in the same
    clause); 'how dumb he is' (the person after it); 'pathetic people', 'un type minable', 'un livreur
    de merde' (next to a noun naming people); 'you pathetic ...', 'bunch of clueless ...', "bande
    d'incapables" (said to or of people). `things` are token indices naming the brand's things (topics),
    never people.
    """
    first, last = hit.first, hit.last
    n = len(tokens)
    before = [j for j in range(first - 1, max(first - 3, -1), -1) if tokens[j].kind not in ("other",)]
    after = last + 1 if last + 1 < n else None
    # "incapables de livrer", "ignorant of the rules": an ability or a knowledge described, not a name
    if _ability(tokens, hit):
        return False
    # "il est vendu comme longue tenue": a passive participle (after "est", "sont", "été") then "comme" describes a
    # thing as sold; not a name ("t'es qu'un vendu comme les autres" still is one)
    if after is not None and tokens[after].folded == "comme" and before \
            and tokens[before[0]].folded in ("est", "sont", "etait", "etaient", "ete", "etre", "fut"):
        return False
    # next to a noun naming people ("stupid people", "des gens minables")
    if before and tokens[before[0]].kind == "word" and tokens[before[0]].folded in _PERSON_NOUNS \
            and before[0] not in things:
        return True
    if after is not None and tokens[after].kind == "word" and tokens[after].folded in _PERSON_NOUNS \
            and after not in things:
        return True
    # "un livreur de merde", "des vendeurs d'une arrogance"
    if len(before) > 1 and tokens[before[0]].folded in ("de", "d") and tokens[before[1]].folded in _PERSON_NOUNS:
        return True
    # a participle after a copula is a verb: "she is lying", "he is faking it"
    verb_form = first == last and tokens[first].folded.endswith("ing")
    if verb_form:
        return False
    # "this ad is trash and so are you", "how dumb he is", "as craven as he is"
    rest = [t.folded for t in tokens[last + 1:last + 5] if t.kind == "word"]
    if rest[:1] == ["and"]:
        rest = rest[1:]
    if len(rest) >= 3 and rest[0] == "so" and rest[1] in _COPULA and rest[2] in _PERSON:
        return True
    lead = [t.folded for t in tokens[max(0, first - 3):first] if t.kind == "word"]
    if lead[-1:] in (["how"], ["as"], ["so"]) or lead[-2:-1] in (["how"], ["as"]):
        if rest[:2] and rest[0] in _PERSON and (rest[1:2] and rest[1] in _COPULA or rest[1:3] == ["all", "are"]):
            return True
    # said to someone ("you pathetic clowns", "t'es nul")
    if before and tokens[before[0]].folded in ("you", "u", "ya", "ur", "youre", "tes"):
        return True
    # of a group ("bunch of clueless", "bande d'incapables")
    words = [t.folded for t in tokens[max(0, first - 3):first] if t.kind == "word"]
    tail = " ".join(words[-2:])
    if any(tail.endswith(c) for c in _COLLECTIVE):
        return True
    # a person, a copula, then the word in the same clause ("she is so very stupid", "are you that dumb")
    for k in range(first - 1, max(first - 7, -1), -1):
        token = tokens[k]
        if token.kind in ("punct", "other") and token.folded in _CLAUSE_STOP:
            return False
        folded = token.folded
        if folded in _PERSON_COPULA:
            return True
        if folded in _COPULA or folded in _LINKING:
            return _subject_of(tokens, k, things) is not None
        if token.kind == "word" and folded in _PERSON and k > 0 and tokens[k - 1].folded in _COPULA:
            return True               # "are you stupid", "is he that dumb"
        if token.kind == "word" and not _filler(folded):
            return False
    return False


def _filler(folded: str) -> bool:
    """A word that may stand between a copula and a judgement ("is so very", "are really that")."""
    return folded in _COPULA_FILLERS or (len(folded) > 4 and folded.endswith("ly"))


def _self_directed(tokens: list[Token], hit: Hit) -> bool:
    """'I'm such an idiot', 'je suis vraiment con': the author calls himself names."""
    for k in range(hit.first - 1, max(hit.first - 6, -1), -1):
        token = tokens[k]
        if token.kind in ("punct",) or token.folded in _CLAUSE_STOP:
            return False
        if token.folded in ("i", "im", "je", "j", "chui", "chuis", "jsuis", "me"):
            return True
        if token.folded in _COPULA or token.folded in ("m", "am", "suis", "feel", "felt", "sens", "senti"):
            continue
        if token.kind == "word" and not _filler(token.folded):
            return False
    return False


#: Words skipped before a sentence's first real word ("RT @x: Hi, why ...").
_PREAMBLE = frozenset({"rt", "hi", "hello", "hey", "dear", "bonjour", "salut", "coucou", "bonsoir", "allo",
                       "yo", "ok", "okay", "so", "and", "et", "alors", "donc", "mais", "but", "also", "sinon",
                       "svp", "please", "pls", "plz", "stp", "just", "juste",
                       # interjections before the sentence proper ("omg where did you get it", "btw do you ship
                       # to Canada", "euh vous livrez quand")
                       "oh", "omg", "wait", "btw", "um", "umm", "uh", "hmm", "ah", "euh", "bon", "ben", "bref"})
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
_PRONOUN_ASKS_AFTER = frozenset({"comment"})
_APOSTROPHES = frozenset({"'", "’"})
#: English interrogatives that ask with an infinitive ("how to cancel my order", "where to find the form").
_ASK_WITH_TO = frozenset({"how", "where", "what", "which", "who", "whom", "when"})
#: French words before an infinitive after "comment" ("comment se connecter", "comment m'inscrire").
_FRENCH_REFLEXIVE = frozenset({"se", "s", "me", "m", "te"})
#: English words with a French infinitive's ending ("Comment more below" is no "comment faire").
_NOT_INFINITIVES = frozenset({"more", "here", "there", "where", "ever", "never", "after", "over", "under",
                              "other", "rather", "either", "neither", "before", "sure", "fire", "entire"})


def _deliberative(tokens: list[Token], first: int, k: int) -> bool:
    """An interrogative before an infinitive asks what to do, as customers ask search engines: "how to
    cancel my order", "where to find the returns form", "comment annuler ma commande", "comment se
    connecter", "où trouver le formulaire", "qui contacter pour un remboursement" (`first` is the index of
    the interrogative, `k` that of the word after it)."""
    if k >= len(tokens) or tokens[k].kind != "word":
        return False
    wh = tokens[first].folded
    following = tokens[k].folded
    verb = next((t for t in tokens[k + 1:k + 3] if t.kind != "other" or t.text not in _APOSTROPHES), None)
    if following == "to":
        return wh in _ASK_WITH_TO and verb is not None and verb.kind == "word"
    # "ou" is also "or" when its accent is left out; "qui adore", "qui montre" are conjugated: after "où" and
    # "qui", only the endings no conjugated form after them takes ("-er", "-ir")
    if wh == "comment":
        endings: tuple[str, ...] = ("er", "ir", "re")
    elif wh == "qui" or tokens[first].text.lower() == "où":
        endings = ("er", "ir")
    else:
        return False
    if following in _FRENCH_REFLEXIVE:
        if verb is None or verb.kind != "word":
            return False
        following = verb.folded
    return len(following) >= 4 and following.endswith(endings) and following not in _NOT_INFINITIVES


#: Adverbs that may stand between an interrogative and its auxiliary.
_WH_ADVERBS = frozenset({"exactly", "precisely", "exactement", "donc"})
#: Interrogatives that take a noun before the verb ("what size is", "quel magasin est").
_WH_DETERMINERS = frozenset({"what", "which", "whose", "quel", "quelle", "quels", "quelles"})
#: "What a day", "Quel bonheur": exclamations, not questions.
_EXCLAMATIVE_ARTICLES = frozenset({"a", "an", "un", "une"})
_PRONOUNS = frozenset({"on", "vous", "je", "j", "tu", "il", "elle", "ils", "elles", "ca", "c", "i", "we"})


def _sentence_starts(tokens: list[Token]) -> set[int]:
    """Token indices that open a sentence, after handles, hashtags, links and greetings."""
    starts: set[int] = set()
    expecting = True
    greeted = False
    vocative_until = -1
    for i, token in enumerate(tokens):
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            expecting, greeted = True, False
            continue
        if not expecting or i <= vocative_until:
            continue
        if token.kind in ("handle", "hashtag", "url", "emoji", "emoticon", "other", "punct", "number") \
                or token.folded in _PREAMBLE:
            greeted = greeted or token.folded in _GREETINGS
            continue
        if greeted and token.text[:1].isupper():
            # "Hi Sarah, can I ...", "Bonjour Marie, quand ...": the name greeted is no sentence start
            comma = next((k for k in range(i + 1, min(i + 3, len(tokens))) if tokens[k].text == ","), None)
            if comma is not None and all(tokens[k].kind == "word" for k in range(i, comma)):
                vocative_until = comma
                continue
        starts.add(i)
        expecting = False
    return starts


_GREETINGS = frozenset({"hi", "hello", "hey", "dear", "bonjour", "salut", "coucou", "bonsoir", "yo"})


#: Whole "sentences" that end in "?" without asking anything: attention-getters and outrage.
_RHETORICAL = frozenset({"you know what", "know what", "guess what", "see", "wtf", "huh", "eh", "seriously",
                         "srsly", "really", "rly", "what the hell", "what the fuck", "like really", "tu sais quoi",
                         "vous savez quoi", "savez-vous quoi", "vous savez pas quoi", "tu sais pas quoi",
                         "devine quoi", "devinez quoi", "serieux", "serieusement", "hein", "quoi", "non mais",
                         "sans blague", "vraiment", "allo", "ah bon", "oh really", "c est une blague",
                         "vous etes serieux", "t es serieux", "are you serious", "are you kidding me",
                         "are you kidding", "you kidding me", "is this a joke", "c est une blague ou quoi"})
#: Echo questions among them: alone in a comment, they ask whether what they answer is true.
_ECHOES = frozenset({"really", "rly", "seriously", "srsly", "oh really", "vraiment", "serieux", "serieusement",
                     "ah bon", "sans blague"})
#: Formulas that make a whole sentence rhetorical wherever they stand in it: the author exclaims, marvels
#: or states, and asks nobody ("What more could you ask for?", "Who wouldn't love that?", "Did you know
#: the founder was 19?", "Qui l'eût cru ?"). Outbursts that still ask ("where the hell is my parcel?") are
#: no such formula.
_RHETORICAL_FORMULAS = (
    "what more could", "what more can", "what else could you", "who wouldn t", "who would not", "who doesn t love",
    "who cares", "who knew", "could i love", "could it be any", "could you be any", "did you know", "do you know what",
    "what s with", "whats with", "wouldn t you say", "god help", "heaven help", "saviez-vous", "le saviez-vous",
    "qui l eut cru", "qui l aurait cru", "qui n aime pas", "que demander de plus",
    "que demande le peuple", "c est quoi ce bordel", "c est quoi ce delire", "mais qu est ce que c est que ce",
    "what world are we", "what world do we", "what kind of world", "dans quel monde", "can i just say",
    "can i tell you how", "may i just say", "puis-je juste dire", "je peux juste dire", "est-ce que je peux juste dire",
    "remember when", "remember how", "tu te souviens quand", "vous vous souvenez quand", "rappelez-vous quand",
    # the answer is "none", "no one": a protest ("What's the point of a hotline nobody answers?", "À quoi bon
    # appeler ?", "Who in their right mind would pay that?", "How dare you...")
    "what s the point", "whats the point", "what is the point", "what was the point", "a quoi bon",
    "who in their right mind", "what sane person", "which sane person", "qui de sense", "quelle personne sensee",
    "how dare", "comment osez-vous", "comment oses-tu", "comment ose-t-on",
    # protests that say the answer is plain, or that asking is wasted ("How hard can it be to deliver on time?",
    # "Is it too much to ask for an app that works?", "How is this acceptable?", "Since when is it OK to wait three
    # weeks?", "How many times do I have to call?", "Vous trouvez ça normal ?", "C'est trop demander ?"); the
    # lexicon reads them as displeasure not said how (vague_problem): a complaint, asked what happened.
    # ("Since when do you deliver to Belgium?", "How hard is the shell?" still ask.)
    "how hard can it be", "how difficult can it be",
    "is it too much to ask", "is that too much to ask", "is this too much to ask", "too much to ask for",
    "why do i even bother", "why do i bother", "why did i even bother", "why even bother",
    "how is this acceptable", "how is that acceptable", "how is this ok", "how is this okay", "how is that ok",
    "how is this legal", "how is that legal", "how is this even legal", "how is that even legal",
    "how is this even acceptable", "how is that even acceptable", "since when is it ok", "since when is it okay",
    "since when is it acceptable", "since when is that ok", "since when is that acceptable", "how many times do i have to", "how many times do we have to",
    "how many more times", "what s wrong with you", "whats wrong with you", "what is wrong with you",
    "what kind of company", "what kind of business", "what kind of service is this",
    "what kind of customer service", "vous trouvez ca normal", "tu trouves ca normal", "vous vous foutez de",
    "vous vous moquez de", "vous nous prenez pour", "on se fout de", "c est trop demander",
    "est-ce trop demander", "est ce trop demander", "a quoi ca sert de", "a quoi sert de", "combien de fois faut-il",
    "combien de fois dois-je", "combien de fois faudra-t-il", "depuis quand c est normal",
    "quel genre d entreprise", "comment c est possible d", "comment est-ce possible d",
    # a plea to hear that something is not so ("Please tell me this is a joke", "Dites-moi que je rêve")
    "tell me this is a joke", "tell me this is a mistake", "tell me this is a typo", "tell me this is a prank",
    "tell me this is fake", "tell me this is not real", "tell me this isn t real", "tell me it s a joke",
    "tell me you re joking", "tell me you re kidding", "dites-moi que c est une blague", "dis-moi que c est une blague",
    "dites-moi que c est une erreur", "dites-moi que je reve", "dis-moi que je reve",
)
#: Formulas with a slot, as patterns over the same folded words joined by spaces: the comparative nobody could
#: exceed ("Could your service be any slower?", "Can it get any better?", "Pouvait-on rêver mieux ?"), the
#: obvious answer ("What's not to love?", "How did I ever live without this blender?", "Who needs a hotline when the chat is this good?", "Who does that?!",
#: "Why would I ever shop anywhere else?") and the plea to hear a blunder was not real, whatever blunder it
#: names ("Please tell me this is a horrible misprint", "Tell me it isn't true", "Dites-moi que c'est une
#: mauvaise blague"). "Can you get any cheaper flights?", "Who needs a refund form?" still ask.
_RHETORICAL_PATTERNS = (
    r"(?:could|can|couldn t|can t) (?:\S+ ){1,4}be any (?!other )(?:\S+er|more|less|worse|better)",
    r"(?:could|can|couldn t|can t) (?:it|this|that|things|life) (?:\S+ )?get any (?:\S+er|more|less|worse|better)",
    r"(?:pouvait|peut|pourrait|pouvions|pouvez)(?:-on| on)? (?:pas |meme )?(?:rever|demander|esperer) mieux",
    r"what (?:s|is) not to (?:love|like|adore|enjoy)", r"whats not to (?:love|like)",
    r"who (?:even )?needs (?:\S+ ){1,6}when", r"who (?:even |actually |really )?does (?:that|this)(?= $)",
    r"qui fait (?:ca|ce genre de truc)(?= $)", r"why would (?:i|we|anyone|anybody) (?:ever|even)",
    r"pourquoi (?:j irais|aller|irais-je|j irai) ailleurs",
    r"how (?:did|do|have|could) (?:i|we) (?:ever |even )?(?:live|lived|survive|survived|manage|managed|cope|coped) "
    r"without", r"comment (?:j ai|on a|avons-nous|ai-je) (?:pu |fait pour )?(?:vivre|survivre|faire) sans",
    r"tell me (?:that )?(?:this|it|that) (?:s|is|was) (?:just )?(?:a|an) (?:\S+ ){0,2}(?:joke|typo|mistake|misprint|"
    r"prank|hoax|lie|error|glitch|fake|bad dream|nightmare)",
    r"tell me (?:that )?(?:this|it|that) (?:isn t|is not|s not|wasn t|was not) (?:true|real|happening)",
    r"(?:dites|dis)-moi que (?:c est|ce n est|c etait) (?:\S+ ){0,3}(?:blague|erreur|faute|canular|cauchemar|faux|vrai)",
    # indignation at the brand's own price, wait or service ("C'est quoi ce prix ???", "c'est quoi ces délais"):
    # "c'est quoi le prix ?" still asks
    r"c est quoi (?:ce|cette|ces) (?:\S+ )?(?:prix|tarifs?|delais?|attente|service|sav|accueil|qualite|facture|frais|"
    r"arnaque|blague|cirque|bazar|foutoir|comportement|reponse)",
    # a call into the void ("Y'a quelqu'un au service client ou pas ?", "Is anyone even reading this?"): nobody
    # answers, which is the complaint
    r"(?:il )?y a (?:quelqu un|qqn|qq1|personne) (?:\S+ ){0,5}ou (?:pas|quoi)",
    r"(?:is|are) (?:anyone|anybody|someone|somebody|you) (?:even )?(?:reading|listening|working|awake|alive|there)"
    r"(?: \S+){0,3} (?:at all|or what|or not)",
    r"(?:is|are) (?:anyone|anybody|you) even (?:reading|listening|working|there|home|awake)",
)
#: A sentence closing like this asks for no answer ("Not so crazy, eh?").
_RHETORICAL_TAGS = ("eh",)
_RHETORICAL_TAGS_SET = frozenset(_RHETORICAL_TAGS)


#: Any of the formulas as whole words, in one search over the sentence's words joined by spaces.
_RHETORICAL_FORMULA_RE = re.compile(" (?:" + "|".join(list(map(re.escape, _RHETORICAL_FORMULAS))
                                                 + list(_RHETORICAL_PATTERNS)) + ") ")
#: A word each formula holds, one of which a sentence must hold before the search is worth it: a formula's longest
#: word that is not a common one, and for each pattern the words one of which it always holds (listed by hand, in the patterns' order;
#: tests/analysis/test_gaps_jan.py checks them against the patterns).
_RHETORICAL_PATTERN_WORDS = (
    {"any"}, {"any"}, {"mieux"}, {"love", "like", "adore", "enjoy"}, {"whats"}, {"needs"}, {"does"}, {"fait"},
    {"would"}, {"ailleurs"}, {"without"}, {"sans"}, {"tell"}, {"tell"}, {"dites-moi", "dis-moi"}, {"quoi"},
    {"quelqu", "qqn", "qq1", "personne"}, {"reading", "listening", "working", "awake", "alive", "there"}, {"even"})
#: Words too common to pick for a formula when it holds a rarer one.
_COMMON_WORDS = frozenset({"what", "whats", "this", "that", "is", "it", "you", "the", "a", "i", "c", "est", "ce",
                           "de", "le", "la", "mais", "qui", "just", "juste", "much", "service", "there", "help", "like",
                           "love", "could", "would", "even", "how", "who", "can", "do", "did", "to", "of", "with",
                           "que", "quoi", "vous", "tu", "on", "me", "tell", "ok", "okay", "many", "more", "when", "s",
                           "qu", "not", "too", "t"})
_RHETORICAL_WORDS = frozenset({max(formula.split(" "), key=lambda word: (word not in _COMMON_WORDS, len(word)))
                               for formula in _RHETORICAL_FORMULAS}
                              | {word for words in _RHETORICAL_PATTERN_WORDS for word in words})


def _formulas_by_word() -> dict[str, re.Pattern[str]]:
    """For each of _RHETORICAL_WORDS, one search for the formulas that hold it (the word picked for a formula, a
    word listed for a pattern): a sentence holding "bother" is searched for the four formulas with "bother" only,
    not for the hundreds of _RHETORICAL_FORMULA_RE."""
    grouped: dict[str, list[str]] = {}
    for formula in _RHETORICAL_FORMULAS:
        word = max(formula.split(" "), key=lambda w: (w not in _COMMON_WORDS, len(w)))
        grouped.setdefault(word, []).append(re.escape(formula))
    for pattern, words in zip(_RHETORICAL_PATTERNS, _RHETORICAL_PATTERN_WORDS):
        for word in words:
            grouped.setdefault(word, []).append(pattern)
    return {word: re.compile(" (?:" + "|".join(alternatives) + ") ") for word, alternatives in grouped.items()}


_RHETORICAL_BY_WORD: Final = _formulas_by_word()


def _rhetorical_search(words: list[str]) -> bool:
    """Whether the words hold one of the formulas (_RHETORICAL_FORMULA_RE): only the formulas that hold one of the
    words are searched (a formula holds the word it is filed under in _RHETORICAL_BY_WORD)."""
    held = _RHETORICAL_WORDS.intersection(words)
    if not held:
        return False
    joined = " " + " ".join(words) + " "
    for word in held:
        if _RHETORICAL_BY_WORD[word].search(joined) is not None:
            return True
    return False


def _rhetorical_formula(words: list[str]) -> bool:
    return _rhetorical_search(words) or (len(words) > 2 and words[-1] in _RHETORICAL_TAGS)


#: A next sentence opening like this answers the question just asked: the author was not asking.
_ANSWER_OPENINGS = frozenset({"because", "cause", "cuz", "coz", "answer", "parce", "car", "reponse", "simple",
                              "easy", "spoiler", "no", "nope", "nah", "yes", "yep", "non", "oui", "apparently",
                              "obviously", "evidently", "apparemment", "evidemment", "visiblement"})
_CLOSING_QUOTES = frozenset('"\'”’»')
#: The author's own answer announced further on ("So what's the fix? Ban it all? In my view, the answer, sadly,
#: is yes.", "Le SAV répond ? La réponse est non."): every question before it was the author's setup.
#: ("The answer in your FAQ is unclear" reports someone else's answer: the question before it still asks.)
_ANSWER_ANNOUNCED = re.compile(r"(?i)\b(?:the|my|our|la|ma|notre)\s+(?:answer|r[ée]ponse)(?:\s*,[^,.?!\n]{1,25},)?"
                               r"\s*(?:is|was|est|[ée]tait|:)(?![\w-])")
#: A question about who or what, answered at once by a short denial ("What grows in the dark? Not a child's
#: future.", "Qui en profite ? Pas les clients."): the author names the answer, nobody is asked. Only after
#: an interrogative: after a yes/no question a denial clarifies what is asked ("Do you have it in M? Not the
#: black one.").
_DENIED_AFTER = frozenset({"what", "who", "whom", "which", "where", "whose", "qui", "que", "quoi", "ou", "quel",
                           "quelle", "quels", "quelles", "whats", "whos", "wheres"})
_DENIAL_HEADS = frozenset({"a", "an", "the", "my", "your", "our", "his", "her", "their", "this", "that", "these",
                           "those", "me", "you", "us", "them", "him", "anyone", "anybody", "everyone", "many",
                           "le", "la", "les", "l", "un", "une", "des", "du", "mon", "ma", "mes", "ton", "ta",
                           "tes", "votre", "vos", "notre", "nos", "leur", "leurs", "moi", "toi", "nous", "vous",
                           "eux", "lui", "ce", "cette", "ces"})


#: "after all" / "après tout" as an adverb inside a question ("What, after all, is a warranty for?", "À quoi sert la
#: garantie, après tout ?"): the author presumes the answer. ("After all this time, where is my refund?", "Après
#: tout ce temps, où en est mon remboursement ?" say how long, and ask.)
_AFTER_ALL = re.compile(r"(?i)(?:,\s*after all\b|\bafter all\s*(?:,|\?|$)|\bapr[èe]s tout\b(?!\s+(?:ce|[çc]a|cela)\b))")
#: What the one spoken to wants or needs, asked ("You want loyal customers?", "Vous voulez des clients fidèles ?",
#: "Need a hand?"): before a command, it is the condition of that command ("... Start by answering your emails.",
#: "... Commencez par répondre aux mails."), not a question.
_WISHES = frozenset({"want", "wanna", "need", "like", "voulez", "veux", "cherchez", "cherches", "besoin", "envie"})
_WISHERS = frozenset({"you", "u", "ya", "y'all", "yall", "do", "did", "vous", "tu", "t", "avez", "as", "so", "then",
                     "alors", "donc", "really", "vraiment", "still", "toujours"})
#: Commands that open a sentence, in English (their base form) and French (the "tu" forms that are not "-ez").
_COMMANDS = frozenset("""start stop try go come call buy get read check look ask learn give fix hire pay use vote join
bring take make let listen watch think quit answer treat train begin visit sign share support respect leave put keep
invest shop switch cancel lower drop pick refund contact
commence arrete essaie essaye va viens regarde achete appelle lis ecris demande change passe embauche paie paye
repond reponds""".split())
#: Wishes asked with their subject left out ("Need a hand?", "Envie de changer ?").
_BARE_WISHES = frozenset({"wanna", "need", "envie", "besoin"})
_NOT_COMMANDS_EZ = frozenset({"avez", "chez", "assez", "nez", "vez", "allez-y"})


def _conditional_wish(words: list[str], opened: list[int], command: Token) -> bool:
    """"You want loyal customers? Start by answering your emails.", "Vous voulez des clients fidèles ? Commencez par
    répondre aux mails.": a wish of the one spoken to, asked right before a command (`command`, the next
    sentence's first word), states the condition of that command. ("Do you want my order number? I can send it.",
    "Vous voulez mon numéro de commande ? Je peux l'envoyer." still ask.)"""
    folded = command.folded
    if not (folded in _COMMANDS or len(folded) > 4 and folded.endswith("ez") and folded not in _NOT_COMMANDS_EZ
            or folded.endswith(("ez-vous", "ez-nous", "ez-moi", "ez-les", "ez-le", "ez-la"))):
        return False
    for begin in [0] + [k for k in opened if 0 < k < len(words)]:
        k = begin
        while k < len(words) and k < begin + 3 and words[k] in _WISHERS:
            k += 1
        if k > begin and k < len(words) and words[k] in _WISHES or words[begin] in _BARE_WISHES:
            return True
    return False


def _denied_answer(text: str, tokens: list[Token], words: list[str], nxt: Token) -> bool:
    """Whether `nxt`, the first word after a "?" closing `words`, opens a short denial that answers them:
    "Not a child's future.", "Pas les clients." (a sentence of its own, with no comma and no "?")."""
    if nxt.folded not in ("not", "pas") or not words or not (
            words[0] in _DENIED_AFTER or len(words) > 1 and words[1] in _DENIED_AFTER):
        return False
    k = tokens.index(nxt) + 1
    if k >= len(tokens) or tokens[k].folded not in _DENIAL_HEADS:
        return False
    for token in tokens[k:]:
        if token.text == "," or "?" in token.text:
            return False
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            return True
    return True
#: Words that make a sentence interrogative in form when they open it (or come second: "So why..."),
#: and the imperatives that ask for an answer ("Tell me how many...?", "Dites-moi, c'est normal ?").
_INTERROGATIVE_OPENERS = frozenset("""how why when where what which who whom whose is are was were do does did can
could would will should shall has have had may might am isn aren wasn don doesn didn couldn wouldn won shouldn
any anyone anybody someone somebody
comment pourquoi quand ou quel quelle quels quelles qui que qu quoi combien lequel laquelle est-ce pk pq pkoi
koi kel kelle kan ya
whats wats wheres whens hows whos whys wat wut wht y r
tell explain describe answer please pls plz kindly dites dis expliquez explique svp stp""".split())
#: A sentence that speaks to someone asks even without an interrogative opening ("you ship to Canada?").
_ADDRESSEE = frozenset({"you", "u", "your", "ya", "y'all", "yall", "vous", "tu", "t", "vos", "votre", "ton", "ta",
                        "tes", "anyone", "anybody", "someone", "quelqu", "qqn", "qq1"})
#: Subject pronouns after a hyphen mark French inversion ("livrez-vous", "peut-on", "a-t-il").
_INVERTED = ("-vous", "-tu", "-il", "-elle", "-ils", "-elles", "-on", "-je", "-nous")
_NOT_INVERTED = frozenset({"rendez-vous", "abonnez-vous", "inscrivez-vous", "renseignez-vous", "mefiez-vous",
                           "depechez-vous", "rassurez-vous", "calmez-vous", "taisez-vous", "occupez-vous",
                           "amusez-vous", "reveillez-vous", "dites-nous", "rejoignez-nous", "suivez-nous",
                           "contactez-nous", "ecrivez-nous", "aidez-nous"})


#: Verbs that report what someone says or asks: a question after one, closed by a comma, is quoted.
_REPORTING = frozenset({"say", "says", "said", "saying", "ask", "asks", "asked", "asking", "dit", "disent",
                        "disait", "demande", "demandent", "demandait", "demandaient"})
#: Words after which a new clause opens inside a sentence ("Sorry to bother you, but do you ship...").
_CLAUSE_LINKS = frozenset({"but", "mais"})


#: What stands on either side of an apostrophe lost to an encoding ("don?t", "it?s", "I?m", "c?est", "j?adore",
#: "qu?il"): an English contraction's tail after it, or a French elided word before it.
_CONTRACTION_TAILS = frozenset({"t", "s", "m", "re", "ve", "ll", "d"})
_ELIDED = frozenset({"c", "j", "l", "d", "n", "m", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quelqu"})


def _lost_apostrophe(text: str, token: Token) -> bool:
    """A "?" token standing for an apostrophe lost to a wrong encoding: "don?t", "C?est" (not "écologie?j'hallucine",
    a question with its space left out)."""
    if token.text != "?" or token.start == 0 or token.end >= len(text) or not text[token.end].islower() \
            or not text[token.start - 1].isalpha():
        return False
    start = token.start - 1
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = token.end
    while end < len(text) and text[end].isalpha():
        end += 1
    before, after = text[start:token.start].lower(), text[token.end:end]
    return after in _CONTRACTION_TAILS or before in _ELIDED


#: Words of thanks and affection: a run of "?" after them, set apart by a space, is emojis lost to an encoding.
_AFFECTION = frozenset({"merci", "thanks", "thank", "thx", "ty", "love", "loved", "loving", "adore", "adorons",
                        "bravo", "congrats", "congratulations", "felicitations", "mercii", "awesome", "amazing"})


def _opens_interrogatively(words: list[str], clauses: list[int] | tuple[()] = ()) -> bool:
    """An interrogative opening, of the sentence or of a clause inside it."""
    if words and (words[0] in _INTERROGATIVE_OPENERS or len(words) > 1 and words[1] in _INTERROGATIVE_OPENERS):
        return True
    return any(k < len(words) and words[k] in _INTERROGATIVE_OPENERS for k in clauses)


#: "Why not", "pourquoi pas" said alone.
_WHY_NOT = frozenset({"why not", "pourquoi pas"})


def _accepting(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the rhetorical sentence from `first` to `last` closes with "why not" / "pourquoi pas"."""
    words = [t.folded for t in tokens[first:last + 1] if t.kind == "word"]
    return " ".join(words[-2:]) in _WHY_NOT


def _interrogative_form(words: list[str], clauses: list[int] | tuple[()] = ()) -> bool:
    """An interrogative opening (of the sentence or of a clause after a comma or "but"), a French
    inversion, or someone addressed."""
    if not words:
        return False
    if words[0] in _INTERROGATIVE_OPENERS or (len(words) > 1 and words[1] in _INTERROGATIVE_OPENERS):
        return True
    if any(k < len(words) and words[k] in _INTERROGATIVE_OPENERS for k in clauses):
        return True
    for word in words:
        if word in _ADDRESSEE:
            return True
        if "-" in word and word.endswith(_INVERTED) and word not in _NOT_INVERTED:
            return True
    return False


#: Judgements that make "how ... is it?" an exclamation ("How cute is that?", "Qu'est-ce qu'il est mignon ?"),
#: unlike measures that ask ("how long is the wait?", "how big is the box?").
_EXCLAIMED = frozenset("""cute cool awesome amazing sweet lovely adorable beautiful gorgeous funny hilarious sad
awful terrible horrible stupid crazy insane wild weird perfect brilliant epic ridiculous annoying embarrassing
pathetic fun nice great dumb gross scary mignon mignonne beau belle bel beaux belles genial geniale top triste
drole nul nulle moche chou canon magnifique superbe adorable ridicule bete""".split())
_EXCLAMATIVE_SUBJECTS = frozenset({"il", "elle", "c", "ils", "elles", "ca"})
#: The speaker's own luck or joy exclaimed ("How lucky am I?", "how blessed are we").
_EXCLAIMED_SELF = frozenset({"lucky", "blessed", "spoiled", "spoilt", "happy", "proud", "excited"})
#: Negative questions opening a sentence ("Isn't it...", "Wasn't that...", "N'est-ce pas...", "C'est pas..."),
#: as folded words, and the subjects they take before a judgement.
_NEGATIVE_OPENINGS = (["isn", "t"], ["isnt"], ["wasn", "t"], ["wasnt"], ["aren", "t"], ["arent"], ["weren", "t"],
                      ["ain", "t"], ["n", "est-ce", "pas"], ["c", "est", "pas"], ["c", "etait", "pas"],
                      ["ce", "n", "est", "pas"])
_NEGATIVE_SUBJECTS = frozenset({"it", "this", "that", "they", "he", "she", "these", "those", "ca", "c", "il",
                                "elle"})
#: Between the subject and the judgement: degree words and the article of a superlative ("the best ... ever").
_JUDGEMENT_FILLERS = frozenset({"just", "so", "really", "simply", "truly", "absolutely", "the", "a", "an", "trop",
                                "vraiment", "tellement", "super", "juste", "le", "la", "un", "une"})


def _negative_exclamation(words: list[str]) -> bool:
    """"Isn't it great when things just work?", "Isn't this the best sandwich ever?", "Wasn't that amazing!",
    "Aren't they adorable", "N'est-ce pas génial ?", "C'est pas beau ça ?": a judgement said as a negative
    question expects no answer but agreement. ("Isn't it supposed to ship today?", "C'est pas livré le
    samedi ?" name no judgement: they ask.)"""
    for opening in _NEGATIVE_OPENINGS:
        if words[:len(opening)] == opening:
            rest = words[len(opening):]
            break
    else:
        return False
    starts = [0]
    if rest and rest[0] in _NEGATIVE_SUBJECTS and opening[0] not in ("n", "c", "ce"):
        starts = [1, 2, 3] if rest[0] in _SUBJECT_DETERMINERS else [1]   # "these mugs", "this new blend"
    for start in starts:
        k = start
        while k < len(rest) and k < start + 3 and rest[k] in _JUDGEMENT_FILLERS:
            k += 1
        if k < len(rest) and (rest[k] in _EXCLAIMED or rest[k] in _RANKING_JUDGEMENTS):
            return True
    return False


#: Superlatives of praise or blame after "the" ("Isn't this the best ...").
_RANKING_JUDGEMENTS = frozenset({"best", "worst", "greatest", "cutest", "sweetest", "funniest", "coolest", "nicest",
                                 "meilleur", "meilleure", "pire"})


def _exclamative(words: list[str]) -> bool:
    """"How cute is that?", "how awesome are they", "How lucky am I", "Qu'est-ce qu'il est mignon ?", "Comme
    c'est beau ?", "Isn't it great?": a judgement exclaimed, whatever the punctuation."""
    if len(words) >= 3 and words[0] == "how" and words[1] in _EXCLAIMED and words[2] in _COPULA:
        return len(words) <= 6
    if len(words) >= 3 and words[0] == "how" and words[1] in _EXCLAIMED_SELF and words[2] in ("am", "are") \
            and len(words) <= 4 and words[3:] in ([], ["i"], ["we"]):
        return True
    if _negative_exclamation(words):
        return True
    if words[:3] == ["qu", "est-ce", "qu"]:
        words = ["que"] + words[3:]
    if len(words) >= 4 and words[0] in ("que", "qu", "comme") and words[1] in _EXCLAMATIVE_SUBJECTS \
            and words[2] in ("est", "sont", "etait") and words[3] in _EXCLAIMED:
        return True
    return False


#: A sentence opening with these gives a reason: a question inside it is the author's argument.
_REASON_OPENINGS = frozenset({"because", "cause", "cuz", "coz", "bc", "parce", "car", "puisque"})
_WH_REASONED = frozenset({"why", "what", "how", "who", "pourquoi", "quoi", "comment", "qui"})
#: After "answer", these make it a demand for an answer ("Answer me that."), not the author's answer.
_ANSWER_DEMANDED = frozenset({"me", "us", "this", "that", "the", "my", "moi", "nous"})


#: Laughter written out: like an emoji, it says nothing more ("C'est gratuit ? mdr", "free? lol").
_LAUGHTER = re.compile(r"(?:l+o+l+|lmf?ao+|rofl|mdr+|ptdr+|x+d+|(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}h?|(?:ja){2,})")


def _said_after(tokens: list[Token], i: int) -> bool:
    """Whether words follow the token at `i`, other than laughter ("lol", "mdr", "hahaha") and an action
    between asterisks ("*cackles*", "*sigh*")."""
    emote = False
    for token in tokens[i + 1:]:
        if token.text == "*":
            emote = not emote
        elif token.kind == "word" and not emote and _LAUGHTER.fullmatch(token.folded) is None:
            return True
    return False


#: A French question is often a statement said with a rising tone ("Je peux payer en 3 fois ?", "Il reste
#: du stock en 38 ?", "La livraison est gratuite ?"): a "?" after a French finite verb or subject pronoun
#: asks even with more said after it. (Words that are no English words: the English sets stay untouched.)
_FRENCH_CLAUSE = frozenset({"est", "sont", "etes", "peux", "peut", "pouvez", "peuvent", "reste", "restent", "faut",
                            "existe", "ai", "avez", "ont", "sera", "seront", "serait", "je", "j", "il", "ils",
                            "elle", "elles", "nous"})
#: Thanks right after a "?" are for the answer it expects ("Still in stock in size 8? Thanks").
_THANKS = frozenset({"merci", "thanks", "thank", "thx", "ty", "mercii"})


def _thanked_after(tokens: list[Token], i: int) -> bool:
    """Whether the words after the token at `i` open with thanks ("thank god" is no thanks)."""
    after = [t.folded for t in tokens[i + 1:i + 4] if t.kind == "word"][:2]
    return bool(after) and after[0] in _THANKS and after[1:] not in (["god"], ["goodness"], ["dieu"])


#: The author's plan or need said right after a fragment asked ("Still in stock? I want to pick one up
#: tomorrow", "Open on Sunday? We're coming from Leeds", "Delivery to Ireland? Want to buy the jacket"):
#: the reason for asking, so the fragment asks; a comment on it ("3 weeks? Still nothing.") does not.
_INTENT_SUBJECTS = frozenset({"i", "we", "im", "m", "re", "ve", "d", "am", "are", "would", "really", "just", "still",
                              "also", "je", "j", "on", "nous", "ai", "avons", "a"})
_INTENTS = frozenset({"want", "wanna", "need", "like", "planning", "plan", "hoping", "hope", "coming", "looking",
                      "trying", "going", "gonna", "buying", "ordering", "visiting", "moving", "travelling",
                      "traveling", "live", "veux", "voudrais", "voudrait", "voulons", "aimerais", "aimerait",
                      "compte", "comptons", "pensais", "viens", "vient", "venons", "passe", "passerai", "habite",
                      "habitons", "cherche", "souhaite", "souhaiterais", "besoin", "dois", "doit"})


def _intent_after(tokens: list[Token], i: int) -> bool:
    """Whether the words after the token at `i` open with the author's plan or need: an optional first-person
    subject ("I", "we", "I'm", "I'd"), then a verb of wanting, needing or planning."""
    for token in tokens[i + 1:i + 6]:
        if token.kind in ("punct", "other") and token.text in _APOSTROPHES:
            continue
        if token.kind != "word":
            return False
        if token.folded in _INTENTS:
            return True
        if token.folded not in _INTENT_SUBJECTS:
            return False
    return False


def _answer_label(text: str, word: Token) -> bool:
    """"Q. Why did the chicken...? A. Because ...", "Q : ... ? R : ...": the label of an answer that follows."""
    return word.text in ("A", "R") and text[word.end:word.end + 2].lstrip()[:1] in (".", ":", ")")


def _demands_answer(tokens: list[Token], word: Token) -> bool:
    """"Answer me that.", "Answer the question.": a sentence opening with "answer" that demands one."""
    if word.folded != "answer":
        return False
    i = tokens.index(word)
    following = next((t for t in tokens[i + 1:] if t.kind == "word"), None)
    return following is not None and following.folded in _ANSWER_DEMANDED


def question_marks(text: str, tokens: list[Token]) -> tuple[list[int], list[tuple[int, int]]]:
    """The "?" tokens that ask something, and the token spans of the sentences that only seem to.

    Left out: a "?" inside a quotation ("'what were you wearing?' is no question to ask"), an
    attention-getter or outburst standing alone ("You know what?", "Seriously?", "Sérieux ?"), a
    question its author answers at once ("Why? Because it sells.", "Pourquoi ? Parce que ..."),
    and a fragment with more said after it ("Victory? So we now know...", "3 semaines ? Toujours rien.").
    """
    if "?" not in text:
        # Nothing asks; a statement is rhetorical only when it opens with a reason, ends with a tag or holds
        # a formula: each sentence's words, joined, are a part of all the words joined.
        every = [t.folded for t in tokens if t.kind == "word"]
        if _REASON_OPENINGS.isdisjoint(every) and _RHETORICAL_TAGS_SET.isdisjoint(every) \
                and not _rhetorical_search(every):
            return [], []
    return _question_marks_scan(text, tokens)


def _question_marks_scan(text: str, tokens: list[Token]) -> tuple[list[int], list[tuple[int, int]]]:
    """question_marks, sentence by sentence."""
    found: list[int] = []
    rhetorical: list[tuple[int, int]] = []
    sentence: list[str] = []
    clauses: list[int] = []      # positions in `sentence` of words opening a clause inside it
    start = 0
    sought, announced = False, -1      # where the author's own answer is announced, once sought (-1: nowhere)
    for i, token in enumerate(tokens + [None]):   # type: ignore[list-item]
        is_end = token is None or token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text)
        if not is_end:
            if token.kind == "word":
                if token.folded in _CLAUSE_LINKS and sentence:
                    clauses.append(len(sentence) + 1)
                sentence.append(token.folded)
            elif token.text == "," and sentence:
                clauses.append(len(sentence))
            continue
        words, sentence, first, start = sentence, [], start, i + 1
        opened, clauses = clauses, []
        # "Because why would I have said no?", "Parce que pourquoi répondre ?": a question given as a reason
        # argues ("Because I moved, can you change my address?" still asks)
        explains = len(words) > 2 and words[0] in _REASON_OPENINGS and (
            words[1] in _WH_REASONED or words[1] == "que" and words[2] in _WH_REASONED)
        if token is None or "?" not in token.text:
            if words and (_rhetorical_formula(words) or explains):
                rhetorical.append((first, i - 1))    # "What on earth is going on with my order."
            continue
        if explains:
            rhetorical.append((first, i))
            continue
        nxt = next((t for t in tokens[i + 1:] if t.kind == "word"), None)
        quoted = token.end < len(text) and text[token.end] in _CLOSING_QUOTES
        answered = nxt is not None and (nxt.folded in _ANSWER_OPENINGS and not _demands_answer(tokens, nxt)
                                        or len(words) == 1 and nxt.folded in ("to", "pour")
                                        or _answer_label(text, nxt) or _denied_answer(text, tokens, words, nxt)) \
            and not any(ch.isalnum() for ch in text[token.end:nxt.start])
        if nxt is not None and not sought:
            sought = True
            found_at = _ANSWER_ANNOUNCED.search(text) if "nswer" in text or "ponse" in text else None
            announced = found_at.start() if found_at is not None else -1
        answered = answered or announced >= token.end
        # "Does the ban really help?: exploding the myths" titles an article; "When people ask, is it worth
        # it?, I say yes", "Quand on me demande « ça vaut le coup ? », je dis oui": a question reported
        # inside a sentence that goes on after a comma
        follow = text[token.end:token.end + 3].lstrip(" \u00a0\u202f")[:1]
        quoted = quoted or text[token.end:token.end + 1] == ":" or follow == "\u00bb" \
            or follow == "," and not _REPORTING.isdisjoint(words)
        fragment = nxt is not None and not _interrogative_form(words, opened) and _said_after(tokens, i) \
            and _FRENCH_CLAUSE.isdisjoint(words) and not _thanked_after(tokens, i) and not _intent_after(tokens, i)
        # "I don?t get it", "C?est top": a "?" between letters, a lowercase one after it, stands for an apostrophe
        # lost to a wrong encoding; "Love my new boots ??", "Merci pour la rapidité ??": a run of them after a
        # space, in thanks or praise that opens no question, stands for the emojis lost the same way
        if _lost_apostrophe(text, token) \
                or len(token.text) >= 2 and token.text.count("?") == len(token.text) and token.start > 0 \
                and text[token.start - 1].isspace() and not _AFFECTION.isdisjoint(words) \
                and not _opens_interrogatively(words, opened):
            continue
        # "Best burger in town!!!???", "Can't believe how good this is!?": an exclamation first, its "?" added
        # after it in disbelief, asks nothing unless the sentence is a question in form ("Where is my order!?",
        # "You charged me twice!?", "Vous êtes fermés !?" still ask)
        exclaimed = token.text.lstrip()[:1] == "!" and not _interrogative_form(words, opened)
        joined = " ".join(words)
        # "Got a stack, why not?", "Allez, pourquoi pas ?": closing the author's own words, it accepts
        accepting = (joined in _WHY_NOT and any(t.kind == "word" for t in tokens[:first])
                     or bool(opened) and opened[-1] > 0 and " ".join(words[opened[-1]:]) in _WHY_NOT) \
            and not _said_after(tokens, i)
        # "Really?" alone answers someone: it asks whether that is true; after the author's own words
        # ("Another price increase. Seriously?") it comments on them
        echo = joined in _ECHOES and sum(t.kind == "word" for t in tokens) == len(words)
        # "What, after all, is a warranty for?"; "You want loyal customers? Start by answering your emails."
        presumed = ("fter all" in text or "s tout" in text) \
            and _AFTER_ALL.search(text, tokens[first].start, token.end) is not None \
            or nxt is not None and not any(ch.isalnum() for ch in text[token.end:nxt.start]) \
            and _conditional_wish(words, opened, nxt)
        if quoted or answered or fragment or exclaimed or accepting or joined in _RHETORICAL and not echo \
                or presumed or _rhetorical_formula(words) or _exclamative(words):
            rhetorical.append((first, i))
            # "Anyone surprised? Anyone? No.": an answer closes the whole run of questions before it
            while answered and found and not any(t.kind == "word" for t in tokens[found[-1] + 1:first]):
                rhetorical.append((found[-1], found[-1]))
                found.pop()
            continue
        found.append(i)
    return found, rhetorical


#: "Why" followed straight by its subject, with no auxiliary, titles an explanation.
_HEADLINE_SUBJECTS = frozenset({"we", "i", "you", "they", "he", "she", "it", "people", "this", "these", "those",
                                "our", "my", "your", "their"})
#: Before a request word, these make it no request: an infinitive ("to please", "to help me"), or
#: someone who is not there ("nobody to help me").
_NOT_ASKING_BEFORE = frozenset({"to", "nobody", "noone", "personne", "pour"})
_PLEASE = frozenset({"please", "pls", "plz", "pleasee", "plss", "plzz"})
#: "Please excuse me", "please note", "please forgive": courtesy, not a request.
_COURTESY_AFTER_PLEASE = frozenset({"excuse", "note", "forgive", "pardon", "accept", "rest"})


#: After "merci de", a noun's determiner thanks for what was given ("merci de votre réponse", "merci de la
#: rapidité"); a verb or its pronoun asks ("merci de me rappeler", "merci de l'envoyer").
_THANKED_FOR = frozenset({"votre", "vos", "ta", "ton", "tes", "la", "le", "les", "cette", "ce", "cet", "ces", "un",
                          "une", "du", "des", "tout", "toute", "tous", "toutes", "rien"})
def _next_word(tokens: list[Token], index: int) -> str:
    """The folded word after tokens[index], apostrophes skipped ("merci d'avoir": "avoir")."""
    for token in tokens[index + 1:index + 3]:
        if token.kind == "word":
            return token.folded
    return ""


#: After "merci d'": thanks for what was done ("merci d'avoir répondu", "merci d'être là"), not a request.
_THANKED_FOR_ELIDED = frozenset({"avoir", "etre", "avance", "abord", "un", "une", "autant", "ici"})
#: "Why" before these is an interjection of mock surprise ("Why yes, I did", "why thank you"), asking nothing.
_WHY_INTERJECTED = frozenset({"yes", "yeah", "no", "thank", "thanks", "hello", "hi", "certainly", "sure"})
#: Politeness words that make a request of what they go with.
_POLITENESS = frozenset({"please", "pls", "plz", "svp", "stp", "plait", "pleasee", "plss", "plzz", "svpp", "stpp"})
#: Verbs that cheer someone on ("keep going", "continuez comme ça", "never stop") or wish them well ("be
#: careful", "stay safe", "prenez soin de vous"): with "please" they encourage and ask for nothing, unless
#: they ask to be kept informed ("please keep me posted") or to look after something ("take care of my refund").
_ENCOURAGING = frozenset({"keep", "continue", "continuez", "continues", "continuer"})
_KEPT_INFORMED = frozenset({"me", "us", "moi", "nous", "m", "informed", "posted", "updated", "au"})
_NEVER_STOP = (("never", "stop"), ("don", "t", "stop"), ("dont", "stop"), ("n", "arretez"), ("n", "arrete"),
               ("arretez", "jamais"), ("arrete", "jamais"), ("lachez", "rien"), ("lache", "rien"),
               # well-wishes: "be careful plz", "stay safe please", "prenez soin de vous svp" wish, ask nothing
               ("be", "careful"), ("be", "safe"), ("stay", "safe"), ("take", "care"), ("get", "well"),
               ("soyez", "prudents"), ("soyez", "prudent"), ("soyez", "prudente"), ("sois", "prudent"),
               ("sois", "prudente"), ("prenez", "soin", "de", "vous"), ("prends", "soin", "de", "toi"),
               # a wish that what is loved stays as it is: "please never change", "don't ever change pls", "ne
               # changez rien svp" ("please don't change my address" asks), and praise of the work kept up
               # ("keep up the good work please", its "keep" out of reach)
               ("never", "change"), ("don", "t", "ever", "change"), ("dont", "ever", "change"),
               ("don", "t", "change", "a", "thing"), ("dont", "change", "a", "thing"), ("changez", "rien"),
               ("changez", "jamais"), ("change", "rien"), ("change", "jamais"), ("good", "work"), ("great", "work"))


#: "Which is why I like it", "which means": a relative clause going on from the sentence before.
_RELATIVE_AFTER_WHICH = frozenset({"means", "meant", "explains", "explained", "shows", "proves", "makes"})


def _relative_which(tokens: list[Token], k: int) -> bool:
    words = [t.folded for t in tokens[k:k + 2] if t.kind == "word"]
    return bool(words) and (words[0] in _RELATIVE_AFTER_WHICH
                            or len(words) == 2 and words[0] in ("is", "was", "s") and words[1] in _WH_WORDS)


def _encouraging(tokens: list[Token], hit: Hit) -> bool:
    """"keep writing plz", "please keep up the great work", "continuez comme ça svp", "never stop pls",
    "be careful plz", "stay safe please": a politeness word next to a verb that cheers on or wishes well
    (within three words, in the same sentence)."""
    near: list[str] = []
    for step, edge in ((-1, hit.first), (1, hit.last)):
        k = edge + step
        seen: list[str] = []
        while 0 <= k < len(tokens) and len(seen) < 4:
            token = tokens[k]
            if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
                break
            if token.kind == "word":
                seen.append(token.folded)
            k += step
        near = (seen[::-1] + near) if step < 0 else (near + seen)
    for j, word in enumerate(near):
        if word in _ENCOURAGING and (j + 1 >= len(near) or near[j + 1] not in _KEPT_INFORMED):
            return True
        if any(tuple(near[j:j + len(pair)]) == pair for pair in _NEVER_STOP) \
                and near[j:j + 3] != ["take", "care", "of"]:
            return True       # ("please take care of my refund" asks)
    return False


def _quoted_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Token indices inside double quotation marks: someone else's words ('"let me know you got home"')."""
    if not any(q in text for q in '"“«'):
        return set()
    inside: set[int] = set()
    for match in _QUOTED.finditer(text):
        inside.update(i for i, t in enumerate(tokens) if match.start() < t.start and t.end < match.end())
    return inside


_QUOTED = re.compile(r'"[^"\n]{3,200}"|“[^”\n]{3,200}”|«[^»\n]{3,200}»')


#: Wishes of the author's that open a request ("je voudrais un remboursement") unless a verb of saying follows.
_WISH_OPENINGS: Final = frozenset({("je", "voudrais"), ("j", "aimerais"), ("je", "souhaiterais"), ("je", "souhaite")})
#: Verbs of saying after "je voudrais", "j'aimerais": the author wants to say something, asks nothing.
_SAYING: Final = frozenset({"dire", "remercier", "feliciter", "saluer", "souligner", "partager", "exprimer"})
_SAYING_FILLERS: Final = frozenset({"juste", "simplement", "seulement", "vraiment", "aussi", "vous", "te", "leur",
                                    "lui"})


def _saying_after(tokens: list[Token], last: int) -> bool:
    """Whether a verb of saying follows a wish ("je voudrais juste dire", "j'aimerais vous remercier"), a few fillers
    apart."""
    for token in tokens[last + 1:last + 5]:
        if token.kind != "word":
            return False
        if token.folded in _SAYING:
            return True
        if token.folded not in _SAYING_FILLERS:
            return False
    return False


def _asking(tokens: list[Token], hits: list[Hit], rhetorical: list[tuple[int, int]] | tuple[()] = (),
            quoted: set[int] | frozenset[int] = frozenset(), starts: set[int] | None = None) -> list[Hit]:
    """Question or request cues that ask something even without a question mark.

    Weight 2 entries ask anywhere ("please", "pouvez-vous", "does anyone"); weight 1 entries only
    when they open a sentence, and an ambiguous interrogative ("when", "comment") only when a verb
    or auxiliary follows it ("when will", "comment faire").
    """
    if not hits:
        return []
    if starts is None:
        starts = _sentence_starts(tokens)
    found = []
    for hit in hits:
        if any(first <= hit.first <= last for first, last in rhetorical) or hit.first in quoted:
            continue
        prev = tokens[hit.first - 1].folded if hit.first > 0 else ""
        if hit.entry.tokens == ("why",) and hit.last + 1 < len(tokens) \
                and tokens[hit.last + 1].folded in _HEADLINE_SUBJECTS:
            continue          # "Why we love our customers", "Why you should switch": a title, not a question
        nxt_word = tokens[hit.last + 1].folded if hit.last + 1 < len(tokens) else ""
        if prev in _NOT_ASKING_BEFORE or (hit.entry.tokens[-1] in _PLEASE and nxt_word in _COURTESY_AFTER_PLEASE):
            continue          # "trying to please everyone", "no one to help me", "please excuse me"
        if hit.entry.tokens == ("merci", "de") and nxt_word in _THANKED_FOR \
                or hit.entry.tokens == ("merci", "d") and _next_word(tokens, hit.last) in _THANKED_FOR_ELIDED:
            continue          # "merci de votre réponse", "merci d'avoir répondu": thanks for what was given
        if hit.entry.tokens == ("why",) and nxt_word in _WHY_INTERJECTED:
            continue          # "Why yes, I did buy three", "why thank you": an interjection
        if hit.entry.tokens[-1] in _POLITENESS and _encouraging(tokens, hit):
            continue          # "keep writing plz", "continuez comme ça svp": encouragement, nothing asked
        if hit.entry.tokens[0] in ("who", "which") and (
                prev and tokens[hit.first - 1].kind == "hashtag" and nxt_word not in _INVERTING
                or hit.entry.tokens[0] == "which" and _relative_which(tokens, hit.last + 1)):
            continue          # "#YesAllWomen who are feminists", "Which is why I love it": relative clauses
        if _ellipsis(tokens, hit):
            continue          # "so are you", "neither can I": the statement before, said again of someone
        if _knows_no_information(tokens, hit):
            continue          # "j'aimerais savoir cuisiner", "I need to know nothing more": no information asked
        if hit.entry.tokens in _WISH_OPENINGS and _saying_after(tokens, hit.last):
            continue          # "Je voudrais juste dire merci à Claire", "j'aimerais remercier l'équipe": a wish to say
        if hit.entry.weight >= 2:
            found.append(hit)
        elif hit.first in starts:
            if len(hit.entry.tokens) == 1 and hit.entry.tokens[0] in _AMBIGUOUS_WH:
                nxt = hit.last + 1
                while nxt < len(tokens) and tokens[nxt].kind == "other":
                    nxt += 1
                following = tokens[nxt].folded if nxt < len(tokens) else ""
                wh = hit.entry.tokens[0]
                asks = following in _AUXILIARY or (following in _PRONOUNS and wh in _PRONOUN_ASKS_AFTER) \
                    or _deliberative(tokens, hit.first, nxt) or (wh == "what" and following == "if")
                if not asks and wh in _WH_DETERMINERS and following not in _EXCLAMATIVE_ARTICLES \
                        and not (wh == "what" and following.endswith("ed")) \
                        and nxt + 1 < len(tokens) and tokens[nxt].kind == "word":
                    # "what time do you open", "which size is right", "quelle taille est dispo"
                    asks = tokens[nxt + 1].folded in _AUXILIARY
                if not asks and following in _WH_ADVERBS and nxt + 1 < len(tokens):
                    # "where exactly is my order", "when exactly will it ship", "quand donc est prévue..."
                    asks = tokens[nxt + 1].folded in _AUXILIARY
                if not asks:
                    continue
            found.append(hit)
    return found


#: Words naming the person spoken to, or their people ("your agents").
_TO_YOU = _SECOND_PERSON | frozenset({"tu", "t", "te", "ta", "ton", "tes", "ya", "youre", "ure", "y'all", "yall",
                                      "vos", "votre"})


def _said_to_you(tokens: list[Token], hit: Hit) -> bool:
    """An insult said to the person addressed: a second-person word among the four words before it, in
    its sentence ("you hack", "are you stupid", "your agents are morons", "vous êtes nuls", "t'es con")."""
    seen = 0
    for k in range(hit.first - 1, -1, -1):
        token = tokens[k]
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            return False
        if token.kind == "word":
            if token.folded in _TO_YOU:
                return True
            seen += 1
            if seen == 4:
                return False
    return False


#: Words that make "are you", "can I" after them an ellipsis ("so are you", "nor can I").
_ELLIPSIS_BEFORE = frozenset({"so", "nor", "neither"})


def _ellipsis(tokens: list[Token], hit: Hit) -> bool:
    """"You're a star! So are you, Jo.", "so can I", "neither do we": "so"/"nor"/"neither", an auxiliary and
    its pronoun closing the clause (a name called may follow) repeat a statement; "so are you coming
    tomorrow" asks."""
    if len(hit.entry.tokens) != 2 or hit.entry.tokens[0] not in _OPENING_AUX or hit.first == 0:
        return False
    if tokens[hit.first - 1].folded not in _ELLIPSIS_BEFORE:
        return False
    k = hit.last + 1
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].text[:1].isupper():
        k += 1            # a name called: "so are you Jo"
    return k >= len(tokens) or tokens[k].kind != "word"


#: Vulgar words spelt with symbols in place of letters: "f*ck", "sh!t", "a**hole", "s#$t", "b*tch".
_MASK = r"(?:[*#$%]+[*#@$%!]*|!+(?=[a-z]))"
_MASKED_PROFANITY = re.compile(
    r"(?i)(?<![\w*#@$%!])(?:f(?:u|\*)?" + _MASK + r"(?:c?k\w*|in[g']?|ed)?|sh" + _MASK + r"t?\w*|s" + _MASK + r"t\w*"
    r"|a(?:[*#@$%]{2,}|[*#@$%]+(?=hole))(?:hole\w*|s)?|b" + _MASK + r"t?ch\w*|c" + _MASK + r"nt\w*|d" + _MASK + r"ck\w*"
    r"|p" + _MASK + r"ss(?:y|ies)|wh" + _MASK + r"re\w*)")
_MASKED = Entry(("*",), "profanity", 2.0)
#: What every match of _MASKED_PROFANITY holds: the letter (or "u", "*") before its first masking symbol,
#: then that symbol (a cheap test before it, which tries its alternatives at every position of the text;
#: under IGNORECASE a class folds its letters as the literals do, "ſ" for "s" included).
_MASK_PAIR = re.compile(r"(?i)[fu*shabcdp][*#@$%!]")


#: Vulgar stems that build words of their own ("fuckass", "shitbag", "bitchass", "motherfucking").
_VULGAR_STEMS = ("fuck", "shit", "bitch", "cunt", "whore", "asshole", "motherf", "dickhead")
#: Their first four letters: a word (never "#"-led) that starts with none of these starts with no stem.
_VULGAR_HEADS: Final = frozenset(stem[:4] for stem in _VULGAR_STEMS)


def _masked_profanity(text: str, tokens: list[Token], covered: set[int]) -> list[Hit]:
    """Vulgar words whose letters are masked by symbols ("f*ck", "sh!t"), and words built on a vulgar
    stem that no lexicon line names ("fuckass"), as hits over the tokens they span."""
    found = [Hit(i, i, _MASKED, _MASKED.family) for i, t in enumerate(tokens)
             if (t.kind == "word" and t.folded[:4] in _VULGAR_HEADS and t.folded.startswith(_VULGAR_STEMS)
                 or t.kind == "hashtag" and t.folded.lstrip("#").startswith(_VULGAR_STEMS)) and i not in covered]
    if not ("*" in text or "#" in text or "$" in text or "%" in text or "!" in text) or _MASK_PAIR.search(text) is None:
        return found
    for match in _MASKED_PROFANITY.finditer(text):
        inside = [i for i, t in enumerate(tokens) if t.start < match.end() and t.end > match.start()]
        if inside and tokens[inside[0]].kind not in ("url", "handle", "hashtag"):
            found.append(Hit(inside[0], inside[-1], _MASKED, _MASKED.family))
    return found


_YES = frozenset({"yeah", "yes", "yea", "yeahhh", "ya", "yass", "yasss", "oui", "ouais"})
_INTENSIFYING = frozenset({"damn", "bloody", "hella", "putain", "vachement", "grave", "sacrement", "tabarnak",
                           "crisse", "ostie", "so", "as"})


def _intensifier(folded: str) -> bool:
    """A vulgar word that can only intensify ("fucking", "freakin", "damn", "putain de")."""
    return folded in _INTENSIFYING or folded.endswith(("ing", "in", "en", "kn", "n"))


def _ability(tokens: list[Token], hit: Hit) -> bool:
    """"incapables de livrer", "ignorant of the rules": an ability or a knowledge described."""
    return hit.last + 1 < len(tokens) and tokens[hit.last + 1].folded in ("de", "d", "of", "a")


def _toxicity(tokens: list[Token], get: Any, reading: SentimentReading,
              things: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """(insults and vulgar abuse, threats): what makes a comment toxic. `things` are the hits naming the
    brand's business (topics, failures).

    - An insult that names a person ("idiot", "connard", a slur: family `insult`) counts unless the
      author says it of himself ("I'm such an idiot").
    - A judgement that also fits things ("stupid", "pathetic", "nul": family `insult:judgement`) counts
      only when said of a person or a group ("you are pathetic", "vos conseillers sont nuls"), never of
      a thing ("the app is pathetic").
    - Swearing aimed at a person counts at any strength ("un livreur de merde", "you fucking ...").
    - Vulgar words (profanity of weight 2) count elsewhere too, as abuse in the brand's space, except
      when they only intensify praise or enthusiasm ("so fucking good", "fuck yeah"). Mild swearing at a
      situation ("damn", "putain de colis") never counts on its own.
    """
    praise_starts = {c.hit.first for c in reading.contributions if c.hit.family == "sentiment" and c.valence > 0}
    # a word listed both as `insult` (its valence) and as `insult:judgement` is a judgement
    judged = {(h.first, h.last) for h in get("insult:judgement")}
    insults = [h for h in get("insult") if (h.first, h.last) not in judged and not _self_directed(tokens, h)]
    # "service client" is a thing; "cashier", a topic word too, is a person
    thing_at = frozenset(i for h in things for i in range(h.first, h.last + 1)
                         if h.last > h.first or tokens[i].folded not in _PERSON_NOUNS)
    # a judgement read as praise ("the new DLC is insane, thanks team!", "you guys are insane, best patch ever") insults
    # nobody
    praised = {c.hit.first for c in reading.contributions if c.valence > 0}
    insults += [h for h in get("insult:judgement") if h.first not in praised and _said_of_person(tokens, h, thing_at)]
    for hit in get("profanity"):
        nxt = tokens[hit.last + 1].folded if hit.last + 1 < len(tokens) else ""
        if nxt in _YES or (_intensifier(tokens[hit.first].folded) and {hit.last + 1, hit.last + 2} & praise_starts):
            continue          # "so fucking good", "putain de bon", "fuck yeah"
        if emphasis_of(tokens, hit.first, praise_starts) is not None:
            continue          # "Ostie que c'est bon", "c'est tabarnak de bon": Québec emphasis
        if _said_of_person(tokens, hit, thing_at):
            insults.append(hit)       # "you fucking ...", "un livreur de merde"
        elif emphatic_swear(tokens, hit.first, EXCLAIMING):
            continue          # "Tabarnak que votre service est lent": the displeasure is said, nobody is abused
        elif hit.entry.weight >= 2:
            insults.append(hit)
    return insults, get("threat")


#: Auxiliaries that invert with their subject after an interrogative ("why do all the...", "where did u go").
_INVERTING = frozenset({"do", "does", "did", "can", "could", "will", "would", "should"})
#: ("who", "which" open relative clauses: "the child who has survived")
_WH_WORDS = frozenset({"why", "how", "where", "when", "what"})
_INVERSION_BLOCKERS = frozenset({"that", "s", "is", "know", "knew", "matter", "see", "imagine", "understand", "and",
                                 "or", "shows", "show", "explains", "explain", "tells", "tell", "wonder", "wondered"})


def _inverted_wh(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int]) -> list[Hit]:
    """An interrogative word with an inverted auxiliary inside a sentence asks even without a "?"
    ("In part 1 why do all the characters...", "QUEEN WHERE DID U GO"), and so does an elliptic "why"
    ("love it but why no pockets"); after "that's", "I know" it does not ("that's why we did it", "I know
    how you can fix it")."""
    found = []
    for i in range(1, len(tokens) - 2):
        if tokens[i].folded not in _WH_WORDS or tokens[i].kind != "word" or i in known:
            continue
        why = tokens[i].folded == "why" and tokens[i + 1].folded in _WHY_ELLIPTIC
        if not (tokens[i + 1].folded in _INVERTING or why) or tokens[i + 2].kind != "word":
            continue
        if why and tokens[i - 1].folded in _WHY_BLOCKERS:
            continue
        if tokens[i - 1].folded in _INVERSION_BLOCKERS:
            continue
        if any(first <= i <= last for first, last in rhetorical):
            continue
        found.append(Hit(i, i + 1, _INVERTED_WH, _INVERTED_WH.family))
    return found


_INVERTED_WH = Entry(("wh", "aux"), "question", 1.0)
#: "love the bag but why no pockets", "great service, why so expensive though", "why bother with laces":
#: "why" asks without a verb before these, inside a sentence too, unless a word before it makes it the
#: object of a statement ("the reason why no one came", "I see why so many love it", "idk why").
_WHY_ELLIPTIC = frozenset({"not", "no", "so", "bother"})
_WHY_BLOCKERS = frozenset({"reason", "reasons", "idea", "clue", "wonder", "wondering", "understand", "understood",
                           "see", "saw", "explain", "explains", "tell", "tells", "told", "asked", "ask", "asking",
                           "idk", "dunno", "sure", "why", "exactly", "precisely", "just", "guess", "realize",
                           "realise", "wondered", "figure", "figured"})

#: Auxiliaries that ask when they open a sentence before their subject ("did the team consider...",
#: "does your app work offline"), with the subjects each may take: "do"/"have" before a determiner
#: command ("Do the right thing", "Have a look"), "was"/"were" before one state ("Was the best day").
_OPENING_AUX = frozenset({"do", "does", "did", "is", "are", "was", "were", "am", "has", "have", "can", "could",
                          "will", "would", "should", "shall"})
_SUBJECT_PRONOUNS = frozenset({"you", "u", "i", "we", "they", "he", "she", "it", "anyone", "anybody", "someone",
                               "somebody", "y'all", "yall", "ya", "there", "everyone", "people"})
_SUBJECT_DETERMINERS = frozenset({"the", "your", "ur", "my", "this", "that", "these", "those", "our", "his", "her",
                                  "their", "any"})
_AUX_TAKING_DETERMINERS = frozenset({"does", "did", "is", "are", "can", "could", "will", "would", "should"})
_POSSESSIVES = frozenset({"my", "your", "ur", "our", "their", "his", "her"})
#: Words of rank after "is the", "are the": a judgement with its subject left out ("Is the best day ever").
_RANKING = frozenset({"best", "worst", "greatest", "goat", "only", "one", "first", "real", "true", "ultimate",
                      "biggest", "most", "least", "cutest", "sweetest", "funniest", "coolest", "nicest"})
#: After "it": an ellipsis of "I did it", not a question ("Did it again!", "Did it!").
_ELLIPSIS_AFTER_IT = frozenset({"again", "too", "already", "myself", "now", "lol", "finally"})
#: French subject pronouns after a hyphen: only questions invert them ("Livres-tu", "Peut-il", "Va-t-on");
#: "-vous" and "-nous" also end commands ("Inscrivez-vous"), so the lexicon lists those verbs one by one.
_FRENCH_INVERTED = ("-tu", "-il", "-elle", "-on", "-ils", "-elles", "-ce", "-je")
#: "Moi-je", written as one word, is a stressed subject, no inversion ("Moi-je pense que...").
_NOT_INVERTED_JE = frozenset({"moi-je"})
#: French interrogatives that open a question with the verb inverted after them ("Où puis-je trouver ma
#: facture", "Quand allez-vous rouvrir", "Que dois-je faire", "Comment pouvons-nous payer"): after one of
#: them, a verb joined to its pronoun asks, "-vous" and "-nous" included (no command follows "où", "quand").
_FRENCH_WH = frozenset({"ou", "quand", "comment", "pourquoi", "combien", "que", "qu", "qui", "quoi", "quel",
                        "quelle", "quels", "quelles", "lequel", "laquelle", "lesquels", "lesquelles"})
#: A verb in "-iez" before "-vous" is a conditional or an imperfect ("Auriez-vous ce modèle en bleu", "Seriez-vous
#: ouverts dimanche", "Accepteriez-vous un échange"): no command takes that ending, so it always asks.
_CONDITIONAL_INVERTED = ("iez-vous",)
#: Prepositions before those interrogatives ("À qui dois-je m'adresser", "De quoi avez-vous besoin", "Pour quand
#: pouvez-vous livrer", "Chez qui puis-je déposer le colis").
_WH_PREPOSITIONS = frozenset({"a", "de", "d", "pour", "avec", "chez", "par", "sur", "depuis", "jusqu", "vers"})


def _inverted_aux(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int],
                  starts: set[int] | None = None) -> list[Hit]:
    """A sentence opening with an auxiliary before its subject asks even without a "?": "did the team
    even consider it", "Has @acme said when", "does your app work offline", "Peut-il être livré samedi",
    "Va-t-on recevoir un avoir". Not: commands ("Do the right thing", "Have a great day"), an ellipsis
    ("Did it again!", "Was the best day ever", "so did the kings"), a handle or hashtag as the subject
    ("@acme is the best"), rhetorical formulas ("Did you know...")."""
    found = []
    if starts is None:
        starts = _sentence_starts(tokens)
    for i in sorted(starts):
        token = tokens[i]
        if token.kind != "word" or i in known or any(first <= i <= last for first, last in rhetorical):
            continue
        folded = token.folded
        if "-" in folded and (folded.endswith(_FRENCH_INVERTED) or folded.endswith(_CONDITIONAL_INVERTED)) \
                and folded not in _NOT_INVERTED and folded not in _NOT_INVERTED_JE:
            if i + 1 < len(tokens) and tokens[i + 1].kind == "word":
                found.append(Hit(i, i, _INVERTED_AUX, _INVERTED_AUX.family))
            continue
        if folded in _WH_PREPOSITIONS and i + 2 < len(tokens) and tokens[i + 1].folded in _FRENCH_WH:
            i, token, folded = i + 1, tokens[i + 1], tokens[i + 1].folded   # "À qui dois-je", "De quoi avez-vous"
        if folded in _FRENCH_WH and (folded != "ou" or token.text.lower() == "où") and i + 1 < len(tokens):
            verb = tokens[i + 1]
            if verb.kind == "word" and "-" in verb.folded and verb.folded.endswith(_INVERTED) \
                    and verb.folded not in _NOT_INVERTED and verb.folded not in _NOT_INVERTED_JE:
                found.append(Hit(i, i + 1, _INVERTED_AUX, _INVERTED_AUX.family))   # "Où puis-je", "Quand allez-vous"
            continue
        if folded not in _OPENING_AUX or i + 2 >= len(tokens):
            continue
        before = tokens[i - 1] if i > 0 else None
        # "@acme Is the store open on Sunday": capitalised (its subject not, unlike in a title), the auxiliary
        # opens a sentence after the handle called; lower case, the handle may be its subject
        opens = token.text[:1].isupper() and not token.text.isupper() and i + 1 < len(tokens) \
            and tokens[i + 1].text[:1].islower()
        if before is not None and (before.kind in ("handle", "hashtag") and folded in _COPULA | {"has", "have"}
                                   and not opens or before.folded in ("so", "nor", "neither")):
            continue        # "@acme is the best", "#GifHistory is great": a subject; "So did I": an ellipsis
        subject, after = tokens[i + 1], tokens[i + 2]
        if after.kind != "word":
            continue
        if subject.kind == "word" and subject.folded in _SUBJECT_PRONOUNS:
            if subject.folded == "it" and after.folded in _ELLIPSIS_AFTER_IT:
                continue
        elif subject.kind == "word" and subject.folded in _SUBJECT_DETERMINERS:
            # "has my order shipped", "Has your team looked into it" ("Has the best staff": its subject left out)
            if folded not in _AUX_TAKING_DETERMINERS and not (folded == "has" and subject.folded in _POSSESSIVES):
                continue
            if folded in _COPULA and after.folded in _RANKING:
                continue    # "Is the best day ever", "@acme Is the GOAT": a judgement with its subject left out
        elif subject.kind == "handle" or (subject.kind == "word" and subject.text[:1].isupper()
                                          and not subject.text.isupper() and folded not in ("do", "have")):
            pass            # "Has Trump hinted", "Did @acme reply"
        else:
            continue
        found.append(Hit(i, i + 1, _INVERTED_AUX, _INVERTED_AUX.family))
    return found


_INVERTED_AUX = Entry(("aux", "subject"), "question", 1.0)

#: Openings that ask with their verb left out: "any chance of a restock" (is there any chance...), "any way
#: to change my address", "y a moyen de payer en 3 fois", "possible de changer l'adresse".
_ANY_ASKED = frozenset({"chance", "chances", "way", "plans", "plan", "possibility", "eta", "word", "hope"})
#: ("any way" asks before "to" only: "Any way you look at it" is an idiom)
#: "wheres my order", "whens the sale": "where" and "when" with their copula joined, as in text messages,
#: ask as "where's", "when's" do. ("whats more", "hows that for service" are a connective and an
#: exclamation; "wat", "y", "r" are words of other languages too: they ask only before a "?", see
#: _INTERROGATIVE_OPENERS.)
_JOINED_WH = frozenset({"wheres", "whens"})
#: "whats the price", "whats ur return policy", "hows my order coming along": before a determiner, as
#: "what's the", "how's my" ("whats more", "hows that for service" take none).
_JOINED_WH_DETERMINED = frozenset({"whats", "wats", "hows"})
_JOINED_DETERMINERS = frozenset({"the", "your", "ur", "yr", "my", "our", "their", "his", "her", "these", "those"})
_ELLIPTIC_OPENERS = frozenset({"any", "possible", "moyen"}) | _JOINED_WH | _JOINED_WH_DETERMINED


def _elliptic_openings(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int],
                       starts: set[int]) -> list[Hit]:
    """Sentence openings that ask with a word left out or joined, as comments are typed: "any chance of a
    restock", "possible de changer l'adresse", "wheres my order"."""
    found = []
    for i in sorted(starts):
        if tokens[i].kind != "word" or i in known or any(first <= i <= last for first, last in rhetorical):
            continue
        words = [t.folded for t in tokens[i:i + 4] if t.kind == "word"]
        first = words[0]
        if first == "any" and words[1:2] and words[1] in _ANY_ASKED and (words[1] != "way" or words[2:3] == ["to"]) \
                or first == "possible" and words[1:2] in (["de"], ["d"]) \
                or words[:3] == ["y", "a", "moyen"] or words[:2] == ["ya", "moyen"] \
                or first in _JOINED_WH and len(words) > 1 \
                or first in _JOINED_WH_DETERMINED and words[1:2] and words[1] in _JOINED_DETERMINERS \
                and len(words) > 2:
            found.append(Hit(i, i + 1, _ELLIPTIC, _ELLIPTIC.family))
    return found


_ELLIPTIC = Entry(("elliptic",), "question", 1.0)

#: Questions put as statements, with no "?" typed, that only ask: whether the one addressed knows something
#: ("Vous savez si le modèle bleu revient", "tu sais quand ça rouvre", "anyone knows if the store is open"),
#: whether someone has a thing to give ("Quelqu'un aurait le numéro du SAV", "Vous auriez le 38 en stock", "vous
#: auriez pas un code promo"), and "lmk" ("lmk when it's back", "lemme know if you ship to Spain").
#: Not: "vous savez, ..." and "tu sais quand on aime..." (a remark, a general truth), "vous auriez dû/pu/pas dû
#: me prévenir" (a reproach), "someone knows what they're doing" (praise: only "anyone" asks).
_KNOWING = (["vous", "savez"], ["tu", "sais"], ["vous", "sauriez"], ["tu", "saurais"], ["savez", "vous"],
            ["sauriez", "vous"], ["sais", "tu"], ["anyone", "knows"], ["anybody", "knows"], ["any1", "knows"])
_KNOWN_ASKED = frozenset({"si", "s", "quand", "comment", "combien", "pourquoi", "quel", "quelle", "quels", "quelles",
                          "qui", "if", "whether", "when", "where", "why", "how", "what", "which", "who"})
_GENERIC_SUBJECTS = frozenset({"on", "tu", "t", "je", "j", "vous", "nous", "you", "u", "we", "i"})
_HAVING = (["quelqu", "un", "aurait"], ["qqn", "aurait"], ["qq1", "aurait"], ["quelqu", "un", "aurais"],
           ["vous", "auriez"], ["tu", "aurais"], ["auriez", "vous"])
_HAD_THINGS = frozenset({"un", "une", "le", "la", "les", "l", "des", "ce", "cette", "ces", "votre", "vos", "encore",
                         "toujours", "par", "ton", "ta", "tes", "d", "de"})
#: Openings that only ask, "?" or not: "Où en est ma commande", "ou en sont les remboursements" ("ou en" is never
#: "or in" at a sentence's start), "Ce serait possible de décaler la livraison", "Est ce possible de changer la
#: couleur", "ETA on the restock", and a question announced before it is put ("Une question : le retrait est
#: gratuit", "Question, can I return it in store").
_WHERE_AT = frozenset({"est", "sont", "etes", "sommes", "suis", "es", "est-on", "sommes-nous", "etes-vous",
                       "est-il", "est-elle", "sont-ils", "sont-elles"})
_POSSIBLE_OPENINGS = (["ce", "serait", "possible"], ["ca", "serait", "possible"], ["c", "serait", "possible"],
                      ["est", "ce", "possible"], ["serait-ce", "possible"], ["ce", "serait", "il", "possible"],
                      ["ca", "serait", "il", "possible"])
_ANNOUNCING = frozenset({"une", "petite", "quick", "small", "one", "a", "juste", "just", "simple", "ma", "my"})
#: French inversion typed without its hyphen ("Faut il le ticket", "Peut on payer en 3 fois", "Avez vous le 38"):
#: a verb opening the sentence, then its subject pronoun. Before "vous", only verbs no reflexive command takes
#: ("Abonnez vous", "Faites vous plaisir" command).
_UNHYPHENED = frozenset({("faut", "il"), ("peut", "on"), ("peut", "il"), ("peut", "elle"), ("puis", "je"),
                         ("dois", "je"), ("doit", "on"), ("est", "il"), ("est", "elle"), ("sont", "ils"),
                         ("sont", "elles"), ("peux", "tu"), ("as", "tu"), ("es", "tu"), ("sais", "tu"), ("va", "t"),
                         ("aurait", "il"), ("serait", "il"), ("avez", "vous"), ("etes", "vous"), ("pouvez", "vous"),
                         ("pourriez", "vous"), ("savez", "vous"), ("sauriez", "vous"), ("auriez", "vous"),
                         ("seriez", "vous"), ("devez", "vous"), ("faut", "t")})
#: A need put politely ("Il me faudrait la facture", "faudrait me rappeler"), an appreciation of what is asked
#: ("I'd appreciate a call back", "J'apprécierais un geste commercial").
_NEED_POLITE = (["il", "me", "faudrait"], ["il", "nous", "faudrait"], ["faudrait", "me"], ["faudrait", "nous"],
                ["faudrait", "m"])
_APPRECIATED = frozenset({"a", "an", "some", "your", "the", "any", "un", "une", "votre", "vos", "des", "le", "la"})
#: "lmk" as typed ("lmkk"), and "know" after "lemme" as typed ("lemme kno if it comes in red").
_LMK = frozenset({"lmk", "lmkk", "lmkkk"})
_KNOW_SPELLINGS = frozenset({"know", "kno", "knw", "knoe"})
_INDIRECT_GATE = frozenset({"savez", "sais", "sauriez", "saurais", "auriez", "aurais", "aurait", "knows", *_LMK,
                            "lemme", "ou", "possible", "eta", "question", "faut", "peut", "puis", "dois", "doit", "est",
                            "sont", "peux", "as", "es", "va", "serait", "avez", "etes", "pouvez", "pourriez",
                            "seriez", "devez", "faudrait", "appreciate", "apprecierais", "apprecierions"})


def _indirect_asks(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int],
                   starts: set[int]) -> list[Hit]:
    """Questions put as statements that only ask: see _KNOWING."""
    found = []
    for i, token in enumerate(tokens):
        if token.kind != "word" or i in known or any(first <= i <= last for first, last in rhetorical):
            continue
        folded = token.folded
        if folded in _LMK or folded == "lemme" and i + 1 < len(tokens) and tokens[i + 1].folded in _KNOW_SPELLINGS:
            found.append(Hit(i, i, _INDIRECT_REQUEST, _INDIRECT_REQUEST.family))
            continue
        if i not in starts:
            continue
        following = [t for t in tokens[i:i + 7] if t.kind == "word"]
        words = [t.folded for t in following]
        if words[:2] == ["ou", "en"] and len(words) > 2 and words[2] in _WHERE_AT \
                or any(words[:len(opening)] == opening and words[len(opening):len(opening) + 1] in (["de"], ["d"])
                       for opening in _POSSIBLE_OPENINGS) \
                or words[0] == "eta" and words[1:2] in (["on"], ["for"], ["pour"], ["sur"]):
            found.append(Hit(i, i + 1, _INDIRECT_QUESTION, _INDIRECT_QUESTION.family))
            continue
        if len(words) > 2 and (words[0], words[1]) in _UNHYPHENED \
                and "-" not in tokens[i].text and following[1].start - tokens[i].end <= 1 \
                or any(words[:len(opening)] == opening for opening in _NEED_POLITE) \
                or len(words) > 3 and words[0] in ("i", "we", "j") and words[1] in ("d", "would", "apprecierais",
                                                                                   "apprecierions") \
                and (words[2] == "appreciate" and words[3] in _APPRECIATED
                     or words[1].startswith("apprecier") and words[2] in _APPRECIATED):
            found.append(Hit(i, i + 1, _INDIRECT_QUESTION, _INDIRECT_QUESTION.family))
            continue
        if "question" in words[:3]:
            k = words.index("question")
            after = following[k].end
            close = next((t for t in tokens[i:] if t.start >= after), None)
            if all(w in _ANNOUNCING for w in words[:k]) and close is not None and close.text in (":", ",") \
                    and not any(first <= tokens.index(close) <= last for first, last in rhetorical):
                found.append(Hit(i, i + k, _INDIRECT_QUESTION, _INDIRECT_QUESTION.family))
                continue
        for opening in _KNOWING:
            n = len(opening)
            if words[:n] == opening and len(words) > n + 1 and words[n] in _KNOWN_ASKED:
                if words[n] in ("quand", "when") and words[n + 1] in _GENERIC_SUBJECTS:
                    break     # "tu sais quand on aime, on ne compte pas": a general truth
                if following[n].folded == "ou" and following[n].text.lower() != "où":
                    break
                found.append(Hit(i, i + 1, _INDIRECT_QUESTION, _INDIRECT_QUESTION.family))
                break
        else:
            for opening in _HAVING:
                n = len(opening)
                if words[:n] == opening and len(words) > n + 1:
                    k = n + 1 if words[n] == "pas" else n
                    thing = following[k] if k < len(following) else None
                    if thing is not None and thing.folded in _HAD_THINGS and thing.text.lower() != "dû" \
                            and not (thing.folded in ("d", "de") and words[n] != "pas"):
                        found.append(Hit(i, i + 1, _INDIRECT_QUESTION, _INDIRECT_QUESTION.family))
                    break
    return found


_INDIRECT_QUESTION = Entry(("indirect",), "question", 1.0)

#: A comment that only says, in one short sentence, what the brand does for its customers asks whether it does:
#: "Vous livrez en Belgique", "Vous acceptez les tickets resto", "vous êtes ouverts demain", "Tu livres le
#: dimanche", "You guys ship to Canada", "You accept Amex" (the brand knows what it does: told to it, it is a
#: question with its "?" left out). Not when it judges or tells (any sentiment, "!", a failure: "Vous faites du
#: super boulot", "Vous livrez toujours en retard", "Vous avez perdu ma commande"), says how often or since when
#: ("toujours", "jamais", "encore", "always", "still") or denies ("vous ne livrez pas en Corse").
_SERVICE_SUBJECTS = (["you", "guys"], ["u", "guys"], ["y", "all"], ["yall"], ["you", "all"], ["vous"], ["tu"],
                     ["you"], ["u"])
_SERVICE_VERBS = frozenset("""livrez acceptez faites prenez vendez proposez reprenez expediez envoyez ouvrez fermez
echangez remboursez installez reparez recrutez livres acceptes fais prends vends proposes reprends expedies envoies
ouvres fermes ship deliver accept take sell offer carry stock open close repair price""".split())
#: "avez" / "as" / "have" ask only before what is had ("vous avez le 38", not "vous avez perdu ma commande").
_HAVING_VERBS = frozenset({"avez", "as", "have", "got"})
_HAD = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "encore", "the", "a", "an", "any",
                  "some", "this", "that", "these", "those"})
#: "êtes" / "es" / "are" / "r" (and nothing in English: "you guys open Sunday") before a state of opening.
_BEING_VERBS = frozenset({"etes", "es", "are", "r", "re"})
_OPENING_STATES = frozenset({"ouverts", "ouvert", "ouverte", "ouvertes", "fermes", "ferme", "fermee", "fermees",
                             "open", "closed", "hiring", "delivering", "shipping"})
_NOT_ASKED_SERVICE = frozenset({"ne", "n", "pas", "plus", "jamais", "toujours", "encore", "deja", "enfin", "not",
                                "never", "always", "still", "again", "finally", "already", "t", "dont", "don",
                                "even", "meme", "vraiment", "really", "too", "trop", "seulement", "only", "si", "if",
                                "que", "qu", "forever", "ages"})
_SERVICE_ASKED_GATE = frozenset({"vous", "tu", "you", "u", "yall", "y"})


def _service_asked(tokens: list[Token]) -> list[Hit]:
    """A comment of one short sentence saying what the brand does for its customers: see _SERVICE_SUBJECTS."""
    first = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.folded not in _PREAMBLE), None)
    if first is None:
        return []
    words: list[str] = []
    for k in range(first, len(tokens)):
        token = tokens[k]
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            if any(t.kind == "word" for t in tokens[k + 1:]):
                return []            # more is said after it
            break
        if token.kind == "word":
            words.append(token.folded)
        elif token.kind in ("url", "handle") or token.text == ",":
            return []
    if not 3 <= len(words) <= 9 or not _NOT_ASKED_SERVICE.isdisjoint(words):
        return []
    for subject in _SERVICE_SUBJECTS:
        n = len(subject)
        if words[:n] != subject:
            continue
        verb, after = words[n], words[n + 1:]
        if not after or verb in ("sell", "vendez", "vends") and after[0] in _FOR_THE_AUTHOR:
            return []        # "You sell my data": an accusation
        if verb in _SERVICE_VERBS or verb in _HAVING_VERBS and after[0] in _HAD \
                or verb in _BEING_VERBS and after[0] in _OPENING_STATES \
                or n > 1 and verb in _OPENING_STATES:
            return [Hit(first, first + n, _SERVICE_ASKED, _SERVICE_ASKED.family)]
        return []
    return []


_SERVICE_ASKED = Entry(("service asked",), "question", 1.0)
_INDIRECT_REQUEST = Entry(("lmk",), "request", 2.0)

#: French interrogatives left where the answer goes ("ça arrive quand", "ça coûte combien", "il est où mon
#: colis", "on en est où"): they ask closing a sentence, or before the subject put last ("il arrive quand mon
#: colis"); after a verb of knowing or saying they report ("je sais pas quand", "n'importe où").
_IN_SITU = frozenset({"quand", "combien", "ou"})
_IN_SITU_BLOCKERS = frozenset({"sais", "sait", "savons", "savez", "savent", "savoir", "su", "demande", "demandes",
                               "demandais", "demandait", "dire", "dit", "dis", "dites", "idee", "importe", "comprends",
                               "comprend", "comprendre", "voir", "vois", "voit", "la", "ou", "et", "quand",
                               "meme", "n", "pas", "plus", "jsp", "sauf"})
_DISLOCATED = frozenset({"mon", "ma", "mes", "le", "la", "les", "l", "votre", "vos", "ton", "ta", "tes", "ce",
                         "cette", "ces", "notre", "nos", "ca"})


def _in_situ(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int]) -> list[Hit]:
    """French questions with their interrogative after the verb, as they are said: "vous fermez quand", "ça
    coûte combien la livraison", "il est où mon colis" ("où" with its accent: "ou" is "or")."""
    found = []
    sentence: list[int] = []
    for i, token in enumerate(tokens + [None]):   # type: ignore[list-item]
        if token is not None and not (token.kind in ("punct", "other")
                                      and any(ch in _SENTENCE_END for ch in token.text)):
            if token.kind == "word" and _LAUGHTER.fullmatch(token.folded) is None:
                sentence.append(i)
            continue
        for n in range(1, len(sentence)):
            k = sentence[n]
            word = tokens[k]
            if word.folded not in _IN_SITU or (word.folded == "ou" and word.text.lower() != "où") or k in known:
                continue
            if tokens[sentence[n - 1]].folded in _IN_SITU_BLOCKERS:
                continue
            rest = [tokens[j].folded for j in sentence[n + 1:]]
            if rest and not (len(rest) == 2 and rest[0] in _DISLOCATED):
                continue
            if any(first <= k <= last for first, last in rhetorical):
                continue
            found.append(Hit(k, k, _IN_SITU_HIT, _IN_SITU_HIT.family))
        sentence = []
    return found


_IN_SITU_HIT = Entry(("in situ",), "question", 1.0)

#: The author's wish or need to know something, however it is put: "I need to know if it comes in black", "really
#: need to know when the restock is", "we'd just like to know what happened to our booking", "I'm dying to
#: know", "wanna know if...", "je voudrais juste savoir si...", "nous aimerions savoir quand...". A verb of
#: wanting or needing, adverbs, then "to know" / "savoir", said by "I" or "we" or with the subject left out
#: as comments are typed; not negated ("I don't need to know"), not of someone else ("5 things you need to
#: know"), not a skill ("j'aimerais savoir cuisiner": "savoir" before an infinitive).
_WANT_TO_KNOW = frozenset({"need", "want", "have", "like", "love", "dying", "desperate", "curious", "eager", "keen",
                           "itching"})
_WANT_JOINED = frozenset({"wanna", "gotta"})
#: Needs that, with their subject left out, are as often the reader's ("Gotta know your history", "Have to know
#: when to stop"): they ask only said by "I" or "we".
_NEED_OF_ANYONE = frozenset({"gotta", "have"})
_WANT_SAVOIR = frozenset({"veux", "voudrais", "voulais", "voulons", "voudrions", "voulions", "veut", "voudrait",
                          "aimerais", "aimerions", "aimerait", "souhaite", "souhaiterais", "souhaitons",
                          "souhaiterions", "souhaitais", "souhaitait"})
_KNOW_SUBJECTS = frozenset({"i", "we", "im", "m", "d", "am", "are", "re", "would", "je", "j", "on", "nous"})
_KNOW_ADVERBS = frozenset({"really", "just", "still", "also", "definitely", "seriously", "honestly", "absolutely",
                           "desperately", "so", "truly", "genuinely", "simply", "only", "kinda", "kind", "of", "too",
                           "bien", "juste", "vraiment", "simplement", "seulement", "absolument", "aussi", "quand",
                           "meme", "tellement", "beaucoup"})
#: After "know": a person known, nothing to know, or a that-clause (reassurance wished, no information asked:
#: "I want to know that no animals were harmed").
_KNOWN_OBJECTS = frozenset({"nothing", "you", "u", "ya", "them", "him", "her", "anything", "that"})


def _want_to_know(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int],
                  quoted: set[int] | frozenset[int]) -> list[Hit]:
    """The author's wish or need to know something: see _WANT_TO_KNOW."""
    found = []
    n = len(tokens)
    for i, token in enumerate(tokens):
        if token.kind != "word" or token.folded not in ("know", "savoir") or i in quoted:
            continue
        english = token.folded == "know"
        k = i - 1
        while k >= 0 and tokens[k].kind == "other" and tokens[k].text in _APOSTROPHES:
            k -= 1
        if k < 0 or tokens[k].kind != "word":
            continue
        if english:
            if tokens[k].folded in _WANT_JOINED:
                verb = k
            elif tokens[k].folded == "to" and k > 0 and tokens[k - 1].folded in _WANT_TO_KNOW:
                verb = k - 1
            else:
                continue
        else:
            j = k
            while j >= 0 and tokens[j].folded in _KNOW_ADVERBS:
                j -= 1
            if j < 0 or tokens[j].folded not in _WANT_SAVOIR:
                continue
            verb = j
        # the subject: "I", "we" (adverbs and auxiliaries between), or none at the sentence's start
        j = verb - 1
        subject_ok = False
        while True:
            while j >= 0 and tokens[j].kind == "other" and tokens[j].text in _APOSTROPHES:
                j -= 1
            if j < 0 or tokens[j].kind != "word" or tokens[j].folded in _PREAMBLE:
                # no subject: the clause's start ("need to know if...", "Hi, really need to know when...")
                subject_ok = tokens[verb].folded not in _NEED_OF_ANYONE
                break
            word = tokens[j].folded
            if word in ("i", "we", "je", "j", "on", "nous"):
                subject_ok = True
                break
            if word in ("you", "u", "they", "he", "she", "tu", "vous", "il", "elle", "ils", "elles"):
                break
            if word in _KNOW_ADVERBS or word in _KNOW_SUBJECTS:
                j -= 1
                continue
            break
        if not subject_ok or any(first <= i <= last for first, last in rhetorical) or verb in known:
            continue
        # what is to be known: not a person, not "nothing"; in French not a skill (an infinitive)
        nxt = next((t for t in tokens[i + 1:i + 2]), None)
        if nxt is not None and nxt.kind == "word":
            if nxt.folded in _KNOWN_OBJECTS:
                continue
            if not english and _french_infinitive(nxt.folded):
                continue
        found.append(Hit(verb, i, _WANT_KNOW_HIT, _WANT_KNOW_HIT.family))
    return found


#: Wondering said by the author about the one addressed or about the author's own dealings asks: "I've always
#: wondered how you make the crisps so thin", "I wonder why you stopped making the blue one", "Still wondering
#: why my order was cancelled", "I've always wanted to know how you make them", "Je me suis toujours demandé
#: comment vous faisiez", "je me demandais quand sort la collection" (the polite imperfect asks whatever follows,
#: as "I was wondering" does). Musing about anything else asks nothing ("I wonder what it would be like to fly",
#: "Sometimes I wonder how I lived without this blender").
_WONDERING = frozenset({"wonder", "wondered", "wondering", "demande", "demandee", "demandais"})
_WONDER_WH = frozenset({"why", "how", "what", "when", "where", "who", "which", "whose", "pourquoi", "comment",
                        "quand", "ou", "qui", "quel", "quelle", "quels", "quelles", "combien", "ce"})
_WONDER_FILLERS = frozenset({"always", "often", "ever", "still", "just", "really", "been", "have", "ve", "has",
                             "am", "m", "was", "were", "had", "d", "also", "sometimes", "toujours", "souvent",
                             "suis", "etais", "me", "m", "vraiment", "bien", "aussi", "wanted", "to", "know"})
_ABOUT_YOURS = _SECOND_PERSON | frozenset({"my", "our", "mon", "ma", "mes", "notre", "nos", "tu", "ton", "ta",
                                          "tes", "vs"})


def _wondered(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int]) -> list[Hit]:
    """The author wondering about the one addressed or his own dealings: see _WONDERING."""
    found = []
    for i, token in enumerate(tokens):
        folded = token.folded
        if token.kind != "word" or i in known:
            continue
        wanted = folded == "know" and i >= 2 and tokens[i - 1].folded == "to" and tokens[i - 2].folded == "wanted"
        if folded not in _WONDERING and not wanted:
            continue
        french = folded.startswith("demand")
        # who wonders: "I", "we", "je", or nobody named at the clause's start ("Always wondered why...")
        j, polite, reflexive = i - 1, folded in ("demandais",), False
        while j >= 0 and (tokens[j].kind == "other" and tokens[j].text in _APOSTROPHES
                          or tokens[j].kind == "word" and tokens[j].folded in _WONDER_FILLERS):
            polite = polite or tokens[j].folded in ("was", "were", "etais")
            reflexive = reflexive or tokens[j].folded in ("me", "m")
            j -= 1
        if french and not reflexive:
            continue          # "il demande", "demandé par" : no one wondering
        if j >= 0 and tokens[j].kind == "word" and tokens[j].folded not in ("i", "we", "je", "j", "on", "nous") \
                and tokens[j].folded not in _PREAMBLE:
            continue
        rest: list[str] = []
        for t in tokens[i + 1:]:
            if t.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in t.text):
                break
            if t.kind == "word":
                rest.append(t.folded)
        if not rest or rest[0] not in _WONDER_WH or any(first <= i <= last for first, last in rhetorical):
            continue
        if rest[0] == "ou" and not any(t.text.lower() == "où" for t in tokens[i + 1:i + 3]):
            continue
        if polite or not _ABOUT_YOURS.isdisjoint(rest[1:]):
            found.append(Hit(i, i, _WONDERED, _WONDERED.family))
    return found


_WONDERED = Entry(("wondered",), "question", 2.0)


def _knows_no_information(tokens: list[Token], hit: Hit) -> bool:
    """A wish to know that asks for no information: a skill ("j'aimerais savoir cuisiner", "je voudrais savoir
    faire ça": "savoir" before an infinitive) or nothing to know ("I need to know nothing more")."""
    k = hit.last + 1 if hit.entry.tokens[-1] in ("know", "savoir") else hit.last + 2
    if k >= len(tokens) or k - 1 >= len(tokens) or tokens[k - 1].folded not in ("know", "savoir"):
        return False
    after = tokens[k]
    if after.kind != "word":
        return False
    if tokens[k - 1].folded == "savoir":
        return _french_infinitive(after.folded)
    return after.folded in _KNOWN_OBJECTS


def _french_infinitive(word: str) -> bool:
    """A word with an infinitive's ending ("cuisiner", "faire", "choisir"), as after "savoir" ("savoir cuisiner")."""
    return len(word) >= 4 and word.endswith(("er", "ir", "re", "oir")) and word not in _NOT_INFINITIVES


_WANT_KNOW_HIT = Entry(("want", "to", "know"), "question", 2.0)

#: French imperatives with "moi" after a hyphen ask the one spoken to ("envoyez-moi le lien", "dis-moi
#: quand", "rembourse-moi"), unless they only call for attention or tell ("excusez-moi", "croyez-moi",
#: "laissez-moi tranquille", "regardez-moi ça"); "suivez-moi" is the follow rule's.
_NOT_ASKING_MOI = frozenset({"excusez", "excuse", "croyez", "crois", "laissez", "laisse", "suivez", "suis",
                             "pardonnez", "pardonne", "regardez", "regarde", "lachez", "lache", "foutez", "fous",
                             "tuez", "tue", "aimez", "aime", "ecoutez", "ecoute", "souviens", "souvenez",
                             "figurez", "figure", "prevenez-vous",
                             # no verbs: "chez moi", "chez-moi" (at home), "assez"
                             "chez", "assez", "nez", "rez"})


_CLITICS = _PRONOUNS | frozenset({"m", "me", "t", "te", "nous", "le", "la", "l", "les", "lui", "leur", "y", "en"})


def _previous_word(tokens: list[Token], i: int) -> str:
    """The folded word before token `i` (an apostrophe between them skipped), or ""."""
    for k in range(i - 1, -1, -1):
        if tokens[k].kind == "word":
            return tokens[k].folded
        if tokens[k].text not in _APOSTROPHES:
            return ""
    return ""


def _imperative_to_me(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int],
                      quoted: set[int] | frozenset[int]) -> list[Hit]:
    """"Envoyez-moi le lien", "envoyez moi le lien", "indiquez-moi la marche à suivre", "dis-moi quand":
    a French imperative with "moi" (joined by a hyphen, or next to it with the hyphen left out)."""
    found = []
    for i, token in enumerate(tokens):
        if token.kind != "word" or i in known or i in quoted:
            continue
        folded = token.folded
        if folded.endswith("-moi"):
            verb = folded[:-4]
            for pronoun in ("-le", "-la", "-les", "-en"):
                if verb.endswith(pronoun):
                    verb = verb[:-len(pronoun)]
            end = i
        elif folded.endswith("ez") and i + 1 < len(tokens) and tokens[i + 1].folded == "moi" \
                and _previous_word(tokens, i) not in _CLITICS:
            verb, end = folded, i + 1        # ("vous m'envoyez moi aussi" has its subject and pronoun)
        else:
            continue
        if len(verb) < 3 or "-" in verb or verb in _NOT_ASKING_MOI or not verb.endswith(("ez", "e", "s", "ds")):
            continue
        if any(first <= i <= last for first, last in rhetorical):
            continue
        found.append(Hit(i, end, _IMPERATIVE_MOI, _IMPERATIVE_MOI.family))
    return found


_IMPERATIVE_MOI = Entry(("-moi",), "request", 2.0)


#: A reply that opens, after the handle of the one it answers, with a command about the author's own dealings asks
#: that person to act: "@acme refund me now", "@acme send my replacement asap", "@acme stop sending me emails",
#: "@acme restock the blue one", "@acme remboursez ma commande", "@acme débloquez mon compte". The verbs of a
#: customer's dealings ask whatever their object; the others only for the author ("me", "my", "us", "our").
#: Not a command to everyone (no handle first, or a retweet: "RT @x: Sign the petition"), nor one pointing the
#: person tagged at something ("@emma look at this", "show this to Bob"), nor "come on", "tell me you...".
#: Invitations follow the same line ("@acme join us at the fair on Saturday", "@acme venez nous voir au salon"
#: ask the brand for a yes or no; "Join us for a week of action" said to everyone, or retweeted, asks the brand
#: nothing: a community manager has no answer to give it, and with a link it is the promoter's, as spam is).
_DEALING_COMMANDS = frozenset("""refund reimburse replace reship resend restock ship deliver cancel unblock unlock
reset reactivate compensate credit remboursez livrez expediez annulez debloquez reactivez remplacez echangez
renvoyez""".split())
_COMMAND_VERBS = _DEALING_COMMANDS | frozenset("""send give reply answer respond call ring email text message dm
follow retweet rt sign fix repair help explain confirm contact stop check update return join visit come
envoyez repondez rappelez appelez contactez expliquez corrigez reparez verifiez arretez donnez confirmez changez
retweetez rejoignez venez""".split())
_FOR_THE_AUTHOR = frozenset({"me", "my", "us", "our", "moi", "nous", "mon", "ma", "mes", "notre", "nos", "m"})
#: Words that may stand between the handles and the command ("@acme please send...", "@acme hey, reply").
_BEFORE_COMMAND = frozenset({"please", "pls", "plz", "kindly", "just", "hey", "hi", "hello", "yo", "svp", "stp",
                             "bonjour", "salut", "coucou", "bonsoir"})


def _addressed_command(tokens: list[Token], rhetorical: list[tuple[int, int]], known: list[int]) -> list[Hit]:
    """A reply that opens, after its handles, with a command about the author's dealings: see _DEALING_COMMANDS."""
    i = 0
    while i < len(tokens) and tokens[i].kind == "handle":
        i += 1
    if i == 0:
        return []
    while i < len(tokens) and (tokens[i].kind in ("punct", "other") and tokens[i].text in (",", ":")
                               or tokens[i].kind == "word" and tokens[i].folded in _BEFORE_COMMAND):
        i += 1
    if i >= len(tokens) or tokens[i].kind != "word" or i in known:
        return []
    verb = tokens[i].folded
    after = [t.folded for t in tokens[i + 1:i + 5] if t.kind == "word"]
    if "-" in verb:        # "rejoignez-nous", "contactez-moi": the pronoun joined to the verb
        verb, _, pronoun = verb.partition("-")
        after.insert(0, pronoun)
    if verb not in _COMMAND_VERBS or any(first <= i <= last for first, last in rhetorical):
        return []
    if verb not in _DEALING_COMMANDS and _FOR_THE_AUTHOR.isdisjoint(after[:3]):
        return []
    return [Hit(i, i, _COMMAND, _COMMAND.family)]


_COMMAND = Entry(("command",), "request", 2.0)


#: "Une idée de quand ça revient ?", "vous avez une idée ?": an idea asked for, not one proposed.
_IDEA_ASKED_AFTER = frozenset({"quand", "ou", "combien", "comment", "pourquoi", "si", "quel", "quelle", "quels",
                               "quelles", "qui", "du", "des"})
#: "Serait-il possible de changer l'adresse", "... de me rappeler": the author's own dealings asked for,
#: where "serait-il possible d'ajouter un mode sombre" proposes.
_OWN_DEALING_VERBS = frozenset({"changer", "modifier", "annuler", "retourner", "echanger", "rembourser", "recevoir",
                                "payer", "livrer", "expedier", "suivre", "recuperer", "reporter", "decaler",
                                "renvoyer", "envoyer", "me", "m", "nous", "etre"})


#: Verbs of getting, and what one gets from the brand in one's own dealings with it.
_GETTING = frozenset({"avoir", "obtenir", "recevoir", "beneficier"})
_OWN_DEALING_NOUNS = frozenset({"remboursement", "remboursements", "avoir", "geste", "facture", "factures", "echange",
                                "devis", "duplicata", "dedommagement", "indemnisation", "compensation", "bon",
                                "reponse", "rappel", "renvoi", "retour"})


#: Openings of an English proposal asked as a question ("could you offer refills?", "can you add more sizes?"), and
#: what one asks of the brand in one's own dealings ("could you offer a refund?").
_OFFER_ASKERS: Final = frozenset({"could", "can"})
_OWN_DEALINGS_EN: Final = frozenset({"refund", "refunds", "replacement", "order", "orders", "invoice", "receipt",
                                     "compensation", "voucher", "credit", "exchange", "callback"})


def _asks_not_proposes(tokens: list[Token], hit: Hit) -> bool:
    """A French suggestion cue that asks instead, in a comment that asks: "une idée de quand ça revient",
    "vous avez une idée ?" (an idea asked for), "serait-il possible de changer l'adresse de livraison", "...
    de me rappeler" (the author's own dealings)."""
    after = [t for t in tokens[hit.last + 1:hit.last + 4] if t.text not in _APOSTROPHES]
    if hit.entry.tokens[0] in _OFFER_ASKERS:
        # "Could you offer me a refund?", "can you start shipping my order?": the author's own dealings asked for
        return any(t.folded in _FOR_THE_AUTHOR or t.folded in _OWN_DEALINGS_EN for t in tokens[hit.last + 1:hit.last + 5])
    if hit.entry.tokens == ("idee",):
        if not after or after[0].text == "?":
            return True
        return after[0].folded in ("de", "d") and len(after) > 1 and after[1].folded in _IDEA_ASKED_AFTER
    if hit.entry.tokens[:2] in (("serait-il", "possible"), ("serait", "il")):
        if len(after) < 2 or after[0].folded not in ("de", "d"):
            return False
        if after[1].folded in _OWN_DEALING_VERBS:
            return True
        # "serait-il possible d'avoir un remboursement", "... d'obtenir un avoir": something of the author's own
        # asked for ("d'avoir plus de couleurs" still proposes)
        verb = next(i for i in range(hit.last + 1, len(tokens)) if tokens[i] is after[1])
        return after[1].folded in _GETTING and any(t.folded in _OWN_DEALING_NOUNS for t in tokens[verb + 1:verb + 5])
    return False


#: The author as subject: a suggestion word after "I" or "je", in the same clause of a comment that asks, is the
#: author's own doing asked about ("How do I make it work with my router", "Do I need to add an adapter", "Can
#: I make it to the store before 6", "Comment je peux ajouter une carte"), not a proposal to the brand ("I
#: think you should add a dark mode" has "you" between them; "would you consider..." keeps proposing, and so
#: does an inclusive "we", "on": "Can we bring back the old logo?", "On pourrait ajouter un mode sombre ?").
_FIRST_PERSON_SUBJECTS = frozenset({"i", "je", "j"})
_PROPOSERS = _FIRST_PERSON_SUBJECTS | frozenset({"we", "on", "nous"})
_SECOND_PERSON_WORDS = _SECOND_PERSON | frozenset({"tu", "t", "y'all", "yall", "ya", "guys"})
#: After "pourquoi pas", these make it "why is there no...": "Pourquoi pas de livraison le samedi ?" asks.
_WHY_NONE = frozenset({"de", "d"})
#: After a suggestion word, these make its object the author's own ("Did you consider my refund request?").
_OWN_POSSESSIVES = frozenset({"my", "our", "mon", "ma", "mes", "notre", "nos"})


def _own_question(tokens: list[Token], hit: Hit) -> bool:
    """A suggestion word that is part of the author's own question, not a proposal: after a first-person
    subject in the same clause with no one addressed between them ("How do I make it work", "Comment je
    peux ajouter une carte"), before the author's own thing ("did you consider my request"), "why not"
    asked alone ("Why not? It was in stock yesterday") or "pourquoi pas de ..." (why there is none)."""
    nxt = tokens[hit.last + 1] if hit.last + 1 < len(tokens) else None
    if hit.entry.tokens in (("pourquoi", "pas"), ("why", "not")):
        if nxt is not None and nxt.kind != "word":
            return "?" in nxt.text           # "Why not? It was in stock yesterday", "Pourquoi pas ?" asked alone
        return nxt is not None and hit.entry.tokens[0] == "pourquoi" and nxt.folded in _WHY_NONE
    if nxt is not None and nxt.kind == "word" and nxt.folded in _OWN_POSSESSIVES:
        return True
    if any(t in _PROPOSERS or t in _SECOND_PERSON_WORDS for t in hit.entry.tokens):
        return False      # "I wish", "you should", "on aimerait": the cue names who proposes
    for k in range(hit.first - 1, -1, -1):
        token = tokens[k]
        if token.kind in ("punct", "other") and (token.text == "," or any(ch in _SENTENCE_END for ch in token.text)):
            return False
        if token.kind != "word":
            continue
        if token.folded in _SECOND_PERSON_WORDS or token.folded in _PROPOSERS \
                and token.folded not in _FIRST_PERSON_SUBJECTS:
            return False
        if token.folded in _FIRST_PERSON_SUBJECTS:
            return True
    return False


#: Words after French "si" that make it "if" ("si le colis", "si j'annule"), not "so" ("si bon") or "yes".
_SI_SUBJECTS = frozenset({"le", "la", "les", "l", "mon", "ma", "mes", "un", "une", "j", "je", "on", "vous", "tu",
                          "il", "ils", "elle", "elles", "c", "ca", "votre", "vos", "notre", "nos", "ton", "ta",
                          "tes", "jamais", "par"})
_CLAUSE_ENDS = frozenset({",", ";", ":", "then", "alors"})


#: Auxiliaries of a past tense: "if my parcel has arrived damaged", "s'il est arrivé abîmé" tell, politely,
#: what did happen.
_PAST_AUX_EN = frozenset({"has", "have", "had", "was", "were", "did", "hasn", "haven", "hadn", "wasn", "weren",
                          "didn"})
_PAST_AUX_FR = frozenset({"a", "ai", "as", "ont", "avez", "avons", "est", "sont", "etait", "etaient", "avait",
                          "avaient", "ete"})


def _supposed(tokens: list[Token], marks: list[int]) -> set[int]:
    """Token indices inside a supposition in a sentence that asks ("?"), up to the next comma or the
    end of the sentence: after "what if", "in case", "et si", "en cas de", "au cas où" always; after a
    plain "if"/"si" when its verb is not in a past tense ("if the app crashes", "si le colis arrive
    abîmé"; not "if my parcel arrived damaged", "s'il est arrivé abîmé": a failure told politely)."""
    inside: set[int] = set()
    asked = set(marks)
    for i, token in enumerate(tokens):
        folded = token.folded
        if token.kind != "word":
            continue
        before = tokens[i - 1].folded if i > 0 else ""
        after = next((t.folded for t in tokens[i + 1:i + 3] if t.kind == "word"), "")   # "s'il": s, ', il
        explicit = (folded == "if" and before == "what") or (folded == "si" and before == "et") \
            or (folded == "case" and before == "in") or (folded == "cas" and before in ("en", "au"))
        plain = folded == "if" or (folded == "si" and after in _SI_SUBJECTS) or (folded == "s" and after in ("il", "ils"))
        if not (explicit or plain):
            continue
        span: list[int] = []
        for k in range(i + 1, len(tokens)):
            t = tokens[k]
            if t.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in t.text):
                if k in asked:
                    inside.update(span)
                break
            if t.text in _CLAUSE_ENDS or t.folded in _CLAUSE_ENDS:
                # the condition ends here; it counts when its sentence asks
                end = next((m for m in range(k, len(tokens)) if tokens[m].kind in ("punct", "other")
                            and any(ch in _SENTENCE_END for ch in tokens[m].text)), None)
                if end is not None and end in asked:
                    inside.update(span)
                break
            span.append(k)
        english = folded == "if"
        if not explicit and any(tokens[k].folded in _PAST_AUX_EN or tokens[k].folded.endswith("ed") if english
                                else tokens[k].folded in _PAST_AUX_FR for k in span):
            inside.difference_update(span)
    return inside


#: Openings of a yes/no question about whether a service is out: "is the app down", "is there an outage", "are you
#: down", "anyone else ...", "est-ce que le site est en panne", "y a une panne", "y a-t-il", "il y a une panne",
#: "c'est moi ou ...".
_STATUS_OPENINGS: Final = (("is",), ("are",), ("anyone",), ("anybody",), ("am", "i"), ("est-ce",), ("y",), ("ya",),
                           ("il", "y"), ("c", "est", "moi", "ou"), ("is", "it", "just", "me"))
#: A status asked as a statement with a question mark: "Le site est en panne ?", "L'appli est HS ?", "the app is
#: down?": a service named (a determiner first), then "is" within three words, the outage among the last three words
#: ("Your app is down for 3 hours now, what is going on?" tells more than a status).
_STATED_SUBJECTS: Final = frozenset({"le", "la", "l", "les", "votre", "vos", "ton", "ta", "the", "your", "ur"})
_STATUS_COPULAS: Final = frozenset({"est", "sont", "is", "are"})
#: The failure words such a question asks about: a service down or out of order.
_OUTAGE_WORDS: Final = frozenset({"down", "outage", "outages", "offline", "panne", "pannes", "marche", "marchent",
                                  "fonctionne", "fonctionnent", "work", "works", "working", "hs"})
#: Cues that make it a grievance asked, not a status asked: the failure again, always, still, counted, or why.
_RECURRENCE: Final = frozenset({"again", "always", "still", "constantly", "every", "ever", "another", "time", "times",
                                "why", "encore", "toujours", "fois", "chaque", "souvent", "jamais", "pourquoi",
                                "often", "third", "troisieme", "deuxieme", "second"})


def _status_asked(tokens: list[Token], marks: list[int], reading: SentimentReading) -> set[int]:
    """Token indices of the sentences that only ask whether a service is out ("is the app down or is it just me?",
    "Is there an outage in Bristol?", "Est-ce que le site est en panne ?", "c'est moi ou l'appli ne marche plus ?"):
    a yes/no question about an outage, with no cue of a grievance in the comment (the failure again or always,
    "why", displeasure said outside the question). "down AGAIN??", "Encore en panne ?!", "Why is the site always
    down??" stay complaints."""
    if any(t.kind == "word" and t.folded in _RECURRENCE for t in tokens) \
            or any(t.kind in ("punct", "other") and ("!" in t.text or t.text.count("?") > 1) for t in tokens):
        return set()
    inside: set[int] = set()
    for mark in marks:
        first = mark
        while first > 0 and not (tokens[first - 1].kind in ("punct", "other")
                                 and any(ch in _SENTENCE_END for ch in tokens[first - 1].text)):
            first -= 1
        words = [t.folded for t in tokens[first:mark] if t.kind == "word"]
        if (any(tuple(words[:len(opening)]) == opening for opening in _STATUS_OPENINGS)
                or words[:1] and words[0] in _STATED_SUBJECTS and not _STATUS_COPULAS.isdisjoint(words[1:4])
                and not _OUTAGE_WORDS.isdisjoint(words[-3:])) \
                and not _OUTAGE_WORDS.isdisjoint(words):
            inside.update(range(first, mark + 1))
    if inside and any(c.valence < 0 and not (c.hit.first in inside and c.hit.last in inside)
                      for c in reading.contributions):
        return set()     # "Is the app down? Useless.": displeasure said besides
    return inside


def _not_asked(hits: list[Hit], tokens: list[Token], status: set[int]) -> list[Hit]:
    """The hits but those that name a service out of order ("down", "outage", "en panne", "ne marche plus") inside a
    sentence that only asks whether it is (_status_asked)."""
    return [h for h in hits if not (h.first in status
                                    and any(tokens[k].folded in _OUTAGE_WORDS for k in range(h.first, h.last + 1)))]

_NEGATIVE_AUX = frozenset({"aren", "isn", "don", "doesn", "didn", "won", "wasn", "weren", "haven", "hasn", "can",
                           "couldn", "wouldn", "shouldn"})
_NEGATIVE_AUX_JOINED = frozenset({"arent", "isnt", "dont", "doesnt", "didnt", "wont", "wasnt", "werent",
                                  "havent", "hasnt", "cant", "couldnt", "wouldnt", "shouldnt"})
_TAG_PRONOUNS = frozenset({"you", "u", "it", "they", "he", "she", "there"})


def _tag_questions(tokens: list[Token], rhetorical: list[tuple[int, int]], judged: set[int]) -> list[Hit]:
    """A statement of fact closed by a question tag asks for confirmation even without "?": "you ship to
    Belgium, don't you", "the sale ends Sunday isn't it", "c'est la nouvelle formule, n'est-ce pas".
    An opinion closed by one seeks agreement ("the new range is lovely, isn't it": `judged` holds the
    token indices of words with a valence), and so does the author's own ("I told you so, didn't I"); said of
    the one asked, it asks him to confirm ("you must be so proud, aren't you")."""
    found = []
    sentence: list[int] = []
    for i, token in enumerate(tokens + [None]):
        if token is not None and not (token.kind in ("punct", "other")
                                      and any(ch in _SENTENCE_END for ch in token.text)):
            if token.kind == "word":
                sentence.append(i)
            continue
        words = [tokens[k].folded for k in sentence]
        if token is None or "?" not in token.text:
            tag = 0
            alternative = False
            if len(words) >= 6 and words[-1] in _TAG_PRONOUNS:
                if words[-2] == "t" and words[-3] in _NEGATIVE_AUX:
                    tag = 3
                elif words[-2] in _NEGATIVE_AUX_JOINED:
                    tag = 2
            if len(words) >= 5 and words[-3:] == ["n", "est-ce", "pas"]:
                tag = 3
            # "c'est dispo en 38 ou pas", "vous livrez en Belgique ou non", "do you ship to Canada or not": the
            # alternative closing the sentence asks which, unless the sentence concedes ("que tu le veuilles ou
            # non", "whether you like it or not")
            if len(words) >= 4 and words[-2:] in (["ou", "pas"], ["ou", "non"], ["or", "not"]) \
                    and _CONCESSIVE.isdisjoint(words):
                tag = 2
                alternative = True
            # "the jacket is waterproof, right", "c'est imperméable, non": a tag of one word after a comma
            if len(words) >= 4 and words[-1] in _ONE_WORD_TAGS and tokens[sentence[-1] - 1].text == "," \
                    and words[-2] not in ("all", "turn", "left", "oui", "ou", "yes", "no", "non"):
                tag = 1
            # "you're excited about it, aren't you": the one asked confirms what he feels, an opinion or not
            if tag and not any(first <= sentence[-1] <= last for first, last in rhetorical) \
                    and (alternative or words[-1] in _YOU or not any(k in judged for k in sentence)):
                found.append(Hit(sentence[-tag], sentence[-1], _TAG, _TAG.family))
        sentence = []
    return found


_TAG = Entry(("tag",), "question", 1.0)
_ONE_WORD_TAGS = frozenset({"right", "non"})
#: Words that make "... or not", "... ou non" a concession or an alternative reported, not one asked about
#: ("whether you like it or not", "arguing about why it is cute or not", "wondering whether to go or not").
_CONCESSIVE = frozenset({"whether", "que", "qu", "if", "si", "why", "how", "what", "when", "where", "who", "which",
                         "wonder", "wondering", "wondered", "pourquoi", "comment", "quand", "qui", "savoir", "sais",
                         "know", "weather"})
#: The last word of every tag _tag_questions finds.
_TAG_ENDS = _TAG_PRONOUNS | _ONE_WORD_TAGS | {"pas", "not"}

#: "It would mean a lot if you...", "I'd appreciate it if you...", "ça me ferait plaisir que vous...",
#: "je vous serais reconnaissante de...": a favour asked as a condition.
_FAVOUR_EN = frozenset({"mean", "make", "appreciate", "honour", "honor", "grateful", "thankful"})
_FAVOUR_FR = frozenset({"plaisir", "reconnaissant", "reconnaissante", "reconnaissants", "reconnaissantes",
                        "honneur"})
_CONDITIONAL_EN = frozenset({"would", "d", "will"})
_CONDITIONAL_FR = frozenset({"ferait", "ferais", "feriez", "serait", "serais", "seriez", "apprecierais",
                             "apprecierait", "apprecierions"})
_YOU = frozenset({"you", "u", "ya", "y'all", "yall", "vous", "tu", "v"})
#: What every favour _favour_asked finds opens with.
_CONDITIONALS = _CONDITIONAL_EN | _CONDITIONAL_FR


def _favour_asked(tokens: list[Token], rhetorical: list[tuple[int, int]]) -> list[Hit]:
    """A favour asked of someone as a condition: "it would mean a lot to me if you said hi", "I'd
    appreciate it if you could check", "it would make her year if you wished her a happy birthday", "ça
    me ferait très plaisir que vous répondiez", "je vous serais reconnaissant de me rappeler", "j'apprécierais
    que vous me rappeliez". The conditional, a word of favour within three words, then "if"/"si"/"que"
    followed by the person asked, within the same sentence; or French "vous serais ... de" + infinitive.
    "Ça me ferait plaisir de revenir" (the author's own pleasure) asks nothing."""
    found = []
    words = [(i, t.folded) for i, t in enumerate(tokens) if t.kind == "word"
             or t.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in t.text)]
    for n, (i, word) in enumerate(words):
        english = word in _CONDITIONAL_EN
        if not english and word not in _CONDITIONAL_FR:
            continue
        if any(first <= i <= last for first, last in rhetorical):
            continue
        window = [w for _, w in words[n + 1:n + 12]]
        if "." in window or "!" in window or "?" in window:
            window = window[:min(window.index(p) for p in ".!?" if p in window)]
        favour = word in ("apprecierais", "apprecierait", "apprecierions") or any(
            w in (_FAVOUR_EN if english else _FAVOUR_FR) for w in window[:3])
        if not favour:
            continue
        # "je vous serais reconnaissant de me rappeler" asks; "ça me ferait plaisir de revenir" does not
        addressed = n > 0 and words[n - 1][1] in ("vous", "te", "t")
        for k, w in enumerate(window):
            nxt = window[k + 1] if k + 1 < len(window) else ""
            if english and w == "if" and nxt in _YOU:
                start = i - 2 if word == "d" and i >= 2 and tokens[i - 2].kind == "word" else i   # "I'd"
                found.append(Hit(start, words[n + 1 + k + 1][0], _FAVOUR, _FAVOUR.family))
                break
            if not english and (w in ("si", "que", "qu") and nxt in _YOU or w in ("de", "d") and addressed):
                found.append(Hit(i, words[n + 1 + k][0], _FAVOUR, _FAVOUR.family))
                break
    return found


_FAVOUR = Entry(("would", "if", "you"), "request", 2.0)

_POSSESSIVE_1ST = frozenset({"my", "ma", "mon", "mes"})
#: Words of taste: a harm word they qualify ("tastes burnt", "goût de brûlé") describes food, not an injury.
_TASTE = frozenset({"taste", "tastes", "tasted", "tasting", "flavour", "flavor", "aftertaste", "gout", "arriere",
                    "saveur"})


#: French "arriver à" + an infinitive is "to manage to": "je n'arrive pas à me connecter" says nothing of a delivery.
_ARRIVER = frozenset({"arrive", "arrives", "arrivons", "arrivez", "arrivent", "arrivais", "arrivait", "arrivions",
                      "arriviez", "arrivaient"})
_BEFORE_INFINITIVE = frozenset({"me", "m", "te", "t", "se", "s", "nous", "vous", "y", "en", "le", "les", "lui", "leur"})
_ADVERBS_BETWEEN = frozenset({"pas", "plus", "jamais", "toujours", "meme", "vraiment", "encore", "point"})


def manage_to(tokens: list[Token], index: int) -> bool:
    """Whether the French verb at `index` is "arriver à" + an infinitive ("je n'arrive pas à payer", "j'arrive
    plus à me connecter"), not an arrival ("pas arrivé à temps", "arrivé à Paris")."""
    if tokens[index].folded not in _ARRIVER:
        return False
    i = index + 1
    while i < len(tokens) and tokens[i].folded in _ADVERBS_BETWEEN:
        i += 1
    if i + 1 >= len(tokens) or tokens[i].folded != "a":
        return False
    following = tokens[i + 1].folded
    return following in _BEFORE_INFINITIVE or (len(following) > 3 and following.endswith(("er", "ir", "re", "oir")))


#: Words that name an order without saying anything about its delivery ("charged twice for the same order").
_ORDER_WORDS = frozenset({"order", "orders", "commande", "commandes"})
#: "charged twice for the same order", "not happy with the quality of my last order": the order is what the
#: money, the account or the product was about, not a delivery
_MONEY_OR_ACCOUNT = ("topic:billing", "topic:pricing", "topic:account", "topic:privacy", "topic:product_quality")
#: Idioms made of price words that name no price.
_PRICE_IDIOMS = frozenset({("at", "all", "costs"), ("at", "any", "cost"), ("a", "tout", "prix"),
                           ("coute", "que", "coute"), ("a", "n", "importe"), ("at", "any", "price")})


_PAID_WORDS = frozenset({"paid", "pay", "paying", "payed", "paye", "payee", "payes", "payees", "payer"})
#: Words that ask for an exchange, and the words before a verb that undo its arrival ("pas reçu", "never arrived").
_EXCHANGE_WORDS = frozenset({"echange", "echanger", "echanges", "exchange", "exchanged", "swap"})
_NOT_YET = frozenset({"pas", "jamais", "toujours", "encore", "rien", "not", "never", "yet", "still", "t", "nt"})
#: Billing words that only name the subscription a customer says they are leaving ("je vais résilier", "I'm cancelling
#: my subscription"), and the folded forms that say they are leaving it.
_SUBSCRIPTION_WORDS = frozenset({"resilier", "resilie", "resilierai", "resiliation", "abonnement", "abo", "contrat",
                                 "subscription", "membership", "contract", "cancel", "cancelling", "canceling"})
_LEAVING: Final = re.compile(r"\b(?:je (?:vais|veux) (?:tout )?resilier|je resilie|je resilierai|je me desabonne|"
                             r"i ' ?m (?:so )?(?:cancell?ing|canceling|leaving|done)|i am (?:cancell?ing|canceling)|"
                             r"i ' ?ll (?:be )?cancel|i will (?:be )?cancel|(?:going to|gonna) cancel)\b")
#: Shop words that also name where a parcel is left at the customer's (a gate, a lobby, a car park, the wrong location).
_PREMISES = frozenset({"gate", "gates", "lobby", "parking", "location", "room"})
#: "store" as a verb after its subject ("you store", "they still store"), not a shop.
_STORE_VERBS = frozenset({"store", "stores", "stored", "storing"})
_SUBJECTS = frozenset({"i", "you", "u", "we", "they", "he", "she", "it", "who", "still", "even", "also",
                              "to", "not", "don", "doesn", "didn", "never", "y'all", "yall"})


def _refine_topics(tokens: list[Token], fam: dict[str, list[Hit]], topic_first: dict[str, int]) -> None:
    """Drop topics that are only a word's other sense, in place (topic -> first position):
    - "arriver à" + an infinitive ("je n'arrive pas à payer") is no delivery; "at all costs" is no price;
    - a topic phrase wins over a shorter topic word inside it ("frais de livraison" is pricing);
    - a topic word inside a longer failure phrase belongs to the phrase's first topic ("un goût de carton" is
      the taste of the product, not a delivery box);
    - a delivery named only by the word "order" next to billing, pricing, account or privacy ("charged twice
      for the same order"; "commande reçue mais facturée deux fois" keeps it: "reçue" is a delivery word)."""
    kept: dict[str, list[Hit]] = {f: list(hits) for f, hits in fam.items() if f[6:] in topic_first
                                  and f.startswith("topic:")}
    # "je n'arrive pas à me connecter": "arriver à" + an infinitive is no arrival
    if "topic:delivery" in kept:
        kept["topic:delivery"] = [h for h in kept["topic:delivery"] if not (h.first == h.last
                                                                            and manage_to(tokens, h.first))]
    # "avoid them at all costs", "à tout prix", "coûte que coûte": idioms, not prices
    for first in range(len(tokens) - 2):
        if (tokens[first].folded, tokens[first + 1].folded, tokens[first + 2].folded) in _PRICE_IDIOMS:
            for family, hits in kept.items():
                kept[family] = [h for h in hits if not first <= h.first <= first + 2]
    # "you store passwords in plain text", "they store my card": the verb, not a shop
    if "topic:store" in kept:
        kept["topic:store"] = [h for h in kept["topic:store"]
                               if not (h.first == h.last and tokens[h.first].folded in _STORE_VERBS
                                       and h.first > 0 and tokens[h.first - 1].folded in _SUBJECTS)]
    # "threw my parcel over the gate", "left it in the lobby", "laissé sur le parking": where a parcel was left at the
    # customer's is no visit to a shop (a parcel named by more than "order")
    if kept.get("topic:store") and any(not (h.first == h.last and tokens[h.first].folded in _ORDER_WORDS)
                                       for h in kept.get("topic:delivery", [])) \
            and all(h.first == h.last and tokens[h.first].folded in _PREMISES for h in kept["topic:store"]):
        kept["topic:store"] = []
    # "frais de livraison", "shipping fees": a topic phrase wins over a shorter topic word inside it
    phrases = [h for hits in kept.values() for h in hits if h.last > h.first]
    for phrase in phrases:
        for family, hits in kept.items():
            if family != phrase.family:
                kept[family] = [h for h in hits if not (phrase.first <= h.first and h.last <= phrase.last
                                                        and h.last - h.first < phrase.last - phrase.first)]
    for phrase in fam.get("problem", []):
        if phrase.last == phrase.first:
            continue
        inside = sorted((h for hits in kept.values() for h in hits
                         if phrase.first <= h.first and h.last <= phrase.last), key=lambda h: h.first)
        for hit in inside[1:]:
            if hit.family != inside[0].family:
                kept[hit.family] = [h for h in kept[hit.family] if h is not hit]
    delivery = kept.get("topic:delivery")
    if delivery and any(kept.get(f) for f in _MONEY_OR_ACCOUNT) \
            and all(h.first == h.last and tokens[h.first].folded in _ORDER_WORDS for h in delivery):
        kept["topic:delivery"] = []
    # "remboursement jamais reçu", "Virement toujours pas arrivé": what was not received is the money, no parcel ("Commande
    # reçue mais facturée deux fois" names the order received)
    if delivery and (kept.get("topic:returns_refunds") or any(
            not (h.first == h.last and tokens[h.first].folded in _PAID_WORDS) for h in kept.get("topic:billing", []))) \
            and all(h.first == h.last and tokens[h.first].folded in _DELIVERY_VERBS for h in delivery) \
            and not any(t.folded in _ORDER_WORDS for t in tokens):
        kept["topic:delivery"] = []
    # "paid on the 3rd, nothing since", "commande payée le 3": the payment dates the order, the failure is the
    # delivery's (a wrong charge names more: "charged twice", "prélevé", "facture")
    billing = kept.get("topic:billing")
    if billing and kept.get("topic:delivery") \
            and all(h.first == h.last and tokens[h.first].folded in _PAID_WORDS for h in billing):
        kept["topic:billing"] = []
    # "J'ai reçu un pull troué, je veux un échange", "Got a sweater with a hole in it, I want an exchange": a defect
    # of the product (a failure phrase that is itself a product word) is the product's; the arrival that brought
    # it ("reçu", "arrivé") is no delivery failure, and the exchange asked for is the product's replacement
    quality = kept.get("topic:product_quality", [])
    if quality and any((p.first, p.last) == (q.first, q.last) for p in fam.get("problem", []) for q in quality):
        for family, words in (("topic:delivery", _DELIVERY_VERBS), ("topic:returns_refunds", _EXCHANGE_WORDS)):
            named = kept.get(family)
            if named and all(h.first == h.last and tokens[h.first].folded in words
                             and not any(t.folded in _NOT_YET for t in tokens[max(0, h.first - 2):h.first])
                             for h in named):
                kept[family] = []
    # "Encore une panne réseau, je vais résilier", "Another outage. I'm cancelling my subscription": leaving is a
    # threat about the failure named, not a billing dispute (a charge named still is: "résilié mais encore prélevé")
    leaving = [f for f in ("topic:billing", "topic:returns_refunds") if kept.get(f) and all(
        h.first == h.last and tokens[h.first].folded in _SUBSCRIPTION_WORDS for h in kept[f])]
    if leaving and any(hits for family, hits in kept.items() if family not in leaving) \
            and _LEAVING.search(" ".join(t.folded for t in tokens)):
        for family in leaving:
            kept[family] = []
    for family, hits in kept.items():
        if hits:
            topic_first[family[6:]] = min(h.first for h in hits)
        else:
            del topic_first[family[6:]]


#: "Server" is a waiter as well as a machine: the people around it say which ("le serveur nous a ignorés").
_SERVER_WORDS = frozenset({"serveur", "serveurs", "server", "servers"})
#: People who serve at table whatever the words around them.
_WAITERS: Final = frozenset({"waiter", "waiters", "waitress", "waitresses", "serveuse", "serveuses", "barman", "barmaid",
                             "bartender", "bartenders", "sommelier", "sommeliere"})
#: Words said of a person (folded prefixes): ignored, forgotten, rude or kind, tipped.
_PERSON_CUES = ("ignor", "oubli", "desagreable", "impoli", "malpoli", "aimable", "souriant", "sympa", "rude", "forgot",
                "attitude", "mepris", "hautain", "arrogant", "grossier", "polite", "friendly", "unfriendly", "pourboire",
                "yelled", "shouted", "snapped", "sourire", "smile", "condescend")
#: A restaurant around the word: the server serves food.
_RESTAURANT = frozenset("""restaurant restaurants resto restos table tables plat plats addition menu repas serveuse
    waiter waitress dish dishes meal meals dinner lunch diner dejeuner brasserie ambiance cuisine chef dessert tip
    tips boisson boissons drinks food""".split())
#: The words of a payment card (a card blocked is an access problem, not a charge).
_CARD_WORDS = frozenset({"carte", "cartes", "bancaire", "bleue", "card", "cards", "cb", "credit", "debit", "bank",
                         "visa", "mastercard", "paiement", "payment", "ma", "mon", "votre", "la", "my", "your", "the"})
#: "connection", "correspondance": a missed connection is the journey's, not a network's.
_CONNECTIONS = frozenset({"connection", "connections", "correspondance", "correspondances"})
#: A journey disrupted, named: the failure the complaint is about (see TRAVEL_DISRUPTION).
_TRAVEL_DISRUPTED = Entry(("travel", "disrupted"), "problem", 1.0)
#: Topics a travel disruption's words give wrongly: "delayed" is no parcel, "aéroport" no shop, a "meal" no product.
_NOT_TRAVEL_TOPICS = ("delivery", "store", "product_quality")


#: Words of money moving in or out of a bank account ("compte débité", "prélevé sur mon compte", "money in the account").
_MONEY_MOVES: Final = frozenset({"debite", "debitee", "debites", "debitees", "preleve", "prelevee", "preleves",
                                 "prelevees", "prelevement", "credite", "creditee", "debited", "credited", "money",
                                 "funds", "solde", "balance", "virement", "euros", "dollars", "pounds"})
#: Words of access to an account (a login, a password, a hack): the account is the customer's, whatever money moved.
_ACCESS_WORDS: Final = frozenset({"log", "login", "logged", "password", "passwords", "connect", "connecter",
                                  "connexion", "mdp", "identifiant", "identifiants", "pirate", "hacked", "bloque",
                                  "bloquee", "locked", "blocked", "suspended", "suspendu", "ferme", "closed"})


def _sector_topics(tokens: list[Token], fam: dict[str, list[Hit]], topic_first: dict[str, int], text: str,
                   travel: bool) -> None:
    """Topics of brands outside e-commerce, in place (topic -> first position):
    - a journey disrupted ("Vol annulé la veille", "Flight delayed 6 hours") is no delivery, no store visit, no product;
    - a server who ignores people, or in a restaurant, is a person (customer_service), not a machine;
    - a payment card blocked is an access problem (account), not a charge;
    - a plan changed without consent is a subscription matter (billing), not a remark on prices."""
    technical = fam.get("topic:technical")
    if travel:
        for topic in _NOT_TRAVEL_TOPICS:
            topic_first.pop(topic, None)
        if technical and all(h.first == h.last and tokens[h.first].folded in _CONNECTIONS for h in technical):
            topic_first.pop("technical", None)
    # "Our waiter was rude and forgot our order", "la serveuse a oublié notre commande": the meal ordered, not a parcel
    delivery = fam.get("topic:delivery", [])
    if "delivery" in topic_first and delivery and any(t.folded in _WAITERS for t in tokens) \
            and all(h.first == h.last and tokens[h.first].folded in _ORDER_WORDS for h in delivery):
        topic_first.pop("delivery", None)
    if technical and all(h.first == h.last and tokens[h.first].folded in _SERVER_WORDS for h in technical):
        folded = [t.folded for t in tokens if t.kind == "word"]
        if any(f.startswith(_PERSON_CUES) for f in folded) or not _RESTAURANT.isdisjoint(folded):
            first = topic_first.pop("technical", None)
            if first is not None and ("customer_service" not in topic_first or topic_first["customer_service"] > first):
                topic_first["customer_service"] = first
            # "our server forgot our order": the meal ordered, not a parcel
            delivery = fam.get("topic:delivery", [])
            if all(h.first == h.last and tokens[h.first].folded in _ORDER_WORDS for h in delivery):
                topic_first.pop("delivery", None)
    billing = fam.get("topic:billing")
    if "billing" in topic_first and billing and all(set(h.entry.tokens) <= _CARD_WORDS for h in billing):
        if CARD_BLOCKED.search(text) is not None:
            first = topic_first.pop("billing")
            topic_first["account"] = min(first, topic_first.get("account", first))
        elif "pricing" in topic_first and VOUCHER.search(text) is not None:   # "ma carte cadeau": no bank card
            topic_first.pop("billing")
    # "Mon compte a été débité deux fois", "59,90 € prélevés sur mon compte", "I have money in the account": a bank
    # account that money moved in or out of is the charge (billing), not a login (account); any word of access
    # ("log in", "mot de passe", "piraté") keeps the account
    accounts = fam.get("topic:account")
    if "billing" in topic_first and "account" in topic_first and accounts and all(
            h.entry.tokens[-1] in ("compte", "account") and any(
                tokens[j].folded in _MONEY_MOVES or tokens[j].kind == "number" and (
                    "€" in tokens[j].text or "$" in tokens[j].text or "£" in tokens[j].text)
                for j in range(max(0, h.first - 4), min(len(tokens), h.last + 4)))
            for h in accounts) and _ACCESS_WORDS.isdisjoint(t.folded for t in tokens):
        topic_first.pop("account")
    if ("pricing" in topic_first or "billing" in topic_first) and plan_changed(text):
        first = topic_first.pop("pricing", topic_first.get("billing", 0))
        topic_first["billing"] = min(first, topic_first.get("billing", first))
        # "without my consent": the plan's consent, not personal data
        privacy = fam.get("topic:privacy", [])
        if all(h.entry.tokens[-1] in ("consent", "consentement", "accord", "permission") for h in privacy):
            topic_first.pop("privacy", None)


#: Words that say a code or a voucher is out of date ("Coupon LOVE15 expired", "mon bon d'achat a expiré"): its
#: validity, not a product gone off.
_EXPIRY_WORDS: Final = frozenset({"expired", "expire", "expires", "expiree", "expirees", "expires", "perime", "perimee",
                                  "perimes", "perimees", "expiration"})


#: Where a code is entered ("au paiement", "at checkout"): no charge named.
_CHECKOUT_WORDS: Final = frozenset({"paiement", "payment", "checkout", "panier", "basket", "cart"})


#: Words a code or a voucher is named with (a cheap test before PROMO_CODE, NAMED_CODE, VOUCHER).
_CODE_GATE: Final = frozenset({"code", "codes", "coupon", "coupons", "voucher", "vouchers", "promo", "promocode",
                               "bon", "bons", "carte", "cartes", "cheque", "cheques", "gift", "giftcard", "giftcards",
                               "avoir", "credit", "reduction", "discount", "certificate", "certificates"})


def _codes_named(tokens: list[Token]) -> bool:
    """Whether a word a code or a voucher is named with is there at all (in a compound too: "carte-cadeau")."""
    return any(t.folded in _CODE_GATE or "-" in t.folded and not _CODE_GATE.isdisjoint(t.folded.split("-"))
               for t in tokens)


def _promo_topics(tokens: list[Token], fam: dict[str, list[Hit]], topic_first: dict[str, int], text: str) -> None:
    """A promo code named by its name ("Le code NOEL20 ne marche pas", "Code XMAS20 doesn't work") is a price matter,
    like "code promo"; a code or a voucher out of date ("Coupon LOVE15 expired") is no product gone off. In place."""
    named = None
    if "pricing" not in topic_first:
        # "Le code NOEL20 ne marche pas"; "My voucher was refused at checkout": a code or a voucher refused
        named = NAMED_CODE.search(text)
        if named is None and CODE_REFUSED.search(text) is not None:
            named = PROMO_CODE.search(text) or VOUCHER.search(text)
    if named is not None:
        topic_first["pricing"] = next((i for i, t in enumerate(tokens) if t.start >= named.start()), 0)
    # "Mon code BIENVENUE10 est refusé au paiement": the payment is where the code was refused, not a charge
    billing = fam.get("topic:billing", [])
    if "billing" in topic_first and "pricing" in topic_first and billing \
            and all(h.first == h.last and tokens[h.first].folded in _CHECKOUT_WORDS for h in billing) \
            and (PROMO_CODE.search(text) is not None or VOUCHER.search(text) is not None):
        del topic_first["billing"]
    quality = fam.get("topic:product_quality", [])
    if "product_quality" in topic_first and "pricing" in topic_first and quality \
            and all(h.first == h.last and tokens[h.first].folded in _EXPIRY_WORDS for h in quality) \
            and (PROMO_CODE.search(text) is not None or VOUCHER.search(text) is not None):
        del topic_first["product_quality"]


#: Words that name the brand itself ("Worst company ever", "marque de merde", "boîte pourrie").
_BRAND_NOUNS: Final = frozenset({"company", "companies", "brand", "brands", "firm", "business", "corporation", "corp",
                                 "outfit", "boite", "marque", "marques", "entreprise", "societe", "enseigne",
                                 "compagnie", "boiboite"})
#: "Worst customer experience ever", "votre expérience client": the experience of the brand (not "the worst experience of
#: my life").
_EXPERIENCES: Final = frozenset({"experience", "experiences", "service"})
_EXPERIENCE_OF_BRAND: Final = frozenset({"customer", "client", "shopping", "user", "your", "ur", "votre"})
#: Words a bare verdict may hold besides its judgement ("C'est vraiment nul", "Worst. Company. Ever.", "So pathetic").
_VERDICT_FILLERS: Final = frozenset({"c", "est", "ca", "vraiment", "trop", "franchement", "tellement", "completement",
                                     "juste", "carrement", "totalement", "grave", "purement", "simplement", "quel",
                                     "quelle", "une", "un", "de", "d", "la", "le", "l", "du", "so", "just", "really",
                                     "totally", "absolutely", "utterly", "simply", "the", "a", "an", "ever", "of",
                                     "all", "time", "what", "such", "this", "is", "it", "s", "honestly", "seriously",
                                     "srsly", "pure", "plain", "absolument", "sincerement", "honnetement"})
#: How negative a word must be to be a verdict ("worst", "nul", "pathetic", "de merde"; not "bof", "disappointing").
_VERDICT: Final = -2.0


def _verdict_on_brand(tokens: list[Token], hits: list[Hit], reading: SentimentReading) -> bool:
    """A blunt verdict on the brand, with no failure told: "Worst. Company. Ever.", "Marque de merde", "Nul à chier",
    "Pathetic.". The judgement is strong (a word of valence -2 or less) and either names the brand itself (a brand noun:
    "company", "marque", "boîte") or is all the comment says, under the brand's post. A verdict on something else
    ("Worst day ever", "Nul à chier le match hier soir") is no complaint to the brand."""
    verdicts = [c.hit for c in reading.contributions if c.hit.family == "sentiment" and c.valence <= _VERDICT
                and c.negated_by is None]
    if not verdicts:
        return False
    words = [(i, t.folded) for i, t in enumerate(tokens) if t.kind == "word"]
    # the brand named next to the verdict ("Worst. Company. Ever.", "marque de merde"; not "une entreprise privée
    # italienne" a sentence away)
    if any((form in _BRAND_NOUNS or form in _EXPERIENCES and i > 0 and tokens[i - 1].folded in _EXPERIENCE_OF_BRAND)
           and any(-3 <= h.first - i <= 3 for h in verdicts) for i, form in words):
        return True
    judged = {i for h in verdicts for i in range(h.first, h.last + 1)} | {
        i for h in hits if h.family in ("insult", "insult:judgement", "profanity", "booster")
        for i in range(h.first, h.last + 1)}
    return all(i in judged or form in _VERDICT_FILLERS for i, form in words)


#: A delivery promise the brand's ad made, called a lie (see lexicon.LYING_AD).
_AD_BROKEN = Entry(("ad", "broken"), "problem", 1.0)
#: The words of an ad ("pub mensongère", "false advertising" name an ad's claim, a product's by default).
_AD_WORDS: Final = frozenset({"pub", "pubs", "publicite", "publicites", "ad", "ads", "advert", "adverts", "advertising",
                              "advertisement", "advertisements", "reclame", "reclames", "annonce", "annonces", "spot",
                              "spots", "commercial", "commercials"})


def _advertised_delivery(text: str, tokens: list[Token], marks: list[int], supposed: set[int]) -> Hit | None:
    """An ad's delivery promise called a lie ("La pub dit 48h… Mensonger.", "The ad said next day delivery. False
    advertising."), as a problem hit on the ad's words, or None (no lie said: "La pub dit 48h, reçu en 24h, top !")."""
    promise = LYING_AD.search(text)
    if promise is None or AD_LIE.search(text) is None:
        return None
    at = [i for i, t in enumerate(tokens) if promise.start() <= t.start < promise.end()]
    if not at or at[0] in (supposed or (_supposed(tokens, marks) if marks else set())):
        return None
    return Hit(at[0], at[-1], _AD_BROKEN, _AD_BROKEN.family)


#: An order's status words in the brand's pipeline ("processing", "en préparation", "awaiting dispatch"): stuck there,
#: the order is not shipped, a delivery matter unless a refund, a bill or an account is named.
_PIPELINE: Final = frozenset({"processing", "preparation", "dispatch", "expedition"})
_AWAITED_TOPICS: Final = frozenset({"delivery", "returns_refunds", "billing", "account"})
#: A code or a voucher refused, named: the failure the complaint is about (see lexicon.CODE_REFUSED).
_CODE_REFUSED = Entry(("code", "refused"), "problem", 1.0)


def _code_refused(text: str, tokens: list[Token], marks: list[int], supposed: set[int]) -> Hit | None:
    """The words saying that the code or voucher the comment names was refused ("est refusé", "expired", "won't apply"),
    as a problem hit, or None: not in a sentence that asks ("Le code NOEL20 a-t-il expiré ?") nor in a condition
    supposed ("Si le code est refusé, je fais comment ?")."""
    found = CODE_REFUSED.search(text)
    if found is not None and marks:
        sentence = _sentence_of(tokens)
        at = [i for i, t in enumerate(tokens) if found.start() <= t.start < found.end()]
        if at and sentence[at[0]] in {sentence[m] for m in marks}:
            found = None
    if found is None:   # "Why isn't my code SPRING25 working??": said not to work, asked or not
        found = CODE_NOT_WORKING.search(text)
    if found is None:
        return None
    at = [i for i, t in enumerate(tokens) if found.start() <= t.start < found.end()]
    if not at or at[0] in (supposed or (_supposed(tokens, marks) if marks else set())):
        return None
    return Hit(at[0], at[-1], _CODE_REFUSED, _CODE_REFUSED.family)


#: A parcel left unattended and lost, named: the failure the complaint is about (see lexicon.LEFT_AND_LOST).
_LEFT_AND_LOST = Entry(("left", "lost"), "problem", 1.0)
#: Words that deny the loss right before its word ("rien n'a disparu", "nothing was stolen", "it wasn't gone").
_LOSS_DENIED: Final = frozenset({"pas", "n", "ne", "rien", "not", "never", "nothing", "wasn", "isn", "t", "jamais"})


def _left_and_lost(text: str, tokens: list[Token], marks: list[int], supposed: set[int]) -> Hit | None:
    """The word saying a parcel left unattended is lost, as a problem hit, or None: not denied ("rien n'a disparu"),
    not asked ("S'il est volé, je fais comment ?") nor supposed."""
    found = LEFT_AND_LOST.search(text)
    if found is None:
        return None
    at = [i for i, t in enumerate(tokens) if found.start(1) <= t.start < found.end(1)]
    if not at or any(t.folded in _LOSS_DENIED for t in tokens[max(0, at[0] - 3):at[0]]):
        return None
    if at[0] in (supposed or (_supposed(tokens, marks) if marks else set())):
        return None
    if marks:
        sentence = _sentence_of(tokens)
        if sentence[at[0]] in {sentence[m] for m in marks}:
            return None
    return Hit(at[0], at[-1], _LEFT_AND_LOST, _LEFT_AND_LOST.family)


def _tasted(tokens: list[Token], hit: Hit) -> bool:
    """Whether a one-word harm hit is a taste: a taste word just before it ("tastes burnt", "goût de brûlé")
    or just after it ("burnt taste")."""
    if hit.first != hit.last:
        return False
    before = [t.folded for t in tokens[max(0, hit.first - 2):hit.first] if t.kind == "word"]
    after = tokens[hit.last + 1].folded if hit.last + 1 < len(tokens) else ""
    return not _TASTE.isdisjoint(before) or after in _TASTE
#: Topics naming the author's own dealings with the brand ("my order", "my account", "ma facture").
_OWN_DEALINGS = frozenset({"topic:delivery", "topic:billing", "topic:account", "topic:returns_refunds"})
#: Spam cues that ask the reader to follow the author: promotion when offered to all ("follow me i
#: follow back 100%", "suivez moi je suis 100% en retour"), a request when asked politely of someone.
_FOLLOW_ME = frozenset({("follow", "me"), ("suivez-moi",), ("suivez", "moi")})


def _sentence_of(tokens: list[Token]) -> list[int]:
    """The index of the sentence each token belongs to."""
    ids, current = [], 0
    for token in tokens:
        ids.append(current)
        if token.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in token.text):
            current += 1
    return ids


def _follow_asked(tokens: list[Token], spam: list[Hit], asks: list[Hit]) -> list[Hit]:
    """"@x please follow me", "suivez-moi svp, je vous adore", "@x follow me": the follow cues asked with a
    request word of weight 2 in the same sentence ("please", "can you", "svp", "pouvez-vous"), or said
    first thing to the one person a reply opens with (a handle), when they are the comment's only spam
    cues ("follow me, I follow back" offers an exchange: promotion; "follow me for daily deals", to all)."""
    if not spam or any(h.entry.tokens not in _FOLLOW_ME for h in spam):
        return []
    sentence = _sentence_of(tokens)
    polite = {sentence[h.first] for h in asks if h.entry.weight >= 2}
    # "@x follow me", "@x follow me back", "@x @y suivez-moi !": the whole sentence right after the handles
    # the comment opens with
    opening = next((i for i, t in enumerate(tokens) if t.kind != "handle"), len(tokens))
    cue = spam[0]
    if opening and len(spam) == 1 and cue.first == opening:
        rest = next((t for t in tokens[cue.last + 1:] if t.kind == "word" and t.folded not in ("back", "aussi")
                     or t.kind in ("punct", "other") and any(ch in _SENTENCE_END for ch in t.text)), None)
        if rest is None or rest.kind != "word":
            polite.add(sentence[opening])
    if not all(sentence[h.first] in polite for h in spam):
        return []
    return [Hit(h.first, h.last, _FOLLOW_REQUEST, _FOLLOW_REQUEST.family) for h in spam]


_FOLLOW_REQUEST = Entry(("follow",), "request", 2.0)

#: Redirects to a rival instead of the brand ("Allez plutôt chez X", and "Go to X instead" found by _redirected):
#: whatever they praise is the rival; toward the brand they are blame.
_REDIRECTS = frozenset({("allez", "plutot", "chez"), ("passez", "plutot", "chez"), ("achetez", "plutot", "chez"),
                        ("commandez", "plutot", "chez")})
_REDIRECT = Entry(("instead",), "competitor", 1.0)
_SWITCHED = Entry(("switched",), "competitor", 2.0)
#: ("try Firefox instead", "use Chrome instead" are advice about the brand's own service: not redirects)
_REDIRECT_VERBS = frozenset({"go", "shop", "buy", "order", "switch", "allez", "passez", "achetez", "commandez", "foncez",
                             "filez", "courez", "va", "achete", "commande", "fonce", "file", "cours"})
#: Sizes written in capitals ("order an XL instead"): no rival's name.
_SIZES = frozenset({"XS", "S", "M", "L", "XL", "XXL", "XXXL", "2XL", "3XL"})
_REDIRECT_OPENERS = frozenset({"just", "honestly", "seriously", "so", "or", "better", "guys", "people", "everyone",
                               "y'all", "yall", "lol", "lmao", "franchement", "perso", "sinon", "bref", "moi", "et",
                               "and", "mdr", "svp", "alors"})
_REDIRECT_PLACES = frozenset({"to", "at", "from", "with", "on", "chez", "sur"})
#: Words that open a second clause ("Save your money and buy from Costco instead").
_CLAUSE_LINKS_OR = frozenset({"and", "&", "et", "or", "ou", "but", "mais", "then", "puis"})
#: Words right after the place word that name no rival: determiners, pronouns ("allez chez le médecin", "buy from the
#: website", "allez chez vous", "go to your account").
_NOT_RIVALS = frozenset({"the", "a", "an", "your", "ur", "my", "our", "their", "this", "that", "these", "those", "you",
                         "u", "me", "us", "them", "it", "here", "there", "le", "la", "les", "l", "un", "une", "des", "du",
                         "de", "d", "votre", "vos", "ton", "ta", "tes", "mon", "ma", "mes", "notre", "nos", "leur",
                         "leurs", "ce", "cet", "cette", "ces", "vous", "toi", "moi", "nous", "eux", "lui", "elle",
                         "elles", "soi", "i", "instead", "plutot"})
#: What a redirect said plainly praises the rival with ("allez chez decathlon c'est mieux", "just buy from amazon, way
#: cheaper", "shop at lidl, half the price"): without "instead" or "plutôt", the comparison makes it a redirect.
_COMPARED = frozenset({"better", "cheaper", "faster", "quicker", "best", "cheapest", "mieux", "meilleur", "meilleure",
                       "meilleurs", "meilleures", "moins", "less", "half", "moitie"})

#: Second verbs of looking between a redirect's verb and its place ("allez voir chez", "go check out", "go look at").
_LOOK_VERBS = frozenset({"voir", "check", "out", "look", "at"})
#: What a redirect says of the author's own switch ("Switch to Verizon, I did and never looked back", "passez chez Free,
#: aucun regret"): the rival praised through the author's move, as by a comparison.
_SWITCHED_GLADLY = frozenset({"regret", "regrets", "regrette", "regretted", "happier"})


def _redirected(tokens: list[Token], covered: set[int]) -> list[Hit]:
    """"Just go to Walmart instead", "Buy from Aldi instead", "shop at Lidl instead, way cheaper", and said plainly:
    "allez chez decathlon c'est mieux", "just buy from amazon, way cheaper": a sentence or clause that opens on a verb
    sending readers to a named place (after "to", "at", "from", "with", "chez", "sur" or not) and says "instead" (or
    "plutôt"), or compares ("mieux", "cheaper", "half the price"). The place is a rival's name: capitalised, or any word
    no lexicon entry reads (`covered`), not a determiner or a pronoun. "Go to settings instead", "order the M instead",
    "Allez chez le médecin si ça persiste", "Buy from the app, way cheaper" name no rival: advice, not a redirect."""
    sentence = _sentence_of(tokens)
    folded = [t.folded for t in tokens]
    found: list[Hit] = []
    for i, token in enumerate(tokens):
        if token.folded not in _REDIRECT_VERBS or token.kind != "word":
            continue
        # the verb opens its sentence or clause ("Save your money and buy from X instead"), openers aside
        k = i - 1
        while k >= 0 and tokens[k].kind == "word" and tokens[k].folded in _REDIRECT_OPENERS:
            k -= 1
        if k >= 0 and not (tokens[k].text in (",", "-", "–", "—", ":", ";") or sentence[k] != sentence[i]
                           or tokens[k].kind in ("emoji", "emoticon", "handle") or tokens[k].folded in _CLAUSE_LINKS_OR
                           or any(tokens[j].folded in _CLAUSE_LINKS_OR for j in range(k + 1, i))):
            continue
        words = [j for j in range(i + 1, min(len(tokens), i + 7)) if tokens[j].kind == "word"
                 and sentence[j] == sentence[i]]
        # "Allez voir chez Free", "va voir chez Lidl", "go check out Verizon", "go look at Aldi": a second verb of
        # looking stands between the verb and the place
        while words and tokens[words[0]].folded in _LOOK_VERBS:
            words = words[1:]
        if len(words) < 1:
            continue
        place = words[1] if tokens[words[0]].folded in _REDIRECT_PLACES and len(words) > 1 else words[0]
        if tokens[words[0]].folded in ("plutot", "instead") and len(words) > 2:   # "allez plutôt chez X"
            place = words[2] if tokens[words[1]].folded in _REDIRECT_PLACES else words[1]
        name = tokens[place].text
        if name in _SIZES or name == "I" or tokens[place].folded in _NOT_RIVALS:
            continue
        # a name in lower case only after a place word ("buy from amazon"; not "go for it, better than nothing")
        if not (name[:1].isupper() or place not in covered and len(name) > 2
                and tokens[place - 1].folded in _REDIRECT_PLACES):
            continue
        rest = folded[place + 1:]
        instead = "instead" in rest or "plutot" in folded[i:place]
        if instead and name[:1].isupper() and tokens[i].folded in ("go", "shop", "buy", "order", "switch"):
            end = place + 1 + rest.index("instead") if "instead" in rest else place
            found.append(Hit(i, end, _REDIRECT, _REDIRECT.family))
        elif instead or not _COMPARED.isdisjoint(rest):
            found.append(Hit(i, place, _REDIRECT, _REDIRECT.family))
        elif not _SWITCHED_GLADLY.isdisjoint(rest) \
                or any(rest[k] == "looked" and rest[k + 1] == "back" for k in range(len(rest) - 1)):
            # the author's own switch told as the proof ("I did and never looked back"): promotion whatever "I" says
            found.append(Hit(i, place, _SWITCHED, _SWITCHED.family))
    return found


#: What every duration holds: a space, then the start of its unit (a cheap test before DURATION_RE,
#: which tries its alternatives at every word boundary of the text).
_DURATION_UNIT = re.compile(r"(?i)[\s\d](?:jour|semaine|sem|mois|heure|an|day|week|month|hour|hr|year|min|h\b|j\b)")
#: The same three patterns without IGNORECASE, searched in the lowered text: they find the same spans there
#: (see lexicon.odd_case) at about half the cost (a case-blind literal lowers each letter it is compared with).
#: The units' test is written as a tree of their first letters ("hour", "heure", "hr" and "h" under "h").
_DURATION_UNIT_LOWER = re.compile(r"[\s\d](?:j(?:our|\b)|sem|m(?:ois|onth|in)|h(?:eure|our|r|\b)|an|day|week|year)")
_DURATION_LOWER = re.compile(DURATION_RE.pattern.replace("(?i)", "", 1))
_LYING_AD_LOWER = re.compile(LYING_AD.pattern.replace("(?i)", "", 1))


def durations(text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """The spans of the durations the text counts; a delivery time an ad promised ("La pub dit 48h", "your ad says
    2-day delivery") is a promise, not a wait nor a delay. `lowered`: text.lower(), if at hand."""
    if odd_case(text):
        unit, duration, lying_ad, searched = _DURATION_UNIT, DURATION_RE, LYING_AD, text
    else:
        unit, duration, lying_ad = _DURATION_UNIT_LOWER, _DURATION_LOWER, _LYING_AD_LOWER
        searched = text.lower() if lowered is None else lowered
    if unit.search(searched) is None:
        return []
    spans = [m.span() for m in duration.finditer(searched)]
    if spans:
        promised = [m.span() for m in lying_ad.finditer(searched)]
        if promised:
            spans = [(start, end) for start, end in spans if not any(a <= start and end <= b for a, b in promised)]
    return spans


def _normalised(tokens: list[Token]) -> str:
    return " ".join(t.folded for t in tokens if t.kind in ("word", "number"))


def _same_person(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    for key in ("handle", "name"):
        x, y = a.get(key), b.get(key)
        if x and y and fold(str(x)).lstrip("@") == fold(str(y)).lstrip("@"):
            return True
    return False


def _thread_signals(comment: dict[str, Any], tokens: list[Token],
                    lexicon_match: Any) -> tuple[bool, bool, list[str]]:
    """(someone else in the thread gave advice, the comment copies another message verbatim, helper names)."""
    thread = comment.get("thread") or []
    author = comment.get("author")
    advice = False
    copied = False
    helpers: list[str] = []
    if not thread:
        return False, False, helpers
    mine = _normalised(tokens)
    for message in thread:
        if not isinstance(message, dict):
            continue
        other_text = str(message.get("text") or "")
        if message.get("is_brand"):
            continue
        if _same_person(message.get("author"), author):
            continue
        other_tokens = tokenize(other_text)   # once per message: compared, then matched
        if len(mine) >= 20 and _normalised(other_tokens) == mine:
            copied = True
        hits = lexicon_match(other_tokens)
        if any(h.family == "solution_hint" for h in hits):
            advice = True
            who = (message.get("author") or {}).get("name") or (message.get("author") or {}).get("handle")
            if who:
                helpers.append(str(who))
    return advice, copied, helpers


#: Words of a malfunction that say nothing of what fails ("ça plante", "it keeps crashing", "Toujours en panne…").
_BARE_FAILURES: Final = frozenset({"plante", "plantes", "plantent", "bug", "bugs", "beug", "beugs", "bugue", "buggue",
                                   "beugue", "bugge", "crash", "crashe", "crashes", "crashed", "crashing", "panne",
                                   "pannes", "down", "hs", "broken", "bugged", "buggy", "bugging", "freeze", "freezes",
                                   "frozen", "freezing", "lag", "lags", "lagging", "rame", "rament"})
#: Stems of a product burning or exploding inside a safety severity ("caught fire", "a pris feu", "exploded").
_BURNING: Final = ("fire", "feu", "flame", "explo", "enflam", "ignit")
#: Words of such a failure's phrase that name nothing either ("en panne", "keeps crashing", "est HS").
_BARE_FILLERS: Final = frozenset({"en", "keeps", "keep", "kept", "is", "it", "s", "est", "c", "ca", "encore", "toujours",
                                  "still", "again", "always", "constantly", "tout", "all", "completely", "totalement"})
#: Words before a noun: one of them (but before the failure itself: "sa bug", "this keeps crashing") names a thing.
_NAMING: Final = frozenset({"le", "la", "l", "les", "mon", "ma", "mes", "votre", "vos", "ton", "ta", "tes", "son", "sa",
                            "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "un", "une", "des", "du", "the", "my",
                            "your", "ur", "our", "his", "her", "their", "this", "that", "these", "those", "a", "an"})
#: Times after a determiner ("depuis ce matin", "since this morning"): when it fails, not what.
_WHEN_NOUNS: Final = frozenset({"matin", "soir", "midi", "aprem", "nuit", "week", "weekend", "moment", "jour", "jours",
                                "semaine", "mois", "morning", "evening", "night", "afternoon", "day", "days", "month",
                                "hour", "heure", "time", "fois"})


def _bare_failure(tokens: list[Token], specific: list[Hit], hits: list[Hit]) -> bool:
    """Whether every failure named is a bare malfunction word and nothing says what fails: no topic word outside them,
    no noun after a determiner ("ça plante", "sa bug grave depuis ce matin", "it crashed"; not "l'appli plante", "my
    card keeps getting declined")."""
    spans = [(h.first, h.last) for h in specific]
    if not spans or not all(any(tokens[k].folded in _BARE_FAILURES for k in range(a, b + 1))
                            and all(tokens[k].folded in _BARE_FAILURES or tokens[k].folded in _BARE_FILLERS
                                    or tokens[k].kind != "word" for k in range(a, b + 1)) for a, b in spans):
        return False
    if any(h.family.startswith("topic:") and not any(a <= h.first and h.last <= b for a, b in spans) for h in hits):
        return False
    firsts = {a for a, _ in spans}
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.folded in _NAMING and not (
                i + 1 in firsts and tokens[i + 1].folded in _BARE_FAILURES):
            nxt = next((t for t in tokens[i + 1:i + 2] if t.kind == "word"), None)
            if nxt is None or nxt.folded not in _WHEN_NOUNS:
                return False
    return True


#: Hits that make a clause about a problem, not praise: a failure, a failed or negated action, a bad word.
_TROUBLE = frozenset({"problem", "fail_verb", "negation", "vague_problem", "repetition", "insult",
                      "insult:judgement", "profanity", "threat", "boycott"})
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", "…"})


def _praised_in_passing(tokens: list[Token], hits: list[Hit], topics: list[str],
                        spans: list[tuple[int, int]]) -> set[str]:
    """Topics the complaint only praises on the way to its problem: "la livraison était rapide, mais le service
    client ne répond jamais", "Super produit, par contre la facture est fausse". A topic is praised in passing
    when every clause naming it (clauses end at a contrast word or at the end of a sentence) holds a positive
    word and nothing of a problem (failure, failed or negated action, negative word, duration), and another
    topic is left for the complaint. The drafts must not apologise for the delivery that went well."""
    if len(topics) < 2:
        return set()
    clause_of: list[int] = []
    clause = 0
    contrasts = {h.first for h in hits if h.family == "contrast"}
    for index, token in enumerate(tokens):
        if index in contrasts:
            clause += 1
        clause_of.append(clause)
        if token.kind != "word" and token.text[:1] in _CLAUSE_ENDS:
            clause += 1
    praise: set[int] = set()
    trouble: set[int] = set()
    for hit in hits:
        where = clause_of[hit.first]
        if hit.family == "sentiment":
            (praise if hit.entry.weight > 0 else trouble).add(where)
        elif hit.family in _TROUBLE or hit.family.startswith("severity:"):
            trouble.add(where)
    for start, _ in spans:
        trouble.update(clause_of[i] for i, token in enumerate(tokens) if token.start <= start < token.end + 1)
    praised = praise - trouble
    named: dict[str, set[int]] = {}
    for hit in hits:
        if hit.family.startswith("topic:"):
            named.setdefault(hit.family[6:], set()).add(clause_of[hit.first])
    passing = {topic for topic in topics if named.get(topic) and named[topic] <= praised}
    return passing if len(passing) < len(topics) else set()


#: An amount of money as written in a comment: "$49.99", "49,99 €", "£35", "120€", "20 euros".
_AMOUNT = re.compile(r"(?i)(?:[$€£]\s?(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s?(?:€|\$|£|euros?\b|eur\b|dollars?\b|"
                     r"usd\b|gbp\b|pounds?\b))")
#: Words of a charge taken (folded): what the brand took, as opposed to a price asked about.
_CHARGE_WORDS = frozenset({"charged", "charge", "charging", "overcharged", "billed", "bill", "bills", "invoice",
                           "invoiced", "debited", "preleve", "prelevee",
                           "preleves", "prelevement", "debite", "debitee", "facture", "facturee", "factures",
                           "facturation"})
#: Words that set the charge against what it should have been: "but my plan is", "instead of", "au lieu de".
_MISMATCH = frozenset({"but", "instead", "whereas", "while", "though", "although", "when", "supposed", "should",
                       "mais", "lieu", "alors", "tandis", "pourtant", "cense", "censee", "normalement", "devrait"})
_WRONG_CHARGE = Entry(("charge", "amount"), "problem", 1.0)


def _wrong_charge(text: str, tokens: list[Token]) -> Hit | None:
    """A charge that does not match the price agreed ("I was charged $49.99 but my plan is $29.99", "On m'a
    prélevé 49,99 € alors que mon forfait est à 29,99 €"): a charge word, two different amounts and a word that
    sets one against the other. It is the brand's billing error, even asked as a question; two prices alone
    ("Is the plan $29.99 or $49.99?") are no charge."""
    charge = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.folded in _CHARGE_WORDS), None)
    if charge is None or not any(t.kind == "word" and t.folded in _MISMATCH for t in tokens):
        return None
    amounts = {(m.group(1) or m.group(2)).replace(",", ".") for m in _AMOUNT.finditer(text)}
    return Hit(charge, charge, _WRONG_CHARGE, _WRONG_CHARGE.family) if len(amounts) >= 2 else None


#: A delivery counted in days since the order ("on day 6", "it's day 9", "au 8e jour", "on est au jour 5", "J+8"), and
#: the speed promised ("next day delivery", "livraison en 24h", "express"), when said.
_DAY_COUNT = re.compile(r"(?i)\b(?:day|jour)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:e|è|ème|eme|th|st|nd|rd)\s+(?:day|jour)\b"
                        r"|\bJ\s?\+\s?(\d{1,2})\b")
_DIGIT = re.compile(r"\d")
_PROMISED = ((Gated(re.compile(r"(?i)\b(?:next[- ]day|same[- ]day|overnight|24\s?h|le\s+lendemain|jour\s+m[eê]me)"),
                    ("next", "same", "overnight", "24", "lendemain", "jour")), 1),
             (Gated(re.compile(r"(?i)\b(?:48\s?h|2[- ]days?|two[- ]days?|express|prime|chronopost)"),
                    ("48", "2 day", "2-day", "two", "express", "prime", "chronopost")), 2),
             (Gated(re.compile(r"(?i)\b(?:72\s?h|3[- ]days?|three[- ]days?)"), ("72", "3 day", "3-day", "three")), 3))
#: Without a promise, how many days since the order make a delivery late.
_LATE_WITHOUT_PROMISE = 7


#: Days in a duration's unit ("3 semaines" is 21 days), and number words a duration may be written with.
_UNIT_DAYS = (("semaine", 7.0), ("sem", 7.0), ("week", 7.0), ("mois", 30.0), ("month", 30.0), ("an", 365.0),
              ("year", 365.0), ("jour", 1.0), ("day", 1.0), ("j", 1.0), ("d", 1.0), ("heure", 1 / 24), ("hour", 1 / 24),
              ("hr", 1 / 24), ("h", 1 / 24), ("min", 1 / 1440))
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "dix": 10, "quinze": 15, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
                 "ten": 10}
_DURATION_PARTS = re.compile(r"(?i)(\d+|[a-zé]+)\s*([a-zéè]+)\s*$")


def _days(duration: str) -> float | None:
    """How many days a duration as written lasts ("10 jours" 10, "2 weeks" 14, "48h" 2), if it says."""
    match = _DURATION_PARTS.search(duration.strip())
    if match is None:
        return None
    number, unit = match.group(1).lower(), match.group(2).lower()
    count = float(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    if count is None:
        return None
    for prefix, days in _UNIT_DAYS:
        if unit.startswith(prefix):
            return count * days
    return None


def late_by_day_count(text: str, spans: list[tuple[int, int]] | tuple[()] = (), lowered: str | None = None) -> bool:
    """A delivery past the speed promised: counted in days ("Love how my next day delivery is on day 6",
    "Livraison garantie en 24h, on est au jour 5"), or a wait longer than the promise ("ma commande express au
    bout de 10 jours"; `spans` are the comment's waits, durations(text) less the speeds), or counted past a week
    without a promise ("J+9 et toujours rien"). "delivered on day 2" is no delay. `lowered`: text.lower(), if at hand."""
    if lowered is None:
        lowered = text.lower()
    counted = "day" in lowered or "jour" in lowered or "+" in text
    if not counted and not spans:
        return False
    # every day count holds a number: "day 6", "8e jour", "J+9" (a text without a digit has none)
    days = [float(next(g for g in m.groups() if g)) for m in _DAY_COUNT.finditer(text)] \
        if counted and _DIGIT.search(text) is not None else []   # what each of its matches holds
    if not days and not spans:
        return False
    promised = min((limit for pattern, limit in _PROMISED if pattern.search(text, lowered)), default=0)
    if promised:
        for start, end in spans:
            waited = _days(text[start:end])
            if waited is not None:
                days.append(waited)
    if not days:
        return False
    return max(days) > (promised or _LATE_WITHOUT_PROMISE - 1)


#: A charge the author says they never agreed to ("Was charged a fee I never agreed to", "On m'a prélevé 12€ que je
#: n'ai jamais autorisés", "billed for a subscription I didn't sign up for"): disputed, whatever it asks after ("what is
#: this for?", "c'est quoi ?"). Its cause is unknown, so no brand_error; but it is a grievance, not a question.
_DISPUTED_CHARGE: Final = Gated(re.compile(
    r"(?i)\b(?:charged|charges?|billed|debited|fee|fees|subscription|payment|pr[ée]lev[ée]e?s?|pr[ée]l[èe]vement"
    r"|d[ée]bit[ée]e?s?|factur[ée]e?s?|frais|abonnement|paiement)\b[^.!?\n]{0,40}?\b(?:"
    r"(?:i|we)\s+(?:never|didn[’']?t|did\s+not|have\s+never|never\s+ever)\s+(?:agreed?|authori[sz]ed?|approved?|"
    r"sign(?:ed)?\s+up|subscribed?|ask(?:ed)?|order(?:ed)?|consent(?:ed)?|accept(?:ed)?)\b"
    r"|(?:without|w/o)\s+my\s+(?:consent|permission|approval|authori[sz]ation|agreement)"
    r"|(?:je\s+n|j\s?n|on\s+n|nous\s+n)[’']?\s*(?:ai|a|avons)\s+(?:jamais|pas|rien)\s+(?:autoris|accept|demand|"
    r"command|valid|sign|souscrit|consenti)"
    r"|sans\s+mon\s+(?:accord|consentement|autorisation))"),
    # every match opens with a charge word: "charged", "prélevé", "frais"
    ("charge", "billed", "debit", "débit", "fee", "subscription", "payment", "prel", "prél", "factur",
     "frais", "abonnement", "paiement"))
#: An amount charged to do something, echoed as a bare question ("A $15 fee to talk to a human?", "10€ de frais pour
#: changer une date ?"): indignation at the charge, not a request for its price ("Is there a fee to change my
#: booking?" asks, with a verb and no amount).
_FEE_ECHOED: Final = re.compile(
    r"(?i)^\W*(?:(?:a|an|un|une|des)\s+)?(?:[$€£]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?(?:€|\$|£|euros?\b|"
    r"dollars?\b))\s*(?:(?:de\s+)?(?:fee|fees|charge|surcharge|frais|suppl[ée]ment))\s+(?:to|for|just\s+to|pour|juste"
    r"\s+pour)\b[^.!?\n]{2,60}\?+\W*$")
#: A charge the author does not recognise ("Prélèvement bizarre de 59,90 € ce matin, c'est quoi ??", "Unknown charge
#: of $12.99 on my card?"): disputed, a grievance whatever it asks; its cause unknown, no brand_error.
_ODD_CHARGE: Final = Gated(re.compile(
    r"(?i)\b(?:(?:pr[ée]l[èe]vements?|d[ée]bits?|charges?|payments?|transactions?|paiements?)\s+(?:[\w’'-]+\s+)?"
    r"(?:bizarres?|inconnus?|inexpliqu[ée]s?|myst[ée]rieux|suspects?|[ée]tranges?|weird|strange|unknown|mystery|"
    r"unexplained|unrecogni[sz]ed|suspicious|odd|random)"
    r"|(?:bizarres?|[ée]tranges?|weird|strange|unknown|mystery|unexplained|unrecogni[sz]ed|suspicious|odd|random)\s+"
    r"(?:[$€£]?\d+(?:[.,]\d{1,2})?\s?[$€£]?\s+)?(?:pr[ée]l[èe]vements?|d[ée]bits?|charges?|payments?|transactions?|"
    r"paiements?))\b"),
    # every match names the charge: "prélèvement bizarre", "unknown charge"
    ("prel", "prél", "debit", "débit", "charge", "payment", "transaction", "paiement"))
#: A bill said to be wrong ("Facture de 480 € ?! Y a forcément une erreur", "You've clearly estimated the reading
#: wrong"): disputed.
_WRONG_BILL: Final = Gated(re.compile(
    r"(?i)\b(?:(?:factur\w*|bills?|invoices?|relev[ée]s?|readings?|statements?|estimat\w*)\b[^.!?\n]{0,60}?\b(?:erreurs?|"
    r"errors?|wrong|mistakes?|incorrect|erron[ée]e?s?|faux|fausses?)"
    r"|(?:erreurs?|errors?|wrong|mistakes?|incorrect|erron[ée]e?s?)\b[^.!?\n]{0,40}?\b(?:factur\w*|bills?|invoices?|"
    r"relev[ée]s?|readings?|statements?|compteurs?|meters?))\b"),
    # every match names the bill: "facture", "relevé", "the reading"
    ("factur", "bill", "invoice", "relev", "relév", "reading", "statement", "estimat", "compteur", "meter"))
#: "Why does it take 10 days to answer an email?", "Pourquoi ça prend 3 semaines pour un remboursement ?": a wait
#: counted inside a why-question is reproach, not curiosity ("Why does the app need my location?" counts none).
_WHY_SO_LONG: Final = re.compile(
    r"(?i)\b(?:why\s+(?:does|do|did|is|would|should)\s+(?:it|you|u|they|your\s+\w+|this)\s+(?:always\s+|still\s+)?"
    r"(?:take|takes|taking|need|needs)"
    r"|pourquoi\s+(?:est-ce\s+qu[’']?\s*)?(?:[çc]a|cela|il|vous|vos\s+\w+|votre\s+\w+)\s+(?:prend|met|faut|mettez|"
    r"prenez)(?:-il)?"
    r"|pourquoi\s+(?:faut-il|faudrait-il))\b")


#: A harm linked to the brand's product by its cause ("vomi après votre compote", "a rash after using your cream", "malade
#: depuis qu'il a bu votre jus", "à cause de vos croquettes"): a single harm word is then a health or safety incident.
_CAUSED_BY_BRAND: Final = re.compile(
    r"(?i)\b(?:(?:after|since|from|because\s+of|due\s+to|caused\s+by)\s+(?:(?:eating|drinking|using|taking|applying|"
    r"wearing|trying|having|swallowing|consuming)\s+)?(?:[\w’'-]+\s+){0,2}?(?:your|ur)\b"
    r"|after\s+(?:eating|drinking|using|taking|applying|swallowing|consuming)\b"
    r"|(?:apr[èe]s|depuis|[àa]\s+cause\s+d[e'’]|en\s+(?:mangeant|buvant|utilisant|appliquant))\s*(?:(?:avoir|qu[e'’]\s*"
    r"(?:il|elle|ils|elles|j|je|on)\s*['’]?\s*(?:a|ai|ont)?)\s*(?:mang[ée]e?s?|bu|utilis[ée]e?s?|pris|appliqu[ée]e?s?|"
    r"go[ûu]t[ée]e?s?|consomm[ée]e?s?|aval[ée]e?s?)\s+)?(?:[\w’'-]+\s+){0,2}?(?:votre|vos|ton|ta|tes)\b"
    r"|apr[èe]s\s+avoir\s+(?:mang[ée]|bu|utilis[ée]|pris|appliqu[ée]|go[ûu]t[ée]|consomm[ée]|aval[ée])"
    # "Used your new face mask last night and woke up with burns", "j'ai appliqué votre crème, brûlures partout"
    r"|\b(?:used|ate|drank|tried|applied|took|wore|swallowed|gave\s+(?:him|her|them|my\s+\w+))\s+(?:[\w’'-]+\s+)?(?:your|ur)"
    r"|\b(?:utilis[ée]|mang[ée]|bu|essay[ée]|appliqu[ée]|pris|donn[ée]|aval[ée])\s+(?:[\w’'-]+\s+)?(?:votre|vos))\b")
#: The author's (or a relative's) own stay in hospital, told as the reason for something else ("I was in the hospital
#: so I missed the delivery", "j'étais à l'hôpital, je n'ai pas pu récupérer le colis"): no incident the brand caused,
#: unless a cause of the brand's is named (_CAUSED_BY_BRAND).
_HOSPITAL_STAY: Final = re.compile(
    r"(?i)\b(?:(?:was|were|been|am|is|are|being|['’]m|['’]s|['’]re|stuck|spent\s+\w+(?:\s+\w+)?)\s+(?:in|at)\s+(?:the\s+)?"
    r"(?:hospital|er|a&e|emergency\s+room|clinic)"
    r"|(?:[ée]tais|[ée]tait|[ée]taient|suis|est|sommes|[ée]t[ée]|pass[ée]\s+\w+(?:\s+\w+)?)\s+(?:[àa]\s+l['’]\s?h[ôo]pital|"
    r"aux\s+urgences|en\s+clinique|hospitalis[ée]e?s?))\b")
_HOSPITAL_WORDS: Final = frozenset({"hospital", "hopital", "er", "urgences", "clinic", "clinique", "hospitalise",
                                    "hospitalisee", "hospitalized", "hospitalised"})
#: "Mon avocat était pourri": the fruit of a food order, not a lawyer: words of food around it, none of a lawyer's.
_AVOCADO: Final = frozenset({"avocat", "avocats"})
_FRUIT_WORDS: Final = frozenset({"pourri", "pourris", "pourrie", "mur", "murs", "mure", "noir", "noirs", "noirci",
                                 "moisi", "moisis", "immangeable", "fruit", "fruits", "legume", "legumes", "guacamole",
                                 "salade", "toast", "tartine", "courses", "drive", "panier", "kilo", "kg", "filet",
                                 "rayon", "sushi", "sushis", "maki", "poke", "bowl", "mangue", "mangues", "banane",
                                 "bananes", "tomate", "tomates", "citron", "citrons", "oeuf", "oeufs", "graine", "noyau",
                                 "peau", "chair", "mange", "manger", "frais", "dur", "durs", "abime", "abimes"})
_LAWYER_WORDS: Final = frozenset({"justice", "tribunal", "plainte", "proces", "procedure", "juridique", "demeure",
                                  "contacter", "contactera", "contacte", "consulter", "consulte", "saisir", "saisi",
                                  "courrier", "lettre", "droit", "droits", "avocate", "poursuivre", "attaquer",
                                  "recevrez", "dossier", "juge"})
#: A regulator or a consumer body named ("Reported to the FTC", "CNIL prévenue", "je saisis la DGCCRF", "plainte à
#: l'UFC"): a legal escalation however calm the words (the lexicons' severity:legal entries holding one of these).
_REGULATORS: Final = frozenset({"dgccrf", "cnil", "arcep", "arcom", "acpr", "amf", "signalconso", "ufc", "choisir",
                                "mediateur", "conciliateur", "consommateurs", "fraudes", "defenseur", "concurrence",
                                "hygiene", "sanitaire", "ftc", "bbb", "bureau", "cfpb", "fcc", "ofcom", "ofgem", "fda",
                                "usda", "osha", "ombudsman", "regulator", "regulators", "standards", "consumer",
                                "inspector", "inspection", "department", "general"})
#: Severities that a plain question may name without threatening ("Êtes-vous déclarés à la CNIL ?").
_ASKABLE: Final = frozenset({"severity:legal"})
#: A queue at a shop's checkout or counter ("45 minutes de queue à la caisse", "waited 40 minutes in line at your
#: store"): a wait counted there (_LONG_QUEUE_MINUTES or more) is the store's failure.
_QUEUE: Final = re.compile(
    r"(?i)\b(?:queue|queued|queuing|queueing|file\s+d['’]\s?attente|(?:dans|en)\s+(?:la\s+)?file|caisses?|"
    r"(?:in|on)\s+(?:the\s+)?line|checkout|till|at\s+the\s+(?:register|counter|desk)|au\s+(?:comptoir|guichet)|"
    r"guichets?)\b")
_SHORT_WAIT: Final = re.compile(r"(?i)\b(?:only|just|barely|under|less\s+than|seulement|juste|[àa]\s+peine|moins\s+d[e'’]|"
                                r"que|qu['’])(?:\s+(?:waited|wait|queued|attendu|patient[ée]|for|de|d['’]))*\s*$")
_LONG_QUEUE_MINUTES: Final = 15.0
_QUEUED: Final = Entry(("queue",), "problem", 1.0)
#: A time the brand promised ("livraison promise en 48h", "promised delivery in 2 days", "garanti sous 24h",
#: "supposed to arrive in 3 days"): the promise, against which a longer wait is a promise broken.
_PROMISE_BEFORE: Final = re.compile(
    r"(?i)\b(?:promis(?:e|es)?|promised|promising|annonc[ée]e?s?|garantie?s?|guaranteed|advertised|cens[ée]e?s?\s+"
    r"(?:arriver|[êe]tre\s+(?:livr[ée]e?s?|l[àa]|exp[ée]di[ée]e?s?))|supposed\s+to\s+(?:arrive|come|ship|be\s+(?:delivered|"
    r"here|shipped))|estimated|quoted)\b[^.!?,;\n\d]{0,30}?$")
_PROMISE_BROKEN: Final = Entry(("promise", "broken"), "problem", 1.0)
#: Indignation asked as a question ("Vous trouvez ça normal de laisser vos clients sans internet ?", "Is this how you
#: treat loyal customers?", "How is this acceptable?"): a complaint, it asks nothing.
_INDIGNANT: Final = re.compile(
    r"(?i)\b(?:vous\s+trouvez\s+(?:[çc]a|cela)\s+(?:normal|acceptable|correct|logique|honn[êe]te|s[ée]rieux)"
    r"|(?:trouvez|pensez|croyez)[- ]vous\s+(?:que\s+)?(?:[çc]a|cela|c['’]\s?est)\s+(?:est\s+)?(?:normal|acceptable)"
    r"|depuis\s+quand\s+(?:c['’]\s?est|est-ce|[çc]a\s+est)\s+(?:normal|acceptable|permis|autoris[ée])"
    r"|(?:c['’]\s?est|est-ce)\s+comme\s+[çc]a\s+que\s+vous\s+(?:trait|remerci|parl)\w*"
    r"|(?:is|was)\s+(?:this|that|it)\s+(?:how|the\s+way)\s+you\s+(?:treat|thank|talk\s+to|reward)"
    r"|how\s+(?:is|was|can)\s+(?:this|that|it)\s+(?:be\s+)?(?:ok(?:ay)?|acceptable|normal|legal|fair|allowed)"
    r"|since\s+when\s+is\s+(?:it|this|that)\s+(?:ok(?:ay)?|acceptable|normal|fine|allowed|legal)"
    r"|do\s+you\s+(?:really\s+|honestly\s+|seriously\s+)?think\s+(?:this|that|it)(?:['’]s|\s+is)\s+(?:ok(?:ay)?|acceptable|"
    r"normal|fair))\b")
#: The same asked in a milder form ("C'est normal que ma commande mette 3 semaines ?", "Is it normal that my refund
#: takes a month?"): a complaint only with a wait counted or a failure named (else a real question: "Est-ce normal
#: que la batterie chauffe ?").
#: A price that rises ("augmente encore", "une hausse de plus", "prices went up again", "you raised the price"), and
#: the author's threat to leave over it ("je vais résilier", "I'm going to cancel my subscription").
_PRICE_RISE: Final = Gated(re.compile(
    r"(?i)\b(?:(?<!n['’])(?<!n['’] )augment(?:e|ent|era|eront|ation|ations|[ée]e?s?)\b|hausses?\b|(?:encore\s+)?plus\s+cher\b|"
    r"(?:prices?|subscription|plan|bill|fees?)\s+(?:has\s+|have\s+|just\s+|keeps?\s+)?(?:went|goes|going|gone|"
    r"increased|increases|increasing|rose|risen|rising|up)\b|price\s+(?:increase|hike|rise)s?\b|"
    r"(?:raised|raising|hiked|increased)\s+(?:the\s+|your\s+|its\s+|my\s+)?(?:prices?|subscription|fees?)\b|"
    r"more\s+expensive\b)"),
    # every rise names the price or the rise: "augmente", "hausse", "plus cher", "prices went up", "more expensive"
    ("augment", "hausse", "cher", "price", "subscription", "plan", "bill", "fee", "expensive"))
_LEAVING_OVER_PRICE: Final = re.compile(
    r"(?i)\b(?:je\s+vais|on\s+va|nous\s+allons|je\s+compte|j['’]\s?h[ée]site\s+[àa]|pr[êe]te?s?\s+[àa]|i['’]?m\s+going\s+to|"
    r"i['’]?ll|i\s+will|gonna|about\s+to|thinking\s+(?:of|about)|ready\s+to|time\s+to)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:r[ée]silier|me\s+d[ée]sabonner|nous\s+d[ée]sabonner|d[ée]sabonner|annuler|partir|aller\s+voir\s+ailleurs|"
    r"changer\s+d['’]\s?op[ée]rateur|cancel(?:l?ing)?|unsubscrib(?:e|ing)|quit(?:ting)?|leav(?:e|ing)|switch(?:ing)?)\b"
    # said in the present: "Je résilie mon abonnement", "je me désabonne", "I'm cancelling", "cancelling my plan"
    r"|\b(?:je|on)\s+(?:r[ée]silie|me\s+d[ée]sabonne|nous\s+d[ée]sabonnons|change\s+d['’]\s?op[ée]rateur)\b"
    r"|\bi['’]?m\s+(?:cancell?ing|leaving|switching|unsubscribing)\b|\bcancell?ing\s+(?:my|our|the)\b")
#: A fix or help asked of the brand ("can you fix it?", "could you help?", "please sort it out", "vous pouvez régler
#: ça ?", "pouvez-vous m'aider ?"): after a failure told with displeasure, the comment needs a fix.
_FIX_ASKED: Final = re.compile(
    r"(?i)\b(?:(?:can|could|will|would)\s+(?:you|u|someone|somebody|anyone)\s+(?:please\s+|pls\s+|plz\s+)?"
    r"(?:fix|repair|sort|solve|resolve|help|look\s+into)\b|please\s+(?:fix|sort|solve|resolve|help)\b"
    r"|(?:vous\s+pouvez|pouvez-vous|pouvez\s+vous|vous\s+pourriez|pourriez-vous|pourriez\s+vous|tu\s+peux|peux-tu)\s+"
    r"(?:svp\s+)?(?:m['’]\s?|nous\s+)?(?:r[ée]gler|r[ée]parer|corriger|r[ée]soudre|aider|arranger|d[ée]bloquer|"
    r"faire\s+quelque\s+chose)\b)")
_INDIGNANT_MILD: Final = re.compile(
    r"(?i)\b(?:(?:c['’]\s?est|est-ce|est\s+ce|est-ce\s+que\s+c['’]\s?est|c['’]\s?est\s+vraiment)\s+normal\s+(?:que|qu['’]|de|d['’])"
    r"|(?:is\s+it|is\s+this|it['’]s)\s+(?:really\s+)?(?:normal|acceptable|ok(?:ay)?)\s+(?:that|to|for))")


#: Words that make a harm one the author fears or guards against ("I don't want an allergic reaction", "afraid of
#: getting sick", "je ne veux pas être malade", "pour éviter une intoxication"), right before it.
_PRECAUTION: Final = re.compile(
    r"(?i)\b(?:don['’]?t\s+want|do\s+not\s+want|wouldn['’]?t\s+want|(?:afraid|scared|terrified|worried)\s+(?:of|about)|"
    r"to\s+avoid|avoid(?:ing)?|in\s+case\s+of|ne\s+veux\s+pas|veux\s+pas|voudrais\s+pas|peur\s+d['’e]?|"
    r"[ée]viter|risquer?)\s*(?:[\w’'-]+\s+){0,3}$")


def _misread_severities(text: str, tokens: list[Token], severity_hits: list[Hit]) -> set[int]:
    """The ids of severity hits the words around them contradict: "avocat" among words of food and none of a lawyer's
    (the fruit), a hospital word in the author's own stay told with no cause of the brand's."""
    dropped: set[int] = set()
    folded: set[str] | None = None
    for hit in severity_hits:
        if hit.family == "severity:legal" and not _AVOCADO.isdisjoint(hit.entry.tokens):
            if folded is None:
                folded = {t.folded for t in tokens}
            if not _FRUIT_WORDS.isdisjoint(folded) and _LAWYER_WORDS.isdisjoint(folded):
                dropped.add(id(hit))
        elif hit.family in ("severity:safety", "severity:health") and not _HOSPITAL_WORDS.isdisjoint(hit.entry.tokens) \
                and len(hit.entry.tokens) <= 2 and _HOSPITAL_STAY.search(text) is not None \
                and _CAUSED_BY_BRAND.search(text) is None:
            dropped.add(id(hit))
        elif hit.family in _HARM and own_ailment(text, tokens, hit) and _CAUSED_BY_BRAND.search(text) is None:
            dropped.add(id(hit))   # "J'avais une gastro, votre livreur a été adorable, merci": the author's context
        elif hit.family in _HARM and "?" in text and _PRECAUTION.search(
                text[max(0, tokens[hit.first].start - 50):tokens[hit.first].start]) is not None \
                and _CAUSED_BY_BRAND.search(text) is None:
            # "Does this contain nuts? I don't want an allergic reaction": a harm feared, asked about, has not happened
            dropped.add(id(hit))
    return dropped


#: Words before a duration that make it how long a product lasted ("a séché au bout d'une semaine", "broke after 2
#: weeks"), not a wait, unless what is awaited is named (_WAITED_FOR: "still no refund after 3 weeks").
_LIFETIME: Final = re.compile(r"(?i)\b(?:au\s+bout\s+d['’e]?|after|apr[èe]s)\s*$")
_WAITED_FOR: Final = frozenset({"delivery", "returns_refunds", "customer_service", "billing", "account"})


def _longest_wait(text: str, spans: list[tuple[int, int]], topics: list[str],
                  span_days: list[float | None]) -> float | None:
    """The longest wait counted, in days (0 when every duration is a product's lifetime; None when one says not how
    long): what makes a failure last (priority). `span_days`: _days of each span."""
    if not spans:
        return None
    awaited = not _WAITED_FOR.isdisjoint(topics)
    waits = [days for (a, b), days in zip(spans, span_days) if awaited or not _LIFETIME.search(text[max(0, a - 16):a])]
    if not waits:
        return 0.0
    return max((d for d in waits if d is not None), default=None)


def _queue_wait(text: str, spans: list[tuple[int, int]], span_days: list[float | None]) -> int | None:
    """The start of a wait of _LONG_QUEUE_MINUTES or more counted in a queue, in the same sentence, or None."""
    for (start, end), days in zip(spans, span_days):
        if days is None or days * 1440 < _LONG_QUEUE_MINUTES or days > 1:
            continue
        if _SHORT_WAIT.search(text[max(0, start - 16):start]):
            continue
        left = max(text.rfind(stop, 0, start) for stop in ".!?\n")
        rights = [i for i in (text.find(stop, end) for stop in ".!?\n") if i >= 0]
        if _QUEUE.search(text[left + 1:min(rights) if rights else len(text)]):
            return start
    return None


def _promise_broken(text: str, spans: list[tuple[int, int]], span_days: list[float | None]) -> int | None:
    """The start of a time promised ("livraison promise en 48h") when another wait counted is longer ("reçue au bout de
    10 jours", "still nothing after a week"), or None."""
    promised: list[tuple[int, float]] = []
    waited: list[float] = []
    for (start, end), days in zip(spans, span_days):
        if days is None:
            continue
        if _PROMISE_BEFORE.search(text[max(0, start - 40):start]):
            promised.append((start, days))
        else:
            waited.append(days)
    if not promised or not waited:
        return None
    start, days = min(promised, key=lambda p: p[1])
    return start if max(waited) > days else None


#: Verbs before "without X"/"sans X" in a question that ask what works without it, not report what is missing.
_CAPABILITY_VERBS: Final = frozenset({"use", "work", "works", "run", "runs", "utiliser", "fonctionner", "fonctionne",
                                      "marcher", "marche", "utilise", "tourner", "tourne"})


def classify(comment: dict[str, Any], text: str, tokens: list[Token], hits: list[Hit],
             reading: SentimentReading, failure_hits: list[Hit], lexicon_match: Any,
             spans: list[tuple[int, int]] | None = None, late: bool | None = None) -> Situation:
    """The comment's category, topics and flags; `spans` are its `durations(text)` when already found, `late`
    late_by_day_count(text, spans) when already known."""
    lowered = text.lower()   # for the case-blind patterns' gates (lexicon.Gated), lowered once
    # one pass over the hits: their families, the topics' first mentions, the harm words and where the
    # author's own dealings are named
    fam: dict[str, list[Hit]] = {}
    topic_first: dict[str, int] = {}
    harm_all: list[Hit] = []
    severity_hits: list[Hit] = []
    topic_starts: set[int] = set()
    for hit in hits:
        family = hit.family
        if family == "topic:product_quality" and hit.first == hit.last and tokens[hit.first].folded in BROKE \
                and said_of_self(tokens, hit.first):
            continue   # "I'm broke lol", "chu cassé ce mois-ci": the author's wallet, not a product
        grouped = fam.get(family)
        if grouped is None:
            fam[family] = [hit]
        else:
            grouped.append(hit)
        if family.startswith("topic:"):
            topic = family[6:]
            if topic in TOPICS and (topic not in topic_first or hit.first < topic_first[topic]):
                topic_first[topic] = hit.first
            if family in _OWN_DEALINGS:
                topic_starts.add(hit.first)
        elif family.startswith("severity:"):
            severity_hits.append(hit)
            if family in _HARM:
                harm_all.append(hit)
    get = lambda name: fam.get(name, [])  # noqa: E731   (for _toxicity; here fam.get, without the call)
    words = [t for t in tokens if t.kind == "word"]
    urls = [t for t in tokens if t.kind == "url"]
    handles = [t for t in tokens if t.kind == "handle"]
    if spans is None:
        spans = durations(text, lowered)
    if late is None:
        late = late_by_day_count(text, spans, lowered)
    span_days = [_days(text[start:end]) for start, end in spans]   # how long each lasts, read by three rules below
    if severity_hits:
        # "Mon avocat était pourri" (the fruit of a food order), "I was in the hospital so I missed the delivery" (the
        # author's stay, no incident of the brand's): no legal threat, no health or safety incident
        dropped = _misread_severities(text, tokens, severity_hits)
        if dropped:
            severity_hits = [h for h in severity_hits if id(h) not in dropped]
            harm_all = [h for h in harm_all if id(h) not in dropped]

    # ---- topics, in order of first mention, limited to the documented list
    if len(topic_first) > 1 or "delivery" in topic_first or "pricing" in topic_first:
        _refine_topics(tokens, fam, topic_first)
    journey = TRAVEL_DISRUPTION.search(text, lowered)   # searched once: read again below
    travel = journey is not None
    if travel or "technical" in topic_first or "billing" in topic_first or "pricing" in topic_first \
            or "customer_service" in topic_first and "delivery" in topic_first:
        _sector_topics(tokens, fam, topic_first, text, travel)
    if ("pricing" not in topic_first or "product_quality" in topic_first) and _codes_named(tokens):
        _promo_topics(tokens, fam, topic_first, text)
    topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))

    # A failure word the sentiment reading found negated ("nothing broken", "rien de cassé") names no failure.
    negated = {(c.hit.first, c.hit.last) for c in reading.contributions if c.negated_by is not None}
    # "Plus jamais de bug depuis la mise à jour", "l'appli ne plante plus", "No more crashes": a problem said to be
    # over (reading.gone) names none either
    gone, ending = reading.gone, reading.ending
    # "Nobody was rude to me", "personne n'a été désagréable": a multi-word problem whose negative word inside the
    # reading found negated is denied as a whole
    inside = [(c.hit.first, c.hit.last) for c in reading.contributions if c.negated_by is not None and c.valence > 0
              and c.hit.entry.weight < 0] if negated else []
    specific = [h for h in fam.get("problem", []) if (h.first, h.last) not in negated and h.first not in gone
                and not any(h.first <= a and b <= h.last for a, b in inside)]
    negated_fail = failure_hits
    # "What if the parcel arrives damaged?", "Si l'appli plante, suis-je débité deux fois ?": a failure
    # supposed in a question's condition has not happened (harm words still count: safety first)
    marks, rhetorical = question_marks(text, tokens)
    if marks and reading.answered:   # "Débité deux fois ? Non, une seule": a question its author answered asks nothing
        answered_marks = {m for _, m in reading.answered}
        marks = [m for m in marks if m not in answered_marks]
    if marks and reading.mocked:   # 'Votre livraison "rapide" ?': the "?" after praise echoed mocks, it asks nothing
        echoes = {h.last + k for h in reading.mocked if h.entry is ECHO_MOCKED for k in (1, 2)}
        marks = [m for m in marks if m not in echoes]
    if marks and specific:   # "Can I use the app without internet?", "ça fonctionne sans wifi ?": a capability asked
        specific = [h for h in specific if not (tokens[h.first].folded in ("without", "sans") and any(
            t.folded in _CAPABILITY_VERBS for t in tokens[max(0, h.first - 4):h.first])
            and any(m > h.last for m in marks))]
    supposed = _supposed(tokens, marks) if marks and (specific or negated_fail) else set()
    if supposed:
        specific = [h for h in specific if h.first not in supposed]
        negated_fail = [h for h in negated_fail if h.first not in supposed]
    # "is the app down or is it just me?", "Est-ce que le site est en panne ?": whether a service is out, asked with no
    # grievance, tells no failure (the outage topic stays)
    status = _status_asked(tokens, marks, reading) if marks and (specific or negated_fail) else set()
    if status:
        specific, negated_fail = _not_asked(specific, tokens, status), _not_asked(negated_fail, tokens, status)
        if reading.label == "negative":
            # all the displeasure is the outage word asked about (_status_asked): a question, neutral in tone
            reading.label, reading.score = "neutral", 0.0
    if specific and ("severity:health" in fam or "severity:safety" in fam) and THANKS_SAID.search(text) is not None:
        # "J'ai eu une intoxication alimentaire, votre équipe a été adorable, merci": the author's own illness, told as
        # the context of a thanks, names no failure either
        ill = fam.get("severity:health", []) + fam.get("severity:safety", [])
        specific = [h for h in specific if not (any(o.first <= h.first and h.last <= o.last for o in ill)
                                                and own_ailment(text, tokens, h)
                                                and _CAUSED_BY_BRAND.search(text) is None)]
    if specific:   # "you fixed the outage", "vous avez réparé la panne": a failure inside a phrase of praise is put right
        kind = [(c.hit.first, c.hit.last) for c in reading.contributions if c.valence > 0 and c.hit.last > c.hit.first]
        specific = [h for h in specific
                    if not any(a <= h.first and h.last <= b and h.last - h.first < b - a for a, b in kind)]
    if journey is not None and not specific:   # "Notre vol pour Lisbonne a été annulé": the disruption is the failure
        found = journey
        at = [i for i, t in enumerate(tokens) if found.start() <= t.start < found.end()]
        if at and at[0] not in supposed:
            specific = specific + [Hit(at[0], at[-1], _TRAVEL_DISRUPTED, _TRAVEL_DISRUPTED.family)]
    if not specific and _codes_named(tokens) \
            and (PROMO_CODE.search(text) is not None or VOUCHER.search(text) is not None):
        # "Le code NOEL20 est refusé", "Coupon LOVE15 expired": a code or a voucher refused is the failure
        refused = _code_refused(text, tokens, marks, supposed)
        if refused is not None:
            specific = specific + [refused]
    advertised = _advertised_delivery(text, tokens, marks, supposed) if ("delivery" not in topic_first or not specific) \
        and not _AD_WORDS.isdisjoint([t.folded for t in tokens]) else None
    if advertised is not None:
        # "La pub dit 48h… Mensonger.": the delivery time the ad promised was not kept; no product claim at stake
        specific = specific + [advertised]
        topic_first["delivery"] = min(advertised.first, topic_first.get("delivery", advertised.first))
        quality = fam.get("topic:product_quality", [])
        if "product_quality" in topic_first and all(not _AD_WORDS.isdisjoint(h.entry.tokens) for h in quality):
            del topic_first["product_quality"]
        topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))
    if spans and (len(spans) > 1 or "delivery" in topic_first):
        # "Livraison promise en 48h, reçue au bout de 10 jours": a time the brand promised, and a longer wait, is the
        # promise broken
        broken = _promise_broken(text, spans, span_days)
        if broken is None and "delivery" in topic_first and late \
                and any(pattern.search(text, lowered) for pattern, _ in _PROMISED) \
                and not any(_PROMISE_BEFORE.search(text[max(0, a - 40):a]) for a, _ in spans):
            # '"next day delivery" lol it's been 5 days': a speed promised by name, and a longer wait
            broken = spans[0][0]
        at = [i for i, t in enumerate(tokens) if broken is not None and t.start >= broken]
        if at and at[0] not in supposed:
            specific = specific + [Hit(at[0], at[0], _PROMISE_BROKEN, _PROMISE_BROKEN.family)]
    if spans and not specific:
        # "45 minutes de queue à la caisse", "waited 40 minutes in line at your store": the store's failure
        queued = _queue_wait(text, spans, span_days)
        at = [i for i, t in enumerate(tokens) if queued is not None and t.start >= queued]
        if at and at[0] not in supposed and not marks:
            specific = specific + [Hit(at[0], at[0], _QUEUED, _QUEUED.family)]
            if "store" not in topic_first:
                topic_first["store"] = at[0]
                topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))
    if "delivery" in topic_first and not specific:
        # "Le livreur a laissé mon colis sur le parking, il a disparu": left unattended and lost, the carrier's failure
        lost = _left_and_lost(text, tokens, marks, supposed)
        if lost is not None:
            specific = specific + [lost]
    wrong_charge = _wrong_charge(text, tokens) if "$" in text or "€" in text or "£" in text or any(
        t.folded in ("euros", "euro", "dollars", "eur", "usd", "pounds") for t in words) else None
    if wrong_charge is not None:   # "charged $49.99 but my plan is $29.99": the brand's billing error
        specific = specific + [wrong_charge]
        if "billing" not in topic_first:
            topic_first["billing"] = wrong_charge.first
            topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))
    if specific and _AWAITED_TOPICS.isdisjoint(topic_first) and any(
            not _PIPELINE.isdisjoint(h.entry.tokens) for h in specific):
        # 'Still "processing" after 2 weeks', 'Toujours "en préparation"': an order's status in the brand's pipeline,
        # stuck: the delivery (a refund or a payment named keeps its own topic: "Refund still processing")
        topic_first["delivery"] = min(h.first for h in specific if not _PIPELINE.isdisjoint(h.entry.tokens))
        topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))
    vague = fam.get("vague_problem", [])
    if vague:   # "pas déçu du tout", "jamais déçue par vos produits": negated, or inside a kind phrase
        kind = [(c.hit.first, c.hit.last) for c in reading.contributions if c.valence > 0]
        vague = [h for h in vague if (h.first, h.last) not in negated and h.first not in gone
                 and h.first not in ending
                 and not any(a <= h.first and h.last <= b for a, b in kind)]
    if vague and status:   # "c'est moi ou l'appli ne marche plus ?": whether it is out, asked
        vague = _not_asked(vague, tokens, status)
    # "Pouvez-vous supprimer mes données": data named as what to erase is a request, handled in private, not a leak
    # "Ma carte a été bloquée": a card blocked on its holder, not a card used by someone else
    blocked = CARD_BLOCKED.search(text) if harm_all else None
    if blocked is not None:
        harm_all = [h for h in harm_all if not (h.family == "severity:data_leak"
                                                and tokens[h.last].end > blocked.start()
                                                and tokens[h.first].start < blocked.end())]
    data_rights = bool(harm_all) and data_rights_request(tokens, hits)
    if data_rights:
        harm_all = [h for h in harm_all if h.family != "severity:data_leak"]
    # A single harm word ("fire", "hôpital", "doctor") is severe only in a context of failure or
    # displeasure; a specific phrase ("caught fire", "intoxication alimentaire") or two harm words are.
    # (not in a comment that reads positive: "the crew were incredible with my anxious toddler, thank you")
    displeasure = sum(c.valence for c in reading.contributions
                      if c.valence < 0 and not c.hit.family.startswith("severity:")) <= -1.0 \
        and reading.label != "positive"
    # "tastes burnt", "a burnt taste", "un goût de brûlé": a taste, not an injury
    if harm_all and not _TASTE.isdisjoint(t.folded for t in tokens):
        harm_all = [h for h in harm_all if not _tasted(tokens, h)]
    # a harm word inside a set phrase the reading took as a whole is that phrase ("les prix ont explosé")
    if harm_all:
        phrases = [(c.hit.first, c.hit.last) for c in reading.contributions
                   if c.hit.family == "sentiment" and c.hit.last > c.hit.first]
        harm_all = [h for h in harm_all
                    if not any(a <= h.first and h.last <= b and h.last - h.first < b - a for a, b in phrases)]
    # "my data", "mes données", "RGPD" only name the data ("Do you sell my data?" asks): like a single harm word, they
    # are a leak only next to a failure or displeasure ("my data leaked" names one itself)
    # "Ma fille a vomi après votre compote", "a rash after using your cream": a harm the author links to the brand's
    # product is meant, however calmly told
    caused = bool(harm_all) and _CAUSED_BY_BRAND.search(text) is not None
    harm = [h for h in harm_all if (len(h.entry.tokens) > 1 and h.entry.tokens not in DATA_NAMED)
            or (len(harm_all) > 1 and any(o.entry.tokens not in DATA_NAMED for o in harm_all))
            or displeasure or specific or negated_fail or vague
            or caused and h.entry.tokens not in DATA_NAMED]
    failure = bool(specific or negated_fail or harm)
    negative = reading.label == "negative"
    forms = {t.folded for t in words}
    addressed = not _SECOND_PERSON.isdisjoint(forms) or bool(handles)

    # ---- spam
    # "check my order", "can you check my account": the author's own business with the brand, not promotion
    spam_hits = [h for h in fam.get("spam", [])
                 if not (h.entry.tokens[-1] in _POSSESSIVE_1ST and h.last + 1 in topic_starts)]
    # "@x please follow me", "suivez-moi svp": a follow asked politely of someone is a request
    followed = _follow_asked(tokens, spam_hits, fam.get("request", []) + fam.get("question", [])) \
        if not urls else []
    if followed:
        spam_hits = []
    # A link in a comment that names no problem and no topic of the brand's business is promotion
    # (2 points: spam on its own); next to a problem it is usually a screenshot or a tracking page.
    about_brand = bool(failure or vague or topics)
    spam_score = sum(h.entry.weight for h in spam_hits) + (min(len(urls), 2) if about_brand else 2 * bool(urls))
    # A link or self-promotion is spam unless the comment is about a problem or a question to the brand.
    is_spam = spam_score >= 2 and not ((failure or vague) and spam_score < 4)
    spam_words = sum(h.entry.weight for h in spam_hits)

    # ---- toxicity and threats
    covered = {i for h in fam.get("profanity", []) + fam.get("insult", []) for i in range(h.first, h.last + 1)}
    fam.setdefault("profanity", []).extend(_masked_profanity(text, tokens, covered))
    if fam["profanity"] or "insult" in fam or "insult:judgement" in fam:
        things = [h for h in hits if h.family.startswith("topic:") and h.family[6:] in topics] + specific \
            + list(negated_fail) + vague + harm
        insults, threats = _toxicity(tokens, get, reading, things)
    else:       # no word that could insult: only threats
        insults, threats = [], fam.get("threat", [])
    toxic = bool(insults or threats)

    # ---- community answered
    advice, copied, helpers = _thread_signals(comment, tokens, lexicon_match)
    # ("I never found it", "je ne l'ai jamais trouvé": a fix denied says nothing was solved)
    resolved = [h for h in fam.get("resolved", []) if (h.first, h.last) not in negated] if negated \
        else fam.get("resolved", [])
    thanks = fam.get("thanks", [])
    community_hits: list[Hit] = []
    community = False
    if resolved and (advice or (handles and thanks)):
        community = True
        community_hits = resolved + thanks
    elif advice and thanks and not failure and not fam.get("pending") \
            and len(resolved) == len(fam.get("resolved", [])):   # ("I never found it, thanks anyway")
        # ("merci, je vais essayer ce soir", "will try that later, thx": a fix not yet tried answers nothing yet)
        community = True
        community_hits = thanks

    # ---- bad faith
    # "Mon code promo ne fonctionne pas", "my promo code isn't working": the customer's own code, failing, is a
    # complaint, not a referral ("utilisez mon code promo XYZ20" still is one)
    if (specific or negated_fail) and fam.get("competitor"):
        fam["competitor"] = [h for h in fam["competitor"] if not (
            tokens[h.first].folded in _POSSESSIVE_1ST or (h.first > 0 and tokens[h.first - 1].folded in _POSSESSIVE_1ST))]
    if not _REDIRECT_VERBS.isdisjoint(forms):
        covered = {i for h in hits if h.family != "competitor" for i in range(h.first, h.last + 1)}
        fam["competitor"] = fam.get("competitor", []) + _redirected(tokens, covered)
    personal = bool(fam.get("personal", []))
    # a cue inside a longer one is the same mention ("chez la concurrence" holds "la concurrence"; "allez chez"
    # is one more)
    competitor = fam.get("competitor", [])
    competitor = [h for h in competitor
                  if not any(o is not h and o.first <= h.first and h.last <= o.last
                             and o.last - o.first > h.last - h.first for o in competitor)]
    bad_faith_score = sum(h.entry.weight for h in competitor)
    boycott = fam.get("boycott", [])
    if boycott and not (personal and (failure or vague)):
        bad_faith_score += 2
    if copied:
        bad_faith_score += 2
    if fam.get("competitor", []) and urls:
        bad_faith_score += 1
    bad_faith = bad_faith_score >= 2
    # "Switch to X, they're way cheaper and actually deliver on time": the praise is the rival's; toward the
    # brand it says it is dearer and slower
    # "Service client nul, allez chez Boulanger ils sont bien meilleurs": the rival's praise only balanced the
    # brand's blame, which is what is left toward the brand
    # "Allez plutôt chez Decathlon, c'est moins cher et ils répondent, eux", "Just go to Walmart instead, cheaper":
    # a redirect says the same of the brand; told with no experience of the author's (nothing of theirs failed, no
    # wait counted, nothing lived), it promotes the rival
    redirect = any(h.entry is _REDIRECT or h.entry is _SWITCHED or h.entry.tokens in _REDIRECTS for h in competitor)
    if redirect and not (personal or failure or vague or spans):
        bad_faith = True
    if redirect and reading.label != "negative" or bad_faith and fam.get("competitor") and (
            reading.label == "positive" or (
            reading.label == "neutral" and any(c.valence < 0 for c in reading.contributions))):
        reading.label, reading.score = "negative", -0.3
        negative = True

    # ---- category
    # "Are you people stupid?", "Why are your agents such morons?", "Vous êtes débiles ou quoi ?": a question
    # that calls the person asked names insults, it asks nothing
    named = [h for h in insults if h.family.startswith("insult") and _said_to_you(tokens, h)]
    if named and marks:
        sentence = _sentence_of(tokens)
        abusive = {sentence[h.first] for h in named}
        marks = [m for m in marks if sentence[m] not in abusive]
    question_cue = bool(marks)
    # Each rule below needs a word token of its own among the comment's (an interrogative, an opening
    # auxiliary or a French inversion, a tag's pronoun or "pas", a conditional): without one it finds
    # nothing, and is skipped (as are the sentence starts and quotations nothing would read).
    asks = fam.get("question", []) + fam.get("request", [])
    aux_possible = not _OPENING_AUX.isdisjoint(forms) or any("-" in form for form in forms)
    starts = _sentence_starts(tokens) if asks or aux_possible else None
    asking = _asking(tokens, asks, rhetorical, _quoted_tokens(text, tokens), starts) if asks else []
    if not _WH_WORDS.isdisjoint(forms):
        asking += _inverted_wh(tokens, rhetorical, [h.first for h in asking])
    if aux_possible:
        asking += _inverted_aux(tokens, rhetorical, [h.first for h in asking], starts)
    if not _ELLIPTIC_OPENERS.isdisjoint(forms):
        if starts is None:
            starts = _sentence_starts(tokens)
        asking += _elliptic_openings(tokens, rhetorical, [h.first for h in asking], starts)
    if not _INDIRECT_GATE.isdisjoint(forms):
        if starts is None:
            starts = _sentence_starts(tokens)
        asking += _indirect_asks(tokens, rhetorical, [h.first for h in asking], starts)
    if not _IN_SITU.isdisjoint(forms):
        asking += _in_situ(tokens, rhetorical, [h.first for h in asking])
    if handles and tokens[0].kind == "handle":
        asking += _addressed_command(tokens, rhetorical, [h.first for h in asking])
    if not _WONDERING.isdisjoint(forms) or "wanted" in forms:
        asking += _wondered(tokens, rhetorical, [h.first for h in asking])
    if "know" in forms or "savoir" in forms:
        asking += _want_to_know(tokens, rhetorical, [h.first for h in asking], _quoted_tokens(text, tokens))
    if any(form.endswith(("-moi", "ez")) for form in forms):
        asking += _imperative_to_me(tokens, rhetorical, [h.first for h in asking], _quoted_tokens(text, tokens))
    if not _TAG_ENDS.isdisjoint(forms):
        asking += _tag_questions(tokens, rhetorical, {i for c in reading.contributions if c.valence
                                                      for i in range(c.hit.first, c.hit.last + 1)})
    # a favour asked next to promotion or a link is the promoter's ("it would mean a lot if you checked my
    # channel", "I'd appreciate it if you watched this https://...")
    asking += followed + (_favour_asked(tokens, rhetorical)
                          if not (spam_hits or urls or _CONDITIONALS.isdisjoint(forms)) else [])
    if asking and reading.answered:
        asking = [h for h in asking if not any(a <= h.first <= m for a, m in reading.answered)]
    if named and asking:
        sentence = _sentence_of(tokens)
        abusive = {sentence[h.first] for h in named}
        asking = [h for h in asking if sentence[h.first] not in abusive]
    if not (question_cue or asking or failure or vague or spam_hits or urls) and reading.label == "neutral" \
            and "?" not in text and "!" not in text and not _SERVICE_ASKED_GATE.isdisjoint(forms):
        asking += _service_asked(tokens)
    question = question_cue or bool(asking)
    # "Got a free evening, why not?", "Allez, pourquoi pas ?": "why not" closing the author's own words accepts;
    # it proposes nothing and asks nothing (question_marks leaves its "?" out)
    accepted = {h.first for h in fam.get("suggestion", []) if h.entry.tokens in (("why", "not"), ("pourquoi", "pas"))
                and any(first <= h.first <= last and _accepting(tokens, first, last) for first, last in rhetorical)} \
        if rhetorical and fam.get("suggestion") else set()
    # "how about adding a dark mode", "how about we just skip the box" propose; "what about my refund?", "how
    # about this one?", "what about you?" ask
    proposals = [h for h in fam.get("suggestion", []) if not (
        h.entry.tokens in (("how", "about"), ("what", "about")) and h.last + 1 < len(tokens)
        and not (tokens[h.last + 1].folded.endswith("ing") or tokens[h.last + 1].folded in ("a", "an", "some")
                 or h.entry.tokens[0] == "how" and tokens[h.last + 1].folded in ("we", "you", "u", "they", "i")))
        and not (question and (_asks_not_proposes(tokens, h) or _own_question(tokens, h)))
        and h.first not in accepted]
    suggestion = bool(proposals) and not failure
    # A negative question about a concrete failure is a complaint; otherwise a question stays a question.
    # A wait the author counts, said with displeasure ("j'attends mon colis depuis 3 semaines, il est où ?",
    # "3 weeks waiting for my order, where is it?"), is such a failure: the delay.
    # "Vous trouvez ça normal de laisser vos clients sans internet ?", "Is this how you treat loyal customers?":
    # indignation asked, a complaint; "C'est normal que ma commande mette 3 semaines ?": so with a wait or a failure
    indignant = "?" in text and (_INDIGNANT.search(text) is not None or bool(spans or failure or vague) and (
        _INDIGNANT_MILD.search(text) is not None)
        # "The new season pass is a total rip-off, $40 for three skins??", "+4 € par mois ?!": a grievance exclaimed as
        # a question, about the price
        or negative and ("pricing" in topic_first or "billing" in topic_first)
        and ("??" in text or "?!" in text or "!?" in text))
    delayed = (bool(spans) or late) and bool(_DELAY_TOPICS & set(topics)) \
        and (negative or reading.sarcasm or bool(spans) and bool(marks) and (
            _WHY_SO_LONG.search(text) is not None or indignant))
    # a letdown (weight < 1) makes no complaint of a question ("Really disappointed, can someone explain why the
    # price doubled?") nor of a comment that reads positive ("Never again will I shop elsewhere, love you guys")
    if question or reading.label == "positive":
        vague = [h for h in vague if h.entry.weight >= 1]
    # "It was so much better before", "Avant la recette était bien meilleure": a change regretted; "Quel plaisir
    # d'attendre 40 minutes pour un café tiède": a wait counted with sarcasm, whatever it was for
    # a charge disputed or echoed with indignation ("Was charged a fee I never agreed to, what is this for?", "A $15
    # fee to talk to a human?"): a grievance whatever it asks; no brand_error, its cause is unknown
    disputed = ("billing" in topic_first or "pricing" in topic_first) and (
        _DISPUTED_CHARGE.search(text, lowered) is not None or bool(marks) and _FEE_ECHOED.search(text) is not None
        or _ODD_CHARGE.search(text, lowered) is not None or _WRONG_BILL.search(text, lowered) is not None)
    # "Switch to Verizon, I never looked back": a rival promoted against the brand disparages it (bench/data/README.md)
    complaint = failure or delayed or disputed or indignant or bool(boycott and negative) \
        or redirect and bad_faith and negative or (bool(vague) and (negative or not question)) \
        or (bool(reading.regretted) or bool(spans) and reading.sarcasm and negative) and not question
    if not question and not (data_rights and not toxic):   # "Je veux supprimer mes données": a right, no grievance
        complaint = complaint or (negative and (bool(topics) or addressed)) or (toxic and addressed) \
            or (negative and not is_spam and _verdict_on_brand(tokens, hits, reading))
    # "Ma box augmente encore, je vais résilier", "Prices went up again, I'm going to cancel": a price rise and a threat to
    # leave over it are a grievance about the price, however calmly said
    if not complaint and "?" not in text:
        rise = _PRICE_RISE.search(text, lowered)
        if rise is not None and _LEAVING_OVER_PRICE.search(text) is not None:
            complaint = True
            at = [i for i, t in enumerate(tokens) if t.start >= rise.start()]
            if at and "pricing" not in topic_first:
                topic_first["pricing"] = at[0]
                topics = sorted(topic_first, key=lambda t: (topic_first[t], TOPICS.index(t)))
    # "The app is buggy again, can you fix it?", "My order is stuck, can you help?", "L'appli plante, vous pouvez régler
    # ça ?": a failure told with displeasure, then a fix or help asked, needs a fix: a complaint ("Can you help me find
    # my order number?" tells no failure and stays a question)
    if question and not complaint and negative and topics:
        fix = _FIX_ASKED.search(text)
        if fix is not None and any(c.valence < 0 and tokens[c.hit.last].end <= fix.start()
                                   for c in reading.contributions):
            complaint = True
    if community and not failure:
        complaint = False
    if is_spam and question and spam_words < 2:
        is_spam = False          # a question with a link (a screenshot, an article) is still a question
    if is_spam:
        category = "spam"
        topics = []   # a promotion is about the promoter's offer, not about the brand's business
        # The enthusiasm of a promotion ("Gagnez un smartphone gratuit 🔥") is about the promoter's
        # offer, not about the brand: toward the brand it says nothing.
        if reading.label == "positive":
            reading.label, reading.score = "neutral", 0.0
    elif complaint and not (suggestion and not negative):
        category = "complaint"
    elif suggestion:
        category = "suggestion"
    elif question:
        # "question" holds what a community manager has to answer: a request for information, or for an action
        # from the one addressed (a request: "please", "can you", "@acme refund me"). An invitation is one only
        # when addressed to someone ("@acme join us Saturday" wants a yes or no); "Join us for a week of
        # action", "RT if you agree", said to every reader, ask the brand nothing (see _DEALING_COMMANDS).
        category = "question"
    # "Merci Karim, ça remarche !", "Thanks Jake, clearing the cache fixed it!": thanks to another user whose fix
    # worked praise no one of the brand's (community_answered says it; the category is "other")
    elif reading.label == "positive" and not community and not (advice and thanks and not failure):
        # (nor "@Pauline merci, je vais essayer": thanks to a user for a fix not yet tried)
        category = "praise"
    elif data_rights:   # "I want to delete my data", "je veux récupérer mes données": a right exercised asks the brand
        category = "question"
    else:
        category = "other"

    # ---- flags
    # "never arrived / jamais reçu" names the failure; "ça marche pas" alone does not say what is wrong.
    named_failure = [h for h in negated_fail if h.entry.tokens[-1].rstrip("*") in _DELIVERY_VERBS
                     and not manage_to(tokens, h.last)]   # "je n'arrive pas à payer" names what failed elsewhere
    # "Vol annulé à cause de la tempête", "Flight cancelled due to the snowstorm": weather grounded the journey, no
    # error of the carrier's to admit (the traveller is still rebooked or refunded); what else failed still is one
    if travel and specific and WEATHER.search(text) is not None and WEATHER_DOUBTED.search(text) is None:
        specific_of_brand = [h for h in specific if not (
            h.entry is _TRAVEL_DISRUPTED or journey is not None
            and journey.start() <= tokens[h.first].start and tokens[h.last].end <= journey.end())]
    else:
        specific_of_brand = specific
    brand_error = category == "complaint" and bool(specific_of_brand or (named_failure and topics) or delayed)
    # "ça plante", "sa bug grave depuis ce matin", "it keeps crashing": a malfunction with nothing named that fails is
    # no error to admit yet; ask what fails
    bare = brand_error and not harm and not travel and not negated_fail and "resolved" not in fam \
        and _bare_failure(tokens, specific, hits)   # ("Réglé ? Non, toujours en panne": the failure is known)
    if bare:
        brand_error = False
    needs_more_info = (category in ("complaint", "question") and not brand_error and not harm
                       and (bool(vague) or bool(negated_fail) or (category == "complaint" and not topics and not travel)))
    if bare:
        needs_more_info = True
    if community:
        needs_more_info = False
    elif needs_more_info and (toxic or bad_faith) and not (vague or negated_fail):
        # "Bande d'escrocs, vous volez les gens", "Boycott! Never buy from them": abuse or a campaign with no problem
        # named is not an unclear problem report; there is nothing to ask its author about
        needs_more_info = False
    severities: list[str] = []
    severe_context = negative or category == "complaint" or toxic
    harm_ids = {id(h) for h in harm}
    for hit in severity_hits:
        name = hit.family.split(":", 1)[1]
        # ("Êtes-vous déclarés à la CNIL ?", "Do you have a legal team?": a question whose only displeasure is the
        # severity word itself asks, it threatens nothing)
        allowed = id(hit) in harm_ids if hit.family in _HARM else severe_context and (
            category != "question" or displeasure or hit.family not in _ASKABLE) or (
            # "Reported to the FTC.", "CNIL prévenue": a regulator named is a legal escalation, however calm
            hit.family == "severity:legal" and not _REGULATORS.isdisjoint(hit.entry.tokens)
            and reading.label != "positive" and category != "question")
        if allowed and name not in severities:
            severities.append(name)
    if threats and "violence" not in severities:
        severities.append("violence")
    escalate = bool(severities)
    if category == "complaint" and not brand_error and "safety" in severities and "product_quality" in topics and any(
            h.family == "severity:safety" and any(w.startswith(_BURNING) for w in h.entry.tokens)
            for h in severity_hits):
        # "le chargeur de cette marque a pris feu", "The heater you sold me caught fire", "la batterie a explosé pendant
        # la charge": a product that burns or explodes in a complaint is the brand's failure ("My house caught fire last
        # year, can I get my invoices?" names no product, and keeps its reading)
        brand_error, needs_more_info = True, False
        specific = specific + [h for h in severity_hits if h.family == "severity:safety"]
    if category == "complaint" and not brand_error and "discrimination" in severities \
            and ("customer_service" in topics or "store" in topics):
        # "Le vigile de votre magasin m'a fouillé parce que je suis noir", "Your shop assistant called me a thief because
        # I'm Black": discrimination by the brand's staff is the brand's error to admit
        brand_error, needs_more_info = True, False
        specific = specific + [h for h in severity_hits if h.family == "severity:discrimination"]

    reasons: dict[str, list[Hit]] = {
        "brand_error": specific + negated_fail if brand_error else [],
        "needs_more_info": vague + negated_fail if needs_more_info else [],
        "community_answered": community_hits if community else [],
        "suspected_bad_faith": fam.get("competitor", []) + boycott if bad_faith else [],
        "toxic": insults + threats if toxic else [],
        "escalate": [h for h in severity_hits
                     if h.family.split(":", 1)[1] in severities
                     and (h.family not in _HARM or id(h) in harm_ids)] + threats if escalate else [],
    }
    # the hits behind the category, built for that category only
    if category == "spam":
        category_hits = spam_hits + fam.get("competitor", [])
    elif category == "question":
        if starts is None:
            starts = _sentence_starts(tokens)
        category_hits = asking or [h for h in fam.get("question", []) + fam.get("request", []) if h.first in starts]
    elif category == "suggestion":
        category_hits = fam.get("suggestion", [])
    elif category == "complaint":
        category_hits = specific + vague + negated_fail + harm + reading.regretted
    else:
        category_hits = []
    reasons["category:" + category] = category_hits

    # ---- what the complaint is about, once its category is known
    if category == "complaint":
        passing = _praised_in_passing(tokens, hits, topics, spans)
        if passing:    # "livraison rapide mais le SAV ne répond jamais": the delivery went well
            topics = [topic for topic in topics if topic not in passing]
    # "Merci Karim, ça remarche !" under "Ma box clignote en rouge": a thanks for a fix that worked names no topic; the
    # problem it closes is the thread's first message, whose topics are the comment's
    if (community or advice and thanks and not failure) and not topics:
        opening = next((m for m in comment.get("thread") or [] if isinstance(m, dict) and not m.get("is_brand")), None)
        if opening is not None:
            first_seen: dict[str, int] = {}
            for hit in lexicon_match(tokenize(str(opening.get("text") or ""))):
                if hit.family.startswith("topic:") and hit.family[6:] in TOPICS and hit.family[6:] not in first_seen:
                    first_seen[hit.family[6:]] = hit.first
            topics = sorted(first_seen, key=lambda t: (first_seen[t], TOPICS.index(t)))
    # Anger with no words ("😡😡😡", "👎👎"): displeasure at the brand left unexplained, to be asked about
    if category == "other" and reading.label == "negative" and not toxic \
            and not any(token.kind == "word" for token in tokens):
        category = "complaint"
        needs_more_info = True
    # "The promo code WELCOME10 doesn't work at checkout": a code refused says what fails; the brand checks it and
    # applies the discount (no outage to report, nothing more to ask)
    if category == "complaint" and "pricing" in topics and (bool(failure_hits) or bool(specific) or any(
            h.family == "problem" for h in hits)) \
            and (PROMO_CODE.search(text) or VOUCHER.search(text)):
        brand_error, needs_more_info = True, False
        topics = [topic for topic in topics if topic != "technical"]
    if reading.mocked and category == "complaint" and not brand_error \
            and topics != ["pricing"]:   # "😂😂 your prices": the remark is clear
        # what went wrong is left to guess ("mdr vos délais"): ask, rather than promise a parcel search
        needs_more_info = True
    if category == "complaint" and reading.label != "negative":
        reading.label = "negative"
        reading.score = min(reading.score, -0.3)
    return Situation(
        category=category, topics=topics,
        flags={"brand_error": brand_error, "needs_more_info": needs_more_info,
               "community_answered": community, "suspected_bad_faith": bad_faith,
               "toxic": toxic, "escalate": escalate},
        severities=severities, reasons=reasons, durations=spans, urls=urls,
        longest_days=_longest_wait(text, spans, topics, span_days), disputed=category == "complaint" and disputed
        and _AMOUNT.search(text) is not None,
        copied_from_thread=copied, community_hits=community_hits,
    )

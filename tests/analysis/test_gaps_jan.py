"""Misreadings of the engine listed in January (fr + en), and the cheap tests that spare comments the searches they
cannot answer. Each case comes with a look-alike that must keep its reading, so that the fix stays a reading and not
a word list."""
from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from tests.analysis.reading import run, signals, step_ids
from worker.analysis import lexicon, situations


# ---- 0. the cheap tests in front of a search find what the search finds

_GATED_TEXTS = [
    "Vol annulé la veille, aucune info", "VOL ANNULÉ", "Notre train a été supprimé", "Flight delayed 6 hours",
    "flıght delayed 6 hours", "İNTERCİTÉS supprimés", "Correspondance ratée à Lyon", "missed my connecting flight",
    "le ferry a été annulé", "boarding delayed again", "ils ont supprimé notre TGV", "Ouigo retardé de 2h",
    "#vol annulé encore", "https://x.co/flight cancelled", "je suis en train de râler", "colis jamais reçu",
    "Livraison garantie en 24h, on est au jour 5", "next day delivery on day 6", "ma commande express au bout de 10 jours",
    "Two-day shipping my foot, it's been a week", "J+9 et toujours rien", "3-day delivery they said",
    "Chronopost 48h, 6 jours plus tard", "Prime member, parcel on day 5", "neXT-DaY delivery lol", "ſame day",
]


@pytest.mark.parametrize("text", _GATED_TEXTS)
def test_a_gated_search_finds_what_the_search_finds(text: str) -> None:
    gated = lexicon.TRAVEL_DISRUPTION
    found, expected = gated.search(text), gated.pattern.search(text)
    assert (found and found.span()) == (expected and expected.span())
    for promise, _ in situations._PROMISED:
        found, expected = promise.search(text), promise.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("text", _GATED_TEXTS + ["depuis 3 semaines", "plus d'une heure", "a few days", "45min", "14h30",
                                                  "2 h", "Deux SEMAINES", "ſix ſemaines"])
def test_the_duration_pattern_reads_as_before(text: str) -> None:
    before = re.compile(situations.DURATION_RE.pattern.replace("(?=[\\ddfopmutqcshae])", "", 1))
    assert [m.span() for m in situations.DURATION_RE.finditer(text)] == [m.span() for m in before.finditer(text)]


def _first_words(items: list, prefix: tuple = ("",)) -> set[tuple]:
    """Every sequence of words (None: any word) a parsed pattern can read, with its optional parts in or out."""
    paths = {tuple(prefix)}
    for op, av in items:
        if op is sre_constants.LITERAL and chr(av) == " ":
            paths = {p + ("",) for p in paths}
        elif op is sre_constants.LITERAL:
            paths = {p[:-1] + (None if p[-1] is None else p[-1] + chr(av),) for p in paths}
        elif op in (sre_constants.IN, sre_constants.NOT_LITERAL, sre_constants.ANY):
            paths = {p[:-1] + (None,) for p in paths}
        elif op is sre_constants.SUBPATTERN:
            paths = {q for p in paths for q in _first_words(list(av[3]), p)}
        elif op is sre_constants.BRANCH:
            paths = {q for p in paths for alternative in av[1] for q in _first_words(list(alternative), p)}
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = av
            out = set()
            for count in {low, min(high, low + 1)}:
                grown = set(paths)
                for _ in range(count):
                    grown = {q for p in grown for q in _first_words(list(body), p)}
                out |= grown
            paths = out
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
            continue
        else:
            raise AssertionError(f"unexpected op {op}")
    return paths


@pytest.mark.parametrize("index", range(len(situations._RHETORICAL_PATTERNS)))
def test_each_rhetorical_pattern_holds_one_of_its_listed_words(index: int) -> None:
    pattern, words = situations._RHETORICAL_PATTERNS[index], situations._RHETORICAL_PATTERN_WORDS[index]
    for path in _first_words(list(sre_parse.parse(pattern))):
        assert words & {w for w in path if w}, (pattern, path)


@pytest.mark.parametrize("text", [
    "What more could you ask for?", "Who wouldn't love that?", "Could your service be any slower?",
    "C'est quoi ce prix ???", "Y'a quelqu'un au service client ou pas ?", "Is anyone even reading this?",
    "Vous trouvez ça normal ?", "Dites-moi que c'est une blague", "How is this acceptable?",
])
def test_rhetorical_formulas_are_still_found(text: str) -> None:
    words = [t.folded for t in situations.tokenize(text) if t.kind == "word"]
    assert situations._rhetorical_search(words)


# ---- 1. praise of how it was before regrets a change: a complaint, about the product when one is named

@pytest.mark.parametrize("text, topics", [
    ("Avant la recette était bien meilleure", ["product_quality"]),
    ("Le goût était tellement meilleur avant", ["product_quality"]),
    ("Vos croissants étaient tellement meilleurs avant", []),
    ("L'ancienne formule était bien meilleure que la nouvelle", ["product_quality"]),
    ("C'était mieux avant.", []),
    ("It was so much better before", []),
    ("The old recipe was so much better", ["product_quality"]),
    ("Your coffee used to be way better", ["product_quality"]),
])
def test_praise_of_the_past_regrets_a_change(text: str, topics: list[str]) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert result["topics"] == topics
    assert not result["flags"]["brand_error"]
    assert result["flags"]["needs_more_info"] == (not topics)


@pytest.mark.parametrize("text", [
    "C'est bien meilleur qu'avant !",
    "Avant je détestais, maintenant c'est bien meilleur",
    "Better than before, thanks!",
    "The new app is much better than the old one",
    "It was better than I expected, thanks",
    "Better check the size before you order, great shoes though",
])
def test_the_present_said_better_stays_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "positive"


# ---- 2. "le reçu" is a receipt, "pas reçu" a parcel not received

@pytest.mark.parametrize("text", [
    "Je ne retrouve pas le reçu",
    "J'ai perdu mon reçu, je peux quand même faire un retour ?",
    "Pas de reçu après mon achat en magasin",
    "I can't find my receipt",
])
def test_a_receipt_is_the_bill_not_a_parcel(text: str) -> None:
    result = run(text)
    assert "billing" in result["topics"], (result["topics"], result["cues"])
    assert "delivery" not in result["topics"]
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Je n'ai toujours pas reçu mon colis",
    "Toujours rien de reçu",
    "Colis jamais reçu, c'est nul",
])
def test_a_parcel_not_received_stays_a_delivery_failure(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert "delivery" in result["topics"]
    assert result["flags"]["brand_error"]


def test_a_parcel_received_stays_praise() -> None:
    result = run("Colis reçu, merci !")
    assert result["category"] == "praise"
    assert result["topics"] == ["delivery"]


# ---- 3. what does not stop failing keeps failing

@pytest.mark.parametrize("text", [
    "L'appli n'arrête pas de planter",
    "L'appli plante sans arrêt",
    "Mon appli n'arrête plus de planter depuis la maj",
    "La box ne cesse de se déconnecter",
    "The app keeps crashing",
    "The app won't stop crashing",
    "This app never stops crashing",
    "My router keeps disconnecting",
])
def test_a_failure_that_does_not_stop_is_a_technical_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert "technical" in result["topics"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text, category", [
    ("L'appli a arrêté de planter, merci", "praise"),
    ("L'appli ne plante plus, merci", "praise"),
    ("It finally stopped freezing, thanks!", "praise"),
    ("I can't stop using it, love it", "praise"),
    ("J'ai pas arrêté de rire en voyant votre pub", "praise"),
])
def test_a_failure_that_stopped_or_a_habit_kept_is_no_complaint(text: str, category: str) -> None:
    assert run(text)["category"] == category


# ---- 4. an outage and a silent support, said together

@pytest.mark.parametrize("text", [
    "Your servers are down again and support never answers",
    "Vos serveurs sont encore en panne et le support ne répond jamais",
])
def test_an_outage_and_no_answer_is_a_technical_and_service_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert {"technical", "customer_service"} <= set(result["topics"])
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["Support never answers", "You never reply to anything"])
def test_no_answer_is_a_service_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["customer_service"]


def test_prices_down_are_no_outage() -> None:
    assert not run("Prices are down this week, nice")["flags"]["brand_error"]


# ---- 5. praise in scare quotes, echoed with "?" or mocked, is sarcasm

@pytest.mark.parametrize("text, topic", [
    ('Le service client "réactif" ? Laissez-moi rire', "customer_service"),
    ('Their "fast delivery"? Two weeks.', "delivery"),
    ('Votre livraison « rapide » ?', "delivery"),
    ('Le "meilleur" SAV de France ? 3 semaines sans réponse', "customer_service"),
])
def test_praise_echoed_in_scare_quotes_is_a_complaint(text: str, topic: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert topic in result["topics"]
    assert "sarcasm" in signals(result)


@pytest.mark.parametrize("text, category, label", [
    ("J'adore votre crème \"magique\" !", "praise", "positive"),
    ("\"Excellent\" service, merci !", "praise", "positive"),
    ("Is the \"premium\" plan worth it?", "question", None),
])
def test_quotes_that_echo_nothing_keep_their_reading(text: str, category: str, label: str | None) -> None:
    result = run(text)
    assert result["category"] == category, (result["category"], result["cues"])
    if label:
        assert result["sentiment"]["label"] == label
    assert "sarcasm" not in signals(result)


def test_a_claim_quoted_back_still_names_the_product() -> None:
    result = run('Your "fast" charger takes 5 hours lol')
    assert result["category"] == "complaint"
    assert "product_quality" in result["topics"]
    assert result["flags"]["brand_error"]


# ---- 6. a strike grounds a journey like the weather: no error of the carrier's, still rebooked or refunded

@pytest.mark.parametrize("text", [
    "Vol annulé à cause de la grève, je fais quoi ?",
    "Mon TGV supprimé, mouvement social, aucune info",
    "Train cancelled because of the rail strike, what now?",
    "Flight cancelled due to a walkout by your ground staff",
])
def test_a_journey_grounded_by_a_strike_admits_no_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert not result["flags"]["brand_error"]
    assert "accept_error" not in step_ids(result)
    assert "offer_solution" in step_ids(result)


@pytest.mark.parametrize("text", [
    "Vol annulé sans explication",
    'Vol annulé à cause de la "grève", on nous prend pour des idiots',
    "La grève des livreurs n'excuse pas 3 semaines de retard",
])
def test_a_journey_cancelled_otherwise_or_a_strike_doubted_stays_the_brands_error(text: str) -> None:
    assert run(text)["flags"]["brand_error"]


# ---- 7. a parcel left unattended and lost is the carrier's failure

@pytest.mark.parametrize("text", [
    "Le livreur a laissé mon colis sur le parking, il a disparu",
    "Colis déposé dans le hall sans signature, évidemment il a été volé",
    "The driver left it on the porch and it was stolen",
    "The courier dumped my parcel by the bins and now it's gone",
])
def test_a_parcel_left_unattended_and_lost_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["topics"][:1] == ["delivery"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "I wasn't home so they left it at the neighbour's, all good",
    "Left on the doorstep, all fine thanks",
])
def test_a_parcel_left_somewhere_safe_is_no_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise"
    assert not result["flags"]["brand_error"]


def test_a_loss_only_feared_is_asked_about() -> None:
    result = run("Si vous le laissez devant la porte et qu'il est volé, je fais comment ?")
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


# ---- 8. a voucher refused reads like a promo code refused: a price matter, the brand's to check

@pytest.mark.parametrize("voucher, code", [
    ("Mon bon d'achat de 30€ est refusé en caisse", "Mon code promo est refusé en caisse"),
    ("My voucher was refused at checkout", "My promo code was refused at checkout"),
])
def test_a_voucher_refused_reads_like_a_code_refused(voucher: str, code: str) -> None:
    a, b = run(voucher), run(code)
    assert a["topics"] == b["topics"] and a["category"] == b["category"] == "complaint"
    assert a["flags"]["brand_error"] and b["flags"]["brand_error"]
    drafts = " ".join(d["text"] for d in a["replies"] if d["kind"] == "public")
    assert "tarifs" not in drafts and "our prices" not in drafts


# ---- 9. comments of the kind brands get every day (fr first: SMS, Québec; en), read as what they say

@pytest.mark.parametrize("text, topic", [
    ("Livreur passé à 14h, j'étais là, avis de passage quand même. Sérieux ?", "delivery"),
    ("My package says delivered but it's not here", "delivery"),
    ("Mon colis est marqué comme livré mais je n'ai rien", "delivery"),
    ("La box redémarre toute seule toutes les 10 minutes", "technical"),
    ("My bank card got declined everywhere even though I have money", "billing"),
    ("Hold music for 2 hours, love it", "customer_service"),
])
def test_everyday_failures_are_the_brands_error(text: str, topic: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert topic in result["topics"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Mon cell capte pas pantoute depuis la mise à jour",
    "Mon téléphone capte plus rien depuis hier",
])
def test_no_signal_is_a_technical_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert "technical" in result["topics"]


def test_the_signal_caught_again_is_no_complaint() -> None:
    assert run("Ça capte enfin dans mon village, merci !")["category"] == "praise"


@pytest.mark.parametrize("text, topics", [
    ("c nul jai tjr pa recu mon remboursement", ["returns_refunds"]),
    ("Virement toujours pas arrivé après 4 jours ouvrés", ["billing"]),
    ("Remboursement jamais reçu", ["returns_refunds"]),
])
def test_money_not_received_is_no_parcel(text: str, topics: list[str]) -> None:
    result = run(text)
    assert result["topics"] == topics, (result["topics"], result["cues"])
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text, topics", [
    ("Facture reçue mais colis jamais arrivé", ["billing", "delivery"]),
    ("Invoice received but the parcel never arrived", ["billing", "delivery"]),
    ("Commande reçue mais facturée deux fois", ["billing"]),
])
def test_a_parcel_named_next_to_money_stays_a_delivery(text: str, topics: list[str]) -> None:
    assert run(text)["topics"] == topics


@pytest.mark.parametrize("text", [
    'Your "24/7 support" is closed on weekends apparently',
    'Leur SAV "disponible" ne répond jamais, apparemment',
])
def test_praise_quoted_back_with_apparently_is_sarcasm(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert "customer_service" in result["topics"]
    assert result["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text, topic", [
    ("Livraison prévue hier, toujours rien, et le numéro du livreur sonne dans le vide", "delivery"),
    ("Pk vs m'avez prélevé 2 fois ??? rendez moi mon argent", "billing"),
    ("Thanks for nothing, my order was cancelled without any explanation", "delivery"),
    ("Great, my internet dropped again right in the middle of my exam", "technical"),
])
def test_more_everyday_failures_are_the_brands_error(text: str, topic: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert topic in result["topics"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "J'aurais aimé être prévenu avant que mon vol soit déplacé de 6h",
    "Mon vol a été décalé de 5h sans prévenir",
    "Our flight was rescheduled to 6am without notice",
])
def test_a_journey_moved_by_the_carrier_is_a_disruption(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text", ["I rescheduled my flight online, super easy", "J'ai pu décaler mon train en 2 clics, top"])
def test_a_journey_the_author_moved_is_no_disruption(text: str) -> None:
    assert run(text)["category"] == "praise"


def test_a_wait_counted_with_sarcasm_is_a_complaint() -> None:
    result = run("Quel plaisir d'attendre 40 minutes pour un café tiède")
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"


def test_praise_then_a_lid_that_does_not_close_is_a_product_complaint() -> None:
    result = run("Your new packaging is beautiful but the lid doesn't close anymore")
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["topics"] == ["product_quality"]



@pytest.mark.parametrize("text", [
    "Bravo la banque, mon virement est parti en double",
    "Le guichet automatique a avalé ma carte et l'agence est fermée",
    "The ATM ate my card and the branch is closed till Monday",
])
def test_a_bank_that_fails_is_the_brands_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert "billing" in result["topics"]
    assert result["flags"]["brand_error"]


def test_a_thing_bought_twice_on_purpose_is_no_double_charge() -> None:
    assert not run("J'ai acheté le modèle en double pour mes deux enfants")["flags"]["brand_error"]

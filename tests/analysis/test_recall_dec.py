"""Plain brand failures the engine missed in December (fr + en), read from data/<lang>/failures.tsv: the inflections
and participles of failure verbs (plantée, lâché, buggé, HS, down), a charge taken twice however written, paid with
no order, a parcel marked delivered that never came, staff conduct, support that will not answer, a customer left
without service. Each family comes with look-alikes that must keep their reading (no failure named), so that the
lexicon stays a reading of failures and not a list of words."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.reading import run
from worker.analysis.lexicon import DATA, _read


def _brand_error(text: str) -> dict:
    result = run(text)
    assert result["category"] == "complaint", (text, result["category"], result["cues"])
    assert result["flags"]["brand_error"], (text, result["flags"], result["cues"])
    assert not result["flags"]["needs_more_info"], (text, result["flags"])
    assert result["sentiment"]["label"] == "negative", (text, result["sentiment"])
    return result


def _no_failure(text: str) -> dict:
    result = run(text)
    assert not result["flags"]["brand_error"], (text, result["category"], result["cues"])
    return result


# ---- 1. the inflections and participles of failure verbs (fr), and a service down named by what is down (en)

@pytest.mark.parametrize("text, topic", [
    ("L'appli est plantée depuis ce matin, impossible de commander", "technical"),
    ("Site planté en pleine commande, j'ai tout perdu", "technical"),
    ("Toutes vos applis sont plantées ce soir", "technical"),
    ("Les serveurs sont plantés depuis 2h", "technical"),
    ("Votre réseau a encore lâché pendant mon appel", "technical"),
    ("La connexion a lâché trois fois ce soir", "technical"),
    ("Ma box a lâché au milieu du film", "technical"),
    ("L'appli a bugué pendant le paiement", "technical"),
    ("Le site est complètement buggé depuis la mise à jour", "technical"),
    ("Ma box est HS depuis dimanche", "technical"),
    ("Le site est down depuis une heure", "technical"),
    ("Internet down for the whole building since this morning", "technical"),
    ("Your servers are down again, can't play anything", "technical"),
    ("Wifi down all evening, what is going on", "technical"),
    ("The last update broke the app, nothing loads", "technical"),
])
def test_a_failure_verb_in_any_form_is_the_brands_error(text: str, topic: str) -> None:
    assert topic in _brand_error(text)["topics"]


@pytest.mark.parametrize("text", [
    "Le week-end dernier on a planté des tomates avec les enfants, merci pour les graines !",
    "J'ai planté le décor pour l'anniversaire avec vos guirlandes, trop contente",
    "Je me suis planté de taille, je peux échanger ?",
    "Votre plante verte est arrivée en pleine forme, merci",
    "c'est HS mais vous avez vu le match hier ?",
    "Calm down everyone, the sale starts tomorrow",
    "Prices are down this week, love it",
    "The driver was not rude at all, and the box was perfect",
])
def test_look_alikes_of_failure_verbs_name_no_failure(text: str) -> None:
    _no_failure(text)


# ---- 2. a charge taken twice, however written; paid and no order

@pytest.mark.parametrize("text", [
    "Vous m'avez débité 2 fois pour la même commande",
    "Abonnement prélevé 2 fois ce mois-ci, remboursez-moi",
    "Prélevée en double sur mon compte pour une seule commande",
    "Double paiement sur ma carte, je veux le remboursement",
    "You charged my card twice for one pizza",
    "You billed me twice for the same month",
    "The payment went through twice and I only ordered once",
    "There's a duplicate charge on my statement from your store",
    "Argent débité mais aucune commande dans mon compte",
    "Paid but no order confirmation and nothing in my account",
])
def test_a_double_charge_however_written_is_the_brands_error(text: str) -> None:
    assert "billing" in _brand_error(text)["topics"]


@pytest.mark.parametrize("text", [
    "Do you offer a double payment option for couples?",
    "Est-ce que le paiement en 3 fois est possible ?",
])
def test_a_payment_option_asked_about_is_no_double_charge(text: str) -> None:
    _no_failure(text)


# ---- 3. a parcel marked delivered that never came

@pytest.mark.parametrize("text", [
    "Tracking says delivered but there's nothing at my door",
    "My parcel is marked as delivered and I never got it",
    "Shows as delivered since Monday, still nothing here",
    "Colis marqué comme livré mais je n'ai rien reçu",
    "Le suivi indique livré depuis hier, toujours rien dans ma boîte",
    "Commande soi-disant livrée, le gardien n'a rien vu",
])
def test_a_parcel_marked_delivered_that_never_came_is_the_brands_error(text: str) -> None:
    assert "delivery" in _brand_error(text)["topics"]


@pytest.mark.parametrize("text", [
    "delivered early, thanks!",
    "Livré en avance, merci !",
    "It says delivered tomorrow, can't wait!",
    "Le colis est indiqué livré demain, j'ai hâte",
])
def test_a_delivery_on_time_or_announced_names_no_failure(text: str) -> None:
    _no_failure(text)


# ---- 4. staff conduct: the staff are the brand's

@pytest.mark.parametrize("text", [
    "The cashiers were incredibly rude to my mother",
    "Staff at the airport desk were very rude and laughed in my face",
    "Your agent yelled at me on the phone",
    "The manager talked down to me like I was stupid",
    "Caissière aimable comme une porte de prison",
    "Vendeuse pas du tout aimable, on a quitté le magasin",
    "Le livreur m'a crié dessus parce que je demandais un reçu",
    "J'ai été très mal accueillie en agence ce matin",
])
def test_staff_conduct_is_the_brands_error(text: str) -> None:
    _brand_error(text)


@pytest.mark.parametrize("text", [
    "the driver was not rude at all",
    "The staff weren't rude, just very busy",
    "Le vendeur était très aimable et de bon conseil",
    "Staff were so friendly and helpful",
])
def test_kind_staff_name_no_failure(text: str) -> None:
    result = _no_failure(text)
    assert result["category"] == "praise", result["category"]


# ---- 5. support that will not answer, said without "ne" in French as in speech and Québec French

@pytest.mark.parametrize("text", [
    "Support won't answer my emails, it's been a week",
    "Your team never gets back to me",
    "They never pick up the phone at the branch",
    "chu tanné, le service client répond jamais",
    "Vous rappelez jamais, c'est la troisième fois que je laisse un message",
    "Personne répond pas au numéro de l'agence",
    "Impossible d'avoir un conseiller depuis lundi",
])
def test_support_that_does_not_answer_is_the_brands_error(text: str) -> None:
    assert "customer_service" in _brand_error(text)["topics"]


@pytest.mark.parametrize("text", [
    "Vous répondez toujours super vite, merci",
    "Thanks for not ignoring me, your team is great",
])
def test_support_that_answers_names_no_failure(text: str) -> None:
    _no_failure(text)


# ---- 6. a customer left without service: with the time it lasts, or left so; not how a product works

@pytest.mark.parametrize("text", [
    "Toujours sans réseau depuis vendredi, c'est inadmissible",
    "3 jours sans wifi, merci pour rien",
    "Vous laissez vos abonnés sans internet tout le week-end ?",
    "Been without signal since Monday, fix it",
    "Still without power after your engineer left",
    "Left without internet for 4 days and no explanation",
])
def test_a_customer_left_without_service_is_the_brands_error(text: str) -> None:
    _brand_error(text)


@pytest.mark.parametrize("text", [
    "Est-ce que l'appli fonctionne sans réseau ?",
    "Does the app work without signal on the plane?",
    "Les forfaits sans box sont-ils moins chers ?",
])
def test_a_product_that_works_without_service_is_asked_about(text: str) -> None:
    result = _no_failure(text)
    assert result["category"] == "question", result["category"]


# ---- 7. a failure reported, then asked about, is a complaint (the failure comes first)

@pytest.mark.parametrize("text", [
    "Internet down since this morning in the whole area. Any news?",
    "Vous allez vraiment nous laisser sans réseau tout le week-end ?",
])
def test_a_failure_then_a_question_is_a_complaint(text: str) -> None:
    _brand_error(text)


# ---- 8. more of the same families: a product that harms, food that came cold, staff with no respect, a wait imposed,
# an understaffed shop, no answer counted, money held back, paid on time

@pytest.mark.parametrize("text", [
    "There was plastic in my soup, disgusting",
    "Mon chargeur a pris feu pendant la nuit",
    "Pizza was cold and the fries were soggy",
    "Frites froides et burger écrasé, déçu",
    "Aucun respect pour les clients dans cette agence",
    "Manque de respect total de la part du vendeur",
    "Only one till open on a Saturday, queue out the door",
    "Deux caisses ouvertes sur quinze un samedi, sérieux ?",
    "On m'a fait attendre 2h au guichet pour rien",
    "10 mails, 0 réponse",
    "Vous avez bloqué mon argent depuis 3 semaines",
    "Frais de retard alors que j'ai payé dans les temps",
    "You froze my funds with no explanation",
])
def test_more_plain_failures_are_the_brands_error(text: str) -> None:
    _brand_error(text)


@pytest.mark.parametrize("text", [
    "My house caught fire last year, can I get a copy of my old invoices?",
    "Le sapin de Noël a pris feu dans la vidéo, trop drôle",
    "I love cold pizza for breakfast honestly",
    "Zero respect for people who litter, glad you support the cleanup day!",
])
def test_look_alikes_of_more_failures_name_none_of_the_brands(text: str) -> None:
    _no_failure(text)


# ---- 9. a message of the brand's that never comes, said in the present tense

@pytest.mark.parametrize("text", [
    "Can you help? The verification code never arrives, tried 5 times",
    "The confirmation email never arrives, so I can't finish my order",
])
def test_a_message_that_never_comes_is_the_brands_error(text: str) -> None:
    _brand_error(text)


def test_a_parcel_hoped_never_late_again_names_no_failure() -> None:
    _no_failure("I hope my parcel never arrives late again, you guys are great")


# ---- 10. no lexicon line repeats another: lexicon() reads common.tsv, then <lang>/cues.tsv, then the other files in
# name order, and keeps the FIRST line for a folded pattern+family; a later copy (in the same file or another one,
# whatever its weight) is never read, and a weight written there misleads whoever edits it

#: Dead copies known and still to delete, as (file of the later copy, folded pattern, family): the earlier line is the
#: one that applies. The guard fails when one of them is gone, so that this list only shrinks.
_DEAD_COPIES_LEFT: set[tuple[str, str, str]] = set()   # repeats known and left: none
_LANGUAGES = sorted(p.name for p in DATA.iterdir() if p.is_dir() and any(p.glob("*.tsv")))


def _in_reading_order(root: Path, language: str) -> list[Path]:
    """The lexicon files of a language in the order lexicon() reads them."""
    in_folder = sorted((root / language).glob("*.tsv"), key=lambda p: (p.name != "cues.tsv", p.name))
    return [root / "common.tsv", *in_folder]


def _repeats(root: Path, files: list[Path]) -> list[tuple[str, int, str, int, str, str, float, float]]:
    """Every line whose folded pattern+family an earlier line of `files` (in that order) holds: (file, line of the
    first, file, line of the copy, pattern, family, weight of the first, weight of the copy). Lines are folded by
    the lexicon's own reader."""
    first: dict[tuple[tuple[str, ...], str], tuple[str, int, float]] = {}
    found = []
    for path in files:
        name = path.relative_to(root).as_posix()
        numbers = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                   if line.strip() and not line.lstrip().startswith("#")]
        entries = _read(path)
        assert len(numbers) == len(entries), name
        for number, entry in zip(numbers, entries):
            key = (entry.tokens, entry.family)
            if key in first:
                where, line, applied = first[key]
                found.append((where, line, name, number, " ".join(entry.tokens), entry.family, applied, entry.weight))
            else:
                first[key] = (name, number, entry.weight)
    return found


@pytest.mark.parametrize("language", _LANGUAGES)
def test_no_lexicon_line_repeats_another(language: str) -> None:
    repeats = _repeats(DATA, _in_reading_order(DATA, language))
    new = [f"{where}:{line} and {name}:{number} both hold {pattern!r} ({family}); only the first is read "
           f"(weight {applied:g} there, {weight:g} here)"
           for where, line, name, number, pattern, family, applied, weight in repeats
           if (name, pattern, family) not in _DEAD_COPIES_LEFT]
    assert not new, "repeated lexicon lines: delete the later copy (or give the first the weight wanted)\n" \
        + "\n".join(new)
    left = {(name, pattern, family) for _, _, name, _, pattern, family, _, _ in repeats}
    gone = sorted(k for k in _DEAD_COPIES_LEFT if k[0].startswith(language + "/") and k not in left)
    assert not gone, f"no longer repeated: take them out of _DEAD_COPIES_LEFT: {gone}"


def test_the_repeat_guard_compares_folded_patterns(tmp_path: Path) -> None:
    """Case, accents and a split elision make no other pattern; another family does; common.tsv counts too."""
    (tmp_path / "fr").mkdir()
    (tmp_path / "common.tsv").write_text("# header\n:)\tsentiment\t1.5\thappy\n", encoding="utf-8")
    (tmp_path / "fr" / "cues.tsv").write_text("# header\nn'est pas reçu\tproblem\t1\tx\n", encoding="utf-8")
    (tmp_path / "fr" / "general.tsv").write_text(
        "# header\n\nN est pas RECU\tproblem\t2\tx\nn est pas recu\tsentiment\t-1\tx\n:)\tsentiment\t1\tx\n",
        encoding="utf-8")
    repeats = _repeats(tmp_path, _in_reading_order(tmp_path, "fr"))
    found = [(where, line, name, number, applied, weight)
             for where, line, name, number, _, _, applied, weight in repeats]
    assert found == [("fr/cues.tsv", 2, "fr/general.tsv", 3, 1.0, 2.0),
                     ("common.tsv", 2, "fr/general.tsv", 5, 1.5, 1.0)]


@pytest.mark.parametrize("name", ["failures.tsv", "escalations.tsv"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_december_lexicons_say_what_they_hold(language: str, name: str) -> None:
    text = (DATA / language / name).read_text(encoding="utf-8")
    assert text.startswith("#"), "a header comment says what the file holds"

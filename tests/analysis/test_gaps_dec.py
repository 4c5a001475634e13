"""Misreadings of the engine listed in December (fr + en): a problem said to be over, a named promo code that fails,
an order stuck in processing, a blunt verdict on the brand, a lying ad, a careless courier, a redirect to a rival said
plainly, a question about data sharing, a journey disrupted by the weather, acknowledgements that can name the thing,
and the complaints lexicon's duplicate lines. Each case comes with a look-alike that must keep its reading, so that
the fix stays a reading and not a word list."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.reading import public_drafts, run, signals, step_ids
from worker.analysis.steps import load_texts


# ---- 1. a problem said to be over is praise, not a complaint; "Plus jamais." alone stays a letdown

@pytest.mark.parametrize("text", [
    "Plus jamais de bug depuis la mise à jour, merci !",
    "Plus de bug depuis la dernière mise à jour, merci l'équipe",
    "Fini les bugs depuis la mise à jour, merci !",
    "Aucun bug depuis la mise à jour, bravo",
    "L'appli ne plante plus depuis la mise à jour, merci !",
    "Plus jamais de retard de livraison depuis que vous avez changé de transporteur, merci",
    "No more crashes since the update, thanks",
    "Zero crashes since the last patch, great job",
    "No more app crashes since the update, thank you",
])
def test_a_problem_said_to_be_over_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "positive", result["sentiment"]
    assert not result["flags"]["brand_error"]
    assert "sarcasm" not in signals(result)
    assert step_ids(result) == ["thank"]


@pytest.mark.parametrize("text", [
    "Plus jamais.",
    "Never again.",
    "Plus jamais je commande chez vous",
    "Toujours plus de bugs depuis la mise à jour",
    "Plus de bugs qu'avant depuis la mise à jour, bravo",
    "L'application ne plante plus que le soir, c'est déjà ça",
    "No more crashes they said. It crashed twice today.",
    "More crashes than ever since the update",
    "Oh no, the app crashes again",
])
def test_a_letdown_or_a_problem_still_there_stays_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"


# ---- 2. a code named by its name that fails is a promo code refused: checked, the discount applied

def _remedy(language: str, key: str) -> list[str]:
    """The wordings of a remedy in the reply texts (data/texts/<language>.json)."""
    return list(load_texts(language)["sentences"]["offer_solution"][key])


@pytest.mark.parametrize("text", [
    "Le code NOEL20 ne marche pas",
    "Mon code BIENVENUE10 est refusé au paiement",
    "Le code SOLDES30 a expiré alors qu'il est valable jusqu'au 31",
    "Code XMAS20 doesn't work",
    "Coupon LOVE15 expired",
    "The code WELCOME10 won't apply at checkout",
    "Why isn't my code SPRING25 working??",
    "J'ai entré le code WELCOME10 trois fois, toujours refusé",
])
def test_a_named_code_that_fails_is_a_promo_code_refused(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", result["category"]
    assert result["topics"] == ["pricing"], result["topics"]
    assert result["flags"]["brand_error"]
    assert not result["flags"]["needs_more_info"]
    drafts = public_drafts(result)
    wordings = _remedy(result["language"]["code"], "promo_code")
    assert drafts and all(any(w in d for w in wordings) for d in drafts), drafts


@pytest.mark.parametrize("text", [
    "le code de la carte ne marche pas",
    "the QR code doesn't scan",
    "code erreur 403",
    "Code 2FA jamais reçu par SMS",
    "My yogurt expired before the date on the lid",
])
def test_other_codes_are_no_promo_code(text: str) -> None:
    result = run(text)
    assert "pricing" not in result["topics"], result["topics"]
    assert not any("réduction" in d or "discount" in d for d in public_drafts(result))


@pytest.mark.parametrize("text", ["Le code NOEL20 a-t-il expiré ?", "Is the XMAS20 code still valid?",
                                  "Is the code NOEL20 not valid anymore?",
                                  "Si le code NOEL20 est refusé, je fais comment ?"])
def test_a_named_code_asked_about_is_a_question(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", result["category"]
    assert not result["flags"]["brand_error"]


# ---- 3. an order stuck in the brand's pipeline ("processing", "en préparation") is a delivery matter

@pytest.mark.parametrize("text", [
    'Still "processing" after 2 weeks',
    "Stuck on processing for 10 days now",
    'Toujours "en préparation" depuis 2 semaines',
    "Toujours en préparation ?? 12 jours !!",
])
def test_an_order_stuck_in_processing_is_a_delivery_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["delivery"], result["topics"]
    assert result["flags"]["brand_error"]


@pytest.mark.parametrize("text, topic", [
    ("Refund still processing after a month", "returns_refunds"),
    ("Remboursement toujours en cours de traitement", "returns_refunds"),
])
def test_a_refund_stuck_in_processing_keeps_its_topic(text: str, topic: str) -> None:
    result = run(text)
    assert result["topics"] == [topic], result["topics"]


# ---- 4. a blunt verdict on the brand is a complaint; a verdict on something else is not

@pytest.mark.parametrize("text", [
    "Worst. Company. Ever.",
    "Worst customer experience ever",
    "Trash company",
    "Pathetic.",
    "Nul à chier",
    "Marque de merde",
    "C'est vraiment nul",
])
def test_a_blunt_verdict_on_the_brand_is_a_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint", (result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative"
    assert "acknowledge" in step_ids(result)


@pytest.mark.parametrize("text", [
    "Worst day ever",
    "this weather is the worst",
    "Anxiety sucks so much",
    "Le gouvernement veut confier l'écotaxe à une entreprise privée. Honteux.",
    "Pire journée de ma vie",
    "Nul à chier le match hier soir",
])
def test_a_verdict_on_something_else_is_no_complaint(text: str) -> None:
    assert run(text)["category"] == "other"


@pytest.mark.parametrize("text", ["Best company ever", "Pas nul du tout"])
def test_a_denied_or_kind_verdict_is_praise(text: str) -> None:
    assert run(text)["category"] == "praise"


# ---- 5. an ad's delivery promise called a lie: the delivery, a promise broken (not a product claim, not a wait)

@pytest.mark.parametrize("text", [
    "La pub dit 48h… Mensonger.",
    "Votre pub annonce 48h, c'est faux",
    "Pub mensongère, livraison en 48h mon œil",
    "Your ad says 2-day delivery… Lies.",
    "The ad said next day delivery. False advertising.",
    "Misleading ad, nothing arrives in 24h",
])
def test_a_lying_ad_about_delivery_time_is_a_delivery_complaint(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert result["topics"] == ["delivery"], result["topics"]
    assert result["flags"]["brand_error"]
    drafts = " ".join(public_drafts(result))
    assert "48 heures" not in drafts and "24 hours" not in drafts and "24 heures" not in drafts, drafts


@pytest.mark.parametrize("text", ["Pub mensongère, la crème ne fait rien", "False advertising, this serum does nothing"])
def test_a_lying_ad_about_the_product_stays_a_product_complaint(text: str) -> None:
    assert run(text)["topics"] == ["product_quality"]


@pytest.mark.parametrize("text", ["Votre pub dit 48h, reçu en 24h, top !", "La pub dit 48h, génial j'ai reçu en 2 jours",
                                  "Your ad says next day delivery and it came the next day, love it"])
def test_an_ad_promise_kept_is_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", result["category"]
    assert not result["flags"]["brand_error"]


# ---- 6. where a careless courier left a parcel (a gate, a lobby, a car park) is no shop

@pytest.mark.parametrize("text", [
    "threw my parcel over the gate",
    "The driver threw my parcel over the gate, everything smashed",
    "Le livreur a jeté mon colis sur le parking de la résidence",
])
def test_a_parcel_thrown_at_the_customers_is_a_delivery_error(text: str) -> None:
    result = run(text)
    assert result["topics"] == ["delivery"], result["topics"]
    assert result["flags"]["brand_error"]
    assert not any("magasin" in d or "store" in d for d in public_drafts(result))


@pytest.mark.parametrize("text", ["The gate at your store was locked", "Le parking du magasin est toujours plein"])
def test_a_shops_own_premises_stay_the_store(text: str) -> None:
    assert "store" in run(text)["topics"]


# ---- 7. a redirect to a rival said plainly (no "plutôt"/"instead") or with the rival in lower case

@pytest.mark.parametrize("text", [
    "allez chez decathlon c'est mieux",
    "Allez chez Boulanger, ils sont bien meilleurs",
    "just buy from amazon, way cheaper",
    "Buy from Costco, way better prices",
    "shop at lidl, half the price",
    "just buy from amazon instead",
])
def test_a_plain_redirect_to_a_rival_reads_as_a_redirect(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative", result["sentiment"]
    assert result["category"] != "praise"
    assert result["flags"]["suspected_bad_faith"], result["cues"]
    assert "stay_factual" in step_ids(result)


@pytest.mark.parametrize("text", [
    "Allez chez le médecin si ça persiste",
    "Commandez sur le site, c'est moins cher qu'en magasin",
    "Buy from the app, way cheaper",
    "Just buy from the website, it's cheaper than in store",
    "go for it, better than nothing",
])
def test_advice_about_the_brands_own_channels_is_no_redirect(text: str) -> None:
    result = run(text)
    assert not result["flags"]["suspected_bad_faith"], result["cues"]


# ---- 8. "partagez" with a subject is a verb said of someone: a question about data sharing, not a boycott call

@pytest.mark.parametrize("text", [
    "Vous partagez mes données ?",
    "Vous partagez mes données avec des partenaires ?",
    "Est-ce que vous partagez mes infos avec Facebook ?",
    "So you share this with advertisers?",
    "Do they share this data with partners?",
])
def test_a_question_about_data_sharing_is_no_boycott_call(text: str) -> None:
    result = run(text)
    assert result["category"] == "question", result["category"]
    assert result["priority"]["level"] != "urgent"
    assert not result["flags"]["suspected_bad_faith"]
    assert not result["flags"]["escalate"]


@pytest.mark.parametrize("text", ["Partagez ce post, boycott !", "Share this post, boycott them!",
                                  "Partagez un max, cette marque est une honte"])
def test_a_call_to_share_stays_a_boycott_call(text: str) -> None:
    result = run(text)
    assert result["flags"]["suspected_bad_faith"]
    assert result["category"] == "complaint"


# ---- 9. a journey grounded by the weather: help (rebooking, refund) without admitting a fault that is not ours

@pytest.mark.parametrize("text", [
    "vol annulé à cause de la tempête",
    "Notre vol pour Lyon a été annulé à cause de la neige, on fait comment pour rentrer ?",
    "Train supprimé pour cause d'intempéries",
    "flight cancelled due to the snowstorm",
    "Our flight to Oslo was cancelled because of the storm",
])
def test_a_journey_disrupted_by_the_weather_is_helped_without_an_apology_for_it(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint"
    assert not result["flags"]["brand_error"], result["cues"]
    assert step_ids(result) == ["acknowledge", "offer_solution", "move_to_private"], step_ids(result)
    drafts = public_drafts(result)
    wordings = _remedy(result["language"]["code"], "travel")
    assert drafts and all(any(w in d for w in wordings) for d in drafts), drafts
    assert not any("erreur" in d or "excuses" in d or "mistake" in d or "apologi" in d for d in drafts), drafts


@pytest.mark.parametrize("text", [
    'Vol annulé "à cause de la météo" alors qu\'il fait grand soleil',
    "vol annulé la veille sans explication",
    'Flight cancelled due to "weather" but every other airline flew',
    "Flight cancelled last minute, no reason given",
])
def test_a_journey_cancelled_for_no_weather_or_a_doubted_one_is_the_carriers_error(text: str) -> None:
    result = run(text)
    assert result["flags"]["brand_error"], result["cues"]
    assert "accept_error" in step_ids(result)


# ---- 10. the acknowledgement names the thing when the engine knows it: a code, a voucher, the staff at table

@pytest.mark.parametrize("text, named, generic", [
    ("Mon code BIENVENUE10 est refusé au paiement", "votre code promo", "nos tarifs"),
    ("Le serveur nous a ignorés pendant 20 minutes", "notre service en salle", "notre service client"),
    ("La serveuse a oublié notre commande", "notre service en salle", "colis"),
    ("My voucher was refused at checkout", "your voucher", "our service"),
    ("My gift voucher has expired already??", "your voucher", "your promo code"),
    ("Our waiter was rude and forgot our order", "your experience with our staff", "parcel"),
])
def test_the_acknowledgement_names_the_thing(text: str, named: str, generic: str) -> None:
    drafts = public_drafts(run(text))
    assert drafts and all(named in d for d in drafts), drafts
    assert not any(generic in d for d in drafts), drafts


@pytest.mark.parametrize("text, phrase", [
    ("Le service client ne répond jamais", "notre service client"),
    ("Vos prix ont encore augmenté", "nos tarifs"),
    ("Your prices went up again", "our prices"),
])
def test_a_plain_topic_keeps_its_phrase(text: str, phrase: str) -> None:
    assert any(phrase in d for d in public_drafts(run(text)))


def test_the_staff_remedy_does_not_repeat_the_promise_that_follows() -> None:
    for text in ("Le serveur nous a ignorés pendant 20 minutes", "Our waiter was rude and forgot our order"):
        for draft in public_drafts(run(text)):
            assert sum(draft.count(s) for s in ("se reproduise", "n’arrive plus", "happen again")) <= 1, draft


# ---- 11. the complaints lexicons hold each pattern once per family (a later copy is never read)

@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_complaints_lexicon_has_no_duplicate_lines(language: str) -> None:
    path = Path(__file__).resolve().parents[2] / "worker" / "analysis" / "data" / language / "complaints.tsv"
    seen: dict[tuple[str, str], int] = {}
    duplicates = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        key = (" ".join(parts[0].lower().split()), parts[1])
        if key in seen:
            duplicates.append((seen[key], number, line))
        seen.setdefault(key, number)
    assert not duplicates, duplicates

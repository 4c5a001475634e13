"""Goods that arrive damaged, opened or wrong, said with a noun or with "arrived + state" (fr + en): a complaint and the
brand's error; with look-alikes that must keep their reading (a gift delivered with the goods, a day early, a shop
open, an open-box deal, a praise word inside a kind of product's name)."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run


def _brand_error(text: str) -> dict:
    result = run(text)
    assert result["category"] == "complaint", (text, result["category"], result["cues"])
    assert result["sentiment"]["label"] == "negative", (text, result["sentiment"])
    assert result["flags"]["brand_error"], (text, result["flags"], result["cues"])
    return result


def _no_complaint(text: str) -> dict:
    result = run(text)
    assert result["category"] != "complaint", (text, result["category"], result["cues"])
    assert not result["flags"]["brand_error"], (text, result["flags"], result["cues"])
    assert result["sentiment"]["label"] != "negative", (text, result["sentiment"], result["cues"])
    return result


# ---- 1. a damage noun after the arrival: "livré avec une rayure", "came with a dent"

@pytest.mark.parametrize("text", [
    "Écran plat livré avec une rayure, je veux un échange",
    "Livré avec une rayure",
    "Ma commande est arrivée avec une fissure sur le couvercle",
    "Le frigo a été livré avec une bosse sur la porte",
    "Table reçue avec une éraflure sur le plateau",
    "Le pull est arrivé avec une tache, je veux un échange",
    "Les assiettes sont arrivées avec des éclats",
    "Reçu mes chaussures avec des taches partout",
    "Y a une rayure sur la carrosserie de la trottinette livrée hier",
    "Il y a un éclat sur le verre, je veux un échange",
    "Screen delivered with a scratch, I want an exchange",
    "My order arrived with a crack in the glass",
    "The fridge came with a dent on the door",
    "The table was delivered with a huge dent",
    "The laptop arrived with scratches all over the lid",
    "The package arrived with a big dent and the vase inside was broken",
])
def test_a_damage_noun_after_the_arrival_is_the_brands_error(text: str) -> None:
    _brand_error(text)


def test_the_damage_names_the_product() -> None:
    assert "product_quality" in run("Écran plat livré avec une rayure, je veux un échange")["topics"]
    assert "product_quality" in run("Screen delivered with a scratch, I want an exchange")["topics"]


# ---- 2. goods that arrive open, crushed, soaked or empty

@pytest.mark.parametrize("text", [
    "Colis arrivé ouvert",
    "La box est arrivée ouverte",
    "Le pot de crème est arrivé ouvert, impossible de savoir s'il a été utilisé",
    "Boîte écrasée, le parfum a fui partout",
    "La boîte de mon colis est arrivée toute écrasée",
    "Colis reçu vide !",
    "Le flacon est arrivé à moitié vide",
    "Le paquet avait été ouvert, il manque la moitié",
    "Mon colis a été livré complètement trempé, le carton se désagrégeait",
    "Commande reçue aujourd'hui : le vase est arrivé fêlé",
    "La machine à café est arrivée cabossée sur le côté",
    "The box arrived open",
    "My package showed up soaking wet",
    "The headphones came already opened, this was supposed to be new",
    "Parcel arrived torn open and the charger was missing",
    "The bottle arrived half empty and sticky",
    "The parcel was soaked through, the book inside is ruined",
])
def test_goods_arriving_open_crushed_or_empty_are_the_brands_error(text: str) -> None:
    _brand_error(text)


def test_a_box_received_open_is_a_delivery_not_an_internet_box() -> None:
    topics = _brand_error("La box est arrivée ouverte")["topics"]
    assert "delivery" in topics
    assert "technical" not in topics


# ---- 3. the wrong goods received

@pytest.mark.parametrize("text", [
    "Pas la bonne couleur reçue, j'avais commandé du bleu",
    "Reçu le mauvais modèle, je voulais le noir",
    "On m'a envoyé la mauvaise pointure, encore",
    "Ce n'est pas ce que j'ai commandé, je veux être remboursée",
    "Got the wrong shade again, this is the second time",
    "This is not what I ordered, I want my money back",
])
def test_the_wrong_goods_received_are_the_brands_error(text: str) -> None:
    _brand_error(text)


# ---- 4. a praise word inside a kind of product's name is no praise

@pytest.mark.parametrize("text", [
    "La box beauté de ce mois est arrivée ouverte",
    "Mon coffret beauté est arrivé cabossé",
    "My beauty box arrived open and the serum leaked",
])
def test_a_praise_word_in_a_products_name_does_not_turn_damage_into_praise(text: str) -> None:
    result = _brand_error(text)
    assert result["category"] != "praise"


def test_a_shop_named_by_a_praise_word_is_no_praise() -> None:
    result = run("Le salon de beauté était fermé")
    assert result["sentiment"]["label"] != "positive"
    assert result["category"] != "praise"


@pytest.mark.parametrize("text", [
    "Quelle beauté ce sac !",
    "La box beauté de ce mois est top, j'adore",
    "J'adore les produits de beauté de cette marque",
    "Le salon de beauté de Lyon est génial",
    "Ma box beauté est arrivée, trop contente !",
    "Love my beauty box this month!",
    "What a beauty, thank you!",
    "Love the new beauty range, everything smells amazing",
])
def test_real_compliments_stay_praise(text: str) -> None:
    result = run(text)
    assert result["category"] == "praise", (text, result["category"], result["cues"])
    assert result["sentiment"]["label"] == "positive"


# ---- 5. a refund demanded names the remedy; an exchange asked with no defect is no grievance

def test_a_refund_demanded_is_a_complaint() -> None:
    result = _brand_error("Reçu la lampe cassée, je demande le remboursement")
    assert "returns_refunds" in result["topics"]
    assert run("Je demande le remboursement")["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "Est-ce que je peux échanger pour une autre taille ?",
    "Je veux un échange pour une taille au-dessus, comment faire ?",
    "Can I exchange it for a different colour?",
])
def test_an_exchange_asked_with_no_defect_is_no_complaint(text: str) -> None:
    result = _no_complaint(text)
    assert "returns_refunds" in result["topics"]


# ---- 6. look-alikes: nothing damaged, nothing wrong

@pytest.mark.parametrize("text", [
    "Canapé livré avec une housse offerte, super",
    "Colis arrivé avec un jour d'avance, merci !",
    "Le colis est arrivé avec deux jours d'avance, top",
    "Livré avec un petit mot, trop mignon",
    "Livré avec le sourire, merci au livreur !",
    "Reçu avec un joli ruban, quelle attention",
    "La boutique est ouverte le dimanche ?",
    "Le magasin est ouvert jusqu'à quelle heure ?",
    "Vous êtes ouverts le 1er mai ?",
    "Je lis dans vos pensées comme dans un livre ouvert",
    "Livré nickel, pas une rayure sur le meuble !",
    "L'écran n'a pas une rayure, merci",
    "Rien n'a été endommagé, l'emballage était parfait",
    "Ma peau a un éclat incroyable depuis que j'utilise votre sérum",
    "Open box deal on the TV, is it still available?",
    "Delivered with a free gift, thank you so much!",
    "Arrived a day early, great service",
    "Is the store open on Sunday?",
    "Arrived with a handwritten note, so sweet",
    "Came with a free sample, love it",
    "Arrived without a scratch, great packaging",
    "Not a scratch on it, thanks!",
    "Nothing was damaged, great packaging",
    "Ripped open the box as soon as it arrived, love it!",
    "Won 50 euros with a scratch card, thanks!",
    "Works wonders with stains, best detergent ever",
    "I made this cake from scratch with your flour, so good",
    "The phone has a scratch resistant screen, right?",
])
def test_look_alikes_name_no_damage(text: str) -> None:
    _no_complaint(text)


# ---- 7. goods that arrive leaking: the container named with the leak

@pytest.mark.parametrize("text", [
    "J'ai reçu ma commande, le flacon fuyait",
    "Le gel douche a fui partout dans le carton",
    "La bouteille fuit, tout le colis est collant",
])
def test_a_container_that_leaks_is_the_brands_error(text: str) -> None:
    _brand_error(text)


@pytest.mark.parametrize("text", [
    "Il fuit ses responsabilités, ce livreur est génial quand même",
    "Le temps fuit, déjà un an que je suis cliente, merci !",
])
def test_fleeing_is_no_leak(text: str) -> None:
    assert not run(text)["flags"]["brand_error"]

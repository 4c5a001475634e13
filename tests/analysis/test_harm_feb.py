"""Harms a product did to a body, told calmly (February, fr + en), read from data/<lang>/escalations.tsv: an infection,
conjunctivitis, itching, a swelling, spots or patches on the skin after a cosmetic, a deep cut on a sharp edge, a child
choking on a part. A single harm word ("infection", "swollen", "démangeaisons") is severe when the author links it to
the brand's product ("après votre mascara", "after using your serum"); phrases name the harm on a body themselves.
Look-alikes keep their reading: an infection of ads or of malware, a tooth the dentist treated, slang praise ("c'est
mortel", "killer deal", "this drop was fire"), the words of cooking, fireworks or a rush hour ("feu doux", "feu
d'artifice", "le coup de feu"). Every comment was written for this test."""
from __future__ import annotations

import pytest

from tests.analysis.reading import escalated as _escalated, not_escalated as _not_escalated, run


# ---- 1. a harm to the author's body (or a child's, a pet's) the product caused

@pytest.mark.parametrize("text", [
    "J'ai une infection à l'oeil après votre mascara",
    "Ma fille a chopé une infection depuis qu'elle utilise vos lentilles mensuelles",
    "Conjonctivite depuis que j'utilise votre eye-liner, super",
    "Des démangeaisons partout après votre lessive hypoallergénique",
    "Mon fils a eu des boutons partout après votre crème solaire enfant",
    "J'ai eu des plaques sur le cou à cause de vos colliers",
    "Mes paupières gonflées depuis votre nouveau démaquillant, je n'ose plus sortir",
    "Votre déodorant m'a donné une irritation de la peau terrible",
    "Le dermato m'a dit que c'était à cause de votre sérum",
    "Le médecin pense que c'est une réaction à votre crème de nuit",
    "Je me suis fait une coupure profonde avec l'ouvre-boîte que vous vendez",
    "Attention aux bords tranchants de votre nouvelle râpe, ma mère s'est ouvert le pouce",
])
def test_a_french_harm_from_a_product_is_escalated(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "My eye got infected after using your mascara",
    "I got an infection after using your contact lens solution",
    "Gave me conjunctivitis, your new eyeliner is a disaster",
    "My face is swollen after using your serum",
    "My lips got swollen after your tinted lip balm",
    "Terrible itching after using your body wash",
    "Your new sunscreen irritated my skin so badly",
    "Broke out in hives the morning after trying your face oil",
    "Had to see a dermatologist after using your peel pads",
    "My son choked on a piece of your toy, he is fine now but I'm shaking",
    "Our dog choked on one of your chew sticks last night",
])
def test_an_english_harm_from_a_product_is_escalated(text: str) -> None:
    _escalated(text)


# ---- 2. look-alikes: an infection that is no harm of the product's, slang praise, cooking, fireworks, a rush hour

@pytest.mark.parametrize("text", [
    "Une infection de pubs sur votre appli, c'est insupportable",
    "Votre site est infecté de virus ?",
    "J'avais une infection dentaire, le dentiste m'a reçu vite grâce à votre appli",
    "Avez-vous une crème pour l'eczéma de mon fils ?",
    "Ce burger est mortel, merci",
    "Votre nouveau parfum est mortel, j'en veux encore",
    "C'était mortel le concert d'hier, merci l'orga",
    "Cuire à feu doux, la recette sur le paquet est fausse, raté",
    "On attend le feu d'artifice, le parc est bondé et mal organisé",
    "Le serveur était débordé, c'était le coup de feu, 40 min d'attente",
    "Le parc est fermé au feu rouge, plan d'accès nul",
    "Je suis mort de rire devant votre pub",
])
def test_a_french_look_alike_is_not_escalated(text: str) -> None:
    _not_escalated(text)


@pytest.mark.parametrize("text", [
    "Malware infection after installing your app",
    "My laptop got infected with malware from your download page, awful",
    "My infected tooth was treated by the dentist, the appointment app worked well",
    "Sinus infection all week, your soup delivery saved me",
    "Killer deal on the headphones, thanks!",
    "Your new drop was fire, shipping was slow though",
    "These sneakers are fire but the box came crushed, annoyed",
    "Fire sale prices on the old models, nice",
    "Do you have something for eczema?",
])
def test_an_english_look_alike_is_not_escalated(text: str) -> None:
    _not_escalated(text)


@pytest.mark.parametrize("text", [
    "Ce burger est mortel, merci",
    "C'est mortel ce nouveau parfum",
    "Killer deal on the headphones, thanks!",
])
def test_slang_praise_reads_positive(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "positive", text


# ---- 3. figures of speech on an explosion, a bomb or a fire: a taste, a bill, a wait, a success, slang praise

@pytest.mark.parametrize("text", [
    "Une explosion de saveurs, bravo le chef",
    "Explosion de saveurs mais service lent et serveur désagréable",
    "Mon forfait a explosé à cause de vos frais cachés",
    "Les délais ont explosé, 3 semaines pour un colis",
    "C'est de la bombe ce gâteau",
    "Sales exploded after your ad, great job",
    "My inbox exploded with your spam emails, stop it",
    "Your support team is on fire today, thanks!",
    "You guys are on fire with these updates",
])
def test_a_figure_of_speech_is_not_escalated(text: str) -> None:
    _not_escalated(text)


@pytest.mark.parametrize("text", [
    "Ma batterie externe a explosé dans mon sac, j'ai eu de la chance",
    "The blender jar exploded in my hands, glass everywhere",
    "Your store is on fire, call the firefighters",
])
def test_a_real_explosion_or_fire_is_still_escalated(text: str) -> None:
    _escalated(text)


# ---- 4. "dangereusement bon": praise of a treat, no danger (a heater that heats dangerously still is one)

@pytest.mark.parametrize("text", [
    "Ce chocolat est dangereusement bon",
    "Vos cookies sont dangereusement addictifs, mais le paquet est trop petit, déçue",
    "Une pâte à tartiner dangereusement gourmande, livraison lente par contre",
])
def test_dangerously_good_is_not_escalated(text: str) -> None:
    _not_escalated(text)


def test_a_heater_heating_dangerously_is_escalated() -> None:
    _escalated("Le radiateur chauffe dangereusement, la prise a noirci")


# ---- 5. more harms on a body: bleeding, redness, hair lost, a pet made ill, a treatment needed; a word said of money,
# a logo or a wait is none

@pytest.mark.parametrize("text", [
    "J'ai eu des saignements après votre épilateur",
    "Mon bébé a des rougeurs à cause de vos couches",
    "Mes cheveux sont tombés par poignées après votre shampoing",
    "Sous antibiotiques à cause de votre crème",
    "J'ai dû prendre des antihistaminiques après votre lessive",
    "My scalp is bleeding after your hair dye",
    "Swelling and redness after your tattoo aftercare cream",
    "My hair fell out in clumps after using your shampoo",
    "My cat has been vomiting since we switched to your food",
    "The vet said your treats made my dog sick",
    "Had to take Benadryl after eating your nut-free cookies",
])
def test_more_harms_from_a_product_are_escalated(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "Bleeding money on your subscription, cancel it",
    "My wallet is bleeding after your Black Friday sale lol",
    "The redness of your logo is off, ugly",
    "La rougeur de votre logo est moche",
    "Got very sick of waiting for your support, 2 hours",
    "The swelling of prices at your store is ridiculous",
    "J'ai pris des antibiotiques pour une angine, votre livraison a traîné, nul",
])
def test_more_look_alikes_are_not_escalated(text: str) -> None:
    _not_escalated(text)


# ---- 6. a burn on a person is a safety incident; burnt food is the product's quality (fr/en cues.tsv)

@pytest.mark.parametrize("text", [
    "Je me suis brûlé la main avec votre bouilloire",
    "Ça m'a brûlé la peau, votre crème est dangereuse",
    "Ma fille s'est brûlée avec le couvercle de votre mug",
    "Le fer a lâché de la vapeur, brûlé au second degré",
    "Votre teinture m'a brûlé le cuir chevelu",
    "The charger burned my fingers",
    "Got burns on my skin from your face mask",
    "The lash glue burned my eyes",
    "My son got burned by the steam from your kettle",
    "Burned myself on the handle of your pan, it gets way too hot",
    "Your hair straightener burnt my scalp",
])
def test_a_burn_on_a_person_is_escalated_as_safety(text: str) -> None:
    result = _escalated(text)
    assert "safety" in result["topics"], (text, result["topics"])


@pytest.mark.parametrize("text", [
    "Pizza brûlée, immangeable",
    "Mes toasts sont sortis brûlés du grille-pain, décevant",
    "Le gâteau était brûlé en dessous",
    "Café brûlé et amer ce matin",
    "Burnt pizza, inedible",
    "The toast came out burnt",
    "Burned fries again, third time this month",
    "Your barista burned my latte, tastes awful",
])
def test_burnt_food_is_a_quality_complaint(text: str) -> None:
    result = _not_escalated(text)
    assert result["category"] == "complaint", (text, result["category"])
    assert "safety" not in result["topics"], (text, result["topics"])
    assert "product_quality" in result["topics"], (text, result["topics"])


@pytest.mark.parametrize("text", [
    "Your coffee is so hot I got a burned tongue, put a warning on the cup",
    "J'ai la langue brûlée, votre thé est servi bouillant sans prévenir",
])
def test_a_burned_tongue_is_a_burn_on_a_person(text: str) -> None:
    _escalated(text)


# ---- 7. "toxique", "toxic": a product said toxic is safety; a relationship, a fandom or a positivity is not

@pytest.mark.parametrize("text", [
    "Une relation toxique avec votre appli, je la désinstalle et je la réinstalle lol",
    "Stop à la positivité toxique dans vos pubs",
    "This toxic positivity post is cringe",
])
def test_a_figurative_toxic_names_no_safety_topic(text: str) -> None:
    result = _not_escalated(text)
    assert "safety" not in result["topics"], (text, result["topics"])


@pytest.mark.parametrize("text", [
    "Ce jouet est toxique, la peinture s'écaille et mon fils le met à la bouche",
    "Des fumées toxiques sortent de votre friteuse",
    "Toxic fumes from your new mattress, we can't sleep in the room",
])
def test_a_product_said_toxic_is_a_safety_escalation(text: str) -> None:
    result = _escalated(text)
    assert "safety" in result["topics"], (text, result["topics"])


# ---- 8. "feu", "fire": a fire names safety; a green light, a slang praise or a party does not

@pytest.mark.parametrize("text", [
    "Le feu vert pour la livraison a mis 3 jours, nul",
    "Cette série c'est du feu",
    "Vous avez mis le feu hier soir au concert, merci",
    "Your new collection is fire 🔥",
    "This playlist is straight fire",
    "Fire sale prices on the old models, nice",
])
def test_a_figurative_fire_names_no_safety_topic(text: str) -> None:
    result = _not_escalated(text)
    assert "safety" not in result["topics"], (text, result["topics"])


@pytest.mark.parametrize("text", [
    "Un début de feu dans la cuisine à cause de votre friteuse",
    "La multiprise était en feu quand je suis rentré",
    "Votre radiateur a mis le feu à mon salon",
    "There was a fire in the kitchen because of your toaster",
    "Your heater is a fire hazard, it sparks every time",
])
def test_a_real_fire_is_a_safety_escalation(text: str) -> None:
    result = _escalated(text)
    assert "safety" in result["topics"], (text, result["topics"])


# ---- 9. customers' files exposed, a security hole, a threat to publish: a leak and a story spreading

@pytest.mark.parametrize("text", [
    "Vos serveurs laissent des fichiers clients en accès public, j'ai signalé le problème",
    "Une faille de sécurité sur votre appli montre les commandes de tout le monde",
    "Your server has a security hole exposing customer files, fixed yet?",
    "I found a security flaw that exposes your customers' addresses, I'll publish the details next week",
])
def test_files_exposed_or_a_security_hole_are_escalated(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "La faille de San Andreas dans votre jeu est trop belle",
    "Votre nouvelle mise à jour corrige la faille, merci",
    "Is my data publicly available anywhere?",
    "The prices are publicly available on your website",
    "Super produit, je rends public mon avis : 5 étoiles",
])
def test_a_fault_line_a_fix_or_public_prices_are_not_escalated(text: str) -> None:
    _not_escalated(text)

"""Escalations the engine missed on comments nobody tuned it on (December, fr + en), read from
data/<lang>/escalations.tsv: injuries in a store or with a product (a fall, a cut, a burn, a battery that swells, a
charger on fire, an electric shock), foreign bodies and unlabelled allergens in food, a night at the hospital, legal
steps and regulators (avocat, médiateur, DGCCRF, class action, attorney general), other people's data shown, refusals
for a skin colour, a headscarf, a guide dog or an accent, threats of violence, a story spreading. Every comment was
written for this test. Look-alikes ("ce prix c'est du vol", "I'd kill for this cake", "l'avocat toast") keep their
reading: no escalation, no urgent priority."""
from __future__ import annotations

import pytest

from tests.analysis.reading import escalated as _escalated, not_escalated as _not_escalated


# ---- 1. French: injuries, food, legal steps, data shown, discrimination, threats, a story spreading with a failure

@pytest.mark.parametrize("text", [
    "J'ai glissé sur une flaque dans votre magasin de Lille, je me suis fracturé le poignet",
    "Ma mère est tombée dans vos escaliers mécaniques, personne n'est venu l'aider",
    "Ma fille s'est entaillé la main avec le couvercle de la boîte de conserve",
    "La batterie de ma trottinette a gonflé et a commencé à fumer dans le salon",
    "Le chargeur a pris feu pendant la nuit, on a eu de la chance",
    "Mon téléphone a explosé dans ma poche, j'ai la cuisse brûlée",
    "J'ai pris une décharge en branchant votre bouilloire",
    "Il y avait un morceau de verre dans mon yaourt, mon fils aurait pu l'avaler",
    "J'ai trouvé un insecte dans ma salade sous vide",
    "Une vis en métal dans mon pain de mie, sérieusement ?",
    "Il y a des arachides dans vos biscuits et ce n'est écrit nulle part, mon fils a fait un choc anaphylactique",
    "Toute la famille a eu une gastro après votre poulet, on a fini aux urgences",
    "On a passé la nuit à l'hôpital après avoir mangé vos moules",
    "Le radiateur a fait disjoncter toute la maison et a noirci le mur",
    "Je vais voir un avocat, c'est inadmissible",
    "Mon avocate vous enverra un courrier lundi",
    "Je vais saisir le tribunal si je ne suis pas remboursé",
    "Je dépose plainte contre vous demain au commissariat",
    "Vous allez recevoir une mise en demeure, je ne lâcherai pas",
    "J'ai écrit au médiateur des communications électroniques",
    "Signalement fait sur SignalConso et à la DGCCRF",
    "J'ai saisi la CNIL pour vos mails que je n'ai jamais demandés",
    "J'ai reçu la facture d'une autre personne avec son adresse et son IBAN",
    "Mon adresse apparaît sur le profil d'un inconnu dans votre appli",
    "Mon compte a été piraté juste après votre fuite, merci pour rien",
    "Nos données sont en vente sur un forum, vous allez réagir ?",
    "Le vigile m'a refusé l'entrée à cause de la couleur de ma peau",
    "On m'a demandé d'enlever mon voile pour entrer dans la boutique",
    "Le chauffeur a refusé mon chien guide, je suis malvoyante",
    "Le serveur s'est moqué de mon accent devant toute la salle",
    "Votre vendeur m'a traité de sale arabe",
    "On m'a dit que j'étais trop vieille pour ouvrir un compte en ligne",
    "Si je revois ce livreur je lui casse la figure",
    "Je vais venir avec une batte et vous allez voir",
    "Mon fils s'est étouffé avec une pièce du jouet qui s'est détachée",
    "Le siège auto a lâché pendant le trajet, mon bébé aurait pu être tué",
    "Votre livreur a balancé mon colis par-dessus le portail, la vidéo fait déjà 200 000 vues",
    "Service client lamentable, mon tweet fait déjà 10k retweets",
    "Toujours pas remboursée, j'ai contacté une journaliste",
    "Je vais faire tourner cette histoire partout, votre service est une honte",
])
def test_a_french_escalation_is_urgent(text: str) -> None:
    _escalated(text)


# ---- 2. English: the same situations, in their own words

@pytest.mark.parametrize("text", [
    "I slipped on a wet floor in your store with no sign and broke my ankle",
    "My dad tripped over a box left in the aisle and hit his head",
    "The blade of your peeler snapped and sliced my thumb open, needed stitches",
    "My kid got burned by the steam vent on your kettle",
    "The power bank swelled up and started hissing in my bag",
    "Charger caught fire on my nightstand while I was asleep",
    "The vape exploded in my hand",
    "Got an electric shock just touching the toaster",
    "Found a shard of metal in my burger",
    "There was a dead cockroach in my soup",
    "Your granola has peanuts and the label says nothing, my daughter ended up in the ER",
    "Whole family had food poisoning after your chicken wings, spent the night in the ER",
    "I was hospitalized after eating your sushi",
    "I'm contacting my attorney about this",
    "See you in small claims court",
    "I'm filing a complaint with the attorney general",
    "Reported you to the Better Business Bureau and the state consumer office",
    "Join the class action, I'm in",
    "I received someone else's bank statement in my envelope",
    "My home address is visible to every other user on your app",
    "My account got hacked right after your breach",
    "Our emails and passwords are being sold on the dark web",
    "The security guard followed me around the store because I'm black",
    "The manager refused to serve me because I wear a headscarf",
    "They refused my service dog at the door even though he's certified",
    "The cashier mocked my accent and refused to help me",
    "Your staff told me I was too old to understand the app",
    "Racist staff at your Main Street location, never again",
    "If I see that driver again I'll break his face",
    "Someone is going to get hurt at your store, and it might be me",
    "The car seat buckle snapped during the drive, my baby could have been seriously hurt",
    "Your hoverboard burst into flames in my son's room",
    "The ladder collapsed under me, I fractured my wrist",
    "The oven door shattered and glass flew everywhere",
    "Stroller wheel came off and my toddler fell out",
    "I got stung by a wasp that was inside the juice bottle, my throat swelled",
    "Still no refund after 3 weeks, this has 10k retweets now",
    "Rude driver smashed my parcel, my clip has 2 million views",
    "Terrible service, I'm sharing this with my 50k followers",
    "My order never arrived, I contacted the local news",
])
def test_an_english_escalation_is_urgent(text: str) -> None:
    _escalated(text)


# ---- 3. look-alikes: idioms, slang praise, a harm word about something else, a price, a question

@pytest.mark.parametrize("text", [
    "Ce prix c'est du vol",
    "Ce gâteau c'est une tuerie",
    "Vos avocats bien mûrs, un régal",
    "Cette promo est à tomber par terre",
    "J'ai craqué pour la nouvelle collection, ça déchire",
    "Votre appli me tue mdr",
    "Je suis mort de rire avec votre pub",
    "Les prix ont explosé, c'est abusé",
    "Ce film fait un carton, votre pub est virale dans le bon sens",
    "Le service est au top, je vais en parler à tout le monde",
    "J'ai brûlé les étapes et commandé direct, trop contente",
    "La vidéo de votre recette tourne partout, bravo",
    "C'est criminel d'être aussi bon",
    "Je fais tourner votre code promo aux copains",
    "Le prix n'est écrit nulle part, c'est nul",
    "Le wifi a lâché pendant mon appel, encore",
    "Je suis tombée dans le piège de votre promo",
    "Mon téléphone est tombé de ma poche et l'écran est cassé, la coque ne protège rien",
    "Votre fond de teint ne va pas du tout avec la couleur de ma peau, déçue",
    "Le vendeur m'a poussé à prendre l'assurance, pas content",
    "Votre nouvelle collection est dispo sur TikTok ?",
    "Cette facture, une vraie gifle",
    "Vous allez le regretter, je pars chez la concurrence",
    "Je juge votre service client nul",
    "Le colis a été livré au commissariat au lieu de chez moi",
    "Vos chiens guides en peluche sont trop mignons",
    "The price is criminal",
    "I'd kill for this cake",
    "The app is killing me lol",
    "This went viral in a good way, congrats",
    "This dessert is to die for",
    "Your new ad is fire",
    "Killing it with the new update",
    "I'm dead, this commercial is hilarious",
    "Your sale is insane, I'm going broke",
    "My lawyer friend loves your coffee",
    "That burger was a bomb",
    "I'm going to tell everyone how great your staff are",
    "The crowd went wild, your show was sick",
    "This shampoo slaps, I'm obsessed",
    "Just burned through a whole season on your app, no regrets",
    "The price wasn't on the label, annoying",
    "The sticker came off and the box looks cheap",
    "This phone is too old for the update, useless",
    "Love my new headscarf from your spring line",
    "Are service dogs allowed in your store?",
    "The agent pushed me to buy insurance I didn't need",
    "You'll regret losing me as a customer",
    "This video doesn't play on my phone",
    "I forgot my passwords again, how do I reset?",
    "The handle fell off the door after a week",
    "That price stung by the way",
])
def test_a_look_alike_is_not_escalated(text: str) -> None:
    _not_escalated(text)


# ---- 5. a second and a third round, other situations in other words: a swallowed part, a shelf or a chair giving
# way, gas smelled, gluten in a food labelled without, another customer's records, a guard's force

@pytest.mark.parametrize("text", [
    "Mon fils a avalé une pile bouton qui sortait de votre jouet, on est à l'hôpital",
    "Le verre de la porte du four a éclaté, des morceaux partout dans la cuisine",
    "La poussette s'est repliée toute seule avec mon bébé dedans",
    "J'ai une brûlure au second degré à cause de votre fer à repasser",
    "Votre plat préparé contenait du gluten alors que c'est marqué sans gluten, ma fille est coeliaque",
    "Intox après votre kebab, 3 jours au lit",
    "jme suis ouvert la main sur votre rayon cassé, ya du sang partout",
    "Le chauffe-eau fuit sur les prises électriques depuis votre intervention",
    "Ça sent le gaz depuis que votre technicien est passé",
    "Un morceau de plastique dur dans le steak haché, j'ai failli me casser une dent",
    "Mon avocat vous contactera, vous avez refusé la garantie légale",
    "J'ai saisi le conciliateur, on se verra devant le juge",
    "Je vais faire un signalement à la répression des fraudes",
    "Plainte déposée auprès de l'ARCEP",
    "Vous m'envoyez les relevés bancaires de mon voisin, c'est grave",
    "N'importe qui peut voir mon historique de commandes en changeant un chiffre dans l'URL",
    "Quelqu'un a commandé avec ma carte après votre piratage",
    "On m'a refusé le prêt parce que je suis une femme seule, c'est de la discrimination pure",
    "Pas de place pour mon fauteuil, on m'a dit de revenir un autre jour",
    "Le livreur m'a menacé avec un couteau",
    "Le gérant m'a agressé verbalement et physiquement",
    "Je vais prévenir Que Choisir et les journaux",
    "Ma fille a fait une réaction à votre crème, visage gonflé, on a appelé le 15",
    "Après votre soin au salon, j'ai le cuir chevelu brûlé et des cloques",
    "Votre trottinette électrique a freiné toute seule, je suis passé par-dessus le guidon",
    "Une étagère de votre rayon bricolage est tombée sur mon fils",
    "La chaise du resto s'est cassée sous moi, j'ai le dos en vrac",
    "Le cordon de votre store a failli étrangler mon petit",
    "Mes enfants ont vomi toute la nuit après votre goûter",
    "On a trouvé un bout de verre dans la compote de mon bébé",
    "J'ai reçu le colis de quelqu'un d'autre avec son ordonnance dedans",
    "Vous avez envoyé mon dossier médical à une autre personne",
    "Les caméras de votre magasin filment les cabines d'essayage",
    "On m'a traitée de tous les noms parce que je suis voilée",
    "Le vendeur refuse de servir les personnes en situation de handicap",
    "Votre agent de sécurité m'a plaqué au sol devant mes enfants",
    "J'ai transmis le dossier à l'association de consommateurs et à mon assurance protection juridique",
    "Je saisis les prud'hommes... non je rigole, mais le tribunal de proximité oui",
    "My son swallowed a magnet that came loose from your toy, we're at the hospital",
    "The glass lid exploded on the stove",
    "Your space heater melted and the wall is scorched",
    "I have second degree burns from your curling iron",
    "Labelled gluten free but it made my celiac daughter sick for two days",
    "There were shards of glass in the jar of baby food",
    "Smelled gas right after your technician left",
    "My lawyer will be in touch about the warranty you refused",
    "Filing with the CFPB tomorrow",
    "I reported this to the health department",
    "You sent me my neighbor's bank statements",
    "Anyone can view other people's orders by changing the number in the URL",
    "Someone used my card right after your data breach",
    "The host seated every white couple before us, this is racial profiling",
    "There's no ramp and your staff laughed at my wheelchair",
    "The delivery guy threatened me with a knife",
    "Manager shoved me and screamed in my face",
    "My daughter broke out in hives after your lotion, we called 911",
    "My scalp is burned and blistered after the treatment at your salon",
    "Your e-scooter braked by itself and I flew over the handlebars",
    "A shelf in your hardware aisle fell on my son",
    "The restaurant chair broke under me, my back is wrecked",
    "The blind cord nearly strangled my toddler",
    "My kids vomited all night after your snack packs",
    "You mailed my medical records to a stranger",
    "Your rep read my balance to my ex over the phone",
    "Your store cameras point into the fitting rooms",
    "They called me names because I wear a hijab",
    "Your security guard tackled me in front of my kids",
    "I've forwarded everything to my legal insurance and the consumer association",
    "The pharmacy gave me the wrong medication and I had a seizure",
    "Your toddler bed rail collapsed and my son got stuck between the slats",
])
def test_more_escalations_are_urgent(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "C'est de l'intox, vos prix n'ont pas baissé",
    "À prendre au second degré bien sûr, votre pub est drôle",
    "Les noirs sont en rupture en 42 ?",
    "La housse pour mon fauteuil est arrivée déchirée",
    "J'ai commandé avec ma carte et le paiement a été refusé",
    "Mon fils a avalé un bonbon, il adore vos sucettes",
    "J'ai passé 3 jours au lit avec votre série, géniale",
    "La soirée a été un carton, ça va mal finir pour mes voisins lol",
    "Mon dossier médical est accessible sur l'appli ? super pratique",
    "J'ai appelé le 15 mars pour réserver",
    "Ma fille a vomi dans la voiture, heureusement vos lingettes ont sauvé la journée",
    "J'ai fait un signalement à votre SAV, aucune réponse",
    "The celiac menu is great, thank you",
    "I used my card at your store and it was declined twice",
    "My button battery died after a week, annoying",
    "I filed a complaint with customer service and nobody answered",
    "I swallowed an entire pizza lol, so good",
    "Can I access my medical records through the app?",
    "The movie gave me a seizure of laughter haha",
    "On camera your new phone looks amazing",
])
def test_more_look_alikes_are_not_escalated(text: str) -> None:
    _not_escalated(text)


# ---- 6. a fourth round, short and SMS-style (fr, Québec, en): harassment, a location or codes shared, a pet that
# died, a sharp edge in a box

@pytest.mark.parametrize("text", [
    "@MiamExpress y avait un cheveu ET un bout de verre dans ma pizza. Mon fils a saigné de la bouche",
    "URGENT votre chargeur a cramé ma prise, ça aurait pu foutre le feu à l'appart",
    "chu allé à l'urgence après votre poutine, intoxication sûre",
    "ma blonde s'est fait brûler par la machine à café du dépanneur",
    "vs avez envoyé mes codes d'accès à qqn d'autre wtf",
    "jvais porter plainte c sur",
    "Votre manager m'a touchée de façon déplacée",
    "Votre appli a partagé ma position en temps réel avec des inconnus",
    "La trottinette a pris feu dans le hall de l'immeuble, les pompiers sont venus",
    "y a des éclats de verre dans le sachet de salade",
    "Mon chien est mort après avoir mangé vos croquettes",
    "Une collègue a été harcelée par votre livreur",
    "you guys sent my SSN to someone else???",
    "my kid cut his mouth on a sharp edge inside the cereal box",
    "the hoverboard literally caught fire in our garage",
    "your driver grabbed my arm and wouldn't let go",
    "the guy at the counter called me a slur",
    "he said \"we don't serve your kind here\"",
    "my lawyer is drafting the letter as we speak",
    "I'm going to report this to the state attorney",
    "We got sick, the whole table, after the oysters",
    "your app shows my live location to strangers",
    "my dog died after eating your treats",
    "the delivery guy keeps texting me at night, I feel unsafe",
    "my coworker's pacemaker went off near your scanner",
    "burned my tongue so bad on your coffee it blistered, no warning on the cup",
    "Le livreur m'a fait des avances déplacées et il a mon adresse",
])
def test_short_escalations_are_urgent(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "Mon téléphone est mort après 2 jours, nul",
    "Les gens comme vous rendent le service client agréable, merci",
    "Why do you need my SSN to open an account?",
    "How do I turn off sharing my location in the app?",
    "Can you make the edges less sharp on the next version? Great product otherwise",
    "I grabbed my arm warmers from your store, love them",
    "Où je peux changer mes codes d'accès ?",
    "Je me suis fait brûler la politesse à la caisse par un monsieur pressé, drôle de journée",
    "Cette promo m'a fait des avances que je n'ai pas pu refuser",
])
def test_short_look_alikes_are_not_escalated(text: str) -> None:
    _not_escalated(text)


# ---- 7. a fifth round: a burn from a spilled drink, a frame or brakes failing on the road, addresses sent in copy,
# a regulation broken, a legal step after a failure

@pytest.mark.parametrize("text", [
    "Double débit et aucune réponse, mon avocat prend le relais",
    "Je vais vous traîner devant les tribunaux",
    "Dossier transmis à mon assurance et à un huissier",
    "Vous violez le RGPD en gardant mes données après ma demande de suppression",
    "Mon ancien numéro reçoit encore les SMS avec les infos de mon compte",
    "Votre newsletter a été envoyée avec tous les mails des clients en copie visible",
    "La serveuse a renversé du café bouillant sur mon bras",
    "Le vélo s'est cassé en deux en roulant, je suis tombé sur la route",
    "Votre déodorant m'a provoqué une brûlure sous les bras",
    "Charged twice and ignored for a month, my attorney will handle it from here",
    "I'll see you in court over this",
    "Your newsletter went out with every customer's email in the CC field",
    "My old number still gets texts with my account details",
    "The waitress spilled boiling coffee on my arm",
    "The bike snapped in half while I was riding, I hit the pavement",
    "The rental car's brakes stopped working on the highway",
    "Your deodorant gave me chemical burns under my arms",
])
def test_road_burn_and_copy_escalations_are_urgent(text: str) -> None:
    _escalated(text)


@pytest.mark.parametrize("text", [
    "Les tribunaux de la mode ont parlé : votre collection est sublime",
    "Attention le café est bouillant, mais délicieux, merci",
    "Mon vélo est tombé sur la route du retour mais il n'a rien, solide !",
    "Everyone will see how great your new store looks, congrats",
    "Freins neufs posés chez vous, plus de freins qui grincent, merci",
    "I dropped my phone and it hit the pavement, not a scratch, great case",
])
def test_road_burn_and_copy_look_alikes_are_not_escalated(text: str) -> None:
    _not_escalated(text)

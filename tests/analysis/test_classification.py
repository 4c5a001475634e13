"""Classification on real-looking brand comments, French and English: the hard cases."""
from __future__ import annotations

import pytest

from tests.analysis.reading import run
from worker.analysis import analyze


@pytest.mark.parametrize("text", [
    "pourquoi ma commande est toujours pas arrivée",
    "comment faire pour changer mon adresse de livraison",
    "Bonjour, pouvez-vous me dire quand le magasin ouvre",
    "how do I reset my password",
    "can you tell me when the store opens",
    "@brand please let me know when my size is back in stock",
])
def test_questions_without_a_question_mark(text: str) -> None:
    assert run(text)["category"] in ("question", "complaint")
    assert any(c["signal"] == "category:question" for c in run(text)["cues"]) or run(text)["category"] == "complaint"


@pytest.mark.parametrize("text", [
    "When you light a candle, you also cast a shadow.",
    "What a great day at the shop with the team",
    "Quand on aime, on ne compte pas.",
])
def test_a_statement_opening_with_an_interrogative_is_no_question(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, label", [
    ("c nul tjr en retard", "negative"),
    ("jsp pk mais c trop bien", "positive"),
    ("deja recu, nickel merci", "positive"),
    ("c'est plate en maudit, chu tanné", "negative"),
    ("ben correct, livraison rapide", "positive"),
    ("toujours pas reçu mon remboursement", "negative"),
    ("jamais reçu ma commande", "negative"),
    ("I couldn't be happier with my order", "positive"),
    ("Not bad at all, fast delivery", "positive"),
    ("the app is sooooo slooooow", "negative"),
    ("Order arrived broken #fail", "negative"),
    ("Great product but the delivery took 3 weeks", "negative"),
    ("Le produit est bien mais le service client est injoignable", "negative"),
    ("C'est déprimant, encore une panne", "negative"),
])
def test_sentiment_hard_cases(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text", [
    "J'adore comment ils se comportent avec mon bébé 😍",
    "Do you like Doctor Who?",
    "How are you baby?",
    "My account was disabled after I changed my email",
])
def test_a_harm_word_without_harm_does_not_escalate(text: str) -> None:
    assert not run(text)["flags"]["escalate"]


@pytest.mark.parametrize("text", [
    "Mon fils a fini à l'hôpital après avoir mangé votre produit, c'est scandaleux",
    "The heater caught fire in my living room",
    "Votre batterie a explosé et m'a brûlé la main",
])
def test_real_harm_escalates(text: str) -> None:
    result = run(text)
    assert result["flags"]["escalate"] and result["priority"]["level"] == "urgent"


@pytest.mark.parametrize("text", [
    "https://bit.ly/3xYz",
    "watch my videos on my channel https://youtube.com/xyz",
    "give it a like and subscribe",
    "Likez et partagez ma page, lien en bio",
])
def test_promotion_and_bare_links_are_spam(text: str) -> None:
    assert run(text)["category"] == "spam"


@pytest.mark.parametrize("text", [
    "My order never arrived, tracking here: https://track.example.com/123",
    "Colis jamais reçu, suivi : https://suivi.example.fr/abc",
])
def test_a_link_next_to_a_delivery_problem_is_a_complaint(text: str) -> None:
    assert run(text)["category"] == "complaint"


@pytest.mark.parametrize("text", ["please help me, I cannot find the invoice", "aidez-moi svp, je trouve pas la facture"])
def test_asking_for_help_is_not_itself_a_vague_problem(text: str) -> None:
    result = run(text)
    assert result["category"] in ("question", "complaint")
    assert not result["flags"]["escalate"]


@pytest.mark.parametrize("text", ["vous êtes des voleurs et des incapables", "you guys are a bunch of clowns 🤡",
                                  "Fuuuuck youuuu"])
def test_insults_at_people_are_toxic_fr_en(text: str) -> None:
    assert run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", ["Putain de colis, toujours pas là", "Damn, the app crashed again"])
def test_swearing_at_a_situation_is_not_toxic(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", [
    "Bravo, 3 semaines pour livrer un colis, quel exploit 👏",
    "Great, another outage, thanks a lot",
    "Super, encore une panne 🙄",
])
def test_every_cue_is_an_exact_span_of_the_original_text(text: str) -> None:
    result = run(text)
    assert result["cues"]
    for cue in result["cues"]:
        assert text[cue["start"]:cue["end"]] == cue["text"]
        assert cue["signal"]


def test_cue_spans_survive_decomposed_accents_and_emojis() -> None:
    text = "Colis jamais rec\u0327u 😡😡 depuis 3 semaines !!!"
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    for cue in result["cues"]:
        assert text[cue["start"]:cue["end"]] == cue["text"]


@pytest.mark.parametrize("text, hint, code", [
    ("ok", "en", "en"),
    ("merci", None, "fr"),
    ("thanks", None, "en"),
    ("😡😡😡", None, "und"),
    ("Das Paket ist nie angekommen, sehr enttäuschend", None, "de"),
])
def test_language_on_short_texts(text: str, hint: str | None, code: str) -> None:
    comment = {"text": text}
    if hint:
        comment["language"] = hint
    assert run(**comment)["language"]["code"] == code


def test_an_unsupported_language_still_gets_labels_and_replies() -> None:
    result = run("El paquete nunca llegó, muy decepcionado")
    assert result["language"]["code"] == "es"
    assert result["replies"] and result["replies"][0]["language"] in ("fr", "en")


@pytest.mark.parametrize("text", ["I'm sure it's their fault", "it's down again", "I'd like a refund"])
def test_english_contractions_are_not_french_elisions(text: str) -> None:
    assert analyze({"text": text})["language"]["code"] == "en"


# ---- negation, intensifiers, vocabulary (fr, en)

@pytest.mark.parametrize("text, label", [
    # "plus" before an adjective compares; with "ne" it negates
    ("La nouvelle version est plus rapide et plus fiable", "positive"),
    ("L'appli n'est plus fiable depuis la mise à jour", "negative"),
    # a praise word used as an intensifier before a negative word only intensifies it
    ("Livraison super lente, franchement", "negative"),
    ("Service client super désagréable et lent", "negative"),
    # general vocabulary, SMS and Québec forms
    ("Service impeccable, un grand merci à l'équipe", "positive"),
    ("Le colis est arrivé, bien reçu, je kiffe", "positive"),
    ("Repas immangeable et livreur méprisant", "negative"),
    ("c poche pareil, chu tanné d'attendre", "negative"),
    ("Franchement c'est du vol, une honte", "negative"),
    ("S'il vous plaît, où en est ma commande", "neutral"),
    ("Your support team was so responsive and helpful, hats off", "positive"),
    ("The checkout is laggy and the app is unusable", "negative"),
    ("Honestly a total letdown, so underwhelming", "negative"),
    ("Hands down the best pizza in town", "positive"),
])
def test_sentiment_vocabulary_and_rules(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


def test_a_colour_word_has_no_valence() -> None:
    assert run("Le nouveau logo est vert et bleu")["sentiment"]["label"] == "neutral"
    assert run("The new packaging is green")["sentiment"]["label"] == "neutral"


# ---- toxicity: insults aimed at people, not swearing at things

@pytest.mark.parametrize("text", [
    "Ferme ta gueule, sale con",
    "Vous êtes des incapables et des menteurs",
    "Le livreur ? Un gros con.",
    "you're a disgrace, ur staff are morons",
    "Your manager is a despicable human being",
    "Terrible people work at this store, absolute scumbags",
    "Shut the fuck up and fix my order",
    "I hope you die, you fraud",
])
def test_insults_threats_and_slurs_are_toxic(text: str) -> None:
    result = run(text)
    assert result["flags"]["toxic"]
    assert any(c["signal"] == "flag:toxic" for c in result["cues"])


@pytest.mark.parametrize("text", [
    "This burger is so fucking good",
    "Shooting a video with the new camera today, love it",
    "Watch out for the new collection next week",
    "Le service est nul et la livraison catastrophique",
    "The app is terrible and the update is useless",
    "Je suis crevé, la livraison a pris toute la journée",
])
def test_strong_words_about_things_or_praise_are_not_toxic(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


# ---- questions: asking vs rhetorical

@pytest.mark.parametrize("text", [
    "Livrez-vous en Belgique ?",
    "Do you ship to Canada? I'd love to order the blue one.",
    "What time does the store open on Sunday",
    "Quelle taille est dispo pour la veste noire",
    "What's the return policy for sale items",
    "Le magasin de Lyon est-il ouvert dimanche ?",
])
def test_genuine_questions(text: str) -> None:
    assert run(text)["category"] == "question"


@pytest.mark.parametrize("text", [
    "You know what? I'm done with this app.",
    "Seriously? Another price increase.",
    "Why do people keep buying this? Because the ads are everywhere.",
    "'Have you tried turning it off?' is not an answer to everything",
    "Victory? Not really, the update broke half the features.",
])
def test_rhetorical_questions_are_not_questions(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text", [
    "Je cherche des panneaux solaires pour mon toit",
    "On regarde la coupe du monde au magasin ce soir",
    "Merci de me répondre en message privé",
    "Listening to the hospital radio show this Sunday",
    "The new album may or may not come out in June",
])
def test_words_that_only_look_like_valence_stay_neutral(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "neutral"


@pytest.mark.parametrize("text", [
    "Dites-moi que je rêve, encore 10 € de plus sur l'abonnement",
    "Je rêve ou le prix a encore augmenté",
    "On croit rêver : 3 semaines pour un simple remboursement",
    "You've got to be kidding me, another price rise",
    "Tell me this is a joke, my card was charged again",
])
def test_disbelief_at_what_happened_is_negative_not_a_dream(text: str) -> None:
    # "rêve" alone is positive ("un rêve, ce produit"); these idioms say the author cannot believe it
    assert run(text)["sentiment"]["label"] == "negative"


@pytest.mark.parametrize("text", ["Je rêve de ce sac depuis des mois", "Un vrai rêve, ce produit"])
def test_a_dream_is_still_positive(text: str) -> None:
    assert run(text)["sentiment"]["label"] == "positive"


@pytest.mark.parametrize("text", [
    "Love waiting 2 hours on hold, great service #sarcasm",
    "Oh great, my favourite app crashed again /s",
    "Trop bien, encore une panne, merci bien",
    "Quel bonheur, 3 semaines sans colis #ironie",
])
def test_explicit_irony_markers_and_frames_read_as_negative(text: str) -> None:
    result = run(text)
    assert result["sentiment"]["label"] == "negative"
    assert any(c["signal"] == "sarcasm" for c in result["cues"])


@pytest.mark.parametrize("text, label", [
    ("Great...", "neutral"),
    ("Ouais, c'est bien…", "neutral"),
    ("Lovely morning for a delivery 👎", "negative"),
    ("Encore en retard #ServiceClientNul", "negative"),
    ("Livraison rapide, merci :)))", "positive"),
])
def test_praise_trailing_off_or_contradicted_is_not_praise(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text, label", [
    # sincere praise that mentions a mishap, or a fixed problem, is no irony
    ("Merci à la vendeuse, super sympa avec mon fils qui avait oublié son ticket 🙏", "positive"),
    ("Problème réglé en deux messages, franchement chapeau 👍", "positive"),
    ("Thanks to the driver, so kind to my mum who had lost her ticket", "positive"),
    # denial of trouble is praise
    ("Client depuis 10 ans, jamais eu le moindre souci", "positive"),
    ("Been with you for years and never had a single issue", "positive"),
    # a refund or a support ticket named is not yet a grievance
    ("Bonjour, combien de temps pour être remboursé après un retour ?", "neutral"),
    ("I opened a support ticket this morning", "neutral"),
    # "ça marche toujours pas" is no fix
    ("ca marche tjr pas votre truc", "negative"),
    ("Carton arrivé éventré, la lampe en morceaux", "negative"),
    ("Box arrived crushed and the screen is cracked", "negative"),
])
def test_brand_comment_sentiment(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text", [
    "Ce serait top d'avoir une appli pour tablette",
    "Would love to see a dark mode in the app",
])
def test_praise_inside_a_wish_is_hypothetical(text: str) -> None:
    result = run(text)
    assert result["category"] == "suggestion"
    assert result["sentiment"]["label"] == "neutral"


@pytest.mark.parametrize("text", [
    "Gagnez un smartphone gratuit ici 👉 bit.ly/gagne-tel",
    "FREE GIFT CARDS 👉 www.free-cards-now.xyz limited time!!!",
])
def test_a_promotion_says_nothing_good_about_the_brand(text: str) -> None:
    result = run(text)
    assert result["category"] == "spam"
    assert result["sentiment"]["label"] == "neutral"


@pytest.mark.parametrize("text", [
    "If that manager speaks to me like that again I swear I'll break his face.",
    "La prochaine fois que votre livreur bloque mon garage je lui crève les pneus, vous êtes prévenus",
])
def test_threats_of_violence_are_toxic_and_escalate(text: str) -> None:
    result = run(text)
    assert result["flags"]["toxic"] and result["flags"]["escalate"]


@pytest.mark.parametrize("text, label", [
    ("Le nouveau forfait est moins cher et la livraison plus rapide", "positive"),
    ("La nouvelle formule est beaucoup moins efficace", "negative"),
    ("Your new app is less reliable than the old one", "negative"),
    ("Great move to reduce waste in your packaging", "positive"),
    ("Au moins la livraison était rapide", "positive"),
    ("Pas de souci, merci pour le retour", "positive"),
    ("La mairie donne son feu vert au nouveau magasin", "positive"),
])
def test_what_lessens_a_word_reverses_it_and_set_phrases_win(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text, label", [
    ("Le loup ne se chasse pas lol ^^", "positive"),
    ("Cette appli n'est pas terrible :(", "negative"),
    ("Chère équipe, pouvez-vous me rappeler demain ?", "neutral"),
    ("Une vraie solution contre le gaspillage, bravo", "positive"),
    ("Il a bien du mal à répondre aux clients", "negative"),
])
def test_laughs_and_emoticons_are_never_negated_and_forms_of_address_are_not_prices(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text, label", [
    ("Ce n'est pas mal du tout, livraison rapide", "positive"),
    ("Le service n'est pas terrible", "negative"),
])
def test_ne_belongs_to_the_negation_inside_a_litotes(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


@pytest.mark.parametrize("text, asks", [
    ("Je me demande si vous livrez en Suisse", True),
    ("I was wondering if the blue model is back in stock", True),
    ("Bonjour, je voulais savoir si la garantie couvre la batterie", True),
    ("I wonder what the shop looked like back in the 80s", False),
])
def test_indirect_questions_ask_with_if_or_si(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text, label", [
    ("Vous m'avez sauvé la mise, merci", "positive"),
    ("Drôle de façon de traiter les clients", "negative"),
    ("Enfin bref, je passerai demain au magasin", "neutral"),
])
def test_idioms_sauver_drole_de_enfin(text: str, label: str) -> None:
    assert run(text)["sentiment"]["label"] == label


def test_a_reducer_is_shown_as_what_reversed_the_word() -> None:
    text = "Le forfait est moins cher maintenant"
    cues = {(c["text"], c["signal"]) for c in run(text)["cues"]}
    assert ("moins", "negation") in cues and ("cher", "sentiment:positive") in cues


# ---- toxicity: who the words are aimed at

def toxic_cues(result: dict) -> set[str]:
    return {c["text"] for c in result["cues"] if c["signal"] == "flag:toxic"}


@pytest.mark.parametrize("text, cue", [
    ("Your drivers are useless, parcel thrown over the fence again", "useless"),
    ("Vos conseillers sont vraiment nuls, trois appels pour rien", "nuls"),
    ("that cashier is so very stupid, she charged me twice", "stupid"),
    ("Are you really that dumb? I gave you my address twice", "dumb"),
    ("You sound so ignorant when you answer customers like that", "ignorant"),
    ("1h d'attente pour tomber sur un conseiller de merde", "merde"),
    ("Bande d'incompétents, pas un pour rattraper l'autre", "Bande d'incompétents"),
    ("NovaTel = arnaqueurs, rendez-moi mon argent", "arnaqueurs"),
    ("this ad is trash and so are you", "trash"),
    ("Your support team is a bunch of clueless clowns", "clueless"),
    # the elided "t'es" (and its typographic apostrophe) is "tu es": the judgement is said to the reader
    ("T'es con ou quoi ? Ça fait 3 fois que je te donne mon adresse", "con"),
    ("t’es débile, je t'ai dit le 12 pas le 21", "débile"),
])
def test_a_judgement_said_of_people_is_toxic(text: str, cue: str) -> None:
    result = run(text)
    assert result["flags"]["toxic"]
    assert cue in toxic_cues(result)


@pytest.mark.parametrize("text", [
    "The new app is useless and the update is stupid",
    "Le service client est nul, la livraison est nulle",
    "Le colis est arrivé dans un état pathétique",
    "Staff were rude and ignored me for 15 minutes",
    "Le vendeur était désagréable et arrogant",
    "Vous êtes incapables de livrer à l'heure ?",
    "What a stupid design for a charger",
    "This is the dumbest pricing I've ever seen",
    "C'est con, le colis est reparti chez l'expéditeur",
    "L'appli est débile, il faut se reconnecter à chaque fois",
])
def test_a_judgement_of_things_or_of_conduct_is_a_complaint_not_an_insult(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text", [
    "I'm such an idiot, I typed the wrong address",
    "Je suis vraiment con, j'ai oublié de valider la commande",
    "The parcel arrived with maggots in the fruit box",
    "Stop supporting brands that test on animals",
    "Nos tests sur les singes sont interdits depuis 2013 ?",
])
def test_self_mockery_and_literal_words_are_not_toxic(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


@pytest.mark.parametrize("text, cue", [
    ("what a f*cking joke, you people are a disgrace", "f*cking"),
    ("the manager is such an a**hole", "a**hole"),
    ("full of sh!t as always", "sh!t"),
    ("you fuckass, learn to read", "fuckass"),
])
def test_masked_and_compound_vulgar_words_are_found(text: str, cue: str) -> None:
    result = run(text)
    assert result["flags"]["toxic"]
    assert cue in toxic_cues(result)
    for c in result["cues"]:
        assert text[c["start"]:c["end"]] == c["text"]


@pytest.mark.parametrize("text", [
    "Fuck yeah, the new album is out!",
    "This burger is so fucking good",
    "Grade F! Great seats though",
    "Rated a* by the inspectors",
])
def test_vulgar_enthusiasm_and_symbols_that_mask_nothing_are_not_toxic(text: str) -> None:
    assert not run(text)["flags"]["toxic"]


# ---- questions: forms without "?", and "?" or request words that ask nothing

def question_cues(result: dict) -> set[str]:
    return {c["text"] for c in result["cues"] if c["signal"] == "category:question"}


@pytest.mark.parametrize("text, cue", [
    ("@acme in the new app why do all my photos come out blurry", "why do"),
    ("QUEEN YOU HAVENT POSTED IN DAYS WHERE DID U GO", "WHERE DID"),
    ("I need to know if the blue hoodie comes in XL", "I need to know"),
    ("J'ai besoin de savoir si la garantie couvre l'écran", "besoin de savoir"),
    ("Je suis curieuse de savoir comment vous recyclez les capsules", "curieuse de savoir"),
    ("Hey, what about this one, is it in stock in Lyon", "what about"),
])
def test_questions_without_a_question_mark_or_an_opening(text: str, cue: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert cue in question_cues(result)


@pytest.mark.parametrize("text", [
    "New collection, free shipping, 30-day returns. What more could you ask for?",
    "Who wouldn't love a cinnamon latte on a Monday?!",
    "Did you know our founder started in a garage in 1998? 🙂",
    "Cette nouvelle gamme, franchement, que demander de plus ?",
    "Le saviez-vous ? Nos flacons sont recyclés à 100 %.",
    "Why we moved our production back to France",
    "Please excuse the long post, I just love this shop",
    "I'm trying to please everyone at this wedding, wish me luck",
    "Mum always said \"let me know when you get home\" and now I say it to my kids",
    "Tell me you love the new packaging without telling me 😍",
    "I'd like to thank the whole team in Lille",
    "Teachers who really need help should get it, great initiative",
    "Great article: does recycling really work?: the facts behind the labels",
])
def test_rhetorical_titles_courtesy_and_quoted_words_are_not_questions(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, category", [
    ("How about adding a dark mode to the app?", "suggestion"),
    ("What about my refund?", "question"),
    ("Where the hell is my parcel?", "question"),
])
def test_how_about_proposes_only_with_a_proposal(text: str, category: str) -> None:
    result = run(text)
    assert result["category"] == category or (category == "question" and result["category"] == "complaint")


@pytest.mark.parametrize("text", [
    "Anyone surprised? Anyone? No. Third price rise this year.",
    "Une réponse ? Un geste ? Non. Rien depuis trois semaines.",
])
def test_an_answer_closes_the_whole_run_of_questions_before_it(text: str) -> None:
    result = run(text)
    assert result["category"] != "question"
    assert not question_cues(result)


@pytest.mark.parametrize("text, toxic", [
    ("Quelle bande de blaireaux au service après-vente", True),
    ("Vos livreurs sont des branques, colis encore dans la flaque", True),
    ("Your CEO is a grifter and your reps are shills", True),
    ("The manager is a rat, he lied to my face", True),
    ("Saw a rat in the kitchen of your Leeds restaurant", False),
    ("La quiche lorraine était froide", False),
    ("My dad is very sick and can't come to the store", False),
])
def test_names_for_people_and_their_literal_senses(text: str, toxic: bool) -> None:
    assert run(text)["flags"]["toxic"] is toxic


# ---- requests: forms that ask someone to do something, and look-alikes that ask nothing

@pytest.mark.parametrize("text", [
    "@acme please follow me, I love your shoes",
    "@acme follow me pls, your trainers are the best",
    "@marque suivez-moi svp, j'adore vos bougies",
])
def test_a_follow_asked_politely_is_a_request(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert question_cues(result)


@pytest.mark.parametrize("text", [
    "follow me i follow back 100% 💯",
    "suivez moi je suis 100% en retour 🔁🔁",
    "please follow me on insta for daily deals https://x.co/a",
    "follow me for more outfit ideas",
])
def test_a_follow_offered_to_all_stays_spam(text: str) -> None:
    assert run(text)["category"] == "spam"


@pytest.mark.parametrize("text, cue", [
    ("We ask you to check the tracking of order 4411 and tell us the delivery date", "We ask you to"),
    ("I'm asking you to call me back before Friday", "I'm asking you"),
    ("Je vous demande de vérifier le suivi de la commande 4411", "Je vous demande de"),
    ("Nous vous prions de nous rappeler avant vendredi", "Nous vous prions de"),
    ("tell me again how I change the delivery address", "tell me again"),
    ("Expliquez-moi comment on change l'adresse de livraison", "Expliquez-moi"),
    ("I definitely need to know where this lamp comes from", "I definitely need to know"),
    ("Il faut que je sache si la lampe existe en blanc", "Il faut que je sache"),
    ("Je veux savoir si la lampe existe en blanc", "Je veux savoir"),
])
def test_requests_and_questions_said_as_statements(text: str, cue: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert cue in question_cues(result)


@pytest.mark.parametrize("text", [
    "They're just asking you to wait in line like everyone else",
    "Je vous demande pardon pour le retard de ma réponse, tout est parfait",
    "I can't explain why I love this shop so much",
    "Je ne saurais expliquer pourquoi j'adore cette boutique",
    "Gotta know your classics, and this shop gets it",
    "Elle veut savoir coudre, vos kits sont parfaits pour débuter",
])
def test_asking_verbs_said_of_others_or_idioms_ask_nothing(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, cue", [
    ("It would mean a lot to me if you wished my daughter a happy birthday, she loves your shop",
     "would mean a lot to me if you"),
    ("I'd really appreciate it if you could check my order status", "I'd really appreciate it if you"),
    ("Ça me ferait très plaisir que vous répondiez à mon message", "ferait très plaisir que"),
    ("Je vous serais reconnaissante de me rappeler demain", "serais reconnaissante de"),
])
def test_a_favour_asked_as_a_condition_is_a_request(text: str, cue: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert cue in question_cues(result)


@pytest.mark.parametrize("text", [
    "It would mean a lot if you checked out my channel, I post every day",
    "I'd appreciate it if you watched my new video https://yt.example/v1",
    "Ça me ferait très plaisir que vous alliez voir ma chaîne",
])
def test_a_favour_asked_for_the_authors_promotion_stays_spam(text: str) -> None:
    assert run(text)["category"] == "spam"


@pytest.mark.parametrize("text", [
    "It would mean a lot to the team, thanks for coming",
    "Ça me ferait plaisir de revenir chez vous, super accueil",
    "Je serais reconnaissant toute ma vie pour ce cadeau",
])
def test_a_favour_without_anyone_asked_is_no_request(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, category", [
    ("Can you check my order status?", "question"),
    ("Vous pouvez regarder ma commande 5521 svp", "question"),
    ("check my store for cheap sneakers https://x.co/s", "spam"),
    ("check my channel for more unboxings", "spam"),
])
def test_check_my_order_is_the_authors_business_check_my_channel_is_promotion(text: str, category: str) -> None:
    assert run(text)["category"] == category


@pytest.mark.parametrize("text, cue", [
    ("Does your app work offline", "Does your"),
    ("Has @acme said when the sale starts", "Has @acme"),
    ("did the store in Leeds get the new sofas in", "did the"),
    ("Peut-il être livré samedi", "Peut-il"),
    ("Va-t-on recevoir un avoir pour le retard", "Va-t-on"),
])
def test_an_auxiliary_before_its_subject_asks_without_a_question_mark(text: str, cue: str) -> None:
    result = run(text)
    assert result["category"] in ("question", "complaint")
    if result["category"] == "question":
        assert cue in question_cues(result)


@pytest.mark.parametrize("text", [
    "Do the right thing and stock the blue one again",
    "Have a great weekend guys, see you Saturday",
    "Did it again, best cake ever",
    "Was the best day ever at your shop",
    "@acme is the best shop in town",
    "#AcmeDeals is the best thread on here",
    "My mum loved the scarf. So did my sister",
    "Inscrivez-vous à la newsletter, les offres sont top",
    "Laissez-vous tenter par la nouvelle gamme, elle est géniale",
])
def test_commands_ellipses_and_named_subjects_are_no_inversion(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, asks", [
    ("Sorry to bother you, but do you ship to Belgium? My cousin lives there.", True),
    ("Désolée pour la question, mais combien coûte la livraison ? Je n'ai pas trouvé.", True),
    ("Tell me how I change my delivery address? I moved last week.", True),
    ("Explique comment activer la carte ? Je ne trouve pas.", True),
    ("New collection, but the same old prices? Anyway, not for me.", False),
    ("Nouvelle collection, mais toujours les mêmes prix ? Bref, je passe.", False),
])
def test_a_clause_or_an_imperative_that_asks_keeps_its_question_mark(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text, asks", [
    ("@acme keep it up pls, love the new range", False),
    ("Continuez comme ça svp, vos vendeurs sont top", False),
    ("Please keep me posted on my order", True),
    ("Tenez-moi au courant svp pour ma commande", True),
])
def test_please_with_a_cheer_encourages_with_keep_me_posted_it_asks(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text, asks", [
    ("How cute is that?", False),
    ("Qu'est-ce qu'il est mignon ce pull ?", False),
    ("How long is the wait for a fitting?", True),
    ("Combien de temps dure la livraison ?", True),
    ("What world are we living in where a parcel takes 3 weeks?", False),
    ("Dans quel monde vit-on pour payer 10 € de frais de port ?", False),
    ("Can I just say how much I love this shop?", False),
    ("Je peux juste dire à quel point j'adore cette boutique ?", False),
    ("Because why would anyone answer the phone?", False),
    ("Parce que pourquoi répondre au téléphone ?", False),
    ("Because I moved, can you change my address?", True),
    ("Parce que j'ai déménagé, pouvez-vous changer l'adresse ?", True),
    ("How can it cost more online than in store? Answer me that.", True),
])
def test_exclamations_formulas_and_arguments_that_look_like_questions(text: str, asks: bool) -> None:
    result = run(text)
    assert (result["category"] == "question") is asks or (asks and result["category"] == "complaint")


@pytest.mark.parametrize("text, asks", [
    ("Which is why I keep coming back to your shop", False),
    ("C'est pourquoi je reviens toujours chez vous", False),
    ("Which size is right for a 5 year old", True),
    ("#AcmeFans who are in Lyon should visit the new store", False),
    ("@acme who do I contact about a refund", True),
    ("What happened yesterday was a one-off, the team was great", False),
    ("What size is right for a 5 year old", True),
])
def test_relative_clauses_are_no_questions(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text", [
    "Join us Thursday at the Lyon store",
    "Rejoignez-nous jeudi au magasin de Lyon",
    "Vote for us in the awards!",
    "Votez pour nous aux trophées !",
])
def test_a_call_to_mobilise_an_audience_without_a_request_word_is_no_question(text: str) -> None:
    assert run(text)["category"] != "question"


@pytest.mark.parametrize("text, asks", [
    ("Hi Sarah, can I get a refund on the blue lamp", True),
    ("Hello Team Acme, what time do you open tomorrow", True),
    ("Bonjour Marie, quand est-ce que le magasin ouvre", True),
    ("Salut Léa, combien coûte la livraison en Belgique", True),
    ("Hi Sarah, great service today", False),
    ("Bonjour Marie, super accueil aujourd'hui", False),
])
def test_a_name_greeted_does_not_hide_the_question_after_it(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text, asks", [
    ("You ship to Belgium as well, don't you", True),
    ("The sale ends on Sunday night isnt it", True),
    ("C'est la nouvelle formule du sérum, n'est-ce pas", True),
    ("I told you so, didn't I", False),
    ("The new range is lovely, isn't it. Great job", False),
    ("Ce sérum est génial, n'est-ce pas", False),
])
def test_a_question_tag_on_a_fact_asks_on_an_opinion_it_seeks_agreement(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text", [
    "Does anyone at Acme read these comments? Apparently not, third message this week.",
    "Quelqu'un lit les commentaires ici ? Visiblement non, troisième message cette semaine.",
])
def test_a_question_its_author_answers_with_apparently_asks_nothing(text: str) -> None:
    result = run(text)
    assert result["category"] != "question"
    assert not question_cues(result)


@pytest.mark.parametrize("text", [
    "What if the sofa arrives damaged?",
    "Et si le colis arrive abîmé ?",
    "If the app crashes during payment, do I pay twice?",
    "Si l'appli plante pendant le paiement, je paie deux fois ?",
    "Vous savez si la garantie couvre un écran cassé ?",
    "In case the parcel gets lost, who pays for it?",
    "En cas de colis perdu, qui rembourse ?",
])
def test_a_failure_supposed_in_a_questions_condition_is_a_question_not_a_brand_error(text: str) -> None:
    result = run(text)
    assert result["category"] == "question"
    assert not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "My parcel arrived damaged, what do I do?",
    "Colis arrivé abîmé, je fais comment ?",
    "If my parcel arrived damaged, do you replace it?",
    "S'il est arrivé abîmé, vous le remplacez ?",
    "What do I do if my parcel hasn't arrived?",
    "Que faire si mon colis n'est jamais arrivé ?",
    "If my parcel arrives damaged again I am done with you.",
    "Si mon colis arrive encore abîmé, je résilie.",
])
def test_a_failure_stated_told_in_a_past_condition_or_threatened_stays_a_complaint(text: str) -> None:
    assert run(text)["category"] == "complaint"


@pytest.mark.parametrize("text, asks", [
    ("send me the tracking link pleasee", True),
    ("envoyez-moi le lien de suivi svpp", True),
    ("@acme follow me pleasee, I love your shoes", True),
    ("Remember when delivery took 2 days?", False),
    ("Tu te souviens quand la livraison prenait 2 jours ?", False),
])
def test_doubled_courtesy_asks_and_remember_when_recalls(text: str, asks: bool) -> None:
    assert (run(text)["category"] == "question") is asks


@pytest.mark.parametrize("text", [
    "Just describe me what the warranty covers",
    "Juste comment on fait pour changer l'adresse de livraison",
])
def test_just_before_a_question_does_not_hide_it(text: str) -> None:
    assert run(text)["category"] == "question"


# ---- exact prefilters in situations.classify: a rule skipped by its prefilter must find nothing

_PREFILTER_TEXTS = [
    "why do all the parcels arrive late", "QUEEN WHERE DID U GO", "did the team even consider it",
    "does your app work offline", "Peut-il être livré samedi", "Va-t-on recevoir un avoir",
    "you ship to Belgium, don't you", "the sale ends Sunday isnt it", "c'est la nouvelle formule, n'est-ce pas",
    "It would mean a lot if you said hi", "I'd appreciate it if you could check", "ça me ferait plaisir que vous répondiez",
    "je vous serais reconnaissant de me rappeler", "merci beaucoup, super service !", "colis jamais reçu",
    "what a f*ck", "sh!t service", "b#tch", "a**hole", "cr*p", "ſh!t", "SH!T", "F*CK", "wh*re", "p*ssy",
    "Did it again!", "Rendez-vous samedi", "How cute is that?", "@acme is the best",
]


def test_question_rules_find_nothing_without_their_words() -> None:
    from worker.analysis import situations
    from worker.analysis.normalize import tokenize

    fired: set[str] = set()
    for text in _PREFILTER_TEXTS:
        tokens = tokenize(text)
        forms = {t.folded for t in tokens if t.kind == "word"}
        found = {
            "wh": situations._inverted_wh(tokens, [], []),
            "aux": situations._inverted_aux(tokens, [], []),
            "tag": situations._tag_questions(tokens, [], set()),
            "favour": situations._favour_asked(tokens, []),
        }
        fired.update(name for name, hits in found.items() if hits)
        if situations._WH_WORDS.isdisjoint(forms):
            assert found["wh"] == [], text
        if situations._OPENING_AUX.isdisjoint(forms) and not any("-" in f for f in forms):
            assert found["aux"] == [], text
        if situations._TAG_ENDS.isdisjoint(forms):
            assert found["tag"] == [], text
        if situations._CONDITIONALS.isdisjoint(forms):
            assert found["favour"] == [], text
    assert fired == {"wh", "aux", "tag", "favour"}   # each rule fires on some of these texts


def test_masked_profanity_prefilter_holds_every_match() -> None:
    """Every match of the masked-profanity pattern holds the pair its prefilter looks for, whatever the case
    folding (random strings over the letters and symbols the pattern reads, "ſ" and Kelvin sign included)."""
    import random

    from worker.analysis import situations

    rng = random.Random(5)
    alphabet = list("fushabcdpwiotnkrelyFSUH\u017f\u212a\u0131\u0130*#@$%! .x")
    matched = 0
    for _ in range(40000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        if situations._MASKED_PROFANITY.search(text):
            matched += 1
            assert situations._MASK_PAIR.search(text), text
    assert matched > 100
    # the class folds its letters exactly as the pattern's literals do, over every code point
    every = "".join(map(chr, range(0x110000)))
    for letter in "fushabcdp":
        literal = situations.re.findall("(?i)" + letter, every)
        assert literal == situations.re.findall("(?i)[" + letter + "]", every), letter


@pytest.mark.parametrize("text", [
    "Because why would I have said no.", "Parce que pourquoi répondre.", "Not so crazy, eh",
    "What more could you ask for. Thanks!", "Who cares. Merci", "Le saviez-vous : on livre le dimanche",
    "colis jamais reçu", "merci beaucoup", "well, eh", "I wonder who cares", "Because I moved, change my address",
])
def test_statements_without_a_question_mark_are_read_as_a_full_scan_reads_them(text: str) -> None:
    """question_marks skips its sentence scan when no "?" and nothing rhetorical is in the text: the same
    result as the scan."""
    from worker.analysis import situations
    from worker.analysis.normalize import tokenize

    tokens = tokenize(text)
    assert situations.question_marks(text, tokens) == situations._question_marks_scan(text, tokens)


@pytest.mark.parametrize("text", [
    "J'attends mon colis depuis 3 semaines, il est où ?",
    "Ça fait 10 jours que j'attends mon remboursement, vous pouvez me dire quand il arrive ?",
    "Bravo, 3 semaines pour livrer un colis, quel exploit 👏 vous pouvez me dire où il est ?",
    "I've been waiting 3 weeks for my parcel, where is it?",
    "3 weeks waiting for my order, can someone tell me what's going on?",
])
def test_a_counted_wait_asked_about_is_a_complaint_about_the_delay(text: str) -> None:
    # the question does not hide the failure: the steps must apologise and bring a solution
    result = run(text)
    assert result["category"] == "complaint" and result["flags"]["brand_error"], result["category"]
    assert [s["id"] for s in result["steps"]][:3] == ["acknowledge", "accept_error", "offer_solution"]


@pytest.mark.parametrize("text", [
    "Combien de temps pour être livré ? 3 jours ?",
    "Do you deliver within 2 days?",
    "Is delivery in 3 to 5 days for Belgium too?",
])
def test_a_duration_in_a_plain_question_is_no_delay(text: str) -> None:
    result = run(text)
    assert result["category"] == "question" and not result["flags"]["brand_error"]


@pytest.mark.parametrize("text", [
    "Why is nobody answering my emails??",
    "No one has replied to my emails in a week",
    "Personne ne me répond depuis 3 jours, c'est normal ?",
    "Personne ne décroche au service client",
])
def test_nobody_answering_is_a_failure_even_when_asked_about(text: str) -> None:
    result = run(text)
    assert result["category"] == "complaint" and result["flags"]["brand_error"], result["category"]

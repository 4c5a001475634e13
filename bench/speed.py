"""Full-analysis speed on one core, resident memory, and VADER's sentiment-only speed in the same run.

    python bench/speed.py [--n 20000]

The corpus is generated here from hand-written templates of short brand comments (French and
English), so the figure does not depend on any data set.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OPENINGS_FR = ["", "Bonjour, ", "@marque ", "Franchement ", "Sérieusement ", "Salut, "]
BODIES_FR = [
    "ma commande n'est toujours pas arrivée après {n} jours", "colis jamais reçu, c'est nul",
    "on m'a débité deux fois ce mois-ci", "l'appli plante à chaque connexion depuis la mise à jour",
    "super service, livraison rapide, merci !", "vous livrez en Belgique ?", "ça marche pas",
    "bravo, {n} semaines pour livrer un colis, quel exploit 👏", "le produit est arrivé cassé",
    "impossible de joindre le service client, {n} heures d'attente", "vous devriez proposer le paiement en 3 fois",
    "merci Karim ça a marché", "pas terrible la qualité", "trop bien, je recommande 😍", "c nul tjr en retard pk ??",
]
OPENINGS_EN = ["", "Hi, ", "@brand ", "Honestly ", "Seriously, ", "Hey "]
BODIES_EN = [
    "my order still hasn't arrived after {n} days", "package never arrived, this is ridiculous",
    "you charged me twice this month", "the app keeps crashing since the update", "great service, thanks!",
    "do you ship to Canada?", "it doesn't work", "great, another outage, thanks a lot 🙄",
    "the screen arrived broken", "been on hold for {n} hours", "you should add a dark mode",
    "thanks Sam that worked", "not bad at all", "love it, works perfectly 😍", "worst customer service ever!!!",
]


def corpus(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        french = i % 2 == 0
        opening = rng.choice(OPENINGS_FR if french else OPENINGS_EN)
        body = rng.choice(BODIES_FR if french else BODIES_EN).replace("{n}", str(rng.randint(2, 9)))
        out.append({"text": opening + body, "channel": rng.choice(["twitter", "facebook", "instagram"]),
                    "author": {"name": rng.choice(["Marie", "Luc", "Sam", "Ann"])}})
    return out


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000)
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    except (AttributeError, OSError):
        pass
    comments = corpus(args.n)

    started = time.perf_counter()
    from worker.analysis import analyze
    analyze({"text": "Bonjour, colis jamais reçu. Hello, package never arrived."})
    load_seconds = time.perf_counter() - started
    rss_loaded = rss_mb()

    started = time.perf_counter()
    for comment in comments:
        analyze(comment)
    engine_rate = len(comments) / (time.perf_counter() - started)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for comment in comments:
        vader.polarity_scores(comment["text"])
    vader_rate = len(comments) / (time.perf_counter() - started)

    print(f"command: python bench/speed.py --n {args.n}")
    print(f"{'what':<44} {'figure':>12}")
    print(f"{'engine load (language models, lexicons)':<44} {load_seconds:>10.2f} s")
    print(f"{'resident memory after loading':<44} {rss_loaded:>9.0f} MB")
    print(f"{'full analysis, comments/s (1 core)':<44} {engine_rate:>12,.0f}")
    print(f"{'VADER sentiment only, comments/s (1 core)':<44} {vader_rate:>12,.0f}")
    print(f"{'ratio engine / VADER':<44} {engine_rate / vader_rate:>12.2f}")
    print(f"{'resident memory at the end':<44} {rss_mb():>9.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

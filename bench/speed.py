"""Full-analysis speed on one core, memory, and VADER's sentiment-only speed in the same run.

    python bench/speed.py [--n 20000] [--data ../shared/eval] [--worker-redis redis://127.0.0.1:6379/0]

The corpus is generated here from hand-written templates of short brand comments (French and
English), so the figure does not depend on any data set. The process pins itself to one core.
Rates are given per second of wall clock and per CPU-second of this process: on a quiet machine they
agree; on a shared one the CPU-second rates are the steadier (time waiting for the core is left out,
though a loaded machine still slows each instruction through shared caches).

Memory is read from /proc/self/smaps_rollup: RSS (resident), PSS (shared pages divided among the
processes sharing them) and USS (private to this process).

--data DIR: also the accuracy of the detected language on short, noisy text: the French and English
test splits of xlmt-umsab (DIR/xlmt-umsab-{french,english}/test.jsonl), whose language is known from
the set (no hint given; "und" counts as wrong).

--worker-redis URL: also start an `ecoute worker` (python -m worker) on that Redis, wait until it has
warmed up and listens, and report its RSS/PSS/USS (the worker's rq scheduler is a forked child that
shares pages with it, hence PSS < RSS); the worker is stopped afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
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


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """RSS, PSS and USS of a process, in MB (from /proc/PID/smaps_rollup; NaN where unreadable)."""
    fields: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                parts = line.split()
                if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                    fields[parts[0][:-1]] = int(parts[1])
    except OSError:
        return {"rss": float("nan"), "pss": float("nan"), "uss": float("nan")}
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields.get("Rss", 0) / 1024, "pss": fields.get("Pss", 0) / 1024, "uss": uss / 1024}


def memory_text(mem: dict[str, float]) -> str:
    return f"{mem['rss']:.0f} / {mem['pss']:.0f} / {mem['uss']:.0f} MB"


def language_accuracy(data: Path) -> list[tuple[str, int, float, float]]:
    """(set, comments, share detected right, share 'und') on the xlmt French and English test splits."""
    from worker.analysis.language import detect
    from worker.analysis.normalize import tokenize

    rows = []
    for folder, code in (("xlmt-umsab-french", "fr"), ("xlmt-umsab-english", "en")):
        with open(data / folder / "test.jsonl", encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines if line.strip()]
        found = [detect(text, tokenize(text))[0] for text in texts if text.strip()]
        rows.append((f"{folder}/test", len(found), sum(c == code for c in found) / len(found),
                     sum(c == "und" for c in found) / len(found)))
    return rows


def worker_memory(redis_url: str, timeout: float = 120.0) -> dict[str, float]:
    """Start `python -m worker` on redis_url, wait for it to listen (after warm-up), measure, stop it."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "REDIS_URL": redis_url, "LOG_FORMAT": "text"}
    process = subprocess.Popen([sys.executable, "-m", "worker"], cwd=root, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        assert process.stdout is not None
        for line in process.stdout:
            if "listening on" in line:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not start listening in time")
        else:
            raise RuntimeError(f"the worker stopped (exit code {process.wait()})")
        time.sleep(2.0)   # its scheduler child starts right after
        return memory_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--data", type=Path, help="folder of the public sets (../shared/eval): language accuracy")
    parser.add_argument("--worker-redis", metavar="URL", help="also measure an `ecoute worker` on this Redis")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    except (AttributeError, OSError):
        pass
    comments = corpus(args.n)

    started = time.perf_counter()
    from worker.analysis import analyze, warm_up
    warm_up()   # language models and every lexicon: loading, not analysing
    analyze({"text": "Bonjour, colis jamais reçu. Hello, package never arrived."})
    load_seconds = time.perf_counter() - started
    loaded = memory_mb()

    started, cpu = time.perf_counter(), time.process_time()
    for comment in comments:
        analyze(comment)
    engine_rate = len(comments) / (time.perf_counter() - started)
    engine_cpu_rate = len(comments) / (time.process_time() - cpu)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    started, cpu = time.perf_counter(), time.process_time()
    for comment in comments:
        vader.polarity_scores(comment["text"])
    vader_rate = len(comments) / (time.perf_counter() - started)
    vader_cpu_rate = len(comments) / (time.process_time() - cpu)

    command = f"python bench/speed.py --n {args.n}"
    command += f" --data {args.data}" if args.data else ""
    command += f" --worker-redis {args.worker_redis}" if args.worker_redis else ""
    print(f"command: {command}")
    print(f"{'what':<52} {'figure':>18}")
    from worker.analysis import situations
    engine = "pure Python" if situations.__file__.endswith(".py") else "compiled (mypyc)"
    print(f"{'engine (setup.py; ECOUTE_NO_MYPYC=1: pure Python)':<52} {engine:>18}")
    print(f"{'engine load (language models, lexicons)':<52} {load_seconds:>16.2f} s")
    print(f"{'memory after loading, RSS / PSS / USS':<52} {memory_text(loaded):>18}")
    print(f"{'full analysis, comments/s (1 core)':<52} {engine_rate:>18,.0f}")
    print(f"{'VADER sentiment only, comments/s (1 core)':<52} {vader_rate:>18,.0f}")
    print(f"{'ratio engine / VADER':<52} {engine_rate / vader_rate:>18.2f}")
    print(f"{'full analysis, comments per CPU-second':<52} {engine_cpu_rate:>18,.0f}")
    print(f"{'VADER sentiment only, comments per CPU-second':<52} {vader_cpu_rate:>18,.0f}")
    print(f"{'memory at the end, RSS / PSS / USS':<52} {memory_text(memory_mb()):>18}")
    if args.data:
        for name, count, right, und in language_accuracy(args.data):
            label = f"language right on {name} ({count})"
            print(f"{label:<52} {right:>17.1%}  ('und' {und:.1%})")
    if args.worker_redis:
        print(f"{'ecoute worker after warm-up, RSS / PSS / USS':<52} {memory_text(worker_memory(args.worker_redis)):>18}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

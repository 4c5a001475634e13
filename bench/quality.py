"""Measure the engine's labels against public labelled sets (given as a path, never copied).

    python bench/quality.py --data ../shared/eval [--split test] [--json out.json] [--limit N]
    python bench/quality.py --data ../shared/eval --train-on xlmt-umsab-french xlmt-umsab-english tweeteval-sentiment

Prints, per set: macro-F1 (or, for question and spam, the F1 of the class, as the issue's targets say),
per-class precision/recall and a confusion matrix, next to VADER measured in the same run on the
English sentiment sets and on the offensive set (compound < -0.6 as toxic, the issue's reference).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.analysis import analyze  # noqa: E402

LABELS3 = ("negative", "neutral", "positive")
# The issue's one-line baselines that are defined exactly enough to re-measure ("has a link or
# 'subscribe'", for spam, is not: its figure depends on what counts as a link).
BASELINES: dict[str, tuple[str, Callable[[str], bool]]] = {
    "question": ("contains ?", lambda text: "?" in text),
}


def read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def report(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, Any]:
    confusion = Counter(zip(gold, pred))
    per_class = {}
    for label in labels:
        tp = confusion[(label, label)]
        fp = sum(confusion[(g, label)] for g in labels if g != label)
        fn = sum(confusion[(label, p)] for p in labels if p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                            "support": sum(confusion[(label, p)] for p in labels)}
    macro = sum(c["f1"] for c in per_class.values()) / len(labels)
    matrix = [[confusion[(g, p)] for p in labels] for g in labels]
    return {"macro_f1": round(macro, 3), "per_class": per_class, "confusion": matrix, "labels": list(labels),
            "n": len(gold)}


def show(name: str, result: dict[str, Any], headline: str = "macro_f1") -> None:
    value = result[headline] if headline in result else result["per_class"][headline]["f1"]
    print(f"\n== {name}  ({result['n']} texts)  {headline if headline == 'macro_f1' else 'F1(' + headline + ')'}"
          f" = {value:.3f}" + (f"  (macro-F1 {result['macro_f1']:.3f})" if headline != "macro_f1" else ""))
    labels = result["labels"]
    print("   " + " ".join(f"{label[:10]:>10}" for label in ["P", "R", "F1"]))
    for label in labels:
        c = result["per_class"][label]
        print(f"   {label[:12]:<12} P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f} n={c['support']}")
    print("   confusion (rows gold, columns predicted):", labels)
    for label, row in zip(labels, result["confusion"]):
        print(f"   {label[:12]:<12} {row}")


def vader_compounds(texts: list[str]) -> list[float] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(text)["compound"] for text in texts]


def vader_labels(texts: list[str]) -> list[str] | None:
    compounds = vader_compounds(texts)
    if compounds is None:
        return None
    return ["positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral" for c in compounds]


def run_engine(texts: list[str], language: str | None) -> list[dict[str, Any]]:
    results = []
    for text in texts:
        comment = {"text": text.strip() or "."}
        if language:
            comment["language"] = language
        results.append(analyze(comment))
    return results


def train_on(data: Path, sets: list[str], json_out: Path | None, limit: int | None) -> int:
    """`ecoute train` demonstrated: fitted on a set's train split (val when it has none), measured on test.

    Three readings of the same test texts: the rules alone; TF-IDF + logistic regression alone (the
    blend's text model: word 1-2-grams and character 2-5-grams, C=4, balanced classes), fitted on the
    same split; and what the engine outputs with the trained model (`ecoute train`, then `decided_by`).
    """
    import copy

    from worker.analysis import learned

    print(f"command: python bench/quality.py --data {data} --train-on {' '.join(sets)}")
    figures: dict[str, Any] = {}
    table = []
    for given in sets:
        # a set's name under --data, or the path of its folder (as in `--train-on ../shared/eval/<set>`)
        folder = Path(given) if (Path(given) / "test.jsonl").exists() else data / given
        name = folder.name
        fitted_on = "train" if (folder / "train.jsonl").exists() else "val"
        train = [r for r in read(folder / f"{fitted_on}.jsonl", limit) if r["label"] in LABELS3]
        test = read(folder / "test.jsonl", limit)
        rows = [{"text": r["text"], "sentiment": r["label"]} for r in train]
        rules_train = run_engine([r["text"] for r in train], None)
        blended = learned.fit(rows, rules_train, use_rules=True)
        words_only = learned.fit(rows, None, use_rules=False)
        texts = [r["text"] for r in test]
        gold = [r["label"] for r in test]
        rules_test = run_engine(texts, None)
        engine = [copy.deepcopy(labels) for labels in rules_test]
        decided = [learned.decide(labels, predicted)["sentiment"]
                   for labels, predicted in zip(engine, blended.predict_many(texts, rules_test))]
        results = {
            "rules alone": [r["sentiment"]["label"] for r in rules_test],
            "TF-IDF + LR alone": [p["sentiment"][0] for p in words_only.predict_many(texts, rules_test)],
            "blend (ecoute train)": [r["sentiment"]["label"] for r in engine],
        }
        print(f"\n== {name}: trained on {len(rows)} texts of {fitted_on}, measured on {len(test)} of test")
        figures[name] = {"fitted_on": fitted_on, "decided_by_model": round(decided.count("model") / len(test), 3)}
        for reading, pred in results.items():
            figures[name][reading] = report(gold, pred, LABELS3)
            print(f"   {reading:<24} macro-F1 = {figures[name][reading]['macro_f1']:.3f}")
        print(f"   the model changed the rules' label on {figures[name]['decided_by_model']:.1%} of the texts")
        table.append((name, fitted_on, *(figures[name][reading]["macro_f1"] for reading in results)))
    print("\n| set (test split) | fitted on | rules alone | TF-IDF + LR alone | blend (ecoute train) |")
    print("| --- | --- | --- | --- | --- |")
    for name, fitted_on, rules, words, blend in table:
        print(f"| {name} | {fitted_on} | {rules:.3f} | {words:.3f} | {blend:.3f} |")
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, type=Path, help="folder holding the sets (../shared/eval)")
    parser.add_argument("--split", default="test", help="test (report) or val/train (tuning)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--limit", type=int, help="at most N texts per set (quick runs)")
    parser.add_argument("--train-on", metavar="SET", nargs="+", help="sentiment sets (names under --data, or their "
                        "folders): fit `ecoute train` on each "
                        "one's train split (val when it has none), then compare rules, TF-IDF+LR and the blend "
                        "on its test split")
    args = parser.parse_args()
    if args.train_on:
        return train_on(args.data, args.train_on, args.json, args.limit)
    figures: dict[str, Any] = {"split": args.split}
    started = time.perf_counter()

    def split_file(folder: str) -> Path | None:
        for name in (f"{args.split}.jsonl", "all.jsonl"):
            path = args.data / folder / name
            if path.exists():
                return path
        return None

    def split_name(path: Path) -> str:
        return path.stem if path.stem != "all" else ("all, odd lines" if args.split == "test" else "all, even lines")

    def rows_of(path: Path) -> list[dict[str, Any]]:
        """A set shipped as one all.jsonl is split here: odd lines are "test", even lines tune."""
        rows = read(path, None)
        if path.stem == "all":
            rows = rows[1::2] if args.split == "test" else rows[0::2]
        return rows[:args.limit] if args.limit else rows

    sentiment_sets = [("xlmt-umsab-french", "fr"), ("xlmt-umsab-english", "en"), ("tweeteval-sentiment", "en")]
    for folder, language in sentiment_sets:
        path = split_file(folder)
        if path is None:
            continue
        rows = rows_of(path)
        texts = [r["text"] for r in rows]
        gold = [r["label"] for r in rows]
        analysed = run_engine(texts, None)
        pred = [r["sentiment"]["label"] for r in analysed]
        result = report(gold, pred, LABELS3)
        show(f"sentiment / {folder} / {split_name(path)}", result)
        entry: dict[str, Any] = {"ecoute": result}
        if language == "en":
            vader = vader_labels(texts)
            if vader:
                entry["vader"] = report(gold, vader, LABELS3)
                print(f"   VADER on the same texts: macro-F1 = {entry['vader']['macro_f1']:.3f}")
        detected = sum(r["language"]["code"] == language for r in analysed)
        short = [(text, r) for text, r in zip(texts, analysed) if len(text.split()) <= 6]
        short_ok = sum(r["language"]["code"] == language for _, r in short)
        entry["language_accuracy"] = round(detected / len(analysed), 3) if analysed else 0.0
        entry["language_accuracy_short"] = round(short_ok / len(short), 3) if short else 0.0
        print(f"   language detected as '{language}': {entry['language_accuracy']:.1%} "
              f"(texts of 6 words or fewer: {entry['language_accuracy_short']:.1%} of {len(short)})")
        figures[f"sentiment/{folder}"] = entry

    # The table scores toxic by macro-F1 (its heading: "macro-F1 unless said"; its reference,
    # VADER compound < -0.6 as toxic = 0.623 on this test split, is a macro-F1: that rule's F1 of the
    # offensive class alone is 0.412) and question and spam by the F1 of the class.
    binary: list[tuple[str, str, str, Callable[[dict[str, Any]], bool], Callable[[dict[str, Any]], bool]]] = [
        ("tweeteval-offensive", "toxic", "macro_f1", lambda row: row["label"] == "offensive",
         lambda res: res["flags"]["toxic"]),
        ("tweetact-tac", "question", "question", lambda row: bool(row["is_question_or_request"]),
         lambda res: res["category"] == "question"),
        ("youtube-spam-collection", "spam", "spam", lambda row: row["label"] == "spam",
         lambda res: res["category"] == "spam"),
    ]
    for folder, positive, headline, is_gold, is_pred in binary:
        path = split_file(folder)
        if path is None:
            continue
        rows = rows_of(path)
        texts = [r["text"] for r in rows]
        results = run_engine(texts, None)
        gold = [positive if is_gold(r) else "other" for r in rows]
        pred = [positive if is_pred(res) else "other" for res in results]
        result = report(gold, pred, (positive, "other"))
        show(f"{positive} / {folder} / {split_name(path)}", result, headline=headline)
        entry = {"ecoute": result, "f1": result["per_class"][positive]["f1"], "headline": headline}
        if positive == "toxic":
            compound = vader_compounds(texts)
            if compound:
                entry["vader"] = report(gold, [positive if c < -0.6 else "other" for c in compound],
                                        (positive, "other"))
                print(f"   VADER compound < -0.6 as toxic, same texts: macro-F1 = {entry['vader']['macro_f1']:.3f}"
                      f" (F1(toxic) {entry['vader']['per_class'][positive]['f1']:.3f})")
        elif positive in BASELINES:
            name, rule = BASELINES[positive]
            entry["baseline"] = report(gold, [positive if rule(text) else "other" for text in texts],
                                       (positive, "other"))
            print(f"   baseline {name!r}, same texts: F1({positive}) = "
                  f"{entry['baseline']['per_class'][positive]['f1']:.3f}")
        figures[f"{positive}/{folder}"] = entry

    path = split_file("tweeteval-irony")
    if path is not None:
        rows = rows_of(path)
        results = run_engine([r["text"] for r in rows], None)
        ironic = [res for row, res in zip(rows, results) if row["label"] == "irony"]
        positive = sum(res["sentiment"]["label"] == "positive" for res in ironic)
        share = positive / len(ironic) if ironic else 0.0
        print(f"\n== irony / tweeteval-irony / {path.stem}: {len(ironic)} ironic tweets, "
              f"{share:.1%} labelled positive (lower is better)")
        figures["irony/tweeteval-irony"] = {"ironic": len(ironic), "labelled_positive_share": round(share, 3)}

    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"\n{figures['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the engine on Écoute's own labelled corpus of brand-directed comments (French and English).

    python bench/brand.py --data bench/data/brand_comments.jsonl [--json out.json] [--show-errors N]

Every line of the corpus is a Comment (`text`, `channel`, `author`, optional `thread`) with a `gold`
object written by a person (see bench/data/README.md). Each comment goes once through the engine
(`worker.analysis.analyze`, given its channel, author and thread). Printed per language and overall:
sentiment macro-F1 and confusion matrix; category macro-F1 with per-class precision/recall/F1; per-flag
precision/recall/F1; topics micro-F1; priority accuracy and urgent recall; language accuracy. Next to
them, the same figures for VADER (sentiment only, run as is on French too, as lexicon users do) and a
trivial baseline (the corpus' majority class; for the category, "contains ?" means question, else the
majority). Then the reply drafts of the same analyses: the share passing the guardrails
(`worker.analysis.guardrails.check_draft`) and the share of public drafts whose `covers` equals the
analysis' step ids. `--show-errors N` prints N comments where the engine disagrees with the gold.
Only measures: nothing is written except the `--json` file.

This is a development set: its figures guide work, the real judge is held-out data.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.analysis import analyze  # noqa: E402
from worker.analysis.guardrails import check_draft  # noqa: E402
from worker.analysis.models import FLAGS, Category, Priority, Sentiment  # noqa: E402

SENTIMENTS = tuple(s.value for s in Sentiment)
CATEGORIES = tuple(c.value for c in Category)
PRIORITIES = tuple(p.value for p in Priority)
COMMENT_FIELDS = ("text", "channel", "author", "thread", "language", "brand")


def read(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row.get("gold"), dict) or not isinstance(row.get("text"), str):
            raise SystemExit(f"{path}:{number}: a line needs 'text' and 'gold'")
        rows.append(row)
    return rows


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def multiclass(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, Any]:
    """Macro-F1 over the labels present in the gold (a class absent from a subset does not count)."""
    confusion = Counter(zip(gold, pred))
    per_class = {}
    for label in labels:
        tp = confusion[(label, label)]
        fp = sum(n for (g, p), n in confusion.items() if p == label and g != label)
        fn = sum(n for (g, p), n in confusion.items() if g == label and p != label)
        per_class[label] = dict(prf(tp, fp, fn), support=sum(n for (g, _), n in confusion.items() if g == label))
    present = [label for label in labels if per_class[label]["support"]]
    macro = sum(per_class[label]["f1"] for label in present) / len(present) if present else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"macro_f1": round(macro, 3), "accuracy": round(accuracy, 3), "per_class": per_class,
            "labels": list(labels), "confusion": [[confusion[(g, p)] for p in labels] for g in labels],
            "n": len(gold)}


def binary(gold: list[bool], pred: list[bool]) -> dict[str, Any]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    return dict(prf(tp, fp, fn), support=sum(gold), predicted=sum(pred))


def vader_labels(texts: list[str]) -> list[str] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    labels = []
    for text in texts:
        compound = analyzer.polarity_scores(text)["compound"]
        labels.append("positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral")
    return labels


def measure(rows: list[dict[str, Any]], results: list[dict[str, Any]], vader: list[str] | None,
            majority: dict[str, str]) -> dict[str, Any]:
    gold = [r["gold"] for r in rows]
    out: dict[str, Any] = {"n": len(rows)}

    sentiment_gold = [g["sentiment"] for g in gold]
    out["sentiment"] = {"ecoute": multiclass(sentiment_gold, [r["sentiment"]["label"] for r in results], SENTIMENTS),
                        "baseline": multiclass(sentiment_gold, [majority["sentiment"]] * len(rows), SENTIMENTS)}
    if vader is not None:
        out["sentiment"]["vader"] = multiclass(sentiment_gold, vader, SENTIMENTS)

    category_gold = [g["category"] for g in gold]
    trivial = ["question" if "?" in r["text"] else majority["category"] for r in rows]
    out["category"] = {"ecoute": multiclass(category_gold, [r["category"] for r in results], CATEGORIES),
                       "baseline": multiclass(category_gold, trivial, CATEGORIES)}

    out["flags"] = {flag: binary([flag in g["flags"] for g in gold], [bool(r["flags"].get(flag)) for r in results])
                    for flag in FLAGS}

    tp = fp = fn = 0
    for g, r in zip(gold, results):
        expected, found = set(g["topics"]), set(r["topics"])
        tp, fp, fn = tp + len(expected & found), fp + len(found - expected), fn + len(expected - found)
    out["topics"] = dict(prf(tp, fp, fn), exact_match=round(
        sum(set(g["topics"]) == set(r["topics"]) for g, r in zip(gold, results)) / len(rows), 3))

    priority_gold = [g["priority"] for g in gold]
    priority_pred = [r["priority"]["level"] for r in results]
    urgent = [p for g, p in zip(priority_gold, priority_pred) if g == "urgent"]
    out["priority"] = {
        "ecoute": multiclass(priority_gold, priority_pred, PRIORITIES),
        "baseline": multiclass(priority_gold, [majority["priority"]] * len(rows), PRIORITIES),
        "urgent_recall": round(sum(p == "urgent" for p in urgent) / len(urgent), 3) if urgent else None,
        "urgent_precision": binary([g == "urgent" for g in priority_gold],
                                   [p == "urgent" for p in priority_pred])["precision"],
        "within_one_level": round(sum(abs(PRIORITIES.index(g) - PRIORITIES.index(p)) <= 1
                                      for g, p in zip(priority_gold, priority_pred)) / len(rows), 3),
    }
    language_gold = [g["language"] for g in gold]
    out["language"] = {
        "ecoute": round(sum(g == r["language"]["code"] for g, r in zip(language_gold, results)) / len(rows), 3),
        "baseline": round(sum(g == majority["language"] for g in language_gold) / len(rows), 3),
    }
    return out


def reply_checks(rows: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    drafts = passed = public = equal = superset = with_steps = no_public = 0
    problems: Counter[str] = Counter()
    for row, result in zip(rows, results):
        comment = {k: row[k] for k in COMMENT_FIELDS if k in row}
        ids = [s["id"] for s in result["steps"]]
        with_steps += bool(ids)
        publics = [r for r in result["replies"] if r["kind"] == "public"]
        no_public += bool(ids) and not publics
        for reply in result["replies"]:
            drafts += 1
            found = check_draft(reply["text"], language=reply["language"], channel=row.get("channel"),
                                comment=comment, kind=reply["kind"])
            passed += not found
            problems.update(found)
            if reply["kind"] == "public":
                public += 1
                equal += list(reply["covers"]) == ids
                superset += set(ids) <= set(reply["covers"])
    return {"analyses_with_steps": with_steps, "with_steps_but_no_public_draft": no_public, "drafts": drafts,
            "guardrails_pass": round(passed / drafts, 3) if drafts else None, "guardrail_problems": dict(problems),
            "public_drafts": public, "covers_equal_steps": round(equal / public, 3) if public else None,
            "covers_every_step": round(superset / public, 3) if public else None}


def pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def show(name: str, m: dict[str, Any]) -> None:
    print(f"\n================ {name}  ({m['n']} comments) ================")
    s = m["sentiment"]
    vader = s.get("vader")
    print(f"sentiment macro-F1: Écoute {s['ecoute']['macro_f1']:.3f}"
          + (f" | VADER {vader['macro_f1']:.3f}" if vader else " | VADER not installed")
          + f" | majority '{majority_label(s['baseline'])}' {s['baseline']['macro_f1']:.3f}"
          + f"   (accuracy {s['ecoute']['accuracy']:.3f}"
          + (f" / {vader['accuracy']:.3f}" if vader else "") + f" / {s['baseline']['accuracy']:.3f})")
    confusion("Écoute", s["ecoute"])
    if vader:
        confusion("VADER", vader)
    c = m["category"]
    print(f"category macro-F1: Écoute {c['ecoute']['macro_f1']:.3f} | baseline ('?' = question, else majority) "
          f"{c['baseline']['macro_f1']:.3f}   (accuracy {c['ecoute']['accuracy']:.3f} / {c['baseline']['accuracy']:.3f})")
    for label in c["ecoute"]["labels"]:
        e, b = c["ecoute"]["per_class"][label], c["baseline"]["per_class"][label]
        print(f"   {label:<11} P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} n={e['support']:<3}"
              f"   baseline F1={b['f1']:.3f}")
    confusion("Écoute", c["ecoute"])
    print("flags (baseline 'never' has F1 0):")
    for flag, f in m["flags"].items():
        print(f"   {flag:<20} P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f} "
              f"gold={f['support']:<3} predicted={f['predicted']}")
    t = m["topics"]
    print(f"topics micro-F1 {t['f1']:.3f} (P={t['precision']:.3f} R={t['recall']:.3f}), exact set {t['exact_match']:.3f}"
          " | baseline 'no topic' 0.000")
    p = m["priority"]
    print(f"priority accuracy: Écoute {p['ecoute']['accuracy']:.3f} | majority {p['baseline']['accuracy']:.3f}"
          f"   within one level {p['within_one_level']:.3f}   urgent recall {pct(p['urgent_recall'])}"
          f" (precision {p['urgent_precision']:.3f}) | majority urgent recall 0.000")
    confusion("Écoute", p["ecoute"])
    print(f"language accuracy: Écoute {m['language']['ecoute']:.3f} | majority {m['language']['baseline']:.3f}")


def majority_label(report: dict[str, Any]) -> str:
    columns = [sum(row[i] for row in report["confusion"]) for i in range(len(report["labels"]))]
    return report["labels"][columns.index(max(columns))]


def confusion(name: str, report: dict[str, Any]) -> None:
    labels = report["labels"]
    print(f"   {name} confusion (rows gold, columns predicted): " + " ".join(f"{label[:10]:>10}" for label in labels))
    width = len(f"   {name} confusion (rows gold, columns predicted): ")
    for label, row in zip(labels, report["confusion"]):
        print(f"{'':<{width - 14}}{label[:12]:>12}: " + " ".join(f"{n:>10}" for n in row))


def differences(row: dict[str, Any], result: dict[str, Any]) -> list[str]:
    gold = row["gold"]
    found = []
    for key, value in (("language", result["language"]["code"]), ("sentiment", result["sentiment"]["label"]),
                       ("category", result["category"]), ("priority", result["priority"]["level"])):
        if gold[key] != value:
            found.append(f"{key} {gold[key]} -> {value}")
    flags = {f for f in FLAGS if result["flags"].get(f)}
    missing, extra = set(gold["flags"]) - flags, flags - set(gold["flags"])
    if missing or extra:
        found.append("flags " + " ".join([f"-{f}" for f in sorted(missing)] + [f"+{f}" for f in sorted(extra)]))
    if set(gold["topics"]) != set(result["topics"]):
        found.append(f"topics {sorted(gold['topics'])} -> {sorted(result['topics'])}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the labelled corpus (JSONL with 'gold')")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print N comments where the engine disagrees with the gold")
    args = parser.parse_args(argv)
    command = f"python bench/brand.py --data {args.data}" + (f" --json {args.json}" if args.json else "") + (
        f" --show-errors {args.show_errors}" if args.show_errors else "")
    print(f"command: {command}")
    rows = read(args.data)
    if not rows:
        parser.error(f"no comment in {args.data}")

    started = time.perf_counter()
    results = [analyze({k: row[k] for k in COMMENT_FIELDS if k in row}) for row in rows]
    elapsed = time.perf_counter() - started
    vader = vader_labels([row["text"] for row in rows])
    majority = {key: Counter(row["gold"][key] for row in rows).most_common(1)[0][0]
                for key in ("sentiment", "category", "priority", "language")}
    print(f"{len(rows)} comments, analysed in {elapsed:.2f} s; majority classes of the corpus: {majority}")

    figures: dict[str, Any] = {"data": str(args.data), "n": len(rows), "majority": majority, "by_language": {}}
    for language in sorted({row["gold"]["language"] for row in rows}, key=lambda code: (code != "fr", code)):
        keep = [i for i, row in enumerate(rows) if row["gold"]["language"] == language]
        figures["by_language"][language] = measure([rows[i] for i in keep], [results[i] for i in keep],
                                                   [vader[i] for i in keep] if vader else None, majority)
        show(f"language {language}", figures["by_language"][language])
    figures["overall"] = measure(rows, results, vader, majority)
    show("overall", figures["overall"])

    replies = reply_checks(rows, results)
    figures["replies"] = replies
    print("\n================ reply drafts (same analyses) ================")
    print(f"analyses with steps: {replies['analyses_with_steps']}/{len(rows)} "
          f"(with steps but no public draft: {replies['with_steps_but_no_public_draft']})")
    print(f"drafts passing the guardrails: {pct(replies['guardrails_pass'])} of {replies['drafts']}"
          f"  problems: {replies['guardrail_problems'] or 'none'}")
    print(f"public drafts whose covers equals the step ids: {pct(replies['covers_equal_steps'])} "
          f"of {replies['public_drafts']}  (covering every step, any order or extra: "
          f"{pct(replies['covers_every_step'])})")

    if args.show_errors:
        print(f"\n================ first {args.show_errors} disagreements (gold -> engine) ================")
        shown = 0
        for row, result in zip(rows, results):
            found = differences(row, result)
            if not found:
                continue
            print(f"[{row.get('id', '?')}] {row['text'][:160]!r}\n    " + "; ".join(found))
            shown += 1
            if shown >= args.show_errors:
                break
        agree = sum(not differences(row, result) for row, result in zip(rows, results))
        print(f"comments where every label agrees: {agree}/{len(rows)}")

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

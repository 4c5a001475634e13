"""Measure the reply drafts on a JSONL file of Comments (one object with "text" per line).

    python bench/replies.py --data ../shared/eval/xlmt-umsab-french/test.jsonl
    python bench/replies.py --data FILE.jsonl --channels twitter,tiktok,facebook --names --limit 500
    python bench/replies.py --data FILE.jsonl --voices      # every brand voice option, in turn

Every comment goes through the engine (`worker.analysis.analyze`), once per channel asked (default:
the comment's own channel, else "other"). Printed: the share of drafts passing the guardrails when
checked again, the share of public drafts covering every step, the private follow-up presence,
length statistics and fit per channel, distinct public drafts per comment, warnings raised while
drafting, and the commonest step lists. `--names` gives every comment a long author and brand name
(the worst case for short channels). Only measures: nothing read here is written anywhere.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worker.analysis import analyze  # noqa: E402
from worker.analysis.guardrails import CHANNEL_LIMITS, check_draft  # noqa: E402

LONG_AUTHOR = {"name": "Marie-Charlotte de La Rochefoucauld", "handle": "@mcdlr"}
LONG_BRAND = {"name": "Compagnie Générale des Transports et Colis Express"}
#: Brand voices cycled over the comments with --voices: every option of a brand profile that changes
#: the wording (form of address, tone, emoji, private channel, French typography).
VOICES: list[dict[str, Any]] = [
    {},
    {"address_form": "tu"},
    {"tone": "formal"},
    {"tone": "neutral", "emoji": "light"},
    {"address_form": "tu", "emoji": "light", "private_channel": {"kind": "email", "value": "aide@colibri.example"},
     "privacy_policy_url": "https://colibri.example/confidentialite"},
    {"tone": "formal", "nonbreaking_spaces": True,
     "private_channel": {"kind": "web_form", "value": "https://colibri.example/contact"},
     "privacy_policy_url": "https://colibri.example/privacy"},
    {"private_channel": {"kind": "phone", "value": "+33 1 23 45 67 89"}, "nonbreaking_spaces": True},
    {"solutions": {"delivery": ["un renvoi express offert"], "billing": ["a full refund of the charge"]}},
]


def read_comments(path: Path, limit: int | None) -> list[dict[str, Any]]:
    comments = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if isinstance(row, dict) and isinstance(row.get("text"), str) and row["text"].strip():
                comments.append({k: v for k, v in row.items() if k in ("text", "language", "channel", "author",
                                                                      "brand", "thread", "external_id")})
            if limit and len(comments) >= limit:
                break
    return comments


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="JSONL file of Comments")
    parser.add_argument("--channels", default="", help="comma-separated channels to draft for (default: own)")
    parser.add_argument("--names", action="store_true", help="give every comment a long author and brand name")
    parser.add_argument("--limit", type=int, default=None, help="read at most this many comments")
    parser.add_argument("--show", type=int, default=0, help="print the first draft of N comments")
    parser.add_argument("--voices", action="store_true",
                        help=f"cycle the comments through {len(VOICES)} brand voices (tu, formal, emoji, private "
                             "channels, no-break spaces, solution catalogue)")
    args = parser.parse_args(argv)
    channels = [c for c in args.channels.split(",") if c]
    unknown = set(channels) - set(CHANNEL_LIMITS)
    if unknown:
        parser.error(f"unknown channels: {', '.join(sorted(unknown))}")
    comments = read_comments(args.data, args.limit)
    if not comments:
        parser.error("no comment with a text in " + str(args.data))

    runs = drafts = passed = public_total = public_full = with_private = needs_private = 0
    no_public = spam_or_empty = 0
    problems: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    step_lists: Counter[str] = Counter()
    step_seen: Counter[str] = Counter()
    step_covered: Counter[str] = Counter()
    distinct: list[int] = []
    lengths: dict[str, list[int]] = defaultdict(list)
    fits: dict[str, list[bool]] = defaultdict(list)
    languages: Counter[str] = Counter()
    shown = 0
    for index, comment in enumerate(comments):
        for channel in channels or [comment.get("channel") or "other"]:
            case = dict(comment, channel=channel)
            if args.names:
                case.update(author=LONG_AUTHOR, brand=LONG_BRAND)
            voice = VOICES[index % len(VOICES)] if args.voices else {}
            if voice:
                case["brand"] = {**(case.get("brand") or {"name": "Colibri"}), **voice}
            allowed = tuple(v for v in (voice.get("private_channel", {}).get("value"), voice.get("privacy_policy_url"))
                            if v)
            by_phone = voice.get("private_channel", {}).get("kind") == "phone"
            result = analyze(case)
            runs += 1
            ids = [s["id"] for s in result["steps"]]
            step_lists[" > ".join(ids) or "(none)"] += 1
            warnings.update(w.split(":", 1)[0] + ":" + w.split(":", 1)[1].strip() if w.startswith("draft")
                            else w.split(":", 1)[0] for w in result.get("warnings", []))
            if not ids:
                spam_or_empty += 1
                continue
            publics = [r for r in result["replies"] if r["kind"] == "public"]
            no_public += not publics
            distinct.append(len({r["text"] for r in publics}))
            needs_private += "move_to_private" in ids and not by_phone   # a phone line takes over: no DM
            with_private += any(r["kind"] == "private" for r in result["replies"])
            for reply in result["replies"]:
                drafts += 1
                languages[reply["language"]] += 1
                found = check_draft(reply["text"], language=reply["language"], channel=channel, comment=case,
                                    kind=reply["kind"], allowed=allowed)
                passed += not found
                problems.update(found)
                if reply["kind"] != "public":
                    continue
                public_total += 1
                public_full += set(ids) <= set(reply["covers"])
                lengths[channel].append(reply["characters"])
                fits[channel].append(reply["fits_channel"])
                for step in ids:
                    step_seen[step] += 1
                    step_covered[step] += step in reply["covers"]
            if shown < args.show and publics:
                shown += 1
                print(f"--- [{channel}] {comment['text'][:120]!r}\n    {publics[0]['text']}")

    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"

    print(f"comments: {len(comments)}  analyses: {runs}  without steps (spam): {spam_or_empty}")
    print(f"drafts: {drafts}  languages: {dict(languages)}")
    print(f"guardrails pass: {share(passed, drafts)}  problems: {dict(problems) or 'none'}")
    print(f"analyses with steps but no public draft: {no_public}")
    print(f"public drafts covering every step: {share(public_full, public_total)}")
    print("step coverage in public drafts: " + ", ".join(
        f"{s} {100 * step_covered[s] / step_seen[s]:.0f}%" for s in sorted(step_seen, key=lambda s: -step_seen[s])))
    print(f"private follow-up when move_to_private: {share(with_private, needs_private)}")
    if distinct:
        print(f"distinct public drafts per analysis: mean {statistics.mean(distinct):.2f}, "
              f"min {min(distinct)}, counts {dict(sorted(Counter(distinct).items()))}")
    print("length of public drafts per channel (characters: min / median / p95 / max, limit, fit):")
    for channel in sorted(lengths):
        values = lengths[channel]
        print(f"  {channel:<10} {min(values):>5} / {int(statistics.median(values)):>5} / {percentile(values, 0.95):>5} / "
              f"{max(values):>5}  limit {CHANNEL_LIMITS.get(channel, CHANNEL_LIMITS['other']):>5}  "
              f"fit {share(sum(fits[channel]), len(fits[channel]))}")
    print("warnings while drafting: " + (", ".join(f"{w} ×{n}" for w, n in warnings.most_common(8)) or "none"))
    print("commonest step lists:")
    for steps, n in step_lists.most_common(8):
        print(f"  {n:>6}  {steps}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Refresh the README's real examples from a running Écoute, so they stay its actual output.

    make run &                                   # or any running deployment
    python docs/readme_examples.py --url http://127.0.0.1:8000 --write

Sends the "Try it" comment and the three examples' comments to `POST /v1/analyses?wait=10` and
writes the answers back into README.md: the whole answer under "Try it", and under "Three real
examples" a view of each `result` (language, labels, step ids, drafts). Without `--write` it only
says which blocks differ. tests/test_readme.py checks that the README matches the engine.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[1] / "README.md"
TRY_IT = ("## Try it", "Without `?wait`")
EXAMPLES = ("## Three real examples", "## The API (v1)")
_JSON_BLOCK = re.compile(r"```json\n(.*?)```", re.S)
_CURL_BODY = re.compile(r"-d '(\{.*?\})'\n```", re.S)


def view(result: dict[str, Any]) -> dict[str, Any]:
    """What the README shows of a result: labels, the flags that are set, step ids and the drafts."""
    return {
        "language": result["language"], "sentiment": result["sentiment"], "category": result["category"],
        "topics": result["topics"], "flags": {k: v for k, v in result["flags"].items() if v},
        "priority": result["priority"], "steps": [step["id"] for step in result["steps"]],
        "replies": [{"kind": r["kind"], "characters": r["characters"], "covers": r["covers"], "text": r["text"]}
                    for r in result["replies"]],
    }


def _section(text: str, bounds: tuple[str, str]) -> tuple[int, int]:
    start = text.index(bounds[0])
    return start, text.index(bounds[1], start)


def try_it(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The "Try it" comment and the answer shown for it."""
    start, end = _section(text, TRY_IT)
    part = text[start:end]
    body = _CURL_BODY.search(part)
    if body is None:
        raise ValueError("no curl -d '{...}' block under 'Try it'")
    return json.loads(body.group(1)), json.loads(_JSON_BLOCK.search(part).group(1))  # type: ignore[union-attr]


def examples(text: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The three examples: (comment, view of its result) pairs."""
    start, end = _section(text, EXAMPLES)
    blocks = [json.loads(b) for b in _JSON_BLOCK.findall(text[start:end])]
    return list(zip(blocks[0::2], blocks[1::2]))


def _post(url: str, comment: dict[str, Any], api_key: str | None) -> dict[str, Any]:
    request = urllib.request.Request(url.rstrip("/") + "/v1/analyses?wait=10", method="POST",
                                     data=json.dumps(comment).encode(), headers={"Content-Type": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the operator's own URL)
        answer: dict[str, Any] = json.loads(response.read())
    if answer.get("status") != "succeeded":
        raise SystemExit(f"the analysis did not finish in time: {answer.get('status')}")
    return answer


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a running Écoute")
    parser.add_argument("--api-key", default=None, help="when the deployment requires one")
    parser.add_argument("--write", action="store_true", help="write the fresh answers into README.md")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    changed = 0

    comment, shown = try_it(text)
    answer = _post(args.url, comment, args.api_key)
    if answer["result"] != shown["result"]:
        changed += 1
        print("Try it: the answer differs")
        start, end = _section(text, TRY_IT)
        part = text[start:end]
        block = _JSON_BLOCK.search(part)
        assert block is not None
        part = part[:block.start(1)] + _dump(answer) + part[block.end(1):]
        text = text[:start] + part + text[end:]

    for index, (comment, shown) in enumerate(examples(text), 1):
        fresh = view(_post(args.url, comment, args.api_key)["result"])
        if fresh == shown:
            continue
        changed += 1
        print(f"example {index}: the result differs")
        start, end = _section(text, EXAMPLES)
        part = text[start:end]
        blocks = list(_JSON_BLOCK.finditer(part))
        target = blocks[2 * index - 1]
        part = part[:target.start(1)] + _dump(fresh) + part[target.end(1):]
        text = text[:start] + part + text[end:]

    if changed and args.write:
        README.write_text(text, encoding="utf-8")
        print(f"README.md: {changed} block(s) refreshed")
    elif not changed:
        print("README.md is up to date")
    return 1 if changed and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())

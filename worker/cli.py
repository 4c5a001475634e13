"""The `ecoute` command: `ecoute worker` runs a queue worker, `ecoute analyze` runs the engine on a file,
`ecoute keys` manages tenants' API keys."""
from __future__ import annotations

import argparse
import dataclasses
import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any

MAX_TEXT = 5000
# Comment fields (docs/contract.md) kept from a JSONL record, with the type each must have.
_JSONL_FIELDS: dict[str, type | tuple[type, ...]] = {
    "external_id": (str, int), "language": str, "channel": str, "author": dict, "brand": dict,
    "thread": list, "metadata": dict}
# A CSV row is flat: only these columns are kept besides `text`.
_CSV_FIELDS = ("external_id", "language", "channel")


class UsageError(Exception):
    """The input cannot be read at all (exit code 2), unlike a bad line (reported, run goes on)."""


def _version() -> str:
    try:
        return version("ecoute")
    except PackageNotFoundError:
        return "unknown"


def _comment_from(obj: Any, fmt: str = "jsonl") -> dict[str, Any]:
    """Minimal validation of one input record; raises ValueError with a readable message."""
    if not isinstance(obj, dict):
        raise ValueError("each line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' is required and must be a non-empty string")
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"'text' is longer than {MAX_TEXT} characters")
    comment: dict[str, Any] = {"text": text}
    fields = {name: str for name in _CSV_FIELDS} if fmt == "csv" else _JSONL_FIELDS
    for key, kind in fields.items():
        value = obj.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ValueError(f"'{key}' has the wrong type")
        comment[key] = value.strip().lower() if isinstance(value, str) and key in ("language", "channel") else value
    if "external_id" in comment:
        comment["external_id"] = str(comment["external_id"])
    return comment


def _records(stream: IO[str], fmt: str) -> Iterator[tuple[int, Any]]:
    """(index, parsed record or the exception raised parsing it)."""
    if fmt == "csv":
        reader = csv.DictReader(stream)
        if reader.fieldnames is None or "text" not in reader.fieldnames:
            raise UsageError("the CSV needs a 'text' column")
        for index, row in enumerate(reader):
            yield index, row
        return
    for index, line in enumerate(stream):
        if not line.strip():
            yield index, ValueError("empty line")
            continue
        try:
            yield index, json.loads(line)
        except json.JSONDecodeError as exc:
            yield index, ValueError(f"invalid JSON: {exc.msg}")


def analyze_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from worker.analysis import analyze

    options: dict[str, Any] = {"default_language": args.default_language}
    if args.model:
        options["model_path"] = args.model
    source: IO[str]
    if args.file in (None, "-"):
        source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    else:
        try:
            source = open(args.file, encoding="utf-8", errors="replace", newline="")
        except OSError as exc:
            print(f"ecoute analyze: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
    try:
        out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        source.close()
        print(f"ecoute analyze: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    # The bar only shows on a terminal, and only once the run has lasted a second (short inputs: none).
    progress = tqdm(desc="analysed", unit=" comments", file=sys.stderr,
                    disable=not sys.stderr.isatty() or args.quiet, mininterval=0.5, delay=1.0)
    try:
        with source:
            for index, record in _records(source, args.format):
                line: dict[str, Any]
                try:
                    if isinstance(record, Exception):
                        raise record
                    comment = _comment_from(record, args.format)
                except ValueError as exc:
                    line = {"index": index, "error": str(exc)}
                else:
                    try:
                        line = {"index": index, "external_id": comment.get("external_id"),
                                "result": analyze(comment, options)}
                    except Exception as exc:  # one bad comment must not stop a long run
                        line = {"index": index, "error": f"analysis failed: {type(exc).__name__}"}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                progress.update(1)
    except UsageError as exc:
        print(f"ecoute analyze: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `ecoute analyze big.jsonl | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush is silent
        return 0
    finally:
        progress.close()
        if args.output:
            out.close()
        else:
            try:
                out.flush()
            except BrokenPipeError:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def worker_command(args: argparse.Namespace) -> int:
    from worker.runner import run
    from worker.settings import WorkerSettings, WorkerSettingsError

    try:
        settings = WorkerSettings.from_env()
        if args.name:
            settings = dataclasses.replace(settings, worker_name=args.name)
        return run(settings, burst=args.burst, queues=args.queues or None)
    except WorkerSettingsError as exc:
        print(f"ecoute worker: {exc}", file=sys.stderr)
        return 2


def keys_command(args: argparse.Namespace) -> int:
    """create / list / revoke API keys in the Redis of REDIS_URL (worker/keys.py)."""
    from redis import Redis
    from redis.exceptions import RedisError

    from worker import keys
    from worker.settings import WorkerSettings, WorkerSettingsError

    try:
        settings = WorkerSettings.from_env()
    except WorkerSettingsError as exc:
        print(f"ecoute keys: {exc}", file=sys.stderr)
        return 2
    if not settings.redis_url:
        print("ecoute keys: REDIS_URL is not set (keys live in the deployment's Redis)", file=sys.stderr)
        return 2
    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout,
                                socket_timeout=settings.redis_timeout)
    try:
        if args.action == "create":
            key, record = keys.create(connection, args.tenant, args.name)
            print(json.dumps({**record, "key": key}, ensure_ascii=False))
            print("Store the key now: it is not shown again (Redis keeps only its SHA-256).", file=sys.stderr)
        elif args.action == "list":
            for record in keys.listed(connection, args.tenant):
                print(json.dumps(record, ensure_ascii=False))
        else:
            revoked = keys.revoke(connection, args.key_id)
            if revoked is None:
                print(f"ecoute keys: no key with id {args.key_id!r}", file=sys.stderr)
                return 1
            print(json.dumps({**revoked, "revoked": True}, ensure_ascii=False))
    except keys.KeyRefused as exc:
        print(f"ecoute keys: {exc}", file=sys.stderr)
        return 2
    except RedisError as exc:
        print(f"ecoute keys: Redis is unreachable ({type(exc).__name__})", file=sys.stderr)
        return 1
    finally:
        connection.close()
    return 0


def _tenant(value: str) -> str:
    from worker.keys import valid_tenant

    if not valid_tenant(value):
        raise argparse.ArgumentTypeError("1 to 63 lowercase letters, digits, '-' or '_'")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ecoute", description=__doc__)
    parser.add_argument("--version", action="version", version=f"ecoute {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    work = sub.add_parser("worker", help="run a queue worker (needs REDIS_URL)")
    work.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    work.add_argument("--queues", nargs="+", metavar="QUEUE",
                      help="queues to listen on (default: ECOUTE_QUEUE, then its webhook queue ECOUTE_QUEUE-webhooks)")
    work.add_argument("--name", help="worker name")
    work.set_defaults(func=worker_command)

    ana = sub.add_parser(
        "analyze", help="analyse comments from a JSONL or CSV file, in-process",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the engine on JSONL (one Comment object a line) or CSV (a 'text' column; "
                    "external_id, language, channel kept, other columns ignored).",
        epilog='Output: one JSON line per input line/row, {"index", "external_id", "result"} or '
               '{"index", "error"}\n(index = 0-based line or row). Exit status 0 even when some lines are '
               "bad (look for\n\"error\"); 2 on usage errors (missing file, CSV without a 'text' column).")
    ana.add_argument("file", nargs="?", default="-", help="input file, or - for standard input (default)")
    ana.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    ana.add_argument("--output", "-o", help="write JSONL here instead of standard output")
    ana.add_argument("--default-language", choices=("fr", "en"), default="fr",
                     help="reply language for comments in other languages")
    ana.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    ana.add_argument("--model", help="a model from `ecoute train`, blended with the rules")
    ana.set_defaults(func=analyze_command)

    kys = sub.add_parser(
        "keys", help="create, list and revoke tenants' API keys (needs REDIS_URL)",
        description="API keys bound to a tenant, stored in Redis as SHA-256 hashes only. Lines out are JSON.")
    actions = kys.add_subparsers(dest="action", required=True)
    make = actions.add_parser("create", help="a new key for a tenant, printed once")
    make.add_argument("--tenant", required=True, type=_tenant, help="lowercase letters, digits, '-', '_' (1..63)")
    make.add_argument("--name", help="what the key is for, e.g. 'CRM prod'")
    show = actions.add_parser("list", help="keys' id, tenant, name and creation time (never the key)")
    show.add_argument("--tenant", type=_tenant, help="only this tenant's keys")
    drop = actions.add_parser("revoke", help="revoke a key by its id: refused from the next request on")
    drop.add_argument("key_id")
    kys.set_defaults(func=keys_command)

    tra = sub.add_parser(
        "train", help="learn a model from your own labelled comments (needs scikit-learn)",
        description="Fit a small model on labelled comments, one JSON object a line: {\"text\", "
                    "\"sentiment\"?: negative|neutral|positive, \"category\"?: complaint|question|praise|"
                    "suggestion|spam|other} (either, both or none; a class needs 2 examples). The engine "
                    "blends it with its rules when ECOUTE_MODEL_PATH "
                    "(or `ecoute analyze --model`) points at the file. Only load models you trained: they are "
                    "pickles.")
    tra.add_argument("file", help="labelled JSONL")
    tra.add_argument("--out", "-o", required=True, help="where to write the model")
    tra.add_argument("--no-rules", action="store_true",
                     help="words only (plain TF-IDF + logistic regression), without the rules' reading")
    tra.set_defaults(func=train_command)
    return parser


def train_command(args: argparse.Namespace) -> int:
    try:
        from worker.analysis import analyze, learned
        import sklearn  # noqa: F401
    except ImportError:
        print("ecoute train: scikit-learn is not installed: pip install 'ecoute[train]'", file=sys.stderr)
        return 2
    rows = []
    try:
        with open(args.file, encoding="utf-8") as source:
            for number, line in enumerate(source):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    print(f"ecoute train: line {number}: invalid JSON, skipped", file=sys.stderr)
                    continue
                if isinstance(row, dict) and isinstance(row.get("text"), str) and row["text"].strip():
                    rows.append(row)
    except OSError as exc:
        print(f"ecoute train: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    rule_labels = None if args.no_rules else [analyze({"text": row["text"]}) for row in rows]
    try:
        model = learned.fit(rows, rule_labels, use_rules=not args.no_rules)
        learned.save(model, args.out)
    except (ValueError, OSError) as exc:
        print(f"ecoute train: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"model": args.out, "trained_on": model.trained_on, "with_rules": not args.no_rules}))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

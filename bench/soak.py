"""Soak: the production shape at half load for minutes; resident memory of every process, and errors.

    python bench/soak.py [--minutes 10] [--rate R] [--workers 2] [--web 2]

Starts the same stack as bench/throughput.py (redis-server, gunicorn, N `ecoute worker`), measures
the single-comment rate for 5 s unless --rate is given, then sends `POST /v1/analyses?wait=10` at
half of it, on a fixed schedule, for --minutes. Prints the RSS of each process (gunicorn master and
workers, each `ecoute worker` and its scheduler, redis-server) after warm-up and at the end, with the
growth (target: no Python process grows by more than 10 %; redis-server grows with the results it
keeps for the retention period), and every answer that was not a 200.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import Stack, corpus, scheduled_posts, single_path_python  # noqa: E402


def rss(stack: Stack) -> dict[str, float]:
    """MB resident per process of the stack, children included (named by role)."""
    out: dict[str, float] = {}
    for process in stack.processes:
        try:
            root = psutil.Process(process.pid)
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        role = Path(process.args[0]).name if process.args[0].endswith("redis-server") else \
            ("gunicorn" if "gunicorn" in process.args[0] else "worker")
        for member in family:
            try:
                out[f"{role}:{member.pid}"] = member.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                pass
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, help="requests per second (default: half the measured maximum)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--web", type=int, default=2)
    args = parser.parse_args()
    command = "python bench/soak.py " + " ".join(sys.argv[1:])
    bodies = [json.dumps(c, ensure_ascii=False) for c in corpus(500)]
    folder = Path(tempfile.mkdtemp(prefix="ecoute-soak-"))
    stack = Stack(args.workers, args.web, folder)
    codes: dict[int, int] = {}
    slow = 0
    try:
        stack.start()
        warm = single_path_python(stack.base, bodies, 5, 16)
        rate = args.rate or warm["rate"] / 2
        time.sleep(2)
        start_rss = rss(stack)
        total = int(rate * args.minutes * 60)
        started = time.monotonic()
        latencies, codes = scheduled_posts(stack.base, bodies, rate, total)
        slow = sum(1 for latency in latencies if latency > 1.0)
        elapsed = time.monotonic() - started
        end_rss = rss(stack)
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"command: {command}")
    print(f"{total} requests at {rate:.0f}/s over {elapsed / 60:.1f} min; answers by status: {json.dumps(codes)} "
          f"(0 = transport error); slower than 1 s: {slow}")
    print(f"{'process':<22} {'RSS start MB':>13} {'RSS end MB':>11} {'growth':>8}")
    worst = 0.0
    for name in sorted(start_rss):
        if name in end_rss:
            growth = end_rss[name] / start_rss[name] - 1
            if not name.startswith("redis-server"):   # Redis grows with the results it keeps (retention)
                worst = max(worst, growth)
            print(f"{name:<22} {start_rss[name]:>13.1f} {end_rss[name]:>11.1f} {growth:>8.1%}")
    ok = worst <= 0.10 and set(codes) <= {200}
    print(f"largest growth of a Python process {worst:.1%} (target <= 10 %; redis-server holds the results); errors: {sum(n for c, n in codes.items() if c != 200)}; "
          f"{'OK' if ok else 'NOT OK'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

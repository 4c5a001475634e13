"""Throughput of the production shape on loopback, side by side with the in-process engine.

    python bench/throughput.py [--workers 2] [--web 2] [--seconds 10] [--batches 60] [--python-load]

Starts its own redis-server (free loopback port, appendonly everysec as in compose.yaml), gunicorn
`service:create_app()` with REDIS_URL and N `ecoute worker` processes, then measures in one run:

1. in-process engine rate: `analyze()` in this process, one core, the corpus of bench/speed.py, per
   CPU-second (the 70 % target's reference: other work on a shared machine does not lower it) and per
   second of wall time;
2. single-comment path: `POST /v1/analyses?wait=10` (POST and result in one call), closed loop for
   --seconds at --connections, with wrk and a Lua script when `wrk` is on PATH (else Python threads);
3. batch path: --batches `POST /v1/batches` of 100 comments sent at once, comments/s from the first
   POST until the last analysis has finished;
4. `?wait` latency p50/p95/p99 at 50 % of the single-comment rate of (2), open loop (requests sent on a
   fixed schedule from a thread pool, latency counted from the scheduled time);
5. Redis commands per analysis in (2) and (3): INFO commandstats before and after;
6. CPU milliseconds per analysis in (2) and (3), by process role (redis-server, gunicorn, the workers,
   this load generator; wrk's own CPU is not counted), and the ceiling they imply on this machine.

Everything runs on this machine: the load generator competes with the service for the same cores.
The per-key rate limit is turned off (ECOUTE_RATE_LIMIT=off): this measures capacity.

wrk (https://github.com/wg/wrk) is the load generator of (2) when it is on PATH: `apt-get install wrk`
(Debian, Ubuntu) or `brew install wrk` (macOS). Without it, or with --python-load, Python threads send the
requests: they need CPU of their own (shown in the table), which lowers the measured rate on a small machine.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent

import redis  # noqa: E402
import requests  # noqa: E402

from speed import corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def threads() -> int:
    """Threads per gunicorn process in the production shape (service/gunicorn.conf.py, with REDIS_URL set)."""
    import runpy

    saved = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"   # only read by the configuration: nothing connects
    try:
        return int(runpy.run_path(str(ROOT / "service" / "gunicorn.conf.py"))["threads"])
    finally:
        if saved is None:
            os.environ.pop("REDIS_URL")
        else:
            os.environ["REDIS_URL"] = saved


def commands(connection: redis.Redis) -> int:
    """Commands Redis has executed so far (all types)."""
    return sum(int(stat["calls"]) for name, stat in connection.info("commandstats").items())


class Stack:
    """redis-server + gunicorn + N `ecoute worker`, on loopback, killed as a group at the end."""

    def __init__(self, workers: int, web: int, folder: Path, log_level: str = "INFO") -> None:
        self.folder = folder
        self.log_level = log_level
        self.redis_port, self.api_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.api_port}"
        self.url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.workers, self.web = workers, web

    def _spawn(self, name: str, args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("wb")
        process = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def start(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("redis-server is not on PATH")
        (self.folder / "redis").mkdir()
        self._spawn("redis", [server, "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
                              "--appendonly", "yes", "--appendfsync", "everysec", "--dir", str(self.folder / "redis"),
                              "--maxmemory-policy", "noeviction"])
        env = {"REDIS_URL": self.url, "ECOUTE_ALLOW_ANONYMOUS": "1", "LOG_LEVEL": self.log_level,
               "ECOUTE_RATE_LIMIT": "off",   # capacity, not the per-key limiter (600/minute by default)
               "HOST": "127.0.0.1", "PORT": str(self.api_port), "WEB_CONCURRENCY": str(self.web)}
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._spawn("gunicorn", [str(BIN / "gunicorn"), "service:create_app()", "-c", "service/gunicorn.conf.py"], env)
        for n in range(self.workers):
            self._spawn(f"worker-{n}", [str(BIN / "ecoute"), "worker"], env)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                ready = requests.get(self.base + "/readyz", timeout=2)
                if ready.status_code == 200 and ready.json().get("workers", 0) >= self.workers:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the stack never became ready; logs in {self.folder}")

    def stop(self) -> None:
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()


def cpu_seconds(stack: Stack) -> dict[str, float]:
    """CPU seconds (user + system) used so far by each role of the stack, children included, and by this
    process (the load generator)."""
    import psutil

    used = {"redis": 0.0, "api": 0.0, "workers": 0.0}
    for process in stack.processes:
        role = ("redis" if process.args[0].endswith("redis-server") else
                "api" if "gunicorn" in process.args[0] else "workers")
        try:
            root = psutil.Process(process.pid)
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for member in family:
            try:
                times = member.cpu_times()
                used[role] += times.user + times.system
            except psutil.NoSuchProcess:
                pass
    mine = psutil.Process().cpu_times()
    used["load generator"] = mine.user + mine.system
    return used


def per_analysis(before: dict[str, float], after: dict[str, float], analyses: int) -> dict[str, float]:
    """Milliseconds of CPU per analysis, by role (wrk's own CPU is not counted)."""
    return {role: 1000 * (after[role] - before[role]) / max(1, analyses) for role in after}


def engine_rate(comments: list[dict[str, Any]]) -> tuple[float, float]:
    """analyze() in this process: (comments per second of wall time, comments per CPU-second). On a quiet
    machine they agree; when other work shares the cores, the second is the engine's own speed."""
    from worker.analysis import analyze

    analyze({"text": "Bonjour, colis jamais reçu. Hello, package never arrived."})
    started, cpu = time.perf_counter(), time.process_time()
    for item in comments:
        analyze(item)
    return len(comments) / (time.perf_counter() - started), len(comments) / (time.process_time() - cpu)


WRK_SCRIPT = """
local bodies = {%s}
local i = 0
codes = {}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  return wrk.format(nil, "/v1/analyses?wait=10", nil, bodies[(i %% #bodies) + 1])
end
response = function(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local ok, other = 0, 0
  for _, thread in ipairs(threads) do
    local c = thread:get("codes")
    for status, n in pairs(c) do
      if status == 200 then ok = ok + n else other = other + n end
    end
  end
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.duration, summary.requests, ok, other,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def single_path_wrk(base: str, bodies: list[str], seconds: int, connections: int, folder: Path) -> dict[str, Any]:
    script = folder / "single.lua"
    script.write_text(WRK_SCRIPT % ", ".join(lua_string(b) for b in bodies), encoding="utf-8")
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "15s", "-s", str(script),
               base + "/"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    duration_us, total, ok, other, errors, p50, p95, p99 = (int(x) for x in line.split()[1:])
    return {"rate": ok / (duration_us / 1e6), "ok": ok, "other": other, "errors": errors, "requests": total,
            "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "generator": "wrk -t 2 -c %d" % connections}


def single_path_python(base: str, bodies: list[str], seconds: int, connections: int) -> dict[str, Any]:
    latencies: list[float] = []
    codes: dict[int, int] = {}
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def loop(k: int) -> None:
        nonlocal errors
        session = requests.Session()
        i = k
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                answer = session.post(base + "/v1/analyses?wait=10", data=bodies[i % len(bodies)].encode(),
                                      headers={"Content-Type": "application/json"}, timeout=15)
                with lock:
                    codes[answer.status_code] = codes.get(answer.status_code, 0) + 1
                    latencies.append(time.monotonic() - started)
            except requests.RequestException:
                with lock:
                    errors += 1
            i += connections

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(k,)) for k in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [float("nan")] * 99
    ok = codes.get(200, 0)
    return {"rate": ok / elapsed, "ok": ok, "other": sum(codes.values()) - ok, "errors": errors,
            "requests": sum(codes.values()) + errors, "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000,
            "generator": f"python threads x{connections}"}


def finished_count(connection: redis.Redis) -> int:
    return int(connection.zcard("rq:finished:ecoute"))


def batch_path(base: str, connection: redis.Redis, comments: list[dict[str, Any]], batches: int) -> dict[str, Any]:
    chunks = [comments[(k * 100) % len(comments):][:100] for k in range(batches)]
    chunks = [chunk if len(chunk) == 100 else comments[:100] for chunk in chunks]
    # The bodies are written before the clock starts: a client's own JSON encoding (about 3 ms a batch with
    # requests' json=) is not the service's work, and here it would take the service's cores.
    bodies = [json.dumps({"comments": chunk}, ensure_ascii=False).encode() for chunk in chunks]
    headers = {"Content-Type": "application/json"}
    host, port = base.removeprefix("http://").split(":")
    local = threading.local()

    def post(body: bytes) -> tuple[int, bytes]:
        # http.client on a kept-alive connection per thread, as for the open-loop latency: requests cost this
        # generator about 5 ms of CPU per batch (0.05 ms per analysis), taken from the cores the service runs on
        connection = getattr(local, "connection", None) or http.client.HTTPConnection(host, int(port), timeout=30)
        local.connection = connection
        try:
            connection.request("POST", "/v1/batches", body=body, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            local.connection = None
            return 0, b""

    before = finished_count(connection)
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(post, bodies))
    accepted_in = time.monotonic() - started
    accepted = sum(len(json.loads(text)["analyses"]) for status, text in answers if status == 202)
    deadline = time.monotonic() + 600
    while finished_count(connection) - before < accepted and time.monotonic() < deadline:
        time.sleep(0.01)   # the end is known to 10 ms (a run lasts seconds); ZCARD is one cheap command
    elapsed = time.monotonic() - started
    done = finished_count(connection) - before
    return {"rate": done / elapsed, "accepted": accepted, "done": done, "accept_seconds": accepted_in,
            "refused": sum(1 for status, _ in answers if status != 202)}


def scheduled_posts(base: str, bodies: list[str], rate: float, total: int) -> tuple[list[float], dict[int, int]]:
    """`total` POST ?wait requests on a fixed schedule (`rate` per second, open loop): each request's
    latency from its scheduled send time, and the answers by status (0: transport error)."""
    latencies: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    local = threading.local()
    origin = time.monotonic() + 0.5

    host, port = base.removeprefix("http://").split(":")
    headers = {"Content-Type": "application/json"}

    def one(i: int) -> None:
        due = origin + i / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        # http.client on a kept-alive connection per thread: requests costs the generator about 1 ms of CPU a
        # call, which at a few hundred calls a second on a small machine showed up as latency of the service
        connection = getattr(local, "connection", None) or http.client.HTTPConnection(host, int(port), timeout=15)
        local.connection = connection
        try:
            connection.request("POST", "/v1/analyses?wait=10", body=bodies[i % len(bodies)].encode(), headers=headers)
            answer = connection.getresponse()
            answer.read()
            code = answer.status
        except (OSError, http.client.HTTPException):
            connection.close()
            local.connection = None
            code = 0
        with lock:
            latencies.append(time.monotonic() - due)
            codes[code] = codes.get(code, 0) + 1

    # Threads of this one process share its GIL and the service's 2 cores: 64 of them added their own queueing
    # (p99 97-122 ms against 62-79 ms with 16, same stack, 330 requests/s). A thread that is late only delays
    # its next send, and lateness is counted: latency runs from each request's scheduled time.
    with ThreadPoolExecutor(24) as pool:
        list(pool.map(one, range(total)))
    return latencies, codes


def open_loop_latency(base: str, bodies: list[str], rate: float, seconds: int) -> dict[str, Any]:
    """Requests on a fixed schedule (`rate` per second); latency from the scheduled send time."""
    total = max(1, int(rate * seconds))
    latencies, codes = scheduled_posts(base, bodies, rate, total)
    q = statistics.quantiles(latencies, n=100)
    return {"rate": rate, "sent": total, "codes": codes, "p50": q[49] * 1000, "p95": q[94] * 1000,
            "p99": q[98] * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="`ecoute worker` processes")
    parser.add_argument("--web", type=int, default=2, help="gunicorn worker processes (WEB_CONCURRENCY)")
    parser.add_argument("--seconds", type=int, default=10, help="length of the single-path and latency runs")
    parser.add_argument("--connections", type=int, default=16, help="concurrent requests in the single-path run")
    parser.add_argument("--batches", type=int, default=60, help="batches of 100 comments in the batch run")
    parser.add_argument("--engine-n", type=int, default=4000, help="comments for the in-process engine rate")
    parser.add_argument("--python-load", action="store_true", help="use Python threads even if wrk is on PATH")
    parser.add_argument("--log-level", default="INFO",
                        help="LOG_LEVEL of the API and workers (INFO, the default: an access line per request and a "
                             "line per analysis, as in production; WARNING drops them)")
    args = parser.parse_args()
    command = "python bench/throughput.py " + " ".join(sys.argv[1:])

    comments = corpus(max(args.engine_n, 2000))
    bodies = [json.dumps(c, ensure_ascii=False) for c in comments[:500]]
    wall_rate, cpu_rate = engine_rate(comments[:args.engine_n])
    rates: dict[str, Any] = {"engine": cpu_rate, "engine_wall": wall_rate}

    folder = Path(tempfile.mkdtemp(prefix="ecoute-bench-"))
    stack = Stack(args.workers, args.web, folder, args.log_level.upper())
    try:
        stack.start()
        connection = redis.Redis.from_url(stack.url)
        # warm-up: a few requests through every process
        for body in bodies[:50]:
            requests.post(stack.base + "/v1/analyses?wait=10", data=body.encode(),
                          headers={"Content-Type": "application/json"}, timeout=15)

        before_cmd, before_done, before_cpu = commands(connection), finished_count(connection), cpu_seconds(stack)
        if shutil.which("wrk") and not args.python_load:
            single = single_path_wrk(stack.base, bodies, args.seconds, args.connections, folder)
        else:
            single = single_path_python(stack.base, bodies, args.seconds, args.connections)
        time.sleep(1)
        done = finished_count(connection) - before_done
        single["commands"] = (commands(connection) - before_cmd) / max(1, done)
        single["cpu"] = per_analysis(before_cpu, cpu_seconds(stack), done)

        before_cmd, before_cpu = commands(connection), cpu_seconds(stack)
        batch = batch_path(stack.base, connection, comments, args.batches)
        batch["commands"] = (commands(connection) - before_cmd) / max(1, batch["done"])
        batch["cpu"] = per_analysis(before_cpu, cpu_seconds(stack), batch["done"])

        latency = open_loop_latency(stack.base, bodies, single["rate"] / 2, args.seconds)
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    cores = os.cpu_count()
    print(f"command: {command}")
    print(f"load average when done (other work on the machine counts): {os.getloadavg()[0]:.1f}")
    print(f"machine: {cores} cores; redis-server (AOF everysec), gunicorn --workers {args.web} (gthread x{threads()}), "
          f"{args.workers} x `ecoute worker`, LOG_LEVEL={args.log_level.upper()}; load generator on the same machine: "
          f"{single['generator']}")
    print()
    print(f"{'measure':<52} {'figure':>12}  target")
    rows = [
        ("in-process engine, comments per CPU-second (1 process)", f"{rates['engine']:,.0f}", ""),
        ("  per wall-clock second (shared machine)", f"{rates['engine_wall']:,.0f}", ""),
        ("single-comment path (POST ?wait=10), comments/s", f"{single['rate']:,.0f}", ">= 800"),
        ("  its latency p50 / p99, ms (closed loop, saturated)", f"{single['p50']:.0f} / {single['p99']:.0f}", ""),
        ("  answers other than 200 / transport errors", f"{single['other']} / {single['errors']}", "0 / 0"),
        ("batch path (100 per POST), comments/s", f"{batch['rate']:,.0f}",
         f">= {0.7 * rates['engine']:,.0f} (70 %)"),
        ("  batch path / in-process engine", f"{batch['rate'] / rates['engine']:.0%}", ">= 70 %"),
        (f"?wait latency at 50 % load ({latency['rate']:.0f}/s), p50 ms", f"{latency['p50']:.1f}", ""),
        ("  p95 ms", f"{latency['p95']:.1f}", ""),
        ("  p99 ms", f"{latency['p99']:.1f}", "<= 50"),
        ("  answers by status", json.dumps(latency["codes"]), "all 200"),
        ("Redis commands per analysis, single path", f"{single['commands']:.1f}", ""),
        ("Redis commands per analysis, batch path", f"{batch['commands']:.1f}", ""),
    ]
    for name, run in (("single", single), ("batch", batch)):
        cpu = run["cpu"]
        total = sum(cpu.values())
        rows.append((f"CPU ms per analysis, {name} path (all processes)", f"{total:.2f}",
                     f"= {cores} cores / {total:.2f} ms: at most {1000 * (cores or 1) / total:,.0f}/s here"))
        rows.append(("  redis / API / workers / load generator",
                     " / ".join(f"{cpu[role]:.2f}" for role in ("redis", "api", "workers", "load generator")), ""))
    rows.append(("in-process engine, CPU ms per comment", f"{1000 / rates['engine']:.2f}", ""))
    for name, figure, target in rows:
        print(f"{name:<52} {figure:>12}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""/metrics in the Prometheus text format (prometheus-client).

Per process: HTTP requests by route template, method and status, and their latency. Under
gunicorn these live in prometheus-client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR, set by
service/gunicorn.conf.py), so one scrape sums every worker process. Read from Redis at scrape
time, the same for every API process: queue depth and jobs by state (RQ's queue and registries),
engine time per analysis and webhook deliveries by outcome (recorded by the workers, see
worker/metrics.py and docs/contract.md), and whether Redis answered.

The route is open like the probes: serve it on a private network, not to the Internet.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from redis.exceptions import RedisError
from rq.registry import (DeferredJobRegistry, FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry,
                         StartedJobRegistry)

from service.extensions import ecoute
from service.webhooks import webhook_queue

log = logging.getLogger(__name__)

#: Written by the workers (worker/metrics.py); the contract test keeps both sides equal.
ENGINE_KEY = "ecoute:metrics:engine_seconds"
WEBHOOK_KEY = "ecoute:metrics:webhook_deliveries"
ENGINE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)

# Not registered in the global registry: each scrape builds its own (see metrics()).
REQUESTS = Counter("ecoute_http_requests", "HTTP requests answered, by route template, method and status.",
                   ["route", "method", "status"], registry=None)
LATENCY = Histogram("ecoute_http_request_duration_seconds", "Time to answer an HTTP request, by route template.",
                    ["route", "method"], registry=None,
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
_REGISTRIES = {"started": StartedJobRegistry, "finished": FinishedJobRegistry, "failed": FailedJobRegistry,
               "scheduled": ScheduledJobRegistry, "deferred": DeferredJobRegistry}


class RedisCollector(Collector):
    """Queue depth, jobs by state and the workers' metrics, read from Redis in one round trip."""

    def __init__(self, connection: Any, queue_names: tuple[str, ...]) -> None:
        self.connection = connection
        self.queue_names = queue_names

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("ecoute_redis_up", "1 when Redis answered this scrape.")
        try:
            with self.connection.pipeline(transaction=False) as pipe:
                for name in self.queue_names:
                    pipe.llen(f"rq:queue:{name}")
                    for registry in _REGISTRIES.values():
                        pipe.zcard(registry(name=name, connection=self.connection).key)
                pipe.hgetall(ENGINE_KEY)
                pipe.hgetall(WEBHOOK_KEY)
                answers = pipe.execute()
        except RedisError as exc:
            log.warning("metrics: Redis unavailable (%s)", type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        depth = GaugeMetricFamily("ecoute_queue_depth", "Jobs waiting in a queue.", labels=["queue"])
        jobs = GaugeMetricFamily("ecoute_jobs", "Jobs in RQ's registries, by queue and state (finished and failed "
                                 "ones are kept for the retention period).", labels=["queue", "state"])
        position = 0
        for name in self.queue_names:
            depth.add_metric([name], answers[position])
            jobs.add_metric([name, "queued"], answers[position])
            for offset, state in enumerate(_REGISTRIES, 1):
                jobs.add_metric([name, state], answers[position + offset])
            position += 1 + len(_REGISTRIES)
        yield depth
        yield jobs
        engine = {k.decode() if isinstance(k, bytes) else k: v for k, v in answers[position].items()}
        buckets, cumulative = [], 0.0
        for bound in (*[repr(b) for b in ENGINE_BUCKETS], "+Inf"):
            cumulative += float(engine.get(f"le:{bound}", 0))
            buckets.append((bound, cumulative))
        histogram = HistogramMetricFamily("ecoute_engine_duration_seconds",
                                          "Engine time per analysis, recorded by every worker.")
        histogram.add_metric([], buckets, sum_value=float(engine.get("sum", 0)))
        yield histogram
        deliveries = CounterMetricFamily("ecoute_webhook_deliveries", "Webhook delivery attempts by outcome.",
                                         labels=["outcome"])
        for outcome, count in sorted(answers[position + 1].items()):
            deliveries.add_metric([outcome.decode() if isinstance(outcome, bytes) else outcome], float(count))
        yield deliveries


def _route(req: Any = None) -> str:
    rule = (req or request._get_current_object()).url_rule
    return rule.rule if rule is not None else "unmatched"


def init_app(app: Flask) -> None:
    # The labelled series, once made: labels() checks and locks on every call (a few per request).
    counters: dict[tuple[str, str, int], Any] = {}
    latencies: dict[tuple[str, str], Any] = {}

    @app.before_request
    def _start_timer() -> None:
        g._get_current_object().ecoute_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        started = g._get_current_object().pop("ecoute_started", None)
        req = request._get_current_object()
        route, method, status = _route(req), req.method, response.status_code
        counter = counters.get((route, method, status))
        if counter is None:
            counter = counters[(route, method, status)] = REQUESTS.labels(route, method, str(status))
        counter.inc()
        if started is not None:
            latency = latencies.get((route, method))
            if latency is None:
                latency = latencies[(route, method)] = LATENCY.labels(route, method)
            latency.observe(time.perf_counter() - started)
        return response

    @app.get("/metrics")
    def metrics() -> Response:
        """Prometheus text format (not part of the /v1 API; see the module docstring)."""
        registry = CollectorRegistry()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            multiprocess.MultiProcessCollector(registry)
        else:
            registry.register(REQUESTS)
            registry.register(LATENCY)
        ext = ecoute()
        name = ext.settings.queue_name
        registry.register(RedisCollector(ext.redis, (name, webhook_queue(name))))
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)

"""Worker-side metrics kept in Redis, so that the API's /metrics reports them for every worker on
every machine (docs/contract.md): engine time per analysis (a histogram) and webhook delivery
attempts by outcome (counters). One pipelined round trip per job; a failure to record is logged
and never fails the job."""
from __future__ import annotations

import logging
from typing import Any

from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

ENGINE_KEY = "ecoute:metrics:engine_seconds"      # hash: "le:<bound>" -> count, "sum", "count"
WEBHOOK_KEY = "ecoute:metrics:webhook_deliveries"  # hash: outcome -> count
#: Upper bounds (seconds) of the engine-time histogram buckets; "+Inf" takes the rest.
ENGINE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


def bucket_for(seconds: float) -> str:
    """The histogram field an observation counts in (per bucket, not cumulative)."""
    return "le:" + next((repr(bound) for bound in ENGINE_BUCKETS if seconds <= bound), "+Inf")


def observe_engine(connection: Redis, seconds: float) -> None:
    """Count one analysis that took `seconds` in the engine."""
    try:
        with connection.pipeline(transaction=False) as pipe:
            observe_engine_many(pipe, [seconds])
            pipe.execute()
    except RedisError as exc:   # metrics are best effort: the result matters more
        log.debug("engine time not recorded: %s", exc)


def observe_engine_many(pipeline: Any, durations: list[float]) -> None:
    """Add the counts of these analyses' engine times to a pipeline (a micro-batch's: a few commands
    for all of them)."""
    if not durations:
        return
    buckets: dict[str, int] = {}
    for seconds in durations:
        field = bucket_for(seconds)
        buckets[field] = buckets.get(field, 0) + 1
    for field, count in buckets.items():
        pipeline.hincrby(ENGINE_KEY, field, count)
    pipeline.hincrbyfloat(ENGINE_KEY, "sum", sum(durations))
    pipeline.hincrby(ENGINE_KEY, "count", len(durations))


def count_delivery(connection: Redis, outcome: str) -> None:
    """Count one webhook delivery attempt by its outcome (succeeded, pending, dead_letter, stale)."""
    try:
        connection.hincrby(WEBHOOK_KEY, outcome, 1)
    except RedisError as exc:
        log.debug("webhook outcome not recorded: %s", exc)

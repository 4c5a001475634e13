"""/metrics: Prometheus text with request counts, latency, queue depth, jobs by state, engine time and
webhook outcomes; still answers when Redis is down."""
from __future__ import annotations

import re
import time

import redis
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from service.settings import Settings
from worker.metrics import ENGINE_KEY, WEBHOOK_KEY, count_delivery, observe_engine


def samples(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_template_and_status(client: FlaskClient) -> None:
    before = samples(client)
    client.get("/v1/analyses/00000000-0000-4000-8000-000000000000")
    client.get("/v1/analyses/11111111-1111-4111-8111-111111111111")
    client.post("/v1/analyses", json={"txt": "oops"})
    after = samples(client)
    route = "/v1/analyses/<string:analysis_id>"
    key = {"route": route, "method": "GET", "status": "404"}
    assert value(after, "ecoute_http_requests_total", **key) - value(before, "ecoute_http_requests_total", **key) == 2
    assert value(after, "ecoute_http_requests_total", route="/v1/analyses", method="POST", status="422") >= 1
    assert value(after, "ecoute_http_request_duration_seconds_count", route=route, method="GET") >= 2
    assert not any("11111111" in name or "11111111" in str(labels) for name, labels in after)


def test_queue_depth_jobs_and_engine_time(client: FlaskClient, worker: object, redis_url: str) -> None:
    accepted = client.post("/v1/analyses?wait=10", json={"text": "Colis jamais reçu"})
    assert accepted.get_json()["status"] == "succeeded"
    found = samples(client)
    assert value(found, "ecoute_redis_up") == 1
    assert value(found, "ecoute_jobs", queue="ecoute", state="finished") >= 1
    assert value(found, "ecoute_engine_duration_seconds_count") >= 1
    assert value(found, "ecoute_engine_duration_seconds_bucket", le="+Inf") == \
        value(found, "ecoute_engine_duration_seconds_count")
    assert value(found, "ecoute_engine_duration_seconds_sum") > 0


def test_queue_depth_counts_waiting_jobs(client: FlaskClient) -> None:   # no worker: jobs wait
    for text in ("un", "deux", "trois"):
        assert client.post("/v1/analyses", json={"text": text}).status_code == 202
    found = samples(client)
    assert value(found, "ecoute_queue_depth", queue="ecoute") == 3
    assert value(found, "ecoute_jobs", queue="ecoute", state="queued") == 3
    assert value(found, "ecoute_queue_depth", queue="ecoute-webhooks") == 0


def test_worker_side_metrics_are_read_from_redis(client: FlaskClient, redis_url: str) -> None:
    connection = redis.Redis.from_url(redis_url)
    for seconds in (0.0004, 0.003, 0.003, 2.0):
        observe_engine(connection, seconds)
    for outcome in ("succeeded", "succeeded", "pending", "dead_letter"):
        count_delivery(connection, outcome)
    found = samples(client)
    assert value(found, "ecoute_engine_duration_seconds_bucket", le="0.0005") == 1
    assert value(found, "ecoute_engine_duration_seconds_bucket", le="0.005") == 3
    assert value(found, "ecoute_engine_duration_seconds_bucket", le="1.0") == 3
    assert value(found, "ecoute_engine_duration_seconds_bucket", le="+Inf") == 4
    assert abs(value(found, "ecoute_engine_duration_seconds_sum") - 2.0064) < 1e-6
    assert value(found, "ecoute_webhook_deliveries_total", outcome="succeeded") == 2
    assert value(found, "ecoute_webhook_deliveries_total", outcome="dead_letter") == 1
    assert connection.exists(ENGINE_KEY) and connection.exists(WEBHOOK_KEY)


def test_metrics_answer_when_redis_is_down() -> None:
    app = create_app(Settings(redis_url="redis://127.0.0.1:1/0", allow_anonymous=True, start_embedded_worker=False,
                              redis_timeout=0.3))
    started = time.monotonic()
    found = samples(app.test_client())
    assert time.monotonic() - started < 3
    assert value(found, "ecoute_redis_up") == 0
    assert re.match(r"^ecoute_", next(iter(found))[0])

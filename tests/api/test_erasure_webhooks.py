"""Erasure reaches the copies of an analysis that outbound webhook deliveries keep, and those copies
expire with the configured retention (real Redis, a worker thread, a loopback receiver)."""
from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings
from tests.worker.test_webhooks_delivery import SECRET, Receiver, eventually
from worker import webhooks
from worker.settings import WorkerSettings

pytestmark = pytest.mark.timeout(60)

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
RETENTION = 3600
TEXT = "Mon voisin Jean-Michel Zyxwv a reçu mon colis, numéro 0612345678"


@pytest.fixture()
def app(redis_url: str) -> Iterator[Flask]:
    webhooks.configure(WorkerSettings(webhook_secret=SECRET, webhook_allowed_networks=LOOPBACK,
                                      webhook_retry_schedule=(1.0,), webhook_timeout=2.0))
    yield create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                              webhook_secret=SECRET, webhook_allowed_networks=LOOPBACK, result_ttl=RETENTION))
    webhooks.configure(None)


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    running = Receiver().start()
    yield running
    running.stop()


def test_erasing_an_analysis_erases_its_webhook_deliveries(app: Flask, receiver: Receiver, redis_url: str) -> None:
    client: FlaskClient = app.test_client()
    connection = app.extensions["ecoute"].redis
    subscription = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["analysis.succeeded"]})
    assert subscription.status_code == 201
    webhook_id = subscription.get_json()["id"]
    worker = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    try:
        accepted = client.post("/v1/analyses", json={"text": TEXT, "callback_url": receiver.url,
                                                     "metadata": {"customer": "Jean-Michel Zyxwv"}})
        assert accepted.status_code == 202
        analysis_id = accepted.get_json()["id"]
        eventually(lambda: len(receiver.received) == 2)   # the callback_url and the subscription
        delivered = eventually(lambda: [d for d in client.get(f"/v1/webhooks/{webhook_id}/deliveries")
                                        .get_json()["deliveries"] if d["status"] == "succeeded"])
    finally:
        worker.stop()
    keys = [k.decode() for k in connection.keys("ecoute:webhook-delivery:*")]
    assert len(keys) == 2 and delivered
    for key in keys:   # the payload copies the analysis, and is kept for the retention, not longer
        assert "Zyxwv" in json.loads(connection.get(key))["payload"]
        assert RETENTION - 60 <= connection.ttl(key) <= RETENTION
    index = f"ecoute:analysis:{analysis_id}:deliveries"
    assert {m.decode() for m in connection.smembers(index)} == {k.split(":")[-1] for k in keys}
    assert RETENTION - 60 <= connection.ttl(index) <= RETENTION

    assert client.delete(f"/v1/analyses/{analysis_id}").status_code == 204
    assert connection.keys("ecoute:webhook-delivery:*") == [] and not connection.exists(index)
    assert client.get(f"/v1/webhooks/{webhook_id}/deliveries").get_json()["deliveries"] == []
    for key in connection.scan_iter("*"):   # the text is gone from the whole database
        if connection.type(key) == b"string":
            assert b"Zyxwv" not in connection.get(key), key
        elif connection.type(key) == b"hash":
            assert all(b"Zyxwv" not in v for v in connection.hgetall(key).values()), key


def test_an_analysis_erased_before_its_events_are_emitted_gets_none(redis_url: str) -> None:
    from rq.job import Job

    connection = redis.Redis.from_url(redis_url)
    connection.set("ecoute:erased:6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", "1")
    job = Job.create("worker.jobs.analyze_comment", args=({"text": TEXT},), connection=connection,
                     id="6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", meta={"callback_url": "https://example.com/h"})
    webhooks._analysis_ended(job, connection, "analysis.succeeded")
    assert connection.keys("ecoute:webhook-delivery:*") == []

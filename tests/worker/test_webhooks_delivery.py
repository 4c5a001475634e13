"""Webhooks end to end: the API on the real Redis, an RQ worker thread on both queues, and a small
HTTP receiver on loopback (the only address these tests ever send to). Retry delays are shortened
through the worker's settings."""
from __future__ import annotations

import dataclasses
import ipaddress
import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from standardwebhooks import Webhook

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings
from tests.conftest import free_port
from worker import webhooks
from worker.settings import WorkerSettings

pytestmark = pytest.mark.timeout(90)

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)


class Receiver:
    """A webhook endpoint on 127.0.0.1 that records what it gets and answers `status` (or a callable's
    answer); it can be stopped and started again on the same port."""

    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        self.tls = tls   # (certificate, key) files: serve https
        self.port = free_port()
        self.received: list[tuple[dict[str, str], str]] = []
        self.answer: Callable[[], tuple[int, dict[str, str]]] = lambda: (204, {})
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/ecoute"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status, headers = receiver.answer()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        if self.tls is not None:
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def events(self) -> list[dict[str, Any]]:
        """Every request received, each verified with the standardwebhooks library."""
        return [{**Webhook(SECRET).verify(body, headers), "_id": headers["webhook-id"]}
                for headers, body in self.received]


def eventually(check: Callable[[], Any], seconds: float = 20.0) -> Any:
    deadline = time.monotonic() + seconds
    while not (value := check()):
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)
    return value


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture()
def worker_settings() -> Iterator[WorkerSettings]:
    settings = WorkerSettings(webhook_secret=SECRET, webhook_allowed_networks=LOOPBACK,
                              webhook_retry_schedule=(1.0, 1.0, 1.0), webhook_timeout=2.0)
    webhooks.configure(settings)
    yield settings
    webhooks.configure(None)


@pytest.fixture()
def app(redis_url: str, worker_settings: WorkerSettings) -> Flask:
    return create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                               webhook_secret=SECRET, webhook_allowed_networks=LOOPBACK))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def worker(redis_url: str, worker_settings: WorkerSettings) -> Iterator[EmbeddedWorker]:
    running = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    yield running
    running.stop()


def subscribe(client: FlaskClient, url: str, events: list[str]) -> str:
    response = client.post("/v1/webhooks", json={"url": url, "events": events})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["secret"].startswith("whsec_")
    return str(response.get_json()["id"])


def subscription_secret(app: Flask, webhook_id: str) -> str:
    raw = app.extensions["ecoute"].redis.get(f"ecoute:webhook:{webhook_id}")
    return str(json.loads(raw)["secret"])


def deliveries(client: FlaskClient, webhook_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/v1/webhooks/{webhook_id}/deliveries")
    assert response.status_code == 200
    return list(response.get_json()["deliveries"])


def test_callback_url_gets_the_signed_analysis_as_get_shows_it(client: FlaskClient, receiver: Receiver,
                                                              worker: EmbeddedWorker) -> None:
    accepted = client.post("/v1/analyses", json={"text": "Colis jamais reçu, c'est nul", "external_id": "c-1",
                                                 "callback_url": receiver.url})
    assert accepted.status_code == 202
    events = eventually(receiver.events)
    assert len(events) == 1
    event = events[0]
    assert event["type"] == "analysis.succeeded" and event["_id"].startswith("msg_") and event["timestamp"]
    assert event["data"] == client.get(accepted.headers["Location"]).get_json()
    assert event["data"]["external_id"] == "c-1" and event["data"]["result"]["category"] == "complaint"
    headers = receiver.received[0][0]
    assert headers["content-type"] == "application/json" and headers["host"] == f"127.0.0.1:{receiver.port}"
    # the job carries the URL in its meta, never in the comment the engine gets
    from rq.job import Job

    job = Job.fetch(accepted.get_json()["id"], connection=client.application.extensions["ecoute"].redis)
    assert "callback_url" not in job.args[0] and job.meta["callback_url"] == receiver.url


def test_a_failed_analysis_is_announced_once_after_its_retries(app: Flask, client: FlaskClient,
                                                               receiver: Receiver, worker: EmbeddedWorker) -> None:
    ext = app.extensions["ecoute"]
    ext.queues = dataclasses.replace(ext.queues, job_name="tests.api.fakes.explode", max_retries=1,
                                     retry_intervals=(0,))
    accepted = client.post("/v1/analyses?wait=15", json={"text": "hello", "callback_url": receiver.url})
    assert accepted.get_json()["status"] == "failed"
    events = eventually(receiver.events)
    time.sleep(0.5)
    assert [e["type"] for e in receiver.events()] == ["analysis.failed"]
    assert events[0]["data"]["error"]["message"].startswith("RuntimeError: the engine broke")
    assert events[0]["data"] == client.get(accepted.headers["Location"]).get_json()


def test_a_receiver_that_is_down_gets_every_event_once_it_is_back(app: Flask, client: FlaskClient,
                                                                  receiver: Receiver, worker: EmbeddedWorker,
                                                                  worker_settings: WorkerSettings) -> None:
    webhooks.configure(dataclasses.replace(worker_settings, webhook_retry_schedule=(1.0,) * 30))   # hours, shortened
    webhook_id = subscribe(client, receiver.url, ["analysis.succeeded", "batch.completed"])
    secret = subscription_secret(app, webhook_id)
    receiver.stop()   # connection refused from now on
    batch = client.post("/v1/batches", json={"comments": [{"text": "Merci, super service !"},
                                                          {"text": "Where is my order?"}],
                                             "callback_url": receiver.url.replace("/hooks", "/batch")})
    assert batch.status_code == 202
    eventually(lambda: len(deliveries(client, webhook_id)) == 3
               and all(d["attempts"] >= 2 for d in deliveries(client, webhook_id)))
    for delivery in deliveries(client, webhook_id):
        assert delivery["status"] == "pending" and delivery["last_status_code"] is None
        assert delivery["last_error"] and delivery["next_attempt_at"]
    receiver.start()
    eventually(lambda: all(d["status"] == "succeeded" for d in deliveries(client, webhook_id)))
    time.sleep(1.5)   # longer than a retry interval: nothing more may arrive
    subscription_ids = {d["id"] for d in deliveries(client, webhook_id)}
    verified: dict[str, list[str]] = {"subscription": [], "callback": []}
    for headers, body in receiver.received:   # each signed with its own secret
        mine = headers["webhook-id"] in subscription_ids
        event = Webhook(secret if mine else SECRET).verify(body, headers)
        verified["subscription" if mine else "callback"].append(event["type"])
    assert sorted(verified["subscription"]) == ["analysis.succeeded", "analysis.succeeded", "batch.completed"]
    assert verified["callback"] == ["batch.completed"]
    ids = [headers["webhook-id"] for headers, _ in receiver.received]
    assert len(ids) == len(set(ids)) == 4   # every event once, the same webhook-id as while it was down
    completed = next(json.loads(b) for h, b in receiver.received if json.loads(b)["type"] == "batch.completed")
    data = completed["data"]
    assert data["id"] == batch.get_json()["id"] and data["status"] == "completed"
    assert data["counts"] == {"queued": 0, "running": 0, "succeeded": 2, "failed": 0}
    assert [a["id"] for a in data["analyses"]] == [a["id"] for a in batch.get_json()["analyses"]]


def test_410_disables_the_subscription(client: FlaskClient, receiver: Receiver, worker: EmbeddedWorker) -> None:
    receiver.answer = lambda: (410, {})
    webhook_id = subscribe(client, receiver.url, ["analysis.succeeded"])
    client.post("/v1/analyses?wait=10", json={"text": "Merci !"})
    eventually(lambda: client.get(f"/v1/webhooks/{webhook_id}").get_json()["status"] == "disabled")
    [delivery] = deliveries(client, webhook_id)
    assert delivery["status"] == "dead_letter" and delivery["last_status_code"] == 410 and delivery["attempts"] == 1
    client.post("/v1/analyses?wait=10", json={"text": "Merci encore !"})
    time.sleep(1.0)
    assert len(receiver.received) == 1 and len(deliveries(client, webhook_id)) == 1
    redeliver = client.post(f"/v1/webhooks/{webhook_id}/deliveries/{delivery['id']}/redeliver")
    assert redeliver.status_code == 409 and redeliver.content_type == "application/problem+json"


def test_dead_letter_after_the_last_attempt_then_redeliver(client: FlaskClient, receiver: Receiver,
                                                           worker: EmbeddedWorker) -> None:
    receiver.answer = lambda: (500, {})
    webhook_id = subscribe(client, receiver.url, ["analysis.succeeded"])
    client.post("/v1/analyses?wait=10", json={"text": "Merci !"})
    [dead] = eventually(lambda: [d for d in deliveries(client, webhook_id) if d["status"] == "dead_letter"])
    assert dead["attempts"] == 4 and dead["last_status_code"] == 500 and dead["next_attempt_at"] is None
    assert len(receiver.received) == 4
    assert {headers["webhook-id"] for headers, _ in receiver.received} == {dead["id"]}
    assert len({body for _, body in receiver.received}) == 1   # the same body on every attempt

    gate = threading.Event()   # the receiver holds the redelivery until the test has tried again
    receiver.answer = lambda: (gate.wait(10), (200, {}))[1]
    response = client.post(f"/v1/webhooks/{webhook_id}/deliveries/{dead['id']}/redeliver")
    assert response.status_code == 202 and response.get_json()["status"] == "pending"
    again = client.post(f"/v1/webhooks/{webhook_id}/deliveries/{dead['id']}/redeliver")
    assert again.status_code == 409   # still pending
    gate.set()
    eventually(lambda: deliveries(client, webhook_id)[0]["status"] == "succeeded")
    assert len(receiver.received) == 5
    assert receiver.received[-1][0]["webhook-id"] == dead["id"] and receiver.received[-1][1] == receiver.received[0][1]
    assert deliveries(client, webhook_id)[0]["attempts"] == 1


def test_retry_after_slows_deliveries_down(client: FlaskClient, receiver: Receiver, worker: EmbeddedWorker) -> None:
    answers = iter([(429, {"Retry-After": "2"}), (204, {})])
    arrivals: list[float] = []   # when each attempt reached the receiver (a busy test thread cannot shift them)
    receiver.answer = lambda: (arrivals.append(time.monotonic()), next(answers))[1]
    webhook_id = subscribe(client, receiver.url, ["analysis.succeeded"])
    client.post("/v1/analyses?wait=10", json={"text": "Merci !"})
    first = eventually(lambda: [d for d in deliveries(client, webhook_id) if d["attempts"] == 1])[0]
    assert first["last_status_code"] == 429 and first["status"] == "pending"
    eventually(lambda: deliveries(client, webhook_id)[0]["status"] == "succeeded")
    assert len(arrivals) == 2
    # the 1 s schedule (±20 % jitter) doubled for a 429 (next_delay, tests/worker/test_webhooks.py): at least 1.6 s,
    # which RQ's scheduler keeps to the whole second: the retry comes at least 0.6 s after the first attempt
    assert arrivals[1] - arrivals[0] >= 0.6


def test_a_loopback_receiver_outside_the_allow_list_receives_nothing(redis_url: str, receiver: Receiver) -> None:
    elsewhere = (ipaddress.ip_network("10.0.0.0/8"),)   # http allowed there, loopback not
    webhooks.configure(WorkerSettings(webhook_secret=SECRET, webhook_allowed_networks=elsewhere,
                                      webhook_retry_schedule=(1.0,), webhook_timeout=2.0))
    running = EmbeddedWorker(redis.Redis.from_url(redis_url), "ecoute").start()
    try:
        app = create_app(Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                                  webhook_secret=SECRET, webhook_allowed_networks=elsewhere))
        client = app.test_client()
        literal = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["analysis.succeeded"]})
        assert literal.status_code == 422   # an IP literal is checked at submission already
        by_name = receiver.url.replace("127.0.0.1", "localhost")   # a name: checked when delivering
        webhook_id = subscribe(client, by_name, ["analysis.succeeded"])
        client.post("/v1/analyses?wait=10", json={"text": "Merci !", "callback_url": by_name})
        [dead] = eventually(lambda: [d for d in deliveries(client, webhook_id) if d["status"] == "dead_letter"])
        assert "refused" in dead["last_error"] and dead["attempts"] == 0 and dead["last_status_code"] is None
        time.sleep(0.5)
        assert receiver.received == []
    finally:
        running.stop()
        webhooks.configure(None)


def test_embedded_mode_delivers_too(receiver: Receiver, worker_settings: WorkerSettings) -> None:
    app = create_app(Settings(webhook_secret=SECRET, webhook_allowed_networks=LOOPBACK))
    try:
        client = app.test_client()
        webhook_id = subscribe(client, receiver.url, ["analysis.succeeded"])
        client.post("/v1/analyses", json={"text": "Merci !", "callback_url": receiver.url})
        eventually(lambda: len(receiver.received) == 2)
        secret = subscription_secret(app, webhook_id)
        verified = []
        for headers, body in receiver.received:
            key = secret if headers["webhook-id"] == deliveries(client, webhook_id)[0]["id"] else SECRET
            verified.append(Webhook(key).verify(body, headers)["type"])
        assert verified == ["analysis.succeeded", "analysis.succeeded"]
    finally:
        app.extensions["ecoute"].close()


def test_the_ecoute_worker_process_delivers_from_its_webhook_queue(client: FlaskClient, receiver: Receiver,
                                                                   redis_url: str) -> None:
    import os
    import subprocess
    import sys

    accepted = client.post("/v1/analyses", json={"text": "Merci !", "callback_url": receiver.url})
    assert accepted.status_code == 202
    env = {**os.environ, "REDIS_URL": redis_url, "ECOUTE_WEBHOOK_SECRET": SECRET,
           "ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8"}   # its only event goes to the loopback receiver
    done = subprocess.run([sys.executable, "-m", "worker", "--burst"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ecoute, ecoute-webhooks" in done.stderr   # `worker ... listening on ecoute, ecoute-webhooks`
    [event] = receiver.events()
    assert event["type"] == "analysis.succeeded"
    assert event["data"] == client.get(accepted.headers["Location"]).get_json()
    assert SECRET not in done.stderr


def make_certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A private CA and a certificate it signed for the name 'localhost' only (no IP in it)."""
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True, timeout=60)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
        "-subj", "/CN=Ecoute test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (directory / "ext.cnf").write_text("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "1", "-extfile", "ext.cnf")
    return directory / "ca.pem", directory / "server.pem", directory / "server.key"


def test_https_is_pinned_to_the_checked_address_and_verified_for_the_name(
        client: FlaskClient, worker: EmbeddedWorker, worker_settings: WorkerSettings, tmp_path: Path) -> None:
    ca, certificate, key = make_certificates(tmp_path)
    receiver = Receiver(tls=(str(certificate), str(key))).start()
    try:
        # 'localhost' is resolved once, checked, and connected to as 127.0.0.1; TLS checks the name 'localhost'
        url = f"https://localhost:{receiver.port}/hooks"
        webhook_id = subscribe(client, url, ["analysis.succeeded"])
        client.post("/v1/analyses?wait=10", json={"text": "Merci !"})
        [pending] = eventually(lambda: [d for d in deliveries(client, webhook_id) if d["attempts"] >= 1])
        assert pending["status"] == "pending" and "SSL" in pending["last_error"]   # our CA is not trusted yet
        assert receiver.received == []

        webhooks.configure(dataclasses.replace(worker_settings, webhook_ca_bundle=str(ca)))
        eventually(lambda: deliveries(client, webhook_id)[0]["status"] == "succeeded")
        [(headers, _)] = receiver.received
        assert headers["host"] == f"localhost:{receiver.port}"
    finally:
        receiver.stop()


def test_a_stopped_analysis_is_announced_as_failed(app: Flask, client: FlaskClient) -> None:
    from rq import Queue
    from rq.job import Job

    connection = app.extensions["ecoute"].redis
    accepted = client.post("/v1/analyses", json={"text": "hi", "callback_url": "https://crm.example/hooks"})
    job = Job.fetch(accepted.get_json()["id"], connection=connection)
    assert job.stopped_callback is webhooks.on_analysis_stopped   # set by the API at enqueue time
    webhooks.on_analysis_stopped(job, connection)   # what RQ calls when the job is stopped on request
    [key] = connection.keys("ecoute:webhook-delivery:*")
    record = json.loads(connection.get(key))
    assert record["type"] == "analysis.failed" and record["status"] == "pending"
    assert record["subject"] == {"analysis_id": job.id} and record["url"] == "https://crm.example/hooks"
    assert Queue("ecoute-webhooks", connection=connection).job_ids == [f"{record['id']}-{record['token']}"]


def test_the_ecoute_worker_process_retries_through_its_scheduler(client: FlaskClient, receiver: Receiver,
                                                                 redis_url: str, tmp_path: Path) -> None:
    import os
    import signal
    import sys

    answers = iter([(503, {}), (204, {})])
    receiver.answer = lambda: next(answers)
    env = {**os.environ, "REDIS_URL": redis_url, "ECOUTE_WEBHOOK_SECRET": SECRET,
           "ECOUTE_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8", "ECOUTE_WEBHOOK_RETRY_SCHEDULE": "1"}
    with (tmp_path / "worker.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        client.post("/v1/analyses", json={"text": "Merci !", "callback_url": receiver.url})
        eventually(lambda: len(receiver.received) == 2, seconds=45)   # the retry went through RQ's scheduler
        assert len({headers["webhook-id"] for headers, _ in receiver.received}) == 1
        assert receiver.received[0][1] == receiver.received[1][1]
        assert [e["type"] for e in receiver.events()[1:]] == ["analysis.succeeded"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()


def test_an_analysis_lists_its_deliveries_callback_and_subscriptions(client: FlaskClient, receiver: Receiver,
                                                                     worker: EmbeddedWorker) -> None:
    subscribe(client, receiver.url.replace("/hooks", "/subscribed"), ["analysis.succeeded"])
    accepted = client.post("/v1/analyses", json={"text": "Merci !", "callback_url": receiver.url})
    location = accepted.headers["Location"]
    eventually(lambda: len(receiver.received) == 2 or None)   # one signed with each secret

    def both_done() -> list[dict[str, Any]] | None:
        listed = client.get(location + "/deliveries").get_json()["deliveries"]
        return listed if len(listed) == 2 and all(d["status"] == "succeeded" for d in listed) else None

    listed = eventually(both_done)
    assert {d["type"] for d in listed} == {"analysis.succeeded"}
    assert all(d["attempts"] == 1 and 200 <= d["last_status_code"] < 300 for d in listed)
    assert {d["id"] for d in listed} == {headers["webhook-id"] for headers, _ in receiver.received}
    assert client.get("/v1/analyses/00000000-0000-4000-8000-000000000000/deliveries").status_code == 404
    assert client.delete(location).status_code == 204
    assert client.get(location + "/deliveries").status_code == 404

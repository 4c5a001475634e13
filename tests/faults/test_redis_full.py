"""A full Redis (maxmemory reached, noeviction as in compose.yaml) refuses new work with 503
problem+json: nothing half-accepted, and the analyses it already holds stay readable."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask.testing import FlaskClient

from service import create_app
from service.settings import Settings
from tests.conftest import RedisServer


@pytest.fixture()
def full_redis(tmp_path: Path) -> Iterator[str]:
    server = RedisServer(tmp_path)   # our own: its memory settings are changed below
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def test_a_full_redis_refuses_new_analyses_with_503(full_redis: str) -> None:
    client: FlaskClient = create_app(Settings(redis_url=full_redis, allow_anonymous=True,
                                              start_embedded_worker=False)).test_client()
    accepted = client.post("/v1/analyses", json={"text": "Colis jamais reçu"})
    assert accepted.status_code == 202
    connection = redis.Redis.from_url(full_redis)
    connection.config_set("maxmemory-policy", "noeviction")
    connection.config_set("maxmemory", connection.info("memory")["used_memory"] // 2)   # over the limit now
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        connection.set("filler", "x" * 1024)
    queued = connection.llen("rq:queue:ecoute")

    refused = client.post("/v1/analyses", json={"text": "Encore un colis perdu, " + "vraiment " * 400})
    assert refused.status_code == 503
    assert refused.content_type == "application/problem+json"
    assert connection.llen("rq:queue:ecoute") == queued, "nothing half-accepted"
    batch = client.post("/v1/batches", json={"comments": [{"text": "un " * 300}, {"text": "deux " * 300}]})
    assert batch.status_code == 503
    assert connection.llen("rq:queue:ecoute") == queued

    shown = client.get(accepted.headers["Location"])
    assert shown.status_code == 200 and shown.get_json()["status"] == "queued"

"""API fixtures: the Flask app on the real Redis, and an in-process worker thread."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.embedded import EmbeddedWorker
from service.settings import Settings


@pytest.fixture()
def settings(redis_url: str) -> Settings:
    return Settings(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False)


@pytest.fixture()
def app(settings: Settings) -> Flask:
    return create_app(settings)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def worker(redis_url: str, settings: Settings) -> Iterator[EmbeddedWorker]:
    """An RQ worker running jobs from the real Redis in a thread of the test process."""
    running = EmbeddedWorker(redis.Redis.from_url(redis_url), settings.queue_name).start()
    yield running
    running.stop()

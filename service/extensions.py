"""Redis and queue access, created by the app factory and kept in app.extensions['ecoute']."""
from __future__ import annotations

import atexit
from dataclasses import dataclass

from flask import Flask, current_app
from redis import Redis

from service.embedded import EmbeddedWorker
from service.queueing import QueueAccess
from service.settings import Settings


@dataclass
class Ecoute:
    settings: Settings
    redis: Redis
    queues: QueueAccess
    embedded_worker: EmbeddedWorker | None = None


def connect(settings: Settings) -> Redis:
    """A Redis client for the settings: the real server, or an in-process fakeredis."""
    if settings.embedded:
        import fakeredis

        return fakeredis.FakeRedis(server=fakeredis.FakeServer())
    return Redis.from_url(
        settings.redis_url or "",
        socket_connect_timeout=settings.redis_timeout,
        socket_timeout=settings.redis_timeout,
        health_check_interval=30,
        retry_on_timeout=False,
    )


def init_app(app: Flask, settings: Settings) -> Ecoute:
    connection = connect(settings)
    queues = QueueAccess(connection, settings.queue_name, settings.result_ttl, settings.job_timeout,
                         retry_intervals=() if settings.embedded else (5, 30))
    ext = Ecoute(settings=settings, redis=connection, queues=queues)
    if settings.embedded and settings.start_embedded_worker:
        ext.embedded_worker = EmbeddedWorker(connection, settings.queue_name).start()
        atexit.register(ext.embedded_worker.stop, 2.0)
    app.extensions["ecoute"] = ext
    return ext


def ecoute() -> Ecoute:
    ext: Ecoute = current_app.extensions["ecoute"]
    return ext

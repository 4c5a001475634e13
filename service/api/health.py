"""/healthz (the process is alive) and /readyz (Redis answers and a worker is listening)."""
from __future__ import annotations

from typing import Any

from flask.views import MethodView
from redis.exceptions import RedisError

from service.api.common import Blueprint, document_errors
from service.errors import QueueUnavailable
from service.extensions import ecoute
from service.schemas import HealthSchema

blp = Blueprint("health", __name__, description="Liveness and readiness probes (never need an API key).")
OPEN: dict[str, Any] = {"security": []}  # overrides the API-wide bearer requirement in the OpenAPI document


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.doc(**OPEN)
    def get(self) -> dict[str, Any]:
        """Liveness: the API process answers (does not touch Redis)"""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @document_errors(blp, 503)
    @blp.doc(**OPEN)
    def get(self) -> dict[str, Any]:
        """Readiness: Redis answers and at least one worker listens on the queue"""
        ext = ecoute()
        try:
            ext.redis.ping()
            workers = ext.queues.worker_count()
        except RedisError as exc:
            raise QueueUnavailable(f"Redis is unreachable ({type(exc).__name__}).") from exc
        if workers < 1:
            raise QueueUnavailable(f"No worker is listening on queue {ext.settings.queue_name!r}; "
                                   "start one with `ecoute worker`.")
        return {"status": "ready", "workers": workers}

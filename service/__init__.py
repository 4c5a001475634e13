"""Écoute's HTTP API: `create_app()` builds the Flask application (gunicorn: 'service:create_app()')."""
from __future__ import annotations

import dataclasses
import logging
import types
from typing import Any, Callable

import orjson
from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api

from service import auth, errors, extensions, logs, metrics
from service.errors import PROBLEM_JSON, BadRequest, UnsupportedMedia
from service.queueing import JSONText
from service.schemas import ProblemSchema
from service.settings import Settings
from service import limits  # rate limits and the queue cap

__all__ = ["create_app"]

log = logging.getLogger(__name__)

API_DESCRIPTION = """Écoute analyses comments left about a brand on social media and answers with a
classification (language, sentiment, category, topics, playbook flags, priority, cues), the response
playbook's recommended steps and reply drafts in the comment's language.

Submit a comment with `POST /v1/analyses` (202 + `Location`), then read it with
`GET /v1/analyses/{id}`, or add `?wait=SECONDS` to get the finished analysis in the same call.
Errors are RFC 9457 `application/problem+json` everywhere.

Each API key belongs to a tenant: analyses, batches, brands and webhook subscriptions are visible to
their tenant only (another tenant's id is a 404). Requests are rate limited per API key: every /v1
answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds), and a 429
carries `Retry-After`; a tenant's queued and running analyses are capped (429, nothing queued)."""

BEARER_SCHEME = {"type": "http", "scheme": "bearer",
                 "description": "A key of `ecoute keys create --tenant T` (gives tenant T) or one of the "
                                "deployment's ECOUTE_API_KEYS (the default tenant). Required on every /v1 route "
                                "when static keys are configured, with ECOUTE_REQUIRE_AUTH=1, or once any key "
                                "exists; the probes, the documentation and the signed inbound routes stay open."}


class EcouteApi(Api):  # type: ignore[misc]
    """flask-smorest's Api, documenting every error response as our problem+json shape."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_RESPONSE_CONTENT_TYPE = "application/json"

    def _register_responses(self) -> None:
        saved, self.DEFAULT_RESPONSE_CONTENT_TYPE = self.DEFAULT_RESPONSE_CONTENT_TYPE, PROBLEM_JSON
        try:
            super()._register_responses()  # the shared error responses: problem+json
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = saved


class EcouteJSONProvider(DefaultJSONProvider):
    """jsonify() (every body of flask-smorest's views) written by orjson: a finished analysis is a few KB
    of JSON, which the standard library's encoder took about 45 us to write and orjson about 3 (the largest
    encoding an API process does per POST ?wait). The bytes are those of Flask's compact output: UTF-8
    without escapes (ensure_ascii off), keys in their order, no spaces, a final newline; numbers are the
    same values (an exponent may be written 1e-07 or 1e-7). Whatever orjson does not write as Flask's
    provider would (integers over 64 bits, non-string keys, dates, dataclasses, other types of Flask's
    `default`), and any other setting (indented debug bodies, sorted keys, ASCII escapes), goes to
    Flask's provider. A result stored as JSON text (service.queueing.JSONText) is written as it is."""

    _OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_APPEND_NEWLINE

    def response(self, *args: Any, **kwargs: Any) -> Response:
        indented = self.compact is False or (self.compact is None and self._app.debug)
        if indented or self.sort_keys or self.ensure_ascii:
            return super().response(*args, **kwargs)
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj, default=_for_orjson, option=self._OPTIONS)
        except TypeError:   # orjson.JSONEncodeError is a TypeError
            return super().response(*args, **kwargs)
        return self._app.response_class(body, mimetype=self.mimetype)


    @staticmethod
    def default(obj: Any) -> Any:   # Flask's provider: JSONText as the value it holds
        if type(obj) is JSONText:
            return obj.load()
        return DefaultJSONProvider.default(obj)


def _for_orjson(obj: Any) -> Any:
    if type(obj) is JSONText:
        return orjson.Fragment(obj.text)
    raise TypeError(type(obj).__name__)   # Flask's provider writes it


class EcouteFlask(Flask):
    """Flask, remembering which functions are coroutines: Flask asks it for every hook and view of every
    request (a dozen `inspect.iscoroutinefunction` calls per request), and the answer never changes."""

    json_provider_class = EcouteJSONProvider

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._is_coroutine: dict[Callable[..., Any], bool] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        plain = getattr(func, "__func__", func)   # a bound method: its function (the view is new per request)
        if type(plain) is not types.FunctionType:
            return super().ensure_sync(func)
        known = self._is_coroutine.get(plain)
        if known is None:
            known = self._is_coroutine[plain] = super().ensure_sync(func) is not func
        return self.async_to_sync(func) if known else func


def create_app(settings: Settings | None = None) -> Flask:
    """The application factory: configuration is read once, here, unless given."""
    settings = settings if settings is not None else Settings.from_env()
    settings.validate()
    logs.configure(settings.log_level, settings.log_format)
    logging.getLogger("service").setLevel(settings.log_level)

    app = EcouteFlask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_TITLE="Écoute",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": API_DESCRIPTION, "license": {"name": "Apache-2.0"}},
            "components": {"securitySchemes": {"bearerAuth": BEARER_SCHEME}},
            "security": ([{"bearerAuth": []}] if settings.api_keys or settings.require_auth
                         else [{"bearerAuth": []}, {}]),   # optional until a key exists
        },
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    logs.init_app(app)      # first: every later hook and error answer has a request id
    metrics.init_app(app)   # counts every answer, refusals included
    extensions.init_app(app, settings)
    auth.init_app(app)
    limits.init_app(app, settings)   # after auth: requests are counted per API key
    app.extensions["ecoute"].queues = dataclasses.replace(app.extensions["ecoute"].queues,
                                                          tenant_cap=settings.tenant_max_queued)
    app.before_request(_require_json_body)

    api = EcouteApi(app)
    from service.api import analyses, batches, brands, docs, health, inbound

    for blueprint in (analyses.blp, batches.blp, brands.blp, health.blp, inbound.blp):
        api.register_blueprint(blueprint)
    from service.api import webhooks

    api.register_blueprint(webhooks.blp)
    app.register_blueprint(docs.bp)
    errors.init_app(app)  # after Api(): replaces flask-smorest's own error body with problem+json
    log.info("Écoute API ready (%s mode, queue %r, API keys %s)",
             "embedded" if settings.embedded else "Redis", settings.queue_name,
             "required" if settings.api_keys or settings.require_auth else "required once `ecoute keys` made one")
    return app


BODYLESS_POSTS = {"webhooks.Redeliver"}   # actions that take no body


def _require_json_body() -> None:
    """POST bodies of /v1 must be declared JSON (415) and not be empty (400)."""
    req = request._get_current_object()   # the request itself: each read through the proxy costs a lookup
    if req.routing_exception is not None:   # unknown route or method: 404/405 come first
        return
    path = req.path
    if path.startswith(auth.SIGNED_PREFIX):   # inbound webhooks: the signature is checked first
        return
    if req.endpoint in BODYLESS_POSTS:
        return
    if req.method in ("POST", "PUT", "PATCH") and path.startswith("/v1/"):
        if not req.is_json:
            raise UnsupportedMedia("Send the body as JSON with 'Content-Type: application/json'.")
        if not req.get_data(cache=True):
            raise BadRequest("The request body is empty: send a JSON object.")

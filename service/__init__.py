"""Écoute's HTTP API: create_app() builds the Flask application."""
from __future__ import annotations

import logging

from flask import Flask, request
from flask_smorest import Api
from flask_swagger_ui import get_swaggerui_blueprint

from service import auth, errors, extensions
from service.errors import BadRequest, UnsupportedMedia
from service.settings import Settings

__all__ = ["create_app"]

API_DESCRIPTION = """Écoute analyses comments left about a brand on social media and answers with a
classification, the response playbook's steps and reply drafts.

Submit a comment with `POST /v1/analyses` (202 + Location), then read it with
`GET /v1/analyses/{id}`, or add `?wait=SECONDS` to get the finished analysis in the same call.
Errors are RFC 9457 `application/problem+json` everywhere."""


def create_app(settings: Settings | None = None) -> Flask:
    """The application factory: configuration is read once, here, unless given."""
    settings = settings or Settings.from_env()
    settings.validate()
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_TITLE="Écoute",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": API_DESCRIPTION, "license": {"name": "Apache-2.0"}},
            "components": {"securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "One of ECOUTE_API_KEYS, when the deployment sets them."}}},
            "security": [{"bearerAuth": []}] if settings.api_keys else [],
        },
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    extensions.init_app(app, settings)
    auth.init_app(app)

    @app.before_request
    def _require_json() -> None:
        if request.method in ("POST", "PUT", "PATCH") and request.path.startswith("/v1/"):
            if not request.is_json:
                raise UnsupportedMedia("Send the body as JSON with 'Content-Type: application/json'.")
            if not request.get_data(cache=True):
                raise BadRequest("The request body is empty: send a JSON object.")

    api = Api(app)
    from service.api import analyses, batches, health

    for blueprint in (analyses.blp, batches.blp, health.blp):
        api.register_blueprint(blueprint)
    app.register_blueprint(get_swaggerui_blueprint("/docs", "/openapi.json", config={"app_name": "Écoute API"}))
    errors.init_app(app)  # after Api(): replaces flask-smorest's own error body with problem+json
    return app

"""/docs: the interactive API documentation (Swagger UI) over /openapi.json, served offline, and the
OpenAPI links of /openapi.json.

The Swagger UI assets come from an installed package, never from a CDN, so the page works in an
air-gapped install. The assets are Swagger UI 5 (shipped by `flask-swagger-ui`): Swagger UI 4, the
one the `swagger-ui-bundle` package ships, cannot render an OpenAPI 3.1 document.

The links (OpenAPI 3 `links` on responses: which operation to call next, with which value of this
answer) are all in LINKS below, added to the spec in one place once the API's blueprints are
registered; flask-smorest's decorators have no argument for them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import flask_swagger_ui
from apispec import APISpec
from flask import Blueprint, Response, abort, send_from_directory, url_for
from flask.blueprints import BlueprintSetupState

from service.schemas import HTTP_URL_PATTERN, HTTPS_URL_PATTERN

ASSETS = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
_SERVED = frozenset({"swagger-ui.css", "index.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                     "favicon-32x32.png", "favicon-16x16.png", "oauth2-redirect.html", "oauth2-redirect.js"})
# Scripts only from this origin; Swagger UI needs inline styles and data: images.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")

bp = Blueprint("docs", __name__, url_prefix="/docs")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Écoute API</title>
  <link rel="stylesheet" href="{base}/swagger-ui.css">
  <link rel="stylesheet" href="{base}/index.css">
  <link rel="icon" type="image/png" href="{base}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{base}/swagger-ui-bundle.js"></script>
  <script src="{base}/swagger-ui-standalone-preset.js"></script>
  <script src="{base}/init.js"></script>
</body>
</html>
"""


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("")
@bp.get("/")
def page() -> Response:
    """The Swagger UI page; everything it loads comes from this server."""
    base = url_for("docs.page").rstrip("/")
    return _secured(Response(_PAGE.format(base=base), mimetype="text/html"))


@bp.get("/init.js")
def init_script() -> Response:
    """Starts Swagger UI on /openapi.json (a file rather than inline, for a strict CSP)."""
    config = {"url": url_for("api-docs.openapi_json"), "dom_id": "#swagger-ui", "deepLinking": True,
              "layout": "StandaloneLayout", "persistAuthorization": False}
    script = ("window.onload = function () {\n"
              f"  var config = {json.dumps(config)};\n"
              "  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];\n"
              "  config.plugins = [SwaggerUIBundle.plugins.DownloadUrl];\n"
              "  window.ui = SwaggerUIBundle(config);\n"
              "};\n")
    return _secured(Response(script, mimetype="text/javascript"))


@bp.get("/<string:name>")
def asset(name: str) -> Response:
    """A Swagger UI asset from the installed package (a fixed list: nothing else is served)."""
    if name not in _SERVED:
        abort(404)
    return _secured(send_from_directory(ASSETS, name, max_age=86400))


# ---- OpenAPI links --------------------------------------------------------------------------------

ANALYSIS, BATCH, BRAND = "/v1/analyses/{analysis_id}", "/v1/batches/{batch_id}", "/v1/brands/{brand_id}"
WEBHOOK = "/v1/webhooks/{webhook_id}"
_ANALYSIS_ID = {"analysis_id": "$response.body#/id"}
_OF_ANALYSIS = {
    "GetAnalysis": ("get", ANALYSIS, _ANALYSIS_ID, "Read the analysis: poll it until it has finished."),
    "DeleteAnalysis": ("delete", ANALYSIS, _ANALYSIS_ID, "Erase the analysis and its comment."),
    "GetAnalysisDeliveries": ("get", ANALYSIS + "/deliveries", _ANALYSIS_ID, "Its webhook deliveries."),
}
_WEBHOOK_ID = {"webhook_id": "$response.body#/id"}
_OF_BRAND = {"brand_id": "$request.path.brand_id"}

#: (method, path, status) of a response -> its links: name -> (method, path, parameters, description)
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, str, dict[str, str], str]]] = {
    ("post", "/v1/analyses", "202"): _OF_ANALYSIS,
    ("post", "/v1/analyses", "200"): _OF_ANALYSIS,
    ("get", ANALYSIS, "200"): {name: _OF_ANALYSIS[name] for name in ("DeleteAnalysis", "GetAnalysisDeliveries")},
    ("post", "/v1/batches", "202"): {
        "GetBatch": ("get", BATCH, {"batch_id": "$response.body#/id"}, "Follow the batch: counts and analyses."),
        "GetFirstAnalysis": ("get", ANALYSIS, {"analysis_id": "$response.body#/analyses/0/id"},
                             "Read the analysis of the first comment (`analyses/N/id` for the others)."),
    },
    ("put", BRAND, "200"): {
        "GetBrand": ("get", BRAND, _OF_BRAND, "Read the profile back."),
        "DeleteBrand": ("delete", BRAND, _OF_BRAND, "Delete the profile."),
    },
    ("post", "/v1/webhooks", "201"): {
        "GetWebhook": ("get", WEBHOOK, _WEBHOOK_ID, "Read the subscription (without its secret)."),
        "DeleteWebhook": ("delete", WEBHOOK, _WEBHOOK_ID, "Delete the subscription."),
        "GetWebhookDeliveries": ("get", WEBHOOK + "/deliveries", _WEBHOOK_ID, "Its deliveries, newest first."),
    },
}


def operation_ref(method: str, path: str) -> str:
    """The `operationRef` of an operation of this document: a JSON pointer in a URI fragment."""
    return "#/paths/" + quote(path.replace("~", "~0").replace("/", "~1"), safe="~") + "/" + method


def add_links(spec: APISpec) -> None:
    """Write LINKS into the responses of the registered operations (a missing one is an error)."""
    paths: dict[str, Any] = spec._paths   # apispec has no public way to amend a registered operation
    for (method, path, status), links in LINKS.items():
        response = paths[path][method]["responses"][status]
        response["links"] = {
            name: {"operationRef": operation_ref(to_method, to_path), "parameters": dict(parameters),
                   "description": description}
            for name, (to_method, to_path, parameters, description) in links.items()}


def publish_url_rule(spec: APISpec, http_allowed: bool) -> None:
    """The pattern of every `url` and `callback_url` of the document is this deployment's: https only, or
    http too when ECOUTE_WEBHOOK_ALLOWED_NETWORKS lets http reach the addresses inside them."""
    if not http_allowed:
        return   # HTTPS_URL_PATTERN, as the schemas declare it
    schemas: dict[str, Any] = spec.components.schemas
    for schema in schemas.values():
        for prop in schema.get("properties", {}).values():
            if prop.get("pattern") == HTTPS_URL_PATTERN:
                prop["pattern"] = HTTP_URL_PATTERN


@bp.record_once
def _link_operations(state: BlueprintSetupState) -> None:
    """Registered after the API's blueprints (create_app), so every operation is in the spec by now."""
    settings = state.app.extensions["ecoute"].settings
    for api in state.app.extensions["flask-smorest"]["apis"].values():
        add_links(api["ext_obj"].spec)
        publish_url_rule(api["ext_obj"].spec, bool(settings.webhook_allowed_networks))

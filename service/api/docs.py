"""/docs: the interactive API documentation (Swagger UI) over /openapi.json, served offline.

The Swagger UI assets come from an installed package, never from a CDN, so the page works in an
air-gapped install. The assets are Swagger UI 5 (shipped by `flask-swagger-ui`): Swagger UI 4, the
one the `swagger-ui-bundle` package ships, cannot render an OpenAPI 3.1 document.
"""
from __future__ import annotations

import json
from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, Response, abort, send_from_directory, url_for

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

"""The OpenAPI 3.1 document and the offline Swagger UI page."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from flask.testing import FlaskClient
from openapi_spec_validator import validate

from service.schemas import CATEGORIES, CHANNELS, PRIORITY_LEVELS, STEP_IDS, TOPICS

ROUTES = {"/v1/analyses": {"post"}, "/v1/analyses/{analysis_id}": {"get"}, "/v1/batches": {"post"},
          "/v1/batches/{batch_id}": {"get"}, "/v1/brands/{brand_id}": {"get"}, "/healthz": {"get"},
          "/readyz": {"get"}}
ROUTES.update({"/v1/inbound/meta": {"get", "post"}, "/v1/inbound/generic": {"post"}})   # signed webhooks in
ROUTES.update({"/v1/analyses/{analysis_id}/deliveries": {"get"}})   # an analysis' webhook deliveries
ROUTES.update({"/v1/webhooks": {"get", "post"}, "/v1/webhooks/{webhook_id}": {"get"},
               "/v1/webhooks/{webhook_id}/deliveries": {"get"},
               "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver": {"post"}})


def test_openapi_is_valid_31_and_lists_every_route(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)  # raises on any schema violation of OpenAPI 3.1
    assert {path: set(ops) & {"get", "post"} for path, ops in spec["paths"].items()} == ROUTES
    assert {"put", "get", "delete"} <= set(spec["paths"]["/v1/brands/{brand_id}"])
    for path, operations in spec["paths"].items():
        for method in ROUTES[path]:
            assert operations[method].get("summary"), f"{method} {path} has no summary"


def test_every_error_is_documented_as_problem_json(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    post = spec["paths"]["/v1/analyses"]["post"]
    assert {"202", "200", "400", "401", "413", "415", "422", "503"} <= set(post["responses"])
    for code in ("400", "401", "413", "415", "422", "503"):
        assert list(post["responses"][code]["content"]) == ["application/problem+json"]
    default = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(default) == ["application/problem+json"]
    problem = spec["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    assert "Error" not in spec["components"]["schemas"]  # flask-smorest's own error shape


def test_result_contract_and_vocabularies_are_documented(client: FlaskClient) -> None:
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    result = schemas["Result"]["properties"]
    assert {"language", "sentiment", "category", "topics", "flags", "priority", "cues", "steps", "replies",
            "warnings", "engine"} <= set(result)
    assert result["category"]["enum"] == list(CATEGORIES)
    assert result["topics"]["items"]["enum"] == list(TOPICS)
    assert set(TOPICS) >= {"delivery", "billing", "product_quality", "customer_service", "technical", "pricing",
                           "safety", "privacy", "account", "returns_refunds"}
    assert schemas["Step"]["properties"]["id"]["enum"] == list(STEP_IDS)
    assert schemas["Priority"]["properties"]["level"]["enum"] == list(PRIORITY_LEVELS)
    assert set(schemas["Flags"]["properties"]) == {"brand_error", "needs_more_info", "community_answered",
                                                   "suspected_bad_faith", "toxic", "escalate"}
    assert schemas["Analysis"]["properties"]["status"]["enum"] == ["queued", "running", "succeeded", "failed"]
    assert schemas["Comment"]["properties"]["channel"]["enum"] == list(CHANNELS)
    for name in ("Comment", "Result", "Analysis", "Batch", "Problem", "Flags", "Step", "Reply"):
        for field, prop in schemas[name]["properties"].items():
            assert prop.get("description"), f"{name}.{field} has no description"
    assert schemas["Comment"]["properties"]["text"]["example"]


# Where a client goes next from an answer: (method, path, status) -> the names of its links.
LINKS = {
    ("post", "/v1/analyses", "202"): {"GetAnalysis", "DeleteAnalysis", "GetAnalysisDeliveries"},
    ("post", "/v1/analyses", "200"): {"GetAnalysis", "DeleteAnalysis", "GetAnalysisDeliveries"},
    ("get", "/v1/analyses/{analysis_id}", "200"): {"DeleteAnalysis", "GetAnalysisDeliveries"},
    ("post", "/v1/batches", "202"): {"GetBatch", "GetFirstAnalysis"},
    ("put", "/v1/brands/{brand_id}", "200"): {"GetBrand", "DeleteBrand"},
    ("post", "/v1/webhooks", "201"): {"GetWebhook", "DeleteWebhook", "GetWebhookDeliveries"},
}


def _pointer(document: dict[str, Any], ref: str) -> Any:
    """What a local reference (`#/components/schemas/Analysis`) points to in the document."""
    assert ref.startswith("#/"), ref
    node: Any = document
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _in_schema(document: dict[str, Any], schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    """The schema of the value at a JSON pointer (`/analyses/0/id`) inside a document of that schema."""
    for token in pointer.strip("/").split("/"):
        while "$ref" in schema:
            schema = _pointer(document, schema["$ref"])
        schema = schema["items"] if schema.get("type") == "array" else schema["properties"][token]
    while "$ref" in schema:
        schema = _pointer(document, schema["$ref"])
    return schema


def _path_parameters(spec: dict[str, Any], path: str, method: str) -> set[str]:
    declared = spec["paths"][path].get("parameters", []) + spec["paths"][path][method].get("parameters", [])
    return {p["name"] for p in declared if p["in"] == "path"}


def test_links_lead_from_an_answer_to_what_the_client_calls_next(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    found = {(method, path, status): set(response["links"])
             for path, operations in spec["paths"].items() for method, operation in operations.items()
             if method in ("get", "post", "put", "delete")
             for status, response in operation["responses"].items() if "links" in response}
    assert found == LINKS
    for method, path, status in LINKS:
        response = spec["paths"][path][method]["responses"][status]
        body = response["content"]["application/json"]["schema"]
        for name, link in response["links"].items():
            assert link["description"], name
            assert link["operationRef"].startswith("#/paths/"), name
            to_path, to_method = (token.replace("~1", "/").replace("~0", "~")
                                  for token in unquote(link["operationRef"]).split("/")[2:])
            assert to_method in spec["paths"][to_path], name
            assert set(link["parameters"]) == _path_parameters(spec, to_path, to_method), name
            for expression in link["parameters"].values():
                if expression.startswith("$request.path."):
                    assert expression.removeprefix("$request.path.") in _path_parameters(spec, path, method)
                else:
                    assert expression.startswith("$response.body#/"), expression
                    assert _in_schema(spec, body, expression.removeprefix("$response.body#"))["type"] == "string"


def test_docs_page_loads_only_local_assets(client: FlaskClient) -> None:
    for url in ("/docs", "/docs/"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert "swagger-ui" in page
        assert not re.search(r"(?:https?:)?//", page), "the page must not load anything from another host"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assets = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert "/docs/swagger-ui-bundle.js" in assets and "/docs/swagger-ui.css" in assets
        for asset in assets:
            assert client.get(asset).status_code == 200, asset
    init = client.get("/docs/init.js").get_data(as_text=True)
    assert '"/openapi.json"' in init and "SwaggerUIBundle" in init
    assert client.get("/docs/../pyproject.toml").status_code == 404
    missing = client.get("/docs/package.json")
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


def test_swagger_ui_is_a_version_that_renders_openapi_31(client: FlaskClient) -> None:
    bundle = client.get("/docs/swagger-ui-bundle.js").get_data(as_text=True)
    assert "isOAS31" in bundle  # Swagger UI 5; version 4 shows "unable to render" for a 3.1 document


URL_FIELDS = {("Comment", "callback_url"), ("BatchRequest", "callback_url"), ("WebhookCreate", "url")}


def _url_patterns(client: FlaskClient) -> dict[tuple[str, str], str]:
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    return {(name, field): schemas[name]["properties"][field].get("pattern") for name, field in URL_FIELDS}


def test_url_fields_publish_the_https_rule_the_server_applies(redis_url: str) -> None:
    """url and callback_url say in the spec what the server checks: https only, unless the deployment lets
    http reach ECOUTE_WEBHOOK_ALLOWED_NETWORKS; a value the spec's pattern refuses is refused by the server."""
    import ipaddress

    from service import create_app
    from service.settings import Settings

    base = dict(redis_url=redis_url, allow_anonymous=True, start_embedded_worker=False,
                webhook_secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    strict = create_app(Settings(**base)).test_client()
    relaxed = create_app(Settings(**base, webhook_allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
                         ).test_client()
    for client, allows_http in ((strict, False), (relaxed, True)):
        patterns = _url_patterns(client)
        assert len(set(patterns.values())) == 1 and None not in patterns.values(), patterns
        pattern = re.compile(patterns[("Comment", "callback_url")])
        spec = client.get("/openapi.json").get_json()["components"]["schemas"]
        for name, field in URL_FIELDS:
            assert spec[name]["properties"][field]["maxLength"] == 2000
            assert "ECOUTE_WEBHOOK_ALLOWED_NETWORKS" in spec[name]["properties"][field]["description"]
        for url in ("http://127.0.0.1:9/hook", "HTTP://127.0.0.1/x", "https://crm.example/hooks/ecoute",
                    "HTTPS://crm.example/x", "ftp://crm.example/x", "https:///x", "crm.example/x"):
            webhook = client.post("/v1/webhooks", json={"url": url, "events": ["analysis.failed"]})
            callback = client.post("/v1/analyses", json={"text": "hi", "callback_url": url})
            batch = client.post("/v1/batches", json={"comments": [{"text": "hi"}], "callback_url": url})
            accepted = {webhook.status_code, callback.status_code, batch.status_code}
            assert accepted in ({201, 202}, {422}), (url, accepted)
            if pattern.search(url) is None:   # the spec refuses it: so does the server
                assert accepted == {422}, url
            else:
                assert accepted == {201, 202}, url
            assert (url.lower().startswith("http://") and accepted == {201, 202}) == (
                allows_http and url.lower().startswith("http://")), url

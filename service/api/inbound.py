"""/v1/inbound: comments pushed to Écoute by webhooks (Meta Graph, or any Standard Webhooks sender).

These routes are authenticated by the signature of each delivery, not by the bearer API key. A route
whose secret is not configured answers 404: the feature is off on this deployment.
"""
from __future__ import annotations

import hashlib
import logging
from typing import Any

from flask import Response, request, url_for
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields

from service import idempotency
from service.api.brands import check_brands
from service.api.common import Blueprint, StrictJSONParser, document_errors
from service.errors import BadRequest, NotFound, ServiceError, Unauthorized, UnsupportedMedia
from service.extensions import ecoute
from service.inbound import (STANDARD_HEADERS, BadSignature, check_meta_signature, check_standard_signature, constant_time_equal,
                             meta_comments, standard_webhook)
from service.schemas import BatchRequestSchema, CommentSchema, InboundAcceptedSchema, ProblemSchema

log = logging.getLogger(__name__)

blp = Blueprint("inbound", __name__, url_prefix="/v1/inbound",
                description="Comments pushed by webhooks: Meta (Facebook Pages, Instagram) and any Standard "
                            "Webhooks sender. Authenticated by their signatures, not by the API key.")

META_SCOPE = "inbound:meta"
GENERIC_SCOPE = "inbound:generic"

_SIGNED = {"security": []}
_META_SIGNATURE = {"in": "header", "name": "X-Hub-Signature-256", "required": True,
                   "description": "`sha256=` followed by the hex HMAC-SHA256 of the raw body, keyed with the Meta "
                                  "app secret (ECOUTE_META_APP_SECRET). Missing or wrong: 401, nothing queued.",
                   "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"}}
_STANDARD_HEADERS = [
    {"in": "header", "name": "webhook-id", "required": True,
     "description": "Unique id of the message; also its idempotency key (a redelivery is answered with the "
                    "first answer, nothing queued twice).", "schema": {"type": "string", "minLength": 1}},
    {"in": "header", "name": "webhook-timestamp", "required": True,
     "description": "Unix time of the attempt, within 5 minutes of ours.",
     "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"}},
    {"in": "header", "name": "webhook-signature", "required": True,
     "description": "Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed with "
                    "ECOUTE_INBOUND_SECRET. Missing, stale or wrong: 401, nothing queued.",
     "schema": {"type": "string", "minLength": 1}},
]
_META_BODY = {
    "required": True,
    "content": {"application/json": {
        "schema": {"type": "object", "required": ["object", "entry"],
                   "properties": {"object": {"type": "string", "enum": ["page", "instagram"]},
                                  "entry": {"type": "array", "items": {"type": "object"}}}},
        "example": {"object": "instagram", "entry": [{"id": "17841405822304914", "time": 1520383571, "changes": [
            {"field": "comments", "value": {"from": {"id": "232323232", "username": "marie_l"},
                                            "media": {"id": "123123123", "media_product_type": "FEED"},
                                            "id": "17865799348089039", "text": "Toujours pas reçu ma commande…"}}]}]},
    }},
}
_GENERIC_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Comment"},
                                                          {"$ref": "#/components/schemas/BatchRequest"}]}}},
}


class MetaVerifyQuerySchema(Schema):
    """Query string of Meta's subscription handshake."""

    mode = fields.String(data_key="hub.mode", metadata={"description": "Always 'subscribe'.",
                                                        "example": "subscribe"})
    verify_token = fields.String(data_key="hub.verify_token",
                                 metadata={"description": "Must equal ECOUTE_META_VERIFY_TOKEN."})
    challenge = fields.String(data_key="hub.challenge",
                              metadata={"description": "Echoed back as text/plain when the token matches.",
                                        "example": "1158201444"})


class InvalidPayload(ServiceError):
    """A signed delivery whose comments do not match the Comment schema."""

    status = 422
    title = "Unprocessable Content"

    def __init__(self, detail: str, errors: Any) -> None:
        super().__init__(detail)
        self.errors = errors


class InboundOff(NotFound):
    """The route's secret is not configured: the feature is off on this deployment."""


def _json_body() -> Any:
    if not request.is_json:
        raise UnsupportedMedia("Send the body as JSON with 'Content-Type: application/json'.")
    try:
        return StrictJSONParser()._raw_load_json(request)
    except ValueError:
        raise BadRequest("The request body is not valid JSON.") from None


def _queue_once(comment: dict[str, Any]) -> dict[str, Any] | None:
    """Queue a Meta comment unless this very comment (platform id and text) was already queued: Meta
    redelivers until it gets a 200, and sends no idempotency key of its own. None while the same
    comment is being queued by a concurrent delivery."""
    text_hash = hashlib.sha256(comment["text"].encode("utf-8")).hexdigest()[:16]
    key = f"{comment['channel']}:{comment['external_id']}:{text_hash}"
    try:
        claim = idempotency.current_store().begin(META_SCOPE, key, key)
    except idempotency.RequestInFlight:
        return None
    if isinstance(claim, idempotency.Replay):
        return {"id": claim.ids[0], "external_id": comment["external_id"], "duplicate": True}
    try:
        job = ecoute().queues.enqueue_analysis(comment)
    except BaseException:
        claim.release()
        raise
    location = url_for("analyses.AnalysisById", analysis_id=job.id)
    claim.created([job.id], location=location, owns=True)
    claim.finish(202, [job.id], location=location)
    return {"id": job.id, "external_id": comment["external_id"], "duplicate": False}


@blp.route("/meta")
class MetaWebhook(MethodView):
    @blp.arguments(MetaVerifyQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, {"type": "string"}, content_type="text/plain",
                  description="The token matches: `hub.challenge`, as text/plain.", example="1158201444")
    @blp.alt_response(403, schema=ProblemSchema, content_type="application/problem+json",
                      description="Not a subscription, or the token does not match.")
    @blp.alt_response(404, schema=ProblemSchema, content_type="application/problem+json",
                      description="Meta webhooks are off: ECOUTE_META_VERIFY_TOKEN is not set.")
    @document_errors(blp, 422, 503)
    @blp.doc(**_SIGNED)
    def get(self, mode: str | None = None, verify_token: str | None = None, challenge: str | None = None) -> Any:
        """Meta's subscription handshake

        Meta calls it once when the webhook is set up in the app dashboard: with `hub.mode=subscribe` and
        the configured verify token, the answer is `hub.challenge` as text/plain; otherwise 403.
        """
        expected = ecoute().settings.meta_verify_token
        if not expected:
            raise InboundOff("Meta webhooks are off on this deployment (ECOUTE_META_VERIFY_TOKEN is not set).")
        token_ok = constant_time_equal(verify_token, expected)
        if mode != "subscribe" or not token_ok or not challenge:
            return _forbidden()
        response = Response(challenge, status=200, mimetype="text/plain")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @blp.response(200, InboundAcceptedSchema,
                  description="Received: the comments to analyse are queued (already seen ones are not queued "
                              "again); a delivery with nothing to analyse queues nothing.")
    @blp.alt_response(404, schema=ProblemSchema, content_type="application/problem+json",
                      description="Meta webhooks are off: ECOUTE_META_APP_SECRET is not set.")
    @document_errors(blp, 400, 401, 413, 415, 503)
    @blp.doc(parameters=[_META_SIGNATURE], requestBody=_META_BODY, **_SIGNED)
    def post(self) -> Any:
        """Receive Facebook Page and Instagram comments (Meta webhooks)

        Facebook Page `feed` changes with `item: comment` (verb add or edited) and Instagram `comments` /
        `live_comments` changes become Comments (text, author, channel `facebook`/`instagram`, the comment
        id as `external_id`, page/account, post/media, parent and author ids in `metadata`) and are queued.
        Likes, reactions, removals, the Page's or account's own comments and comments without text are
        skipped (`ignored`). The signature is checked on the raw body before anything else.
        """
        if not request.headers.get("X-Hub-Signature-256"):   # unsigned: refused whether the route is on or off
            raise Unauthorized("The X-Hub-Signature-256 header is missing: deliveries must be signed.")
        secret = ecoute().settings.meta_app_secret
        if not secret:
            raise InboundOff("Meta webhooks are off on this deployment (ECOUTE_META_APP_SECRET is not set).")
        try:
            check_meta_signature(secret, request.get_data(cache=True), request.headers.get("X-Hub-Signature-256"))
        except BadSignature as exc:
            log.warning("inbound Meta delivery refused: bad or missing signature")
            raise Unauthorized(str(exc)) from None
        extracted = meta_comments(_json_body())
        items = [item for item in map(_queue_once, extracted.comments) if item is not None]
        ignored = extracted.ignored + len(extracted.comments) - len(items)
        log.info("inbound Meta delivery: %d queued, %d already received, %d ignored",
                 sum(not i["duplicate"] for i in items), sum(i["duplicate"] for i in items), ignored)
        return {"batch_id": None, "analyses": items, "ignored": ignored}


def _forbidden() -> Response:
    from service.errors import problem

    return problem(403, "Forbidden", "Not a subscription request, or the verify token does not match.")


@blp.route("/generic")
class GenericWebhook(MethodView):
    @blp.response(202, InboundAcceptedSchema, description="Every comment queued, ids in input order.")
    @blp.alt_response(404, schema=ProblemSchema, content_type="application/problem+json",
                      description="Generic inbound webhooks are off: ECOUTE_INBOUND_SECRET is not set.")
    @blp.alt_response(409, schema=ProblemSchema, content_type="application/problem+json",
                      description="A delivery with the same webhook-id is still being processed: retry later.")
    @document_errors(blp, 400, 401, 413, 415, 422, 503)
    @blp.doc(parameters=_STANDARD_HEADERS, requestBody=_GENERIC_BODY, **_SIGNED)
    def post(self) -> Any:
        """Receive comments from any Standard Webhooks sender

        The body is one Comment, or `{"comments": [Comment, ...]}` (1 to 500, as POST /v1/batches), signed
        per the Standard Webhooks spec with ECOUTE_INBOUND_SECRET. `webhook-id` is the idempotency key: a
        redelivery of the same message gets the first answer and queues nothing.
        """
        if not all(request.headers.get(name) for name in STANDARD_HEADERS):   # unsigned: refused, on or off
            raise Unauthorized("The webhook-id, webhook-timestamp and webhook-signature headers are required: "
                               "deliveries must be signed (Standard Webhooks).")
        secret = ecoute().settings.inbound_secret
        if not secret:
            raise InboundOff("Generic inbound webhooks are off on this deployment (ECOUTE_INBOUND_SECRET is not set).")
        try:
            check_standard_signature(standard_webhook(secret), request.get_data(cache=True), dict(request.headers))
        except BadSignature as exc:
            log.warning("inbound generic delivery refused: bad or missing signature")
            raise Unauthorized(str(exc)) from None
        payload = _json_body()
        is_batch = isinstance(payload, dict) and "comments" in payload
        try:
            comments = (BatchRequestSchema().load(payload)["comments"] if is_batch
                        else [CommentSchema().load(payload)])
        except ValidationError as exc:
            raise InvalidPayload("The delivery does not match the schema; see 'errors' per field.",
                                 exc.messages) from None
        message_id = request.headers.get("webhook-id", "")
        claim = idempotency.current_store().begin(
            GENERIC_SCOPE, message_id, idempotency.fingerprint("POST /v1/inbound/generic", payload))
        if isinstance(claim, idempotency.Replay):
            body = dict(claim.body or {})
            body["analyses"] = [{**item, "duplicate": True} for item in body.get("analyses", [])]
            return body, claim.status, claim.headers
        queues = ecoute().queues
        try:
            check_brands(comments)
            if is_batch:
                batch_id, _, jobs = queues.enqueue_batch(comments)
                location = url_for("batches.BatchById", batch_id=batch_id)
            else:
                batch_id, jobs = None, [queues.enqueue_analysis(comments[0])]
                location = url_for("analyses.AnalysisById", analysis_id=jobs[0].id)
        except BaseException:
            claim.release()
            raise
        body = {"batch_id": batch_id,
                "analyses": [{"id": job.id, "external_id": comment.get("external_id"), "duplicate": False}
                             for job, comment in zip(jobs, comments)],
                "ignored": 0}
        if not is_batch:   # erasing the analysis erases the record of the message that brought it
            claim.created([jobs[0].id], location=location, owns=True)
        claim.finish(202, [job.id for job in jobs], location=location, body=body)
        return body, 202, {"Location": location}


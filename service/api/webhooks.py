"""/v1/webhooks: subscriptions to signed webhook events, their deliveries and redelivery."""
from __future__ import annotations

import re
from typing import Any

from flask import url_for
from flask.views import MethodView

from service import idempotency, tenants
from service.api.common import ID_PATTERN, Blueprint, document_errors
from service.errors import NotFound
from service.extensions import ecoute
from service.schemas import (DeliveryListSchema, DeliveryQuerySchema, DeliverySchema, ProblemSchema,
                             WebhookCreateSchema, WebhookCreatedSchema, WebhookListSchema, WebhookSchema)
from service.webhooks import WebhookStore

blp = Blueprint("webhooks", __name__, url_prefix="/v1/webhooks",
                description="Signed webhooks (Standard Webhooks): analysis.succeeded, analysis.failed and "
                            "batch.completed pushed to your URL, retried for hours, with a delivery log.")

DELIVERY_ID = re.compile(r"^msg_[0-9a-f]{32}$")
EXAMPLE = {"url": "https://crm.example/hooks/ecoute", "events": ["analysis.succeeded", "analysis.failed"],
           "description": "CRM production"}


def store() -> WebhookStore:
    ext = ecoute()
    return WebhookStore(ext.redis, ext.settings.queue_name, tenants.scope())


def _existing(webhook_id: str) -> dict[str, Any]:
    found = store().get(webhook_id) if ID_PATTERN.fullmatch(webhook_id) else None
    if found is None:
        raise NotFound(f"No webhook subscription with id {webhook_id!r}.")
    return found


@blp.route("")
class Webhooks(MethodView):
    @blp.arguments(WebhookCreateSchema, example=EXAMPLE)
    @blp.response(201, WebhookCreatedSchema, description="Created; the answer carries the signing secret, "
                                                        "shown this once.")
    @document_errors(blp, 400, 401, 413, 415, 422, 503)
    @idempotency.documented(blp)
    def post(self, subscription: dict[str, Any]) -> Any:
        """Subscribe a URL to webhook events

        Each event is POSTed as `{"type", "timestamp", "data"}` (data: the same JSON as GET /v1/analyses/{id},
        or a batch summary) with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
        `webhook-signature` (`v1,` + HMAC-SHA256 with the secret returned here, once). A 2xx answer ends the
        delivery; others are retried after about 5 s, 30 s, 2 min, 10 min, 1 h and 6 h (jittered; slower on
        429/502/504 or Retry-After), then the delivery is dead-lettered. A 410 answer disables the subscription.
        """
        claim = idempotency.begin_request("POST /v1/webhooks")
        if isinstance(claim, idempotency.Replay):   # the first answer again, secret included: the caller
            return claim.body, claim.status, claim.headers   # retried because it never got it
        try:
            created = store().create(subscription["url"], subscription["events"], subscription.get("description"))
        except BaseException:
            if claim is not None:
                claim.release()
            raise
        location = url_for("webhooks.WebhookById", webhook_id=created["id"])
        if claim is not None:
            claim.finish(201, [created["id"]], location=location, body=WebhookCreatedSchema().dump(created))
        return created, 201, {"Location": location}

    @blp.response(200, WebhookListSchema)
    @document_errors(blp, 401, 503)
    def get(self) -> dict[str, Any]:
        """List the webhook subscriptions (without their secrets)"""
        return {"webhooks": store().list()}


@blp.route("/<string:webhook_id>")
class WebhookById(MethodView):
    @blp.response(200, WebhookSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, webhook_id: str) -> dict[str, Any]:
        """Read a webhook subscription (without its secret)"""
        return _existing(webhook_id)

    @blp.response(204, description="Deleted: nothing more is sent; pending deliveries are dropped.")
    @document_errors(blp, 401, 404, 503)
    def delete(self, webhook_id: str) -> None:
        """Delete a webhook subscription and its delivery log"""
        if not (ID_PATTERN.fullmatch(webhook_id) and store().delete(webhook_id)):
            raise NotFound(f"No webhook subscription with id {webhook_id!r}.")


@blp.route("/<string:webhook_id>/deliveries")
class Deliveries(MethodView):
    @blp.arguments(DeliveryQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, DeliveryListSchema)
    @document_errors(blp, 401, 404, 422, 503)
    def get(self, webhook_id: str, limit: int = 50) -> dict[str, Any]:
        """List a subscription's deliveries, newest first

        Each has its status (`pending`, `succeeded`, `dead_letter`), attempts, last response code or error and,
        while pending, when the next attempt is due. Deliveries are kept 30 days.
        """
        _existing(webhook_id)
        return {"deliveries": store().deliveries(webhook_id, limit)}


@blp.route("/<string:webhook_id>/deliveries/<string:delivery_id>/redeliver")
class Redeliver(MethodView):
    @blp.response(202, DeliverySchema, description="Queued again: same webhook-id and body, fresh retry schedule.")
    @document_errors(blp, 401, 404, 503)
    @blp.alt_response(409, schema=ProblemSchema, content_type="application/problem+json",
                      description="The delivery is still pending, or the subscription is disabled.")
    def post(self, webhook_id: str, delivery_id: str) -> dict[str, Any]:
        """Send a delivery again (after a dead letter, or to replay one)

        No request body is needed. 409 while the delivery is still pending or when the subscription is disabled.
        """
        _existing(webhook_id)
        found = store().redeliver(webhook_id, delivery_id) if DELIVERY_ID.fullmatch(delivery_id) else None
        if found is None:
            raise NotFound(f"No delivery {delivery_id!r} for webhook subscription {webhook_id!r}.")
        return found

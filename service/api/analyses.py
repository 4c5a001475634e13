"""/v1/analyses: submit one comment, read its analysis back."""
from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from service import idempotency, tenants, webhooks
from service.api.brands import check_brands
from service.api.common import Blueprint, ID_PATTERN, document_errors, queue_cap_documented
from service.errors import NotFound, ServiceError
from service.extensions import ecoute
from service.schemas import AnalysisSchema, CommentSchema, DeliveryListSchema, ProblemSchema, WaitQuerySchema

blp = Blueprint("analyses", __name__, url_prefix="/v1/analyses",
                description="Analyse one comment: classification, playbook steps and reply drafts.")

ERASE_WAIT = 5.0   # seconds a DELETE waits for a running analysis to end before answering 409

EXAMPLE = {"text": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "channel": "twitter",
           "author": {"name": "Marie"}, "brand": {"name": "Colibri"}, "external_id": "tw-1862"}


def location(analysis_id: str) -> str:
    """The URL path of GET /v1/analyses/{id} (what url_for builds, without its cost on every POST)."""
    return f"{request._get_current_object().script_root}{blp.url_prefix}/{analysis_id}"


def load_analysis(analysis_id: str) -> dict[str, Any]:
    ext = ecoute()
    job = ext.queues.fetch(analysis_id, tenants.scope()) if ID_PATTERN.match(analysis_id) else None
    if job is None:
        raise NotFound(f"No analysis with id {analysis_id!r} (unknown, or expired after the retention period).")
    return ext.queues.describe(job, refresh=False)   # read just now


@blp.route("")
class Analyses(MethodView):
    @blp.arguments(CommentSchema(), example=EXAMPLE)   # an instance: not rebuilt per request
    @blp.arguments(WaitQuerySchema(), location="query", as_kwargs=True)
    @blp.response(202, AnalysisSchema, description="Accepted and queued: poll the Location URL.")
    @blp.alt_response(200, schema=AnalysisSchema, description="Finished within `wait` seconds.")
    @document_errors(blp, 400, 401, 413, 415, 422, 503)
    @idempotency.documented(blp)
    @queue_cap_documented(blp)
    def post(self, comment: dict[str, Any], wait: float = 0.0) -> Any:
        """Queue the analysis of one comment

        Answers 202 with the analysis id and a Location header. With `?wait=SECONDS` (max 30) it waits
        for the worker and answers 200 with the finished analysis when it is ready in time, else 202.
        A failing analysis is retried twice (after 5 s, then 30 s) before it is reported as failed.
        Send an `Idempotency-Key` to make retries safe: a retry gets the first answer, nothing is queued twice.
        """
        ext = ecoute()
        claim = idempotency.begin_request("POST /v1/analyses")
        if isinstance(claim, idempotency.Replay):
            return load_analysis(claim.ids[0]), claim.status, claim.headers
        if claim is None and wait > 0:   # no record to write in between: the enqueue and the first read together
            check_brands([comment])
            job, latest = ext.queues.enqueue_and_wait(comment, wait)
            body = ext.queues.describe(job, latest)
            return body, 200 if body["status"] in ("succeeded", "failed") else 202, {"Location": location(job.id)}
        try:
            check_brands([comment])
            job = ext.queues.enqueue_analysis(comment)
        except BaseException:
            if claim is not None:
                claim.release()
            raise
        headers = {"Location": location(job.id)}
        if claim is not None:
            claim.created([job.id], location=headers["Location"], owns=True)
        if wait > 0:
            body = ext.queues.describe(job, ext.queues.wait(job, wait))
        else:   # it was queued a moment ago: its status is not read back
            body = ext.queues.describe(job, refresh=False)   # 'queued', as enqueued
        status = 200 if body["status"] in ("succeeded", "failed") else 202
        if claim is not None:
            claim.finish(status, [job.id], location=headers["Location"])
        return body, status, headers


@blp.route("/<string:analysis_id>/deliveries")
class AnalysisDeliveries(MethodView):
    @blp.response(200, DeliveryListSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, analysis_id: str) -> dict[str, Any]:
        """The webhook deliveries of one analysis (to its callback_url and to subscriptions)

        Each with its status (pending, succeeded, dead_letter), attempts, last response code or error,
        and, while pending, when the next attempt is due. A subscription's deliveries can be sent
        again with POST /v1/webhooks/{id}/deliveries/{delivery_id}/redeliver.
        """
        load_analysis(analysis_id)   # 404 for an unknown, expired or another tenant's analysis
        return {"deliveries": webhooks.analysis_deliveries(ecoute().redis, analysis_id)}


@blp.route("/<string:analysis_id>")
class AnalysisById(MethodView):
    @blp.response(200, AnalysisSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, analysis_id: str) -> dict[str, Any]:
        """Read one analysis: its status and, once it succeeded, the result"""
        return load_analysis(analysis_id)

    @blp.response(204, description="Erased: the comment, its result and every trace of it in Redis.")
    @blp.alt_response(409, schema=ProblemSchema, content_type="application/problem+json",
                      description="The analysis is running and did not end in time: retry after `Retry-After` "
                                  "seconds.")
    @document_errors(blp, 401, 404, 503)
    def delete(self, analysis_id: str) -> None:
        """Erase an analysis and its comment (data-protection requests)

        Deletes the job (the comment text), its result, its entries in the queue and RQ's registries and the
        Idempotency-Key record that created it, and the outbound webhook deliveries made for it (their payloads
        copy the analysis). A batch that listed it keeps the id and shows the item with
        status `failed` and error type `deleted`. A running analysis is first given a few seconds to end.
        Unknown, expired or already erased ids are 404.
        """
        ext = ecoute()
        if not ID_PATTERN.match(analysis_id):
            raise NotFound(f"No analysis with id {analysis_id!r}.")
        outcome = ext.queues.erase(analysis_id, wait=ERASE_WAIT, tenant=tenants.scope())
        if outcome == "running":
            raise StillRunning("The analysis is running right now: retry in a few seconds to erase it.",
                               headers={"Retry-After": "2"})
        if outcome == "missing":
            raise NotFound(f"No analysis with id {analysis_id!r} (unknown, expired or already erased).")
        idempotency.current_store().forget_analysis(analysis_id)
        webhooks.forget_analysis(ext.redis, analysis_id)


class StillRunning(ServiceError):
    """The analysis to erase is being run by a worker."""

    status = 409
    title = "Conflict"

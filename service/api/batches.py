"""/v1/batches: submit up to 500 comments at once, follow them together."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from service import idempotency, tenants
from service.api.brands import check_brands
from service.api.common import Blueprint, ID_PATTERN, document_errors, queue_cap_documented
from service.errors import NotFound
from service.extensions import ecoute
from service.queueing import iso
from service.schemas import BatchAcceptedSchema, BatchRequestSchema, BatchSchema

blp = Blueprint("batches", __name__, url_prefix="/v1/batches",
                description="Analyse many comments in one request (1 to 500).")


@blp.route("")
class Batches(MethodView):
    @blp.arguments(BatchRequestSchema())   # an instance: not rebuilt per request
    @blp.response(202, BatchAcceptedSchema, description="Every comment queued, ids in input order.")
    @document_errors(blp, 400, 401, 413, 415, 422, 503)
    @idempotency.documented(blp)
    @queue_cap_documented(blp)
    def post(self, batch: dict[str, Any]) -> Any:
        """Queue the analysis of 1 to 500 comments

        All jobs are enqueued in one Redis round trip; the answer lists one analysis id per comment, in order.
        A repeated `external_id` within the batch is refused (422). Send an `Idempotency-Key` to make
        retries safe: a retry gets the first answer, nothing is queued twice.
        """
        claim = idempotency.begin_request("POST /v1/batches")
        if isinstance(claim, idempotency.Replay):
            return claim.body, claim.status, claim.headers
        try:
            check_brands(batch["comments"])
            batch_id, created, jobs = ecoute().queues.enqueue_batch(batch["comments"],
                                                                    callback_url=batch.get("callback_url"))
        except BaseException:
            if claim is not None:
                claim.release()
            raise
        body = {"id": batch_id, "status": "queued", "created_at": iso(created),
                "analyses": [{"id": job.id, "external_id": comment.get("external_id")}
                             for job, comment in zip(jobs, batch["comments"])]}
        location = url_for("batches.BatchById", batch_id=batch_id)
        if claim is not None:
            claim.finish(202, [batch_id], location=location, body=body)
        return body, 202, {"Location": location}


@blp.route("/<string:batch_id>")
class BatchById(MethodView):
    @blp.response(200, BatchSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, batch_id: str) -> dict[str, Any]:
        """Read a batch: counts by status and every analysis, in input order"""
        queues = ecoute().queues
        found = queues.fetch_batch(batch_id, tenants.scope()) if ID_PATTERN.match(batch_id) else None
        if found is None:
            raise NotFound(f"No batch with id {batch_id!r} (unknown, or expired after the retention period).")
        record, jobs = found
        erased = queues.erased_ids([i for i, job in zip(record["ids"], jobs) if job is None])
        analyses = []
        for analysis_id, job in zip(record["ids"], jobs):
            if job is None:  # expired or erased: visibly failed, never silently dropped
                error = ({"type": "deleted", "message": "The analysis was erased (DELETE /v1/analyses/{id})."}
                         if analysis_id in erased else
                         {"type": "expired", "message": "The analysis is no longer stored."})
                analyses.append({"id": analysis_id, "status": "failed", "created_at": None, "finished_at": None,
                                 "external_id": None, "metadata": None, "result": None, "error": error})
            else:
                analyses.append(queues.describe(job, refresh=False))   # as read with the batch
        counts = {status: 0 for status in ("queued", "running", "succeeded", "failed")}
        for analysis in analyses:
            counts[analysis["status"]] += 1
        if counts["queued"] + counts["running"] == 0:
            status = "completed"
        else:
            status = "running" if counts["running"] or counts["succeeded"] or counts["failed"] else "queued"
        return {"id": record["id"], "status": status, "created_at": record["created_at"], "counts": counts,
                "analyses": analyses}

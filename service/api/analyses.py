"""/v1/analyses: submit one comment, read its analysis back."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from service.api.brands import check_brands
from service.api.common import Blueprint, ID_PATTERN, document_errors
from service.errors import NotFound
from service.extensions import ecoute
from service.schemas import AnalysisSchema, CommentSchema, WaitQuerySchema

blp = Blueprint("analyses", __name__, url_prefix="/v1/analyses",
                description="Analyse one comment: classification, playbook steps and reply drafts.")

EXAMPLE = {"text": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏", "channel": "twitter",
           "author": {"name": "Marie"}, "brand": {"name": "Colibri"}, "external_id": "tw-1862"}


def load_analysis(analysis_id: str) -> dict[str, Any]:
    ext = ecoute()
    job = ext.queues.fetch(analysis_id) if ID_PATTERN.match(analysis_id) else None
    if job is None:
        raise NotFound(f"No analysis with id {analysis_id!r} (unknown, or expired after the retention period).")
    return ext.queues.describe(job)


@blp.route("")
class Analyses(MethodView):
    @blp.arguments(CommentSchema, example=EXAMPLE)
    @blp.arguments(WaitQuerySchema, location="query", as_kwargs=True)
    @blp.response(202, AnalysisSchema, description="Accepted and queued: poll the Location URL.")
    @blp.alt_response(200, schema=AnalysisSchema, description="Finished within `wait` seconds.")
    @document_errors(blp, 400, 401, 413, 415, 422, 503)
    def post(self, comment: dict[str, Any], wait: float = 0.0) -> Any:
        """Queue the analysis of one comment

        Answers 202 with the analysis id and a Location header. With `?wait=SECONDS` (max 30) it waits
        for the worker and answers 200 with the finished analysis when it is ready in time, else 202.
        A failing analysis is retried twice (after 5 s, then 30 s) before it is reported as failed.
        """
        ext = ecoute()
        check_brands([comment])
        job = ext.queues.enqueue_analysis(comment)
        headers = {"Location": url_for("analyses.AnalysisById", analysis_id=job.id)}
        if wait > 0:
            ext.queues.wait(job, wait)
        body = ext.queues.describe(job)
        if body["status"] in ("succeeded", "failed"):
            return body, 200, headers
        return body, 202, headers


@blp.route("/<string:analysis_id>")
class AnalysisById(MethodView):
    @blp.response(200, AnalysisSchema)
    @document_errors(blp, 401, 404, 503)
    def get(self, analysis_id: str) -> dict[str, Any]:
        """Read one analysis: its status and, once it succeeded, the result"""
        return load_analysis(analysis_id)

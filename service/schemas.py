"""Marshmallow schemas of the public contract: requests, analyses, batches, errors."""
from __future__ import annotations

import json
import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validate, validates

CHANNELS = ("twitter", "facebook", "instagram", "youtube", "tiktok", "linkedin", "review", "other")
STATUSES = ("queued", "running", "succeeded", "failed")
CATEGORIES = ("complaint", "question", "praise", "suggestion", "spam", "other")
TOPICS = ("delivery", "billing", "product_quality", "customer_service", "technical", "pricing",
          "safety", "privacy", "account", "returns_refunds")
STEP_IDS = ("acknowledge", "accept_error", "offer_solution", "ask_details_publicly", "move_to_private",
            "thank_community", "stay_factual", "escalate", "thank")
PRIORITY_LEVELS = ("low", "normal", "high", "urgent")
FLAGS = ("brand_error", "needs_more_info", "community_answered", "suspected_bad_faith", "toxic", "escalate")

MAX_TEXT = 5000
MAX_METADATA_BYTES = 16 * 1024
MAX_BATCH = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NO_CONTROL = validate.Regexp(r"^[^\x00-\x1f\x7f]*$", error="Must not contain control characters.")


class _Strict(Schema):
    class Meta:
        ordered = True


def _strip_text(data: Any, key: str) -> Any:
    if isinstance(data, dict) and isinstance(data.get(key), str):
        data = dict(data)
        data[key] = data[key].strip()
    return data


class AuthorSchema(_Strict):
    name = fields.String(validate=[validate.Length(max=200), _NO_CONTROL], allow_none=True,
                         metadata={"description": "Display name, used to greet the author.", "example": "Marie"})
    handle = fields.String(validate=[validate.Length(max=100), _NO_CONTROL], allow_none=True,
                           metadata={"description": "Handle on the platform, without or with '@'.",
                                     "example": "@marie_l"})


class BrandSchema(_Strict):
    name = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL],
                         metadata={"description": "Brand name used in the reply sign-off.", "example": "Colibri"})


class ThreadMessageSchema(_Strict):
    author = fields.Nested(AuthorSchema, load_default=None, allow_none=True)
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
    is_brand = fields.Boolean(load_default=False, metadata={"description": "Written by the brand itself."})


class CommentSchema(_Strict):
    """A comment left about a brand: the input of one analysis."""

    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT),
                         metadata={"description": "The comment, 1 to 5,000 characters after trimming.",
                                   "example": "Bravo, 3 semaines pour livrer un colis, quel exploit 👏"})
    external_id = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL], allow_none=True,
                                metadata={"description": "The caller's id for the comment, echoed back.",
                                          "example": "fb_10158_22"})
    language = fields.String(validate=validate.Regexp(r"^[a-z]{2}$", error="Must be an ISO 639-1 code like 'fr'."),
                             allow_none=True,
                             metadata={"description": "Optional language hint (ISO 639-1).", "example": "fr"})
    channel = fields.String(validate=validate.OneOf(CHANNELS), load_default="other",
                            metadata={"description": "Where the comment was left; sets reply length limits.",
                                      "example": "twitter"})
    author = fields.Nested(AuthorSchema, allow_none=True)
    brand = fields.Nested(BrandSchema, allow_none=True)
    thread = fields.List(fields.Nested(ThreadMessageSchema), validate=validate.Length(max=50),
                         metadata={"description": "Earlier messages of the conversation, oldest first."})
    metadata = fields.Dict(keys=fields.String(), allow_none=True,
                           metadata={"description": "Any JSON object, echoed back untouched (16 KiB max)."})

    @pre_load
    def _trim(self, data: Any, **_: Any) -> Any:
        data = _strip_text(data, "text")
        if isinstance(data, dict) and isinstance(data.get("language"), str):
            data = dict(data)
            data["language"] = data["language"].strip().lower()
        return data

    @validates("metadata")
    def _metadata_size(self, value: Any, **_: Any) -> None:
        if value is not None and len(json.dumps(value, ensure_ascii=False)) > MAX_METADATA_BYTES:
            raise ValidationError(f"Must serialise to at most {MAX_METADATA_BYTES} bytes of JSON.")

    @post_load
    def _drop_nones(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None}


class BatchRequestSchema(_Strict):
    comments = fields.List(fields.Nested(CommentSchema), required=True,
                           validate=validate.Length(min=1, max=MAX_BATCH),
                           metadata={"description": "1 to 500 comments, analysed independently."})


class WaitQuerySchema(Schema):
    wait = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=30),
                        metadata={"description": "Seconds (max 30) to wait for the result before answering 202."})


# ---- responses -------------------------------------------------------------------------------

class LanguageSchema(Schema):
    code = fields.String(metadata={"description": "ISO 639-1 code, 'und' when unsure.", "example": "fr"})
    confidence = fields.Float(metadata={"example": 0.97})


class SentimentSchema(Schema):
    label = fields.String(metadata={"enum": ["negative", "neutral", "positive"]})
    score = fields.Float(metadata={"description": "-1.0 (very negative) to 1.0 (very positive)."})


class FlagsSchema(Schema):
    brand_error = fields.Boolean(metadata={"description": "The problem is the brand's fault: accept the error."})
    needs_more_info = fields.Boolean(metadata={"description": "The nature of the problem is unclear: ask openly."})
    community_answered = fields.Boolean(metadata={"description": "Another member already gave a working answer."})
    suspected_bad_faith = fields.Boolean(metadata={"description": "Competitor, troll or campaign signals."})
    toxic = fields.Boolean(metadata={"description": "Insults, slurs or threats."})
    escalate = fields.Boolean(metadata={"description": "Safety, health, legal, data leak, discrimination, "
                                                       "violence or viral risk: hand to a person now."})


class PrioritySchema(Schema):
    level = fields.String(metadata={"enum": list(PRIORITY_LEVELS)})
    reasons = fields.List(fields.String())


class CueSchema(Schema):
    text = fields.String(metadata={"description": "The span of the comment, text[start:end]."})
    start = fields.Integer()
    end = fields.Integer()
    signal = fields.String(metadata={"description": "What the span signals, e.g. 'sentiment:negative', "
                                                    "'topic:delivery', 'flag:brand_error', 'sarcasm'."})


class StepSchema(Schema):
    id = fields.String(metadata={"enum": list(STEP_IDS)})
    title = fields.String()
    detail = fields.String()
    why = fields.String()


class ReplySchema(Schema):
    kind = fields.String(metadata={"enum": ["public", "private"]})
    language = fields.String()
    text = fields.String()
    characters = fields.Integer()
    fits_channel = fields.Boolean()
    covers = fields.List(fields.String(), metadata={"description": "Step ids this draft carries out."})


class EngineSchema(Schema):
    version = fields.String()


class ResultSchema(Schema):
    """The analysis result: the contract CRM integrations consume."""

    language = fields.Nested(LanguageSchema)
    sentiment = fields.Nested(SentimentSchema)
    category = fields.String(metadata={"enum": list(CATEGORIES)})
    topics = fields.List(fields.String(), metadata={"description": "Any of: " + ", ".join(TOPICS) + "."})
    flags = fields.Nested(FlagsSchema)
    priority = fields.Nested(PrioritySchema)
    cues = fields.List(fields.Nested(CueSchema))
    steps = fields.List(fields.Nested(StepSchema))
    replies = fields.List(fields.Nested(ReplySchema), metadata={
        "description": "Reply drafts: up to three public wordings, plus a private follow-up when personal data "
                       "is needed. Spam gets none (moderate it instead)."})
    warnings = fields.List(fields.String(), metadata={
        "description": "Things a person should check, e.g. replies written in the fallback language."})
    engine = fields.Nested(EngineSchema)


class ErrorInfoSchema(Schema):
    type = fields.String(metadata={"example": "analysis_failed"})
    message = fields.String()


class AnalysisSchema(Schema):
    id = fields.String(metadata={"example": "6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10"})
    status = fields.String(metadata={"enum": list(STATUSES)})
    created_at = fields.String(allow_none=True, metadata={"description": "ISO 8601, UTC."})
    finished_at = fields.String(allow_none=True)
    external_id = fields.String(allow_none=True)
    metadata = fields.Raw(allow_none=True, metadata={"description": "The caller's metadata, untouched."})
    result = fields.Nested(ResultSchema, allow_none=True)
    error = fields.Nested(ErrorInfoSchema, allow_none=True)


class BatchItemSchema(Schema):
    id = fields.String()
    external_id = fields.String(allow_none=True)


class BatchAcceptedSchema(Schema):
    id = fields.String()
    status = fields.String(metadata={"example": "queued"})
    created_at = fields.String()
    analyses = fields.List(fields.Nested(BatchItemSchema))


class CountsSchema(Schema):
    queued = fields.Integer()
    running = fields.Integer()
    succeeded = fields.Integer()
    failed = fields.Integer()


class BatchSchema(Schema):
    id = fields.String()
    status = fields.String(metadata={"description": "'completed' when every analysis has ended, else 'queued' "
                                                   "or 'running'.", "enum": ["queued", "running", "completed"]})
    created_at = fields.String()
    counts = fields.Nested(CountsSchema)
    analyses = fields.List(fields.Nested(AnalysisSchema))


class HealthSchema(Schema):
    status = fields.String(metadata={"example": "ok"})
    workers = fields.Integer(metadata={"description": "Workers registered for the queue (readyz)."})


class ProblemSchema(Schema):
    """RFC 9457 problem details (application/problem+json)."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    instance = fields.String(allow_none=True)
    errors = fields.Dict(metadata={"description": "Validation messages per field."})

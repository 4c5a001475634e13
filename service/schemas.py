"""Marshmallow schemas of the public contract: requests, analyses, batches, probes, errors.

Request schemas validate (unknown fields are refused: marshmallow's default RAISE, hence 422);
response schemas only document and serialise. The vocabularies below are the public contract
of docs/contract.md and are published as enums in the OpenAPI document.
"""
from __future__ import annotations

import json
import re
from typing import Any

from marshmallow import (EXCLUDE, Schema, ValidationError, fields, missing, post_load, pre_load, validate, validates,
                         validates_schema)

from service.webhooks import MAX_URL

CHANNELS = ("x", "twitter", "facebook", "instagram", "threads", "bluesky", "youtube", "tiktok", "linkedin",
            "review", "other")
STATUSES = ("queued", "running", "succeeded", "failed")
BATCH_STATUSES = ("queued", "running", "completed")
SENTIMENTS = ("negative", "neutral", "positive")
CATEGORIES = ("complaint", "question", "praise", "suggestion", "spam", "other")
TOPICS = ("delivery", "billing", "product_quality", "customer_service", "technical", "pricing",
          "safety", "privacy", "account", "returns_refunds", "store")
STEP_IDS = ("acknowledge", "accept_error", "offer_solution", "ask_details_publicly", "move_to_private",
            "thank_community", "stay_factual", "escalate", "thank")
PRIORITY_LEVELS = ("low", "normal", "high", "urgent")
#: The codes of priority reasons (worker/analysis/priority.py REASONS; the API never imports the engine, and
#: tests/test_contract.py checks that both lists agree).
REASON_CODES = ("safety", "health", "legal", "data_leak", "discrimination", "violence", "viral", "praise", "spam",
                "nothing_to_fix", "brand_error", "toxic", "lasting_failure", "repeated_failure", "money",
                "strong_anger", "bad_faith", "needs_more_info", "complaint", "question")
REPLY_KINDS = ("public", "private")
FLAGS = ("brand_error", "needs_more_info", "community_answered", "suspected_bad_faith", "toxic", "escalate")


class FullMatch(validate.Regexp):
    """marshmallow's Regexp, but the whole value must match: in Python `$` also matches before a final
    newline, so "abc\n" passed `^[a-z]+$`. The pattern itself is kept (it is published in the spec,
    where JSON Schema's `$` already means the end)."""

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


MAX_TEXT = 5000
MAX_METADATA_BYTES = 16 * 1024
MAX_BATCH = 500
MAX_THREAD = 50
MAX_WAIT = 30
_NO_CONTROL = FullMatch(r"^[^\x00-\x1f\x7f]*$", error="Must not contain control characters.")
# Comment text may span lines and carry tabs, but no other control character (NUL included).
#: The same rule as a JSON Schema pattern, so that the spec says it: a visible character somewhere, and no
#: control character but tab and line breaks.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_TEXT_CHARS = FullMatch(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
                              error="Must not contain control characters other than tab and line breaks.")
_UUID_EXAMPLE = "6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10"
_TIME_EXAMPLE = "2026-11-24T09:12:23Z"


class StrictBoolean(fields.Boolean):
    """A JSON true/false only: 0, 1, "yes" or "true" are refused (marshmallow would coerce them)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def _doc(description: str, example: Any = None, **extra: Any) -> dict[str, Any]:
    """OpenAPI metadata of a field: a description, and an example when one helps."""
    meta: dict[str, Any] = {"description": description, **extra}
    if example is not None:
        meta["example"] = example
    return meta


def _strip(data: Any, key: str) -> Any:
    """Trim a string field before validation, so that whitespace-only text is refused as empty."""
    if isinstance(data, dict) and isinstance(data.get(key), str):
        data = dict(data)
        data[key] = data[key].strip()
    return data


class _Ordered(Schema):
    class Meta:
        ordered = True


# ---- requests --------------------------------------------------------------------------------

class AuthorSchema(_Ordered):
    """Who wrote a message."""

    name = fields.String(validate=[validate.Length(max=200), _NO_CONTROL], allow_none=True,
                         metadata=_doc("Display name, used to greet the author.", "Marie"))
    handle = fields.String(validate=[validate.Length(max=100), _NO_CONTROL], allow_none=True,
                           metadata=_doc("Handle on the platform, with or without '@'.", "@marie_l"))


BRAND_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


class BrandSchema(_Ordered):
    """The brand the comment is about, which answers it: a stored profile's id, or an inline name."""

    id = fields.String(validate=FullMatch(BRAND_ID_PATTERN, error="Must be a brand id (letters, digits, "
                                                                      "'_', '.', '-'; 64 at most)."),
                       allow_none=True,
                       metadata=_doc("Id of a profile stored with PUT /v1/brands/{brand_id}; an unknown id is "
                                     "refused with 422.", "colibri-fr"))
    name = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL], allow_none=True,
                         metadata=_doc("Brand name, used in the reply sign-off.", "Colibri"))


#: Shapes of a private channel's value (the engine checks them again before printing one in a draft).
PRIVATE_CHANNEL_VALUES = {
    "email": (r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$",
              "an e-mail address like support@colibri.example"),
    "phone": (r"^\+?[0-9][0-9 .()-]{4,22}[0-9]$", "a phone number like +33 1 23 45 67 89"),
    "web_form": (r"^https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/?#=&+-]*)?$",
                 "an https URL like https://colibri.example/contact"),
}


#: The shape of `privacy_policy_url` (the engine checks it again before printing it in a draft).
PRIVACY_URL_PATTERN = PRIVATE_CHANNEL_VALUES["web_form"][0]


class PrivateChannelSchema(_Ordered):
    """Where a conversation moves when personal data is needed: the public drafts name it, and the
    private follow-up draft is written for it (none for a phone line: the call takes over)."""

    kind = fields.String(required=True, validate=validate.OneOf(("dm", "email", "phone", "web_form")),
                         metadata=_doc("dm (direct message on the same platform, the default), email, phone or "
                                       "web_form.", "email"))
    value = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL], allow_none=True,
                          metadata=_doc("The e-mail address, phone number or https URL of the form; required "
                                        "except for dm.", "support@colibri.example"))

    @validates_schema
    def _value_fits_kind(self, data: dict[str, Any], **_: Any) -> None:
        shape = PRIVATE_CHANNEL_VALUES.get(data.get("kind", ""))
        if shape is None:
            return
        value = data.get("value")
        if not value or not re.match(shape[0], value.strip()):
            raise ValidationError(f"Must be {shape[1]}.", field_name="value")


def _offers(topic: str) -> fields.List:
    return fields.List(fields.String(validate=[validate.Length(min=1, max=160), _NO_CONTROL]),
                       validate=validate.Length(min=1, max=5),
                       metadata=_doc(f"What the brand can offer for {topic.replace('_', ' ')} problems (1 to 5)."))


SolutionsSchema = type("SolutionsSchema", (_Ordered,), {
    "__doc__": "The brand's solution catalogue: per topic, 1 to 5 offers.",
    **{topic: _offers(topic) for topic in TOPICS},
})


class BrandProfileSchema(_Ordered):
    """A brand's voice and what it can offer, used by every draft of its comments."""

    name = fields.String(required=True, validate=[validate.Length(min=1, max=200), _NO_CONTROL],
                         metadata=_doc("Brand name.", "Colibri"))
    default_language = fields.String(load_default="fr", validate=validate.OneOf(("fr", "en")),
                                     metadata=_doc("Reply language for comments in other languages.", "fr"))
    address_form = fields.String(load_default="vous", validate=validate.OneOf(("vous", "tu")),
                                 metadata=_doc("French form of address of the drafts: 'vous' (default) or 'tu'.",
                                               "vous"))
    tone = fields.String(load_default="warm", validate=validate.OneOf(("warm", "neutral", "formal")),
                         metadata=_doc("Tone of the drafts: 'warm' (default, friendly, exclamation marks "
                                       "allowed), 'neutral' (plain, no exclamation marks) or 'formal' ('Nous "
                                       "vous remercions…', no exclamation marks, no English contractions; with "
                                       "'tu' it only drops the exclamation marks).", "warm"))
    emoji = fields.String(load_default="none", validate=validate.OneOf(("none", "light")),
                          metadata=_doc("'light' adds one emoji to drafts for praise, questions, suggestions "
                                        "and community thanks, never to complaints or sensitive cases; "
                                        "'none' (default) adds none.", "none"))
    nonbreaking_spaces = StrictBoolean(load_default=False,
                                       metadata=_doc("French typography: a narrow no-break space before "
                                                     "? ! ; and a no-break space before : in French drafts.",
                                                     False))
    signature = fields.String(validate=[validate.Length(min=1, max=120), _NO_CONTROL], allow_none=True,
                              metadata=_doc("Sign-off of public drafts, replacing '— The <name> team'.",
                                            "— Julie, service client"))
    private_channel = fields.Nested(PrivateChannelSchema, allow_none=True,
                                    metadata=_doc("Where personal data goes."))
    privacy_policy_url = fields.String(
        validate=[validate.Length(max=200), validate.Regexp(PRIVACY_URL_PATTERN, error="Must be an https URL like "
                                                                                     "https://colibri.example/privacy.")],
        allow_none=True,
        metadata={**_doc("The brand's privacy policy: the drafts that answer a question about its data practices "
                         "(\"Do you sell my data?\") give this address; without it they name the policy only.",
                         "https://colibri.example/privacy"), "pattern": PRIVACY_URL_PATTERN})
    solutions = fields.Nested("SolutionsSchema", load_default=dict,
                              metadata=_doc("Per topic, what the brand can offer; the drafts propose it.",
                                            {"delivery": ["un renvoi express offert"]}))


class ThreadMessageSchema(_Ordered):
    """An earlier message of the conversation the comment answers."""

    author = fields.Nested(AuthorSchema, allow_none=True, metadata=_doc("Who wrote this message."))
    text = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_TEXT), _TEXT_CHARS],
                         metadata={**_doc("The message, 1 to 5,000 characters after trimming.",
                                          "Il faut passer par le formulaire de retour, ça marche très bien."),
                                   "pattern": TEXT_PATTERN})
    is_brand = StrictBoolean(load_default=False,
                              metadata=_doc("True when the brand itself wrote this message.", False))

    @pre_load
    def _trim(self, data: Any, **_: Any) -> Any:
        return _strip(data, "text")


#: The shape of `url` and `callback_url` in the OpenAPI document: https (the scheme in any case) and a
#: host. The server checks more (no credentials or fragment, public addresses: service/webhooks.py); a
#: deployment with ECOUTE_WEBHOOK_ALLOWED_NETWORKS publishes HTTP_URL_PATTERN instead, since http is
#: accepted there for addresses inside those networks (service/api/docs.py).
HTTPS_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]://[^\s/?#]+"
HTTP_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+"
_URL_RULE = ("Only https: `http://` is refused, except for addresses inside the deployment's "
             "ECOUTE_WEBHOOK_ALLOWED_NETWORKS (e.g. a loopback receiver in development).")


def _url_doc(description: str) -> dict[str, Any]:
    return {**_doc(f"{description} {_URL_RULE}", "https://crm.example/hooks/ecoute"),
            "pattern": HTTPS_URL_PATTERN, "maxLength": MAX_URL}


def _callback_url(value: str | None) -> None:
    from service.webhooks import callback_url_problem

    problem = callback_url_problem(value) if value is not None else None
    if problem:
        raise ValidationError(problem)


_CALLBACK_DOC = _url_doc(
    "An https URL that receives the signed `analysis.succeeded` or `analysis.failed` webhook (Standard "
    "Webhooks, signed with the deployment's ECOUTE_WEBHOOK_SECRET) once the analysis has ended. Refused with "
    "422 when the deployment has no ECOUTE_WEBHOOK_SECRET. Public addresses only, checked at delivery time.")


class CommentSchema(_Ordered):
    """A comment left about a brand: the input of one analysis."""

    text = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_TEXT), _TEXT_CHARS],
                         metadata={**_doc("The comment, 1 to 5,000 characters after trimming.",
                                          "Bravo, 3 semaines pour livrer un colis, quel exploit 👏"),
                                   "pattern": TEXT_PATTERN})
    external_id = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL], allow_none=True,
                                metadata=_doc("The caller's id for the comment, echoed back.", "tw-1862"))
    language = fields.String(validate=FullMatch(r"^[a-z]{2}$", error="Must be an ISO 639-1 code like 'fr'."),
                             allow_none=True,
                             metadata=_doc("Optional language hint, ISO 639-1 (two letters).", "fr"))
    channel = fields.String(validate=validate.OneOf(CHANNELS), load_default="other",
                            metadata=_doc("Where the comment was left; sets the reply length limit "
                                          "(x or twitter: 280 characters; tiktok: 150).", "x"))
    author = fields.Nested(AuthorSchema, allow_none=True, metadata=_doc("Who wrote the comment."))
    brand = fields.Nested(BrandSchema, allow_none=True, metadata=_doc("The brand that answers."))
    thread = fields.List(fields.Nested(ThreadMessageSchema), validate=validate.Length(max=MAX_THREAD),
                         allow_none=True,
                         metadata=_doc("Earlier messages of the conversation, oldest first (at most 50)."))
    metadata = fields.Dict(keys=fields.String(), allow_none=True,
                           metadata=_doc("Any JSON object, stored and echoed back untouched "
                                         "(at most 16 KiB once serialised).", {"crm_ticket": 4211}))
    callback_url = fields.String(allow_none=True, validate=_callback_url, metadata=_CALLBACK_DOC)

    @pre_load
    def _normalise(self, data: Any, **_: Any) -> Any:
        data = _strip(data, "text")
        if isinstance(data, dict) and isinstance(data.get("language"), str):
            data = dict(data)
            data["language"] = data["language"].strip().lower()
        return data

    @validates("metadata")
    def _metadata_size(self, value: Any, **_: Any) -> None:
        if value is not None and len(json.dumps(value, ensure_ascii=False).encode("utf-8")) > MAX_METADATA_BYTES:
            raise ValidationError(f"Must serialise to at most {MAX_METADATA_BYTES} bytes of JSON.")

    @post_load
    def _drop_nones(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Absent and null mean the same to the engine: pass only what was given."""
        return {key: value for key, value in data.items() if value is not None}

    def load(self, data: Any, *, many: bool | None = None, partial: Any = None, unknown: str | None = None) -> Any:
        """Schema.load, answering the usual comment (text, channel, author, brand, external_id, language, all
        valid) without marshmallow's machinery: about 35 us of the API's CPU a comment (a POST, and each comment
        of a batch). Anything else (other fields, a value to refuse, other load options) goes through marshmallow,
        so that errors and the rarer fields are its own; the answer is the same dict, keys in the same order
        (tests/api/test_schema_fast_paths.py compares both on many comments)."""
        if not many and not partial and unknown is None and not self.many and not self.partial:
            fast = _usual_comment(data)
            if fast is not None:
                return fast
        return super().load(data, many=many, partial=partial, unknown=unknown)


_USUAL_COMMENT_KEYS = frozenset(("text", "external_id", "language", "channel", "author", "brand"))
_CHANNELS = frozenset(CHANNELS)
_LANGUAGE = re.compile(r"[a-z]{2}")
_BRAND_ID = re.compile(BRAND_ID_PATTERN)


def _plain(value: Any, shortest: int, longest: int) -> bool:
    """A str that Length(shortest, longest) and _NO_CONTROL accept."""
    return (type(value) is str and shortest <= len(value) <= longest
            and _NO_CONTROL.regex.fullmatch(value) is not None)


def _usual_comment(data: Any) -> dict[str, Any] | None:
    """CommentSchema's answer for a comment of the usual fields, all valid (CommentSchema.load); None for
    anything else (marshmallow decides)."""
    if type(data) is not dict or not data.keys() <= _USUAL_COMMENT_KEYS:
        return None
    text = data.get("text")
    if type(text) is not str:
        return None
    text = text.strip()
    if not 1 <= len(text) <= MAX_TEXT or _TEXT_CHARS.regex.fullmatch(text) is None:
        return None
    comment: dict[str, Any] = {"text": text}
    external_id = data.get("external_id")
    if external_id is not None:
        if not _plain(external_id, 1, 200):
            return None
        comment["external_id"] = external_id
    language = data.get("language")
    if language is not None:
        if type(language) is not str:
            return None
        language = language.strip().lower()
        if _LANGUAGE.fullmatch(language) is None:
            return None
        comment["language"] = language
    channel = data.get("channel", "other")
    if type(channel) is not str or channel not in _CHANNELS:
        return None
    comment["channel"] = channel
    author = data.get("author")
    if author is not None:
        if type(author) is not dict or not author.keys() <= {"name", "handle"}:
            return None
        fields_: dict[str, Any] = {}
        for key, longest in (("name", 200), ("handle", 100)):
            if key in author:
                value = author[key]
                if value is not None and not _plain(value, 0, longest):
                    return None
                fields_[key] = value
        comment["author"] = fields_
    brand = data.get("brand")
    if brand is not None:
        if type(brand) is not dict or not brand.keys() <= {"id", "name"}:
            return None
        fields_ = {}
        if "id" in brand:
            value = brand["id"]
            if value is not None and (type(value) is not str or _BRAND_ID.fullmatch(value) is None):
                return None
            fields_["id"] = value
        if "name" in brand:
            value = brand["name"]
            if value is not None and not _plain(value, 1, 200):
                return None
            fields_["name"] = value
        comment["brand"] = fields_
    return comment


class BatchRequestSchema(_Ordered):
    """Several comments submitted together."""

    comments = fields.List(fields.Nested(CommentSchema), required=True,
                           validate=validate.Length(min=1, max=MAX_BATCH),
                           metadata=_doc("1 to 500 comments, each analysed on its own. Their `external_id`s, "
                                         "when given, must differ: a repeated one is refused with 422. An "
                                         "external_id sent again within 24 h with the same comment gets the "
                                         "analysis made the first time; with another comment: 422."))
    callback_url = fields.String(allow_none=True, validate=_callback_url, metadata=_url_doc(
        "An https URL that receives the signed `batch.completed` webhook once every analysis of the batch "
        "has ended (each comment's own `callback_url` receives its analysis' event). Same rules as a "
        "comment's `callback_url`."))

    @validates_schema
    def _unique_external_ids(self, data: dict[str, Any], **_: Any) -> None:
        """A repeated external_id is refused, not collapsed: answers keep one id per input comment, in order."""
        first: dict[str, int] = {}
        errors: dict[int, dict[str, list[str]]] = {}
        for index, comment in enumerate(data.get("comments") or []):
            external_id = comment.get("external_id")
            if external_id is None:
                continue
            if external_id in first:
                errors[index] = {"external_id": [f"Repeats the external_id of comment {first[external_id]}: "
                                                 "each comment of a batch needs its own."]}
            else:
                first[external_id] = index
        if errors:
            raise ValidationError(errors, field_name="comments")


class WaitQuerySchema(Schema):
    """Query string of POST /v1/analyses."""

    wait = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=MAX_WAIT),
                        metadata=_doc("Seconds (0 to 30, fractions allowed) to wait for the result: 200 with "
                                      "the finished analysis when it ends in time (succeeded, or failed after its "
                                      "retries), else 202.", 5))

    def load(self, data: Any, *, many: bool | None = None, partial: Any = None, unknown: str | None = None) -> Any:
        """Schema.load, answering no `wait` or a plain decimal one within range (e.g. `?wait=10`) without
        marshmallow's machinery; anything else goes through marshmallow (its errors, its conversions)."""
        if not many and not partial and unknown == EXCLUDE and not self.many:
            raw = data.get("wait", missing)
            if raw is missing:
                return {"wait": 0.0}
            if type(raw) is str and _PLAIN_SECONDS.fullmatch(raw) is not None:
                seconds = float(raw)
                if 0 <= seconds <= MAX_WAIT:
                    return {"wait": seconds}
        return super().load(data, many=many, partial=partial, unknown=unknown)


_PLAIN_SECONDS = re.compile(r"[0-9]{1,2}(?:\.[0-9]{1,6})?")


# ---- responses -------------------------------------------------------------------------------

class Verbatim(fields.Nested):
    """Documented like a nested schema, but serialised as stored: the engine's result reaches the
    caller exactly as the worker produced it, so no field can be dropped silently on the way."""

    def _serialize(self, nested_obj: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return nested_obj


class LanguageSchema(_Ordered):
    """Detected language of the comment."""

    code = fields.String(metadata=_doc("ISO 639-1 code, 'und' when unsure.", "fr"))
    confidence = fields.Float(metadata=_doc("0.0 to 1.0.", 0.97))


class SentimentSchema(_Ordered):
    """Overall tone of the comment."""

    label = fields.String(validate=validate.OneOf(SENTIMENTS), metadata=_doc("Sentiment class.", "negative"))
    score = fields.Float(metadata=_doc("-1.0 (very negative) to 1.0 (very positive).", -0.72))


class FlagsSchema(_Ordered):
    """Situations of the playbook, each true or false."""

    brand_error = fields.Boolean(metadata=_doc("The problem is the brand's fault: accept the error.", True))
    needs_more_info = fields.Boolean(metadata=_doc("The nature of the problem is unclear: ask openly.", False))
    community_answered = fields.Boolean(metadata=_doc("Another member already gave a working answer.", False))
    suspected_bad_faith = fields.Boolean(metadata=_doc("Competitor, troll or campaign signals.", False))
    toxic = fields.Boolean(metadata=_doc("Insults, slurs or threats.", False))
    escalate = fields.Boolean(metadata=_doc("Safety, health, legal, data leak, discrimination, violence or "
                                            "viral risk: hand it to a person now.", False))


class PrioritySchema(_Ordered):
    """How soon a person should answer, and why."""

    level = fields.String(validate=validate.OneOf(PRIORITY_LEVELS), metadata=_doc("Priority level.", "high"))
    reasons = fields.List(fields.String(), metadata=_doc(
        "Why this level, for the person who answers, most important first, in the language of the steps and "
        "drafts (fr, en).", ["The brand is at fault: acknowledge and fix it.", "Strong anger: answer first."]))
    codes = fields.List(fields.String(validate=validate.OneOf(REASON_CODES)), metadata=_doc(
        "The same reasons as stable codes, in the same order, for routing rules (e.g. `legal` to the legal team).",
        ["brand_error", "strong_anger"]))


class CueSchema(_Ordered):
    """A span of the comment that led to a label."""

    text = fields.String(metadata=_doc("The span, equal to comment.text[start:end].", "3 semaines"))
    start = fields.Integer(metadata=_doc("Start offset in the comment text (characters).", 7))
    end = fields.Integer(metadata=_doc("End offset, exclusive.", 17))
    signal = fields.String(metadata=_doc("What the span signals, e.g. 'sentiment:negative', 'topic:delivery', "
                                         "'flag:brand_error', 'sarcasm'.", "sarcasm"))


class StepSchema(_Ordered):
    """One recommended step of the playbook, in order."""

    id = fields.String(validate=validate.OneOf(STEP_IDS), metadata=_doc("Stable step id.", "acknowledge"))
    title = fields.String(metadata=_doc("Localised title.", "Reconnaître le problème"))
    detail = fields.String(metadata=_doc("Localised explanation of what to do."))
    why = fields.String(metadata=_doc("Why this step applies to this comment."))


class ReplySchema(_Ordered):
    """A reply draft for a person to review and send."""

    kind = fields.String(validate=validate.OneOf(REPLY_KINDS),
                         metadata=_doc("Public answer under the comment, or private message.", "public"))
    language = fields.String(metadata=_doc("ISO 639-1 code of the draft.", "fr"))
    text = fields.String(metadata=_doc("The draft.", "Bonjour Marie, nous sommes désolés pour ce retard…"))
    characters = fields.Integer(metadata=_doc("Length of the draft in characters.", 212))
    fits_channel = fields.Boolean(metadata=_doc("Within the channel's length limit.", True))
    covers = fields.List(fields.String(validate=validate.OneOf(STEP_IDS)),
                         metadata=_doc("Step ids this draft carries out.", ["acknowledge", "accept_error"]))


class EngineSchema(_Ordered):
    """The analysis engine that produced the result."""

    version = fields.String(metadata=_doc("Engine version.", "1.0.0"))


class ResultSchema(_Ordered):
    """The analysis result: the contract CRM integrations consume (docs/contract.md)."""

    language = fields.Nested(LanguageSchema, metadata=_doc("Detected language."))
    sentiment = fields.Nested(SentimentSchema, metadata=_doc("Overall tone."))
    category = fields.String(validate=validate.OneOf(CATEGORIES), metadata=_doc("Kind of comment.", "complaint"))
    topics = fields.List(fields.String(validate=validate.OneOf(TOPICS)),
                         metadata=_doc("What the comment is about, any of the listed topics.", ["delivery"]))
    flags = fields.Nested(FlagsSchema, metadata=_doc("Playbook situations."))
    priority = fields.Nested(PrioritySchema, metadata=_doc("Priority and its reasons."))
    cues = fields.List(fields.Nested(CueSchema), metadata=_doc("Spans of the comment behind the labels."))
    steps = fields.List(fields.Nested(StepSchema), metadata=_doc("Recommended steps, in order."))
    replies = fields.List(fields.Nested(ReplySchema), metadata=_doc(
        "Reply drafts in the comment's language: public wordings, plus a private follow-up when personal "
        "data is needed. Spam gets none (moderate it instead)."))
    warnings = fields.List(fields.String(), metadata=_doc(
        "Things a person should check, e.g. replies written in the fallback language.", []))
    decided_by = fields.Dict(keys=fields.String(), values=fields.String(), metadata=_doc(
        "Per target, who decided: 'model' when a model from `ecoute train` (ECOUTE_MODEL_PATH) changed "
        "the rules' label, 'rules' otherwise (the model agreed, or there is none for that target).", {"sentiment": "rules", "category": "rules"}))
    engine = fields.Nested(EngineSchema, metadata=_doc("Engine that produced the result."))


class ErrorInfoSchema(_Ordered):
    """Why an analysis failed."""

    type = fields.String(validate=validate.OneOf(("analysis_failed", "expired", "deleted")),
                         metadata=_doc("'analysis_failed' (the worker gave up), 'expired' (no longer stored) or "
                                       "'deleted' (erased with DELETE /v1/analyses/{id}).", "analysis_failed"))
    message = fields.String(metadata=_doc("One line: exception class and message, never a traceback.",
                                          "JobTimeoutException: Task exceeded maximum timeout value (30 seconds)"))


class AnalysisSchema(_Ordered):
    """One analysis: its status and, once finished, its result or error."""

    id = fields.String(metadata=_doc("Analysis id (UUID).", _UUID_EXAMPLE))
    status = fields.String(validate=validate.OneOf(STATUSES), metadata=_doc("Where the analysis stands.", "queued"))
    created_at = fields.String(allow_none=True, metadata=_doc("When it was accepted, ISO 8601 UTC.", _TIME_EXAMPLE))
    finished_at = fields.String(allow_none=True, metadata=_doc("When it ended, ISO 8601 UTC; null before."))
    external_id = fields.String(allow_none=True, metadata=_doc("The caller's id, as submitted.", "tw-1862"))
    metadata = fields.Raw(allow_none=True, metadata=_doc("The caller's metadata, untouched.", {"crm_ticket": 4211}))
    result = Verbatim(ResultSchema, allow_none=True, metadata=_doc("The result when status is 'succeeded'."))
    error = fields.Nested(ErrorInfoSchema, allow_none=True, metadata=_doc("The reason when status is 'failed'."))

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        """Schema.dump, writing a view of service.queueing.describe() (every field there, strings where
        strings are due) without marshmallow's machinery; anything else goes through marshmallow. The same
        dict, keys in the same order (tests/api/test_schema_fast_paths.py compares both)."""
        if not many and not self.many and type(obj) is dict and obj.keys() == _ANALYSIS_KEYS:
            error = obj["error"]
            if error is not None:
                if type(error) is not dict or not error.keys() <= {"type", "message"} or not all(
                        type(value) is str for value in error.values()):
                    return super().dump(obj, many=many)
                error = {key: error[key] for key in ("type", "message") if key in error}
            if all(obj[key] is None or type(obj[key]) is str for key in _ANALYSIS_STRINGS):
                return {"id": obj["id"], "status": obj["status"], "created_at": obj["created_at"],
                        "finished_at": obj["finished_at"], "external_id": obj["external_id"],
                        "metadata": obj["metadata"], "result": obj["result"], "error": error}
        return super().dump(obj, many=many)


_ANALYSIS_KEYS = frozenset(("id", "status", "created_at", "finished_at", "external_id", "metadata", "result", "error"))
_ANALYSIS_STRINGS = ("id", "status", "created_at", "finished_at", "external_id")


class BatchItemSchema(_Ordered):
    """The analysis created for one comment of a batch."""

    id = fields.String(metadata=_doc("Analysis id: GET /v1/analyses/{id}.", _UUID_EXAMPLE))
    external_id = fields.String(allow_none=True, metadata=_doc("The caller's id of that comment.", "tw-1862"))


class BatchAcceptedSchema(_Ordered):
    """A batch just accepted: one analysis per comment, in input order."""

    id = fields.String(metadata=_doc("Batch id (UUID).", _UUID_EXAMPLE))
    status = fields.String(validate=validate.OneOf(("queued",)), metadata=_doc("Always 'queued' here.", "queued"))
    created_at = fields.String(metadata=_doc("ISO 8601 UTC.", _TIME_EXAMPLE))
    analyses = fields.List(fields.Nested(BatchItemSchema), metadata=_doc("One entry per comment, in order."))


class InboundItemSchema(_Ordered):
    """The analysis of one comment received by an inbound webhook."""

    id = fields.String(metadata=_doc("Analysis id: GET /v1/analyses/{id}.", _UUID_EXAMPLE))
    external_id = fields.String(allow_none=True, metadata=_doc("The platform's comment id.", "17865799348089039"))
    duplicate = fields.Boolean(metadata=_doc("True when this comment had already been received: the id is the "
                                             "analysis of its first delivery and nothing was queued again.", False))


class InboundAcceptedSchema(_Ordered):
    """What an inbound webhook delivery queued."""

    batch_id = fields.String(allow_none=True, metadata=_doc("Batch id when the delivery carried a list of "
                                                            "comments (generic route), else null.", None))
    analyses = fields.List(fields.Nested(InboundItemSchema),
                           metadata=_doc("One entry per comment to analyse, in delivery order."))
    ignored = fields.Integer(metadata=_doc("Changes with nothing to analyse (likes, removals, the brand's own "
                                           "comments, empty texts).", 0))


class CountsSchema(_Ordered):
    """Number of analyses of a batch in each status."""

    queued = fields.Integer(metadata=_doc("Waiting for a worker.", 0))
    running = fields.Integer(metadata=_doc("Being analysed.", 0))
    succeeded = fields.Integer(metadata=_doc("Finished with a result.", 3))
    failed = fields.Integer(metadata=_doc("Failed or expired.", 0))


class BatchSchema(_Ordered):
    """A batch: counts by status and every analysis, in input order."""

    id = fields.String(metadata=_doc("Batch id (UUID).", _UUID_EXAMPLE))
    status = fields.String(validate=validate.OneOf(BATCH_STATUSES),
                           metadata=_doc("'completed' once every analysis has ended, else 'queued' "
                                         "(nothing started) or 'running'.", "completed"))
    created_at = fields.String(metadata=_doc("ISO 8601 UTC.", _TIME_EXAMPLE))
    counts = fields.Nested(CountsSchema, metadata=_doc("Analyses per status."))
    analyses = fields.List(fields.Nested(AnalysisSchema), metadata=_doc("Every analysis, in input order."))


class HealthSchema(_Ordered):
    """Answer of the probes."""

    status = fields.String(validate=validate.OneOf(("ok", "ready")), metadata=_doc("'ok' or 'ready'.", "ok"))
    workers = fields.Integer(metadata=_doc("Workers registered for the queue (/readyz only).", 2))


class ProblemSchema(_Ordered):
    """RFC 9457 problem details, served as application/problem+json."""

    type = fields.String(metadata=_doc("URI naming the kind of problem.",
                                       "https://ecoute.dev/problems/validation-error"))
    title = fields.String(metadata=_doc("Short summary of the kind of problem.", "Unprocessable Content"))
    status = fields.Integer(metadata=_doc("HTTP status code.", 422))
    detail = fields.String(metadata=_doc("What went wrong here, for a human.",
                                         "The request body does not match the schema; see 'errors' per field."))
    instance = fields.String(allow_none=True, metadata=_doc("The request path.", "/v1/analyses"))
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata=_doc("Validation messages per field (422 only).",
                                       {"text": ["Missing data for required field."]}))


# ---- webhooks --------------------------------------------------------------------------------

WEBHOOK_EVENTS = ("analysis.succeeded", "analysis.failed", "batch.completed")
DELIVERY_STATUSES = ("pending", "succeeded", "dead_letter")


def _webhook_url(value: str) -> None:
    from flask import current_app

    from service.webhooks import url_problem

    problem = url_problem(value, current_app.extensions["ecoute"].settings if current_app else None)
    if problem:
        raise ValidationError(problem)


class WebhookCreateSchema(_Ordered):
    """A subscription to webhook events."""

    url = fields.String(required=True, validate=_webhook_url, metadata=_url_doc(
        "Where events are POSTed: an https URL of a public address (names are resolved and every address "
        "checked at delivery time); private addresses only inside ECOUTE_WEBHOOK_ALLOWED_NETWORKS."))
    events = fields.List(fields.String(validate=validate.OneOf(WEBHOOK_EVENTS)), required=True,
                         validate=validate.Length(min=1, max=len(WEBHOOK_EVENTS)),
                         metadata=_doc("Event types to receive.", ["analysis.succeeded", "analysis.failed"]))
    description = fields.String(validate=[validate.Length(min=1, max=200), _NO_CONTROL], allow_none=True,
                                metadata=_doc("A note for people.", "CRM production"))


class WebhookSchema(_Ordered):
    """A webhook subscription (its secret is only shown when it is created)."""

    id = fields.String(metadata=_doc("Subscription id (UUID).", _UUID_EXAMPLE))
    url = fields.String(metadata=_doc("Where events are POSTed.", "https://crm.example/hooks/ecoute"))
    events = fields.List(fields.String(validate=validate.OneOf(WEBHOOK_EVENTS)),
                         metadata=_doc("Event types it receives.", ["analysis.succeeded"]))
    description = fields.String(allow_none=True, metadata=_doc("The note given at creation.", "CRM production"))
    status = fields.String(validate=validate.OneOf(("active", "disabled")), metadata=_doc(
        "'active', or 'disabled' once the endpoint answered 410 Gone (nothing is sent any more).", "active"))
    disabled_reason = fields.String(allow_none=True, metadata=_doc("Why it was disabled."))
    created_at = fields.String(metadata=_doc("ISO 8601 UTC.", _TIME_EXAMPLE))


class WebhookCreatedSchema(WebhookSchema):
    """A subscription just created, with its signing secret: shown this once, store it now."""

    secret = fields.String(metadata=_doc(
        "Standard Webhooks signing secret: verify each request with `Webhook(secret).verify(body, headers)` "
        "of the standardwebhooks library (any of its SDKs).", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))


class WebhookListSchema(_Ordered):
    """Every subscription."""

    webhooks = fields.List(fields.Nested(WebhookSchema), metadata=_doc("Oldest first."))


class DeliverySchema(_Ordered):
    """One event sent (or being sent) to a subscription."""

    id = fields.String(metadata=_doc("The webhook-id header: the same on every attempt of this event.",
                                     "msg_5b1f0c8a4e2d4a6f9c3b7e1d2a4f6b8c"))
    type = fields.String(validate=validate.OneOf(WEBHOOK_EVENTS), metadata=_doc("Event type.", "analysis.succeeded"))
    status = fields.String(validate=validate.OneOf(DELIVERY_STATUSES), metadata=_doc(
        "'pending' (attempts go on), 'succeeded' (a 2xx answer) or 'dead_letter' (no attempt left, the endpoint "
        "answered 410, or the destination was refused): redeliver it by hand.", "succeeded"))
    attempts = fields.Integer(metadata=_doc("Attempts made since the event (or its last redelivery).", 1))
    last_status_code = fields.Integer(allow_none=True, metadata=_doc("HTTP status of the last answer.", 200))
    last_error = fields.String(allow_none=True, metadata=_doc("Why the last attempt failed.", "HTTP 503"))
    last_attempt_at = fields.String(allow_none=True, metadata=_doc("ISO 8601 UTC.", _TIME_EXAMPLE))
    next_attempt_at = fields.String(allow_none=True, metadata=_doc("When the next attempt is due (pending only)."))
    created_at = fields.String(metadata=_doc("When the event happened, ISO 8601 UTC.", _TIME_EXAMPLE))


class DeliveryListSchema(_Ordered):
    """A subscription's deliveries."""

    deliveries = fields.List(fields.Nested(DeliverySchema), metadata=_doc("Newest first."))


class DeliveryQuerySchema(Schema):
    """Query string of GET /v1/webhooks/{id}/deliveries."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=1000),
                           metadata=_doc("How many, newest first (1 to 1,000).", 50))

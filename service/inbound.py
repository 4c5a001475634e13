"""Comments pushed to Écoute: signature checks and payload conversion for the inbound webhook routes.

- Meta (Facebook Page `feed` and Instagram `comments` webhooks): `X-Hub-Signature-256` is
  "sha256=" + the hex HMAC-SHA256 of the raw body with the app secret; the change payloads become
  Comments. What has nothing to analyse (a like, a removed comment, the brand's own comment, a
  comment with no text) is skipped.
- Standard Webhooks (any sender): `webhook-id`, `webhook-timestamp` (5 minutes of tolerance) and
  `webhook-signature` ("v1,<base64 HMAC-SHA256 of id.timestamp.body>"), checked with the
  `standardwebhooks` library.

Pure functions over bytes and dicts: the routes (service/api/inbound.py) do the HTTP and the queueing.

    InboundError
     └── BadSignature   the request is not signed, or not by the configured secret
"""
from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError

from service.schemas import MAX_TEXT, CommentSchema

META_SIGNATURE_HEADER = "X-Hub-Signature-256"
STANDARD_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_VERBS = {"add", "edited"}   # "remove", "hide", "unhide": nothing new to answer


class InboundError(Exception):
    """Base of the inbound webhook errors."""


class BadSignature(InboundError):
    """The request is unsigned, or its signature does not match the configured secret."""


# ---- signatures ---------------------------------------------------------------------------------

def meta_signature(secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 value Meta sends for this body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def check_meta_signature(secret: str, body: bytes, header: str | None) -> None:
    """Raise BadSignature unless `header` is the body's signature (compared in constant time)."""
    expected = meta_signature(secret, body).encode("ascii")
    given = (header or "").strip().encode("utf-8", "replace")
    if not hmac.compare_digest(expected, given):
        raise BadSignature("The X-Hub-Signature-256 header is missing or does not match the body.")


def constant_time_equal(given: str | None, expected: str) -> bool:
    return hmac.compare_digest((given or "").encode("utf-8", "replace"), expected.encode("utf-8"))


def standard_webhook(secret: str) -> Any:
    """The standardwebhooks verifier for a `whsec_...` secret; InboundError when it cannot be one."""
    from standardwebhooks.webhooks import Webhook

    try:
        return Webhook(secret)
    except Exception as exc:  # noqa: BLE001 - binascii.Error, EmptyWebhookSecretError, RuntimeError...
        raise InboundError("must be a Standard Webhooks secret: 'whsec_' followed by base64") from exc


def check_standard_signature(verifier: Any, body: bytes, headers: dict[str, str]) -> None:
    """Raise BadSignature unless the Standard Webhooks headers sign this body within the tolerance.

    The library raises more than its own WebhookVerificationError on malformed headers (a signature
    without a comma, bad base64, a body that is not UTF-8): all of them mean "not signed by us".
    """
    try:
        verifier.verify(body, headers, json_parse=False)
    except Exception as exc:  # noqa: BLE001
        raise BadSignature("The webhook-id, webhook-timestamp and webhook-signature headers are missing, "
                           "too old or too new, or do not match the body.") from exc


# ---- Meta payloads ------------------------------------------------------------------------------

@dataclass
class Extracted:
    """Comments found in a delivery, and how many changes had nothing to analyse."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    ignored: int = 0


def _text(value: Any) -> str:
    """A comment text fit for the schema: control characters become spaces, cut to the limit."""
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub(" ", value).strip()[:MAX_TEXT]


def _short(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return _CONTROL.sub(" ", value).strip()[:limit] or None


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text[:200] if text and not _CONTROL.search(text) else None


def _changes(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """An entry's changes: `changes: [{field, value}]`, or (Instagram Login) `field`/`value` on the entry."""
    changes = entry.get("changes")
    if isinstance(changes, list):
        return [c for c in changes if isinstance(c, dict)]
    if "field" in entry and "value" in entry:
        return [entry]
    return []


def _facebook_comment(account_id: str | None, value: dict[str, Any]) -> dict[str, Any] | None:
    if value.get("item") != "comment" or value.get("verb") not in _META_VERBS:
        return None
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    author_id = _id(author.get("id"))
    if account_id and author_id == account_id:
        return None   # the Page answering under its own post
    text = _text(value.get("message"))
    comment_id = _id(value.get("comment_id"))
    if not text or not comment_id:
        return None
    metadata = {"source": "meta", "page_id": account_id, "post_id": _id(value.get("post_id")),
                "parent_id": _id(value.get("parent_id")), "author_id": author_id, "verb": value.get("verb"),
                "created_time": value.get("created_time") if isinstance(value.get("created_time"), int) else None}
    return {"text": text, "external_id": comment_id, "channel": "facebook",
            "author": {"name": _short(author.get("name"), 200)},
            "metadata": {k: v for k, v in metadata.items() if v is not None}}


def _instagram_comment(account_id: str | None, value: dict[str, Any]) -> dict[str, Any] | None:
    author = value.get("from") if isinstance(value.get("from"), dict) else {}
    author_id = _id(author.get("id"))
    if account_id and author_id == account_id:
        return None   # the account answering under its own media
    text = _text(value.get("text"))
    comment_id = _id(value.get("id"))
    if not text or not comment_id:
        return None
    media = value.get("media") if isinstance(value.get("media"), dict) else {}
    username = _short(author.get("username"), 99)
    metadata = {"source": "meta", "account_id": account_id, "media_id": _id(media.get("id")),
                "media_product_type": _short(media.get("media_product_type"), 40),
                "parent_id": _id(value.get("parent_id")), "author_id": author_id}
    return {"text": text, "external_id": comment_id, "channel": "instagram",
            "author": {"name": username, "handle": "@" + username if username else None},
            "metadata": {k: v for k, v in metadata.items() if v is not None}}


def meta_comments(payload: Any) -> Extracted:
    """The Comments of a Meta webhook delivery (object 'page' or 'instagram'), each valid for the API;
    every change that is not a comment to analyse counts as ignored."""
    found = Extracted()
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        return found
    kind = payload.get("object")
    schema = CommentSchema()
    for entry in payload["entry"]:
        if not isinstance(entry, dict):
            found.ignored += 1
            continue
        account_id = _id(entry.get("id"))
        for change in _changes(entry):
            value = change.get("value")
            comment = None
            if isinstance(value, dict):
                if kind == "page" and change.get("field") == "feed":
                    comment = _facebook_comment(account_id, value)
                elif kind == "instagram" and change.get("field") in ("comments", "live_comments"):
                    comment = _instagram_comment(account_id, value)
            if comment is not None:
                comment["author"] = {k: v for k, v in comment["author"].items() if v} or None
                try:
                    comment = schema.load(comment)
                except ValidationError:
                    comment = None
            if comment is None:
                found.ignored += 1
            else:
                found.comments.append(comment)
    return found

"""Safe retries: the `Idempotency-Key` request header (IETF httpapi "The Idempotency-Key HTTP Header
Field" draft) on the POST routes that create something.

One Redis string per key, scoped to the caller (the API key, or the inbound route), holding a JSON
record: the fingerprint (SHA-256) of the request, its state and, once something was created, the ids
and the original status code and Location. No comment text is ever stored in it.

- the first request claims the key with an atomic `SET NX`: only one of concurrent duplicates can
  win, so exactly one job is enqueued;
- the same key with the same request, later: the original response is replayed (same status code,
  same ids, same Location) for the idempotency window (24 h, never longer than the retention);
- the same key with a different request: 422; while the first is still being processed: 409.

A claim that never creates anything (the process died, or the request failed) is released at once,
or expires by itself after PROCESSING_SECONDS. Once ids exist they are recorded before anything
slow happens (e.g. `?wait`), so a request that dies later still replays as 202 with its ids.

Errors (all ServiceError, turned into problem+json by service.errors):

    IdempotencyError
     ├── InvalidIdempotencyKey  (400) the header is not a 1..255 visible-ASCII string
     ├── RequestInFlight        (409) the first request with this key is still being processed
     └── KeyReused              (422) the key was used for a different request
"""
from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from redis import Redis

from service.errors import ServiceError

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[!-~]{1,255}$"   # visible ASCII; a quoted structured-field string is also accepted
_KEY = re.compile(KEY_PATTERN)
RECORD_KEY = "ecoute:idem:{scope}:{digest}"
OWNER_KEY = "ecoute:idem-of:{}"   # analysis id -> its record, so that erasing the analysis erases it
PROCESSING_SECONDS = 60           # > the longest ?wait (30 s) plus Redis timeouts

HEADER_DOC = ("Makes the request safe to retry (IETF httpapi Idempotency-Key draft): any unique string, e.g. a "
              "UUID, 1 to 255 visible ASCII characters (a quoted structured-field string is accepted too). The "
              "same key with the same body, within 24 hours, returns the original response (same status, ids "
              "and Location; header `Idempotent-Replayed: true`) without queueing anything; with a different "
              "body: 422; while the first request is still being processed: 409. Keys are scoped to the API key.")


class IdempotencyError(ServiceError):
    """Base of the Idempotency-Key errors."""


class InvalidIdempotencyKey(IdempotencyError):
    """The Idempotency-Key header is empty, too long or not visible ASCII."""

    status = 400
    title = "Bad Request"


class RequestInFlight(IdempotencyError):
    """The first request with this key is still being processed."""

    status = 409
    title = "Conflict"


class KeyReused(IdempotencyError):
    """The key was already used for a different request."""

    status = 422
    title = "Unprocessable Content"


def parse_key(raw: str | None) -> str | None:
    """The key of the header (None when absent); a structured-field string's quotes are removed."""
    if raw is None:
        return None
    value = raw.strip()
    if not _KEY.match(value):
        raise InvalidIdempotencyKey(f"The {HEADER} header must be 1 to 255 visible ASCII characters "
                                    "(a UUID is a good choice).")
    if len(value) > 2 and value[0] == value[-1] == '"':   # "key" as a structured-field string: key
        value = value[1:-1]
    return value


def fingerprint(*parts: Any) -> str:
    """SHA-256 of the request as it matters: e.g. the route and the JSON body, canonicalised (key order
    and whitespace do not count)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Replay:
    """What the first request with this key answered."""

    status: int
    ids: list[str]
    location: str | None = None
    body: dict[str, Any] | None = None

    @property
    def headers(self) -> dict[str, str]:
        headers = {"Idempotent-Replayed": "true"}
        if self.location:
            headers["Location"] = self.location
        return headers


@dataclass
class Claim:
    """The right to process the request with this key, won by this request only."""

    store: IdempotencyStore
    key: str
    fingerprint: str
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def _record(self, state: str, **fields: Any) -> str:
        return json.dumps({"fp": self.fingerprint, "state": state, "token": self.token, **fields})

    def created(self, ids: list[str], *, location: str | None = None, owns: bool = False) -> None:
        """Record the ids as soon as they exist: a retry never creates them twice, even if this request
        dies before it answers. `owns`: the ids are analyses whose erasure must erase this record."""
        until = time.time() + PROCESSING_SECONDS
        with self.store.connection.pipeline() as pipe:
            pipe.set(self.key, self._record("processing", ids=ids, location=location, until=until),
                     ex=self.store.window)
            if owns:
                for analysis_id in ids:
                    pipe.set(OWNER_KEY.format(analysis_id), self.key, ex=self.store.window)
            pipe.execute()

    def finish(self, status: int, ids: list[str], *, location: str | None = None,
               body: dict[str, Any] | None = None) -> None:
        """Record the answer, replayed to every retry within the window."""
        self.store.connection.set(
            self.key, self._record("done", status=status, ids=ids, location=location, body=body),
            ex=self.store.window)

    def release(self) -> None:
        """Nothing was created (the request failed): let a retry with the same key start afresh."""
        raw = self.store.connection.get(self.key)
        if raw is not None and json.loads(raw).get("token") == self.token:
            self.store.connection.delete(self.key)


@dataclass(frozen=True)
class IdempotencyStore:
    """Idempotency records in Redis; `window` is how long a key is remembered (seconds)."""

    connection: Redis
    window: int

    def record_key(self, scope: str, key: str) -> str:
        return RECORD_KEY.format(scope=scope, digest=hashlib.sha256(key.encode("utf-8")).hexdigest())

    def begin(self, scope: str, key: str, request_fingerprint: str) -> Claim | Replay:
        """Claim the key (atomic SET NX), or tell what the first request with it answered.

        Raises KeyReused when the key was used for another request, RequestInFlight while the first
        request is still being processed.
        """
        record_key = self.record_key(scope, key)
        claim = Claim(self, record_key, request_fingerprint)
        for _ in range(5):   # the record may expire between SET NX and GET: try again
            if self.connection.set(record_key, claim._record("processing", until=time.time() + PROCESSING_SECONDS),
                                   nx=True, ex=PROCESSING_SECONDS):
                return claim
            raw = self.connection.get(record_key)
            if raw is None:
                continue
            record = json.loads(raw)
            if record.get("fp") != request_fingerprint:
                raise KeyReused(f"This {HEADER} was already used for a different request: use a new key "
                                "for a new request.")
            if record.get("state") == "done":
                return Replay(record["status"], record.get("ids") or [], record.get("location"), record.get("body"))
            if record.get("ids") and time.time() > float(record.get("until", 0)):
                # the first request created its resources, then never answered (it died): they exist
                return Replay(202, record["ids"], record.get("location"))
            raise RequestInFlight(f"A request with this {HEADER} is still being processed: retry in a moment.",
                                  headers={"Retry-After": "1"})
        raise RequestInFlight(f"A request with this {HEADER} is still being processed: retry in a moment.",
                              headers={"Retry-After": "1"})

    def forget_analysis(self, analysis_id: str, pipeline: Any = None) -> None:
        """Erase the record of the key that created this analysis (data-protection erasure)."""
        owner = OWNER_KEY.format(analysis_id)
        record_key = self.connection.get(owner)
        target = pipeline if pipeline is not None else self.connection
        if record_key is not None:
            target.delete(record_key.decode() if isinstance(record_key, bytes) else record_key)
        target.delete(owner)


def current_store() -> IdempotencyStore:
    """The store of the current app (its Redis, its window)."""
    from service.extensions import ecoute

    ext = ecoute()
    return IdempotencyStore(ext.redis, ext.settings.idempotency_window)


def begin_request(route: str) -> Claim | Replay | None:
    """For a view: None without an Idempotency-Key header, else the claim or the replay of the first
    answer. The fingerprint is the route plus the JSON body (already parsed and validated)."""
    from flask import request

    from service.auth import principal

    key = parse_key(request._get_current_object().headers.get(HEADER))
    if key is None:
        return None
    return current_store().begin(principal(), key, fingerprint(route, request.get_json(silent=True)))


PARAMETER = {"in": "header", "name": HEADER, "required": False, "description": HEADER_DOC,
             "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": KEY_PATTERN},
             "example": "8e03978e-40d5-43e8-bc93-6894a57f9324"}


def documented(blp: Any) -> Any:
    """Decorator documenting the Idempotency-Key header and its 409 answer on a view."""
    from service.schemas import ProblemSchema

    def wrap(func: Any) -> Any:
        func = blp.doc(parameters=[PARAMETER])(func)
        return blp.alt_response(409, schema=ProblemSchema, content_type="application/problem+json",
                                description="A request with the same Idempotency-Key is still being processed: "
                                            "retry after `Retry-After` seconds.")(func)

    return wrap

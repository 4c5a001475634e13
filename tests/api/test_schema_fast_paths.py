"""service/schemas.py: the usual comment, `?wait=` and analysis view are answered without marshmallow's
machinery; the answers (values, key order, errors) are marshmallow's own, whatever the input."""
from __future__ import annotations

import itertools
import json
import random
from typing import Any

import pytest
from marshmallow import EXCLUDE, Schema, ValidationError
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from service.schemas import AnalysisSchema, BatchRequestSchema, CommentSchema, WaitQuerySchema

_ABSENT = object()


def outcome(call: Any) -> tuple[str, str]:
    """What a load or dump gave, key order included: ('ok', JSON text) or ('error', the messages)."""
    try:
        return "ok", json.dumps(call(), ensure_ascii=False)
    except ValidationError as exc:
        return "error", json.dumps(exc.messages, ensure_ascii=False, sort_keys=True)


TEXTS = ["Colis jamais reçu, c'est inadmissible", "  padded  ", "\tline\nbreaks\r\n ok", "", "   ", "a",
         "x" * 5000, "x" * 5001, " " + "x" * 5000 + " ", "bell \x07", "nul \x00", "del \x7f", "😀 emoji",
         "\u00a0nbsp\u00a0", "\u2028sep", 42, None, ["list"], {"t": 1}, True]
STRINGS = ["tw-1862", "", "x" * 100, "x" * 101, "x" * 200, "x" * 201, "tab\there", "new\nline", "Marie", "@marie_l",
           None, 7, True, ["x"], "é" * 150]
LANGUAGES = ["fr", "EN", " de ", "fra", "f", "", "é1", None, 3, "İ", "Fr\n"]
CHANNELS = ["twitter", "review", "other", "Twitter", "", "mastodon", None, 1]
BRAND_IDS = ["colibri-fr", "a", "_x", "x" * 64, "x" * 65, "bad id", "ok.\n", None, 5]


def comments(rng: random.Random, count: int) -> list[Any]:
    """Comments of the usual fields, valid or not, plus a few of other shapes."""
    made: list[Any] = []
    for _ in range(count):
        comment: dict[str, Any] = {}
        if rng.random() < 0.97:
            comment["text"] = rng.choice(TEXTS)
        for key, values in (("external_id", STRINGS), ("language", LANGUAGES), ("channel", CHANNELS)):
            if rng.random() < 0.5:
                comment[key] = rng.choice(values)
        if rng.random() < 0.6:
            author: Any = {key: rng.choice(STRINGS) for key in rng.sample(["name", "handle"], rng.randint(0, 2))}
            if rng.random() < 0.05:
                author = rng.choice([None, "Marie", ["x"], {"name": "x", "age": 3}])
            comment["author"] = author
        if rng.random() < 0.4:
            brand: Any = {}
            if rng.random() < 0.6:
                brand["id"] = rng.choice(BRAND_IDS)
            if rng.random() < 0.6:
                brand["name"] = rng.choice(STRINGS)
            if rng.random() < 0.05:
                brand = rng.choice([None, "Colibri", {"name": "x", "voice": "warm"}])
            comment["brand"] = brand
        if rng.random() < 0.05:
            comment[rng.choice(["metadata", "thread", "callback_url", "unknown"])] = rng.choice(
                [None, {"crm": 1}, [{"text": "earlier"}], "https://crm.example/hook", 3])
        items = list(comment.items())
        rng.shuffle(items)   # key order of the input does not count
        made.append(dict(items))
    return made + [None, [], "text", 3, [{"text": "x"}]]


def test_comments_load_as_marshmallow_loads_them() -> None:
    schema = CommentSchema()
    for data in comments(random.Random(6), 4000):
        assert outcome(lambda: schema.load(data)) == outcome(lambda: Schema.load(schema, data)), data


def test_a_batch_of_comments_loads_as_marshmallow_loads_it() -> None:
    schema = BatchRequestSchema()
    rng = random.Random(7)
    for _ in range(200):
        data = {"comments": comments(rng, rng.randint(1, 4))[:-5]}
        plain = BatchRequestSchema()
        plain.fields["comments"].inner.schema.load = lambda d, **kw: Schema.load(plain.fields["comments"].inner.schema,
                                                                                d, **kw)
        assert outcome(lambda: schema.load(data)) == outcome(lambda: plain.load(data)), data


def test_the_usual_comment_skips_marshmallow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Schema, "_do_load", lambda *a, **k: pytest.fail("marshmallow's load ran"))
    loaded = CommentSchema().load({"channel": "twitter", "author": {"name": "Marie"}, "text": " Colis perdu ",
                                   "language": " FR", "brand": {"id": "colibri", "name": None}, "external_id": None})
    assert list(loaded.items()) == [("text", "Colis perdu"), ("language", "fr"), ("channel", "twitter"),
                                    ("author", {"name": "Marie"}), ("brand", {"id": "colibri", "name": None})]


WAITS = ["", "0", "5", "10", "30", "30.0", "30.000001", "31", "99", "0.5", ".5", "5.", "1e1", "-1", "-0", " 5",
         "5 ", "nan", "inf", "abc", "٣", "1_0", "0x1", "00", "05.25", "1.1234567"]


@pytest.mark.parametrize("pairs", [[]] + [[("wait", w)] for w in WAITS] + [[("wait", "5"), ("wait", "40")],
                                                                              [("other", "1")],
                                                                              [("other", "x"), ("wait", "2.5")]])
def test_wait_loads_as_marshmallow_loads_it(pairs: list[tuple[str, str]]) -> None:
    schema = WaitQuerySchema()
    data = MultiDictProxy(MultiDict(pairs), schema)
    fast = outcome(lambda: schema.load(data, unknown=EXCLUDE))
    assert fast == outcome(lambda: Schema.load(schema, data, unknown=EXCLUDE))
    if pairs in ([], [("wait", "10")]):
        assert fast == ("ok", '{"wait": 0.0}' if not pairs else '{"wait": 10.0}')


def views() -> list[Any]:
    base = {"id": "6f1c2a7e-3b7d-4d0e-9a55-0c3f1f1b2a10", "status": "succeeded", "created_at": "2026-11-24T09:12:23Z",
            "finished_at": "2026-11-24T09:12:24Z", "external_id": "tw-1", "metadata": {"crm": [1, 2]},
            "result": {"category": "complaint", "extra": None}, "error": None}
    made: list[Any] = [base]
    changes = {"status": ["queued", None, 3], "created_at": [None], "finished_at": [None, 12.5],
               "external_id": [None, ""], "metadata": [None, "text", [1]], "result": [None, "raw"],
               "error": [{"type": "analysis_failed", "message": "Boom"}, {"message": "m"}, {"type": "deleted"}, {},
                         {"type": "x", "message": "y", "more": 1}, {"type": 3, "message": "m"}, "oops"],
               "id": [None]}
    for key, values in changes.items():
        made += [{**base, key: value} for value in values]
    made += [{k: v for k, v in base.items() if k != "error"}, {**base, "more": 1}, dict(reversed(base.items()))]
    return made


def test_analysis_views_dump_as_marshmallow_dumps_them() -> None:
    schema = AnalysisSchema()
    for view in views():
        assert outcome(lambda: schema.dump(view)) == outcome(lambda: Schema.dump(schema, view)), view
    assert outcome(lambda: schema.dump(views(), many=True)) == outcome(lambda: Schema.dump(schema, views(), many=True))


def test_every_combination_of_author_fields_loads_the_same() -> None:
    schema = CommentSchema()
    for name, handle in itertools.product([_ABSENT, None, "Marie", "x" * 201, "a\x01"], repeat=2):
        author = {key: value for key, value in (("name", name), ("handle", handle)) if value is not _ABSENT}
        data = {"text": "ok", "author": author}
        assert outcome(lambda: schema.load(data)) == outcome(lambda: Schema.load(schema, data)), data


def test_iso_writes_what_strftime_wrote() -> None:
    """service.queueing.iso formats by hand: the text strftime gave, for naive (UTC), UTC and offset times."""
    from datetime import datetime, timedelta, timezone

    from service.queueing import iso

    rng = random.Random(8)
    for _ in range(5000):
        moment = datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                          rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))
        zone = rng.choice([None, timezone.utc, timezone(timedelta(0)), timezone(timedelta(hours=rng.randint(-12, 12)))])
        if zone is not None:
            moment = moment.replace(tzinfo=zone)
        try:
            expected = (moment if zone else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
        except OverflowError:
            continue
        assert iso(moment) == expected, moment
    assert iso(None) is None

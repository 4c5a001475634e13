"""Response bodies are written by orjson (service.EcouteJSONProvider): the same JSON as Flask's compact
provider, and Flask's provider for whatever orjson would write differently or not at all."""
from __future__ import annotations

import dataclasses
import datetime
import json
import uuid

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask.testing import FlaskClient


@dataclasses.dataclass
class Point:
    x: int


VALUES = [
    {"text": "Bravo, quel exploit 👏 — « colis »", "n": [1, -2, 0, None, True, False], "nested": {"z": 1, "a": [{}]}},
    {"big": 10**30, "negative": -(2**70)},     # over 64 bits: orjson refuses them
    {1: "non-string key"},
    {"when": datetime.datetime(2026, 11, 24, 9, 12, 23), "day": datetime.date(2026, 11, 24)},
    {"id": uuid.UUID(int=7), "point": Point(3)},
    "a\u2028b\u0000c\"\\",
    [],
]


def test_bodies_are_the_bytes_flask_would_write(app: Flask) -> None:
    flask_provider = DefaultJSONProvider(app)
    flask_provider.ensure_ascii = False   # as create_app() sets it
    flask_provider.sort_keys = False
    with app.app_context():
        for value in VALUES:
            assert app.json.response(value).get_data() == flask_provider.response(value).get_data(), value
            assert app.json.response(value).mimetype == "application/json"
        floats = [0.1, 2.5e-7, 1e16, -0.0, 123456.789]
        assert json.loads(app.json.response(floats).get_data()) == floats   # same values


def test_debug_and_ascii_settings_still_apply(app: Flask) -> None:
    with app.app_context():
        app.json.ensure_ascii = True  # type: ignore[attr-defined]
        assert app.json.response({"t": "é"}).get_data() == b'{"t":"\\u00e9"}\n'
        app.json.ensure_ascii = False  # type: ignore[attr-defined]
        app.debug = True
        assert app.json.response({"t": "é"}).get_data() == '{\n  "t": "é"\n}\n'.encode()


def test_metadata_orjson_cannot_write_is_echoed(client: FlaskClient) -> None:
    metadata = {"ticket": 2**64 + 1, "note": "é 👏", "list": [1.5, None]}
    accepted = client.post("/v1/analyses", json={"text": "hello", "metadata": metadata})
    assert accepted.status_code == 202
    assert accepted.get_json()["metadata"] == metadata
    assert client.get(accepted.headers["Location"]).get_json()["metadata"] == metadata

"""Request bodies (service/api/common.py StrictJSONParser): the same documents accepted and refused, with the
same values, as json.loads followed by a full re-encoding to find lone surrogates and over-deep nesting."""
from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask

from service.api.common import StrictJSONParser


def _no_constants(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not valid JSON", name, 0)


def reference(raw: bytes) -> Any:
    """The parser as it was: json.loads, then always the re-encoding."""
    text = raw.decode("utf-8")
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except RecursionError as exc:
        raise json.JSONDecodeError("nested too deeply", "<body>", 0) from exc
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError) as exc:
        raise json.JSONDecodeError("refused", "<body>", 0) from exc
    return data


BODIES = [
    b'{"text": "plain"}',
    json.dumps({"text": "caf\u00e9 \U0001F600 \u00ab colis \u00bb"}).encode(),            # \u escapes, a valid pair
    json.dumps({"text": "caf\u00e9 \U0001F600"}, ensure_ascii=False).encode(),
    b'{"text": "hello \\ud800 world"}', b'{"text": "x \\uDFFF"}', b'{"text": "\\ude00\\ud83d"}',   # lone ones
    b'{"text": "\\\\ud800 is written with a backslash"}',                                  # an escaped backslash
    b'{"text": "x", "metadata": ' + b'[' * 150 + b']' * 150 + b'}',
    b'{"text": "x", "metadata": ' + b'[' * 5000 + b']' * 5000 + b'}',
    b'[' * 100_000 + b']' * 100_000,
    b'{"text": "' + b'[{' * 300 + b'"}',                                                  # brackets in a string
    b'\xef\xbb\xbf{"text": "bom"}', b'{"text": NaN}', b'{"text": "x"} trailing', b'',
]


@pytest.mark.parametrize("raw", BODIES)
def test_the_same_documents_are_accepted_with_the_same_values(app: Flask, raw: bytes) -> None:
    try:
        expected: Any = reference(raw)
    except (ValueError, UnicodeDecodeError):
        expected = ValueError
    with app.test_request_context("/v1/analyses", method="POST", data=raw, content_type="application/json"):
        from flask import request

        try:
            got: Any = StrictJSONParser()._raw_load_json(request)
        except ValueError:
            got = ValueError
    assert got == expected

"""An analysis result as `ecoute worker` stores it: RQ's return value, holding the result's JSON text.

RQ stores a return value as base64 of the job serializer's bytes (pickle by default), and every reader
(RQ's Result, the API's GET and ?wait, the webhook payloads) unpickles it. A pickled result dict took
about 50 us to load and 14 us to write here, and the API then wrote it out as JSON again. Instead the
worker writes the result's JSON text (orjson, 2 us) inside a pickle that calls `json.loads` on it: any
pickle reader, RQ's included, gets the same dict back, and the API takes the text out of the pickle
(json_text) and sends it as it is. Results stored otherwise (RQ's own path, older workers) read as before.

The engine's result holds only what JSON holds (docs/contract.md: dicts with string keys, lists, strings,
numbers in range, booleans, None), so it reads back equal (tests/worker/test_results.py, over the bench
corpus); a value orjson cannot write (an integer over 64 bits, a key that is not a string) is stored by RQ's
serializer as before. (Checking every value of every result for tuples or NaN cost more than the pickle
did.) This module imports neither the engine nor Flask: the API imports it.
"""
from __future__ import annotations

import struct
from typing import Any

import orjson

#: pickle protocol 2: PROTO 2, GLOBAL json.loads, BINUNICODE (4-byte little-endian length, UTF-8 text), then
#: TUPLE1, REDUCE, STOP: json.loads(text)
_HEAD = b"\x80\x02cjson\nloads\nX"
_TAIL = b"\x85R."
_LENGTH = struct.Struct("<I")


def dumps(value: Any) -> bytes | None:
    """The pickle of `value` as its JSON text read by json.loads, or None when orjson cannot write it."""
    try:
        text = orjson.dumps(value)
    except TypeError:   # orjson.JSONEncodeError: an integer over 64 bits, a key that is not a string...
        return None
    return b"".join((_HEAD, _LENGTH.pack(len(text)), text, _TAIL))


def json_text(serialized: bytes) -> bytes | None:
    """The JSON text (UTF-8) inside a pickle written by dumps(), or None for any other pickle."""
    start = len(_HEAD) + 4
    if not (serialized.startswith(_HEAD) and serialized.endswith(_TAIL)):
        return None
    if _LENGTH.unpack_from(serialized, len(_HEAD))[0] != len(serialized) - start - len(_TAIL):
        return None
    return serialized[start:-len(_TAIL)]

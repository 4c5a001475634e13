"""service/queueing.py _b64decode: a stored result's base64 (RQ's Result stream) read with pybase64, the same
bytes as base64.b64decode, whose leniency and errors still answer for anything that is not strict base64."""
from __future__ import annotations

import base64
import binascii
import os
import random

import pytest

from service import queueing
from service.queueing import _b64decode


def test_strict_base64_reads_as_the_standard_library_reads_it() -> None:
    rng = random.Random(7)
    for size in [0, 1, 2, 3, 4, 5, 63, 64, 65, 1000, 4096, 12_345, 40_000]:
        raw = rng.randbytes(size)
        encoded = base64.b64encode(raw)
        assert _b64decode(encoded) == base64.b64decode(encoded) == raw


def test_strict_base64_does_not_go_through_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object, **__: object) -> bytes:
        raise AssertionError("decoded by base64.b64decode")

    monkeypatch.setattr(queueing, "b64decode", refused)
    encoded = base64.b64encode(os.urandom(20_000))
    assert _b64decode(encoded) == base64.standard_b64decode(encoded)


@pytest.mark.parametrize("encoded", [
    base64.b64encode(b"line\nbreaks, " * 40)[:76] + b"\n" + base64.b64encode(b"line\nbreaks, " * 40)[76:],
    b"aGVs bG8=",          # a space: skipped by the lenient decoder
    b"aGVsbG8=\n",
    b"aGVsbG8=!",
])
def test_other_input_reads_as_b64decode_reads_it(encoded: bytes) -> None:
    assert _b64decode(encoded) == base64.b64decode(encoded)


@pytest.mark.parametrize("encoded", [b"aGVsbG8", b"a", b"aGVsbG8==="[:5]])
def test_broken_input_fails_as_b64decode_fails(encoded: bytes) -> None:
    with pytest.raises(binascii.Error) as expected:
        base64.b64decode(encoded)
    with pytest.raises(binascii.Error) as ours:
        _b64decode(encoded)
    assert str(ours.value) == str(expected.value)

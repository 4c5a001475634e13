"""The README's real examples are the engine's actual output (docs/readme_examples.py refreshes them)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from worker.analysis import analyze

_SPEC = importlib.util.spec_from_file_location("readme_examples",
                                               Path(__file__).resolve().parents[1] / "docs" / "readme_examples.py")
assert _SPEC and _SPEC.loader
readme = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(readme)
TEXT = readme.README.read_text(encoding="utf-8")


def test_try_it_shows_the_engines_answer() -> None:
    comment, shown = readme.try_it(TEXT)
    assert shown["status"] == "succeeded"
    assert shown["result"] == analyze(comment), "run docs/readme_examples.py --write against `make run`"


@pytest.mark.parametrize("index", range(3))
def test_three_examples_show_the_engines_answer(index: int) -> None:
    pairs = readme.examples(TEXT)
    assert len(pairs) == 3
    comment, shown = pairs[index]
    assert shown == readme.view(analyze(comment)), "run docs/readme_examples.py --write against `make run`"

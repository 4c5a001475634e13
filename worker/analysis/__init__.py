"""The analysis engine: `analyze(comment) -> result`, pure, deterministic, no I/O per call (see engine.py).

The engine's modules may be compiled to C extensions by mypyc at install time (see setup.py): same
source, same results, about twice as fast. Python then finds `situations.cpython-*.so` next to
`situations.py` and imports it. This file is never compiled: before anything else is imported, it
makes sure the compiled modules are those of the sources next to them (setup.py lists their SHA-256
in COMPILED_SOURCES). When a source has changed since it was compiled (an engine file edited after
`make install`), or when ECOUTE_NO_MYPYC=1, every module of the engine is imported from its .py
source instead, with a warning in the first case: never a stale compiled module.
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: What setup.py writes next to the compiled modules: "sha256  file name" per compiled source.
COMPILED_SOURCES = "compiled-sources.sha256"
_HERE = Path(__file__).resolve().parent


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports worker.analysis.<module> from its .py source, even when a compiled one is next to it."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or not (_HERE / f"{name}.py").is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


def _sources_digest(names: Sequence[str]) -> str:
    return "".join(f"{hashlib.sha256((_HERE / name).read_bytes()).hexdigest()}  {name}\n" for name in names)


def _import_sources_if_stale() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    if not any(path.name.endswith(suffixes) for path in _HERE.iterdir()):
        return   # pure Python install
    if os.environ.get("ECOUTE_NO_MYPYC", "") in ("", "0"):
        try:
            recorded = (_HERE / COMPILED_SOURCES).read_text(encoding="utf-8")
            names = [line.split("  ", 1)[1] for line in recorded.splitlines()]
            if names and recorded == _sources_digest(names):
                return   # the compiled modules are those of the sources
        except (OSError, IndexError):
            pass
        warnings.warn("worker/analysis changed since it was compiled: its modules are imported from their "
                      ".py sources (same results, slower); `make install` compiles them again",
                      RuntimeWarning, stacklevel=2)
    sys.meta_path.insert(0, _SourceFinder())


_import_sources_if_stale()

from worker.analysis.engine import ENGINE_VERSION, analyze, warm_up  # noqa: E402  (after the check)

__all__ = ["ENGINE_VERSION", "analyze", "warm_up"]

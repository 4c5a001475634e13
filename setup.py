"""Build of the analysis engine: its modules compiled to C extensions with mypyc.

Everything else is in pyproject.toml. The engine (worker/analysis/) is plain, fully typed Python;
mypyc (part of mypy, pinned in pyproject.toml's build-system requires) compiles the modules listed
in COMPILED to C extensions with the same behaviour, about twice as fast (see bench/speed.py). The
.py sources stay next to the compiled modules; worker/analysis/__init__.py (never compiled) imports
the sources instead when they changed after the build (see COMPILED_SOURCES there).

A pure-Python install is always possible, with the same results:
- ECOUTE_NO_MYPYC=1 at install time skips the compilation;
- when mypyc cannot compile (a type error in the engine, no C compiler or no Python headers), the
  build says so and installs pure Python.
"""
from __future__ import annotations

import hashlib
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "worker" / "analysis"
#: Written next to the compiled modules (see worker/analysis/__init__.py).
MANIFEST = PACKAGE / "compiled-sources.sha256"
GROUP = "ecoute_analysis"   # mypyc's shared library: ecoute_analysis__mypyc.*.so

#: Compiled modules: the whole engine but its package file (the check above), and learned.py
#: (scikit-learn models, off the hot path).
COMPILED = ["engine.py", "guardrails.py", "language.py", "lexicon.py", "models.py", "normalize.py",
            "priority.py", "replies.py", "sentiment.py", "situations.py", "steps.py"]

#: setup.py runs for every step of a pip install; only these commands build (the others read metadata).
BUILDING = {"build", "build_ext", "bdist_wheel", "editable_wheel", "install", "develop", "bdist_egg"}


def _warn(message: str) -> None:
    sys.stderr.write(f"\n*** ecoute: {message}\n*** ecoute: the analysis engine is installed as pure "
                     "Python (same results, about half the speed).\n\n")


def _remove_compiled(*folders: Path) -> None:
    """No compiled module left over from an earlier build: the engine is then pure Python."""
    MANIFEST.unlink(missing_ok=True)
    for folder in folders:
        for path in [*folder.glob(f"{GROUP}__mypyc.*"), *(folder / "worker" / "analysis").glob("*.so"),
                     *(folder / "worker" / "analysis").glob("*.pyd")]:
            path.unlink(missing_ok=True)


class OptionalBuildExt(build_ext):
    """build_ext that installs pure Python when the C compilation fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:   # no compiler, no Python headers...
            _warn(f"compiling the analysis engine failed ({type(error).__name__}: {error})")
            _remove_compiled(ROOT, Path(self.build_lib))
            self.extensions = []

    def build_extension(self, ext: Any) -> None:
        """One extension's C files compiled in parallel (mypyc writes one per module, see multi_file):
        the install takes about half as long on two cores."""
        compile_serially = self.compiler.compile

        def compile_in_parallel(sources: list[str], *args: Any, **kwargs: Any) -> list[str]:
            if len(sources) < 2:
                return compile_serially(sources, *args, **kwargs)   # type: ignore[no-any-return]
            with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
                started = {source: pool.submit(compile_serially, [source], *args, **kwargs)   # largest first
                           for source in sorted(sources, key=lambda source: -os.path.getsize(source))}
                return [obj for source in sources for obj in started[source].result()]

        self.compiler.compile = compile_in_parallel   # type: ignore[method-assign]
        try:
            super().build_extension(ext)
        finally:
            self.compiler.compile = compile_serially   # type: ignore[method-assign]

    def get_outputs(self) -> list[str]:
        return super().get_outputs() if self.extensions else []


def extensions() -> list[Any]:
    if not BUILDING & set(sys.argv[1:]):
        return []
    if os.environ.get("ECOUTE_NO_MYPYC", "") not in ("", "0"):
        sys.stderr.write("ecoute: ECOUTE_NO_MYPYC is set: the analysis engine is installed as pure Python\n")
        _remove_compiled(ROOT)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as error:
        _warn(f"mypyc is not available ({error})")
        _remove_compiled(ROOT)
        return []
    cwd = os.getcwd()
    os.chdir(ROOT)   # mypyc names the modules after their paths from the current directory
    try:
        modules = mypycify([f"worker/analysis/{name}" for name in COMPILED], opt_level="3", debug_level="0",
                           group_name=GROUP, multi_file=True)
    except (Exception, SystemExit):   # mypyc exits after printing a type error
        traceback.print_exc()
        _warn("mypyc could not compile worker/analysis (see above)")
        _remove_compiled(ROOT)
        return []
    finally:
        os.chdir(cwd)
    MANIFEST.write_text("".join(f"{hashlib.sha256((PACKAGE / name).read_bytes()).hexdigest()}  {name}\n"
                                for name in COMPILED), encoding="utf-8")
    return modules


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})

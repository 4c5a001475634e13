"""The engine compiled by mypyc (setup.py) and the same engine run from its .py sources agree.

The install compiles worker/analysis/ to C extensions when it can; ECOUTE_NO_MYPYC=1 at run time
makes the package import the .py sources instead (worker/analysis/__init__.py), and so does a
source changed since it was compiled. Without a compiled engine both sides are the sources.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import sys
from pathlib import Path

import pytest

from worker.analysis import analyze

ROOT = Path(__file__).resolve().parents[2]

COMMENTS = [
    {"text": "Bonjour, ma commande n'est toujours pas arrivée après 12 jours, c'est inadmissible !!",
     "channel": "twitter", "author": {"name": "Claire"}},
    {"text": "Bravo, 3 semaines pour livrer un canapé, quel exploit 👏👏", "channel": "facebook",
     "author": {"name": "Jean-Marc", "handle": "@jm_dupont"}},
    {"text": "On m'a débité deux fois 49,90 € ce mois-ci, je veux être remboursée",
     "channel": "tiktok", "author": {"name": "Inès"}, "brand": {"name": "Maison Lumière"}},
    {"text": "Vous livrez en Suisse ? Et combien de temps faut-il compter ?", "channel": "instagram"},
    {"text": "Super service, le conseiller a été top, merci 😍", "channel": "instagram",
     "author": {"name": "Léa"}},
    {"text": "L'appli plante dès que j'ouvre mon panier depuis la mise à jour d'hier", "channel": "review"},
    {"text": "J'attends mon colis depuis 3 semaines, il est où ?", "channel": "twitter",
     "brand": {"name": "Rapido", "default_language": "fr"}},
    {"text": "Gagnez un iPhone gratuit ici 👉 www.cadeau-facile.tk", "channel": "youtube"},
    {"text": "Franchement déçu, pourquoi le prix a doublé ?", "channel": "facebook", "author": {"name": "Paul"}},
    {"text": "Vous devriez proposer le paiement en trois fois sans frais", "channel": "linkedin"},
    {"text": "My order still hasn't arrived after 10 days and nobody answers my emails", "channel": "twitter",
     "author": {"name": "Kevin"}},
    {"text": "Great, another outage during my meeting, thanks a lot 🙄", "channel": "twitter",
     "author": {"handle": "@sarah_k"}},
    {"text": "The kettle caught fire on first use, my daughter burned her hand", "channel": "facebook",
     "author": {"name": "Tom"}},
    {"text": "Do you ship to Canada? And is the warranty valid there?", "channel": "instagram"},
    {"text": "Love it, works perfectly, best purchase this year!", "channel": "review", "author": {"name": "Amy"}},
    {"text": "You should add a dark mode, my eyes would thank you :)", "channel": "twitter"},
    {"text": "Thanks @mike_r, that fixed it!", "channel": "twitter",
     "thread": [{"author": {"name": "Mike"}, "text": "Try logging out and back in"}]},
    {"text": "been on hold for 2 hours, this is ridiculous!!!", "channel": "tiktok",
     "brand": {"name": "Northwind", "signature": "— Anna, customer care"}},
    {"text": "c nul tjr en retard pk ??", "channel": "twitter"},
    {"text": "Horrible, rude staff at the Lyon store", "channel": "review", "language": "en"},
]

#: Runs analyze on COMMENTS (JSON on stdin) and prints where the engine came from and the results.
SCRIPT = """
import json, sys
from worker.analysis import analyze, situations, engine
results = [analyze(comment) for comment in json.load(sys.stdin)]
print(json.dumps({"files": [situations.__file__, engine.__file__], "results": results}))
"""


def run_engine(cwd: Path, env: dict[str, str], script: str = SCRIPT) -> dict:
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env={**os.environ, **env},
                          input=json.dumps(COMMENTS), capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return {**json.loads(done.stdout), "stderr": done.stderr}


def test_sources_give_what_the_installed_engine_gives() -> None:
    interpreted = run_engine(ROOT, {"ECOUTE_NO_MYPYC": "1"})
    assert all(path.endswith(".py") for path in interpreted["files"])
    expected = json.loads(json.dumps([analyze(comment) for comment in COMMENTS]))
    assert interpreted["results"] == expected


def test_a_source_changed_after_compiling_is_imported_instead(tmp_path: Path) -> None:
    """A compiled module never runs instead of a newer source (an engine file edited after `make install`)."""
    shutil.copytree(ROOT / "worker", tmp_path / "worker", ignore=shutil.ignore_patterns("__pycache__"))
    for library in ROOT.glob("*__mypyc*"):   # the compiled engine's shared library, if any
        shutil.copy(library, tmp_path)
    engine = tmp_path / "worker" / "analysis" / "engine.py"
    engine.write_text(engine.read_text(encoding="utf-8").replace(
        'ENGINE_VERSION = "', 'ENGINE_VERSION = "edited-'), encoding="utf-8")
    script = "from worker.analysis import ENGINE_VERSION, situations; print(ENGINE_VERSION, situations.__file__)"
    done = subprocess.run([sys.executable, "-W", "always", "-c", script], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(tmp_path), "ECOUTE_NO_MYPYC": ""},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    version, situations_file = done.stdout.split()
    assert version.startswith("edited-")
    assert situations_file == str(tmp_path / "worker" / "analysis" / "situations.py")
    compiled = any(path.suffix in (".so", ".pyd") for path in (tmp_path / "worker" / "analysis").iterdir())
    assert ("changed since it was compiled" in done.stderr) == compiled


@pytest.mark.parametrize("value", ["1", "yes"])
def test_ecoute_no_mypyc_runs_the_sources(value: str) -> None:
    interpreted = run_engine(ROOT, {"ECOUTE_NO_MYPYC": value}, "from worker.analysis import situations, engine; "
                             "import json; print(json.dumps({'files': [situations.__file__, engine.__file__]}))")
    assert interpreted["files"] == [str(ROOT / "worker" / "analysis" / "situations.py"),
                                    str(ROOT / "worker" / "analysis" / "engine.py")]
    assert "changed since it was compiled" not in interpreted["stderr"]


def _can_compile() -> bool:
    """What setup.py needs to compile the engine: a C compiler and this Python's headers."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(compiler) is not None and (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file()


def test_the_engine_is_compiled_wherever_it_can_be() -> None:
    """An engine edit that mypyc rejects makes the install fall back to pure Python with a warning only:
    this turns that silent halving of the speed into a failing test wherever a C compiler is present
    (CI included). Without one, the sources are what runs."""
    compiled = run_engine(ROOT, {"ECOUTE_NO_MYPYC": ""},
                          "from worker.analysis import situations, engine; import json; "
                          "print(json.dumps({'files': [situations.__file__, engine.__file__]}))")
    from_sources = [path.endswith(".py") for path in compiled["files"]]
    if os.environ.get("ECOUTE_NO_MYPYC", "") not in ("", "0"):
        return   # installed on purpose without compiling (setup.py); the sources test above covers it
    assert from_sources == [not _can_compile()] * 2, compiled["files"]

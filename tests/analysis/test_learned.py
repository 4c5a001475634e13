"""`ecoute train`: a model learnt from a brand's own labelled comments, blended with the rules."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from worker.analysis import analyze, learned

# A brand community's own slang the generic rules cannot know: "zorbla" means broken/bad there.
NEGATIVE = ["c'est zorbla", "encore zorbla ce matin", "zorbla comme d'hab", "la box est zorbla",
            "franchement zorbla", "zorbla, zorbla et re-zorbla", "appli zorbla depuis la maj", "tout est zorbla"]
POSITIVE = ["trop bien merci", "service au top", "génial, merci l'équipe", "livraison rapide, ravi",
            "super appli", "nickel, rien à dire", "merci pour votre aide", "parfait comme toujours"]
NEUTRAL = ["vous ouvrez à quelle heure", "je regarde demain", "c'est noté", "on verra la semaine prochaine",
           "ma commande est partie hier", "je suis à Lyon", "le colis est au relais", "ok pour jeudi"]


def labelled() -> list[dict[str, str]]:
    rows = []
    for label, texts in (("negative", NEGATIVE), ("positive", POSITIVE), ("neutral", NEUTRAL)):
        for text in texts:
            rows.append({"text": text, "sentiment": label})
            rows.append({"text": text.capitalize() + " !", "sentiment": label})
    return rows


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    rows = labelled()
    path = tmp_path_factory.mktemp("model") / "brand.model"
    learned.save(learned.fit(rows, [analyze({"text": r["text"]}) for r in rows]), path)
    return str(path)


def test_rules_alone_say_who_decided() -> None:
    assert analyze({"text": "c'est zorbla"})["decided_by"] == {"sentiment": "rules", "category": "rules"}


def test_the_model_learns_the_brand_slang_the_rules_miss(model_path: str) -> None:
    text = "franchement, encore zorbla aujourd'hui"
    assert analyze({"text": text})["sentiment"]["label"] != "negative"
    blended = analyze({"text": text}, {"model_path": model_path})
    assert blended["sentiment"]["label"] == "negative"
    assert blended["decided_by"]["sentiment"] == "model"
    assert blended["decided_by"]["category"] == "rules"   # no category labels: the rules keep deciding
    assert blended["steps"][0]["id"] == "acknowledge"      # the playbook follows the blended labels


def test_the_model_keeps_what_the_rules_know(model_path: str) -> None:
    blended = analyze({"text": "Merci beaucoup, service impeccable"}, {"model_path": model_path})
    assert blended["sentiment"]["label"] == "positive"


def test_train_command_writes_a_model_that_analyze_uses(tmp_path: Path) -> None:
    data = tmp_path / "labelled.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in labelled()) + "\nnot json\n",
                    encoding="utf-8")
    out = tmp_path / "m.model"
    done = subprocess.run([sys.executable, "-m", "worker.cli", "train", str(data), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["trained_on"] == {"sentiment": len(labelled())}
    assert out.exists()
    analysed = subprocess.run([sys.executable, "-m", "worker.cli", "analyze", "-", "--model", str(out), "-q"],
                              input=json.dumps({"text": "zorbla encore"}) + "\n", capture_output=True, text=True,
                              timeout=300)
    line = json.loads(analysed.stdout)
    assert line["result"]["decided_by"]["sentiment"] == "model"


def test_train_refuses_data_without_two_labels(tmp_path: Path) -> None:
    data = tmp_path / "one-label.jsonl"
    data.write_text(json.dumps({"text": "hello", "sentiment": "positive"}) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "worker.cli", "train", str(data), "--out", str(tmp_path / "x")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert "nothing to learn" in done.stderr


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    import joblib

    bogus = tmp_path / "bogus.model"
    joblib.dump({"not": "a model"}, bogus)
    with pytest.raises(ValueError):
        learned.load(str(bogus))

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


def test_the_engine_reads_the_same_probabilities_as_the_batch_path(model_path: str) -> None:
    model = learned.load(model_path)
    texts = ["zorbla encore", "merci, au top", "je suis à Lyon"]
    labels = [analyze({"text": t}) for t in texts]
    for text, one, many in zip(texts, labels, model.predict_many(texts, labels)):
        single = model.predict(text, one)["sentiment"]
        assert single[0] == many["sentiment"][0]
        assert single[2] == pytest.approx(many["sentiment"][2], abs=1e-9)


def test_decided_by_says_model_only_when_the_model_changed_the_rules_label(model_path: str) -> None:
    model = learned.load(model_path)
    labels = analyze({"text": "merci, service au top"})
    assert labels["sentiment"]["label"] == "positive"
    before = dict(labels["sentiment"])
    assert learned.blend(model, "merci, service au top", labels)["sentiment"] == "rules"
    assert labels["sentiment"] == before                # agreeing with the rules leaves their score and cues
    labels = analyze({"text": "zorbla"})
    assert learned.blend(model, "zorbla", labels)["sentiment"] == "model"
    assert labels["sentiment"]["label"] == "negative" and labels["sentiment"]["score"] < 0


def test_a_small_history_with_missing_and_rare_labels() -> None:
    """A user's own file: some rows carry a sentiment, some a category, some both; one class is rare."""
    rows = []
    for text in NEGATIVE:
        rows.append({"text": text, "sentiment": "negative", "category": "complaint"})
    for text in POSITIVE:
        rows.append({"text": text, "sentiment": "positive"})
    for text in NEUTRAL:
        rows.append({"text": text, "category": "question"})
    rows.append({"text": "vends iphone pas cher, DM", "category": "spam"})   # one example: left to the rules
    rows.append({"text": "sans label"})
    model = learned.fit(rows, [analyze({"text": r["text"]}) for r in rows])
    assert model.trained_on == {"sentiment": 16, "category": 16}
    assert model.targets["category"].classes == ("complaint", "question")
    prediction = model.predict("zorbla", analyze({"text": "zorbla"}))
    assert prediction["sentiment"][0] == "negative" and prediction["category"][0] == "complaint"


def test_words_only_is_plain_tfidf_and_logistic_regression() -> None:
    rows = labelled()
    model = learned.fit(rows, None, use_rules=False)
    assert model.targets["sentiment"].blender is None
    assert model.predict("encore zorbla", analyze({"text": "encore zorbla"}))["sentiment"][0] == "negative"


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    import joblib

    bogus = tmp_path / "bogus.model"
    joblib.dump({"not": "a model"}, bogus)
    with pytest.raises(ValueError):
        learned.load(str(bogus))

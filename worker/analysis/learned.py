"""Models learnt from a brand's own labelled comments (`ecoute train`), blended with the rules.

A model is, per target (sentiment, category), a logistic regression over TF-IDF word and character
n-grams *plus the rules' own reading* of the comment (score, labels, flags). It therefore starts
from what the rules know and learns where this brand's comments differ. The engine uses it when
`options["model_path"]` names a file (the worker's ECOUTE_MODEL_PATH); the result's `decided_by`
says, per target, whether the rules or the model decided.

Only load model files you trained yourself: they are pickles (joblib), which run code when loaded.
scikit-learn is an optional dependency (`pip install 'ecoute[train]'`); the rules need none of it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from worker.analysis.models import FLAGS, Category

FORMAT_VERSION = 1
SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
TARGETS: dict[str, tuple[str, ...]] = {"sentiment": SENTIMENTS, "category": CATEGORIES}
#: Below this probability the model abstains and the rules decide.
MIN_CONFIDENCE = 0.45
#: How loud the rules' reading is next to the words (tuned on the val splits of the public sets).
RULE_WEIGHT = 1.0


def rule_features(labels: dict[str, Any]) -> list[float]:
    """The rules' reading of a comment as numbers: what the model blends with the words."""
    sentiment = labels["sentiment"]
    features = [float(sentiment["score"])]
    features += [1.0 if sentiment["label"] == s else 0.0 for s in SENTIMENTS]
    features += [1.0 if labels["category"] == c else 0.0 for c in CATEGORIES]
    features += [1.0 if labels["flags"].get(f) else 0.0 for f in FLAGS]
    return features


@dataclass
class LearnedModel:
    """Fitted pipelines per target, and what they were trained on."""

    targets: dict[str, Any] = field(default_factory=dict)   # name -> (vectorizer, classifier, use_rules)
    trained_on: dict[str, int] = field(default_factory=dict)
    version: int = FORMAT_VERSION

    def predict(self, text: str, labels: dict[str, Any]) -> dict[str, tuple[str, float, dict[str, float]]]:
        """Per target: (label, its probability, every class's probability)."""
        out = {}
        for name, (vectorizer, classifier, use_rules) in self.targets.items():
            matrix = _features(vectorizer, [text], [rule_features(labels)] if use_rules else None)
            probabilities = classifier.predict_proba(matrix)[0]
            by_class = {str(c): float(p) for c, p in zip(classifier.classes_, probabilities)}
            label = max(by_class, key=lambda c: by_class[c])
            out[name] = (label, by_class[label], by_class)
        return out


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=50000)),
        ("chars", TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                  sublinear_tf=True, max_features=100000)),
    ])


def _features(vectorizer: Any, texts: Sequence[str], rules: Sequence[Sequence[float]] | None) -> Any:
    from scipy.sparse import csr_matrix, hstack

    words = vectorizer.transform(texts)
    if rules is None:
        return words
    return hstack([words, csr_matrix(rules) * RULE_WEIGHT]).tocsr()


def fit(rows: Iterable[dict[str, Any]], rule_labels: Sequence[dict[str, Any]] | None, *,
        use_rules: bool = True) -> LearnedModel:
    """Fit one classifier per target that has at least two classes among the rows' labels.

    `rows` are {"text", "sentiment"?, "category"?}; `rule_labels[i]` is the rules' result for row i
    (needed when use_rules). With use_rules=False this is plain TF-IDF + logistic regression.
    """
    from sklearn.linear_model import LogisticRegression

    rows = list(rows)
    model = LearnedModel()
    for name, allowed in TARGETS.items():
        picked = [i for i, row in enumerate(rows) if row.get(name) in allowed]
        classes = {rows[i][name] for i in picked}
        if len(classes) < 2:
            continue
        texts = [str(rows[i]["text"]) for i in picked]
        vectorizer = _vectorizer().fit(texts)
        rules = [rule_features(rule_labels[i]) for i in picked] if use_rules and rule_labels is not None else None
        matrix = _features(vectorizer, texts, rules)
        classifier = LogisticRegression(max_iter=3000, C=4.0, class_weight="balanced")
        classifier.fit(matrix, [rows[i][name] for i in picked])
        model.targets[name] = (vectorizer, classifier, rules is not None)
        model.trained_on[name] = len(picked)
    if not model.targets:
        raise ValueError("nothing to learn: no 'sentiment' or 'category' with at least two different labels")
    return model


def save(model: LearnedModel, path: str | Path) -> None:
    import joblib

    joblib.dump(model, Path(path), compress=3)


@lru_cache(maxsize=4)
def load(path: str) -> LearnedModel:
    """Load a model once per process (a trusted file: see the module docstring)."""
    import joblib

    model = joblib.load(Path(path))
    if not isinstance(model, LearnedModel) or model.version != FORMAT_VERSION:
        raise ValueError(f"{path} is not an Écoute model of format {FORMAT_VERSION}")
    return model


def blend(model: LearnedModel, text: str, labels: dict[str, Any]) -> dict[str, str]:
    """Apply the model's decisions to the labels in place; returns who decided each target."""
    decided_by = {name: "rules" for name in TARGETS}
    for name, (label, confidence, by_class) in model.predict(text, labels).items():
        if confidence < MIN_CONFIDENCE:
            continue
        decided_by[name] = "model"
        if name == "sentiment":
            score = by_class.get("positive", 0.0) - by_class.get("negative", 0.0)
            labels["sentiment"] = {"label": label, "score": round(score, 3)}
        else:
            labels["category"] = label
    return decided_by

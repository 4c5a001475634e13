"""Models learnt from a brand's own labelled comments (`ecoute train`), stacked on the rules.

A model holds, per target (sentiment, category), two logistic regressions:
- a *text model* over TF-IDF word and character n-grams (characters cope with typos, missing
  accents, SMS spellings and emojis);
- a *blender* that reads the text model's probabilities next to the rules' own reading of the
  comment (score, label, category, flags, counts of the cues that fired) and learns, from the
  brand's labels, when to trust which. It is trained on out-of-fold probabilities of the text model
  (stacking), so it sees how good the words are on comments they were not fitted on; a blender fitted
  on in-sample probabilities would learn to trust the words blindly.

The engine uses a model when `options["model_path"]` names a file (the worker's ECOUTE_MODEL_PATH).
`decided_by` says, per target, who set the label: "model" when the blend changed the rules' label,
"rules" when the rules' label stands (no model for that target, or the model agrees with them).

Only load model files you trained yourself: they are pickles (joblib), which run code when loaded.
scikit-learn is an optional dependency (`pip install 'ecoute[train]'`); the rules need none of it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from worker.analysis.models import FLAGS, Category

FORMAT_VERSION = 2
SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
TARGETS: dict[str, tuple[str, ...]] = {"sentiment": SENTIMENTS, "category": CATEGORIES}
#: Folds of the out-of-fold text probabilities the blender learns from (fewer when a class is rarer).
FOLDS = 5
#: A class needs this many labelled comments to be learnt; rarer ones are left to the rules.
MIN_PER_CLASS = 2
#: Inverse regularisation of the text model (the TF-IDF + LR reference uses the same) and of the
#: blender; cross-validation on the train splits of the public sets found the blend's figure flat
#: for a blender C between 0.1 and 10.
TEXT_C = 4.0
BLEND_C = 1.0


def rule_features(labels: dict[str, Any]) -> list[float]:
    """The rules' reading of a comment as numbers: what the blender weighs against the words."""
    sentiment = labels["sentiment"]
    score = float(sentiment["score"])
    signals = [cue.get("signal", "") for cue in labels.get("cues", ())]
    positive, negative = signals.count("sentiment:positive"), signals.count("sentiment:negative")
    features = [score, abs(score)]
    features += [1.0 if sentiment["label"] == s else 0.0 for s in SENTIMENTS]
    features += [1.0 if labels["category"] == c else 0.0 for c in CATEGORIES]
    features += [1.0 if labels["flags"].get(f) else 0.0 for f in FLAGS]
    features += [math.log1p(positive), math.log1p(negative), 1.0 if positive and negative else 0.0]
    features += [1.0 if s in signals else 0.0 for s in ("negation", "sarcasm", "duration", "link")]
    features.append(1.0 if any(s.startswith("topic:") for s in signals) else 0.0)
    return features


@dataclass
class TargetModel:
    """One target's text model and, unless trained words-only, its blender."""

    classes: tuple[str, ...]   # sorted, as scikit-learn orders its probabilities' columns
    vectorizer: Any
    text: Any
    blender: Any | None

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_fast"}

    def probabilities_of(self, text: str, labels: dict[str, Any]) -> list[float]:
        """One comment's probabilities, as `probabilities` computes them, without scikit-learn's
        per-call overhead (about ten times faster on a single short comment)."""
        import numpy as np

        fast = self.__dict__.get("_fast") or self._prepare()
        logits = np.array(self.text.intercept_, dtype=float)
        for analyzer, vocabulary, idf, offset in fast:
            counts: dict[int, int] = {}
            for gram in analyzer(text):
                column = vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * idf[columns]
            weights /= np.sqrt(weights @ weights)
            logits += self.text.coef_[:, offset + columns] @ weights
        probabilities = _softmax(logits)
        if self.blender is None:
            return [float(p) for p in probabilities]
        features = _blend_features(probabilities[None, :], np.array([rule_features(labels)], dtype=float))[0]
        return [float(p) for p in _softmax(self.blender.coef_ @ features + self.blender.intercept_)]

    def _prepare(self) -> list[tuple[Any, dict[str, int], Any, int]]:
        fast, offset = [], 0
        for _, vectorizer in self.vectorizer.transformer_list:
            fast.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset))
            offset += len(vectorizer.vocabulary_)
        self.__dict__["_fast"] = fast
        return fast

    def probabilities(self, texts: Sequence[str], labels: Sequence[dict[str, Any]]) -> Any:
        """Rows of probabilities, columns in `classes` order."""
        import numpy as np

        text = self.text.predict_proba(self.vectorizer.transform(list(texts)))
        if self.blender is None:
            return text
        rules = np.array([rule_features(one) for one in labels], dtype=float)
        return self.blender.predict_proba(_blend_features(text, rules))


@dataclass
class LearnedModel:
    """Fitted models per target, and how many labelled comments each learnt from."""

    targets: dict[str, TargetModel] = field(default_factory=dict)
    trained_on: dict[str, int] = field(default_factory=dict)
    version: int = FORMAT_VERSION

    def predict_many(self, texts: Sequence[str], labels: Sequence[dict[str, Any]]
                     ) -> list[dict[str, tuple[str, float, dict[str, float]]]]:
        """Per comment, per target: (label, its probability, every class's probability)."""
        out: list[dict[str, tuple[str, float, dict[str, float]]]] = [{} for _ in texts]
        for name, target in self.targets.items():
            for row, probabilities in zip(out, target.probabilities(texts, labels)):
                by_class = {c: float(p) for c, p in zip(target.classes, probabilities)}
                label = max(by_class, key=lambda c: by_class[c])
                row[name] = (label, by_class[label], by_class)
        return out

    def predict(self, text: str, labels: dict[str, Any]) -> dict[str, tuple[str, float, dict[str, float]]]:
        """The same for one comment (the engine's path)."""
        out = {}
        for name, target in self.targets.items():
            by_class = dict(zip(target.classes, target.probabilities_of(text, labels)))
            label = max(by_class, key=lambda c: by_class[c])
            out[name] = (label, by_class[label], by_class)
        return out


def _softmax(logits: Any) -> Any:
    """scikit-learn's LogisticRegression probabilities from its decision values (binary: a sigmoid)."""
    import numpy as np

    if logits.shape[0] == 1:
        positive = 1.0 / (1.0 + np.exp(-logits[0]))
        return np.array([1.0 - positive, positive])
    exp = np.exp(logits - logits.max())
    return exp / exp.sum()


def _vectorizer(documents: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=50000)),
        ("chars", TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(2, 5),
                                  min_df=2 if documents >= 20 else 1, sublinear_tf=True, max_features=100000)),
    ])


def _fit_text(texts: Sequence[str], gold: Sequence[str]) -> tuple[Any, Any]:
    from sklearn.linear_model import LogisticRegression

    vectorizer = _vectorizer(len(texts)).fit(texts)
    classifier = LogisticRegression(max_iter=3000, C=TEXT_C, class_weight="balanced")
    return vectorizer, classifier.fit(vectorizer.transform(texts), gold)


def _aligned(classifier: Any, probabilities: Any, classes: Sequence[str]) -> Any:
    """Columns in `classes` order (a fold's model may have seen fewer classes)."""
    import numpy as np

    out = np.zeros((probabilities.shape[0], len(classes)))
    for column, label in enumerate(classifier.classes_):
        out[:, classes.index(str(label))] = probabilities[:, column]
    return out


def _blend_features(text_probabilities: Any, rules: Any) -> Any:
    import numpy as np

    return np.hstack([np.log(np.clip(text_probabilities, 1e-4, 1.0)), rules])


def _out_of_fold(texts: list[str], gold: list[str], classes: tuple[str, ...]) -> Any:
    """The text model's probabilities for each comment from a model that did not see it."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    folds = min(FOLDS, min(gold.count(c) for c in classes))
    out = np.zeros((len(texts), len(classes)))
    for fitted, held in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, gold):
        vectorizer, classifier = _fit_text([texts[i] for i in fitted], [gold[i] for i in fitted])
        probabilities = classifier.predict_proba(vectorizer.transform([texts[i] for i in held]))
        out[held] = _aligned(classifier, probabilities, classes)
    return out


def fit(rows: Iterable[dict[str, Any]], rule_labels: Sequence[dict[str, Any]] | None, *,
        use_rules: bool = True) -> LearnedModel:
    """Fit a model per target with at least two classes of MIN_PER_CLASS labelled comments each.

    `rows` are {"text", "sentiment"?, "category"?}: a row may carry either label, both or none.
    `rule_labels[i]` is the rules' result for row i (needed when use_rules). With use_rules=False
    the model is the text model alone: plain TF-IDF + logistic regression.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = list(rows)
    use_rules = use_rules and rule_labels is not None
    model = LearnedModel()
    for name, allowed in TARGETS.items():
        picked = [i for i, row in enumerate(rows) if row.get(name) in allowed]
        counts = {c: sum(rows[i][name] == c for i in picked) for c in allowed}
        classes = tuple(sorted(c for c in allowed if counts[c] >= MIN_PER_CLASS))   # scikit-learn's order
        picked = [i for i in picked if rows[i][name] in classes]
        if len(classes) < 2:
            continue
        texts = [str(rows[i]["text"]) for i in picked]
        gold = [str(rows[i][name]) for i in picked]
        vectorizer, text = _fit_text(texts, gold)
        blender = None
        if use_rules:
            assert rule_labels is not None
            rules = np.array([rule_features(rule_labels[i]) for i in picked], dtype=float)
            blender = LogisticRegression(max_iter=3000, C=BLEND_C, class_weight="balanced")
            blender.fit(_blend_features(_out_of_fold(texts, gold, classes), rules), gold)
        model.targets[name] = TargetModel(classes, vectorizer, text, blender)
        model.trained_on[name] = len(picked)
    if not model.targets:
        raise ValueError(f"nothing to learn: no 'sentiment' or 'category' with at least two different labels "
                         f"of {MIN_PER_CLASS} comments each")
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
        raise ValueError(f"{path} is not an Écoute model of format {FORMAT_VERSION} (train it again)")
    return model


def decide(labels: dict[str, Any], predicted: dict[str, tuple[str, float, dict[str, float]]]) -> dict[str, str]:
    """Apply a model's predictions to the rules' labels in place; returns who decided each target."""
    decided_by = {name: "rules" for name in TARGETS}
    for name, (label, _, by_class) in predicted.items():
        if name == "sentiment" and label != labels["sentiment"]["label"]:
            score = by_class.get("positive", 0.0) - by_class.get("negative", 0.0)
            labels["sentiment"] = {"label": label, "score": round(score, 3)}
            decided_by[name] = "model"
        elif name == "category" and label != labels["category"]:
            labels["category"] = label
            decided_by[name] = "model"
    return decided_by


def blend(model: LearnedModel, text: str, labels: dict[str, Any]) -> dict[str, str]:
    """The engine's entry point: blend the model into the labels in place; returns who decided."""
    return decide(labels, model.predict(text, labels))

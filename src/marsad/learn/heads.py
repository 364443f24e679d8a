"""Linear classifier heads stored as plain arrays: logistic regression without pickles.

scikit-learn fits them (``marsad train``); reading them back needs only numpy, and a model file can
never run code when loaded.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]
CERTAIN = 20.0  # a logit whose sigmoid is 1 to float32 precision


@dataclasses.dataclass(frozen=True, slots=True)
class Head:
    """One classifier: ``classes[i]`` has weights ``coef[i]``; one row of weights means a binary head
    whose row scores ``classes[1]`` against ``classes[0]``. A ``multilabel`` head scores each class on
    its own (can the sentence report this kind of event too?), so its probabilities need not sum to 1."""

    name: str
    classes: tuple[str, ...]
    coef: Array
    intercept: Array
    multilabel: bool = False

    def probabilities(self, features: Array) -> Array:
        """(rows, classes) probabilities for feature rows; each row's depend on that row alone, bit for
        bit (one product per row: a matrix product's rounding can depend on how many rows it has)."""
        products = np.asarray([row @ self.coef.T for row in features], dtype=np.float32)
        logits = products.reshape(len(features), len(self.intercept)) + self.intercept
        if self.multilabel:
            independent: Array = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
            return independent
        if len(self.classes) == 2 and self.coef.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.stack([1.0 - positive, positive], axis=1).astype(np.float32)
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probabilities: Array = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probabilities


def fit(name: str, features: Array, labels: list[str], *, strength: float) -> Head:
    """A logistic-regression head on ``features``; ``strength`` is scikit-learn's C (inverse of the
    regularisation). lbfgs on fixed data is deterministic: the same data give the same weights."""
    from sklearn.linear_model import LogisticRegression  # training only

    if len(set(labels)) == 1:  # a small data set may hold one class only: it is then certain
        zeros = np.zeros((1, features.shape[1]), dtype=np.float32)
        return Head(name=name, classes=(labels[0],), coef=zeros, intercept=np.zeros(1, dtype=np.float32))
    model = LogisticRegression(C=strength, max_iter=3000)
    model.fit(features, labels)
    return Head(
        name=name,
        classes=tuple(str(c) for c in model.classes_),
        coef=np.asarray(model.coef_, dtype=np.float32),
        intercept=np.asarray(model.intercept_, dtype=np.float32),
    )


def fit_multilabel(name: str, features: Array, labels: list[set[str]], *, strength: float) -> Head:
    """One binary logistic regression per class (is it among the row's labels?), stacked in one head."""
    from sklearn.linear_model import LogisticRegression  # training only

    classes = sorted(set().union(*labels))
    coefs, intercepts = [], []
    for label in classes:
        wanted = [label in row for row in labels]
        if all(wanted):  # in every row of a small data set: certain
            coefs.append(np.zeros(features.shape[1]))
            intercepts.append(CERTAIN)
            continue
        model = LogisticRegression(C=strength, max_iter=3000)
        model.fit(features, wanted)
        coefs.append(model.coef_[0])
        intercepts.append(model.intercept_[0])
    return Head(
        name=name,
        classes=tuple(classes),
        coef=np.asarray(coefs, dtype=np.float32),
        intercept=np.asarray(intercepts, dtype=np.float32),
        multilabel=True,
    )

"""The learned layer: sentence classifiers trained on labelled real news (``docs/model.md``).

The extract stage proposes event mentions by rule and fills their arguments; this layer reads each
candidate sentence and says how likely it reports a specific happening, of which PLOVER type and ACLED
sub-event type, with which modality, and whether it is a recalled earlier event. What it reads is a
:class:`marsad.records.Judgement` (probabilities); extract decides with it (``extract.decide``).

Reads: sentence text. Sets: nothing itself. Model files: ``marsad/learn/model/`` (``marsad train``).

Public API::

    load(directory=None) -> SentenceModel     # .judge(sentences) -> list[Judgement]
    Remembering(model, size=4096)             # the same judge, keeping judgements by sentence text
    train(data=None, out=None, progress=None) -> TrainReport
"""

from __future__ import annotations

from marsad.learn.model import ModelError, Remembering, SentenceModel, load
from marsad.learn.train import TrainReport, train

__all__ = ["ModelError", "Remembering", "SentenceModel", "TrainReport", "load", "train"]

"""The extract stage: spaCy Doc of an article -> Mentions (one per event clause) and Rejections.

Public API::

    extract(doc, article, judge=None, *, actors) -> ExtractResult(mentions, rejections)
    propose(doc, article, *, actors) -> ExtractResult  # the rules alone; then decided(result, article, judge)
    ActorNames                               # what extract asks of the actor KB it is handed (``actors``)
    sentences(mentions, article) -> [str]     # what a judge is asked to read for those mentions
    SentenceJudge                            # what the learned layer offers extract (decide.py)
    toponyms(doc) -> (Toponym, ...)           # every place name as written, for geoparsing
    acled_types(plover_type, mode, *, actor2_civilian=False, actor1_state=None, weapons=(), hints=())
    precedence(sub_event_type) -> int        # ACLED hierarchy rank, 0 highest

Lexicons and mappings live in ``marsad/data/lexicon.toml`` and ``marsad/data/plover_acled.toml``.
"""

from __future__ import annotations

from marsad.extract.acled import acled_types, precedence, sub_event_types
from marsad.extract.actor_names import ActorNames
from marsad.extract.core import ExtractResult, decided, extract, propose
from marsad.extract.decide import SentenceJudge, sentences
from marsad.extract.places_dates import toponyms

__all__ = [
    "ActorNames",
    "ExtractResult",
    "SentenceJudge",
    "acled_types",
    "decided",
    "extract",
    "precedence",
    "propose",
    "sentences",
    "sub_event_types",
    "toponyms",
]

"""Evaluation: score marsad's events against a gold standard.

Typical use (what ``marsad eval`` does)::

    gold = load_gold("gold.json")
    report = evaluate(gold, articles, events, same_actor=kb.same_actor)
    print(report_markdown(report))
    problems = floors_check(report_json(report), floors)

See docs/evaluation.md for the gold formats, the matching and every score.
"""

from __future__ import annotations

from marsad.evaluate.compare import default_same_actor
from marsad.evaluate.gold import Gold, GoldClaim, GoldEvent, GoldLocation
from marsad.evaluate.load import gold_articles, load_gold
from marsad.evaluate.markdown import report_markdown
from marsad.evaluate.report import floors_check, metrics, report_json
from marsad.evaluate.scores import EvalReport, evaluate

__all__ = [
    "EvalReport",
    "Gold",
    "GoldClaim",
    "GoldEvent",
    "GoldLocation",
    "default_same_actor",
    "evaluate",
    "floors_check",
    "gold_articles",
    "load_gold",
    "metrics",
    "report_json",
    "report_markdown",
]

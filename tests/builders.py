"""Records the merge tests build by hand: evidence read from a one-sentence text."""

from __future__ import annotations

from marsad.records import Evidence


def sentence_evidence(article: str, sentence: str, told: str | None = None) -> Evidence:
    """Evidence of ``told`` (by default the whole of ``sentence``) inside ``sentence``, the article's text."""
    told = sentence if told is None else told
    start = sentence.index(told)
    return Evidence(
        article_id=article,
        start=start,
        end=start + len(told),
        text=told,
        sentence_start=0,
        sentence_end=len(sentence),
    )

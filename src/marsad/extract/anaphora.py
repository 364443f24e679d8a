"""Bare definite nouns that refer back to an actor named earlier in the article.

"The ministry said ..." after "Syria's Interior Ministry", "troops" after "Israeli forces": the bare noun
names the same actor. Without this, resolution falls back to the event country's body ("troops" in a West
Bank report would become the forces of Palestine). The head words and their classes are data
(``anaphoric_heads`` in data/actors/lexicon.json).
"""

from __future__ import annotations

import logging

from marsad.actor_words import lexicon as actor_lexicon
from marsad.extract.actor_names import actor_names

log = logging.getLogger(__name__)


def _head_class(text: str) -> str | None:
    words = text.lower().split()
    return actor_lexicon().anaphoric_heads.get(words[-1]) if words else None


def remember(text: str, antecedents: dict[str, str]) -> None:
    """Note a named actor ("Israeli forces", "Syria's Interior Ministry") for later bare references."""
    cls = _head_class(text)
    if cls is None or len(text.split()) < 2:
        return
    kind = actor_names().kind_of(text)
    if kind is not None and kind != "state":
        antecedents[cls] = text


def refer_back(text: str, antecedents: dict[str, str]) -> str:
    """ "the ministry" or "troops" after "Syria's Interior Ministry" or "Israeli forces": that actor."""
    bare = text.removeprefix("the ").removeprefix("The ")
    if " " in bare or actor_names().kind_of(bare) is not None:
        return text
    cls = _head_class(bare)
    return antecedents.get(cls, text) if cls is not None else text

"""Which actor labels name nobody: sentence fragments and words the extractor took for an actor.

They are kept in the store (the coding is the coding), but the desk shows them nowhere an analyst
would take them for an actor: no actor page, no row in the actor list, no line in the brief's
"new actors". The list is data: ``data/not_actors.txt``.
"""

from __future__ import annotations

import functools
from importlib import resources

from marsad.records import ActorRef


@functools.cache
def not_actor_words() -> frozenset[str]:
    text = resources.files("marsad.data").joinpath("not_actors.txt").read_text(encoding="utf-8")
    lines = (line.strip().casefold() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def names_nobody(label: str) -> bool:
    """True for a label that is no actor's name: empty, all lowercase ("office"; "al-Qaeda" has a
    capital and is a name; scripts without case are never fragments by this test), or a listed word."""
    label = label.strip()
    if not any(char.isalpha() for char in label):
        return True
    lowercase_only = any(c.islower() for c in label) and not any(c.isupper() for c in label)
    return lowercase_only or label.casefold() in not_actor_words()


def is_shown(ref: ActorRef) -> bool:
    """Whether an actor reference may get a page, a list row or a brief line (KB actors always do)."""
    return ref.resolved or not names_nobody(ref.label)

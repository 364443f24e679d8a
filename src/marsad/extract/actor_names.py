"""What extract asks of the actor knowledge base, and how it is handed the one to ask.

Extract never loads the KB: ``propose(doc, article, actors=...)`` receives any object with these three
questions (the pipeline passes ``marsad.resolve.load_actor_names()``, tests may pass a stub). The rules
that ask them sit deep in dependency walks over tokens ("can this noun act?"), so the object is kept in
a context variable for the duration of one ``propose`` call rather than threaded through every walk.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Protocol


class ActorNames(Protocol):
    """The questions extract asks of the actor KB (``marsad.resolve.actors.KnowledgeBase`` answers them)."""

    def knows(self, text: str) -> bool:
        """Is ``text`` a name or alias of an actor, as written ("Hezbollah", "Damascus" as a government)?"""
        ...

    def kind_of(self, text: str) -> str | None:
        """The kind ("state", "person", "group", ...) of the actor ``text`` resolves to; None if none."""
        ...

    def organisation_of(self, person: str, *, on: str | None) -> str | None:
        """The body the KB person ``person`` acts for on the ISO date ``on``; None if not a KB person."""
        ...


_current: contextvars.ContextVar[ActorNames] = contextvars.ContextVar("actor_names")


@contextlib.contextmanager
def asking(names: ActorNames) -> Iterator[None]:
    """Within the block, :func:`actor_names` is ``names``."""
    token = _current.set(names)
    try:
        yield
    finally:
        _current.reset(token)


def actor_names() -> ActorNames:
    """The KB extract was handed for the article it is reading."""
    try:
        return _current.get()
    except LookupError:
        msg = "extract reads with the actor KB: pass actors=marsad.resolve.load_actor_names() to propose()"
        raise RuntimeError(msg) from None

"""Which scorer decides whether two reports in different articles may link: the hand points (the default)
or the learned one.

The learned scorer (``marsad.learn.pairs``, trained by ``marsad train``) is a logistic regression over the
signals ``compare`` computes; the hand scorer adds ``compare.score``'s points and links at
``cluster.CROSS_ARTICLE_MIN``. Either way the hard vetoes of ``compare.conflict`` hold first, and the join
order and the ambiguity guard read the hand points. Choose with the environment variable
``MARSAD_MERGE_SCORER`` (``learned`` or ``hand``), which worker processes inherit, so a Dask or a forked
run merges as the local one does; ``marsad eval-merge --merge-scorer`` sets it for one evaluation.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from marsad.errors import ConfigError

if TYPE_CHECKING:
    from marsad.learn.pairs import PairModel
    from marsad.merge.compare import Profile

ENV = "MARSAD_MERGE_SCORER"
SCORERS = ("learned", "hand")
DEFAULT = "hand"

_override: list[PairModel | None] = []  # a model under test (``using``), innermost last


def name() -> str:
    """The scorer in force: ``learned`` or ``hand``."""
    if _override:
        return "hand" if _override[-1] is None else "learned"
    chosen = os.environ.get(ENV, "").strip().lower() or DEFAULT
    if chosen not in SCORERS:
        raise ConfigError(f"{ENV}={chosen!r}: choose one of {', '.join(SCORERS)}")
    return chosen


def links_across(a: Profile, b: Profile, points: int, minimum: int) -> bool:
    """Whether two non-conflicting reports of different articles may link; ``points`` are their hand
    points and ``minimum`` the hand scorer's bar."""
    if name() == "hand":
        return points >= minimum
    return _model().links(a, b)


def _model() -> PairModel:
    if _override and _override[-1] is not None:
        return _override[-1]
    from marsad.learn import pairs

    return pairs.load()


@contextlib.contextmanager
def using(model: PairModel | None) -> Iterator[None]:
    """Merge with ``model`` (None: the hand points) inside the block, in this process only (training and
    tests)."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()

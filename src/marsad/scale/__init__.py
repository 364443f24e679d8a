"""Scale-out: the pipeline on a Dask cluster, and merge by independent partitions.

>>> from marsad.scale import run_distributed  # doctest: +SKIP
>>> run_distributed(["examples/"], "marsad.db", scheduler=None, workers=2)  # doctest: +SKIP

Design and how to point marsad at a real cluster and a shared PostgreSQL: docs/scaling.md.
"""

from __future__ import annotations

from marsad.scale.engine import article_partitions, run_distributed
from marsad.scale.merging import components, merge_partitioned, partitions

__all__ = [
    "article_partitions",
    "components",
    "merge_partitioned",
    "partitions",
    "run_distributed",
]

"""The training sentences: one JSON object a line in ``marsad/learn/data/*.jsonl``.

Each line is a sentence of real news (or of our own writing) with its labels, its source and its
licence; ``docs/model.md`` and ``data/README.md`` describe the format and where the text comes from.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from marsad.errors import ConfigError
from marsad.plover import PLOVER_FAMILIES

PLOVER_TYPES = frozenset(PLOVER_FAMILIES)
NOT_EVENT_REASONS = frozenset(
    {"generic", "opinion", "stance", "aggregate", "negated", "hypothetical", "trivia", "none"}
)
MODALITIES = frozenset({"asserted", "planned", "threatened"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Labelled:
    """One labelled sentence; for a non-event, ``why`` says why and the event fields are empty."""

    id: str
    text: str
    event: bool
    why: str | None = None
    modality: str | None = None
    background: bool = False
    types: tuple[str, ...] = ()
    acled: str | None = None
    licence: str = ""


def data_dir() -> Path:
    return Path(str(resources.files("marsad.learn").joinpath("data")))


def data_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or data_dir()).glob("*.jsonl"))


def digest(paths: Iterable[Path]) -> str:
    """SHA-256 over the training files, in name order: the model card names the data it came from."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def read(paths: Iterable[Path], acled_types: frozenset[str]) -> list[Labelled]:
    """Every labelled sentence of ``paths``; a bad line is an error naming its file and line."""
    out: list[Labelled] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read labelled sentences ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    out.append(_parse(json.loads(line), acled_types))
                except KeyError as exc:
                    raise ConfigError(f"{path}:{number}: missing field {exc}") from exc
                except (ValueError, TypeError, AttributeError) as exc:
                    raise ConfigError(f"{path}:{number}: {exc}") from exc
    return out


def _parse(row: dict[str, object], acled_types: frozenset[str]) -> Labelled:
    text, event = row["text"], row["event"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("`text` must be a non-empty string")
    if not isinstance(event, bool):
        raise ValueError("`event` must be true or false")
    if not event:
        if row.get("why") not in NOT_EVENT_REASONS:
            raise ValueError(f"`why` must be one of {sorted(NOT_EVENT_REASONS)} for a non-event")
        return Labelled(id=str(row["id"]), text=text, event=False, why=str(row["why"]), licence=_licence(row))
    types = row.get("types")
    if not isinstance(types, list) or not types or any(t not in PLOVER_TYPES for t in types):
        raise ValueError(f"`types` must list PLOVER types, main event first; got {types!r}")
    if row.get("modality") not in MODALITIES:
        raise ValueError(f"`modality` must be one of {sorted(MODALITIES)}")
    acled = row.get("acled")
    if acled is not None and acled not in acled_types:
        raise ValueError(f"`acled` {acled!r} is not an ACLED sub-event type")
    return Labelled(
        id=str(row["id"]),
        text=text,
        event=True,
        modality=str(row["modality"]),
        background=bool(row.get("background", False)),
        types=tuple(str(t) for t in types),
        acled=str(acled) if acled else None,
        licence=_licence(row),
    )


def _licence(row: dict[str, object]) -> str:
    licence = row.get("licence")
    if not isinstance(licence, str) or not licence:
        raise ValueError("every sentence needs its `licence`")
    return licence

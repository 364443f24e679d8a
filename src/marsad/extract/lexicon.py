"""Loading the trigger lexicon (``data/lexicon.toml``) into frozen lookup tables.

Everything extract knows about words lives in that file; this module only validates it and builds
dict/frozenset lookups so that per-token work is a hash lookup on the lemma.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import tomllib
from importlib import resources
from typing import Any

from marsad.errors import ConfigError
from marsad.plover import PLOVER_FAMILIES

log = logging.getLogger(__name__)

LEXICON_FILE = "lexicon.toml"
PLOVER_TYPES = frozenset(PLOVER_FAMILIES)
FIGURE_KINDS = frozenset({"killed", "injured", "arrested", "missing"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TriggerSpec:
    """How one trigger lemma reads."""

    lemma: str
    type: str
    mode: str | None = None
    figure: str | None = None
    requires: frozenset[str] = frozenset()
    subject_any: frozenset[str] = frozenset()
    object_ents: frozenset[str] = frozenset()
    modifiers: tuple[tuple[str, str, str | None], ...] = ()
    subject_patient: bool = False
    agent_first: bool = False
    hint: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    verbs: dict[str, TriggerSpec]
    nouns: dict[str, TriggerSpec]
    threat: dict[str, str]
    member_words: frozenset[str]
    event_words: frozenset[str]
    cause_preps: frozenset[str]
    # PLOVER type or ACLED hint -> prepositions whose object is the patient ("demanded ... from X")
    patient_preps: dict[str, frozenset[str]]
    civilian_words: frozenset[str]
    person_words: frozenset[str]
    lemma_fixes: dict[str, str]
    state_words: frozenset[str]
    speech_verbs: frozenset[str]
    source_words: dict[str, frozenset[str]]
    vague: dict[str, int]
    lower_bound: tuple[str, ...]
    upper_bound: tuple[str, ...]
    collective: frozenset[str]
    weapons: dict[str, str]
    weapon_order: tuple[str, ...]
    words: dict[str, frozenset[str]]
    # lemma -> its reading when it acts on a person ("capture the fugitive": an arrest, not a conquest)
    captive_verbs: dict[str, TriggerSpec] = dataclasses.field(default_factory=dict)


def _spec(lemma: str, raw: dict[str, Any], where: str) -> TriggerSpec:
    kind = raw.get("type")
    if kind not in PLOVER_TYPES:
        raise ConfigError(
            f"data/{LEXICON_FILE}: {where}.{lemma}: unknown PLOVER type {kind!r}; use one of the 16"
        )
    figure = raw.get("figure")
    if figure is not None and figure not in FIGURE_KINDS:
        raise ConfigError(
            f"data/{LEXICON_FILE}: {where}.{lemma}: figure must be one of {sorted(FIGURE_KINDS)}"
        )
    modifiers = tuple(
        (word, str(pair[0]), str(pair[1]) if len(pair) > 1 else None)
        for word, pair in raw.get("modifiers", {}).items()
    )
    return TriggerSpec(
        lemma=lemma,
        type=kind,
        mode=raw.get("mode"),
        figure=figure,
        requires=frozenset(raw.get("requires", ())),
        subject_any=frozenset(raw.get("subject_any", ())),
        object_ents=frozenset(raw.get("object_ents", ())),
        modifiers=modifiers,
        subject_patient=bool(raw.get("subject_patient", False)),
        agent_first=bool(raw.get("agent_first", False)),
        hint=raw.get("hint"),
    )


def _read(name: str) -> dict[str, Any]:
    text = resources.files("marsad.data").joinpath(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"data/{name}: not valid TOML ({exc}); fix the file") from exc


@functools.cache
def load_lexicon() -> Lexicon:
    """The trigger lexicon, read once per process."""
    raw = _read(LEXICON_FILE)
    roles, sources, figures = raw["roles"], raw["sources"], raw["figures"]
    lexicon = Lexicon(
        verbs={k: _spec(k, v, "verbs") for k, v in raw["verbs"].items()},
        nouns={k: _spec(k, v, "nouns") for k, v in raw["nouns"].items()},
        threat=dict(raw["threat"]),
        member_words=frozenset(roles["member_words"]),
        event_words=frozenset(roles["event_words"]),
        cause_preps=frozenset(roles["cause_preps"]),
        patient_preps={k: frozenset(v) for k, v in roles.get("patient_preps", {}).items()},
        civilian_words=frozenset(roles["civilian_words"]),
        person_words=frozenset(roles["person_words"]),
        lemma_fixes=dict(raw.get("lemma_fixes", {})),
        state_words=frozenset(roles["state_words"]),
        speech_verbs=frozenset(sources["speech_verbs"]),
        source_words={k: frozenset(v) for k, v in sources.items() if k != "speech_verbs"},
        vague={k.lower(): int(v) for k, v in figures["vague"].items()},
        lower_bound=tuple(figures["lower_bound"]),
        upper_bound=tuple(figures["upper_bound"]),
        collective=frozenset(figures["collective"]),
        weapons={k.lower(): v for k, v in raw["weapons"].items()},
        weapon_order=tuple(raw["weapon_modes"]["order"]),
        words={k: frozenset(v) for k, v in raw["words"].items()},
        captive_verbs={k: _spec(k, v, "captive_verbs") for k, v in raw.get("captive_verbs", {}).items()},
    )
    log.debug("lexicon: %d verb and %d noun triggers", len(lexicon.verbs), len(lexicon.nouns))
    return lexicon


def words(name: str) -> frozenset[str]:
    """A word list of ``[words]`` in data/lexicon.toml ("plan_heads", "owned", ...)."""
    try:
        return load_lexicon().words[name]
    except KeyError as exc:
        raise ConfigError(f"data/{LEXICON_FILE}: [words] has no list {name!r}; add it") from exc


def read_data(name: str) -> dict[str, Any]:
    """Any TOML data file of marsad.data (used by the ACLED mapping)."""
    return _read(name)

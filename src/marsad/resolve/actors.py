"""The actor knowledge base: who is who, who speaks for whom, and since when.

The data lives in ``data/actors/*.jsonl`` (one actor a line; see docs/kb.md). This module loads it
into a :class:`KnowledgeBase` that resolves a name as written in news text ("Abou Taqwa", "the US
military", "Iraqi police sources") to an :class:`~marsad.records.ActorRef`: the canonical actor, the
organisation it acts for on the event date, and that organisation's parent.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from marsad.actor_words import guess_type, key, lexicon, normalise
from marsad.errors import ConfigError
from marsad.records import ActorRef
from marsad.resolve import kb_match, kb_roles
from marsad.resolve.kb_validate import RawEntry, bound, names_of, read_entries, validate

__all__ = [
    "DATA_DIR",
    "KB_ENV",
    "Actor",
    "KnowledgeBase",
    "Role",
    "add_actor",
    "default_paths",
    "guess_type",
    "load_kb",
    "normalise",
    "packaged_paths",
    "search_aliases",
    "unresolved_counts",
    "user_paths",
    "validate",
    "validate_files",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
KB_ENV = "MARSAD_KB"  # a folder of the user's own actor files, added to the packaged ones
_ACRONYM_MAX = 5  # "US", "UN", "IS", "PMF", "UNIFIL" is not one
# ACLED's actors for people the news does not name, by generic slot: (name before "(Country)", type, sector).
_GROUPS = {
    "civilians": ("Civilians", "Civilians", "CVL"),
    "journalists": ("Journalists", "Civilians", "CVL"),
    "aid_workers": ("Aid Workers", "Civilians", "CVL"),
    "protesters": ("Protesters", "Protesters", "OPP"),
    "rioters": ("Rioters", "Rioters", "OPP"),
    "unidentified": ("Unidentified Armed Group", "Political militia", "UAF"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """An office a person holds for an organisation, between two dates (None: open)."""

    org: str
    title: str
    valid_from: str | None = None
    valid_to: str | None = None

    def valid_on(self, day: str) -> bool:
        return _within(self.valid_from, self.valid_to, day)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One entry of the knowledge base."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None  # ACLED actor type (inter)
    sector: str | None = None  # PLOVER sector
    country: str | None = None  # ISO 3166-1 alpha-2; None for IGOs
    parent: str | None = None  # id of the organisation this one belongs to
    wikidata: str | None = None
    kind: str = "organisation"  # organisation | person | state
    roles: tuple[Role, ...] = ()
    acts_for: str | None = None  # id of the actor ACLED codes in its place (a ministry -> its forces)
    valid_from: str | None = None  # for organisations that exist for a period ("Government of Syria (2024-)")
    valid_to: str | None = None
    generic: str | None = None  # slot for "Iraqi police"-style phrases: military, police, government, ...
    demonyms: tuple[str, ...] = ()  # for states: "Iraqi"

    def valid_on(self, day: str | None) -> bool:
        """Whether the actor exists on ``day``; with no day, whether it still exists."""
        if day is None:
            return self.valid_to is None
        return _within(self.valid_from, self.valid_to, day)


def _within(start: str | None, stop: str | None, day: str) -> bool:
    return bound(start or "0001", end=False) <= day <= bound(stop or "9999", end=True)


def _actor(data: Mapping[str, Any]) -> Actor:
    roles = tuple(
        Role(org=r["org"], title=r["title"], valid_from=r.get("valid_from"), valid_to=r.get("valid_to"))
        for r in data.get("roles") or []
    )
    return Actor(
        id=data["id"],
        name=data["name"],
        aliases=tuple(data.get("aliases") or ()),
        type=data.get("type"),
        sector=data.get("sector"),
        country=data.get("country"),
        parent=data.get("parent"),
        wikidata=data.get("wikidata"),
        kind=data["kind"],
        roles=roles,
        acts_for=data.get("acts_for"),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        generic=data.get("generic"),
        demonyms=tuple(data.get("demonyms") or ()),
    )


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return 1 < len(bare) <= _ACRONYM_MAX and bare.isalpha() and bare.isupper()


class KnowledgeBase:
    """Actors indexed by normalised name, with date-aware resolution."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._actors: dict[str, Actor] = {}
        self._order: dict[str, int] = {}
        self._index: dict[str, list[Actor]] = {}
        self._names: dict[str, frozenset[str]] = {}  # id -> casefolded names, for exact preference
        self._loose: set[str] = set()  # keys reached by at least one name that is not an acronym
        self._generic: dict[tuple[str, str], list[Actor]] = {}
        self._holders: list[tuple[Actor, Role, str]] = []  # person, role, key of its canonical title
        self._state_index: dict[str, Actor] | None = None  # country -> its state, built on first need
        for actor in actors:
            self._add(actor)

    def _add(self, actor: Actor) -> None:
        self._order[actor.id] = len(self._actors)
        self._actors[actor.id] = actor
        names = names_of({"name": actor.name, "aliases": actor.aliases, "demonyms": actor.demonyms})
        self._names[actor.id] = frozenset(n.casefold() for n in names)
        for name in names:
            name_key = key(name)
            bucket = self._index.setdefault(name_key, [])
            if all(other.id != actor.id for other in bucket):
                bucket.append(actor)
            if not _is_acronym(name):
                self._loose.add(name_key)
        if actor.generic and actor.country:
            self._generic.setdefault((actor.country, actor.generic), []).append(actor)
        titles = lexicon().titles
        for role in actor.roles:
            self._holders.append((actor, role, key(titles.get(key(role.title), role.title))))

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def lookup(self, text: str) -> list[Actor]:
        """Actors whose name or an alias normalises like ``text`` (file order)."""
        return list(self._index.get(key(text), ()))

    def pick(self, name_key: str, raw: str, *, on: str | None, country_hint: str | None) -> Actor | None:
        """One actor for an index key: exact spelling first, then valid on the date, the hinted country."""
        found = self._index.get(name_key)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        exact = [a for a in found if raw.casefold() in self._names[a.id]]
        if len(exact) == 1:
            return exact[0]
        return self.choose(found, on=on, country_hint=country_hint)

    def choose(self, found: Sequence[Actor], *, on: str | None, country_hint: str | None) -> Actor | None:
        """Deterministic choice: valid on ``on``, then in the hinted country, then first in file order."""
        if not found:
            return None
        dated = [a for a in found if a.valid_on(on)] or list(found)
        hinted = [a for a in dated if a.country == country_hint] or dated
        return min(hinted, key=lambda a: self._order[a.id])

    def is_acronym_key(self, name_key: str) -> bool:
        """True when only acronyms ("US", "IS") give this key: lowercase "us" or "is" must not match."""
        return name_key in self._index and name_key not in self._loose

    def generic_actor(self, country: str, slot: str, *, on: str | None) -> Actor | None:
        """The country's actor for a slot such as "military" or "civilians", valid on ``on``.

        ACLED's group actors ("Civilians (Poland)") of a country the data files give none for are made
        on first use from the country's state, so every state of the KB has them without loading cost.
        """
        found = self._generic.get((country, slot)) or self._group_actor(country, slot)
        return self.choose(found, on=on, country_hint=country)

    def _group_actor(self, country: str, slot: str) -> list[Actor]:
        group = _GROUPS.get(slot)
        state = self._states().get(country)
        if group is None or state is None:
            return []
        label, actor_type, sector = group
        actor = Actor(
            id=f"{country.lower()}-{slot}", name=f"{label} ({state.name})", type=actor_type,
            sector=sector, country=country, generic=slot,
        )  # fmt: skip
        if actor.id in self._actors:  # an id taken by a data file: leave the slot empty
            return []
        self._order[actor.id] = len(self._order)
        self._actors[actor.id] = actor
        self._generic[(country, slot)] = [actor]
        return [actor]

    def _states(self) -> dict[str, Actor]:
        if self._state_index is None:
            self._state_index = {}
            for actor in self._actors.values():
                if actor.kind == "state" and actor.country:
                    self._state_index.setdefault(actor.country, actor)
        return self._state_index

    def holder(self, country: str, title: str, *, on: str | None) -> Actor | None:
        """Who holds an office (a canonical title such as "Prime Minister") in a country on ``on``."""
        wanted = key(title)
        for person, role, role_title in self._holders:
            org = self._actors.get(role.org)
            if org is None or org.country != country or role_title != wanted:
                continue
            if (role.valid_to is None) if on is None else role.valid_on(on):
                return person
        return None

    def role_on(self, person: Actor, on: str | None) -> Role | None:
        """The role a person acts in on ``on``: the first listed role valid then.

        With no date, the first open role. When none is valid, the most recent earlier role (someone
        killed or out of office is still reported as a member of their last organisation).
        """
        if not person.roles:
            return None
        if on is None:
            current = [r for r in person.roles if r.valid_to is None]
            return (
                current[0] if current else max(person.roles, key=lambda r: bound(r.valid_to or "", end=True))
            )
        for role in person.roles:
            if role.valid_on(on):
                return role
        past = [r for r in person.roles if r.valid_to and bound(r.valid_to, end=True) < on]
        return max(past, key=lambda r: bound(r.valid_to or "", end=True)) if past else None

    def acting(self, actor: Actor) -> Actor:
        """Follow ``acts_for`` (a ministry acts for its forces, a spokesman's office for its org)."""
        seen = {actor.id}
        while actor.acts_for and actor.acts_for not in seen and actor.acts_for in self._actors:
            seen.add(actor.acts_for)
            actor = self._actors[actor.acts_for]
        return actor

    # The questions extract asks (``marsad.extract.ActorNames``): extract is handed this KB, never loads it.
    def knows(self, text: str) -> bool:
        """``text`` is a name or alias of an actor as written."""
        return bool(self.lookup(text))

    def kind_of(self, text: str) -> str | None:
        """The kind of the actor ``text`` resolves to (undated), None if it resolves to none."""
        ref = self.resolve(text)
        actor = self.get(ref.actor_id) if ref.actor_id else None
        return actor.kind if actor is not None else None

    def organisation_of(self, person: str, *, on: str | None) -> str | None:
        """The name of the body the KB person ``person`` acts for on ``on``; None if not a KB person."""
        ref = self.resolve(person, on=on)
        actor = self.get(ref.actor_id) if ref.resolved and ref.actor_id else None
        if actor is None or actor.kind != "person":
            return None
        role = self.role_on(actor, on)
        org = self.get(role.org) if role is not None else None
        return org.name if org is not None else None

    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef:
        """Resolve a name as written; ``on`` is the ISO event date, ``country_hint`` the event's country."""
        actor = kb_match.best(self, text, on=on, country_hint=country_hint)
        if actor is None:
            return ActorRef(text=text, resolved=False, actor_type=guess_type(text))
        return self.as_ref(text, actor, on=on, country_hint=country_hint)

    def resolve_in_role(
        self,
        actor: ActorRef,
        *,
        role: str,
        plover_type: str | None,
        on: str | None = None,
        country_hint: str | None = None,
    ) -> ActorRef:
        """``actor`` as ``role`` ("actor1"/"actor2") of an event of ``plover_type``: see kb_roles."""
        return kb_roles.resolve_in_role(
            self, actor, role=role, plover_type=plover_type, on=on, country_hint=country_hint
        )

    def unnamed_actor(
        self,
        plover_type: str,
        mode: str | None,
        *,
        on: str | None,
        country: str,
        role: str = "actor1",
        acled_type: str | None = None,
    ) -> ActorRef | None:
        """ACLED's actor for a role the text leaves unnamed, in ``country``: as actor 1 a protest's
        Protesters, an arrest's Police Forces, a shooting's Unidentified Armed Group (``unnamed_actor1``);
        as actor 2 a protest's Government, violence against civilians' Civilians (``unnamed_actor2``).
        The most specific key wins: "TYPE/mode", then "TYPE/ACLED event type", then "TYPE"."""
        table = lexicon().unnamed_actor2 if role == "actor2" else lexicon().unnamed_actor1
        keys = (f"{plover_type}/{mode}", f"{plover_type}/{acled_type}", plover_type)
        slot = next((table[key] for key in keys if key in table), None)  # "": no actor for this key
        actor = self.generic_actor(country, slot, on=on) if slot else None
        if actor is None:
            return None
        ref = self.as_ref(actor.name, actor, on=on, country_hint=country)
        named = "agent" if role == "actor1" else "target"
        return replace(ref, clue=f"no {named} named: ACLED's actor for the event")

    def as_ref(self, text: str, actor: Actor, *, on: str | None, country_hint: str | None) -> ActorRef:
        """The ActorRef for ``text`` read as ``actor``: its organisation on ``on``, parent and type."""
        org: Actor | None = actor
        if actor.kind == "person":
            role = self.role_on(actor, on)
            org = self._actors.get(role.org) if role else None
        if org is None:
            return ActorRef(
                text=text, name=actor.name, actor_id=actor.id, actor_type=actor.type,
                sector=actor.sector, country=actor.country, resolved=True,
            )  # fmt: skip
        org = self.acting(org)
        parent = self._actors.get(org.parent) if org.parent else None
        actor_type = org.type
        # ACLED codes a state's forces operating in another country as External/Other forces.
        if (
            country_hint
            and org.country
            and org.country != country_hint
            and org.sector in {"MIL", "COP", "SPY"}
        ):
            actor_type = "External/Other forces"
        return ActorRef(
            text=text, name=actor.name, actor_id=actor.id, org=org.name,
            parent=parent.name if parent else None, actor_type=actor_type, sector=org.sector,
            country=org.country, resolved=True,
        )  # fmt: skip

    def chain(self, actor_id: str, *, on: str | None = None) -> list[Actor]:
        """The actor, then (for a person) the organisation of their role on ``on``, then parents upward."""
        actor = self._actors.get(actor_id)
        chain: list[Actor] = []
        while actor is not None and actor not in chain:
            chain.append(actor)
            if actor.kind == "person":
                role = self.role_on(actor, on)
                actor = self._actors.get(role.org) if role else None
            else:
                actor = self._actors.get(actor.parent) if actor.parent else None
        return chain

    def same_actor(self, a: str, b: str, *, on: str | None = None) -> bool:
        """Whether two names denote the same actor: equal keys, or resolving to the same organisation."""
        if key(a) == key(b):
            return True
        ref_a, ref_b = self.resolve(a, on=on), self.resolve(b, on=on)
        if not (ref_a.resolved and ref_b.resolved):
            return False
        return ref_a.actor_id == ref_b.actor_id or key(ref_a.label) == key(ref_b.label)

    def patterns(self) -> list[dict[str, str]]:
        """spaCy entity_ruler patterns (ORG, PERSON, GPE, NORP) from every name and alias."""
        seen: set[tuple[str, str]] = set()
        out: list[dict[str, str]] = []
        for actor in self._actors.values():
            if actor.generic in kb_match.GROUP_SLOTS:
                continue  # "Civilians (Iraq)" never appears in running text
            label = {"person": "PERSON", "state": "GPE"}.get(actor.kind, "ORG")
            named = [(label, n) for n in (actor.name, *actor.aliases)]
            named += [("NORP", d) for d in actor.demonyms]
            for lab, text in named:
                # Lowercase aliases ("settlers") describe rather than name; the ruler is case-sensitive.
                if "(" in text or text.islower() or (lab, text) in seen:
                    continue
                seen.add((lab, text))
                out.append({"label": lab, "pattern": text, "id": actor.id})
        return out


@functools.cache  # the packaged folder is listed once per process; `add_actor` clears it
def packaged_paths() -> tuple[Path, ...]:
    """The packaged actor data files, in name order."""
    return tuple(sorted(DATA_DIR.glob("*.jsonl")))


def user_paths(folder: str | Path | None = None) -> tuple[Path, ...]:
    """The actor files (``*.jsonl``, name order) of the user's folder: ``folder``, else ``$MARSAD_KB``.

    None when neither is set. Raises ConfigError when the folder does not exist.
    """
    chosen = folder if folder is not None else os.environ.get(KB_ENV)
    if not chosen:
        return ()
    path = Path(chosen)
    if not path.is_dir():
        raise ConfigError(
            f"{path}: no such folder of actor files (--kb or {KB_ENV}); create it and put one .jsonl file "
            "of actors in it (see docs/kb.md)"
        )
    return tuple(sorted(path.glob("*.jsonl")))


def ignored_files(folder: str | Path | None = None) -> tuple[Path, ...]:
    """Files of the user's folder that are not actor files (not ``*.jsonl``): never read, so named by
    ``marsad kb check`` rather than skipped in silence (an ``actors.json`` is an easy slip)."""
    chosen = folder if folder is not None else os.environ.get(KB_ENV)
    if not chosen or not Path(chosen).is_dir():
        return ()
    return tuple(
        sorted(
            p
            for p in Path(chosen).iterdir()
            if p.is_file() and p.suffix != ".jsonl" and not p.name.startswith(".")
        )
    )


def default_paths() -> tuple[Path, ...]:
    """The packaged actor data files, then those of the user's folder (``--kb`` / ``$MARSAD_KB``)."""
    return (*packaged_paths(), *user_paths())


def load_kb(paths: Sequence[Path] | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base (cached per set of paths); raises ConfigError when invalid."""
    return _load(tuple(Path(p) for p in paths) if paths is not None else default_paths())


@functools.cache
def _load(paths: tuple[Path, ...]) -> KnowledgeBase:
    entries, errors = read_entries(paths)
    errors.extend(validate(entries))
    if errors:
        shown = "\n".join(errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise ConfigError(
            f"the actor knowledge base has {len(errors)} problem(s); fix them "
            f"(`marsad kb check` lists them all):\n{shown}{more}"
        )
    kb = KnowledgeBase(_actor(e.data) for e in entries)
    log.debug("loaded %d actors from %d files", len(kb), len(paths))
    return kb


def validate_files(paths: Sequence[Path] | None = None) -> list[str]:
    """Every problem in the data files (default: the packaged ones), as ``file:line: message``."""
    entries, errors = read_entries(tuple(paths) if paths is not None else default_paths())
    return errors + validate(entries)


def add_actor(entry: Mapping[str, Any], path: Path, *, kb_paths: Sequence[Path] | None = None) -> None:
    """Validate ``entry`` against the knowledge base and append it to the data file ``path``.

    ``kb_paths`` are the files it must agree with (default: the packaged files); ``path`` is added to
    them. Raises ConfigError naming every problem; nothing is written then.
    """
    path = Path(path)
    files = list(kb_paths) if kb_paths is not None else list(default_paths())
    if path not in files:
        files.append(path)
    entries, errors = read_entries([p for p in files if p.exists()])
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new = RawEntry(str(path), len(text.splitlines()) + 1, dict(entry))
    errors.extend(validate([*entries, new]))
    if errors:
        raise ConfigError("cannot add the actor:\n" + "\n".join(errors))
    prefix = "" if not text or text.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(prefix + json.dumps(dict(entry), ensure_ascii=False) + "\n")
    _load.cache_clear()
    packaged_paths.cache_clear()


def unresolved_counts(names: Iterable[str]) -> list[tuple[str, int]]:
    """Unresolved names grouped by normalised form, most frequent first, shown in their commonest spelling."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        stripped = name.strip()
        if not stripped:
            continue
        name_key = key(stripped) or stripped.casefold()
        counts[name_key] += 1
        spellings.setdefault(name_key, Counter())[stripped] += 1
    rows = [(spellings[k].most_common(1)[0][0], n) for k, n in counts.items()]
    return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))


def search_aliases(text: str, kb: KnowledgeBase | None = None) -> tuple[str, ...]:
    """The other names of the KB actors that ``text`` names (Hizballah -> Hezbollah, Hizbullah, ...).

    For finding events by actor: a search for any spelling finds what the others find. Acronyms
    and demonyms are left out: as substrings "KH" or "Iraqi" would match far more than the actor.
    """
    found = (kb or load_kb()).lookup(text.strip()) if text.strip() else []
    names = [name for actor in found for name in (actor.name, *actor.aliases) if not _is_acronym(name)]
    wanted = text.strip().casefold()
    return tuple(dict.fromkeys(name for name in names if name.casefold() != wanted))

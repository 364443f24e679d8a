"""The organisation a claim's speaker speaks for, from the text or the actor KB.

"Hamas Political Bureau member Mohammed Nazzal said ..." names a person; analysts attribute the claim
to Hamas as well. The text gives the organisation when it says so ("Patrick Ryder, a Pentagon
spokesperson"); otherwise a speaker the KB knows as a person with a role on the article's date speaks
for that role's organisation (the office itself, "Ministry of Interior of Syria", not the forces ACLED
codes it as). A bare "the ministry" names the ministry the article named before. The person stays the
claim's ``source``; only ``source_org`` is filled.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from marsad.extract import anaphora
from marsad.extract.actor_names import actor_names
from marsad.extract.claims import Source

log = logging.getLogger(__name__)


def full_name(src: Source, before: str) -> Source:
    """A source named by surname alone ("Mijares said") is the person the article named in full before
    ("Chief Superintendent Graciano Mijares"): the latest earlier run of capitalised words ending in it."""
    surname = src.text.strip()
    if " " in surname or not surname[:1].isupper() or not surname.isalpha():
        return src
    # a name word, a short title or initials ("Gen.", "U.S."), never a sentence's last word ("COVID-19.")
    word = r"(?:[A-Z][\w'’-]*|[A-Z][\w'’.-]{0,3}\.|bin|ibn|al|el|de|van|von|der|da|di)"
    named = re.findall(rf"\b((?:{word}[ \u00a0]){{1,3}}){re.escape(surname)}\b", before)
    if not named:
        return src
    return dataclasses.replace(src, text=f"{named[-1]}{surname}".strip())


def spelled_out(src: Source, before: str) -> Source:
    """A source named by an acronym ("JNIM claims ...") speaks for the organisation the article spelled
    out with it ("Jama'at Nasr al-Islam wal Muslimin (JNIM)"): that name becomes its ``org``."""
    acronym = src.text.strip()
    if src.org not in (None, acronym) or not (
        2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()
    ):
        return src
    word = r"(?:[A-Z][\w'’-]*|(?:al|el|wal|bin|ibn|de|la)(?:-[\w'’-]+)?|of|the|for|and|in)"
    named = re.findall(
        rf"\b([A-Z][\w'’-]*(?:[ \u00a0]{word}){{0,8}})[ \u00a0]?\({re.escape(acronym)}\)", before
    )
    return dataclasses.replace(src, org=named[-1].removeprefix("The ")) if named else src


def with_org(src: Source, on: str | None, antecedents: dict[str, str]) -> Source:
    """``src`` with ``org`` filled from an earlier named organisation or the KB, when the text gave none."""
    if src.org is not None and _bare(src.org):
        named = anaphora.refer_back(src.org, antecedents)
        if named != src.org:
            return dataclasses.replace(src, org=named.removeprefix("the ").removeprefix("The "))
    if src.org is not None:
        return src
    org = role_org(src.text, on)
    return dataclasses.replace(src, org=org) if org is not None else src


def _bare(org: str) -> bool:
    """ "ministry", "the ministry": a head noun alone, which names no organisation by itself."""
    words = org.removeprefix("the ").removeprefix("The ").split()
    return len(words) == 1 and words[0].islower()


def role_org(text: str, on: str | None) -> str | None:
    """The organisation of the person ``text`` names, by their KB role on ``on`` (None if not a KB person)."""
    return actor_names().organisation_of(text, on=on)

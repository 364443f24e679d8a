"""Who says who did it: a party blaming another for an attack is a source on that attack.

"Five aid workers are killed in an attack on a convoy. The army and the RSF blame each other for the
attack." reports one attack with two claims about its author. The blame stays its own ACCUSE mention;
the attack reported next to it (same paragraph, nearest sentence) gains a claim from each blamer, so that
"who says so" on the attack names them and not only the outlet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from marsad.extract.lexicon import words
from marsad.extract.roles import RECIPROCAL_CLUE
from marsad.records import Claim, Mention, Modality

OUTLET_KIND = "outlet"


def _blamers(accuse: Mention) -> list[Claim]:
    """The blame's own claims with a named source, else its actor1 (and a reciprocal's actor2) as written."""
    said = [c for c in accuse.claims if c.source_kind != OUTLET_KIND]
    if said:
        return said
    # "A and B blame each other": B, read as the blame's actor2, blames too
    mutual = [a for a in accuse.actor2 if a.clue and a.clue.endswith(RECIPROCAL_CLUE)]
    if not accuse.actor1:
        return []
    source = " and ".join(a.text for a in (*accuse.actor1, *mutual))
    return [Claim(source=source, source_kind="official", evidence=accuse.evidence)]


def _is_blame(mention: Mention) -> bool:
    return mention.plover_type == "ACCUSE" and mention.trigger.lower() in words("blame_words")


def _current_attack(mention: Mention) -> bool:
    return (
        mention.plover_type == "ASSAULT" and not mention.background and mention.modality is Modality.ASSERTED
    )


def _sentence(mention: Mention) -> int:
    ev = mention.evidence
    return ev.sentence_start if ev.sentence_start is not None else ev.start


def credit_blame(mentions: list[Mention], paragraph: Callable[[int], int]) -> list[Mention]:
    """``mentions`` with each blame's sources added as claims to the attack it is next to."""
    out = list(mentions)
    for accuse in mentions:
        if not _is_blame(accuse):
            continue
        para = paragraph(accuse.evidence.start)
        where = _sentence(accuse)
        near = [
            (abs(_sentence(m) - where), i)
            for i, m in enumerate(out)
            if _current_attack(m) and paragraph(m.evidence.start) == para
        ]
        if not near:
            continue
        _, index = min(near)
        attack = out[index]
        note = f"blames {' and '.join(a.text for a in accuse.actor2)}" if accuse.actor2 else "blame"
        if any(a.clue and a.clue.endswith(RECIPROCAL_CLUE) for a in accuse.actor2):
            note = "blame each other"
        added = tuple(
            dataclasses.replace(c, figures=(), weapons=(), note="; ".join(x for x in (c.note, note) if x))
            for c in _blamers(accuse)
            if c.source not in {k.source for k in attack.claims}
        )
        out[index] = dataclasses.replace(attack, claims=attack.claims + added)
    return out

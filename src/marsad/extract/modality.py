"""Did it happen? Negation, plans, conditions, threats, recalled background, and non-events.

- NEGATED: "No civilians were harmed", "did not attack".
- CONDITIONAL: inside an "if"/"unless" clause.
- HYPOTHETICAL: "could", "might", "may".
- PLANNED: "will", "would" (reported future), "is expected to", "plans to", "a planned meeting",
  "accused of planning attacks": never ASSERTED.
- THREATENED: the THREATEN mentions themselves (vows and warnings).
- background: a recalled earlier event with its own date ("in 2020", "last month", "the December 26
  attack", "the agreement, which entered into force on Oct. 10", "the anniversary of ...").
- Aggregate statements ("attacked at least 100 times since October") and generic plurals
  ("carrying out attacks against US personnel") are not single events: the caller rejects them.
  Counted or dated runs of strikes are one raid ("carried out a series of strikes", "on 9 August,
  aircraft conducted several strikes"); "the latest in a series of attacks" stays generic.
"""

from __future__ import annotations

import itertools
import logging
import re

from spacy.tokens import Span, Token

from marsad.extract.lexicon import words
from marsad.extract.places_dates import DATE_WORDS, Expr
from marsad.records import AGGREGATE_REASON, Modality

log = logging.getLogger(__name__)

FUTURE_AUX = frozenset({"will", "shall", "would", "'ll"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "must"})
NEGATORS = frozenset({"no", "nobody", "none", "neither"})
CHAIN_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "ccomp", "acl", "relcl"})
GENERIC_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
PLAN_LINKS = frozenset({"xcomp", "prep", "ccomp"})  # how a plan head governs its event: "plan to", "plan for"


def _chain(token: Token, speech: frozenset[str]) -> list[Token]:
    """The trigger and its governing words up to (not into) a speech verb or the sentence root."""
    out = [token]
    current = token
    for _ in range(10):
        if current.dep_ not in CHAIN_DEPS or current.head.i == current.i:
            break
        current = current.head
        if current.lemma_.lower() in speech:
            break
        out.append(current)
    return out


def _negated(token: Token) -> bool:
    if token.dep_ == "pobj" and token.head.lower_ == "without":  # "ended without an agreement"
        return True
    for c in token.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            c.lower_ in NEGATORS or any(d.dep_ == "det" and d.lower_ in NEGATORS for d in c.children)
        ):
            return True
    return False


def _planned(chain: list[Token]) -> bool:
    for i, tok in enumerate(chain):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
            return True
        if i > 0 and tok.lemma_.lower() in words("plan_heads") and chain[i - 1].dep_ in PLAN_LINKS:
            return True  # "expected to attack", "plans for talks"; not "set fire to ... and threw stones"
        if tok.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in words("plan_amods") for c in tok.children if c.dep_ == "amod"
        ):
            return True
        if i > 0 and tok.lower_ == "going" and tok.tag_ == "VBG":  # "is going to meet"
            return True
    return False


def modality(token: Token, plover_type: str, speech: frozenset[str]) -> Modality:
    """How the clause presents the event (see module docstring); the strongest reading wins."""
    chain = _chain(token, speech)
    if _negated(token):
        return Modality.NEGATED
    if any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for tok in chain for c in tok.children
    ):
        return Modality.CONDITIONAL
    if any(c.dep_ == "advcl" and _has_if(c) for tok in chain for c in tok.children):
        return Modality.CONDITIONAL  # the consequence of an "if" clause
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for tok in chain for c in tok.children):
        return Modality.HYPOTHETICAL
    if plover_type == "THREATEN":
        return Modality.THREATENED
    if _planned(chain):
        return Modality.PLANNED
    return Modality.ASSERTED


def not_reported_reason(token: Token, speech: frozenset[str]) -> str | None:
    """Why a trigger names no event that happened, or None: a demand phrased as an obligation ("the
    government must urge", "should release prisoners"), a question ("asked whether the US struck ..."),
    or a generality ("whoever tries to harm it"). PLOVER codes the demand, question or warning itself
    (REQUEST, ACCUSE, THREATEN), never its content; "could"/"might" stay hypothetical mentions.
    """
    chain = _chain(token, speech)
    if _natural_death(token):
        return "a death from illness ('died from coronavirus'), not political violence"
    if any(c.dep_ == "aux" and c.lower_ in words("obligation_aux") for tok in chain for c in tok.children):
        return "an obligation or demand ('must', 'should'), not a report that it happened"
    for below, above in itertools.pairwise(chain):
        asks = above.lemma_.lower() in words("question_verbs")
        if asks and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in below.children):
            return "the content of a question ('asked whether'), not a report that it happened"
    generic = words("generic_subjects")
    for tok in chain:
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if any(c.lower_ in generic for c in subjects) or (tok.dep_ == "relcl" and tok.head.lower_ in generic):
            return "a generality ('whoever tries to', 'anyone who attacks'), not one event"
    return None


def is_background(token: Token, date: Expr | None, *, own_date: bool, published_year: int | None) -> bool:
    """A recalled earlier event: an earlier year or month, an anniversary, a dated event noun, or the act a
    court or prosecutor judges."""
    if any(a.lemma_.lower() in words("recall_heads") for a in token.ancestors) or judged_act(token):
        return True
    if date is None:
        return False
    if date.is_past:
        return True
    # the latest year named decides: "the 2019-2020 war" is over before a 2025 article
    years = [int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", date.text)]
    if date.is_year_only:
        return published_year is None or not years or max(years) < published_year
    if years and published_year is not None and max(years) < published_year:
        return True  # "on 4 April 2017" in a later year's article
    # "the December 26 attack", "the agreement, which entered into force on Oct. 10"
    return own_date and date.is_month_day and token.pos_ in ("NOUN", "PROPN")


def judged_act(token: Token) -> bool:
    """ "sentenced for killing seven people", "convicted of the murder", "charged with planting the bomb",
    "accused of plotting": the act a charge, trial or sentence is about happened before it (the gold codes it
    as a recalled event, never the news itself)."""
    judging = words("judging_verbs")
    return any(
        above.dep_ == "prep"
        and above.lower_ in ("of", "for", "with")
        and above.head.lemma_.lower() in judging
        for above in token.ancestors
    )


def aggregate_reason(token: Token, sent: Span, plover_type: str) -> str | None:
    """Why this trigger is not one event, or None: counts of repeated events and generic plurals."""
    if plover_type not in GENERIC_TYPES:
        return None
    if any(t.lemma_.lower() == "time" and (t.head.pos_ == "NUM" or _counted(t)) for t in sent):
        return f"{AGGREGATE_REASON}, not one event"
    if (
        token.tag_ in ("NNS", "NNPS")
        and not _counted(token)
        and not _dated_raid(token)
        and not _told_raid(token)
        and token.lemma_.lower() not in words("mass_events")
    ):
        return "generic reference to repeated events, not one event"
    return cumulative_reason(token)


def cumulative_reason(token: Token) -> str | None:
    """Why a trigger reports a running total rather than one event, or None."""
    if _cumulative(_clause_verb(token)):
        return f"{AGGREGATE_REASON}: a cumulative toll (running, or over a period), not one event"
    return None


def _clause_verb(token: Token) -> Token:
    """The verb a trigger belongs to: itself, or the verb its phrase hangs from ("killed by air strikes")."""
    for _ in range(3):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token
        token = token.head
    return token


def _cumulative(token: Token) -> bool:
    """A running or period total: "have been killed since the truce began", "has killed 40 since October",
    "killed 60,000 fighters in the past three years", "the war has killed more than 500,000", "have
    already been killed"."""
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in token.children)
    since = any(
        (c.dep_ == "prep" and c.lower_ == "since")
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
        for c in token.children
    )
    return (perfect and (since or _conflict_subject(token) or _running_total(token))) or _over_a_period(token)


def _natural_death(token: Token) -> bool:
    """ "died from coronavirus", "killed by the virus": the cause named is an illness."""
    causes = words("natural_causes")
    for prep in token.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("of", "from", "by"):
            continue
        if any(o.dep_ == "pobj" and o.lemma_.lower() in causes for o in prep.children):
            return True
    return False


def _running_total(token: Token) -> bool:
    """ "have already been killed", "has killed 40 so far": the perfect with a word that sums up to now."""
    adverbs = words("running_total_adverbs")
    for child in token.children:
        if child.dep_ not in ("advmod", "prep", "npadvmod"):
            continue
        phrase = " ".join(t.lower_ for t in child.subtree)
        if child.lower_ in adverbs or phrase in adverbs:
            return True
    return False


def _over_a_period(token: Token) -> bool:
    """ "in the past three years", "over the last decade", "during the previous months": a total over a
    period of months or more. Days and weeks stay: "in the past 24 hours" is how a day's toll is told."""
    units, adjectives = words("period_units"), words("period_adjectives")
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "over", "during", "throughout"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in units:
                continue
            if any(c.lower_ in adjectives for c in noun.children if c.dep_ in ("amod", "det", "advmod")):
                return True
    return False


def _conflict_subject(token: Token) -> bool:
    """ "the war has killed", "violence that has killed": the subject is a whole conflict."""
    conflicts = words("conflict_subjects")
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl":
        subjects.append(token.head)
    return any(s.lemma_.lower() in conflicts for s in subjects)


def _has_if(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


def _dated_raid(token: Token) -> bool:
    """ "On 9 August, aircraft conducted several strikes on the village": strikes carried out on one day
    are one raid (ACLED codes them as one event), not a generic plural."""
    verb = token.head
    if token.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in words("light_verbs"):
        return False
    # the verb's own date phrase ("between 17:50 and 18:30 on 9 August"), not one in a clause hanging
    # on it ("carry out attacks despite having lost the town in 2017")
    phrases = [c for c in verb.children if c.dep_ in ("prep", "npadvmod")]
    return any(
        t.ent_type_ in ("DATE", "TIME") and DATE_WORDS.search(t.text) and not _in_clause(t, phrase)
        for phrase in phrases
        for t in phrase.subtree
    )


def _told_raid(token: Token) -> bool:
    """ "The coalition launches airstrikes on rebel positions in Dhale", "jets carried out strikes against
    the camp": strikes told in a simple tense with their target or place are one raid, as a news summary
    reports a day's raid. Habits and runs stay generic: "continue to launch attacks", "have carried out
    attacks since October", "carrying out attacks against US personnel" (no simple tense of its own)."""
    verb = token.head
    if token.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in words("raid_verbs"):
        return False
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in words("raid_preps") and any(o.dep_ == "pobj" for o in c.children)
        for c in (*token.children, *verb.children)
    )


def _in_clause(token: Token, top: Token) -> bool:
    """Whether a verb stands between ``token`` and ``top`` (its phrase's head)."""
    return any(a.pos_ in ("VERB", "AUX") for a in token.ancestors if a.i != top.i and top in a.ancestors)


def _counted(token: Token) -> bool:
    """ "three strikes", "multiple explosions", "carried out a series of strikes": strikes counted as one
    raid, not a generic plural. "the latest in a series of attacks" stays generic: the run is not what the
    clause reports."""
    run = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if run is not None and run.lemma_.lower() in words("count_nouns") and run.dep_ in ("dobj", "nsubj"):
        return True
    return any(
        c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in words("run_quantifiers"))
        for c in token.children
    )

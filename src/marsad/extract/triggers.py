"""Finding event triggers in a sentence: lexicon lookups on lemmas, then parse-based filters.

A trigger is a verb or noun whose lemma is in ``data/lexicon.toml``. Filters drop triggers that do
not report an event of their own:

- descriptions ("describing it as a self-defense strike", "no different than terrorist attacks") and
  idioms ("aggression will be met with war");
- the content of a request, threat, accusation or talks ("condemned the attack", "demanded a meeting"),
  unless the nested event carries its own date ("the agreement, which entered into force on Oct. 10") or
  is the attack a legal charge names as a noun ("indicts X, the perpetrator of the fatal stabbing of Y");
- modifiers of another trigger ("ceasefire" in "ceasefire agreement");
- the charge of an arrest ("arrested two men, accusing them of spying") and the demand of a protest
  ("gathered to demand his resignation"): coded with the arrest or protest, not as events of their own;
- what a protest is against ("protests are held against the strikes", "marched to protest the
  deployment"): an earlier happening the protest answers, unless the text gives it its own date.

Casualty verbs are folded into the attack they belong to ("the rockets hit a vehicle and killed four",
"the December 26 attack ..., which killed eight"), but never a clause set before or after it ("...,
killing two, hours after Hezbollah fired rockets at X" tells two happenings), and an attack noun
that is the subject of a violent verb ("the US strike targeted X") is folded into that verb, so one
clause gives one mention per event.
"""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Span, Token

from marsad.extract.lexicon import Lexicon, TriggerSpec, words
from marsad.extract.phrases import counted_noun, in_subtree, root_of, subject
from marsad.extract.places_dates import CALENDAR, DATE_WORDS

log = logging.getLogger(__name__)

CONTENT_HEADS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "AGREE", "SUPPORT"})
DESCRIPTIVE_PREPS = frozenset({"as", "than", "like"})
CAUSE_PREPS = frozenset({"in", "by", "during", "from", "after"})
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
NOMINAL_DEPS = frozenset({"pobj", "nsubj", "nsubjpass", "dobj"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
OBJECT_STARTS = frozenset({"DET", "NUM", "PROPN", "ADJ", "PRON"})


def nominal(token: Token) -> bool:
    """A noun, or a gerund used as one ("following the US killing of ...")."""
    return token.pos_ in NOUN_POS or (token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS)


@dataclasses.dataclass(slots=True)
class Trigger:
    token: Token
    sent: Span
    spec: TriggerSpec
    type: str
    mode: str | None
    folded: list[Token] = dataclasses.field(default_factory=list)

    @property
    def is_noun(self) -> bool:
        return nominal(self.token)


def _lookup(token: Token, lex: Lexicon) -> TriggerSpec | None:
    lemma = lex.lemma_fixes.get(token.lower_, token.lemma_.lower())
    if nominal(token):
        spec = lex.nouns.get(token.lower_ if token.tag_ == "VBG" else lemma)
    elif token.pos_ in VERB_POS and token.dep_ not in MODIFIER_DEPS:
        captive = lex.captive_verbs.get(lemma)
        spec = captive if captive is not None and _acts_on_person(token) else lex.verbs.get(lemma)
    else:
        return None
    if spec is None:
        return None
    if spec.subject_any:
        subj = counted_noun(subject(token), lex)
        if subj is None or subj.lemma_.lower() not in spec.subject_any:
            return None
    if not spec.requires:
        return spec
    near = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
    near |= {g.lemma_.lower() for c in token.children for g in c.children}
    # "designates X as a Foreign Terrorist Organization": what something is named as, one word deeper
    named_as = [g for c in token.children if c.lower_ == "as" for g in c.children]
    near |= {w.lemma_.lower() for g in named_as for w in g.children}
    if token.dep_ == "acl":
        near.add(token.head.lemma_.lower())  # "the missiles launched at the base": the noun it describes
    if token.dep_ in ("dobj", "obj"):
        # "opens an investigation into X": the parser often hangs the noun's preposition on the verb
        near |= {c.lower_ for c in token.head.children if c.dep_ == "prep" and c.i > token.i}
    if near & spec.requires or _named_object(token, spec):
        return spec
    return None


def _acts_on_person(verb: Token) -> bool:
    """ "police capture the fugitive", "the pilot was captured", "captured two IS members": the verb's object
    (or its passive subject) is a person's name or a word of ``captives``, counted through "two of"."""
    patients = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for patient in patients:
        if patient.ent_type_ == "PERSON":
            return True
        head = patient
        if head.pos_ == "NUM" or head.lower_ in ("one", "several", "dozens", "scores"):
            head = next((o for c in head.children if c.lower_ == "of" for o in c.children), head)
        if head.lemma_.lower() in words("captives"):
            return True
    return False


def _named_object(token: Token, spec: TriggerSpec) -> bool:
    """ "M23 captures Sange": the object is a named place (an entity of ``object_ents``), which no word
    list of ``requires`` can name."""
    return bool(spec.object_ents) and any(
        c.dep_ in ("dobj", "obj") and c.ent_type_ in spec.object_ents for c in token.children
    )


def _threat_reading(token: Token, spec: TriggerSpec, lex: Lexicon) -> tuple[str, str | None]:
    """vow/pledge/warn: a THREATEN when the content is harmful, else AGREE (vow) or ACCUSE (warn that ...)."""
    content = [t for c in token.children if c.dep_ in ("xcomp", "dobj", "ccomp") for t in c.subtree]
    for word in content:
        lemma = word.lemma_.lower()
        if lemma in lex.threat:
            return "THREATEN", lex.threat[lemma]
        violent = lex.verbs.get(lemma) or lex.nouns.get(lemma)
        if violent is not None and violent.type in ("ASSAULT", "COERCE"):
            return "THREATEN", "violence" if violent.type == "ASSAULT" else "arrest"
    if spec.lemma == "warn":
        has_that = any(c.dep_ == "ccomp" for c in token.children)
        return ("ACCUSE", "disapprove") if has_that else ("THREATEN", None)
    if spec.lemma == "threaten":
        return "THREATEN", None
    return "AGREE", None


def _reading(token: Token, spec: TriggerSpec, lex: Lexicon) -> tuple[str, str | None]:
    if spec.type == "THREATEN":
        return _threat_reading(token, spec, lex)
    for mod in token.children:
        if mod.dep_ in ("compound", "amod", "nmod"):
            for word, kind, mode in spec.modifiers:
                if mod.lemma_.lower() == word:
                    return kind, mode
    return spec.type, spec.mode


def description_clause(token: Token, indices: set[int]) -> Token:
    """The participle or relative clause an event noun sits in ("insurgents involved in the attack in X on
    Tuesday"), when that clause is no trigger of its own (``indices``); else the noun itself. The clause's
    words (a day, a place) tell that event, not the one its host noun takes part in."""
    up = token
    while up.dep_ in ("pobj", "prep") and up.head is not up:
        up = up.head
    if up is not token and up.dep_ in ("acl", "relcl") and up.pos_ == "VERB" and up.i not in indices:
        return up
    return token


def _descriptive(token: Token) -> bool:
    """ "describing it as a strike", "no different than attacks", "summon the envoy in protest"."""
    if token.dep_ in ("attr", "oprd"):
        return True
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in token.children)
    ):
        return token.lemma_.lower() in ("protest", "retaliation", "response")
    return token.dep_ == "pobj" and token.head.lower_ in DESCRIPTIVE_PREPS


def _called_for(token: Token) -> bool:
    """ "Calls are growing for the withdrawal": the event is demanded, not reported."""
    if token.dep_ != "pobj" or token.head.lower_ != "for":
        return False
    governor = token.head.head
    heads = {governor.lemma_.lower()} | {
        c.lemma_.lower() for c in governor.children if c.dep_ in ("nsubj", "dobj")
    }
    return bool(heads & words("calls"))


def _demanded(token: Token) -> bool:
    """ "Their demands have included dissolving parliament, appointing a committee": what a demand or call
    names (the clause whose subject is a demand) is wanted, not reported."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("xcomp", "advcl", "conj", "dobj", "attr", "ccomp"):
            return False
        head = head.head
        subj = subject(head)
        if subj is not None and subj.lemma_.lower() in words("calls"):
            return True
    return False


def _misattached(token: Token) -> bool:
    """A noun coordinated with a verb is a misparse (the noun belongs to a list the parser lost)."""
    return nominal(token) and token.dep_ == "conj" and token.head.pos_ == "VERB"


def _participle(trig: Trigger) -> bool:
    """A description, not a report: "US forces deployed in the country", "the individual targeted".

    When the sentence has no finite verb the parser has taken the main verb for a participle
    ("Thousands of teachers protested in ..."), which is kept.
    """
    token = trig.token
    if trig.is_noun or token.tag_ != "VBN" or token.dep_ not in ("acl", "amod"):
        return False
    if root_of(token).pos_ not in ("VERB", "AUX"):
        return False
    return not trig.spec.figure and not any(c.dep_ == "agent" for c in token.children) and not _aimed(token)


def _aimed(token: Token) -> bool:
    """ "the missiles launched at the base", "rockets fired towards the city": a projectile the participle
    describes, sent at a target, tells the attack itself (its interception or damage is told around it)."""
    return (
        token.dep_ == "acl"
        and token.head.lemma_.lower() in words("projectiles")
        and any(c.dep_ == "prep" and c.lower_ in words("aimed_preps") for c in token.children)
    )


def _attributive(trig: Trigger) -> bool:
    """ "the newly elected president", "a democratically elected government": a description."""
    return not trig.is_noun and any(
        c.dep_ == "advmod" and c.lower_ in words("attributive_adverbs") for c in trig.token.children
    )


def _idiomatic_passive(trig: Trigger) -> bool:
    """ "Any aggression will be met with an open war": "be met with" is a response, not a meeting."""
    token = trig.token
    return (
        not trig.is_noun
        and token.lemma_.lower() in words("passive_idioms")
        and any(c.dep_ == "auxpass" for c in token.children)
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        and not any(c.dep_ == "agent" for c in token.children)  # "was met at the airport by X" is a meeting
    )


def _own_date(token: Token, indices: set[int]) -> bool:
    """A calendar date (year, month-day) whose nearest governing trigger is this one."""
    for date in token.subtree:
        if date.ent_type_ != "DATE" or date.i == token.i or not CALENDAR.search(date.text):
            continue
        up = date.head
        while up.i not in indices and up.head.i != up.i:
            up = up.head
        if up.i == token.i:
            return True
    return False


def _is_content(trig: Trigger, others: list[Trigger], indices: set[int]) -> bool:
    """Inside the object or complement of a request/threat/accusation/talks trigger."""
    if trig.is_noun and _own_date(trig.token, indices):
        return False
    for other in others:
        if other is trig or other.type not in CONTENT_HEADS:
            continue
        if not in_subtree(trig.token, other.token):
            continue
        subj = subject(other.token)
        if subj is not None and in_subtree(trig.token, subj):
            continue
        if _condemned_news(trig, other) or _charged_act(trig, other):
            continue
        return True
    return False


def _charged_act(trig: Trigger, other: Trigger) -> bool:
    """ "indicts X, the perpetrator of the fatal stabbing of Y", "charged with murder for a shooting that
    killed four": the attack a legal charge names (as a noun) happened; only who did it is alleged.
    A verb stays the charge's or accusation's content ("charged with attacking a guard"), unless the sentence
    dates it by its own day words (``_dated_deed``)."""
    if other.type != "ACCUSE" or trig.type != "ASSAULT":
        return False
    if trig.is_noun:
        return other.mode == "charge"
    return _dated_deed(trig.token)


def _dated_deed(token: Token) -> bool:
    """ "accusing them of bombing the mosque yesterday", "charged with shooting the guard on Monday": a deed
    the accusation dates by its own day words happened (only who did it is alleged), like a charged noun."""
    for child in token.children:
        if child.dep_ == "npadvmod" and DATE_WORDS.fullmatch(child.text):
            return True
        on_day = child.dep_ == "prep" and child.lower_ == "on"
        if on_day and any(o.dep_ == "pobj" and DATE_WORDS.fullmatch(o.text) for o in child.children):
            return True
    return False


def _condemned_news(trig: Trigger, other: Trigger) -> bool:
    """ "The government condemned a drone attack on the airport": an attack first told as the object of
    a condemnation (indefinite: not one told before) happened, and is reported here."""
    token = trig.token
    return (
        other.type == "ACCUSE"
        and other.mode == "disapprove"
        and trig.type == "ASSAULT"
        and trig.is_noun
        and token.dep_ in ("dobj", "obj")
        and token.head.i == other.token.i
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    )


def _part_of(trig: Trigger, by_index: dict[int, Trigger]) -> bool:
    """A charge or demand that belongs to another event and is coded with it (ACLED, PLOVER):

    - the charge of an arrest: "detained dozens, accusing them of collaborating", "arrested five men
      whom they accused of belonging to a cell", "arrested three over posts criticising prices";
    - the demand of a protest: "thousands gathered to demand his resignation", "held a sit-in to
      demand their wages".
    """
    host_type = {"ACCUSE": "COERCE", "REQUEST": "PROTEST"}.get(trig.type)
    if host_type is None or trig.is_noun:
        return False

    def is_host(token: Token) -> bool:
        host = by_index.get(token.i)
        return host is not None and host.type == host_type

    token = trig.token
    head = token.head
    if token.dep_ in ("advcl", "xcomp"):
        # "gathered ... to demand", "held a sit-in ... to demand": the protest is the verb or its object
        return is_host(head) or (
            host_type == "PROTEST" and any(c.dep_ == "dobj" and is_host(c) for c in head.children)
        )
    if token.dep_ in ("relcl", "acl") and host_type == "COERCE":
        if head.dep_ in ("dobj", "nsubjpass"):
            return is_host(head.head)  # "arrested five men whom they accused of ..."
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            return is_host(head.head.head)  # "arrested three over posts criticising ..."
    return False


def _grievance(trig: Trigger, by_index: dict[int, Trigger], indices: set[int]) -> bool:
    """What a protest is against: the object of a protest verb ("rallied to protest the deployment") or a
    noun after ``grievance_preps`` on a protest or on the verb a protest is the subject or object of
    ("protests are held against the strikes"). The protest is the news; the happening it answers was told
    before, unless the text dates it ("protests over the arrest on Monday")."""
    if trig.type == "PROTEST" or _own_date(trig.token, indices):
        return False

    def protest(token: Token) -> bool:
        host = by_index.get(token.i)
        return host is not None and host.type == "PROTEST"

    token = trig.token
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "against the war and the killing of X"
    if token.dep_ in ("dobj", "obj"):
        return token.head.pos_ == "VERB" and protest(token.head)
    if token.dep_ != "pobj" or token.head.lower_ not in words("grievance_preps"):
        return False
    host = token.head.head
    return protest(host) or (
        host.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and protest(c) for c in host.children)
    )


def _fold_host(trig: Trigger, by_index: dict[int, Trigger], sent_triggers: list[Trigger]) -> Trigger | None:
    """The violent verb or attack noun a casualty verb belongs to ("hit ... and killed", ", killing 12")."""
    token = trig.token
    if trig.is_noun or trig.type != "ASSAULT" or _other_time(token):
        return None
    head = by_index.get(token.head.i)
    if token.dep_ in ("conj", "advcl") and head is not None and head.type == "ASSAULT" and not head.is_noun:
        return head
    if token.dep_ == "relcl" and trig.spec.figure:
        nouns = [t for t in sent_triggers if t.is_noun and t.type == "ASSAULT" and t.token.i < token.i]
        return nouns[-1] if nouns else None
    return None


def _other_time(token: Token) -> bool:
    """ "..., hours after Hezbollah fired rockets at Israel": a clause set before or after the main
    event tells another happening, never a casualty of this one."""
    return any(c.dep_ == "mark" and c.lower_ in words("sequence_marks") for c in token.children)


def _noun_host(noun: Trigger, verbs: dict[int, Trigger]) -> Trigger | None:
    """The violent verb an attack noun belongs to: its subject ("the strike killed"), its cause
    ("killed in a US strike", "in a wave of strikes"), or the subject of a participle clause ("an
    explosion tore ..., killing 12"). A noun joined to others stands where the first of them does
    ("killed by gunfire, airstrikes and drone strikes in X": each is a cause, and the place of the
    last is the killing's)."""
    token = noun.token
    while token.dep_ == "conj" and token.head.pos_ in NOUN_POS and token.head != token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in NOUN_POS:
        token = token.head.head  # "killed in a series of airstrikes in X": the series is the cause
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.i in verbs:
        return verbs[token.head.i]
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ in CAUSE_PREPS and prep.head.i in verbs:
        return verbs[prep.head.i]
    for verb in verbs.values():
        if verb.token.dep_ == "advcl" and (subj := subject(verb.token)) is not None and subj.i == token.i:
            return verb
    return None


def _fold(triggers: list[Trigger]) -> list[Trigger]:
    by_index = {t.token.i: t for t in triggers}
    kept: list[Trigger] = []
    home: dict[int, Trigger] = {}  # folded trigger -> the trigger that now carries it
    for trig in triggers:
        host = _fold_host(trig, by_index, triggers)
        if host is not None and host is not trig:
            host = home.get(host.token.i, host)
            host.folded.append(trig.token)
            home[trig.token.i] = host
            continue
        kept.append(trig)
    verbs = {t.token.i: t for t in kept if not t.is_noun and t.type == "ASSAULT"}
    out = []
    for trig in kept:
        host = _noun_host(trig, verbs) if trig.is_noun and trig.type == "ASSAULT" else None
        if host is not None:
            host.folded.append(trig.token)
            continue
        out.append(trig)
    return out


def headline_verb(token: Token, lex: Lexicon) -> bool:
    """ "M23 captures Sange", "A drone hits and damages a plant": terse news tells its event in the
    present tense, and the small parser takes the verb for a plural noun. A plural whose lemma is a verb
    trigger but no noun trigger is that verb when it heads the sentence (or is joined to a plural that
    does), or when the sentence has no verb at all and the plural stands between a noun and the start of
    an object ("A court in Dhaka sentences two ministers to ..."). After a plural subject the bare verb is
    taken for a noun that heads the sentence with a subject of its own ("the two leaders meet in Doha"):
    a noun has no subject, so that is the verb too."""
    lemma = lex.lemma_fixes.get(token.lower_, token.lemma_.lower())
    if lemma not in lex.verbs or lemma in lex.nouns:
        return False
    has_subject = any(c.dep_ == "nsubj" for c in token.children)
    if token.tag_ in ("NN", "NNS") and token.dep_ == "ROOT" and has_subject:
        return True  # "Abiy and Mohamud meet in Addis Ababa": a noun has no subject
    if token.tag_ != "NNS" or not token.lower_.endswith("s"):
        return False
    top = token.head if token.dep_ == "conj" else token
    if top.dep_ == "ROOT" and top.tag_ == "NNS":
        return True
    sent = token.sent
    if any(t.pos_ in ("VERB", "AUX") for t in sent) or token.i in (sent.start, sent.end - 1):
        return False
    before, after = token.doc[token.i - 1], token.doc[token.i + 1]
    return before.pos_ in ("NOUN", "PROPN") and after.pos_ in OBJECT_STARTS


def retag_headline_verbs(sent: Span, lex: Lexicon) -> None:
    """Read the verbs of ``headline_verb`` as verbs from here on (POS ``VERB``, tag ``VBZ``), so that
    every later check (roles, figures, modality) takes them for what they are. Only the tags change."""
    for token in [t for t in sent if headline_verb(t, lex)]:
        token.pos_ = "VERB"
        token.tag_ = "VBZ" if token.tag_ == "NNS" else "VBP"


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Event triggers of one sentence, filtered and folded (see module docstring)."""
    retag_headline_verbs(sent, lex)
    found = []
    for token in sent:
        spec = _lookup(token, lex)
        if spec is None:
            continue
        kind, mode = _reading(token, spec, lex)
        found.append(Trigger(token=token, sent=sent, spec=spec, type=kind, mode=mode))
    indices = {t.token.i for t in found}
    by_index = {t.token.i: t for t in found}
    kept = []
    for trig in found:
        token = trig.token
        if trig.is_noun and (_descriptive(token) or token.dep_ == "compound" or _called_for(token)):
            continue
        if _misattached(token) or _idiomatic_passive(trig) or _attributive(trig) or _demanded(token):
            continue
        if _participle(trig) or _is_content(trig, found, indices) or _part_of(trig, by_index):
            continue
        if _grievance(trig, by_index, indices):
            continue
        kept.append(trig)
    return _fold(kept)

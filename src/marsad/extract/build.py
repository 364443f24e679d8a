"""Building one Mention from one trigger: roles, figures, weapons, claims, modality and evidence."""

from __future__ import annotations

import bisect
import dataclasses
import logging

from spacy.tokens import Span, Token

from marsad.article_date import article_reference_date
from marsad.extract import agreements, anaphora, roles, roles_context, speakers, tolls
from marsad.extract.acled import acled_types
from marsad.extract.casualties import (
    Found,
    named_casualties,
    outside_dateline,
    read_figures,
    read_missing,
    read_mode,
    read_roles,
    read_weapons,
)
from marsad.extract.claims import OUTLET_SOURCE, Source, SourceTracker, source_for
from marsad.extract.lexicon import Lexicon, words
from marsad.extract.modality import (
    GENERIC_TYPES,
    aggregate_reason,
    cumulative_reason,
    is_background,
    modality,
    not_reported_reason,
)
from marsad.extract.phrases import doc_text, in_subtree, np_bounds, sentence_bounds
from marsad.extract.places_dates import Expr, statement_date
from marsad.extract.triggers import Trigger, description_clause
from marsad.records import (
    ActorRef,
    Article,
    Claim,
    DateRef,
    Evidence,
    Figure,
    Mention,
    Modality,
    PlaceRef,
    Rejection,
    content_id,
)

log = logging.getLogger(__name__)

DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their"})
ANAPHORIC_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "REQUEST"})
SPEAKER_AGENT_TYPES = frozenset({"COERCE", "MOBILIZE", "SANCTION", "CONSULT", "AGREE", "RETREAT", "CONCEDE"})
SPEAKER_KINDS = frozenset({"official", "spokesperson"})
POLICY_TYPES = frozenset({"REJECT", "ACCUSE", "PROTEST"})  # opposing a measure targets its owner
BILATERAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # "A and B met": one side each
MEASURE_TYPES = frozenset({"SANCTION", "CONCEDE"})  # measures on goods, imposed or lifted
STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})  # events that are statements
PROTESTERS = frozenset({"protester", "demonstrator", "protestor"})
DEAD = frozenset({"dead"})
UNQUOTE = str.maketrans("", "", '“”"')
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})  # who an event verb was done by or to
Placed = tuple[Expr, bool] | None
ACT_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # statements on an act target its author
ACT_PARAGRAPHS = 1  # how far back the event told before may be the act a statement judges (paragraphs)
TOLL_PARAGRAPHS = 1  # how far back a toll told apart still counts the article's last attack (paragraphs)


@dataclasses.dataclass(slots=True)
class ArticleState:
    """What one article carries from sentence to sentence."""

    article: Article
    lex: Lexicon
    tracker: SourceTracker
    para_starts: list[int]
    published_year: int | None
    ents: list[Span]  # the doc's entities, once (``Span.ents`` scans the whole doc)
    ent_starts: list[int] = dataclasses.field(default_factory=list)
    dateline_end: int = 0  # where the current sentence's dateline ends, if it has one
    places: dict[int, str] = dataclasses.field(default_factory=dict)  # paragraph -> last place named
    last_attacker: tuple[ActorRef, ...] = ()
    last_attack_date: tuple[int, Expr] | None = None  # (paragraph, date) of the last attack, if it had one
    antecedents: dict[str, str] = dataclasses.field(default_factory=dict)  # "military" -> "Israeli forces"
    seen: set[str] = dataclasses.field(default_factory=set)
    trigger_tokens: set[int] = dataclasses.field(default_factory=set)  # the current sentence's triggers
    mentions: list[Mention] = dataclasses.field(default_factory=list)
    rejections: list[Rejection] = dataclasses.field(default_factory=list)
    reference: str | None = None  # the article's date (own, caption or --published), for the agreement list

    def __post_init__(self) -> None:
        self.ent_starts = [e.start for e in self.ents]
        self.reference = article_reference_date(self.article)[0]

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def ents_in(self, sent: Span) -> list[Span]:
        """The entities inside ``sent`` (by bisection on the doc's sorted entity starts)."""
        first = bisect.bisect_left(self.ent_starts, sent.start)
        last = bisect.bisect_left(self.ent_starts, sent.end)
        return [e for e in self.ents[first:last] if e.end <= sent.end]


def _agent_refs(
    trig: Trigger, found: Found, src: Source | None, state: ArticleState
) -> list[tuple[str, str]]:
    """(text, clue) of the agents: the grammar that names them, else the clause or the speaker."""
    lex, pronoun = state.lex, state.tracker.pronoun
    texts = roles.clued_refs(found.agents, trig.token, lex, pronoun)
    if not texts and trig.is_noun and trig.type == "ASSAULT":
        accused = roles_context.implicated(trig.token, lex)  # "members accused of involvement in the bombing"
        return (
            [(t, "accused of it") for t in roles.refs([accused], lex, pronoun)] if accused is not None else []
        )
    if texts or not trig.is_noun or trig.type == "ASSAULT":
        return texts  # an attack's agent is named in its own phrase, never borrowed from the clause
    agent, speech = roles.climb_agent(trig.token, lex, state.trigger_tokens)
    if agent is not None:
        return [(t, "subject of the governing verb") for t in roles.refs([agent], lex, pronoun)]
    if (
        speech is not None
        and src is not None
        and src.kind in SPEAKER_KINDS
        and trig.type in SPEAKER_AGENT_TYPES
    ):
        return [(src.text.removeprefix("the ").removeprefix("The "), "speaker of a statement act")]
    return []


def _event_target(
    trig: Trigger, found: Found, agents: set[str], state: ArticleState
) -> list[ActorRef] | None:
    """Condemning or avenging an attack targets its perpetrator: "denounced the strike" -> who struck;
    never the speaker itself (``agents``: the statement's actor 1 texts)."""
    if trig.type not in ANAPHORIC_TYPES:
        return None
    lex = state.lex
    scope = [t for head in found.targets for t in head.subtree] or list(trig.token.subtree)
    for token in scope:
        lemma = token.lemma_.lower()
        if (
            lemma in words("revenge")
            or lemma in lex.event_words
            or (lex.nouns.get(lemma) and lex.nouns[lemma].type == "ASSAULT")
        ):
            named = roles._named_modifier(token) if lemma not in words("revenge") else None
            if named is not None:
                return [ActorRef(text=doc_text(token.doc)[slice(*np_bounds(named))], clue="attacker named")]
            return [
                dataclasses.replace(a, clue="the article's last attacker")
                for a in state.last_attacker
                if a.text not in agents  # "the government blamed human error" after its own strike
            ] or None
    return None


def _act_author(trig: Trigger, objects: list[Token], agents: set[str], state: ArticleState) -> list[ActorRef]:
    """A statement on an act ("condemned the detentions", "welcomed the move", "rejected a government
    demand") targets the act's author: the actor named with the act noun, else, for "the ..." or "this
    ...", the agent of the article's last event of the noun's type (any act for a bare "the move") told
    in this paragraph or the one before (for a bare "the move" told further on, the article's first
    act, the one the story leads with), when that agent is not the speaker's own side."""
    if trig.type not in ACT_TYPES:
        return []
    lex = state.lex
    for noun in objects:
        lemma = noun.lemma_.lower()
        spec = lex.nouns.get(lemma)
        if spec is None and lemma not in words("acts"):
            continue
        author = roles_context.act_author(noun, lex, state.tracker.pronoun)
        if author is not None:
            return [ActorRef(text=author, clue="author of the act")]
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
            continue
        para = state.paragraph(noun.idx)
        told = [
            m
            for m in state.mentions
            if (spec is None or m.plover_type == spec.type)
            and m.plover_type not in STATEMENT_TYPES | ACT_TYPES
            and m.actor1
            and not {a.text for a in m.actor1} & agents
        ]
        near = [m for m in told if para - state.paragraph(m.evidence.start) <= ACT_PARAGRAPHS]
        if near:
            return [dataclasses.replace(a, clue="author of the act told before") for a in near[-1].actor1]
        if spec is None and told:  # "criticized the move" paragraphs later: the article's lead act
            return [dataclasses.replace(a, clue="author of the article's lead act") for a in told[0].actor1]
    return []


def _evidence(tokens: list[Token], sent: Span, article: Article) -> Evidence:
    s_start, s_end = sentence_bounds(sent)
    spans = [np_bounds(t) if t.pos_ in ("NOUN", "PROPN") else (t.idx, t.idx + len(t.text)) for t in tokens]
    start = max(s_start, min(s for s, _ in spans))
    end = min(s_end, max(e for _, e in spans))
    return Evidence(
        article_id=article.id,
        start=start,
        end=end,
        text=article.body[start:end],
        sentence_start=s_start,
        sentence_end=s_end,
    )


def _claim(
    src: Source | None, figures: list[Figure], weapons: list[str], note: str, sent_ev: Evidence
) -> Claim:
    if src is None:
        return Claim(
            source=OUTLET_SOURCE,
            source_kind="outlet",
            figures=tuple(figures),
            weapons=tuple(weapons),
            note=note,
            evidence=sent_ev,
        )
    text = "; ".join(x for x in (src.note, note) if x)
    return Claim(
        source=src.text,
        source_kind=src.kind,
        source_org=src.org,
        figures=tuple(figures),
        weapons=tuple(weapons),
        note=text,
        evidence=sent_ev,
    )


def _reject(trig: Trigger, reason: str, state: ArticleState) -> None:
    start, end = sentence_bounds(trig.sent)
    state.rejections.append(
        Rejection(
            stage="extract",
            reason=reason,
            article_id=state.article.id,
            text=state.article.body[start:end][:300],
        )
    )


def _aggregate_told(trig: Trigger, found_sources: list[Source], state: ArticleState) -> str:
    """What an aggregate statement counts and who says so ("; killed: at least 500000; according to the
    UN"), kept with its rejection for the article page: never an event's fatalities, never exported."""
    figures = read_figures(read_roles(trig, state.lex), trig, state.lex)
    told = [f"{f.kind.value}: {_bounds_text(f)}" for f in figures if f.low is not None or f.high is not None]
    source = source_for(trig.token, found_sources)
    if source is not None and source.kind != OUTLET_SOURCE:
        told.append(f"according to {source.text}")
    return "".join(f"; {part}" for part in told)


def _bounds_text(figure: Figure) -> str:
    if figure.low is not None and figure.high is None:
        return f"at least {figure.low}"
    if figure.low is None:
        return f"up to {figure.high}"
    return str(figure.low) if figure.low == figure.high else f"{figure.low}-{figure.high}"


def _is_bare_reference(
    trig: Trigger, found: Found, figures: list[Figure], own: bool, weapons: list[str]
) -> bool:
    """ "the attack", "the meeting" with nothing new: a reference to an event reported elsewhere."""
    if not trig.is_noun or trig.folded or figures or weapons or own or found.agents or found.targets:
        return False
    return any(c.lower_ in DEFINITE for c in trig.token.children if c.dep_ in ("det", "poss"))


def _retold_here(trig: Trigger, place: Placed, para: int, state: ArticleState) -> bool:
    """ "Investigators say the recent car explosion in Delhi was a suicide attack": a definite attack noun
    with a place of its own, in an article that has told no attack before it, re-tells a happening
    reported elsewhere (a follow-up); it is kept, so that it joins that happening's reports. After an
    attack the article told, the same words point back to that one (``_credit_reference``)."""
    return (
        trig.type == "ASSAULT"
        and place is not None
        and place[1]
        and not any(m.plover_type == "ASSAULT" for m in state.mentions)
    )


def _is_empty_echo(
    trig: Trigger, triggers: list[Trigger], draft: _Draft, date: Placed, place: Placed
) -> bool:
    """ "the Houthis fired two missiles at the destroyer, CENTCOM said, which said both were shot down":
    a verb with no actor, target, figure, weapon, date or place of its own, in a sentence that reports
    another attack, adds no event; kept, it could join any report of its article."""
    return (
        trig.type == "ASSAULT"
        and not trig.is_noun
        and any(t is not trig and t.type == "ASSAULT" for t in triggers)
        and not (draft.found.agents or draft.figures or draft.weapons)
        and all(t.lower_ in words("bare_quantifiers") for t in draft.found.targets)  # "both": the rockets
        and not (date is not None and date[1])
        and not (place is not None and place[1])
    )


def _recalled_by_participants(trig: Trigger, triggers: list[Trigger]) -> bool:
    """An attack noun in the clause that describes who another attack's verb struck or was done by
    ("the insurgents involved in the attack on Tuesday are killed in an operation"): the sentence tells
    the new attack; the one its participants are known by is recalled, an earlier happening."""
    if not trig.is_noun or trig.type != "ASSAULT":
        return False
    clause = description_clause(trig.token, {t.token.i for t in triggers})
    if clause is trig.token:
        return False
    host = clause.head  # the participant the clause describes
    return host.dep_ in PARTICIPANT_DEPS and any(
        t is not trig and t.type == "ASSAULT" and not t.is_noun and host.head.i == t.token.i for t in triggers
    )


@dataclasses.dataclass(slots=True, kw_only=True)
class _Draft:
    """Everything read for one trigger, before it becomes a Mention."""

    found: Found
    figures: list[Figure]
    weapons: list[str]
    weapon_lemmas: list[str]
    actor1: list[ActorRef] = dataclasses.field(default_factory=list)
    actor2: list[ActorRef] = dataclasses.field(default_factory=list)
    mood: Modality = Modality.ASSERTED
    background: bool = False
    source: Source | None = None
    note: str = ""  # for the claim: where actors not named in the clause came from


def build_mention(
    trig: Trigger,
    triggers: list[Trigger],
    date: Placed,
    place: Placed,
    para: int,
    found_sources: list[Source],
    state: ArticleState,
) -> None:
    """Append the mention for ``trig`` (or a rejection) to ``state``."""
    folded = trig.folded and trig.type in GENERIC_TYPES
    reason = cumulative_reason(trig.token) if folded else aggregate_reason(trig.token, trig.sent, trig.type)
    if reason:
        _reject(trig, reason + _aggregate_told(trig, found_sources, state), state)
        return
    reason = not_reported_reason(trig.token, state.lex.speech_verbs)
    if reason:
        _reject(trig, reason, state)
        return
    if _superseded(trig.token, state.lex.speech_verbs) and any(
        t is not trig and t.type == trig.type for t in triggers
    ):
        _reject(trig, "an earlier toll, since replaced, of the attack this sentence reports", state)
        return
    draft = _read(trig, triggers, state)
    own_date = date is not None and date[1]
    if _is_bare_reference(
        trig, draft.found, draft.figures, bool(own_date), draft.weapons
    ) and not _retold_here(trig, place, para, state):
        _credit_reference(trig, para, found_sources, state)
        return
    if _is_empty_echo(trig, triggers, draft, date, place):
        return
    draft.source = source_for(trig.token, found_sources)
    if draft.source is None and trig.type in STATEMENT_TYPES and not trig.is_noun:
        # "The ministry condemned the 'flagrant attack'": what is said is the condemner's claim.
        draft.source = state.tracker.speaker(trig.token)
    if draft.source is not None:
        draft.source = _named_source(draft.source, trig.sent, state)
    draft.actor1, draft.actor2 = _actors(trig, draft, place, state)
    if trig.type == "AGREE" and not draft.actor1 and not draft.actor2:
        _agreement_parties(trig, draft, state)
    if _seized_in_arrest(trig, draft, para, state):
        _reject(trig, "a seizure in the arrest operation just reported (one event, ACLED Arrests)", state)
        return
    draft.mood = modality(trig.token, trig.type, state.lex.speech_verbs)
    if _statement_day(trig, date, draft.mood, state):
        # "Aspides said on Wednesday that the tanker had been hit": the past perfect sets the attack
        # before the statement, so Wednesday is not its day (the article's other sentences may date it).
        date = None
    if date is None and draft.mood is Modality.ASSERTED:
        date = _continued_date(trig, draft, place, para, state)
    if draft.mood is Modality.PLANNED and date is not None and not own_date:
        # Planned events look forward from their own date only; a date of the statement looks back.
        said = statement_date(date[0], trig.token, state.lex.speech_verbs)
        date = (said, False) if said is not None else date
    draft.background = is_background(
        trig.token, date[0] if date else None, own_date=own_date, published_year=state.published_year
    ) or _recalled_by_participants(trig, triggers)
    mention = _assemble(trig, draft, date, place, para, state)
    if mention.id in state.seen:
        return
    state.seen.add(mention.id)
    state.mentions.append(mention)
    if trig.type == "ASSAULT" and not mention.background and mention.modality is Modality.ASSERTED:
        if mention.actor1:
            state.last_attacker = mention.actor1
        main = not any(t.dep_ == "advcl" for t in [trig.token, *trig.token.ancestors])
        # "fighting broke out ... after X was killed": a toll that follows counts the fighting, not X
        state.last_attack_date = (para, date[0]) if date is not None and main else None


def _superseded(token: Token, speech: frozenset[str]) -> bool:
    """A toll reported as an earlier, replaced one: "54 soldiers were killed, after previously announcing
    only eight were killed", "officials had initially said five died". Next to the new toll it is dropped;
    alone, it is the only toll the text gives and stays."""
    # the parser may hang "after previously announcing" below the toll it introduces
    before = (t for t in token.subtree if t.i < token.i)
    for current in (*token.ancestors, *before):
        if current.lemma_.lower() in speech and any(
            c.dep_ == "advmod" and c.lower_ in words("superseded") for c in current.children
        ):
            return True
    return False


def _read(trig: Trigger, triggers: list[Trigger], state: ArticleState) -> _Draft:
    lex = state.lex
    found = read_roles(trig, lex)
    found.agents = outside_dateline(found.agents, state.dateline_end)
    found.targets = outside_dateline(found.targets, state.dateline_end)
    figures = read_figures(found, trig, lex)
    if trig.type == "ASSAULT":
        kinds = {f.kind for f in figures}
        figures += [f for f in _own_tolls(trig, triggers, lex) if f.kind not in kinds]
    if trig.type == "ASSAULT" and (missing := read_missing(trig, triggers, lex)) is not None:
        figures.append(missing)
    weapons, lemmas = read_weapons(trig, triggers, lex)
    return _Draft(found=found, figures=figures, weapons=weapons, weapon_lemmas=lemmas)


def _own_tolls(trig: Trigger, triggers: list[Trigger], lex: Lexicon) -> list[Figure]:
    """The tolls of the sentence that count this attack's people (:mod:`marsad.extract.tolls`): those in
    its own phrase ("an assault which left 14 dead", "exploded, leaving seven dead"), or any, when it is
    the sentence's only attack ("The first attack was in the mosque, which left 42 dead")."""
    attacks = [t for t in triggers if t.type == "ASSAULT"]
    others = [t.token for t in triggers if t is not trig]
    out: list[Figure] = []
    for toll in tolls.sentence_tolls(trig.sent, lex):
        anchor = toll.anchor
        if anchor.i in {t.token.i for t in triggers} or tolls.is_aggregate(toll):
            continue  # "shot him dead": the trigger counts its own dead
        holders = [o for o in others if in_subtree(anchor, o)]  # other triggers whose phrase holds it
        inner = [o for o in holders if in_subtree(o, trig.token)]
        if (in_subtree(anchor, trig.token) and not inner) or (len(attacks) == 1 and not holders):
            out.append(toll.figure)
    return out


def attach_tolls(sent: Span, para: int, found_sources: list[Source], state: ArticleState) -> None:
    """A sentence that reports no attack of its own but gives a toll ("The death toll rose to 31,
    officials said", "The Taliban claimed 190 were dead", "He was later pronounced dead") counts the
    dead of the attack the article has just told (in this paragraph or the one before): its claim, with
    this sentence's source, joins that attack's report."""
    found = [t for t in tolls.sentence_tolls(sent, state.lex) if not tolls.is_aggregate(t)]
    if not found:
        return
    index = _last_attack(para, state)
    if index is None:
        return
    speech = state.lex.speech_verbs
    sent_ev = _sentence_evidence(sent, state)
    claims: list[Claim] = []
    for toll in found:
        if modality(toll.anchor, "ASSAULT", speech) is not Modality.ASSERTED:
            continue
        src = source_for(toll.anchor, found_sources)
        src = _named_source(src, sent, state) if src is not None else None
        claims.append(_claim(src, [toll.figure], [], "a toll told apart from the attack", sent_ev))
    if claims:
        attack = state.mentions[index]
        state.mentions[index] = dataclasses.replace(attack, claims=(*attack.claims, *claims))


def _credit_reference(trig: Trigger, para: int, found_sources: list[Source], state: ArticleState) -> None:
    """ "The attack was carried out with ten drones, the group's spokesman said": a named source speaking
    of the attack just told (a bare "the attack", which adds no event) is a source on that attack."""
    src = source_for(trig.token, found_sources)
    if trig.type != "ASSAULT" or src is None or (index := _last_attack(para, state)) is None:
        return
    src = _named_source(src, trig.sent, state)
    attack = state.mentions[index]
    if src.text in {c.source for c in attack.claims}:
        return
    claim = _claim(src, [], [], "speaks of the attack", _sentence_evidence(trig.sent, state))
    state.mentions[index] = dataclasses.replace(attack, claims=(*attack.claims, claim))


def _named_source(src: Source, sent: Span, state: ArticleState) -> Source:
    """The source named in full, with its organisation (:mod:`marsad.extract.speakers`)."""
    start, end = sentence_bounds(sent)
    src = speakers.full_name(src, state.article.body[:start])
    src = speakers.spelled_out(src, state.article.body[:end])
    return speakers.with_org(src, state.reference, state.antecedents)


def _sentence_evidence(sent: Span, state: ArticleState) -> Evidence:
    start, end = sentence_bounds(sent)
    return Evidence(
        article_id=state.article.id,
        start=start,
        end=end,
        text=state.article.body[start:end],
        sentence_start=start,
        sentence_end=end,
    )


def _last_attack(para: int, state: ArticleState) -> int | None:
    """Index of the article's last reported attack, when it was told at most ``TOLL_PARAGRAPHS`` before."""
    for index in range(len(state.mentions) - 1, -1, -1):
        mention = state.mentions[index]
        if mention.plover_type != "ASSAULT":
            continue
        told = state.paragraph(mention.evidence.start)
        if para - told > TOLL_PARAGRAPHS or mention.background or mention.modality is not Modality.ASSERTED:
            return None
        return index
    return None


def _actors(
    trig: Trigger, draft: _Draft, place: Placed, state: ArticleState
) -> tuple[list[ActorRef], list[ActorRef]]:
    lex, found = state.lex, draft.found
    mutual = roles.reciprocal(found.targets)
    found.targets = [h for h in found.targets if h not in mutual]
    if trig.type in MEASURE_TYPES:  # "a ban on arms shipments to X": X
        found.targets = [roles.destination(h, lex) or h for h in found.targets]
    actor1 = [ActorRef(text=t, clue=c) for t, c in _agent_refs(trig, found, draft.source, state)]
    event_target = _event_target(trig, found, {a.text for a in actor1}, state)
    objects = list(found.targets)  # before the event nouns are dropped: an act judged names its author
    visitor = _guests(trig, found, lex)
    attack = trig.type == "ASSAULT"
    clued = roles.clued_refs(
        found.targets, trig.token, lex, state.tracker.pronoun, modifier=not attack, sites=attack
    )
    listed = [m for head in found.targets for m in roles_context.listed_members(head, lex, sites=attack)]
    # "ambassadors of the quintet. The quintet includes A, B and C": A, B, C
    texts = [(m, "listed members") for m in listed] or clued
    actor2 = event_target if event_target is not None else _recipient(trig, found, texts, place, state)
    if not actor2:
        actor2 = _act_author(trig, objects, {a.text for a in actor1}, state)
    targets = {a.text for a in actor2}
    actor1 = [a for a in actor1 if a.text not in targets] or actor1  # "between A and B": B is the target
    if not actor2 and len(actor1) > 1 and trig.type in BILATERAL_TYPES:
        actor1, actor2 = actor1[:1], actor1[1:]  # "Egypt and Qatar agreed": ACLED's actor1 and actor2
    elif mutual and not actor2 and len(actor1) > 1:
        # "the army and the RSF blame each other": each side acts on the other; ACLED's actor1 and actor2
        mark = roles.RECIPROCAL_CLUE
        actor2 = [dataclasses.replace(a, clue=f"{a.clue or 'named'}, {mark}") for a in actor1[1:]]
        actor1 = actor1[:1]
    if visitor and actor1 and actor2:
        # "Cairo is hosting talks after the arrival of a Hamas delegation": the same visit as "the
        # delegation arrived in Cairo"; PLOVER codes the visitor as actor and the host as recipient.
        # A guest named as a talks partner ("hosted talks with Syrian officials") stays actor2.
        actor1, actor2 = actor2, actor1
    return _refer_back(actor1, draft.source, state), _refer_back(actor2, None, state)


def _statement_day(trig: Trigger, date: Placed, mood: Modality, state: ArticleState) -> bool:
    """Whether an attack told in the past perfect borrowed the date of the statement reporting it."""
    return (
        date is not None
        and not date[1]
        and trig.type == "ASSAULT"
        and mood is Modality.ASSERTED
        and statement_date(date[0], trig.token, state.lex.speech_verbs) is not None
        and _past_perfect(trig.token, state.lex.speech_verbs)
    )


def _past_perfect(token: Token, speech: frozenset[str]) -> bool:
    """Whether the clause that holds ``token``, below the statement reporting it, is in the past perfect
    ("had been raped by fighters who raided ...": both the rape and the raid)."""
    for current in [token, *token.ancestors]:
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() in speech:
            return False
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in current.children):
            return True
    return False


def _continued_date(trig: Trigger, draft: _Draft, place: Placed, para: int, state: ArticleState) -> Placed:
    """ "STC forces took Seiyun on Wednesday after brief clashes. Two soldiers were killed, a source said.":
    a toll in the passive, with no agent, place or date of its own, right after a dated attack, counts
    that attack's dead: it takes the attack's date (not the report's), so that the two are one event."""
    last = state.last_attack_date
    if (
        trig.type != "ASSAULT"
        or last is None
        or last[0] not in (para, para - 1)
        or place is not None
        or draft.found.agents
        or not draft.figures
        or not any(c.dep_ == "auxpass" for c in trig.token.children)
    ):
        return None
    return (last[1], False)


def _seized_in_arrest(trig: Trigger, draft: _Draft, para: int, state: ArticleState) -> bool:
    """ "Security units arrested two men. Weapons and explosives were seized.": one operation, coded
    once, as the arrest. The seizure belongs to the arrest mentioned just before it, in the same
    paragraph, when it names no other agent."""
    if trig.type != "COERCE" or trig.mode != "seize" or not state.mentions:
        return False
    arrest = state.mentions[-1]
    return (
        arrest.plover_type == "COERCE"
        and arrest.plover_mode == "arrest"
        and arrest.modality is Modality.ASSERTED
        and state.paragraph(arrest.evidence.start) == para
        and (not draft.actor1 or [a.text for a in draft.actor1] == [a.text for a in arrest.actor1])
    )


def _agreement_parties(trig: Trigger, draft: _Draft, state: ArticleState) -> None:
    """An agreement named but no party ("the Gaza ceasefire"): the parties the agreement list gives."""
    agreement = agreements.parties_named(trig.token, state.reference)
    if agreement is None:
        return
    first, second = agreement.parties
    draft.actor1 = [ActorRef(text=first, clue="agreement parties")]
    draft.actor2 = [ActorRef(text=second, clue="agreement parties")]
    draft.note = f"actors from the agreement list ({agreements.AGREEMENTS_FILE}): {agreement.name}"


def _guests(trig: Trigger, found: Found, lex: Lexicon) -> bool:
    """Drop event objects from the targets; a CONSULT with none takes the guest named later in the
    sentence. True when a host ("Cairo is hosting talks") receives a guest named as arriving."""
    kept = roles.drop_events(found.targets, lex)
    hosts_event = trig.spec.agent_first and len(kept) < len(found.targets)
    found.targets = kept
    if found.targets or trig.type != "CONSULT":
        return False
    guest = roles.counterpart_fallback(trig)
    found.targets = [guest] if guest is not None and guest.i not in {a.i for a in found.agents} else []
    return hosts_event and bool(found.targets) and guest is not None and roles_context.arriving(guest)


def _recipient(
    trig: Trigger, found: Found, texts: list[tuple[str, str]], place: Placed, state: ArticleState
) -> list[ActorRef]:
    """actor2 from the (text, clue) targets, or by the rules for targets that name no actor."""
    lex, pronoun = state.lex, state.tracker.pronoun
    owner = roles_context.policy_owner(found.targets, lex, pronoun) if trig.type in POLICY_TYPES else None
    if owner is not None:
        # "opposed the army's plan": the army; "opposed efforts": a government
        return [ActorRef(text=owner, clue="owner of the policy")]
    if texts:
        return [ActorRef(text=t, clue=c) for t, c in texts]
    if trig.type == "COERCE" and (group := _next_sentence_group(trig, lex)) is not None:
        # "a valuable catch was detained. He was a figure in X": X
        return [ActorRef(text=group, clue="next sentence's group")]
    if trig.mode == "visit" and place is not None:
        # a delegation "arrived in Cairo": the host is Cairo
        return [ActorRef(text=place[0].text, clue="host of the visit")]
    return []


def _next_sentence_group(trig: Trigger, lex: Lexicon) -> str | None:
    """An arrest naming no actor as its patient, whose detainee the next sentence places in a group."""
    doc = trig.sent.doc
    if trig.sent.end >= len(doc):
        return None
    group = roles_context.described_affiliation(doc[trig.sent.end].sent, lex)
    text = roles.actor_text(group, lex, lambda _: None) if group is not None else None
    return " ".join(text.translate(UNQUOTE).split()) if text else None  # the “X” cell -> the X cell


def _refer_back(refs: list[ActorRef], src: Source | None, state: ArticleState) -> list[ActorRef]:
    """Bare "the ministry", "troops" name the ministry or forces the article named before."""
    out = []
    for ref in refs:
        text = anaphora.refer_back(ref.text, state.antecedents)
        clue = ref.clue if text == ref.text else f"{ref.clue or 'named'}, refers back"
        out.append(ActorRef(text=text, clue=clue))
    for text in [*(r.text for r in refs), *([src.text] if src is not None else [])]:
        anaphora.remember(text.removeprefix("the ").removeprefix("The "), state.antecedents)
    return out


def _acled(trig: Trigger, draft: _Draft, mode: str | None, lex: Lexicon) -> tuple[str | None, str | None]:
    hints = {trig.spec.hint} if trig.spec.hint else set()
    if any(t.lemma_.lower() in words("mob") for t in draft.found.agents):
        hints.add("mob")
    civilian = roles.is_civilian([a.text for a in draft.actor2], draft.found.targets, lex)
    return acled_types(trig.type, mode, actor2_civilian=civilian, weapons=draft.weapon_lemmas, hints=hints)


def _assemble(
    trig: Trigger, draft: _Draft, date: Placed, place: Placed, para: int, state: ArticleState
) -> Mention:
    lex, article, found = state.lex, state.article, draft.found
    mode = read_mode(trig, draft.weapon_lemmas, lex, found.targets)
    event_type, sub_type = _acled(trig, draft, mode, lex)
    place_text = place[0].text if place else state.places.get(para)
    if place:
        state.places[para] = place[0].text
    evidence = _evidence([trig.token, *trig.folded, *found.agents, *found.targets], trig.sent, article)
    s_start, s_end = sentence_bounds(trig.sent)
    sent_ev = dataclasses.replace(evidence, start=s_start, end=s_end, text=article.body[s_start:s_end])
    note = "; ".join(n for n in ("negated" if draft.mood is Modality.NEGATED else "", draft.note) if n)
    return Mention(
        id=content_id(article.id, str(evidence.start), str(evidence.end), trig.type, prefix="m_"),
        article_id=article.id,
        plover_type=trig.type,
        plover_mode=mode,
        acled_event_type=event_type,
        acled_sub_event_type=sub_type,
        trigger=trig.token.text,
        actor1=tuple(draft.actor1),
        actor2=tuple(draft.actor2),
        place=PlaceRef(text=place_text) if place_text else None,
        date=DateRef(text=date[0].text) if date else DateRef(),
        figures=tuple(draft.figures),
        weapons=tuple(draft.weapons),
        named_casualties=tuple(named_casualties(found, trig.sent)),
        claims=(_claim(draft.source, draft.figures, draft.weapons, note, sent_ev),),
        modality=draft.mood,
        background=draft.background,
        evidence=evidence,
    )

"""The learned layer proposes an event where the rules found no trigger (issue 13): the sentence's main
verb stands as the trigger, the rules' argument finders fill it, and its decision says the model proposed
it. Our own sentences; the judge is a stand-in with fixed readings."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language

from marsad.extract import decide, extract
from marsad.extract.decide import PROPOSE_EVENT, PROPOSE_TYPE, RememberingJudge, proposed_type
from marsad.records import Article, Judgement


@pytest.fixture(autouse=True)
def _proposing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proposals are off by default (decide.PROPOSE); these tests switch them on."""
    monkeypatch.setattr(decide, "PROPOSE", True)


# No trigger word of the lexicon: only the model can read an attack here.
NO_TRIGGER = "The navy announces the interception of four missiles over the gulf near Jizan."


def _reading(event: float, kind: str, score: float) -> Judgement:
    rest = (1.0 - score) / 2
    return Judgement(
        event=event,
        types=((kind, score), ("ACCUSE", rest), ("CONSULT", rest)),
        present=((kind, score),),
        modality=(("asserted", 0.95), ("planned", 0.05)),
        background=0.05,
        acled=(("", 0.9),),
    )


class Judge:
    def __init__(self, reading: Judgement) -> None:
        self.reading = reading
        self.asked: list[str] = []

    def judge(self, sentences: Sequence[str]) -> list[Judgement]:
        self.asked.extend(sentences)
        return [self.reading for _ in sentences]


def _run(nlp: Language, text: str, judge: Judge | None) -> list[tuple[str, str, tuple[str, ...], str]]:
    article = Article(id="a_proposed", title="", body=text, published="2026-02-10")
    out = []
    for m in extract(nlp(text), article, judge).mentions:
        decision = m.decision
        changed = decision.changed if decision is not None else ()
        by = decision.decided_by if decision is not None else "rules"
        out.append((m.plover_type, m.trigger, changed, by))
    return out


def test_thresholds_decide_what_is_proposed() -> None:
    assert proposed_type(_reading(PROPOSE_EVENT, "ASSAULT", PROPOSE_TYPE)) == "ASSAULT"
    assert proposed_type(_reading(PROPOSE_EVENT - 0.01, "ASSAULT", 0.99)) is None
    assert proposed_type(_reading(0.99, "ASSAULT", PROPOSE_TYPE - 0.01)) is None


@pytest.mark.model
def test_a_sure_reading_without_a_rule_trigger_is_proposed_and_says_so(nlp: Language) -> None:
    found = _run(nlp, NO_TRIGGER, Judge(_reading(0.97, "ASSAULT", 0.9)))
    assert [(kind, trigger) for kind, trigger, _, _ in found] == [("ASSAULT", "announces")]
    assert found[0][2][0] == "event"
    assert found[0][3] == "model"


@pytest.mark.model
def test_the_proposed_event_gets_its_arguments_from_the_rules(nlp: Language) -> None:
    article = Article(id="a_args", title="", body=NO_TRIGGER, published="2026-02-10")
    judge = Judge(_reading(0.97, "ASSAULT", 0.9))
    (mention,) = extract(nlp(NO_TRIGGER), article, judge).mentions
    assert [a.text for a in mention.actor1] == ["navy"]
    assert mention.place is not None and "Jizan" in mention.place.text


@pytest.mark.model
def test_an_unsure_reading_proposes_nothing(nlp: Language) -> None:
    assert _run(nlp, NO_TRIGGER, Judge(_reading(0.97, "ASSAULT", 0.5))) == []
    assert _run(nlp, NO_TRIGGER, Judge(_reading(0.6, "ASSAULT", 0.95))) == []


@pytest.mark.model
def test_rules_only_propose_nothing(nlp: Language) -> None:
    assert _run(nlp, NO_TRIGGER, None) == []


@pytest.mark.model
def test_beside_a_rule_trigger_nothing_is_proposed(nlp: Language) -> None:
    text = "The two ministers met in Muscat on Sunday."
    reading = _reading(0.97, "ASSAULT", 0.95)
    reading = Judgement(
        event=reading.event,
        types=reading.types,
        present=(("ASSAULT", 0.95), ("CONSULT", 0.6)),  # the rule's meeting stays a meeting
        modality=reading.modality,
        background=reading.background,
        acled=reading.acled,
    )
    found = _run(nlp, text, Judge(reading))
    assert [(kind, trigger) for kind, trigger, _, _ in found] == [("CONSULT", "met")]
    assert all("event" not in changed for _, _, changed, _ in found)


@pytest.mark.model
def test_a_heading_without_a_verb_proposes_nothing(nlp: Language) -> None:
    assert (
        _run(nlp, "Gulf maritime security, missile interceptions", Judge(_reading(0.99, "ASSAULT", 0.99)))
        == []
    )


@pytest.mark.model
def test_a_material_event_told_by_a_speaker_takes_the_told_verb(nlp: Language) -> None:
    text = "The coast guard says gunmen boarded a fishing vessel off Hodeidah."
    found = _run(nlp, text, Judge(_reading(0.97, "ASSAULT", 0.9)))
    assert ("ASSAULT", "boarded") in [(kind, trigger) for kind, trigger, _, _ in found]


@pytest.mark.model
def test_off_by_default_nothing_is_proposed(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decide, "PROPOSE", False)
    assert _run(nlp, NO_TRIGGER, Judge(_reading(0.99, "ASSAULT", 0.99))) == []


def test_each_sentence_is_read_once() -> None:
    inner = Judge(_reading(0.5, "CONSULT", 0.5))
    judge = RememberingJudge(inner)
    judge.judge(["one.", "two."])
    judge.judge(["two.", "one.", "three."])
    assert inner.asked == ["one.", "two.", "three."]

"""The learned layer: its interface, how extract decides with it, training, and its error messages.

Every sentence here is our own writing.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad import learn, pipeline
from marsad.cli import cli
from marsad.extract import decide
from marsad.learn import labels
from marsad.learn.model import META, WEIGHTS, ModelError
from marsad.records import Article, Evidence, Judgement, Mention, Modality
from marsad.resolve import load_actor_names

STRIKE = "Gunmen shot dead three police officers at a checkpoint outside the town on Monday."
OPINION = "Many residents believe the conflict has made the whole region less safe for everyone."
PLAN = "The two foreign ministers will meet in Muscat next week to discuss the border."


@pytest.fixture(scope="module")
def model() -> learn.SentenceModel:
    return learn.load()


def test_the_packaged_model_reads_events_types_and_modality(model: learn.SentenceModel) -> None:
    strike, opinion, plan = model.judge([STRIKE, OPINION, PLAN])
    assert strike.event > 0.5 > opinion.event
    assert strike.types[0][0] == "ASSAULT"
    assert dict(strike.present)["ASSAULT"] > 0.5
    assert plan.types[0][0] == "CONSULT"
    assert plan.modality[0][0] == "planned"
    assert all(abs(sum(p for _, p in j.types) - 1.0) < 1e-4 for j in (strike, opinion, plan))
    assert model.judge([]) == []


def test_the_committed_model_was_trained_on_the_committed_data(model: learn.SentenceModel) -> None:
    """Editing the labelled sentences without `marsad train` leaves a stale model: this says so."""
    assert model.meta["training_data"]["sha256"] == labels.digest(labels.data_files())
    assert model.meta["training_data"]["sentences"] >= 3000


def test_every_training_sentence_has_a_licence_and_valid_labels() -> None:
    from marsad import acled

    rows = labels.read(labels.data_files(), frozenset(acled.sub_event_types()))
    assert len(rows) >= 3000
    assert all(row.licence for row in rows)
    assert len({row.id for row in rows}) == len(rows)


# --- decide: the policy of rules propose, model decides -------------------------------------------


def _judgement(event: float, main: str, present: dict[str, float], **extra: object) -> Judgement:
    score = float(extra.get("main_score", 0.9))  # type: ignore[arg-type]
    types = ((main, score), *((t, (1.0 - score) / 15) for t in sorted(present) if t != main))
    return Judgement(
        event=event,
        types=types,
        present=tuple(sorted(present.items(), key=lambda kv: -kv[1])),
        modality=extra.get("modality", (("asserted", 0.95), ("planned", 0.04), ("threatened", 0.01))),  # type: ignore[arg-type]
        background=float(extra.get("background", 0.05)),  # type: ignore[arg-type]
        acled=extra.get("acled", (("", 0.9),)),  # type: ignore[arg-type]
    )


class FixedJudge:
    def __init__(self, judgement: Judgement) -> None:
        self.judgement = judgement
        self.asked: list[str] = []

    def judge(self, sentences: list[str]) -> list[Judgement]:  # type: ignore[override]
        self.asked.extend(sentences)
        return [self.judgement for _ in sentences]


ARTICLE = Article(id="a1", title="t", body=f"{STRIKE} {OPINION}")


def _mention(plover: str = "ASSAULT", **fields: object) -> Mention:
    end = len(STRIKE)
    return Mention(
        id=f"m-{plover}",
        article_id="a1",
        plover_type=plover,
        plover_mode=fields.pop("mode", "firearms"),  # type: ignore[arg-type]
        trigger="shot",
        evidence=Evidence(
            article_id="a1", start=7, end=15, text="shot dead", sentence_start=0, sentence_end=end
        ),
        **fields,  # type: ignore[arg-type]
    )


def test_a_sentence_the_model_reads_as_no_event_is_dropped_with_a_reason() -> None:
    judge = FixedJudge(_judgement(0.1, "ASSAULT", {"ASSAULT": 0.3}))
    kept, dropped = decide.decide([_mention()], ARTICLE, judge)
    assert kept == []
    assert "not a specific event" in dropped[0].reason and dropped[0].text == STRIKE
    assert judge.asked == [STRIKE]


def test_each_sentence_is_read_once_however_many_mentions_it_holds() -> None:
    judge = FixedJudge(_judgement(0.9, "ASSAULT", {"ASSAULT": 0.9, "COERCE": 0.6}))
    kept, _ = decide.decide([_mention("ASSAULT"), _mention("COERCE")], ARTICLE, judge)
    assert judge.asked == [STRIKE]
    assert [m.plover_type for m in kept] == ["ASSAULT", "COERCE"]  # both kinds are in the sentence


def test_a_stray_trigger_beside_a_supported_one_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decide, "KEEP_TYPE", 0.2)  # off by default (docs/model.md)
    judge = FixedJudge(_judgement(0.9, "CONSULT", {"CONSULT": 0.9, "ASSAULT": 0.03}))
    kept, dropped = decide.decide([_mention("ASSAULT"), _mention("CONSULT")], ARTICLE, judge)
    assert [m.plover_type for m in kept] == ["CONSULT"]
    assert "no ASSAULT in this sentence" in dropped[0].reason
    alone, none_dropped = decide.decide([_mention("ASSAULT")], ARTICLE, judge)
    assert [m.plover_type for m in alone] == ["ASSAULT"] and not none_dropped  # the rule stands alone
    coerce = FixedJudge(_judgement(0.9, "COERCE", {"COERCE": 0.9, "ASSAULT": 0.03}))
    same_family, _ = decide.decide([_mention("ASSAULT"), _mention("COERCE")], ARTICLE, coerce)
    assert [m.plover_type for m in same_family] == ["ASSAULT", "COERCE"]  # one family: the rule stands


def test_a_retyping_that_would_repeat_another_mention_of_the_sentence_drops_it() -> None:
    # The model doubts the accusation and reads an assault, which the sentence's other trigger already is.
    sure = _judgement(0.9, "ASSAULT", {"ASSAULT": 0.95, "ACCUSE": 0.01}, main_score=0.9)
    kept, dropped = decide.decide([_mention("ASSAULT"), _mention("ACCUSE")], ARTICLE, FixedJudge(sure))
    assert [m.plover_type for m in kept] == ["ASSAULT"]
    assert "is another mention's" in dropped[0].reason and "'shot'" in dropped[0].reason
    alone, none_dropped = decide.decide([_mention("ACCUSE")], ARTICLE, FixedJudge(sure))
    assert [m.plover_type for m in alone] == ["ASSAULT"] and not none_dropped  # alone, it is retyped


def test_the_rule_type_stands_unless_the_model_is_sure_it_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decide, "SWITCH_TYPE", 0.5)
    monkeypatch.setattr(decide, "DOUBT_TYPE", 0.1)
    agree = decide.apply(_mention("ASSAULT"), _judgement(0.9, "ASSAULT", {"ASSAULT": 0.95}))
    assert agree.plover_type == "ASSAULT" and agree.decision is not None
    assert agree.decision.decided_by == "both" and agree.decision.changed == ()

    switched = decide.apply(
        _mention("CONSULT"), _judgement(0.9, "ASSAULT", {"ASSAULT": 0.95, "CONSULT": 0.02})
    )
    assert switched.plover_type == "ASSAULT"
    assert switched.plover_mode is None  # the rule's mode belonged to the rule's type
    assert switched.decision is not None and switched.decision.decided_by == "model"
    assert switched.decision.rule_type == "CONSULT" and "plover_type" in switched.decision.changed


def test_by_default_a_sure_model_type_replaces_a_doubted_rule_type_and_both_are_kept() -> None:
    # No thresholds set here: the default pipeline retypes (docs/model.md).
    sure = _judgement(0.9, "COERCE", {"COERCE": 0.9, "CONSULT": 0.01}, main_score=0.9)
    retyped = decide.apply(_mention("CONSULT", mode="meet"), sure)
    assert retyped.plover_type == "COERCE" and retyped.plover_mode is None
    decision = retyped.decision
    assert decision is not None and decision.decided_by == "model" and "plover_type" in decision.changed
    assert (decision.rule_type, decision.model_type, decision.model_type_score) == ("CONSULT", "COERCE", 0.9)

    unsure = _judgement(0.9, "COERCE", {"COERCE": 0.5, "CONSULT": 0.01}, main_score=0.4)
    kept = decide.apply(_mention("CONSULT", mode="meet"), unsure)
    assert kept.plover_type == "CONSULT" and kept.plover_mode == "meet"  # the model is not sure enough
    assert kept.decision is not None and kept.decision.model_type == "COERCE"  # but its reading is kept
    assert "plover_type" not in kept.decision.changed

    two_events = _judgement(0.9, "COERCE", {"COERCE": 0.9, "CONSULT": 0.7}, main_score=0.9)
    both = decide.apply(_mention("CONSULT", mode="meet"), two_events)
    assert both.plover_type == "CONSULT"  # the model reads a meeting there too: the rule's trigger stands


def test_the_model_acled_type_applies_only_when_it_fits_the_plover_type() -> None:
    drone = (("Air/drone strike", 0.9), ("", 0.1))
    fits = decide.apply(_mention("ASSAULT"), _judgement(0.9, "ASSAULT", {"ASSAULT": 0.9}, acled=drone))
    assert (fits.acled_event_type, fits.acled_sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    misfit = decide.apply(_mention("CONSULT"), _judgement(0.9, "CONSULT", {"CONSULT": 0.9}, acled=drone))
    assert misfit.acled_sub_event_type is None  # a meeting is never an air strike


def test_modality_moves_between_asserted_and_planned_only_when_the_model_is_sure() -> None:
    planned = (("planned", 0.9), ("asserted", 0.09), ("threatened", 0.01))
    moved = decide.apply(_mention("CONSULT"), _judgement(0.9, "CONSULT", {"CONSULT": 0.9}, modality=planned))
    assert moved.modality is Modality.PLANNED
    unsure = (("planned", 0.55), ("asserted", 0.44), ("threatened", 0.01))
    kept = decide.apply(_mention("CONSULT"), _judgement(0.9, "CONSULT", {"CONSULT": 0.9}, modality=unsure))
    assert kept.modality is Modality.ASSERTED
    negated = decide.apply(
        _mention("ASSAULT", modality=Modality.NEGATED),
        _judgement(0.9, "ASSAULT", {"ASSAULT": 0.9}, modality=planned),
    )
    assert negated.modality is Modality.NEGATED  # the rules' negation is never overruled


def test_the_pipeline_records_both_readings_and_can_run_without_the_model() -> None:
    article = Article(id="p1", title="Checkpoint attack", body=STRIKE, published="2026-03-10")
    learned, _ = pipeline.events_for([article])
    rules, _ = pipeline.events_for([article], pipeline.RunOptions(learned=False))
    assert learned and all(m.decision is not None for m in learned)
    assert rules and all(m.decision is None for m in rules)


def test_a_sentence_reads_the_same_whatever_it_is_read_with(model: learn.SentenceModel) -> None:
    """Bit for bit: what lets a run read many articles' sentences in one call and keep them by text."""
    alone = [model.judge([text])[0] for text in (STRIKE, OPINION, PLAN)]
    together = model.judge([PLAN, OPINION, STRIKE, "Rain fell.", STRIKE, PLAN])
    assert together[2] == together[4] == alone[0]
    assert together[1] == alone[1] and together[0] == together[5] == alone[2]


def test_remembering_reads_each_distinct_sentence_once(model: learn.SentenceModel) -> None:
    judge = learn.Remembering(model, size=2)
    first = judge.judge([STRIKE, OPINION, STRIKE])
    assert (judge.asked, judge.read) == (3, 2)
    assert judge.judge([OPINION, STRIKE]) == [first[1], first[0]] and judge.read == 2
    judge.judge([PLAN])  # the oldest kept sentence makes room
    assert list(judge.kept) == [STRIKE, PLAN]
    assert judge.judge([OPINION]) == [first[1]] and judge.read == 4


def test_a_run_decides_as_article_by_article(
    model: learn.SentenceModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pipeline.analyse reads the candidate sentences of many articles at once and keeps judgements by
    text; the mentions and rejections are those of deciding each article alone."""
    from marsad import nlp, resolve
    from marsad.extract import extract

    bodies = [
        f"{STRIKE} {OPINION}",
        f"{PLAN} Protesters blocked the main road into the port city for hours on Tuesday.",
        f"{STRIKE} Police said they had arrested two suspects after the shooting.",
        "The weather was mild across the valley all week.",
    ]
    articles = [
        Article(id=f"w{n}", title="t", body=body, published="2026-03-10") for n, body in enumerate(bodies)
    ]
    language, resolver = nlp.load(), resolve.load_resolver()
    alone_mentions, alone_rejections = [], []
    for article in articles:
        result = extract(language(article.body), article, model, actors=load_actor_names())
        alone_mentions.extend(resolver.resolve_all(result.mentions, article))
        alone_rejections.extend(result.rejections)
    monkeypatch.setattr(pipeline, "JUDGE_WINDOW", 3)  # two windows, the repeated sentence in both
    mentions, rejections = pipeline.analyse(articles, pipeline.RunOptions())
    assert mentions and mentions == alone_mentions
    assert rejections == alone_rejections


# --- training and the model files ---------------------------------------------------------------

TINY = [
    (STRIKE, True, "ASSAULT", "Attack"),
    ("Soldiers fired on a car near the crossing, killing the driver.", True, "ASSAULT", "Attack"),
    ("Police arrested twelve protesters outside parliament on Sunday.", True, "COERCE", "Arrests"),
    ("Security forces detained a local journalist at his home.", True, "COERCE", "Arrests"),
    ("The foreign minister met his counterpart in the capital.", True, "CONSULT", None),
    ("Delegations held talks on prisoner releases in Geneva.", True, "CONSULT", None),
    (OPINION, False, None, None),
    ("Analysts say the economy will take years to recover.", False, None, None),
    ("The town is known for its old market and its orchards.", False, None, None),
    ("Experts argue that sanctions rarely change a government's course.", False, None, None),
]


def _write_tiny(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, (text, event, plover, acled) in enumerate(TINY):
            row = {"id": f"tiny:{n}", "text": text, "event": event, "licence": "MIT, marsad contributors"}
            if event:
                row.update(modality="asserted", background=False, types=[plover], acled=acled)
            else:
                row.update(why="opinion")
            out.write(json.dumps(row) + "\n")
    return path


def test_training_is_deterministic_and_its_model_loads(tmp_path: Path) -> None:
    data = _write_tiny(tmp_path / "tiny.jsonl")
    first = learn.train([data], tmp_path / "one")
    second = learn.train([data], tmp_path / "two")
    assert first.weights_sha256 == second.weights_sha256
    for name in (WEIGHTS, META):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    model = learn.load(str(tmp_path / "one"))
    assert model.meta["training_data"]["sentences"] == len(TINY)
    assert model.judge(["Police detained a reporter in the capital."])[0].types[0][0] in {
        "COERCE",
        "CONSULT",
        "ASSAULT",
    }


def test_marsad_train_command(tmp_path: Path) -> None:
    data = _write_tiny(tmp_path / "tiny.jsonl")
    result = CliRunner().invoke(cli, ["train", "--data", str(data), "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert "trained on 10 sentences (6 events)" in result.output
    assert (tmp_path / "m" / WEIGHTS).is_file()


def test_a_bad_training_line_names_its_file_and_line(tmp_path: Path) -> None:
    data = _write_tiny(tmp_path / "tiny.jsonl")
    with data.open("a", encoding="utf-8") as out:
        out.write(
            json.dumps({"id": "x", "text": "Something happened.", "event": True, "licence": "MIT"}) + "\n"
        )
    with pytest.raises(Exception, match=r"tiny\.jsonl:11: `types` must list PLOVER types"):
        learn.train([data], tmp_path / "m")


def test_a_missing_model_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"missing.*marsad train"):
        learn.load(str(tmp_path))


def test_a_corrupt_model_says_how_to_rebuild_it(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(learn.model.packaged_dir(), folder)
    weights = folder / WEIGHTS
    weights.write_bytes(weights.read_bytes()[:-100])
    with pytest.raises(ModelError, match=r"corrupt.*marsad train"):
        learn.load(str(folder))
    (folder / META).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"not valid JSON.*marsad train"):
        learn.load(str(folder))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"no labelled sentences in .*empty\.jsonl"),
        (b'{"text": "Troops moved in.", "licence": "MIT"}\n', r"empty\.jsonl:1: missing field 'event'"),
        (b"\xff\xfe not text", r"empty\.jsonl: cannot read labelled sentences"),
        (b"[1, 2]\n", r"empty\.jsonl:1: "),
    ],
)
def test_train_on_hostile_data_says_what_is_wrong(tmp_path: Path, content: bytes, message: str) -> None:
    data = tmp_path / "empty.jsonl"
    data.write_bytes(content)
    result = CliRunner().invoke(cli, ["train", "--data", str(data), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(message, result.output), result.output
    assert not (tmp_path / "m").exists()


def test_loading_the_model_keeps_blas_on_one_thread() -> None:
    # A spinning BLAS pool made the heads twenty times slower on a busy machine (docs/model.md).
    from threadpoolctl import threadpool_info

    learn.load()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_the_model_leaves_background_alone_where_the_rules_read_a_sentence_both_ways() -> None:
    # One sentence, two mentions: the rules read one as news and one as recalled. The model's low score is
    # for the sentence's news, so it clears no recalled mention; a high one still sets the flag.
    judge = FixedJudge(_judgement(0.9, "ASSAULT", {"ASSAULT": 0.9}, background=0.01))
    news, recalled = (
        _mention("ASSAULT"),
        dataclasses.replace(_mention("ASSAULT"), id="m-old", background=True),
    )
    kept, _ = decide.decide([news, recalled], ARTICLE, judge)
    assert [m.background for m in kept] == [False, True]
    alone, _ = decide.decide([recalled], ARTICLE, judge)
    assert [m.background for m in alone] == [False]  # alone in its sentence, the sure model overrules
    sure = FixedJudge(_judgement(0.9, "ASSAULT", {"ASSAULT": 0.9}, background=0.95))
    kept, _ = decide.decide([news, recalled], ARTICLE, sure)
    assert [m.background for m in kept] == [True, True]

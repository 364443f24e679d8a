"""Raw scraper dumps: segmentation, captions and credits, offsets, ids, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ingest import IngestOptions, article_id, read_inputs
from marsad.ingest.dump import looks_like_dump, split_credit
from marsad.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DUMP = FIXTURES / "dump.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"

TITLES = [
    "Drone Strike Hits Militia Depot Near Qaim as Tensions Rise",
    "Police in Homs Detain Suspects Over Market Bombing",
    "Talks in Cairo Seek to Revive Gaza’s ‘Reconstruction Board’",
    "Lebanese Cabinet Approves Plan to Expand Army Deployment in the South",
]
CREDITS = [("Reuters",), ("AFP",), ("AFP",), ("Lebanese presidency's media office",)]


@pytest.fixture(scope="module")
def articles() -> tuple[Article, ...]:
    result = read_inputs([str(DUMP)])
    assert result.rejections == ()
    return result.articles


def test_dump_is_detected() -> None:
    assert looks_like_dump(DUMP.read_text(encoding="utf-8"))
    assert not looks_like_dump((FIXTURES / "plain.txt").read_text(encoding="utf-8"))


def test_segments_into_articles_with_exact_titles(articles: tuple[Article, ...]) -> None:
    assert [a.title for a in articles] == TITLES
    assert all(a.format == "dump" for a in articles)


def test_photo_credits_exact(articles: tuple[Article, ...]) -> None:
    assert [a.photo_credits for a in articles] == CREDITS
    assert (
        articles[0].captions[0].text
        == "Smoke rises from a warehouse on the outskirts of Qaim, Iraq, March 2, 2024."
    )
    assert articles[2].captions[0].text == "Children walk past damaged homes in Khan Younis in southern Gaza"


def test_no_artifacts_in_body(articles: tuple[Article, ...]) -> None:
    for article in articles:
        lines = [line.strip() for line in article.body.split("\n")]
        assert "TT" not in lines
        assert article.title not in article.body
        for caption in article.captions:
            assert caption.text not in article.body
        assert "\u00a0" not in article.body


def test_each_paragraph_once(articles: tuple[Article, ...]) -> None:
    for article in articles:
        texts = [article.body[p.start : p.end] for p in article.paragraphs]
        assert len(texts) == len(set(texts))
        assert article.body == "\n\n".join(texts)
    lebanon = articles[3]
    assert lebanon.body.count("He said the army would recruit 1,500 new soldiers") == 1
    assert len(lebanon.paragraphs) == 3


def test_body_paragraph_ending_in_parentheses_is_kept(articles: tuple[Article, ...]) -> None:
    assert "brigade of the Popular Mobilization Forces (PMF)." in articles[0].body
    assert len(articles[0].paragraphs) == 5


def test_offsets_map_back_to_file(articles: tuple[Article, ...]) -> None:
    text = DUMP.read_text(encoding="utf-8")
    lines = text.split("\n")
    for article in articles:
        for paragraph in article.paragraphs:
            span = paragraph.source
            assert span is not None and span.path == str(DUMP)
            assert text[span.start : span.end] == article.body[paragraph.start : paragraph.end]
            assert span.line is not None and lines[span.line - 1].strip().startswith(
                article.body[paragraph.start : paragraph.end].split("\n")[0]
            )
        (where,) = article.locations
        assert text[where.start :].startswith(article.title)


def test_ids_stable_and_normalised(articles: tuple[Article, ...]) -> None:
    again = read_inputs([str(DUMP)]).articles
    assert [a.id for a in again] == [a.id for a in articles]
    assert all(a.id == article_id(a.title, a.body) and a.id.startswith("a_") for a in articles)
    assert article_id("Some  Title", "Body\n text") == article_id("some title", "BODY text ")
    assert len({a.id for a in articles}) == 4


def test_rescrape_deduplicates_with_two_locations() -> None:
    result = read_inputs([str(FIXTURES / "rescrape.txt"), str(DUMP)])
    assert len(result.articles) == 4
    lebanon = next(a for a in result.articles if a.title.startswith("Lebanese"))
    assert sorted(Path(loc.path).name for loc in lebanon.locations) == ["dump.txt", "rescrape.txt"]
    # the copy with captions is kept whatever the order of the inputs
    assert lebanon.photo_credits == ("Lebanese presidency's media office",)
    reverse = read_inputs([str(DUMP), str(FIXTURES / "rescrape.txt")])
    assert [a.id for a in reverse.articles] == [a.id for a in read_inputs([str(DUMP)]).articles]


def test_published_and_source_options_apply(articles: tuple[Article, ...]) -> None:
    assert articles[0].published is None
    options = IngestOptions(published="2024-01-05", source="Example Outlet")
    dated = read_inputs([str(DUMP)], options).articles
    assert {(a.published, a.published_from, a.source) for a in dated} == {
        ("2024-01-05", "option", "Example Outlet")
    }


def test_body_before_first_title_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    stray = "A paragraph that lost its headline somewhere in the scrape.\n\n"
    path.write_text(stray + DUMP.read_text(encoding="utf-8"), encoding="utf-8")
    result = read_inputs([str(path)])
    assert [a.title for a in result.articles] == TITLES
    (rejection,) = result.rejections
    assert rejection.path == str(path) and rejection.line == 1
    assert "before the first article title" in rejection.reason


def test_crlf_dump_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(DUMP.read_bytes().replace(b"\n", b"\r\n"))
    result = read_inputs([str(path)])
    text = path.read_bytes().decode("utf-8")
    assert [a.title for a in result.articles] == TITLES
    for article in result.articles:
        for paragraph in article.paragraphs:
            assert paragraph.source is not None
            assert (
                text[paragraph.source.start : paragraph.source.end]
                == article.body[paragraph.start : paragraph.end]
            )


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Smoke over the port (Reuters)", "Smoke over the port", "Reuters"),
        ("Crowds in the square (AFP).\u00a0 ", "Crowds in the square", "AFP"),
        ("A minister speaks . (AFP)", "A minister speaks .", "AFP"),
        (
            "Envoys meet in Beirut. (Lebanese government's press office)",
            "Envoys meet in Beirut.",
            "Lebanese government's press office",
        ),
        ("No credit on this caption", "No credit on this caption", None),
    ],
)
def test_split_credit(line: str, text: str, credit: str | None) -> None:
    caption = split_credit(line)
    assert (caption.text, caption.credit) == (text, credit)


def test_seed_dump_matches_gold() -> None:
    seeds = SHARED / "seeds"
    gold_path = SHARED / "gold" / "seed-events.json"
    if not seeds.is_dir() or not gold_path.is_file():
        pytest.skip("../shared/seeds not present")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    result = read_inputs([str(seeds)])
    assert result.rejections == ()
    assert len(result.articles) == 4
    assert [a.title for a in result.articles] == [g["title"] for g in gold]
    assert [a.photo_credits for a in result.articles] == [(g["photo_credit"],) for g in gold]
    for article in result.articles:
        assert "TT" not in article.body.split("\n")
        assert article.title not in article.body


def test_header_without_tt_line_still_splits(tmp_path: Path) -> None:
    text = DUMP.read_text(encoding="utf-8")
    marker = "TT\n\nPolice in Homs"
    assert marker in text
    path = tmp_path / "no_tt.txt"
    path.write_text(text.replace(marker, "\nPolice in Homs"), encoding="utf-8")
    result = read_inputs([str(path)])
    assert [a.title for a in result.articles] == TITLES
    assert result.articles[1].photo_credits == ("AFP",)
    assert "Investigators examine" not in result.articles[0].body


def test_dump_format_without_tt_splits_on_gaps(tmp_path: Path) -> None:
    path = tmp_path / "gaps.txt"
    path.write_text(
        "First Story Title\n\nA photo of the harbour (Reuters)\n\nFirst body paragraph.\n\nSecond one.\n\n\n"
        "Second Story Title\n\nOnly paragraph of the second story.\n",
        encoding="utf-8",
    )
    result = read_inputs([str(path)], IngestOptions(format="dump"))
    first, second = result.articles
    assert (first.title, first.photo_credits, len(first.paragraphs)) == ("First Story Title", ("Reuters",), 2)
    assert (second.title, second.body) == ("Second Story Title", "Only paragraph of the second story.")


def test_repeated_paragraph_after_gap_is_not_a_title(tmp_path: Path) -> None:
    text = DUMP.read_text(encoding="utf-8")
    repeat = "No country had claimed the strike by Saturday evening.\n"
    path = tmp_path / "repeat.txt"
    path.write_text(text.replace(repeat, repeat + "\n\n" + repeat, 1), encoding="utf-8")
    result = read_inputs([str(path)])
    assert [a.title for a in result.articles] == TITLES
    assert result.articles[0].body.count("No country had claimed") == 1


def test_title_only_article_in_dump_is_rejected(tmp_path: Path) -> None:
    header = "Short Title\n\nA caption here (AFP)\nTT\n\nShort Title\n\nA caption here (AFP)\n"
    path = tmp_path / "cut.txt"
    path.write_text(DUMP.read_text(encoding="utf-8") + "\n\n" + header, encoding="utf-8")
    result = read_inputs([str(path)])
    assert [a.title for a in result.articles] == TITLES
    (rejection,) = result.rejections
    assert "no body text" in rejection.reason and rejection.line is not None

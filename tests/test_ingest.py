"""The ingest API: file discovery, format detection, stdin, bad inputs, options and duplicates."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from marsad import ingest
from marsad.errors import ConfigError
from marsad.ingest import IngestOptions, IngestResult, article_id, iter_files, read_inputs
from marsad.ingest.dedup import deduplicate
from marsad.records import Article, SourceSpan

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = [
    "Gunmen opened fire on a police patrol on the road between Baquba and Muqdadiya on Sunday night.",
    "Two policemen were killed and a third was wounded, a security source said, adding the attackers fled.",
    "Security forces later sealed off the area and began searching nearby orchards for the gunmen.",
    "No group claimed responsibility, but officials blamed remnants of an extremist group in the area.",
    "The provincial council called for more checkpoints on rural roads after a series of similar attacks.",
    "Residents said the road had been considered safe for months and that farmers used it every day.",
    "A local official said the patrol had been escorting a convoy of trucks carrying wheat to the silos.",
]


def plain(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def test_public_api() -> None:
    assert set(ingest.__all__) == {"IngestOptions", "IngestResult", "article_id", "iter_files", "read_inputs"}
    assert IngestOptions().format == "auto" and dict(IngestOptions().columns) == {}
    assert isinstance(read_inputs([]), IngestResult)


def test_iter_files_expands_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "a.txt", ".hidden.txt", ".git/x.txt", "b/1.txt"):
        (tmp_path / name).write_text("x")
    files = iter_files([str(tmp_path), "-"])
    assert files == [str(tmp_path / "a.txt"), str(tmp_path / "b/1.txt"), str(tmp_path / "b/2.txt"), "-"]


def test_iter_files_leaves_out_non_input_files_of_a_folder_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("news.txt", "README.md", "manifest.toml", "feed.xml"):
        (tmp_path / name).write_text("x")
    files = iter_files([str(tmp_path)])
    assert files == [str(tmp_path / "feed.xml"), str(tmp_path / "news.txt")]
    assert "README.md" in caplog.text and "manifest.toml" in caplog.text
    assert iter_files([str(tmp_path / "README.md")]) == [str(tmp_path / "README.md")], "named files are read"


def test_on_file_called_once_per_file() -> None:
    seen: list[str] = []
    read_inputs([str(FIXTURES / "plain.txt"), str(FIXTURES / "feed.xml")], on_file=seen.append)
    assert seen == [str(FIXTURES / "plain.txt"), str(FIXTURES / "feed.xml")]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (plain("Title line", BODY[:2]), "plain"),
        ('{"title": "T", "body": "Some body text."}\n', "jsonl"),
        ("title,body\nT,Some body text.\n", "csv"),
        ((FIXTURES / "feed.xml").read_text(encoding="utf-8"), "feed"),
        ((FIXTURES / "page.html").read_text(encoding="utf-8"), "html"),
        ((FIXTURES / "dump.txt").read_text(encoding="utf-8"), "dump"),
    ],
)
def test_stdin_format_detected_by_content(text: str, fmt: str) -> None:
    result = read_inputs(["-"], stdin=io.StringIO(text))
    assert result.rejections == ()
    assert result.articles and {a.format for a in result.articles} == {fmt}
    assert result.articles[0].locations[0].path == "<stdin>"


def test_format_option_overrides_detection() -> None:
    result = read_inputs([str(FIXTURES / "dump.txt")], IngestOptions(format="plain"))
    (article,) = result.articles
    assert article.format == "plain"


def test_txt_without_tt_structure_is_plain(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(plain("TT is not here", BODY[:2]))
    assert read_inputs([str(path)]).articles[0].format == "plain"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"  \n\n \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("Title\n\nBody with caf\u00e9 in it.\n".encode("latin-1"), "not valid UTF-8"),
        ("Title\n\nBody.\n".encode("utf-16"), "UTF-16"),
        (b"Only a title line\n", "no body"),
    ],
)
def test_bad_text_files_are_rejected(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    good = FIXTURES / "plain.txt"
    result = read_inputs([str(path), str(good)])
    assert [a.title for a in result.articles] == ["Curfew Imposed in Kirkuk After Clashes at Rally"]
    (rejection,) = result.rejections
    assert rejection.stage == "ingest" and rejection.path == str(path)
    assert expected in rejection.reason


def test_wrong_encoding_names_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    data = "Title\n\nFirst line.\nSecond line with na\u00efve text.\n".encode("latin-1")
    path.write_bytes(data)
    (rejection,) = read_inputs([str(path)]).rejections
    assert rejection.line == 4
    offset = data.index(b"\xef")
    assert f"at byte offset {offset} " in rejection.reason
    assert "re-encode" in rejection.reason and "UTF-8" in rejection.reason


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + plain("Title", BODY[:1]).encode("utf-8"))
    (article,) = read_inputs([str(path)]).articles
    assert article.title == "Title"


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (rejection,) = read_inputs([str(missing)]).rejections
    assert rejection.path == str(missing) and "cannot read" in rejection.reason


def test_every_file_yields_an_article_or_a_rejection() -> None:
    files = iter_files([str(FIXTURES)])
    result = read_inputs(files)
    located = {loc.path for a in result.articles for loc in a.locations}
    rejected = {r.path for r in result.rejections}
    assert set(files) <= located | rejected


def test_bad_options_raise_config_error() -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        read_inputs([], IngestOptions(published="5 Jan"))
    with pytest.raises(ConfigError, match="format"):
        read_inputs([], IngestOptions(format="pdf"))
    with pytest.raises(ConfigError, match="headline"):
        read_inputs([], IngestOptions(columns={"headline": "h"}))


def test_input_date_wins_over_option() -> None:
    options = IngestOptions(published="2020-01-01", source="Fallback")
    result = read_inputs([str(FIXTURES / "articles.jsonl")], options)
    first, second = result.articles
    assert (first.published, first.published_from, first.source) == ("2024-02-09", "input", "Example Wire")
    assert second.source == "Fallback"


def test_article_id_ignores_case_and_spacing() -> None:
    assert article_id("Title", "A  b\n\nc") == article_id(" title ", "a b c")
    assert article_id("Title", "a b c") != article_id("Title", "a b d")


def make(path: str, title: str, paragraphs: list[str]) -> Article:
    body = "\n\n".join(paragraphs)
    span = SourceSpan(path=path, start=0, end=len(body))
    return Article(id=article_id(title, body), title=title, body=body, locations=(span,))


def test_quote_and_punctuation_variants_are_one_article() -> None:
    a = make("a.txt", "Attack on “Patrol”", BODY)
    b = make("b.txt", 'Attack on "Patrol"', [p.replace(",", "") for p in BODY])
    (merged,) = deduplicate([a, b])
    assert {loc.path for loc in merged.locations} == {"a.txt", "b.txt"}


def test_near_duplicate_bodies_merge_and_choice_is_order_free() -> None:
    a = make("a.txt", "Patrol attacked", BODY)
    edited = [*BODY[:-1], BODY[-1].replace("wheat", "barley")]
    assert edited != BODY
    b = make("b.txt", "Police patrol attacked near Baquba", edited)
    other = make("c.txt", "Another story", [p[::-1] for p in BODY])
    forward = deduplicate([a, b, other])
    backward = deduplicate([other, b, a])
    assert len(forward) == 2 and len(backward) == 2
    assert forward[0].id == min(a.id, b.id) == backward[1].id
    assert len(forward[0].locations) == 2


def test_different_articles_are_kept_apart() -> None:
    a = make("a.txt", "One", BODY[:3])
    b = make("b.txt", "Two", BODY[2:])
    assert len(deduplicate([a, b])) == 2


def test_duplicate_copy_fills_missing_date() -> None:
    a = make("a.txt", "Patrol attacked", BODY)
    b = dataclasses.replace(
        make("b.jsonl", "patrol attacked", BODY), published="2024-02-01", published_from="input"
    )
    (merged,) = deduplicate([a, b])
    assert (merged.published, merged.published_from) == ("2024-02-01", "input")


def test_stdin_not_utf8_is_rejected() -> None:
    stream = io.TextIOWrapper(io.BytesIO("Title\n\nCaf\u00e9 body.\n".encode("latin-1")), encoding="utf-8")
    result = read_inputs(["-"], stdin=stream)
    (rejection,) = result.rejections
    assert rejection.path == "<stdin>" and "UTF-8" in rejection.reason


def test_empty_stdin_is_rejected() -> None:
    (rejection,) = read_inputs(["-"], stdin=io.StringIO("")).rejections
    assert rejection.path == "<stdin>" and "empty" in rejection.reason

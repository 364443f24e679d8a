"""Each input format: plain text, JSON Lines, CSV, HTML, RSS/Atom and WARC."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import IngestOptions, read_inputs
from marsad.ingest.base import iso_date
from marsad.ingest.feeds import outlet_name
from marsad.ingest.plain import read_plain
from marsad.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_one(name: str, options: IngestOptions | None = None) -> tuple[list[Article], list[str]]:
    result = read_inputs([str(FIXTURES / name)], options or IngestOptions())
    return list(result.articles), [r.reason for r in result.rejections]


def assert_paragraphs_consistent(article: Article) -> None:
    texts = [article.body[p.start : p.end] for p in article.paragraphs]
    assert article.body == "\n\n".join(texts)
    assert all(text and text == text.strip() for text in texts)


def test_plain_text() -> None:
    (article,), rejected = read_one("plain.txt")
    assert rejected == []
    assert article.format == "plain"
    assert article.title == "Curfew Imposed in Kirkuk After Clashes at Rally"
    assert len(article.paragraphs) == 3
    assert article.body.startswith("Authorities imposed a night curfew")
    text = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
    for paragraph in article.paragraphs:
        assert paragraph.source is not None
        assert (
            text[paragraph.source.start : paragraph.source.end]
            == article.body[paragraph.start : paragraph.end]
        )
    assert [p.source.line for p in article.paragraphs if p.source] == [3, 6, 8]
    assert_paragraphs_consistent(article)


def test_jsonl_keeps_good_lines_and_rejects_bad_ones() -> None:
    result = read_inputs([str(FIXTURES / "articles.jsonl")])
    first, second = result.articles
    assert first.title == "Rocket Fire Reported Near Erbil Airport"
    assert (first.published, first.published_from) == ("2024-02-09", "input")
    assert (first.source, first.url) == ("Example Wire", "https://example.net/erbil-rockets")
    assert len(first.paragraphs) == 2
    assert second.published == "2024-02-10"
    assert len(second.paragraphs) == 2  # single newlines split paragraphs when there are no blank lines
    assert [p.source.line for p in second.paragraphs if p.source] == [3, 3]
    assert_paragraphs_consistent(first)
    broken, headline_only = result.rejections
    assert (broken.line, headline_only.line) == (2, 5)
    assert "not valid JSON" in broken.reason and broken.path.endswith("articles.jsonl")
    assert "body" in headline_only.reason


def test_jsonl_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "mapped.ndjson"
    path.write_text('{"head": "Bridge Reopens", "story": "The bridge over the river reopened on Monday."}\n')
    options = IngestOptions(columns={"title": "head", "body": "story"})
    (article,) = read_inputs([str(path)], options).articles
    assert (article.title, article.body) == (
        "Bridge Reopens",
        "The bridge over the river reopened on Monday.",
    )


def test_csv_with_aliases_and_multiline_cells() -> None:
    (daraa, convoy), rejected = read_one("articles.csv")
    assert rejected == []
    assert daraa.title == "Clashes Erupt in Daraa Countryside"
    assert (daraa.published, daraa.url, daraa.source) == (
        "2024-03-06",
        "https://example.com/daraa",
        "Example Daily",
    )
    assert len(daraa.paragraphs) == 2
    assert daraa.locations[0].line == 2 and convoy.locations[0].line == 5
    assert (convoy.url, convoy.source) == (None, None)
    assert convoy.format == "csv"


def test_csv_column_option_and_semicolons() -> None:
    options = IngestOptions(columns={"title": "heading", "body": "story", "published": "day"})
    (article,), rejected = read_one("stories.csv", options)
    assert rejected == []
    assert (article.title, article.published) == ("Strike on Tyre Outskirts", "2024-01-15")


def test_csv_without_body_column_is_rejected() -> None:
    articles, (reason,) = read_one("no_body.csv")
    assert articles == []
    assert "no body column" in reason and "--column body=NAME" in reason and "'title'" in reason


def test_html_page() -> None:
    (article,), rejected = read_one("page.html")
    assert rejected == []
    assert article.title == "Strike Hits Fuel Depot Outside Qaim"
    assert (article.published, article.published_from) == ("2024-03-02", "input")
    assert article.source == "Example News"
    assert article.url == "https://news.example.org/world/strike-depot"
    assert len(article.paragraphs) == 3
    assert "Home" not in article.body and "Copyright" not in article.body
    assert article.paragraphs[0].source is not None and article.paragraphs[0].source.line is None
    assert_paragraphs_consistent(article)


def test_html_figure_captions_are_kept_apart_with_their_credits(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    figure = (
        "<figure><img src='depot.jpg' alt=''>"
        "<figcaption>Smoke rises over the depot near Qaim. (Example Photo Agency)</figcaption></figure>"
    )
    path = tmp_path / "captioned.html"
    path.write_text(
        page.replace(
            "<h1>Strike Hits Fuel Depot Outside Qaim</h1>",
            "<h1>Strike Hits Fuel Depot Outside Qaim</h1>" + figure,
        )
    )
    (article,) = read_inputs([str(path)]).articles
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Smoke rises over the depot near Qaim.", "Example Photo Agency")
    ]
    assert "Smoke rises" not in article.body and "Example Photo Agency" not in article.body
    assert len(article.paragraphs) == 3
    assert_paragraphs_consistent(article)


def test_html_hostname_is_source_when_no_other(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    path = tmp_path / "bare.htm"
    path.write_text(page.replace('<meta property="og:site_name" content="Example News">', ""))
    (article,) = read_inputs([str(path)]).articles
    assert article.source == "news.example.org"
    (with_option,) = read_inputs([str(path)], IngestOptions(source="Given Outlet")).articles
    assert with_option.source == "Given Outlet"


def test_truncated_html_is_rejected() -> None:
    articles, (reason,) = read_one("truncated.html")
    assert articles == []
    assert "truncated" in reason


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>")
    result = read_inputs([str(path)])
    assert result.articles == ()
    (rejection,) = result.rejections
    assert "no article text" in rejection.reason and rejection.path == str(path)


@pytest.mark.parametrize(
    ("feed_title", "outlet"),
    [
        ("Gulf Wire - Middle East", "Gulf Wire"),
        ("Example News | World", "Example News"),
        ("Cedar Post – Lebanon", "Cedar Post"),
        ("Al-Monitor", "Al-Monitor"),  # a hyphen inside a name is not a section break
        ("Example Regional News", "Example Regional News"),
        ("", None),
        (None, None),
    ],
)
def test_feed_outlet_drops_the_section_from_the_feed_title(
    feed_title: str | None, outlet: str | None
) -> None:
    assert outlet_name(feed_title) == outlet


def test_rss_feed() -> None:
    (first, second), rejected = read_one("feed.xml")
    assert rejected == []
    assert first.title == "Army Says It Foiled Attack on Border Post"
    assert (first.published, first.url) == ("2024-01-08", "https://regional.example.com/border-post")
    assert first.source == "Example Regional News" and first.format == "feed"
    assert first.body == (
        "The army said on Monday it had foiled an attack on a border post in the north.\n\n"
        "Three attackers were detained & their weapons seized."
    )
    assert "<" not in first.body
    assert second.published == "2024-01-09"


def test_atom_feed() -> None:
    (article,), rejected = read_one("atom.xml")
    assert rejected == []
    assert (article.title, article.published) == ("Ceasefire Holds on Second Day", "2024-04-02")
    assert article.url == "https://atom.example.org/ceasefire-day-two"
    assert len(article.paragraphs) == 2


def test_feed_without_entries_is_rejected() -> None:
    articles, (reason,) = read_one("empty_feed.xml")
    assert articles == []
    assert "no entries" in reason


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for uri, payload, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())


def test_warc_html_records(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://news.example.org/a", page, "text/html; charset=utf-8"),
            ("https://news.example.org/logo.png", b"\x89PNG...", "image/png"),
        ],
    )
    result = read_inputs([str(path)])
    assert result.rejections == ()
    (article,) = result.articles
    assert article.format == "warc"
    assert article.url == "https://news.example.org/a"
    assert article.title == "Strike Hits Fuel Depot Outside Qaim"
    assert article.locations[0].path == str(path) and article.locations[0].line is None


def test_warc_bad_record_is_rejected_others_kept(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    path = tmp_path / "mixed.warc"
    write_warc(
        path,
        [
            ("https://news.example.org/a", page, "text/html"),
            ("https://news.example.org/cut", b"<html><body><p>cut", "text/html"),
        ],
    )
    result = read_inputs([str(path)])
    assert len(result.articles) == 1
    (rejection,) = result.rejections
    assert "truncated" in rejection.reason and rejection.text == "https://news.example.org/cut"


def test_warc_without_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [("https://example.org/x.png", b"\x89PNG", "image/png")])
    result = read_inputs([str(path)])
    assert result.articles == ()
    assert "no HTML response records" in result.rejections[0].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-09T22:15:00Z", "2024-02-09"),
        ("10 February 2024", "2024-02-10"),
        ("Mon, 08 Jan 2024 09:30:00 GMT", "2024-01-08"),
        ("yesterday", None),  # relative: would change from run to run
        ("2024-02-30", None),
        ("", None),
    ],
)
def test_input_dates(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


paragraph_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\n\r"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(
    title=paragraph_text,
    paragraphs=st.lists(paragraph_text, min_size=1, max_size=5),
    gap=st.sampled_from(["\n\n", "\n \n", "\r\n\r\n", "\n\u00a0\n\n"]),
)
def test_plain_offsets_always_map_back(title: str, paragraphs: list[str], gap: str) -> None:
    text = title + gap + gap.join(paragraphs) + "\n"
    (article,) = read_plain(text, "x.txt", IngestOptions())
    assert isinstance(article, Article)
    assert article.title == title.strip()
    for paragraph in article.paragraphs:
        assert paragraph.source is not None
        assert (
            text[paragraph.source.start : paragraph.source.end]
            == article.body[paragraph.start : paragraph.end]
        )
    assert_paragraphs_consistent(article)

"""The brief as Markdown (with the map as a separate SVG file) or as one self-contained HTML page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from marsad.brief.svgmap import render_svg
from marsad.output import actors_text, claim_figure_text, figure_text
from marsad.records import Claim, Event

if TYPE_CHECKING:
    from marsad.brief import Brief


MARKDOWN_SPECIALS = str.maketrans(
    {**{c: "\\" + c for c in "\\`*_[]|!#~"}, "<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def md(text: str) -> str:
    """``text`` (an outlet, an actor, a place: anything read from the news) as literal Markdown.

    HTML becomes entities and Markdown's markup characters are escaped, so a name can neither
    inject HTML into a rendered brief nor turn into a link, emphasis or a table cell.
    """
    return text.translate(MARKDOWN_SPECIALS)


def claim_text(claim: Claim) -> str:
    figures = ", ".join(f"{f.kind.value} {claim_figure_text(f)}" for f in claim.figures)
    weapons = ", ".join(claim.weapons)
    said = "; ".join(part for part in (figures, weapons, claim.note) if part)
    return f"{claim.source}: {said}" if said else claim.source


def event_title(event: Event) -> str:
    place = (event.place.name or event.place.text) if event.place else "place unknown"
    killed = figure_text(event.fatalities_low, event.fatalities_high)
    conflict = " (sources disagree)" if event.fatalities_low != event.fatalities_high else ""
    figures = f", {killed} killed{conflict}" if killed else ""
    dyad = f"{actors_text(event.actor1) or '?'} → {actors_text(event.actor2) or '?'}"
    return f"{event.plover_type} in {place}: {dyad}{figures}"


def _counts_md(title: str, rows: list[tuple[str, int, float]]) -> list[str]:
    lines = [f"### {title}", "", "| | on the day | daily average, previous 7 days |", "|---|---:|---:|"]
    lines += [f"| {md(key)} | {now} | {avg} |" for key, now, avg in rows] or ["| none | 0 | 0 |"]
    return [*lines, ""]


def render_markdown(brief: Brief, *, map_file: str | None = None) -> str:
    """Markdown text; ``map_file`` is the SVG's file name to link (the caller writes the SVG)."""
    scope = f" — {md(brief.country)}" if brief.country else ""
    lines = [
        f"# Situation brief, {brief.date}{scope}",
        "",
        f"{len(brief.events)} events on the day; {len(brief.previous)} in the seven days before.",
        "",
    ]
    if map_file:
        lines += [f"![Map of the day's events]({map_file})", ""]
    lines += _counts_md("By country", brief.by_country()) + _counts_md("By type", brief.by_type())
    lines += ["## Most severe events", ""]
    for event in brief.severe:
        sources = md(", ".join(event.sources) or "unknown")
        lines.append(f"- **{md(event_title(event))}** — sources: {sources}")
        lines += [f"  - {md(claim_text(claim))}" for claim in event.claims]
    if not brief.severe:
        lines.append("No events on this day.")
    lines += ["", "## New actors", ""]
    lines += [f"- {md(name)}" for name in brief.new_actors] or ["None."]
    return "\n".join(lines) + "\n"


def render_map(brief: Brief) -> str:
    return render_svg(brief.events)


def _counts_html(title: str, rows: list[tuple[str, int, float]]) -> str:
    body = "".join(f"<tr><td>{escape(k)}</td><td>{n}</td><td>{a}</td></tr>" for k, n, a in rows)
    return (
        f"<h3>{escape(title)}</h3><table><tr><th></th><th>on the day</th>"
        f"<th>daily average, previous 7 days</th></tr>{body}</table>"
    )


def _severe_html(event: Event) -> str:
    sources = escape(", ".join(event.sources) or "unknown")
    claims = "".join(f"<li>{escape(claim_text(claim))}</li>" for claim in event.claims)
    return f"<li><strong>{escape(event_title(event))}</strong> — sources: {sources}<ul>{claims}</ul></li>"


STYLE = (
    "<style>body{font:15px/1.4 system-ui,sans-serif;max-width:60em;margin:1em auto}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2em .6em}</style>"
)


def render_html(brief: Brief) -> str:
    """One HTML page with the map inline; it loads nothing from anywhere."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Situation brief {brief.date}</title>{STYLE}</head><body>"
        + render_html_body(brief) + "</body></html>\n"
    )  # fmt: skip


def render_html_body(brief: Brief) -> str:
    """The brief's content as HTML without a page around it (the web app's /brief puts it in its own)."""
    scope = f" — {escape(brief.country)}" if brief.country else ""
    severe = "".join(_severe_html(event) for event in brief.severe) or "<li>No events on this day.</li>"
    actors = "".join(f"<li>{escape(a)}</li>" for a in brief.new_actors) or "<li>None.</li>"
    return (
        f"<h1>Situation brief, {brief.date}{scope}</h1>"
        f"<p>{len(brief.events)} events on the day; {len(brief.previous)} in the seven days before.</p>"
        f"<figure>{render_map(brief)}</figure>"
        + _counts_html("By country", brief.by_country()) + _counts_html("By type", brief.by_type())
        + f"<h2>Most severe events</h2><ul>{severe}</ul><h2>New actors</h2><ul>{actors}</ul>"
    )  # fmt: skip

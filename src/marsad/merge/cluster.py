"""Group mentions into clusters, one per happening, deterministically.

Algorithm (constrained single-link agglomeration):

1. Mentions are sorted by a canonical key, so input order never matters. A report that names
   no day has taken the day its sentence says (``compare.with_sentence_dates``, applied by the
   caller, ``merge.prepare``).
2. Candidate pairs are mentions of the same type family, modality and background flag
   whose date windows overlap (or one date is unknown). A pair in one article is a candidate
   when nothing conflicts; a pair across articles also needs a score of at least
   :data:`CROSS_ARTICLE_MIN` (same day, same place, an agreeing actor, ...).
3. A cross-article pair i-j is dropped as a guess when i fits another report k at least as
   well and j and k conflict (the ambiguity guard). A report with more than
   :data:`GUARD_RIVALS` partners offers only that many as k, of distinct events where it can,
   so the guard stays linear in the pairs.
4. Pairs are taken best first: by score, then within-article pairs before cross-article
   ones, then by the canonical keys. Two clusters join unless some pair across them conflicts
   (a cannot-link), which stops chains from gluing apart events together.

Every step depends only on the set of mentions, so order and partitioning of the input do not
matter. Rules and their reasons: docs/merge.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from marsad.merge import scorer
from marsad.merge.compare import Profile, Window, conflict, news_apart, score
from marsad.records import Article, Mention

log = logging.getLogger(__name__)

CROSS_ARTICLE_MIN = 5  # e.g. same day (2) + same town (2) + one agreeing actor (1)
# Rivals the ambiguity guard checks per report. Real reports have a handful of cross-article
# partners, far below this, and then every partner is checked. Only when one happening is told by
# dozens of reports does the cap apply: it stops such an event from costing partners^3 checks.
GUARD_RIVALS = 32
_PER_DESCRIPTION = 2  # rivals kept per who-whom-where-when (two: one of them may be the pair's end)
_NO_DATE = "9999-99-99"  # undated articles sort after dated ones

CanonicalKey = tuple[str, str, int, int, str]


def canonical_key(mention: Mention, articles: Mapping[str, Article]) -> CanonicalKey:
    """Order of mentions: earliest article publication first, then position in the article."""
    article = articles.get(mention.article_id)
    published = (article.published if article else None) or _NO_DATE
    ev = mention.evidence
    return (published, mention.article_id, ev.start, ev.end, mention.id)


def may_link(a: Profile, b: Profile) -> bool:
    """Whether :func:`cluster` may link the two reports directly, whatever else is merged: they are in
    one block, nothing conflicts, and across articles they score at least :data:`CROSS_ARTICLE_MIN`.
    Clusters only ever grow along such links (and the guard only reads a report's linked partners),
    so reports that no chain of them joins never affect each other's events."""
    same_block = (a.family, a.mention.modality, a.background) == (b.family, b.mention.modality, b.background)
    if not same_block or conflict(a, b) is not None:
        return False
    return a.article_id == b.article_id or _links_across(a, b, score(a, b))


def _links_across(a: Profile, b: Profile, points: int) -> bool:
    """Whether two compatible reports of different articles link directly: enough evidence (the hand
    points or the learned scorer), and not both bare. Two bare reports ("The incident is being probed")
    share only what their articles gave them, a day and a town: the articles' own reports tell whether
    they are one happening, and a statement about each must not bridge two."""
    return not (a.bare and b.bare) and scorer.links_across(a, b, points, CROSS_ARTICLE_MIN)


class _Conflicts:
    """``conflict`` of two profiles by index, computed once per pair."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.profiles = profiles
        self.memo: dict[tuple[int, int], bool] = {}
        self.checks = 0  # lookups, computed or memoised: what the scaling tests count

    def __call__(self, i: int, j: int) -> bool:
        self.checks += 1
        key = (i, j) if i < j else (j, i)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = conflict(self.profiles[i], self.profiles[j]) is not None
        return found


def cluster(profiles: Sequence[Profile]) -> list[list[int]]:
    """Clusters of indices into ``profiles`` (in canonical order, with their sentences' dates)."""
    conflicts = _Conflicts(profiles)
    edges = sorted(_edges(profiles, conflicts))
    parent = list(range(len(profiles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
    for _rank, i, j in edges:
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj or any(conflicts(a, b) for a in members[ri] for b in members[rj]):
            continue
        low, high = min(ri, rj), max(ri, rj)
        parent[high] = low
        members[low].extend(members.pop(high))
    return sorted(sorted(group) for group in members.values())


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


Edge = tuple[tuple[int, int, int, int], int, int]


def _edges(profiles: Sequence[Profile], conflicts: _Conflicts) -> Iterator[Edge]:
    """Candidate pairs with a rank: (-score, cross-article?, i, j); lower ranks join first.

    The best evidence links first, whether in one article or across two; so a report that
    tells two happenings apart is not glued by a weak link inside one article."""
    cross: dict[tuple[int, int], int] = {}
    for i, j in _pairs(profiles):
        a, b = profiles[i], profiles[j]
        if conflicts(i, j):
            continue
        points = score(a, b)
        if a.article_id == b.article_id:
            yield (-points, 0, i, j), i, j
        elif _links_across(a, b, points):
            cross[(i, j)] = points
    partners: dict[int, dict[int, int]] = defaultdict(dict)
    for (i, j), points in cross.items():
        partners[i][j] = partners[j][i] = points
    rivals = {i: _rivals(profiles, found) for i, found in partners.items()}
    for (i, j), points in cross.items():
        guess = _ambiguous(conflicts, rivals[i], j, points) or _ambiguous(conflicts, rivals[j], i, points)
        if not guess:
            yield (-points, 1, i, j), i, j


def _rivals(profiles: Sequence[Profile], partners: dict[int, int]) -> list[tuple[int, int]]:
    """The partners the guard checks, best first (by score, then canonical index, so the same
    whatever the input order or partition): all of them, or when there are more than
    ``GUARD_RIVALS + 1``, that many with at most two per description (actors, place, days).

    Beyond the cap most partners repeat one another (many outlets telling one happening), so
    keeping a few of each description leaves room for reports of the other happenings that
    the report may also fit: those are the rivals the guard looks for."""
    best = sorted(partners.items(), key=lambda item: (-item[1], item[0]))
    if len(best) <= GUARD_RIVALS + 1:
        return best
    kept: list[tuple[int, int]] = []
    seen: dict[tuple[object, ...], int] = defaultdict(int)
    for k, points in best:
        description = _description(profiles[k])
        if seen[description] < _PER_DESCRIPTION:
            seen[description] += 1
            kept.append((k, points))
            if len(kept) > GUARD_RIVALS:
                break
    return kept


def _description(p: Profile) -> tuple[object, ...]:
    """Who did what to whom, where and when, as the comparison sees it."""
    return (p.actor1.keys, p.actor2.keys, p.place_key, p.window, p.date_words)


def _ambiguous(conflicts: _Conflicts, rivals: list[tuple[int, int]], j: int, points: int) -> bool:
    """Whether a report fits some other report ``k`` at least as well as ``j`` (``points``) while
    ``j`` and ``k`` cannot be one event: then linking it to ``j`` is a guess that may glue two events.

    ``rivals`` are sorted best first, so the scan stops at the first weaker one."""
    for k, k_points in rivals:
        if k_points < points:
            return False
        if k != j and conflicts(j, k):
            return True
    return False


def _pairs(profiles: Sequence[Profile]) -> Iterator[tuple[int, int]]:
    """Pairs worth comparing, found by blocking so that merge stays near linear in the mentions.

    Within one article every pair of a block is compared (articles are short). Across articles:
    dated reports placed in a region (admin1, else the town) meet the dated reports of that region
    whose date windows overlap; dated reports placed only at country level, or nowhere, meet every
    dated report of their country (or of any country) whose window overlaps; undated reports meet
    the reports of their country at the same place within a month of their publication, and, when
    placed only at country level, every report of their country whose days or news window overlap
    their news window (a re-told happening's reaches a year back: ``compare.Profile.retold``). An
    undated report with no place joins other articles only through a report of its own article.
    """
    blocks: dict[tuple[str, str, bool], list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        blocks[(p.family, p.mention.modality.value, p.background)].append(i)
    seen: set[tuple[int, int]] = set()
    for block in blocks.values():
        for pair in itertools.chain(_within_articles(profiles, block), _across_articles(profiles, block)):
            if pair not in seen:
                seen.add(pair)
                yield pair


def _within_articles(profiles: Sequence[Profile], block: list[int]) -> Iterator[tuple[int, int]]:
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in block:
        by_article[profiles[i].article_id].append(i)
    for members in by_article.values():
        yield from itertools.combinations(sorted(members), 2)


def _across_articles(profiles: Sequence[Profile], block: list[int]) -> Iterator[tuple[int, int]]:
    by_country: dict[str, list[int]] = defaultdict(list)
    nowhere = []
    for i in block:
        place = profiles[i].mention.place
        if place is not None and place.country:
            by_country[place.country].append(i)
        else:
            nowhere.append(i)
    for members in by_country.values():
        yield from _country_pairs(profiles, members)
    dated = _Windows(profiles, block)
    for i in nowhere:
        yield from dated.overlapping(i)


def region_of(profile: Profile) -> str | None:
    """The region a dated report is swept in: its town's or district's admin1, else the town."""
    place = profile.mention.place
    if place is None or place.geo_precision not in (1, 2):
        return None
    return place.admin1 or place.name


def _country_pairs(profiles: Sequence[Profile], members: list[int]) -> Iterator[tuple[int, int]]:
    regions: dict[str, list[int]] = defaultdict(list)
    in_region: dict[str, list[int]] = defaultdict(list)  # dated and undated
    by_place: dict[str, list[int]] = defaultdict(list)
    country_level, undated = [], []
    for i in members:
        by_place[profiles[i].place_key].append(i)
        region = region_of(profiles[i])
        if region is not None:
            in_region[region].append(i)
        if profiles[i].window is None:
            undated.append(i)
        elif region is None:
            country_level.append(i)
        else:
            regions[region].append(i)
    for group in regions.values():
        yield from _sweep({i: w for i in group if (w := profiles[i].window) is not None})
    dated = _Windows(profiles, members)
    for i in country_level:
        yield from dated.overlapping(i)
    told = _Windows(profiles, members, undated=True)
    told_at: dict[str, _Windows] = {}  # per place: the days each report tells or may tell (``_Windows.told``)
    told_in: dict[str, _Windows] = {}  # the same per region
    for i in undated:
        key, news = profiles[i].place_key, profiles[i].news
        same_place: Iterator[tuple[int, int]]
        if news is None:  # no publication date: nothing bounds it
            same_place = ((min(i, j), max(i, j)) for j in by_place[key] if j != i)
        else:
            if key not in told_at:
                told_at[key] = _Windows.told(profiles, by_place[key])
            same_place = told_at[key].overlapping(i, news)
        for j, k in same_place:
            if not news_apart(profiles[j], profiles[k]):
                yield j, k
        region = region_of(profiles[i])
        if region is not None and news is not None:
            # Placed in a town of a region: it meets the reports of that region whose days (or news window)
            # overlap its news window, "the recent explosion in Delhi" the report of "New Delhi".
            if region not in told_in:
                told_in[region] = _Windows.told(profiles, in_region[region])
            for j, k in told_in[region].overlapping(i, news):
                if not news_apart(profiles[j], profiles[k]):
                    yield j, k
        if region_of(profiles[i]) is None and profiles[i].news is not None:
            # Placed only at country level: like a dated report there, it meets every report of its
            # country whose days (or news window) overlap its news window.
            for j, k in itertools.chain(dated.overlapping(i, profiles[i].news), told.overlapping(i)):
                if not news_apart(profiles[j], profiles[k]):
                    yield j, k


class _Windows:
    """The dated reports of a group, for overlap queries that read only what may overlap.

    Windows are grouped by length in days (a day, a week, a month, a year: few lengths): in the
    group of length ``L`` a window overlapping [s, e] starts in [s - L, e], so a query reads a
    slice of each group sorted by start instead of every window that starts before ``e``."""

    def __init__(self, profiles: Sequence[Profile], members: Sequence[int], *, undated: bool = False) -> None:
        # The windows of dated reports, or (``undated``) the news windows of undated ones.
        spans = ((i, profiles[i].news if undated else profiles[i].window) for i in members)
        self._index({i: w for i, w in spans if w is not None and (profiles[i].window is None) == undated})

    @classmethod
    def told(cls, profiles: Sequence[Profile], members: Sequence[int]) -> _Windows:
        """The reports of ``members`` by the days ``compare.news_apart`` reads: the days each says, else
        the days its news window allows. A report with neither is never apart: it meets every query."""
        found = cls.__new__(cls)
        spans = {i: profiles[i].core or profiles[i].news for i in members}
        found._index({i: w for i, w in spans.items() if w is not None})
        found.unbounded = sorted(i for i, w in spans.items() if w is None)
        return found

    def _index(self, windows: dict[int, Window]) -> None:
        self.windows = windows
        self.unbounded: list[int] = []
        by_length: dict[int, list[int]] = defaultdict(list)
        for i, (start, end) in self.windows.items():
            by_length[(end - start).days].append(i)
        self.groups = []
        for length in sorted(by_length):
            order = sorted(by_length[length], key=lambda i: (self.windows[i], i))
            self.groups.append((dt.timedelta(days=length), order, [self.windows[i][0] for i in order]))

    def overlapping(self, i: int, window: Window | None = None) -> Iterator[tuple[int, int]]:
        """Pairs of ``i`` with the reports whose windows overlap ``window`` (default: ``i``'s own)."""
        window = window or self.windows.get(i)
        if window is None:
            return
        for j in self.unbounded:
            if j != i:
                yield min(i, j), max(i, j)
        first, last = window
        for length, order, starts in self.groups:
            low = bisect.bisect_left(starts, first - length)
            for j in order[low : bisect.bisect_right(starts, last)]:
                if j != i and self.windows[j][1] >= first:
                    yield min(i, j), max(i, j)


def _sweep(windows: dict[int, tuple[dt.date, dt.date]]) -> Iterator[tuple[int, int]]:
    dated = sorted(windows, key=lambda i: (windows[i], i))
    for pos, i in enumerate(dated):
        end = windows[i][1]
        for j in dated[pos + 1 :]:
            if windows[j][0] > end:
                break
            yield min(i, j), max(i, j)

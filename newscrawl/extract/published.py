"""The page's publication date: which of the dates it states is its own, and in whose terms.

Structured data first, then meta tags, then the page's own date elements, then the URL; never
a date from the prose. A UTC instant is given as the publisher's local day where the page
shows that day. Pure functions over a parsed page (`DatePage`), no Scrapy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime, timedelta

from newscrawl.extract import meta as m
from newscrawl.extract.elements import date_candidates, headline_element, selected_dates
from newscrawl.extract.markupdate import markup_date
from newscrawl.extract.marks import Marks
from newscrawl.extract.urls import date_in_url
from pipelines.dates import parse_published

MAX_DATE_RAW = 120  # characters; a longer "date" is a sentence
# An ISO instant in UTC, and one with a non-zero offset.
_UTC_STAMP = re.compile(r"\d[T ]\d{1,2}:\d{2}(?::\d{1,2})?(?:\.\d+)?\s*(?:Z|[+-]00:?00|GMT|UTC)$", re.IGNORECASE)
_LOCAL_OFFSET = re.compile(r"\d[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[+-](?!00:?00)\d{2}:?\d{2}$")
# A time of day: "14:05", "9h30", "16.03 Uhr", the time in an ISO stamp; not "28.06.2025".
_CLOCK = re.compile(r"(?<![\d.])\d{1,2}[:h.]\d{2}(?![\d.])")
_DOTTED = re.compile(r"\b\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}\b")
# A year, or a numeric date with a two-digit year: what a publication date must show.
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_TIME = r"(?:,?\s*(?:um\s+|à\s+|at\s+)?\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
# A date written inside other words ("04. November 2021 | PAID CONTENT", "Stand: 26.04.2024, 20:44 Uhr").
DATE_SPAN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일](?:\s*\d{1,2}\s*[時시:]\s*\d{1,2}\s*[分분]?)?"
    r"|\d{4}[./]\d{1,2}[./]\d{1,2}" + _TIME +
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}" + _TIME +
    r"|\d{1,2}/\d{1,2}/\d{2,4}" + _TIME +
    r"|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}" + _TIME +
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _TIME
)
# Candidates from a bare "date" meta (meta.WEAK_PUBLISHED): trusted only when nothing on the
# page names another day.
_WEAK = "weak-meta"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DatePage:
    """What the date rules read of the page besides the candidate at hand (the tree must stay
    as its Marks found it)."""
    tree: object
    marks: Marks
    meta: dict
    languages: tuple[str, ...]  # the page's language, then English
    byline_el: object
    title: str | None
    urls: tuple  # the canonical URL, then the fetched one

    @cached_property
    def headline(self):
        """The headline element, looked for once: the candidates and the local-day check both read it."""
        return headline_element(self.tree, self.title)


def publication_date(page: DatePage, ld, selector, modified=None) -> tuple[str | None, str | None]:
    """(date as the page writes it, its origin) of the first publication date that reads as
    a date: JSON-LD, meta, the page's elements, URL; (None, None) when the page gives none.
    `selector`: a site's own CSS for its date; `modified`: the page's modified date, which
    the markup fallback must not offer as the publication date.

    A candidate that does not parse (a label, a "5 min read", a broken CMS value) gives way
    to the next one instead of hiding it.
    """
    languages = page.languages
    weak = None
    for raw, origin in _date_candidates(page, ld, selector):
        found = _as_date(raw, languages)
        if not found:
            continue
        if origin == _WEAK:
            weak = weak or found  # kept unless a better-named date says another day
            continue
        if weak and _days(found, languages) & _days(weak, languages):
            break  # the page agrees with its bare "date" meta, which may also say the hour
        if _UTC_STAMP.search(found):
            found, origin = _in_local_terms(found, origin, page)
        return found, origin
    if weak:
        if _UTC_STAMP.search(weak):
            return _in_local_terms(weak, "meta", page)
        return weak, "meta"
    # The canonical URL first; the fetched one may carry the date the canonical lacks.
    in_url = _url_day(page.urls)
    value = markup_date(page.tree, page.urls[0])
    if value and _same_day(value, modified, languages):
        value = None  # with only a modified date on the page, htmldate offers that one
    if value and not (in_url and value.startswith(in_url)):  # htmldate reads URLs too
        return value, "meta"
    return (in_url, "url") if in_url else (None, None)


def _url_day(urls) -> str | None:
    """The date in the canonical URL, else in the fetched one (which may carry what the canonical lacks)."""
    return next((d for d in map(date_in_url, urls) if d), None)


def _as_date(raw: str, languages) -> str | None:
    """The candidate, or the date inside it, when it reads as a date."""
    if len(raw) > MAX_DATE_RAW or not _HAS_YEAR.search(raw):
        return None  # a time of day or "3 hours ago" says nothing about an archived page
    if _reads_as_date(raw, languages):
        return raw
    span = DATE_SPAN.search(raw)  # the date inside "04. November 2021 | PAID CONTENT"
    if span and _reads_as_date(span[0], languages):
        return span[0]
    return None


def _in_local_terms(stamp: str, origin: str, page: DatePage) -> tuple[str, str]:
    """A UTC instant as the publisher's zone states it: its local twin, else the page's own
    date line or its URL where that shows the neighbouring day, else the instant as it is."""
    instant = parse_published(stamp, languages=page.languages).value
    if instant is None:
        return stamp, origin
    twin = _local_twin(instant, page)
    if twin:
        return twin, origin
    shown = _shown_day(instant, page)
    if shown:
        return shown, "byline"
    # "/2020/02/17/" beside 2020-02-18T02:18Z: the day the URL was made, in the publisher's zone.
    in_url = _url_day(page.urls)
    if in_url and len(in_url) == 10 and _neighbouring(instant, date.fromisoformat(in_url)):
        return in_url, "url"
    return stamp, origin


def _neighbouring(instant: datetime, day: date) -> bool:
    """`day` is the UTC instant's day in some zone other than UTC (UTC-12 to UTC+14)."""
    ahead = (day - instant.date()).days
    return (ahead == 1 and instant.hour >= 10) or (ahead == -1 and instant.hour < 12)


def _shown_day(instant: datetime, page: DatePage) -> str | None:
    """The page's own date line where it shows the UTC instant's neighbouring day: the day in
    the publisher's zone ("06 Dicembre 2020" beside 2020-12-05T23:15Z), the one readers saw.

    Only the first date line, only one that is a date and nothing more (no time of day, whose
    wall time could not be placed; no label, which may be an "updated" one), and only a day the
    instant falls on in some zone. The time of day is then lost; the day is right.
    """
    # The date markup and the lines beside the byline and headline; not the page-wide class search.
    languages = page.languages
    for raw, _ in date_candidates(page.tree, near=page.byline_el, headline=page.headline,
                                  by_class=False, marks=page.marks):
        if len(raw) > MAX_DATE_RAW or not _HAS_YEAR.search(raw):
            continue
        if _CLOCK.search(raw):
            return None  # told before parsing, which is the slow part here
        seen = parse_published(raw, day_first=bool(_DOTTED.search(raw)), languages=languages)
        if seen.value is None:
            if _as_date(raw, languages):
                return None  # a date inside other words ("Akt.: 29. Juni 2025"): a label it may miss
            continue
        if seen.precision != "day":
            return None
        return raw if _neighbouring(instant, seen.value.date()) else None
    return None


def _local_twin(instant: datetime, page: DatePage) -> str | None:
    """The same instant (given in UTC) written in the page's own offset, if the page has it.

    The stored instant does not change; the raw value then also tells the publisher's local
    day, which is the day readers saw (22:35 in Los Angeles is already tomorrow in UTC).
    Offsets are machine-written: only meta values and <time datetime> attributes are read.
    """
    stated = [v for name in m.PUBLISHED for v in page.meta.get(m.key(name), ())]
    stated += [t.get("datetime") or "" for t in page.tree.iter("time")]
    stated = [v.strip() for v in stated if _LOCAL_OFFSET.search(v.strip())]
    for other in stated:
        value = parse_published(other, languages=page.languages).value
        if value is not None and abs(value - instant) <= timedelta(minutes=1):
            return other
    return None


def _days(raw: str, languages) -> set:
    """The calendar days `raw` may name, as written (its own offset, either numeric order)."""
    stated = _ISO_DAY.match(raw)
    if stated:
        return {stated[0]}
    orders = (True, False) if _DOTTED.search(raw) else (False,)
    values = (parse_published(raw, day_first=order, languages=languages).value for order in orders)
    return {v.date().isoformat() for v in values if v is not None}


def _same_day(day: str, raw: str | None, languages) -> bool:
    if not raw:
        return False
    found = parse_published(raw, languages=languages).value
    return found is not None and found.date().isoformat() == day


def _date_candidates(page: DatePage, ld, selector):
    if selector:  # the site's own, before its structured data; the page's other elements come after meta
        yield from selected_dates(page.tree, selector)
    if ld and ld.published:
        yield ld.published, "jsonld"
    for name in m.PUBLISHED:
        origin = _WEAK if name in m.WEAK_PUBLISHED else "meta"
        for value in page.meta.get(m.key(name), ()):
            yield value, origin
    yield from date_candidates(page.tree, near=page.byline_el, headline=page.headline,
                               marks=page.marks)


def _reads_as_date(raw: str, languages: tuple[str, ...]) -> bool:
    # Only telling a date from junk here: either numeric order will do, the date pipeline
    # applies the site's own.
    if parse_published(raw, day_first=bool(_DOTTED.search(raw)), languages=languages).value:
        return True
    return bool(_DOTTED.search(raw)) and parse_published(raw, day_first=False, languages=languages).value is not None

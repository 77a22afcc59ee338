"""extract_article: what one HTML page says about itself (structured data, then meta, then elements)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from dataclasses import dataclass, field

from newscrawl.extract import meta as m
from newscrawl.extract.body import extract_body, keep_structured
from newscrawl.extract.dom import drop_scripts, parse_html, select_text, text_of
from newscrawl.extract.elements import (MAX_BYLINE, byline, date_candidates, find_modified, foreign,
                                       headline_element)
from newscrawl.extract.jsonld import read_jsonld
from newscrawl.extract.marks import Marks, marks_of
from newscrawl.extract.markupdate import markup_date
from newscrawl.extract.title import find_title, fold
from newscrawl.extract.urls import absolute, date_in_url
from pipelines.bylines import names_site, parse_byline
from pipelines.dates import parse_published
from pipelines.text import text_size

MIN_ARTICLE_TEXT = 400  # characters of body that make a page without structured data an article
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
_DATE_SPAN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일](?:\s*\d{1,2}\s*[時시:]\s*\d{1,2}\s*[分분]?)?"
    r"|\d{4}[./]\d{1,2}[./]\d{1,2}" + _TIME +
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}" + _TIME +
    r"|\d{1,2}/\d{1,2}/\d{2,4}" + _TIME +
    r"|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}" + _TIME +
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _TIME
)
_DOMAIN = re.compile(r"(?i)\b[\w-]+\.(?:com|net|org|de|at|ch|fr|es|it|nl|be|lu|uk|co|jp|tr|ru|info|online|news)\b")
# Candidates from a bare "date" meta (meta.WEAK_PUBLISHED): trusted only when nothing on the
# page names another day.
_WEAK = "weak-meta"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_DATED_TEXT = 150  # ... or fewer when the page shows a byline or a publication date
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?=$|[-_])")


@dataclass(frozen=True)
class _Page:
    """What the date rules read of the page besides the candidate at hand."""
    tree: object
    marks: Marks
    meta: dict
    languages: tuple[str, ...]  # the page's language, then English
    byline_el: object = None
    title: str | None = None
    urls: tuple = ()  # the canonical URL, then the fetched one


@dataclass
class Extracted:
    url: str | None = None
    title: str | None = None
    text: str = ""
    authors_raw: list[str] = field(default_factory=list)
    byline_raw: str | None = None
    date_raw: str | None = None
    date_origin: str | None = None
    modified_raw: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    is_article: bool = False


def extract_article(html: str, url: str | None = None, *, selectors: dict | None = None) -> Extracted:
    tree = parse_html(html)
    if tree is None:
        return Extracted(url=url)
    return extract_from_tree(tree, url, selectors=selectors)


def extract_from_tree(tree, url: str | None = None, *, selectors: dict | None = None) -> Extracted:
    out, structured_body = read_metadata(tree, url, selectors=selectors)
    add_body(out, tree, out.url or url, selectors or {}, structured_body)
    return out


def read_metadata(tree, url: str | None = None, *, selectors: dict | None = None) -> tuple[Extracted, str | None]:
    """Everything but the body, and JSON-LD's articleBody as the body's fallback.

    is_article says here only what the markup declares (JSON-LD type, og:type); page_items
    decides listing vs article on it before paying for the body.
    """
    sel = selectors or {}
    ld = read_jsonld(tree)
    drop_scripts(tree)
    marks = marks_of(tree)  # the tree stays as it is from here to the body
    meta = m.read_meta(tree)
    out = Extracted()
    out.url = canonical_url(tree, meta, ld, url)
    base = out.url or url
    out.title = select_text(tree, sel.get("title")) or find_title(tree, meta, ld.headline if ld else None, url=base,
                                                                trusted=bool(ld and ld.is_article))
    out.authors_raw = _people([ld.authors] if ld and ld.authors else m.author_fields(meta), meta, ld, base)
    out.byline_raw, byline_el = byline(tree, sel.get("byline"), out.title, marks)
    out.authors_raw = _as_the_page_shows(out.authors_raw, meta, ld, base, out.byline_raw, byline_el)
    out.language = _language(tree, meta, ld)
    out.modified_raw = (ld.modified if ld else None) or m.first(meta, m.MODIFIED) or find_modified(tree, marks)
    languages = tuple(dict.fromkeys(x for x in (out.language, "en") if x))
    page = _Page(tree, marks, meta, languages, byline_el, out.title, (base, url))
    out.date_raw, out.date_origin = _date(page, ld, sel.get("date"), out.modified_raw)
    out.description = (ld.description if ld else None) or m.first(meta, m.DESCRIPTIONS)
    out.categories = _categories(marks, meta, ld)
    og_type = (m.first(meta, ("og:type",)) or "").lower()
    out.is_article = bool(ld and ld.is_article) or og_type == "article"
    return out, (ld.body if ld else None)


def add_body(out: Extracted, tree, url: str | None, selectors: dict, fallback: str | None = None) -> None:
    """The body, and whether its size makes the page an article."""
    text = _without_top_lines(extract_body(tree, url, selectors.get("body")), out)
    if fallback and text and not selectors.get("body"):
        text = keep_structured(text, fallback)
    out.text = text or (fallback or "").strip()
    out.is_article = out.is_article or text_size(out.text) >= MIN_ARTICLE_TEXT or (
        text_size(out.text) >= MIN_DATED_TEXT and bool(out.byline_raw or out.date_origin not in (None, "url")))


def canonical_url(tree, meta, ld, url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found = absolute(link.get("href"), url)
            if found:
                return found
    for candidate in (m.first(meta, ("og:url",)), ld.url if ld else None):
        found = absolute(candidate, url)
        if found:
            return found
    return url


def _date(page: _Page, ld, selector, modified=None) -> tuple[str | None, str | None]:
    """The first publication date that reads as a date: JSON-LD, meta, the page's elements, URL.

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
    span = _DATE_SPAN.search(raw)  # the date inside "04. November 2021 | PAID CONTENT"
    if span and _reads_as_date(span[0], languages):
        return span[0]
    return None


def _in_local_terms(stamp: str, origin: str, page: _Page) -> tuple[str, str]:
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


def _shown_day(instant: datetime, page: _Page) -> str | None:
    """The page's own date line where it shows the UTC instant's neighbouring day: the day in
    the publisher's zone ("06 Dicembre 2020" beside 2020-12-05T23:15Z), the one readers saw.

    Only the first date line, only one that is a date and nothing more (no time of day, whose
    wall time could not be placed; no label, which may be an "updated" one), and only a day the
    instant falls on in some zone. The time of day is then lost; the day is right.
    """
    # The date markup and the lines beside the byline and headline; not the page-wide class search.
    languages = page.languages
    for raw, _ in date_candidates(page.tree, near=page.byline_el, headline=headline_element(page.tree, page.title),
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


def _local_twin(instant: datetime, page: _Page) -> str | None:
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


def _date_candidates(page: _Page, ld, selector):
    if selector:
        yield from date_candidates(page.tree, selector, marks=page.marks)
    if ld and ld.published:
        yield ld.published, "jsonld"
    for name in m.PUBLISHED:
        origin = _WEAK if name in m.WEAK_PUBLISHED else "meta"
        for value in page.meta.get(m.key(name), ()):
            yield value, origin
    yield from date_candidates(page.tree, near=page.byline_el, headline=headline_element(page.tree, page.title),
                               marks=page.marks)


def _reads_as_date(raw: str, languages: tuple[str, ...]) -> bool:
    # Only telling a date from junk here: either numeric order will do, the date pipeline
    # applies the site's own.
    if parse_published(raw, day_first=bool(_DOTTED.search(raw)), languages=languages).value:
        return True
    return bool(_DOTTED.search(raw)) and parse_published(raw, day_first=False, languages=languages).value is not None


def _author_keys(values, *, structured: bool = True) -> set[str]:
    """The person names in author values or byline texts, folded for comparison."""
    return {fold(n) for v in values for n in parse_byline(v, structured=structured).authors}


def _people(fields, meta, ld, url: str | None) -> list[str]:
    """Structured author names without the site itself ("Salzburger Nachrichten", "mdr.de").

    Many CMSs fill the author field with the publication's name when no person wrote it;
    that is the outlet, and the next author field or the visible byline may still name the
    person.  `fields`: lists of names, most trusted first; the first with a name left wins.
    """
    site_names = {fold(n) for n in (m.first(meta, ("og:site_name", "application-name")),
                                    ld.publisher if ld else None) if n}
    for names in fields:
        kept = []
        for name in names:
            key = fold(name)
            first_part = key.split(",")[0].strip()
            if key in site_names or first_part in site_names or _DOMAIN.search(name):
                continue
            if names_site(name, url):
                continue
            kept.append(name)
        if kept:
            return kept
    return []


def _as_the_page_shows(fields: list[str], meta, ld, url: str | None, raw: str | None, el) -> list[str]:
    """The structured authors, corrected by the fuller lists the page itself gives: the author
    meta fields and the author markup (itemprop="author", rel="author") around the byline.

    - A list naming every structured author and more is the whole team: some CMSs put only
      the first of several authors in JSON-LD.
    - A marked-up byline and an author meta naming the same people, none of them JSON-LD's,
      overrule it: SEO plugins give JSON-LD the account that posted the story (a producer).
    Free-text bylines count for neither: they carry page words too often.
    """
    if not fields:
        return fields
    have = _author_keys(fields)
    teams = [[n for v in _people([values], meta, ld, url) for n in parse_byline(v, structured=True).authors]
             for values in m.author_fields(meta)]
    shown = list(parse_byline(raw).authors) if raw and _marked_author(el) else []
    keys = {fold(n) for n in shown}
    if ld and ld.authors and keys and not keys & have and any({fold(n) for n in t} == keys for t in teams):
        return shown
    for team in [*teams, shown]:
        if have < {fold(n) for n in team}:
            return fields + list(dict.fromkeys(n for n in team if fold(n) not in have))
    return fields


def _marked_author(el) -> bool:
    return el is not None and (el.get("itemprop") == "author" or "author" in (el.get("rel") or "").split())


def _categories(marks: Marks, meta, ld) -> list[str]:
    if ld and ld.sections:
        return list(dict.fromkeys(ld.sections))
    sections = m.all_of(meta, m.SECTIONS)
    if sections:
        return sections
    links = [text_of(a) for a in marks.rel("category") if not foreign(a)]
    return list(dict.fromkeys(t for t in links if t))


def _language(tree, meta, ld) -> str | None:
    for value in (ld.language if ld else None, tree.get("lang"), tree.get("xml:lang"), m.first(meta, m.LANGUAGES)):
        found = _LANG.match(value or "")
        if found:
            return found.group(0).lower()
    return None


TOP_LINES = 3  # first paragraphs where an extractor leaves the headline, byline and date line
DATE_LINE_LETTERS = 20  # letters beside the date in a date line ("Stand: ... Uhr", "Publicado: Jueves, ...")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[^\W\d_][.!?。！？]\s*$")


def _without_top_lines(text: str, out: Extracted) -> str:
    """The story starts below its headline, byline and date line, which extractors often keep
    as its first paragraphs. These go:
    - the headline as the first paragraph, also run together with the kicker or breadcrumb above
      it ("Umbau des Weissen Hauses Trump plant ..."): it ends with the title after less text than
      the title has (a sentence of the story that ends with those words is longer). Further down,
      a paragraph like the title is the story's own (a subheading that repeats it);
    - among the next TOP_LINES, the byline ("von Manuela Conrad", "By Jane Doe, Frankfurt"): a
      short paragraph naming people, all of them the article's authors; and the date line
      ("Stand: 26.04.2024, 20:44 Uhr"): a date and hardly a word more, not a sentence."""
    if not text:
        return text
    names = _author_keys(out.authors_raw) | _author_keys([out.byline_raw], structured=False)
    paragraphs = text.split("\n\n")
    if _is_headline(paragraphs[0], out.title):
        paragraphs = paragraphs[1:]
    head = [p for p in paragraphs[:TOP_LINES] if not (_names_only(p, names) or _date_only(p))]
    return "\n\n".join(head + paragraphs[TOP_LINES:])


def _is_headline(paragraph: str, title: str | None) -> bool:
    head, line = fold(title), fold(paragraph)
    return bool(head) and line.endswith(head) and len(line) - len(head) < len(head)


def _names_only(paragraph: str, names: set[str]) -> bool:
    if not names or len(paragraph) > MAX_BYLINE:
        return False
    shown = _author_keys([paragraph], structured=False)
    return bool(shown) and shown <= names


def _date_only(paragraph: str) -> bool:
    # Stricter than the date-line shape elements._under_headline looks for (a year early on, few
    # lower-case words): beside the headline the position vouches for the line; in the body that
    # shape would take subheadings too ("Wann sind die Eisheiligen 2024?").
    if len(paragraph) > MAX_DATE_RAW or _SENTENCE_END.search(paragraph) or not _DATE_SPAN.search(paragraph):
        return False  # "Am 26.04.2024 stimmte der Rat ab." is a sentence of the story
    return len(_LETTER.findall(_DATE_SPAN.sub("", paragraph))) <= DATE_LINE_LETTERS

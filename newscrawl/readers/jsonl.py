"""JSON Lines: Scrapy feed exports, news-please style records, and `newscrawl export` output.

One object a line (a JSON array of objects, Scrapy's `-o items.json`, is read too). A record
of our own export (it has "status" and "teaser"/"body") comes back as it left: a full article
gives its body and, when it has one, its teaser, so the teaser re-attaches on import; authors
already normalized are kept as they are. Any other record is mapped by common field names.
A line that is not JSON, or an object that holds no text, is reported with its line number
and the rest of the file goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date, datetime, timezone

from newscrawl.items import ArticleItem
from newscrawl.readers.base import Notice, Problem, RawPage, too_large
from newscrawl.readers.encoding import text_stream
from newscrawl.readers.textdump import read_lines

# Field names in the order they are tried; the first one present with a value wins.
URL = ("url", "canonical_url", "link", "article_url")
TITLE = ("title", "headline")
TEXT = ("text", "body", "content", "maintext", "article_text", "article_body", "articleBody", "full_text")
SUMMARY = ("description", "summary", "excerpt", "teaser", "lead", "dek", "standfirst")
AUTHORS = ("authors", "author", "byline", "creator", "creators")
DATE = ("date_published", "published", "published_at", "datePublished", "date_publish", "publish_date",
        "pubdate", "published_date", "date", "time")
MODIFIED = ("date_modified", "modified", "modified_at", "updated", "updated_at", "dateModified", "date_modify")
CATEGORIES = ("categories", "category", "section", "sections", "tags")
LANGUAGE = ("language", "lang")
HTML = ("html", "raw_html", "page_html")
MAX_BAD_START = 20  # lines that are all malformed before the first good one: not JSON Lines at all


def read_jsonl(inp, stream, head: bytes, opts) -> Iterator[ArticleItem | RawPage | Problem | Notice]:
    text = text_stream(stream)
    try:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            records = _array_records(text, inp.name, opts.max_page_bytes)
        else:
            records = _line_records(text, inp.name, opts.max_page_bytes)
        good = bad = 0
        read_at = inp.modified()
        for where, record in records:
            if isinstance(record, (Problem, Notice)):
                bad += isinstance(record, Problem)
                yield record
                if not good and bad >= MAX_BAD_START:
                    yield Problem(inp.name, f"the first {bad} records are not JSON: not a JSON Lines file, stopped")
                    return
                continue
            good += 1
            yield from record_items(record, f"{inp.name}:{where}", opts, read_at=read_at)
    finally:
        text.detach()


def _line_records(text, name: str, limit: int):
    problems: list[Problem] = []
    for lineno, line in read_lines(text, name, problems, limit=limit):
        for problem in problems:
            yield lineno, too_large(problem.source, limit)
        problems.clear()
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except ValueError as exc:
            yield lineno, Problem(f"{name}:{lineno}", f"not valid JSON ({exc}), skipped")
    for problem in problems:
        yield 0, too_large(problem.source, limit)


def _array_records(text, name: str, limit: int, chunk: int = 1 << 16):
    """The objects of a JSON array, decoded one at a time from a sliding buffer ("record N")."""
    decoder = json.JSONDecoder()
    buf, pos, eof, n = "", 0, False, 0

    def fill() -> bool:
        nonlocal buf, pos, eof
        more = text.read(chunk)
        eof = not more
        buf, pos = buf[pos:] + more, 0
        return bool(more)

    fill()
    pos = buf.index("[") + 1
    while True:
        while True:  # the separators between values
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) or not fill():
                break
        if pos >= len(buf) or buf[pos] == "]":
            return
        n += 1
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
                break
            except ValueError as exc:
                # Incomplete until proven otherwise: read on, up to the page size limit.
                if eof or len(buf) - pos > limit:
                    yield n, Problem(f"{name}:record {n}", f"not valid JSON ({exc}); the rest of the array is lost")
                    return
                fill()
        pos = end
        yield f"record {n}", value


def record_items(record, source: str, opts, *, read_at: datetime) -> Iterator[ArticleItem | RawPage | Notice]:
    if not isinstance(record, dict):
        yield Notice(source, f"a JSON {type(record).__name__}, not an object, skipped", "skipped/not_a_record")
        return
    if record.get("status") in ("full", "teaser") and ("teaser" in record or "body" in record):
        yield from _export_items(record, source, opts, read_at)
    else:
        yield from _feed_items(record, source, opts, read_at)


def _export_items(r: dict, source: str, opts, read_at: datetime) -> Iterator[ArticleItem]:
    """Items that store the article as it was exported (DESIGN.md, "Export record")."""
    published, precision = _stamp(r.get("published_at"))
    site = opts.site.key if opts.site else r.get("site")
    common = dict(url=r.get("url"), title=r.get("title"), byline_raw=r.get("byline"), site=site,
                  language=r.get("language"), source=source, fetched_at=_stamp(r.get("first_seen"))[0] or read_at,
                  outlet=r.get("outlet"), role=r.get("role"), column=r.get("column"), dateline=r.get("dateline"),
                  published_at=published, published_precision=precision,
                  published_origin=r.get("published_origin") if published else None,
                  # published_raw as stored; the date is not parsed again (published_at is set)
                  date_raw=r.get("published_raw") or (r.get("published_at") if published else None),
                  modified_at=_stamp(r.get("modified_at"))[0], description=r.get("description"))
    authors = [a for a in r.get("authors") or () if isinstance(a, str)]
    categories = [c for c in r.get("categories") or () if isinstance(c, str)]
    body, teaser = r.get("body"), r.get("teaser")
    if r["status"] == "full" and body:
        yield ArticleItem(kind="full", text=body, authors=authors, categories=categories, **common)
        if teaser:
            yield ArticleItem(kind="teaser", text=teaser, **common)
    elif teaser or body:
        yield ArticleItem(kind="teaser", text=teaser or body, authors=authors, categories=categories, **common)


def _feed_items(r: dict, source: str, opts, read_at: datetime) -> Iterator[ArticleItem | RawPage | Notice]:
    """An item of a Scrapy feed export (or a similar scraper's output), by common field names."""
    url = _first(r, URL)
    text = _text(_first(r, TEXT))
    if not text and isinstance(html := _first(r, HTML), str):
        yield from _html_items(html, url, source, opts, read_at)
        return
    summary = _text(_first(r, SUMMARY))
    if not text and not summary:
        yield Notice(source, "record holds no text (none of: " + ", ".join(TEXT + SUMMARY) + "), skipped",
                     "skipped/no_text")
        return
    authors = _first(r, AUTHORS)
    names = [a for a in (_name(x) for x in (authors if isinstance(authors, list) else [authors])) if a]
    # One string may hold several names with a role and an outlet ("By A and B, Reuters"): a byline.
    byline = names[0] if isinstance(authors, str) else None
    date_raw = _first(r, DATE)
    yield ArticleItem(
        kind="full" if text else "teaser", text=text or summary, url=url if isinstance(url, str) else None,
        title=_text(_first(r, TITLE)) or None, byline_raw=byline, authors_raw=[] if byline else names,
        date_raw=_date_text(date_raw), modified_raw=_date_text(_first(r, MODIFIED)),
        description=summary if text else None, categories=_labels(_first(r, CATEGORIES)),
        language=_text(_first(r, LANGUAGE)) or None, source=source, fetched_at=read_at,
        # --site binds the record; else CleanPipeline finds the site by the URL's host.
        site=opts.site.key if opts.site else None,
    )


def _html_items(html: str, url, source: str, opts, read_at: datetime) -> Iterator[RawPage | Notice]:
    if len(html) > opts.max_page_bytes:
        yield too_large(source, opts.max_page_bytes)
        return
    yield RawPage(html, url if isinstance(url, str) else None, source, read_at, logging.INFO)


def _first(r: dict, names: tuple[str, ...]):
    for name in names:
        value = r.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text(value) -> str:
    """A string, or paragraphs given as a list, as text with paragraphs separated by a blank line."""
    if isinstance(value, list):
        return "\n\n".join(p.strip() for p in value if isinstance(p, str) and p.strip())
    return value.strip() if isinstance(value, str) else ""


def _name(value) -> str | None:
    if isinstance(value, dict):  # {"name": "..."}, as JSON-LD and some scrapers give it
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _labels(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in (_name(x) for x in values) if v]


def _date_text(value) -> str | None:
    if isinstance(value, (int, float)) and 0 < value < 1e11:  # a Unix time
        return datetime.fromtimestamp(value, timezone.utc).isoformat()
    return value.strip() or None if isinstance(value, str) else None


def _stamp(value) -> tuple[datetime | None, str | None]:
    """An export's date ("YYYY-MM-DD", day precision) or ISO 8601 datetime, in UTC."""
    if not isinstance(value, str) or not value:
        return None, None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc), "day"
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None, None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc), "second" if stamp.second or stamp.microsecond else "minute"

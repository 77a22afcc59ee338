"""Read side: totals, the run log, the filters export and search share, and the export record of
DESIGN.md, streamed in pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import any_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine

from pipelines.storage.engine import as_utc
from pipelines.storage.models import (
    article_authors,
    article_categories,
    articles,
    authors,
    categories,
    runs,
    sightings,
)
from pipelines.text import words

PAGE = 1000  # articles per export query: memory stays flat however large the database
COARSE = {"year", "month", "day"}
EXAMPLE_QUERY = (
    "SELECT a.title, au.name, a.published_at FROM articles a "
    "JOIN article_authors aa ON aa.article_id = a.id JOIN authors au ON au.id = aa.author_id "
    "ORDER BY a.published_at DESC LIMIT 10;"
)


def among(dialect: str, column, values: list):
    """column IN (values). On PostgreSQL one array parameter: psycopg converts statement text in
    Python and caches only short statements, so a statement with thousands of parameters costs
    more to send than to run."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def name_key(name: str) -> str:
    """How authors and categories are matched: case- and accent-folded words."""
    return " ".join(words(name))


@dataclass(frozen=True)
class Filters:
    """Which articles an export or a search covers; None means "any"."""

    site: str | None = None
    author: str | None = None  # whole words of an author's name, any case: "cui" finds "Cui Yan"
    outlet: str | None = None  # case-insensitive, exact
    since: date | None = None  # published on or after this day (UTC)
    until: date | None = None  # published on or before this day (UTC)
    status: str | None = None  # full | teaser

    def clauses(self) -> list:
        out = []
        if self.site:
            out.append(articles.c.site == self.site)
        if self.status:
            out.append(articles.c.status == self.status)
        if self.outlet:
            out.append(func.lower(articles.c.outlet) == self.outlet.lower())
        if self.since:
            out.append(articles.c.published_at >= _midnight(self.since))
        if self.until:
            out.append(articles.c.published_at < _midnight(self.until + timedelta(days=1)))
        if self.author is not None:
            key = name_key(self.author)
            named = or_(authors.c.key == key, authors.c.key.startswith(key + " ", autoescape=True),
                         authors.c.key.endswith(" " + key, autoescape=True),
                         authors.c.key.contains(" " + key + " ", autoescape=True))
            out.append(articles.c.id.in_(select(article_authors.c.article_id)
                                         .join(authors, authors.c.id == article_authors.c.author_id).where(named)))
        return out


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)


def totals(engine: Engine) -> dict:
    with engine.connect() as conn:
        by_status = dict(conn.execute(select(articles.c.status, func.count()).group_by(articles.c.status)).all())
        return {
            "articles": sum(by_status.values()),
            "full": by_status.get("full", 0),
            "teaser": by_status.get("teaser", 0),
            "authors": conn.execute(select(func.count()).select_from(authors)).scalar_one(),
            "categories": conn.execute(select(func.count()).select_from(categories)).scalar_one(),
            "runs": conn.execute(select(func.count()).select_from(runs)).scalar_one(),
        }


def list_runs(engine: Engine, limit: int = 20) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit)).mappings().all()
    return [{**row, "started_at": as_utc(row["started_at"]), "finished_at": as_utc(row["finished_at"])} for row in rows]


def export_records(engine: Engine, filters: Filters | None = None) -> Iterator[dict]:
    """Every article (or those the filters pick) as the export record (DESIGN.md), in id order.

    Pages by id (keyset), each page one short query: memory stays flat and no cursor stays open
    between pages, however large the database.
    """
    clauses = (filters or Filters()).clauses()
    last_id = 0
    with engine.connect() as conn:
        while True:
            page = conn.execute(
                select(articles).where(articles.c.id > last_id, *clauses).order_by(articles.c.id).limit(PAGE)
            ).all()
            if not page:
                return
            yield from records(conn, page)
            last_id = page[-1].id


def records(conn, rows) -> Iterator[dict]:
    """Export records of these articles rows (authors, categories and sources fetched for all at once)."""
    ids = [row.id for row in rows]
    names = names_by_article(conn, ids)
    sources = _sources(conn, ids)
    for row in rows:
        yield {
            "id": row.id,
            "url": row.url,
            "title": row.title,
            "status": row.status,
            "teaser": row.teaser,
            "body": row.body,
            "authors": names["authors"][row.id],
            "outlet": row.outlet,
            "byline": row.byline,
            "role": row.role,
            "column": row.column_name,
            "published_at": format_published(row.published_at, row.published_precision),
            "published_raw": row.published_raw,
            "published_origin": row.published_origin,
            "modified_at": format_published(row.modified_at, None),
            "description": row.description,
            "language": row.language,
            "dateline": row.dateline,
            "categories": names["categories"][row.id],
            "site": row.site,
            "sources": sources[row.id],
            "first_seen": as_utc(row.first_seen).isoformat(),
            "last_seen": as_utc(row.last_seen).isoformat(),
        }


def format_published(value, precision: str | None) -> str | None:
    if value is None:
        return None
    value = as_utc(value)
    return value.date().isoformat() if precision in COARSE else value.isoformat()


def names_by_article(conn, ids: list[int]) -> dict[str, dict[int, list[str]]]:
    """{"authors": {article id: [name, ...]}, "categories": {...}}, in stored order."""
    out = {}
    for field, link, table, fk in (("authors", article_authors, authors, article_authors.c.author_id),
                                   ("categories", article_categories, categories, article_categories.c.category_id)):
        found = defaultdict(list)
        rows = conn.execute(select(link.c.article_id, table.c.name).join(table, table.c.id == fk)
                            .where(among(conn.dialect.name, link.c.article_id, ids))
                            .order_by(link.c.article_id, link.c.position))
        for article_id, name in rows:
            found[article_id].append(name)
        out[field] = found
    return out


def _sources(conn, ids: list[int]) -> dict[int, list[str]]:
    found = defaultdict(list)
    rows = conn.execute(select(sightings.c.article_id, sightings.c.source)
                        .where(among(conn.dialect.name, sightings.c.article_id, ids))
                        .order_by(sightings.c.article_id, sightings.c.id))
    for article_id, source in rows:
        if source not in found[article_id]:
            found[article_id].append(source)
    return found

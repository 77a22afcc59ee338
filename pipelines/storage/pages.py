"""The fetch log: one row per URL a crawl fetched or found, the record incremental runs start from.

A crawl reads it at the start (which article pages are stored, which feeds/sitemaps/listings it
knows and their validators) and writes it through StorePipeline, in the same ordered stream as
the items: a page's row is written after the items that page gave, so a row with a status means
"everything from this page is stored" even after a kill -9.

Rows without a status are the frontier: article links a listing, feed or sitemap showed that no
run has fetched yet (killed, stopped by --max-pages, a transient error). The next run fetches them
even when the page that showed them answers 304 Not Modified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from pipelines.storage.engine import as_utc, create_schema
from pipelines.storage.models import Base, articles

Stamp = DateTime(timezone=True)

pages = Table(
    "pages", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("host", String(255), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # article | listing | feed | sitemap | wpjson | other
    Column("status", Integer),  # HTTP status of the last fetch; NULL: found, not fetched yet
    Column("error", String(40)),  # the last fetch's failure ("http_500", "timeout"); NULL when fine
    Column("failures", Integer),  # failed fetches in a row (0 or NULL after a good one)
    Column("etag", Text),
    Column("last_modified", Text),  # as the server sent it, for If-Modified-Since
    Column("lastmod", Stamp),  # newest change stamp known when last fetched (sitemap, feed, API, page)
    Column("next_url", Text),  # a listing's or API page's next page, followed even after a 304
    Column("article_id", ForeignKey("articles.id", ondelete="SET NULL")),  # what an article page gave
    Column("fetched_at", Stamp),
    Column("run_id", ForeignKey("runs.id")),
)

# Columns a PageRecord may set; None in a record means "leave as stored".
_KEPT = {"etag", "last_modified", "lastmod", "next_url", "article_id"}
FIELDS = ("kind", "status", "error", "etag", "last_modified", "lastmod", "next_url", "fetched_at")


@dataclass
class PageRecord:
    """What a crawl learnt about one URL; spiders yield these after the page's items."""

    url: str
    host: str
    kind: str
    status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    lastmod: datetime | None = None
    next_url: str | None = None
    fetched_at: datetime | None = None
    article_url: str | None = None  # the canonical URL of the article the page gave
    fetched: bool = True  # False: only a newer lastmod (or a new kind) for a known URL
    discovered: list[str] = field(default_factory=list)  # article links shown on the page


@dataclass(frozen=True)
class PageState:
    kind: str
    status: int | None
    error: str | None
    etag: str | None
    last_modified: str | None
    lastmod: datetime | None
    next_url: str | None
    failures: int = 0


def write_pages(conn: Connection, records: list[PageRecord], run_id: int | None) -> None:
    """Upsert the records (a later record for a URL wins), then add their frontier links."""
    if not records:
        return
    insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert
    ids = _article_ids(conn, {r.article_url for r in records if r.article_url})
    # One statement per URL: two records for one URL in one executemany would conflict on PostgreSQL.
    latest: dict[str, PageRecord] = {}
    for r in records:
        if r.url in latest and not r.fetched and latest[r.url].fetched:
            kept = latest[r.url]
            kept.lastmod = max((s for s in (kept.lastmod, r.lastmod) if s is not None), default=None)
            continue
        latest.pop(r.url, None)
        latest[r.url] = r
    fetched = [r for r in latest.values() if r.fetched]
    stamps = [r for r in latest.values() if not r.fetched]
    if fetched:
        stmt = insert(pages)
        # Validators and stamps a fetch did not bring (a 304, an error) stay as they were.
        set_ = {k: func.coalesce(stmt.excluded[k], pages.c[k]) if k in _KEPT else stmt.excluded[k]
                for k in (*FIELDS, "article_id", "run_id")}
        set_["failures"] = case((stmt.excluded.error.is_(None), 0), else_=func.coalesce(pages.c.failures, 0) + 1)
        rows = [{"url": r.url, "host": r.host, **{k: getattr(r, k) for k in FIELDS},
                 "failures": 0 if r.error is None else 1,
                 "article_id": ids.get(r.article_url) if r.article_url else None, "run_id": run_id}
                for r in fetched]
        conn.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=set_), rows)
    if stamps:
        stmt = insert(pages)
        set_ = {"lastmod": stmt.excluded.lastmod, "run_id": stmt.excluded.run_id}
        conn.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=set_),
                     [{"url": r.url, "host": r.host, "kind": r.kind, "lastmod": r.lastmod, "run_id": run_id}
                      for r in stamps])
    found = {}
    for r in records:
        for url in r.discovered:
            found.setdefault(url, {"url": url, "host": r.host, "kind": "article", "run_id": run_id})
    if found:  # one executemany; SQLAlchemy batches the rows into statements itself
        conn.execute(insert(pages).on_conflict_do_nothing(index_elements=["url"]), list(found.values()))


def _article_ids(conn: Connection, urls: set[str]) -> dict[str, int]:
    if not urls:
        return {}
    return dict(conn.execute(select(articles.c.url, articles.c.id).where(articles.c.url.in_(sorted(urls)))).all())


def load_pages(engine: Engine, hosts: set[str]) -> dict[str, PageState]:
    """The fetch log of these hosts, by URL (empty when the database has no log yet)."""
    if not hosts:
        return {}
    create_schema(engine)  # a first crawl may read before the pipeline has created the tables
    out = {}
    with engine.connect() as conn:
        stmt = select(pages.c.url, pages.c.kind, pages.c.status, pages.c.error, pages.c.etag,
                      pages.c.last_modified, pages.c.lastmod, pages.c.next_url,
                      pages.c.failures).where(pages.c.host.in_(sorted(hosts)))
        for row in conn.execute(stmt):
            out[row.url] = PageState(row.kind, row.status, row.error, row.etag, row.last_modified,
                                     as_utc(row.lastmod), row.next_url, row.failures or 0)
    return out

"""Batched, idempotent writes: resolve each item against the stored articles, then upsert."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from pipelines.dedupe import ArticleIndex, find_article, merge, new_article
from pipelines.storage.engine import WRITE, as_utc, create_schema, open_engine, utcnow
from pipelines.storage.interrupts import interrupts_held
from pipelines.storage.pages import write_pages
from pipelines.storage.queries import among, name_key, names_by_article
from pipelines.storage.models import (
    article_authors,
    article_categories,
    articles,
    authors,
    categories,
    runs,
    sightings,
)
from pipelines.urls import scheme_variants

# PostgreSQL advisory lock held by each batch's transaction: resolving items against stored articles
# and writing them must not interleave with another process doing the same (see write_batch).
WRITE_LOCK = 0x6E637772
IN_CHUNK = 2000  # values per IN (...) list, well under SQLite's variable limit
# Columns an article dict carries between the database and pipelines.dedupe.
CONTENT = ("url", "fingerprint", "dedupe_key", "site", "title", "status", "teaser", "body",
           "byline", "outlet", "role", "column_name", "dateline", "language", "published_at",
           "published_precision", "published_raw", "published_origin", "modified_at", "description",
           "fetched_at")
_CONTENT_SET = frozenset(CONTENT)


class Store:
    def __init__(self, url_or_engine: str | Engine):
        self.engine = open_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
        self._insert = (postgresql if self.engine.dialect.name == "postgresql" else sqlite).insert
        self._ids: dict[tuple, int] = {}  # (table, key) -> id of authors and categories

    def create_schema(self) -> None:
        """Create an empty database at the current schema; refuse (SchemaError) one at another revision."""
        create_schema(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A writing transaction (SQLite: BEGIN IMMEDIATE), committed on success; Ctrl-C waits for its end."""
        with interrupts_held(), self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            yield conn

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, kind: str, args: dict) -> int:
        with self._writing() as conn:
            return conn.execute(
                runs.insert().returning(runs.c.id),
                {"kind": kind, "status": "running", "started_at": utcnow(), "args": args, "stats": {}},
            ).scalar_one()

    def finish_run(self, run_id: int, status: str, stats: dict) -> None:
        with self._writing() as conn:
            conn.execute(runs.update().where(runs.c.id == run_id).values(
                status=status, finished_at=utcnow(), stats=_jsonable(stats)))

    # -- articles -------------------------------------------------------------------------

    def write_batch(self, items: list, run_id: int, pages: list | None = None) -> Counter:
        """Store one batch in one transaction; returns counts of outcomes.

        pages: the crawl's fetch-log records of the batch, written in the same transaction after
        the articles, so a page counts as fetched exactly when its items are stored.
        """
        outcomes: Counter = Counter()
        with self._writing() as conn:
            if conn.dialect.name == "postgresql":
                # Like SQLite's BEGIN IMMEDIATE: one writer at a time resolves and writes, so a teaser
                # and its body stored by two processes meet, and a URL inserted by another process
                # between our SELECT and INSERT cannot happen. Waits; never fails.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            if items:  # a crawl's last batch may hold page records only
                outcomes = self._write_items(conn, items, run_id)
            if pages:
                write_pages(conn, pages, run_id)
        return outcomes

    def _write_items(self, conn: Connection, items: list, run_id: int) -> Counter:
        outcomes: Counter = Counter()
        now = utcnow()
        index = ArticleIndex(self._load_candidates(conn, items))
        touched: dict[int, dict] = {}  # id(article) -> article
        seen = []
        for item in items:
            article = find_article(item, index)
            if article is None:
                article, changed = new_article(item)
                article["_changed"] = changed
                outcomes[f"new/{item.kind}"] += 1
            else:
                outcome, changed = merge(article, item)
                article["_changed"] |= changed
                outcomes[outcome] += 1
            index.add(article)
            touched[id(article)] = article
            seen.append((article, item))
        self._save_articles(conn, list(touched.values()), run_id, now)
        self._save_links(conn, touched.values())
        self._save_sightings(conn, seen, run_id, now)
        return outcomes

    def _load_candidates(self, conn: Connection, items: list) -> list[dict]:
        urls = {u for i in items if i.url for u in scheme_variants(i.url)}
        prints = {i.fingerprint for i in items if i.fingerprint}
        keys = {k for i in items for k in i.dedupe_keys}
        found: dict[int, dict] = {}
        for column, values in ((articles.c.url, urls), (articles.c.fingerprint, prints), (articles.c.dedupe_key, keys)):
            for chunk in _chunks(sorted(values)):
                for row in conn.execute(select(articles).where(among(conn.dialect.name, column, chunk))):
                    found.setdefault(row.id, _article(row))
        if found:
            self._load_names(conn, found)
        return list(found.values())

    def _load_names(self, conn: Connection, found: dict[int, dict]) -> None:
        for chunk in _chunks(sorted(found)):
            for field, by_article in names_by_article(conn, chunk).items():
                for article_id, names in by_article.items():
                    found[article_id][field] = names

    def _save_articles(self, conn: Connection, touched: list[dict], run_id: int, now) -> None:
        fresh = [a for a in touched if a["id"] is None]
        fresh_ids = {id(a) for a in fresh}
        for conflict, group in (("url", [a for a in fresh if a["url"]]), ("fingerprint", [a for a in fresh if not a["url"]])):
            if not group:
                continue
            stmt = self._insert(articles)
            stmt = stmt.on_conflict_do_update(
                index_elements=[conflict],
                index_where=articles.c.url.is_(None) if conflict == "fingerprint" else None,
                set_={"last_seen": stmt.excluded.last_seen, "last_run_id": stmt.excluded.last_run_id},
            )
            rows = [{**{c: a[c] for c in CONTENT}, "first_seen": now, "last_seen": now,
                     "first_run_id": run_id, "last_run_id": run_id} for a in group]
            # One short upsert executed many times, then the ids read back by key: SQLite cannot
            # batch an upsert whose RETURNING must follow the rows' order (one execute per row), and
            # psycopg caches only short statements. The batch holds the write lock (write_batch),
            # so the ids read back are ours.
            conn.execute(stmt, rows)
            key, by_key = articles.c[conflict], {}
            for chunk in _chunks([a[conflict] for a in group]):
                ids = select(key, articles.c.id).where(among(conn.dialect.name, key, chunk))
                if conflict == "fingerprint":
                    ids = ids.where(articles.c.url.is_(None))
                by_key.update(conn.execute(ids).all())
            for article in group:
                article["id"] = by_key[article[conflict]]

        # Changed rows are rewritten whole; the others only record that this run saw them.
        old = [a for a in touched if id(a) not in fresh_ids]
        changed = [a for a in old if a["_changed"] & _CONTENT_SET]
        if changed:
            values = {c: bindparam(c) for c in CONTENT} | {"last_seen": now, "last_run_id": run_id}
            stmt = update(articles).where(articles.c.id == bindparam("b_id")).values(values)
            conn.execute(stmt, [{"b_id": a["id"], **{c: a[c] for c in CONTENT}} for a in changed])
        for chunk in _chunks([a["id"] for a in old if not a["_changed"] & _CONTENT_SET]):
            conn.execute(update(articles).where(among(conn.dialect.name, articles.c.id, chunk))
                         .values(last_seen=now, last_run_id=run_id))

    def _save_links(self, conn: Connection, touched) -> None:
        for field, table, link, fk in (("authors", authors, article_authors, "author_id"),
                                       ("categories", categories, article_categories, "category_id")):
            dirty = [a for a in touched if field in a["_changed"]]
            if not dirty:
                continue
            ids = self._name_ids(conn, table, {name for a in dirty for name in a[field]})
            for chunk in _chunks([a["id"] for a in dirty]):
                conn.execute(delete(link).where(among(conn.dialect.name, link.c.article_id, chunk)))
            rows = [{"article_id": a["id"], "position": pos, fk: ids[name_key(name)]}
                    for a in dirty for pos, name in enumerate(_unique_names(a[field]))]
            if rows:
                conn.execute(link.insert(), rows)

    def _name_ids(self, conn: Connection, table, names: set[str]) -> dict[str, int]:
        """Ids of authors or categories by key, creating the missing ones."""
        wanted = {key: n for n in names if (key := name_key(n))}
        missing = {k: n for k, n in wanted.items() if (table.name, k) not in self._ids}
        if missing:
            stmt = self._insert(table).on_conflict_do_nothing(index_elements=["key"])
            conn.execute(stmt, [{"key": k, "name": n} for k, n in missing.items()])
            for chunk in _chunks(sorted(missing)):
                found = select(table.c.id, table.c.key).where(among(conn.dialect.name, table.c.key, chunk))
                for row in conn.execute(found):
                    self._ids[(table.name, row.key)] = row.id
        return {k: self._ids[(table.name, k)] for k in wanted}

    def _save_sightings(self, conn: Connection, seen: list, run_id: int, now) -> None:
        rows = {(a["id"], item.source or "", item.kind): {
            "article_id": a["id"], "source": item.source or "", "kind": item.kind,
            "first_run_id": run_id, "last_run_id": run_id, "first_seen": now, "last_seen": now,
        } for a, item in seen}
        stmt = self._insert(sightings)
        stmt = stmt.on_conflict_do_update(
            index_elements=["article_id", "source", "kind"],
            set_={"last_run_id": stmt.excluded.last_run_id, "last_seen": stmt.excluded.last_seen},
        )
        conn.execute(stmt, list(rows.values()))

    def forget_ids(self) -> None:
        """Drop cached author/category ids (after a rollback they may not exist)."""
        self._ids.clear()


def _article(row) -> dict:
    article = {c: getattr(row, c) for c in CONTENT}
    article.update(id=row.id, authors=[], categories=[], _changed=set())
    article["published_at"] = as_utc(article["published_at"])
    article["modified_at"] = as_utc(article["modified_at"])
    article["fetched_at"] = as_utc(article["fetched_at"])
    return article


def _unique_names(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _chunks(values: list, size: int = IN_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _jsonable(stats: dict) -> dict:
    return {k: v if isinstance(v, (int, float, str, bool, type(None))) else str(v) for k, v in stats.items()}


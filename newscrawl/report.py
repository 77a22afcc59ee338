"""Text the CLI prints: the import summary, database totals, the run log, search hits, the schema
revision; and the export (JSON Lines or CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from pipelines.storage import migrations
from pipelines.storage.engine import open_engine
from pipelines.storage.queries import EXAMPLE_QUERY, Filters, export_records, list_runs, totals
from pipelines.storage.search import search

LIST_SEPARATOR = "; "  # authors, categories and sources in one CSV cell


@contextmanager
def _database(db: str, check: bool = True) -> Iterator:
    """An engine on an existing newscrawl database at the code's schema revision, disposed afterwards."""
    engine = open_engine(db)
    try:
        if check:
            migrations.check_schema(engine)
        yield engine
    finally:
        engine.dispose()


def run_counts(stats: dict) -> dict[str, int]:
    """What a run did, from its stats: the same figures in the summary and in `runs`."""
    total = lambda prefix: sum(v for k, v in stats.items() if k.startswith(prefix))  # noqa: E731
    return {
        "new": stats.get("newscrawl/store/new_full", 0) + stats.get("newscrawl/store/new_teaser", 0),
        "updated": stats.get("newscrawl/store/updated", 0),
        "unchanged": stats.get("newscrawl/store/unchanged", 0),
        # a teaser joined its body, whichever of the two was stored first
        "merged": stats.get("newscrawl/dedupe/merged", 0) + stats.get("newscrawl/dedupe/upgraded", 0),
        "dropped": total("newscrawl/dropped/"),
        "errors": total("newscrawl/errors/"),
    }


def by_reason(stats: dict, prefix: str) -> dict[str, int]:
    """Counts under a stats prefix, by the rest of their key (nonzero ones, sorted)."""
    return {k.removeprefix(prefix): v for k, v in sorted(stats.items()) if k.startswith(prefix) and v}


def import_summary(result, db: str) -> str:
    s = result.stats
    c = run_counts(s)
    lines = [
        f"run {result.run_id} {result.status}: {s.get('newscrawl/import/files', 0)} file(s), "
        f"{s.get('newscrawl/items/full', 0)} full pages and {s.get('newscrawl/items/teaser', 0)} teasers read",
        f"  articles: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged",
        f"  teasers merged with their full article: {c['merged']}; dropped (placeholder or empty): {c['dropped']}",
    ]
    for group in ("skipped", "warnings"):
        if counts := by_reason(s, f"newscrawl/{group}/"):
            lines.append(f"  {group}: {sum(counts.values())} ({', '.join(f'{k} {v}' for k, v in counts.items())})")
    if result.errors:
        lines.append(f"  errors: {len(result.errors)} (listed above)")
    lines += ["", database_summary(db)]
    return "\n".join(lines)


def database_summary(db: str, example: bool = True) -> str:
    with _database(db) as engine:
        t = totals(engine)
    lines = [
        f"database {db}: {t['articles']} articles ({t['full']} full, {t['teaser']} teaser-only), "
        f"{t['authors']} authors, {t['categories']} categories, {t['runs']} runs",
    ]
    if example and db.startswith("sqlite:///"):
        lines += ["try:", f"  sqlite3 {db.removeprefix('sqlite:///')} \"{EXAMPLE_QUERY}\""]
    elif example:
        lines += ["try:", f"  {EXAMPLE_QUERY}"]
    return "\n".join(lines)


def runs_table(db: str, limit: int) -> str:
    with _database(db) as engine:
        rows = list_runs(engine, limit)
    out = [f"{'id':>5}  {'kind':<7} {'status':<12} {'started (UTC)':<20} {'seconds':>8}  new  merged  errors"]
    for r in rows:
        c = run_counts(r["stats"] or {})
        secs = f"{(r['finished_at'] - r['started_at']).total_seconds():.1f}" if r["finished_at"] else "-"
        out.append(f"{r['id']:>5}  {r['kind']:<7} {r['status']:<12} {r['started_at']:%Y-%m-%d %H:%M:%S}  "
                   f"{secs:>8}  {c['new']:>3}  {c['merged']:>6}  {c['errors']:>6}")
    return "\n".join(out)


def export(db: str, out: TextIO, format: str = "jsonl", filters: Filters | None = None) -> int:
    """Write every article (or those the filters pick) as JSON Lines or CSV; returns how many."""
    with _database(db) as engine:
        write = _write_csv if format == "csv" else _write_jsonl
        return write(export_records(engine, filters), out)


def _write_jsonl(rows: Iterator[dict], out: TextIO) -> int:
    n = 0
    for n, record in enumerate(rows, 1):
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
    return n


def _write_csv(rows: Iterator[dict], out: TextIO) -> int:
    """One row per article, the export record's fields as columns; lists joined with "; "."""
    writer = None
    n = 0
    for n, record in enumerate(rows, 1):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: LIST_SEPARATOR.join(v) if isinstance(v, list) else v for k, v in record.items()})
    return n


def search_hits(db: str, out: TextIO, query: str, filters: Filters | None = None, limit: int = 20,
                format: str = "text") -> int:
    """Write the best matches of a full-text query, best first; returns how many."""
    with _database(db) as engine:
        n = 0
        for n, hit in enumerate(search(engine, query, filters, limit), 1):
            out.write(json.dumps(hit, ensure_ascii=False) + "\n" if format == "jsonl" else _hit_text(hit) + "\n\n")
    if n == 0 and format == "text":
        out.write(f"no article matches {query!r}\n")
    return n


def _hit_text(hit: dict) -> str:
    """Rank and title; site, day, authors and URL; then the snippet with the matches **marked**."""
    when = (hit["published_at"] or "")[:10] or "undated"
    who = LIST_SEPARATOR.join(hit["authors"]) or hit["outlet"] or "no byline"
    where = " · ".join(x for x in (hit["site"] or "-", when, who, hit["url"]) if x)
    snippet = " ".join((hit["snippet"] or "").split())
    return f"{hit['rank']:>3}. {hit['title'] or '(no title)'}  [{hit['status']}]\n     {where}\n     {snippet}"


def upgrade_database(db: str) -> str:
    """`newscrawl db upgrade`: bring the schema to the code's revision."""
    with _database(db, check=False) as engine:
        before, after = migrations.upgrade(engine)
    if before == after:
        return f"database {db}: already at schema revision {after}"
    return f"database {db}: schema upgraded from {before or 'none (new or pre-migrations database)'} to {after}"


def database_revision(db: str) -> str:
    """`newscrawl db current`: the database's schema revision against the code's."""
    with _database(db, check=False) as engine, engine.connect() as conn:
        revision = migrations.current(conn)
    head = migrations.head()
    state = "up to date" if revision == head else f"run `newscrawl db upgrade --db {db}`" if (
        revision is None or revision in migrations.known_revisions()) else "newer than this newscrawl"
    return f"database {db}: schema revision {revision or 'none'}; this newscrawl: {head} ({state})"

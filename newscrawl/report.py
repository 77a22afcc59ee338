"""Text the CLI prints: the import summary, database totals, the run log; and the export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from pipelines.storage.engine import DatabaseError, open_engine
from pipelines.storage.queries import EXAMPLE_QUERY, export_records, has_schema, list_runs, totals


@contextmanager
def _database(db: str) -> Iterator:
    """An engine on an existing newscrawl database, disposed afterwards."""
    engine = open_engine(db)
    try:
        if not has_schema(engine):
            raise DatabaseError(f"{db} holds no newscrawl database yet (run `newscrawl import` first)")
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


def import_summary(result, db: str) -> str:
    s = result.stats
    c = run_counts(s)
    lines = [
        f"run {result.run_id} {result.status}: {s.get('newscrawl/import/files', 0)} file(s), "
        f"{s.get('newscrawl/items/full', 0)} full pages and {s.get('newscrawl/items/teaser', 0)} teasers read",
        f"  articles: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged",
        f"  teasers merged with their full article: {c['merged']}; dropped (placeholder or empty): {c['dropped']}",
    ]
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


def export_jsonl(db: str, out: TextIO) -> int:
    """Write every article as one JSON line; returns how many."""
    n = 0
    with _database(db) as engine:
        for n, record in enumerate(export_records(engine), 1):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return n

"""Text the CLI prints: the import summary, database totals, the run log; and the export."""

from __future__ import annotations

import json
from typing import TextIO

from pipelines.storage.engine import DatabaseError, open_engine
from pipelines.storage.queries import EXAMPLE_QUERY, export_records, has_schema, list_runs, totals


def _engine(db: str):
    engine = open_engine(db)
    if not has_schema(engine):
        engine.dispose()
        raise DatabaseError(f"{db} holds no newscrawl database yet (run `newscrawl import` first)")
    return engine


def import_summary(result, db: str) -> str:
    s = result.stats
    dropped = sum(v for k, v in s.items() if k.startswith("newscrawl/dropped/"))
    new = s.get("newscrawl/store/new_full", 0) + s.get("newscrawl/store/new_teaser", 0)
    merged = s.get("newscrawl/dedupe/merged", 0) + s.get("newscrawl/dedupe/upgraded", 0)
    lines = [
        f"run {result.run_id} {result.status}: {s.get('newscrawl/import/files', 0)} file(s), "
        f"{s.get('newscrawl/items/full', 0)} full pages and {s.get('newscrawl/items/teaser', 0)} teasers read",
        f"  articles: {new} new, {s.get('newscrawl/store/updated', 0)} updated, "
        f"{s.get('newscrawl/store/unchanged', 0)} unchanged",
        f"  teasers merged with their full article: {merged}; dropped (placeholder or empty): {dropped}",
    ]
    if result.errors:
        lines.append(f"  errors: {len(result.errors)} (listed above)")
    lines += ["", database_summary(db)]
    return "\n".join(lines)


def database_summary(db: str, example: bool = True) -> str:
    engine = _engine(db)
    try:
        t = totals(engine)
    finally:
        engine.dispose()
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
    engine = _engine(db)
    try:
        rows = list_runs(engine, limit)
    finally:
        engine.dispose()
    out = [f"{'id':>5}  {'kind':<7} {'status':<12} {'started (UTC)':<20} {'seconds':>8}  new  merged  errors"]
    for r in rows:
        st = r["stats"] or {}
        secs = f"{(r['finished_at'] - r['started_at']).total_seconds():.1f}" if r["finished_at"] else "-"
        new = st.get("newscrawl/store/new_full", 0) + st.get("newscrawl/store/new_teaser", 0)
        errors = sum(v for k, v in st.items() if k.startswith("newscrawl/errors/"))
        out.append(f"{r['id']:>5}  {r['kind']:<7} {r['status']:<12} {r['started_at']:%Y-%m-%d %H:%M:%S}  "
                   f"{secs:>8}  {new:>3}  {st.get('newscrawl/dedupe/merged', 0):>6}  {errors:>6}")
    return "\n".join(out)


def export_jsonl(db: str, out: TextIO) -> int:
    """Write every article as one JSON line; returns how many."""
    engine = _engine(db)
    n = 0
    try:
        for n, record in enumerate(export_records(engine), 1):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    finally:
        engine.dispose()
    return n

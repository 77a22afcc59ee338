"""Small helpers for the end-to-end tests: run an import, read the export back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newscrawl.ingest import import_paths
from pipelines.storage.engine import open_engine
from pipelines.storage.queries import export_records

VOLATILE = ("id", "first_seen", "last_seen", "sources")


def run_import(db_url: str, *paths, **kw):
    return import_paths([str(p) for p in paths], db=db_url, progress=False, **kw)


def exported(db_url: str) -> list[dict]:
    engine = open_engine(db_url)
    try:
        return list(export_records(engine))
    finally:
        engine.dispose()


def content(records: list[dict]) -> list[dict]:
    """Records without ids, stamps and provenance, in a stable order: what an article *is*."""
    rows = [{k: v for k, v in r.items() if k not in VOLATILE} for r in records]
    return sorted(rows, key=lambda r: (r["body"] or "", r["teaser"] or ""))


def by_author(records: list[dict], name: str) -> dict:
    (found,) = [r for r in records if name in r["authors"]]
    return found


def generated_dumps(folder: Path, articles: int, files: int = 1) -> list[str]:
    """Seed-shaped dumps from bench/gen_dumps.py; returns the dump files (not expected.json)."""
    script = Path(__file__).resolve().parent.parent / "bench" / "gen_dumps.py"
    subprocess.run([sys.executable, str(script), "--articles", str(articles), "--out", str(folder),
                    "--files", str(files)], check=True, capture_output=True)
    return sorted(str(p) for p in folder.glob("*.txt"))

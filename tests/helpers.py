"""Small helpers for the end-to-end tests: run an import, read the export back."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from newscrawl.ingest import import_paths
from pipelines.storage.engine import open_engine
from pipelines.storage.models import articles
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


def count(db_url: str) -> int:
    """Articles stored so far (0 before the schema is made)."""
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()
    except Exception:
        return 0  # schema not created yet
    finally:
        engine.dispose()


def start_import(cmd: list[str], db_url: str, *, stored: int, env=None) -> subprocess.Popen:
    """Start an import command; return once it has stored `stored` articles (or ended, or a minute passed)."""
    victim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while count(db_url) < stored and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.02)
    return victim


def sigterm_and_check(victim: subprocess.Popen, db_url: str, total: int) -> None:
    """SIGTERM stops the import cleanly: exit status 130, the run logged as interrupted, part stored."""
    victim.send_signal(signal.SIGTERM)
    _, err = victim.communicate(timeout=60)
    assert victim.returncode == 130 and "interrupted" in err
    runs = subprocess.run([sys.executable, "-m", "newscrawl.cli", "runs", "--db", db_url],
                          capture_output=True, text=True).stdout.splitlines()
    assert runs[1].split()[:3] == ["1", "import", "interrupted"]
    assert 0 < count(db_url) < total

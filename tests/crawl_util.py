"""Shared by the crawl tests: run `newscrawl crawl` in a subprocess, read runs and the fetch log back."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

from sqlalchemy import select

from pipelines.storage.engine import open_engine
from pipelines.storage.models import runs
from tests.conftest import ROOT

# Fast for a local server: no throttling, no backoff, timeouts short (but not so short that a
# busy machine makes robots.txt time out: that means "fetch nothing").
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "0",
        "NEWSCRAWL_RETRY_BACKOFF": "0", "NEWSCRAWL_BATCH_SIZE": "20"}


def crawl_cmd(site_url: str, db: str, *args: str, **settings) -> list[str]:
    sets = [x for k, v in {**FAST, **settings}.items() for x in ("-s", f"{k}={v}")]
    return [sys.executable, "-m", "newscrawl.cli", "crawl", site_url, *args, "--site", "peoples-daily", "--db", db,
            *sets]


def crawl(site_url: str, db: str, *args: str, **settings) -> subprocess.CompletedProcess:
    done = subprocess.run(crawl_cmd(site_url, db, *args, **settings), cwd=ROOT, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    assert "DeprecationWarning" not in done.stderr, done.stderr[-4000:]
    return done


def run_rows(db: str) -> list[dict]:
    engine = open_engine(db)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(runs).order_by(runs.c.id))]
    finally:
        engine.dispose()


def paths(hits, prefix: str = "") -> list[str]:
    """Paths (without query) of GET requests in a NewsSite log."""
    return [urlsplit(h.path).path for h in hits if h.method == "GET" and h.path.startswith(prefix)]


def article_paths(site) -> set[str]:
    return {a["path"] for a in site.articles if not a["private"]}

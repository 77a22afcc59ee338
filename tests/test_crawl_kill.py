"""A crawl killed with SIGKILL part-way, then run again, stores every article of the site exactly
once; SIGTERM stops a crawl cleanly. Nothing here uses JOBDIR: the database's fetch log is the
record of what was fetched and of what is still to fetch."""

from __future__ import annotations

import signal
import subprocess
import time

from sqlalchemy import func, select

from pipelines.storage.engine import open_engine
from pipelines.storage.models import articles
from tests.conftest import ROOT
from tests.crawl_util import article_paths, crawl, crawl_cmd, run_rows
from tests.fixtures.newssite import NewsSite
from tests.helpers import content, exported

SLOW = {"DOWNLOAD_DELAY": "0.01", "CONCURRENT_REQUESTS_PER_DOMAIN": "2"}  # long enough to stop it part-way


def many_articles(n: int) -> list[dict]:
    words = "river market bridge harvest festival railway council school harbour library".split()
    return [{
        "title": f"Story number {i} about the {words[i % 10]}",
        "body": "\n\n".join(f"Paragraph {p} of story {i} tells of the {words[(i + p) % 10]} and its people, "
                            f"who met on day {i % 28 + 1} to talk about {words[(i * p) % 10]}." for p in range(1, 6)),
        "authors": [f"Writer {i % 7}"],
        "date": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        "categories": [["World", "Business", "Culture"][i % 3]],
        "private": i % 25 == 0,  # a few behind robots.txt: teasers only
    } for i in range(n)]


def stored(db: str) -> int:
    engine = open_engine(db)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles).where(articles.c.status == "full")).scalar_one()
    except Exception:
        return 0  # no schema yet
    finally:
        engine.dispose()


def start_and_stop(cmd, db: str, sig: int, at_least: int) -> subprocess.Popen:
    victim = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while stored(db) < at_least and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    victim.send_signal(sig)
    _, victim.log = victim.communicate(timeout=90)  # stderr, for the assertion messages
    return victim


def test_kill_9_then_rerun_stores_every_article_once(tmp_path, db_url):
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    with NewsSite(articles=many_articles(100), per_page=10) as site:
        crawl(site.url, reference)
        expected = content(exported(reference))
        public = sum(1 for a in site.articles if not a["private"])
        assert len(expected) == len(site.articles)

        cmd = crawl_cmd(site.url, db_url, **SLOW)
        victim = start_and_stop(cmd, db_url, signal.SIGKILL, at_least=20)
        assert victim.returncode == -signal.SIGKILL
        assert 0 < stored(db_url) < public, "the crawl should have been killed part-way"
        assert run_rows(db_url)[-1]["status"] == "running"  # a hard kill leaves its run open

        crawl(site.url, db_url, **SLOW)
    records = exported(db_url)
    assert len({r["url"] for r in records}) == len(records)
    assert content(records) == expected


def test_sigterm_stops_cleanly_and_keeps_what_was_fetched(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite(articles=many_articles(100), per_page=10) as site:
        cmd = crawl_cmd(site.url, db, **SLOW)
        victim = start_and_stop(cmd, db, signal.SIGTERM, at_least=20)
        public = sum(1 for a in site.articles if not a["private"])
        fetched = {h.path for h in site.requests() if h.status == 200} & article_paths(site)
        assert victim.returncode == 130, victim.log[-4000:]
        run = run_rows(db)[-1]
        assert run["status"] == "interrupted" and run["stats"]["finish_reason"] == "shutdown"
        kept = stored(db)
        assert 20 <= kept < public
        # Every article page it fetched, up to the stop, was stored.
        assert kept == len(fetched)

        crawl(site.url, db)
        assert stored(db) == public

"""A database that fails mid-crawl: the crawl stops, says so, and the next run finishes the job.

The failure is real: a SQLite trigger aborts every insert into articles once some are stored, as a
full disk or a revoked grant would.
"""

from __future__ import annotations

import subprocess

from sqlalchemy import text

from pipelines.storage.engine import create_schema, open_engine
from tests.conftest import ROOT
from tests.crawl_util import crawl, crawl_cmd, run_rows
from tests.fixtures.newssite import NewsSite
from tests.helpers import exported

STORED_BEFORE_FAILURE = 20  # articles; crawl_util's batches hold 20 items


def _sql(db: str, statement: str) -> None:
    engine = open_engine(db)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_a_failing_database_stops_the_crawl_and_the_next_run_completes_it(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    engine = open_engine(db)
    create_schema(engine)
    engine.dispose()
    _sql(db, f"""CREATE TRIGGER disk_full BEFORE INSERT ON articles
                 WHEN (SELECT count(*) FROM articles) >= {STORED_BEFORE_FAILURE}
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END""")
    with NewsSite() as site:
        done = subprocess.run(crawl_cmd(site.url, db), cwd=ROOT, capture_output=True, text=True, timeout=240)
        assert done.returncode == 1, done.stderr[-3000:]
        assert ("could not write 20 items to the database: IntegrityError: database or disk is full; "
                "stopping the crawl") in done.stderr
        assert "Traceback" not in done.stderr and "[SQL:" not in done.stderr, done.stderr[-3000:]
        assert "run 1 failed (store_failed)" in done.stdout
        (run,) = run_rows(db)
        assert run["status"] == "failed" and run["stats"]["finish_reason"] == "store_failed"
        assert run["stats"]["newscrawl/errors/store"] == 1
        # The batches written before the failure stay; the failed one left nothing half-written.
        stored = exported(db)
        assert 0 < len(stored) < STORED_BEFORE_FAILURE
        assert len({r["url"] for r in stored}) == len(stored)

        _sql(db, "DROP TRIGGER disk_full")  # the disk is freed
        crawl(site.url, db)
    records = exported(db)
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)) and set(urls) == {a["url"] for a in site.articles}
    assert [r["status"] for r in run_rows(db)] == ["failed", "finished"]

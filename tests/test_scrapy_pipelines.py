"""Scrapy runs the same ITEM_PIPELINES as an import: crawl a dump from a local HTTP server."""

import functools
import http.server
import subprocess
import sys
import threading

import pytest

from tests.conftest import LISTING_AND_PAGES, ROOT
from tests.helpers import content, exported, run_import


@pytest.fixture
def http_root(tmp_path):
    (tmp_path / "dump.txt").write_bytes(LISTING_AND_PAGES.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_crawl_stores_the_same_articles_as_an_import(http_root, db_url, sqlite_url):
    run_import(sqlite_url, LISTING_AND_PAGES)
    crawl = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "tests" / "fixtures" / "dump_spider.py"),
         "-a", f"url={http_root}/dump.txt", "-a", "site=peoples-daily",
         "-s", f"NEWSCRAWL_DB={db_url}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert "'newscrawl/dropped/placeholder': 1" in crawl.stderr
    assert "ScrapyDeprecationWarning" not in crawl.stderr
    records = exported(db_url)
    assert content(records) == content(exported(sqlite_url))
    assert all(s.startswith(f"{http_root}/dump.txt:") for r in records for s in r["sources"])

"""A slow database does not slow the crawl down in proportion: batches are written by a worker
thread while fetching goes on. Measured as a ratio within each run (no absolute timings): the time
the crawl spent waiting for the database against the time the database spent writing; the same
crawl with writes in the crawl's own thread shows the measure tells the two apart. (Page rates
themselves swing too much on a busy machine to compare; bench/crawl_speed.py measures those.)"""

from __future__ import annotations

from tests.crawl_util import crawl, run_rows
from tests.fixtures.newssite import NewsSite
from tests.helpers import content, exported
from tests.test_crawl_kill import many_articles

# Each batch of 10 items takes 20 ms more: in total most of the time the fetching takes. Up to 50
# batches may wait (500 items, as 4 batches of the default 500 would be a few thousand).
SLOW_DB = {"NEWSCRAWL_WRITE_DELAY": "0.02", "NEWSCRAWL_BATCH_SIZE": "10", "NEWSCRAWL_WRITE_QUEUE": "50",
           "DOWNLOAD_DELAY": "0.005", "CONCURRENT_REQUESTS_PER_DOMAIN": "2"}


def test_slow_writes_do_not_stall_the_crawl(tmp_path):
    threaded, blocking = f"sqlite:///{tmp_path / 'threaded.db'}", f"sqlite:///{tmp_path / 'blocking.db'}"
    with NewsSite(articles=many_articles(120), per_page=10) as site:
        crawl(site.url, threaded, **SLOW_DB)
        crawl(site.url, blocking, NEWSCRAWL_WRITE_THREAD="False", **SLOW_DB)
    fast, slow = run_rows(threaded)[-1]["stats"], run_rows(blocking)[-1]["stats"]
    # The same pages and the same articles either way.
    assert fast["response_received_count"] == slow["response_received_count"]
    assert content(exported(threaded)) == content(exported(blocking))
    for stats in (fast, slow):  # the database was slow: at least the added delay per batch
        batches = stats["item_scraped_count"] // int(SLOW_DB["NEWSCRAWL_BATCH_SIZE"])
        assert stats["newscrawl/store/write_seconds"] >= batches * float(SLOW_DB["NEWSCRAWL_WRITE_DELAY"])
    # Writing in the crawl's thread: every second of writing is a second the crawl stood still...
    assert slow["newscrawl/store/wait_seconds"] >= 0.9 * slow["newscrawl/store/write_seconds"]
    # ...in the worker thread, fetching went on meanwhile: the crawl hardly waited.
    assert fast.get("newscrawl/store/wait_seconds", 0) <= 0.2 * fast["newscrawl/store/write_seconds"]

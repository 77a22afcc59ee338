"""Two `newscrawl crawl` processes on one Redis queue (NEWSCRAWL_REDIS_URL) and one PostgreSQL
database: every page fetched once in total, every article stored once, both workers working; a
worker killed with SIGKILL loses the requests it had popped, and the next run fetches them from
the fetch log's frontier."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections import Counter
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.crawl_util import article_paths, crawl, crawl_cmd, paths, run_rows
from tests.fixtures.newssite import NewsSite
from tests.helpers import content, exported
from tests.test_crawl_kill import many_articles, stored

REDIS = os.environ.get("NEWSCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/15")
pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


@pytest.fixture
def redis_url():
    """Redis and a fresh key prefix for this test; in CI a missing server fails instead of skipping."""
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {REDIS}: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS} (set NEWSCRAWL_TEST_REDIS): {exc}")
    key = f"newscrawl-test-{uuid.uuid4().hex[:10]}"
    yield REDIS, key, client
    for k in client.scan_iter(f"{key}:*"):
        client.delete(k)
    client.close()


def worker_cmd(site, db: str, redis_url, name: str):
    url, key, _ = redis_url
    # Two requests at a time per worker (a worker takes from the queue what it can start soon) and
    # a short delay, so the crawl lasts long enough for the second worker to take its share.
    return crawl_cmd(site.url, db, NEWSCRAWL_REDIS_URL=url, NEWSCRAWL_REDIS_KEY=key, NEWSCRAWL_REDIS_IDLE="4",
                     NEWSCRAWL_REDIS_WORKER_TTL="3", DOWNLOAD_DELAY="0.1", CONCURRENT_REQUESTS="2",
                     USER_AGENT=f"newscrawl-test/{name}")


def start(cmd) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-4000:]
    assert "Traceback" not in err and "DeprecationWarning" not in err, err[-4000:]


def wait_for_queued(redis_url, worker: subprocess.Popen) -> None:
    """Until the run's queue holds requests (a sorted set: scrapy-redis's PriorityQueue)."""
    _, key, client = redis_url
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and worker.poll() is None:
        if any(client.zcard(k) for k in client.scan_iter(f"{key}:*:requests")):
            return
        time.sleep(0.02)
    pytest.fail("the first worker never queued a request")


def articles_by(site, worker: str) -> list[str]:
    hits = [h for h in site.requests() if h.headers.get("User-Agent") == f"newscrawl-test/{worker}"]
    return [p for p in paths(hits) if p in article_paths(site)]


def stored_paths(db: str) -> set[str]:
    return {urlsplit(r["url"]).path for r in exported(db) if r["status"] == "full"}


def test_two_workers_share_the_queue_and_fetch_each_page_once(db_url, redis_url):
    with NewsSite(articles=many_articles(100), per_page=10) as site:
        workers = [start(worker_cmd(site, db_url, redis_url, "one"))]
        # The second worker joins a queue that already holds requests (the path a late worker takes).
        wait_for_queued(redis_url, workers[0])
        workers.append(start(worker_cmd(site, db_url, redis_url, "two")))
        for w in workers:
            finish(w)
        fetched = Counter(p for p in paths(site.requests()) if p in article_paths(site))
        public = article_paths(site)
        by_worker = {name: articles_by(site, name) for name in ("one", "two")}
    assert set(fetched) == public
    assert max(fetched.values()) == 1, [p for p, n in fetched.items() if n > 1]
    assert all(by_worker.values()), {k: len(v) for k, v in by_worker.items()}

    records = exported(db_url)
    assert len({r["url"] for r in records}) == len(records)
    assert stored(db_url) == len(public)
    rows = run_rows(db_url)
    assert [r["status"] for r in rows] == ["finished", "finished"]
    pages = [r["stats"].get("newscrawl/pages/article", 0) for r in rows]
    assert all(pages) and sum(pages) == len(public)
    assert sum(bool(r["stats"]["newscrawl/redis/new_run"]) for r in rows) == 1  # one started the run, one joined
    _, key, client = redis_url
    assert list(client.scan_iter(f"{key}:*")) == []  # the last worker out cleared the run's keys


def test_kill_9_of_a_worker_then_the_next_run_fetches_what_it_held(tmp_path, db_url, redis_url):
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    with NewsSite(articles=many_articles(100), per_page=10) as site:
        crawl(site.url, reference)
        expected = content(exported(reference))
        public = article_paths(site)

        survivor = start(worker_cmd(site, db_url, redis_url, "survivor"))
        victim = start(worker_cmd(site, db_url, redis_url, "victim"))
        deadline = time.monotonic() + 60
        while len(articles_by(site, "victim")) < 5 and time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=60)
        assert victim.returncode == -signal.SIGKILL
        finish(survivor)
        # What the victim had popped (in flight, or fetched and not yet written) is nobody's now.
        lost = public - stored_paths(db_url)
        assert 0 < len(lost) < len(public), "the victim should have held some pages when it was killed"
        before = len(site.requests())

        # The next run (one worker) starts a new run on the queue and fetches them from the frontier.
        finish(start(worker_cmd(site, db_url, redis_url, "next")))
        again = {p for p in paths(site.requests()[before:]) if p in public}
    assert lost <= again
    rows = run_rows(db_url)
    assert rows[-1]["status"] == "finished" and rows[-1]["stats"]["newscrawl/redis/new_run"]
    records = exported(db_url)
    assert len({r["url"] for r in records}) == len(records)
    assert stored(db_url) == len(public)
    assert content(records) == expected

"""robots.txt: zero requests to disallowed URLs, however many start at once and whatever robots.txt answers.

Scrapy 2.19.0's own RobotsTxtMiddleware let disallowed start URLs through, and reads a robots.txt
that answers 500 or never answers as "allow everything"; newscrawl.middlewares.RobotsGate
replaces it (see newscrawl/settings.py).
"""

from __future__ import annotations

import pytest

from tests.crawl_util import crawl, paths, run_rows
from tests.fixtures.newssite import NewsSite

MANY = 20


@pytest.mark.parametrize("robots", ["ok", "500", "timeout"])
def test_no_request_to_a_disallowed_url_when_many_start_at_once(tmp_path, robots):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite(robots=robots, slow_seconds=5) as site:
        private = [a["url"] for a in site.articles if a["private"]]
        starts = (private * MANY)[:MANY] if len(private) < MANY else private[:MANY]
        starts = [f"{u}?n={n}" for n, u in enumerate(starts)]  # twenty distinct URLs, all disallowed
        crawl(starts[0], db, *starts[1:], CONCURRENT_REQUESTS="32", CONCURRENT_REQUESTS_PER_DOMAIN="32")
        log = site.requests()
    assert site.hits(site.disallowed_prefix) == 0
    assert paths(log, "/robots.txt"), "robots.txt was asked for"
    if robots != "ok":
        # Unreachable robots.txt (RFC 9309 2.3.1.4): nothing else on the host is fetched.
        assert set(paths(log)) == {"/robots.txt"}
        stats = run_rows(db)[-1]["stats"]
        assert stats["robotstxt/forbidden"] >= MANY
        assert stats["newscrawl/errors/robots"] == 1  # one host lost, counted once in the run's errors


def test_the_home_page_and_its_links_respect_robots(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite() as site:
        crawl(site.url, db, *[a["url"] for a in site.articles if a["private"]])
        assert site.hits(site.disallowed_prefix) == 0
        assert site.hits("/feed/") and site.hits("/post-sitemap.xml.gz")


@pytest.mark.parametrize(("asked", "cap"), [(0.4, "60"), (600, "0.4")])
def test_crawl_delay_is_the_least_gap_between_requests(tmp_path, asked, cap):
    """Crawl-delay holds with AutoThrottle on (it would shorten the gap); a huge one is capped."""
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite(crawl_delay=asked) as site:
        done = crawl(site.url, db, "--max-pages", "6", AUTOTHROTTLE_ENABLED="True", AUTOTHROTTLE_START_DELAY="0",
                     CONCURRENT_REQUESTS_PER_DOMAIN="8", NEWSCRAWL_MAX_CRAWL_DELAY=cap)
        arrivals = [h.at for h in site.requests()]
    assert len(arrivals) >= 6
    gaps = [b - a for a, b in zip(arrivals[1:], arrivals[2:])]  # after robots.txt itself
    assert min(gaps) >= 0.4 * 0.95, gaps  # a lower bound: a busy machine only widens the gaps
    assert run_rows(db)[-1]["stats"][f"newscrawl/crawl_delay/{site.url.split('//')[1]}"] == 0.4
    if asked > 0.4:
        assert "asks for a Crawl-delay of 600 s" in done.stderr

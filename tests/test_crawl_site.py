"""Crawling the fixture news site: the same articles as importing its dump; incremental re-runs.

Every crawl runs `newscrawl crawl` (or `scrapy crawl news`) in a subprocess against a NewsSite on
127.0.0.1, into a real database.
"""

from __future__ import annotations

import subprocess
import sys


from tests.conftest import ROOT, SEEDS
from tests.crawl_util import FAST, article_paths, crawl, paths, run_rows
from tests.fixtures.newssite import NewsSite
from tests.fixtures.newssite.server import SPECIAL_PATHS
from tests.helpers import exported, run_import

COMPARED = ("authors", "published_at", "categories", "status", "body")


def _by_url(db: str) -> dict[str, dict]:
    records = exported(db)
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)), "an article stored twice"
    return {r["url"]: r for r in records}


def test_crawl_gives_the_articles_of_an_import_of_the_dump(db_url, sqlite_url):
    run_import(sqlite_url, SEEDS, site="peoples-daily")
    imported = exported(sqlite_url)
    with NewsSite() as site:
        done = crawl(site.url, db_url)
        assert site.hits(site.disallowed_prefix) == 0
    crawled = _by_url(db_url)
    assert len(crawled) == len(imported) == len(site.articles)
    for a in site.articles:
        got = crawled[a["url"]]
        # The dump's own values (the site's `record`); titles are the pages' (the dump has few).
        assert {k: got[k] for k in COMPARED} == {k: a["record"][k] for k in COMPARED}, a["url"]
        assert got["title"] == a["title"]
        if a["private"]:
            # Behind robots.txt: known from listings and the feed only, as a teaser.
            assert got["status"] == "teaser" and got["body"] is None
        else:
            # Its listing teaser was merged into the page's article.
            assert got["teaser"] and got["body"].startswith(got["teaser"].removesuffix("[…]").split()[0])
            assert any(s == a["url"] for s in got["sources"]) and len(got["sources"]) > 1
    assert "errors: " in done.stdout  # the summary names them (the special pages)


def test_scrapy_crawl_news_works_the_same(tmp_path):
    db = f"sqlite:///{tmp_path / 'scrapy.db'}"
    with NewsSite() as site:
        sets = [x for k, v in FAST.items() for x in ("-s", f"{k}={v}")]
        done = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={site.url}/",
                               "-a", "site=peoples-daily", "-s", f"NEWSCRAWL_DB={db}", "-s", "LOG_LEVEL=INFO", *sets],
                              cwd=ROOT, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "DeprecationWarning" not in done.stderr
    records = _by_url(db)
    assert set(records) == {a["url"] for a in site.articles}
    assert all(r["site"] == "peoples-daily" for r in records.values())


def test_second_crawl_fetches_no_article_again_and_changes_nothing(db_url):
    db = db_url
    with NewsSite() as site:
        crawl(site.url, db)
        first = exported(db)
        fetched_once = [p for p in paths(site.requests()) if p in article_paths(site)]
        assert sorted(fetched_once) == sorted(article_paths(site)), "each article page once"
        site.reset_log()
        crawl(site.url, db)
        again = site.requests()
    assert not [p for p in paths(again) if p in article_paths(site)]
    assert site.hits(site.disallowed_prefix) == 0
    # Feeds, sitemaps, listings and the API were asked with validators and answered 304.
    conditional = [h for h in again if "If-None-Match" in h.headers]
    assert conditional and all(h.status == 304 for h in conditional)
    assert {p for p in paths(conditional)} >= {"/", "/feed/", "/sitemap_index.xml", "/post-sitemap.xml.gz",
                                                "/wp-json/wp/v2/posts", "/page/2/"}
    second = exported(db)
    assert [{k: v for k, v in r.items() if k != "last_seen"} for r in second] == \
           [{k: v for k, v in r.items() if k != "last_seen"} for r in first]
    runs = run_rows(db)
    assert [r["status"] for r in runs] == ["finished", "finished"]
    assert runs[1]["stats"]["newscrawl/pages/not_modified"] >= 6
    assert "newscrawl/items/full" not in runs[1]["stats"]


def test_added_and_edited_articles_are_fetched_and_updated_in_place(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite() as site:
        crawl(site.url, db)
        before = _by_url(db)
        edited = next(a for a in site.articles if not a["private"] and a["url"] not in site.special_urls.values())
        # A correction that leaves the story shorter: the page as it is now wins all the same.
        body = edited["body"].rsplit("\n\n", 1)[0].replace(" the ", " a ", 1)
        assert len(body) < len(edited["body"])
        site.edit_article(edited["url"], body=body, title="An updated headline")
        added = site.add_article({"title": "A brand new story", "body": "A new story begins here. " * 30,
                                  "authors": ["Ada Lovelace"], "date": "2025-08-01", "categories": ["World"]})
        site.reset_log()
        crawl(site.url, db)
        fetched = [p for p in paths(site.requests()) if p in article_paths(site)]
    assert sorted(fetched) == sorted([edited["path"], site.articles[0]["path"]])
    after = _by_url(db)
    assert set(after) == set(before) | {added}
    assert after[edited["url"]]["id"] == before[edited["url"]]["id"]
    assert after[edited["url"]]["body"] == body
    assert after[edited["url"]]["title"] == "An updated headline"
    assert after[added]["status"] == "full" and after[added]["authors"] == ["Ada Lovelace"]
    unchanged = [u for u in before if u != edited["url"]]
    # The others are as they were (new sightings aside: the listings shifted by one entry).
    volatile = {"last_seen": None, "sources": None}
    assert [after[u] | volatile for u in unchanged] == [before[u] | volatile for u in unchanged]


def test_errors_are_counted_and_the_crawl_goes_on(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite() as site:
        special = site.special_urls
        done = crawl(site.url, db, special["reset"], RETRY_TIMES="1")  # the reset page is linked from nowhere
        retried = paths(site.requests(), "/2024/03/01/")
    err = done.stderr
    for kind in ("500", "404", "timeout", "reset"):
        assert special[kind] in err, f"the {kind} page is logged with its URL"
    assert special["charset"] in err and "charset" in err
    stats = run_rows(db)[-1]["stats"]
    assert stats["newscrawl/errors/http_500"] == 1 and stats["newscrawl/errors/http_404"] == 1
    assert stats["newscrawl/errors/timeout"] == 1 and stats["newscrawl/errors/charset"] == 1
    assert stats["newscrawl/errors/reset"] == 1
    assert len(retried) == 2 and stats["retry/count"] == 3  # the 500, the timeout and the reset, once each
    records = _by_url(db)
    # The wrong-charset page and the malformed page are read right all the same.
    for kind in ("charset", "malformed"):
        page = records[special[kind]]
        article = next(a for a in site.articles if a["url"] == special[kind])
        assert page["status"] == "full" and page["body"] == article["record"]["body"]
    assert "â€" not in records[special["charset"]]["body"]
    # The redirect chain ends at an article that is stored once, under its canonical URL.
    assert len(records) == len(site.articles)


def test_a_page_that_keeps_failing_is_given_up(tmp_path):
    """The 500 page (and the one that always times out) is tried by each run until
    NEWSCRAWL_MAX_FAILURES fetches in a row failed."""
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    failing = SPECIAL_PATHS["500"]
    with NewsSite() as site:
        for _ in range(3):
            crawl(site.url, db, NEWSCRAWL_MAX_FAILURES="2")
        tries = paths(site.requests(), failing)
    assert len(tries) == 2, "fetched by the first two runs, given up by the third"
    stats = [r["stats"] for r in run_rows(db)]
    assert [s.get("newscrawl/errors/http_500", 0) for s in stats] == [1, 1, 0]
    assert [s.get("newscrawl/errors/timeout", 0) for s in stats] == [1, 1, 0]
    assert stats[2]["newscrawl/skipped/given_up"] == 2


def test_a_stopped_crawl_is_continued_by_the_next(tmp_path):
    """--max-pages stops early; what the stopped run found but did not fetch is fetched next time,
    though the listings that showed it now answer 304."""
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite() as site:
        crawl(site.url, db, "--max-pages", "6", CONCURRENT_REQUESTS="2")
        first = [p for p in paths(site.requests()) if p in article_paths(site)]
        crawl(site.url, db)
        second = [p for p in paths(site.requests()) if p in article_paths(site)]
    assert len(first) < len(article_paths(site))
    assert sorted(second) == sorted(article_paths(site)), "every article page fetched once over both runs"
    records = _by_url(db)
    assert set(records) == {a["url"] for a in site.articles}
    runs = run_rows(db)
    assert [r["status"] for r in runs] == ["stopped", "finished"]
    assert runs[0]["stats"]["finish_reason"] == "closespider_pagecount"
    assert runs[0]["args"]["max_pages"] == 6 and runs[0]["args"]["urls"] == [site.url]

"""A site that is no WordPress: no feed, no sitemap, no API, robots.txt missing (404): the spider
walks its listing pages and finds the articles all the same. The paths it tries for feeds and
sitemaps are no errors, links to other hosts are not followed, tracking parameters are dropped,
and a page over DOWNLOAD_MAXSIZE is counted and skipped."""

from __future__ import annotations

import http.server
import threading

import pytest

from tests.crawl_util import crawl, run_rows
from tests.helpers import exported

ARTICLE = """<html><head><title>{title}</title>
<link rel="canonical" href="/news/{slug}.html"></head><body>
<h1>{title}</h1><p class="byline">By {author}</p><time datetime="2025-03-0{n}">March {n}, 2025</time>
<div class="story">{body}</div><a href="https://elsewhere.example.com/news/a-story-far-away.html">Away</a>
</body></html>"""
LISTING = """<html><head><title>Plain News</title>{next}</head><body><h1>Plain News</h1>{entries}</body></html>"""
AUTHORS = ["Ana Silva", "Ben Okafor", "Chen Li", "Dana Weiss", "Emil Novak", "Fatima Noor"]
ENTRY = ('<div class="teaser"><h2><a href="/news/{slug}.html?utm_source=home">{title}</a></h2>'
         '<p>{lead} ...</p></div>')


def _pages() -> dict[str, str]:
    pages = {}
    entries = []
    for n in range(1, 7):
        slug = f"council-votes-on-item-number-{n}"
        title = f"Council votes on item number {n}"
        paras = [f"The council met on Monday to vote on item number {n}, which concerns the river bridge "
                 f"and the harbour road, and the vote was {n} to {9 - n} after a long debate." for _ in range(1)]
        paras += [f"Residents of district {n} spoke for and against the plan for an hour, paragraph {p}." for p in range(4)]
        body = "".join(f"<p>{p}</p>" for p in paras)
        pages[f"/news/{slug}.html"] = ARTICLE.format(title=title, slug=slug, author=AUTHORS[n - 1], n=n, body=body)
        entries.append(ENTRY.format(slug=slug, title=title, lead=" ".join(paras[0].split()[:20])))
    huge = "<p>" + "A page far larger than the crawl accepts. " * 3000 + "</p>"
    pages["/news/a-page-that-is-far-too-large.html"] = ARTICLE.format(
        title="Too large", slug="a-page-that-is-far-too-large", author="Ana Silva", n=9, body=huge)
    entries.append('<a href="/news/a-page-that-is-far-too-large.html">A page that is far too large</a>')
    pages["/"] = LISTING.format(next='<link rel="next" href="/archive?page=2">', entries="".join(entries[:3]))
    pages["/archive?page=2"] = LISTING.format(next="", entries="".join(entries[3:]))
    return pages


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.log.append(self.path)
        page = self.server.pages.get(self.path) or self.server.pages.get(self.path.split("?utm")[0])
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        body = (page or "<html><body>Not found</body></html>").encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def plain_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.pages, server.log = _pages(), []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_plain_site_is_crawled_through_its_listings(tmp_path, plain_site):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    url = f"http://127.0.0.1:{plain_site.server_address[1]}"
    done = crawl(url, db, DOWNLOAD_MAXSIZE="60000")
    records = {r["url"]: r for r in exported(db)}
    assert set(records) == {f"{url}/news/council-votes-on-item-number-{n}.html" for n in range(1, 7)}
    assert all(r["status"] == "full" for r in records.values())
    assert records[f"{url}/news/council-votes-on-item-number-2.html"]["authors"] == ["Ben Okafor"]
    # Each article page fetched once, without the listing's tracking parameter.
    articles = [p for p in plain_site.log if p.startswith("/news/council")]
    assert len(articles) == len(set(articles)) == 6 and not any("utm_" in p for p in articles)
    stats = run_rows(db)[-1]["stats"]
    # The page over DOWNLOAD_MAXSIZE is the one error; the guessed feed and sitemap paths are none.
    assert {k: v for k, v in stats.items() if k.startswith("newscrawl/errors/")} == {"newscrawl/errors/cancelled": 1}
    assert "a-page-that-is-far-too-large" in done.stderr
    assert {"/feed/", "/sitemap.xml"} <= set(plain_site.log)

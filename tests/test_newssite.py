"""The fixture news site serves what it claims: listings, pages, feed, sitemaps, API, special pages."""

from __future__ import annotations

import gzip
import html
import http.client
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pytest

from tests.conftest import SEEDS
from tests.fixtures.newssite import NewsSite, seed_articles
from tests.helpers import content, exported, run_import


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_PLAIN = urllib.request.build_opener(_NoRedirect)


def get(url: str, headers: dict | None = None, timeout: float = 10):
    """(status, headers, body bytes); redirects and error statuses are answers, not exceptions."""
    try:
        with _PLAIN.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


class _Paragraphs(HTMLParser):
    """Text of the <p> elements inside div.entry-content."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.paras: list[str] = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        if tag in ("div", "footer", "article", "main"):
            self.open = False
        if tag == "div" and ("class", "entry-content") in attrs:
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "p":
            self.paras.append("")
            self.open = True

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "p":
            self.open = False

    def handle_data(self, data):
        if self.depth and self.open:
            self.paras[-1] += data


def body_of(page: bytes) -> str:
    parser = _Paragraphs()
    parser.feed(page.decode("utf-8"))
    return "\n\n".join(p.strip() for p in parser.paras)


def entry_links(page: bytes) -> list[str]:
    return re.findall(r'<h2 class="entry-title"><a href="([^"]+)"', page.decode())


def next_link(page: bytes) -> str | None:
    m = re.search(r'<link rel="next" href="([^"]+)"', page.decode())
    return m.group(1) if m else None


@pytest.fixture(scope="module")
def site():
    with NewsSite(slow_seconds=5) as s:
        yield s


def test_seed_articles_are_the_imported_dumps(sqlite_url):
    run_import(sqlite_url, SEEDS, site="peoples-daily")
    articles = seed_articles()
    records = [a["record"] for a in articles]
    assert content(records) == content(exported(sqlite_url))
    assert len(articles) == 25
    # Both dumps, teaser-only stories and full pages alike.
    assert sum(r["status"] == "full" for r in records) == 10
    for a in articles:
        assert a["private"] == (a["record"]["body"] is None)
        assert a["authors"] == a["record"]["authors"]
        assert a["categories"] == a["record"]["categories"]
        assert a["date"] == a["record"]["published_at"]
    shown = {a["byline"]: a["date_shown"] for a in articles if a["date"]}
    assert shown["Correspondents of the People’s Daily newspaper Wang Zheng, Liu Wenxin."] == "24.10.2023"


def test_listings_paginate_through_every_article_once(site):
    seen, url, pages = [], site.url + "/", 0
    while url:
        status, _, page = get(url)
        assert status == 200
        seen += entry_links(page)
        url, pages = next_link(page), pages + 1
    assert pages == 5  # 25 articles, 5 a page
    assert seen == [a["url"] for a in site.articles]
    assert get(site.url + "/page/6/")[0] == 404


def test_category_listing_holds_its_articles(site):
    world = [a["url"] for a in site.articles if "World" in a["categories"]]
    seen, url = [], site.url + "/category/world/"
    while url:
        page = get(url)[2]
        seen += entry_links(page)
        url = next_link(page)
    assert seen == world and len(world) > site.per_page
    assert get(site.url + "/category/nonexistent/")[0] == 404


def test_listing_entry_shape(site):
    page = get(site.url + "/")[2].decode()
    assert page.count('<article id="post-') == 5
    # Category links run straight into the byline, as the dump's "WorldBy …" shows.
    assert re.search(r'rel="category tag">World</a></span><span class="byline author vcard">By ', page)
    assert page.count("[&hellip;]</p></div>") == 5
    assert '<link rel="alternate" type="application/rss+xml"' in page


def test_dates_show_as_the_dump_shows_them(site):
    page = get(site.url + "/page/4/")[2].decode()
    assert '<time class="entry-date published" datetime="2023-10-24">24.10.2023</time>' in page
    assert ('<span class="byline author vcard">Correspondents of the People’s Daily newspaper '
            'Wang Zheng, Liu Wenxin.</span>') in page


def test_article_pages_carry_the_dump_bodies(site):
    full = [a for a in site.articles if not a["private"]]
    assert len(full) == 10
    for a in full:
        status, headers, page = get(a["url"])
        assert status == 200
        if a["url"] != site.special_urls["malformed"]:
            assert body_of(page) == a["record"]["body"], a["url"]
        text = page.decode()
        assert f'<link rel="canonical" href="{a["url"]}">' in text
        assert f'<meta property="og:url" content="{a["url"]}">' in text
    with_ld = [a for a in full if "application/ld+json" in get(a["url"])[2].decode()]
    assert 0 < len(with_ld) < len(full)  # some pages have JSON-LD, some only the visible byline


def test_json_ld_names_the_authors(site):
    shapes = set()
    for a in site.articles:
        if not a["jsonld"] or a["private"]:
            continue
        page = get(a["url"])[2].decode()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        shapes.add("@graph" in data)
        (article,) = [d for d in data.get("@graph", [data]) if d["@type"] == "NewsArticle"]
        assert [p["name"] for p in article.get("author", [])] == a["authors"]
        assert article["url"] == a["url"] and article["headline"] == a["title"]
    assert shapes == {True, False}  # a plain object on some pages, an SEO plugin's @graph on others


def test_private_links_are_disallowed_by_robots(site):
    status, headers, body = get(site.url + "/robots.txt")
    robots = body.decode()
    assert status == 200 and "Disallow: /private/\n" in robots
    assert f"Sitemap: {site.url}/sitemap_index.xml" in robots
    private = [a for a in site.articles if a["private"]]
    assert private and all(urllib.parse.urlsplit(a["url"]).path.startswith(site.disallowed_prefix)
                           for a in private)


@pytest.mark.parametrize("path", ["/", "/page/2/", "/feed/", "/sitemap_index.xml", "/post-sitemap.xml.gz",
                                  "/wp-json/wp/v2/posts?per_page=5"])
def test_conditional_requests_answer_304(site, path):
    status, headers, body = get(site.url + path)
    assert status == 200 and body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, headers, body = get(site.url + path, {"If-None-Match": etag})
    assert (status, body) == (304, b"") and headers["ETag"] == etag
    assert get(site.url + path, {"If-Modified-Since": modified})[0] == 304
    assert get(site.url + path, {"If-None-Match": '"other"'})[0] == 200


def test_article_304_until_edited():
    with NewsSite() as site:
        a = next(a for a in site.articles if not a["private"])
        _, headers, _ = get(a["url"])
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert get(a["url"], {"If-None-Match": etag})[0] == 304
        site.edit_article(a["url"], body="A new first paragraph.\n\nAnd a second one.")
        status, headers, page = get(a["url"], {"If-None-Match": etag})
        assert status == 200 and headers["ETag"] != etag
        assert body_of(page) == "A new first paragraph.\n\nAnd a second one."
        assert get(a["url"], {"If-Modified-Since": modified})[0] == 200


def _sitemap_urls(site) -> dict[str, str]:
    status, headers, data = get(site.url + "/post-sitemap.xml.gz")
    assert status == 200 and data[:2] == b"\x1f\x8b"
    xml = gzip.decompress(data).decode()
    return dict(re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>", xml))


def test_sitemap_index_with_gzipped_child(site):
    index = get(site.url + "/sitemap_index.xml")[2].decode()
    assert f"<loc>{site.url}/post-sitemap.xml.gz</loc>" in index
    assert set(_sitemap_urls(site)) == {a["url"] for a in site.articles}
    news = get(site.url + "/news-sitemap.xml")[2].decode()
    assert "<news:publication_date>2023-10-25</news:publication_date>" in news


def test_added_and_edited_articles_show_everywhere():
    with NewsSite() as site:
        before = _sitemap_urls(site)
        url = site.add_article({"title": "A brand new story", "body": "First words of it.\n\nMore.",
                                "authors": ["Li Hua"], "categories": ["World"],
                                "date": "2025-08-01T09:30:00+08:00"})
        assert url.startswith(site.url + "/2025/08/01/a-brand-new-story")
        assert entry_links(get(site.url + "/")[2])[0] == url
        feed = get(site.url + "/feed/")[2].decode()
        assert feed.index(f"<link>{url}?utm_source=rss&amp;") < feed.index("<item>", feed.index("<item>") + 1)
        assert "<dc:creator><![CDATA[Li Hua]]></dc:creator>" in feed
        after = _sitemap_urls(site)
        assert set(after) - set(before) == {url}
        edited = before.keys().__iter__().__next__()
        site.edit_article(edited, title="Changed title")
        assert _sitemap_urls(site)[edited] > after[edited]
        assert "Changed title" in get(edited)[2].decode()


def test_feed_items(site):
    status, headers, body = get(site.url + "/feed/")
    feed = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    assert feed.count("<item>") == 10
    assert "[&#8230;]]]></description>" in feed
    assert "<category><![CDATA[World]]></category>" in feed


def test_wp_json_posts(site):
    public = [a for a in site.articles if not a["private"]]
    status, headers, body = get(site.url + "/wp-json/wp/v2/posts?page=2&per_page=4&_embed")
    posts = json.loads(body)
    assert status == 200
    assert (headers["X-WP-Total"], headers["X-WP-TotalPages"]) == (str(len(public)), "3")
    assert [p["link"] for p in posts] == [a["url"] for a in public[4:8]]
    first = public[4]
    assert [x["name"] for x in posts[0]["_embedded"]["author"]] == first["authors"]
    assert html.unescape(posts[0]["excerpt"]["rendered"]).rstrip().endswith("[…]</p>")
    assert posts[0]["content"]["rendered"].startswith("<p>")
    assert "_embedded" not in json.loads(get(site.url + "/wp-json/wp/v2/posts")[2])[0]
    assert get(site.url + "/wp-json/wp/v2/posts?page=9&per_page=4")[0] == 400


def test_special_pages(site):
    urls = site.special_urls
    home = get(site.url + "/")[2].decode()
    assert all(u in home for k, u in urls.items() if k not in ("redirect_target", "reset"))  # a crawl meets them
    assert get(urls["500"])[0] == 500
    assert get(urls["404"])[0] == 404

    hops, url = [], urls["redirect"]
    for _ in range(5):
        status, headers, _ = get(url)
        if status not in (301, 302):
            break
        hops.append(status)
        url = headers["Location"]
    assert len(hops) == 3 and status == 200
    assert url == urls["redirect_target"] and url in {a["url"] for a in site.articles}

    status, headers, body = get(urls["charset"])
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert "’" in body.decode("utf-8") and body != body.decode("latin-1").encode("utf-8")

    status, _, body = get(urls["malformed"])
    page = body.decode()
    content = page.split('<div class="entry-content">')[1]
    assert status == 200 and "</p>" not in content and "</html>" not in content
    article = next(a for a in site.articles if a["url"] == urls["malformed"])
    assert article["record"]["body"].split("\n\n")[0] in html.unescape(page)


def test_slow_page_and_robots_timeout(site):
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        get(site.special_urls["timeout"], timeout=0.2)
    site.robots = "timeout"
    try:
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            get(site.url + "/robots.txt", timeout=0.2)
        site.robots = "500"
        assert get(site.url + "/robots.txt")[0] == 500
    finally:
        site.robots = "ok"


def test_reset_page_drops_the_connection(site):
    assert site.special_urls["reset"] not in get(site.url + "/")[2].decode()
    with pytest.raises(ConnectionResetError):
        urllib.request.urlopen(site.special_urls["reset"], timeout=10)
    assert site.requests()[-1].status == 0


def test_slow_page_answers_after_its_wait():
    with NewsSite(slow_seconds=0.05) as site:
        status, _, body = get(site.special_urls["timeout"])
        assert status == 200 and b"<article" not in body


def test_request_log_counts_concurrent_requests():
    with NewsSite() as site:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: get(f"{site.url}/page/{1 + i % 5}/?n={i}"), range(40)))
        get(site.url + "/feed/", {"User-Agent": "probe"})
        log = site.requests()
        assert len(log) == 41 and site.hits("/page/") == 40
        assert all(h.status == 200 for h in log)
        assert log[-1].path == "/feed/" and log[-1].headers["User-Agent"] == "probe"
        site.reset_log()
        assert site.requests() == [] and site.hits("/") == 0


def test_close_ends_a_slow_answer():
    site = NewsSite(slow_seconds=600).start()
    outcome = []
    t = threading.Thread(target=lambda: outcome.append(_try_get(site.special_urls["timeout"])))
    t.start()
    for _ in range(3000):  # until the request is in (bounded: a broken site fails, not hangs)
        if site.hits("/2024/"):
            break
        threading.Event().wait(0.01)
    site.close()
    t.join(60)
    assert outcome and outcome[0] == "closed"


def _try_get(url):
    try:
        return get(url, timeout=120)[0]
    except (ConnectionError, urllib.error.URLError, http.client.HTTPException):
        return "closed"

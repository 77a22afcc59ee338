"""The spider's pure parts: feeds, sitemaps, robots.txt, the WordPress API, links (no network)."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone

import pytest

from newscrawl.extract.feeds import (FeedError, looks_like_feed, parse_feed, parse_sitemap, parse_stamp,
                                     parse_wp_posts, robots_sitemaps)
from newscrawl.extract.links import classify_url, normalize_url, page_links, wp_posts_url

BASE = "https://news.example.org/"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>News</title>
<item><title>First &amp; foremost</title><link>https://news.example.org/2025/07/01/first-story/</link>
<pubDate>Tue, 01 Jul 2025 08:30:00 +0800</pubDate><dc:creator><![CDATA[Cheng Chen]]></dc:creator>
<category><![CDATA[World]]></category>
<description><![CDATA[<p>At a time when some countries retreat, one <b>stays</b> [&#8230;]</p>]]></description></item>
<item><title>Relative</title><guid isPermaLink="true">/2025/07/02/second-story/</guid>
<author>desk@example.org (Li Jie)</author></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title type="html">Atom &lt;i&gt;story&lt;/i&gt;</title>
<link rel="alternate" href="https://news.example.org/a/atom-story-with-a-long-slug"/>
<link rel="enclosure" href="https://news.example.org/a.mp3"/>
<published>2025-07-01T10:00:00Z</published><updated>2025-07-03T12:00:00+02:00</updated>
<author><name>Ada Lovelace</name></author><category term="tech" label="Tech"/>
<summary>A summary of the story.</summary></entry>
</feed>"""


def test_rss_items_become_entries():
    first, second = parse_feed(RSS, BASE)
    assert first.url == "https://news.example.org/2025/07/01/first-story/"
    assert first.title == "First & foremost"
    assert first.text == "At a time when some countries retreat, one stays […]"
    assert first.date_raw == "Tue, 01 Jul 2025 08:30:00 +0800"
    assert first.authors == ["Cheng Chen"] and first.categories == ["World"]
    # A permalink guid stands in for <link>; RSS <author> is "mail (Name)".
    assert second.url == "https://news.example.org/2025/07/02/second-story/"
    assert second.authors == ["Li Jie"] and second.text == ""


def test_atom_entries():
    (entry,) = parse_feed(ATOM)
    assert entry.url == "https://news.example.org/a/atom-story-with-a-long-slug"
    assert entry.title == "Atom story"
    assert entry.date_raw == "2025-07-01T10:00:00Z" and entry.modified_raw == "2025-07-03T12:00:00+02:00"
    assert entry.authors == ["Ada Lovelace"] and entry.categories == ["Tech"]
    assert looks_like_feed(ATOM) and looks_like_feed(RSS) and not looks_like_feed(b"<html><body>")


def test_xml_entities_are_not_expanded():
    """No entity expansion, no external entities, no network: a billion laughs and XXE do nothing."""
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&c;</title><link>https://news.example.org/x</link>
<description>&xxe;</description></item></channel></rss>"""
    (entry,) = parse_feed(laughs)
    assert "aaaa" not in (entry.title or "") and "root:" not in entry.text


def test_not_a_feed():
    with pytest.raises(FeedError):
        parse_feed(b"<html><body>Hello</body></html>")
    with pytest.raises(FeedError):
        parse_feed(b"")


def test_sitemap_index_urlset_gzip_and_news():
    index = parse_sitemap(b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.org/post-sitemap.xml.gz</loc><lastmod>2025-07-15T08:00:00+00:00</lastmod></sitemap>
</sitemapindex>""")
    assert index.kind == "index" and index.urls[0].url.endswith("post-sitemap.xml.gz")
    urlset = gzip.compress(b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.org/2025/07/01/first-story/</loc><lastmod>2025-07-15</lastmod>
<news:news><news:publication_date>2025-07-01T08:00:00+08:00</news:publication_date>
<news:title>First</news:title></news:news></url><url><loc></loc></url></urlset>""")
    sitemap = parse_sitemap(urlset)
    assert sitemap.kind == "urlset" and len(sitemap.urls) == 1
    (u,) = sitemap.urls
    assert (u.lastmod, u.news_date, u.news_title) == ("2025-07-15", "2025-07-01T08:00:00+08:00", "First")
    with pytest.raises(FeedError):
        parse_sitemap(b"\x1f\x8b\x08\x00garbage")


def test_robots_sitemap_lines():
    text = "User-agent: *\nDisallow: /private/\nSitemap: /sitemap_index.xml  # ours\nsitemap: https://cdn.example.org/s.xml\n"
    assert robots_sitemaps(text, "https://news.example.org/robots.txt") == [
        "https://news.example.org/sitemap_index.xml", "https://cdn.example.org/s.xml"]


def test_wordpress_posts():
    posts = json.dumps([{
        "link": "https://news.example.org/2025/07/01/first-story/", "date_gmt": "2025-06-30T16:00:00",
        "modified_gmt": "2025-07-15T08:00:00", "title": {"rendered": "First &#8220;story&#8221;"},
        "excerpt": {"rendered": "<p>At a time when [&hellip;]</p>\n"},
        "_embedded": {"author": [{"name": "Cheng Chen"}],
                      "wp:term": [[{"name": "World", "taxonomy": "category"}], [{"name": "climate", "taxonomy": "post_tag"}]]},
    }, {"no": "link"}])
    (post,) = parse_wp_posts(posts)
    assert post.title == "First “story”" and post.text == "At a time when […]"
    assert post.date_raw == "2025-06-30T16:00:00Z" and post.modified_raw == "2025-07-15T08:00:00Z"
    assert post.authors == ["Cheng Chen"] and post.categories == ["World"]
    with pytest.raises(FeedError):
        parse_wp_posts(b'{"code": "rest_post_invalid_page_number"}')


def test_stamps_are_utc():
    assert parse_stamp("2025-07-15T10:00:00+02:00") == datetime(2025, 7, 15, 8, tzinfo=timezone.utc)
    assert parse_stamp("Tue, 15 Jul 2025 08:00:00 GMT") == datetime(2025, 7, 15, 8, tzinfo=timezone.utc)
    assert parse_stamp("2025-07-15") == datetime(2025, 7, 15, tzinfo=timezone.utc)
    assert parse_stamp("yesterday") is None and parse_stamp(None) is None


@pytest.mark.parametrize("url, kind", [
    ("https://news.example.org/", "listing"),
    ("https://news.example.org/category/world/", "listing"),
    ("https://news.example.org/category/world/page/3/", "listing"),
    ("https://news.example.org/news?page=2", "listing"),
    ("https://news.example.org/2025/07/01/first-story/", "article"),
    ("https://news.example.org/world/china-builds-a-new-railway-to-the-west", "article"),
    ("https://news.example.org/n3/2025/0701/c90000-20335012.html", "article"),
    ("https://news.example.org/wp-admin/", "skip"),
    ("https://news.example.org/feed/", "skip"),
    ("https://news.example.org/image.jpg", "skip"),
    ("https://news.example.org/about/", "other"),
])
def test_classify_url(url, kind):
    assert classify_url(url) == kind


def test_normalize_url():
    assert normalize_url("HTTPS://News.Example.org:443/a/b/?utm_source=x&id=3&fbclid=y#top") == \
        "https://news.example.org/a/b/?id=3"
    assert normalize_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"


def test_page_links():
    html = """<html><head>
<link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="alternate" type="application/rss+xml" href="/comments/feed/">
<link rel="https://api.w.org/" href="https://news.example.org/wp-json/">
<link rel="next" href="/page/2/?utm_campaign=x"></head><body>
<a href="/2025/07/01/first-story/">One</a><a href="/2025/07/01/first-story/#comments">Again</a>
<a href="/category/world/">World</a><a href="https://elsewhere.example.com/2025/07/01/story/">Away</a>
<a href="/wp-login.php">Log in</a><a href="mailto:desk@example.org">Mail</a></body></html>"""
    links = page_links(html, BASE, ("news.example.org",))
    assert links.feeds == ["https://news.example.org/feed/"]
    assert links.api == "https://news.example.org/wp-json/"
    assert links.next == "https://news.example.org/page/2/"
    assert links.articles == ["https://news.example.org/2025/07/01/first-story/"]
    assert links.listings == ["https://news.example.org/category/world/"]
    assert wp_posts_url(links.api, 3) == "https://news.example.org/wp-json/wp/v2/posts?_embed=1&per_page=100&page=3"

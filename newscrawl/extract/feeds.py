"""Feeds, sitemaps, robots.txt and the WordPress REST API: bytes in, plain records out.

Pure (no Scrapy, no SQLAlchemy). XML is parsed without entity expansion, DTD loading or network
access, and with lxml's default size limits (huge_tree off): a feed cannot make us fetch or
expand anything. Dates stay as found (`*_raw`); `parse_stamp` turns the machine-readable stamps
that drive incremental crawls (sitemap lastmod, feed/API modified dates) into UTC datetimes.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from lxml import etree

from newscrawl.extract.dom import parse_html, text_of
from newscrawl.extract.urls import absolute

MAX_GUNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit for one file


class FeedError(ValueError):
    """Not a feed / sitemap / API answer we can read."""


@dataclass
class Entry:
    """One entry of a feed or of the WordPress posts API: an article as the index shows it."""

    url: str | None
    title: str | None = None
    text: str = ""  # the summary / excerpt as plain text ("" when none)
    date_raw: str | None = None
    modified_raw: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


@dataclass
class SitemapUrl:
    url: str
    lastmod: str | None = None
    news_date: str | None = None  # <news:publication_date>
    news_title: str | None = None


@dataclass
class Sitemap:
    kind: str  # "index" (lists sitemaps) or "urlset" (lists pages)
    urls: list[SitemapUrl]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           recover=True, remove_comments=True, remove_pis=True)


def _xml(body: bytes) -> etree._Element:
    body = gunzip(body)
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not XML: {exc}") from exc
    if root is None:
        raise FeedError("not XML: empty document")
    return root


def gunzip(body: bytes) -> bytes:
    """The body itself, or its gunzipped content when it is gzip (sitemap.xml.gz), size-capped."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, MAX_GUNZIPPED + 1)
    except zlib.error as exc:
        raise FeedError(f"bad gzip data: {exc}") from exc
    if len(out) > MAX_GUNZIPPED:
        raise FeedError(f"gunzipped body exceeds {MAX_GUNZIPPED} bytes")
    return out


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(el, name: str) -> list:
    return [c for c in el if _local(c) == name]


def _child_text(el, *names: str) -> str | None:
    for name in names:
        for c in _children(el, name):
            value = (c.text or "").strip()
            if value:
                return value
    return None


def html_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (a feed description, an API excerpt); paragraphs by blank lines."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return text_of(fragment)
    tree = parse_html(f"<div>{fragment}</div>")
    if tree is None:
        return ""
    paras = [t for p in tree.iter("p") if (t := text_of(p))]
    return "\n\n".join(paras) if paras else text_of(tree)


# -- feeds -------------------------------------------------------------------------------------


def looks_like_feed(body: bytes) -> bool:
    """Whether a body (served under any content type) starts like RSS, RDF or Atom."""
    head = body[:2048]
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:RDF"))


def parse_feed(body: bytes, base: str | None = None) -> list[Entry]:
    """Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order."""
    root = _xml(body)
    kind = _local(root)
    if kind == "feed":
        return [_atom_entry(e, base) for e in _children(root, "entry")]
    if kind == "rss":
        channels = _children(root, "channel")
        items = [i for ch in channels for i in _children(ch, "item")]
    elif kind == "rdf":
        items = _children(root, "item")
    else:
        raise FeedError(f"not a feed: root element <{kind}>")
    return [_rss_item(i, base) for i in items]


def _rss_item(item, base) -> Entry:
    link = _child_text(item, "link")
    if not link:
        for guid in _children(item, "guid"):
            if (guid.get("isPermaLink") or "true").lower() == "true" and (guid.text or "").strip():
                link = guid.text.strip()
    authors = [_rss_author(a.text) for a in item if _local(a) in ("creator", "author") and (a.text or "").strip()]
    return Entry(
        url=absolute(link, base),
        title=html_text(_child_text(item, "title")) or None,
        text=html_text(_child_text(item, "description", "summary")),
        date_raw=_child_text(item, "pubdate", "date", "issued"),
        modified_raw=_child_text(item, "updated", "modified"),
        authors=[a for a in authors if a],
        categories=[text_of(c.text) for c in _children(item, "category") if (c.text or "").strip()],
    )


def _rss_author(value: str) -> str:
    # RSS 2.0 <author> is "mail@example.org (Name)"; dc:creator is the name itself.
    value = value.strip()
    if "@" in value and "(" in value and value.endswith(")"):
        return value[value.index("(") + 1 : -1].strip()
    return "" if "@" in value and " " not in value else value


def _atom_entry(entry, base) -> Entry:
    link = None
    for el in _children(entry, "link"):
        if (el.get("rel") or "alternate") == "alternate" and el.get("href"):
            link = el.get("href")
            break
    authors = [name for a in _children(entry, "author") if (name := _child_text(a, "name"))]
    summary = next((c for c in _children(entry, "summary")), None)
    return Entry(
        url=absolute(link, base),
        title=html_text(_child_text(entry, "title")) or None,
        text=html_text(summary.text if summary is not None else None),
        date_raw=_child_text(entry, "published", "issued", "updated"),
        modified_raw=_child_text(entry, "updated", "modified"),
        authors=authors,
        categories=[c.get("label") or c.get("term") for c in _children(entry, "category") if c.get("label") or c.get("term")],
    )


# -- sitemaps and robots.txt -------------------------------------------------------------------


def parse_sitemap(body: bytes, base: str | None = None) -> Sitemap:
    """A sitemap index or urlset (plain or gzipped), with lastmod and news-sitemap fields."""
    root = _xml(body)
    kind = _local(root)
    if kind == "sitemapindex":
        return Sitemap("index", [SitemapUrl(loc, _child_text(s, "lastmod"))
                                 for s in _children(root, "sitemap") if (loc := _loc(s, base))])
    if kind != "urlset":
        raise FeedError(f"not a sitemap: root element <{kind}>")
    urls = []
    for u in _children(root, "url"):
        loc = _loc(u, base)
        if not loc:
            continue
        news = next(iter(_children(u, "news")), None)
        urls.append(SitemapUrl(
            loc, _child_text(u, "lastmod"),
            news_date=_child_text(news, "publication_date") if news is not None else None,
            news_title=_child_text(news, "title") if news is not None else None,
        ))
    return Sitemap("urlset", urls)


def _loc(el, base) -> str | None:
    return absolute(_child_text(el, "loc"), base)


def robots_sitemaps(text: str, base: str | None = None) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, as absolute URLs."""
    out = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and (url := absolute(value.split("#", 1)[0].strip(), base)):
            out.append(url)
    return out


# -- WordPress REST API ------------------------------------------------------------------------


def parse_wp_posts(body: bytes | str) -> list[Entry]:
    """Posts of /wp-json/wp/v2/posts (with ?_embed for author and category names).

    Dates come as *_gmt (UTC without an offset), so they get one here; titles and excerpts are
    HTML. Only the excerpt is used: the page itself gives the full body (see the spider).
    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not JSON: {exc}") from exc
    if not isinstance(data, list):
        raise FeedError("not a list of posts")
    return [_wp_post(p) for p in data if isinstance(p, dict) and isinstance(p.get("link"), str)]


def _wp_post(post: dict) -> Entry:
    embedded = post.get("_embedded") if isinstance(post.get("_embedded"), dict) else {}
    authors = [a["name"] for a in embedded.get("author") or () if isinstance(a, dict) and a.get("name")]
    categories = [t["name"] for group in embedded.get("wp:term") or () if isinstance(group, list)
                  for t in group if isinstance(t, dict) and t.get("taxonomy") == "category" and t.get("name")]
    return Entry(
        url=post["link"],
        title=html_text(_rendered(post.get("title"))) or None,
        text=html_text(_rendered(post.get("excerpt"))),
        date_raw=_gmt(post.get("date_gmt")) or post.get("date"),
        modified_raw=_gmt(post.get("modified_gmt")) or post.get("modified"),
        authors=authors,
        categories=categories,
    )


def _rendered(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else None


def _gmt(value) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value if value.endswith("Z") or "+" in value[10:] else value + "Z"


# -- stamps ------------------------------------------------------------------------------------


def parse_stamp(value: str | None) -> datetime | None:
    """A machine-readable date (ISO 8601 / W3C, or RFC 822 as in RSS) as an aware UTC datetime.

    Only for change detection; publication dates go through pipelines.dates like every source's.
    A stamp without a zone is taken as UTC; None when unreadable.
    """
    if not value:
        return None
    value = value.strip()
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc)


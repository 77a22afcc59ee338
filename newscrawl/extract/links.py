"""Links of a page: which are feeds, the next page, articles or listings. Pure (lxml only).

The kinds decide what a crawl follows: articles are fetched once (and again only when a feed,
sitemap or API says they changed), listings are walked with conditional requests, everything
else is ignored. The rules are URL shapes common to news sites and WordPress; they only steer
the crawl, since each fetched page's own markup decides whether it is an article (page_items).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from newscrawl.extract.dom import parse_html
from newscrawl.extract.urls import absolute, date_in_url
from pipelines.urls import canonical_url

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml"}
_SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp[34]|m4a|mov|avi|css|js|json|xml|rss|txt)$", re.I)
_SKIP_PATH = re.compile(r"/(wp-admin|wp-login\.php|wp-json|xmlrpc\.php|comments?|feed|trackback|cart|login|"
                        r"signin|subscribe|share|print|search)(/|$)", re.I)
_LISTING_PATH = re.compile(r"/(category|categories|tag|tags|topics?|section|sections|author|archives?)(/|$)"
                           r"|/page/\d+/?$", re.I)
_ARTICLE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.s?html?)?$", re.I)  # four words or more
_ARTICLE_ID = re.compile(r"(?:^|[/_-])\d{5,}(?:\.s?html?)?$|\.s?html?$", re.I)
_PAGE_QUERY = re.compile(r"^(page|paged|p|pg)$", re.I)


def normalize_url(url: str) -> str:
    """The URL as the crawl keys it: the one form the pipelines store (pipelines.urls)."""
    return canonical_url(url) or url


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def classify_url(url: str) -> str:
    """"article", "listing", "skip" (never worth fetching as a page) or "other", by the URL's shape."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if _SKIP_EXT.search(path) or _SKIP_PATH.search(path):
        return "skip"
    if path == "/" and not parts.query:
        return "listing"  # a home page
    if _LISTING_PATH.search(path) or any(_PAGE_QUERY.match(k) for k, _ in parse_qsl(parts.query)):
        return "listing"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if date_in_url(url) and last and not last.isdigit():
        return "article"
    if _ARTICLE_SLUG.search(last) or _ARTICLE_ID.search(last):
        return "article"
    return "other"


@dataclass
class Links:
    feeds: list[str]  # declared RSS/Atom feeds
    api: str | None  # WordPress REST API root (<link rel="https://api.w.org/">)
    next: str | None  # the next page of a paginated listing
    articles: list[str]
    listings: list[str]


def page_links(html: str, base: str, hosts: tuple[str, ...] | set[str] = ()) -> Links:
    """What a crawl may follow from a page: links on the given hosts only (all when none given)."""
    return links_from_tree(parse_html(html), base, hosts)


def links_from_tree(tree, base: str, hosts: tuple[str, ...] | set[str] = ()) -> Links:
    """page_links on a parsed page (the tree page_items read: the spider parses a page once);
    None, an empty page, has none."""
    out = Links([], None, None, [], [])
    if tree is None:
        return out
    base = _base_href(tree, base)
    seen: set[str] = set()
    for link in tree.iter("link", "a"):
        href = absolute(link.get("href"), base)
        if not href:
            continue
        rel = (link.get("rel") or "").lower().split()
        if link.tag == "link":
            kind = (link.get("type") or "").split(";")[0].strip().lower()
            if "alternate" in rel and kind in FEED_TYPES and not _is_comment_feed(href):
                out.feeds.append(normalize_url(href))
            elif "https://api.w.org/" in rel:
                out.api = href
            elif "next" in rel and out.next is None:
                out.next = normalize_url(href)
            continue
        url = normalize_url(href)
        if "next" in rel or "next" in (link.get("class") or "").split():
            out.next = out.next or url
        if url in seen or (hosts and not on_hosts(url, hosts)):
            continue
        seen.add(url)
        kind = classify_url(url)
        if kind == "article":
            out.articles.append(url)
        elif kind == "listing":
            out.listings.append(url)
    if out.next and hosts and not on_hosts(out.next, hosts):
        out.next = None
    return out


def _base_href(tree, base: str) -> str:
    for el in tree.iter("base"):
        if href := absolute(el.get("href"), base):
            return href
    return base


def _is_comment_feed(url: str) -> bool:
    return "/comments/" in urlsplit(url).path


def on_hosts(url: str, hosts) -> bool:
    """Whether the URL's host is one of hosts or a subdomain of one."""
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in hosts)


def guessed_feeds(home: str) -> list[str]:
    """The usual feed paths of a site, tried when its pages declare none."""
    root = f"{urlsplit(home).scheme}://{urlsplit(home).netloc}"
    return [f"{root}/feed/", f"{root}/rss", f"{root}/atom.xml"]


def guessed_sitemaps(home: str) -> list[str]:
    """The usual sitemap paths, tried when robots.txt names none."""
    root = f"{urlsplit(home).scheme}://{urlsplit(home).netloc}"
    return [f"{root}/sitemap.xml", f"{root}/sitemap_index.xml"]


def wp_posts_url(api_root: str, page: int = 1, per_page: int = 100) -> str:
    """The posts endpoint of a WordPress REST API root, with authors and terms embedded."""
    root = api_root if api_root.endswith("/") else api_root + "/"
    return f"{root}wp/v2/posts?_embed=1&per_page={per_page}&page={page}"

"""The generic news spider: feeds, sitemaps, the WordPress API and listings lead to article pages.

    scrapy crawl news -a url=https://example.org/          # a bare site (or several, comma-separated)
    scrapy crawl news -a site=KEY                          # start URLs and conventions of seeds/sites.toml
    scrapy crawl news -a url=http://127.0.0.1:8000/ -a site=KEY   # a copy of a known site

A thin shell: parsing lives in newscrawl.extract (page_items for HTML pages, feeds for XML and
JSON, links for what to follow); storage in pipelines.storage. What the spider decides itself is
what to fetch, from the fetch log (pipelines.storage.pages) loaded at the start:
- article pages are fetched once; again only when a sitemap lastmod, a feed or API date or the
  page's own dateModified is newer than the one recorded when it was fetched;
- feeds, sitemaps, listings and API pages are fetched with If-None-Match / If-Modified-Since;
  after a 304 the listing's recorded next page is still walked;
- article links shown but not fetched yet (a killed run, --max-pages, a 5xx) are the frontier,
  fetched by the next run whatever the listings answer.
Every request has an errback: failures are logged with the URL, counted as
newscrawl/errors/<kind>, and the crawl goes on.

WordPress API posts give teaser items (clean dates, author names, categories, the excerpt) and
change stamps (modified_gmt); their content.rendered is not used as the body: the article page is
fetched anyway for its canonical URL and byline, and one extraction path (page_items) gives the
same result as reading the page from a saved file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy import exceptions
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_error

from newscrawl.extract import Page, page_items
from newscrawl.extract.charset import decode_html, header_charset
from newscrawl.extract.feeds import FeedError, parse_feed, parse_sitemap, parse_stamp, parse_wp_posts, robots_sitemaps
from newscrawl.extract.links import (classify_url, guessed_feeds, guessed_sitemaps, host_of, links_from_tree,
                                     normalize_url, on_hosts, wp_posts_url)
from newscrawl.extract.page import listing_teasers, teaser_items
from newscrawl.items import ArticleItem
from newscrawl.middlewares import robots_fetched
from newscrawl.sites import Site, load_sites, site_for_url
from pipelines.storage.engine import open_engine, utcnow
from pipelines.storage.pages import PageRecord, PageState, load_pages

logger = logging.getLogger(__name__)

PRIORITY = {"sitemap": 30, "feed": 30, "wpjson": 20, "listing": 10, "start": 10, "article": 0}
DONE = {200, 404, 410}  # article pages not fetched again (unless changed): stored, or gone
NOT_MODIFIED = 304
# Failures without a response, by the stats key they are counted under (newscrawl/errors/<key>).
NETWORK_ERRORS = (
    ("timeout", (exceptions.DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError)),
    ("dns", (exceptions.CannotResolveHostError, net_error.DNSLookupError)),
    ("refused", (exceptions.DownloadConnectionRefusedError, net_error.ConnectionRefusedError)),
    ("cancelled", (exceptions.DownloadCancelledError,)),  # e.g. larger than DOWNLOAD_MAXSIZE
    ("reset", (exceptions.DownloadFailedError, exceptions.ResponseDataLossError, net_error.ConnectionLost,
               net_error.ConnectionDone, net_error.ConnectError)),
)


@dataclass(frozen=True)
class Target:
    key: str  # the site key items carry: from sites.toml, else the host
    site: Site | None
    selectors: dict | None


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, url: str | None = None, site: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.url_args = _split(url)
        self.site_args = _split(site)
        self.run_args = {"urls": self.url_args, "sites": self.site_args}  # for the runs row
        if not self.url_args and not self.site_args:
            raise ValueError("give -a url=URL[,URL...] and/or -a site=KEY[,KEY...]")

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # A contact given on the command line (-s NEWSCRAWL_CONTACT=...) goes into the user agent,
        # unless USER_AGENT itself was given there too.
        contact = settings.get("NEWSCRAWL_CONTACT")
        priority = settings.getpriority("NEWSCRAWL_CONTACT") or 0
        if contact and priority > (settings.getpriority("USER_AGENT") or 0):
            settings.set("USER_AGENT", f"{settings.get('NEWSCRAWL_AGENT', 'newscrawl')} (+{contact})", priority=priority)
        # The shared queue of a distributed crawl: scrapy-redis's scheduler and duplicate filter.
        if redis_url := settings.get("NEWSCRAWL_REDIS_URL"):
            from newscrawl.distributed import redis_settings

            settings.setdict(redis_settings(redis_url), priority="spider")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(crawler.settings)
        crawler.signals.connect(spider.on_robots, signal=robots_fetched)
        return spider

    # -- configuration -------------------------------------------------------------------------

    def setup(self, settings) -> None:
        sites = load_sites(settings.get("NEWSCRAWL_SITES_FILE"))
        unknown = [k for k in self.site_args if k not in sites]
        if unknown:
            raise ValueError(f"unknown site {', '.join(unknown)}; sites.toml knows: {', '.join(sorted(sites)) or 'none'}")
        self.db_url = settings.get("NEWSCRAWL_DB")
        self.max_hops = settings.getint("NEWSCRAWL_LINK_HOPS", 3)
        self.max_failures = settings.getint("NEWSCRAWL_MAX_FAILURES", 5)
        chosen = [sites[k] for k in self.site_args]
        self.targets: dict[str, Target] = {}  # host -> conventions
        self.start_urls = []
        if self.url_args:
            for url in self.url_args:
                site = chosen[0] if len(chosen) == 1 else site_for_url(sites, url)
                self._add_target(normalize_url(url), site)
        else:
            for site in chosen:
                urls = start_urls(site)
                if not urls:
                    raise ValueError(f"site {site.key!r} has neither start_urls nor hosts in sites.toml; give -a url=")
                for url in urls:
                    self._add_target(normalize_url(url), site)
        self.seen: set[str] = set()  # URLs requested this run
        self.fetched: set[str] = set()  # article pages fetched this run
        self.stamps: dict[str, datetime] = {}  # newest change stamp seen this run, by URL
        self.probed: set[str] = set()  # hosts whose usual feed paths were tried
        self.known: dict[str, PageState] = {}

    def _add_target(self, url: str, site: Site | None) -> None:
        host = host_of(url)
        self.start_urls.append(url)
        key = site.key if site else host
        target = Target(key, site, dict(site.selectors) if site and site.selectors else None)
        for h in (host, *(site.hosts if site else ())):
            self.targets.setdefault(h, target)

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(self.targets)

    def target(self, url: str) -> Target | None:
        host = host_of(url)
        return self.targets.get(host) or next((t for h, t in self.targets.items() if host.endswith("." + h)), None)

    # -- start: the start URLs, then what the fetch log knows ------------------------------------

    async def start(self):
        engine = open_engine(self.db_url)
        try:
            self.known = load_pages(engine, set(self.hosts))
        finally:
            engine.dispose()
        requests = [self.request(url, "start", hops=0) for url in self.start_urls]
        next_pages = {s.next_url for s in self.known.values() if s.next_url}
        for url, state in self.known.items():
            if state.kind in ("feed", "sitemap", "wpjson", "listing"):
                if url not in next_pages and (state.status is None or state.status in (200, NOT_MODIFIED)):
                    requests.append(self.request(url, state.kind, hops=1, **_api_meta(url, state.kind)))
            elif state.kind == "article" and state.status not in DONE:
                if self.given_up(state):
                    self.crawler.stats.inc_value("newscrawl/skipped/given_up")
                else:
                    requests.append(self.request(url, "article", hops=self.max_hops))
        for request in requests:
            if request is not None:
                yield request

    # -- requests --------------------------------------------------------------------------------

    def request(self, url: str, kind: str, *, hops: int, stamp: datetime | None = None, **meta):
        """A request for url (None when it was requested already this run)."""
        if url in self.seen:
            return None
        self.seen.add(url)
        headers = {}
        state = self.known.get(url)
        if kind != "article" and state is not None and state.status in (200, NOT_MODIFIED):
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        callback = {"feed": self.parse_feed, "sitemap": self.parse_sitemap, "wpjson": self.parse_wp}.get(kind, self.parse_page)
        return scrapy.Request(url, callback=callback, errback=self.on_error, headers=headers,
                              priority=PRIORITY.get(kind, 0),
                              meta={"kind": kind, "hops": hops, "stamp": stamp, "url": url,
                                    "handle_httpstatus_list": [NOT_MODIFIED], **meta})

    def want_article(self, url: str, stamp: datetime | None) -> bool:
        """Whether to fetch an article page: never fetched, or changed since (by its stamp)."""
        if stamp is not None and (old := self.stamps.get(url)) is not None and old >= stamp:
            stamp = None
        if stamp is not None:
            self.stamps[url] = stamp
        if url in self.seen:
            return False
        state = self.known.get(url)
        if state is None or (state.status not in DONE and not self.given_up(state)):
            return True
        return stamp is not None and state.lastmod is not None and stamp > state.lastmod

    def given_up(self, state: PageState) -> bool:
        """A page that failed NEWSCRAWL_MAX_FAILURES fetches in a row (0: never give up)."""
        return 0 < self.max_failures <= state.failures and state.error is not None

    def follow_articles(self, urls, stamps: dict | None, hops: int):
        """Requests for the article pages among urls worth fetching, and stamp notes for the rest."""
        for url in urls:
            stamp = (stamps or {}).get(url)
            newer = stamp is not None and (url not in self.stamps or stamp > self.stamps[url])
            if self.want_article(url, stamp):
                if (req := self.request(url, "article", hops=hops, stamp=stamp)) is not None:
                    yield req
            elif newer:
                yield from self._note_stamp(url, stamp)

    def _note_stamp(self, url: str, stamp: datetime):
        """Record a change stamp for a page not fetched now (first seen, or fetched earlier this run),
        so the next run compares against it instead of fetching the page again."""
        state = self.known.get(url)
        if url in self.fetched or (state is not None and state.status in DONE and state.lastmod is None):
            yield PageRecord(url, host_of(url), "article", lastmod=stamp, fetched=False)

    # -- callbacks -------------------------------------------------------------------------------

    def parse_page(self, response):
        url, kind, hops = response.meta["url"], response.meta["kind"], response.meta["hops"]
        if response.status == NOT_MODIFIED:
            yield from self._not_modified(response)
            return
        target = self.target(response.url)
        if not isinstance(response, scrapy.http.TextResponse) or target is None:
            self.crawler.stats.inc_value("newscrawl/pages/skipped")
            yield self.record(response, "other")
            return
        text, problem = decode_html(response.body, header_charset(response.headers.get("Content-Type", b"").decode("latin-1")))
        if problem:
            self._error("charset", response.url, problem, level=logging.WARNING)
        fetched_at = utcnow()
        try:
            page = page_items(text, response.url, source=response.url, site=target.key,
                              language=target.site.language if target.site else None,
                              fetched_at=fetched_at, selectors=target.selectors)
        except Exception as exc:  # one page the extractors choke on must not stop the crawl
            self._error("parse", response.url, f"{type(exc).__name__}: {exc}")
            yield self.record(response, kind, error="parse")
            return
        if page.kind != "listing" and kind == "listing" and classify_url(url) == "listing":
            page = self._short_listing(page, response.url, target, fetched_at)
        self.crawler.stats.inc_value(f"newscrawl/pages/{page.kind}")
        for item in page.items:
            if item.kind == "teaser" and item.url:
                item.url = normalize_url(item.url)  # a listing's link may carry tracking parameters
        yield from self.items(page.items)
        if page.kind == "article":
            item = page.items[0]
            stamp = _newest(response.meta.get("stamp"), self.stamps.get(url), parse_stamp(item.modified_raw))
            self.fetched.update({url, normalize_url(response.url)})
            if stamp is not None:
                self.stamps[url] = stamp
            for page_url in {url, normalize_url(response.url)}:
                yield self.record(response, "article", url=page_url, lastmod=stamp, article_url=item.url)
            return
        if page.kind == "other" and kind == "article":
            logger.debug("%s: not an article (%s)", response.url, page.reason)
            yield self.record(response, "article")
            return
        links = links_from_tree(page.tree, response.url, self.hosts)
        articles = list(dict.fromkeys([i.url for i in page.items if i.url and on_hosts(i.url, self.hosts)] + links.articles))
        yield from self.follow_articles(articles, None, hops + 1)
        yield from self._discover(response, links, hops)
        yield self.record(response, "listing", next_url=links.next, discovered=articles)

    def _short_listing(self, page: Page, url: str, target: Target, fetched_at) -> Page:
        """A listing page with a single entry (the last page of a category) looks like an article to
        page_items; reached as a listing (pagination, a /category/ link) it is read as one."""
        teasers = listing_teasers(page, url, selectors=target.selectors)
        if not teasers:
            return page
        items = teaser_items(teasers, source=url, site=target.key,
                             language=target.site.language if target.site else None, fetched_at=fetched_at)
        return Page("listing", page.url, items, tree=page.tree, teasers=teasers)

    def _discover(self, response, links, hops: int):
        host = host_of(response.url)
        requests = [self.request(feed, "feed", hops=hops + 1) for feed in links.feeds if on_hosts(feed, self.hosts)]
        if not links.feeds and host not in self.probed:
            self.probed.add(host)
            requests += [self.request(feed, "feed", hops=hops + 1, probe=True) for feed in guessed_feeds(response.url)]
        if links.api and on_hosts(links.api, self.hosts):
            url = normalize_url(wp_posts_url(links.api))
            requests.append(self.request(url, "wpjson", hops=hops + 1, **_api_meta(url, "wpjson")))
        if links.next:
            requests.append(self.request(links.next, "listing", hops=hops))  # pagination is not a hop further
        if hops + 1 < self.max_hops:
            requests += [self.request(url, "listing", hops=hops + 1) for url in links.listings]
        for request in requests:
            if request is not None:
                yield request

    def parse_feed(self, response):
        entries = yield from self._read(response, "feed", lambda r: parse_feed(r.body, r.url))
        if entries is not None:
            yield from self.entries(response, entries, "feed")

    def parse_wp(self, response):
        entries = yield from self._read(response, "wpjson", lambda r: parse_wp_posts(r.body))
        if entries is None:
            return
        page, api = response.meta["page"], response.meta["api"]
        total = _int(response.headers.get("X-WP-TotalPages"), 1)
        next_url = normalize_url(wp_posts_url(api, page + 1)) if page < total else None
        if next_url and (req := self.request(next_url, "wpjson", hops=response.meta["hops"], page=page + 1, api=api)):
            yield req
        yield from self.entries(response, entries, "api", next_url=next_url)

    def entries(self, response, entries, origin: str, next_url: str | None = None):
        """Feed or API entries: teaser items, then the article pages worth fetching."""
        target = self.target(response.url)
        fetched_at = utcnow()
        urls, stamps = [], {}
        for e in entries:
            if not e.url or not on_hosts(e.url, self.hosts):
                continue
            url = normalize_url(e.url)
            urls.append(url)
            stamps[url] = parse_stamp(e.modified_raw) or parse_stamp(e.date_raw)
            if e.text:
                yield from self.items([ArticleItem(
                    kind="teaser", text=e.text, url=url, title=e.title, authors_raw=list(e.authors),
                    date_raw=e.date_raw, published_origin=origin if e.date_raw else None,
                    modified_raw=e.modified_raw, categories=list(e.categories), site=target.key if target else None,
                    language=target.site.language if target and target.site else None,
                    source=response.url, fetched_at=fetched_at)])
        yield from self.follow_articles(urls, stamps, response.meta["hops"] + 1)
        kind = "feed" if origin == "feed" else "wpjson"
        yield self.record(response, kind, next_url=next_url, discovered=urls)

    def parse_sitemap(self, response):
        sitemap = yield from self._read(response, "sitemap", lambda r: parse_sitemap(r.body, r.url))
        if sitemap is None:
            return
        hops = response.meta["hops"]
        if sitemap.kind == "index":
            for entry in sitemap.urls:
                if on_hosts(entry.url, self.hosts):
                    yield self.request(normalize_url(entry.url), "sitemap", hops=hops)
            yield self.record(response, "sitemap")
            return
        urls, stamps = [], {}
        for entry in sitemap.urls:
            url = normalize_url(entry.url)
            if on_hosts(url, self.hosts) and classify_url(url) not in ("listing", "skip"):
                urls.append(url)
                stamps[url] = parse_stamp(entry.lastmod) or parse_stamp(entry.news_date)
        yield from self.follow_articles(urls, stamps, self.max_hops)
        yield self.record(response, "sitemap", discovered=urls)

    def on_robots(self, netloc, url, status, text):
        """robots.txt settled (newscrawl.middlewares.RobotsGate): its Sitemap: lines, or the usual paths."""
        if status is None or status >= 500 or not on_hosts(url, self.hosts):
            return
        sitemaps = robots_sitemaps(text, url)
        probe = not sitemaps
        for sm in sitemaps or guessed_sitemaps(url):
            if on_hosts(sm, self.hosts) and (req := self.request(normalize_url(sm), "sitemap", hops=1, probe=probe)):
                self.crawler.engine.crawl(req)

    def _read(self, response, kind: str, parse):
        """The parsed feed, sitemap or API page; None, after yielding what it leads to, for a 304
        or a body that does not parse (used as `parsed = yield from self._read(...)`)."""
        if response.status == NOT_MODIFIED:
            yield from self._not_modified(response)
            return None
        try:
            parsed = parse(response)
        except FeedError as exc:
            if not response.meta.get("probe"):  # a guessed path that is no feed is no error
                self._error("parse", response.url, str(exc))
                yield self.record(response, kind, error="parse")
            return None
        self.crawler.stats.inc_value(f"newscrawl/pages/{kind}")
        return parsed

    def _not_modified(self, response):
        self.crawler.stats.inc_value("newscrawl/pages/not_modified")
        kind = response.meta["kind"]
        state = self.known.get(response.meta["url"])
        if state is not None and state.next_url:
            meta = _api_meta(state.next_url, kind)
            if (req := self.request(state.next_url, kind, hops=response.meta["hops"], **meta)) is not None:
                yield req
        yield self.record(response, kind)

    # -- errors ----------------------------------------------------------------------------------

    def on_error(self, failure):
        request = failure.request
        url, kind = request.meta.get("url", request.url), request.meta.get("kind", "other")
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            why = "robots" if "robots.txt" in str(failure.value) else "ignored"
            self.crawler.stats.inc_value(f"newscrawl/skipped/{why}")
            logger.debug("%s: not fetched (%s)", request.url, failure.value)
            return  # not fetched: no fetch-log row, so a later run may still try it
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            error = f"http_{status}"
        else:
            error = next((name for name, types in NETWORK_ERRORS if failure.check(*types)), None)
            error = error or _snake(failure.type.__name__)
        if request.meta.get("probe"):
            logger.debug("%s: no %s here (%s)", request.url, kind, error)
            return
        self._error(error, request.url, f"HTTP {status}" if status else failure.getErrorMessage())
        host = host_of(url)
        yield PageRecord(url, host, "listing" if kind == "start" else kind, status=status, error=error,
                         fetched_at=utcnow())

    def _error(self, kind: str, url: str, message: str, level: int = logging.ERROR) -> None:
        self.crawler.stats.inc_value(f"newscrawl/errors/{kind}")
        logger.log(level, "%s: %s (%s)", url, kind, message)

    # -- output ----------------------------------------------------------------------------------

    def items(self, items):
        for item in items:
            self.crawler.stats.inc_value(f"newscrawl/items/{item.kind}")
            yield item

    def record(self, response, kind: str, *, url: str | None = None, **fields) -> PageRecord:
        url = url or response.meta["url"]
        if kind == "start":
            kind = "listing"
        return PageRecord(
            url, host_of(url), kind, status=response.status,
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
            fetched_at=utcnow(), **fields)


def start_urls(site: Site) -> list[str]:
    """Where a sites.toml site is crawled from: its start_urls, else https:// and its first host."""
    if site.start_urls:
        return list(site.start_urls)
    return [f"https://{site.hosts[0]}/"] if site.hosts else []


def _api_meta(url: str, kind: str) -> dict:
    """For a WordPress posts URL: its page number and API root (the URL says both)."""
    if kind != "wpjson":
        return {}
    page = parse_qs(urlsplit(url).query).get("page", ["1"])[0]
    return {"page": _int(page, 1), "api": url.split("wp/v2/posts", 1)[0]}


def _split(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [v for part in value for v in _split(part)]
    return [v.strip() for v in value.replace(",", " ").split() if v.strip()]


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _newest(*stamps):
    found = [s for s in stamps if s is not None]
    return max(found) if found else None


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")[:40]

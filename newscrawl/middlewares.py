"""Downloader middlewares for polite crawling: robots.txt settled before any request, retries with backoff.

RobotsGate replaces Scrapy's RobotsTxtMiddleware. With Scrapy 2.19.0 the stock middleware let
requests to disallowed URLs through (tests/test_crawl_robots.py shows it), and it reads a
robots.txt that answers 5xx or never answers as "everything allowed". Here every request for a
host waits until that host's robots.txt is settled, and per RFC 9309 (2.3.1):
- 2xx: its rules;
- 4xx (except 429): no rules, everything allowed ("unavailable");
- 5xx, 429, timeouts and connection errors: everything disallowed for this run ("unreachable").
A Crawl-delay for our user agent (or *) becomes the host's minimum gap between requests, one at a
time, capped at NEWSCRAWL_MAX_CRAWL_DELAY; AutoThrottle may slow such a host further, never speed it up.
"""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

# Sent once per host when its robots.txt is settled: (netloc, url, status, text); status None
# when it could not be fetched. The news spider reads its Sitemap: lines from here.
robots_fetched = object()


class _Everything:
    """Rules for a host without usable robots.txt: allow or deny all."""

    def __init__(self, allow: bool):
        self.allow = allow

    def allowed(self, url, user_agent) -> bool:
        return self.allow


class RobotsGate:
    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.parser_class = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        self.rules: dict[str, object] = {}  # netloc -> parser, once settled
        self.delays: dict[str, float] = {}  # netloc -> seconds between requests, from Crawl-delay
        self.max_delay = crawler.settings.getfloat("NEWSCRAWL_MAX_CRAWL_DELAY", 60.0)
        self.waiting: dict[str, list[Deferred]] = {}  # netloc -> requests waiting for it

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith(("http://", "https://")):
            return
        netloc = urlparse_cached(request).netloc
        rules = self.rules.get(netloc)
        if rules is None:
            rules = await self._settled(request, netloc)
        if not rules.allowed(request.url, self.user_agent):
            why = "robots.txt unreachable" if isinstance(rules, _Everything) else "forbidden by robots.txt"
            self.stats.inc_value("robotstxt/forbidden")
            logger.debug("%s: %s", why.capitalize(), request.url)
            raise IgnoreRequest(f"{why}: {request.url}")
        if netloc in self.delays:
            self._keep_gap(request, self.delays[netloc])

    def _keep_gap(self, request: Request, delay: float) -> None:
        """Make the request's download slot wait `delay` seconds between requests, one at a time."""
        request.meta["autothrottle_dont_adjust_delay"] = True  # AutoThrottle would lower it
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        # Slots made later (after an idle slot is collected) take these; a live one is set here.
        downloader.per_slot_settings[key] = {"delay": delay, "concurrency": 1, "jitter": 0.0}
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay, slot.concurrency, slot.jitter = max(slot.delay, delay), 1, 0.0

    def _crawl_delay(self, rules, netloc: str) -> None:
        asked = getattr(rules, "crawl_delay", lambda _agent: None)(self.user_agent)
        if not asked or asked <= 0:
            return
        if asked > self.max_delay:
            logger.warning("robots.txt of %s asks for a Crawl-delay of %g s; using NEWSCRAWL_MAX_CRAWL_DELAY, %g s",
                           netloc, asked, self.max_delay)
        self.delays[netloc] = min(asked, self.max_delay)
        self.stats.set_value(f"newscrawl/crawl_delay/{netloc}", self.delays[netloc])

    async def _settled(self, request: Request, netloc: str):
        waiter: Deferred = Deferred()
        first = netloc not in self.waiting
        self.waiting.setdefault(netloc, []).append(waiter)
        if first:
            await self._fetch(request, netloc)
        return await maybe_deferred_to_future(waiter)

    async def _fetch(self, request: Request, netloc: str) -> None:
        parts = urlparse_cached(request)
        url = f"{parts.scheme}://{netloc}/robots.txt"
        robots = Request(url, priority=self.DOWNLOAD_PRIORITY, callback=NO_CALLBACK,
                         meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True})
        status, text = None, ""
        try:
            response = await self.crawler.engine.download_async(robots)
            status = response.status
            self.stats.inc_value(f"robotstxt/response_status_count/{status}")
            if 200 <= status < 300:
                rules = build_from_crawler(self.parser_class, self.crawler, response.body)
                text = response.body.decode("utf-8", errors="replace")
                self._crawl_delay(rules, netloc)
            elif 400 <= status < 500 and status != 429:
                rules = _Everything(allow=True)
            else:
                logger.warning("robots.txt of %s answered %d: nothing on that host is fetched", netloc, status)
                self.stats.inc_value("newscrawl/errors/robots")
                rules = _Everything(allow=False)
        except Exception as exc:  # timeouts, resets, DNS: unreachable
            self.stats.inc_value(f"robotstxt/exception_count/{type(exc).__name__}")
            logger.warning("robots.txt of %s could not be fetched (%s): nothing on that host is fetched",
                           netloc, exc)
            self.stats.inc_value("newscrawl/errors/robots")  # a whole host lost: the run's log shows it
            rules = _Everything(allow=False)
        self.stats.inc_value("robotstxt/request_count")
        self.rules[netloc] = rules
        await self.crawler.signals.send_catch_log_async(
            signal=robots_fetched, netloc=netloc, url=url, status=status, text=text)
        for waiter in self.waiting.pop(netloc, []):
            waiter.callback(rules)
        self.waiting[netloc] = []  # settled: later requests find self.rules


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before each retry: NEWSCRAWL_RETRY_BACKOFF seconds, doubled per
    attempt up to NEWSCRAWL_RETRY_BACKOFF_MAX, or what a 429/503's Retry-After asks (capped too)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request, response):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._pause(result, response.headers.get(b"Retry-After"))
        return result

    async def process_exception(self, request, exception):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._pause(result, None)
        return result

    async def _pause(self, retry: Request, retry_after: bytes | None) -> None:
        delay = self.backoff * 2 ** (retry.meta.get("retry_times", 1) - 1)
        if retry_after:
            delay = max(delay, _seconds(retry_after.decode("latin-1")))
        delay = min(delay, self.backoff_max)
        if delay > 0:
            await asyncio.sleep(delay)


def _seconds(retry_after: str) -> float:
    """Retry-After as seconds: a number, or an HTTP date."""
    value = retry_after.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return 0.0

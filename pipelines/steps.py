"""Thin Scrapy item pipelines around the pure cleaning functions.

Crawls run them through ITEM_PIPELINES; imports build the same classes from the same settings
through newscrawl.ingest. Each reads what it needs from the settings in from_crawler.
"""

from __future__ import annotations

import re

from scrapy.exceptions import DropItem

from newscrawl.items import ArticleItem
from newscrawl.sites import load_sites, site_for_url
from pipelines.bylines import names_site, parse_byline
from pipelines.clean import clean_item, is_placeholder
from pipelines.dates import parse_published
from pipelines.dedupe import body_key, fingerprint, teaser_keys

_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")


class ArticleStep:
    """A cleaning step: it works on ArticleItems and lets a crawl's fetch-log records (which
    travel in the same item stream, to the store) pass untouched."""

    def process_item(self, item):
        return self.process_article(item) if isinstance(item, ArticleItem) else item

    def process_article(self, item):
        raise NotImplementedError


class CleanPipeline(ArticleStep):
    def __init__(self, stats, sites):
        self.stats = stats
        self.sites = sites

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, load_sites(crawler.settings.get("NEWSCRAWL_SITES_FILE")))

    def process_article(self, item):
        clean_item(item)
        # The site's conventions apply to every source: a page found by URL alone is still its site's.
        site = self.sites.get(item.site) if item.site else site_for_url(self.sites, item.url)
        if site is not None:
            item.site = site.key
            item.language = item.language or site.language
        if not item.text:
            self.stats.inc_value("newscrawl/dropped/empty")
            raise DropItem(f"{item.source}: no text")
        if is_placeholder(item.text):
            self.stats.inc_value("newscrawl/dropped/placeholder")
            raise DropItem(f"{item.source}: placeholder text")
        return item


class BylinePipeline(ArticleStep):
    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_article(self, item):
        if item.authors:
            return item  # already normalized (our own export read back)
        # Structured data names the authors one by one; the visible byline is the fallback and
        # still gives the outlet and role when structured data has the names.
        for raw in item.authors_raw:
            item.authors += [a for a in parse_byline(raw, structured=True).authors if a not in item.authors]
        if item.byline_raw:
            byline = parse_byline(item.byline_raw)
            if not item.authors:
                # Small sites sign with their own name ("von Landesspiegel").
                item.authors = [a for a in byline.authors if not names_site(a, item.url)]
            item.outlet = item.outlet or byline.outlet
            item.role = item.role or byline.role
            item.column = item.column or byline.column
        return item


class DatePipeline(ArticleStep):
    """Publication dates only from where a source puts them (date_raw), never from prose."""

    def __init__(self, sites):
        self.sites = sites

    @classmethod
    def from_crawler(cls, crawler):
        return cls(load_sites(crawler.settings.get("NEWSCRAWL_SITES_FILE")))

    def process_article(self, item):
        site = self.sites.get(item.site)
        if item.date_raw and item.published_at is None:
            published = self._parse(item.date_raw, site, item)
            item.published_at = published.value
            item.published_precision = published.precision
            item.published_origin = published.origin if published.value else None
        if item.modified_raw and item.modified_at is None:
            item.modified_at = self._parse(item.modified_raw, site, item).value
        return item

    @staticmethod
    def _parse(raw: str, site, item):
        language = (site.language if site else None) or item.language
        day_first = site.day_first if site and site.day_first is not None else None
        if day_first is None:
            # Unknown site: dotted numeric dates are day-first wherever they are used, and so are
            # slashed ones outside English (month-first is a US habit).
            day_first = bool(_DOTTED_DATE.search(raw)) or bool(language and not language.startswith("en"))
        return parse_published(
            raw, day_first=day_first, tz=site.tz if site else None, now=item.fetched_at,
            origin=item.published_origin or "lead", languages=(language,) if language else None,
        )


class DedupePipeline(ArticleStep):
    """Keys that let the store find a teaser's body (or a body's teaser) among stored articles."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_article(self, item):
        item.dedupe_keys = [body_key(item.text)] if item.kind == "full" else teaser_keys(item.text)
        item.fingerprint = fingerprint(item.text)
        return item

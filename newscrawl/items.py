"""ArticleItem, the one record type that spiders and file readers produce.

A dataclass rather than scrapy.Item: Scrapy accepts dataclass items, and readers can build them
without importing Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ArticleItem:
    # What sources fill in (DESIGN.md, "ArticleItem").
    kind: str  # "teaser" or "full"
    text: str
    url: str | None = None
    title: str | None = None
    byline_raw: str | None = None
    # Author names as structured data lists them (JSON-LD, meta); each goes through the byline parser.
    authors_raw: list[str] = field(default_factory=list)
    date_raw: str | None = None
    modified_raw: str | None = None
    description: str | None = None  # the page's own summary (meta description, dek)
    categories: list[str] = field(default_factory=list)
    site: str | None = None
    language: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None

    # What the pipelines add.
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    role: str | None = None
    column: str | None = None
    dateline: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None
    published_origin: str | None = None  # set by sources that know it: jsonld, meta, time, byline, url
    modified_at: datetime | None = None
    dedupe_keys: list[str] = field(default_factory=list)
    fingerprint: str | None = None

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
    date_raw: str | None = None
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
    published_origin: str | None = None
    dedupe_keys: list[str] = field(default_factory=list)
    fingerprint: str | None = None

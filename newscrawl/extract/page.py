"""page_items: the one place that turns an HTML page into ArticleItems (spider and readers alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newscrawl.extract.article import add_body, read_metadata
from newscrawl.extract.dom import parse_html
from newscrawl.extract.listing import teasers_from_tree
from newscrawl.items import ArticleItem

MIN_LISTING_ENTRIES = 2  # one linked headline is a related box, not a listing


@dataclass
class Page:
    kind: str  # "article" | "listing" | "other"
    url: str | None
    items: list[ArticleItem] = field(default_factory=list)
    reason: str | None = None


def page_items(html: str, url: str | None, *, source: str, site: str | None = None,
               language: str | None = None, fetched_at: datetime | None = None,
               selectors: dict | None = None) -> Page:
    tree = parse_html(html)
    if tree is None:
        return Page("other", url, reason="empty page")
    sel = selectors or {}
    # Teasers first: they only read the tree, the body extraction after them prunes it.
    teasers = teasers_from_tree(tree, url, selectors=sel)
    found, structured_body = read_metadata(tree, url, selectors=sel)
    lang = language or found.language
    if not found.is_article and len(teasers) >= MIN_LISTING_ENTRIES:
        items = [
            ArticleItem(kind="teaser", text=t.text, url=t.url, title=t.title, byline_raw=t.byline_raw,
                        date_raw=t.date_raw, published_origin="time" if t.date_raw else None,
                        categories=t.categories, site=site, language=lang, source=source,
                        fetched_at=fetched_at)
            for t in teasers
        ]
        return Page("listing", found.url, items)
    add_body(found, tree, found.url or url, sel, structured_body)
    if not found.is_article:
        return Page("other", found.url, reason="neither an article body nor listing entries")
    item = ArticleItem(
        kind="full", text=found.text, url=found.url or url, title=found.title,
        byline_raw=found.byline_raw, authors_raw=list(found.authors_raw), date_raw=found.date_raw,
        published_origin=found.date_origin, modified_raw=found.modified_raw,
        description=found.description, categories=list(found.categories), site=site, language=lang,
        source=source, fetched_at=fetched_at,
    )
    return Page("article", found.url, [item])

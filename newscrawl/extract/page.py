"""page_items: the one place that turns an HTML page into ArticleItems (spider and readers alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newscrawl.extract.article import add_body, read_metadata
from newscrawl.extract.dom import parse_html
from newscrawl.extract.listing import Teaser, teasers_from_tree
from newscrawl.items import ArticleItem
from pipelines.text import text_size

MIN_LISTING_ENTRIES = 2  # one linked headline is a related box, not a listing
MIN_OWN_TEXT = 400  # Latin-script characters of body besides the entries that make a page with entries an article


@dataclass
class Page:
    kind: str  # "article" | "listing" | "other"
    url: str | None
    items: list[ArticleItem] = field(default_factory=list)
    reason: str | None = None
    # The parsed page (scripts dropped): a crawl reads its links from it without parsing again.
    tree: object = field(default=None, repr=False)
    # The listing entries, None when page_items did not look for them (see listing_teasers).
    teasers: list[Teaser] | None = field(default=None, repr=False)


def page_items(html: str, url: str | None, *, source: str, site: str | None = None,
               language: str | None = None, fetched_at: datetime | None = None,
               selectors: dict | None = None) -> Page:
    tree = parse_html(html)
    if tree is None:
        return Page("other", url, reason="empty page")
    sel = selectors or {}
    found, structured_body = read_metadata(tree, url, selectors=sel)
    lang = language or found.language
    # A page whose markup declares an article is one whatever entries it holds, so only the
    # others are searched for them (on an article page that search is a tenth of the extraction time).
    # Asked before the body is read: reading it may mark the page an article by its size alone.
    teasers = None if found.is_article else teasers_from_tree(tree, url, selectors=sel)
    entries = teasers is not None and _has_listing_entries(teasers)
    add_body(found, tree, found.url or url, sel, structured_body)
    # Entries with excerpts and a body that is mostly those excerpts again make a listing; an
    # article page with a related-stories box has a body of its own.
    if entries and not _own_text(found.text, teasers):
        items = teaser_items(teasers, source=source, site=site, language=lang, fetched_at=fetched_at)
        return Page("listing", found.url, items, tree=tree, teasers=teasers)
    if not found.is_article:
        return Page("other", found.url, reason="neither an article body nor listing entries", tree=tree, teasers=teasers)
    item = ArticleItem(
        kind="full", text=found.text, url=found.url or url, title=found.title,
        byline_raw=found.byline_raw, authors_raw=list(found.authors_raw), date_raw=found.date_raw,
        published_origin=found.date_origin, modified_raw=found.modified_raw,
        description=found.description, categories=list(found.categories), site=site, language=lang,
        source=source, fetched_at=fetched_at,
    )
    return Page("article", found.url, [item], tree=tree, teasers=teasers)


def listing_teasers(page: Page, url: str | None, *, selectors: dict | None = None) -> list[Teaser]:
    """The page's listing entries, searched for now if page_items did not need them (a crawl
    reads a page it reached as a listing as one, whatever its markup declares)."""
    if page.teasers is None:
        page.teasers = teasers_from_tree(page.tree, url, selectors=selectors) if page.tree is not None else []
    return page.teasers


def teaser_items(teasers: list[Teaser], *, source: str, site: str | None, language: str | None,
                 fetched_at: datetime | None) -> list[ArticleItem]:
    return [
        ArticleItem(kind="teaser", text=t.text, url=t.url, title=t.title, byline_raw=t.byline_raw,
                    date_raw=t.date_raw, published_origin="time" if t.date_raw else None,
                    categories=list(t.categories), site=site, language=language, source=source,
                    fetched_at=fetched_at)
        for t in teasers
    ]


def _has_listing_entries(teasers) -> bool:
    """Entries with excerpts make a listing; headlines alone are a related-stories box."""
    return sum(1 for t in teasers if t.text) >= MIN_LISTING_ENTRIES


def _own_text(body: str, teasers) -> bool:
    """True when most of the body is not the entries' excerpts (the page is an article)."""
    if text_size(body) < MIN_OWN_TEXT:
        return False
    excerpts = sum(len(t.text) for t in teasers if t.text and t.text[:60] in body)
    return excerpts < len(body) / 2

"""<meta> tags: OpenGraph, article:*, Dublin Core and the common CMS names, read once per page.

Names are compared without case and punctuation: publishers write "article:published_time",
"article:published:time", "article.published_time" and "ARTICLE_PUBLISHED_TIME" alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PUNCT = re.compile(r"[^a-z0-9]")

# Names in order of trust; the first present wins.
PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "publishdate", "publish-date",
    "publish_date", "pubdate", "date.published", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created", "date", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "og:pubdate", "article_date_original",
    "originalpublicationdate", "displaydate", "citation_publication_date", "citation_date",
    "sw-pubdate", "analyticsattributes.articledate", "cxenseparse:recs:publishtime", "dc.date.created",
)
# Bare "date" names: many CMSs (TYPO3, journal platforms) fill them with the page's last change
# or its online-first day, so a date the article shows itself is trusted above them.
WEAK_PUBLISHED = frozenset({"date", "dc.date", "dcterms.date"})
MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "last-modified", "dcterms.modified", "dc.date.modified", "modified_time",
    "lastmod", "article.updated", "revised",
)
# The article's own author fields before the page-level "author", which many sites fill with
# the company or the site ("Condé Nast") while article:author names the writer.
AUTHORS = (
    "article:author", "og:article:author", "parsely-author", "sailthru.author", "byl",
    "citation_author", "dc.creator", "dcterms.creator", "cxenseparse:author", "author",
    "twitter:creator:name",
)
TITLES = ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title", "headline")
DESCRIPTIONS = ("og:description", "description", "twitter:description", "dc.description")
SECTIONS = ("article:section", "og:article:section", "parsely-section", "section", "category")
LANGUAGES = ("og:locale", "content-language", "dc.language", "language")


@lru_cache(maxsize=1024)
def key(name: str) -> str:
    return _PUNCT.sub("", name.lower())


def read_meta(tree) -> dict[str, list[str]]:
    """Every <meta> value under its folded name/property/itemprop, in page order.

    The head's tags come first; those in the body (microdata) only add to them. Some saved
    pages carry the value in `value` instead of `content`.
    """
    found: dict[str, list[str]] = {}
    head = tree.find("head")
    parts = [head, tree.find("body")] if head is not None else [tree]
    for part in parts:
        if part is None:
            continue
        for el in part.iter("meta"):
            content = el.get("content")
            if content is None:
                content = el.get("value")
            if content is None or not content.strip():
                continue
            for name in (el.get("property"), el.get("name"), el.get("itemprop"), el.get("http-equiv")):
                if name:
                    found.setdefault(key(name), []).append(content.strip())
    return found


def first(meta: dict[str, list[str]], names) -> str | None:
    for name in names:
        values = meta.get(key(name))
        if values:
            return values[0]
    return None


def all_of(meta: dict[str, list[str]], names) -> list[str]:
    """Every value of the first name present (article:author may repeat, once per author)."""
    for name in names:
        values = meta.get(key(name))
        if values:
            return list(dict.fromkeys(values))
    return []


def authors(meta: dict[str, list[str]]) -> list[str]:
    """Author names; profile URLs and paths (article:author often holds one) and handles are no names."""
    return next(author_fields(meta), [])


def author_fields(meta: dict[str, list[str]]):
    """The author names of each author field present, in order of trust.

    The caller may pass over a field that only names the site ("jungle.world") for the next.
    """
    for name in AUTHORS:
        values = [v for v in meta.get(key(name), ()) if not v.startswith(("http://", "https://", "@", "www.", "/"))]
        if values:
            yield list(dict.fromkeys(values))

"""<meta> tags: OpenGraph, article:*, Dublin Core and the common CMS names, read once per page."""

from __future__ import annotations

# Names in order of trust; the first present wins.
PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "publishdate", "publish-date",
    "publish_date", "pubdate", "date.published", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created", "date", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "og:pubdate", "article_date_original",
    "originalpublicationdate", "displaydate", "citation_publication_date", "citation_date",
)
MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "last-modified", "dcterms.modified", "dc.date.modified", "modified_time",
    "lastmod", "article.updated", "revised",
)
AUTHORS = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl", "citation_author", "twitter:creator:name",
)
TITLES = ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title", "headline")
DESCRIPTIONS = ("og:description", "description", "twitter:description", "dc.description")
SECTIONS = ("article:section", "og:article:section", "parsely-section", "section", "category")
LANGUAGES = ("og:locale", "content-language", "dc.language", "language")


def read_meta(tree) -> dict[str, list[str]]:
    """Every <meta> value under its lower-cased name/property/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    head = tree.find("head")
    for el in (head if head is not None else tree).iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for key in (el.get("property"), el.get("name"), el.get("itemprop"), el.get("http-equiv")):
            if key:
                found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def first(meta: dict[str, list[str]], names) -> str | None:
    for name in names:
        if name in meta:
            return meta[name][0]
    return None


def all_of(meta: dict[str, list[str]], names) -> list[str]:
    """Every value of the first name present (article:author may repeat, once per author)."""
    for name in names:
        if name in meta:
            return list(dict.fromkeys(meta[name]))
    return []


def authors(meta: dict[str, list[str]]) -> list[str]:
    """Author names; profile URLs (article:author often holds one) and handles are no names."""
    for name in AUTHORS:
        values = [v for v in meta.get(name, ()) if not v.startswith(("http://", "https://", "@", "www."))]
        if values:
            return list(dict.fromkeys(values))
    return []

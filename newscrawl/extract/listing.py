"""Listing pages: one Teaser per entry (title link, excerpt, byline, date, category links)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawl.extract.dom import classes, parse_html, select, select_text, text_of
from newscrawl.extract.urls import absolute

# Entry containers: <article>, and the class names WordPress-like themes give their posts.
ENTRY_TAG = "article"
ENTRY_CLASSES = frozenset({"hentry", "post", "type-post", "entry", "news-item", "story", "teaser"})
_EXCERPT_CSS = ".entry-summary, .excerpt, .post-excerpt, .summary, .entry-content, .teaser-text, .dek, .standfirst"
_BYLINE_CSS = ".byline, .author, .entry-author, .post-author, [rel~='author'], [itemprop='author']"
_CATEGORY_CSS = "a[rel~='category'], a[rel~='tag'], .cat-links a, .category a, .categories a"
_HEADINGS = ("h1", "h2", "h3", "h4")
MAX_EXCERPT = 1500  # characters; an entry with more text is a whole article, not a teaser
_META_CLASS = re.compile(r"byline|author|date|time|meta|cat-links|categor|tags")


@dataclass
class Teaser:
    url: str
    title: str | None = None
    text: str = ""
    byline_raw: str | None = None
    date_raw: str | None = None
    categories: list[str] = field(default_factory=list)


def extract_teasers(html: str, url: str, *, selectors: dict | None = None) -> list[Teaser]:
    tree = parse_html(html)
    return teasers_from_tree(tree, url, selectors=selectors) if tree is not None else []


def teasers_from_tree(tree, url: str | None, *, selectors: dict | None = None) -> list[Teaser]:
    entry_css = (selectors or {}).get("teaser")
    entries = select(tree, entry_css) if entry_css else _entries(tree)
    # Outermost entries only: a .post inside an <article> is the same entry, not a second one.
    chosen = set(entries)
    teasers: list[Teaser] = []
    seen: set[str] = set()
    for entry in entries:
        if any(a in chosen for a in entry.iterancestors()):
            continue
        teaser = _teaser(entry, url)
        if teaser and teaser.url not in seen:
            seen.add(teaser.url)
            teasers.append(teaser)
    return teasers


def _entries(tree) -> list:
    """Generic entry containers in document order. A CSS union of class selectors normalises
    and scans every class attribute once per class, the costliest step of a listing test; one
    substring pre-filter in XPath and an exact word test here do the same in a fraction."""
    return [el for el in _CANDIDATES(tree)
            if el.tag == ENTRY_TAG or not ENTRY_CLASSES.isdisjoint((el.get("class") or "").split())]


# Every entry class contains one of these substrings ("hentry" has "entry", "type-post" "post").
_CANDIDATES = etree.XPath(
    "//article | //*[@class][contains(@class, 'post') or contains(@class, 'entry') or contains(@class, 'story')"
    " or contains(@class, 'teaser') or contains(@class, 'news-item')]")


def _teaser(entry, base: str | None) -> Teaser | None:
    link = _title_link(entry)
    if link is None:
        return None
    href = absolute(link.get("href"), base)
    title = text_of(link)
    if not href or not title:
        return None
    text = _excerpt(entry, link)
    if len(text) > MAX_EXCERPT:
        return None
    return Teaser(
        url=href, title=title, text=text,
        byline_raw=select_text(entry, _BYLINE_CSS), date_raw=_date(entry),
        categories=list(dict.fromkeys(t for t in (text_of(a) for a in select(entry, _CATEGORY_CSS)) if t)),
    )


def _title_link(entry):
    """The headline's link: h2 > a (or a wrapping the heading)."""
    for tag in _HEADINGS:
        for heading in entry.iter(tag):
            link = next((a for a in heading.iter("a") if a.get("href")), None)
            if link is not None:
                return link
            parent = heading.getparent()
            if parent is not None and parent.tag == "a" and parent.get("href"):
                return parent
    return None


def _excerpt(entry, link) -> str:
    if text := select_text(entry, _EXCERPT_CSS):
        return text
    # No marked excerpt: the entry's paragraphs outside headline and meta lines.
    parts = []
    for p in entry.iter("p"):
        if any(_META_CLASS.search(classes(a)) for a in p.iterancestors() if a is not entry) or _META_CLASS.search(classes(p)):
            continue
        text = text_of(p)
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def _date(entry) -> str | None:
    for t in entry.iter("time"):
        value = (t.get("datetime") or "").strip() or text_of(t)
        if value:
            return value
    return None

"""The page's own visible byline and date elements, away from comments, captions and boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newscrawl.extract.dom import classes, select, text_of

# Containers whose names and dates belong to something else: other stories, comments, photos.
_FOREIGN = re.compile(
    r"comment|related|more-?from|recommend|sidebar|footer|caption|credit|widget|newsletter|"
    r"promo|popular|trending|most-?read|read-?more|also-?read|outbrain|taboola|teaser|"
    r"next-?article|prev-?article|breadcrumb|share|social|author-?bio|bio-?box|profile|nav|menu|"
    r"\bad\b|advert|signup|subscribe|card"
)
_FOREIGN_TAGS = frozenset({"aside", "footer", "figure", "figcaption", "nav", "form", "noscript", "template"})
_BYLINE_CLASS = re.compile(r"byline|author|writer|posted-?by|contributor|reporter")
_BYLINE_SKIP = re.compile(r"avatar|image|img|photo|pic|bio|description|social|follow|twitter|email")
_DATE_CLASS = re.compile(r"publish|posted|date|time|dateline|timestamp")
_MODIFIED_CLASS = re.compile(r"modif|updat|edited")
_HAS_DIGIT = re.compile(r"\d")
_NOT_TEXT = frozenset({"meta", "link", "script", "style", "body", "html", "head", "title", "noscript"})
MAX_BYLINE = 200  # characters; longer is a bio or a paragraph, not a byline
MAX_DATE = 80


def foreign(el, stop=None) -> bool:
    """True when the element sits in a container that is not the article's own header/body."""
    node = el
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _FOREIGN_TAGS and node is not el:
            return True
        if tag in ("body", "html"):
            return False
        if _FOREIGN.search(classes(node)):
            return True
        if tag == "article" and node is not el and _is_nested_teaser(node):
            return True
        node = node.getparent()
    return False


def _is_nested_teaser(article) -> bool:
    # An <article> inside another <article> is a teaser of some other story.
    parent = article.getparent()
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.getparent()
    return False


def find_byline(root, selector: str | None = None) -> str | None:
    if selector:
        for hit in select(root, selector):
            text = text_of(hit)
            if text:
                return text
    for css in ('[itemprop="author"]', 'a[rel~="author"]'):
        names = []
        for el in select(root, css):
            if foreign(el):
                continue
            name_el = select(el, '[itemprop="name"]')
            name = (name_el[0].get("content") or text_of(name_el[0])) if name_el else (el.get("content") or text_of(el))
            if name and len(name) <= MAX_BYLINE and name not in names:
                names.append(name)
        if names:
            return ", ".join(names)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style", "img", "body", "html"):
            continue
        cls = classes(el)
        if not _BYLINE_CLASS.search(cls) or _BYLINE_SKIP.search(cls):
            continue
        text = text_of(el)
        if text and len(text) <= MAX_BYLINE and not foreign(el):
            return text
    return None


def date_candidates(root, selector: str | None = None) -> Iterator[tuple[str, str]]:
    """(date as found, origin) from the page's own elements, most trustworthy first."""
    if selector:
        for hit in select(root, selector):
            value = hit if isinstance(hit, str) else (hit.get("datetime") or hit.get("content") or text_of(hit))
            if value:
                yield value.strip(), "time"
    for el in select(root, '[itemprop="datePublished"], .published[title], abbr.published, [pubdate]'):
        value = el.get("content") or el.get("datetime") or el.get("title") or text_of(el)
        if value and not foreign(el):
            yield value.strip(), "time" if el.tag == "time" else "meta" if el.tag == "meta" else "byline"
    times = [t for t in root.iter("time", "relative-time") if (t.get("datetime") or "").strip() and not foreign(t)]
    # The publication stamp, not the "updated" one, when the page marks which is which.
    times.sort(key=lambda t: bool(_MODIFIED_CLASS.search(classes(t) + " " + _parent_classes(t))))
    for t in times:
        yield t.get("datetime").strip(), "time"
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_TEXT:
            continue
        cls = classes(el)
        if not _DATE_CLASS.search(cls) or _MODIFIED_CLASS.search(cls):
            continue
        text = text_of(el)
        if text and len(text) <= MAX_DATE and _HAS_DIGIT.search(text) and not foreign(el):
            yield text, "byline"


def _parent_classes(el) -> str:
    parent = el.getparent()
    return classes(parent) if parent is not None else ""


def find_modified(root) -> str | None:
    for el in select(root, '[itemprop="dateModified"]'):
        value = el.get("content") or el.get("datetime") or text_of(el)
        if value:
            return value.strip()
    return None

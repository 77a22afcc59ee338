"""Parsing and small DOM helpers shared by the extractors (lxml; no Scrapy)."""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

# Control characters are not allowed in XML; trafilatura's lxml steps find no text in a tree
# that holds one, so they go before parsing (pages do carry stray ones). Deleted from the UTF-8
# bytes lxml parses anyway: a quarter of the cost of a regular expression over the text.
_CONTROL = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20))
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
# Every element as a plain HtmlElement, looked up in C: lxml.html's own lookup is a Python call
# for each element Python touches (to give <form>s and <input>s their classes, which nothing
# here uses) and cost a tenth of the extraction time.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """The document tree, or None when there is nothing to parse."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace").translate(None, _CONTROL), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def collapse_space(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is re's \\s,
    at a third of the cost)."""
    return " ".join(text.split())


def text_of(el) -> str:
    """Visible text of an element, whitespace folded."""
    return collapse_space(el if isinstance(el, str) else el.text_content())


def text_pieces(el) -> list[str]:
    """The element's text nodes, whitespace folded, empty ones left out: names or the parts of
    a date that sit in elements of their own stay apart."""
    return [p for p in map(collapse_space, el.itertext()) if p]


@lru_cache(maxsize=256)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select(root, css: str) -> list:
    """CSS selection with parsel's `::attr(name)` and `::text` endings (site selectors use them).

    Elements come back for plain selectors, strings for the pseudo-element forms.
    """
    css = css.strip()
    attr = None
    text = False
    m = re.search(r"::attr\(([\w:-]+)\)$", css)
    if m:
        attr, css = m.group(1), css[: m.start()]
    elif css.endswith("::text"):
        text, css = True, css[: -len("::text")]
    try:
        found = _compiled(css)(root)
    except Exception:  # a bad site selector must not stop the page; the generic rules still run
        return []
    if attr:
        return [v for v in (el.get(attr) for el in found) if v]
    if text:
        return [t for t in (text_of(el) for el in found) if t]
    return found


def select_text(root, css: str | None) -> str | None:
    """First non-empty text (or attribute value) a selector finds."""
    if not css:
        return None
    for hit in select(root, css):
        value = text_of(hit)
        if value:
            return value
    return None


def classes(el) -> str:
    """Class and id of an element, lower-cased, for marker-word tests."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def drop_scripts(tree) -> None:
    """Remove scripts, styles and templates (their text is no page text), keeping what follows.

    Called after the JSON-LD is read: text_content() would otherwise fold script code into
    bylines and dates.
    """
    # JSON-LD stays: the markup-date fallback reads datePublished of any type from it.
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            script.tag = "nc-drop"
    etree.strip_elements(tree, "nc-drop", "style", "noscript", "template", etree.Comment, with_tail=False)

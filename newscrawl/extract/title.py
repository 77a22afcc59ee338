"""The headline: structured and meta titles checked against the page's own headings.

Meta titles often carry the site's name ("Headline | Site") and JSON-LD/og titles are sometimes
an SEO variant; the <h1> is what readers see but on some pages it is the site's logo. So a
heading wins when a meta title vouches for it (equal, or equal once the site's name is cut off),
and otherwise the structured headline, then the og/meta title without its site suffix.
"""

from __future__ import annotations

import html
import re
import unicodedata

from newscrawl.extract import meta as m
from newscrawl.extract.dom import text_of

# Separators between a headline and the site's name in <title> and og:title.
# No plain colon: "Topic: Headline" is a kicker, and cutting it would cut headlines.
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»/]{1,2}|::)\s+|\s*[|｜：]\s*|_(?=[^_]+$)")
MAX_SITE_WORDS = 6  # a site name is short; a longer side is part of the headline


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").replace("\xad", "").split()).casefold()


def clean(text: str | None) -> str | None:
    if not text:
        return None
    text = html.unescape(html.unescape(text)) if "&" in text else text  # some CMSs escape twice
    text = " ".join(text.replace("\xad", "").split())
    return text or None


def find_title(tree, meta: dict, ld_headline: str | None, *, trusted: bool = True) -> str | None:
    """`trusted`: the JSON-LD headline is an article's; a WebPage's name is only a meta title."""
    metas = [t for t in (clean(ld_headline), clean(m.first(meta, ("og:title",))),
                         clean(m.first(meta, ("twitter:title",))), _html_title(tree)) if t]
    site = fold(m.first(meta, ("og:site_name", "application-name")))
    headings = [t for t in (clean(text_of(h)) for h in tree.iter("h1")) if t]
    folded_metas = [fold(t) for t in metas]
    stripped = [fold(strip_site(t, site)) for t in metas]
    for heading in headings:
        key = fold(heading)
        if key in folded_metas or key in stripped:
            return heading
    for heading in headings:
        # The headline with a kicker in front ("Topic: Headline") in the meta title.
        key = fold(heading)
        if len(key) > 20 and any(t.endswith(key) for t in folded_metas + stripped):
            return heading
    if clean(ld_headline) and trusted:
        return clean(ld_headline)
    if metas:
        return strip_site(metas[0], site)
    return headings[0] if headings else None


def strip_site(title: str, site: str = "") -> str:
    """"Headline | Site" -> "Headline": cut short end segments that name the site."""
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    seps = _SEPARATOR.findall(title)
    # Drop trailing then leading short segments; the headline is what is left in the middle.
    while len(parts) > 1 and _site_like(parts[-1], site, parts[:-1]):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and site and fold(parts[0]) == site:
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return out.strip()


def _site_like(segment: str, site: str, rest: list[str]) -> bool:
    key = fold(segment)
    if not key:
        return True
    if site and (key == site or key in site or site in key):
        return True
    words = key.split()
    longest_rest = max(len(fold(r)) for r in rest)
    return len(words) <= MAX_SITE_WORDS and len(key) < longest_rest and not key.endswith(("?", "!"))


def _html_title(tree) -> str | None:
    title = tree.find(".//title")
    return clean(text_of(title)) if title is not None else None

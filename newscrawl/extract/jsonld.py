"""JSON-LD: the article object a page describes itself with (schema.org NewsArticle and kin)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

# schema.org types that describe an article page (the item itself, not the site or a breadcrumb).
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "report", "techarticle", "scholarlyarticle",
    "satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle", "posting",
    "discussionforumposting", "review", "creativework", "videoobject", "claimreview", "webpage",
})
# Types that can only be a page's own description when nothing better is there.
# WebPage too: every page is one, but its author and dates are still the page's own.
_WEAK_TYPES = frozenset({"creativework", "videoobject", "review", "claimreview", "webpage"})
_PERSON_TYPES = frozenset({"person"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "organisation"})
# Control characters publishers leave inside JSON strings make json.loads fail.
_CONTROL = re.compile(r"[\x00-\x1f]")
_CDATA = re.compile(r"^(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?|(?://|/\*)?\s*\]\]>(?:\s*\*/)?$")


@dataclass
class JsonLd:
    types: set[str] = field(default_factory=set)
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    description: str | None = None
    sections: list[str] = field(default_factory=list)
    language: str | None = None
    body: str | None = None
    publisher: str | None = None

    @property
    def is_article(self) -> bool:
        return bool(self.types - _WEAK_TYPES)


def read_jsonld(tree) -> JsonLd | None:
    """The page's own article object, merged over all its JSON-LD blocks; None when it has none."""
    objects = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        data = _load(script.text)
        if data is not None:
            objects.extend(_flatten(data))
    if not objects:
        return None
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    if not articles:
        return None
    # Strong types first (a NewsArticle beats the VideoObject embedded in it), then the richest.
    articles.sort(key=lambda o: (not (_types(o) - _WEAK_TYPES), -len(o)))
    found = _read(articles[0], by_id)
    # Plugins add their own description of the same article (Yoast's @graph beside the theme's
    # NewsArticle), often naming only the first author: the fullest author list of the
    # objects about this headline wins.
    for other in articles[1:]:
        if not (_types(other) - _WEAK_TYPES):
            break  # sorted: the rest are embedded videos, web pages...
        if (_string(other.get("headline")) or _string(other.get("name"))) == found.headline:
            names = _people(other.get("author"), by_id)
            if len(names) > len(found.authors):
                found.authors = names
    return found


def _load(text: str):
    # Wrappers some CMSs keep around the JSON: HTML comments and commented-out CDATA markers.
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = _CDATA.sub("", text).strip().rstrip(";")
    for candidate in _readings(text):
        try:
            # The first JSON value: a stray closing brace or a second object after it (CMS
            # templates that close one block too many) does not cost the one before it.
            return _DECODER.raw_decode(candidate)[0]
        except ValueError:
            continue
    return None


_DECODER = json.JSONDecoder()
# What hand-written templates leave in JSON that JavaScript accepts: line comments (never the
# "//" of a URL, which follows a colon), single-quoted values, commas before a closing bracket.
_LINE_COMMENT = re.compile(r"(?m)(?<=[\s,{\[])//.*$")
_SINGLE_QUOTED = re.compile(r"(?<=:)(\s*)'((?:[^'\\\n]|\\.)*)'(?=\s*[,}\]])")
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


def _readings(text: str):
    """The block as written, then with control characters blanked, then repaired too; each
    only when the one before did not parse."""
    yield text
    yield _CONTROL.sub(" ", text)
    yield _CONTROL.sub(" ", _repaired(text))


def _repaired(text: str) -> str:
    text = _LINE_COMMENT.sub("", text)
    text = _SINGLE_QUOTED.sub(lambda m: m[1] + json.dumps(m[2]), text)
    return _TRAILING_COMMA.sub(r"\1", text)


def _flatten(data) -> list[dict]:
    """Top-level objects, those inside @graph, and lists of either."""
    out: list[dict] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            out.append(node)
            if "@graph" in node:
                stack.append(node["@graph"])
            main = node.get("mainEntity")
            if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
                stack.append(main)
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.rsplit("/", 1)[-1].lower()}
    if isinstance(t, list):
        return {x.rsplit("/", 1)[-1].lower() for x in t if isinstance(x, str)}
    return set()


def _read(obj: dict, by_id: dict) -> JsonLd:
    found = JsonLd(types=_types(obj) & ARTICLE_TYPES)
    found.headline = _string(obj.get("headline")) or _string(obj.get("name"))
    # creator is schema.org's wider word for the same; some CMSs name the outlet as author
    # and the reporter only there.
    found.authors = _people(obj.get("author"), by_id) or _people(obj.get("creator"), by_id)
    found.published = _string(obj.get("datePublished")) or _string(obj.get("dateCreated"))
    found.modified = _string(obj.get("dateModified"))
    found.url = _url(obj.get("url")) or _url(obj.get("mainEntityOfPage"))
    found.description = _string(obj.get("description"))
    found.sections = _strings(obj.get("articleSection"))
    lang = obj.get("inLanguage")
    found.language = _string(lang.get("name") if isinstance(lang, dict) else lang)
    found.body = _string(obj.get("articleBody"))
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = by_id.get(publisher.get("@id"), publisher)
    found.publisher = _string(publisher.get("name")) if isinstance(publisher, dict) else _string(publisher)
    return found


def _string(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return _unescaped(value).strip() or None if isinstance(value, str) else None


def _strings(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_unescaped(s).strip() for s in items if isinstance(s, str) and s.strip()]


def _unescaped(text: str) -> str:
    """Text of a value that a template HTML-escaped before writing it into JSON
    ("Volkswagen&#039;s", twice over: "K&amp;uuml;hlt&amp;uuml;rme"), and without the tags
    the entities spelled ("&lt;a href=..&gt;Dr. Sanjay Gupta&lt;/a&gt;")."""
    if "&" not in text:
        return text
    text = html.unescape(text)
    if "&" in text:
        text = html.unescape(text)  # escaped twice over
    return _TAG.sub("", text) if "<" in text else text


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _url(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    value = _string(value)
    return value if value and value.startswith(("http://", "https://", "/")) else None


def _people(value, by_id: dict) -> list[str]:
    """Author names; organisations are outlets, not authors, and are left out."""
    names: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict) and set(entry) <= {"@id", "@type"} and entry.get("@id") in by_id:
            entry = by_id[entry["@id"]]  # a reference into the @graph
        if isinstance(entry, dict):
            if _types(entry) & _ORG_TYPES:
                continue
            name = entry.get("name")
            if isinstance(name, dict):  # some CMSs nest it once more
                name = name.get("name") or name.get("@value")
            if not isinstance(name, str):
                given, family = entry.get("givenName"), entry.get("familyName")
                name = " ".join(n for n in (given, family) if isinstance(n, str))
            entry = name
        if isinstance(entry, str):
            name = entry.strip()
            if name and not name.startswith(("http://", "https://")) and name not in names:
                names.append(name)
    return names

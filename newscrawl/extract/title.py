"""The headline: the page's visible heading, in the form its meta titles vouch for.

Meta titles often carry the site's name ("Headline | Site") and og/JSON-LD titles are sometimes
an SEO variant; the heading is what readers see, but a page's first <h1> may be its logo, a
breadcrumb holding the SEO title, or text for screen readers only, and the visible headline
is then often an <h2>, split into a kicker and the headline. In order:
- a visible <h1> a meta title vouches for (equal, or a run of its segments between separators),
  in the form the title gives (with or without its kicker);
- a visible <h1> a meta title adds a topic ("Topic: Headline") or a subtitle to;
- a visible <h2> og:title or the article's JSON-LD headline vouches for;
- an <h1> saying most of a meta title's words (an SEO variant of it);
- the article's JSON-LD headline; the one visible <h1> sharing a word with the meta titles, or
  named by the URL where only a site-wide <title> speaks against it;
- the og/meta title without the site's name.
"""

from __future__ import annotations

import html
import re
import unicodedata
from itertools import islice
from urllib.parse import unquote, urlsplit

from newscrawl.extract import meta as m
from newscrawl.extract.dom import text_of
from pipelines.text import CJK

# Separators between a headline and the site's name in <title> and og:title.
# No plain colon: "Topic: Headline" is a kicker, and cutting it would cut headlines.
# Between non-Latin letters (Chinese, Japanese) titles use "-" and "_" without spaces.
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»/]{1,2}|::)(?:\s+[|\-–—·•»/]{1,2})*\s+|\s*[|｜：]\s*|_(?=[^_]+$)"
                        r"|(?<=[^\x00-\x7f])[-_](?=[^\x00-\x7f])")
# Where a title may be cut to vouch for a heading: also " : " and a colon before a name.
_CUT = re.compile(_SEPARATOR.pattern + r"|\s+:\s+|:(?=[^\s:])")
MAX_SITE_WORDS = 6  # a site name is short; a longer side is part of the headline
MAX_DEPTH = 8  # ancestors of a heading looked at for breadcrumbs, navigation, hidden blocks
MAX_H2 = 12  # the article's own <h2> headline comes early; later ones are sections and teasers
MIN_SHARED = 0.6  # of a meta title's words an unvouched <h1> must say to be the headline
# Signs that a heading is not the headline: a breadcrumb (which often holds the SEO title),
# the site's logo, text hidden from sight.
_CRUMB = re.compile(r"crumb|seo-?title", re.I)
_LOGO = re.compile(r"(?i)logo|site-?(?:title|name)|(?<![\w-])brand(?![\w-])")
_HIDDEN_CLASS = re.compile(r"(?i)(?<![\w-])(?:hidden|sr-only|visually-?hidden|screen-reader-text|aural|h?-?offscreen"
                           r"|element-invisible|hide|invisible|skiptranslate)(?![\w-])")
_END_SEP = re.compile(r"\s*[|:：\-–—_·•»/]+\s*$")
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_TRAILING = re.compile(r"[\s.。．!！]+$")
_CJK = re.compile(CJK + "+")


_LOOSE = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                        "„": '"', "‟": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"})


def _key(text: str | None) -> str:
    """Folded, and quotes and dashes made plain: a meta title often types "'" and "-" where the
    heading shows "’" and "–"; they still vouch for it (and the heading's own marks are kept)."""
    return fold(text).translate(_LOOSE)


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").replace("\xad", "").split()).casefold()


def clean(text: str | None) -> str | None:
    if not text:
        return None
    text = html.unescape(html.unescape(text)) if "&" in text else text  # some CMSs escape twice
    text = " ".join(text.replace("\xad", "").split())
    return text or None


def find_title(tree, meta: dict, ld_headline: str | None, *, trusted: bool = True,
               url: str | None = None) -> str | None:
    """`trusted`: the JSON-LD headline is an article's; a WebPage's name is only a meta title."""
    og, ld = clean(m.first(meta, ("og:title",))), clean(ld_headline)
    # og:title first: where the heading shows a kicker, it is the form the publisher chose to share.
    metas = [t for t in (og, ld, clean(m.first(meta, ("twitter:title",))), _html_title(tree)) if t]
    sites = _site_names(meta, url)
    seen: dict = {}
    found_h1, found_h2 = [], []
    for el in tree.iter("h1", "h2"):  # one walk over the tree for both
        (found_h1 if el.tag == "h1" else found_h2).append(el)
    h1s = _headings(found_h1, sites, seen)
    spans = [(t, _spans(t)) for t in metas]
    for heading in h1s:
        for _, keys in spans:
            found = heading.vouched(keys)
            if found:
                return found
    stripped = [strip_site(t, sites) for t in metas]
    for heading in h1s:
        found = _related(heading, metas, stripped, sites)
        if found:
            return found
    # An <h2> is the headline when the <h1>s are not (breadcrumbs, logos); sections and teasers
    # may echo the <title>, so then only og:title or the article's own headline vouch for one.
    strong = [k for t, k in spans if t == og or (t == ld and trusted)] or [k for _, k in spans]
    for heading in _headings(found_h2[:MAX_H2], sites, seen):
        for keys in strong:
            found = heading.vouched(keys)
            if found:
                return found
    for heading in h1s:
        # An SEO variant of the heading in the meta titles: most of their words in the heading.
        if any(_shared(heading.text, t) >= MIN_SHARED for t in stripped):
            return heading.text
    if ld and trusted:
        return ld
    if len(h1s) == 1 and (any(_shared(h1s[0].text, t, min_len=4) > 0 for t in metas)
                          or not (og or ld) and stripped and _site_wide(stripped[0], h1s[0], url)):
        # The one visible <h1> naming the same thing as the meta titles ("MinusL Joghurts" on
        # "Joghurt | MinusL"), or the one its URL names over a site-wide <title>; not a widget's
        # or a section's heading that shares no word with them.
        return h1s[0].text
    if stripped:
        return stripped[0]
    return h1s[0].text if h1s else None


def _related(heading: _Heading, metas: list[str], stripped: list[str], sites: set[str]) -> str | None:
    """The heading where a meta title adds a topic or a subtitle to it."""
    if heading.kicker is None:
        # "Topic: Headline" in a meta title, the heading without its topic: the topic belongs.
        for title in stripped:
            for at in (i for i in range(len(title)) if title.startswith(": ", i)):
                if _key(title[at + 2:]) == _key(heading.text) and fold(title[:at]) not in sites:
                    return f"{title[:at]}: {heading.text}"
    key = _key(heading.headline)
    # The headline with a kicker of its own ("Topic - Headline") and another one in the meta title.
    if len(key) > 20 and any(_key(t).endswith(key) for t in metas):
        return heading.headline
    # The headline with a subtitle or the site's description after it in the meta title.
    if len(heading.text.split()) >= 3 and any(_starts_with(_key(t), _key(heading.text)) for t in metas):
        return heading.text
    return None


def _site_wide(title: str, heading: _Heading, url: str | None) -> bool:
    """A <title> the page's URL does not name while it names the page's one heading is one
    its site gives every page ("Ausflugtipps Niederrhein und Ruhrgebiet" over "Essen-Westviertel"
    at .../essenwestviertel.htm); a logo <h1> ("L-Mag") is in no article's URL."""
    path = re.sub(r"[\W_]", "", fold(unquote(urlsplit(url or "").path)))
    named = {w for w in _words(heading.text) if len(w) >= 4}
    return bool(named) and all(w in path for w in named) and not any(
        len(w) >= 4 and w in path for w in _words(title) - named)


def _starts_with(title: str, heading: str) -> bool:
    return title.startswith(heading) and bool(re.match(r"\s*[:|\-–—·•»/(]", title[len(heading):]))


class _Heading:
    """A visible heading: its text, and for "<span>Kicker</span><span>Headline</span>" both parts."""

    __slots__ = ("text", "kicker", "headline")

    def __init__(self, text: str, kicker: str | None, headline: str):
        self.text, self.kicker, self.headline = text, kicker, headline

    def vouched(self, spans: list[str]) -> str | None:
        """This heading in the form a meta title (or a run of its segments) gives; the longest
        run first, so "Kicker / Headline - Site" keeps the kicker its title shows."""
        text = _key(self.text)
        if self.kicker is None:
            return self.text if text in spans else None
        kicker, headline, plain = _key(self.kicker), _key(self.headline), _key(f"{self.kicker} {self.headline}")
        for span in spans:
            if span in (text, plain):
                return self.text if span == text else f"{self.kicker} {self.headline}"
            if span == headline:
                return self.headline
            if span.startswith(kicker) and span.endswith(headline) and len(span) > len(kicker) + len(headline):
                middle = span[len(kicker):len(span) - len(headline)]
                if _PUNCT_ONLY.match(middle):  # "Kicker / Headline": the title's separator
                    sep = middle.strip()
                    sep = f"{sep} " if sep in ":,.!?" else f" {sep} "
                    return f"{self.kicker}{sep}{self.headline}"
        return None


def _headings(elements: list, sites: set[str], seen: dict) -> list[_Heading]:
    """The visible headings among `elements`; `seen` remembers which elements disqualify what
    they hold (the <h1> and <h2> passes share ancestors)."""
    out = []
    for el in elements:
        if _not_headline(el, sites, seen):
            continue
        parts = _parts(el)
        if len(parts) == 2 and parts[0][1]:
            kicker, headline = parts[0][0], parts[1][0]
            # Shown on two lines; read as one, a colon joins them (unless the kicker ends a sentence).
            joined = f"{kicker} {headline}" if kicker.endswith((":", "?", "!", ".")) else f"{kicker}: {headline}"
            out.append(_Heading(joined, kicker, headline))
        elif parts:
            text = clean(_visible_text(el))
            if text:
                out.append(_Heading(text, None, text))
    return out


def _parts(el) -> list[tuple[str, bool]]:
    """The heading's text pieces, each with whether it is a child element (a kicker can only be one);
    hidden helper text and pure punctuation (": ", " - " between kicker and headline) left out."""
    if not len(el):
        text = clean(el.text)
        return [(text, False)] if text else []
    parts = []
    for text, is_child in [(el.text, False)] + [x for child in el for x in ((_visible_text(child), True),
                                                                              (child.tail, False))]:
        text = clean(text)
        if text and not _PUNCT_ONLY.match(text):
            parts.append((text, is_child))
    return parts


def _visible_text(el) -> str:
    """Text content without the parts hidden from sight (" | Site" for screen readers)."""
    if not isinstance(el.tag, str) or _hidden(el):
        return ""
    return (el.text or "") + "".join(_visible_text(child) + (child.tail or "") for child in el)


def _hidden(el) -> bool:
    attrib = el.attrib
    if not attrib:
        return False
    return (attrib.get("aria-hidden") == "true" or "hidden" in attrib
            or "none" in (attrib.get("style") or "") and "display:none" in attrib["style"].replace(" ", "")
            or bool(_HIDDEN_CLASS.search(attrib.get("class") or "")))


def _disqualifies(node) -> bool:
    """A breadcrumb, navigation, something hidden, an alternative headline, a link home."""
    if node.tag == "nav":
        return True
    attrib = node.attrib
    if not attrib:
        return False
    if _hidden(node) or attrib.get("itemprop") == "alternativeHeadline":
        return True
    if node.tag == "a" and "href" in attrib and _links_home(node):
        return True  # a heading inside a link to the front page is the site's logo
    return bool(_CRUMB.search(" ".join(f"{name} {value}" for name, value in attrib.items()
                                       if name in ("class", "id", "itemtype") or name.startswith("data-"))))


def _not_headline(el, sites: set[str], seen: dict) -> bool:
    """A heading in a breadcrumb or navigation, hidden, or the site's logo."""
    # Breadcrumbs and hidden blocks sit close to their heading; a marker far up the tree (a
    # <body data-breadcrumb=...>) says nothing about it.
    for node in (el, *islice(el.iterancestors(), MAX_DEPTH)):
        bad = seen.get(node)
        if bad is None:
            bad = seen[node] = _disqualifies(node)
        if bad:
            return True
    if _LOGO.search(el.get("class") or "") or _LOGO.search(el.get("id") or ""):
        return True
    text = fold(text_of(el))
    if text in sites:
        return True
    links = el.findall(".//a")
    # A heading that only links to the site's front page is its logo.
    return len(links) == 1 and _links_home(links[0]) and fold(text_of(links[0])) == text


def _links_home(a) -> bool:
    return urlsplit(a.get("href") or "").path in ("", "/")


def _spans(title: str) -> list[str]:
    """The folded title and its runs of segments between separators that keep its longest
    segment, longest first: "Headline - Section - Site" vouches for "Headline - Section" and
    "Headline"."""
    key = _key(title)
    spans = {key, _TRAILING.sub("", key)}
    pieces = _CUT.split(key)
    if len(pieces) < 2:
        return sorted(spans, key=len, reverse=True)
    seps = _CUT.findall(key)
    longest = max(range(len(pieces)), key=lambda i: len(pieces[i]))
    for start in range(longest + 1):
        for end in range(longest, len(pieces)):
            out = pieces[start]
            for i in range(start, end):
                out += seps[i] + pieces[i + 1]
            out = out.strip()
            spans.update((out, _TRAILING.sub("", out)))
    return sorted(spans, key=len, reverse=True)


def _shared(heading: str, title: str, min_len: int = 1) -> float:
    """Share of the title's words (character pairs in Chinese and Japanese) the heading says too."""
    words = {w for w in _words(title) if len(w) >= min_len}
    return len(words & _words(heading)) / len(words) if words else 0.0


def _words(text: str) -> set[str]:
    key = fold(text)
    words = set(re.findall(r"\w+", _CJK.sub(" ", key)))
    for run in _CJK.findall(key):
        words.update(run[i:i + 2] for i in range(max(1, len(run) - 1)))
    return words


def _site_names(meta: dict, url: str | None) -> set[str]:
    names = {fold(name) for name in (m.first(meta, ("og:site_name",)), m.first(meta, ("application-name",))) if name}
    host = urlsplit(url or "").hostname or ""
    labels = [x for x in host.split(".") if x != "www"]
    if len(labels) >= 2:
        labels.pop()  # the top-level domain
        if len(labels) >= 2 and len(labels[-1]) <= 3:  # co.jp, com.br
            labels.pop()
        names.add(labels[-1])
    return {n for n in names if n}


def strip_site(title: str, sites: set[str] | str = frozenset()) -> str:
    """"Headline | Site" -> "Headline": cut short end segments that name the site."""
    sites = {sites} if isinstance(sites, str) else sites
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return _cut_known_site(title, sites)
    seps = _SEPARATOR.findall(title)
    # "Site » Headline": with the site's name in front, a short segment at the end is the headline.
    leading = _names_site(parts[0], sites)
    while len(parts) > 1 and _names_site(parts[0], sites):
        parts.pop(0)
        seps.pop(0)
    # Drop trailing short segments; the headline is what is left in the middle.
    while len(parts) > 1 and (_names_site(parts[-1], sites) if leading else _site_like(parts[-1], sites, parts[:-1])):
        parts.pop()
        seps.pop()
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return _cut_known_site(out.strip(), sites)


def _cut_known_site(title: str, sites: set[str]) -> str:
    """"Headline:Site" with any separator, when the site's name is known ("... about Spiegel"
    without a separator keeps its last word)."""
    for site in sites:
        head = title[: -len(site)]
        if len(site) > 3 and len(head) > 8 and fold(title[-len(site):]) == site and _END_SEP.search(head):
            return _END_SEP.sub("", head)
    return title


def _names_site(segment: str, sites: set[str]) -> bool:
    """The segment is a site's name or holds it as whole words: "Four Years Remaining" holds
    fouryears.eu's, "Die Neue Südtiroler Tageszeitung" tageszeitung.it's; "Zeitumstellung"
    does not hold zeit.de's."""
    key = fold(segment)
    words = re.findall(r"[^\W_]+", key)
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 4) + 1)}
    return any(key == s or (len(s) >= 3 and re.sub(r"[\W_]", "", s) in runs) for s in sites)


def _site_like(segment: str, sites: set[str], rest: list[str]) -> bool:
    key = fold(segment)
    if not key:
        return True
    if any(key in s for s in sites if len(key) >= 3) or _names_site(segment, sites):
        return True
    words = key.split()
    longest_rest = max(len(fold(r)) for r in rest)
    return len(words) <= MAX_SITE_WORDS and len(key) < longest_rest and not key.endswith(("?", "!"))


def _html_title(tree) -> str | None:
    title = tree.find("head/title")
    if title is None:
        title = next(tree.iter("title"), None)
    return clean(text_of(title)) if title is not None else None

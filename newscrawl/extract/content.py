"""Main content by scoring containers: a fast first try at the body on the tree we already have.

Paragraph-like blocks (p, subheadings, list items, quotes, pre, and the runs of text between
<br>s outside them) with enough prose and few links vote for the containers above them, nearer ones more (an article body often splits its
paragraphs over several wrappers between ads). The best container's blocks in page order are
the body. Blocks inside boxes (navigation, asides, captions, comments, related stories, named
by tag or by a whole class/id word) neither vote nor count.

It answers only when it is sure (see `main_text`); the caller then falls back to a full
extractor, so this module may stay simple and strict.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile

from newscrawl.extract.dom import collapse_space
from pipelines.text import text_size

# Blocks that carry text; a block that holds another block gives way to it (innermost only).
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd")
# Children that end a run of a <br> holder's own text (their text is counted on its own).
_BREAKS = frozenset({"p", "div", "section", "article", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5",
                     "h6", "blockquote", "pre", "hr", "figure", "aside", "nav", "header", "footer", "form"})
# Not page text in a container's size. (Box tags are counted on purpose: text in boxes inside the
# chosen container means a messy one, better left to trafilatura; dropping them let page wrappers through.)
_NOT_TEXT_TAGS = ("script", "style")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Subtrees that are never the story's text.
_BOX_TAGS = frozenset({"nav", "aside", "footer", "header", "figure", "figcaption", "form", "button",
                       "select", "noscript", "template", "iframe", "svg", "h1", "video", "audio", "object",
                       "embed", "picture", "canvas", "map", "dialog"})
# Class/id names that name a box. Words a name is made of ("related-posts", "ArticleFooter_x")
# for the unambiguous ones; whole names only for short or common ones, which as parts mean
# something else ("overflow-hidden", "non-ad-column", "author-jane-doe", "container-widget-content").
_BOX_PARTS = frozenset({
    "comment", "comments", "related", "recommended", "recommendations", "sidebar", "footer",
    "caption", "newsletter", "promo", "outbrain", "taboola", "breadcrumb", "breadcrumbs", "share",
    "sharing", "social", "advert", "advertisement", "subscribe", "signup", "navbar", "navigation",
    "disqus", "copyright", "cookie", "consent", "modal", "bio",
})
_BOX_NAMES = frozenset({
    "ad", "ads", "nav", "menu", "hidden", "widget", "meta", "author", "byline", "tags", "teaser",
    "teasers", "banner", "credit", "credits", "popular", "trending", "toolbar", "skip", "replies",
    "reply",
})
# ... and names that start with an ad word ("ad-slot", "ads_top"), not those that only hold one.
_AD_STARTS = ("ad-", "ad_", "ads-", "ads_")
_BOX_PREFIXES = ("has-", "has_", "with-", "no-", "is-", "category-", "tag-", "cat-", "post-", "page-", "single-",
                 "layout-", "template-")
_JOINERS = frozenset({"with", "and", "plus"})
_WORD = re.compile(r"[\s_\-]+")
_PUNCT = re.compile(r"[,.;:!?،。、，]")

MIN_PROSE = 40  # characters: a shorter block does not vote (a label, a date, a button)
MAX_LINK_SHARE = 0.35  # a block more link text than this is navigation, not prose
DECAY = 0.5  # a container gets this share of the votes of each level further down
MIN_BODY = 500  # characters the chosen container must hold to be trusted
MIN_SHARE = 0.8  # ... and this share of all the page's voting prose
WIDEN_SHARE = 0.5  # prose beside the container, as a share of its own, that still joins it
MAX_WIDEN = 3  # levels up
MAX_LOOSE = 0.4  # ... and at most this share of its text may sit outside the body (bare divs, boxes)


def main_text(tree) -> str | None:
    """The body as blank-line separated paragraphs, or None when the page is not clear-cut."""
    boxed: dict = {}
    text = _scored_text(tree, boxed)
    if text is None:
        # A class name may call the story's own wrapper a box ("m-advertisement-off-canvas--pusher",
        # "article widget", ASP.NET's page-wide <form>): where a box held the headline, once more
        # with what holds the <h1> taken as no box.
        holders = _headline_holders(tree)
        if any(boxed.get(el) for el in holders):
            text = _scored_text(tree, holders)
    return text


def _scored_text(tree, boxed: dict) -> str | None:
    """main_text's scoring; `boxed` holds box verdicts known beforehand and gathers the rest."""
    blocks = []  # (element, text, prose?, link characters, a run of the element's own text?)
    for el in _blocks(tree):
        if _in_box(el, boxed):
            continue
        text = collapse_space(_unboxed_text(el))
        if not text:
            continue
        # A block inside a link (a teaser card wrapped in <a>) is all link text.
        links = len(text) if next(el.iterancestors("a"), None) is not None else sum(
            len(a.text_content()) for a in el.iter("a"))
        prose = len(text) >= MIN_PROSE and links <= MAX_LINK_SHARE * len(text) and el.tag not in _HEADINGS
        blocks.append((el, text, prose, links, False))
    for holder in _br_holders(tree):
        if _in_box(holder, boxed):
            continue
        for text, links in _runs(holder):
            blocks.append((holder, text, len(text) >= MIN_PROSE and links <= MAX_LINK_SHARE * len(text), links, True))
    scores: dict = {}
    held: dict = {}  # prose characters under each container
    prose_total = 0
    for el, text, prose, _, run in blocks:
        if not prose:
            continue
        prose_total += len(text)
        vote = 1 + min(len(text), 800) / 100 + min(len(_PUNCT.findall(text)), 20) / 4
        weight = 1.0
        for anc in el.iterancestors() if not run else (el, *el.iterancestors()):
            if anc.tag in ("body", "html"):
                break
            held[anc] = held.get(anc, 0) + len(text)
            if weight >= 0.1:
                scores[anc] = scores.get(anc, 0.0) + vote * weight
                weight *= DECAY
    if not scores:
        return None
    best = _widen(max(scores, key=scores.get), held)
    if held[best] < MIN_SHARE * prose_total:
        return None
    inside = [(el, text, prose, links) for el, text, prose, links, run in blocks
              if (run and el is best) or _within(el, best)]
    if held[best] < MIN_BODY and sum(text_size(text) for _, text, prose, _ in inside if prose) < MIN_BODY:
        return None  # measured in Latin-script characters: 200 of Japanese say what 600 do here
    parts = [text for el, text, prose, links in inside if links <= 0.5 * len(text)]
    body = "\n\n".join(parts)
    whole = _visible_size(best)
    if whole - len(body) > MAX_LOOSE * whole:
        return None  # much text outside blocks: paragraphs as bare divs or spans the blocks do not see
    return body


def _blocks(tree) -> list:
    """Innermost blocks in page order (one walk; an XPath test for block descendants of every
    block costs twice as much)."""
    body = tree.find("body")
    found = list(body.iter(_BLOCK_TAGS)) if body is not None else []
    holders = set()
    for el in found:
        for anc in el.iterancestors(_BLOCK_TAGS):
            holders.add(anc)
            break  # the nearest is enough: it is itself in found and marks its own
    return [el for el in found if el not in holders]


def _unboxed_text(el) -> str:
    """The block's text without the boxes inside it (a gallery <li> holding its photo's caption
    <div class="caption-full">)."""
    if not any(_is_box(d) for d in el.iterdescendants()):
        return el.text_content()
    parts = [el.text or ""]
    for child in el:
        if not _is_box(child):
            parts.append(_unboxed_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _visible_size(container) -> int:
    """Characters of the container's text without what is no body text by tag: JSON-LD scripts
    (kept on the tree for the date readers), the headline, figures and other box tags."""
    size = len(collapse_space(container.text_content()))
    seen = set()
    for el in container.iter(_NOT_TEXT_TAGS):
        if any(a in seen for a in el.iterancestors()):
            continue
        seen.add(el)
        size -= len(collapse_space(el.text_content()))
    return size


def _br_holders(tree) -> list:
    """Elements (outside blocks) whose own text is paragraphs separated by <br>s."""
    body = tree.find("body")
    holders = {}
    for br in body.iter("br") if body is not None else ():
        parent = br.getparent()
        if parent is not None and parent.tag not in _BLOCK_TAGS and parent not in holders \
                and next(parent.iterancestors(_BLOCK_TAGS), None) is None:
            holders[parent] = None
    return list(holders)


def _runs(holder):
    """The holder's own text split at <br>s and at child blocks, with inline children's text;
    (text, link characters) per non-empty run."""
    parts, links = [holder.text or ""], 0
    for child in holder:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br" or tag in _BREAKS:
            text = collapse_space("".join(parts))
            if text:
                yield text, links
            parts, links = [], 0
        elif tag and tag not in _BOX_TAGS:
            inner = child.text_content()
            parts.append(inner)
            if tag == "a":
                links += len(inner.strip())
        parts.append(child.tail or "")
    text = collapse_space("".join(parts))
    if text:
        yield text, links


def _widen(best, held: dict):
    """The best container's ancestor when it adds a little prose: a lead paragraph or the part
    of a body behind a "read on" wrapper sits beside the container that holds most paragraphs.
    Much more prose beside it is something else (another story, a list of them)."""
    first = best
    for anc in list(best.iterancestors())[:MAX_WIDEN]:
        # A body cut into chunks between ad rails repeats its container's class for each chunk:
        # the other chunks are the body too, not prose beside it.
        extra = held.get(anc, 0) - max(held[best], _held_by_twins(anc, first, held))
        if extra > WIDEN_SHARE * held[best]:
            break
        if held.get(anc, 0) > held[best]:
            best = anc
    return best


def _held_by_twins(scope, container, held: dict) -> int:
    """Prose held by the elements under `scope` with `container`'s tag and class (itself
    included), in the same <article>: the bodies of several posts on one page are no chunks."""
    name = container.get("class")
    if not name:
        return 0
    story = next(container.iterancestors("article"), None)
    return sum(held.get(el, 0) for el in scope.iter(container.tag)
               if el.get("class") == name and next(el.iterancestors("article"), None) is story)


def _within(el, container) -> bool:
    for anc in el.iterancestors():
        if anc is container:
            return True
    return False


def _headline_holders(tree) -> dict:
    """The <h1>'s ancestors, as "no box" verdicts. Box tags that hold it (a <header>) stay
    boxes: the story's text is beside them, not in them; a form may be the whole page."""
    holders: dict = {}
    for h1 in tree.iter("h1"):
        for anc in h1.iterancestors():
            if anc in holders or anc.tag in ("body", "html"):
                break
            if anc.tag not in _BOX_TAGS or anc.tag == "form":
                holders[anc] = False
    return holders


def _in_box(el, boxed: dict) -> bool:
    """True when el or an ancestor is a box (answers cached per ancestor)."""
    chain = []
    node = el
    verdict = False
    while node is not None:
        known = boxed.get(node)
        if known is not None:
            verdict = known
            break
        if node.tag in ("body", "html"):
            break
        chain.append(node)
        if _is_box(node):
            verdict = True
            break
        node = node.getparent()
    for n in chain:
        boxed[n] = verdict
    return verdict


def _is_box(el) -> bool:
    tag = el.tag
    if not isinstance(tag, str) or tag in _BOX_TAGS:
        return True
    if tag == "article" and any(a.tag == "article" for a in el.iterancestors()) and el.find(".//h1") is None:
        return True  # a story inside the story, without the page's headline: a teaser of another one
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and _names_box(names)


@lru_cache(maxsize=4096)
def _names_box(names: str) -> bool:
    """Class/id names that mark a box (cached: pages repeat the same names on many elements)."""
    for name in names.lower().split():
        if name.startswith(_BOX_PREFIXES):
            continue
        if name in _BOX_NAMES or name.startswith(_AD_STARTS):
            return True
        # Words after "with"/"and" name what sits beside it: "content-with-sidebar-wrp" is the
        # content column, "article-and-social" the story with its share bar.
        if not _BOX_PARTS.isdisjoint(takewhile(lambda word: word not in _JOINERS, _WORD.split(name))):
            return True
    return False

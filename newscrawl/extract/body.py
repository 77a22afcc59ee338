"""Article body text as paragraphs: our container scoring where the page is clear-cut,
trafilatura's main-content extraction elsewhere."""

from __future__ import annotations

import logging
import re
from copy import deepcopy

import trafilatura
from lxml import etree

from newscrawl.extract.content import main_text
from newscrawl.extract.dom import select, text_of
from pipelines.clean import is_placeholder
from pipelines.text import text_size

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every page it finds thin
RETRY_BELOW = 1500  # Latin-script characters: a shorter first pass may be retried with trafilatura's fallbacks
RETRY_MISSING = 2.0  # ... when the page's paragraphs hold this many times what it found


def extract_body(tree, url: str | None = None, selector: str | None = None) -> str:
    """Body paragraphs separated by a blank line; "" when the page has none (trafilatura
    works on its own copy of the tree)."""
    if selector:
        parts = [text_of(el) for el in select(tree, selector)]
        text = "\n\n".join(p for p in parts if p)
        if text:
            return text
    # Container scoring answers on about two pages in three, in a few milliseconds; trafilatura
    # costs ten times that and is kept for the pages it is not sure of (no clear winner,
    # paragraphs made of <br>s, little text).
    text = main_text(tree)
    if text is None:
        text = _trafilatura_text(tree, url)
    # The project's form is a blank line between paragraphs. Template filler ("Lorem ipsum" in
    # a widget) is dropped here, or the whole article would be dropped as a placeholder.
    return "\n\n".join(p for p in (line.strip() for line in text.splitlines()) if p and not is_placeholder(p))


def _trafilatura_text(tree, url) -> str:
    """trafilatura alone first; its comparison with readability and jusText doubles the cost
    and only pays off where the first pass found little of what the page's <p>s say (on most
    short first passes the page has no more to give). One paragraph per line."""
    lean = _without_discarded(tree)  # trafilatura copies its input: one copy serves both runs
    text = _trafilatura(lean, url, fast=True) or ""
    if text_size(text) < RETRY_BELOW and _paragraph_chars(tree) > RETRY_MISSING * len(text):
        text = _trafilatura(lean, url, fast=False) or text
    return text


# Elements trafilatura's own cleaning deletes anyway. Taken out first, they are no longer in
# the tree its raw-tree XPath passes scan before that cleaning (a third of a typical page):
# the same text (one bench page of 160 loses a stray nav link), a sixth less of its time.
# (read_metadata has dropped scripts and styles already, all but the JSON-LD that
# trafilatura's rescue pass reads articleBody from.)
_DISCARDED = ("aside", "footer", "nav", "svg", "link", "picture", "source", "video", "audio", "canvas",
              "embed", "object")


def _without_discarded(tree):
    lean = deepcopy(tree)
    etree.strip_elements(lean, *_DISCARDED, with_tail=False)
    return lean


def _paragraph_chars(tree) -> int:
    return sum(len(text_of(p)) for p in tree.iter("p"))


def _trafilatura(tree, url, *, fast: bool) -> str | None:
    return trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, with_metadata=False,
        deduplicate=False, output_format="txt", fast=fast,
    )


def keep_structured(text: str, structured: str) -> str:
    """The extracted paragraphs that the publisher's own articleBody (JSON-LD) also has.

    articleBody is the clean text but often without paragraph breaks, and sometimes cut
    short; the extractor keeps paragraphs but picks up boxes and captions. So a paragraph
    stays when most of its word 4-grams are in articleBody; when that would drop most of
    the text, the two do not describe the same thing and the extracted text stays as is.
    """
    known = _shingles(structured)
    if not known:
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if _covered(p, known)]
    if sum(map(len, kept)) < MIN_KEPT * len(text):
        return text
    return "\n\n".join(kept)


MIN_KEPT = 0.6  # share of the extracted text that must survive for the filter to apply
_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.casefold())
    return {tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)}


def _covered(paragraph: str, known: set) -> bool:
    own = _shingles(paragraph)
    if not own:  # under four words: kept, nothing to judge by
        return True
    return len(own & known) >= len(own) / 2

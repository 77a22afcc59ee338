"""Article body text: trafilatura's main-content extraction, as paragraphs."""

from __future__ import annotations

import logging
import re

import trafilatura

from newscrawl.extract.dom import select, text_of
from pipelines.clean import is_placeholder

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every page it finds thin
_BLANK = re.compile(r"\n\s*\n+")


def extract_body(tree, url: str | None = None, selector: str | None = None) -> str:
    """Body paragraphs separated by a blank line; "" when the page has none.

    trafilatura prunes the tree it is given, so callers pass a copy (or read everything else first).
    """
    if selector:
        parts = [text_of(el) for el in select(tree, selector)]
        text = "\n\n".join(p for p in parts if p)
        if text:
            return text
    text = trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=False, with_metadata=False,
        deduplicate=False, output_format="txt",
    )
    if not text:
        return ""
    # trafilatura puts one paragraph per line; the project's form is a blank line between them.
    # Template filler ("Lorem ipsum" in a widget) is dropped here, or the whole article would
    # be dropped as a placeholder.
    return "\n\n".join(p for p in (line.strip() for line in text.splitlines()) if p and not is_placeholder(p))

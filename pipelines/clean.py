"""First cleaning step: normalize text fields, drop placeholders, peel the lead off teasers."""

from __future__ import annotations

from pipelines.lead import split_labels, split_lead
from pipelines.text import clean_line, clean_text, strip_marker
from pipelines.urls import canonical_url

# Filler text from templates and unfinished pages, never a story.
_PLACEHOLDER_PHRASES = ("lorem ipsum", "dolor sit amet", "consectetur adipiscing")


def is_placeholder(text: str) -> bool:
    low = text.lower()
    return any(phrase in low for phrase in _PLACEHOLDER_PHRASES)


def clean_item(item):
    """Normalize an ArticleItem in place and return it.

    A teaser loses its marker and, when the source did not separate them, the date, labels,
    dateline and byline glued in front of its text.
    """
    if item.kind == "teaser":
        # Split before folding whitespace: a run of spaces can be all that ends a byline.
        item.text = strip_marker(item.text or "")
        if item.byline_raw is None and item.date_raw is None:
            lead = split_lead(item.text)
            item.text, item.byline_raw, item.date_raw = lead.text, lead.byline_raw, lead.date_raw
            item.dateline = lead.dateline
            _add_categories(item, lead.categories)
    item.text = clean_text(item.text or "")
    for name in ("title", "byline_raw", "date_raw", "modified_raw", "url", "dateline", "description"):
        setattr(item, name, clean_line(getattr(item, name) or "") or None)
    item.url = canonical_url(item.url)
    item.authors_raw = [a for a in (clean_line(a) for a in item.authors_raw) if a]
    item.categories = [c for c in (clean_line(c) for c in item.categories) if c]
    if item.byline_raw:
        labels, item.byline_raw = split_labels(item.byline_raw)
        _add_categories(item, labels)
    return item


def _add_categories(item, labels) -> None:
    item.categories += [label for label in labels if label not in item.categories]

"""Teasers against full bodies: keys, the match test, the candidate index and the merge rules.

An article is a plain dict with the columns of the `articles` table; the storage layer loads
the candidates of a batch into an ArticleIndex, resolves each item here, and writes back what
changed. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from difflib import SequenceMatcher

from pipelines.text import words
from pipelines.urls import page_key

KEY_WORDS = 8  # words in a key: enough to tell stories apart, few enough for a short teaser
MAX_SKIP = 12  # leftover lead words (byline, labels) a teaser may carry before its text
MIN_WORDS = 5  # a shorter teaser proves nothing
NEAR_MATCH = 0.9  # "or nearly so": a corrected typo or a changed quote mark is the same text

# Metadata a teaser may fill in when the article lacks it; a full page's own values win.
FILLABLE = ("url", "title", "site", "byline", "outlet", "role", "column_name", "dateline", "language",
            "published_at", "published_precision", "published_raw", "published_origin", "modified_at",
            "description")


def _digest(tokens: list[str]) -> str:
    return hashlib.blake2b(" ".join(tokens).encode(), digest_size=8).hexdigest()


def fingerprint(text: str) -> str:
    """Identity of a cleaned text without a URL; texts that differ only in typography are
    still found as the same article through their keys."""
    return hashlib.blake2b(text.casefold().encode(), digest_size=12).hexdigest()


def body_key(text: str) -> str:
    return _digest(words(text[:1000])[:KEY_WORDS])  # eight words fit in far fewer characters


def teaser_keys(text: str) -> list[str]:
    """Keys at each offset the teaser's text may start at; the first is the teaser's own key."""
    tokens = words(text)[:-1]  # the last word may be cut short
    if len(tokens) < KEY_WORDS:
        return [_digest(tokens)] if len(tokens) >= MIN_WORDS else []
    last = min(MAX_SKIP, len(tokens) - KEY_WORDS)
    return [_digest(tokens[j : j + KEY_WORDS]) for j in range(last + 1)]


def is_teaser_of(teaser: str, body: str) -> bool:
    """True when the teaser, cut and marked, is the start of the body (or nearly so)."""
    t = words(teaser)[:-1]
    if len(t) < MIN_WORDS:
        return False
    b = words(body[: 2 * len(teaser) + 200])
    head = min(KEY_WORDS, len(t))
    for j in range(min(MAX_SKIP, len(t) - head) + 1):
        if t[j : j + head] == b[:head]:
            rest = t[j:]
            if rest == b[: len(rest)]:
                return True
            # Share of the teaser's words found, in order, at the head of the body.
            blocks = SequenceMatcher(None, rest, b[: len(rest) + 3], autojunk=False).get_matching_blocks()
            return sum(block.size for block in blocks) >= NEAR_MATCH * len(rest)
    return False


class ArticleIndex:
    """The articles of one batch, found by URL, fingerprint or key."""

    def __init__(self, articles=()):
        self.by_url: dict[str, dict] = {}
        self.by_fingerprint: dict[str, dict] = {}
        self.by_key: dict[str, list[dict]] = defaultdict(list)
        for article in articles:
            self.add(article)

    def add(self, article: dict) -> None:
        # Called again after an article changes; stale entries are harmless because every
        # candidate is verified before use.
        if article["url"]:
            self.by_url[page_key(article["url"])] = article
        if article["fingerprint"]:
            self.by_fingerprint[article["fingerprint"]] = article
        bucket = self.by_key[article["dedupe_key"]]
        if not any(a is article for a in bucket):
            bucket.append(article)

    def candidates(self, keys):
        seen = set()
        for key in keys:
            for article in self.by_key.get(key, ()):
                if id(article) not in seen:
                    seen.add(id(article))
                    yield article


def find_article(item, index: ArticleIndex) -> dict | None:
    """The stored article this item belongs to, or None for a new one."""
    if item.url and (found := index.by_url.get(page_key(item.url))) is not None:
        return found
    same = index.by_fingerprint.get(item.fingerprint)
    if same is not None and _urls_agree(same, item):
        return same
    for article in sorted(index.candidates(item.dedupe_keys), key=_age):
        if not _urls_agree(article, item):
            continue
        stored = article["body"] or article["teaser"] or ""
        if item.kind == "full" and article["status"] == "full":
            shorter, longer = sorted((stored, item.text), key=len)
            if is_teaser_of(shorter, longer):
                return article
        elif item.kind == "full":
            if is_teaser_of(stored, item.text):
                return article
        elif is_teaser_of(item.text, stored) or (article["status"] == "teaser" and is_teaser_of(stored, item.text)):
            return article
    return None


def _age(article: dict):
    # Oldest first, new ones of this batch (no id yet) last: the outcome must not depend on
    # the order rows come back in.
    return (article["id"] is None, article["id"] or 0)


def _urls_agree(article: dict, item) -> bool:
    return not (article["url"] and item.url and page_key(article["url"]) != page_key(item.url))


def new_article(item) -> tuple[dict, set[str]]:
    """A new article from its first item; returns it with the names of the fields it set."""
    article = {name: None for name in ("id", "teaser", "body", "fetched_at", *FILLABLE)}
    article.update(status=item.kind, authors=[], categories=[], fingerprint=None, dedupe_key=None)
    _, changed = merge(article, item)
    return article, changed


def merge(article: dict, item) -> tuple[str, set[str]]:
    """Fold an item into an article; returns (outcome, names of the changed fields).

    Outcomes: "upgraded" (a teaser-only article got its body), "merged" (a teaser attached to a
    full article), "updated" (a longer body or new metadata), "unchanged".
    """
    changed: set[str] = set()
    outcome = "unchanged"
    page_wins = False
    if item.kind == "full":
        stored = article["body"] or ""
        refetched = _refetch(article, item)
        longer = len(item.text) > len(stored) and refetched is not False
        if article["status"] == "teaser" or longer or refetched:
            outcome = "upgraded" if article["status"] == "teaser" else "updated"
            page_wins = article["status"] == "teaser" or bool(refetched)
            _set(article, changed, "status", "full")
            _set(article, changed, "body", item.text)
            _set(article, changed, "fetched_at", item.fetched_at)
            _set_identity(article, changed, item)
    elif not article["teaser"]:
        outcome = "merged" if article["status"] == "full" else "updated"
        _set(article, changed, "teaser", item.text)
        if article["status"] == "teaser":
            _set_identity(article, changed, item)

    values = _item_values(item)
    for name in FILLABLE:
        value = values.get(name)
        if value is not None and (article[name] is None or page_wins):
            _set(article, changed, name, value)
    if item.authors and (not article["authors"] or page_wins):
        _set(article, changed, "authors", list(item.authors))
    extra = [c for c in item.categories if c not in article["categories"]]
    if extra:
        _set(article, changed, "categories", article["categories"] + extra)
    if changed and outcome == "unchanged":
        outcome = "updated"
    return outcome, changed


def _refetch(article: dict, item) -> bool | None:
    """Is the item the article's own page fetched again with other text, and the newer copy?

    True: the page as it is now wins. False: an older copy of the same page (an earlier
    dateModified, or fetched before the stored body), which never replaces it, even when longer.
    None: not the same page, or nothing to tell. Without a URL a shorter body may be a cut copy,
    so only pages known by URL are replaced.
    """
    if not (item.url and article["url"] and article["status"] == "full" and item.text != article["body"]):
        return None
    if page_key(item.url) != page_key(article["url"]):
        return None
    for ours, theirs in ((item.modified_at, article["modified_at"]), (item.fetched_at, article["fetched_at"])):
        if ours is not None and theirs is not None:
            return ours > theirs
    return True


def _set_identity(article: dict, changed: set[str], item) -> None:
    """The article is now known by this item's text: its own key (the first) and fingerprint."""
    _set(article, changed, "dedupe_key", item.dedupe_keys[0] if item.dedupe_keys else None)
    _set(article, changed, "fingerprint", item.fingerprint)


def _item_values(item) -> dict:
    return {
        "url": item.url, "title": item.title, "site": item.site, "byline": item.byline_raw,
        "outlet": item.outlet, "role": item.role, "column_name": item.column, "dateline": item.dateline,
        "language": item.language, "published_at": item.published_at,
        "published_precision": item.published_precision, "published_raw": item.date_raw if item.published_at else None,
        "published_origin": item.published_origin, "modified_at": item.modified_at,
        "description": item.description,
    }


def _set(article: dict, changed: set[str], name: str, value) -> None:
    if article[name] != value:
        article[name] = value
        changed.add(name)

"""Saved HTML pages, one file each: an article page gives a full item, a listing page teasers.

The page's own URL (canonical link, og:url, JSON-LD) is taken by newscrawl.extract.page_items;
the address the file was saved from comes, in this order, from the manifest, from --base-url
plus the file's path below the folder given, or from the "saved from url" comment browsers
write into saved pages. It resolves relative links and is the URL of a page that names none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import quote, urljoin

from newscrawl.extract.charset import decode_html
from newscrawl.items import ArticleItem
from newscrawl.readers.base import Input, Notice, Options, Problem, RawPage, site_args, too_large
from newscrawl.readers.compression import SUFFIXES

# <!-- saved from url=(0043)https://example.com/... --> (Internet Explorer, Chrome's "Save as").
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)


def read_html(inp: Input, stream, head: bytes, opts: Options) -> Iterator[RawPage | Notice]:
    body = stream.read(opts.max_page_bytes + 1)
    if len(body) > opts.max_page_bytes:
        yield too_large(inp.name, opts.max_page_bytes)
        return
    url = file_url(inp, opts)
    if url is None and (m := _SAVED_FROM.search(body, 0, 2048)):
        url = m.group(1).decode("ascii", errors="replace")
    html, problem = decode_html(body, None)
    if problem:
        yield Notice(inp.name, problem, "warnings/charset")
    yield RawPage(html, url, inp.name, inp.modified(), logging.WARNING)


def extract_page(raw: RawPage, opts: Options) -> list[ArticleItem | Notice | Problem]:
    """page_items for one page, with the site chosen by --site or by the URL's host; a page that
    is neither article nor listing becomes a notice at the page's level, one the extractors
    fail on a Problem (the import goes on)."""
    try:
        page = _page_items(raw, opts)
    except Exception as exc:  # a page that trips the extractors (a bug, markup no rule foresaw) costs only itself
        return [Problem(f"{raw.source} ({raw.url})" if raw.url else raw.source,
                        f"extraction failed ({type(exc).__name__}: {exc}); skipped")]
    if page.kind == "other":
        where = f" ({page.url or raw.url})" if page.url or raw.url else ""
        return [Notice(raw.source, f"not an article or listing page{where}: {page.reason}; skipped",
                       "skipped/not_article", raw.level)]
    # Items whose site is still unknown get it from their URL's host in CleanPipeline.
    return page.items


def _page_items(raw: RawPage, opts: Options):
    from newscrawl.extract import page_items  # imported on use: the extractors load trafilatura

    site = opts.site_for(raw.url)
    page = page_items(raw.html, raw.url, source=raw.source, fetched_at=raw.fetched_at, **site_args(site))
    if site is None and page.url and (found := opts.site_for(page.url)) is not None and found.selectors:
        # Only the page's own canonical URL told its site: read it again with that site's selectors.
        page = page_items(raw.html, raw.url, source=raw.source, fetched_at=raw.fetched_at, **site_args(found))
    return page


def file_url(inp: Input, opts: Options) -> str | None:
    """The address a saved file came from: manifest, else --base-url + its path below the folder."""
    if opts.manifest is not None and (url := opts.manifest.get(inp.name)):
        return url
    if opts.base_url is None:
        return None
    if inp.rel is None:  # standard input: the base URL is the page's address
        return opts.base_url
    rel = inp.rel.replace("\\", "/")
    for suffix in SUFFIXES:
        rel = rel.removesuffix(suffix)
    base = opts.base_url if opts.base_url.endswith("/") else opts.base_url + "/"
    return urljoin(base, quote(rel, safe="/%"))

"""What every reader shares: the input, the options, and what a reader yields besides items."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO

from newscrawl.sites import Site, site_for_url

DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024  # NEWSCRAWL_MAX_PAGE_BYTES: a larger page is skipped


class ReaderError(Exception):
    """A whole input that cannot be read; the message names it."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source, self.message = source, message


class UnreadableFormat(ReaderError):
    """An input of a format newscrawl does not read (an image, a PDF, a stylesheet, plain text
    that is no dump)."""


@dataclass
class Problem:
    """A part of the input that could not be read (counted as newscrawl/errors/<kind>); the rest goes on."""

    source: str
    message: str
    kind: str = "record"  # "file": a whole input, or the rest of it


@dataclass
class Notice:
    """A record left out on purpose, or read despite a fault: counted under newscrawl/<stat>.

    Skips a user should hear of (a page too large, a file that is no article) are logged as
    warnings; routine ones (a WARC's request records, its images) only at the `level` given.
    """

    source: str
    message: str
    stat: str  # e.g. "skipped/warc_request", "skipped/not_article", "warnings/charset"
    level: int = logging.WARNING


@dataclass(frozen=True)
class RawPage:
    """A page read but not yet extracted: newscrawl.readers.html.extract_page turns it into
    items, in the reading process or in a worker (newscrawl.readers.workers)."""

    html: str
    url: str | None
    source: str
    fetched_at: datetime | None
    level: int  # of the notice for a page that is neither article nor listing


@dataclass
class Input:
    name: str  # as shown in messages and provenance
    stream: BinaryIO
    size: int | None  # bytes, when known (not for stdin)
    rel: str | None = None  # path below the folder or glob it was found in (for --base-url)

    def close(self) -> None:
        self.stream.close()  # for stdin, a wrapper that leaves stdin itself open

    def modified(self) -> datetime:
        """When the file was saved: the best "fetched at" a saved page has."""
        try:
            return datetime.fromtimestamp(os.stat(self.name).st_mtime, timezone.utc)
        except OSError:
            return datetime.now(timezone.utc)


@dataclass
class Options:
    sites: dict[str, Site]
    site: Site | None = None  # forced with --site
    format: str | None = None  # forced with --format
    base_url: str | None = None
    manifest: dict[str, str] | None = None  # absolute file path -> URL
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES

    def site_for(self, url: str | None) -> Site | None:
        """--site, else the site whose hosts the URL is on: its date order, zone and language apply."""
        return self.site or site_for_url(self.sites, url)


def site_args(site: Site | None) -> dict:
    """The site keywords of newscrawl.extract.page_items: key, language and selector overrides."""
    if site is None:
        return {"site": None, "language": None, "selectors": None}
    return {"site": site.key, "language": site.language, "selectors": site.selectors or None}


def too_large(source: str, limit: int) -> Notice:
    return Notice(source, f"page larger than {limit:,} bytes (NEWSCRAWL_MAX_PAGE_BYTES), skipped", "skipped/too_large")

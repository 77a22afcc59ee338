"""WARC archives (plain or gzip, record by record) through warcio: their HTML responses as pages.

Only `response` records with an HTML payload and a 2xx status are pages; request, metadata,
revisit, warcinfo and resource records, other payloads and error statuses are skipped and
counted by kind. The charset comes from the HTTP Content-Type, then from the page. The record's
WARC-Target-URI is the page's address (its canonical link wins), WARC-Date its fetch time, and
"file.warc.gz#offset" its provenance. A damaged record is reported at its offset and reading
resumes at the next record start found in the file (gzip member or "WARC/1." line).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from newscrawl.extract.charset import decode_html, header_charset
from newscrawl.extract.feeds import parse_stamp
from newscrawl.readers import compression, sniff
from newscrawl.readers.base import Input, Notice, Options, Problem, RawPage, too_large

HTML_TYPES = {"text/html", "application/xhtml+xml"}
SCAN_CHUNK = 1 << 16
_WARC_START = b"WARC/1."
# Anything warcio may raise on a damaged archive (it has no single exception type for that).
_DAMAGED = (Exception,)


class _Records(ArchiveIterator):
    INC_RECORD = ""  # warcio prints a wrong Content-Length to stderr; read_warc reports it instead


def read_warc(inp: Input, stream, head: bytes, opts: Options) -> Iterator[RawPage | Notice | Problem]:
    gzipped = compression.compression(stream.peek(4)[:4]) == "gzip"
    # Only the file itself can be searched for the next record after a damaged one.
    resumable = stream is inp.stream and stream.seekable()
    searched_from = -1
    while True:
        it = _Records(stream)
        records = iter(it)
        damaged = None
        while damaged is None:
            try:
                record = next(records)
            except StopIteration:
                break
            except _DAMAGED as exc:
                damaged = it.offset, f"{type(exc).__name__}: {exc}"
                break
            offset = it.offset
            source = f"{inp.name}#{offset}"
            try:
                page = _page(record, source, opts)
                errors = it.err_count
                it.read_to_end()  # now, to learn whether the record ended where its length said
            except _DAMAGED as exc:
                damaged = offset, f"{type(exc).__name__}: {exc}"
                break
            if it.err_count > errors:
                damaged = offset, "it does not end where its Content-Length says"
                break
            if isinstance(page, tuple):
                html, url, fetched_at, problem = page
                if problem:
                    yield Notice(f"{source} ({url})", problem, "warnings/charset")
                yield RawPage(html, url, source, fetched_at, logging.INFO)
            elif page is not None:
                yield page
        if damaged is None:
            left = it.fh.tell() - it.offset
            if left > 0:
                yield Problem(f"{inp.name}#{it.offset}", f"archive cut short: its last {left:,} bytes hold no "
                                                         "complete record, skipped")
            return
        at, reason = damaged
        yield Problem(f"{inp.name}#{at}", f"damaged WARC record ({reason}), skipped")
        if not resumable:
            yield Problem(inp.name, "the rest of a compressed or piped archive cannot be searched for the "
                                    "next record; not read")
            return
        searched_from = max(at, searched_from) + 1  # always forward, whatever offset warcio reported
        nxt = next_record_start(stream, searched_from, gzipped)
        if nxt is None:
            return
        stream.seek(nxt)


def per_record_gzip(head: bytes) -> bool:
    """Whether a .warc.gz is gzipped record by record (as it should be), not as one stream: its
    first gzip member then holds a single record."""
    try:
        first = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head)
    except zlib.error:
        return True  # damaged: let the record reader report it
    return first.find(b"\r\n\r\n" + _WARC_START) == -1


def _page(record, source: str, opts: Options):
    """(html, url, fetched_at, charset problem) of an HTML response record, else a Notice or
    Problem saying why not."""
    kind = record.rec_type
    if kind != "response":
        return Notice(source, f"{kind} record", f"skipped/warc_{kind}", logging.DEBUG)
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None
    where = f"{source} ({url})"
    http = record.http_headers
    if http is None or not http.get_statuscode():
        return Notice(where, "not an HTTP response", "skipped/non_html", logging.INFO)
    status = http.get_statuscode()
    if not status.startswith("2"):
        return Notice(where, f"HTTP status {status}", "skipped/http_status", logging.INFO)
    content_type = http.get_header("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Notice(where, f"{mime} payload, not HTML", "skipped/non_html", logging.INFO)
    body = record.content_stream().read(opts.max_page_bytes + 1)
    if len(body) > opts.max_page_bytes:
        return too_large(where, opts.max_page_bytes)
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Problem(where, "record cut short (fewer bytes than its Content-Length), skipped")
    if not mime and sniff(body[:4096]) != "html":
        return Notice(where, "payload without a Content-Type that is not HTML", "skipped/non_html", logging.INFO)
    html, problem = decode_html(body, header_charset(content_type))
    return html, url, parse_stamp(record.rec_headers.get_header("WARC-Date")), problem


def next_record_start(stream, start: int, gzipped: bool) -> int | None:
    """Offset of the first record that begins after `start`: a gzip member that inflates to
    "WARC/" in a .warc.gz, a "WARC/1." line in a plain WARC; None at the end of the file."""
    pattern = b"\x1f\x8b\x08" if gzipped else b"\n" + _WARC_START
    pos = start
    stream.seek(pos)
    carry = b""
    while chunk := stream.read(SCAN_CHUNK):
        data = carry + chunk
        base = pos - len(carry)
        i = data.find(pattern)
        while i != -1:
            at = base + i + (0 if gzipped else 1)
            if at >= start and (not gzipped or _inflates_to_warc(stream, at)):
                return at
            i = data.find(pattern, i + 1)
        pos += len(chunk)
        carry = data[-(len(pattern) - 1):]
        stream.seek(pos)
    return None


def _inflates_to_warc(stream, at: int) -> bool:
    here = stream.tell()
    stream.seek(at)
    head = stream.read(4096)
    stream.seek(here)
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16).startswith(_WARC_START)
    except zlib.error:
        return False

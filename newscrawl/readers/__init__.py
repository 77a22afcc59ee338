"""Local-file readers: find the inputs, tell their format, stream ArticleItems out of them.

Formats: plain-text dumps (textdump), saved HTML pages (html), WARC archives (warc) and JSON
Lines (jsonl: Scrapy feed exports and `newscrawl export` output). The format is told by the
content (magic bytes, then the first characters), then by the file name; --format forces one.
Any of them may be compressed with gzip, bzip2 or xz, recognized by magic bytes too.
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterator
from typing import NamedTuple

from newscrawl.items import ArticleItem
from newscrawl.readers import compression
from newscrawl.readers.base import (
    DEFAULT_MAX_PAGE_BYTES,
    Input,
    Notice,
    Options,
    Problem,
    RawPage,
    ReaderError,
    UnreadableFormat,
)
from newscrawl.sites import Site

__all__ = ["ASSET_EXTENSIONS", "DEFAULT_MAX_PAGE_BYTES", "FORMATS", "Found", "Input", "Notice", "Options", "Problem",
           "RawPage", "ReaderError", "UnreadableFormat", "detect_format", "expand_paths", "extension", "open_input",
           "read_items", "read_records", "sniff"]

SNIFF_BYTES = 64 * 1024
FORMATS = ("text", "html", "warc", "jsonl")
_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".shtml": "html", ".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl",
               ".json": "jsonl"}
# What a browser's "save page, complete" puts beside a page, and tables (a manifest): never a
# dump, even when it is text.
ASSET_EXTENSIONS = {".css", ".js", ".mjs", ".map", ".svg", ".xml", ".ico", ".png", ".jpg", ".jpeg", ".gif",
                    ".webp", ".avif", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".mp4", ".webm", ".mp3",
                    ".csv", ".tsv"}
# Formats recognized only to be refused with a clear message.
_OTHER_MAGIC = ((b"PK\x03\x04", "zip"), (b"%PDF", "pdf"), (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"),
                (b"GIF8", "gif"), (b"WARC/", "warc"))
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<title", b"<!--", b"<?xml")


class Found(NamedTuple):
    path: str  # "-" for standard input
    rel: str | None  # path below the folder or glob it was found in (the file name if named)
    named: bool  # named by the user, not picked up from a folder or glob


def expand_paths(args: list[str]) -> Iterator[Found | ReaderError]:
    """Files, folders (recursively, sorted) and globs; "-" is standard input."""
    for arg in args:
        if arg == "-":
            yield Found(arg, None, True)
        elif os.path.isdir(arg):
            found = sorted(os.path.join(d, f) for d, _, files in os.walk(arg) for f in files if not f.startswith("."))
            if not found:
                yield ReaderError(arg, "folder holds no files")
            for path in found:
                yield Found(path, os.path.relpath(path, arg), False)
        elif os.path.exists(arg):
            yield Found(arg, os.path.basename(arg), True)
        elif glob.has_magic(arg) and (matches := sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))):
            root = _glob_root(arg)
            for path in matches:
                yield Found(path, os.path.relpath(path, root), False)
        else:
            yield ReaderError(arg, "no such file or folder")


def _glob_root(pattern: str) -> str:
    parts = pattern.split(os.sep)
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return os.sep.join(fixed) or "."


class _Prefixed(io.RawIOBase):
    """Bytes already read from a pipe, then the rest of the pipe: a pipe cannot seek back."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def open_input(path: str, rel: str | None = None) -> Input:
    if path == "-":
        # Sniffing needs the whole head, and a pipe's first read may return only a few bytes.
        pipe, head = sys.stdin.buffer, b""
        while len(head) < SNIFF_BYTES and (more := pipe.read1(SNIFF_BYTES - len(head))):
            head += more
        return Input("<stdin>", io.BufferedReader(_Prefixed(head, pipe), SNIFF_BYTES), None)
    try:
        stream = open(path, "rb", buffering=SNIFF_BYTES)  # so peek() can show the whole sniff head
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from exc
    return Input(os.path.abspath(path), stream, os.fstat(stream.fileno()).st_size, rel)


def sniff(head: bytes) -> str:
    """'empty', one of FORMATS but 'jsonl' ('json' then), or the name of a format we do not read."""
    if not head:
        return "empty"
    for magic, name in _OTHER_MAGIC:
        if head.startswith(magic):
            return name
    if (packed := compression.compression(head)) is not None:
        return packed
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1024].lower()
    # Pages first: real ones may carry a few stray NUL bytes.
    if start.startswith(_HTML_STARTS) and any(tag in head[:16384].lower() for tag in (b"<html", b"<head", b"<body")):
        return "html"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if b"\x00" in head:
        return "binary"
    if start.startswith((b"{", b"[")):
        return "json"  # JSON or JSON Lines: never a copied page
    return "text"


def detect_format(name: str, head: bytes) -> str:
    """The format of a (decompressed) head: content first, the file name when content says plain text."""
    kind = sniff(head)
    if kind == "json":
        return "jsonl"
    if kind == "text":
        ext = extension(name)
        return "asset" if ext in ASSET_EXTENSIONS else _EXTENSIONS.get(ext, "text")
    return kind


def extension(name: str) -> str:
    """".html" for "page.html.gz": the extension under any compression suffix."""
    base = name.lower()
    for suffix in compression.SUFFIXES:
        base = base.removesuffix(suffix)
    return os.path.splitext(base)[1]


def read_items(inp: Input, *, sites: dict[str, Site], site: Site | None = None, format: str | None = None,
               options: Options | None = None) -> Iterator[ArticleItem | Problem | Notice]:
    """Stream the items of one input; raises ReaderError when it is not readable at all."""
    from newscrawl.readers.html import extract_page  # imported on use: it loads the extractors

    opts = options or Options(sites=sites, site=site, format=format)
    for record in read_records(inp, opts):
        if isinstance(record, RawPage):
            yield from extract_page(record, opts)
        else:
            yield record


def read_records(inp: Input, opts: Options) -> Iterator[ArticleItem | RawPage | Problem | Notice]:
    """read_items with the pages not yet extracted (RawPage), for a caller that extracts them
    elsewhere (newscrawl.readers.workers)."""
    raw = inp.stream
    head = raw.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # up to the buffer size; stdin's may be smaller
    packed = compression.compression(head)
    if packed is not None:
        head = compression.peek_inside(packed, head, SNIFF_BYTES)
        if head is None:
            raise ReaderError(inp.name, f"{packed} data is damaged or cut short before its first byte")
    kind = opts.format or detect_format(inp.name, head)
    if kind == "empty":
        return
    if kind not in FORMATS:
        raise UnreadableFormat(inp.name, f"{kind} input is not a format newscrawl reads ({', '.join(FORMATS)})")
    if kind == "warc" and (packed is None or (packed == "gzip" and _per_record_gzip(raw))):
        # warcio reads gzip itself, member by member, so record offsets are those of the file.
        stream = raw
    elif packed is not None:
        stream = compression.decompressed(packed, raw, SNIFF_BYTES)
    else:
        stream = raw
    try:
        yield from _reader(kind)(inp, stream, head, opts)
    except compression.ERRORS as exc:
        yield Problem(inp.name, f"{packed or 'compressed'} data is cut short or damaged ({exc}); "
                                f"the records before that point were read, the rest is lost")


def _per_record_gzip(raw) -> bool:
    from newscrawl.readers.warc import per_record_gzip

    return per_record_gzip(raw.peek(SNIFF_BYTES)[:SNIFF_BYTES])


def _reader(kind: str):
    # Imported on use: the HTML and WARC readers pull in the extractors and warcio.
    if kind == "text":
        from newscrawl.readers.textdump import read_dump as reader
    elif kind == "jsonl":
        from newscrawl.readers.jsonl import read_jsonl as reader
    elif kind == "html":
        from newscrawl.readers.html import read_html as reader
    else:
        from newscrawl.readers.warc import read_warc as reader
    return reader


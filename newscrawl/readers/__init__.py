"""Local-file readers: find the inputs, tell their format, stream ArticleItems out of them."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newscrawl.items import ArticleItem
from newscrawl.readers.encoding import text_stream
from newscrawl.readers.textdump import Problem, parse_dump, read_lines
from newscrawl.sites import Site, detect_site

SNIFF_BYTES = 64 * 1024
FORMATS = ("text",)
# Formats recognized but not read yet get a clear error instead of being parsed as text.
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"PK\x03\x04", "zip"),
          (b"%PDF", "pdf"), (b"WARC/", "warc"))


class ReaderError(Exception):
    """A whole input that cannot be read; the message names it."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source


@dataclass
class Input:
    name: str  # as shown in messages and provenance
    stream: BinaryIO
    size: int | None  # bytes, when known (not for stdin)

    def close(self) -> None:
        if self.stream is not sys.stdin.buffer:
            self.stream.close()


def expand_paths(args: list[str]) -> Iterator[str | ReaderError]:
    """Files, folders (recursively, sorted) and globs; "-" is standard input."""
    for arg in args:
        if arg == "-":
            yield arg
        elif os.path.isdir(arg):
            found = sorted(os.path.join(d, f) for d, _, files in os.walk(arg) for f in files if not f.startswith("."))
            yield from found or [ReaderError(arg, "folder holds no files")]
        elif os.path.exists(arg):
            yield arg
        elif glob.has_magic(arg) and (matches := sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))):
            yield from matches
        else:
            yield ReaderError(arg, "no such file or folder")


def open_input(path: str) -> Input:
    if path == "-":
        return Input("<stdin>", sys.stdin.buffer, None)
    try:
        stream = open(path, "rb", buffering=SNIFF_BYTES)  # so peek() can show the whole sniff head
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from exc
    return Input(os.path.abspath(path), stream, os.fstat(stream.fileno()).st_size)


def sniff(head: bytes) -> str:
    """'empty', 'text' or the name of a format we do not read as text."""
    if not head:
        return "empty"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary"
    start = head.lstrip()[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<head" in start:
        return "html"
    if start.startswith((b"{", b"[")):
        return "json"  # JSON or JSON Lines: never a copied page
    return "text"


def read_items(inp: Input, *, sites: dict[str, Site], site: Site | None = None,
               format: str | None = None) -> Iterator[ArticleItem | Problem]:
    """Stream the items of one input; raises ReaderError when it is not readable at all."""
    head = inp.stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # up to the buffer size; stdin's may be smaller
    kind = format or sniff(head)
    if kind == "empty":
        return
    if kind not in FORMATS:
        raise ReaderError(inp.name, f"{kind} input is not a text dump; formats read: {', '.join(FORMATS)}")
    stream = text_stream(inp.stream)
    if site is None:
        site = detect_site(sites, head.decode("utf-8", errors="replace"))
    problems: list[Problem] = []
    try:
        lines = read_lines(stream, inp.name, problems)
        for item in parse_dump(lines, inp.name, site=site.key if site else None,
                               language=site.language if site else None):
            yield from problems
            problems.clear()
            yield item
        yield from problems
    finally:
        stream.detach()  # the Input owns the binary stream


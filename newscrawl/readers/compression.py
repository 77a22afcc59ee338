"""Transparent .gz, .bz2 and .xz, recognized by their magic bytes whatever the file is called."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import BinaryIO

MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz"}
SUFFIXES = (".gz", ".bz2", ".xz")  # names of compressed files: "page.html.gz" is a page
# What a damaged or cut compressed stream raises while it is read.
ERRORS = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile)


def compression(head: bytes) -> str | None:
    for magic, name in MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def peek_inside(kind: str, head: bytes, size: int) -> bytes | None:
    """The first bytes of the decompressed data, from the compressed head alone (no stream read);
    None when the data is damaged, or cut off before its first byte."""
    if kind == "gzip":
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    elif kind == "bzip2":
        d = bz2.BZ2Decompressor()
    else:
        d = lzma.LZMADecompressor()
    try:
        out = d.decompress(head, size)
    except (*ERRORS, OSError):
        return None
    return None if not out and not d.eof else out


def decompressed(kind: str, raw: BinaryIO, buffer: int) -> io.BufferedReader:
    """A buffered stream of the decompressed bytes, so readers can peek at its head."""
    if kind == "gzip":
        inner = gzip.GzipFile(fileobj=raw, mode="rb")
    else:
        inner = (bz2.BZ2File if kind == "bzip2" else lzma.LZMAFile)(raw, "rb")
    return io.BufferedReader(inner, buffer)

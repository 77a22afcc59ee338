"""Decoding saved text whose encoding nobody recorded.

UTF-8 is tried first; any byte that is not valid UTF-8 is read as Windows-1252 (Latin-1 for
the five bytes cp1252 leaves undefined). A cp1252 or Latin-1 dump, or a UTF-8 dump with a few
stray bytes, reads correctly without guessing the encoding of the whole file up front.
"""

from __future__ import annotations

import io

from newscrawl.extract.charset import CP1252_FALLBACK as ERRORS


def text_stream(binary: io.BufferedIOBase) -> io.TextIOWrapper:
    """Universal newlines (CRLF, CR), BOM removed, bad bytes read as cp1252."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors=ERRORS, newline=None)

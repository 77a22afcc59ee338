"""Decoding saved text whose encoding nobody recorded.

UTF-8 is tried first; any byte that is not valid UTF-8 is read as Windows-1252 (Latin-1 for
the five bytes cp1252 leaves undefined). A cp1252 or Latin-1 dump, or a UTF-8 dump with a few
stray bytes, reads correctly without guessing the encoding of the whole file up front.
"""

from __future__ import annotations

import codecs
import io

ERRORS = "newscrawl-cp1252"


def _cp1252_fallback(exc: UnicodeError):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), exc.end


codecs.register_error(ERRORS, _cp1252_fallback)


def text_stream(binary: io.BufferedIOBase) -> io.TextIOWrapper:
    """Universal newlines (CRLF, CR), BOM removed, bad bytes read as cp1252."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors=ERRORS, newline=None)

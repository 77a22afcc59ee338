"""Bytes of a web page to text: the charset the page declares, checked against its bytes.

Order: a byte-order mark, the HTTP header's charset, the page's <meta> charset, then UTF-8 with
Windows-1252 for the bytes that are not UTF-8. Servers and page templates often declare
ISO-8859-1 for pages written in UTF-8, and pages re-saved or transcoded to UTF-8 keep their old
<meta charset="Shift_JIS"> or "EUC-KR". Text in any other charset is almost never valid UTF-8
once it holds non-ASCII bytes (UTF-8's multi-byte sequences are that strict), so valid UTF-8
that is not plain ASCII wins over any declared charset ("Ã©" for "é", "繧ｵ" for "サ" otherwise)
and the mismatch is reported.
"""

from __future__ import annotations

import codecs
import re

# Name of the codecs error handler that reads undecodable bytes as cp1252 (Latin-1 for the five
# bytes cp1252 leaves undefined); newscrawl.readers.encoding uses it for text dumps too.
CP1252_FALLBACK = "newscrawl-cp1252"

META_SCAN = 4096  # the HTML standard looks for <meta charset> in the first 1024 bytes; be lenient
_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Labels browsers read as windows-1252 (WHATWG Encoding): its bytes 0x80-0x9F are punctuation,
# which Latin-1 would turn into control characters.
_WINDOWS_1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}


def _cp1252_fallback(exc: UnicodeError):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), exc.end


codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


def codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, or None when unknown ("x-user-defined", "utf-9")."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name.replace("-", "_") in _WINDOWS_1252 else name


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def meta_charset(body: bytes) -> str | None:
    m = _META.search(body, 0, META_SCAN)
    return m.group(1).decode("ascii", errors="replace") if m else None


def _is_utf8_not_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(body: bytes, header_charset: str | None) -> tuple[str, str | None]:
    """(text, problem): the page as text, and a short note when its declared charset was wrong.

    NUL characters are dropped: they never mean anything in a page (browsers ignore them) and
    XML-based parsers refuse text that holds one.
    """
    text, problem = _decode(body, header_charset)
    return (text.replace("\x00", "") if "\x00" in text else text), problem


def _decode(body: bytes, header_charset: str | None) -> tuple[str, str | None]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), None
    problem = None
    for where, label in (("charset header", header_charset), ("meta charset", meta_charset(body))):
        if not label:
            continue
        name = codec_name(label)
        if name is None:
            problem = f"{where} says {label!r}, an unknown charset"
            continue
        if name == "utf-8":
            try:
                return body.decode("utf-8"), problem
            except UnicodeDecodeError:
                return body.decode("utf-8", errors=CP1252_FALLBACK), f"{where} says {label}, body is not valid utf-8"
        if _is_utf8_not_ascii(body):
            return body.decode("utf-8"), f"{where} says {label}, body is utf-8"
        if where == "meta charset" and name.replace("-", "_").startswith(("utf_16", "utf_32")):
            # A <meta> readable as ASCII cannot be UTF-16; browsers read such pages as UTF-8.
            return body.decode("utf-8", errors=CP1252_FALLBACK), f"{where} says {label}, body is not {label}"
        try:
            return body.decode(name, errors="replace"), problem
        except LookupError:  # a codec Python knows by name but cannot decode with (e.g. "rot13")
            problem = f"{where} says {label!r}, not a text charset"
    return body.decode("utf-8", errors=CP1252_FALLBACK), problem

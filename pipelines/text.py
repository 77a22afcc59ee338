"""Text helpers shared by readers and pipelines: display cleanup, teaser markers, word tokens."""

from __future__ import annotations

import html
import re
import unicodedata

# A teaser is cut short and marked. "[&hellip;]" appears when a dump was copied from raw HTML.
_MARKER = re.compile(
    r"""\s*(?:
        [\[(]\s*(?:…|\.{3}|&hellip;|&\#8230;|&\#x2026;)\s*[\])]   # […] [...] (…)
      | (?:…|\.{3}|&hellip;)                                    # bare ellipsis
      | (?:read\ more|continue\ reading|read\ the\ full\ (?:story|article))\s*[»›→>]*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

MARKER_TAIL = 40  # characters at the end of a line where a marker can be
# Invisible characters that break matching and have no meaning in stored text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Only what needs rewriting: a lone plain space is left alone, so clean text costs one scan.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_WORD = re.compile(r"\w+")
# Kana, CJK ideographs and Hangul: scripts that write words without spaces between them, and
# say in one character what takes about three elsewhere.
CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
_CJK = re.compile(CJK)


def has_marker(line: str) -> bool:
    """True when a line ends with a teaser marker ("[…]", "[...]", "…", "Read more")."""
    return _MARKER.search(line, max(0, len(line) - MARKER_TAIL)) is not None


def strip_marker(text: str) -> str:
    m = _MARKER.search(text, max(0, len(text) - MARKER_TAIL))
    return (text[: m.start()] if m else text).rstrip()


def clean_text(text: str) -> str:
    """Display form: entities decoded, NFC, invisible characters gone, spaces folded per line.

    Paragraphs stay separated by one blank line; typographic quotes are kept (they are the
    publisher's text), only matching folds them.
    """
    if "&" in text:
        text = html.unescape(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _BLANK_LINES.split(text.strip()))
    return "\n\n".join(p for p in paragraphs if p)


def clean_line(text: str) -> str:
    """clean_text for one-line values (titles, bylines)."""
    return " ".join(clean_text(text).split())


def words(text: str) -> list[str]:
    """Matching form: NFKC, case-folded word tokens; quotes, dashes and spacing drop out."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def text_size(text: str) -> int:
    """Length in Latin-script characters (CJK characters count three), for size thresholds."""
    return len(text) + 2 * len(_CJK.findall(text)) if text else 0

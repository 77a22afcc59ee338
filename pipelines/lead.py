"""Split the head of a teaser into date, category labels, dateline, byline and the text itself.

Listing entries copied as plain text run everything together:
"25.10.2023 Luo Shanshan, correspondent for People’s Daily.    The 6th Chinese …",
"Culture WorldIslamabad July 01, 2025: Center for Law …", "WorldBy Li Jie Across diverse …".
Only the head is looked at, so a date or a name in the story's prose is never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.bylines import PARTICLES, ROLE_NOUNS

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUMERIC_DATE = re.compile(
    r"^(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)"
    r"(?:\s+|$)"
)
_WORDY_DATE = rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+{MONTH}\s+\d{{4}})"
# "Islamabad July 01, 2025: …", "BEIJING, June 5, 2025 — …"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}),?\s+(?P<date>{_WORDY_DATE})\s*[:\-–—]+\s*"
)
_LEADING_DATE = re.compile(rf"^(?P<date>{_WORDY_DATE})\s*[:\-–—|]?\s+")
# Labels glued to what follows: "Tec WorldBy …", "Culture WorldIslamabad …". Only accepted when
# the rest is a byline or a dateline, so "McDonald’s" or "YouTube" never lose a label.
_GLUED_LABELS = re.compile(r"^(?P<labels>(?:[A-Z][A-Za-z&-]*\s+){0,4}[A-Z][a-z]+)(?=[A-Z])")
_BY = re.compile(r"^(?:written\s+|words\s+|reporting\s+)?by\s+(?=\S)", re.IGNORECASE)
# An explicit end of a byline: a period or a run of spaces ("Han Kan. Protecting …").
_BYLINE_END = re.compile(r"\.\s+|\s{2,}")

_OPENING_QUOTES = "“\"‘'«„("
_CONNECTORS = {"and", "&", "with"}  # between the names of a byline
# Roles in the plural too ("Correspondents of …"); a "column" names a byline as well.
_ROLE_NOUNS = {*ROLE_NOUNS, *(noun + "s" for noun in ROLE_NOUNS), "column"}
# Lower-case words a byline may hold: roles, and the glue of "correspondent for the X newspaper".
_BYLINE_WORDS = _CONNECTORS | PARTICLES | _ROLE_NOUNS | {
    "staff", "special", "senior", "chief", "contributing", "newspaper", "of", "the", "for", "at", "in",
    "from", "our", "political", "foreign", "business", "deputy", "international", "national",
}
# Sentence words that are also common surnames (Chinese He, You, An, Yu).
_SURNAME_WORDS = {"He", "You", "An", "Yu", "Ma", "So", "Do"}
# Capitalized words that start a sentence rather than continue a name.
_SENTENCE_STARTS = set(
    "A An The This That These Those It Its In On At As For From Once One Since After Before When "
    "While With Without Across Amid Among Over Under Despite During Following Today Yesterday "
    "Tomorrow Last Early Late Recently More Many Some Several Two Three Four Five Every Each "
    "Here There What Why How Who Where If Although Though But And Or So Yet We I He She They You "
    "Our Their His Her My Not No Yes According Located Nestled Amid Between Beyond Through Thanks "
    "To Of By Up Down Out Off Near Inside Outside Against About Around Along Behind Still Just "
    "Even Now Then Only Also Meanwhile However Moreover".split()
)


@dataclass
class Lead:
    text: str
    date_raw: str | None = None
    byline_raw: str | None = None
    dateline: str | None = None
    categories: list[str] = field(default_factory=list)


def split_labels(text: str) -> tuple[list[str], str]:
    """Category labels glued to a byline or dateline, and the rest.

    "Tec WorldBy Cui Yan, People’s Daily" -> (["Tec", "World"], "By Cui Yan, People’s Daily").
    """
    m = _GLUED_LABELS.match(text)
    if m:
        rest = text[m.end() :]
        if _BY.match(rest) or _DATELINE.match(rest):
            return m.group("labels").split(), rest
    return [], text


def split_lead(text: str) -> Lead:
    """Peel what a listing entry puts before its teaser text; the text itself is left as is."""
    lead = Lead(text=text.strip())
    m = _NUMERIC_DATE.match(lead.text) or _LEADING_DATE.match(lead.text)
    if m:
        lead.date_raw = m.group("date")
        lead.text = lead.text[m.end() :].lstrip()
    lead.categories, lead.text = split_labels(lead.text)
    m = _DATELINE.match(lead.text)
    if m:
        lead.dateline = m.group("place")
        lead.date_raw = lead.date_raw or m.group("date")
        lead.text = lead.text[m.end() :]
        return lead
    by = _BY.match(lead.text)
    if by:
        tokens = lead.text[by.end() :].split(" ")
        n = _byline_length(tokens, roles=True)
        if n:
            lead.byline_raw = lead.text[: by.end()] + " ".join(tokens[:n]).rstrip(",;:")
            lead.text = " ".join(tokens[n:]).lstrip()
    else:
        # "date byline text" is the listing-entry shape; without a date in front, a capitalized
        # phrase at the start of a teaser is far more often the story's subject than a byline,
        # so only a byline that names a role ("…, correspondent for X.") is taken there.
        byline, rest = _undeclared_byline(lead.text, dated=lead.date_raw is not None)
        if byline:
            lead.byline_raw, lead.text = byline, rest
    return lead


def _undeclared_byline(text: str, *, dated: bool) -> tuple[str | None, str]:
    m = _BYLINE_END.search(text, 0, 160)
    if m and _looks_like_byline(text[: m.start()], needs_role=not dated):
        return text[: m.start()].strip(), text[m.end() :].lstrip()
    if not dated:
        return None, text
    # No delimiter ("Liu Yao In recent years"): accept only a bare two- or three-word name.
    tokens = text.split(" ")
    n = _byline_length(tokens, roles=False)
    if 2 <= n <= 3 and all(t.isalpha() and t[0].isupper() for t in tokens[:n]):
        return " ".join(tokens[:n]), " ".join(tokens[n:]).lstrip()
    return None, text


def _looks_like_byline(candidate: str, *, needs_role: bool = False) -> bool:
    tokens = candidate.split()
    if not tokens or len(candidate) > 120:
        return False
    capitalized = 0
    roles = 0
    for token in tokens:
        word = token.strip(",;:.“”\"‘’'()")
        if not word:
            continue
        if word[0].isupper():
            capitalized += 1
        elif word.lower() not in _BYLINE_WORDS:
            return False
        else:
            roles += word.lower() in _ROLE_NOUNS
    return capitalized > 0 and (roles > 0 or not needs_role)


def _byline_length(tokens: list[str], *, roles: bool) -> int:
    """How many tokens at the start belong to the byline; the text starts after them."""
    allowed = _BYLINE_WORDS if roles else _CONNECTORS | PARTICLES
    for i, token in enumerate(tokens):
        word = token.rstrip(",;:.")
        if not word or token[0] in _OPENING_QUOTES:
            return i
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in _SENTENCE_STARTS and not _starts_name(tokens, i):
            return i
        if word.lower() in allowed and not word[0].isupper():
            continue
        if not word[0].isupper():
            return i
        # A capitalized word followed by a lower-case one opens a sentence ("Chengdu, a key city").
        if nxt[:1].islower() and nxt.rstrip(",;:.").lower() not in allowed:
            return i
    return len(tokens)


def _starts_name(tokens: list[str], i: int) -> bool:
    """Whether a sentence word is part of a name here: "By Hu Jian, He Linping", "By Lina He"."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i].rstrip(",;:.") in _SURNAME_WORDS and (tokens[i].endswith(",") or nxt[:1].isupper()):
        return True  # a pronoun is never followed by a capitalized word or a comma in prose
    after_boundary = i == 0 or tokens[i - 1].endswith(",")
    return after_boundary and nxt[:1].isupper() and nxt.rstrip(",;:.") not in _SENTENCE_STARTS

"""Publication-date normalization with the source's conventions.

`parse_published` turns the short date string found on a page or at the head of a listing
entry into a UTC datetime plus the precision the string actually states.

Two stages:

* a fast path of precompiled regexes for the shapes that make up nearly all real input
  (ISO 8601, RFC 2822, numeric d.m.Y / m/d/Y / Y/m/d, English month names, English
  relative dates), costing a few microseconds;
* dateparser for the rest (other languages, odd word orders), through one cached
  `DateDataParser` per (languages, day_first, relative base), which costs 0.1-1 ms a call.

Conventions of the result:

* ``value`` is timezone-aware UTC, truncated to ``precision``.
* A date without a time of day is midnight UTC of *that* calendar date: it is never shifted
  through the site's time zone.
* A time of day without an explicit zone is wall-clock time in the site's ``tz`` (UTC when
  none is given); an explicit offset or zone name in the string wins.
* Anything doubtful gives ``Published(None, None, raw, origin)``: returning nothing is
  better than storing a guess.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

UTC = timezone.utc

MAX_LENGTH = 80  # a longer string is prose, never a date string
MIN_YEAR = 1990  # older "publication dates" are junk (copyright lines, birth dates, ...)
FUTURE_SLACK = timedelta(days=1)  # sites ahead of `now` by a time zone, clocks a bit off
DEFAULT_LANGUAGES = ("en",)

# Guard before any work at all: even whitespace-padded, such a string is not a date.
_MAX_RAW_LENGTH = 1000

YEAR, MONTH, DAY, MINUTE, SECOND = "year", "month", "day", "minute", "second"
_DATE_PRECISIONS = (YEAR, MONTH, DAY)


@dataclass(frozen=True)
class Published:
    value: datetime | None = None  # timezone-aware, in UTC
    precision: str | None = None  # "year" | "month" | "day" | "minute" | "second"
    raw: str | None = None  # the input text, unchanged
    origin: str | None = None  # passed through from the caller ("lead", "jsonld", "meta"...)


class _Stamp(NamedTuple):
    """What a parser read, before time zones and sanity checks.

    For year/month/day precision `value` is a naive midnight of the calendar date; for
    minute/second it is aware when the string carried a zone, else naive site wall-clock.
    """

    value: datetime
    precision: str


# Returned by a fast-path reader that recognized its shape but found an impossible date
# ("31.02.2023"): the string is junk, and dateparser would only spend time agreeing.
_INVALID = object()


class _Site(NamedTuple):  # a NamedTuple: built on every call, and cheaper than a dataclass
    day_first: bool
    zone: tzinfo  # the site's zone, UTC when unknown
    now: datetime  # aware UTC: the caller's `now`, or the current time
    local_now: datetime  # naive wall-clock time of `now` in `zone`


# --- tables -------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names of the languages news pages are most often in, so that "19. Oktober 2019" or
# "4 mai 2022" read without dateparser and without knowing the page's language. No name
# here means two different months in two languages.
_FOREIGN_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12, "mär": 3, "okt": 10, "dez": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "decembre": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_MONTHS.update(_FOREIGN_MONTHS)
MONTH_NAMES = tuple(_MONTHS)  # for other parsers that must recognise a date to cut it out

_WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip


def _fixed(name: str, hours: float) -> timezone:
    return timezone(timedelta(hours=hours), name)


# Zone abbreviations read by the fast path. Ambiguous ones take their news-site meaning:
# CST is US Central (not China), IST is India (not Israel or Ireland). The same table is
# handed to dateparser (TIMEZONE_ABBREVIATIONS) so that both stages read them alike.
_ZONES = {
    name: _fixed(name, hours)
    for name, hours in {
        "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1,
        "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
        "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5,
        "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    }.items()
}  # fmt: skip

_RELATIVE_UNITS = {
    "second": timedelta(seconds=1), "sec": timedelta(seconds=1),
    "minute": timedelta(minutes=1), "min": timedelta(minutes=1),
    "hour": timedelta(hours=1), "hr": timedelta(hours=1), "h": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1),
}  # fmt: skip


# --- regexes ------------------------------------------------------------------------------


def _alternation(words) -> str:
    # Longest first, so that "sept" wins over "sep" and "tues" over "tue".
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})\.?"
# Optional and never checked: any word in front ("Tuesday", "Dienstag", "Miércoles").
_WEEKDAY = r"(?:[^\W\d_]{2,12}\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# Time of day with an optional zone; used after every absolute date shape.
_TAIL = r"""
    (?:
        (?:T|\s*[,@|·•–—-]\s*(?:at\s+)?|\s+(?:at\s+|um\s+)?)
        (?P<hour>\d{1,2})
        (?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?)?
        (?:\s*(?P<ampm>[ap]\.?\s?m)\.?(?![a-z]))?
        (?:\s*uhr\b)?
        (?:\s*\(?\s*(?P<zone>
            (?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?
            | [+-]\d{2}(?::?\d{2})?
            | [a-z]{1,5}
        )\s*\)?)?
    )?
"""


def _shape(date_part: str) -> re.Pattern[str]:
    return re.compile(date_part + _TAIL, re.IGNORECASE | re.VERBOSE)


_YEAR_ONLY = re.compile(r"\d{4}")
# Y-m-d, Y/m/d, Y.m.d: ISO 8601 included (T or space, fraction, Z or offset).
_YMD = _shape(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})")
# d.m.Y, d/m/Y, m/d/Y, with a 2- or 4-digit year: which is which depends on the site.
_NUMERIC = _shape(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})")
# "July 01, 2025", "Mon Jul 1 2025", "Jul-01-2025"
_MONTH_DAY_YEAR = _shape(
    rf"{_WEEKDAY}{_MONTH}(?:\s+|-)(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s+|-)(?P<year>\d{{4}})"
)
# "1 July 2025", "1st of July, 2025", "7. Oct 2023", "Tue, 07 Oct 2023", "01-Jul-2025"
_DAY_MONTH_YEAR = _shape(
    rf"{_WEEKDAY}(?P<day>\d{{1,2}}){_ORDINAL}\.?(?:\s+|-)(?:of\s+|de\s+)?{_MONTH}"
    r"(?:,?\s+(?:de\s+)?|-)(?P<year>\d{4})"
)
# Chinese, Japanese and Korean: "2019年04月21日 12時00分", "2019年4月4日 14:30", "2020년 3월 4일".
_CJK_YMD = _shape(
    r"(?P<year>\d{4})\s*[年년]\s*(?P<a>\d{1,2})\s*[月월]\s*(?P<b>\d{1,2})\s*[日일]"
    r"(?:\s*(?:\([^)]{1,3}\)|（[^）]{1,3}）))?"
)
_SPACED_DOTS = re.compile(r"\b(\d{1,2})\.\s(\d{1,2})\.\s?(\d{4})\b")
_CJK_TIME = re.compile(r"(\d{1,2})\s*[時시]\s*(\d{1,2})\s*[分분]")
_MONTH_YEAR = re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})", re.IGNORECASE)
# Strict RFC 2822 with a numeric or GMT zone; looser variants fall to _DAY_MONTH_YEAR.
_RFC2822 = re.compile(
    r"(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+"
    r"\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC?)",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:UTC|GMT)?\s?(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?")

# English relative dates, resolved against `now` without dateparser.
_AGO = re.compile(
    rf"(?:about\s+)?(?P<count>\d+|an?|one)\s*(?P<unit>{_alternation(_RELATIVE_UNITS)})s?\s+ago",
    re.IGNORECASE,
)
_NOW = re.compile(r"(?:just\s+)?now", re.IGNORECASE)
_TODAY = _shape(r"(?P<word>today|yesterday)")

_SECONDS = re.compile(r"\d:\d{2}:\d{2}")
# A year and a time of day, and no digit of a day or month ("09:34 2021", "2021, 10:30 Uhr").
_YEAR_AND_TIME_ONLY = re.compile(
    r"\D*(?:19|20)\d\d\D+\d{1,2}[:h.]\d{2}(?::\d{2})?\D*|\D*\d{1,2}[:h.]\d{2}(?::\d{2})?\D+(?:19|20)\d\d\D*"
)

# Labels in front of or behind the date ("Published:", "Posted on", "Mis à jour le") and
# stray separators around it.
_LABEL_WORDS = r"""
    (?:first\s+|last\s+)?(?:published|updated|modified|posted|created|released|issued|
    pubdate|publish(?:ed)?\s+date|date[d]?|on|le|am|
    veröffentlicht|aktualisiert|stand|publié|mis\s+à\s+jour)
"""
_LEADING_LABELS = re.compile(
    rf"^(?:{_LABEL_WORDS}\b\.?\s*[:|·•–—-]?\s*)+", re.IGNORECASE | re.VERBOSE
)
_TRAILING_LABELS = re.compile(
    r"(?:\s*[|·•–—,(-]\s*(?:updated|published|posted|edited)\)?)+$", re.IGNORECASE
)
_EDGE_JUNK = " |:·•,;–—/-"
# Arabic: the Levant and Iraq name the months in Syriac ("نيسان"), often beside the Egyptian
# name ("24 نيسان / أبريل 2020"); dateparser knows only the Egyptian ones.
_SYRIAC_MONTHS = {
    "كانون الثاني": "يناير", "شباط": "فبراير", "آذار": "مارس", "نيسان": "أبريل", "أيار": "مايو",
    "حزيران": "يونيو", "تموز": "يوليو", "آب": "أغسطس", "أيلول": "سبتمبر", "تشرين الأول": "أكتوبر",
    "تشرين الثاني": "نوفمبر", "كانون الأول": "ديسمبر",
}  # fmt: skip
_ARABIC = re.compile("[\u0600-\u06ff]")
_OTHER_ARABIC_SCRIPT = frozenset({"fa", "ur", "ps", "ckb"})
_ALIF = str.maketrans("أإآ", "ااا")  # written with or without the hamza
_SYRIAC = re.compile(rf"(?<!\w)(?:{_alternation(k.translate(_ALIF) for k in _SYRIAC_MONTHS)})(?!\w)")
_SYRIAC_TO_EGYPTIAN = {k.translate(_ALIF): v.translate(_ALIF) for k, v in _SYRIAC_MONTHS.items()}
_TWO_NAMES = re.compile(r"(?<!\w)([^\W\d]+)\s*[/(]\s*\1\s*\)?(?!\w)")  # "أبريل / أبريل" -> "أبريل"
# "تم نشره" (it was published), "نشر في" (published on), "تاريخ النشر" (date of publication)
_ARABIC_LABELS = re.compile(r"^(?:تم\s+|تاريخ\s+)?(?:ال)?نُ?شره?(?:\s+في)?\s*[:|-]?\s*")

_DIGIT = re.compile(r"\d")
# Without a digit, a string is only worth dateparser's time if it has one of these
# (other languages add their own words, see _foreign_vocabulary).
_DATE_WORD = re.compile(
    rf"""\b(?:ago|now|today|yesterday|tonight|tomorrow|morning|afternoon|evening|noon|midnight
    |seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?
    |{_alternation(_MONTHS)}|{_alternation(_WEEKDAYS)})\b""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"\w+")


# --- public API ---------------------------------------------------------------------------


def parse_published(
    raw: str | None,
    *,
    day_first: bool = False,
    tz: str | None = None,
    now: datetime | None = None,
    origin: str | None = None,
    languages: tuple[str, ...] | None = None,
) -> Published:
    """Read a publication date string with the site's conventions.

    `day_first`: the site writes ambiguous numeric dates day first (07.10.2023 = 7 October).
    `tz`: the site's IANA zone, for times of day given without a zone.
    `now`: the reference for relative dates and the future check (naive means UTC);
    the current time when None, in which case dates in the future are not rejected.
    `languages`: for dateparser, default ("en",).
    """
    nothing = Published(None, None, raw, origin)
    text = _clean(raw)
    if not text:
        return nothing
    languages = tuple(languages or DEFAULT_LANGUAGES)
    # Arabic script and no language that writes it with month names of its own (Persian, Urdu).
    arabic = _OTHER_ARABIC_SCRIPT.isdisjoint(languages) and bool(_ARABIC.search(text))
    if arabic:
        text = _arabic_months(text)
    site = _site(day_first, tz, now)
    stamp = _fast_path(text, site)
    if stamp is None:
        stamp = _slow_path(text, site, languages)
        if stamp is None and "en" not in languages:
            # CMSs and JavaScript write machine dates in English ("Fri Apr 28 19:20:36
            # CEST 2023") whatever the page's language.
            stamp = _slow_path(text, site, DEFAULT_LANGUAGES)
        if stamp is None and arabic and "ar" not in languages:
            stamp = _slow_path(text, site, ("ar",))  # a page that does not say it is in Arabic
    if stamp is None or stamp is _INVALID:
        return nothing
    value = _to_utc(stamp, site.zone)
    if not _plausible(value, site.now if now is not None else None):
        return nothing
    return Published(value, stamp.precision, raw, origin)


# --- steps --------------------------------------------------------------------------------


def _clean(raw: object) -> str | None:
    """The date string without surrounding whitespace, labels and separators, or None."""
    if not isinstance(raw, str) or len(raw) > _MAX_RAW_LENGTH:
        return None
    text = " ".join(raw.split())  # also folds nbsp, thin and narrow no-break spaces
    if len(text) > MAX_LENGTH:
        return None
    if ". " in text:
        text = _SPACED_DOTS.sub(r"\1.\2.\3", text)  # "4. 2. 2022" -> "4.2.2022"
    if "分" in text or "분" in text:
        text = _CJK_TIME.sub(r"\1:\2", text)  # "12時00分" -> "12:00", read by the time tail
    text = _LEADING_LABELS.sub("", text.strip(_EDGE_JUNK))
    text = _TRAILING_LABELS.sub("", text).strip(_EDGE_JUNK).rstrip(".")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text or None


def _arabic_months(text: str) -> str:
    """Syriac month names as the Egyptian ones, one name where the page gives both, and no
    "published" label in front ("تم نشره")."""
    text = _SYRIAC.sub(lambda m: _SYRIAC_TO_EGYPTIAN[m[0]], text.translate(_ALIF))
    return _ARABIC_LABELS.sub("", _TWO_NAMES.sub(r"\1", text))


def _site(day_first: bool, tz: str | None, now: datetime | None) -> _Site:
    zone = ZoneInfo(tz) if tz else UTC  # an unknown zone name raises: it is a config bug
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now = now.astimezone(UTC)
    return _Site(day_first, zone, now, now.astimezone(zone).replace(tzinfo=None))


def _to_utc(stamp: _Stamp, zone: tzinfo) -> datetime:
    value, precision = stamp
    if precision in _DATE_PRECISIONS:
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    value = value.astimezone(UTC).replace(microsecond=0)
    return value.replace(second=0) if precision == MINUTE else value


def _plausible(value: datetime, now: datetime | None) -> bool:
    if value.year < MIN_YEAR:
        return False
    return now is None or value <= now + FUTURE_SLACK


# --- fast path ----------------------------------------------------------------------------


def _fast_path(text: str, site: _Site):
    """A _Stamp, _INVALID for an impossible date of a known shape, or None if unknown."""
    for pattern, reader in _READERS:
        match = pattern.fullmatch(text)
        if match:
            return reader(match, site)
    return None


def _read_year(match: re.Match, site: _Site):
    year = int(match[0])
    if not MIN_YEAR <= year <= site.now.year + 1:
        return _INVALID  # a bare number that is no plausible year: never ask dateparser
    return _Stamp(datetime(year, 1, 1), YEAR)


def _read_ymd(match: re.Match, site: _Site):
    return _with_time(match, _calendar(int(match["year"]), int(match["a"]), int(match["b"])))


def _read_numeric(match: re.Match, site: _Site):
    a, b = int(match["a"]), int(match["b"])
    year = _full_year(match["year"], site.now.year)
    if a > 12 or (b <= 12 and site.day_first):  # 25.10.2023 is day first on any site
        day, month = a, b
    else:
        month, day = a, b
    return _with_time(match, _calendar(year, month, day))


def _read_month_name(match: re.Match, site: _Site):
    month = _MONTHS[match["month"].lower()]
    return _with_time(match, _calendar(int(match["year"]), month, int(match["day"])))


def _read_month_year(match: re.Match, site: _Site):
    return _Stamp(datetime(int(match["year"]), _MONTHS[match["month"].lower()], 1), MONTH)


def _read_rfc2822(match: re.Match, site: _Site):
    try:
        value = email.utils.parsedate_to_datetime(match[0])
    except (TypeError, ValueError):
        return _INVALID
    if value.tzinfo is None:  # "-0000": UTC, local zone unknown (RFC 2822 3.3)
        value = value.replace(tzinfo=UTC)
    return _Stamp(value, SECOND if _SECONDS.search(match[0]) else MINUTE)


def _read_ago(match: re.Match, site: _Site):
    count = match["count"].lower()
    count = 1 if count in ("a", "an", "one") else int(count)
    unit = _RELATIVE_UNITS[match["unit"].lower()]
    if unit < timedelta(days=1):
        return _Stamp(site.now - count * unit, MINUTE)
    return _Stamp(site.local_now - count * unit, DAY)  # calendar days of the site


def _read_now(match: re.Match, site: _Site):
    return _Stamp(site.now, MINUTE)


def _read_today(match: re.Match, site: _Site):
    day = site.local_now.date()
    if match["word"].lower() == "yesterday":
        day -= timedelta(days=1)
    return _with_time(match, day)


_READERS = (
    (_YEAR_ONLY, _read_year),
    (_YMD, _read_ymd),
    (_CJK_YMD, _read_ymd),
    (_NUMERIC, _read_numeric),
    (_RFC2822, _read_rfc2822),
    (_MONTH_DAY_YEAR, _read_month_name),
    (_DAY_MONTH_YEAR, _read_month_name),
    (_MONTH_YEAR, _read_month_year),
    (_AGO, _read_ago),
    (_NOW, _read_now),
    (_TODAY, _read_today),
)


def _calendar(year: int, month: int, day: int):
    try:
        return date(year, month, day)
    except ValueError:
        return _INVALID


def _full_year(digits: str, current_year: int) -> int:
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)  # "07.10.23"; 2-digit years far ahead are last century's
    return year if year <= current_year + 1 else year - 100


def _with_time(match: re.Match, day):
    """Combine a date with the optional time of day and zone matched by _TAIL."""
    if day is _INVALID:
        return _INVALID
    if match["hour"] is None:
        return _Stamp(datetime(day.year, day.month, day.day), DAY)
    if match["minute"] is None and match["ampm"] is None:
        return None  # "July 1, 2025 14": not a shape of ours
    hour = _hour(int(match["hour"]), match["ampm"])
    minute, second = int(match["minute"] or 0), int(match["second"] or 0)
    if hour is None or minute > 59 or second > 59:
        return _INVALID
    value = datetime(day.year, day.month, day.day, hour, minute, second)
    if match["zone"]:
        zone = _zone(match["zone"])
        if zone is None or zone is _INVALID:
            return zone  # unknown name: dateparser may know it; bad offset: junk
        value = value.replace(tzinfo=zone)
    return _Stamp(value, SECOND if match["second"] else MINUTE)


def _hour(hour: int, ampm: str | None) -> int | None:
    if ampm is None:
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if ampm[0] in "pP" else 0)


@lru_cache(maxsize=256)  # a site repeats its zone on every article
def _zone(token: str):
    """The tzinfo named by `token`, None if unknown, _INVALID for an impossible offset."""
    token = token.upper()
    named = _ZONES.get(token)
    if named is not None:
        return named
    match = _OFFSET.fullmatch(token)
    if match is None:
        return None
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if hours > 14 or minutes > 59:
        return _INVALID
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if match["sign"] == "-" else offset)


# --- dateparser ---------------------------------------------------------------------------

# dateparser periods -> our precisions ("year" is missing on purpose: a bare year is the
# fast path's, anything else with a year precision is too vague to be a publication date).
_PERIODS = {"day": DAY, "week": DAY, "part_of_day": DAY, "month": MONTH, "quarter": MONTH}


def _slow_path(text: str, site: _Site, languages: tuple[str, ...]) -> _Stamp | None:
    if not _worth_dateparser(text, languages):
        return None
    base = site.local_now.replace(microsecond=0)
    data = _date_parser(languages, site.day_first, base).get_date_data(text)
    value = data.date_obj
    if value is None:
        return None
    if data.period == "time":
        if _YEAR_AND_TIME_ONLY.fullmatch(text):
            return None  # dateparser puts "09:34 2021" on today's day and month of 2021
        return _Stamp(value, SECOND if _SECONDS.search(text) else MINUTE)
    precision = _PERIODS.get(data.period)
    if precision is None:
        return None
    if precision == MONTH:
        value = value.replace(day=1)
    return _Stamp(value.replace(tzinfo=None), precision)


def _worth_dateparser(text: str, languages: tuple[str, ...]) -> bool:
    # dateparser spends ~0.1 ms even on junk: only strings that could be a date go there.
    if _DIGIT.search(text) or _DATE_WORD.search(text):
        return True
    foreign = tuple(language for language in languages if language != "en")
    return bool(foreign) and not _foreign_vocabulary(foreign).isdisjoint(
        _WORD.findall(text.lower())
    )


@lru_cache(maxsize=16)
def _date_parser(languages: tuple[str, ...], day_first: bool, base: datetime):
    """A dateparser DateDataParser for these languages and date order.

    RELATIVE_BASE is a constructor setting, so `base` (the site's wall-clock `now`, to
    the second) is part of the key: a batch that passes one `now` reuses one parser.
    Building one costs ~10 us, against 100-1000 us per parse.
    """
    from dateparser.date import DateDataParser  # noqa: PLC0415 - slow import, rarely needed

    return DateDataParser(
        languages=list(languages),
        settings={
            "DATE_ORDER": "DMY" if day_first else "MDY",
            # Relative dates and missing years count from the site's wall-clock now; the
            # naive results are then read in the site's zone like any naive time.
            "RELATIVE_BASE": base,
            # Never the machine's local zone. Strings with a zone come back aware (in UTC),
            # the others naive; _to_utc localizes those (RETURN_AS_TIMEZONE_AWARE unset).
            "TIMEZONE": "UTC",
            "TIMEZONE_ABBREVIATIONS": {name: zone.utcoffset(None) for name, zone in _ZONES.items()},
            "PREFER_DATES_FROM": "past",
            # No PREFER_DAY_OF_MONTH="first": dateparser would then put a bare "10:30" on
            # the 1st of the month. _slow_path sets month precision to the 1st instead.
            "RETURN_TIME_AS_PERIOD": True,  # period "time" tells a time of day was given
            "STRICT_PARSING": False,
        },
    )


# Keys of dateparser's locale data whose words make a digit-less string worth parsing.
_VOCABULARY_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "ago", "year", "month", "week", "day", "hour", "minute",
    "second",
)  # fmt: skip


@lru_cache(maxsize=16)
def _foreign_vocabulary(languages: tuple[str, ...]) -> frozenset[str]:
    """Month, weekday, unit and relative words of these languages, from dateparser's data."""
    from dateparser.languages import default_loader  # noqa: PLC0415

    words = set()
    for language in languages:
        info = default_loader.get_locale(language).info
        phrases = [word for key in _VOCABULARY_KEYS for word in info.get(key, ())]
        phrases += [word for found in info.get("relative-type", {}).values() for word in found]
        words.update(word for phrase in phrases for word in _WORD.findall(phrase.lower()))
    return frozenset(word for word in words if len(word) > 2)  # not "in", "le", "j"

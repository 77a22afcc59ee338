"""Publication-date normalization with the source's conventions.

A fast path of compiled patterns reads the shapes news pages use (ISO 8601, RFC 2822, numeric
with the site's day/month order, English month names); only what it cannot read goes to
dateparser, whose default settings cost milliseconds a string.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_LEN = 80  # longer strings are prose, not a date
MIN_YEAR = 1990


@dataclass(frozen=True)
class Published:
    value: datetime | None = None
    precision: str | None = None
    raw: str | None = None
    origin: str | None = None


_MONTHS = {m: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"], 1)
    for m in names.split()}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ZONES = {"utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
          "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480,
          "pdt": -420, "jst": 540, "kst": 540, "ist": 330, "aest": 600, "aedt": 660, "hkt": 480, "sgt": 480}
_TIME = (r"(?:[T ,]+(?:at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
         r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>[zZ]|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?)?")
_LABEL = re.compile(r"^\s*(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*|\|\s*)+",
                    re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _TIME + r"$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4}|\d{2})" + _TIME + r"$")
_YMD = re.compile(r"^(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})" + _TIME + r"$")
_MDY = re.compile(r"^" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME + r"$", re.IGNORECASE)
_DMY = re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(?P<y>\d{4})" + _TIME + r"$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^" + _MONTH + r"\s+(?P<y>\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(?P<y>\d{4})$")
_ANY_WORD = re.compile(r"[^\W\d_]{3,}")  # a month or relative word dateparser may know


def parse_published(raw: str | None, *, day_first: bool = False, tz: str | None = None,
                    now: datetime | None = None, origin: str | None = None,
                    languages: tuple[str, ...] | None = None) -> Published:
    """Normalize a date string as found on a page; Published(None…) when it is not a date."""
    nothing = Published(None, None, raw, origin)
    if not raw:
        return nothing
    text = _WEEKDAY.sub("", _LABEL.sub("", raw.replace("\u00a0", " ")).strip()).strip(" |·,")
    if not text or len(text) > MAX_LEN:
        return nothing
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    try:
        found = _fast(text, day_first, tz) or _relative(text, now, tz)
        if found is None and (any(c.isdigit() for c in text) or _ANY_WORD.search(text)):
            found = _slow(text, day_first, tz, tuple(languages or ("en",)))
    except (ValueError, OverflowError):
        return nothing
    if found is None:
        return nothing
    value, precision = found
    if value.year < MIN_YEAR or value > now + timedelta(days=1):
        return nothing
    return Published(value, precision, raw, origin)


def _fast(text: str, day_first: bool, tz: str | None):
    if m := _ISO.match(text):
        return _build(int(m["y"]), int(m["m"]), int(m["d"]), m, tz)
    if m := _YMD.match(text):
        return _build(int(m["y"]), int(m["m"]), int(m["d"]), m, tz)
    if m := _NUMERIC.match(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        year += 2000 if year < 100 else 0
        day, month = (a, b) if (day_first or a > 12) and b <= 12 else (b, a)
        return _build(year, month, day, m, tz)
    for pattern in (_MDY, _DMY):
        if m := pattern.match(text):
            return _build(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]), m, tz)
    if m := _MONTH_YEAR.match(text):
        return datetime(int(m["y"]), _MONTHS[m["mon"].lower()], 1, tzinfo=timezone.utc), "month"
    if m := _YEAR.match(text):
        return datetime(int(m["y"]), 1, 1, tzinfo=timezone.utc), "year"
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RFC 2822, as in feeds
    except (TypeError, ValueError, IndexError):
        return None
    return _to_utc(parsed, tz), "second"


def _build(year: int, month: int, day: int, m: re.Match, tz: str | None):
    if m["h"] is None:
        # A bare date is a calendar day where it was printed: never shifted across zones.
        return datetime(year, month, day, tzinfo=timezone.utc), "day"
    hour = int(m["h"])
    if m["ampm"]:
        hour = hour % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
    local = datetime(year, month, day, hour, int(m["mi"]), int(m["s"] or 0))
    zone = m["zone"]
    if zone:
        offset = _offset(zone)
        if offset is None:
            raise ValueError(f"unknown zone {zone!r}")
        local = local.replace(tzinfo=offset)
    return _to_utc(local, tz), "second" if m["s"] else "minute"


def _offset(zone: str):
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    minutes = _ZONES.get(zone.lower())
    return None if minutes is None else timezone(timedelta(minutes=minutes))


def _to_utc(value: datetime, tz: str | None) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=_zone(tz))
    return value.astimezone(timezone.utc)


@lru_cache(maxsize=64)
def _zone(tz: str | None):
    if not tz:
        return timezone.utc
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


_AGO = re.compile(r"^(?P<n>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago$", re.IGNORECASE)
_UNITS = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
          "day": timedelta(days=1), "week": timedelta(weeks=1)}
_TODAY = re.compile(r"^(?P<word>today|yesterday)(?:,?\s+(?:at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?$",
                    re.IGNORECASE)


def _relative(text: str, now: datetime, tz: str | None):
    """"3 hours ago", "yesterday", "Today 14:30", "just now", against the fetch time."""
    if text.lower() in ("just now", "now"):
        return now.astimezone(timezone.utc), "minute"
    if m := _AGO.match(text):
        n = 1 if m["n"].lower() in ("a", "an", "one") else int(m["n"])
        value = now - n * _UNITS[m["unit"].lower()]
        return (value, "minute") if m["unit"].lower() in ("second", "minute", "hour") else (_day(value), "day")
    if m := _TODAY.match(text):
        local = now.astimezone(_zone(tz)) - timedelta(days=1 if m["word"].lower() == "yesterday" else 0)
        if m["h"] is None:
            return _day(local), "day"
        hour = int(m["h"])
        if m["ampm"]:
            hour = hour % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
        return local.replace(hour=hour, minute=int(m["mi"]), second=0, microsecond=0).astimezone(timezone.utc), "minute"
    return None


def _day(value: datetime) -> datetime:
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


@lru_cache(maxsize=16)
def _parser(languages: tuple[str, ...], day_first: bool):
    from dateparser.date import DateDataParser  # loaded on first need: it is slow to import

    return DateDataParser(languages=list(languages),
                          settings={"DATE_ORDER": "DMY" if day_first else "MDY", "PREFER_DATES_FROM": "past"})


def _slow(text: str, day_first: bool, tz: str | None, languages: tuple[str, ...]):
    """dateparser, for month names in other languages and shapes the fast path does not know."""
    data = _parser(languages, day_first).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj, data.period or "day"
    if period in ("year", "month"):
        return datetime(value.year, value.month if period == "month" else 1, 1, tzinfo=timezone.utc), period
    if period == "day" and (value.hour, value.minute, value.second) == (0, 0, 0):
        return _day(value), "day"
    return _to_utc(value, tz), "second" if value.second else "minute"

"""Tests for pipelines.dates: publication-date strings -> UTC value + precision."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfoNotFoundError

import pytest

from pipelines import dates
from pipelines.dates import Published, parse_published

UTC = timezone.utc
NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)  # a Tuesday


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


DMY = {"day_first": True}
SHANGHAI = {"tz": "Asia/Shanghai"}
BERLIN = {"tz": "Europe/Berlin"}
DE = {"languages": ("de",)}
FR = {"languages": ("fr",)}

# (raw, keyword arguments, expected value, expected precision); all parsed with now=NOW
# unless the arguments say otherwise.
CASES = [
    # ISO 8601
    ("2025-07-01T10:30:00+08:00", {}, utc(2025, 7, 1, 2, 30), "second"),
    ("2025-06-30T22:15:00Z", {}, utc(2025, 6, 30, 22, 15), "second"),
    ("2025-06-30T22:15Z", {}, utc(2025, 6, 30, 22, 15), "minute"),
    ("2025-06-30T22:15:07.123456Z", {}, utc(2025, 6, 30, 22, 15, 7), "second"),
    ("2025-06-30 22:15:07-04:00", {}, utc(2025, 7, 1, 2, 15, 7), "second"),
    ("2025-06-30T22:15:07+0530", {}, utc(2025, 6, 30, 16, 45, 7), "second"),
    ("2025-06-30", {}, utc(2025, 6, 30), "day"),
    ("2025-06-30", SHANGHAI, utc(2025, 6, 30), "day"),  # a bare date is never shifted
    ("2023-10-07 08:00", SHANGHAI, utc(2023, 10, 7, 0, 0), "minute"),
    ("2023-10-07T08:00:00", BERLIN, utc(2023, 10, 7, 6, 0), "second"),  # CEST
    ("2023-12-07T08:00:00+01:00", SHANGHAI, utc(2023, 12, 7, 7, 0), "second"),  # offset wins
    ("2023/10/07", {}, utc(2023, 10, 7), "day"),
    # numeric, day-first and month-first sites
    ("07.10.2023", DMY, utc(2023, 10, 7), "day"),
    ("07.10.2023", {}, utc(2023, 7, 10), "day"),
    ("07/10/2023", {}, utc(2023, 7, 10), "day"),
    ("07/10/2023", DMY, utc(2023, 10, 7), "day"),
    ("25.10.2023", {}, utc(2023, 10, 25), "day"),  # unambiguous on a month-first site
    ("24.10.2023", DMY, utc(2023, 10, 24), "day"),
    ("28.09.2023", {}, utc(2023, 9, 28), "day"),
    ("27.09.2023 14:02", {**DMY, **BERLIN}, utc(2023, 9, 27, 12, 2), "minute"),
    ("10/25/2023 2:02 PM", {}, utc(2023, 10, 25, 14, 2), "minute"),
    ("07.10.23", DMY, utc(2023, 10, 7), "day"),
    # English month names, with times, am/pm and zones
    ("July 01, 2025", {}, utc(2025, 7, 1), "day"),
    ("July 01, 2025", SHANGHAI, utc(2025, 7, 1), "day"),
    ("Jul 1 2025", {}, utc(2025, 7, 1), "day"),
    ("Sept 5, 2024", {}, utc(2024, 9, 5), "day"),
    ("1 July 2025", {}, utc(2025, 7, 1), "day"),
    ("7. Oct 2023", {}, utc(2023, 10, 7), "day"),
    ("Saturday, 7th of October 2023", {}, utc(2023, 10, 7), "day"),
    ("July 1, 2025, 2:02 p.m.", {}, utc(2025, 7, 1, 14, 2), "minute"),
    ("June 30, 2025 11:45 pm", {"tz": "America/New_York"}, utc(2025, 7, 1, 3, 45), "minute"),
    ("Jun 30 2025 12:30 am", {}, utc(2025, 6, 30, 0, 30), "minute"),
    ("30 June 2025 14:02 BST", {}, utc(2025, 6, 30, 13, 2), "minute"),
    ("30 Jun 2025 14:02 CEST", {}, utc(2025, 6, 30, 12, 2), "minute"),
    ("June 30, 2025 9:15 AM EDT", {}, utc(2025, 6, 30, 13, 15), "minute"),
    ("June 30, 2025 9:15 AM PST", {}, utc(2025, 6, 30, 17, 15), "minute"),
    ("30 June 2025 14:02 IST", {}, utc(2025, 6, 30, 8, 32), "minute"),  # India
    ("30 June 2025 14:02 CST", {}, utc(2025, 6, 30, 20, 2), "minute"),  # US Central
    ("30 June 2025 14:02 JST", {}, utc(2025, 6, 30, 5, 2), "minute"),
    ("30 June 2025 14:02 AEST", {}, utc(2025, 6, 30, 4, 2), "minute"),
    ("30 June 2025 14:02 GMT+8", {}, utc(2025, 6, 30, 6, 2), "minute"),
    ("30 June 2025 14:02 UTC", SHANGHAI, utc(2025, 6, 30, 14, 2), "minute"),  # zone wins
    ("July 2025", {}, utc(2025, 7, 1), "month"),
    ("2025", {}, utc(2025, 1, 1), "year"),
    # RFC 2822
    ("Sat, 07 Oct 2023 14:02:00 +0000", {}, utc(2023, 10, 7, 14, 2), "second"),
    ("Sat, 07 Oct 2023 14:02:00 -0400", {}, utc(2023, 10, 7, 18, 2), "second"),
    ("Sat, 07 Oct 2023 14:02:00 GMT", {}, utc(2023, 10, 7, 14, 2), "second"),
    # labels and separators around the date
    ("Published: 07.10.2023", DMY, utc(2023, 10, 7), "day"),
    ("Updated: Mon 30 Jun 2025 14:02 BST", {}, utc(2025, 6, 30, 13, 2), "minute"),
    ("Posted on June 30, 2025", {}, utc(2025, 6, 30), "day"),
    ("| June 30, 2025 |", {}, utc(2025, 6, 30), "day"),
    ("June 30, 2025 | Updated", {}, utc(2025, 6, 30), "day"),
    ("\xa0 Updated 3 hours ago\u00a0\n", {}, utc(2025, 7, 1, 9, 0), "minute"),
    # relative dates against NOW
    ("3 hours ago", {}, utc(2025, 7, 1, 9, 0), "minute"),
    ("an hour ago", {}, utc(2025, 7, 1, 11, 0), "minute"),
    ("5 mins ago", {}, utc(2025, 7, 1, 11, 55), "minute"),
    ("just now", {}, utc(2025, 7, 1, 12, 0), "minute"),
    ("yesterday", {}, utc(2025, 6, 30), "day"),
    ("2 days ago", {}, utc(2025, 6, 29), "day"),
    ("2 weeks ago", {}, utc(2025, 6, 17), "day"),
    ("Today 09:30", BERLIN, utc(2025, 7, 1, 7, 30), "minute"),
    ("Yesterday at 9:15 pm", {}, utc(2025, 6, 30, 21, 15), "minute"),
    # 20:00 UTC is already 2 July in Tokyo: "yesterday" is the site's 1 July
    ("yesterday", {"tz": "Asia/Tokyo", "now": utc(2025, 7, 1, 20, 0)}, utc(2025, 7, 1), "day"),
    # through dateparser: other languages, English shapes the fast path does not read
    ("7. Oktober 2023", DE, utc(2023, 10, 7), "day"),
    ("Samstag, 7. Oktober 2023 um 14:02 Uhr", {**DE, **BERLIN}, utc(2023, 10, 7, 12, 2), "minute"),
    ("vor 3 Stunden", DE, utc(2025, 7, 1, 9, 0), "minute"),
    ("gestern", DE, utc(2025, 6, 30), "day"),
    ("7 octobre 2023", FR, utc(2023, 10, 7), "day"),
    (
        "Mis à jour le 7 octobre 2023 à 14h02",
        {**FR, "tz": "Europe/Paris"},
        utc(2023, 10, 7, 12, 2),
        "minute",
    ),
    ("il y a 2 heures", FR, utc(2025, 7, 1, 10, 0), "minute"),
    # Arabic: Syriac month names, both names, a "published" label, a page that says no language
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", {}, utc(2020, 4, 24, 21, 22), "minute"),
    ("24 كانون الثاني 2020", {"languages": ("ar",)}, utc(2020, 1, 24), "day"),
    ("تاريخ النشر: 7 حزيران 2022", {}, utc(2022, 6, 7), "day"),
    ("2 آب (أغسطس) 2020", {}, utc(2020, 8, 2), "day"),
    ("1/1/2020", {"languages": ("ar",)}, utc(2020, 1, 1), "day"),
    ("1 month ago", {}, utc(2025, 6, 1), "month"),
    ("last week", {}, utc(2025, 6, 24), "day"),
    ("5 May", {}, utc(2025, 5, 5), "day"),  # no year: the latest 5 May before NOW
    ("14:02 30 June 2025", {}, utc(2025, 6, 30, 14, 2), "minute"),
    # one day of slack for the future
    ("July 02, 2025", {}, utc(2025, 7, 2), "day"),
    # junk, impossible, future, prose
    ("", {}, None, None),
    (None, {}, None, None),
    ("   \xa0 ", {}, None, None),
    ("N/A", {}, None, None),
    ("Share", {}, None, None),
    ("Share 3", {}, None, None),
    ("Page 2 of 10", {}, None, None),
    (
        "In a statement released on July 1, 2025 the ministry said the new rules would apply",
        {},
        None,
        None,
    ),
    ("31.02.2023", DMY, None, None),
    ("2023-13-45", {}, None, None),
    ("June 30, 2025 25:00", {}, None, None),
    ("2025-06-30T10:30+25:00", {}, None, None),
    ("12/31/2099", {}, None, None),
    ("July 03, 2025", {}, None, None),
    ("in 3 days", {}, None, None),
    ("2026", {}, None, None),  # a plausible year, but all of it in the future
    ("2027", {}, None, None),
    ("1989", {}, None, None),
    ("March 5, 1985", {}, None, None),
    ("1 year ago", {}, None, None),  # a year precision only for a bare year
    # a time of day and a year name no day: dateparser would fill in today's
    ("09:34 2021", {}, None, None),
    ("2024, 10:30 Uhr", DE, None, None),
]


@pytest.mark.parametrize(
    ("raw", "kwargs", "value", "precision"), CASES, ids=[repr(c[0])[:50] for c in CASES]
)
def test_parse_published(raw, kwargs, value, precision):
    kwargs = {"now": NOW, **kwargs}
    result = parse_published(raw, origin="meta", **kwargs)
    assert result == Published(value, precision, raw, "meta")
    if value is not None:
        assert result.value.tzinfo is not None and result.value.utcoffset() == timedelta(0)


def test_table_is_large_enough():
    assert len(CASES) >= 45
    assert sum(case[2] is None for case in CASES) >= 15


def test_raw_and_origin_are_passed_through_unchanged():
    raw = "\xa0Updated:  Mon 30 Jun 2025 14:02 BST | "
    result = parse_published(raw, now=NOW, origin="lead")
    assert result.raw is raw
    assert result.origin == "lead"
    assert result.value == utc(2025, 6, 30, 13, 2)

    junk = parse_published("N/A", now=NOW, origin="jsonld")
    assert junk == Published(None, None, "N/A", "jsonld")

    assert parse_published(None) == Published(None, None, None, None)


def test_huge_string_returns_nothing():
    raw = "July 1, 2025 " * 770  # 10,010 characters, dates all over
    assert len(raw) >= 10_000
    assert parse_published(raw, now=NOW, origin="lead") == Published(None, None, raw, "lead")


def test_padded_string_is_measured_after_folding_whitespace():
    raw = " " * 200 + "July 1, 2025" + "\n" * 200
    assert parse_published(raw, now=NOW).value == utc(2025, 7, 1)


@pytest.fixture
def no_dateparser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("dateparser was called")

    monkeypatch.setattr(dates, "_date_parser", refuse)


FAST_SHAPES = [
    ("2025-07-01T10:30:00+08:00", {}, utc(2025, 7, 1, 2, 30), "second"),
    ("2025-06-30T22:15:07.5Z", {}, utc(2025, 6, 30, 22, 15, 7), "second"),
    ("2025-06-30", {}, utc(2025, 6, 30), "day"),
    ("2023-10-07 08:00", SHANGHAI, utc(2023, 10, 7), "minute"),
    ("2023/10/07", {}, utc(2023, 10, 7), "day"),
    ("07.10.2023", DMY, utc(2023, 10, 7), "day"),
    ("07/10/2023", {}, utc(2023, 7, 10), "day"),
    ("07-10-2023 14:02:33", DMY, utc(2023, 10, 7, 14, 2, 33), "second"),
    ("07.10.23", DMY, utc(2023, 10, 7), "day"),
    ("July 01, 2025", {}, utc(2025, 7, 1), "day"),
    ("Jul. 1, 2025 at 2:02 p.m.", {}, utc(2025, 7, 1, 14, 2), "minute"),
    ("1 July 2025", {}, utc(2025, 7, 1), "day"),
    ("01-Jul-2025", {}, utc(2025, 7, 1), "day"),
    ("7. October 2023", {}, utc(2023, 10, 7), "day"),
    ("Updated: Mon 30 Jun 2025 14:02 BST", {}, utc(2025, 6, 30, 13, 2), "minute"),
    ("30 June 2025 14:02 (CEST)", {}, utc(2025, 6, 30, 12, 2), "minute"),
    ("Sat, 07 Oct 2023 14:02:00 +0000", {}, utc(2023, 10, 7, 14, 2), "second"),
    ("07.10.2023, 14:02 Uhr", {**DMY, **BERLIN}, utc(2023, 10, 7, 12, 2), "minute"),
    ("July 2025", {}, utc(2025, 7, 1), "month"),
    ("2025", {}, utc(2025, 1, 1), "year"),
    ("3 hours ago", {}, utc(2025, 7, 1, 9, 0), "minute"),
    ("about 3 hours ago", {}, utc(2025, 7, 1, 9, 0), "minute"),
    ("a minute ago", {}, utc(2025, 7, 1, 11, 59), "minute"),
    ("just now", {}, utc(2025, 7, 1, 12, 0), "minute"),
    ("yesterday", {}, utc(2025, 6, 30), "day"),
    ("Today 14:30", {}, utc(2025, 7, 1, 14, 30), "minute"),
    # Month names of other languages and CJK dates, with no language given.
    ("19. Oktober 2019", {}, utc(2019, 10, 19), "day"),
    ("Sa 13. Juli 2019", {}, utc(2019, 7, 13), "day"),
    ("27 juin 2019", {}, utc(2019, 6, 27), "day"),
    ("Miércoles 04 mayo de 2022 | 01:10", {}, utc(2022, 5, 4, 1, 10), "minute"),
    ("12 settembre 2021", {}, utc(2021, 9, 12), "day"),
    ("2019年04月21日 12時00分", {"tz": "Asia/Tokyo"}, utc(2019, 4, 21, 3, 0), "minute"),
    ("2019年4月4日", {}, utc(2019, 4, 4), "day"),
    ("2020년 3월 4일", {}, utc(2020, 3, 4), "day"),
    ("4. 2. 2022", DMY, utc(2022, 2, 4), "day"),  # spaced dots
    ("/ martes 17 de marzo de 2020", {}, utc(2020, 3, 17), "day"),
]


@pytest.mark.parametrize(("raw", "kwargs", "value", "precision"), FAST_SHAPES)
def test_fast_path_does_not_call_dateparser(no_dateparser, raw, kwargs, value, precision):
    result = parse_published(raw, now=NOW, **kwargs)
    assert (result.value, result.precision) == (value, precision)


@pytest.mark.parametrize(
    "raw",
    ["", "N/A", "Share", "Read more", "31.02.2023", "2023-13-45", "1989", "9999",
     "June 30, 2025 25:00", "x" * 10_000, "word " * 30],
)  # fmt: skip
def test_junk_does_not_reach_dateparser(no_dateparser, raw):
    assert parse_published(raw, now=NOW).value is None


def test_dateparser_handles_other_languages(monkeypatch):
    calls = []
    real = dates._date_parser

    def spy(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(dates, "_date_parser", spy)
    # Polish month names are not in the fast path's table (German, French, ... are).
    result = parse_published("7 października 2023", now=NOW, languages=("pl",), day_first=True)
    assert (result.value, result.precision) == (utc(2023, 10, 7), "day")
    assert calls == [(("pl",), True, datetime(2025, 7, 1, 12, 0))]


# Shapes both stages read: the fast path's answer must be dateparser's.
AGREEMENT = [
    "2025-07-01", "2025-06-30T22:15:07Z", "2025-06-30T22:15+08:00", "2025-06-30 22:15:07",
    "2023/10/07", "07.10.2023", "07/10/2023", "25.10.2023", "10/25/2023", "07.10.23",
    "27.09.2023 18:00:05", "July 01, 2025", "Jul 1 2025", "July 1st, 2025", "Sept 5, 2024",
    "1 July 2025", "5. June 2025", "01-Jul-2025", "Mon 30 Jun 2025 14:02 BST",
    "Sat, 07 Oct 2023 14:02:00 +0000", "July 1, 2025, at 2:02 p.m.", "July 1, 2025 12:30 am",
    "30 June 2025 14:02 IST", "30 June 2025 14:02 CST", "30 June 2025 14:02 AEST",
    "30 June 2025 14:02 EDT", "30 June 2025 14:02 GMT+8", "June 30 2025 14:02 +0530",
    "July 2025", "3 hours ago", "an hour ago", "5 mins ago", "yesterday", "2 days ago",
    "1 week ago", "just now", "Today 09:30", "yesterday at 9:15 pm",
]  # fmt: skip


@pytest.mark.parametrize("raw", AGREEMENT)
@pytest.mark.parametrize(
    "site",
    [{}, DMY, SHANGHAI, {"tz": "America/New_York", "day_first": True}],
    ids=["utc", "day-first", "shanghai", "new-york-day-first"],
)
def test_fast_path_agrees_with_dateparser(monkeypatch, raw, site):
    fast = parse_published(raw, now=NOW, **site)
    assert fast.value is not None
    monkeypatch.setattr(dates, "_fast_path", lambda text, site: None)
    slow = parse_published(raw, now=NOW, **site)
    assert (slow.value, slow.precision) == (fast.value, fast.precision)


def test_naive_now_is_utc():
    naive = parse_published("3 hours ago", now=datetime(2025, 7, 1, 12, 0))
    assert naive.value == utc(2025, 7, 1, 9, 0)


def test_now_defaults_to_the_current_time():
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    result = parse_published("3 hours ago")
    after = datetime.now(UTC)
    assert result.precision == "minute"
    assert before - timedelta(hours=3) <= result.value <= after - timedelta(hours=3)


def test_unknown_site_time_zone_is_a_configuration_error():
    with pytest.raises(ZoneInfoNotFoundError):
        parse_published("July 1, 2025", tz="Mars/Olympus_Mons")

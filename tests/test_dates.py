"""parse_published on date shapes news pages use, with the site's conventions."""

from datetime import datetime, timezone

import pytest

import pipelines.dates as dates
from pipelines.dates import Published, parse_published

NOW = datetime(2025, 7, 2, 12, 0, tzinfo=timezone.utc)


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


CASES = [
    # ISO 8601
    ("2025-07-01", {}, utc(2025, 7, 1), "day"),
    ("2025-07-01T10:30:00+08:00", {}, utc(2025, 7, 1, 2, 30), "second"),
    ("2025-07-01T10:30:00Z", {}, utc(2025, 7, 1, 10, 30), "second"),
    ("2025-07-01T10:30:00.123456-04:00", {}, utc(2025, 7, 1, 14, 30), "second"),
    ("2025-07-01 10:30", {}, utc(2025, 7, 1, 10, 30), "minute"),
    ("2025-07-01T10:30+0200", {}, utc(2025, 7, 1, 8, 30), "minute"),
    ("2025-07-01 08:00", {"tz": "Asia/Shanghai"}, utc(2025, 7, 1, 0, 0), "minute"),
    ("2025-07-01T08:00:00+00:00", {"tz": "Asia/Shanghai"}, utc(2025, 7, 1, 8, 0), "second"),  # offset wins
    ("2025-01-15 12:00", {"tz": "Europe/Berlin"}, utc(2025, 1, 15, 11, 0), "minute"),  # winter time
    ("2025-07-01", {"tz": "Asia/Shanghai"}, utc(2025, 7, 1), "day"),  # a bare day is not shifted
    # numeric, day-first and month-first sites
    ("07.10.2023", {"day_first": True}, utc(2023, 10, 7), "day"),
    ("25.10.2023", {"day_first": True}, utc(2023, 10, 25), "day"),
    ("28.09.2023", {"day_first": True}, utc(2023, 9, 28), "day"),
    ("25.10.2023", {"day_first": False}, utc(2023, 10, 25), "day"),  # unambiguous either way
    ("07/10/2023", {"day_first": False}, utc(2023, 7, 10), "day"),
    ("07/10/2023", {"day_first": True}, utc(2023, 10, 7), "day"),
    ("6/4/25", {"day_first": False}, utc(2025, 6, 4), "day"),
    ("2023/10/07", {"day_first": True}, utc(2023, 10, 7), "day"),
    ("07.10.2023 14:05", {"day_first": True, "tz": "Europe/Berlin"}, utc(2023, 10, 7, 12, 5), "minute"),
    ("10-07-2023", {"day_first": True}, utc(2023, 7, 10), "day"),
    # month names
    ("July 01, 2025", {}, utc(2025, 7, 1), "day"),
    ("Jul 1 2025", {}, utc(2025, 7, 1), "day"),
    ("1 July 2025", {}, utc(2025, 7, 1), "day"),
    ("1. July 2025", {}, utc(2025, 7, 1), "day"),
    ("Sept. 3, 2024", {}, utc(2024, 9, 3), "day"),
    ("March 3rd, 2024", {}, utc(2024, 3, 3), "day"),
    ("July 1, 2025 2:02 pm", {}, utc(2025, 7, 1, 14, 2), "minute"),
    ("July 1, 2025 2:02 p.m. EDT", {}, utc(2025, 7, 1, 18, 2), "minute"),
    ("July 1, 2025, 9:15 AM", {"tz": "America/New_York"}, utc(2025, 7, 1, 13, 15), "minute"),
    ("Updated: Mon 5 May 2025 14:02 BST", {}, utc(2025, 5, 5, 13, 2), "minute"),
    ("Published 12 June 2025 08:00 GMT", {}, utc(2025, 6, 12, 8, 0), "minute"),
    ("Posted on Tuesday, June 3, 2025", {}, utc(2025, 6, 3), "day"),
    ("July 2025", {}, utc(2025, 7, 1), "month"),
    ("2024", {}, utc(2024, 1, 1), "year"),
    # RFC 2822, as in feeds
    ("Tue, 07 Oct 2023 14:02:00 +0000", {}, utc(2023, 10, 7, 14, 2), "second"),
    ("Tue, 07 Oct 2023 14:02:00 GMT", {}, utc(2023, 10, 7, 14, 2), "second"),
    # relative, against the fetch time
    ("3 hours ago", {}, utc(2025, 7, 2, 9, 0), "minute"),
    ("an hour ago", {}, utc(2025, 7, 2, 11, 0), "minute"),
    ("45 minutes ago", {}, utc(2025, 7, 2, 11, 15), "minute"),
    ("2 days ago", {}, utc(2025, 6, 30), "day"),
    ("yesterday", {}, utc(2025, 7, 1), "day"),
    ("Today 14:30", {"tz": "Europe/Berlin"}, utc(2025, 7, 2, 12, 30), "minute"),
    ("just now", {}, NOW, "minute"),
    # other languages, through dateparser
    ("1. Juli 2025", {"languages": ("de",)}, utc(2025, 7, 1), "day"),
    ("12 juillet 2024", {"languages": ("fr",)}, utc(2024, 7, 12), "day"),
    ("3 de marzo de 2024", {"languages": ("es",)}, utc(2024, 3, 3), "day"),
    # junk, impossible, future, prose
    ("", {}, None, None),
    ("N/A", {}, None, None),
    ("Share", {}, None, None),
    ("31.02.2023", {"day_first": True}, None, None),
    ("2023-13-45", {}, None, None),
    ("2031-01-01", {}, None, None),  # future of the fetch time
    ("1875-05-01", {}, None, None),
    ("On April 29, 2025, construction officially commenced on three critical tunnels along the railway", {}, None, None),
]


@pytest.mark.parametrize("raw, kw, value, precision", CASES, ids=[c[0][:30] or "empty" for c in CASES])
def test_date_shapes(raw, kw, value, precision):
    got = parse_published(raw, now=NOW, **kw)
    assert (got.value, got.precision) == (value, precision)


def test_table_is_large_enough():
    assert len(CASES) >= 40


def test_raw_and_origin_pass_through():
    assert parse_published(" 07.10.2023 ", day_first=True, origin="lead", now=NOW) == Published(
        utc(2023, 10, 7), "day", " 07.10.2023 ", "lead")
    assert parse_published("junk", origin="meta", now=NOW) == Published(None, None, "junk", "meta")
    assert parse_published(None) == Published()


def test_long_junk_is_refused_without_parsing():
    assert parse_published("x1 " * 3334, now=NOW).value is None


def test_common_shapes_never_reach_dateparser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("dateparser called for a shape the fast path reads")

    monkeypatch.setattr(dates, "_slow", refuse)
    for raw in ("2025-07-01T10:30:00+08:00", "07.10.2023", "July 01, 2025", "1 July 2025 14:02 BST",
                "Tue, 07 Oct 2023 14:02:00 +0000", "3 hours ago", "yesterday", "2025-07-01"):
        assert parse_published(raw, day_first=True, now=NOW).value is not None, raw

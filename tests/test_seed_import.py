"""What must hold on the seed dumps, imported through every pipeline into a real database."""

from datetime import date

import pytest

from newscrawl.readers.encoding import text_stream
from tests.conftest import DAY_FIRST_LISTING, LISTING_AND_PAGES
from tests.helpers import by_author, exported, run_import
from pipelines.dedupe import is_teaser_of


@pytest.fixture
def listing_and_pages(db_url):
    result = run_import(db_url, LISTING_AND_PAGES)
    assert result.ok, result.errors
    return result, exported(db_url)


def test_fifteen_articles_with_their_own_teasers_merged(listing_and_pages):
    result, records = listing_and_pages
    assert len(records) == 15
    full = [r for r in records if r["status"] == "full"]
    teasers = [r for r in records if r["status"] == "teaser"]
    assert (len(full), len(teasers)) == (10, 5)
    assert all(r["teaser"] and r["body"] for r in full)
    assert all(r["body"] is None and r["teaser"] for r in teasers)
    # no teaser-only article is the teaser of a stored body
    assert not any(is_teaser_of(t["teaser"], f["body"]) for t in teasers for f in full)
    assert result.stats["newscrawl/dropped/placeholder"] == 1
    assert not any("Lorem Ipsum" in (r["teaser"] or "") for r in records)
    assert result.stats["newscrawl/dedupe/upgraded"] + result.stats.get("newscrawl/dedupe/merged", 0) == 10


def test_bodies_keep_every_paragraph_in_order(listing_and_pages):
    _, records = listing_and_pages
    with open(LISTING_AND_PAGES, "rb") as fh:
        lines = [line.strip() for line in text_stream(fh)]
    cui_yan = by_author(records, "Cui Yan")
    assert cui_yan["body"].split("\n\n") == lines[62:78]  # file lines 63-78, subheadings included
    assert "Why is such a meticulous database necessary?" in by_author(records, "Wang Weijian")["body"].split("\n\n")


def test_bylines_and_categories(listing_and_pages):
    _, records = listing_and_pages
    cui_yan = by_author(records, "Cui Yan")
    assert (cui_yan["authors"], cui_yan["categories"], cui_yan["outlet"]) == (["Cui Yan"], ["Tec", "World"], "People's Daily")
    assert by_author(records, "Tian Xianjin")["authors"] == ["Tian Xianjin", "You Yi", "Song Zhaojun"]
    li_jie = by_author(records, "Li Jie")
    assert (li_jie["authors"], li_jie["outlet"], li_jie["categories"]) == (["Li Jie"], None, ["World"])
    assert by_author(records, "Zhang Bolan")["authors"] == ["Zhang Bolan", "Zhao Yipu", "Mang Jiuchen"]


def test_dateline_and_no_dates_from_prose(listing_and_pages):
    _, records = listing_and_pages
    (islamabad,) = [r for r in records if r["dateline"]]
    assert (islamabad["categories"], islamabad["dateline"], islamabad["published_at"], islamabad["authors"]) == (
        ["Culture", "World"], "Islamabad", "2025-07-01", [])
    assert islamabad["teaser"].startswith("Center for Law and Security")
    assert by_author(records, "Jia Pingfan")["published_at"] is None  # "On April 29, 2025, construction…"
    assert by_author(records, "He Yin")["published_at"] is None  # "On June 11, Chinese President…"


def test_day_first_listing(db_url):
    result = run_import(db_url, DAY_FIRST_LISTING)
    assert result.ok, result.errors
    records = exported(db_url)
    assert len(records) == 10 and all(r["status"] == "teaser" for r in records)
    assert sum(1 for r in records if r["title"]) == 9
    days = [r["published_at"] for r in sorted(records, key=lambda r: r["id"])]
    assert days == ["2023-10-25", "2023-10-24", "2023-10-23", "2023-10-23", "2023-10-20",
                    "2023-10-16", "2023-10-16", "2023-10-07", "2023-09-28", "2023-09-27"]
    assert date.fromisoformat(days[7]) == date(2023, 10, 7)

    luo = by_author(records, "Luo Shanshan")
    assert (luo["authors"], luo["role"], luo["outlet"]) == (["Luo Shanshan"], "correspondent", "People's Daily")
    assert by_author(records, "Wang Zheng")["authors"] == ["Wang Zheng", "Liu Wenxin"]
    heyin = [r for r in records if r["column"] == "Heyin"]
    assert len(heyin) == 2 and all(r["authors"] == [] and r["outlet"] == "People's Daily" for r in heyin)
    assert by_author(records, "Liu Yao")["teaser"].startswith("In recent years")
    no_byline = [r for r in records if r["teaser"].startswith("For the first time")]
    assert no_byline[0]["authors"] == [] and no_byline[0]["title"] is None
    assert not any("column" in name.lower() for r in records for name in r["authors"])

"""The pipeline steps on items from structured sources: authors, modified dates, site conventions."""

from datetime import datetime, timezone
from types import SimpleNamespace

from scrapy.settings import Settings

from newscrawl.items import ArticleItem
from pipelines.steps import BylinePipeline, CleanPipeline, DatePipeline
from scrapy.statscollectors import MemoryStatsCollector


def crawler():
    settings = Settings()
    settings.setmodule("newscrawl.settings")
    return SimpleNamespace(settings=settings, stats=MemoryStatsCollector(SimpleNamespace(settings=settings)))


def run(*steps, item):
    c = crawler()
    for step in steps:
        item = step.from_crawler(c).process_item(item)
    return item


def test_structured_author_names_each_go_through_the_byline_parser():
    item = ArticleItem(kind="full", text="Body text here.", authors_raw=["By Wang Zheng", "LIU WENXIN, Reuters"],
                       byline_raw="Correspondents of the People's Daily newspaper Wang Zheng, Liu Wenxin.")
    item = run(BylinePipeline, item=item)
    assert item.authors == ["Wang Zheng", "Liu Wenxin"]
    assert item.outlet == "People's Daily"  # the visible byline still gives outlet and role


def test_visible_byline_when_no_structured_names():
    item = run(BylinePipeline, item=ArticleItem(kind="full", text="x", byline_raw="By Cui Yan"))
    assert item.authors == ["Cui Yan"]


def test_modified_date_is_normalized_with_the_site_conventions():
    item = ArticleItem(kind="full", text="Body.", url="https://en.people.cn/n3/2023/1007/c1.html",
                       date_raw="07.10.2023", modified_raw="08.10.2023 09:30", published_origin="meta")
    item = run(CleanPipeline, DatePipeline, item=item)
    assert item.site == "peoples-daily" and item.language == "en"  # found by the URL's host
    assert item.published_at.date().isoformat() == "2023-10-07" and item.published_origin == "meta"
    assert item.modified_at == datetime(2023, 10, 8, 1, 30, tzinfo=timezone.utc)  # 09:30 in Shanghai


def test_clean_keeps_one_form_of_the_url():
    item = run(CleanPipeline, item=ArticleItem(kind="full", text="Body.",
                                               url="HTTPS://Example.org/a/?utm_source=x#top"))
    assert item.url == "https://example.org/a/" and item.site is None


def test_unknown_site_dates_follow_the_page_language():
    def published(raw, language=None):
        item = ArticleItem(kind="full", text="Body.", url="https://unknown.example/a", date_raw=raw, language=language)
        return run(CleanPipeline, DatePipeline, item=item).published_at.date().isoformat()

    assert published("4. 2. 2022") == "2022-02-04"  # dotted: day first anywhere
    assert published("Veröffentlicht am 04.02.2022") == "2022-02-04"
    assert published("05/04/2025", language="de") == "2025-04-05"
    assert published("05/04/2025", language="en") == "2025-05-04"
    assert published("3. März 2024", language="de") == "2024-03-03"

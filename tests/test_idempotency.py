"""Re-runs change nothing; teasers and bodies arriving in separate runs end as one import."""

from tests.conftest import LISTING_AND_PAGES
from tests.helpers import content, exported, run_import
from pipelines.text import has_marker


def split_dump(tmp_path):
    """The seed dump as two files: its teaser lines, and its article pages without them."""
    lines = LISTING_AND_PAGES.read_text(encoding="utf-8").splitlines()
    teasers, pages = tmp_path / "teasers.txt", tmp_path / "pages.txt"
    teasers.write_text("\n".join(l for l in lines if has_marker(l)) + "\n", encoding="utf-8")
    pages.write_text("\n".join(l for l in lines if not has_marker(l)) + "\n", encoding="utf-8")
    return teasers, pages


def test_second_import_changes_nothing_but_last_seen(db_url):
    run_import(db_url, LISTING_AND_PAGES)
    first = exported(db_url)
    again = run_import(db_url, LISTING_AND_PAGES)
    second = exported(db_url)
    assert [ {k: v for k, v in r.items() if k != "last_seen"} for r in second] == \
           [ {k: v for k, v in r.items() if k != "last_seen"} for r in first]
    assert all(b["last_seen"] > a["last_seen"] for a, b in zip(first, second))
    assert again.stats.get("newscrawl/store/new_full", 0) == again.stats.get("newscrawl/store/new_teaser", 0) == 0
    assert again.stats["newscrawl/store/unchanged"] == 25  # 10 pages + 15 teasers, all seen before
    assert again.run_id == 2


def test_teasers_then_bodies_in_later_run(db_url, tmp_path, sqlite_url):
    run_import(sqlite_url, LISTING_AND_PAGES)
    reference = content(exported(sqlite_url))

    teasers, pages = split_dump(tmp_path)
    run_import(db_url, teasers)
    stubs = {r["teaser"]: r["id"] for r in exported(db_url)}
    assert len(stubs) == 15 and all(r["status"] == "teaser" for r in exported(db_url))
    result = run_import(db_url, pages)
    assert result.stats["newscrawl/dedupe/upgraded"] == 10
    after = exported(db_url)
    assert content(after) == reference
    assert {r["teaser"]: r["id"] for r in after} == stubs  # upgraded in place: same ids


def test_bodies_then_teasers_in_later_run(db_url, tmp_path, sqlite_url):
    run_import(sqlite_url, LISTING_AND_PAGES)
    reference = content(exported(sqlite_url))

    teasers, pages = split_dump(tmp_path)
    run_import(db_url, pages)
    result = run_import(db_url, teasers)
    assert result.stats["newscrawl/dedupe/merged"] == 10
    assert content(exported(db_url)) == reference


def test_https_page_finds_its_http_teaser_stored_in_an_earlier_run(db_url):
    from newscrawl.items import ArticleItem
    from newscrawl.ingest import build_pipelines, project_settings
    from scrapy.statscollectors import MemoryStatsCollector
    from types import SimpleNamespace

    body = " ".join(f"word{i}" for i in range(60)) + "."
    excerpt = " ".join(f"word{i}" for i in range(20))

    def store(item):
        settings = project_settings(NEWSCRAWL_DB=db_url)
        pipes = build_pipelines(settings, MemoryStatsCollector(SimpleNamespace(settings=settings)))
        pipes[-1].open_spider()
        for pipe in pipes:
            item = pipe.process_item(item)
        pipes[-1].close_spider()

    store(ArticleItem(kind="teaser", text=excerpt + " […]", url="http://news.example/a/?utm_source=feed", title="A"))
    store(ArticleItem(kind="full", text=body, url="https://news.example/a/", title="A"))
    (article,) = exported(db_url)
    assert (article["status"], article["url"], article["teaser"]) == ("full", "https://news.example/a/", excerpt)

"""JSON Lines imports end to end: our export read back gives the same articles; Scrapy feeds."""

import json

from newscrawl.report import export
from tests.conftest import DAY_FIRST_LISTING, LISTING_AND_PAGES
from tests.fixtures.inputs.make import HOST, article_warc, listing_html
from tests.helpers import content, exported, run_import


def test_export_then_import_into_an_empty_database_gives_the_same_articles(db_url, sqlite_url, tmp_path):
    assert run_import(sqlite_url, LISTING_AND_PAGES, DAY_FIRST_LISTING).ok
    dump = tmp_path / "export.jsonl"
    with open(dump, "w", encoding="utf-8") as out:
        assert export(sqlite_url, out) == 25
    result = run_import(db_url, dump)
    assert result.ok, result.errors
    original, again = exported(sqlite_url), exported(db_url)
    assert content(again) == content(original)
    merged = [r for r in again if r["status"] == "full" and r["teaser"]]
    assert len(merged) == 10 and result.stats["newscrawl/dedupe/merged"] == 10  # teasers re-attached
    assert all(s.startswith(f"{dump}:") for r in again for s in r["sources"])
    # and importing the export a second time changes nothing
    assert run_import(db_url, dump).stats.get("newscrawl/store/new_full", 0) == 0
    assert content(exported(db_url)) == content(original)


def test_round_trip_of_articles_from_pages(db_url, sqlite_url, tmp_path):
    # structured data adds what text dumps lack: description, language, date origin, listing teasers
    warc = article_warc(4).response(f"{HOST}/local", listing_html([2, 3, 5, 6]).encode())
    (tmp_path / "crawl.warc.gz").write_bytes(warc.bytes())
    assert run_import(sqlite_url, tmp_path / "crawl.warc.gz", LISTING_AND_PAGES).ok
    dump = tmp_path / "export.jsonl"
    with open(dump, "w", encoding="utf-8") as out:
        export(sqlite_url, out)
    assert run_import(db_url, dump).ok
    original = exported(sqlite_url)
    assert {"jsonld"} <= {r["published_origin"] for r in original} and any(r["language"] for r in original)
    assert content(exported(db_url)) == content(original)


def test_scrapy_feed_export_through_the_pipelines(db_url, tmp_path):
    feed = tmp_path / "items.jsonl"
    records = [
        {"url": "https://www.bbc.co.uk/news/uk-1?utm_source=x", "title": "Bridge reopens",
         "body": "The bridge reopened on Tuesday after repairs.\n\nTraffic flowed again by noon.",
         "author": "By Ann Lee, BBC News", "date": "05/06/2024", "tags": ["UK"]},
        {"url": "https://news.example/b", "title": "Second", "text": ["Paragraph one of the second story.",
                                                                     "Paragraph two."],
         "authors": ["Bo Chen", "Cai Wen"], "date_published": "2024-06-05T10:00:00Z"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert run_import(db_url, feed).ok
    got = {r["title"]: r for r in exported(db_url)}
    bbc = got["Bridge reopens"]
    assert bbc["url"] == "https://www.bbc.co.uk/news/uk-1" and bbc["site"] == "bbc"
    assert bbc["authors"] == ["Ann Lee"] and bbc["published_at"] == "2024-06-05"  # BBC: day first
    assert bbc["body"].split("\n\n") == ["The bridge reopened on Tuesday after repairs.", "Traffic flowed again by noon."]
    assert got["Second"]["authors"] == ["Bo Chen", "Cai Wen"]
    assert got["Second"]["body"] == "Paragraph one of the second story.\n\nParagraph two."

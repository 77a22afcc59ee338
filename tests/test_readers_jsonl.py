"""The JSON Lines reader on its own: Scrapy-style records, our export records, arrays, bad lines."""

import io
import json

from newscrawl.items import ArticleItem
from newscrawl.readers import Input, Notice, Problem, read_items
from newscrawl.sites import load_sites

BODY = ["First paragraph of the story, long enough to be a paragraph.", "Second paragraph of it."]


def read(data: bytes, name="feed.jsonl", **kw):
    return list(read_items(Input(name, io.BufferedReader(io.BytesIO(data)), len(data)), sites=load_sites(), **kw))


def lines(*records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_scrapy_feed_record_fields():
    (item,) = read(lines({"url": "https://www.bbc.co.uk/news/x-1", "title": "A title", "content": BODY,
                          "authors": ["Ann Lee", {"name": "Bo Chen"}], "published": "05/06/2024",
                          "tags": ["Politics", "UK"], "description": "The summary."}))
    assert item.kind == "full" and item.text == "\n\n".join(BODY)
    assert item.authors_raw == ["Ann Lee", "Bo Chen"] and item.byline_raw is None
    assert (item.title, item.date_raw, item.categories, item.description) == (
        "A title", "05/06/2024", ["Politics", "UK"], "The summary.")
    assert item.source == "feed.jsonl:1"  # (the site by the URL's host: tests/test_import_jsonl.py)


def test_author_string_is_a_byline_and_summary_only_is_a_teaser():
    items = read(lines({"link": "https://x.example/a", "text": "Body text here.", "author": "By Ann Lee, Reuters"},
                       {"url": "https://x.example/b", "headline": "Only a summary", "summary": "Cut short [...]"}))
    assert items[0].byline_raw == "By Ann Lee, Reuters" and items[0].authors_raw == []
    assert (items[1].kind, items[1].text, items[1].title) == ("teaser", "Cut short [...]", "Only a summary")


def test_bad_lines_are_reported_with_their_number_and_the_rest_read():
    data = lines({"url": "https://x.example/1", "text": "One."}) + b'{"url": "https://x.example/2", "te\n' \
        + b"\n" + lines([1, 2], {"url": "https://x.example/3"}, {"url": "https://x.example/4", "body": "Four."})
    records = read(data)
    assert [type(r).__name__ for r in records] == ["ArticleItem", "Problem", "Notice", "Notice", "ArticleItem"]
    assert records[1].source == "feed.jsonl:2" and "not valid JSON" in records[1].message
    assert records[2].stat == "skipped/not_a_record" and records[2].source == "feed.jsonl:4"
    assert records[3].stat == "skipped/no_text" and records[3].source == "feed.jsonl:5"
    assert records[4].text == "Four." and records[4].source == "feed.jsonl:6"


def test_json_array_as_scrapy_writes_it():
    data = json.dumps([{"url": f"https://x.example/{i}", "body": f"Body {i}."} for i in range(3)]).encode()
    records = read(data, name="items.json")
    assert [(r.text, r.source) for r in records] == [(f"Body {i}.", f"items.json:record {i + 1}") for i in range(3)]


def test_json_array_with_a_damaged_record_keeps_those_before():
    data = b'[{"url": "https://x.example/1", "body": "One."},\n{"url": "https://x.example/2", "body": "Tw'
    records = read(data, name="items.json")
    assert isinstance(records[0], ArticleItem) and isinstance(records[1], Problem)
    assert records[1].source == "items.json:record 2"


def test_export_record_gives_body_and_teaser_with_normalized_authors():
    record = {"id": 7, "url": "https://en.people.cn/n3/2024/0105/c1.html", "title": "T", "status": "full",
              "teaser": "The teaser text", "body": "The teaser text and the rest of the body.",
              "authors": ["Li Jie", "Cui Yan"], "outlet": "People's Daily", "byline": "By Li Jie and Cui Yan",
              "role": None, "column": None, "published_at": "2024-01-05", "published_raw": "05.01.2024",
              "published_origin": "lead", "dateline": "BEIJING", "categories": ["World"], "site": "peoples-daily",
              "language": "en", "description": None, "modified_at": None, "sources": ["x:1"],
              "first_seen": "2024-01-06T00:00:00+00:00", "last_seen": "2024-01-06T00:00:00+00:00"}
    full, teaser = read(lines(record))
    assert (full.kind, teaser.kind) == ("full", "teaser") and teaser.text == "The teaser text"
    assert full.authors == ["Li Jie", "Cui Yan"] and full.outlet == "People's Daily"  # not parsed again
    assert full.published_at.isoformat() == "2024-01-05T00:00:00+00:00" and full.published_precision == "day"
    assert (full.date_raw, full.dateline, full.categories, full.site) == ("05.01.2024", "BEIJING", ["World"], "peoples-daily")
    assert teaser.url == full.url


def test_compressed_jsonl_is_read_the_same(tmp_path):
    import bz2
    import gzip
    import lzma

    data = lines({"url": "https://x.example/1", "text": "One."}, {"url": "https://x.example/2", "text": "Two."})
    for pack in (gzip.compress, bz2.compress, lzma.compress):
        records = read(pack(data), name="feed.bin")  # by magic bytes, whatever the name
        assert [r.text for r in records] == ["One.", "Two."]


def test_truncated_gzip_keeps_the_lines_before_the_cut():
    import gzip

    data = lines(*({"url": f"https://x.example/{i}", "text": f"Text number {i} " + "x" * 200} for i in range(400)))
    packed = gzip.compress(data)
    records = read(packed[: len(packed) // 2], name="feed.jsonl.gz")
    items = [r for r in records if isinstance(r, ArticleItem)]
    assert 50 < len(items) < 400 and items[-1].source == f"feed.jsonl.gz:{len(items)}"
    problems = [r for r in records if isinstance(r, Problem)]
    assert problems[-1].source == "feed.jsonl.gz" and "cut short" in problems[-1].message


def test_a_line_over_the_page_limit_is_skipped(monkeypatch):
    from newscrawl.readers import Options

    data = lines({"url": "https://x.example/1", "text": "y" * 5000}, {"url": "https://x.example/2", "text": "Two."})
    records = read(data, options=Options(sites={}, max_page_bytes=1000))
    assert isinstance(records[0], Notice) and records[0].stat == "skipped/too_large"
    assert records[0].source == "feed.jsonl:1" and records[1].text == "Two."


def test_record_with_only_the_page_html_goes_through_the_extractor():
    from tests.fixtures.inputs.make import article_html, article_url

    (item,) = read(lines({"url": "https://elsewhere.example/x", "html": article_html(2)}))
    assert item.kind == "full" and item.url == article_url(2) and item.title == "Headline of story 2"
    assert item.source == "feed.jsonl:1"

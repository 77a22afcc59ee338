"""Saved HTML pages: which URL a file gets, pages that are no articles, sizes, sniffing."""

import io

import pytest

from newscrawl.items import ArticleItem
from newscrawl.readers import Input, Notice, Options, ReaderError, detect_format, read_items, sniff
from newscrawl.readers.manifest import load_manifest
from tests.fixtures.inputs.make import HOST, article_html, article_url, author, listing_html, not_article_html


def read(data: bytes, name="/saved/page.html", rel="page.html", **opts):
    inp = Input(name, io.BufferedReader(io.BytesIO(data)), len(data), rel)
    return list(read_items(inp, sites={}, options=Options(sites={}, **opts)))


def test_article_page_gives_one_full_item_with_its_canonical_url():
    (item,) = read(article_html(3).encode(), base_url="https://elsewhere.example/")
    assert item.kind == "full" and item.url == article_url(3) and item.source == "/saved/page.html"
    assert item.title == "Headline of story 3" and item.fetched_at is not None


def test_base_url_plus_path_below_the_folder_when_the_page_names_no_url():
    (item,) = read(article_html(3, canonical=False).encode(), rel="2024/05/my story.html",
                   base_url="https://paper.example/archive")
    assert item.url == "https://paper.example/archive/2024/05/my%20story.html"


def test_manifest_names_the_url(tmp_path):
    (tmp_path / "pages").mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,url\npages/a.html,https://paper.example/a\n", encoding="utf-8")
    urls, problems = load_manifest(str(manifest))
    assert urls == {str(tmp_path / "pages" / "a.html"): "https://paper.example/a"} and problems == []
    (item,) = read(article_html(1, canonical=False).encode(), name=str(tmp_path / "pages" / "a.html"), manifest=urls)
    assert item.url == "https://paper.example/a"
    jsonl = tmp_path / "manifest.jsonl"
    jsonl.write_text('{"path": "pages/a.html", "url": "https://paper.example/a"}\n', encoding="utf-8")
    assert load_manifest(str(jsonl)) == (urls, [])


def test_bad_manifest_entries_are_named_and_the_others_kept(tmp_path):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"file": "a.html", "url": "https://paper.example/a"}\n{"file": "b.html", "url": "b"}\n'
                        'not json\n', encoding="utf-8")
    urls, problems = load_manifest(str(manifest))
    assert urls == {str(tmp_path / "a.html"): "https://paper.example/a"}
    assert [p.source for p in problems] == [f"{manifest}:2", f"{manifest}:3"]
    assert "manifest entry needs a file path and an absolute URL" in problems[0].message
    with pytest.raises(ReaderError, match="nope.csv"):
        load_manifest(str(tmp_path / "nope.csv"))


def test_saved_from_comment_gives_the_url():
    page = "<!-- saved from url=(0032)https://paper.example/saved-one -->\n" + article_html(2, canonical=False)
    (item,) = read(page.encode(), rel=None)
    assert item.url == "https://paper.example/saved-one"


def test_listing_page_gives_teasers():
    items = read(listing_html([1, 2, 3]).encode())
    assert [(i.kind, i.url) for i in items] == [("teaser", article_url(i)) for i in (1, 2, 3)]


def test_page_that_is_no_article_is_skipped_with_its_reason():
    (notice,) = read(not_article_html().encode(), name="/saved/contact.html", base_url=HOST)
    assert isinstance(notice, Notice) and notice.stat == "skipped/not_article"
    assert notice.source == "/saved/contact.html" and "not an article or listing page" in notice.message


def test_page_over_the_limit_is_skipped():
    (notice,) = read(article_html(1).encode(), max_page_bytes=1000)
    assert notice.stat == "skipped/too_large" and "1,000 bytes" in notice.message


def test_legacy_charset_page_and_wrong_meta():
    items = read(article_html(4, charset="windows-1252").encode("cp1252"))
    assert isinstance(items[0], ArticleItem) and items[0].authors_raw == ["Zoë Tanaka"]
    records = read(article_html(4, charset="iso-8859-1").encode("utf-8"))
    assert records[0].stat == "warnings/charset" and records[0].message == "meta charset says iso-8859-1, body is utf-8"
    assert records[1].authors_raw == ["Zoë Tanaka"]


def test_sniffing_by_content_then_name():
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b"<!-- saved from url=(0010)x -->\n<html><head>") == "html"
    assert sniff(b"WARC/1.1\r\nWARC-Type: warcinfo") == "warc"
    assert detect_format("story.htm", b"<div class='story'><p>Text</p></div>") == "html"  # a fragment: by name
    assert detect_format("items.jl.gz", b"") == "empty" and detect_format("x.jsonl", b"plain words") == "jsonl"
    assert detect_format("notes.txt", b"<html><body>") == "html"  # content wins over the name


def test_site_selectors_apply_when_only_the_canonical_url_names_the_site():
    from newscrawl.sites import Site

    site = Site(key="paper", hosts=("news.example",), language="en", selectors={"title": "p.byline"})
    (item,) = read(article_html(3).encode(), rel=None)  # no address known before reading the page
    assert item.title == "Headline of story 3"
    inp = Input("/saved/page.html", io.BufferedReader(io.BytesIO(article_html(3).encode())), None, None)
    (item,) = read_items(inp, sites={}, options=Options(sites={"paper": site}))
    assert item.title == f"By {author(3)}" and item.site == "paper"  # the site's title selector won


def test_page_with_stray_nul_bytes_is_still_a_page():
    page = article_html(6).replace("</title>", "</title>" + "\x00" * 10).encode()
    assert sniff(page) == "html"
    (item,) = read(page)
    assert item.kind == "full" and item.url == article_url(6)

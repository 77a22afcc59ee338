"""Format detection, compression and standard input across readers; the progress line."""

import bz2
import gzip
import io
import lzma
import sys

import pytest

from newscrawl.items import ArticleItem
from newscrawl.readers import Input, ReaderError, UnreadableFormat, read_items
from tests.conftest import LISTING_AND_PAGES
from tests.fixtures.inputs.make import article_html, article_url, article_warc
from tests.helpers import exported


def read(data: bytes, name: str, **kw):
    return list(read_items(Input(name, io.BufferedReader(io.BytesIO(data), 65536), len(data)), sites={}, **kw))


@pytest.mark.parametrize("pack", [gzip.compress, bz2.compress, lzma.compress])
def test_compressed_text_dump_reads_like_the_plain_one(pack):
    plain = LISTING_AND_PAGES.read_bytes()
    expected = [(r.kind, r.text, r.source) for r in read(plain, "dump")]
    assert len(expected) == 26
    assert [(r.kind, r.text, r.source) for r in read(pack(plain), "dump")] == expected


def test_compressed_html_page():
    (item,) = read(gzip.compress(article_html(3).encode()), "page.html.gz")
    assert item.kind == "full" and item.url == article_url(3)


def test_forced_format_wins_over_detection():
    fragment = b"<div class='story'><h1>Only a fragment</h1></div>"
    with pytest.raises(UnreadableFormat, match="story.txt: plain text with no teaser marks"):
        read(fragment, "story.txt")  # no dump shape: not taken for a dump unasked
    assert [r.kind for r in read(fragment, "story.txt", format="text") if isinstance(r, ArticleItem)] == ["full"]
    records = read(fragment, "story.txt", format="html")
    assert records and not any(isinstance(r, ArticleItem) for r in records)  # read as a page: no article in it


def test_damaged_compressed_input_is_named():
    with pytest.raises(ReaderError, match=r"x\.gz: gzip data is damaged or cut short"):
        read(b"\x1f\x8b\x08\x00rest", "x.gz")
    with pytest.raises(ReaderError, match=r"a\.zip: zip input is not a format newscrawl reads"):
        read(b"PK\x03\x04rest", "a.zip")


def test_progress_shows_records_for_stdin_and_bytes_for_files(monkeypatch, capsys, sqlite_url, tmp_path):
    from newscrawl import ingest

    monkeypatch.setattr(ingest, "PROGRESS_EVERY", 1)
    monkeypatch.setattr("newscrawl.progress.Progress.REDRAW", 0.0)
    data = article_warc(3).bytes()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BufferedReader(io.BytesIO(data))})())
    assert ingest.import_paths(["-"], db=sqlite_url, progress=True).ok
    assert "records" in capsys.readouterr().err
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(data)
    assert ingest.import_paths([str(warc)], db=sqlite_url, progress=True).ok
    err = capsys.readouterr().err
    assert "MiB (100%)" in err and "records" not in err
    assert len(exported(sqlite_url)) == 3


def test_stdin_is_sniffed_from_its_whole_head_even_when_it_trickles_in(monkeypatch):
    import os
    import threading
    import time

    from newscrawl.readers import open_input

    page = article_html(5).encode()
    r, w = os.pipe()
    os.write(w, page[:1])  # "<": on its own, not yet recognizable as a page

    def rest():
        time.sleep(0.2)
        os.write(w, page[1:])
        os.close(w)

    threading.Thread(target=rest).start()
    with os.fdopen(r, "rb") as pipe:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": pipe})())
        inp = open_input("-")
        (item,) = read_items(inp, sites={})
        inp.close()
    assert item.url == article_url(5) and item.source == "<stdin>"

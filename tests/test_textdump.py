"""The text-dump reader on its own: structure, provenance, encodings, markers, long lines."""

import io

import pytest

from newscrawl.items import ArticleItem
from newscrawl.readers import Input, ReaderError, read_items, sniff
from newscrawl.readers.textdump import Problem
from tests.conftest import LISTING_AND_PAGES

PAGE = (
    "By Ann Lee, Daily Planet Early in the morning, the engineer uploaded data collected over the previous few […]\n"
    "Tec WorldBy Ann Lee, Daily Planet\n"
    "Early in the morning, the engineer uploaded data collected over the previous few days.\n"
    "Why is such a meticulous database necessary?\n"
    "Because every tile counts, she said.\n"
)


def read(data: bytes, name="dump.txt"):
    return list(read_items(Input(name, io.BufferedReader(io.BytesIO(data)), len(data)), sites={}))


def test_seed_structure_and_provenance():
    with open(LISTING_AND_PAGES, "rb") as fh:
        records = list(read_items(Input("000.txt", fh, None), sites={}))
    kinds = [r.kind for r in records]
    assert kinds.count("full") == 10 and kinds.count("teaser") == 16  # 7 listing + 9 page teasers
    first_full = next(r for r in records if r.kind == "full")
    assert first_full.source == "000.txt:9" and first_full.byline_raw == "WorldBy Cheng Chen, People’s Daily"
    assert first_full.text.count("\n\n") == 15  # 16 paragraphs, one per line
    cui_yan = next(r for r in records if r.kind == "full" and "Cui Yan" in r.byline_raw)
    paragraphs = cui_yan.text.split("\n\n")
    assert "Perseverance and practical action" in paragraphs  # a subheading stays in the body
    assert paragraphs.index("Perseverance and practical action") < paragraphs.index("Innovation as driving force")


@pytest.mark.parametrize("marker", ["[…]", "[...]", "…", "[&hellip;]", "Read more"])
def test_teaser_markers(marker):
    records = read(PAGE.replace("[…]", marker).encode())
    assert [r.kind for r in records] == ["teaser", "full"]
    assert records[1].text.endswith("she said.")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-16"])
def test_encodings_and_bom(encoding):
    text = PAGE.replace("Ann Lee", "Zoë Ångström").replace("[…]", "[...]")
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert sniff(data) == "binary"  # NUL bytes: refused rather than misread
        with pytest.raises(ReaderError, match="dump.txt"):
            read(data)
        return
    records = read(data)
    assert records[1].byline_raw == "Tec WorldBy Zoë Ångström, Daily Planet"
    assert not records[0].text.startswith("\ufeff")


def test_crlf_line_endings():
    records = read(PAGE.replace("\n", "\r\n").encode())
    assert [r.kind for r in records] == ["teaser", "full"] and "\r" not in records[1].text


def test_titles_in_listing_shape():
    data = "A title line.\n\n25.10.2023 Luo Shanshan. Text of the teaser goes on and on […]\n\n\n" \
           "16.10.2023 For the first time, a teaser without a title […]\n"
    records = read(data.encode())
    assert [(r.kind, r.title, r.source) for r in records] == [
        ("teaser", "A title line.", "dump.txt:3"), ("teaser", None, "dump.txt:6")]


def test_overlong_line_is_reported_and_the_rest_read(monkeypatch):
    from newscrawl.readers import textdump

    monkeypatch.setattr(textdump, "MAX_LINE", 1000)
    data = ("x" * 5000 + "\n" + PAGE).encode()
    records = read(data)
    assert isinstance(records[0], Problem) and records[0].source == "dump.txt:1"
    assert [r.kind for r in records[1:]] == ["teaser", "full"]
    assert records[1].source == "dump.txt:2"


def test_empty_and_binary_inputs():
    assert read(b"") == []
    with pytest.raises(ReaderError, match="x.bin: binary"):
        read(b"\x00\x01\x02garbage", name="x.bin")
    with pytest.raises(ReaderError, match="gzip"):
        read(b"\x1f\x8b\x08\x00rest", name="x.gz")
    # JSON is never read as a text dump: it goes to the JSON Lines reader, which finds no articles in these
    for data in (b'{\n  "articles": 3\n}\n', b'[1, 2]', b'{"id": 1}\n{"id": 2}\n'):
        records = read(data, name="x.json")
        assert records and not any(isinstance(r, ArticleItem) for r in records)


def test_site_is_recognised_from_the_head_of_a_large_dump(tmp_path):
    from newscrawl.readers import open_input
    from newscrawl.sites import load_sites

    dump = tmp_path / "dump.txt"
    # the site's mark first appears 40 KiB in, past a default 8 KiB read buffer
    dump.write_text("Filler paragraph without any mark.\n" * 1200 + PAGE.replace("Daily Planet", "People’s Daily"),
                    encoding="utf-8")
    inp = open_input(str(dump))
    try:
        items = list(read_items(inp, sites=load_sites()))
    finally:
        inp.close()
    assert items and {i.site for i in items} == {"peoples-daily"}


def test_article_page_takes_the_title_of_its_teaser():
    records = read(("Why every tile counts\n" + PAGE).encode())
    assert [(r.kind, r.title) for r in records] == [("teaser", "Why every tile counts"), ("full", "Why every tile counts")]
    # a page that follows another page's body starts without a title
    records = read((PAGE + PAGE.split("\n", 1)[1].replace("engineer", "gardener")).encode())
    assert [(r.kind, r.title) for r in records] == [("teaser", None), ("full", None), ("full", None)]

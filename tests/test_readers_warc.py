"""The WARC reader on its own: which records are pages, provenance, and damaged archives."""

import gzip
import io

import pytest

from newscrawl.items import ArticleItem
from newscrawl.readers import Input, Notice, Options, Problem, open_input, read_items
from newscrawl.sites import load_sites
from tests.fixtures.inputs.make import HOST, WarcBuilder, article_html, article_url, article_warc, author


def read(data: bytes, name="crawl.warc.gz", **kw):
    return list(read_items(Input(name, io.BufferedReader(io.BytesIO(data)), len(data)), sites=load_sites(), **kw))


def read_file(path, **kw):
    inp = open_input(str(path))
    try:
        return list(read_items(inp, sites=load_sites(), **kw))
    finally:
        inp.close()


def kinds(records):
    return [r.stat if isinstance(r, Notice) else type(r).__name__ for r in records]


@pytest.mark.parametrize("gz", [True, False])
def test_responses_become_pages_and_other_records_are_counted(gz):
    w = article_warc(3, gzip=gz)
    records = read(w.bytes(), name="crawl.warc.gz" if gz else "crawl.warc")
    items = [r for r in records if isinstance(r, ArticleItem)]
    assert [i.url for i in items] == [article_url(i) for i in range(3)]
    assert sorted(kinds(r for r in records if isinstance(r, Notice))) == sorted(
        ["skipped/warc_warcinfo"] + ["skipped/warc_request"] * 4
        + ["skipped/warc_metadata", "skipped/warc_revisit", "skipped/non_html"])
    name = "crawl.warc.gz" if gz else "crawl.warc"
    assert [i.source for i in items] == [f"{name}#{w.offsets[article_url(i)]}" for i in range(3)]
    assert items[0].fetched_at.isoformat() == "2024-06-01T12:00:00+00:00"
    assert items[0].authors_raw == ["Zoë Brontë"] and items[0].text.count("\n\n") == 2


def test_record_offsets_point_at_the_records(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(article_warc(2).bytes())
    for item in (r for r in read_file(path) if isinstance(r, ArticleItem)):
        offset = int(item.source.rsplit("#", 1)[1])
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
        assert record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == item.url


def test_target_uri_is_the_url_of_a_page_without_canonical_link():
    w = WarcBuilder().response(f"{HOST}/no-canonical", article_html(5, canonical=False).encode())
    (item,) = [r for r in read(w.bytes()) if isinstance(r, ArticleItem)]
    assert item.url == f"{HOST}/no-canonical"


def test_site_from_the_target_uri_host():
    w = WarcBuilder().response("https://www.bbc.co.uk/news/uk-99", article_html(6, canonical=False).encode())
    (item,) = [r for r in read(w.bytes()) if isinstance(r, ArticleItem)]
    assert item.site == "bbc" and item.language == "en"


def test_charset_from_the_http_header_and_a_wrong_one_reported():
    page = article_html(7, charset=None)
    w = (WarcBuilder().response(article_url(7), page.encode("cp1252", errors="replace"),
                                content_type="text/html; charset=windows-1252")
         .response(article_url(8), article_html(8, charset=None).encode("utf-8"),
                   content_type="text/html; charset=iso-8859-1"))
    records = read(w.bytes())
    items = [r for r in records if isinstance(r, ArticleItem)]
    assert items[0].authors_raw == [author(7)] and items[1].authors_raw == [author(8)]
    (warning,) = [r for r in records if isinstance(r, Notice) and r.stat == "warnings/charset"]
    assert warning.message == "charset header says iso-8859-1, body is utf-8"
    assert warning.source == f"crawl.warc.gz#{w.offsets[article_url(8)]} ({article_url(8)})"


def test_error_statuses_non_html_and_a_page_over_the_limit():
    w = (WarcBuilder().response(f"{HOST}/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
         .response(f"{HOST}/feed.json", b'{"a": 1}', content_type="application/json")
         .response(f"{HOST}/untyped", b"\x89PNG\r\n\x1a\n", content_type=None)
         .response(f"{HOST}/huge", article_html(1).replace("</article>", "<p>" + "word " * 4000 + "</p></article>").encode())
         .response(article_url(2), article_html(2).encode()))
    records = read(w.bytes(), options=Options(sites={}, max_page_bytes=10_000))
    assert kinds(records)[-1] == "ArticleItem" and records[-1].url == article_url(2)
    notices = [r for r in records if isinstance(r, Notice) and r.stat != "skipped/warc_request"]
    assert [n.stat for n in notices] == ["skipped/http_status", "skipped/non_html", "skipped/non_html",
                                         "skipped/too_large"]
    assert f"{HOST}/huge" in notices[-1].source and "10,000 bytes" in notices[-1].message


def test_truncated_gzip_warc_keeps_the_records_before_the_cut(tmp_path):
    w = article_warc(6, extras=False)
    data = w.bytes()
    cut = w.offsets[article_url(4)] + 300  # inside the fifth response
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut])
    records = read_file(path)
    assert [r.url for r in records if isinstance(r, ArticleItem)] == [article_url(i) for i in range(4)]
    (problem,) = [r for r in records if isinstance(r, Problem)]
    assert problem.source == f"{path}#{w.offsets[article_url(4)]}" and "cut short" in problem.message


def test_truncated_plain_warc_record_is_reported(tmp_path):
    w = article_warc(3, gzip=False, extras=False)
    data = w.bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: w.offsets[article_url(2)] + 900])  # inside the third response's payload
    records = read_file(path)
    assert [r.url for r in records if isinstance(r, ArticleItem)] == [article_url(0), article_url(1)]
    (problem,) = [r for r in records if isinstance(r, Problem)]
    assert problem.source.startswith(f"{path}#{w.offsets[article_url(2)]}") and "cut short" in problem.message


def test_damaged_gzip_member_is_skipped_and_reading_resumes(tmp_path):
    w = article_warc(5, extras=False)
    data = bytearray(w.bytes())
    at = w.offsets[article_url(2)]
    data[at + 60 : at + 90] = b"\x00" * 30  # garble the third response's compressed bytes
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(data))
    records = read_file(path)
    assert [r.url for r in records if isinstance(r, ArticleItem)] == [article_url(i) for i in (0, 1, 3, 4)]
    (problem,) = [r for r in records if isinstance(r, Problem)]
    assert problem.source == f"{path}#{at}" and "damaged WARC record" in problem.message


def test_malformed_record_header_in_a_plain_warc_is_skipped(tmp_path):
    w = article_warc(4, gzip=False, extras=False)
    data = w.bytes()
    at = w.offsets[article_url(1)]
    data = data[:at] + b"WARC/9.9 garbage\r\n" + data[at + len(b"WARC/1.1\r\n"):]
    path = tmp_path / "bad.warc"
    path.write_bytes(data)
    records = read_file(path)
    assert [r.url for r in records if isinstance(r, ArticleItem)] == [article_url(i) for i in (0, 2, 3)]
    (problem,) = [r for r in records if isinstance(r, Problem)]
    assert problem.source == f"{path}#{at}"


def test_warc_compressed_as_a_whole_with_xz(tmp_path):
    import lzma

    path = tmp_path / "crawl.warc.xz"
    path.write_bytes(lzma.compress(article_warc(2, gzip=False).bytes()))
    assert [r.url for r in read_file(path) if isinstance(r, ArticleItem)] == [article_url(0), article_url(1)]


def test_single_gzip_stream_warc_is_read_too(tmp_path):
    # gzip over the whole file rather than per record (`gzip crawl.warc`)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(article_warc(2, gzip=False).bytes()))
    assert [r.url for r in read_file(path) if isinstance(r, ArticleItem)] == [article_url(0), article_url(1)]


def test_gzip_content_encoding_and_chunked_payloads_are_decoded():
    from warcio.statusandheaders import StatusAndHeaders

    w = WarcBuilder()
    page = article_html(3).encode()
    body = gzip.compress(page)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                       ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    w.writer.write_record(w.writer.create_warc_record(article_url(3), "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                            protocol="HTTP/1.1")
    w.writer.write_record(w.writer.create_warc_record(article_url(4), "response", payload=io.BytesIO(chunked),
                                                      http_headers=http))
    items = [r for r in read(w.bytes()) if isinstance(r, ArticleItem)]
    assert [i.title for i in items] == ["Headline of story 3", "Headline of story 3"]


@pytest.mark.parametrize("delta", [-500, +300])
def test_wrong_content_length_skips_that_record_only(tmp_path, delta):
    import re

    w = article_warc(4, gzip=False, extras=False)
    data = w.bytes()
    at = w.offsets[article_url(1)]
    m = re.compile(rb"Content-Length: (\d+)").search(data, at)
    path = tmp_path / "bad-length.warc"
    path.write_bytes(data[: m.start(1)] + str(int(m.group(1)) + delta).encode() + data[m.end(1):])
    records = read_file(path)
    assert [r.url for r in records if isinstance(r, ArticleItem)] == [article_url(i) for i in (0, 2, 3)]
    (problem,) = [r for r in records if isinstance(r, Problem)]
    assert problem.source == f"{path}#{at}" and "Content-Length" in problem.message

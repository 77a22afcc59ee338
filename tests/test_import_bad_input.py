"""Bad input never stops an import: each bad record is named, counted and skipped; the rest is stored."""

import gzip
import json
import os
import subprocess
import sys

from tests.fixtures.inputs.make import HOST, WarcBuilder, article_html, article_url, article_warc, not_article_html
from tests.helpers import exported, run_import


def jsonl(*records) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def feed_record(i: int) -> dict:
    return {"url": f"{HOST}/feed/{i}", "title": f"Feed story {i}",
            "body": f"Feed story number {i} is told here in a sentence long enough to be kept as a body."}


def test_every_kind_of_bad_input_in_one_import(tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    # a truncated gzip: the lines before the cut are imported
    packed = gzip.compress(jsonl(*(feed_record(i) for i in range(300))))
    (folder / "a_cut.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    # a malformed JSON line between two good ones
    (folder / "b_feed.jsonl").write_bytes(jsonl(feed_record(1000)) + b'{"url": "x", \n' + jsonl(feed_record(1001)))
    # a WARC cut short, and one with a damaged record, a wrong charset header, a non-HTML payload, a 20 MB page
    cut = article_warc(4, extras=False)
    (folder / "c_cut.warc.gz").write_bytes(cut.bytes()[: cut.offsets[article_url(3)] + 200])
    w = (WarcBuilder().response(article_url(10), article_html(10).encode())
         .response(article_url(11), article_html(11).encode())
         .response(article_url(12), article_html(12, charset=None).encode(), content_type="text/html; charset=iso-8859-1")
         .response(f"{HOST}/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
         .response(f"{HOST}/huge", article_html(13).replace("</article>", "<p>" + "word " * (4 << 20) + "</p></article>").encode())
         .response(article_url(14), article_html(14).encode()))
    damaged = bytearray(w.bytes())
    at = w.offsets[article_url(11)]
    damaged[at + 60 : at + 90] = b"\x00" * 30
    (folder / "d_mixed.warc.gz").write_bytes(bytes(damaged))
    # saved pages: one is no article
    (folder / "e_contact.html").write_text(not_article_html(), encoding="utf-8")
    (folder / "f_story.html").write_text(article_html(20), encoding="utf-8")

    result = run_import(db_url, folder)
    s = result.stats
    urls = {r["url"] for r in exported(db_url)}

    feed = {u for u in urls if "/feed/" in u}
    assert {f"{HOST}/feed/{i}" for i in range(50)} <= feed and {f"{HOST}/feed/1000", f"{HOST}/feed/1001"} <= feed
    assert {article_url(i) for i in (0, 1, 2, 10, 12, 14, 20)} <= urls
    assert not {article_url(11), f"{HOST}/huge", f"{HOST}/report.pdf"} & urls

    errors = "\n".join(result.errors)
    assert f"{folder / 'a_cut.jsonl.gz'}: gzip data is cut short" in errors
    assert f"{folder / 'b_feed.jsonl'}:2: not valid JSON" in errors
    assert f"{folder / 'c_cut.warc.gz'}#{cut.offsets[article_url(3)]}: archive cut short" in errors
    assert f"{folder / 'd_mixed.warc.gz'}#{at}: damaged WARC record" in errors
    assert s["newscrawl/errors/record"] == len(result.errors) >= 4
    assert s["newscrawl/skipped/too_large"] == 1 and s["newscrawl/skipped/non_html"] == 1
    assert s["newscrawl/skipped/not_article"] == 1 and s["newscrawl/warnings/charset"] == 1
    assert result.status == "finished" and not result.ok  # finished, and says some records were lost


def test_cli_names_each_bad_record_and_exits_1(tmp_path, sqlite_url):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl(feed_record(1)) + b"not json at all\n" + jsonl(feed_record(2)))
    page = tmp_path / "big.html"
    page.write_text(article_html(1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newscrawl.cli", "import", "--db", sqlite_url, feed, page],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NEWSCRAWL_MAX_PAGE_BYTES": "1000"})
    assert done.returncode == 1
    assert f"{feed}:2: not valid JSON" in done.stderr
    assert f"{page}: page larger than 1,000 bytes (NEWSCRAWL_MAX_PAGE_BYTES), skipped" in done.stderr
    assert len(exported(sqlite_url)) == 2

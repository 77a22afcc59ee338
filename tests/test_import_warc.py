"""WARC and saved-HTML imports end to end: the CLI, the database, the run's stats."""

import json
import subprocess
import sys

from tests.fixtures.inputs.make import (
    article_html,
    article_url,
    article_warc,
    author,
    listing_html,
    not_article_html,
    paragraphs,
)
from tests.helpers import exported, run_import


def newscrawl(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120)


def test_warc_of_handmade_pages_through_the_cli(tmp_path, db_url):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(article_warc(5).bytes())
    done = newscrawl("import", "--db", db_url, warc)
    assert done.returncode == 0, done.stderr
    assert b"5 full pages" in done.stdout
    records = {r["url"]: r for r in exported(db_url)}
    assert set(records) == {article_url(i) for i in range(5)}
    story = records[article_url(2)]
    assert story["authors"] == [author(2)] and story["published_at"].startswith("2024-05-03")
    assert story["body"].split("\n\n") == paragraphs(2) and story["title"] == "Headline of story 2"
    assert story["sources"][0].startswith(f"{warc}#")


def test_warc_from_stdin_and_the_run_stats(tmp_path, sqlite_url):
    done = newscrawl("import", "--db", sqlite_url, "-", stdin=article_warc(3).bytes())
    assert done.returncode == 0, done.stderr
    assert len(exported(sqlite_url)) == 3
    runs = subprocess.run(["sqlite3", sqlite_url.removeprefix("sqlite:///"), "SELECT stats FROM runs"],
                          capture_output=True, text=True).stdout
    stats = json.loads(runs)
    assert stats["newscrawl/skipped/warc_request"] == 4 and stats["newscrawl/skipped/warc_warcinfo"] == 1
    assert stats["newscrawl/skipped/warc_metadata"] == 1 and stats["newscrawl/skipped/warc_revisit"] == 1
    assert stats["newscrawl/skipped/non_html"] == 1 and stats["newscrawl/items/full"] == 3


def test_folder_of_saved_pages_with_base_url(tmp_path, db_url):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(listing_html([0, 1, 2]), encoding="utf-8")
    for i in (0, 1):  # saved as the site serves them, without canonical links or a file extension
        path = site / article_url(i).removeprefix("https://news.example/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_html(i, canonical=False), encoding="utf-8")
    (site / "contact.html").write_text(not_article_html(), encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")  # no dump
    result = run_import(db_url, site, base_url="https://news.example/")
    assert result.ok, result.errors
    assert result.stats["newscrawl/skipped/not_article"] == 1
    assert result.stats["newscrawl/skipped/unreadable_file"] == 1
    records = {r["url"]: r for r in exported(db_url)}
    assert set(records) == {article_url(i) for i in range(3)}
    # the listing's teasers join the pages --base-url gave an address to; story 2 was not saved
    assert [records[article_url(i)]["status"] for i in range(3)] == ["full", "full", "teaser"]
    assert records[article_url(0)]["teaser"] is not None and result.stats["newscrawl/dedupe/merged"] == 2
    assert records[article_url(1)]["sources"][0] == str(site / "2024" / "05" / "02" / "story-1")


def test_manifest_through_the_cli(tmp_path, sqlite_url):
    (tmp_path / "a.html").write_text(article_html(7, canonical=False), encoding="utf-8")
    manifest = tmp_path / "urls.csv"
    manifest.write_text("a.html,https://paper.example/seven\n", encoding="utf-8")
    done = newscrawl("import", "--db", sqlite_url, "--manifest", manifest, tmp_path)  # the manifest is no input
    assert done.returncode == 0, done.stderr
    assert [r["url"] for r in exported(sqlite_url)] == ["https://paper.example/seven"]
    missing = newscrawl("import", "--db", sqlite_url, "--manifest", tmp_path / "nope.csv", tmp_path / "a.html")
    assert missing.returncode == 2 and b"nope.csv" in missing.stderr


def test_saved_complete_page_folder_skips_its_assets(tmp_path, sqlite_url):
    (tmp_path / "story_files").mkdir()
    (tmp_path / "story.html").write_text(article_html(4), encoding="utf-8")
    (tmp_path / "story_files" / "style.css").write_text("body { margin: 0 }\n" * 50, encoding="utf-8")
    (tmp_path / "story_files" / "app.js").write_text("var by = 'By Someone';\n" * 50, encoding="utf-8")
    (tmp_path / "story_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = run_import(sqlite_url, tmp_path)
    assert result.ok, result.errors  # a page's assets are no errors
    assert result.stats["newscrawl/skipped/unreadable_file"] == 3
    assert [r["url"] for r in exported(sqlite_url)] == [article_url(4)]
    # named on the command line, an unreadable file is an error all the same
    assert not run_import(sqlite_url, tmp_path / "story_files" / "logo.png").ok


def test_manifest_inside_the_folder_is_not_read_as_input(tmp_path, sqlite_url):
    (tmp_path / "a.html").write_text(article_html(7, canonical=False), encoding="utf-8")
    manifest = tmp_path / "urls.jsonl"
    manifest.write_text('{"path": "a.html", "url": "https://paper.example/seven"}\n', encoding="utf-8")
    result = run_import(sqlite_url, tmp_path, manifest=str(manifest))
    assert result.ok and result.stats["newscrawl/import/files"] == 1
    assert not any(k.startswith("newscrawl/skipped/") for k in result.stats)
    assert [r["url"] for r in exported(sqlite_url)] == ["https://paper.example/seven"]


def test_an_old_warc_imported_after_a_newer_one_keeps_the_newer_text(tmp_path, db_url):
    from tests.fixtures.inputs.make import WarcBuilder

    newer, older = tmp_path / "june.warc.gz", tmp_path / "may.warc.gz"
    page = article_html(0)
    newer.write_bytes(WarcBuilder().response(article_url(0), page.encode(), date="2024-06-01T12:00:00Z").bytes())
    # The same page a month earlier, with a paragraph the site has since cut.
    old_page = page.replace("</article>", "<p>" + "A paragraph the site has since cut. " * 8 + "</p></article>")
    older.write_bytes(WarcBuilder().response(article_url(0), old_page.encode(), date="2024-05-01T12:00:00Z").bytes())
    for warc in (newer, older):
        assert run_import(db_url, warc).ok
    (record,) = exported(db_url)
    assert record["body"].split("\n\n") == paragraphs(0) and len(record["sources"]) == 2
    assert run_import(db_url, newer).ok and exported(db_url)[0]["body"] == record["body"]

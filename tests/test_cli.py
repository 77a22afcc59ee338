"""The `newscrawl` command end to end: bad input, exit status, export record, stdin, run log."""

import json
import subprocess
import sys

import pytest

from tests.conftest import DAY_FIRST_LISTING, LISTING_AND_PAGES

EXPORT_FIELDS = {"id", "url", "title", "status", "teaser", "body", "authors", "outlet", "byline", "published_at",
                 "dateline", "categories", "site", "sources", "first_seen", "last_seen"}
PAGE = ("By Ann Lee, Daily Planet Early in the morning, the engineer uploaded data collected over the previous few […]\n"
        "WorldBy Ann Lee, Daily Planet\n"
        "Early in the morning, the engineer uploaded data collected over the previous few days.\n"
        "Because every tile counts, she said.\n")


def newscrawl(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_folder_of_mixed_files_imports_the_good_ones(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(LISTING_AND_PAGES.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 10)
    (folder / "legacy.txt").write_bytes(PAGE.replace("Ann Lee", "Zoë Brontë").replace("engineer", "gardener")
                                         .replace("[…]", "[...]").encode("cp1252"))
    (folder / "crlf.txt").write_bytes(PAGE.replace("Ann Lee", "Bo Chen").replace("[…]", "[&hellip;]")
                                      .replace("\n", "\r\n").encode("utf-8-sig"))
    (folder / "page.html").write_text("<!DOCTYPE html><html><head><title>x</title></head></html>")
    missing = tmp_path / "nope.txt"

    done = newscrawl("import", "--db", sqlite_url, folder, missing)
    assert done.returncode == 1, done.stderr
    assert f"{missing}: no such file or folder" in done.stderr
    assert "binary.dat: binary input is not a format newscrawl reads" in done.stderr
    assert "page.html: not an article or listing page" in done.stderr  # skipped with its reason, not an error
    assert "  skipped: 2 (not_article 1, unreadable_file 1)" in done.stdout  # and counted in the summary
    assert "good.txt" not in done.stderr and "legacy.txt" not in done.stderr and "empty.txt" not in done.stderr

    records = [json.loads(line) for line in newscrawl("export", "--db", sqlite_url).stdout.splitlines()]
    authors = {a for r in records for a in r["authors"]}
    assert {"Zoë Brontë", "Bo Chen", "Cui Yan"} <= authors
    assert len(records) == 15 + 2
    assert all(r["status"] == "full" for r in records if {"Zoë Brontë", "Bo Chen"} & set(r["authors"]))


def test_huge_line_is_skipped_with_its_line_number(tmp_path, sqlite_url):
    dump = tmp_path / "huge.txt"
    with open(dump, "w", encoding="utf-8") as fh:
        fh.write(PAGE)
        fh.write("x" * (50 * 1024 * 1024) + "\n")
        fh.write(PAGE.replace("Ann Lee", "Bo Chen").replace("engineer", "gardener"))
    done = newscrawl("import", "--db", sqlite_url, dump)
    assert done.returncode == 1
    assert f"{dump}:5: line longer than" in done.stderr
    records = [json.loads(line) for line in newscrawl("export", "--db", sqlite_url).stdout.splitlines()]
    assert sorted(a for r in records for a in r["authors"]) == ["Ann Lee", "Bo Chen"]


def test_export_record_contract_and_output_file(tmp_path, sqlite_url):
    assert newscrawl("import", "--db", sqlite_url, LISTING_AND_PAGES, DAY_FIRST_LISTING).returncode == 0
    out = tmp_path / "out.jsonl"
    done = newscrawl("export", "--db", sqlite_url, "--format", "jsonl", "-o", out)
    assert done.returncode == 0 and "wrote 25 articles" in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 25
    for r in records:
        assert EXPORT_FIELDS <= set(r)
        assert r["status"] in ("full", "teaser") and isinstance(r["authors"], list) and isinstance(r["sources"], list)
        assert all(":" in s and s.rsplit(":", 1)[1].isdigit() for s in r["sources"])  # file:line provenance
    full = next(r for r in records if "Cui Yan" in r["authors"])
    assert len(full["sources"]) == 2  # its page and its teaser line
    assert full["site"] == "peoples-daily"


def test_stdin_site_binding_and_unknown_site(sqlite_url):
    done = newscrawl("import", "--db", sqlite_url, "--site", "bbc", "-", stdin=DAY_FIRST_LISTING.read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in newscrawl("export", "--db", sqlite_url).stdout.splitlines()]
    assert {r["site"] for r in records} == {"bbc"} and records[0]["sources"] == ["<stdin>:3"]
    bad = newscrawl("import", "--db", sqlite_url, "--site", "nosuch", DAY_FIRST_LISTING)
    assert bad.returncode == 2 and "unknown site 'nosuch'" in bad.stderr


def test_stats_runs_and_help(sqlite_url):
    assert newscrawl("stats", "--db", sqlite_url).returncode == 2  # nothing imported yet: a clear error
    newscrawl("import", "--db", sqlite_url, LISTING_AND_PAGES)
    newscrawl("import", "--db", sqlite_url, LISTING_AND_PAGES)
    stats = newscrawl("stats", "--db", sqlite_url, "--example")
    assert "15 articles (10 full, 5 teaser-only)" in stats.stdout and "SELECT" in stats.stdout
    runs = newscrawl("runs", "--db", sqlite_url).stdout.splitlines()
    assert len(runs) == 3 and runs[1].split()[:3] == ["2", "import", "finished"]
    # first run: 15 new articles, 10 teasers joined their bodies (as its summary said), no errors
    assert runs[2].split()[0:3] == ["1", "import", "finished"] and runs[2].split()[-3:] == ["15", "10", "0"]
    for verb in ("import", "export", "stats", "runs"):
        assert "--db URL" in newscrawl(verb, "--help").stdout


@pytest.mark.parametrize("url", ["nonsense", "sqlite:////nonexistent-dir/x/y.db"])
def test_bad_database_url_is_a_clear_error(url, tmp_path):
    done = newscrawl("import", "--db", url, LISTING_AND_PAGES)
    assert done.returncode == 2 and done.stderr.startswith("newscrawl: ")
    assert "Traceback" not in done.stderr

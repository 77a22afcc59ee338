"""`newscrawl crawl`: sites.toml keys with their selectors, arguments it refuses, its help."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.crawl_util import crawl_cmd, run_rows
from tests.fixtures.newssite import NewsSite
from tests.helpers import exported


def _newscrawl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=240, env=env)


def test_crawl_a_site_of_the_sites_file_with_its_selectors(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    with NewsSite() as site:
        sites = tmp_path / "sites.toml"
        # A title selector that points at the masthead: the pages' titles all become the site's name,
        # which shows the site's selectors reach the extraction.
        sites.write_text(f'[sites.local]\nname = "Local News"\nhosts = ["127.0.0.1"]\nday_first = true\n'
                         f'tz = "Asia/Shanghai"\nstart_urls = ["{site.url}/"]\n'
                         f'[sites.local.selectors]\ntitle = "p.site-title"\n', encoding="utf-8")
        monkeypatch.setenv("NEWSCRAWL_SITES_FILE", str(sites))
        cmd = crawl_cmd("local", db)
        cmd.remove("--site")
        cmd.remove("peoples-daily")
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
    records = {r["url"]: r for r in exported(db)}
    assert set(records) == {a["url"] for a in site.articles}
    assert {r["site"] for r in records.values()} == {"local"}
    full = [a for a in site.articles if not a["private"]]
    assert {records[a["url"]]["title"] for a in full} == {"People’s Daily"}
    assert run_rows(db)[0]["args"]["targets"] == ["local"]
    assert "run 1 finished" in done.stdout


def test_refused_arguments_exit_2(tmp_path):
    db = f"sqlite:///{tmp_path / 'crawl.db'}"
    unknown = _newscrawl("crawl", "no-such-site", "--db", db)
    assert unknown.returncode == 2 and "no-such-site" in unknown.stderr and "peoples-daily" in unknown.stderr
    mixed = _newscrawl("crawl", "http://127.0.0.1:9/", "peoples-daily", "--db", db)
    assert mixed.returncode == 2 and "not both" in mixed.stderr
    bad_site = _newscrawl("crawl", "http://127.0.0.1:9/", "--site", "nope", "--db", db)
    assert bad_site.returncode == 2 and "nope" in bad_site.stderr
    bad_db = _newscrawl("crawl", "http://127.0.0.1:9/", "--db", "not-a-database-url")
    assert bad_db.returncode == 2 and "not a database URL" in bad_db.stderr and "Traceback" not in bad_db.stderr
    bad_setting = _newscrawl("crawl", "http://127.0.0.1:9/", "-s", "NOEQUALS", "--db", db)
    assert bad_setting.returncode != 0 and "NAME=VALUE" in bad_setting.stderr


def test_help_says_what_it_does():
    out = _newscrawl("crawl", "--help").stdout
    for words in ("robots.txt", "If-None-Match", "NEWSCRAWL_CONTACT", "--max-pages", "Exit status", "scrapy crawl news"):
        assert words in out

"""Pages extracted in worker processes: the same articles, in the same order, as in one process."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from newscrawl.items import ArticleItem
from newscrawl.readers import Notice, Options, Problem, RawPage
from newscrawl.readers.workers import Extractor
from newscrawl.sites import load_sites
from tests.fixtures.inputs.make import WarcBuilder, article_html, article_url, listing_html, not_article_html
from tests.helpers import content, exported, run_import
from tests.test_kill_resume import count


def pages(n: int) -> list[RawPage]:
    return [RawPage(article_html(i), article_url(i), f"p#{i}", None, 20) for i in range(n)]


def mixed_warc(n: int) -> bytes:
    """n articles, with a listing of their teasers (read before half of them) and pages that are no articles."""
    w = WarcBuilder()
    for i in range(n):
        if i == n // 2:
            w.response("https://news.example/local/", listing_html(range(n)).encode())
        if i % 10 == 3:
            w.response(f"https://news.example/contact-{i}", not_article_html().encode())
        w.response(article_url(i), article_html(i).encode())
    return w.bytes()


def test_workers_give_what_one_process_gives_in_the_order_read():
    opts = Options(sites=load_sites())
    stream = [Notice("before", "m", "skipped/x"), *pages(12), Notice("after", "m", "skipped/x")]
    with Extractor(opts, 1) as here:
        expected = list(here.records(stream))
    with Extractor(opts, 2) as workers:
        got = list(workers.records(stream))
        assert workers.pages == 0  # none extracted in this process
    assert got == expected
    assert [r.source for r in got] == ["before"] + [f"p#{i}" for i in range(12)] + ["after"]
    assert all(isinstance(r, ArticleItem) for r in got[1:-1])


def test_automatic_workers_start_only_after_the_first_pages():
    with Extractor(Options(sites=load_sites()), 2, start_after=5) as extractor:
        got = list(extractor.records(pages(9)))
        assert extractor.pages == 5
    assert [r.source for r in got] == [f"p#{i}" for i in range(9)]


def test_a_page_the_extractors_fail_on_costs_only_itself():
    # Not a string: page_items raises on it, in this process and in a worker alike.
    broken = RawPage(42, "https://news.example/broken", "p#broken", None, 20)
    for jobs in (1, 2):
        with Extractor(Options(sites=load_sites()), jobs) as extractor:
            first, problem, last = extractor.records([*pages(1), broken, *pages(1)])
        assert isinstance(problem, Problem) and problem.source == "p#broken (https://news.example/broken)"
        assert problem.message.startswith("extraction failed (") and problem.message.endswith("); skipped")
        assert first.source == last.source == "p#0"


def test_an_import_with_workers_stores_the_same_articles(tmp_path, db_url):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(60))
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    one = run_import(alone, warc, jobs=1)
    many = run_import(db_url, warc, jobs=2)
    assert one.ok and many.ok
    assert content(exported(db_url)) == content(exported(alone))
    assert len(exported(db_url)) == 60
    counted = ("newscrawl/items/full", "newscrawl/items/teaser", "newscrawl/skipped/not_article",
               "newscrawl/dedupe/merged", "newscrawl/import/files")
    assert {k: many.stats.get(k) for k in counted} == {k: one.stats.get(k) for k in counted}
    assert many.stats["newscrawl/skipped/not_article"] == 6


def _marked(mark: str) -> list[int]:
    """Processes whose environment holds the mark (children inherit it, whoever adopts them)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and mark.encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the worker processes")
def test_sigterm_with_workers_records_the_run_and_leaves_no_process_behind(tmp_path, sqlite_url):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(3000))
    mark = str(uuid.uuid4())
    env = {**os.environ, "NEWSCRAWL_TEST_MARK": mark}
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", sqlite_url, "--jobs", "2", "--batch-size", "50",
           "--no-progress", str(warc)]
    victim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    while count(sqlite_url) < 200 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    assert len(_marked(mark)) >= 3, "the import, its forkserver and its workers should be running"
    victim.send_signal(signal.SIGTERM)
    _, err = victim.communicate(timeout=60)
    assert victim.returncode == 130 and "interrupted" in err
    runs = subprocess.run([sys.executable, "-m", "newscrawl.cli", "runs", "--db", sqlite_url],
                          capture_output=True, text=True).stdout.splitlines()
    assert runs[1].split()[:3] == ["1", "import", "interrupted"]
    assert 0 < count(sqlite_url) < 3000
    deadline = time.monotonic() + 10
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked(mark) == []


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the worker processes")
def test_workers_killed_mid_import_leave_the_rest_to_the_importing_process(tmp_path, sqlite_url):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(800))
    mark = str(uuid.uuid4())
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", sqlite_url, "--jobs", "2", "--batch-size", "50",
           "--no-progress", str(warc)]
    victim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NEWSCRAWL_TEST_MARK": mark})
    deadline = time.monotonic() + 120
    while count(sqlite_url) < 100 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    helpers = [pid for pid in _marked(mark) if pid != victim.pid]
    assert helpers, "the workers should be running"
    for pid in helpers:  # the forkserver and its workers, as an out-of-memory kill would
        os.kill(pid, signal.SIGKILL)
    out, err = victim.communicate(timeout=120)
    assert victim.returncode == 0, err
    assert "worker process died" in err and "800 full pages" in out
    assert count(sqlite_url) == 800


def test_jobs_must_be_a_whole_number_of_at_least_one(sqlite_url, tmp_path):
    done = subprocess.run([sys.executable, "-m", "newscrawl.cli", "import", "--db", sqlite_url, "--jobs", "0",
                           str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "'0' is not a whole number of at least 1" in done.stderr

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
from newscrawl.readers.workers import AUTO_START_AFTER, Extractor, auto_jobs
from newscrawl.sites import load_sites
from tests.fixtures.inputs.make import (
    WarcBuilder,
    article_html,
    article_url,
    article_warc,
    listing_html,
    not_article_html,
)
from tests.helpers import content, count, exported, run_import, sigterm_and_check, start_import


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
        assert workers.in_process == 0  # none extracted in this process
    assert got == expected
    assert [r.source for r in got] == ["before"] + [f"p#{i}" for i in range(12)] + ["after"]
    assert all(isinstance(r, ArticleItem) for r in got[1:-1])


def test_automatic_workers_start_only_after_the_first_pages():
    with Extractor(Options(sites=load_sites()), 2, start_after=5) as extractor:
        got = list(extractor.records(pages(9)))
        assert extractor.in_process == 5
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
    saved = tmp_path / "saved"  # a folder of saved pages: one input per page
    saved.mkdir()
    for i in range(60, 90):
        (saved / f"story-{i}.html").write_text(article_html(i), encoding="utf-8")
    (saved / "contact.html").write_text(not_article_html(), encoding="utf-8")
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    one = run_import(alone, warc, saved, jobs=1)
    many = run_import(db_url, warc, saved, jobs=2)
    assert one.ok and many.ok
    assert content(exported(db_url)) == content(exported(alone))
    assert len(exported(db_url)) == 90
    counted = ("newscrawl/items/full", "newscrawl/items/teaser", "newscrawl/skipped/not_article",
               "newscrawl/dedupe/merged", "newscrawl/dedupe/upgraded", "newscrawl/import/files")
    assert {k: many.stats.get(k) for k in counted} == {k: one.stats.get(k) for k in counted}
    # The listing came halfway: the teasers of the stories before it merged, those after it were upgraded.
    assert many.stats["newscrawl/dedupe/merged"] == many.stats["newscrawl/dedupe/upgraded"] == 30
    assert many.stats["newscrawl/skipped/not_article"] == 7 and many.stats["newscrawl/import/files"] == 32
    # 60 articles, a listing and 6 other pages in the WARC, 31 pages in the folder: all in the workers.
    assert many.stats["newscrawl/import/pages_in_workers"] == 98 and "newscrawl/import/pages_in_workers" not in one.stats


def test_by_default_an_import_goes_to_workers_after_its_first_pages(tmp_path, sqlite_url):
    if auto_jobs() < 2:
        pytest.skip("one CPU: the automatic pool stays off")
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(article_warc(AUTO_START_AFTER + 10, extras=False).bytes())
    done = run_import(sqlite_url, warc)
    assert done.ok and done.stats["newscrawl/items/full"] == AUTO_START_AFTER + 10
    assert done.stats["newscrawl/import/pages_in_workers"] == 10


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


def _left(mark: str, within: float = 10) -> list[int]:
    """The marked processes still running after up to `within` seconds."""
    deadline = time.monotonic() + within
    while (found := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def _import(warc: Path, db_url: str, mark: str, stored: int) -> subprocess.Popen:
    """`newscrawl import --jobs 2` of the WARC under the mark, once `stored` articles are in."""
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", db_url, "--jobs", "2", "--batch-size", "50",
           "--no-progress", str(warc)]
    return start_import(cmd, db_url, stored=stored, env={**os.environ, "NEWSCRAWL_TEST_MARK": mark})


@pytest.fixture
def mark():
    """A mark for the environment of an import under test; what still holds it afterwards is killed."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the worker processes")
    value = str(uuid.uuid4())
    yield value
    for pid in _marked(value):  # left behind by a failed test: must not outlive it
        os.kill(pid, signal.SIGKILL)


def test_sigterm_with_workers_records_the_run_and_leaves_no_process_behind(tmp_path, sqlite_url, mark):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(3000))
    victim = _import(warc, sqlite_url, mark, stored=200)
    assert len(_marked(mark)) >= 3, "the import, its forkserver and its workers should be running"
    sigterm_and_check(victim, sqlite_url, 3000)
    assert _left(mark) == []


def test_kill_9_of_the_import_takes_its_workers_along_and_a_rerun_completes_it(tmp_path, sqlite_url, mark):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(1500))
    victim = _import(warc, sqlite_url, mark, stored=200)
    assert len(_marked(mark)) >= 3, "the import, its forkserver and its workers should be running"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert 0 < count(sqlite_url) < 1500
    assert _left(mark) == []
    again = _import(warc, sqlite_url, mark, stored=1500)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert count(sqlite_url) == 1500


def test_workers_killed_mid_import_leave_the_rest_to_the_importing_process(tmp_path, sqlite_url, mark):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(mixed_warc(800))
    victim = _import(warc, sqlite_url, mark, stored=100)
    helpers = [pid for pid in _marked(mark)
               if pid != victim.pid and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]
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

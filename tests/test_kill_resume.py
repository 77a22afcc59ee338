"""A killed import leaves a consistent database, and running it again completes it."""

import os
import signal
import subprocess
import sys

from tests.helpers import content, count, exported, generated_dumps, run_import, sigterm_and_check, start_import


def test_kill_9_then_rerun_gives_the_same_articles(tmp_path, db_url, sqlite_url):
    files = generated_dumps(tmp_path / "dumps", 3000, files=3)
    run_import(sqlite_url, *files)
    reference = content(exported(sqlite_url))
    assert len(reference) == 3000

    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", db_url, "--batch-size", "50", "--no-progress", *files]
    victim = start_import(cmd, db_url, stored=200)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    stored = count(db_url)
    assert 0 < stored < 3000, "the import should have been killed part-way"

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert content(exported(db_url)) == reference


def test_sigterm_stops_cleanly_and_records_the_run(tmp_path, sqlite_url):
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", sqlite_url, "--batch-size", "50", "--no-progress",
           *generated_dumps(tmp_path / "dumps", 3000)]
    sigterm_and_check(start_import(cmd, sqlite_url, stored=200), sqlite_url, 3000)

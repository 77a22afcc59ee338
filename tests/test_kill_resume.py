"""A killed import leaves a consistent database, and running it again completes it."""

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from pipelines.storage.engine import open_engine
from pipelines.storage.models import articles
from tests.helpers import content, exported, generated_dumps, run_import


def count(db_url: str) -> int:
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()
    except Exception:
        return 0  # schema not created yet
    finally:
        engine.dispose()


def test_kill_9_then_rerun_gives_the_same_articles(tmp_path, db_url, sqlite_url):
    files = generated_dumps(tmp_path / "dumps", 3000, files=3)
    run_import(sqlite_url, *files)
    reference = content(exported(sqlite_url))
    assert len(reference) == 3000

    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--db", db_url, "--batch-size", "50", "--no-progress", *files]
    victim = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while count(db_url) < 200 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.02)
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
    victim = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while count(sqlite_url) < 200 and time.monotonic() < deadline:
        time.sleep(0.02)
    victim.send_signal(signal.SIGTERM)
    _, err = victim.communicate(timeout=60)
    assert victim.returncode == 130 and "interrupted" in err
    runs = subprocess.run([sys.executable, "-m", "newscrawl.cli", "runs", "--db", sqlite_url],
                          capture_output=True, text=True).stdout.splitlines()
    assert runs[1].split()[:3] == ["1", "import", "interrupted"]
    assert 0 < count(sqlite_url) < 3000

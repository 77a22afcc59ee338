"""Four import processes writing overlapping dumps into one database (one SQLite file, one PostgreSQL
database), starting on an empty one: each article is stored once, no process fails ("database is
locked" or a unique violation), and every teaser whose body another process stored was merged."""

import json
import subprocess
import sys

from pipelines.storage.engine import open_engine
from pipelines.storage.queries import totals
from tests.helpers import content, exported, generated_dumps

WORKERS = 4
ARTICLES = 1500


def _import(db: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newscrawl.cli", "import", "--db", db, "--no-progress", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_four_importers_with_overlapping_dumps(db_url, tmp_path, sqlite_url):
    # Four files; worker i reads files i and i+1, so every file is read twice, by two workers at once,
    # and teasers listed in a neighbouring file meet their bodies across workers.
    files = generated_dumps(tmp_path / "dumps", ARTICLES, files=WORKERS)
    expected = json.loads((tmp_path / "dumps" / "expected.json").read_text())
    workers = [_import(db_url, "--batch-size", "40", files[i], files[(i + 1) % WORKERS]) for i in range(WORKERS)]
    # One process importing everything once, into another database: started with the workers so
    # that all run the same code.
    reference = _import(sqlite_url, *files)
    for worker in [*workers, reference]:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err

    engine = open_engine(db_url)
    counts = totals(engine)
    engine.dispose()
    assert counts["articles"] == expected["articles"]
    assert (counts["full"], counts["teaser"]) == (expected["full"], expected["teaser_only"])
    assert counts["runs"] == WORKERS
    # ... and the same articles as the reference.
    records = exported(db_url)
    assert len({(r["body"] or r["teaser"]) for r in records}) == len(records)
    assert content(records) == content(exported(sqlite_url))

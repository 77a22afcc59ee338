"""Scale: import N generated articles into SQLite and PostgreSQL, then time the queries people run.

    python bench/scale.py [--articles 1000000] [--backends sqlite,postgresql] [--pg URL] [--keep DIR]

For each backend: `newscrawl import` of seed-shaped dumps (bench/gen_dumps.py) into an empty
database, in a child process, timed against a plain Python read of the same files (the baseline,
measured in the same run: the ratio says what the pipelines and the database cost); then the
database size, and the time of

- a full-text query, ranked, with snippets and the export record of each hit (`newscrawl search`),
  one selective (a serial number that one article holds) and one broad (two common words);
- "articles by author": the query of docs/queries.md, on the author with the most articles,

each the median of REPEATS runs after one warm-up, printed with its query plan (EXPLAIN QUERY PLAN;
EXPLAIN ANALYZE on PostgreSQL) to show the index in use. Target: under 50 ms each.
Results also go to bench/out/scale.json.

PostgreSQL: a database newscrawl_bench_<pid> is created through --pg (an admin URL, default
postgresql://postgres@127.0.0.1:5432/postgres) and dropped afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import gen_dumps  # noqa: E402
from import_speed import read_baseline  # noqa: E402

from sqlalchemy import text  # noqa: E402

from pipelines.storage.engine import open_engine  # noqa: E402
from pipelines.storage.search import search, statement  # noqa: E402

OUT = HERE / "out" / "scale.json"
REPEATS = 7
TARGET_MS = 50
BROAD = "solar wind"
BY_AUTHOR = """SELECT a.id, a.published_at, a.title, a.url
FROM authors au
JOIN article_authors aa ON aa.author_id = au.id
JOIN articles a ON a.id = aa.article_id
WHERE au.key = :key
ORDER BY a.published_at DESC"""


def timed(fn) -> tuple[float, object]:
    fn()  # warm-up: caches, prepared plans
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def plan(conn, stmt) -> list[str]:
    """The plan of a SQLAlchemy statement as the backend runs it (PostgreSQL: actually run, with timings)."""
    c = stmt.compile(dialect=conn.dialect)
    if conn.dialect.name == "sqlite":
        params = tuple(c.params[name] for name in c.positiontup)
        return [" ".join(str(x) for x in row[1:]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {c}", params)]
    return [row[0] for row in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {c}", c.params)]


def size_of(url: str) -> int:
    engine = open_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            path = Path(engine.url.database)
            size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        else:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return size


def measure_queries(url: str) -> dict:
    engine = open_engine(url)
    out = {}
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")  # planner statistics, as autovacuum / a DBA would have them
        conn.commit()
        key, count = conn.execute(text(
            "SELECT au.key, count(*) AS n FROM authors au JOIN article_authors aa ON aa.author_id = au.id "
            "GROUP BY au.key ORDER BY n DESC, au.key LIMIT 1")).one()
        serial = conn.execute(text("SELECT body FROM articles WHERE status = 'full' ORDER BY id LIMIT 1")).scalar_one()
        selective = next(w for w in serial.split()[:12] if w.isdigit() and len(w) == 6)
        for name, query in (("search_selective", selective), ("search_broad", BROAD)):
            ms, hits = timed(lambda q=query: list(search(engine, q, limit=20)))
            out[name] = {"query": query, "ms": round(ms, 2), "hits": len(hits),
                         "plan": plan(conn, statement(conn.dialect.name, query, limit=20))}
        by_author = text(BY_AUTHOR).bindparams(key=key)
        ms, rows = timed(lambda: conn.execute(by_author).all())
        out["by_author"] = {"author": key, "ms": round(ms, 2), "rows": len(rows), "expected": count,
                            "plan": plan(conn, by_author)}
    engine.dispose()
    return out


def import_into(url: str, files: list[Path], log: Path) -> float:
    cli = Path(sys.executable).parent / "newscrawl"
    start = time.perf_counter()
    with open(log, "w") as fh:
        done = subprocess.run([str(cli), "import", "--db", url, "--no-progress", *map(str, files)],
                              stdout=fh, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import into {url} failed ({done.returncode}); see {log}:\n{log.read_text()[-2000:]}")
    return seconds


def postgres_database(admin: str, name: str, drop: bool = False) -> str:
    import psycopg

    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg", default=os.environ.get("NEWSCRAWL_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--keep", metavar="DIR", help="keep the dumps and the SQLite database in DIR (and the PG database)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newscrawl-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    pg_name = f"newscrawl_bench_{os.getpid()}"
    results = {"articles": args.articles, "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}",
               "backends": {}}
    try:
        dumps = work / "dumps"
        print(f"generating {args.articles:,} articles into {dumps} ...", flush=True)
        expected = gen_dumps.generate(args.articles, str(dumps), seed=args.seed)
        files = sorted(dumps.glob("*.txt"))
        baseline, lines = read_baseline(files)
        results["baseline_read_s"] = round(baseline, 3)
        print(f"plain read of {len(files)} files, {lines:,} lines: {baseline:.2f} s", flush=True)
        for backend in args.backends.split(","):
            url = f"sqlite:///{work / 'scale.db'}" if backend == "sqlite" else postgres_database(args.pg, pg_name)
            if backend == "sqlite":
                for p in work.glob("scale.db*"):
                    p.unlink()
            print(f"[{backend}] importing ...", flush=True)
            seconds = import_into(url, files, work / f"import-{backend}.log")
            row = {"import_s": round(seconds, 1), "articles_per_s": round(expected["articles"] / seconds),
                   "vs_plain_read": round(seconds / baseline, 1), "size_mb": round(size_of(url) / 2**20, 1),
                   **measure_queries(url)}
            results["backends"][backend] = row
            print(f"[{backend}] {row['articles_per_s']:,} articles/s ({row['import_s']} s, "
                  f"{row['vs_plain_read']}x the plain read), {row['size_mb']} MB", flush=True)
            for name in ("search_selective", "search_broad", "by_author"):
                q = row[name]
                verdict = "ok" if q["ms"] < TARGET_MS else f"over {TARGET_MS} ms"
                what = q.get("query") or q.get("author")
                print(f"  {name} {what!r}: {q['ms']} ms ({verdict}), {q.get('hits', q.get('rows'))} rows")
                for line in q["plan"]:
                    print(f"      {line}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if "postgresql" in args.backends:
                postgres_database(args.pg, pg_name, drop=True)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

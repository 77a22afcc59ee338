"""Distributed crawl speed: 1, 2 and 4 `newscrawl crawl` workers on one Redis queue and one
PostgreSQL database, against the generated site (bench/gen_site.py).

    python bench/crawl_distributed.py [--articles 2000] [--workers 1 2 4] [--concurrency 8]
        [--redis redis://127.0.0.1:6379/15] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Each round: a fresh database and a fresh queue key, N workers started together (AutoThrottle
off, the same per-worker concurrency), pages/s counted from the site's request log between its
first and last request (the idle wait of the workers at the end is left out). Reported against
the one-worker round of the same run, with the CPU seconds of the workers and of this process
(which serves the site) to show where the limit is. Results also go to bench/out/crawl_distributed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import gen_site  # noqa: E402

OUT = HERE / "out" / "crawl_distributed.json"


def worker_cmd(site_url: str, db: str, redis_url: str, key: str, concurrency: int) -> list[str]:
    settings = {"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_REDIS_KEY": key, "NEWSCRAWL_REDIS_IDLE": "5",
                "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": str(concurrency),
                "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency), "DOWNLOAD_DELAY": "0",
                "NEWSCRAWL_RETRY_BACKOFF": "0", "LOG_LEVEL": "WARNING"}
    sets = [x for k, v in settings.items() for x in ("-s", f"{k}={v}")]
    return [sys.executable, "-m", "newscrawl.cli", "crawl", f"{site_url}/", "--db", db, *sets]


def new_database(admin_url: str) -> tuple[str, str]:
    import psycopg

    name = f"newscrawl_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name, name


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_full(db: str) -> int:
    from sqlalchemy import func, select

    from pipelines.storage.engine import open_engine
    from pipelines.storage.models import articles

    engine = open_engine(db)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles).where(articles.c.status == "full")).scalar_one()
    finally:
        engine.dispose()


def one_round(site, n: int, args, tmp: Path) -> dict:
    db, name = new_database(args.pg)
    try:
        site.reset_log()
        key = f"bench-{uuid.uuid4().hex[:8]}"
        self_before = resource.getrusage(resource.RUSAGE_SELF)
        logs, children = [], []
        for i in range(n):
            log = open(tmp / f"w{n}-{i}.log", "w")
            logs.append(log)
            children.append(subprocess.Popen(worker_cmd(site.url, db, args.redis, key, args.concurrency),
                                             cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        cpu = 0.0
        for child in children:
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
        for log in logs:
            log.close()
        self_after = resource.getrusage(resource.RUSAGE_SELF)
        failed = [i for i, c in enumerate(children) if c.returncode != 0]
        if failed:
            raise SystemExit(f"{n} workers: worker(s) {failed} failed; logs in {tmp}")
        hits = site.requests()
        seconds = max(h.at for h in hits) - min(h.at for h in hits)
        return {"workers": n, "pages": len(hits), "seconds": round(seconds, 2),
                "pages_per_s": round(len(hits) / seconds, 1), "workers_cpu_s": round(cpu, 1),
                "site_cpu_s": round(self_after.ru_utime + self_after.ru_stime
                                    - self_before.ru_utime - self_before.ru_stime, 1),
                "stored_full": count_full(db)}
    finally:
        drop_database(args.pg, name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--concurrency", type=int, default=8, help="requests at a time, per worker")
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--redis", default=os.environ.get("NEWSCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--pg", default=os.environ.get("NEWSCRAWL_TEST_PG",
                                                       "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args(argv)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"crawl-distributed-{uuid.uuid4().hex[:6]}"
    tmp.mkdir()
    results = []
    with gen_site.generated_site(args.articles, per_page=args.per_page) as site:
        print(f"site {site.url}: {len(site.articles):,} article pages; {args.concurrency} requests at a time "
              f"per worker; {os.cpu_count()} CPUs", flush=True)
        for n in args.workers:
            results.append(one_round(site, n, args, tmp))
            r = results[-1]
            print(f"{n} worker(s): {r['pages']:,} pages in {r['seconds']:.1f} s = {r['pages_per_s']:.1f} pages/s; "
                  f"CPU s: workers {r['workers_cpu_s']}, site {r['site_cpu_s']}; stored {r['stored_full']:,} full",
                  flush=True)
    base = results[0]["pages_per_s"]
    print(f"\n{'workers':>8}{'pages/s':>10}{'vs first':>10}")
    for r in results:
        print(f"{r['workers']:>8}{r['pages_per_s']:>10.1f}{r['pages_per_s'] / base:>10.2f}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "articles": args.articles, "concurrency": args.concurrency, "rounds": results,
    }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

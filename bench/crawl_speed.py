"""Crawl speed: the `news` spider with its full pipelines against a bare fetch of the same pages.

    python bench/crawl_speed.py [--articles 5000] [--concurrency 32] [--seed S] [--keep]

Serves a generated site (bench/gen_site.py: N article pages with listings, categories, a feed,
sitemaps and wp-json) on 127.0.0.1 from this process, then crawls it three times in child
processes, AutoThrottle off, the same concurrency for all:

  full     scrapy crawl news -a url=SITE, every pipeline, into a fresh SQLite database
  bare     bench/bare_spider.py fetching exactly the URLs the full run requested (same pages,
           same order, nothing parsed, nothing yielded): the baseline
  noitems  the news spider with ITEM_PIPELINES={} (extraction without cleaning and storage),
           to show where the time goes

Rates are pages (HTTP responses the site served during the run) per second, timed from the
run's first request to the child's exit, so interpreter and Scrapy start-up are left out (they
are printed apart), and pages per CPU second of the crawler process (steadier when other work
shares the machine). Target: full / bare >= 0.9. Results also go to bench/out/crawl_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import gen_site  # noqa: E402

OUT = HERE / "out" / "crawl_speed.json"
TARGET = 0.9


def scrapy_bin() -> str:
    return str(Path(sys.executable).parent / "scrapy")


def common_settings(concurrency: int) -> list[str]:
    settings = {
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "DOWNLOAD_DELAY": "0",
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": "False",
        "HTTPCACHE_ENABLED": "False",
    }
    return [arg for k, v in settings.items() for arg in ("-s", f"{k}={v}")]


def spider_problem() -> str | None:
    """Why the news spider cannot be benchmarked, or None."""
    done = subprocess.run([scrapy_bin(), "list"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return f"`scrapy list` failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    if "news" not in done.stdout.split():
        return "no spider named 'news' in newscrawl/spiders/ yet"
    return None


def timed_run(name: str, cmd: list[str], cwd: Path, site, log: Path) -> dict:
    """Run one crawl child; pages served to it and the seconds from its first request to its exit."""
    site.reset_log()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.monotonic()
    with open(log, "w") as out:
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # the rusage of this one child: its CPU time
        child.returncode = os.waitstatus_to_exitcode(status)
    end = time.monotonic()
    hits = site.requests()
    if child.returncode != 0 or not hits:
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        raise SystemExit(f"{name}: exit {child.returncode}, {len(hits)} requests; log {log}:\n" + "\n".join(tail))
    first = hits[0].at
    seconds = end - first
    statuses: dict[str, int] = {}
    for h in hits:
        statuses[str(h.status)] = statuses.get(str(h.status), 0) + 1
    return {"run": name, "pages": len(hits), "seconds": round(seconds, 3),
            "pages_per_s": round(len(hits) / seconds, 1), "startup_s": round(first - start, 3),
            # CPU seconds of the crawler process (start-up included): near `seconds`, it is CPU-bound.
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "statuses": statuses, "urls": [site.url + h.path for h in hits if h.method == "GET"]}


def db_counts(path: Path) -> dict:
    if not path.exists():
        return {}
    with sqlite3.connect(path) as conn:
        try:
            rows = conn.execute("SELECT status, count(*) FROM articles GROUP BY status").fetchall()
        except sqlite3.Error as exc:
            return {"error": str(exc)}
    return dict(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, databases)")
    args = parser.parse_args(argv)

    if (problem := spider_problem()) is not None:
        print(f"crawl_speed: cannot run: {problem}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="crawl-speed-"))
    settings = common_settings(args.concurrency)
    results = []
    try:
        with gen_site.generated_site(args.articles, args.seed, per_page=args.per_page) as site:
            print(f"site {site.url}: {len(site.articles):,} article pages, {args.per_page} entries a "
                  f"listing page; concurrency {args.concurrency}", flush=True)

            # The spider's own knobs: no backoff before retrying the site's 500 page (a wait, not work).
            news_settings = ["-s", "NEWSCRAWL_RETRY_BACKOFF=0"]
            full_db = tmp / "full.db"
            full = timed_run("full", [scrapy_bin(), "crawl", "news", "-a", f"url={site.url}/",
                                      "-s", f"NEWSCRAWL_DB=sqlite:///{full_db}", *news_settings, *settings],
                             ROOT, site, tmp / "full.log")
            full["db"] = db_counts(full_db)
            results.append(full)

            urls_file = tmp / "urls.txt"
            urls_file.write_text("\n".join(full["urls"]) + "\n")
            # Outside the project folder, so Scrapy's defaults apply instead of the project's.
            bare = timed_run("bare", [scrapy_bin(), "runspider", str(HERE / "bare_spider.py"),
                                      "-a", f"urls_file={urls_file}", *settings],
                             tmp, site, tmp / "bare.log")
            results.append(bare)

            noitems_db = tmp / "noitems.db"
            noitems = timed_run("noitems", [scrapy_bin(), "crawl", "news", "-a", f"url={site.url}/",
                                            "-s", f"NEWSCRAWL_DB=sqlite:///{noitems_db}",
                                            "-s", "ITEM_PIPELINES={}", *news_settings, *settings],
                                ROOT, site, tmp / "noitems.log")
            results.append(noitems)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{'run':<9}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'start-up s':>12}{'CPU s':>8}  statuses")
    for r in results:
        print(f"{r['run']:<9}{r['pages']:>8,}{r['seconds']:>10.2f}{r['pages_per_s']:>10.1f}"
              f"{r['startup_s']:>12.2f}{r['cpu_s']:>8.1f}  {r['statuses']}")
    ratio = full["pages_per_s"] / bare["pages_per_s"]
    # On a busy machine wall time swings; CPU time per page is the steadier comparison.
    cpu_ratio = (full["pages"] / full["cpu_s"]) / (bare["pages"] / bare["cpu_s"])
    print(f"\nfull / bare = {ratio:.2f} (target >= {TARGET}); full / noitems = "
          f"{full['pages_per_s'] / noitems['pages_per_s']:.2f}; pages per CPU second, full / bare = {cpu_ratio:.2f}")
    print(f"full run stored: {full['db']}")

    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "articles": args.articles, "concurrency": args.concurrency, "per_page": args.per_page,
        "runs": [{k: v for k, v in r.items() if k != "urls"} for r in results],
        "ratio_full_bare": round(ratio, 3), "cpu_ratio_full_bare": round(cpu_ratio, 3), "target": TARGET,
    }, indent=2) + "\n")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

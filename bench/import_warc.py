"""Speed of `newscrawl import` on a WARC of article pages, against a plain warcio read of it.

    python bench/import_warc.py [--pages 500] [--repeat 3] [--keep]

Writes a .warc.gz of N handmade article pages (tests/fixtures/inputs/make.py: JSON-LD, byline,
date, three paragraphs; each response with its request record, as crawlers write them), then
times, in this one process and on this one machine:

  baseline  warcio's ArchiveIterator over the file, reading every response payload;
  reader    newscrawl's WARC reader alone (charset, extraction: ArticleItems, no pipelines);
  import    the whole import into a fresh SQLite database (reader + pipelines + store), with
            --jobs 1: worker processes gain little on these quick pages (bench/extraction.py
            compares both on real ones).

Each is the best of --repeat runs. Reported: pages/s of each and their time as a ratio to the
baseline; the ratios, not the absolute figures, are what compare across machines.

Memory: the real CLI (`newscrawl import --no-progress`) runs in a child process on the WARC and
on one ten times larger; its peak RSS comes from os.wait4. Streaming means the two stay close
(RSS ratio near 1, target ≤ 1.5). Results also go to bench/out/import_warc.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from newscrawl.ingest import import_paths  # noqa: E402
from newscrawl.items import ArticleItem  # noqa: E402
from newscrawl.readers import open_input, read_items  # noqa: E402
from newscrawl.sites import load_sites  # noqa: E402
from tests.fixtures.inputs.make import article_warc  # noqa: E402


def baseline(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                record.content_stream().read()
                n += 1
    return n


def reader_only(path: Path) -> int:
    inp = open_input(str(path))
    try:
        return sum(isinstance(r, ArticleItem) for r in read_items(inp, sites=load_sites()))
    finally:
        inp.close()


def full_import(path: Path, tmp: Path) -> int:
    db = tmp / "bench.db"
    db.unlink(missing_ok=True)
    result = import_paths([str(path)], db=f"sqlite:///{db}", progress=False, jobs=1)  # beside the two above
    assert result.ok, result.errors
    return result.stats.get("newscrawl/items/full", 0)


def cli_peak_rss(path: Path, tmp: Path) -> tuple[float, int]:
    """(seconds, peak RSS in KiB) of the real CLI importing `path` into a fresh database."""
    db = tmp / "rss.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", "--no-progress", "--db", f"sqlite:///{db}", str(path)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"import of {path} failed"
    return time.perf_counter() - start, usage.ru_maxrss


def best_of(repeat: int, fn, *args) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (WARC, database)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="newscrawl-warc-"))
    try:
        path = tmp / "pages.warc.gz"
        path.write_bytes(article_warc(args.pages, extras=False).bytes())
        results = {}
        for name, fn, extra in (("baseline", baseline, ()), ("reader", reader_only, ()),
                                ("import", full_import, (tmp,))):
            seconds, pages = best_of(args.repeat, fn, path, *extra)
            assert pages == args.pages, f"{name} saw {pages} pages, expected {args.pages}"
            results[name] = {"seconds": round(seconds, 4), "pages_per_s": round(pages / seconds, 1)}
        base = results["baseline"]["seconds"]
        for r in results.values():
            r["ratio_to_baseline"] = round(r["seconds"] / base, 1)
        size = path.stat().st_size
        print(f"{args.pages} pages, {size / 1048576:.1f} MiB .warc.gz, best of {args.repeat}")
        for name, r in results.items():
            print(f"  {name:<9} {r['seconds']:8.3f} s  {r['pages_per_s']:9.1f} pages/s  "
                  f"{r['ratio_to_baseline']:6.1f}x baseline")

        large = tmp / "pages-x10.warc.gz"
        large.write_bytes(article_warc(10 * args.pages, extras=False).bytes())
        (t_small, rss_small), (t_large, rss_large) = cli_peak_rss(path, tmp), cli_peak_rss(large, tmp)
        results["cli_memory"] = {"pages": [args.pages, 10 * args.pages], "seconds": [round(t_small, 2), round(t_large, 2)],
                                 "peak_rss_kib": [rss_small, rss_large], "rss_ratio": round(rss_large / rss_small, 2)}
        print(f"  CLI peak RSS: {rss_small / 1024:.0f} MiB for {args.pages} pages, {rss_large / 1024:.0f} MiB for "
              f"{10 * args.pages} (ratio {rss_large / rss_small:.2f}); {t_small:.1f} s and {t_large:.1f} s "
              f"({10 * args.pages / t_large:.0f} pages/s with start-up)")
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        (out / "import_warc.json").write_text(json.dumps({"pages": args.pages, "bytes": size, **results}, indent=2))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

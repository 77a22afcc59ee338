"""The `newscrawl` command. Thin: each verb parses its arguments and calls one library function."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

DEFAULT_DB = "sqlite:///newscrawl.db"
IMPORT_HELP = """\
Import saved dumps through the cleaning pipelines into the database. Re-running an import
changes nothing but last_seen and the run log.

Formats, told by content (then by file name; --format forces one):
  text   plain-text copies of listing and article pages (seeds/dumps/)
  html   saved web pages, one per file: an article page gives its article, a listing page
         its teasers; any other page is skipped and counted. The page's canonical link,
         og:url or JSON-LD url names the article; else --manifest or --base-url does.
  warc   WARC archives (.warc, .warc.gz; CC-NEWS, wget, Heritrix): HTML response records;
         requests, metadata, revisits, non-HTML payloads and error statuses are counted
         and skipped
  jsonl  JSON Lines (or a JSON array): `newscrawl export` output, Scrapy feed exports and
         similar (url, title, text/body/content, author(s)/byline, date/published,
         categories/tags, description)
Any of them may be compressed with gzip, bzip2 or xz.

Bad input never stops an import: a damaged or cut-short record, a page larger than
NEWSCRAWL_MAX_PAGE_BYTES (environment; default 10485760, 10 MiB) or a malformed JSON line
is reported with its file and line or record offset, counted in the run's stats, and the
rest is imported. The exit status is 1 when any record could not be read.

Pages of HTML, WARC and JSON Lines input are extracted in worker processes (one per CPU, up
to 4) once an import has shown more than 64 pages; --jobs sets how many, from the first page.
"""

CRAWL_HELP = """\
Crawl news sites with the generic `news` spider (the same as `scrapy crawl news -a url=...`)
through the cleaning pipelines into the database.

What it fetches: the start pages; the feeds, sitemaps (from robots.txt) and WordPress API they
lead to; listing pages and their pagination; and the article pages these show. Listing, feed and
API entries become teasers, article pages full articles; the store merges them.

Incremental: the database keeps a fetch log (table `pages`). A later run fetches an article page
again only when a sitemap, feed or API date says it changed, asks for feeds, sitemaps and listings
with If-None-Match / If-Modified-Since, and first fetches what an earlier run found but did not
get to (stopped, killed, --max-pages, a server error). Run it from cron as often as you like.

Polite by default: robots.txt obeyed (an unreachable robots.txt means "fetch nothing there")
with its Crawl-delay (capped by NEWSCRAWL_MAX_CRAWL_DELAY, 60 s), AutoThrottle, retries with backoff, size and depth limits, and a user agent naming
NEWSCRAWL_CONTACT (environment or -s) so site owners can reach you.

Errors on single pages (404, 500, timeouts, resets, bad markup, wrong charset) are logged with
the URL, counted in the run's stats (`newscrawl runs`), and the crawl goes on.

Exit status: 0 the crawl ran to its end (or to --max-pages), 1 it stopped early (database
failure), 2 bad arguments or database, 130 stopped by Ctrl-C / SIGTERM (what was fetched so far
is stored; the next run goes on from there).
"""


def _db_default() -> str:
    return os.environ.get("NEWSCRAWL_DB") or DEFAULT_DB


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=_db_default(), metavar="URL",
                        help="SQLAlchemy database URL (default: $NEWSCRAWL_DB, else %s)" % DEFAULT_DB)
    common.add_argument("-v", "--verbose", action="store_true", help="log every step")

    parser = argparse.ArgumentParser(
        prog="newscrawl",
        description="Turn news crawls and saved dumps into one clean SQL database.",
        epilog="Run `newscrawl VERB --help` for the options of each verb.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser("import", parents=[common], help="import saved dumps (files, folders, globs, - for stdin)",
                         description=IMPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (read recursively), glob, or - for stdin")
    p.add_argument("--site", metavar="KEY", help="bind the input to a site of seeds/sites.toml (date order, time "
                                                 "zone, selectors); default: by each article URL's host, or "
                                                 "recognised from a text dump")
    p.add_argument("--format", choices=["text", "html", "warc", "jsonl"],
                   help="force the input format instead of detecting it (compression is still detected)")
    p.add_argument("--base-url", metavar="URL", help="saved HTML files: the address a file was saved from is URL "
                                                     "plus its path below the folder given (for a file given "
                                                     "directly, its name; for stdin, URL itself)")
    p.add_argument("--manifest", metavar="FILE", help="saved HTML files: the address of each file, from a CSV "
                                                      "file with columns path,url or a JSON Lines file of "
                                                      '{"path" (or "file"): ..., "url": ...}; paths relative to '
                                                      "FILE's folder")
    p.add_argument("--batch-size", type=int, metavar="N", help="items per database transaction (default 500)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("--jobs", type=_count, metavar="N", help="processes that extract the pages of HTML, WARC "
                                                           "and JSON Lines input (default: one per CPU, up to 4, "
                                                           "once the import has shown more than 64 pages; 1: this "
                                                           "process only)")

    p = verbs.add_parser("crawl", parents=[common], help="crawl news sites (URLs or sites.toml keys) into the database",
                         description=CRAWL_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="+", metavar="URL|SITE", help="a start URL (http://...), or a site key of "
                                                                   "seeds/sites.toml (its start_urls)")
    p.add_argument("--site", metavar="KEY", help="the conventions (date order, time zone, selectors) of this "
                                                 "sites.toml site for the URLs given; default: by their host")
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N responses (the next run goes on "
                                                              "from where this one stopped)")
    p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                   help="a Scrapy or NEWSCRAWL_* setting, e.g. -s DOWNLOAD_DELAY=2 -s NEWSCRAWL_CONTACT=mailto:me@example.org")

    filters = argparse.ArgumentParser(add_help=False)
    f = filters.add_argument_group("filters (all must hold)")
    f.add_argument("--site", metavar="KEY", help="articles of this site")
    f.add_argument("--author", metavar="NAME", help="by an author whose name has these words (any case)")
    f.add_argument("--outlet", metavar="NAME", help="from this outlet (any case)")
    f.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="published on or after this day (UTC)")
    f.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="published on or before this day (UTC)")
    f.add_argument("--status", choices=["full", "teaser"], help="full articles, or teasers still waiting for a body")

    p = verbs.add_parser("export", parents=[common, filters], help="write the articles as JSON Lines or CSV",
                         description="Write every article (or those the filters pick) as one JSON object per line, "
                                     "or one CSV row (the export record of DESIGN.md; lists joined with \"; \"). "
                                     "Streams: memory stays flat however large the database.")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default jsonl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = verbs.add_parser("search", parents=[common, filters], help="full-text search, best matches first",
                         description="Full-text search over titles, descriptions, teasers and bodies. QUERY: words "
                                     "(all must occur), \"quoted phrases\", OR between alternatives, -word to exclude.")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many matches (default 20)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text",
                   help="text (default) or JSON Lines: the export record plus rank, score and snippet")

    p = verbs.add_parser("db", help="the database schema: upgrade it, show its revision",
                         description="The schema is versioned with Alembic migrations. A database made by an older "
                                     "newscrawl must be upgraded before any other verb will use it.")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("upgrade", parents=[common], help="bring the schema to this newscrawl's revision")
    actions.add_parser("current", parents=[common], help="show the database's schema revision")

    p = verbs.add_parser("stats", parents=[common], help="counts of articles, authors, runs")
    p.add_argument("--example", action="store_true", help="also print an example SQL query to try")

    p = verbs.add_parser("runs", parents=[common], help="the log of imports and crawls, newest first")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many runs (default 20)")
    return parser


def _day(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day (YYYY-MM-DD)") from None


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _filters(args):
    from pipelines.storage.queries import Filters

    return Filters(site=args.site, author=args.author, outlet=args.outlet, since=args.since, until=args.until,
                   status=args.status)


def _setting(value: str) -> tuple[str, str]:
    name, sep, setting = value.partition("=")
    if not sep or not name.strip():
        raise SystemExit(f"newscrawl crawl: -s wants NAME=VALUE, not {value!r}")
    return name.strip(), setting


def _stop(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (cron, scrapyd, systemd) stops like Ctrl-C: flush, record, exit


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    # Imported here so `newscrawl --help` answers at once.
    from sqlalchemy.exc import SQLAlchemyError

    from newscrawl import report
    from newscrawl.sites import SiteError
    from pipelines.storage.engine import DatabaseError
    from pipelines.storage.pipeline import StoreError
    from pipelines.storage.search import SearchError

    try:
        if args.verb == "import":
            from newscrawl.ingest import import_paths
            from newscrawl.readers import ReaderError

            try:
                result = import_paths(args.paths, db=args.db, site=args.site, format=args.format,
                                      batch_size=args.batch_size, progress=False if args.no_progress else None,
                                      base_url=args.base_url, manifest=args.manifest, jobs=args.jobs)
            except ReaderError as exc:  # a manifest that cannot be read: nothing imported
                print(f"newscrawl: {exc}", file=sys.stderr)
                return 2
            print(report.import_summary(result, args.db))
            return 0 if result.ok else 1
        if args.verb == "crawl":
            from newscrawl.crawl import run_crawl, summary

            overrides = dict(_setting(v) for v in args.set)
            logging.root.handlers.clear()  # Scrapy logs through its own handler, at our level
            result = run_crawl(args.targets, db=args.db, site=args.site, max_pages=args.max_pages,
                               overrides=overrides, log_level="DEBUG" if args.verbose else "WARNING")
            print(summary(result, args.db))
            if result.status == "interrupted":
                print("newscrawl: interrupted; everything stored so far is committed", file=sys.stderr)
                return 130
            return 0 if result.status in ("finished", "stopped") else 1
        if args.verb == "export":
            if args.output:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    n = report.export(args.db, out, args.format, _filters(args))
                print(f"wrote {n} articles to {args.output}", file=sys.stderr)
            else:
                report.export(args.db, sys.stdout, args.format, _filters(args))
            return 0
        if args.verb == "search":
            report.search_hits(args.db, sys.stdout, args.query, _filters(args), args.limit, args.format)
            return 0
        if args.verb == "db":
            print(report.upgrade_database(args.db) if args.action == "upgrade" else report.database_revision(args.db))
            return 0
        if args.verb == "stats":
            print(report.database_summary(args.db, example=args.example))
            return 0
        if args.verb == "runs":
            print(report.runs_table(args.db, args.limit))
            return 0
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("newscrawl: interrupted; everything stored so far is committed", file=sys.stderr)
        return 130
    except (DatabaseError, SiteError, StoreError, SearchError, SQLAlchemyError, OSError) as exc:
        print(f"newscrawl: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""A generated news site for the crawl benchmark: the fixture NewsSite serving N generated articles.

    python bench/gen_site.py --articles 5000 [--seed S] [--per-page 20] [--port N]
    python bench/gen_site.py --articles 5000 --write FILE.jsonl

The articles are bench/gen_dumps.py's (same authors, bylines, dates, labels, bodies), each with
a page, newest first; the site around them is tests/fixtures/newssite: home and category
listings with pagination, article pages (half with JSON-LD), an RSS feed, sitemaps, wp-json and
the special pages. Without --write it serves until Ctrl-C and prints its URL; --write stores the
articles as JSON Lines for `python -m tests.fixtures.newssite --articles-from FILE`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # for tests.fixtures.newssite
import gen_dumps  # noqa: E402

from tests.fixtures.newssite import NewsSite  # noqa: E402
from tests.fixtures.newssite.__main__ import serve_until_interrupted  # noqa: E402


def generated_articles(n: int, seed: int = 1) -> Iterator[dict]:
    """Article dicts as NewsSite takes them, in generation order."""
    for index in range(n):
        a = gen_dumps.Article(seed, index)
        body = list(a.paragraphs())
        yield {
            "title": a.title.rstrip("."),
            "teaser": a.teaser(body),
            "body": "\n\n".join(body),
            "authors": list(a.authors),
            "byline": f"By {a.byline()}",
            "date": a.day.isoformat(),
            "categories": list(a.labels),
            "private": False,
        }


def site_articles(n: int, seed: int = 1) -> list[dict]:
    """Newest first, as listings show them."""
    return sorted(generated_articles(n, seed), key=lambda a: a["date"], reverse=True)


def generated_site(n: int, seed: int = 1, *, per_page: int = 20, slow_seconds: float = 1.0,
                   port: int = 0) -> NewsSite:
    """A NewsSite (not started) serving n generated articles."""
    return NewsSite(site_articles(n, seed), per_page=per_page, slow_seconds=slow_seconds, port=port)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--write", metavar="FILE", help="write the articles as JSON Lines instead of serving")
    args = parser.parse_args(argv)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as out:
            for a in site_articles(args.articles, args.seed):
                out.write(json.dumps(a, ensure_ascii=False) + "\n")
        return 0
    site = generated_site(args.articles, args.seed, per_page=args.per_page, port=args.port)
    serve_until_interrupted(site, f"{site.url}  ({len(site.articles):,} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Plain-text dumps copied from listing pages and article pages.

Shapes (see seeds/dumps/):
- listing entry: an optional title line, then one line "date byline teaser text […]";
- article page: its own teaser line, a byline line ("Tec WorldBy Cui Yan, People’s Daily"),
  then body paragraphs, one per line, until the next teaser line (or a title line before it).
Short lines inside a body are subheadings and stay in it. Lines are read one at a time: memory
holds one article at most, however large the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from newscrawl.items import ArticleItem
from newscrawl.readers.base import Problem, UnreadableFormat
from newscrawl.readers.encoding import text_stream
from newscrawl.sites import detect_site
from pipelines.text import has_marker

MAX_LINE = 1 << 20  # characters; a longer "line" is not text copied from a page
# An article page's byline line, labels possibly glued on: "Tec WorldBy Cui Yan, People’s Daily".
_HEADER = re.compile(r"(?:^|[\s\w])(?:By|BY)\s+(?P<name>\w[\w'’.-]*)(?:\s+(?P<next>\w)|,|\s*$)")
_ENDS_SENTENCE = re.compile(r"[.!:;,\"”’»)]$")


def _is_header(line: str) -> bool:
    if len(line) > 200 or _ENDS_SENTENCE.search(line):
        return False
    m = _HEADER.search(line)
    # "By Cui Yan" or "By Li Jie, …", not "By the way" or "By 2030".
    return m is not None and m["name"][0].isupper() and (m["next"] is None or m["next"].isupper())


def read_dump(inp, stream, head: bytes, opts) -> Iterator[ArticleItem | Problem]:
    """The reader of newscrawl.readers for text dumps: items and problems in file order.

    Plain text that shows neither a teaser mark nor a byline line in its head is not a dump (a
    saved site's robots.txt, a README) and is refused, unless --format text says it is one.
    """
    if opts.format != "text" and not looks_like_dump(head.decode("utf-8", errors="replace")):
        raise UnreadableFormat(inp.name, "plain text with no teaser marks ([…]) or bylines is not a text dump "
                                         "(--format text reads it as one)")
    text = text_stream(stream)
    site = opts.site or detect_site(opts.sites, head.decode("utf-8", errors="replace"))
    problems: list[Problem] = []
    try:
        lines = read_lines(text, inp.name, problems)
        for item in parse_dump(lines, inp.name, site=site.key if site else None,
                               language=site.language if site else None):
            yield from problems
            problems.clear()
            yield item
        yield from problems
    finally:
        text.detach()  # the Input owns the binary stream


def looks_like_dump(head: str) -> bool:
    """A dump's head holds a listing entry (a teaser mark) or an article page's byline line."""
    return any(has_marker(line) or _is_header(line.strip()) for line in head.splitlines())


def read_lines(stream, name: str, problems: list[Problem], limit: int | None = None) -> Iterator[tuple[int, str]]:
    """(line number, line) with bounded memory; an over-long line is skipped and reported."""
    limit = limit or MAX_LINE
    lineno = 0
    while True:
        line = stream.readline(limit)
        if not line:
            return
        lineno += 1
        if len(line) == limit and not line.endswith("\n"):
            while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                pass
            problems.append(Problem(f"{name}:{lineno}", f"line longer than {limit:,} characters, skipped"))
            continue
        yield lineno, line.rstrip("\n")


@dataclass
class _Article:
    first_line: int
    title: str | None
    byline: str | None = None
    body: list[str] = field(default_factory=list)


def parse_dump(lines: Iterable[tuple[int, str]], name: str, *, site: str | None = None,
               language: str | None = None) -> Iterator[ArticleItem]:
    """Turn numbered lines of a dump into teaser and full items, in file order."""
    read_at = datetime.now(timezone.utc)

    def item(kind, text, lineno, title=None, byline=None):
        return ArticleItem(kind=kind, text=text, title=title, byline_raw=byline, site=site,
                           language=language, source=f"{name}:{lineno}", fetched_at=read_at)

    article: _Article | None = None  # the article page being read
    page_title: str | None = None  # the last teaser's title, which its article page shares
    held: tuple[int, str] | None = None  # a line that is a title if a teaser follows it

    def take(lineno: int, line: str) -> ArticleItem | None:
        """Add a non-teaser line; returns the previous article when this line starts a new one."""
        nonlocal article, page_title
        done = None
        if _is_header(line):
            done = finish()
            article = _Article(lineno, page_title, byline=line)
        elif article is not None:
            article.body.append(line)
        else:
            article = _Article(lineno, page_title, body=[line])
        page_title = None
        return done

    def finish():
        nonlocal article
        done, article = article, None
        if done is not None and done.body:
            return item("full", "\n\n".join(done.body), done.first_line, done.title, done.byline)
        return None

    for lineno, raw in lines:
        line = raw.strip()
        if not line:
            continue
        if has_marker(line):
            title = None
            if held is not None:
                # Inside a body only a heading-like line can be the next entry's title.
                if article is not None and (len(held[1]) > 150 or _ENDS_SENTENCE.search(held[1])):
                    article.body.append(held[1])
                else:
                    title = held[1]
                held = None
            if (full := finish()) is not None:
                yield full
            yield item("teaser", line, lineno, title)
            page_title = title
        else:
            if held is not None and (full := take(*held)) is not None:
                yield full
            held = (lineno, line)
    if held is not None and (full := take(*held)) is not None:
        yield full
    if (full := finish()) is not None:
        yield full

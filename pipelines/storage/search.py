"""Full-text search: SQLite FTS5 (articles_fts) or PostgreSQL tsvector (articles.search), ranked,
with snippets and the same filters as the export.

Query syntax, the same on both backends (PostgreSQL's websearch_to_tsquery reads it natively; for
FTS5 it is translated): words (all must occur), "quoted phrases", OR between alternatives, -word to
exclude. Nothing else is special, so user input never makes a syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.engine import Engine

from pipelines.storage.queries import Filters, articles, records

MARK = ("**", "**")  # around matched words in snippets
SNIPPET_WORDS = 24
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
fts = table("articles_fts", column("rowid"))


class SearchError(ValueError):
    pass


def fts5_query(query: str) -> str:
    """The query in FTS5 syntax: every term a quoted string, so punctuation is never an operator."""
    include, exclude = [], []
    for m in _TERM.finditer(query):
        negate, phrase = (m.group(1), m.group(2)) if m.group(2) is not None else (m.group(3), m.group(4))
        if not negate and phrase == "OR":
            if include and include[-1] != "OR":
                include.append("OR")
            continue
        if not phrase.strip():
            continue
        quoted = '"' + phrase.replace('"', '""') + '"'
        (exclude if negate else include).append(quoted)
    while include and include[-1] == "OR":
        include.pop()
    if not include:
        raise SearchError(f"nothing to search for in {query!r}: give at least one word that must occur")
    out = "(" + " ".join(include) + ")"
    return out + "".join(f" NOT {term}" for term in exclude)


def search(engine: Engine, query: str, filters: Filters | None = None, limit: int = 20) -> Iterator[dict]:
    """The best `limit` matches, best first: the export record plus "rank" and "snippet"."""
    with engine.connect() as conn:
        rows = conn.execute(statement(conn.dialect.name, query, filters, limit)).all()
        by_id = {rec["id"]: rec for rec in records(conn, rows)}
    for position, row in enumerate(rows, 1):
        yield {**by_id[row.id], "rank": position, "score": round(float(row.score), 6), "snippet": row.snippet}


def statement(dialect: str, query: str, filters: Filters | None = None, limit: int = 20):
    """The ranked query for this backend ("sqlite" or "postgresql"); bench/scale.py shows its plan."""
    match = fts5_query(query)  # also on PostgreSQL: the same queries are refused on both
    clauses = (filters or Filters()).clauses()
    return _sqlite(match, clauses, limit) if dialect == "sqlite" else _postgresql(query, clauses, limit)


def _sqlite(match: str, clauses: list, limit: int):
    matching = text("articles_fts MATCH :match").bindparams(match=match)
    # bm25: lower is better; title weighs most, then description, then teaser and body. Ranked on
    # the index alone (articles joined only when a filter needs them), then the page of hits gets
    # its rows and snippets: neither is computed for every match.
    score = func.bm25(literal_column("articles_fts"), 10.0, 4.0, 1.0, 1.0)
    ranked = select(fts.c.rowid.label("id"), score.label("score")).select_from(fts).where(matching)
    if clauses:
        ranked = ranked.join(articles, articles.c.id == fts.c.rowid).where(*clauses)
    top = ranked.order_by(score, fts.c.rowid).limit(limit).subquery()
    # A scalar subquery per hit: FTS5 finds (MATCH, rowid) directly, and the plan is driven by the hits.
    snippet = (select(func.snippet(literal_column("articles_fts"), -1, MARK[0], MARK[1], "…", SNIPPET_WORDS))
               .select_from(fts).where(matching, fts.c.rowid == top.c.id).scalar_subquery())
    return (select(articles, top.c.score, snippet.label("snippet"))
            .select_from(top.join(articles, articles.c.id == top.c.id)).order_by(top.c.score, top.c.id))


def _postgresql(query: str, clauses: list, limit: int):
    tsquery = func.websearch_to_tsquery(literal_column("'simple'::regconfig"), query)
    search_column = literal_column("articles.search")
    score = func.ts_rank_cd(search_column, tsquery)
    best = (select(articles, score.label("score"))
            .where(search_column.op("@@")(tsquery), *clauses)
            .order_by(score.desc(), articles.c.id).limit(limit).subquery())
    # ts_headline reads whole documents: only for the rows shown, after ranking.
    options = f"StartSel={MARK[0]}, StopSel={MARK[1]}, MaxWords={SNIPPET_WORDS}, MinWords=8, ShortWord=2"
    document = func.coalesce(best.c.body, best.c.teaser, best.c.description, best.c.title, "")
    snippet = func.ts_headline(literal_column("'simple'::regconfig"), document, tsquery, options)
    return select(best, snippet.label("snippet")).order_by(best.c.score.desc(), best.c.id)

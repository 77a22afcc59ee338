"""Full-text search (SQLite FTS5 kept in step by triggers; PostgreSQL tsvector + GIN) and articles_view.

Revision ID: 0003_search
Revises: 0002_modified_description

SQLite: articles_fts is an external-content FTS5 table over articles (content="articles", the form
Datasette detects for ?_search=); triggers keep it in step with every insert, update and delete.
PostgreSQL: articles.search is a generated tsvector column (title weighted A, description B, body or
teaser C) with a GIN index. Both use language-neutral tokenizing (no stemming): the articles come in
many languages.

articles_view folds authors and categories ("; "-separated, in byline order) into one row per
article, for people browsing with sqlite3, psql or Datasette.

A later revision that rebuilds the articles table (SQLite batch mode) drops these triggers with it
and must create them again.
"""

from alembic import op

revision = "0003_search"
down_revision = "0002_modified_description"
branch_labels = None
depends_on = None

FTS_COLUMNS = "title, description, teaser, body"


def _names(link: str, table: str, fk: str, aggregate: str) -> str:
    return (f"(SELECT {aggregate} FROM {link} l JOIN {table} n ON n.id = l.{fk} "
            f"WHERE l.article_id = a.id)")


def _view(authors: str, categories: str) -> str:
    return f"""CREATE VIEW articles_view AS
SELECT a.id, a.url, a.site, a.status, a.title, a.published_at, a.published_precision,
       {authors} AS authors, a.outlet, a.byline, {categories} AS categories,
       a.dateline, a.language, a.description, a.teaser, a.body, a.modified_at,
       a.first_seen, a.last_seen, a.first_run_id, a.last_run_id
FROM articles a"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        new = ", ".join(f"new.{c}" for c in FTS_COLUMNS.split(", "))
        old = ", ".join(f"old.{c}" for c in FTS_COLUMNS.split(", "))
        op.execute(f"""CREATE VIRTUAL TABLE articles_fts USING fts5({FTS_COLUMNS},
            content="articles", content_rowid="id", tokenize="unicode61 remove_diacritics 2")""")
        op.execute(f"""CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END""")
        op.execute(f"""CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {FTS_COLUMNS}) VALUES ('delete', old.id, {old}); END""")
        # Only when indexed text changes: the many updates of last_seen alone leave the index be.
        op.execute(f"""CREATE TRIGGER articles_fts_update AFTER UPDATE OF {FTS_COLUMNS} ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, {FTS_COLUMNS}) VALUES ('delete', old.id, {old});
            INSERT INTO articles_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END""")
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        # group_concat keeps the order of an ordered subquery (SQLite 3.40 has no ORDER BY inside it).
        ordered = ("(SELECT group_concat(name, '; ') FROM (SELECT n.name FROM {link} l JOIN {table} n "
                   "ON n.id = l.{fk} WHERE l.article_id = a.id ORDER BY l.position))")
        op.execute(_view(ordered.format(link="article_authors", table="authors", fk="author_id"),
                         ordered.format(link="article_categories", table="categories", fk="category_id")))
    else:
        op.execute("""ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(description, '')), 'B') ||
            setweight(to_tsvector('simple', coalesce(body, teaser, '')), 'C')) STORED""")
        op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")
        agg = "string_agg(n.name, '; ' ORDER BY l.position)"
        op.execute(_view(_names("article_authors", "authors", "author_id", agg),
                         _names("article_categories", "categories", "category_id", agg)))


def downgrade() -> None:
    op.execute("DROP VIEW articles_view")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER articles_fts_{trigger}")
        op.execute("DROP TABLE articles_fts")
    else:
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")

"""articles.fetched_at and pages.failures: what a page's fetches have shown over time.

- articles.fetched_at: when the page that gave the stored body was fetched. A page fetched again
  replaces the stored body; without this a re-import of an old WARC (or an old saved page) after
  a newer crawl brought the old text back.
- pages.failures: failed fetches of a page in a row. A page that keeps failing (a 5xx every run)
  is given up after NEWSCRAWL_MAX_FAILURES instead of being tried by every run for ever.

Revision ID: 0005_fetch_history
Revises: 0004_pages
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_fetch_history"
down_revision = "0004_pages"
branch_labels = None
depends_on = None

NEW = (("articles", sa.Column("fetched_at", sa.DateTime(timezone=True))),
       ("pages", sa.Column("failures", sa.Integer)))


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table, column in NEW:
        if column.name in {c["name"] for c in inspector.get_columns(table)}:
            continue  # made by create_all before migrations owned the schema (development databases)
        op.add_column(table, column)


def downgrade() -> None:
    # Plain DROP COLUMN, as in 0002: a batch copy of articles would cascade-delete its links.
    for table, column in NEW:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")

"""articles.fetched_at: when the page that gave the stored body was fetched.

A page fetched again replaces the stored body; without this a re-import of an old WARC (or an old
saved page) after a newer crawl brought the old text back.

Revision ID: 0005_fetched_at
Revises: 0004_pages
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_fetched_at"
down_revision = "0004_pages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "fetched_at" in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("articles")}:
        return  # made by create_all before migrations owned the schema (development databases)
    op.add_column("articles", sa.Column("fetched_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    # Plain DROP COLUMN, as in 0002: a batch copy of articles would cascade-delete its links.
    op.execute("ALTER TABLE articles DROP COLUMN fetched_at")

"""The crawl's fetch log: pages (pipelines/storage/pages.py), one row per URL fetched or found.

Revision ID: 0004_pages
Revises: 0003_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_pages"
down_revision = "0003_search"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("pages"):
        return  # made by create_all before migrations owned the schema (development databases)
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.String(40)),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("lastmod", Stamp),
        sa.Column("next_url", sa.Text),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("fetched_at", Stamp),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    )
    op.create_index("ix_pages_host", "pages", ["host"])


def downgrade() -> None:
    op.drop_table("pages")

"""Baseline: the first released schema (commit 2bea067), frozen here as it was.

Revision ID: 0001_baseline
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", Stamp, nullable=False),
        sa.Column("finished_at", Stamp),
        sa.Column("args", sa.JSON),
        sa.Column("stats", sa.JSON),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("fingerprint", sa.String(32)),
        sa.Column("dedupe_key", sa.String(32)),
        sa.Column("site", sa.String(100)),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("teaser", sa.Text),
        sa.Column("body", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("role", sa.Text),
        sa.Column("column_name", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("published_at", Stamp),
        sa.Column("published_precision", sa.String(8)),
        sa.Column("published_raw", sa.Text),
        sa.Column("published_origin", sa.String(16)),
        sa.Column("first_seen", Stamp, nullable=False),
        sa.Column("last_seen", Stamp, nullable=False),
        sa.Column("first_run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("last_run_id", sa.Integer, sa.ForeignKey("runs.id")),
    )
    for column in ("fingerprint", "dedupe_key", "site", "status", "published_at"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_index("uq_articles_fingerprint", "articles", ["fingerprint"], unique=True,
                    sqlite_where=sa.text("url IS NULL"), postgresql_where=sa.text("url IS NULL"))

    for names, link, fk in (("authors", "article_authors", "author_id"),
                            ("categories", "article_categories", "category_id")):
        op.create_table(
            names,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("key", sa.Text, nullable=False, unique=True),
        )
        op.create_table(
            link,
            sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("position", sa.Integer, primary_key=True),
            sa.Column(fk, sa.Integer, sa.ForeignKey(f"{names}.id"), nullable=False),
        )
        op.create_index(f"ix_{link}_{fk}", link, [fk])

    op.create_table(
        "sightings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("first_run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("last_run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("first_seen", Stamp, nullable=False),
        sa.Column("last_seen", Stamp, nullable=False),
        sa.UniqueConstraint("article_id", "source", "kind"),
    )


def downgrade() -> None:
    for name in ("sightings", "article_categories", "categories", "article_authors", "authors", "articles", "runs"):
        op.drop_table(name)

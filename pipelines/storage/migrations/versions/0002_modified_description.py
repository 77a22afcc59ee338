"""articles.modified_at (the page's dateModified) and articles.description (its meta description).

Revision ID: 0002_modified_description
Revises: 0001_baseline
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_modified_description"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("modified_at", sa.DateTime(timezone=True)))
    op.add_column("articles", sa.Column("description", sa.Text))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35): a batch copy-and-move of articles would
    # delete the rows that article_authors etc. cascade from.
    for column in ("description", "modified_at"):
        op.execute(f"ALTER TABLE articles DROP COLUMN {column}")

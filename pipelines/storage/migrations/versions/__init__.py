"""Alembic revisions (a package so setuptools ships them; Alembic skips this file)."""

"""The schema (SQLAlchemy 2.x), the same on SQLite and PostgreSQL. See docs in DESIGN.md."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Stamp = DateTime(timezone=True)  # always UTC; SQLite keeps no offset, readers add it back


class Base(DeclarativeBase):
    pass


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # import | crawl
    status: Mapped[str] = mapped_column(String(16))  # running | finished | failed | interrupted
    started_at: Mapped[datetime] = mapped_column(Stamp)
    finished_at: Mapped[datetime | None] = mapped_column(Stamp)
    args: Mapped[dict | None] = mapped_column(JSON)
    stats: Mapped[dict | None] = mapped_column(JSON)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    # Identity of an article without a URL: hash of its cleaned body (or teaser). Indexed for
    # lookups; unique only among URL-less articles (the partial index below, the upsert target).
    fingerprint: Mapped[str | None] = mapped_column(String(32), index=True)
    # Hash of the first words of the body (or teaser text): where teasers find their bodies.
    dedupe_key: Mapped[str | None] = mapped_column(String(32), index=True)
    site: Mapped[str | None] = mapped_column(String(100), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), index=True)  # full | teaser
    teaser: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)  # "correspondent", "staff writer"
    column_name: Mapped[str | None] = mapped_column(Text)  # a named column ("Heyin") in the byline
    dateline: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    published_at: Mapped[datetime | None] = mapped_column(Stamp, index=True)
    published_precision: Mapped[str | None] = mapped_column(String(8))
    published_raw: Mapped[str | None] = mapped_column(Text)
    published_origin: Mapped[str | None] = mapped_column(String(16))
    modified_at: Mapped[datetime | None] = mapped_column(Stamp)  # the page's dateModified
    description: Mapped[str | None] = mapped_column(Text)  # the page's own summary (meta description)
    # When the page that gave the stored body was fetched (crawl time, WARC-Date, file time): an
    # older copy of the same page never replaces a newer body.
    fetched_at: Mapped[datetime | None] = mapped_column(Stamp)
    first_seen: Mapped[datetime] = mapped_column(Stamp)
    last_seen: Mapped[datetime] = mapped_column(Stamp)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))

    __table_args__ = (
        Index("uq_articles_fingerprint", "fingerprint", unique=True,
              sqlite_where=text("url IS NULL"), postgresql_where=text("url IS NULL")),
    )


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)  # case- and accent-folded name


class ArticleAuthor(Base):
    __tablename__ = "article_authors"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)


class ArticleCategory(Base):
    __tablename__ = "article_categories"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)


class Sighting(Base):
    """Every input that contributed to an article: nothing seen is lost."""

    __tablename__ = "sightings"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(Text)  # URL, or file path with line/record
    kind: Mapped[str] = mapped_column(String(8))  # full | teaser
    first_run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    last_run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    first_seen: Mapped[datetime] = mapped_column(Stamp)
    last_seen: Mapped[datetime] = mapped_column(Stamp)

    __table_args__ = (UniqueConstraint("article_id", "source", "kind"),)


articles = Article.__table__
authors = Author.__table__
article_authors = ArticleAuthor.__table__
categories = Category.__table__
article_categories = ArticleCategory.__table__
sightings = Sighting.__table__
runs = Run.__table__

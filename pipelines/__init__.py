"""Cleaning pipelines shared by crawls and imports.

The pure modules here (text, lead, clean, bylines, dates, dedupe) import neither Scrapy nor
SQLAlchemy; the Scrapy shells live in `pipelines.steps` and the database in `pipelines.storage`.
"""

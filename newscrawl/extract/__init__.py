"""Pure HTML -> fields extraction (no Scrapy, no SQLAlchemy): articles, listings, pages."""

from newscrawl.extract.article import Extracted, extract_article
from newscrawl.extract.listing import Teaser, extract_teasers
from newscrawl.extract.page import Page, page_items

__all__ = ["Extracted", "extract_article", "Teaser", "extract_teasers", "Page", "page_items"]

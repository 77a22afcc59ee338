"""Scrapy spiders (the generic news spider arrives with the crawl work)."""

"""The crawl benchmark's baseline: fetch a list of URLs with Scrapy and do nothing with them.

    scrapy runspider bench/bare_spider.py -a urls_file=FILE

FILE holds one URL a line: the requests a `news` crawl of the same site made, in its order, so
both runs fetch the same pages. No parsing, no items, no redirects or retries (the list already
holds each hop and each retry as the crawl made them).
"""

from __future__ import annotations

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {
        "ROBOTSTXT_OBEY": False,  # the list holds robots.txt itself and only allowed URLs
        "RETRY_ENABLED": False,
        "REDIRECT_ENABLED": False,
        "COOKIES_ENABLED": False,
        "HTTPERROR_ALLOW_ALL": True,
        "ITEM_PIPELINES": {},
    }

    def __init__(self, urls_file: str, **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls_file

    async def start(self):
        with open(self.urls_file, encoding="utf-8") as f:
            for line in f:
                if url := line.strip():
                    yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None

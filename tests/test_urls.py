"""Article URLs in one form, so a listing's link and the page's canonical URL meet."""

import pytest

from pipelines.urls import canonical_url, page_key, scheme_variants


@pytest.mark.parametrize("found, kept", [
    ("HTTPS://Example.ORG:443/2024/05/story/?utm_source=rss&utm_medium=feed#comments",
     "https://example.org/2024/05/story/"),
    ("http://example.org", "http://example.org/"),
    ("https://example.org/story?id=42&fbclid=abc&gclid=x", "https://example.org/story?id=42"),
    ("https://example.org:8443/p?page=2", "https://example.org:8443/p?page=2"),
    ("http://127.0.0.1:8000/2023/10/07/a/", "http://127.0.0.1:8000/2023/10/07/a/"),
    ("file:///tmp/page.html", "file:///tmp/page.html"),  # not a web URL: as found
    ("  https://example.org/a b  ", "https://example.org/a b"),
    ("", None),
    (None, None),
])
def test_canonical_url(found, kept):
    assert canonical_url(found) == kept


def test_malformed_url_is_kept_as_found():
    assert canonical_url("http://[broken/path") == "http://[broken/path"


def test_one_page_under_both_schemes():
    assert page_key("http://example.org/a/") == page_key("https://example.org/a/")
    assert page_key("https://example.org/a/") != page_key("https://example.org/b/")
    assert scheme_variants("https://example.org/a/") == ("http://example.org/a/", "https://example.org/a/")
    assert scheme_variants("file:///x") == ("file:///x",)

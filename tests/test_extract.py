"""Extraction on small handmade pages: structured data first, then meta, then the page's elements."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from newscrawl.extract import extract_article, extract_teasers, page_items
from newscrawl.extract.page import listing_teasers

PAGES = Path(__file__).parent / "fixtures" / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_jsonld_graph_gives_headline_people_dates_sections():
    got = extract_article(page("article_graph.html"), "https://gazette.example/some/page")
    assert got.is_article
    # Canonical link resolved against the page URL, not the URL we were given.
    assert got.url == "https://gazette.example/news/2024/03/05/harbour-bridge-reopens"
    assert got.title == "Harbour bridge reopens after repairs"  # JSON-LD headline, no "| site" suffix
    # The @id reference is followed; the Organization author is an outlet, not a person.
    assert got.authors_raw == ["Jane Doe", "John Roe"]
    assert (got.date_raw, got.date_origin) == ("2024-03-05T09:30:00+01:00", "jsonld")
    assert got.modified_raw == "2024-03-06T10:00:00+01:00"
    assert got.categories == ["Local", "Transport"]
    assert got.language == "en"
    assert got.description == "The bridge was closed for six months."


def test_body_is_paragraphs_without_headline_caption_or_comments():
    got = extract_article(page("article_graph.html"), "https://gazette.example/x")
    paragraphs = got.text.split("\n\n")
    assert paragraphs[0].startswith("The harbour bridge reopened")
    assert len(paragraphs) == 3
    assert "First!" not in got.text and "Photo: Max Lens" not in got.text


def _headed(first_line: str) -> str:
    story = "<p>" + "Der Präsident will den Rasen vor dem Haus umbauen lassen, sagte ein Sprecher. " * 4 + "</p>"
    return f"""<html><head><meta property="og:title" content="Trump plant Helikopterlandeplatz"></head>
    <body><article><p>{first_line}</p>{story * 3}</article></body></html>"""


def test_a_headline_run_together_with_its_kicker_is_not_the_first_paragraph():
    kicked = extract_article(_headed('<span class="kicker">Umbau des Weissen Hauses</span>'
                                     " Trump plant Helikopterlandeplatz"), "https://zeitung.example/a-100.html")
    assert kicked.text.startswith("Der Präsident will")
    # A sentence of the story that happens to end with the headline's words is longer: it stays.
    told = extract_article(_headed("Nach Wochen des Streits im Kongress und vielen Gesprächen mit dem Stab:"
                                   " Trump plant Helikopterlandeplatz"), "https://zeitung.example/a-100.html")
    assert told.text.startswith("Nach Wochen des Streits")


def test_the_byline_line_an_extractor_keeps_is_not_story_text():
    story = "<p>" + "Wladimir Putin warnt vor einer angeblichen Zerschlagung Russlands, sagte er. " * 4 + "</p>"
    html = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
      "headline": "Warum Putin warnt", "author": {{"@type": "Person", "name": "Manuela Conrad"}}}}</script>
    </head><body><article><p>von Manuela Conrad</p>{story}<p>Olaf Scholz</p>{story * 2}</article></body></html>"""
    got = extract_article(html, "https://heute.example/putin-100.html")
    assert got.text.startswith("Wladimir Putin warnt")
    # A short line naming someone who is not an author is the story's (a speaker, a subheading).
    assert "\n\nOlaf Scholz\n\n" in got.text


def test_the_date_line_an_extractor_keeps_is_not_story_text():
    story = "<p>" + "Ambrosia breitet sich in deutschen Gärten aus und kann Allergien auslösen. " * 4 + "</p>"
    html = f"""<html><head><meta property="og:title" content="Ambrosia im Garten"></head><body><article>
    <p>Stand: 26.04.2024, 20:44 Uhr</p>{story}<p>Am 26.04.2024 stimmte der Rat ab.</p>{story * 2}
    </article></body></html>"""
    got = extract_article(html, "https://zeitung.example/ambrosia-100.html")
    assert got.text.startswith("Ambrosia breitet sich")
    # A sentence that gives a date is the story's, short as it may be.
    assert "\n\nAm 26.04.2024 stimmte der Rat ab.\n\n" in got.text


def test_byline_from_rel_author_links_not_from_related_or_comments():
    got = extract_article(page("article_graph.html"), "https://gazette.example/x")
    assert "Jane Doe" in got.byline_raw and "John Roe" in got.byline_raw
    assert "Troll" not in got.byline_raw and "Someone Else" not in got.byline_raw


def test_page_without_structured_data_uses_og_url_byline_and_date_elements():
    got = extract_article(page("article_plain.html"), "https://valley.example/?p=12")
    assert got.url == "https://valley.example/politics/council-budget"
    assert got.title == "Council votes on new budget"
    assert got.authors_raw == []
    assert got.byline_raw == "By MARIA GARCIA, Valley Times Staff"
    # The sidebar's date belongs to another story; the article's own date element wins.
    assert (got.date_raw, got.date_origin) == ("March 3, 2021", "byline")
    assert "Pat Shutter" not in got.text
    assert got.is_article


def test_date_from_url_is_the_last_resort():
    html = "<html><body><h1>T</h1><p>" + "word " * 120 + "</p></body></html>"
    got = extract_article(html, "https://x.example/2022/11/30/some-story/")
    assert (got.date_raw, got.date_origin) == ("2022-11-30", "url")


def test_a_date_in_the_prose_is_not_a_publication_date():
    html = "<html><body><h1>T</h1><p>On 4 July 1976 the nation turned 200. " + "word " * 120 + "</p></body></html>"
    got = extract_article(html, "https://x.example/story")
    assert got.date_raw is None and got.date_origin is None


def test_selectors_win_over_generic_rules():
    selectors = {"title": "div.main h1", "byline": "p.photo-credit", "date": "span.date::text",
                 "body": "div.story-body p"}
    got = extract_article(page("article_plain.html"), "https://valley.example/x", selectors=selectors)
    assert got.byline_raw == "Photo by Pat Shutter"
    assert got.text.startswith("The city council voted") and got.text.count("\n\n") == 2


def test_listing_teasers_keep_categories_apart_from_byline():
    teasers = extract_teasers(page("listing_wp.html"), "https://daily.example/category/tec-world/")
    assert [t.url for t in teasers] == ["https://daily.example/2024/05/17/chips-export/",
                                        "https://daily.example/2024/05/16/rail-line/"]
    first, second = teasers
    assert first.title == "Chip exports rise again"
    assert first.byline_raw == "By Cui Yan"  # not "Tec WorldBy Cui Yan"
    assert first.categories == ["Tec World"]
    assert second.categories == ["China", "Transport"]
    assert first.date_raw == "2024-05-17T08:00:00+08:00"
    assert first.text.endswith("[…]") and first.text.startswith("Exports of chips")


def test_listing_entries_match_whole_class_words_in_page_order():
    html = """<html><body>
    <div class="posts-list">
      <div class="card hentry"><h2><a href="/a">First story</a></h2><p>One.</p></div>
      <section class="story featured"><h3><a href="/b">Second story</a></h3><p>Two.</p></section>
      <div class="postscript"><h2><a href="/c">Not an entry</a></h2><p>Three.</p></div>
      <article><div class="post"><h2><a href="/d">Fourth story</a></h2><p>Four.</p></div></article>
    </div></body></html>"""
    teasers = extract_teasers(html, "https://daily.example/")
    # "posts-list" and "postscript" hold the word "post" only as part of a longer class name.
    assert [t.url for t in teasers] == ["https://daily.example/a", "https://daily.example/b",
                                        "https://daily.example/d"]


def test_page_items_article_gives_one_full_item():
    fetched = datetime(2024, 3, 6, tzinfo=timezone.utc)
    got = page_items(page("article_graph.html"), "https://gazette.example/x", source="test:1",
                     site="gazette", fetched_at=fetched)
    assert got.kind == "article" and got.reason is None
    [item] = got.items
    assert item.kind == "full"
    assert item.url == got.url == "https://gazette.example/news/2024/03/05/harbour-bridge-reopens"
    assert item.authors_raw == ["Jane Doe", "John Roe"]
    assert item.published_origin == "jsonld" and item.modified_raw.startswith("2024-03-06")
    assert (item.site, item.source, item.fetched_at, item.language) == ("gazette", "test:1", fetched, "en")
    assert item.text.startswith("The harbour bridge")


def test_page_items_listing_gives_teasers():
    got = page_items(page("listing_wp.html"), "https://daily.example/category/tec-world/", source="s")
    assert got.kind == "listing"
    assert [i.kind for i in got.items] == ["teaser", "teaser"]
    assert got.items[1].byline_raw == "By Li Wei and Zhang Min"
    assert got.items[0].language == "en"


def test_a_declared_article_is_not_searched_for_entries_until_asked():
    # The last page of a category, one entry long, in a theme that marks every page og:type
    # article: an article to page_items, a listing to a crawl that reached it as one.
    entry = ('<article class="post"><h2><a href="/2024/05/ferry">Ferry timetable changes</a></h2>'
             '<p>The ferry to the islands runs twice a day from June.</p></article>')
    html = ('<html><head><meta property="og:type" content="article"><title>Culture</title></head><body>'
            f'<h1>Culture</h1>{entry}<p>{"The newsroom reports on the city every day. " * 20}</p></body></html>')
    got = page_items(html, "https://daily.example/category/culture/page/6/", source="s")
    assert got.kind == "article" and got.teasers is None
    [teaser] = listing_teasers(got, "https://daily.example/category/culture/page/6/")
    assert (teaser.url, teaser.title) == ("https://daily.example/2024/05/ferry", "Ferry timetable changes")
    assert got.teasers == [teaser]  # asked once: kept on the page


@pytest.mark.parametrize("html", ["", "   ", page("not_article.html")])
def test_page_items_other_has_a_reason(html):
    got = page_items(html, "https://x.example/kontakt", source="s")
    assert got.kind == "other" and got.items == [] and got.reason

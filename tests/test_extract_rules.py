"""The general rules behind extraction, each on the smallest page that shows it."""

import json

from newscrawl.extract import extract_article, page_items
from newscrawl.extract.body import keep_structured
from newscrawl.extract.dom import parse_html
from newscrawl.extract.elements import byline_text
from pipelines.text import text_size

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} tells the story of the harbour, the bridge and the town council vote on repairs.</p>"
    for i in range(6)
)


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_headline_is_the_h1_a_meta_title_vouches_for():
    html = page('<title>Bridge reopens - The Gazette</title><meta property="og:site_name" content="The Gazette">',
                '<h1>The Gazette</h1><article><h1>Bridge reopens</h1>' + PARAGRAPHS + '</article>')
    # The logo <h1> is not the headline; the one <title> names (with the site cut off) is.
    assert extract_article(html, "https://g.example/a").title == "Bridge reopens"


def test_meta_title_loses_its_site_suffix_when_no_heading_matches():
    html = page("<title>Council votes on budget | Valley Times</title>", PARAGRAPHS)
    assert extract_article(html, "https://v.example/a").title == "Council votes on budget"


def test_unparseable_date_gives_way_to_the_next_candidate():
    html = page('<meta property="article:published_time" content="TBD">',
                '<h1>T</h1><span class="date">Published 5 min read</span>'
                '<time datetime="2021-03-04T10:00:00Z">4 March</time>' + PARAGRAPHS)
    got = extract_article(html, "https://x.example/a")
    assert (got.date_raw, got.date_origin) == ("2021-03-04T10:00:00Z", "time")


def test_date_span_is_cut_out_of_a_labelled_line_and_times_alone_are_skipped():
    html = page("", '<h1>T</h1><div class="post-time">16:20</div>'
                    '<div class="dateline">04. November 2021 | PAID CONTENT</div>' + PARAGRAPHS)
    got = extract_article(html, "https://x.example/a")
    assert got.date_raw == "04. November 2021"


def test_date_next_to_the_byline_in_unnamed_elements():
    html = page("", '<h1>T</h1><div><span class="author-name">By Jane Doe</span>'
                    '<div class="x1y2">December 16, 2016, 4:19 PM</div></div>' + PARAGRAPHS)
    got = extract_article(html, "https://x.example/a")
    assert (got.date_raw, got.date_origin) == ("December 16, 2016, 4:19 PM", "byline")


def test_date_from_the_fetched_url_when_the_canonical_one_has_none():
    html = page('<link rel="canonical" href="https://x.example/story-id-1">', "<h1>T</h1>" + PARAGRAPHS)
    got = extract_article(html, "https://x.example/2016/12/15/story/")
    assert (got.date_raw, got.date_origin) == ("2016-12-15", "url")


def test_modifier_classes_do_not_make_the_article_foreign():
    html = page("", '<div class="layout has-sidebar"><div class="post category-newsletter">'
                    '<p class="byline">By Ann Lee</p><time datetime="2022-02-01">1 Feb</time>'
                    + PARAGRAPHS + "</div></div>"
                    '<aside class="sidebar"><span class="author">Other Person</span></aside>')
    got = extract_article(html, "https://x.example/a")
    assert got.byline_raw == "By Ann Lee" and got.date_raw == "2022-02-01"


def test_script_text_never_reaches_the_byline():
    html = page("", '<h1>T</h1><div class="author-box"><script>window.x.loadSprite("a.svg");</script>'
                    "<span>Kim Berg</span></div>" + PARAGRAPHS)
    assert extract_article(html, "https://x.example/a").byline_raw == "Kim Berg"


def test_names_in_separate_elements_stay_apart():
    el = parse_html('<div class="byline"><a>Birgit Baumann</a><a>Anna Fink</a> and <a>Jan Marchart</a></div>')
    assert byline_text(el.find(".//div")) == "Birgit Baumann, Anna Fink and Jan Marchart"


def test_author_profile_links_are_a_byline_when_nothing_else_is():
    html = page("", '<h1>T</h1><p><a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>' + PARAGRAPHS)
    assert extract_article(html, "https://lto.example/a").byline_raw == "Dr. Max Kolter"


def test_the_site_itself_is_no_structured_author():
    ld = {"@type": "NewsArticle", "headline": "H", "author": [{"@type": "Person", "name": "Salzburger Nachrichten"},
                                                            {"@type": "Person", "name": "Eva Maier"}],
          "publisher": {"@type": "Organization", "name": "Salzburger Nachrichten"}}
    html = page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'
                '<meta name="author" content="sn.at">', PARAGRAPHS)
    assert extract_article(html, "https://www.sn.at/a").authors_raw == ["Eva Maier"]


def test_body_keeps_the_paragraphs_the_publishers_article_body_has():
    text = ("The council approved the budget on Monday night after a long debate.\n\n"
            "Read also: ten things to do this weekend in the valley and beyond\n\n"
            "The vote was seven to two, with both opponents citing tax projections.")
    structured = ("The council approved the budget on Monday night after a long debate. "
                  "The vote was seven to two, with both opponents citing tax projections.")
    assert keep_structured(text, structured) == (
        "The council approved the budget on Monday night after a long debate.\n\n"
        "The vote was seven to two, with both opponents citing tax projections.")
    # A structured body about something else (a teaser, a cut-off) leaves the text alone.
    assert keep_structured(text, "Completely different words here for a summary only.") == text


def test_placeholder_paragraphs_are_left_out_of_the_body():
    html = page("", "<article><h1>T</h1>" + PARAGRAPHS +
                "<p>Lorem ipsum is simply dummy text of the printing industry.</p></article>")
    got = extract_article(html, "https://x.example/a")
    assert "Lorem" not in got.text and got.text.startswith("Paragraph 0")


def test_cjk_text_counts_as_more_than_its_characters():
    assert text_size("東京" * 100) == 600 and text_size("ab") == 2


def test_related_entries_with_excerpts_do_not_make_an_article_a_listing():
    related = "".join(
        f'<article><h3><a href="/other-{i}">Other story number {i}</a></h3><p>Short excerpt {i} […]</p></article>'
        for i in range(3))
    html = page("", "<main><h1>Main story</h1>" + PARAGRAPHS * 2 + "</main>" + related)
    got = page_items(html, "https://x.example/main-story", source="s")
    assert got.kind == "article" and got.items[0].title == "Main story"


def test_a_japanese_story_beside_related_entries_is_an_article_by_its_latin_script_size():
    related = "".join(
        f'<article><h3><a href="/other-{i}">別の記事その{i}の見出し</a></h3><p>別の記事その{i}の抜粋です。続きはこちらから […]</p></article>'
        for i in range(3))
    story = "".join(f"<p>{'気象庁は十三日夜、日向灘で震度五弱の地震があったと発表した。' * 2}</p>" for _ in range(3))
    html = page("", "<main><h1>日向灘で震度五弱の地震</h1>" + story + "</main>" + related)
    got = page_items(html, "https://x.example/main-story", source="s")
    assert len(got.items[0].text) < 400 and got.kind == "article"


def test_a_modified_date_alone_is_no_publication_date():
    html = page('<meta property="article:modified_time" content="2025-07-15T08:00:00+00:00">',
                "<h1>T</h1>" + PARAGRAPHS)
    got = extract_article(html, "https://x.example/news/story/")
    assert got.modified_raw == "2025-07-15T08:00:00+00:00"
    assert (got.date_raw, got.date_origin) == (None, None)

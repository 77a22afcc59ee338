"""JSON-LD shapes publishers really use: lists, @graph, references, broken JSON, weak types."""

import json

from newscrawl.extract.dom import parse_html
from newscrawl.extract.jsonld import read_jsonld


def ld(*blocks: str):
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return read_jsonld(parse_html(f"<html><head>{scripts}</head><body><p>x</p></body></html>"))


def test_top_level_list_and_string_author():
    got = ld(json.dumps([{"@type": "BreadcrumbList"}, {"@type": "NewsArticle", "headline": "H", "author": "Ann Lee"}]))
    assert got.headline == "H" and got.authors == ["Ann Lee"]


def test_broken_block_is_skipped_and_control_characters_tolerated():
    got = ld("{not json", '{"@type": "Article", "headline": "Line\nbreak", "datePublished": "2020-01-02"}')
    assert got.headline == "Line break" and got.published == "2020-01-02"


def test_a_stray_closing_brace_after_the_object_does_not_cost_it():
    article = json.dumps({"@type": "NewsArticle", "headline": "H", "datePublished": "2020-10-26T18:10:00+01:00"})
    assert ld(article + "\n    }\n").published == "2020-10-26T18:10:00+01:00"
    assert ld(article + ' {"@type": "Person"}').headline == "H"


def test_what_javascript_accepts_and_json_does_not_is_repaired():
    got = ld("""{"@type": "NewsArticle", //"Person",
        "headline": "H", "url": "https://x.example/a",
        "description": 'Oil prices fell "sharply"',
        "articleSection": ["Smart News", ],
        //"interactionCount": "",
        "datePublished": "2019-11-18T16:06:51-05:00",
    }""")
    assert (got.headline, got.url, got.description, got.sections, got.published) == (
        "H", "https://x.example/a", 'Oil prices fell "sharply"', ["Smart News"], "2019-11-18T16:06:51-05:00")


def test_html_escaped_values_are_read_as_text():
    got = ld(json.dumps({"@type": "NewsArticle", "headline": "Volkswagen&#039;s Skoda",
                         "description": "K&amp;uuml;hlt&amp;uuml;rme: &lt;a href=&quot;/p&quot;&gt;Dr. Gupta&lt;/a&gt; reports"}))
    assert got.headline == "Volkswagen's Skoda"
    assert got.description == "Kühltürme: Dr. Gupta reports"


def test_strong_type_beats_embedded_video_and_org_author_is_dropped():
    video = {"@type": "VideoObject", "name": "Clip", "uploadDate": "2019-01-01"}
    article = {"@type": "ReportageNewsArticle", "headline": "Story",
               "author": [{"@type": "NewsMediaOrganization", "name": "Outlet"}, {"@type": "Person", "name": "Bo Ek"}]}
    got = ld(json.dumps(video), json.dumps(article))
    assert got.headline == "Story" and got.authors == ["Bo Ek"] and got.is_article


def test_main_entity_of_webpage_and_profile_url_is_no_name():
    page = {"@type": "WebPage", "mainEntity": {"@type": "BlogPosting", "headline": "Post",
                                               "author": ["https://x.example/u/1", {"name": "Cy Ng"}],
                                               "mainEntityOfPage": {"@id": "https://x.example/post"}}}
    got = ld(json.dumps(page))
    assert got.headline == "Post" and got.authors == ["Cy Ng"] and got.url == "https://x.example/post"


def test_no_article_object_means_none():
    assert ld(json.dumps({"@type": "Organization", "name": "O"})) is None
    assert read_jsonld(parse_html("<html><body><p>x</p></body></html>")) is None


def test_creator_names_the_reporter_when_the_author_is_the_outlet():
    article = {"@type": "NewsArticle", "headline": "H", "creator": ["Yosuke Watanabe"],
               "author": {"@type": "Organization", "name": "Asahi Digital"}}
    assert ld(json.dumps(article)).authors == ["Yosuke Watanabe"]
    article["author"] = {"@type": "Person", "name": "Ann Lee"}
    assert ld(json.dumps(article)).authors == ["Ann Lee"]

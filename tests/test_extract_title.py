"""find_title: the visible headline, in the form the page's meta titles vouch for."""

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.title import strip_site

BODY = "".join(f"<p>Paragraph {i} of the story about the harbour, the bridge and the council.</p>" for i in range(6))


def title(head: str, body: str, url: str = "https://news.example/a") -> str | None:
    return extract_article(f"<html><head>{head}</head><body>{body}{BODY}</body></html>", url).title


def og(text: str) -> str:
    return f'<meta property="og:title" content="{text}">'


def test_breadcrumb_h1_with_the_seo_title_gives_way_to_the_visible_h2():
    head = og("Bridge reopens after two years") + '<script type="application/ld+json">' \
        '{"@type": "NewsArticle", "headline": "Harbour bridge open again"}</script>'
    body = ('<nav class="breadcrumb"><h1>Bridge reopens after two years</h1></nav>'
            '<article><header><h2>Harbour bridge open again</h2></header></article>')
    assert title(head, body) == "Harbour bridge open again"
    body = ('<h1 data-breadcrumb-headline="">Bridge reopens after two years</h1>'
            '<article><h2>Harbour bridge open again</h2></article>')
    assert title(head, body) == "Harbour bridge open again"


def test_kicker_and_headline_take_the_form_og_title_gives():
    heading = ('<article><h2><span class="kicker">Traffic</span><span class="visually-hidden">: </span>'
               '<span>Harbour bridge open again</span></h2></article>')
    assert title(og("Harbour bridge open again"), heading) == "Harbour bridge open again"
    assert title(og("Traffic: Harbour bridge open again"), heading) == "Traffic: Harbour bridge open again"
    assert title(og("Traffic / Harbour bridge open again"), heading) == "Traffic / Harbour bridge open again"


def test_heading_text_hidden_from_sight_is_not_the_headline():
    body = '<h1>Bridge reopens<span class="element-invisible"> | Valley Times</span></h1>'
    assert title("<title>Bridge reopens | Valley Times</title>", body) == "Bridge reopens"


def test_logo_heading_linking_to_the_front_page_is_skipped():
    body = ('<h1><a href="https://news.example/"><img alt="Valley Times"></a></h1>'
            '<h1><a href="/">Valley Times</a></h1><h2>Bridge reopens after two years</h2>')
    assert title("<title>Valley Times » Bridge reopens after two years</title>", body) == \
        "Bridge reopens after two years"


def test_alternative_headline_is_not_the_headline():
    body = ('<h1 itemprop="alternativeHeadline">Bridge works</h1>'
            '<h2>Harbour bridge reopens after two years of works</h2>')
    head = og("Harbour bridge reopens after two years of works") + "<title>Bridge works | Valley Times</title>"
    assert title(head, body) == "Harbour bridge reopens after two years of works"


def test_topic_in_the_meta_title_joins_a_heading_without_one():
    assert title(og("Harbour: Bridge open again"), "<h1>Bridge open again</h1>") == "Harbour: Bridge open again"
    # ... unless the "topic" is the site's name
    head = og("Valley Times: Bridge open again") + '<meta property="og:site_name" content="Valley Times">'
    assert title(head, "<h1>Bridge open again</h1>") == "Bridge open again"


def test_h1_wins_over_an_seo_variant_in_the_meta_titles_and_keeps_its_quotes():
    head = og("Lady Gaga Shares Pic of Ex Taylor Kinney With Her Mom")
    body = "<h1>Lady Gaga Shares Photo of Ex Taylor Kinney Hanging With Her Mom and Now We’re Confused</h1>"
    assert title(head, body) == "Lady Gaga Shares Photo of Ex Taylor Kinney Hanging With Her Mom and Now We’re Confused"
    assert title(og("Why Trump won't change | CNN"), "<h1>Why Trump won’t change</h1>") == "Why Trump won’t change"


def test_h1_vouched_by_a_title_with_a_section_or_subtitle_after_it():
    head = "<title>バルセロナ、マンＵに先勝 : スポーツ : 読売新聞オンライン</title>"
    assert title(head, "<h1>バルセロナ、マンＵに先勝</h1>") == "バルセロナ、マンＵに先勝"
    head = "<title>Ben Wilson Surf - Point of Sail - Sail makers, surf and kite shop and repairs in Kiel</title>"
    assert title(head, "<h1>Ben Wilson Surf</h1>") == "Ben Wilson Surf"


def test_the_one_visible_h1_sharing_words_with_the_meta_titles_wins():
    assert title("<title>Joghurt | MinusL</title>", "<h1>Unsere MinusL Joghurts</h1>") == "Unsere MinusL Joghurts"
    # a widget's heading that has nothing to do with the page's og:title does not
    head = og("Bridge reopens after two years")
    assert title(head, '<h1>Sign up for our newsletter</h1>') == "Bridge reopens after two years"
    # nor the tooltip a browser's translator saved into the page
    head = "<title>[News] サクサク軽い打ち心地の薄型キーボードを発売</title>"
    assert title(head, '<div class="skiptranslate"><h1>Original text</h1></div>') == \
        "[News] サクサク軽い打ち心地の薄型キーボードを発売"


def test_the_one_h1_its_url_names_beats_a_site_wide_title():
    head = "<title>Ausflugtipps Niederrhein und Ruhrgebiet</title>"
    url = "https://ruhr.example/essen/essenwestviertel/essenwestviertel.htm"
    assert title(head, "<h1>Essen-Westviertel</h1>", url) == "Essen-Westviertel"
    # not where the URL names neither, or the <title> too: a logo's <h1>
    assert title(head, "<h1>Essen-Westviertel</h1>", "https://ruhr.example/p?id=7") == head[7:-8]
    url = "https://ruhr.example/ausflugtipps/essen-westviertel.htm"
    assert title(head, "<h1>Essen-Westviertel</h1>", url) == head[7:-8]


def test_a_heading_inside_a_link_to_the_front_page_is_the_logo():
    head = "<title>Harbour bridge open again - Entermedia</title>"
    body = '<div id="header"><a href="/"><h1>Enter Media</h1></a></div><h1>Harbour bridge open again</h1>'
    assert title(head, body) == "Harbour bridge open again"
    body = '<div id="header"><a href="/"><h1>Enter Media</h1></a></div>'
    assert title(head, body) == "Harbour bridge open again"


@pytest.mark.parametrize("raw, sites, expected", [
    ("武汉的声音：有英勇的你，才有英雄的城！-新华网", set(), "武汉的声音：有英勇的你，才有英雄的城！"),
    ("这个约会软件，想用你和对方的相似好恶来帮你找对象_智能_好奇心日报", set(), "这个约会软件，想用你和对方的相似好恶来帮你找对象"),
    ("マインドマップ風のツリーを描画できる「Treeviz」:phpspot開発日誌", {"phpspot開発日誌"},
     "マインドマップ風のツリーを描画できる「Treeviz」"),
    ("„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung", {"tageszeitung"}, "„Unermüdlicher Einsatz“"),
    ("mediaarchitecture.de // » Jens Weber", {"mediaarchitecture"}, "Jens Weber"),
    ("Council votes on budget | Valley Times", set(), "Council votes on budget"),
    ("Topic: Council votes on budget", set(), "Topic: Council votes on budget"),
])
def test_strip_site(raw, sites, expected):
    assert strip_site(raw, sites) == expected


def test_site_name_from_the_host_is_cut_from_the_meta_title():
    head = og("„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung")
    assert title(head, "", "https://www.tageszeitung.it/2025/04/01/x/") == "„Unermüdlicher Einsatz“"


def test_h1_with_the_subtitle_after_it_in_the_title_beats_the_subtitle_h2():
    head = "<title>Thinking from the ground up - A novel weaves the local and the global : reviews.example</title>"
    body = "<h1>Thinking from the ground up</h1><h2>A novel weaves the local and the global</h2>"
    assert title(head, body) == "Thinking from the ground up"


def test_markers_far_up_the_tree_or_for_small_screens_only_do_not_hide_the_headline():
    deep = "<div>" * 10 + '<h1 class="hidden-xs">Bridge reopens after two years</h1>' + "</div>" * 10
    html = (f'<html data-breadcrumb="news/city"><head>{og("Harbour bridge news")}</head>'
            f'<body>{deep}{BODY}</body></html>')
    assert extract_article(html, "https://news.example/a").title == "Bridge reopens after two years"


def test_a_site_name_ending_the_headline_without_a_separator_stays():
    assert strip_site("Why everyone reads Spiegel", {"spiegel"}) == "Why everyone reads Spiegel"
    assert strip_site("Why everyone reads it:Spiegel", {"spiegel"}) == "Why everyone reads it"


def test_the_host_name_counts_as_the_site_only_as_whole_words():
    assert strip_site("Zeitumstellung - So stellen Sie die Uhr um | ZEIT ONLINE", {"zeit"}) == \
        "Zeitumstellung - So stellen Sie die Uhr um"
    assert strip_site("Four Years Remaining » Blog Archive » Interning", {"fouryears"}) == "Blog Archive » Interning"

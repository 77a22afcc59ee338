"""Where a page's authors come from: structured data first, then the visible byline, each
through the byline normalizer; never from boxes about other stories or from the site's name."""

import json

from newscrawl.extract import extract_article
from newscrawl.extract.dom import parse_html
from newscrawl.extract.elements import byline, foreign
from pipelines.bylines import parse_byline


def authors(html: str, url: str = "https://news.example/2024/05/story") -> list[str]:
    got = extract_article(html, url)
    if got.authors_raw:
        names = []
        for raw in got.authors_raw:
            names += [n for n in parse_byline(raw, structured=True).authors if n not in names]
        return names
    return list(parse_byline(got.byline_raw).authors)


def doc(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_article_author_meta_beats_the_page_level_author_meta():
    # <meta name="author"> often names the company; article:author names the writer.
    head = '<meta name="author" content="Example Media Group"><meta property="article:author" content="Ann Lee">'
    assert authors(doc(head, "<h1>T</h1>")) == ["Ann Lee"]


def test_author_meta_that_is_a_profile_path_or_the_site_falls_through_to_the_next():
    head = ('<meta property="article:author" content="/@annlee">'
            '<meta name="author" content="Ann Lee">')
    assert authors(doc(head, "<h1>T</h1>")) == ["Ann Lee"]
    head = ('<meta property="article:author" content="jungle.world">'
            '<meta name="author" content="Ann Lee">')
    assert authors(doc(head, "<h1>T</h1>"), "https://jungle.world/artikel/1") == ["Ann Lee"]


def test_site_name_across_the_dot_is_not_an_author():
    head = '<meta name="author" content="Interscenario">'
    assert authors(doc(head, "<h1>T</h1>"), "https://www.interscenar.io/a/b") == []


def test_fullest_author_list_among_descriptions_of_the_same_article():
    theme = {"@type": "NewsArticle", "headline": "Spies", "author": [
        {"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chen"}]}
    plugin = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Spies", "author": {"name": "Ann Lee"}, "wordCount": 900,
         "datePublished": "2024-05-01", "inLanguage": "en", "publisher": {"@id": "#org"}}]}
    other = {"@type": "VideoObject", "name": "Spies", "author": [
        {"name": "X One"}, {"name": "Y Two"}, {"name": "Z Three"}]}
    assert authors(doc(ld(theme) + ld(plugin) + ld(other), "<h1>Spies</h1>")) == ["Ann Lee", "Bo Chen"]


def test_an_author_field_with_a_first_name_and_an_initial_is_a_name():
    assert parse_byline("Ariel H.", structured=True).authors == ("Ariel H",)
    assert parse_byline("Ariel H.").authors == ()  # on the page it is more often a name cut short
    assert parse_byline("J. H.", structured=True).authors == ()


def test_lower_case_author_field_is_title_cased_but_a_lone_handle_is_not():
    assert parse_byline("cindy mangomini", structured=True).authors == ("Cindy Mangomini",)
    assert parse_byline("janedoe", structured=True).authors == ()
    assert parse_byline("admin", structured=True).authors == ()
    # visible text in lower case is rarely a name
    assert parse_byline("posted in news and events").authors == ()


def test_co_authors_sit_beside_the_first_not_in_other_stories():
    body = ('<article><h1>T</h1><div class="byline"><a rel="author" href="/author/ann">Ann Lee</a> and '
            '<a rel="author" href="/author/bo">Bo Chen</a></div><p>Text</p></article>'
            '<div class="block"><div class="row"><div class="meta"><a rel="author" href="/author/cy">Cy Ng</a>'
            '</div></div></div>')
    text, _ = byline(parse_html(doc(body=body)))
    assert parse_byline(text).authors == ("Ann Lee", "Bo Chen")


def test_a_box_that_holds_the_headline_is_not_a_footer_or_sidebar():
    body = ('<main><article><header class="entry-header header-footer-group"><h1>T</h1>'
            '<span class="meta-text">By <a href="/author/helge/">Helge Berg</a></span></header>'
            '<p>Story</p></article></main><footer class="site-footer"><a href="/author/x/">Site Owner</a></footer>')
    tree = parse_html(doc(body=body))
    assert parse_byline(byline(tree)[0]).authors == ("Helge Berg",)
    footer_link = tree.find(".//footer//a")
    assert foreign(footer_link)


def test_by_line_next_to_the_headline_without_byline_markup():
    body = ('<article><div class="head"><h1>Angst</h1><ul class="infos"><li>3 Minuten</li>'
            '<li class="information-item">Von: <span><a href="/bill">Bill Carthy</a>,</span>'
            '<span><a href="/marisha">Marisha Gold</a></span></li></ul></div>'
            '<p>' + "Lorem ipsum dolor sit amet. " * 10 + '</p></article>')
    text, el = byline(parse_html(doc(body=body)))
    assert el is not None and parse_byline(text).authors == ("Bill Carthy", "Marisha Gold")


def test_posted_by_line_under_a_headline_set_in_an_h2_below_the_logo_h1():
    # Blog themes keep the <h1> for the blog's name; the post's title is an <h2>.
    title = "Interning of small integers in Python"
    body = (f'<div id="header"><h1><a href="/">Four Years Remaining</a></h1></div><div class="post">'
            f'<h2>{title}</h2><div class="postdata"><span class="category">Posted by Konstantin</span>'
            '<span class="date">21.10.2019</span></div><div class="entry"><p>' + "Story text goes here. " * 10
            + '</p></div></div>')
    html = doc(head=f"<title>{title}</title>", body=body)
    assert authors(html) == ["Konstantin"]
    text, _ = byline(parse_html(html))  # without the title the logo <h1> is taken for the headline
    assert text is None


def test_von_after_the_date_stamp_under_the_headline():
    body = ('<div class="c"><h1>Ehezoff</h1><div class="r"><h2>Stars <span>06.11.2023 13:30 von Olga </span></h2>'
            '<p>' + "Story text goes here. " * 10 + '</p></div></div>')
    text, _ = byline(parse_html(doc(body=body)))
    assert parse_byline(text).authors == ("Olga",)


def test_labelled_name_after_the_date_stamp_below_a_logo_h1():
    body = ('<header><h1><a href="/"><img src="/logo.svg" alt="Jugendwerk"></a></h1></header>'
            '<div class="news"><div class="time">05.02.2020 <span>-&nbsp;Redaktion: Eberhard Fuhr '
            '(Pressesprecher des EJW)</span></div><h1>Faire Lieferketten</h1>'
            '<p>' + "Story text goes here. " * 10 + '</p></div>')
    assert authors(doc(body=body)) == ["Eberhard Fuhr"]


def test_autor_label_with_colon_under_the_headline():
    body = ('<div class="c"><h1>Ehezoff</h1><div class="meta">Autor: Jane Doe</div>'
            '<p>' + "Story text goes here. " * 10 + '</p></div>')
    assert authors(doc(body=body)) == ["Jane Doe"]


def test_von_in_the_story_is_no_byline():
    body = ('<article><h1>Trip</h1><p>' + "A long first paragraph of the story. " * 6 + '</p>'
            '<p>Von München bis Aachen fuhren sie.</p></article>')
    assert byline(parse_html(doc(body=body))) == (None, None)


def test_a_story_link_in_a_people_section_is_no_profile_link():
    body = ('<article><h1>T</h1><p>Intro <a href="/people/news/star-found-dead-in-santa-barbara-62257.html">'
            'Grauenvoller Mord</a> and more.</p><div class="x"><a href="/people/jane-doe">Jane Doe</a></div></article>')
    text, _ = byline(parse_html(doc(body=body)))
    assert text == "Jane Doe"


def byline_step(**fields):
    from pipelines.steps import BylinePipeline
    from newscrawl.items import ArticleItem
    return BylinePipeline().process_item(ArticleItem(kind="full", text="Body.", **fields))


def test_a_one_word_byline_spelled_like_the_host_is_the_site():
    assert byline_step(byline_raw="von Landesspiegel", url="https://landesspiegel.li/2025/a").authors == []
    assert byline_step(byline_raw="By ZDNet Japan", url="https://japan.zdnet.com/a/1").authors == []
    # only when every word is in the host
    assert byline_step(byline_raw="By Jane Zdnet", url="https://japan.zdnet.com/a/1").authors == ["Jane Zdnet"]


def test_lower_case_author_field_through_the_pipeline_step():
    assert byline_step(authors_raw=["cindy mangomini"]).authors == ["Cindy Mangomini"]


def test_profile_links_are_names_not_headlines_or_links_in_sentences():
    body = ('<article><h1>T</h1><p>' + "The police found her in a box, reports say. " * 2 +
            '<a href="/people/ann-lee">Ann Lee</a> said so.</p>'
            '<ul><li><a href="/people/news/cw-sad-confession-62245.html">Charlotte W: Sad Confession</a></li></ul>'
            '</article>')
    assert byline(parse_html(doc(body=body))) == (None, None)


def test_the_site_name_in_front_of_a_label_is_the_site():
    from pipelines.bylines import names_site
    assert names_site("Apartment Therapy Submissions", "https://www.apartmenttherapy.com/a-1")
    assert not names_site("Helge Fahrnberger", "http://www.helge.at/2014/03/x")



def test_a_link_to_the_writers_other_posts_names_the_writer():
    body = ('<article><h1>Story title here</h1><p>Text.</p><div class="author-info">'
            '<a href="/author/petra/" rel="author">Zeige alle Beiträge von Petra Ruland</a></div></article>')
    assert authors(doc(body=body)) == ["Petra Ruland"]


def test_a_name_after_an_author_label_in_a_facts_list():
    body = ('<h1>Story title here</h1><p>Text.</p><ul class="smallList">'
            '<li><strong>Datum</strong> 28.04.2023</li><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>')
    assert authors(doc(body=body)) == ["Roman Goncharenko"]
    table = '<h1>Story title here</h1><dl><dt>Author:</dt><dd>Jane Doe</dd></dl>'
    assert authors(doc(body=table)) == ["Jane Doe"]
    form = '<h1>Story title here</h1><form><label>Author</label> <input name="a"> Your Name</form>'
    assert authors(doc(body=form)) == []
    spans = '<h1>Story title here</h1><p>Text.</p><p><span>Author:</span> <span>Jane Doe</span></p>'
    assert authors(doc(body=spans)) == ["Jane Doe"]


def test_a_menu_link_to_the_reporters_section_is_no_author():
    body = ('<ul><li><a href="/de/reporter/s-31610">Reporter</a></li></ul><h1>Story title here</h1>'
            '<p>Text.</p><p><b>Autor:</b> Jane Doe</p>')
    assert authors(doc(body=body)) == ["Jane Doe"]


def test_the_post_meta_footer_inside_the_own_article_is_no_page_footer():
    body = ('<article><header><h1>Story title here</h1></header><footer class="entry-meta">'
            '<p class="post-meta"><a href="/blog/author/mn/" rel="author">Masafumi Negishi</a></p></footer>'
            '<p>Text.</p></article><footer><a href="/author/webmaster/" rel="author">Site Owner</a></footer>')
    assert authors(doc(body=body)) == ["Masafumi Negishi"]
    teaser = ('<article><h1>Story title here</h1><p>Text.</p><article><h2>Other</h2>'
              '<footer><a rel="author" href="/author/x/">Other Writer</a></footer></article></article>')
    assert authors(doc(body=teaser)) == []


def test_a_box_named_footer_inside_the_own_article_holds_its_meta():
    # Drupal's field groups: "group-article-footer" is the story's own footer, like <footer> there.
    body = ('<article><h1>Story title here</h1><p>Text of the story.</p>'
            '<div class="group-article-footer"><div class="field-name-author">von <a class="username" '
            'href="/redaktion/ulrike">Ulrike</a></div></div></article>'
            '<div class="site-footer"><div class="author">Site Owner</div></div>')
    assert authors(doc(body=body)) == ["Ulrike"]
    # Outside the own article, or named for more than a footer, it is still a box.
    assert authors(doc(body=body.replace("group-article-footer", "group-article-footer related"))) == []


def test_a_long_kana_name_from_an_author_field():
    assert parse_byline("小暮ひさのり", structured=True).authors == ("小暮ひさのり",)
    assert parse_byline("小暮ひさのり").authors == ()  # visible text that long is rather a phrase


def test_the_name_heading_of_an_author_box_below_the_story():
    body = ('<article><h1>Story title here</h1><div class="entry-content"><p>Text.</p></div>'
            '<div class="author-bio footer"><h3>Martin Junker</h3><p>Writes about leasing.</p></div></article>')
    assert authors(doc(body=body)) == ["Martin Junker"]
    labelled = ('<article><h1>Story title here</h1><p>Text.</p>'
                '<div class="about-the-author"><h4>About the author</h4><h5>Jane Doe</h5></div></article>')
    assert authors(doc(body=labelled)) == ["Jane Doe"]
    in_sidebar = ('<article><h1>Story title here</h1><p>Text.</p></article>'
                  '<div class="sidebar"><div class="author-box"><h3>Site Owner</h3></div></div>')
    assert authors(doc(body=in_sidebar)) == []


def test_author_markup_adds_the_co_authors_structured_data_leaves_out():
    card = ('<div class="byline" itemscope><div class="content"><address class="name">'
            '<a rel="author" href="mailto:{m}">{n}</a></address></div></div>')
    body = ('<article><h1>Story title here</h1><section class="meta"><div class="bylines">'
            + card.format(m="it@db.example", n="Ingrid Treborg") + card.format(m="mh@db.example", n="Marlene Holm")
            + '</div></section><p>Text.</p></article>')
    head = ld({"@type": "NewsArticle", "headline": "Story title here", "author": {"@type": "Person", "name": "Marlene Holm"}})
    assert sorted(authors(doc(head=head, body=body))) == ["Ingrid Treborg", "Marlene Holm"]
    # A free-text byline naming more people does not add them (page words, places).
    text = '<article><h1>Story title here</h1><p class="byline">By Marlene Holm and Oslo Desk</p><p>Text.</p></article>'
    assert authors(doc(head=head, body=text)) == ["Marlene Holm"]


def test_a_by_label_in_an_element_of_its_own_is_not_the_byline():
    html = doc(body="<article><h1>Der Lange und die alte Dame</h1><div class='entry-meta'>"
                    "<span class='meta-prep meta-prep-author'>By </span><span class='author vcard'>"
                    "<a class='url fn n' href='/author/daniel-weiss'>Daniel Weiss</a></span> | "
                    "<span class='entry-date'>23. Juli 2017</span></div><p>Der Text.</p></article>")
    assert byline(parse_html(html))[0] == "Daniel Weiss"
    assert authors(html) == ["Daniel Weiss"]


def test_a_story_card_whose_headline_is_a_linked_h1_is_another_story():
    # Some themes give every card of another story an <h1>; the card's is a link to that story.
    card = ("<article class='w-stories__item'><h1 class='block__title'><a href='/2012/02/dorsett'>Dorsett is "
            "suing the Cowboys</a></h1><a class='byline' href='/author/mikemooney'>Michael J. Mooney</a></article>")
    html = doc(body="<header><h1 class='story__title'>Settlement payments can begin</h1><div class='story__info'>"
                    "<span>By <a href='/author/kathy-wise'>Kathy Wise</a></span></div></header>"
                    "<p>The Supreme Court defers.</p><div class='scroller'>" + card + "</div>")
    assert authors(html) == ["Kathy Wise"]


def test_an_author_meta_naming_the_json_ld_author_and_more_adds_the_rest():
    head = ld({"@type": "NewsArticle", "headline": "Quarantine list", "author": {"@type": "Person", "name": "April Roach"}})
    team = head + "<meta name='author' content=\"April Roach, Daniel O'Mahony\">"
    assert authors(doc(team, "<h1>Quarantine list</h1>")) == ["April Roach", "Daniel O'Mahony"]
    # A meta that names someone else is not a fuller list of the same team, nor is the outlet.
    other = head + "<meta name='author' content='Ben Stone'>"
    outlet = head + "<meta property='og:site_name' content='Daily Post'><meta name='author' content='April Roach, Daily Post'>"
    assert authors(doc(other, "<h1>Quarantine list</h1>")) == ["April Roach"]
    assert authors(doc(outlet, "<h1>Quarantine list</h1>")) == ["April Roach"]


def test_the_byline_and_the_author_meta_agreeing_on_other_people_overrule_json_ld():
    head = ld({"@type": "NewsArticle", "headline": "Crash on the highway", "author": {"@type": "Person", "name": "Kathleen Ditton"}})
    marked = ("<h1>Crash on the highway</h1><div class='byline' itemprop='author'>By <a rel='author' href='/author/jh'>"
              "Jessica Holly</a>, <a rel='author' href='/author/gl'>Gail Levy</a></div>")
    writers = "<meta name='parsely-author' content='Jessica Holly'><meta name='parsely-author' content='Gail Levy'>"
    assert authors(doc(head + writers, marked)) == ["Jessica Holly", "Gail Levy"]
    # One source alone does not overrule JSON-LD: the byline without the meta, or a meta that
    # names others than the byline.
    assert authors(doc(head, marked)) == ["Kathleen Ditton"]
    assert authors(doc(head + "<meta name='parsely-author' content='Jessica Holly'>", marked)) == ["Kathleen Ditton"]
    # A free-text byline is no author markup.
    plain = marked.replace(" itemprop='author'", "").replace(" rel='author'", "").replace("class='byline'", "class='x'")
    assert authors(doc(head + writers, plain)) == ["Kathleen Ditton"]

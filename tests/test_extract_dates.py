"""Publication dates the page states about itself: where they sit and how they are written."""

from datetime import datetime, timezone

from newscrawl.extract import extract_article
from newscrawl.extract.dom import parse_html
from newscrawl.extract.elements import date_candidates, headline_element
from pipelines.dates import parse_published

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} tells the story of the harbour, the bridge and the town council vote on repairs.</p>"
    for i in range(6)
)
TITLE = "Council votes to repair the old harbour bridge"


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>{TITLE}</title>{head}</head><body>{body}</body></html>"


def date_of(html: str, url: str = "https://x.example/a"):
    got = extract_article(html, url)
    return got.date_raw, got.date_origin


def test_date_line_right_under_the_headline():
    html = page(body=f"<article><h1>{TITLE}</h1><p class='subtitle'><span>Hamburg, 2. November 2021</span></p>"
                     + PARAGRAPHS + "</article>")
    assert date_of(html) == ("Hamburg, 2. November 2021", "byline")


def test_date_line_above_the_headline_with_a_category_link():
    html = page(body=f"<div><p class='category'> 24. April 2020 | <a href='/press'>Press releases</a></p>"
                     f"<h1>{TITLE}</h1>" + PARAGRAPHS + "</div>")
    assert date_of(html)[0] == "24. April 2020 |"


def test_labelled_date_in_the_headline_container():
    html = page(body=f"<div class='head'><h1>{TITLE}</h1></div><div class='docData'><span>Datum</span> "
                     "<span>25.01.2022</span></div>" + PARAGRAPHS)
    assert date_of(html)[0] == "25.01.2022"


def test_a_short_sentence_under_the_headline_is_not_a_date_line():
    # The story's first paragraph may sit right under the <h1>: its dates are the story's.
    html = page(body=f"<h1>{TITLE}</h1><p>On 3 March 2020 the council met again in the town hall.</p>" + PARAGRAPHS)
    assert date_of(html) == (None, None)


def test_an_updated_line_under_the_headline_is_not_the_publication_date():
    html = page(body=f"<h1>{TITLE}</h1><p>Updated 4 May 2021</p>" + PARAGRAPHS)
    assert date_of(html) == (None, None)


def test_a_logo_heading_does_not_lend_its_neighbours_dates():
    # The site header shows today's date next to the site's <h1>; the story has its own headline.
    html = page(body="<header><h1>Gazette</h1><span>Monday, 5 August 2019</span></header>"
                     f"<article><h2>{TITLE}</h2>" + PARAGRAPHS + "</article>")
    assert date_of(html) == (None, None)


def test_utc_instant_is_kept_in_the_page_own_offset_when_the_page_gives_it():
    # Same instant; the raw value now also tells the day readers saw in Los Angeles.
    html = page('<script type="application/ld+json">{"@type": "NewsArticle", '
                '"datePublished": "2023-11-09T06:35:29+00:00"}</script>',
                f"<h1>{TITLE}</h1><time datetime='2023-11-08T22:35:29-08:00'>Nov 8, 2023</time>" + PARAGRAPHS)
    assert date_of(html) == ("2023-11-08T22:35:29-08:00", "jsonld")


def test_a_different_instant_does_not_replace_the_utc_one():
    html = page('<script type="application/ld+json">{"@type": "NewsArticle", '
                '"datePublished": "2023-11-09T06:35:29Z"}</script>',
                f"<h1>{TITLE}</h1><time datetime='2023-11-08T23:55:47-08:00'>Nov 8, 2023</time>" + PARAGRAPHS)
    assert date_of(html) == ("2023-11-09T06:35:29Z", "jsonld")


def test_english_machine_dates_read_on_pages_in_other_languages():
    got = parse_published("Fri Apr 28 19:20:36 CEST 2023", languages=("de",), day_first=True)
    assert got.value == datetime(2023, 4, 28, 17, 20, 36, tzinfo=timezone.utc)


def test_a_created_date_in_arabic_on_a_page_that_names_no_language():
    raw = "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً"
    html = page(body=f"<div class='title'><h1>{TITLE}</h1><div class='article_created'>{raw}</div></div>" + PARAGRAPHS)
    assert date_of(html) == (raw, "byline")


def test_dates_inside_the_story_block_beside_the_headline_are_not_its_date_line():
    tree = parse_html(page(body=f"<h1>{TITLE}</h1><div class='text'>" + PARAGRAPHS +
                           "<ul><li>2019-03-15 notice<br>Another agency warned of the same scam.</li></ul></div>"))
    assert list(date_candidates(tree, headline=headline_element(tree, TITLE))) == []


def test_a_date_opening_a_long_paragraph_is_prose():
    # "On July 31, 2019, U.S. Senators Baldwin and Hawley" is a text piece of the paragraph.
    tree = parse_html(page(body=f"<h1>{TITLE}</h1><div><p>On July 31, 2019, U.S. Senators Baldwin and Hawley "
                                "<a href='/bill'>submitted a bill</a> to set a trade-balancing exchange rate for "
                                "the dollar, and the Federal Reserve would be tasked with it.</p></div>"))
    assert list(date_candidates(tree, headline=headline_element(tree, TITLE))) == []


def test_a_bare_date_meta_gives_way_to_the_date_the_article_shows():
    # CMSs fill <meta name="date"> with the page's last change; the article's own line is the publication.
    html = page(head='<meta name="date" content="2020-02-12">',
                body=f"<article><h1>{TITLE}</h1><p class='date'>05.02.2020</p>" + PARAGRAPHS + "</article>")
    assert date_of(html) == ("05.02.2020", "byline")


def test_a_bare_date_meta_that_agrees_with_the_page_keeps_its_hour():
    html = page(head='<meta name="date" content="2020-02-05T10:30:00+01:00">',
                body=f"<article><h1>{TITLE}</h1><p class='date'>05.02.2020</p>" + PARAGRAPHS + "</article>")
    assert date_of(html) == ("2020-02-05T10:30:00+01:00", "meta")


def test_a_bare_date_meta_alone_is_still_read():
    html = page(head='<meta name="date" content="2020-02-12">', body=f"<article><h1>{TITLE}</h1>" + PARAGRAPHS + "</article>")
    assert date_of(html) == ("2020-02-12", "meta")


def test_a_last_change_line_beside_the_byline_is_not_the_publication_date():
    html = page(body=f"<h1>{TITLE}</h1>" + PARAGRAPHS +
                "<div class='info'><p class='byline'>Von Anna Berg</p>"
                "<p>Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023</p></div>")
    assert date_of(html) == ("01.11.2023", "byline")
    # "Akt." is how German sites shorten "aktualisiert".
    short = page(body=f"<h1>{TITLE}</h1>" + PARAGRAPHS + "<div class='info'><p class='byline'>Von Anna Berg</p>"
                 "<p>Akt.: 02.11.2023 - 21.18 Uhr</p><p>01.11.2023 - 16.03 Uhr</p></div>")
    assert date_of(short) == ("01.11.2023", "byline")


def test_a_date_inside_a_teaser_heading_is_that_story_s_date():
    html = page(body=f"<h1>{TITLE}</h1>" + PARAGRAPHS +
                "<div><h2>Another story <span class='date'>24.04.2023</span></h2><p>Its teaser.</p></div>"
                "<ul><li><strong>Datum</strong> <span class='date'>28.04.2023</span></li></ul>")
    assert date_of(html) == ("28.04.2023", "byline")


def test_the_site_banner_s_date_of_the_day_is_not_the_article_s():
    html = page(body="<header class='header'><a class='logo' href='/'><span class='date-edition'>lun. 5 août 2019"
                     "</span></a></header>"
                     f"<div class='page'><h1>{TITLE}</h1><ul class='info'><li>27 juin 2019</li></ul>" + PARAGRAPHS
                     + "</div>")
    assert date_of(html) == ("27 juin 2019", "byline")


def test_an_article_header_without_the_headline_still_dates_the_article():
    html = page(body="<article><header><span><time datetime='2017-01-26T16:05:25+01:00'>26 January 2017</time>"
                     f"</span></header><h2>{TITLE}</h2>" + PARAGRAPHS + "</article>")
    assert date_of(html) == ("2017-01-26T16:05:25+01:00", "time")


def test_a_field_labelled_as_the_publication_date():
    html = page(body=f"<h1>{TITLE}</h1>" + PARAGRAPHS + "<dl><dt>Pages</dt><dd>120</dd>"
                     "<dt>Published</dt><dd>2019/3/5</dd></dl>")
    assert date_of(html) == ("2019/3/5", "byline")


def test_a_label_in_bold_with_the_date_after_it():
    html = page(body=f"<h1>{TITLE}</h1>" + PARAGRAPHS + "<ul><li><strong>Datum</strong> 28.04.2023</li></ul>")
    assert date_of(html) == ("28.04.2023", "byline")


def test_a_date_widget_with_day_month_and_year_in_elements_of_their_own():
    html = page(body=f"<div class='post'><h3>{TITLE}</h3><div class='meta'><span class='date'>"
                     "Mai<span>06</span>2018</span></div>" + PARAGRAPHS + "</div>")
    raw, origin = date_of(html)
    assert (raw, origin) == ("Mai 06 2018", "byline")
    assert parse_published(raw, languages=("de",)).value.date().isoformat() == "2018-05-06"


def test_a_date_widget_with_the_day_and_the_year_in_sibling_elements():
    html = page(body=f"<h1>{TITLE}</h1><span class='meta'><span class='meta-date'><span>Jan 04</span></span>"
                     "<span class='meta-time'><span>09:34</span><span>2021</span></span></span>" + PARAGRAPHS)
    raw, origin = date_of(html)
    assert (raw, origin) == ("Jan 04 09:34 2021", "byline")
    assert parse_published(raw).value == datetime(2021, 1, 4, 9, 34, tzinfo=timezone.utc)


def test_a_dateline_opening_the_story_dates_it_but_the_prose_after_it_does_not():
    wire = page(body=f"<h1>{TITLE}</h1><div class='entry-content'><div><img src='a.jpg'>FILE PHOTO: The mayor speaks "
                     f"to the press during a visit to the harbour near the old bridge, March 3, 2019.</div><p>January 18, 2020</p>{PARAGRAPHS}</div>")
    assert date_of(wire) == ("January 18, 2020", "byline")
    dashed = page(body=f"<h1>{TITLE}</h1><p>Von Claudia Lindner</p><p>27.1.2022 - Bei der Erinnerung an die "
                       f"Verfolgten waren viele Opfer lange unsichtbar.</p>{PARAGRAPHS}")
    assert date_of(dashed) == ("27.1.2022", "byline")
    # Deeper in the story a dated paragraph is prose; so is a paragraph that only names a year.
    late = page(body=f"<h1>{TITLE}</h1>{PARAGRAPHS}<p>January 18, 2020</p>")
    year = page(body=f"<h1>{TITLE}</h1><p>2020 - ein Jahr, das die Stadt veränderte.</p>{PARAGRAPHS}")
    assert date_of(late) == (None, None) and date_of(year) == (None, None)


def test_a_headline_in_an_h2_where_the_h1_is_the_logo_still_leads_to_its_dateline():
    story = f"<h2>{TITLE}</h2><p>Von Claudia Lindner</p><p>27.1.2022 - Bei der Erinnerung an die Verfolgten waren viele Opfer lange unsichtbar.</p>"
    html = page(body="<h1>L-Mag</h1>" + story + PARAGRAPHS)
    assert headline_element(parse_html(html), TITLE).tag == "h2"
    assert date_of(html) == ("27.1.2022", "byline")
    # Only an <h2> that reads as the title: a teaser's heading lends the page no dateline.
    other = page(body="<h1>L-Mag</h1><h2>Another story</h2><p>27.1.2022 - Bei der Erinnerung an die Verfolgten.</p>" + PARAGRAPHS)
    assert headline_element(parse_html(other), TITLE) is None
    assert date_of(other) == (None, None)


def test_a_page_wide_form_holding_the_headline_is_no_box():
    # ASP.NET WebForms wrap the whole page in one <form>; a search form beside the story is still a box.
    story = f"<div class='post'><h1>{TITLE}</h1><div class='abstract'><p>06.05.2018</p></div>{PARAGRAPHS}</div>"
    assert date_of(page(body=f"<form id='aspnetForm'>{story}</form>")) == ("06.05.2018", "byline")
    search = f"<h1>{TITLE}</h1><form class='search'><p>06.05.2018</p><input name='q'></form>{PARAGRAPHS}"
    assert date_of(page(body=search)) == (None, None)


def _utc_story(stamp: str, line: str) -> str:
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{stamp}"}}</script>'
    return page(ld, f"<h1>{TITLE}</h1><p class='date'>{line}</p>" + PARAGRAPHS)


def test_a_utc_instant_gives_way_to_the_date_line_showing_the_publishers_day():
    # 23:15 UTC on 5 December is already 6 December in Rome, which is what the page shows.
    assert date_of(_utc_story("2020-12-05T23:15:0Z", "06 Dicembre 2020")) == ("06 Dicembre 2020", "byline")
    assert date_of(_utc_story("2016-12-29T01:32:00+00:00", "December 28, 2016")) == ("December 28, 2016", "byline")
    # The same day, a day no zone can reach (03:15 UTC is nowhere the next day), or a line with
    # a time of day it could not place: the instant stays.
    assert date_of(_utc_story("2020-12-05T23:15:00Z", "5 December 2020")) == ("2020-12-05T23:15:00Z", "jsonld")
    assert date_of(_utc_story("2020-12-05T03:15:00Z", "6 December 2020")) == ("2020-12-05T03:15:00Z", "jsonld")
    assert date_of(_utc_story("2020-12-05T23:15:00Z", "6 December 2020, 00:15")) == ("2020-12-05T23:15:00Z", "jsonld")
    assert date_of(_utc_story("2025-06-28T14:03:53+00:00", "28. Juni 2025 - 16.03 Uhr")) == ("2025-06-28T14:03:53+00:00", "jsonld")
    # A date among other words may carry a label the page's "updated" words do not know.
    assert date_of(_utc_story("2025-06-28T14:03:53+00:00", "Akt.: 29. Juni 2025")) == ("2025-06-28T14:03:53+00:00", "jsonld")


def test_a_utc_instant_gives_way_to_the_neighbouring_day_its_url_was_made_on():
    # 02:18 UTC on 18 February is still 17 February in Florida, the day in the URL.
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"}</script>'
    html = page(ld % "2020-02-18T02:18:11Z", f"<h1>{TITLE}</h1>" + PARAGRAPHS)
    assert date_of(html, "https://x.example/2020/02/17/story/") == ("2020-02-17", "url")
    # The same day, or one no zone reaches from the instant: the instant stays.
    assert date_of(html, "https://x.example/2020/02/18/story/") == ("2020-02-18T02:18:11Z", "jsonld")
    html = page(ld % "2020-02-18T14:18:11Z", f"<h1>{TITLE}</h1>" + PARAGRAPHS)
    assert date_of(html, "https://x.example/2020/02/17/story/") == ("2020-02-18T14:18:11Z", "jsonld")


def test_the_meta_aside_of_the_own_article_dates_it_over_a_bare_date_meta():
    # <aside class="meta"> beside the story holds its author and date line, not other stories;
    # the bare "date" meta (the page's last build here) gives way to the day it shows.
    aside = ("<aside class='meta'><div class='meta__row--posted'><time datetime='2022-01-21'>21.01.2022 - 13:30"
             "</time></div></aside>")
    html = page(head="<meta name='date' content='2022-1-26T14:32:06+02:00'>",
                body=f"<main><article><h1>{TITLE}</h1>{aside}{PARAGRAPHS}</article>"
                     "<aside class='related'><time datetime='2022-01-25'>25.01.2022</time></aside></main>")
    assert date_of(html) == ("2022-01-21", "time")
    # Any other aside in the article is a box, and one outside the own article is the page's.
    assert date_of(html.replace("class='meta'", "class='teasers'"))[0] == "2022-1-26T14:32:06+02:00"
    assert date_of(html.replace("<article>", "<div>").replace("</article>", "</div>"))[0] == "2022-1-26T14:32:06+02:00"


def test_a_date_under_the_headline_labelled_as_the_last_change_in_an_element_of_its_own_is_no_publication_date():
    def under(label):
        return page(body=f"<div><h1>{TITLE}</h1><div class='facts'><label>{label}</label><div>14.01.2022 um 09:25"
                         "</div></div></div>" + PARAGRAPHS)
    assert date_of(under("Letzte Änderung:")) == (None, None)
    assert date_of(under("Erstellt:")) == ("14.01.2022 um 09:25", "byline")


def test_a_site_date_selector_that_finds_nothing_leaves_the_structured_date_first():
    # A site's selector outranks the page's structured data; when a redesign leaves it without
    # a hit, JSON-LD still comes before the page's other date elements (here an update stamp).
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-05-01"}</script>'
    html = page(head=ld, body=f"<article><h1>{TITLE}</h1>" + PARAGRAPHS
                + '<p>Updated <time datetime="2023-06-02">2 June</time></p></article>')
    for selectors, expected in (({"date": "span.stamp::text"}, ("2023-05-01", "jsonld")),
                                ({"date": "p time::attr(datetime)"}, ("2023-06-02", "time"))):
        got = extract_article(html, "https://x.example/a", selectors=selectors)
        assert (got.date_raw, got.date_origin) == expected

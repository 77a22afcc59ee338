"""Body extraction: container scoring on clear-cut pages, trafilatura on the others."""

import newscrawl.extract.body as body
from newscrawl.extract.content import main_text
from newscrawl.extract.dom import parse_html, text_of

PROSE = [
    "The council met on Tuesday evening to discuss the new harbour plan, which has divided the town for years.",
    "Supporters say the plan brings jobs, new housing and a ferry link; opponents fear for the old fishing quay.",
    "After four hours of debate, the members voted seven to four in favour, with two abstentions on the budget.",
    "The mayor said the vote was a turning point, but promised that the quay would keep its historic character.",
    "Work on the first stage is to begin next spring, once the county has approved the revised environmental study.",
    "Residents who object can still file comments until the end of the month, the town clerk said on Wednesday.",
    "A public meeting on the building schedule will be held in the school hall, with the architects taking questions.",
    "The ferry operator has not yet said how often boats would run, or what a ticket to the mainland would cost.",
    "Local shops hope the new link will bring more visitors in winter, when the town is now almost entirely empty.",
    "The fishermen's association said it would study the final text before deciding whether to appeal the decision.",
]


def article_page(extra: str = "", wrap=lambda ps: "".join(f"<p>{p}</p>" for p in ps)) -> str:
    return f"""<html><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
    <header><h1>Council backs harbour plan</h1><p class="intro-meta">By Jane Doe, 5 March 2024</p></header>
    <main><div class="article-body">
      {wrap(PROSE[:5])}
      <h2>What comes next</h2>
      <div class="ad-slot"><p>Advertisement: buy the best boats in the region today, with free delivery.</p></div>
      {wrap(PROSE[5:])}
      <figure><img src="x.jpg"><figcaption>The old fishing quay seen from the harbour wall at dawn.</figcaption></figure>
    </div>
    <div class="related-stories"><h3>More news</h3>
      <p>Another story about a different town council and its long-running dispute over parking fees.</p></div>
    <div class="comments"><p>Great news for the town, finally someone listens to the people who live here!</p></div>
    {extra}
    </main>
    <footer><p>Copyright 2024 The Harbour Gazette. All rights reserved, reproduction only with permission.</p></footer>
    </body></html>"""


def test_clear_cut_article_gives_its_paragraphs_and_subheadings_in_order():
    text = main_text(parse_html(article_page()))
    assert text is not None
    assert text.split("\n\n") == PROSE[:5] + ["What comes next"] + PROSE[5:]


def test_paragraphs_split_over_wrappers_are_one_body():
    # Sites wrap each paragraph (or a few) in their own div between ads; the body is all of them.
    text = main_text(parse_html(article_page(wrap=lambda ps: "".join(f"<div class='para'><p>{p}</p></div>" for p in ps))))
    assert text is not None and text.split("\n\n") == PROSE[:5] + ["What comes next"] + PROSE[5:]


def test_box_words_match_whole_names_not_parts_of_utility_classes():
    # "overflow-hidden" and "non-ad-column" are layout classes, not hidden boxes or ads.
    html = article_page().replace('<main>', '<main class="overflow-hidden">').replace(
        'class="article-body"', 'class="article-body non-ad-column"')
    text = main_text(parse_html(html))
    assert text is not None and PROSE[0] in text


def test_a_box_word_after_with_or_and_names_what_sits_beside_the_container():
    for name in ("content-with-sidebar-wrp", "article-and-social"):
        text = main_text(parse_html(article_page().replace('<main>', f'<main class="{name}">')))
        assert text is not None and PROSE[0] in text, name
    # ... while a box whose name only goes on with "with" stays one.
    html = article_page().replace('class="related-stories"', 'class="related-with-thumbs"')
    assert "parking fees" not in main_text(parse_html(html))


def test_a_lead_paragraph_beside_the_body_container_joins_it():
    html = article_page().replace('<div class="article-body">',
                                  f'<div class="story"><div class="lead"><p>{PROSE[0]}</p></div><div class="article-body">',
                                  ).replace("</div>\n    <div class=\"related", "</div></div>\n    <div class=\"related")
    html = html.replace(f"<p>{PROSE[0]}</p><p>{PROSE[1]}", f"<p>{PROSE[1]}", 1)
    text = main_text(parse_html(html))
    assert text is not None and text.startswith(PROSE[0]) and PROSE[9] in text


def test_not_sure_without_enough_prose_or_with_text_outside_paragraphs():
    short = "<html><body><div><p>" + PROSE[0] + "</p><p>" + PROSE[1] + "</p></div></body></html>"
    assert main_text(parse_html(short)) is None
    # Paragraphs as bare divs: text the blocks do not see, so the page is left to trafilatura.
    divs = "<html><body><div class='text'>" + "".join(f"<div>{p}</div>" for p in PROSE) + f"<p>{PROSE[0]}</p></div></body></html>"
    assert main_text(parse_html(divs)) is None


def test_enough_prose_is_measured_in_latin_script_characters():
    # 3 paragraphs of 80 Japanese characters say what about 700 Latin ones do: a body, not "too short".
    ja = ["気象庁は十三日午後九時十九分ごろ日向灘で震度五弱の地震があったと発表した震源の深さは約三十キロ地震の規模はマグニチュード六点九と推定される",
          "この地震による津波の心配はないという宮崎県では一時停電が発生したほか鉄道の運転見合わせも相次いだ県は災害警戒本部を設置して被害の確認を急いでいる",
          "気象庁は今後一週間程度は同じ規模の地震に注意するよう呼びかけている南海トラフ地震との関連について専門家による評価検討会を開いて調べることにしている"]
    html = "<html><body><div class='text'>" + "".join(f"<p>{p}</p>" for p in ja) + "</div></body></html>"
    assert sum(map(len, ja)) < 500 and main_text(parse_html(html)) == "\n\n".join(ja)
    latin = "<html><body><div class='text'>" + "".join(f"<p>{p[:80]}</p>" for p in PROSE[:3]) + "</div></body></html>"
    assert main_text(parse_html(latin)) is None


def test_paragraphs_made_of_line_breaks_are_paragraphs():
    html = ("<html><body><nav><a href='/'>Home</a></nav><div class='text'>"
            + "<br><br>".join(f"{p[:20]}<b>{p[20:40]}</b>{p[40:]}" for p in PROSE)
            + "<br><a href='/more'>More</a></div></body></html>")
    text = main_text(parse_html(html))
    assert text is not None and text.split("\n\n") == PROSE  # the link-only line is no paragraph


def test_two_stories_of_equal_weight_are_not_clear_cut():
    # A page of two full stories: the best container holds only half the prose.
    html = ("<html><body><div class='a'>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
            "<div class='b'>" + "".join(f"<p>{p[::-1]}</p>" for p in PROSE) + "</div></body></html>")
    assert main_text(parse_html(html)) is None


def test_teaser_story_inside_the_story_is_left_out():
    teaser = "<article><h2><a href='/other'>Other</a></h2><p>" + "A teaser of another story, long enough to vote. " * 3 + "</p></article>"
    html = article_page().replace("<main>", "<main><article><h1>Council backs harbour plan</h1>").replace(
        "</main>", teaser + "</article></main>")
    text = main_text(parse_html(html))
    assert text is not None and "teaser of another story" not in text


def test_extract_body_falls_back_to_trafilatura_when_not_sure(monkeypatch):
    calls = []
    monkeypatch.setattr(body, "_trafilatura", lambda tree, url, fast: calls.append(fast) or "One.\nTwo.")
    assert body.extract_body(parse_html("<html><body><p>One.</p><p>Two.</p></body></html>")) == "One.\n\nTwo."
    assert calls  # the short page went to trafilatura
    calls.clear()
    assert body.extract_body(parse_html(article_page())).startswith(PROSE[0])
    assert not calls  # the clear-cut one did not


def test_teaser_cards_wrapped_in_links_are_no_body_text():
    card = ("<a href='/other-story'><div class='card'><h3>Another story entirely</h3>"
            "<p>The teaser text of another story, long enough to look like a paragraph of prose.</p></div></a>")
    html = article_page().replace("<h2>What comes next</h2>", card + "<h2>What comes next</h2>")
    text = main_text(parse_html(html))
    assert text is not None and "teaser text" not in text and "Another story" not in text


def test_trafilatura_slow_retry_only_where_the_pages_paragraphs_hold_more(monkeypatch):
    # A spy, not a stand-in: the real trafilatura runs and the passes it was asked for are recorded.
    real, calls = body._trafilatura, []
    monkeypatch.setattr(body, "_trafilatura", lambda tree, url, fast: calls.append(fast) or real(tree, url, fast=fast))
    story = " ".join([PROSE[0]] * 4)
    assert body.extract_body(parse_html(f"<html><body><div><p>{story}</p></div></body></html>")) == story
    assert calls == [True]  # short, but all the page has: no second pass
    calls.clear()
    hidden = "".join(f"<p>{story}</p>" for _ in range(3))
    page = f"<html><body><div class='comments'>{hidden}</div><p>One short line here.</p></body></html>"
    assert body.extract_body(parse_html(page)) == "One short line here."
    assert calls == [True, False]  # the page's paragraphs hold far more than the first pass found
    calls.clear()
    # 600 Japanese characters are no short first pass (they say what some 1800 Latin ones do).
    ja = "気象庁は十三日午後九時十九分ごろ日向灘で震度五弱の地震があったと発表した。" * 16
    page = f"<html><body><div class='comments'>{hidden * 3}</div><article><p>{ja}</p></article></body></html>"
    assert ja in body._trafilatura_text(parse_html(page), None)
    assert calls == [True]


def test_control_characters_in_the_page_do_not_cost_the_body():
    # lxml keeps a stray \x0b in the tree, and trafilatura then finds no text at all.
    page = "<html><body><article>" + "".join(
        f"<p>Line {i} of the story\x0b with a stray control mark, and more words to read.</p>" for i in range(3)
    ) + "</article></body></html>"
    text = body.extract_body(parse_html(page))
    assert text.split("\n\n") == [f"Line {i} of the story with a stray control mark, and more words to read." for i in range(3)]



def test_a_body_cut_into_chunks_of_the_same_container_class_is_one_body():
    # Each chunk in its own grid row beside an ad rail; the first chunk holds most of the body.
    def chunk(ps):
        return ("<div class='grid'><div class='body chunk'>" + "".join(f"<p>{p}</p>" for p in ps)
                + "</div><div class='ad-rail'><p>Advertisement</p></div></div>")
    html = ("<html><body><article><h1>Council backs harbour plan</h1><div class='chunks'>"
            + chunk(PROSE[:6]) + chunk(PROSE[6:8]) + chunk(PROSE[8:]) + "</div></article></body></html>")
    text = main_text(parse_html(html))
    assert text is not None and text.split("\n\n") == PROSE


def test_same_class_bodies_of_two_posts_are_not_chunks_of_one():
    post = "<article><h2>{}</h2><div class='body chunk'>{}</div></article>"
    html = ("<html><body><div class='posts'>" + post.format("Harbour plan", "".join(f"<p>{p}</p>" for p in PROSE))
            + post.format("Quay", "".join(f"<p>{p[::-1]}</p>" for p in PROSE)) + "</div></body></html>")
    assert main_text(parse_html(html)) is None


def test_what_holds_the_headline_is_no_box_whatever_its_class_or_a_page_wide_form():
    story = "<h1>Council backs harbour plan</h1>" + "".join(f"<p>{p}</p>" for p in PROSE)
    for wrapper in ("<div class='m-advertisement-off-canvas--pusher'>{}</div>",
                    "<form id='aspnetForm' method='post'><div class='content'>{}</div></form>"):
        html = "<html><body>" + wrapper.format(story) + "<aside><p>" + PROSE[0] + "</p></aside></body></html>"
        text = main_text(parse_html(html))
        assert text is not None and text.startswith(PROSE[0]) and text.endswith(PROSE[9])
    # A box beside the headline is still a box: only what holds the <h1> is trusted.
    html = ("<html><body><div class='story'>" + story + "<div class='advertisement'><p>" + PROSE[0].upper()
            + " BUY NOW AND SAVE.</p></div></div></body></html>")
    assert "BUY NOW" not in main_text(parse_html(html))


def test_a_box_inside_a_paragraph_block_is_not_body_text():
    # A gallery item is a list item, a block; the photo caption inside it is a box.
    gallery = ("<ul class='gallery'><li class='galleryitem'><img src='a.jpg'><div class='caption-full'>The mayor, "
               "left, speaks with a fisherman during a visit to the quay on Tuesday, March 5, 2024.</div></li></ul>")
    text = main_text(parse_html(article_page(wrap=lambda ps: gallery + "".join(f"<p>{p}</p>" for p in ps))))
    assert text is not None and PROSE[0] in text and "speaks with a fisherman" not in text


def test_trafilatura_gets_the_page_without_what_it_deletes_anyway_and_the_caller_keeps_it_whole(monkeypatch):
    story = " ".join(PROSE[:3])
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"articleBody\": "
            f"\"{story}\"}}</script></head><body><nav><a href='/'>Home</a></nav><div><span>Share</span></div>"
            "<aside><p>Most read today</p></aside><footer><p>Imprint</p></footer></body></html>")
    tree = parse_html(page)
    # A spy, not a stand-in: the real trafilatura runs on the tree it is handed.
    real, handed = body._trafilatura, []
    monkeypatch.setattr(body, "_trafilatura", lambda t, url, fast: handed.append(t) or real(t, url, fast=fast))
    # Nothing on the page but JSON-LD: trafilatura's rescue pass reads articleBody there.
    assert body.extract_body(tree) == story
    assert handed and all(not list(t.iter("nav", "aside", "footer")) for t in handed)
    assert [el.tag for el in tree.iter("nav", "aside", "footer", "script")] == ["script", "nav", "aside", "footer"]
    lean = body._without_discarded(tree)
    assert not list(lean.iter("nav", "aside", "footer"))
    assert [text_of(el) for el in lean.iter("div")] == ["Share"]

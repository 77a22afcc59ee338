"""marks_of: one walk over the page finds what the CSS selects it replaces found."""

from newscrawl.extract.dom import collapse_space, parse_html, select
from newscrawl.extract.marks import marks_of

PAGE = """<html><head>
<meta itemprop="datePublished" content="2024-05-17">
<meta itemprop="dateModified" content="2024-05-18">
</head><body>
<div class="Published" title="not this: CSS class words keep their case">x</div>
<div class="entry published" title="2024-05-17">May 17</div>
<span class="published">no title, not an abbr</span>
<abbr class="meta published">17 May</abbr>
<p pubdate>17.05.2024</p>
<span itemprop="author"><span itemprop="name">Jane Doe</span></span>
<span itemprop=" author">not exact</span>
<a rel="author external" href="/jane">Jane Doe</a>
<a rel="author  author" href="/jane">Jane Doe, twice in rel, once here</a>
<link rel="author" href="/john">
<a rel="category tag" href="/c/port">Port</a>
<a rel="categoryx" href="/c/no">No</a>
<div id="Byline-Box" class="Meta"><!-- a comment --></div>
</body></html>"""

SELECTS = {
    "published": '[itemprop="datePublished"], .published[title], abbr.published, [pubdate]',
    "author": '[itemprop="author"]',
    "modified": '[itemprop="dateModified"]',
    "rel author": 'a[rel~="author"]',
    "rel category": 'a[rel~="category"]',
}


def test_marks_find_what_the_css_selects_find_in_page_order():
    tree = parse_html(PAGE)
    marks = marks_of(tree)
    found = {"published": marks.published, "author": marks.prop("author"), "modified": marks.prop("dateModified"),
             "rel author": marks.rel("author"), "rel category": marks.rel("category")}
    for name, css in SELECTS.items():
        assert found[name] == select(tree, css), name
    assert [el.tag for el in marks.published] == ["meta", "div", "abbr", "p"]
    assert len(marks.rel("author")) == 2  # <a>s only, each once
    assert marks.prop("nothing") == [] and marks.rel("nothing") == []


def test_marks_keep_class_and_id_lower_cased_for_the_name_rules():
    tree = parse_html(PAGE)
    marks = marks_of(tree)
    names = dict((el.get("id"), cls) for el, cls in marks.named if el.get("id"))
    assert names == {"Byline-Box": "meta byline-box"}
    assert all(isinstance(el.tag, str) for el, _ in marks.named)
    # Every element with a class or an id, each once and in page order; none without.
    assert [el for el, _ in marks.named] == tree.xpath("//*[@class or @id]")
    only = marks_of(parse_html('<p id="Lead">a</p><p>b</p><span class="Byline">c</span><i class="">d</i>'))
    assert [cls for _, cls in only.named] == [" lead", "byline "]


def test_collapse_space_folds_every_kind_of_whitespace():
    assert collapse_space(" Jane\u00a0Doe \n\t and\u2009John\u3000Roe  ") == "Jane Doe and John Roe"
    assert collapse_space(" \n ") == ""


def test_page_behind_an_xml_declaration_parses():
    tree = parse_html('  <?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Text</p></body></html>')
    assert tree is not None and tree.findtext(".//p") == "Text"

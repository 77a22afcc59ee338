"""The page's own visible byline and date elements, away from comments, captions and boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newscrawl.extract.dom import classes, select, text_of, text_pieces
from newscrawl.extract.marks import Marks, marks_of
from newscrawl.extract.title import fold
from pipelines.bylines import POSTED_BY
from pipelines.dates import MONTH_NAMES

# Containers whose names and dates belong to something else: other stories, comments, photos.
# Matched on whole words of class/id names ("widget" or "canvas" must not match "nav"),
# because whole blogs sit inside a "widget" and whole pages inside a "has-sidebar" body.
_FOREIGN_WORDS = frozenset({
    "comment", "comments", "related", "recommended", "recommendations", "sidebar", "footer",
    "caption", "credit", "credits", "newsletter", "promo", "popular", "trending", "outbrain",
    "taboola", "breadcrumb", "breadcrumbs", "share", "sharing", "social", "advert",
    "advertisement", "ad", "ads", "subscribe", "signup", "nav", "navbar", "navigation", "menu",
    "disqus", "replies", "reply", "copyright",
})
_OTHER_STORIES = _FOREIGN_WORDS - {
    "nav", "navbar", "navigation", "menu", "caption", "credit", "credits", "share", "sharing", "social",
    "breadcrumb", "breadcrumbs", "copyright", "subscribe", "signup",
}
_FOREIGN_PHRASES = re.compile(
    r"more-?from|most-?(?:read|popular|viewed)|read-?more|also-?read|(?:next|prev|previous)-?(?:article|post|story)|"
    r"you-?may-?(?:like|also)|more-?stories|other-?articles|further-?reading|see-?also|photo-?credit"
)
_MODIFIER_PREFIXES = ("has-", "has_", "with-", "no-", "is-", "category-", "tag-", "cat-", "tags-", "post-", "page-", "single-", "layout-")
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_FOREIGN_TAGS = frozenset({"aside", "footer", "figure", "figcaption", "nav", "form", "noscript", "template"})
_BYLINE_CLASS = re.compile(r"byline|author|writer|posted-?by|contributor|reporter")
_BYLINE_SKIP = re.compile(r"avatar|image|img|photo|pic|bio|description|social|follow|twitter|email")
_DATE_CLASS = re.compile(r"publish|posted|created|date|time|dateline|timestamp")
_MODIFIED_CLASS = re.compile(r"modif|updat|edited")
_HAS_DIGIT = re.compile(r"\d")
_NOT_TEXT = frozenset({"meta", "link", "script", "style", "body", "html", "head", "title", "noscript"})
MAX_BYLINE = 200
MAX_NAME = 60  # characters of one linked name
MAX_LINKED_AUTHORS = 4
_BYLINE_SCOPE = 3  # levels above the headline that hold its By-line
# Levels above the first author element that hold all co-authors: each may sit in its own
# card (a > address > div.content > div.byline, the cards side by side in div.bylines).
_COAUTHOR_SCOPE = 4
# "By ...", "Von: ...", "Posted by ...", or after the date stamp: "06.11.2023 13:30 von Olga"; or a
# labelled name: "Autor: Jane Doe", "- Redaktion: Eberhard Fuhr".
_BYLINE_WORD = re.compile(r"(?:[\d.:/, -]*\d[\d.:/, -]*(?:Uhr\s+)?(?:by|von|par|por|door)\s"
                          rf"|(?:(?i:{POSTED_BY})|By|BY|Von|VON|Par|PAR|Por|POR|Door|DOOR)(?::|\s|$)"
                          r"|[-–|]?\s*(?:Autor(?:in)?|Author|Verfasser(?:in)?|Redaktion|Text):\s)")
# A label element's whole text, the name following it as its tail or next sibling.
_AUTHOR_LABEL = re.compile(
    r"(?i)(?:authors?|autor(?:in|en|innen)?(?:\s*/\s*autor(?:in)?)?|auteur(?:e|s)?|autore|autori|verfasser(?:in)?"
    r"|written\s+by)\s*:?"
    r"$"
)
# "By" alone, as a byline's label in an element of its own ("<span class=meta-prep-author>By
# </span>"); the name follows in the next element named like a byline ("<span class='author vcard'>").
_BY_ONLY = re.compile(r"(?i)^(?:by|von|par|por|door|posted\s+by)\s*:?$")
_AUTHOR_BOX = re.compile(r"author[-_]?(?:bio|box|info|about|card)|about[-_]?(?:the[-_]?)?author")
_NAME_HEADINGS = ("h2", "h3", "h4", "h5", "strong")
_BOX_LABEL = re.compile(r"(?i)about|über|autor|author|\bde l'auteur|sobre")
# Elements that label a field ("<dt>Author</dt>", "<strong>Datum</strong>"), and those that
# hold its value when the label's own tail does not.
_LABEL_TAGS = ("strong", "b", "dt", "th", "td", "label", "span", "em")
_VALUE_TAGS = frozenset({"dd", "td", "span", "a", "time"})
MAX_LABEL = 30  # characters; a longer "label" is a sentence
_HEADLINE_MARK = re.compile(r"[:!?\"\u201c\u201d\u201e]")
_BYLINE_STORY = 150  # characters of a paragraph's own text: the story, below any byline
_AUTHOR_HREF = re.compile(
    r"/(?P<section>authors?|autor(?:en|in)?|auteurs?|autores?|autori|people|profiles?|editors?|journalists?|"
    r"reporters?|newsteam|mitarbeiter|redakteur(?:e|in)?|contributors?|writers?|staff)"
    # A profile is named by a short slug or an id; "/people/news/star-found-dead-in-la-62257.html"
    # is a story in a section called "people".
    r"(?:/[\w%.-]+)?/(?![^/?#]*(?:[-_][^-_/?#]+){5})[\w%.-]+/?(?:[?#].*)?$",
    re.IGNORECASE,
)  # characters; longer is a bio or a paragraph, not a byline
MAX_DATE = 80
_SUB_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# A label that names the publication date field (only the label, the value is beside it).
_PUBLISHED_LABEL = re.compile(
    r"(?i)^(?:date|datum|published(?:\s+on)?|publication\s+date|date\s+published|veröffentlicht(?:\s+am)?|"
    r"erschienen(?:\s+am)?|publié\s+le|date\s+de\s+publication|publicado(?:\s+el)?|fecha|pubblicato(?:\s+il)?|"
    r"gepubliceerd(?:\s+op)?|公開日|配信日|配信開始日|発行日|掲載日|発売日|发布日期|发布时间)\s*:?$"
)
MAX_DATE_BLOCK = 200  # characters of a block beside the headline that holds its date line
MAX_DATE_OWNER = 120  # characters of the element a date line is in; a longer one is a paragraph
# A year within the first characters: the date opens the line, after at most a label or place.
_DATE_LINE = re.compile(r"^.{0,45}?(?<!\d)(?:19|20)\d\d(?!\d)|^.{0,30}?\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b", re.DOTALL)
# A dateline opening the story's first paragraph ends at a dash; the head before it is the date.
_DASH = re.compile(r"\s+[-–—]\s+")
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MAX_DATE_HEAD = 40  # characters of a dateline before its dash
# "Updated: ..." lines under a headline give the modification date, not the publication's.
_MODIFIED_LABEL = re.compile(
    r"(?i)updated|modified|edited|last\s+change|aktualisiert|\bakt\.|geändert|änderung|mis\s+à\s+jour|modifié|actualizado|aggiornat|atualizad|bijgewerkt|更新"
)
_LOWER_WORD = re.compile(r"(?<![\w-])[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]{2,}")


def foreign(el, stop=None) -> bool:
    """True when the element sits in a container that is not the article's own header/body."""
    node = el
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if (tag in _FOREIGN_TAGS and node is not el and not (_is_meta_box(node) and _in_own_article(node))
                and not (tag == "form" and node.find(".//h1") is not None)):
            # A form holding the headline is the page's layout: ASP.NET wraps whole pages in one.
            return True
        if tag in ("body", "html"):
            return False
        words = _foreign_words(classes(node))
        if words and node.find(".//h1") is None and not (words == {"footer"} and _in_own_article(node)):
            # A box holding the headline is the article's own ("header-footer-group",
            # "zen-one-sidebar-second" name a theme's layout there), not a sidebar or footer;
            # so is a box named only "footer" inside the page's own article, like <footer> there.
            return True
        if tag == "article" and node is not el:
            if _is_nested_teaser(node):
                return True
            h1 = node.find(".//h1")
            if h1 is not None:
                # Inside the page's own article the layout around it does not matter; a card of
                # another story with a linked <h1> headline is foreign.
                return _links_away(h1)
        if tag == "main" or node.get("role") == "main":
            return False
        node = node.getparent()
    return False


def _links_away(h1) -> bool:
    """An <h1> that is wholly a link, in a page with an <h1> that is not: a story card's
    headline (some themes make every card's title an <h1>), not the page's own."""
    link = h1.find("a")
    if link is None or text_of(link) != text_of(h1):
        return False
    return any(other is not h1 and other.find("a") is None for other in h1.getroottree().iter("h1"))


def _is_meta_box(box) -> bool:
    # WordPress themes put the post's meta line (author, date, tags) in a <footer> inside the
    # post's own <article>, others in an <aside class="meta"> beside the story: neither is the
    # page's footer or sidebar.
    return box.tag == "footer" or (box.tag == "aside" and "meta" in _WORD_SPLIT.split(classes(box)))


def _in_own_article(box) -> bool:
    """True when the box sits in the page's own <article>, the one holding the headline."""
    for node in box.iterancestors("article"):
        return node.find(".//h1") is not None and not _is_nested_teaser(node)
    return False


def _foreign_words(names: str) -> set[str]:
    """The words of class/id names that mark another story, comments, captions, navigation
    ("footer", "related"; a phrase such as "more-from" counts as itself); empty when none do.

    Modifier names ("has-sidebar", "category-newsletter", "with-comments") describe the page
    and are not containers of foreign content.
    """
    found: set[str] = set()
    for name in names.split():
        if name.startswith(_MODIFIER_PREFIXES):
            continue
        found.update(_FOREIGN_WORDS.intersection(_WORD_SPLIT.split(name)))
        phrase = _FOREIGN_PHRASES.search(name)
        if phrase:
            found.add(phrase[0])
    return found


def _is_nested_teaser(article) -> bool:
    # An <article> inside another <article> is a teaser of some other story.
    parent = article.getparent()
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.getparent()
    return False


def byline(root, selector: str | None = None, title: str | None = None, marks: Marks | None = None):
    """(byline text, its element): the page's visible author line. `title` finds the headline
    whose block a "By ..." line is looked for in, when nothing marks the byline. `marks`: the
    page's Marks, when the caller has them already."""
    if selector:
        for hit in select(root, selector):
            text = text_of(hit)
            if text:
                return text, None if isinstance(hit, str) else hit
    marks = marks or marks_of(root)
    for marked_authors in (marks.prop("author"), marks.rel("author")):
        names, first, scope = [], None, None
        for el in marked_authors:
            if scope is not None and not _inside(el, scope):
                continue  # a co-author sits beside the first name, not in another story's teaser
            if foreign(el):
                continue
            name_el = select(el, '[itemprop="name"]')
            name = (name_el[0].get("content") or text_of(name_el[0])) if name_el else (el.get("content") or text_of(el))
            if name and len(name) <= MAX_BYLINE and name not in names:
                names.append(name)
                if first is None:
                    first = el
                    scope = _ancestor(el, _COAUTHOR_SCOPE)
        if names:
            return ", ".join(names), first
    marked = []  # elements named like a byline, kept for the author-box pass below
    for el, cls in marks.named:
        if el.tag in _NOT_TEXT or el.tag == "img" or not _BYLINE_CLASS.search(cls):
            continue
        marked.append(el)
        if _BYLINE_SKIP.search(cls):
            continue
        text = byline_text(el)
        if text and len(text) <= MAX_BYLINE and not _is_label(text) and not foreign(el):
            return text, el
    # Links to the writers' pages ("/author/jane-doe", "/autoren/...") name them.
    names, first = [], None
    for a in root.iter("a"):
        href = _AUTHOR_HREF.search(a.get("href") or "")
        if not href or foreign(a):
            continue
        name = text_of(a)
        if name.casefold() == href.group("section").casefold():
            continue  # a menu's link to the section itself ("Reporter" -> /reporter/s-31610)
        if not name or len(name) > MAX_NAME or name in names or _HEADLINE_MARK.search(name) or _in_prose(a):
            continue  # a headline ("Star: Sad confession") or a link in the story's sentences
        names.append(name)
        first = first if first is not None else a
        if len(names) == MAX_LINKED_AUTHORS:
            break
    if names:
        return ", ".join(names), first
    for last_resort in (lambda: _labelled(root), lambda: _by_line(root, title), lambda: _author_box(marked)):
        found = last_resort()
        if found[0]:
            return found
    return None, None


def _is_label(text: str) -> bool:
    return bool(_BY_ONLY.match(text) or _AUTHOR_LABEL.match(text))


def _author_box(marked):
    """The name heading of an "about the author" box below the story ("author-bio", "author-box").

    The box's own layout words ("author-bio footer") say where it sits in the article, so only
    its ancestors must be the article's own; its first short heading that is no label names
    the writer.
    """
    for el in marked:
        if el.tag in _NOT_TEXT or not _AUTHOR_BOX.search(classes(el)):
            continue
        parent = el.getparent()
        if el.tag in _FOREIGN_TAGS or parent is None or foreign(parent):
            continue
        for heading in el.iter(_NAME_HEADINGS):
            text = text_of(heading)
            if text and len(text) <= MAX_NAME and not _BOX_LABEL.search(text):
                return text, heading
    return None, None


def _labelled(root):
    """A name after an author label in a facts list: "<strong>Autorin/Autor</strong> Roman G.",
    "<dt>Author</dt><dd>Jane Doe</dd>"."""
    return next(((name, el) for name, el in _field_values(root, _AUTHOR_LABEL) if len(name) <= MAX_NAME),
                (None, None))


def _field_values(root, label: re.Pattern) -> Iterator[tuple[str, object]]:
    """(value, label element) of each field whose label element's whole text matches `label`:
    the label's tail, else the text of the element right after it."""
    for el in root.iter(_LABEL_TAGS):
        text = (el.text or "").strip()
        if not text or len(text) > MAX_LABEL or len(el) or not label.match(text) or foreign(el):
            continue
        value = " ".join((el.tail or "").split()).lstrip(":").strip()
        if not value:
            sib = el.getnext()
            value = text_of(sib) if sib is not None and sib.tag in _VALUE_TAGS else ""
        if value:
            yield value, el


def _by_line(root, title: str | None = None):
    """A "By ..."/"Von: ..." line in the headline's block, above the story's first paragraphs.

    The last resort for pages that mark their byline neither by class nor by link: only the
    headline's neighbourhood, so a sentence opening with "Von" in the story does not count.
    """
    # The headline, else the first <h1> with text (a textless one is the site's logo).
    h1 = headline_element(root, title) if title else None
    if h1 is None:
        h1 = next((h for h in root.iter("h1") if not foreign(h) and text_of(h).strip()), None)
    if h1 is None:
        return None, None
    for el in _ancestor(h1, _BYLINE_SCOPE).iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_TEXT:
            continue
        text = el.text
        if not text:
            continue
        if el.tag == "p" and len(text) > _BYLINE_STORY:
            break  # the story has begun
        if _BYLINE_WORD.match(text.lstrip()):
            line = byline_text(el)
            if len(line) <= MAX_NAME * 2 and not foreign(el):
                return line, el
    return None, None


def _in_prose(el) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == "p" and len(parent.text or "") + len(el.tail or "") > _BYLINE_STORY // 3


def _ancestor(el, levels: int):
    """`levels` up from `el`, but not beyond its <article> (other stories sit next to it)."""
    node = el
    for _ in range(levels):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "head"):
            break
        node = parent
        if node.tag == "article":
            break
    return node


def _inside(el, scope) -> bool:
    return any(node is scope for node in el.iterancestors())


def byline_text(el) -> str:
    """Text of a byline element with names in separate elements kept apart.

    "<a>Birgit Baumann</a><a>Anna Fink</a>" reads "Birgit Baumann, Anna Fink", not one long
    name; pieces already joined by "and", "," or "By" keep their own separator.
    """
    pieces = text_pieces(el)
    if len(pieces) < 2:
        return " ".join(pieces)
    out = pieces[0]
    for piece in pieces[1:]:
        if _JOINED.search(out) or _JOINER.match(piece) or not (_NAME_END.search(out) and _NAME_START.match(piece)):
            out += " " + piece
        else:
            out += ", " + piece
    return out


_JOINED = re.compile(r"(?:[,;&/|:·•–—-]|\b(?:and|und|et|y|e|by|von|par|por|door|av|af|di|de)|\bwith)\s*$", re.IGNORECASE)
_JOINER = re.compile(r"^(?:[,;&/|:·•–—-]|(?:and|und|et|y|e)\b)", re.IGNORECASE)
_NAME_END = re.compile(r"[^\W\d_]{2,}\.?$")
_NAME_START = re.compile(r"^[^\W\d_]")


def selected_dates(root, selector: str) -> Iterator[tuple[str, str]]:
    """(date as found, origin) from what a site's own date selector picks."""
    for hit in select(root, selector):
        value = hit if isinstance(hit, str) else (hit.get("datetime") or hit.get("content") or text_of(hit))
        if value:
            yield value.strip(), "time"


def date_candidates(root, near=None, headline=None,
                    *, by_class: bool = True, marks: Marks | None = None) -> Iterator[tuple[str, str]]:
    """(date as found, origin) from the page's own elements, most trustworthy first.

    `near`: the byline element; short texts around it are the article's own date line.
    `headline`: the headline element; a short date line right above or below it is the
    article's own ("Hamburg, 2. November 2021" under the <h1>, "24. April 2020 | Press" above).
    `by_class=False` leaves out elements found only by a date-like class name, anywhere on
    the page. `marks`: the page's Marks, when the caller has them already.
    """
    marks = marks or marks_of(root)
    for el in marks.published:
        value = el.get("content") or el.get("datetime") or el.get("title") or text_of(el)
        if value and not foreign(el):
            yield value.strip(), "time" if el.tag == "time" else "meta" if el.tag == "meta" else "byline"
    times = [t for t in root.iter("time", "relative-time")
             if (t.get("datetime") or "").strip() and not foreign(t) and not _in_site_header(t)]
    # The publication stamp, not the "updated" one, when the page marks which is which.
    times.sort(key=lambda t: bool(_MODIFIED_CLASS.search(classes(t) + " " + _parent_classes(t))))
    for t in times:
        yield t.get("datetime").strip(), "time"
    for el, cls in marks.named if by_class else ():
        if el.tag in _NOT_TEXT or not _DATE_CLASS.search(cls) or _MODIFIED_CLASS.search(cls):
            continue
        text = text_of(el)
        if (text and len(text) <= MAX_DATE and _HAS_DIGIT.search(text) and not foreign(el) and not _in_teaser_title(el)
                and not _in_site_header(el)):
            yield text, "byline"
            # A date widget puts day, month and year in elements of their own, nothing between:
            # "<span class=date>Mai<span>06</span>2018</span>" reads "Mai062018".
            spaced = " ".join(text_pieces(el))
            if spaced != text:
                yield spaced, "byline"
            if not _YEAR.search(text):
                # ... or in elements side by side: "<span class=date>Jan 04</span>
                # <span class=time>09:34 2021</span>", and only their holder reads as a date.
                whole = " ".join(text_pieces(el.getparent()))
                if len(whole) <= MAX_DATE and _YEAR.search(whole):
                    yield whole, "byline"
    if headline is not None:
        yield from _under_headline(headline)
    if near is not None:
        yield from _near(near)
    yield from _labelled_dates(root)
    if headline is not None:
        yield from _dateline(headline)


def _labelled_dates(root) -> Iterator[tuple[str, str]]:
    """Values of a field labelled as the publication date: <dt>Datum</dt><dd>..</dd>,
    <th>Published</th><td>..</td>, <strong>Erschienen am</strong> 01.11.2023."""
    for value, _ in _field_values(root, _PUBLISHED_LABEL):
        if len(value) <= MAX_DATE and _HAS_DIGIT.search(value):
            yield value, "byline"


def _dateline(h1, paragraphs: int = 3) -> Iterator[tuple[str, str]]:
    """A dateline opening the story: one of the first paragraphs after the headline that is
    only a date ("<p>January 18, 2020</p>", wire copy pasted into a CMS) or opens with one
    before a dash ("27.1.2022 - Bei der ..."). Only that head is read, never the prose after it."""
    for p in h1.xpath("following::p[normalize-space()][position() <= $n]", n=paragraphs):
        if foreign(p):
            continue
        head = _DASH.split(text_of(p), maxsplit=1)[0]
        if (len(head) <= MAX_DATE_HEAD and _DATE_LINE.match(head) and _names_a_day(head)
                and not _reads_as_prose(head) and not _MODIFIED_LABEL.search(head)):
            yield head, "byline"
            return


def _names_a_day(text: str) -> bool:
    # "18.1.2022", "January 18, 2020": a day, not a year alone ("2020 - ein Jahr ...").
    return len(_NUMBER.findall(text)) >= 2 or any(w in MONTH_NAMES for w in text.lower().split())


def _in_teaser_title(el) -> bool:
    # A date inside an <h2>..<h6> ("Ukraine aktuell <span class=date>24.04.2023</span>") dates
    # the story that heading links to; the page's own date line is not part of a sub-heading.
    return any(a.tag in _SUB_HEADINGS for a in el.iterancestors())


def _in_site_header(el) -> bool:
    # The site's banner shows today's date or edition ("lun. 5 août 2019 · Édition du matin"),
    # which is the day the page was saved; the article's own <header> holds the <h1> or sits in
    # the <article>.
    banner = False
    for a in el.iterancestors():
        if a.tag == "article":
            return False
        banner = banner or ((a.tag == "header" or a.get("role") == "banner") and a.find(".//h1") is None)
    return banner


def _near(el, levels: int = 3) -> Iterator[tuple[str, str]]:
    """Short texts with digits in the byline's container (the "By X | March 3, 2021" line)."""
    node = el
    for _ in range(levels):
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "article", "main"):
            return
        for text in text_pieces(node):
            # "Letzte Änderung: 31.10.2023" beside "Erschienen am: 01.11.2023" is the other date.
            if 6 <= len(text) <= MAX_DATE and _HAS_DIGIT.search(text) and not _MODIFIED_LABEL.search(text):
                yield text, "byline"


def headline_element(root, title: str | None):
    """The page's own <h1>: the one that reads as the title, else the first outside boxes."""
    wanted = fold(title) if title else None
    first = None
    for h1 in root.iter("h1"):
        if foreign(h1):
            continue
        text = fold(text_of(h1))
        if wanted and text and (text == wanted or wanted.startswith(text) or text.startswith(wanted)):
            return h1
        if first is None and len(text.split()) >= 3:  # a logo <h1> is the site's name
            first = h1
    if wanted:
        # Themes that keep the <h1> for the logo or the section ("News") set the headline in
        # an <h2> or <h3>: the one that reads as the title exactly.
        sub = next((h for h in root.iter("h2", "h3") if fold(text_of(h)) == wanted and not foreign(h)), None)
        if sub is not None:
            return sub
    return first


def _under_headline(h1, reach: int = 2) -> Iterator[tuple[str, str]]:
    """Short date lines among the headline's nearest siblings, and its container's.

    Only pieces that begin with (or after a short label or place name, begin with) a date,
    and that do not read as a sentence: the story's first paragraph may sit right there.
    """
    node = h1
    for _ in range(2):  # the <h1>'s siblings, then those of its header/container
        for sib, below in _siblings(node, reach):
            if sib.tag in _FOREIGN_TAGS or _holds_other_stories(classes(sib)):
                continue
            # Only the block's text nearest to the headline: further on it is the story.
            pieces = list(_texts(sib))
            seen = 0
            for i in range(len(pieces)) if below else reversed(range(len(pieces))):
                text, owner = pieces[i]
                # "<label>Letzte Änderung:</label> <div>14.01.2022</div>": the label is a piece of its own.
                label = pieces[i - 1][0] if i else ""
                if (6 <= len(text) <= MAX_DATE and _DATE_LINE.match(text) and not _reads_as_prose(text)
                        and not _MODIFIED_LABEL.search(text) and len(text_of(owner)) <= MAX_DATE_OWNER
                        and not (len(label) <= MAX_LABEL and _MODIFIED_LABEL.search(label))):
                    yield text, "byline"  # its own element: a piece of a paragraph is prose
                seen += len(text)
                if seen > MAX_DATE_BLOCK:
                    break
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "article", "main"):
            return


def _texts(el) -> Iterator[tuple[str, object]]:
    """(folded text piece, element it belongs to), without figures, captions and asides."""
    if el.text and el.text.strip():
        yield " ".join(el.text.split()), el
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _FOREIGN_TAGS and child.tag not in _NOT_TEXT:
            yield from _texts(child)
        if child.tail and child.tail.strip():
            yield " ".join(child.tail.split()), el


def _holds_other_stories(names: str) -> bool:
    # Next to the headline, "nav", "caption" or "share" name the header's layout rows (the
    # date line sits in a "meta nav" list or a "paragraph__caption"): only containers of
    # other stories and comments are foreign there.
    return any(not _OTHER_STORIES.isdisjoint(_WORD_SPLIT.split(name)) or _FOREIGN_PHRASES.search(name)
               for name in names.split() if not name.startswith(_MODIFIER_PREFIXES))


def _siblings(el, reach: int) -> list:
    after, before = [], []
    sib = el.getnext()
    while sib is not None and len(after) < reach:
        if isinstance(sib.tag, str) and sib.tag not in _NOT_TEXT:
            after.append(sib)
        sib = sib.getnext()
    sib = el.getprevious()
    while sib is not None and len(before) < reach:
        if isinstance(sib.tag, str) and sib.tag not in _NOT_TEXT:
            before.append(sib)
        sib = sib.getprevious()
    # A date line is more often below the headline than above it.
    return [(sib, True) for sib in after] + [(sib, False) for sib in before]


def _reads_as_prose(text: str) -> bool:
    # Several lower-case words (month names aside) make a sentence, not a date line.
    words = [w for w in _LOWER_WORD.findall(text) if w not in MONTH_NAMES]
    return len(words) >= 3


def _parent_classes(el) -> str:
    parent = el.getparent()
    return classes(parent) if parent is not None else ""


def find_modified(root, marks: Marks | None = None) -> str | None:
    for el in (marks or marks_of(root)).prop("dateModified"):
        value = el.get("content") or el.get("datetime") or text_of(el)
        if value:
            return value.strip()
    return None

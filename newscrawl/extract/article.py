"""extract_article: what one HTML page says about itself (structured data, then meta, then elements)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscrawl.extract import meta as m
from newscrawl.extract.body import extract_body, keep_structured
from newscrawl.extract.dom import drop_scripts, parse_html, select_text, text_of
from newscrawl.extract.elements import MAX_BYLINE, byline, find_modified, foreign
from newscrawl.extract.jsonld import read_jsonld
from newscrawl.extract.marks import Marks, marks_of
from newscrawl.extract.published import DATE_SPAN, MAX_DATE_RAW, DatePage, publication_date
from newscrawl.extract.title import find_title, fold
from newscrawl.extract.urls import absolute
from pipelines.bylines import names_site, parse_byline
from pipelines.text import text_size

MIN_ARTICLE_TEXT = 400  # characters of body that make a page without structured data an article
MIN_DATED_TEXT = 150  # ... or fewer when the page shows a byline or a publication date
_DOMAIN = re.compile(r"(?i)\b[\w-]+\.(?:com|net|org|de|at|ch|fr|es|it|nl|be|lu|uk|co|jp|tr|ru|info|online|news)\b")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?=$|[-_])")


@dataclass
class Extracted:
    url: str | None = None
    title: str | None = None
    text: str = ""
    authors_raw: list[str] = field(default_factory=list)
    byline_raw: str | None = None
    date_raw: str | None = None
    date_origin: str | None = None
    modified_raw: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    is_article: bool = False


def extract_article(html: str, url: str | None = None, *, selectors: dict | None = None) -> Extracted:
    tree = parse_html(html)
    if tree is None:
        return Extracted(url=url)
    return extract_from_tree(tree, url, selectors=selectors)


def extract_from_tree(tree, url: str | None = None, *, selectors: dict | None = None) -> Extracted:
    out, structured_body = read_metadata(tree, url, selectors=selectors)
    add_body(out, tree, out.url or url, selectors or {}, structured_body)
    return out


def read_metadata(tree, url: str | None = None, *, selectors: dict | None = None) -> tuple[Extracted, str | None]:
    """Everything but the body, and JSON-LD's articleBody as the body's fallback.

    is_article says here only what the markup declares (JSON-LD type, og:type); page_items
    decides listing vs article on it before paying for the body.
    """
    sel = selectors or {}
    ld = read_jsonld(tree)
    drop_scripts(tree)
    marks = marks_of(tree)  # for the lookups below; nothing changes the tree after this
    meta = m.read_meta(tree)
    out = Extracted()
    out.url = canonical_url(tree, meta, ld, url)
    base = out.url or url
    out.title = select_text(tree, sel.get("title")) or find_title(tree, meta, ld.headline if ld else None, url=base,
                                                                trusted=bool(ld and ld.is_article))
    out.authors_raw = _people([ld.authors] if ld and ld.authors else m.author_fields(meta), meta, ld, base)
    out.byline_raw, byline_el = byline(tree, sel.get("byline"), out.title, marks)
    out.authors_raw = _as_the_page_shows(out.authors_raw, meta, ld, base, out.byline_raw, byline_el)
    out.language = _language(tree, meta, ld)
    out.modified_raw = (ld.modified if ld else None) or m.first(meta, m.MODIFIED) or find_modified(tree, marks)
    languages = tuple(dict.fromkeys(x for x in (out.language, "en") if x))
    page = DatePage(tree, marks, meta, languages, byline_el, out.title, (base, url))
    out.date_raw, out.date_origin = publication_date(page, ld, sel.get("date"), out.modified_raw)
    out.description = (ld.description if ld else None) or m.first(meta, m.DESCRIPTIONS)
    out.categories = _categories(marks, meta, ld)
    og_type = (m.first(meta, ("og:type",)) or "").lower()
    out.is_article = bool(ld and ld.is_article) or og_type == "article"
    return out, (ld.body if ld else None)


def add_body(out: Extracted, tree, url: str | None, selectors: dict, fallback: str | None = None) -> None:
    """The body, and whether its size makes the page an article."""
    text = _without_top_lines(extract_body(tree, url, selectors.get("body")), out)
    if fallback and text and not selectors.get("body"):
        text = keep_structured(text, fallback)
    out.text = text or (fallback or "").strip()
    out.is_article = out.is_article or text_size(out.text) >= MIN_ARTICLE_TEXT or (
        text_size(out.text) >= MIN_DATED_TEXT and bool(out.byline_raw or out.date_origin not in (None, "url")))


def canonical_url(tree, meta, ld, url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found = absolute(link.get("href"), url)
            if found:
                return found
    for candidate in (m.first(meta, ("og:url",)), ld.url if ld else None):
        found = absolute(candidate, url)
        if found:
            return found
    return url


def _author_keys(values, *, structured: bool = True) -> set[str]:
    """The person names in author values or byline texts, folded for comparison."""
    return {fold(n) for v in values for n in parse_byline(v, structured=structured).authors}


def _people(fields, meta, ld, url: str | None) -> list[str]:
    """Structured author names without the site itself ("Salzburger Nachrichten", "mdr.de").

    Many CMSs fill the author field with the publication's name when no person wrote it;
    that is the outlet, and the next author field or the visible byline may still name the
    person.  `fields`: lists of names, most trusted first; the first with a name left wins.
    """
    site_names = {fold(n) for n in (m.first(meta, ("og:site_name", "application-name")),
                                    ld.publisher if ld else None) if n}
    for names in fields:
        kept = []
        for name in names:
            key = fold(name)
            first_part = key.split(",")[0].strip()
            if key in site_names or first_part in site_names or _DOMAIN.search(name):
                continue
            if names_site(name, url):
                continue
            kept.append(name)
        if kept:
            return kept
    return []


def _as_the_page_shows(fields: list[str], meta, ld, url: str | None, raw: str | None, el) -> list[str]:
    """The structured authors, corrected by the fuller lists the page itself gives: the author
    meta fields and the author markup (itemprop="author", rel="author") around the byline.

    - A list naming every structured author and more is the whole team: some CMSs put only
      the first of several authors in JSON-LD.
    - A marked-up byline and an author meta naming the same people, none of them JSON-LD's,
      overrule it: SEO plugins give JSON-LD the account that posted the story (a producer).
    Free-text bylines count for neither: they carry page words too often.
    """
    if not fields:
        return fields
    have = _author_keys(fields)
    teams = [[n for v in _people([values], meta, ld, url) for n in parse_byline(v, structured=True).authors]
             for values in m.author_fields(meta)]
    shown = list(parse_byline(raw).authors) if raw and _marked_author(el) else []
    keys = {fold(n) for n in shown}
    if ld and ld.authors and keys and not keys & have and any({fold(n) for n in t} == keys for t in teams):
        return shown
    for team in [*teams, shown]:
        if have < {fold(n) for n in team}:
            return fields + list(dict.fromkeys(n for n in team if fold(n) not in have))
    return fields


def _marked_author(el) -> bool:
    return el is not None and (el.get("itemprop") == "author" or "author" in (el.get("rel") or "").split())


def _categories(marks: Marks, meta, ld) -> list[str]:
    if ld and ld.sections:
        return list(dict.fromkeys(ld.sections))
    sections = m.all_of(meta, m.SECTIONS)
    if sections:
        return sections
    links = [text_of(a) for a in marks.rel("category") if not foreign(a)]
    return list(dict.fromkeys(t for t in links if t))


def _language(tree, meta, ld) -> str | None:
    for value in (ld.language if ld else None, tree.get("lang"), tree.get("xml:lang"), m.first(meta, m.LANGUAGES)):
        found = _LANG.match(value or "")
        if found:
            return found.group(0).lower()
    return None


TOP_LINES = 3  # first paragraphs where an extractor leaves the headline, byline and date line
DATE_LINE_LETTERS = 20  # letters beside the date in a date line ("Stand: ... Uhr", "Publicado: Jueves, ...")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[^\W\d_][.!?。！？]\s*$")


def _without_top_lines(text: str, out: Extracted) -> str:
    """The story starts below its headline, byline and date line, which extractors often keep
    as its first paragraphs. These go:
    - the headline as the first paragraph, also run together with the kicker or breadcrumb above
      it ("Umbau des Weissen Hauses Trump plant ..."): it ends with the title after less text than
      the title has (a sentence of the story that ends with those words is longer). Further down,
      a paragraph like the title is the story's own (a subheading that repeats it);
    - among the next TOP_LINES, the byline ("von Manuela Conrad", "By Jane Doe, Frankfurt"): a
      short paragraph naming people, all of them the article's authors; and the date line
      ("Stand: 26.04.2024, 20:44 Uhr"): a date and hardly a word more, not a sentence."""
    if not text:
        return text
    names = _author_keys(out.authors_raw) | _author_keys([out.byline_raw], structured=False)
    paragraphs = text.split("\n\n")
    if _is_headline(paragraphs[0], out.title):
        paragraphs = paragraphs[1:]
    head = [p for p in paragraphs[:TOP_LINES] if not (_names_only(p, names) or _date_only(p))]
    return "\n\n".join(head + paragraphs[TOP_LINES:])


def _is_headline(paragraph: str, title: str | None) -> bool:
    head, line = fold(title), fold(paragraph)
    return bool(head) and line.endswith(head) and len(line) - len(head) < len(head)


def _names_only(paragraph: str, names: set[str]) -> bool:
    if not names or len(paragraph) > MAX_BYLINE:
        return False
    shown = _author_keys([paragraph], structured=False)
    return bool(shown) and shown <= names


def _date_only(paragraph: str) -> bool:
    # Stricter than the date-line shape elements._under_headline looks for (a year early on, few
    # lower-case words): beside the headline the position vouches for the line; in the body that
    # shape would take subheadings too ("Wann sind die Eisheiligen 2024?").
    if len(paragraph) > MAX_DATE_RAW or _SENTENCE_END.search(paragraph) or not DATE_SPAN.search(paragraph):
        return False  # "Am 26.04.2024 stimmte der Rat ab." is a sentence of the story
    return len(_LETTER.findall(DATE_SPAN.sub("", paragraph))) <= DATE_LINE_LETTERS

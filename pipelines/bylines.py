"""Byline normalization: raw byline text -> person names, outlet, role, column.

`parse_byline` is pure (standard library only) and runs once per article, so every regex is
compiled once at import time.  The parse goes in three passes:

1. Clean the whole string: normalize Unicode, quotes and spaces; cut out e-mails, handles,
   photo/editing credits, "Updated ..." stamps, dates and read times; pull out a quoted
   "<Name>" column; drop the page words in front of the leading "By".
2. Split what is left into segments on the author separators (",", ";", " and ", "&", "/",
   " with ", "|", parentheses, dashes).
3. In each segment take out outlets, then labels and roles; whatever remains must pass
   `_person_name` to count as an author.  When in doubt a fragment is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit
from dataclasses import dataclass

from pipelines.dates import MONTH_NAMES


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    role: str | None = None
    column: str | None = None


# --------------------------------------------------------------------------------------------
# Word lists (all the vocabulary lives here)
# --------------------------------------------------------------------------------------------

# Outlets and agencies matched by name, returned in this spelling.  Each is matched as written
# or in upper case, so "REUTERS" and "dpa"/"DPA" work but a person called "Pa" or "Ap" does not.
KNOWN_OUTLETS = (
    "The Associated Press", "Associated Press", "AP", "Thomson Reuters", "Reuters",
    "Agence France-Presse", "Agence France Presse", "AFP", "Xinhua", "Bloomberg", "dpa",
    "PA", "UPI", "United Press International", "EFE", "ANSA", "Kyodo", "Yonhap", "TASS",
    "CNN", "BBC", "NPR", "CNBC", "Al Jazeera", "The Guardian", "Guardian", "The Observer",
    "The Economist", "USA Today", "Politico", "Axios", "Sputnik", "RIA Novosti", "Interfax",
    "Anadolu", "Bernama", "Antara", "IANS", "PTI", "CGTN", "NHK", "ABC", "CBS", "NBC",
    # European agencies, papers and broadcasters that sign articles
    "Deutsche Presse-Agentur", "Deutsche Welle", "APA", "SDA", "Keystone-SDA", "KNA", "epd",
    "SID", "AFP Deutschland", "ANP", "Belga", "NTB", "Ritzau", "Europa Press", "Adnkronos",
    "Lusa", "Le Monde", "Le Figaro", "Libération", "Les Echos", "El País", "El Mundo",
    "Der Spiegel", "DER SPIEGEL", "Die Zeit", "Die Welt", "ZDF", "ARD", "ORF", "SRF", "NDR",
    "WDR", "MDR", "SWR", "RBB", "Jiji",
)

# "<X> Daily", "<X> Times", ...: a capitalized phrase ending in one of these is an organisation.
OUTLET_KEYWORDS = (
    "Daily", "Times", "Post", "News", "Newspaper", "Agency", "Press", "Wire", "Herald",
    "Journal", "Tribune", "Gazette", "Media", "Telegraph", "Chronicle", "Magazine", "Weekly",
    "Monitor", "Network", "Radio", "Broadcasting", "Review", "Planet",
)

# Acronyms kept upper case when an upper-case outlet is title-cased ("BBC NEWS" -> "BBC News").
ACRONYMS = frozenset({
    "AP", "AFP", "BBC", "CNN", "UPI", "EFE", "ANSA", "TASS", "PA", "NPR", "CNBC", "USA",
    "US", "UK", "UN", "EU", "ABC", "CBS", "NBC", "NHK", "CGTN", "IANS", "PTI", "RIA", "SCMP",
})

# Nouns that make a role, and the words allowed in front of them ("senior political editor").
ROLE_NOUNS = (
    "correspondent", "reporter", "writer", "editor", "columnist", "journalist", "contributor",
    "producer", "analyst", "commentator", "photographer", "photojournalist", "critic", "chief",
    "anchor", "host", "presenter", "researcher", "intern", "blogger", "stringer", "reviewer",
    # German ones, also the end of compounds ("SPIEGEL-Korrespondent", "FOCUS-Online-Experte")
    "redakteur", "redakteurin", "chefredakteur", "chefredakteurin", "korrespondent",
    "korrespondentin", "reporterin", "journalistin", "kolumnist", "kolumnistin", "experte",
    "expertin", "volontär", "volontärin", "mitarbeiter", "mitarbeiterin",
    # a spokesperson signs the press releases that news and association sites republish
    "spokesperson", "spokesman", "spokeswoman", "sprecher", "sprecherin", "pressesprecher",
    "pressesprecherin",
)
ROLE_MODIFIERS = (
    "senior", "chief", "deputy", "associate", "assistant", "executive", "managing",
    "contributing", "special", "staff", "foreign", "affairs", "political", "politics",
    "economics", "economic", "business", "finance", "financial", "sports?", "science",
    "health", "technology", "tech", "diplomatic", "investigative", "national", "international",
    "legal", "global", "education", "environment(?:al)?", "climate", "culture", "cultural",
    "arts?", "entertainment", "defen[cs]e", "security", "crime", "metro", "local", "regional",
    "digital", "video", "data", "news", "features?", "opinion", "bureau", "lead", "principal",
    "general", "field", "freelance", "visiting", "guest", "white house", "middle east",
    "world", "city", "copy", "photo", "wire", "markets?", "energy", "travel", "food",
    "fashion", "music", "film", "books?", "religion", "medical", "courts?", "investigations",
    "community", "social media", "night", "weekend", "sunday", "home affairs",
    "europe(?:an)?", "asia", "africa(?:n)?", "china", "u\\.?s\\.?", "uk", "washington",
    "london", "beijing",
)

# Labels that stand for the newsroom, not a person: no author, no role.
LABELS = (
    "staff", "newsroom", "editorial board", "editorial team", "editorial", "web desk",
    "news desk", "city desk", "metro desk", "foreign desk", "sports desk", "business desk",
    "online desk", "digital desk", "world desk", "desk", "team",
    # the same in the other languages news pages are often in
    "redaktion", "rédaction", "redacción", "redazione", "redactie", "redaksjonen",
)

HONORIFICS = ("dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev")

# Lower-case name particles ("Ludwig van Beethoven", "Oscar de la Hoya").
PARTICLES = frozenset({
    "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "della", "des",
    "dos", "das", "do", "ter", "ten", "bin", "binti", "bint", "ibn", "al", "el", "y", "zu",
    "af", "av",
})

# Words at the edge of a fragment that are simply dropped ("of the", "correspondent for").
CONNECTORS = frozenset({
    "the", "of", "for", "at", "from", "by", "to", "with", "our", "a", "and", "via", "on", "&",
})

# Words that never occur in a person name here: sentence words, page furniture, section
# names, outlet keywords and role nouns.  A fragment containing one is not a name.
NON_NAME_WORDS = frozenset({
    "the", "this", "that", "these", "those", "of", "for", "and", "or", "with", "from", "by",
    "to", "at", "is", "are", "was", "were", "has", "have", "had", "will", "would", "said",
    "says", "here", "click", "about", "via", "our", "your", "their", "my",
    "share", "print", "listen", "follow", "subscribe", "newsletter", "email", "e-mail",
    "contact", "twitter", "facebook", "instagram", "linkedin", "comments", "comment", "read",
    "more", "updated", "published", "posted", "ago", "hours", "minutes", "min",
    "advertisement", "sponsored", "photo", "photos", "image", "images", "getty",
    "shutterstock", "istock", "video", "videos", "world", "culture", "opinion", "politics",
    "business", "sport", "sports", "analysis", "commentary", "editorial", "exclusive", "live",
    "breaking", "special", "features", "feature", "lifestyle", "entertainment", "home",
    "latest", "trending", "bureau", "desk", "newsroom", "team", "author", "authors", "byline",
    "contributors", "staff", "service", "agencies", "wires", "correspondents", "reporters",
    # German, French, Spanish... page words that show up next to bylines
    "redaktion", "autor", "autorin", "quelle", "uhr", "stand", "veröffentlicht",
    "aktualisiert", "foto", "fotos", "bild", "mehr", "nachrichten", "agencias", "agences",
    "rédaction", "redacción", "redazione", "nachrichtenagentur", "presseagentur", "agentur",
    "kommentare", "kommentar", "datum", "admin", "administrator", "view", "sign", "ihre",
    "责任编辑", "責任編集",
    # CJK role and label words ("記者" reporter, "著者" author, "기자" reporter)
    "記者", "著者", "作者", "翻訳者", "编辑", "撮影", "写真", "イラスト", "기자", "외", "フォロー",
    *(kw.lower() for kw in OUTLET_KEYWORDS),
    *ROLE_NOUNS,
})

MONTHS = MONTH_NAMES  # English and the common European languages, from the date parser


# --------------------------------------------------------------------------------------------
# Precompiled patterns
# --------------------------------------------------------------------------------------------

def _alt(words) -> str:
    """Regex alternation, longest first so that "Associated Press" wins over "AP"."""
    return "|".join(sorted(words, key=len, reverse=True))


_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    # A line break separates parts of scraped bylines ("Jane Doe\nReuters").
    "\n": " | ", "\r": " ", "\t": " ",
})
_SPACES = re.compile(r"\s+")

# "Jane DoeUpdated 3 hours ago", "WorldBy Li Jie": a page word glued onto the byline.
_GLUE = re.compile(r"(?<=[a-z])(?=(?:Updated|Published|Posted|By)\b)")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w.])@\w{1,30}")

# A quoted name followed by "column" is a column, never a person.
_COLUMN = re.compile(r"(?P<q>[\"'])(?P<name>[^\"']{1,60}?)(?P=q)\s+(?i:column)\b")

_SOCIAL = re.compile(
    r"(?i)\b(?:follow(?:\s+(?:her|him|them|me|us))?(?:\s+on\s+\w+)?"
    r"|on\s+(?:twitter|x|instagram|facebook|threads|bluesky|linkedin)"
    r"|twitter|e-?mail(?:\s+(?:her|him|me))?|contact)\b:?"
)
# Credits for photos, graphics or editing name people who did not write the article.  A credit
# runs to the next "By" (a real byline may follow it) or to the end.
_NEXT_BY = r"(?=(?-i:\bBy\s|\bBY\s)|$)"
_CREDIT = re.compile(
    r"(?i)\b(?:photo(?:graph)?s?|photography|images?|pictures?|pics?|illustrations?"
    r"|graphics?|videos?|cartoon|editing|edited|produced|translated|translation|design)"
    r"\s*(?:by\b|:|/|credits?\b|$).*?" + _NEXT_BY
)
# "Updated 3 hours ago", "Published 10:00 AM ET", but not "Posted by Jane Doe".  A stamp ends
# at any "by": "Posted on May 3, 2020 by Jane Doe" names her after the date.
_STAMP = re.compile(
    r"(?i)\b(?:last\s+|first\s+)?(?:updated|published|posted|modified)\b(?!\s*:?\s*by\b)"
    r".*?(?=\bby\s|$)"
)
# Secondary reporting credits become plain separators ("...; additional reporting by X").
_CONTRIB = re.compile(
    r"(?i)\b(?:(?:with|and)\s+)?(?:additional\s+)?(?:reporting|writing)\s+(?:by|from)\b"
    r"|\bcontributed\s+to\s+this\s+(?:report|story|article)\b"
    r"|\b(?:authors?|byline|contributors?)\s*:"
)
_READ_TIME = re.compile(r"(?i)\b\d+\s*-?\s*min(?:ute)?s?\.?(?:\s+read\b|(?![\w-]))")
_AGO = re.compile(
    r"(?i)\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
)
_DATE = re.compile(
    r"(?i)\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b"
    rf"|\b(?:{_alt(MONTHS)})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{_alt(MONTHS)})\b\.?(?:,?\s+(?:de\s+)?\d{{4}})?"
    r"|\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,4})\b)?"
)

# Cheap gates: a case-sensitive search of lower-cased text is several times faster than the
# IGNORECASE patterns above, so a plain "By Li Jie" skips most of the work.
_NOISE_HINT = re.compile(
    "follow|twitter|mail|contact|on x|instagram|facebook|threads|bluesky|linkedin|photo|image"
    "|picture|pic|illustration|graphic|video|cartoon|edit|produced|translat|design|updated"
    "|published|posted|modified|reporting|writing|contributed|author|byline|contributor"
)
_DIGIT = re.compile(r"\d")

_LEAD_BY = re.compile(r"(?<![^\W\d_])(?:by|By|BY)(?![\w'-])\s*:?")
_LEAD_FROM = re.compile(r"(?i)^\s*from\s+")
# "Von Jane Doe", "Par Jean Dupont", "capital, von Jemima Kelly": "by" in other languages.
# Only at the start or after the first separator: mid-name "von" is a particle.
_LEAD_FOREIGN = re.compile(r"^(?:[^,|:]{0,40}[,|:]\s*)?(?:von|Von|VON|par|Par|PAR|por|Por|POR|door|Door|av|Av|af|Af)\s*:?\s+"
                           r"(?=[^\W\d_a-zß-ÿ])")  # followed by a capital (or caseless) letter
_MAX_LEAD_WORDS = 3
# "Posted by", "Gespeichert von", "Publié par": the CMS's verb for the byline, in any language
# (a pattern without flags: the page's byline finder matches it too).
POSTED_BY = (r"(?:posted|submitted|written|gespeichert|geschrieben|verfasst|eingestellt|publié|écrit|escrito"
             r"|publicado|pubblicato|scritto)\s+(?:by|von|par|por|da)\b")
_POSTED_BY = re.compile(rf"(?i)^\s*{POSTED_BY}\s*:?\s*")
# The word that led into a date cut out of the line ("Jane Doe on Mon, |", "Jane Doe am |", "@ |"),
# in lower case: "Tom Le" ends in a name.
_DATE_LEAD = re.compile(r"\s+(?:on|am|le|el|il|op|den|at|@)(?:\s+[^\W\d_]{2,10}\.?,?)?\s*(?=\||$)")
# The label of a link to the writer's other posts ("View all posts by Jane Doe", "Zeige alle
# Beiträge von Petra Ruland", "Alle Beiträge von X anzeigen", "Alles von X", "Plus d'articles
# de X"): the name is the author's.
_ALL_POSTS = re.compile(
    r"(?i)^\s*(?:(?:(?:view|see|show|browse|zeige|alle|all|tous|todos|tutti|more|mehr|weitere|plus\s+d')\s*"
    r"(?:the\s+|les\s+|los\s+|gli\s+)?)+"
    r"(?:posts?|articles?|stories|entries|beiträge|artikel|einträge|artículos|articoli)\s+|(?:alles|mehr|more)\s+)"
    r"(?:by|von|de|par|por|di|from)\s+(?P<name>.+?)(?:\s+anzeigen)?\s*$"
)

_SEPARATORS = re.compile(
    r"\s*(?:[,;|/()\[\]\u2022\u00b7\u3001\uff0c]|[\u2013\u2014]+|\s-+\s|:(?!\d))\s*"
    r"|\s+(?:(?i:and|with|und|et|og|och|en)|&|\+)\s+"
)

# Known names are taken out before the generic "<X> Times" shape, so a generic match cannot
# swallow the name in front of a known one ("JANE DOE Associated Press Writer").
_OUTLET_WORD = r"(?!The\b|THE\b)[A-Z][\w'.&-]*"
_OUTLET_KW = _alt([k for kw in OUTLET_KEYWORDS for k in (kw, kw.upper())])
_OUTLET_KNOWN = _alt(re.escape(o) for name in KNOWN_OUTLETS for o in {name, name.upper()})
# "People's Daily newspaper" -> "People's Daily"; "Reuters' John Smith" -> "Reuters".
_OUTLET_TAIL = r"(?:\s+(?i:newspaper))?(?:'s|')?(?![\w-])"
_KNOWN_OUTLET = re.compile(
    # "more": "Bloomberg News", "Xinhua News Agency", "PA Media"
    rf"(?<![\w-])(?P<known>{_OUTLET_KNOWN})(?P<more>(?:\s+(?:{_OUTLET_KW})){{0,2}}){_OUTLET_TAIL}"
)
_GENERIC_OUTLET = re.compile(
    rf"(?<![\w-])(?P<generic>(?:(?:The|THE)\s+(?:{_OUTLET_WORD}\s+){{0,4}}"
    rf"|(?:{_OUTLET_WORD}\s+){{1,4}})(?:{_OUTLET_KW})){_OUTLET_TAIL}"
)
_KNOWN_CANONICAL = {name.upper(): name for name in KNOWN_OUTLETS}
_ENDS_WITH_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.\s+$")

# Written in lower case and run on lower-cased text (much faster than IGNORECASE);
# _ROLE_ANYCASE is the fallback for the rare text whose lower-casing changes its length.
_ROLE_SOURCE = (
    rf"(?<![\w-])(?P<role>(?:[\w.]+-)*(?:(?:{_alt(ROLE_MODIFIERS)})\s+){{0,4}}(?:{_alt(ROLE_NOUNS)}))"
    r"(?P<plural>s)?(?P<suffix>-in-chief|\s+in\s+chief|-at-large|\s+at\s+large)?(?![\w-])"
)
_ROLE = re.compile(_ROLE_SOURCE)
_ROLE_ANYCASE = re.compile(_ROLE_SOURCE, re.IGNORECASE)
_ROLE_HINT = re.compile("|".join(ROLE_NOUNS))
_LABEL_HINT = re.compile("staff|newsroom|editorial|desk|team")
_LABEL_ALT = _alt(label.replace(" ", r"\s+") for label in LABELS)
# "Staff" is a label, but "Staff Writer" is a role.
_LABEL = re.compile(
    rf"(?i)(?<![\w-])(?:{_LABEL_ALT})(?![\w-])(?!\s+(?:{_alt(ROLE_NOUNS)})s?(?![\w-]))"
)

_HONORIFIC = re.compile(rf"(?i)^(?:(?:{_alt(HONORIFICS)})\.?\s+)+")
_LOCATION = re.compile(r"(?:^|\s)(?:in|IN)\s.*$")  # "Jane Doe in London" -> "Jane Doe"
_EDGE_PUNCT = " .,:;!?\"'-*()[]{}<>#~_=+"
_TOKEN_PUNCT = ",:;!?\"*()[]{}<>#~_=+"  # keeps the periods of initials ("Mary J. Blige")
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['.-])*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+(?:[^\W\d_])?")
_PREFIXED_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|at|ibn|bin|d|l)['-][^\W\d_]")
_TOKEN_PARTS = re.compile(r"([-'])")
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII"})
_MAX_NAME_TOKENS = 5
_MAX_CASELESS = 4  # characters of a caseless-script token (CJK names are 2-4); more is a phrase
# An author field says its value is a name: Japanese names written in kana run longer
# ("小暮ひさのり") and are still one word there.
_MAX_CASELESS_FIELD = 8
_GERMAN_ROLE_ENDINGS = ("redakteur", "redakteurin", "korrespondent", "korrespondentin")
_DOTTED_WORD = re.compile(r"[^\W\d_]{2,}\.[^\W\d_]{2,}")
# Japanese/Chinese role words written after the name (or alone before it): 著 wrote it, 訳 and
# 監訳 translated it, 編 edited it.  Translators and editors are not the article's authors.
# Set apart by a space: 文 or 訳 may also end a name.
_CJK_TRANSLATOR = re.compile(r"(?:^|\s+)(?:監訳|翻訳者?|訳者)(?:\s+(?P<after>\S.*)|$)")
_CJK_ROLE = re.compile(r"(?:^|\s+)(?:(?P<author>著者?|作者|文|記者)|(?P<other>(?:監|翻)?訳者?|編(?:集)?(?:者)?|責任編集))$")


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------

def parse_byline(raw: str | None, *, structured: bool = False) -> Byline:
    """Split a raw byline into person names, outlet, role and column.

    `structured`: the text comes from an author field (JSON-LD, meta), which some CMSs fill in
    lower case ("jane doe"); a page's visible text in lower case is rarely a name.
    """
    if not raw or raw.isspace():
        return Byline()
    state = _State()
    state.lower_names = structured and raw.islower()
    state.structured = structured
    text = _clean(raw, state)
    for index, segment in enumerate(_SEPARATORS.split(text)):
        if segment:
            _parse_segment(segment, index == 0, state)
    return Byline(state.authors(), state.outlet, state.role, state.column)


class _State:
    """What the passes have found so far; the first outlet and the first role win."""

    __slots__ = ("names", "outlet", "role", "column", "lower_names", "translator", "structured")

    def __init__(self) -> None:
        self.lower_names = False  # an author field written all in lower case
        self.structured = False  # the text comes from an author field, not the page
        self.translator = False  # the last segment was a translator label: its name is no author
        self.names: list[str] = []
        self.outlet: str | None = None
        self.role: str | None = None
        self.column: str | None = None

    def authors(self) -> tuple[str, ...]:
        seen: set[str] = set()
        multi: list[str] = []
        single: list[str] = []
        for name in self.names:
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                (multi if " " in name else single).append(name)
        # A lone word ("Beijing" in "By Jane Doe, Beijing") is more often a place than a
        # person; one-word names are kept only when nothing better was found.
        return tuple(multi or single)


# --------------------------------------------------------------------------------------------
# Pass 1: clean the whole string
# --------------------------------------------------------------------------------------------

def _clean(raw: str, state: _State) -> str:
    text = raw if raw.isascii() else unicodedata.normalize("NFKC", raw)
    text = text.translate(_TRANSLATE)
    text = _GLUE.sub(" ", text)
    if "@" in text:
        text = _HANDLE.sub(" | ", _EMAIL.sub(" | ", text))
    column = _COLUMN.search(text)
    if column:
        state.column = _SPACES.sub(" ", column.group("name")).strip()
        text = text[: column.start()] + " | " + text[column.end():]
    if _NOISE_HINT.search(text.lower()):
        text = _SOCIAL.sub(" | ", text)
        text = _CREDIT.sub(" | ", text)
        text = _STAMP.sub(" | ", text)
        text = _CONTRIB.sub(" | ", text)
    if _DIGIT.search(text):
        text = _READ_TIME.sub(" | ", text)
        text = _AGO.sub(" | ", text)
        text = _DATE.sub(" | ", text)
        text = _DATE_LEAD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" |")  # a cut-out date in front leaves separators
    text = _POSTED_BY.sub("", text)
    every = _ALL_POSTS.match(text)
    if every:
        text = every.group("name")

    # A few words before the first "By" are page furniture ("World", "Written", "Story"); they
    # can still name the outlet ("CNN - By Jane Doe") but never an author.  A longer lead-in
    # is kept, with that "by" as a plain separator.
    lead = _LEAD_BY.search(text)
    if lead is None:
        lead = _LEAD_FOREIGN.search(text)
    if lead:
        before = text[: lead.start()]
        if len(before.split()) <= _MAX_LEAD_WORDS:
            _find_outlets(before, state)
            text = text[lead.end():]
        else:
            text = before + " | " + text[lead.end():]
    return _LEAD_FROM.sub("", text)


# --------------------------------------------------------------------------------------------
# Pass 3: one segment
# --------------------------------------------------------------------------------------------

def _parse_segment(segment: str, first_segment: bool, state: _State) -> None:
    for index, piece in enumerate(_find_outlets(segment, state)):
        parts = _LABEL.split(piece) if _LABEL_HINT.search(piece.lower()) else (piece,)
        last = len(parts) - 1
        for i, part in enumerate(parts):
            if not part or part.isspace():
                continue
            if i < last:  # "ZDNet Japan Staff": the name in front of a newsroom label is the outlet's
                continue
            _parse_roles(part, first_segment and index == 0, state)


def _find_outlets(text: str, state: _State) -> list[str]:
    """Record the outlets in `text`; return the text between them."""
    pieces: list[str] = []
    for piece in _split_on(_KNOWN_OUTLET, text, state):
        pieces.extend(_split_on(_GENERIC_OUTLET, piece, state))
    return pieces


def _split_on(pattern: re.Pattern[str], text: str, state: _State) -> list[str]:
    if pattern.search(text) is None:
        return [text]
    pieces: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if _ENDS_WITH_INITIAL.search(text, 0, match.start()):
            continue  # "Michael R. Bloomberg": a surname after a middle initial
        if state.outlet is None:
            state.outlet = _outlet_name(match)
        pieces.append(text[start: match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _outlet_name(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("known"):
        known = _KNOWN_CANONICAL[groups["known"].upper()]
        more = groups["more"]
        return known + _display_case(more) if more else known
    return _display_case(groups["generic"])


def _display_case(name: str) -> str:
    """Title-case an upper-case outlet name, keeping its acronyms ("BBC NEWS" -> "BBC News")."""
    if any(c.islower() for c in name):
        return name
    lead = " " if name[:1].isspace() else ""
    return lead + " ".join(w if w in ACRONYMS else w.capitalize() for w in name.split())


def _parse_roles(text: str, leading: bool, state: _State) -> None:
    """Take the roles out of `text`; what is left may be a name."""
    lower = text.lower()
    match = None
    if _ROLE_HINT.search(lower):
        match = _ROLE.search(lower) if len(lower) == len(text) else _ROLE_ANYCASE.search(text)
    if match is None:
        _add_name(text, state)
        return
    role = match.group("role").lower()
    before = text[: match.start()]
    words = before.split()
    # After a separator, a capitalized lead-in belongs to the role ("Jane Doe, Middle East
    # Editor"); at the very start it is the name ("Jane Doe Senior Editor").
    if (
        not leading
        and 0 < len(words) <= 4
        and all(w[0].isupper() and w.lower() not in NON_NAME_WORDS for w in words)
    ):
        role = before.lower() + role
        before = ""
    if state.role is None:
        suffix = (match.group("suffix") or "").lower().replace(" in chief", "-in-chief")
        state.role = _SPACES.sub(" ", role + suffix).strip()
    _add_name(before, state)
    rest = text[match.end():]
    if rest.split()[:1] and rest.split()[0] in (*PARTICLES, *CONNECTORS):
        return  # the role's complement ("Sprecher der Polizei", "editor of the Times"), not a name
    _parse_roles(rest, False, state)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

def _add_name(text: str, state: _State) -> None:
    text = text.strip()
    if not text:
        return
    if text[-1] > "\u2e7f":  # CJK bylines put the role after the name: "木下 哲也 訳"
        label = _CJK_TRANSLATOR.search(text)
        if label:
            if label.group("after") is None:  # "嶋田 健志 監訳"; "翻訳者" alone names the next one
                state.translator = label.start() == 0
                return
            text = text[: label.start()]  # "Diogo Carleto 翻訳者 中村 真子": the rest translated
            if not text:
                return
        suffix = _CJK_ROLE.search(text)
        if suffix:
            if suffix.group("other") and suffix.start() == 0:
                state.translator = True  # "翻訳者: 中村 真子": the next name translated
            if suffix.group("other") or suffix.start() == 0:
                return
            text = text[: suffix.start()]
    if state.translator:
        state.translator = False
        return
    if state.lower_names and " " in text:
        text = text.title()  # "jane doe" from an author field; one lower-case word is a handle
    name = _person_name(text, field=state.structured)
    if name:
        state.names.append(name)


def names_site(name: str, url: str | None) -> bool:
    """True when `name` is the site's own name, spelled from its host: "Landesspiegel" on
    landesspiegel.li, "Interscenario" on interscenar.io, "ZDNet Japan" on japan.zdnet.com.

    Every word must be in the host: "Jane Zdnet" stays.  (A personal site named after its
    owner loses its author here; outlets named like their host are far more common.)
    """
    host = urlsplit(url).hostname if url else None
    if not host:
        return False
    labels = host.removeprefix("www.").replace("-", "").split(".")
    key = name.casefold().replace("-", "").replace(".", "")
    if key.replace(" ", "") in ("".join(labels), labels[0]):
        return True
    words = key.split()
    if len(words) > 2 and any("".join(words[:n]) == labels[0] for n in range(2, len(words))):
        return True  # "Apartment Therapy Submissions" on apartmenttherapy.com
    return len(words) > 1 and all(w in labels[:-1] for w in words)


def _person_name(text: str, *, field: bool = False) -> str | None:
    """A display-case person name from `text`, or None if `text` is not clearly one.

    `field`: the text is an author field's whole value, so it is a name and not cut short:
    caseless-script names may run longer, and a first name and an initial ("Ariel H.", as
    community sites show members) is the name.
    """
    caseless = _MAX_CASELESS_FIELD if field else _MAX_CASELESS
    if " in " in text or " IN " in text or text.startswith(("in ", "IN ")):
        text = _LOCATION.sub("", text)
    text = _HONORIFIC.sub("", text.strip(_EDGE_PUNCT))
    tokens = text.split()
    while tokens and tokens[0].lower() in CONNECTORS:
        del tokens[0]
    while tokens and tokens[-1].lower() in CONNECTORS:
        tokens.pop()
    if not 0 < len(tokens) <= _MAX_NAME_TOKENS:
        return None
    tokens = [token.strip(_TOKEN_PUNCT) for token in tokens]
    if not all(_name_token_ok(token, caseless) for token in tokens):
        return None
    last = tokens[-1]
    # A name ends in a real word: "Mary J." is a name cut short, and a trailing particle
    # ("John de") is a fragment.  Spanish names may end in the initial of the second surname
    # ("Juan Carlos Muñoz C."): after two full words an initial ends the name.
    if last in PARTICLES or (
        (len(last) == 1 or _INITIALS.fullmatch(last))
        and not ((len(tokens) >= 3 or field and len(tokens) == 2) and last[0].isupper()
                 and len(last.rstrip(".")) == 1 and not _INITIALS.fullmatch(tokens[-2]) and len(tokens[-2]) > 1)
    ):
        return None
    if len(tokens) == 1 and (last.lower() in PARTICLES or (len(last) > 1 and last.isupper())):
        return None  # a stray "Von" or "De"; a lone upper-case word is an agency ("ERBOL", "SID")
    if not any(c.islower() for token in tokens for c in token):
        tokens = _title_case(tokens)
    elif any(_shouted(t) for t in tokens):
        # "Bill MCCARTHY": agencies write the surname in capitals
        tokens = [_title_token(t, inner=i > 0) if _shouted(t) else t for i, t in enumerate(tokens)]
    return " ".join(tokens)


def _shouted(token: str) -> bool:
    """An upper-case surname, not initials ("J.R.R.") or a numeral ("III")."""
    return len(token) > 2 and token.isupper() and "." not in token and token not in _ROMAN


def _name_token_ok(token: str, caseless: int = _MAX_CASELESS) -> bool:
    if not token or not _TOKEN.fullmatch(token) or token.lower() in NON_NAME_WORDS:
        return False
    if "-" in token and token.rsplit("-", 1)[1].lower() in NON_NAME_WORDS:
        return False  # "MM-Redaktion", "Online-Team": a compound label
    if token.lower().endswith(_GERMAN_ROLE_ENDINGS):
        return False  # "Wirtschaftsredakteur", "Auslandskorrespondentin": a role, no name
    if "." in token and not _INITIALS.fullmatch(token) and _DOTTED_WORD.search(token):
        return False  # "jungefreiheit.de", "TFT.Ext.loadSprite": a domain or code, no name
    if token[0].isupper():
        return True
    if not token[0].islower():
        return len(token) <= caseless  # scripts without case (CJK, Arabic, Hebrew...)
    # Lower case is allowed only for particles: "van", "de", "al-Assad", "d'Estaing".
    return token in PARTICLES or bool(_PREFIXED_PARTICLE.match(token))


def _title_case(tokens: list[str]) -> list[str]:
    """JOHN MCDONALD -> John McDonald; LUDWIG VAN BEETHOVEN -> Ludwig van Beethoven."""
    out = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        lower = token.lower()
        if 0 < i < last and lower in PARTICLES:
            out.append(lower)
        elif _INITIALS.fullmatch(token) or token in _ROMAN:
            out.append(token)
        else:
            out.append(_title_token(token, inner=i > 0))
    return out


def _title_token(token: str, inner: bool) -> str:
    parts = _TOKEN_PARTS.split(token)
    out = []
    for j, part in enumerate(parts):
        lower = part.lower()
        if j == 0 and inner and len(parts) > 2 and lower in ("al", "el", "d"):
            out.append(lower)  # "al-Assad", "d'Estaing" inside a name
        elif lower.startswith("mc") and len(lower) > 2:
            out.append("Mc" + lower[2:].capitalize())  # "MCDONALD" -> "McDonald"
        else:
            out.append(lower.capitalize())
    return "".join(out)

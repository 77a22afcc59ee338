"""Byline normalization: raw byline text -> person names, outlet, role, column.

"Correspondents of the People’s Daily newspaper Wang Zheng, Liu Wenxin." gives authors Wang Zheng
and Liu Wenxin, role correspondent, outlet People's Daily. Outlets, agencies and desk labels
("Staff", "Newsroom") are never authors; when in doubt a fragment is left out, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    role: str | None = None
    column: str | None = None


AGENCIES = {
    "ap", "the associated press", "associated press", "reuters", "thomson reuters", "afp",
    "agence france-presse", "agence france presse", "xinhua", "xinhua news agency", "bloomberg",
    "dpa", "pa", "pa media", "upi", "efe", "ansa", "kyodo", "kyodo news", "yonhap", "tass", "cnn",
    "bbc", "bbc news", "ians", "pti", "ani", "aap", "cna", "rte", "npr", "abc news", "cbs news", "nbc news",
}
# Last words of organisation names: "People's Daily", "The Washington Post", "Daily Planet".
OUTLET_WORDS = {
    "daily", "times", "post", "news", "newspaper", "agency", "press", "wire", "herald", "journal",
    "tribune", "gazette", "media", "telegraph", "guardian", "magazine", "network", "chronicle",
    "observer", "independent", "standard", "express", "mirror", "review", "weekly", "planet",
    "online", "radio", "television", "tv", "bureau", "service", "report",
}
LABELS = {"staff", "newsroom", "editorial board", "web desk", "news desk", "desk", "editors",
          "our correspondent", "our reporter", "correspondent", "reporter", "agencies", "team"}
ROLE_WORDS = {
    "correspondent", "correspondents", "reporter", "reporters", "writer", "writers", "editor",
    "editors", "columnist", "contributor", "producer", "analyst", "critic", "photographer",
    "journalist", "chief", "senior", "deputy", "staff", "special", "political", "foreign",
    "business", "economics", "science", "sports", "culture", "technology", "health", "national",
    "international", "white", "house", "bureau", "managing", "executive", "associate", "assistant",
    "contributing", "investigative", "data", "digital", "news", "global", "affairs", "intern",
}
HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "rev"}
PARTICLES = {"de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "la", "le", "bin",
             "binti", "al", "el", "dos", "das", "ter", "zu", "y", "e"}
NOT_NAMES = {"the", "a", "an", "and", "or", "said", "says", "in", "on", "at", "for", "of", "with",
             "share", "this", "article", "photo", "image", "video", "getty", "images", "min", "read",
             "follow", "more", "from", "by", "updated", "published", "posted", "comments"}

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_GLUED_TRAILER = re.compile(r"(?<=[a-z.])(?=(?:Updated|Published|Posted|Last updated)\b)")
_TRAILER = re.compile(
    r"(?:\s*[|•·–—-]\s*|\s+|^)(?:updated|published|posted|last updated|first published)\b.*$"
    r"|\s*[|•·]\s*\d+\s*min(?:ute)?s?\s+read.*$|\s*\d+\s*min(?:ute)?s?\s+read\s*$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_PREFIX = re.compile(r"^(?:(?:written|words|reporting|story|text|interview|compiled)\s+)?by\s*:?\s+|^from\s+",
                     re.IGNORECASE)
_PHOTO = re.compile(r"^(?:photo(?:graph)?s?|images?|pictures?|video|illustration)\b|\b(?:getty|shutterstock)\b",
                    re.IGNORECASE)
_COLUMN = re.compile(r'^"(?P<column>[^"]+)"\s+column\s+(?:of|in|from)\s+(?:the\s+)?(?P<outlet>.+?)\.?$', re.IGNORECASE)
# "Correspondents of the People's Daily newspaper Wang Zheng, Liu Wenxin"
_ROLE_OF_OUTLET_FIRST = re.compile(
    r"^(?P<role>(?:[a-z]+\s+)?(?:correspondents?|reporters?|writers?|editors?|journalists?))\s+"
    r"(?:of|for|at|from)\s+(?:the\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
# "correspondent for People's Daily", "Senior Writer at The Post"
# a lower-case "the" is not part of the name; "The Post" keeps its article
_ROLE_OF_OUTLET = re.compile(r"^(?P<role>[\w\s-]*?)\s+(?:for|of|at|with)\s+(?:(?-i:the)\s+)?(?P<outlet>.+)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_PARENS = re.compile(r"\s*\((?P<inner>[^)]*)\)\s*")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$|^[A-Z]$")


def parse_byline(raw: str | None) -> Byline:
    if not raw or not raw.strip():
        return Byline()
    text = " ".join(raw.translate(_QUOTES).split())
    text = _TRAILER.sub("", _GLUED_TRAILER.sub(" ", text)).strip(" .,;:|-")
    text = _HANDLE.sub("", _EMAIL.sub("", text)).strip(" .,;:|-")
    if not text or _PHOTO.search(text):
        return Byline()
    if m := _COLUMN.match(text):
        return Byline(outlet=_outlet_name(m["outlet"]), column=m["column"].strip())
    text = _PREFIX.sub("", text)

    outlet = role = None
    if m := _ROLE_OF_OUTLET_FIRST.match(text):
        outlet, names = _split_leading_outlet(m["rest"])
        if outlet:
            role, text = _singular(m["role"].lower()), names
    # "Jane Doe (Reuters)" -> the bracket is an outlet or a role
    for inner in [m["inner"] for m in _PARENS.finditer(text)]:
        if _is_outlet(inner):
            outlet = outlet or _outlet_name(inner)
    text = _PARENS.sub(" ", text).strip()

    authors: list[str] = []
    upper = text.isupper()
    for part in _SEPARATORS.split(text):
        part = part.strip(" .,;:-")
        if not part:
            continue
        # "Washington correspondent for The Post": a role noun, then the outlet
        m = _ROLE_OF_OUTLET.match(part)
        if m and _role_noun(m["role"]) and m["outlet"][:1].isupper():
            role, outlet = role or _singular(m["role"].lower()), outlet or _outlet_name(m["outlet"])
            continue
        if _is_outlet(part):
            outlet = outlet or _outlet_name(part)
            continue
        if part.lower() in LABELS or "staff" in part.lower().split():
            role = role or _label_role(part)
            continue
        if _is_role(part):
            role = role or part.lower()
            continue
        name = _person(part, upper)
        if name and name.lower() not in (a.lower() for a in authors):
            authors.append(name)
    return Byline(tuple(authors), outlet, role, None)


def _split_leading_outlet(text: str) -> tuple[str | None, str]:
    """"People's Daily newspaper Wang Zheng, …" -> ("People's Daily", "Wang Zheng, …")."""
    words = text.split()
    for i in range(len(words), 0, -1):
        head = " ".join(words[:i])
        if head.lower().endswith(" newspaper") or (_is_outlet(head) and i < len(words)):
            return _outlet_name(head), " ".join(words[i:])
    return None, text


def _is_outlet(text: str) -> bool:
    low = text.strip(" .").lower()
    if low in AGENCIES:
        return True
    words = low.split()
    return bool(words) and words[-1] in OUTLET_WORDS and text.strip()[:1].isupper() and len(words) <= 5


def _outlet_name(text: str) -> str:
    text = re.sub(r"\s+newspaper$", "", text.strip(" ."), flags=re.IGNORECASE)
    return text


ROLE_NOUNS = {"correspondent", "reporter", "writer", "editor", "columnist", "contributor", "producer",
              "analyst", "critic", "photographer", "journalist", "intern", "chief"}


def _role_noun(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[-1].rstrip("s") in ROLE_NOUNS


def _is_role(text: str) -> bool:
    words = text.lower().replace("-", " ").split()
    return bool(words) and all(w in ROLE_WORDS for w in words) and any(w.rstrip("s") in ROLE_NOUNS for w in words)


def _label_role(text: str) -> str | None:
    low = text.lower()
    for role in ("staff reporter", "staff writer", "correspondent", "reporter"):
        if role in low:
            return role
    return None


def _singular(role: str) -> str:
    role = " ".join(role.split())
    return role[:-1] if role.endswith("s") and not role.endswith("ss") else role


def _person(text: str, upper: bool) -> str | None:
    tokens = [t for t in text.split() if t.lower().rstrip(".") not in HONORIFICS]
    if not 1 <= len(tokens) <= 5:
        return None
    out = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if any(c.isdigit() for c in token) or low in NOT_NAMES:
            return None
        if low in PARTICLES and 0 < i < len(tokens) - 1:
            out.append(low)
            continue
        if _INITIAL.match(token.upper() if upper else token):
            out.append(token.upper())
            continue
        if not token[:1].isupper() and not low.startswith(("al-", "el-")):
            return None
        out.append(_title(token) if upper else token)
    if len(out) == 1 and (len(out[0]) < 2 or not upper and out[0].isupper()):
        return None
    return " ".join(out)


def _title(token: str) -> str:
    """JOHN -> John, O'BRIEN -> O'Brien, MCDONALD -> McDonald, JEAN-PAUL -> Jean-Paul."""
    parts = re.split(r"([-'])", token.lower())
    word = "".join(p.capitalize() if p not in "-'" else p for p in parts)
    if word.startswith("Mc") and len(word) > 2:
        word = "Mc" + word[2:].capitalize()
    return word

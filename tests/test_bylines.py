"""parse_byline on real-world byline shapes: person names, outlet, role, column."""

import pytest

from pipelines.bylines import Byline, parse_byline

PD = "People's Daily"

CASES = [
    # seed shapes
    ("By Cui Yan, People’s Daily", Byline(("Cui Yan",), PD)),
    ("By Tian Xianjin, You Yi, Song Zhaojun, People’s Daily", Byline(("Tian Xianjin", "You Yi", "Song Zhaojun"), PD)),
    ("By Li Jie", Byline(("Li Jie",))),
    ("By Hu Jian, He Linping, People’s Daily", Byline(("Hu Jian", "He Linping"), PD)),
    ("Liu Yao", Byline(("Liu Yao",))),
    ("Zhang Siyong", Byline(("Zhang Siyong",))),
    ("Han Kan.", Byline(("Han Kan",))),
    ("Luo Shanshan, correspondent for People’s Daily.", Byline(("Luo Shanshan",), PD, "correspondent")),
    ("Correspondents of the People’s Daily newspaper Wang Zheng, Liu Wenxin.",
     Byline(("Wang Zheng", "Liu Wenxin"), PD, "correspondent")),
    ("Correspondents of the People’s Daily newspaper Zhang Mengxu, Guan Kejian.",
     Byline(("Zhang Mengxu", "Guan Kejian"), PD, "correspondent")),
    ("“Heyin” column of the People’s Daily newspaper.", Byline((), PD, None, "Heyin")),
    ("“Heyin” column of the People’s Daily newspaper", Byline((), PD, None, "Heyin")),
    # several authors
    ("By John Smith and Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("By John Smith & Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("By John Smith, Jane Doe and Max Mustermann", Byline(("John Smith", "Jane Doe", "Max Mustermann"))),
    ("John Smith; Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("John Smith / Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("By John Smith with Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("John Smith | Jane Doe", Byline(("John Smith", "Jane Doe"))),
    ("By Jane Doe and Jane Doe", Byline(("Jane Doe",))),
    # upper case and prefixes
    ("BY JOHN SMITH AND JANE DOE", Byline(("John Smith", "Jane Doe"))),
    ("BY SEAN MCDONALD", Byline(("Sean McDonald",))),
    ("BY MARY O'BRIEN", Byline(("Mary O'Brien",))),
    ("BY JEAN-PAUL SARTRE", Byline(("Jean-Paul Sartre",))),
    ("Written by Mary O'Brien & Sean McDonald", Byline(("Mary O'Brien", "Sean McDonald"))),
    ("Words by Ann Lee", Byline(("Ann Lee",))),
    ("Reporting by Ann Lee", Byline(("Ann Lee",))),
    ("by ann lee", Byline(())),  # all lower case: not a name we can trust
    ("By: Ann Lee", Byline(("Ann Lee",))),
    # roles and titles
    ("John Smith, Senior Political Editor", Byline(("John Smith",), None, "senior political editor")),
    ("Jane Doe, Staff Writer", Byline(("Jane Doe",), None, "staff writer")),
    ("By Jane Doe, Chief Correspondent", Byline(("Jane Doe",), None, "chief correspondent")),
    ("Jane Doe, Washington correspondent for The Post", Byline(("Jane Doe",), "The Post", "washington correspondent")),
    ("Dr. Jane Doe", Byline(("Jane Doe",))),
    ("Prof. Hans Weber and Mr. Tom Lee", Byline(("Hans Weber", "Tom Lee"))),
    ("By Jane Doe, Foreign Affairs Reporter", Byline(("Jane Doe",), None, "foreign affairs reporter")),
    # outlets and agencies
    ("By Jane Doe, Reuters", Byline(("Jane Doe",), "Reuters")),
    ("By Jane Doe (Reuters)", Byline(("Jane Doe",), "Reuters")),
    ("Reuters", Byline((), "Reuters")),
    ("AP", Byline((), "AP")),
    ("By The Associated Press", Byline((), "The Associated Press")),
    ("By AFP", Byline((), "AFP")),
    ("Xinhua", Byline((), "Xinhua")),
    ("By Bloomberg News", Byline((), "Bloomberg News")),
    ("Jane Doe, The New York Times", Byline(("Jane Doe",), "The New York Times")),
    ("The Washington Post, John Smith", Byline(("John Smith",), "The Washington Post")),
    ("By Ann Lee, Daily Planet", Byline(("Ann Lee",), "Daily Planet")),
    ("By John Smith and Jane Doe, Associated Press", Byline(("John Smith", "Jane Doe"), "Associated Press")),
    ("dpa", Byline((), "dpa")),
    ("By Kim Min-jun, Yonhap", Byline(("Kim Min-jun",), "Yonhap")),
    # labels that are not people
    ("Staff", Byline(())),
    ("By Staff Reporter", Byline((), None, "staff reporter")),
    ("Guardian staff reporter", Byline((), None, "staff reporter")),
    ("Newsroom", Byline(())),
    ("Editorial Board", Byline(())),
    ("Our Correspondent", Byline((), None, "correspondent")),
    ("By Times Staff", Byline(())),
    # e-mails, handles, trailers
    ("Jane Doe jane.doe@example.com", Byline(("Jane Doe",))),
    ("By Jane Doe @janedoe", Byline(("Jane Doe",))),
    ("@jsmith", Byline(())),
    ("By Jane DoeUpdated 3 hours ago", Byline(("Jane Doe",))),
    ("By Jane Doe Updated 3 hours ago", Byline(("Jane Doe",))),
    ("By Jane Doe | Published 5 May 2025", Byline(("Jane Doe",))),
    ("By Anna Schmidt | 5 min read", Byline(("Anna Schmidt",))),
    ("By\u00a0Jane\u00a0Doe", Byline(("Jane Doe",))),
    # particles and initials
    ("By Ludwig van Beethoven and Charles de Gaulle", Byline(("Ludwig van Beethoven", "Charles de Gaulle"))),
    ("Oscar de la Hoya", Byline(("Oscar de la Hoya",))),
    ("J.R.R. Tolkien", Byline(("J.R.R. Tolkien",))),
    ("By E. Jean Carroll", Byline(("E. Jean Carroll",))),
    ("Mary J. Blige", Byline(("Mary J. Blige",))),
    ("Ursula von der Leyen", Byline(("Ursula von der Leyen",))),
    # junk and photo credits
    ("Updated 3 hours ago", Byline(())),
    ("Share this article", Byline(())),
    ("Photo by John Smith", Byline(())),
    ("Photo: Getty Images", Byline(())),
    ("Image: Jane Doe/Getty", Byline(())),
    ("", Byline(())),
    ("   ", Byline(())),
]


@pytest.mark.parametrize("raw, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_byline_shapes(raw, expected):
    assert parse_byline(raw) == expected


def test_table_is_large_enough():
    assert len(CASES) >= 60


def test_none():
    assert parse_byline(None) == Byline()

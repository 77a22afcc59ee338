"""split_lead / split_labels: what a listing entry glues in front of its teaser text."""

import pytest

from pipelines.lead import split_labels, split_lead


@pytest.mark.parametrize(
    "text, date, labels, dateline, byline, starts",
    [
        ("By Jiang Yunlong, People’s Daily “As a child, my dream", None, [], None,
         "By Jiang Yunlong, People’s Daily", "“As a child"),
        ("Culture WorldIslamabad July 01, 2025: Center for Law and Security (CLAS) hosted", "July 01, 2025",
         ["Culture", "World"], "Islamabad", None, "Center for Law"),
        ("WorldBy Wang Yongzhan, People’s Daily Chengdu, a key city in southwest China", None, ["World"], None,
         "By Wang Yongzhan, People’s Daily", "Chengdu, a key city"),
        ("WorldBy Zhang Bolan, Zhao Yipu, Mang Jiuchen, People’s Daily Once a niche form", None, ["World"], None,
         "By Zhang Bolan, Zhao Yipu, Mang Jiuchen, People’s Daily", "Once a niche"),
        ("By Li Jie Across diverse sectors ranging from tourism", None, [], None, "By Li Jie", "Across diverse"),
        ("25.10.2023 Luo Shanshan, correspondent for People’s Daily. The 6th Chinese international", "25.10.2023",
         [], None, "Luo Shanshan, correspondent for People’s Daily", "The 6th Chinese"),
        ("24.10.2023 Correspondents of the People’s Daily newspaper Wang Zheng, Liu Wenxin. In the first three",
         "24.10.2023", [], None, "Correspondents of the People’s Daily newspaper Wang Zheng, Liu Wenxin",
         "In the first three"),
        ("23.10.2023 “Heyin” column of the People’s Daily newspaper. The Belt and Road", "23.10.2023", [], None,
         "“Heyin” column of the People’s Daily newspaper", "The Belt and Road"),
        ("07.10.2023 “Heyin” column of the People’s Daily newspaper  China is not only", "07.10.2023", [], None,
         "“Heyin” column of the People’s Daily newspaper", "China is not only"),
        ("20.10.2023 Liu Yao In recent years, China has deepened", "20.10.2023", [], None, "Liu Yao",
         "In recent years"),
        ("27.09.2023 Han Kan. Protecting cultural heritage", "27.09.2023", [], None, "Han Kan", "Protecting cultural"),
        # No byline: the text starts with the story, not with a name.
        ("16.10.2023 China’s Belt and Road Initiative is one of the most ambitious", "16.10.2023", [], None, None,
         "China’s Belt and Road"),
        ("16.10.2023 For the first time, Shanghai International Biopharmaceutical", "16.10.2023", [], None, None,
         "For the first time"),
        ("2024-03-05 By Jane Doe and John Smith The council voted", "2024-03-05", [], None,
         "By Jane Doe and John Smith", "The council voted"),
        ("BEIJING, June 5, 2025 — China and Kazakhstan signed", "June 5, 2025", [], "BEIJING", None, "China and"),
    ],
)
def test_split_lead(text, date, labels, dateline, byline, starts):
    lead = split_lead(text)
    assert (lead.date_raw, lead.categories, lead.dateline, lead.byline_raw) == (date, labels, dateline, byline)
    assert lead.text.startswith(starts)


@pytest.mark.parametrize(
    "text",
    [
        "On April 29, 2025, construction officially commenced on three critical tunnels",
        "On June 11, Chinese President Xi Jinping sent a congratulatory letter",
        "Chinese President Xi Jinping said on Monday that",
    ],
)
def test_prose_gives_no_date_and_no_byline(text):
    lead = split_lead(text)
    assert (lead.date_raw, lead.byline_raw, lead.text) == (None, None, text)


@pytest.mark.parametrize(
    "text, labels, rest",
    [
        ("Tec WorldBy Cui Yan, People’s Daily", ["Tec", "World"], "By Cui Yan, People’s Daily"),
        ("WorldBy Li Jie", ["World"], "By Li Jie"),
        ("By Li Jie", [], "By Li Jie"),
        # camel case that is not glue stays whole
        ("McDonald’s opens in Kashgar", [], "McDonald’s opens in Kashgar"),
        ("YouTube star visits", [], "YouTube star visits"),
    ],
)
def test_split_labels(text, labels, rest):
    assert split_labels(text) == (labels, rest)


@pytest.mark.parametrize(
    "text, byline, starts",
    [
        ("By Hu Jian, He Linping, People’s Daily One in five smart phones", "By Hu Jian, He Linping, People’s Daily",
         "One in five"),
        ("By Tian Xianjin, You Yi, Song Zhaojun, People’s Daily From cranberries",
         "By Tian Xianjin, You Yi, Song Zhaojun, People’s Daily", "From cranberries"),
        ("By He Yin, People’s Daily On June 11, Chinese President", "By He Yin, People’s Daily", "On June 11"),
        ("By Li Jie, The ministry said on Monday", "By Li Jie", "The ministry"),
        ("By Lina He Across in the report the rate", "By Lina He", "Across in the report"),
        ("By Lina Wong He said the rate", "By Lina Wong", "He said"),
        ("By Lina He, Global Times More entrepreneurs", "By Lina He, Global Times", "More entrepreneurs"),
    ],
)
def test_surnames_that_are_also_sentence_words(text, byline, starts):
    lead = split_lead(text)
    assert lead.byline_raw == byline and lead.text.startswith(starts)


def test_role_byline_without_date():
    lead = split_lead("Zhu Anna, correspondent for Global Times. More entrepreneurs opened shops")
    assert (lead.byline_raw, lead.text) == ("Zhu Anna, correspondent for Global Times", "More entrepreneurs opened shops")
    # without a role, a delimited phrase at the head of an undated teaser is the story
    lead = split_lead("Shanghai Tower. The tallest building in China opened")
    assert (lead.byline_raw, lead.text) == (None, "Shanghai Tower. The tallest building in China opened")

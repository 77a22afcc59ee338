"""Generate text dumps shaped like seeds/dumps/, of any size, for benchmarks and tests.

    python bench/gen_dumps.py --articles N --out DIR [--seed S] [--files K]

writes K files (default: one per 5,000 articles) holding N distinct articles, and
DIR/expected.json with the counts produced. The output depends only on (N, K, seed).

Shapes (see seeds/dumps/000_*.txt and 001_*.txt):
- listing entries, one line each: optional date, byline or dateline, teaser text cut
  mid-sentence and ended with " […]"; "dated" files (the 001 style) put a title line before
  most entries and separate all lines with blank lines;
- article pages: the page's own teaser line, a byline line with category labels glued to "By"
  ("Tec WorldBy Cui Yan, People’s Daily"), then 4-15 body paragraphs, one per line, with an
  occasional short subheading.

Per article: ~0.7 have a full page; every article without a page has a listing teaser, and
about 0.43 of those with a page have one too (~0.6 overall). A listing teaser usually lands in
its article's own file, sometimes in the file before or after. ~1% of listing lines are extra
Lorem Ipsum placeholders that belong to no article.

Streaming: every article is a pure function of (seed, index), so a file is written by walking
article indexes and regenerating what is needed; memory holds one article at a time, however
large N is. expected.json counts:
  articles      N
  full          articles with a page (the import should store them as status "full")
  teaser_only   articles seen only in listings (status "teaser")
  placeholders  Lorem Ipsum lines (the import should drop them)
  teaser_lines  teaser lines of real articles: listing teasers + page teaser lines
  files         K
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
from datetime import date

ARTICLES_PER_FILE = 5000
MARKER = " […]"

P_PAGE = 0.7  # an article has a full page
P_LISTING_WITH_PAGE = 0.43  # a page article also has a listing teaser (0.3 + 0.7 * 0.43 ≈ 0.6)
P_OTHER_FILE = 0.15  # listing teaser in the previous file; the same again for the next file
P_PLACEHOLDER = 0.01  # a Lorem Ipsum line before a listing teaser
P_DATED_FILE = 0.35  # a file in the 001 style (dates, titles, blank lines)

# Word pool for body text. No "by": a sentence starting "By ..." would look like a byline.
VOCAB = """
government officials said the new plan would support local industry and trade across the region
while investment in infrastructure continued to grow at a steady pace during the first quarter
of this year according to data released on Monday by national statistics bureau analysts noted
that exports rose sharply as companies expanded production capacity and upgraded equipment to
meet rising demand from overseas markets including partners along major shipping routes where
ports handled record volumes of containers and bulk goods farmers in rural areas adopted modern
irrigation methods that improved yields and reduced water use while young entrepreneurs opened
small businesses selling handmade products online through popular platforms that connect sellers
with customers in distant cities experts believe the trend reflects deeper changes in consumer
habits and the wider economy which has shown resilience despite global uncertainty researchers
at the university published a report on renewable energy showing that wind and solar power now
account for a growing share of electricity generation the city hosted an international forum
attended by delegates from dozens of countries who discussed cooperation in science technology
education culture health and tourism visitors enjoyed traditional music performances food
festivals and exhibitions of ancient relics discovered by archaeologists working near the river
valley the museum opened new halls with digital displays that allow children to explore history
through interactive games teachers welcomed the initiative and parents praised the free programs
the railway line will cut travel time between the two cities and create thousands of jobs for
workers engineers completed tests on the bridge ahead of schedule and the highway is expected to
open next month residents say the project has already brought more visitors shops and hotels
doctors at the hospital introduced a service that lets patients book appointments by phone and
receive results within hours the ministry announced measures to stabilize prices protect the
environment improve air quality and restore forests wetlands and grasslands in northern provinces
volunteers planted trees cleaned beaches and organized workshops on recycling for students
banks offered loans to small firms at lower rates and the central bank kept its key policy rate
unchanged for the third consecutive month as inflation remained modest markets reacted calmly
""".split()
VOCAB = [word for word in VOCAB if word != "by"]
PLACES = """Beijing Shanghai Chengdu Kashgar Xi’an Suzhou Dongguan Harbin Nairobi Astana Tashkent
Karachi Lahore Islamabad Lisbon Jakarta Hanoi Almaty Bishkek Kunming Lhasa Urumqi Guangzhou
Hangzhou Ningbo Xiamen Dalian Tianjin Chongqing Wuhan""".split()
STARTERS = ["The", "In", "On", "After", "Since", "Across", "Amid", "During", "Over", "Despite",
            "Following", "Today", "Recently", "More", "Many", "Several", "Every", "According to",
            "As", "When", "While"]
SERIAL_WORDS = ["report", "file", "case", "dispatch", "bulletin", "record"]
SAID = ["said", "noted", "added", "explained", "recalled"]

FAMILY = """Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Lin Luo
Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye
Cheng Wei Su Lu Ding Ren Shen Yao Cui Jia Qi Che Mei Smith Rossi Kumar Khan Ahmed Petrov
Okafor Mensah Garcia Novak Silva Costa Tanaka""".split()
GIVEN = """Yunlong Yongzhan Bolan Yipu Jiuchen Pingfan Chen Bin Yanan Danhua Yan Weijian Jian
Linping Xianjin Yi Zhaojun Yuping Jie Shanshan Zheng Wenxin Mengxu Kejian Yao Siyong Kan Lina
Hao Ming Fang Xin Lei Jing Tao Qiang Mei Hua Amina Omar Elena Maria David Sara Ivan Anna Peter
Fatima Grace Ali""".split()
OUTLETS = ["People’s Daily", "People’s Daily", "People’s Daily", "Reuters", "AP", "Xinhua",
           "China Daily", "Global Times"]
LABELS = ["World", "Tec", "Culture", "Business", "Sports", "Economy", "Science", "Travel"]
COLUMNS = ["“Heyin”", "“Zhong Sheng”", "“Ren Ping”"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PLACEHOLDERS = [
    "It is a long established fact that a reader will be distracted by the readable content of a "
    "page when looking at its layout. The point of using Lorem Ipsum is that it has a more-or-less "
    "normal distribution of letters It is a long established",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco",
    "Lorem Ipsum is simply dummy text of the printing and typesetting industry. Lorem Ipsum has "
    "been the industry's standard dummy text ever since the",
]
FIRST_DAY = date(2023, 1, 1).toordinal()
LAST_DAY = date(2025, 12, 31).toordinal()


# --- one article, a pure function of (seed, index) -------------------------------------------

class Plan:
    """Where an article shows up: a page in its own file, a listing teaser in file `listing_file`."""

    __slots__ = ("page", "listing", "listing_file", "shape", "has_title")

    def __init__(self, seed: int, index: int, n: int, k: int):
        rng = random.Random(f"{seed}:plan:{index}")
        home = file_of(index, n, k)
        self.page = rng.random() < P_PAGE
        self.listing = (not self.page) or rng.random() < P_LISTING_WITH_PAGE
        r = rng.random()
        shift = -1 if r < P_OTHER_FILE else 1 if r < 2 * P_OTHER_FILE else 0
        self.listing_file = min(max(home + shift, 0), k - 1)
        self.shape = rng.random()  # which listing-entry shape (depends on the file's style)
        self.has_title = rng.random() < 0.75  # a title line, in dated files


class Article:
    """Header fields of one article; its body paragraphs come from paragraphs()."""

    def __init__(self, seed: int, index: int):
        self.index = index
        self.rng = rng = random.Random(f"{seed}:text:{index}")
        self.authors = [person(rng) for _ in range(rng.choices((1, 2, 3), (70, 20, 10))[0])]
        self.outlet = rng.choice(OUTLETS) if rng.random() < 0.8 else None
        self.labels = rng.sample(LABELS, rng.choices((0, 1, 2), (10, 70, 20))[0])
        self.page_byline = rng.random() < 0.92  # the page has a "…By …" line
        self.teaser_labels = rng.random() < 0.2  # the page's teaser line keeps the labels
        self.day = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
        self.place = rng.choice(PLACES)
        self.column = rng.choice(COLUMNS)
        self.title = title(rng)
        self.teaser_words = rng.randint(30, 55)
        self.n_paragraphs = rng.randint(4, 15)
        self._teaser = None

    def paragraphs(self):
        """The body, one paragraph at a time. Call once: it consumes the article's RNG."""
        rng = self.rng
        for p in range(self.n_paragraphs):
            if p == 0:
                sentences = [first_sentence(rng, self.index)]
                sentences += [sentence(rng) for _ in range(rng.randint(0, 3))]
                yield " ".join(sentences)
            elif 2 <= p <= self.n_paragraphs - 2 and rng.random() < 0.12:
                yield subheading(rng)
            else:
                yield " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))

    def teaser(self, paragraphs=None) -> str:
        """The start of the body, cut mid-sentence (without the marker).

        Pass the page's paragraph list when the body is at hand; otherwise only the first
        paragraphs are generated.
        """
        if self._teaser is None:
            source = iter(paragraphs) if paragraphs is not None else self.paragraphs()
            words: list[str] = []
            for paragraph in source:
                words += paragraph.split()
                if len(words) > self.teaser_words + 1:
                    break
            cut = min(self.teaser_words, len(words) - 2)  # always shorter than the body
            while words[cut - 1][-1] in ".?!”":
                cut -= 1  # never stop at a sentence end: a teaser is cut mid-sentence
            self._teaser = " ".join(words[:cut])
        return self._teaser

    def byline(self) -> str:
        """"Cui Yan, People’s Daily" or "Zhang Bolan, Zhao Yipu" (no "By")."""
        names = ", ".join(self.authors)
        return f"{names}, {self.outlet}" if self.outlet else names


def person(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    if rng.random() < 0.7:
        return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"  # family name first, as in the seeds
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def sentence(rng: random.Random) -> str:
    words = rng.choices(VOCAB, k=rng.randint(8, 24))
    if rng.random() < 0.3:
        words.insert(rng.randint(2, len(words) - 1), rng.choice(PLACES))
    if rng.random() < 0.3:
        at = rng.randint(2, len(words) - 2)
        words[at] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.08:
        return f"“{text},” {rng.choice(SAID)} {person(rng)}."
    return text + "."


def first_sentence(rng: random.Random, index: int) -> str:
    """Unique per article: a serial number within the first eight words."""
    lead = " ".join(rng.choices(VOCAB, k=rng.randint(1, 3)))
    rest = " ".join(rng.choices(VOCAB, k=rng.randint(8, 20)))
    return f"{rng.choice(STARTERS)} {lead} {rng.choice(SERIAL_WORDS)} {index + 1:06d} {rest}."


def subheading(rng: random.Random) -> str:
    text = " ".join(rng.choices(VOCAB, k=rng.randint(2, 6)))
    return text[0].upper() + text[1:]


def title(rng: random.Random) -> str:
    text = " ".join(rng.choices(VOCAB, k=rng.randint(5, 12)))
    text = rng.choice(PLACES) + " " + text if rng.random() < 0.4 else text[0].upper() + text[1:]
    return text + "." if rng.random() < 0.4 else text


# --- lines ---------------------------------------------------------------------------------

def page_lines(article: Article):
    """An article page: its teaser line, its byline line, its body."""
    body = list(article.paragraphs())
    text = article.teaser(body)
    if article.page_byline:
        labels = "".join(label + " " for label in article.labels).rstrip()
        by = f"By {article.byline()}"
        yield f"{labels if article.teaser_labels else ''}{by} {text}{MARKER}"
        yield labels + by
    else:
        yield text + MARKER
    yield from body


def listing_line(article: Article, plan: Plan, dated: bool) -> str:
    """One listing entry, in one of the shapes of the seed dumps."""
    a, u, text = article, plan.shape, article.teaser()
    labels = " ".join(a.labels)
    outlet = a.outlet or "People’s Daily"
    if not dated:
        if u < 0.40:
            return f"By {a.byline()} {text}{MARKER}"
        if u < 0.70:
            return f"{labels or 'World'}By {a.byline()} {text}{MARKER}"
        if u < 0.82:
            dateline = f"{a.place} {MONTHS[a.day.month - 1]} {a.day.day:02d}, {a.day.year}:"
            return f"{labels}{dateline} {text}{MARKER}"
        if u < 0.92:
            return f"{a.authors[0]}, correspondent for {outlet}.    {text}{MARKER}"
        return text + MARKER
    day = f"{a.day.day:02d}.{a.day.month:02d}.{a.day.year} "
    if u < 0.25:
        head = f"{a.authors[0]}, correspondent for {outlet}.    "
    elif u < 0.40:
        head = f"Correspondents of the {outlet} newspaper {', '.join(a.authors)}. "
    elif u < 0.50:
        head = f"{a.column} column of the {outlet} newspaper    "
    elif u < 0.62:
        head = f"{a.authors[0]} "
    elif u < 0.70:
        head = f"{a.authors[0]}. "
    elif u < 0.88:
        head = f"By {a.byline()} "
    else:
        head = "    "
    return f"{day}{head}{text}{MARKER}"


def placeholder_line(rng: random.Random, dated: bool) -> str:
    text = rng.choice(PLACEHOLDERS) + MARKER
    if dated:
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2023, 2025)} {text}"
    return text


# --- files -----------------------------------------------------------------------------------

def default_files(n: int) -> int:
    return max(1, math.ceil(n / ARTICLES_PER_FILE))


def file_of(index: int, n: int, k: int) -> int:
    return index * k // n


def chunk(g: int, n: int, k: int) -> range:
    """Indexes of the articles whose page (if any) is in file g."""
    return range(-(-g * n // k), -(-(g + 1) * n // k))


def file_name(seed: int, g: int) -> str:
    tag = hashlib.blake2b(f"{seed}:{g}".encode(), digest_size=8).hexdigest()
    return f"{g:03d}_{tag}.txt"


def file_is_dated(seed: int, g: int) -> bool:
    return random.Random(f"{seed}:style:{g}").random() < P_DATED_FILE


def _listed_here(seed: int, n: int, k: int, g: int):
    """(index, plan) of the listing teasers that go into file g, oldest articles first."""
    for h in (g - 1, g, g + 1):
        if 0 <= h < k:
            for i in chunk(h, n, k):
                plan = Plan(seed, i, n, k)
                if plan.listing and plan.listing_file == g:
                    yield i, plan


def _pages_here(seed: int, n: int, k: int, g: int):
    for i in chunk(g, n, k):
        if Plan(seed, i, n, k).page:
            yield i


def file_lines(seed: int, n: int, k: int, g: int, counts: dict):
    """Yield the lines of file g (each ending in a newline) and add to counts as it goes.

    Listing blocks of 5-20 teasers alternate with runs of article pages. Nothing is collected:
    the two streams are walked once to count them (to spread the blocks evenly) and once to
    write.
    """
    rng = random.Random(f"{seed}:layout:{g}")
    dated = file_is_dated(seed, g)
    end = "\n\n" if dated else "\n"
    pages_left = sum(1 for _ in _pages_here(seed, n, k, g))
    listed_left = sum(1 for _ in _listed_here(seed, n, k, g))
    pages, listed = _pages_here(seed, n, k, g), _listed_here(seed, n, k, g)

    while pages_left or listed_left:
        blocks_left = math.ceil(listed_left / 12.5)
        run = pages_left if not blocks_left else rng.randint(0, 2 * pages_left // (blocks_left + 1))
        for _ in range(run):
            for line in page_lines(Article(seed, next(pages))):
                yield line + end
            counts["full"] += 1
            counts["page_teasers"] += 1
        pages_left -= run

        size = listed_left if listed_left <= 20 else min(rng.randint(5, 20), listed_left - 5)
        for _ in range(size):
            i, plan = next(listed)
            if rng.random() < P_PLACEHOLDER:
                yield placeholder_line(rng, dated) + end
                counts["placeholders"] += 1
            article = Article(seed, i)
            if dated and plan.has_title:
                yield article.title + end
            yield listing_line(article, plan, dated) + end
            counts["listing_teasers"] += 1
            if not plan.page:
                counts["teaser_only"] += 1
        listed_left -= size


def generate(n: int, out: str, seed: int = 1, files: int | None = None) -> dict:
    """Write the dump files and expected.json into out; return the expected counts."""
    k = files or default_files(n)
    if not 1 <= k <= n:
        raise ValueError(f"--files must be between 1 and the number of articles ({n}), not {k}")
    os.makedirs(out, exist_ok=True)
    _clear_previous(out)
    counts = dict.fromkeys(("full", "teaser_only", "placeholders", "listing_teasers", "page_teasers"), 0)
    names = []
    for g in range(k):
        names.append(file_name(seed, g))
        with open(os.path.join(out, names[-1]), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(file_lines(seed, n, k, g, counts))
    expected = {
        "articles": n,
        "full": counts["full"],
        "teaser_only": counts["teaser_only"],
        "placeholders": counts["placeholders"],
        "teaser_lines": counts["listing_teasers"] + counts["page_teasers"],
        "files": k,
        "listing_teasers": counts["listing_teasers"],
        "seed": seed,
        "file_names": names,
    }
    assert expected["full"] + expected["teaser_only"] == n, expected
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    return expected


def _clear_previous(out: str) -> None:
    """Remove an earlier generation's files; refuse a folder that holds anything else."""
    previous = os.path.join(out, "expected.json")
    ours = {"expected.json"}
    if os.path.exists(previous):
        with open(previous, encoding="utf-8") as f:
            ours.update(json.load(f).get("file_names", []))
    others = sorted(set(os.listdir(out)) - ours)
    if others:
        raise SystemExit(f"{out} holds files this generator did not write ({', '.join(others[:3])}, ...); "
                         "use an empty or new folder")
    for name in ours:
        path = os.path.join(out, name)
        if os.path.exists(path):
            os.remove(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of distinct articles")
    parser.add_argument("--out", required=True, help="output folder (new, empty, or an earlier output)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, help=f"number of files (default: one per {ARTICLES_PER_FILE:,} articles)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    try:
        expected = generate(args.articles, args.out, seed=args.seed, files=args.files)
    except ValueError as exc:
        parser.error(str(exc))
    shown = {key: value for key, value in expected.items() if key != "file_names"}
    print(json.dumps(shown), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

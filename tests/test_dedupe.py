"""Teaser keys, the teaser-of test, and resolving items against an index of articles."""

from newscrawl.items import ArticleItem
from pipelines.dedupe import ArticleIndex, body_key, find_article, fingerprint, is_teaser_of, merge, new_article, teaser_keys

BODY = (
    "At a time when some developed countries are retreating from their climate commitments, why does "
    "China remain steadfast?\n\nThe most immediate answer lies in the growing threat global warming poses."
)
TEASER = "At a time when some developed countries are retreating from their climate commitments, why does China rem"


def item(kind, text, url=None, **kw):
    it = ArticleItem(kind=kind, text=text, url=url, **kw)
    it.dedupe_keys = [body_key(text)] if kind == "full" else teaser_keys(text)
    it.fingerprint = fingerprint(text)
    return it


def test_teaser_is_prefix_across_paragraphs_and_typography():
    assert is_teaser_of(TEASER, BODY)
    assert is_teaser_of(TEASER.replace("commitments,", "commitments ,").upper(), BODY)
    teaser2 = "why does China remain steadfast? The most immediate answer lies in the growing threat"
    assert not is_teaser_of(teaser2, BODY)  # a later part of the body is not its teaser


def test_teaser_with_leftover_lead_words_still_matches():
    assert is_teaser_of("World By Cheng Chen People’s Daily " + TEASER, BODY)
    assert body_key(BODY) in teaser_keys("World By Cheng Chen People’s Daily " + TEASER)


def test_near_match_tolerates_an_edit_but_not_another_story():
    # Past the key words (the first eight must agree: they are how candidates are found).
    edited = TEASER.replace("commitments", "commitment")
    assert is_teaser_of(edited, BODY)
    other = "At a time when some developed countries are building new coal plants across the whole region and more"
    assert not is_teaser_of(other, BODY)


def test_short_teaser_proves_nothing():
    assert not is_teaser_of("At a time when", BODY)
    assert teaser_keys("At a time when") == []


def test_teaser_finds_body_and_is_merged():
    full, _ = new_article(item("full", BODY))
    full["id"] = 7
    index = ArticleIndex([full])
    teaser = item("teaser", TEASER)
    found = find_article(teaser, index)
    assert found is full
    outcome, changed = merge(found, teaser)
    assert outcome == "merged" and "teaser" in changed and found["teaser"] == TEASER
    assert merge(found, teaser) == ("unchanged", set())


def test_body_upgrades_teaser_only_article_in_place():
    stub, _ = new_article(item("teaser", TEASER, title="Why China cuts carbon"))
    stub["id"] = 3
    index = ArticleIndex([stub])
    body = item("full", BODY, byline_raw="By Cheng Chen", authors=["Cheng Chen"])
    found = find_article(body, index)
    assert found is stub
    outcome, _ = merge(found, body)
    assert (outcome, found["id"], found["status"], found["body"], found["teaser"]) == ("upgraded", 3, "full", BODY, TEASER)
    assert found["title"] == "Why China cuts carbon" and found["authors"] == ["Cheng Chen"]
    assert found["dedupe_key"] == body_key(BODY)


def test_full_body_never_replaced_by_shorter_one():
    full, _ = new_article(item("full", BODY))
    full["id"] = 1
    shorter = item("full", BODY.split("\n\n")[0])
    assert find_article(shorter, ArticleIndex([full])) is full
    assert merge(full, shorter)[0] == "unchanged" and full["body"] == BODY


def test_different_urls_never_merge():
    full, _ = new_article(item("full", BODY, url="https://a.example/1"))
    full["id"] = 1
    assert find_article(item("teaser", TEASER, url="https://a.example/2"), ArticleIndex([full])) is None
    assert find_article(item("teaser", TEASER), ArticleIndex([full])) is full


def test_teaser_fills_missing_metadata_but_page_values_win():
    full, _ = new_article(item("full", BODY, title="Page title", authors=["Cheng Chen"]))
    full["id"] = 1
    from datetime import datetime, timezone

    when = datetime(2025, 7, 1, tzinfo=timezone.utc)
    teaser = item("teaser", TEASER, title="Listing title", authors=["Someone Else"], date_raw="July 01, 2025",
                  published_at=when, published_precision="day")
    merge(full, teaser)
    assert full["title"] == "Page title" and full["authors"] == ["Cheng Chen"]
    assert (full["published_at"], full["published_precision"], full["published_raw"]) == (when, "day", "July 01, 2025")


def test_http_and_https_links_name_one_page():
    stub, _ = new_article(item("teaser", TEASER, url="http://a.example/1"))
    stub["id"] = 1
    page = item("full", BODY, url="https://a.example/1", title="Page title")
    assert find_article(page, ArticleIndex([stub])) is stub
    assert merge(stub, page)[0] == "upgraded"
    assert (stub["url"], stub["title"]) == ("https://a.example/1", "Page title")  # the page says where it lives


def test_page_fetched_again_with_other_text_replaces_its_body():
    from datetime import datetime, timezone

    monday, tuesday = (datetime(2025, 7, d, tzinfo=timezone.utc) for d in (7, 8))
    full, _ = new_article(item("full", BODY, url="https://a.example/1", title="Old", modified_at=tuesday))
    full["id"] = 1
    edited = BODY.replace("steadfast", "firm")  # shorter than the stored body
    older = item("full", edited, url="https://a.example/1", title="Older", modified_at=monday)
    assert merge(full, older) == ("unchanged", set()) and full["body"] == BODY
    newer = item("full", edited, url="https://a.example/1", title="New",
                 modified_at=datetime(2025, 7, 9, tzinfo=timezone.utc))
    outcome, changed = merge(full, newer)
    assert outcome == "updated" and {"body", "title", "modified_at"} <= changed
    assert (full["id"], full["body"], full["title"]) == (1, edited, "New")
    assert merge(full, newer) == ("unchanged", set())  # the same page again changes nothing


def test_an_older_copy_of_a_page_never_replaces_a_newer_body():
    from datetime import datetime, timezone

    may, june = (datetime(2024, m, 1, tzinfo=timezone.utc) for m in (5, 6))
    full, _ = new_article(item("full", BODY, url="https://a.example/1", title="Now", fetched_at=june))
    full["id"] = 1
    assert full["fetched_at"] == june
    # The page as an old WARC holds it: longer, no dateModified, fetched a month before.
    old = item("full", BODY + "\n\nA paragraph since cut.", url="https://a.example/1", title="Then", fetched_at=may)
    assert merge(full, old) == ("unchanged", set())
    assert (full["body"], full["title"], full["fetched_at"]) == (BODY, "Now", june)
    later = item("full", BODY.replace("steadfast", "firm"), url="https://a.example/1", title="Later",
                 fetched_at=datetime(2024, 7, 1, tzinfo=timezone.utc))
    outcome, changed = merge(full, later)
    assert outcome == "updated" and {"body", "title", "fetched_at"} <= changed and full["title"] == "Later"


def test_urlless_bodies_are_never_replaced_by_other_text():
    full, _ = new_article(item("full", BODY))
    full["id"] = 1
    assert merge(full, item("full", BODY.replace("steadfast", "firm")))[0] == "unchanged"

"""Last resort before the URL: htmldate's reading of the page's markup.

htmldate (a trafilatura dependency) knows many CMS date conventions we do not list. It runs
without its extensive search, so it reads markup (meta, time, date-classed elements, URL)
and never guesses a date from the prose. Only pages where our own chain found nothing pay
its cost (a few milliseconds).
"""

from __future__ import annotations

import logging
import warnings

from htmldate import find_date

logging.getLogger("htmldate").setLevel(logging.ERROR)


def markup_date(tree, url: str | None) -> str | None:
    try:
        with warnings.catch_warnings():
            # dateutil warns on zone names like "EST"; only the day is kept, so they do not matter.
            warnings.simplefilter("ignore")
            return find_date(tree, url=url, extensive_search=False, original_date=True,
                             outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None

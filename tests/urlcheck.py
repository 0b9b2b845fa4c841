"""Building blocks of the URL × role table (tests/test_urls.py). Each app's entries live in
`tests/<app>/url_entries.py` as `PAGES: dict[str, list[Route]]`, keyed by URL name."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import CAST, World

LOGGED_IN = [c for c in CAST if c != "anonymous"]


def statuses(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    expected = {name: default for name in LOGGED_IN}
    expected["anonymous"] = anonymous
    expected.update(overrides)
    return expected


@dataclass
class Route:
    expected: dict[str, int]
    kwargs: Callable[[World], dict] = lambda w: {}
    query: str | Callable[[World], str] = ""  # a callable: for a query naming an object of the world
    label: str = ""  # when one URL is checked with several objects


def one(expected, **kw) -> list[Route]:
    return [Route(expected, **kw)]

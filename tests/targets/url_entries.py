"""The target pages in the URL × role table. Leaders read targets; keeping them is the 党政办's (dzb), which no
member of the cast is: everyone else gets 403 (tests/targets/test_targets.py covers the keeper)."""

from tests.urlcheck import Route, one, statuses

READERS = statuses(403, leader=200)
KEEPERS = statuses(403)


def _target(w) -> dict:
    from decimal import Decimal

    from jiedao.targets.services import target_create

    target = target_create(code="org.communities_urban", area=w.street, year=2023, value=Decimal("8"))
    return {"pk": target.pk}


PAGES = {
    "target_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="year=2023&q=社区", label="筛选"),
    ],
    "target_create": one(KEEPERS),
    "target_detail": one(READERS, kwargs=_target),
    "target_edit": one(KEEPERS, kwargs=_target),
}

"""Case fixtures: a small category tree and a way to make a case in the fixed world."""

from datetime import datetime

import pytest
from django.utils import timezone

from jiedao.cases.models import Category, Source
from jiedao.cases.services import case_create


@pytest.fixture
def categories(db):
    city = Category.objects.create(code="city", name="城市管理", path="/city/")
    sanitation = Category.objects.create(
        code="sanitation", name="环境卫生", parent=city, path="/city/sanitation/"
    )
    garbage = Category.objects.create(
        code="garbage", name="垃圾清运", parent=sanitation, path="/city/sanitation/garbage/", normal_days=3
    )
    return {"city": city, "sanitation": sanitation, "garbage": garbage}


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def make_case(world, categories, *, source=Source.HOTLINE, area=None, received_at=None, **kw):
    return case_create(
        source=source,
        category=kw.pop("category", categories["sanitation"]),
        title=kw.pop("title", "小区垃圾未及时清运"),
        area=area or world.grid_a1,
        received_at=received_at or local(2024, 9, 30, 10, 0),
        reporter_name="刘先生",
        reporter_phone="13812345678",
        **kw,
    )

"""信息宣传: items, adoptions (once per level), the info_items ledger and the adoption figures."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.activities.models import Adoption, InfoItem
from jiedao.activities.services import (
    MSG_ADOPTION_BEFORE_SUBMIT,
    MSG_ADOPTION_TAKEN,
    MSG_STALE,
    adoption_add,
    adoption_remove,
    infoitem_update,
)
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from tests.activities.conftest import add_item
from tests.registry.helpers import xlsx

HEADER = [
    "标题",
    "作者",
    "报送日期",
    "所属区域",
    "报送科室",
    "内容摘要",
    "中央级媒体",
    "中央级采用日期",
    "市级媒体",
]


def test_an_item_is_adopted_once_per_level(world):
    item = add_item(world.grid_a1)
    adoption_add(item=item, level="city", outlet="呼和浩特日报", adopted_on=date(2023, 4, 12))
    with pytest.raises(ValidationError) as caught:
        adoption_add(item=item, level="city", outlet="青城眼", adopted_on=date(2023, 4, 13))
    assert caught.value.message_dict["level"] == [MSG_ADOPTION_TAKEN]
    with pytest.raises(ValidationError) as caught:
        adoption_add(item=item, level="central", outlet="人民网", adopted_on=date(2023, 4, 1))
    assert caught.value.message_dict["adopted_on"] == [MSG_ADOPTION_BEFORE_SUBMIT.format(date="2023-04-10")]
    adoption_remove(adoption=item.adoptions.get())
    assert not Adoption.objects.exists()


def test_a_stale_item_edit_is_refused(world):
    item = add_item(world.grid_a1)
    infoitem_update(item=item, version=1, title="新标题")
    with pytest.raises(ValidationError) as caught:
        infoitem_update(item=item, version=1, title="另一个标题")
    assert caught.value.messages == [MSG_STALE]


def test_the_detail_page_adds_and_removes_adoptions(client, world):
    item = add_item(world.grid_a1)
    client.force_login(world.worker_a)
    url = reverse("adoption_add", args=[item.pk])
    data = {"level": "district", "outlet": "回民区发布", "adopted_on": "2023-04-11"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "outlet": "回民区融媒体中心"})
    assert response.status_code == 400
    assert MSG_ADOPTION_TAKEN in response.content.decode()
    adoption = item.adoptions.get()
    assert client.post(reverse("adoption_remove", args=[item.pk, adoption.pk])).status_code == 302
    assert not item.adoptions.exists()
    client.force_login(world.worker_b)
    assert client.post(url, data).status_code == 404


def test_the_list_filters_by_level_year_and_author(client, world):
    first = add_item(world.grid_a1)
    add_item(world.grid_a1, title="第二篇", submitted_on=date(2022, 3, 1))
    adoption_add(item=first, level="central", outlet="人民网", adopted_on=date(2023, 5, 1))
    client.force_login(world.leader)

    def titles(**params):
        return {i.title for i in client.get(reverse("infoitem_list"), params).context["page_obj"]}

    assert titles(level="central") == {first.title}
    assert titles(level="city") == set()
    assert titles(year=2022) == {"第二篇"}
    assert titles(author="王晓燕", q="第二") == {"第二篇"}


def test_it_creates_an_item_on_the_page(client, world):
    client.force_login(world.worker_a)
    response = client.post(
        reverse("infoitem_create"),
        {
            "title": "社区A开展垃圾分类宣传",
            "author": "李社工",
            "submitted_on": "2023-06-01",
            "area": world.community_a.pk,
        },
    )
    item = InfoItem.objects.get()
    assert response.url == reverse("infoitem_detail", args=[item.pk])
    assert item.created_by == world.worker_a


def run(rows, user):
    return import_file(get_ledger("info_items"), xlsx([HEADER, *rows]), file_name="信息.xlsx", user=user)


def test_the_ledger_imports_items_with_their_adoptions_and_reimports_update(world):
    rows = [
        ["社区A开展宣传", "王晓燕", "2023-04-10", "社区A", "综治办", "", "人民网", "2023-04-15", "青城眼"],
        ["网格A1志愿服务", "李社工", "2023-05-10", "社区A网格A1", "", "", "", "", ""],
    ]
    job = run(rows, world.worker_a)
    assert job.succeeded, job.errors
    item = InfoItem.objects.get(title="社区A开展宣传")
    assert {(a.level, a.outlet, a.adopted_on) for a in item.adoptions.all()} == {
        ("central", "人民网", date(2023, 4, 15)),
        ("city", "青城眼", date(2023, 4, 10)),
    }
    assert item.office == world.office
    rows[0][8] = ""
    job = run(rows, world.worker_a)
    assert (job.rows_updated, job.rows_unchanged) == (1, 1)
    assert list(item.adoptions.values_list("level", flat=True)) == ["central"]
    data, count = export_ledger(get_ledger("info_items"), user=world.worker_a, params={})
    assert count == 2
    job = import_file(get_ledger("info_items"), data, file_name="导出.xlsx", user=world.worker_a)
    assert job.rows_unchanged == 2, job.errors


def test_one_bad_item_row_writes_nothing(world):
    job = run(
        [
            ["社区A开展宣传", "王晓燕", "2023-04-10", "社区A", "", "", "人民网", "2023-04-15", ""],
            ["社区B稿件", "王晓燕", "2023-04-10", "社区B", "", "", "", "", ""],
            ["日期有误", "王晓燕", "2023-04-10", "社区A", "宣传部", "", "人民网", "2023-04-01", ""],
        ],
        world.worker_a,
    )
    assert job.errors == [
        [3, "所属区域", "“社区B”不在您的辖区"],
        [4, "报送科室", "科室“宣传部”不存在"],
    ]
    assert not InfoItem.objects.exists()

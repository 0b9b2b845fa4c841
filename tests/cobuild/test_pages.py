"""The co-building pages: lists with their figures, forms that save through the services and show Chinese
errors on the fields, and the export links (scoping and roles: tests/cobuild/url_entries.py)."""

from datetime import date

from django.urls import reverse

from jiedao.cobuild import services
from jiedao.cobuild.models import (
    BinKind,
    CobuildItem,
    ItemStatus,
    PropertyCommittee,
    Rectification,
    WasteFacility,
)
from tests.conftest import PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_the_item_list_shows_the_completion_rate_of_what_it_lists(client, world):
    for title, status, done in [
        ("甲", ItemStatus.COMPLETED, date(2023, 3, 1)),
        ("乙", ItemStatus.IN_PROGRESS, None),
    ]:
        services.cobuild_item_create(
            kind="need",
            title=title,
            partner="医院",
            year=2023,
            area=world.community_a,
            status=status,
            completed_on=done,
        )
    services.cobuild_item_create(
        kind="project", title="丙", partner="医院", year=2022, area=world.community_a
    )
    login(client, world.worker_a)
    response = client.get(reverse("cobuild_item_list"), {"year": "2023"})
    assert response.context["totals"]["rate"] == 50
    assert "50.00%" in response.content.decode()
    assert 'id="export-link"' in response.content.decode()
    login(client, world.leader)
    page = client.get(reverse("cobuild_item_list")).content.decode()
    assert "export-link" not in page and "丙" in page


def test_an_item_is_created_from_the_form(client, world, places):
    login(client, world.worker_a)
    data = {
        "kind": "need",
        "title": "楼道照明改造",
        "compound": places["sunny"].pk,
        "partner": "回民区人民医院",
        "year": 2023,
        "status": "completed",
        "completed_on": "",
    }
    response = client.post(reverse("cobuild_item_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"completed_on": ["状态为“已完成”时必须填写完成日期"]}
    data["completed_on"] = "2023-06-30"
    response = client.post(reverse("cobuild_item_create"), data)
    assert response.status_code == 302
    item = CobuildItem.objects.get()
    assert (item.area, item.history.first().history_user) == (world.community_a, world.worker_a)
    response = client.post(
        reverse("cobuild_item_edit", args=[item.pk]),
        {**data, "status": "in_progress", "version": item.version},
    )
    assert response.context["form"].errors == {"completed_on": ["事项尚未完成，不应填写完成日期"]}


def test_a_rectification_form_names_a_deadline_before_the_finding(client, world):
    login(client, world.worker_a)
    data = {
        "item": "井盖破损",
        "category": "damaged_facility",
        "area": world.community_a.pk,
        "found_on": "2023-05-10",
        "deadline": "2023-05-01",
        "status": "pending",
    }
    response = client.post(reverse("rectification_create"), data)
    assert response.context["form"].errors == {"deadline": ["整改期限不能早于发现日期"]}
    assert "整改期限不能早于发现日期" in response.content.decode()
    data["deadline"] = "2023-05-15"
    assert client.post(reverse("rectification_create"), data).status_code == 302
    row = Rectification.objects.get()
    response = client.get(reverse("rectification_list"), {"overdue": "1"})
    assert list(response.context["page_obj"]) == [row]  # still open, long past its deadline


def test_a_grid_worker_may_read_but_not_register(client, world):
    login(client, world.grid_a1_worker)
    assert client.get(reverse("rectification_list")).status_code == 200
    assert client.get(reverse("rectification_create")).status_code == 403


def test_waste_bins_are_kept_per_compound_with_four_counts(client, world, places):
    login(client, world.worker_a)
    url = reverse("waste_edit", args=[places["sunny"].pk])
    response = client.post(
        url, {"recyclable": 2, "hazardous": 1, "kitchen": -1, "other": 4, "installed_on": "2023-04-01"}
    )
    assert "kitchen" in response.context["form"].errors
    response = client.post(
        url, {"recyclable": 2, "hazardous": 1, "kitchen": 3, "other": 4, "installed_on": "2023-04-01"}
    )
    assert response.status_code == 302
    assert WasteFacility.objects.filter(compound=places["sunny"]).count() == 4
    response = client.get(reverse("waste_list"))
    rows = {c.name: c for c in response.context["page_obj"]}
    assert (rows["阳光小区"].other, rows["阳光小区"].total) == (4, 10)
    assert response.context["totals"] == {"compounds": 1, "covered": 1, "bins": 10}
    assert client.get(reverse("waste_list"), {"covered": "0"}).context["totals"]["compounds"] == 0
    assert BinKind.OTHER.label in response.content.decode()


def test_the_committee_list_names_the_compounds_without_one(client, world, places):
    login(client, world.leader)
    response = client.get(reverse("committee_list"))
    assert list(response.context["lacking"]) == [places["sunny"], places["river"]]
    login(client, world.worker_a)
    url = reverse("committee_create") + f"?compound={places['sunny'].pk}"
    assert client.get(url).context["form"].initial["compound"] == places["sunny"].pk
    data = {
        "compound": places["sunny"].pk,
        "established_on": "2022-03-01",
        "director": "王建国",
        "members": 0,
    }
    response = client.post(url, data)
    assert response.context["form"].errors == {"members": ["确保该值大于或等于1。"]}
    assert client.post(url, {**data, "members": 7}).status_code == 302
    assert PropertyCommittee.objects.get().members == 7
    response = client.post(url, {**data, "members": 7})
    assert response.context["form"].errors == {"compound": ["该小区已成立物管会"]}
    login(client, world.leader)
    response = client.get(reverse("committee_list"))
    assert (response.context["covered"], str(response.context["rate"])) == (1, "50.00")

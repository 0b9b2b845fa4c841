from datetime import date

from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.party.models import (
    DisciplineRecord,
    Honour,
    IntegrityArchive,
    PartyBranch,
    PartyMember,
    StaffDuty,
)
from tests.party.conftest import add_archive, add_discipline, add_honour


def names(response, attr="name") -> set[str]:
    assert response.status_code == 200
    return {getattr(obj, attr) for obj in response.context["page_obj"]}


def test_the_party_office_keeps_branches_and_the_list_filters(party, party_keeper, client):
    client.force_login(party_keeper)
    url = reverse("party_branch_list")
    assert names(client.get(url)) == {"社区A党支部", "社区B党支部", "机关第一党支部"}
    assert names(client.get(url, {"kind": "organ"})) == {"机关第一党支部"}
    assert names(client.get(url, {"title": "strongest", "year": "2023"})) == {"社区A党支部"}
    assert names(client.get(url, {"q": "社区B"})) == {"社区B党支部"}
    response = client.get(reverse("party_branch_detail", args=[party["a"].pk]))
    assert response.status_code == 200
    assert "李秀英" in response.content.decode() and "最强党支部" in response.content.decode()


def test_a_community_secretary_reads_the_party_records_of_their_community_only(party, secretary_a, client):
    client.force_login(secretary_a)
    assert names(client.get(reverse("party_branch_list"))) == {"社区A党支部"}
    assert names(client.get(reverse("party_member_list"))) == {"李秀英", "张建国"}
    assert client.get(reverse("party_branch_detail", args=[party["b"].pk])).status_code == 404
    assert AuditLog.objects.filter(event=AuditEvent.OUT_OF_SCOPE).exists()
    # Reading is all: no edits, no integrity records.
    assert client.get(reverse("party_branch_edit", args=[party["a"].pk])).status_code == 403
    assert client.get(reverse("party_archive_list")).status_code == 403
    assert client.get(reverse("party_discipline_list")).status_code == 403


def test_creating_a_branch_and_a_member_through_the_pages(world, party_keeper, client):
    client.force_login(party_keeper)
    response = client.post(
        reverse("party_branch_create"),
        {"name": "社区A第二党支部", "kind": "community", "area": world.community_a.pk, "active": "on"},
    )
    branch = PartyBranch.objects.get(name="社区A第二党支部")
    assert response.status_code == 302 and response["Location"] == branch.get_absolute_url()
    client.post(
        reverse("party_member_create"),
        {
            "branch": branch.pk,
            "name": "赵海",
            "gender": "M",
            "status": "full",
            "joined_party_on": "2010-07-01",
        },
    )
    member = PartyMember.objects.get(name="赵海")
    assert (member.area, member.branch, member.joined_party_on) == (
        world.community_a,
        branch,
        date(2010, 7, 1),
    )
    response = client.post(
        reverse("party_branch_title_create", args=[branch.pk]), {"year": 2023, "title": "strongest"}
    )
    assert response.status_code == 302 and branch.titles.count() == 1


def test_bad_input_is_explained_beside_the_field(party, world, party_keeper, client):
    client.force_login(party_keeper)
    response = client.post(
        reverse("party_branch_create"),
        {"name": "社区A党支部", "kind": "community", "area": world.community_b.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["已有同名党支部"]}
    response = client.post(
        reverse("party_duty_create"), {"duty": "commentator", "area": world.community_a.pk}
    )
    form_errors = response.context["form"].errors
    assert set(form_errors) == {"user", "start_date"}
    response = client.post(
        reverse("party_duty_create"),
        {
            "user": world.worker_a.pk,
            "duty": "commentator",
            "area": world.community_a.pk,
            "start_date": "2023-05-01",
            "end_date": "2023-04-01",
        },
    )
    assert response.context["form"].errors == {"end_date": ["结束日期不能早于开始日期"]}
    assert not StaffDuty.objects.exists()


def test_editing_a_duty_ends_it(world, party_keeper, client):
    from jiedao.party.services import duty_create

    duty = duty_create(
        user=world.worker_a, duty="commentator", area=world.community_a, start_date=date(2023, 1, 1)
    )
    client.force_login(party_keeper)
    response = client.post(
        reverse("party_duty_edit", args=[duty.pk]),
        {
            "user": world.worker_a.pk,
            "duty": "commentator",
            "area": world.community_a.pk,
            "start_date": "2023-01-01",
            "end_date": "2023-06-30",
            "version": duty.version,
        },
    )
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.end_date == date(2023, 6, 30)
    assert names(client.get(reverse("party_duty_list"), {"on": "2023-12-31"}), "pk") == set()
    assert names(client.get(reverse("party_duty_list"), {"on": "2023-03-01"}), "pk") == {duty.pk}


def test_every_read_of_discipline_records_is_audited(world, integrity_keeper, client):
    record = add_discipline(world.community_a, "王海")
    client.force_login(integrity_keeper)
    before = AuditLog.objects.filter(event=AuditEvent.VIEW_FULL).count()
    assert names(client.get(reverse("party_discipline_list")), "person_name") == {"王海"}
    assert client.get(reverse("party_discipline_detail", args=[record.pk])).status_code == 200
    rows = AuditLog.objects.filter(event=AuditEvent.VIEW_FULL, user=integrity_keeper).order_by("id")
    assert rows.count() == before + 2
    listing, detail = rows
    assert listing.detail["ledger"] == "discipline_records" and listing.detail["rows"] == [record.pk]
    assert (detail.object_type, detail.object_id) == ("party.DisciplineRecord", str(record.pk))


def test_the_integrity_office_keeps_archives_and_discipline_the_party_office_does_not(
    world, integrity_keeper, party_keeper, client
):
    client.force_login(integrity_keeper)
    response = client.post(
        reverse("party_archive_create"),
        {
            "person_name": "王海",
            "unit": "党建办",
            "area": world.street.pk,
            "year": 2023,
            "filed_on": "2023-03-01",
        },
    )
    assert response.status_code == 302 and IntegrityArchive.objects.filter(person_name="王海").exists()
    response = client.post(
        reverse("party_discipline_create"),
        {
            "person_name": "王海",
            "unit": "党建办",
            "kind": "talk",
            "occurred_on": "2023-05-01",
            "reason": "台账不实",
            "decided_by": "街道纪工委",
            "area": world.street.pk,
        },
    )
    record = DisciplineRecord.objects.get()
    assert response["Location"] == record.get_absolute_url()
    assert client.get(reverse("party_branch_list")).status_code == 403
    client.force_login(party_keeper)
    assert client.get(reverse("party_archive_list")).status_code == 403
    assert client.get(reverse("party_discipline_detail", args=[record.pk])).status_code == 403


def test_community_workers_keep_the_honours_of_their_community(world, client):
    add_honour(world.community_b)
    client.force_login(world.worker_a)
    response = client.post(
        reverse("party_honour_create"),
        {
            "kind": "district_civilized_community",
            "year": 2023,
            "awarded_by": "区文明委",
            "area": world.community_a.pk,
        },
    )
    assert response.status_code == 302
    assert names(client.get(reverse("party_honour_list")), "holder") == {"社区A"}
    client.force_login(world.grid_a1_worker)
    assert names(client.get(reverse("party_honour_list")), "holder") == set()
    client.force_login(world.leader)
    listed = names(client.get(reverse("party_honour_list"), {"kind": "city_civilized_community"}), "holder")
    assert listed == {"社区B"}
    assert Honour.objects.count() == 2


def test_an_archive_list_searches_by_unit_and_year(world, integrity_keeper, client):
    add_archive(world.community_a, "王海", unit="社区A")
    add_archive(world.street, "李明", unit="党建办", year=2022, filed_on=date(2022, 3, 1))
    client.force_login(integrity_keeper)
    url = reverse("party_archive_list")
    assert names(client.get(url, {"q": "党建办"}), "person_name") == {"李明"}
    assert names(client.get(url, {"year": "2023"}), "person_name") == {"王海"}
    assert names(client.get(url, {"area": world.community_a.pk}), "person_name") == {"王海"}

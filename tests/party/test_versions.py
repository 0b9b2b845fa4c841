"""Optimistic locking of the party, integrity and honour edits: a conflicting update is refused, not merged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.core.concurrency import MSG_STALE, UNCHECKED
from jiedao.party import services
from jiedao.party.models import PartyBranch, PartyMember
from tests.party.conftest import add_archive, add_discipline, add_honour
from tests.party.test_ledgers import MEMBERS, run


def _records(world, party):
    duty = services.duty_create(
        user=world.worker_a, duty="commentator", area=world.community_a, start_date=date(2023, 1, 1)
    )
    return {
        "branch": (services.branch_update, "branch", party["a"], {"secretary": "赵书记"}),
        "member": (services.member_update, "member", party["members"][0], {"post": "组织委员"}),
        "duty": (services.duty_update, "staff_duty", duty, {"note": "兼任"}),
        "archive": (
            services.archive_update,
            "archive",
            add_archive(world.community_a, "王海"),
            {"post": "书记"},
        ),
        "discipline": (
            services.discipline_update,
            "record",
            add_discipline(world.community_a, "王海"),
            {"reason": "台账不实"},
        ),
        "honour": (
            services.honour_update,
            "honour",
            add_honour(world.community_a),
            {"awarded_by": "区文明委"},
        ),
    }


@pytest.mark.parametrize("kind", ["branch", "member", "duty", "archive", "discipline", "honour"])
def test_an_edit_on_a_stale_copy_is_refused_and_writes_nothing(kind, world, party):
    update, key, obj, changes = _records(world, party)[kind]
    model = type(obj)
    assert obj.version == 1
    first = update(**{key: obj}, version=1, **changes, actor=world.leader)
    assert first.version == 2
    before = model.objects.get(pk=obj.pk)
    history = before.history.count()
    # A second editor still holding version 1.
    field = next(iter(changes))
    with pytest.raises(ValidationError) as exc:
        update(**{key: obj}, version=1, **{field: "另一人的修改"}, actor=world.leader)
    assert exc.value.code == "stale" and exc.value.messages == [MSG_STALE]
    after = model.objects.get(pk=obj.pk)
    assert (getattr(after, field), after.version) == (getattr(before, field), 2)
    assert after.history.count() == history
    # A missing version is no version at all: refused too.
    with pytest.raises(ValidationError):
        update(**{key: obj}, version=None, **changes)
    # The current version goes through and moves on.
    assert update(**{key: obj}, version=2, **{field: "再次修改"}).version == 3


def test_a_reimport_is_a_newer_write_and_bumps_the_version(party, party_keeper):
    member = party["members"][0]
    row = ["社区A党支部", "李秀英", "女", "2001-07-01", "正式党员", "宣传委员", ""]
    job = run("party_members", MEMBERS, [row], party_keeper)
    assert job.succeeded and job.rows_updated == 1
    member.refresh_from_db()
    assert (member.post, member.version) == ("宣传委员", 2)
    # The edit page shown before the import is now stale.
    with pytest.raises(ValidationError):
        services.member_update(member=member, version=1, post="组织委员")
    assert services.member_update(member=member, version=UNCHECKED, post="组织委员").version == 3


def test_the_edit_page_refuses_a_stale_edit_and_keeps_the_input(party, party_keeper, client):
    branch = party["a"]
    client.force_login(party_keeper)
    url = reverse("party_branch_edit", args=[branch.pk])
    page = client.get(url)
    assert 'name="version" value="1"' in page.content.decode()
    # Someone else saves first.
    services.branch_update(branch=branch, version=1, secretary="赵书记")
    data = {"name": "社区A党支部", "kind": "community", "area": branch.area_id, "active": "on"}
    response = client.post(url, {**data, "secretary": "钱书记", "version": 1})
    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    assert MSG_STALE in content and 'value="钱书记"' in content
    saved = PartyBranch.objects.get(pk=branch.pk)
    assert (saved.secretary, saved.version) == ("赵书记", 2)
    # After a refresh (the current version) the edit is saved.
    response = client.post(url, {**data, "secretary": "钱书记", "version": 2})
    assert response.status_code == 302
    assert PartyBranch.objects.get(pk=branch.pk).secretary == "钱书记"


def test_a_stale_member_edit_is_refused_on_the_page(party, party_keeper, client):
    member = party["members"][1]
    client.force_login(party_keeper)
    url = reverse("party_member_edit", args=[member.pk])
    services.member_update(member=member, version=1, post="纪检委员")
    data = {"branch": party["a"].pk, "name": "张建国", "status": "full", "post": "组织委员", "version": 1}
    response = client.post(url, data)
    assert response.status_code == 200 and MSG_STALE in response.content.decode()
    assert PartyMember.objects.get(pk=member.pk).post == "纪检委员"

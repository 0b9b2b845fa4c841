from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jiedao.core.models import AuditEvent, AuditLog, Office, Role, RoleAssignment
from jiedao.core.permissions import VIEW_AREAS, VIEW_AUDIT_LOG
from jiedao.core.services import accounts
from jiedao.core.services.accounts import account_create, role_grant, role_revoke


def test_it_grants_a_role_and_audits_it(world):
    role_grant(user=world.worker_b, role=Role.COMMUNITY_WORKER, area=world.community_a, actor=world.sysadmin)
    row = AuditLog.objects.filter(event=AuditEvent.ROLE_GRANTED).latest("id")
    assert (row.username, row.detail["grantee"], row.detail["area"]) == (
        "sysadmin",
        "worker_b",
        "150103001001",
    )


def test_it_refuses_a_role_on_the_wrong_level(world):
    with pytest.raises(ValidationError) as exc:
        role_grant(user=world.worker_b, role=Role.GRID_WORKER, area=world.community_a)
    assert exc.value.message_dict["area"] == [
        accounts.MSG_ROLE_LEVEL.format(role="网格员", level="网格", area="社区A", area_level="社区")
    ]


def test_it_requires_an_office_for_office_staff_and_only_for_them(world):
    with pytest.raises(ValidationError) as exc:
        role_grant(user=world.worker_b, role=Role.OFFICE_STAFF, area=world.street)
    assert exc.value.message_dict["office"] == [accounts.MSG_ROLE_NEEDS_OFFICE]
    with pytest.raises(ValidationError) as exc:
        role_grant(user=world.worker_b, role=Role.STREET_LEADER, area=world.street, office=world.office)
    assert exc.value.message_dict["office"] == [accounts.MSG_ROLE_NO_OFFICE]


def test_it_refuses_a_duplicate_open_grant(world):
    with pytest.raises(ValidationError) as exc:
        role_grant(user=world.worker_a, role=Role.COMMUNITY_WORKER, area=world.community_a)
    assert exc.value.message_dict["role"] == [accounts.MSG_ROLE_DUPLICATE.format(area="社区A")]


def test_it_revokes_once_and_keeps_the_dates(world):
    assignment = world.worker_a.roles.get()
    role_revoke(assignment=assignment, end_date=date(2023, 3, 1), actor=world.sysadmin)
    assert RoleAssignment.objects.get(pk=assignment.pk).end_date == date(2023, 3, 1)
    with pytest.raises(ValidationError) as exc:
        role_revoke(assignment=assignment, end_date=date(2023, 4, 1))
    assert exc.value.message_dict["end_date"] == [
        accounts.MSG_ROLE_ALREADY_ENDED.format(end=date(2023, 3, 1))
    ]
    assert RoleAssignment.objects.active(date(2023, 2, 28)).filter(pk=assignment.pk).exists()
    assert not RoleAssignment.objects.active(date(2023, 3, 1)).filter(pk=assignment.pk).exists()


def test_it_gives_permissions_by_role(world):
    assert world.worker_a.has_perm(VIEW_AREAS)
    assert not world.worker_a.has_perm(VIEW_AUDIT_LOG)
    assert world.auditor.has_perm(VIEW_AUDIT_LOG)
    assert not world.auditor.has_perm(VIEW_AREAS)
    # 三权分立: the system administrator cannot read the audit log.
    assert not world.sysadmin.has_perm(VIEW_AUDIT_LOG)


def test_it_refuses_a_weak_password(db):
    with pytest.raises(ValidationError):
        account_create(username="weak", full_name="弱密码", password="12345678")


def test_it_refuses_a_taken_username(world):
    with pytest.raises(ValidationError) as exc:
        account_create(username="leader", full_name="重名", password="Another-pass-9")
    assert exc.value.message_dict["username"] == [accounts.MSG_USERNAME_TAKEN.format(username="leader")]


def test_it_gives_party_and_integrity_permissions_by_office(world):
    """党建 and 廉政 records are held by offices (党建办, 纪工委), not by the office-staff role as such."""
    party = "party.change_partybranch"
    discipline = "party.view_disciplinerecord"
    users = {}
    for code, name in (("djb", "党建办"), ("jgw", "纪工委")):
        office = Office.objects.create(code=code, name=name)
        users[code] = account_create(username=f"ks_{code}", full_name=name, password=None)
        role_grant(
            user=users[code],
            role=Role.OFFICE_STAFF,
            area=world.street,
            office=office,
            start_date=date(2023, 1, 1),
        )
    assert users["djb"].has_perm(party) and not users["djb"].has_perm(discipline)
    assert users["jgw"].has_perm(discipline) and not users["jgw"].has_perm(party)
    # Staff of another office (world.office is 综治办) hold neither.
    office_staff = account_create(username="ks_zzb", full_name="综治", password=None)
    role_grant(
        user=office_staff,
        role=Role.OFFICE_STAFF,
        area=world.street,
        office=world.office,
        start_date=date(2023, 1, 1),
    )
    assert not office_staff.has_perm(party) and not office_staff.has_perm(discipline)
    # Street leaders read both; community workers neither discipline records nor, to change, branches.
    assert world.leader.has_perm(discipline) and world.leader.has_perm("party.view_partybranch")
    assert not world.leader.has_perm(party)
    assert not world.worker_a.has_perm(discipline) and not world.worker_a.has_perm(party)

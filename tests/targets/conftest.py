"""Fixtures of the targets tests: a 党政办 (dzb) office staff member of the street, who keeps targets
(KEEP_REPORTS in jiedao/core/permissions.py), and an office staff member of another office, who reads them."""

from datetime import date

import pytest

from jiedao.core.models import Office, Role
from jiedao.core.services.accounts import account_create, role_grant
from tests.conftest import PASSWORD


def office_staff(world, username: str, office_code: str, office_name: str):
    office, _ = Office.objects.get_or_create(code=office_code, defaults={"name": office_name})
    user = account_create(username=username, full_name=f"{office_name}干事", password=PASSWORD)
    role_grant(
        user=user, role=Role.OFFICE_STAFF, area=world.street, office=office, start_date=date(2020, 1, 1)
    )
    return user


@pytest.fixture
def keeper(world):
    return office_staff(world, "dzb_staff", "dzb", "党政办")


@pytest.fixture
def reader(world):
    return office_staff(world, "zzb_staff", world.office.code, world.office.name)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)

"""A 党政办 (office "dzb") member of the small world: the one who edits the annual summary's narrative."""

from datetime import date

from jiedao.core.models import Office, Role
from jiedao.core.services.accounts import account_create, role_grant
from tests.conftest import PASSWORD


def office_dzb_user(world, username: str = "dzb_staff"):
    office, _ = Office.objects.get_or_create(code="dzb", defaults={"name": "党政办"})
    user = account_create(username=username, full_name="刘文书", password=PASSWORD)
    role_grant(
        user=user, role=Role.OFFICE_STAFF, area=world.street, office=office, start_date=date(2020, 1, 1)
    )
    return user

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.projects.models import LegacyUse, Milestone, Project, ProjectKind, ProjectStatus
from jiedao.projects.services import (
    MSG_AREA_LEVEL,
    MSG_COMPLETED_BEFORE_START,
    MSG_COMPLETED_ON_EXTRA,
    MSG_COMPLETED_ON_REQUIRED,
    MSG_COMPOUND_OUTSIDE,
    MSG_END_BEFORE_START,
    MSG_FUTURE,
    MSG_MILESTONE_DONE,
    MSG_MILESTONE_OUTSIDE,
    MSG_NAME_TAKEN,
    MSG_NEGATIVE,
    MSG_STALE,
    MSG_USE_EXTRA,
    MSG_USE_REQUIRED,
    milestone_add,
    milestone_complete,
    milestone_update,
    project_update,
)
from tests.projects.conftest import add_project


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


def test_it_registers_a_project_with_its_compounds_and_history(world, places):
    project = add_project(
        world.community_a, "阳光小区改造", compounds=[places["sunny"]], actor=world.worker_a
    )
    project.refresh_from_db()
    assert list(project.compounds.all()) == [places["sunny"]]
    assert (project.budget, project.status, project.version) == (Decimal("3200000.00"), "planning", 1)
    assert project.history.get().history_user == world.worker_a


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"planned_end": date(2024, 2, 1)}, "planned_end", MSG_END_BEFORE_START),
        ({"budget": Decimal("-1")}, "budget", MSG_NEGATIVE.format(field="总投资")),
        ({"households": -3}, "households", MSG_NEGATIVE.format(field="户数")),
        ({"kind": ProjectKind.LEGACY}, "use", MSG_USE_REQUIRED),
        ({"use": LegacyUse.RESIDENTIAL}, "use", MSG_USE_EXTRA),
        ({"status": ProjectStatus.COMPLETED}, "completed_on", MSG_COMPLETED_ON_REQUIRED),
        ({"completed_on": date(2024, 5, 1)}, "completed_on", MSG_COMPLETED_ON_EXTRA),
        (
            {"status": ProjectStatus.COMPLETED, "completed_on": date(2024, 2, 1)},
            "completed_on",
            MSG_COMPLETED_BEFORE_START.format(date="2024-03-01"),
        ),
    ],
)
def test_it_refuses_a_project_that_breaks_a_rule(world, changes, field, message):
    with pytest.raises(ValidationError) as exc:
        add_project(world.community_a, "阳光小区改造", **changes)
    assert message in errors_of(exc)[field]
    assert not Project.objects.exists()


def test_it_refuses_a_completion_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        add_project(
            world.community_a,
            "阳光小区改造",
            planned_start=None,
            planned_end=None,
            status=ProjectStatus.COMPLETED,
            completed_on=tomorrow,
        )
    assert errors_of(exc)["completed_on"] == [MSG_FUTURE]


def test_it_refuses_compounds_outside_the_area_and_grids_as_areas(world, places):
    with pytest.raises(ValidationError) as exc:
        add_project(world.community_a, "河畔小区改造", compounds=[places["river"]])
    assert errors_of(exc)["compounds"] == [MSG_COMPOUND_OUTSIDE.format(compound="河畔小区", area="社区A")]
    with pytest.raises(ValidationError) as exc:
        add_project(world.grid_a1, "阳光小区改造")
    assert errors_of(exc)["area"] == [MSG_AREA_LEVEL]
    # The street holds every compound.
    assert add_project(world.street, "城发绿园", compounds=[places["river"], places["sunny"]]).pk


def test_it_refuses_a_second_project_of_the_same_name(world):
    add_project(world.community_a, "阳光小区改造")
    with pytest.raises(ValidationError) as exc:
        add_project(world.community_b, "阳光小区改造")
    assert errors_of(exc)["name"] == [MSG_NAME_TAKEN]


def test_it_updates_at_the_version_seen_and_refuses_a_stale_edit(world):
    project = add_project(world.community_a, "阳光小区改造")
    saved = project_update(project=project, version=1, status=ProjectStatus.BUILDING, actor=world.worker_a)
    assert (saved.status, saved.version) == ("building", 2)
    with pytest.raises(ValidationError) as exc:
        project_update(project=project, version=1, name="别的名字")
    assert exc.value.messages == [MSG_STALE]
    assert Project.objects.get().name == "阳光小区改造"


def test_its_progress_follows_its_milestones(world):
    project = add_project(world.community_a, "阳光小区改造", progress=35)
    first = milestone_add(project=project, name="施工招标", planned_on=date(2024, 4, 20))
    milestone_add(project=project, name="竣工验收", planned_on=date(2024, 10, 31))
    assert Project.objects.get().progress == 0
    milestone_complete(milestone=first, actual_on=date(2024, 4, 25), actor=world.worker_a)
    project.refresh_from_db()
    assert project.progress == 50
    # Entered progress is ignored once milestones exist.
    saved = project_update(project=project, version=project.version, progress=90)
    assert saved.progress == 50


def test_it_keeps_milestones_inside_the_planned_period_and_in_the_past(world):
    project = add_project(world.community_a, "阳光小区改造")
    with pytest.raises(ValidationError) as exc:
        milestone_add(project=project, name="竣工验收", planned_on=date(2024, 11, 30))
    assert errors_of(exc)["planned_on"] == [MSG_MILESTONE_OUTSIDE]
    milestone = milestone_add(project=project, name="施工招标", planned_on=date(2024, 4, 20))
    with pytest.raises(ValidationError) as exc:
        milestone_update(milestone=milestone, planned_on=date(2024, 2, 1))
    assert errors_of(exc)["planned_on"] == [MSG_MILESTONE_OUTSIDE]
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        milestone_complete(milestone=milestone, actual_on=tomorrow)
    assert errors_of(exc)["actual_on"] == [MSG_FUTURE]
    milestone_complete(milestone=milestone, actual_on=date(2024, 4, 22))
    with pytest.raises(ValidationError) as exc:
        milestone_complete(milestone=milestone, actual_on=date(2024, 4, 23))
    assert errors_of(exc)["actual_on"] == [MSG_MILESTONE_DONE.format(date="2024-04-22")]
    assert Milestone.objects.get().actual_on == date(2024, 4, 22)


def test_a_project_stays_editable_after_its_community_is_retired(world):
    from jiedao.core.services.areas import area_retire

    project = add_project(world.community_b, "河畔小区改造")
    other = add_project(world.community_a, "阳光小区改造")
    area_retire(area=world.grid_b1, effective_on=date(2024, 1, 1))
    area_retire(area=world.community_b, effective_on=date(2024, 1, 1))
    project.refresh_from_db()
    saved = project_update(project=project, version=1, status=ProjectStatus.BUILDING)
    assert saved.status == ProjectStatus.BUILDING
    with pytest.raises(ValidationError) as exc:
        project_update(project=other, version=1, area=project.area)
    assert "已撤销" in errors_of(exc)["area"][0]

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jiedao.activities.models import Activity, ActivityValue
from jiedao.activities.services import (
    MSG_END_BEFORE_START,
    MSG_MEASURE_IN_USE,
    MSG_MEASURE_NOT_OF_TYPE,
    MSG_STALE,
    activity_delete,
    activity_type_create,
    activity_type_update,
    activity_update,
    measure_create,
)
from tests.activities.conftest import add_activity, kind, measure


def test_it_records_an_activity_with_its_measure_values(world):
    activity = add_activity(world.grid_a1, values={"audience": 120}, actor=world.worker_a)
    assert activity.version == 1
    assert activity.created_by == world.worker_a
    assert {v.measure.code: v.value for v in activity.values.all()} == {"audience": Decimal(120)}
    assert activity.history.count() == 1


def test_a_measure_the_type_lacks_is_refused_naming_both(world):
    with pytest.raises(ValidationError) as caught:
        add_activity(world.grid_a1, values={"audience": 10, "tons": 3})
    assert caught.value.message_dict["values"] == [
        MSG_MEASURE_NOT_OF_TYPE.format(type="宣讲", measure="清理吨数")
    ]
    assert not Activity.objects.exists()


def test_values_are_not_negative_and_have_the_measures_places(world):
    with pytest.raises(ValidationError) as caught:
        add_activity(world.grid_a1, values={"audience": -1})
    assert caught.value.message_dict["values"] == ["“受众人次”不能为负数"]
    with pytest.raises(ValidationError) as caught:
        add_activity(world.grid_a1, values={"audience": "12.5"})
    assert caught.value.message_dict["values"] == ["“受众人次”应为整数"]
    tons = add_activity(world.grid_a1, "river_cleanup", "清理", values={"tons": "2.5"})
    assert tons.values.get().value == Decimal("2.5")


def test_the_end_date_is_not_before_the_start(world):
    with pytest.raises(ValidationError) as caught:
        add_activity(world.grid_a1, ended_on=date(2023, 5, 1))
    assert caught.value.message_dict["ended_on"] == [MSG_END_BEFORE_START]


def test_an_edit_on_a_stale_copy_is_refused(activities, world):
    activity = activities["a1"]
    activity_update(activity=activity, version=1, title="改名", values={"audience": 90}, actor=world.worker_a)
    with pytest.raises(ValidationError) as caught:
        activity_update(activity=activity, version=1, title="再改", values={"audience": 90})
    assert caught.value.messages == [MSG_STALE]
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("改名", 2)
    assert activity.values.get().value == 90


def test_an_edit_sets_the_values_exactly(activities):
    activity = activities["b"]
    activity_update(activity=activity, version=1, values={"participants": 20, "tons": None})
    assert {v.measure.code: v.value for v in activity.values.all()} == {"participants": 20}


def test_deleting_an_activity_removes_its_values(activities, world):
    activity_delete(activity=activities["b"], actor=world.worker_b)
    assert not ActivityValue.objects.filter(activity_id=activities["b"].pk).exists()


def test_an_office_worker_defines_a_new_type_with_a_new_measure(world):
    trees = measure_create(code="trees", name="植树棵数", unit="棵")
    planting = activity_type_create(
        code="tree_planting", name="义务植树", measures=[trees, measure("participants")], office=world.office
    )
    activity = add_activity(world.grid_a1, "tree_planting", "春季义务植树", values={"trees": 300})
    assert activity.values.get(measure=trees).value == 300
    assert set(planting.measures.values_list("code", flat=True)) == {"trees", "participants"}


def test_a_measure_in_use_cannot_be_removed_from_its_type(activities):
    river = kind("river_cleanup")
    with pytest.raises(ValidationError) as caught:
        activity_type_update(activity_type=river, name=river.name, measures=[measure("participants")])
    assert caught.value.message_dict["measures"] == [MSG_MEASURE_IN_USE.format(measure="清理吨数", n=1)]


def test_the_type_code_and_name_are_unique(world):
    with pytest.raises(ValidationError) as caught:
        activity_type_create(code="lecture", name="宣讲")
    assert set(caught.value.message_dict) == {"code", "name"}


def test_the_same_activity_is_not_recorded_twice(activities, world):
    with pytest.raises(ValidationError) as caught:
        add_activity(world.grid_a1)
    assert caught.value.messages == ["该区域在同一天已登记同名的同类活动"]


def test_an_edit_without_values_keeps_them_if_they_fit_the_type(activities):
    activity = activity_update(activity=activities["b"], version=1, place="小黑河")
    assert {v.measure.code for v in activity.values.all()} == {"participants", "tons"}
    with pytest.raises(ValidationError) as caught:
        activity_update(activity=activity, version=2, type=kind("lecture"))
    assert (
        MSG_MEASURE_NOT_OF_TYPE.format(type="宣讲", measure="清理吨数") in caught.value.message_dict["values"]
    )

from datetime import date

import pytest
from django.http import Http404

from jiedao.core.models import Area, AuditEvent, AuditLog, Role
from jiedao.core.scoping import get_for_user_or_404, scope_paths
from jiedao.core.services.accounts import role_grant, role_revoke


def visible(user) -> set[str]:
    return set(Area.objects.for_user(user).values_list("name", flat=True))


def test_it_shows_a_street_leader_everything(world):
    assert visible(world.leader) == {"测试街道", "社区A", "网格A1", "网格A2", "社区B", "网格B1"}


def test_it_shows_a_community_worker_only_their_community(world):
    assert visible(world.worker_a) == {"社区A", "网格A1", "网格A2"}
    assert visible(world.worker_b) == {"社区B", "网格B1"}


def test_it_shows_a_grid_worker_only_their_grid(world):
    assert visible(world.grid_a1_worker) == {"网格A1"}


def test_it_shows_nothing_to_a_user_without_roles(world, django_user_model):
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    assert visible(nobody) == set()


def test_it_unions_several_held_areas_and_drops_nested_ones(world):
    role_grant(user=world.grid_a1_worker, role=Role.GRID_WORKER, area=world.grid_b1)
    role_grant(user=world.grid_a1_worker, role=Role.COMMUNITY_WORKER, area=world.community_a)
    assert scope_paths(world.grid_a1_worker) == [world.community_a.path, world.grid_b1.path]
    assert visible(world.grid_a1_worker) == {"社区A", "网格A1", "网格A2", "网格B1"}


def test_it_forgets_an_ended_role(world):
    assignment = world.worker_a.roles.get()
    role_revoke(assignment=assignment, end_date=date(2021, 1, 1))
    assert visible(world.worker_a) == set()


def test_it_answers_out_of_scope_like_missing_and_audits_it(world):
    with pytest.raises(Http404):
        get_for_user_or_404(Area.objects.all(), world.worker_a, pk=world.community_b.pk)
    with pytest.raises(Http404):
        get_for_user_or_404(Area.objects.all(), world.worker_a, pk=999999)
    denied = AuditLog.objects.filter(event=AuditEvent.OUT_OF_SCOPE)
    assert list(denied.values_list("username", "object_id")) == [("worker_a", str(world.community_b.pk))]


def test_communities_by_name_covers_or_touches(world):
    from jiedao.core.selectors import communities_by_name

    # A grid worker may not write to their community, but it is named to them.
    assert communities_by_name(world.grid_a1_worker) == {}
    assert set(communities_by_name(world.grid_a1_worker, touching=True)) == {"社区A"}
    assert set(communities_by_name(world.worker_a)) == {"社区A"}
    assert set(communities_by_name(world.leader)) == {"社区A", "社区B"}
    assert set(communities_by_name(None)) == {"社区A", "社区B"}

"""The fixed small world every test tells its story in (STYLE.md §9).

街道 ─┬─ 社区A ─┬─ 网格A1
      │        └─ 网格A2
      └─ 社区B ─── 网格B1

Cast: leader (街道领导), worker_a (社区A 社区工作者), grid_a1 / grid_a2 (网格员), worker_b (社区B 社区工作者),
auditor (审计员), sysadmin (系统管理员). Every password is PASSWORD.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import settings as hypothesis_settings

from jiedao.core.models import Area, AreaLevel, CommunityType, Office, Role, User
from jiedao.core.services.accounts import account_create, role_grant
from jiedao.core.services.areas import area_create

# No per-example deadline: on a busy 2-core CI machine a slow example is not a bug.
hypothesis_settings.register_profile("jiedao", deadline=None)
hypothesis_settings.load_profile("jiedao")

# Fixtures of the domains, available to every test (the `places` world of compounds and buildings …).
pytest_plugins = ["tests.registry.helpers", "tests.cases.helpers"]

PASSWORD = "Jd-test-2023!"
CAST = ["anonymous", "leader", "worker_a", "grid_a1", "grid_a2", "worker_b", "auditor", "sysadmin"]


@dataclass
class World:
    street: Area
    community_a: Area
    grid_a1: Area
    grid_a2: Area
    community_b: Area
    grid_b1: Area
    office: Office
    leader: User
    worker_a: User
    grid_a1_worker: User
    grid_a2_worker: User
    worker_b: User
    auditor: User
    sysadmin: User

    def user(self, name: str) -> User | None:
        """A cast member by its CAST name (None for anonymous)."""
        return {
            "anonymous": None,
            "leader": self.leader,
            "worker_a": self.worker_a,
            "grid_a1": self.grid_a1_worker,
            "grid_a2": self.grid_a2_worker,
            "worker_b": self.worker_b,
            "auditor": self.auditor,
            "sysadmin": self.sysadmin,
        }[name]


def build_world() -> World:
    street = area_create(code="150103001000", name="测试街道", level=AreaLevel.STREET)

    def community(code, name):
        return area_create(
            code=code, name=name, level=AreaLevel.COMMUNITY, parent=street, community_type=CommunityType.URBAN
        )

    def grid(code, name, parent):
        return area_create(code=code, name=name, level=AreaLevel.GRID, parent=parent)

    community_a = community("150103001001", "社区A")
    community_b = community("150103001002", "社区B")
    grid_a1 = grid("15010300100101", "网格A1", community_a)
    grid_a2 = grid("15010300100102", "网格A2", community_a)
    grid_b1 = grid("15010300100201", "网格B1", community_b)
    office = Office.objects.create(code="zzb", name="综治办")

    def person(username, full_name, role, area):
        user = account_create(username=username, full_name=full_name, password=PASSWORD)
        role_grant(user=user, role=role, area=area, start_date=date(2020, 1, 1))
        return user

    return World(
        street=street,
        community_a=community_a,
        grid_a1=grid_a1,
        grid_a2=grid_a2,
        community_b=community_b,
        grid_b1=grid_b1,
        office=office,
        leader=person("leader", "王领导", Role.STREET_LEADER, street),
        worker_a=person("worker_a", "李社工", Role.COMMUNITY_WORKER, community_a),
        grid_a1_worker=person("grid_a1", "张网格", Role.GRID_WORKER, grid_a1),
        grid_a2_worker=person("grid_a2", "赵网格", Role.GRID_WORKER, grid_a2),
        worker_b=person("worker_b", "陈社工", Role.COMMUNITY_WORKER, community_b),
        auditor=person("auditor", "孙审计", Role.AUDITOR, street),
        sysadmin=person("sysadmin", "周管理", Role.SYSADMIN, street),
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _clear_calendar_cache():
    from jiedao.workcalendar.workdays import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    # Uploads (case photos) go to a fresh folder for each test, never to var/media.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # Each test its own empty in-memory cache (the dashboard caches figures; var/cache is the server's).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with the production hasher (PBKDF2, a million rounds) would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

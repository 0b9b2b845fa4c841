"""The demo sub-district: areas, offices and staff accounts for every role.

Deterministic and idempotent: running it again brings an existing demo up to date without duplicating.
Three community names come from the seed report (赛马场北路社区, 奔腾社区, 附件社区); the others are invented.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from jiedao.core.models import Area, AreaLevel, CommunityType, Office, Role, RoleAssignment, User
from jiedao.core.services.accounts import account_create, role_grant, role_revoke
from jiedao.core.services.areas import area_create, area_split

DEMO_PASSWORD = "jiedao-demo-2023"
STREET_NAME = "海西路街道"
SPLIT_DATE = date(2023, 6, 1)
GRID_NAMES = "一二三四五六七八九十"


@dataclass(frozen=True)
class CommunitySeed:
    suffix: str  # last three digits of the 统计用区划代码
    name: str
    kind: CommunityType
    grids: int
    login: str  # pinyin initials, used in demo account names


COMMUNITIES = [
    CommunitySeed("001", "赛马场北路社区", CommunityType.URBAN, 9, "smc"),
    CommunitySeed("002", "附件社区", CommunityType.URBAN, 6, "fj"),
    CommunitySeed("003", "工农兵路社区", CommunityType.URBAN, 6, "gnb"),
    CommunitySeed("004", "海西路社区", CommunityType.URBAN, 5, "hxl"),
    CommunitySeed("005", "飞鹰社区", CommunityType.URBAN, 6, "fy"),
    CommunitySeed("006", "元和社区", CommunityType.URBAN, 5, "yh"),
    CommunitySeed("007", "汽车城社区", CommunityType.URBAN, 5, "qcc"),
    CommunitySeed("008", "厂汉板社区", CommunityType.VILLAGE, 4, "chb"),
    CommunitySeed("009", "西乌素图社区", CommunityType.VILLAGE, 4, "xwst"),
    CommunitySeed("010", "新地社区", CommunityType.VILLAGE, 4, "xd"),
]
# 奔腾社区 is carved out of 赛马场北路社区 on SPLIT_DATE, taking its last four grids.
SPLIT = CommunitySeed("011", "奔腾社区", CommunityType.URBAN, 4, "bt")

OFFICES = [
    ("djb", "党建办"),
    ("zzb", "综治办"),
    ("mzb", "民政办"),
    ("jjb", "经济办"),
    ("cgb", "城管办"),
    ("dzb", "党政办"),
    ("pfb", "平安办"),
    ("jgw", "纪工委"),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建国志强秀英桂兰海燕丽娟文华玉兰晓东永红春梅国庆俊杰子涵雨萱浩然欣怡宇轩梓萱明辉淑珍立新美玲红霞伟东丽华卫国晓燕金凤"

# Three community secretaries were replaced in 2023 (the seed: 已有3个城市社区书记完成更换).
SECRETARY_REPLACED = {"fj": date(2023, 4, 10), "gnb": date(2023, 7, 3), "yh": date(2023, 9, 18)}


def grid_code(community_code: str, n: int) -> str:
    return f"{community_code}{n:02d}"


def grid_name(n: int) -> str:
    return f"第{GRID_NAMES[n - 1]}网格" if n <= 10 else f"第{n}网格"


class _Names:
    def __init__(self, seed: int = 2023):
        self.random = random.Random(seed)

    def person(self) -> str:
        given = (
            "".join(self.random.sample(GIVEN, 2)) if self.random.random() < 0.7 else self.random.choice(GIVEN)
        )
        return self.random.choice(SURNAMES) + given

    def birth(self, first_year: int, last_year: int) -> date:
        return date(
            self.random.randint(first_year, last_year), self.random.randint(1, 12), self.random.randint(1, 28)
        )


@dataclass
class DemoResult:
    street: Area
    logins: list[tuple[str, str, str]]  # (username, role label, area)


@transaction.atomic
def build_demo() -> DemoResult:
    names = _Names()
    street = _street()
    offices = {
        code: Office.objects.get_or_create(code=code, defaults={"name": name, "sort_order": i})[0]
        for i, (code, name) in enumerate(OFFICES)
    }
    communities = {seed.login: _community(street, seed) for seed in COMMUNITIES}
    communities[SPLIT.login] = _split(communities["smc"])

    logins: list[tuple[str, str, str]] = []
    # Hashing once: a hundred demo accounts through the production hasher would take most of the demo's time.
    password_hash = make_password(DEMO_PASSWORD)

    def staff(username, full_name, role, area, *, office=None, title="", start=date(2021, 1, 4), birth=None):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_create(username=username, full_name=full_name, password=None, birth_date=birth)
            User.objects.filter(pk=user.pk).update(password=password_hash)
        if not RoleAssignment.objects.filter(user=user, role=role, area=area).exists():
            role_grant(user=user, role=role, area=area, office=office, title=title, start_date=start)
        return user

    staff("leader", names.person(), Role.STREET_LEADER, street, title="党工委书记")
    staff("leader2", names.person(), Role.STREET_LEADER, street, title="办事处主任")
    logins.append(("leader", Role.STREET_LEADER.label, street.name))
    for code, office in offices.items():
        staff(f"ks_{code}", names.person(), Role.OFFICE_STAFF, street, office=office)
        logins.append((f"ks_{code}", f"{Role.OFFICE_STAFF.label}（{office.name}）", street.name))
    staff("shenji", names.person(), Role.AUDITOR, street)
    logins.append(("shenji", Role.AUDITOR.label, street.name))
    staff("sysadmin", names.person(), Role.SYSADMIN, street)
    logins.append(("sysadmin", Role.SYSADMIN.label, street.name))

    for seed in [*COMMUNITIES, SPLIT]:
        community = communities[seed.login]
        start = community.valid_from if community.valid_from > date(2021, 1, 4) else date(2021, 1, 4)
        replaced_on = SECRETARY_REPLACED.get(seed.login)
        if replaced_on:
            old = staff(
                f"{seed.login}_shuji_old", names.person(), Role.COMMUNITY_SECRETARY, community, start=start
            )
            held = RoleAssignment.objects.get(user=old, role=Role.COMMUNITY_SECRETARY, area=community)
            if held.end_date is None:
                role_revoke(assignment=held, end_date=replaced_on)
        staff(
            f"{seed.login}_shuji",
            names.person(),
            Role.COMMUNITY_SECRETARY,
            community,
            start=replaced_on or start,
            title="社区党委书记",
        )
        staff(
            f"{seed.login}_fushuji",
            names.person(),
            Role.COMMUNITY_WORKER,
            community,
            start=start,
            title="专职副书记",
            birth=names.birth(1990, 1997),
        )
        for n in (1, 2, 3):
            staff(f"{seed.login}_gzz{n}", names.person(), Role.COMMUNITY_WORKER, community, start=start)
        grids = community.children.filter(valid_to__isnull=True).order_by("code")
        for grid in grids:
            staff(
                f"{seed.login}_wg{grid.code[-2:]}",
                names.person(),
                Role.GRID_WORKER,
                grid,
                start=max(start, grid.valid_from),
            )
        if seed.login in ("smc", "bt"):
            logins.append((f"{seed.login}_shuji", Role.COMMUNITY_SECRETARY.label, community.name))
            logins.append((f"{seed.login}_gzz1", Role.COMMUNITY_WORKER.label, community.name))
            first_grid = grids.first()
            logins.append(
                (
                    f"{seed.login}_wg{first_grid.code[-2:]}",
                    Role.GRID_WORKER.label,
                    f"{community.name}{first_grid.name}",
                )
            )
    return DemoResult(street=street, logins=logins)


def _street() -> Area:
    street = Area.objects.filter(code=settings.JIEDAO_STREET_CODE).first()
    return street or area_create(code=settings.JIEDAO_STREET_CODE, name=STREET_NAME, level=AreaLevel.STREET)


def _community(street: Area, seed: CommunitySeed) -> Area:
    code = street.code[:9] + seed.suffix
    community = Area.objects.filter(code=code).first() or area_create(
        code=code,
        name=seed.name,
        level=AreaLevel.COMMUNITY,
        parent=street,
        community_type=seed.kind,
        sort_order=int(seed.suffix),
    )
    for n in range(1, seed.grids + 1):
        if not Area.objects.filter(code=grid_code(code, n)).exists():
            area_create(
                code=grid_code(code, n),
                name=grid_name(n),
                level=AreaLevel.GRID,
                parent=community,
                sort_order=n,
            )
    return community


def _split(source: Area) -> Area:
    code = source.code[:9] + SPLIT.suffix
    existing = Area.objects.filter(code=code).first()
    if existing:
        return existing
    moving = [
        grid_code(source.code, n)
        for n in range(source.children.count() - SPLIT.grids + 1, source.children.count() + 1)
    ]
    area_split(
        community=source,
        new_code=code,
        new_name=SPLIT.name,
        grid_codes={old: (grid_code(code, i), grid_name(i)) for i, old in enumerate(moving, start=1)},
        effective_on=SPLIT_DATE,
        note="赛马场北路社区人口较多、小区分散，拆分新建奔腾社区",
    )
    return Area.objects.get(code=code)

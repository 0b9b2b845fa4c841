"""The demo's volunteer teams in 2023, matching the seed report: the 乐享银铃 brand's 夕阳红 and 小水滴 teams
(回民区优秀志愿服务组织, 呼和浩特市学雷锋志愿服务最佳志愿服务组织), 12 暖心小分队 active at the end of 2023 — one
per community and one of the street; another was merged away in April 2023 and a new one is founded in
2024, so neither counts — 党员先锋 and 平安义警 teams.

Members are residents of the register holding the 志愿者 tag in the team's community (older ones for
夕阳红), taken in id order from one read of the tags: no query per resident. Each team records its services
of 2023 with volunteers (人次), total hours and people served.

Deterministic (`random.Random(12)`) and idempotent (returns at once when the first team exists). Teams and
honours go through the services; members and service records (valid by construction) in bulk inserts with
their history rows.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from jiedao.core.models import Area
from jiedao.excel.bulk import bulk_insert, insert_columns
from jiedao.registry.models import Resident, ResidentTag, Tag
from jiedao.volunteers import services
from jiedao.volunteers.models import ServiceRecord, TeamKind, VolunteerMember, VolunteerTeam

SEED = 12
REASON = "演示数据"
YEAR = 2023
STREET_TEAMS = [
    # (name, kind, leader, founded_on, dissolved_on)
    ("乐享银铃夕阳红志愿服务队", TeamKind.SUNSET, "刘桂兰", date(2019, 5, 10), None),
    ("海西路街道暖心小分队", TeamKind.WARM_HEART, "马海燕", date(2021, 3, 5), None),
    ("海西路街道党员先锋志愿服务队", TeamKind.PARTY_PIONEER, "王建国", date(2020, 7, 1), None),
    ("海西路街道平安义警志愿服务队", TeamKind.OTHER, "张志强", date(2022, 4, 15), None),
]
COMMUNITY_TEAMS = {
    "附件社区": [("附件社区小水滴志愿队", TeamKind.DROPLET, "李晓东", date(2020, 9, 1), None)],
    "元和社区": [("元和社区小水滴志愿队", TeamKind.DROPLET, "周子涵", date(2022, 6, 1), None)],
    "赛马场北路社区": [("赛马场北路社区夕阳红志愿队", TeamKind.SUNSET, "赵淑珍", date(2020, 5, 20), None)],
    "工农兵路社区": [("工农兵路社区夕阳红志愿队", TeamKind.SUNSET, "孙玉兰", date(2021, 4, 8), None)],
    "飞鹰社区": [("飞鹰社区党员先锋队", TeamKind.PARTY_PIONEER, "高立新", date(2021, 7, 1), None)],
    "汽车城社区": [
        ("汽车城运输公司暖心小分队", TeamKind.WARM_HEART, "吴春梅", date(2021, 5, 1), date(2023, 4, 30)),
    ],
    "奔腾社区": [("奔腾社区第二暖心小分队", TeamKind.WARM_HEART, "郑欣怡", date(2024, 3, 5), None)],
}
LEADERS = [
    "杨丽娟",
    "黄国庆",
    "胡美玲",
    "朱卫国",
    "林红霞",
    "何伟东",
    "郭金凤",
    "罗永红",
    "梁文华",
    "宋海燕",
    "谢丽华",
]
SIZES = {
    TeamKind.SUNSET: (20, 30),
    TeamKind.WARM_HEART: (10, 16),
    TeamKind.DROPLET: (15, 22),
    TeamKind.PARTY_PIONEER: (12, 20),
    TeamKind.OTHER: (15, 20),
}
SERVICES = {
    TeamKind.WARM_HEART: [
        "走访慰问独居老人",
        "为高龄老人送餐上门",
        "困难家庭入户帮扶",
        "重阳节敬老慰问",
        "春节走访慰问",
        "助老义务理发",
        "代购生活用品",
        "陪同老人就医",
    ],
    TeamKind.SUNSET: [
        "文明交通劝导",
        "小区环境清洁",
        "垃圾分类宣传督导",
        "政策宣讲进楼栋",
        "邻里矛盾调解",
        "文艺演出进社区",
    ],
    TeamKind.DROPLET: ["义务植树", "垃圾分类桶边督导", "创城卫生大扫除", "青少年课业辅导", "防诈骗宣传"],
    TeamKind.PARTY_PIONEER: ["党员进社区志愿服务", "创城攻坚志愿服务", "防汛值守", "背街小巷清整"],
    TeamKind.OTHER: ["夜间治安巡逻", "重大节点平安巡逻", "反诈宣传", "校园周边护学"],
}
RECORDS_PER_TEAM = (14, 26)
HONOURS = [
    ("乐享银铃夕阳红志愿服务队", 2021, "回民区优秀志愿服务组织", "回民区精神文明建设委员会办公室"),
    ("乐享银铃夕阳红志愿服务队", 2022, "回民区优秀志愿服务组织", "回民区精神文明建设委员会办公室"),
    (
        "乐享银铃夕阳红志愿服务队",
        2023,
        "呼和浩特市学雷锋志愿服务最佳志愿服务组织",
        "呼和浩特市精神文明建设委员会办公室",
    ),
    ("附件社区小水滴志愿队", 2023, "回民区优秀志愿服务组织", "回民区精神文明建设委员会办公室"),
    ("海西路街道暖心小分队", 2023, "回民区优秀志愿服务项目", "回民区民政局"),
]


@transaction.atomic
def build_volunteer_demo(street: Area) -> None:
    if VolunteerTeam.objects.filter(name=STREET_TEAMS[0][0]).exists():
        return
    rng = random.Random(SEED)
    communities = list(Area.objects.under(street).communities().current().order_by("code"))
    pool = _volunteer_pool(street)
    teams = []
    for name, kind, leader, founded_on, dissolved_on in STREET_TEAMS:
        teams.append(_team(name, kind, street, leader, founded_on, dissolved_on))
    for n, community in enumerate(communities):
        teams.append(
            _team(
                f"{community.name}暖心小分队",
                TeamKind.WARM_HEART,
                community,
                LEADERS[n % len(LEADERS)],
                date(2021, 1 + n, 10),
                None,
            )
        )
        for spec in COMMUNITY_TEAMS.get(community.name, []):
            teams.append(_team(spec[0], spec[1], community, *spec[2:]))
    by_name = {t.name: t for t in teams}
    members = _members(rng, teams, pool)
    _services(rng, teams, members)
    for name, year, title, awarded_by in HONOURS:
        services.honour_add(team=by_name[name], year=year, title=title, awarded_by=awarded_by)


def _team(name, kind, area, leader, founded_on, dissolved_on) -> VolunteerTeam:
    return services.team_create(
        name=name, kind=kind, area=area, leader=leader, founded_on=founded_on, dissolved_on=dissolved_on
    )


def _volunteer_pool(street: Area) -> dict[int | None, list[tuple[int, date]]]:
    """Residents with the 志愿者 tag, on the register, by community: [(id, birth date)] in id order."""
    tags = (
        ResidentTag.objects.filter(
            tag=Tag.VOLUNTEER,
            valid_to__isnull=True,
            resident__left_on__isnull=True,
            resident__area__path__startswith=street.path,
        )
        .order_by("resident_id")
        .values_list("resident_id", "resident__birth_date", "resident__area__parent_id")
    )
    pool: dict[int | None, list[tuple[int, date]]] = {None: []}
    for resident_id, birth_date, community_id in tags:
        pool.setdefault(community_id, []).append((resident_id, birth_date))
        pool[None].append((resident_id, birth_date))
    if not pool[None]:  # a register without tags: the first residents on it
        pool[None] = list(
            Resident.objects.filter(left_on__isnull=True, area__path__startswith=street.path)
            .order_by("id")
            .values_list("id", "birth_date")[:500]
        )
    return pool


def _members(rng: random.Random, teams: list[VolunteerTeam], pool) -> dict[int, list[tuple[int, date]]]:
    """Each standing team's members, in one bulk insert: {team id: [(member id, joined_on)]}. Valid by
    construction: residents on the register, drawn without repetition within a team, joined after the
    team was founded."""
    rows = []
    for team in teams:
        if team.dissolved_on is not None:
            continue
        low, high = SIZES[team.kind]
        wanted = rng.randint(low, high)
        candidates = pool.get(team.area_id) or pool[None]
        if team.kind == TeamKind.SUNSET:
            older = [c for c in candidates if c[1].year <= 1965]
            candidates = older if len(older) >= wanted else candidates
        start = max(team.founded_on, date(2021, 1, 1))
        for resident_id, _ in sorted(rng.sample(candidates, min(wanted, len(candidates)))):
            joined_on = start
            if start.year <= YEAR:
                joined_on = max(
                    start, date(rng.randint(start.year, YEAR), rng.randint(1, 10), rng.randint(1, 28))
                )
            rows.append(
                {
                    "team_id": team.pk,
                    "resident_id": resident_id,
                    "joined_on": joined_on,
                    "left_on": None,
                    "area_id": team.area_id,
                }
            )
    ids = _bulk(VolunteerMember, rows)
    members: dict[int, list[tuple[int, date]]] = {}
    for pk, row in zip(ids, rows, strict=True):
        members.setdefault(row["team_id"], []).append((pk, row["joined_on"]))
    return members


def _services(rng: random.Random, teams: list[VolunteerTeam], members: dict) -> None:
    """A year of service records per team, in one bulk insert, with the members who took part."""
    rows, taking_part = [], []
    for team in teams:
        last = team.dissolved_on or date(YEAR, 12, 31)
        first = max(team.founded_on, date(YEAR, 1, 1))
        if first > last:
            continue
        count = 4 if team.dissolved_on is not None else rng.randint(*RECORDS_PER_TEAM)
        used = set()
        span = (last - first).days
        for _ in range(count):
            served_on = date.fromordinal(first.toordinal() + rng.randint(0, span))
            title = rng.choice(SERVICES[team.kind])
            if (served_on, title) in used:
                continue
            used.add((served_on, title))
            volunteers = rng.randint(3, 15)
            present = [pk for pk, joined_on in members.get(team.pk, []) if joined_on <= served_on]
            rows.append(
                {
                    "team_id": team.pk,
                    "served_on": served_on,
                    "title": title,
                    "content": f"{team.name}开展“{title}”志愿服务活动",
                    "volunteers": volunteers,
                    "hours": Decimal(volunteers) * Decimal(rng.choice(["1.5", "2", "2.5", "3", "4"])),
                    "people_served": rng.randint(5, 80),
                    "area_id": team.area_id,
                }
            )
            taking_part.append(rng.sample(present, min(len(present), rng.randint(2, 6), volunteers)))
    ids = _bulk(ServiceRecord, rows)
    through = ServiceRecord.members.through
    through.objects.bulk_create(
        [
            through(servicerecord_id=pk, volunteermember_id=m)
            for pk, chosen in zip(ids, taking_part, strict=True)
            for m in chosen
        ]
    )


def _bulk(model, rows: list[dict]) -> list[int]:
    columns = [f.attname for f in insert_columns(model)]
    rows = [{"version": 1, **row} for row in rows]
    return bulk_insert(model, [tuple(row[c] for c in columns) for row in rows], reason=REASON)

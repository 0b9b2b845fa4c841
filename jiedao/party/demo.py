"""The demo's party building, integrity and honours for 2023, matching the seed report:
6个最强党支部; 诫勉谈话1人、批评教育1人、约谈4人次、党内警告处分1人; 建立廉政档案429人; 网评员队伍15人;
市级文明社区2个、文明示范小区3个 — plus a few records of other years and kinds, so that filters have
something to tell apart.

Deterministic (seeded names) and idempotent: every record is looked up by its natural key first. Writes go
through the services (archives too: 429 rows are a second's work).
"""

import random
from datetime import date, timedelta

from django.db import transaction

from jiedao.core.demo import OFFICES, _Names
from jiedao.core.models import Area, AreaLevel, User
from jiedao.party import services
from jiedao.party.models import (
    BranchKind,
    BranchTitle,
    DisciplineKind,
    DisciplineRecord,
    DutyKind,
    Gender,
    Honour,
    HonourKind,
    IntegrityArchive,
    MemberStatus,
    PartyBranch,
    StaffDuty,
    TitleKind,
)

ARCHIVES_2023 = 429
ORGAN_BRANCHES = ["机关第一党支部", "机关第二党支部", "机关第三党支部"]
NON_PUBLIC = [
    ("赛马场北路社区", "呼和浩特市鑫源物业服务有限公司党支部"),
    ("工农兵路社区", "内蒙古金川商贸有限责任公司党支部"),
    ("汽车城社区", "呼和浩特市汽车城市场管理有限公司党支部"),
]
STRONGEST_2023 = ["附件社区", "工农兵路社区", "海西路社区", "飞鹰社区", "元和社区", "机关第一党支部"]
STRONGEST_2022 = ["赛马场北路社区", "附件社区", "汽车城社区", "机关第二党支部"]
FIVE_STAR_2023 = ["赛马场北路社区", "汽车城社区", "奔腾社区"]
# (kind, person index, unit, post, date, reason)
DISCIPLINE = [
    (
        DisciplineKind.ADMONITION,
        "飞鹰社区",
        "社区工作者",
        date(2023, 4, 18),
        "落实网格巡查制度不力，多次漏报安全隐患",
    ),
    (DisciplineKind.CRITICISM, "城管办", "科员", date(2023, 6, 9), "处置12345工单敷衍塞责，群众多次投诉"),
    (DisciplineKind.TALK, "厂汉板社区", "社区副书记", date(2023, 3, 14), "集体资产台账管理不规范"),
    (DisciplineKind.TALK, "民政办", "科员", date(2023, 5, 22), "低保动态管理审核把关不严"),
    (DisciplineKind.TALK, "新地社区", "社区居委会委员", date(2023, 8, 30), "惠民资金公示不及时"),
    (DisciplineKind.TALK, "西乌素图社区", "社区工作者", date(2023, 11, 7), "工作纪律松弛，多次无故迟到"),
    (
        DisciplineKind.PARTY_WARNING,
        "西乌素图社区",
        "社区居委会委员",
        date(2023, 9, 26),
        "违规收受服务对象礼品",
    ),
    (DisciplineKind.TALK, "经济办", "科员", date(2022, 7, 12), "企业走访台账弄虚作假"),
    (DisciplineKind.CRITICISM, "元和社区", "网格员", date(2022, 10, 20), "疫情防控值守期间脱岗"),
]
COMMENTATOR_OFFICES = ["djb", "dzb", "zzb", "pfb"]
CITY_CIVILIZED_2023 = ["附件社区", "工农兵路社区"]


def _person(names: _Names, taken: set) -> str:
    while True:
        name = names.person()
        if name not in taken:
            taken.add(name)
            return name


@transaction.atomic
def build_party_demo(street: Area) -> None:
    names = _Names(seed=5005)
    communities = {
        a.name: a
        for a in Area.objects.filter(
            parent=street, level=AreaLevel.COMMUNITY, valid_to__isnull=True
        ).order_by("code")
    }
    branches = _branches(street, communities, names)
    _members(branches, names)
    _titles(branches)
    _discipline(street, communities, names)
    _archives(street, communities, names)
    _duties(street)
    _honours(street, communities)


def _branch(name, **values) -> PartyBranch:
    return PartyBranch.objects.filter(name=name).first() or services.branch_create(name=name, **values)


def _branches(street, communities, names) -> dict[str, PartyBranch]:
    branches = {}
    for community in communities.values():
        branches[community.name] = _branch(
            f"{community.name}党支部",
            kind=BranchKind.COMMUNITY,
            area=community,
            secretary=names.person(),
            established_on=max(community.valid_from, date(2002, 7, 1)),
        )
    for i, name in enumerate(ORGAN_BRANCHES):
        branches[name] = _branch(
            f"{street.name}{name}",
            kind=BranchKind.ORGAN,
            area=street,
            secretary=names.person(),
            established_on=date(2001, 7 - i, 1),
        )
    for community_name, name in NON_PUBLIC:
        if community_name in communities:
            branches[name] = _branch(
                name,
                kind=BranchKind.NON_PUBLIC,
                area=communities[community_name],
                secretary=names.person(),
                established_on=date(2016 + len(branches) % 5, 6, 28),
            )
    return branches


def _members(branches, names) -> None:
    rng = random.Random(71)
    for branch in branches.values():
        existing = set(branch.members.values_list("name", flat=True))
        count = 6 if branch.kind == BranchKind.ORGAN else rng.randint(4, 7)
        taken: set[str] = set()  # this run's names: a second run draws the same ones
        for n in range(count):
            name = _person(names, taken)
            joined = names.birth(1978, 2022)
            gender = rng.choice([Gender.MALE, Gender.FEMALE])
            if name in existing:
                continue
            services.member_create(
                branch=branch,
                name=name,
                gender=gender,
                joined_party_on=joined,
                status=MemberStatus.PROBATIONARY if joined.year >= 2022 else MemberStatus.FULL,
                post=["支部书记", "组织委员", "宣传委员", "纪检委员"][n] if n < 4 else "",
            )


def _titles(branches) -> None:
    awards = [(2023, TitleKind.STRONGEST, n, "回民区委组织部") for n in STRONGEST_2023]
    awards += [(2022, TitleKind.STRONGEST, n, "回民区委组织部") for n in STRONGEST_2022]
    awards += [(2023, TitleKind.FIVE_STAR, n, "海西路街道党工委") for n in FIVE_STAR_2023]
    for year, title, name, by in awards:
        branch = branches.get(name)
        if branch and not BranchTitle.objects.filter(branch=branch, year=year, title=title).exists():
            services.branch_title_award(branch=branch, year=year, title=title, awarded_by=by)


def _office_names() -> dict[str, str]:
    return dict(OFFICES)


def _unit_area(unit, street, communities) -> Area:
    return communities.get(unit, street)


def _discipline(street, communities, names) -> None:
    taken: set[str] = set()
    for kind, unit, post, on, reason in DISCIPLINE:
        person = _person(names, taken)
        if DisciplineRecord.objects.filter(kind=kind, occurred_on=on).exists():
            continue
        services.discipline_create(
            person_name=person,
            unit=unit,
            post=post,
            kind=kind,
            occurred_on=on,
            reason=reason,
            decided_by="海西路街道纪工委",
            area=_unit_area(unit, street, communities),
        )


def _archives(street, communities, names) -> None:
    units = ["街道领导班子", *_office_names().values(), *communities]
    street_posts = ["科长", "副科长", "科员", "科员", "干事"]
    community_posts = ["党委书记", "副书记", "居委会委员", "社区工作者", "网格员", "网格员", "社区工作者"]
    existing = set(IntegrityArchive.objects.filter(year=2023).values_list("person_name", "unit"))
    taken = {unit: set() for unit in units}
    rng = random.Random(429)
    for n in range(ARCHIVES_2023):
        unit = units[n % len(units)]
        person = _person(names, taken[unit])
        in_community = unit in communities
        post = rng.choice(community_posts if in_community else street_posts)
        if unit == "街道领导班子":
            post = rng.choice(["党工委副书记", "办事处副主任", "党工委委员"])
        filed_on = date(2023, 1, 9) + timedelta(days=rng.randint(0, 110))
        if (person, unit) in existing:
            continue
        services.archive_create(
            person_name=person,
            unit=unit,
            post=post,
            area=_unit_area(unit, street, communities),
            year=2023,
            filed_on=filed_on,
        )


def _duties(street) -> None:
    """15 网评员 at the end of 2023 (one more left in June), and a 信息员 in every community."""
    logins = [f"{code}_gzz2" for code in _community_logins()] + [f"ks_{c}" for c in COMMENTATOR_OFFICES]
    plans = [
        (login, DutyKind.COMMENTATOR, date(2022 + i % 2, 3 + i % 9, 1), None)
        for i, login in enumerate(logins)
    ]
    plans.append(("ks_mzb", DutyKind.COMMENTATOR, date(2022, 3, 1), date(2023, 6, 30)))
    plans += [(f"{code}_gzz3", DutyKind.INFORMANT, date(2022, 1, 4), None) for code in _community_logins()]
    plans.append(("ks_dzb", DutyKind.LIAISON, date(2023, 2, 1), None))
    users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in plans])}
    for login, duty, start, end in plans:
        user = users.get(login)
        if user is None or StaffDuty.objects.filter(user=user, duty=duty, start_date=start).exists():
            continue
        role = (
            user.roles.filter(area__valid_to__isnull=True)
            .select_related("area")
            .order_by("start_date")
            .first()
        )
        area = role.area if role is not None else street
        services.duty_create(user=user, duty=duty, area=area, start_date=start, end_date=end)


def _community_logins() -> list[str]:
    from jiedao.core.demo import COMMUNITIES, SPLIT

    return [seed.login for seed in [*COMMUNITIES, SPLIT]]


def _honours(street, communities) -> None:
    from jiedao.registry.models import Compound

    compounds = list(Compound.objects.filter(area__in=communities.values()).order_by("area__code", "id"))
    # Spread over communities: the first compound of each community, in order.
    firsts, seen = [], set()
    for compound in compounds:
        if compound.area_id not in seen:
            seen.add(compound.area_id)
            firsts.append(compound)
    firsts += [c for c in compounds if c not in firsts]
    city = "呼和浩特市精神文明建设委员会"
    district = "回民区精神文明建设委员会"
    plans = [
        (HonourKind.CITY_CIVILIZED_COMMUNITY, 2023, city, date(2023, 12, 20), communities.get(n), None)
        for n in CITY_CIVILIZED_2023
    ]
    plans += [
        (HonourKind.CIVILIZED_COMPOUND, 2023, district, date(2023, 12, 26), c.area, c) for c in firsts[1:4]
    ]
    plans += [
        (
            HonourKind.DISTRICT_CIVILIZED_COMMUNITY,
            2023,
            district,
            date(2023, 12, 26),
            communities.get(n),
            None,
        )
        for n in ("元和社区", "奔腾社区")
    ]
    plans += [
        (
            HonourKind.ADVANCED_PARTY_ORG,
            2023,
            "中共回民区委员会",
            date(2023, 6, 30),
            communities.get("赛马场北路社区"),
            None,
        ),
        (
            HonourKind.CITY_CIVILIZED_COMMUNITY,
            2022,
            city,
            date(2022, 12, 22),
            communities.get("海西路社区"),
            None,
        ),
        (
            HonourKind.MODEL_COMMUNITY,
            2022,
            "内蒙古自治区民政厅",
            date(2022, 11, 15),
            communities.get("附件社区"),
            None,
        ),
        (HonourKind.OTHER, 2023, "回民区人民政府", date(2023, 9, 10), street, None),
    ]
    plans += [
        (HonourKind.CIVILIZED_COMPOUND, 2022, district, date(2022, 12, 28), c.area, c) for c in firsts[4:6]
    ]
    for kind, year, by, on, area, compound in plans:
        if area is None or Honour.objects.filter(kind=kind, year=year, area=area, compound=compound).exists():
            continue
        name = "平安建设先进街道" if kind == HonourKind.OTHER else ""
        services.honour_create(
            kind=kind, name=name, year=year, awarded_by=by, awarded_on=on, area=area, compound=compound
        )

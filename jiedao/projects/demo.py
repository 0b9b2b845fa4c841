"""The demo's projects: the 2023 report's projects and its 2024 plan.

- 2023: 4 old compounds renovated (完成老旧小区改造4个) and 1 dangerous building rebuilt (危楼重建1个), each with
  its milestones; 9 residential legacy-title projects open at year end in 4 communities and 2 non-residential
  ones (one more residential one was resolved in August and no longer counts); 32 民生微实事 started in 2023.
- The 2024 plan (plan_year 2024): 9 old-compound renovations (22.44万平方米, 50栋, 2327户) on demo compounds —
  tracked through 2024: 7 completed by the end of 2024 (RENOVATION_2024_DONE), 2 carried into 2025 —
  the four key projects of 500万元 or more (城发绿园, 金汇佳苑, 熙湖国际, 祥生澜庭樾) with a smaller key project
  below the threshold, and a few investment projects (招商项目).

Deterministic (one seeded random stream) and idempotent (a project whose name exists is left alone).
Writes through the services. Compounds are linked when the registry's demo compounds exist.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jiedao.core.models import Area, Office, Role, RoleAssignment, User
from jiedao.projects.models import LegacyUse, Project, ProjectKind, ProjectStatus
from jiedao.projects.services import milestone_add, project_create
from jiedao.registry.models import Compound

SEED = 2024

# (compound, community, floor area m², buildings, households, completed_on)
RENOVATED_2023 = [
    ("附件厂小区", "附件社区", "24300", 5, 256, date(2023, 10, 18)),
    ("工农兵路1号院", "工农兵路社区", "16800", 4, 172, date(2023, 9, 26)),
    ("飞鹰齿轮厂小区", "飞鹰社区", "21500", 5, 230, date(2023, 10, 30)),
    ("汽车城小区", "汽车城社区", "27200", 6, 288, date(2023, 11, 10)),
]
# The 2024 plan: 9 compounds, 224,400 m², 50 buildings, 2,327 households.
RENOVATION_2024 = [
    ("赛马场北区", "赛马场北路社区", "28600", 6, 296),
    ("马场宿舍小区", "赛马场北路社区", "18200", 4, 190),
    ("附件厂南区", "附件社区", "31500", 7, 322),
    ("众环小区", "附件社区", "22800", 5, 238),
    ("橡机厂小区", "工农兵路社区", "26400", 6, 275),
    ("西河沿小区", "海西路社区", "19700", 4, 203),
    ("飞鹰新村", "飞鹰社区", "29300", 7, 301),
    ("运输公司家属院", "汽车城社区", "21900", 5, 226),
    ("奔腾小区", "奔腾社区", "26000", 6, 276),
]
# The 2024 plan tracked through 2024: seven of the nine renovations finished (two after the planned
# 30 November), two carried into 2025; the key projects run to the end of 2025.
RENOVATION_2024_DONE = [
    date(2024, 9, 20),
    date(2024, 10, 15),
    date(2024, 10, 28),
    date(2024, 11, 12),
    date(2024, 11, 26),
    date(2024, 12, 10),
    date(2024, 12, 20),
]
# (name, community, budget in yuan, floor area, description)
KEY_2024 = [
    (
        "城发绿园",
        "元和社区",
        "86000000",
        "96000",
        "住宅小区开发建设项目，建立重点项目保障机制、领导干部包联机制",
    ),
    ("金汇佳苑", "汽车城社区", "52000000", "64000", "住宅及配套商业建设项目"),
    ("熙湖国际", "奔腾社区", "120000000", "138000", "商住综合体建设项目"),
    ("祥生澜庭樾", "海西路社区", "95000000", "112000", "住宅小区开发建设项目"),
]
SMALL_KEY_2024 = (
    "海西路街道党群服务中心提升改造",
    None,
    "3800000",
    "2600",
    "党群服务中心功能提升，500万元以下",
)
INVESTMENT = [
    ("汽配城仓储物流招商项目", "汽车城社区", "30000000", ProjectStatus.BUILDING, 2023),
    ("元和商业街业态提升招商项目", "元和社区", "8000000", ProjectStatus.PLANNING, 2024),
    ("奔腾社区便民商业综合体招商项目", "奔腾社区", "15000000", ProjectStatus.PLANNING, 2024),
]
# Residential legacy-title projects open at the end of 2023: 9 in 4 communities.
LEGACY_RESIDENTIAL = [
    ("厂汉板回迁小区一期不动产登记遗留问题", "厂汉板社区", 412),
    ("厂汉板回迁小区二期不动产登记遗留问题", "厂汉板社区", 386),
    ("厂汉板新村分户办证遗留问题", "厂汉板社区", 148),
    ("西乌素图回迁小区办证遗留问题", "西乌素图社区", 296),
    ("乌素图佳苑竣工验收遗留问题", "西乌素图社区", 174),
    ("新地回迁小区一期办证遗留问题", "新地社区", 352),
    ("新城佳苑土地手续遗留问题", "新地社区", 208),
    ("橡机厂小区集资房办证遗留问题", "工农兵路社区", 96),
    ("炼铁厂宿舍房改房办证遗留问题", "工农兵路社区", 84),
]
LEGACY_RESOLVED = ("飞鹰新村车库办证遗留问题", "飞鹰社区", 60, date(2023, 8, 15))
LEGACY_NONRESIDENTIAL = [
    ("原建材市场商业楼产权遗留问题", "元和社区"),
    ("汽车城综合楼土地性质遗留问题", "汽车城社区"),
]
MICRO_ITEMS = [
    "楼道照明改造",
    "单元门禁维修",
    "健身器材更新",
    "休闲座椅增设",
    "非机动车充电棚建设",
    "下水管网疏通",
    "路面破损修补",
    "垃圾分类亭设置",
    "老年助餐点设施添置",
    "儿童游乐设施修缮",
    "屋面防水维修",
    "绿地补植",
]
MICRO_COUNT = 32
RENOVATION_STEPS = ["方案设计与公示", "施工招标", "进场施工", "竣工验收"]
KEY_STEPS = ["立项审批", "规划许可", "开工建设", "主体完工", "竣工验收"]


@transaction.atomic
def build_project_demo(street: Area) -> None:
    _Builder(street).build()


class _Builder:
    def __init__(self, street: Area):
        self.rng = random.Random(SEED)
        self.street = street
        self.communities = {a.name: a for a in Area.objects.under(street).communities().current()}
        self.existing = set(Project.objects.values_list("name", flat=True))
        self.offices = {o.code: o for o in Office.objects.all()}
        leaders = RoleAssignment.objects.active().filter(role=Role.STREET_LEADER, area=street)
        self.leaders = list(User.objects.filter(pk__in=leaders.values("user")).order_by("username"))
        # 民生微实事 are the communities' own: their secretary carries them.
        secretaries = RoleAssignment.objects.active().filter(
            role=Role.COMMUNITY_SECRETARY, area__in=self.communities.values()
        )
        self.secretaries = {
            a.area_id: a.user for a in secretaries.select_related("user").order_by("user__username")
        }

    def leader(self, n: int) -> User | None:
        return self.leaders[n % len(self.leaders)] if self.leaders else None

    def compounds(self, community: str, *names: str) -> list[Compound]:
        area = self.communities.get(community)
        return list(Compound.objects.filter(area=area, name__in=names)) if area else []

    def area(self, community: str | None) -> Area:
        return self.communities.get(community, self.street) if community else self.street

    def create(self, steps: list[tuple[str, date, date | None]] = (), **fields) -> Project | None:
        if fields["name"] in self.existing:
            return None
        project = project_create(**fields)
        for order, (name, planned_on, actual_on) in enumerate(steps, start=1):
            milestone_add(
                project=project, name=name, planned_on=planned_on, actual_on=actual_on, sort_order=order
            )
        return project

    def build(self) -> None:
        self.renovations_2023()
        self.rebuild_2023()
        self.legacy()
        self.micro_projects()
        self.renovations_2024()
        self.key_projects_2024()
        self.investment()

    def renovations_2023(self) -> None:
        for n, (compound, community, floor_area, buildings, households, done) in enumerate(RENOVATED_2023):
            start, end = date(2023, 4, 1), date(2023, 11, 30)
            area = Decimal(floor_area)
            self.create(
                kind=ProjectKind.RENOVATION,
                name=f"{compound}老旧小区改造",
                area=self.area(community),
                compounds=self.compounds(community, compound),
                budget=(area * 320).quantize(Decimal("0.01")),
                floor_area=area,
                buildings=buildings,
                households=households,
                leader=self.leader(n),
                office=self.offices.get("cgb"),
                planned_start=start,
                planned_end=end,
                plan_year=2023,
                status=ProjectStatus.COMPLETED,
                completed_on=done,
                progress=100,
                description="基础类改造：供排水管网、屋面防水、外墙保温；完善类改造：楼道照明、非机动车棚",
                steps=[
                    ("方案设计与公示", date(2023, 4, 10), date(2023, 4, 12 + n)),
                    ("施工招标", date(2023, 5, 10), date(2023, 5, 16 + n)),
                    ("进场施工", date(2023, 6, 1), date(2023, 6, 5 + n)),
                    ("竣工验收", done, done),
                ],
            )

    def rebuild_2023(self) -> None:
        start, done = date(2023, 3, 15), date(2023, 11, 28)
        self.create(
            kind=ProjectKind.REBUILD,
            name="海西新村3号楼危楼重建",
            area=self.area("海西路社区"),
            compounds=self.compounds("海西路社区", "海西新村"),
            budget=Decimal("6800000"),
            floor_area=Decimal("4200"),
            buildings=1,
            households=48,
            leader=self.leader(1),
            office=self.offices.get("cgb"),
            planned_start=start,
            planned_end=date(2023, 12, 15),
            plan_year=2023,
            status=ProjectStatus.COMPLETED,
            completed_on=done,
            progress=100,
            description="经鉴定为D级危房，原址拆除重建，住户过渡安置后回迁",
            steps=[
                ("住户过渡安置", date(2023, 3, 31), date(2023, 4, 6)),
                ("原楼拆除", date(2023, 4, 30), date(2023, 5, 8)),
                ("主体封顶", date(2023, 9, 15), date(2023, 9, 22)),
                ("竣工验收", done, done),
            ],
        )

    def legacy(self) -> None:
        for n, (name, community, households) in enumerate(LEGACY_RESIDENTIAL):
            self.create(
                kind=ProjectKind.LEGACY,
                use=LegacyUse.RESIDENTIAL,
                name=name,
                area=self.area(community),
                households=households,
                leader=self.leader(n),
                office=self.offices.get("cgb"),
                planned_start=date(2021 + n % 3, 1 + n, 10),
                status=ProjectStatus.BUILDING if n % 3 else ProjectStatus.PLANNING,
                progress=20 + 5 * n,
                description="协调住建、自然资源等部门补办手续，推进不动产登记办证",
            )
        name, community, households, resolved = LEGACY_RESOLVED
        self.create(
            kind=ProjectKind.LEGACY,
            use=LegacyUse.RESIDENTIAL,
            name=name,
            area=self.area(community),
            households=households,
            leader=self.leader(0),
            planned_start=date(2022, 5, 1),
            status=ProjectStatus.COMPLETED,
            completed_on=resolved,
            progress=100,
            description="车库产权证已于2023年8月办结",
        )
        for n, (name, community) in enumerate(LEGACY_NONRESIDENTIAL):
            self.create(
                kind=ProjectKind.LEGACY,
                use=LegacyUse.NONRESIDENTIAL,
                name=name,
                area=self.area(community),
                leader=self.leader(n),
                office=self.offices.get("jjb"),
                planned_start=date(2022, 3 + 4 * n, 1),
                status=ProjectStatus.BUILDING,
                progress=30,
                description="梳理历史手续，协调区直部门分类处置",
            )

    def micro_projects(self) -> None:
        names = sorted(self.communities)
        for n in range(MICRO_COUNT):
            community = names[n % len(names)]
            compounds = list(Compound.objects.filter(area=self.communities[community]).order_by("name"))
            compound = self.rng.choice(compounds) if compounds else None
            where = compound.name if compound else community.removesuffix("社区")
            item = MICRO_ITEMS[(n * 5) % len(MICRO_ITEMS)]
            start = date(2023, 1 + n * 11 // MICRO_COUNT, self.rng.randint(1, 25))
            done = start + timedelta(days=self.rng.randint(10, 45))
            finished = done <= date(2023, 12, 20)
            self.create(
                kind=ProjectKind.MICRO,
                name=f"{where}{item}",
                area=self.communities[community],
                compounds=[compound] if compound else [],
                budget=Decimal(self.rng.randrange(20, 150)) * 1000,
                households=self.rng.randint(30, 260),
                leader=self.secretaries.get(self.communities[community].pk),
                office=self.offices.get("mzb"),
                planned_start=start,
                planned_end=done,
                plan_year=2023,
                status=ProjectStatus.COMPLETED if finished else ProjectStatus.BUILDING,
                completed_on=done if finished else None,
                progress=100 if finished else 60,
                description=f"居民议事会提出，{item}，惠及居民",
            )

    def renovations_2024(self) -> None:
        for n, (compound, community, floor_area, buildings, households) in enumerate(RENOVATION_2024):
            start, end = date(2024, 3, 1), date(2024, 11, 30)
            area = Decimal(floor_area)
            self.create(
                kind=ProjectKind.RENOVATION,
                name=f"{compound}老旧小区改造",
                area=self.area(community),
                compounds=self.compounds(community, compound),
                budget=(area * 300).quantize(Decimal("0.01")),
                floor_area=area,
                buildings=buildings,
                households=households,
                leader=self.leader(n),
                office=self.offices.get("cgb"),
                planned_start=start,
                planned_end=end,
                plan_year=2024,
                description="基础类改造、完善类改造和提升类改造",
                **self.renovation_2024_progress(n),
            )

    def renovation_2024_progress(self, n: int) -> dict:
        """The n-th 2024 renovation's state at the end of 2024: its milestones done on time (a few days
        late) up to its completion — or the first three of four for the two carried into 2025."""
        done = RENOVATION_2024_DONE[n] if n < len(RENOVATION_2024_DONE) else None
        steps = []
        for i, step in enumerate(RENOVATION_STEPS):
            planned = date(2024, 3 + 2 * i, 15 + n)
            if step == RENOVATION_STEPS[-1]:
                actual = done
            else:
                actual = planned + timedelta(days=self.rng.randint(0, 6))
            steps.append((step, planned, actual))
        if done:
            return {"status": ProjectStatus.COMPLETED, "completed_on": done, "progress": 100, "steps": steps}
        return {"status": ProjectStatus.BUILDING, "progress": 75, "steps": steps}

    def key_projects_2024(self) -> None:
        for n, (name, community, budget, floor_area, description) in enumerate([*KEY_2024, SMALL_KEY_2024]):
            self.create(
                kind=ProjectKind.KEY,
                name=name,
                area=self.area(community),
                budget=Decimal(budget),
                floor_area=Decimal(floor_area),
                leader=self.leader(n),
                office=self.offices.get("jjb"),
                planned_start=date(2024, 3, 1),
                planned_end=date(2025, 12, 31),
                plan_year=2024,
                description=description,
                steps=[(step, date(2024, 3 + 2 * i, 20), None) for i, step in enumerate(KEY_STEPS)],
            )

    def investment(self) -> None:
        for n, (name, community, budget, status, year) in enumerate(INVESTMENT):
            self.create(
                kind=ProjectKind.INVESTMENT,
                name=name,
                area=self.area(community),
                budget=Decimal(budget),
                leader=self.leader(n),
                office=self.offices.get("jjb"),
                planned_start=date(year, 5, 1),
                planned_end=date(year + 1, 6, 30),
                plan_year=year,
                status=status,
                progress=40 if status == ProjectStatus.BUILDING else 0,
                description="以商招商、产业招商，优化辖区经济结构",
            )

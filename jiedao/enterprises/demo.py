"""The demo economic directory, matching the seed report: "已维护经济名录库4434家，实地核查4525家，招商引资66家".

Deterministic (one `random.Random(4434)`), idempotent (nothing happens once the demo's first enterprise
exists) and bulk: about 4,900 enterprises, 7,000 visits and 200 leads in a few bulk inserts.

- 4,434 enterprises are in the directory and 存续 on 2023-12-31; 120 of them leave in 2024. Besides them, 180
  left before 2023, 160 left during 2023 and 140 join in 2024.
- 4,525 enterprises are verified on site in 2023, one visit each (all 160 that left during 2023 and 4,365 of
  the 4,434), plus visits in 2022 and 2024. A dozen 2023 visits found an enterprise gone that still stands as
  存续: the follow-up ("据此更新企业状态") waits for staff.
- 66 investment leads reach 落地 in 2023, each linked to a company that entered the directory that day; more
  settle in 2022 and 2024, and some stand at 接洽, 洽谈, 签约 or 终止.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jiedao.core.demo import GIVEN, SURNAMES
from jiedao.core.models import Area, CommunityType, Role, RoleAssignment
from jiedao.enterprises.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    Industry,
    InvestmentLead,
    LeadSource,
    LeadStage,
    Scale,
    VerificationVisit,
    VisitResult,
)
from jiedao.enterprises.services import contact_phone_fields
from jiedao.excel.bulk import bulk_insert, insert_columns
from jiedao.lib.pinyin import initials
from jiedao.lib.uscc import ALPHABET, uscc_check_character

SEED = 4434
YEAR_END = date(2023, 12, 31)
DIRECTORY_START = date(2016, 1, 4)
ACTIVE_AT_YEAR_END = 4434
LEAVING_IN_2024 = 120  # part of the 4,434
LEFT_BEFORE_2023 = 180
LEFT_IN_2023 = 160
JOINING_IN_2024 = 140
VISITED_IN_2023 = 4525
PENDING_FOLLOW_UPS = 12
VISITS_2022, VISITS_2024 = 1500, 1000
SETTLED = {2022: 45, 2023: 66, 2024: 20}
OPEN_LEADS = {LeadStage.CONTACTED: 24, LeadStage.NEGOTIATING: 16, LeadStage.SIGNED: 9, LeadStage.DROPPED: 22}
REGION = "150103"  # 呼和浩特市回民区
REASON = "演示数据"

TRADE_FIRST = "鑫恒瑞华金盛泰源通达宏博信诚佳嘉兴隆鼎丰汇百富润安康万德正天蒙青昭祥和亿聚"
TRADE_SECOND = "源泰达盛华通丰祥瑞安和顺鑫隆宇辉明远诚信利发茂兴德凯新程航越峰川禾"

INDUSTRY_WEIGHTS = {
    Industry.TRADE: 30,
    Industry.HOSPITALITY: 14,
    Industry.BUSINESS_SERVICES: 12,
    Industry.CONSTRUCTION: 8,
    Industry.RESIDENT_SERVICES: 8,
    Industry.INFORMATION: 5,
    Industry.RESEARCH: 4,
    Industry.REAL_ESTATE: 4,
    Industry.MANUFACTURING: 3,
    Industry.TRANSPORT: 3,
    Industry.CULTURE: 2,
    Industry.EDUCATION: 2,
    Industry.HEALTH: 2,
    Industry.ENVIRONMENT: 1,
    Industry.FINANCE: 1,
    Industry.UTILITIES: 1,
}
COMPANY_WORDS = {
    Industry.TRADE: ["商贸", "贸易", "物资", "科贸", "食品销售", "医药连锁", "汽车销售", "建材"],
    Industry.HOSPITALITY: ["餐饮管理", "酒店管理", "餐饮服务", "宾馆"],
    Industry.BUSINESS_SERVICES: ["商务咨询", "企业管理咨询", "广告", "劳务服务", "设备租赁", "会展服务"],
    Industry.CONSTRUCTION: ["建筑工程", "装饰工程", "建筑安装工程", "市政工程"],
    Industry.RESIDENT_SERVICES: ["家政服务", "汽车维修", "洗涤服务", "养老服务"],
    Industry.INFORMATION: ["网络科技", "信息技术", "软件开发", "数据服务"],
    Industry.RESEARCH: ["工程技术", "检测技术", "工程设计", "环境科技"],
    Industry.REAL_ESTATE: ["物业服务", "房地产经纪", "房地产开发"],
    Industry.MANUFACTURING: ["食品", "乳业", "服装加工", "印刷"],
    Industry.TRANSPORT: ["物流", "运输", "快递服务", "仓储"],
    Industry.CULTURE: ["文化传媒", "体育发展", "文化传播"],
    Industry.EDUCATION: ["教育科技", "教育咨询"],
    Industry.HEALTH: ["健康管理", "医疗服务"],
    Industry.ENVIRONMENT: ["园林绿化", "环保科技"],
    Industry.FINANCE: ["融资担保", "保险代理"],
    Industry.UTILITIES: ["热力", "燃气工程"],
    Industry.AGRICULTURE: ["种养殖专业合作社", "蔬菜种植专业合作社", "奶牛养殖专业合作社"],
}
SHOP_WORDS = {
    Industry.TRADE: ["便利", "烟酒", "五金", "水果", "日用品", "服装", "粮油", "手机"],
    Industry.HOSPITALITY: ["面", "烧麦", "小吃", "火锅", "奶茶", "羊杂"],
    Industry.RESIDENT_SERVICES: ["理发", "干洗", "美容", "家电维修", "洗车", "开锁"],
}
SHOP_WEIGHTS = {Industry.TRADE: 55, Industry.HOSPITALITY: 30, Industry.RESIDENT_SERVICES: 15}
ROADS = [
    "海西路",
    "赛马场北路",
    "工农兵路",
    "通道北街",
    "中山西路",
    "锡林郭勒北路",
    "新华大街",
    "县府街",
    "巴彦淖尔北路",
    "公园西路",
    "呼伦贝尔北路",
    "攸攸板路",
]
PROJECT_WORDS = [
    "物流园",
    "商业综合体",
    "数字经济产业园",
    "连锁超市",
    "乳制品加工",
    "新能源汽车销售",
    "养老服务中心",
    "文旅街区",
    "仓储配送中心",
    "社区商业",
    "餐饮连锁",
    "健康产业",
]
MOBILE_PREFIXES = ["139", "138", "137", "136", "135", "150", "151", "152", "158", "159", "182", "187", "188"]
MOBILE_PREFIXES += ["130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "189", "177"]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code check


@dataclass
class _Firm:
    values: dict
    trade_name: str
    visits: list = field(default_factory=list)


class _Builder:
    def __init__(self, street: Area):
        self.rng = random.Random(SEED)
        self.grids = list(
            Area.objects.under(street).grids().current().select_related("parent").order_by("code")
        )
        self.village_grids = [g for g in self.grids if g.parent.community_type == CommunityType.VILLAGE]
        self.codes: set[str] = set()
        self.names: set[str] = set()

    # Identities -------------------------------------------------------------------------------------------

    def uscc(self, entity_type: str) -> str:
        while True:
            body = "MA" + "".join(self.rng.choice(ALPHABET) for _ in range(6))
            organisation = body + _org_check(body)
            first17 = "9" + entity_type + REGION + organisation
            code = first17 + uscc_check_character(first17)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def person(self) -> str:
        given = self.rng.choice(GIVEN) if self.rng.random() < 0.3 else "".join(self.rng.sample(GIVEN, 2))
        return self.rng.choice(SURNAMES) + given

    def phone(self) -> str | None:
        roll = self.rng.random()
        if roll < 0.25:
            return None
        if roll < 0.32:
            return f"0471-{self.rng.randint(2, 6)}{self.rng.randint(0, 999999):06d}"
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99999999):08d}"

    def trade_name(self) -> str:
        return self.rng.choice(TRADE_FIRST) + self.rng.choice(TRADE_SECOND)

    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # Enterprises ------------------------------------------------------------------------------------------

    def firm(self, registered_on: date, *, company: bool = False) -> _Firm:
        grid = self.rng.choice(self.grids)
        roll = self.rng.random()
        if roll < 0.015 and self.village_grids and not company:
            kind, industry = EnterpriseKind.COOPERATIVE, Industry.AGRICULTURE
            grid = self.rng.choice(self.village_grids)
        elif roll < 0.43 and not company:
            kind, industry = EnterpriseKind.INDIVIDUAL, self.weighted(SHOP_WEIGHTS)
        else:
            kind, industry = EnterpriseKind.COMPANY, self.weighted(INDUSTRY_WEIGHTS)
        trade, name = self._name(kind, industry)
        if kind == EnterpriseKind.INDIVIDUAL:
            scale = Scale.MICRO
        else:
            scale = self.weighted({Scale.MICRO: 68, Scale.SMALL: 25, Scale.MEDIUM: 6, Scale.LARGE: 1})
        legal = self.person()
        established = max(date(1992, 1, 1), registered_on - timedelta(days=self.rng.randint(0, 3600)))
        phone = contact_phone_fields(self.phone())
        values = {
            "uscc": self.uscc({"company": "1", "individual": "2", "cooperative": "3"}[kind]),
            "name": name,
            "name_initials": initials(name),
            "kind": kind,
            "industry": industry,
            "scale": scale,
            "status": EnterpriseStatus.ACTIVE,
            "address": f"{self.rng.choice(ROADS)}{self.rng.randint(1, 260)}号",
            "area_id": grid.pk,
            "legal_representative": legal,
            "contact_name": legal
            if kind != EnterpriseKind.COMPANY or self.rng.random() < 0.4
            else self.person(),
            "established_on": established,
            "registered_on": registered_on,
            "left_on": None,
            "note": "",
            "version": 1,
            **phone,
        }
        return _Firm(values=values, trade_name=trade)

    def _name(self, kind: str, industry: str) -> tuple[str, str]:
        while True:
            trade = self.trade_name()
            if kind == EnterpriseKind.INDIVIDUAL:
                name = f"回民区{trade}{self.rng.choice(SHOP_WORDS[industry])}店"
            elif kind == EnterpriseKind.COOPERATIVE:
                name = f"呼和浩特市{trade}{self.rng.choice(COMPANY_WORDS[industry])}"
            elif self.rng.random() < 0.1:
                name = f"内蒙古{trade}{self.rng.choice(COMPANY_WORDS[industry])}有限责任公司"
            else:
                name = f"呼和浩特市{trade}{self.rng.choice(COMPANY_WORDS[industry])}有限公司"
            if name not in self.names:
                self.names.add(name)
                return trade, name

    def leave(self, firm: _Firm, on: date) -> None:
        firm.values["status"] = self.rng.choice([EnterpriseStatus.MOVED_OUT, EnterpriseStatus.CANCELLED])
        firm.values["left_on"] = on

    def core_firm(self) -> _Firm:
        """One of the 4,434 in the directory at the end of 2023; the first one drawn is the demo's marker."""
        return self.firm(self.day_between(DIRECTORY_START, YEAR_END))

    def firms(self, first: _Firm) -> dict[str, list[_Firm]]:
        start = DIRECTORY_START
        groups = {
            "core": [first, *(self.core_firm() for _ in range(ACTIVE_AT_YEAR_END - 1))],
            "left_before": [],
            "left_2023": [],
            "joining_2024": [
                self.firm(self.day_between(date(2024, 1, 2), date(2024, 12, 31)))
                for _ in range(JOINING_IN_2024)
            ],
        }
        for firm in self.rng.sample(groups["core"], LEAVING_IN_2024):
            self.leave(firm, self.day_between(date(2024, 1, 2), date(2024, 12, 31)))
        for _ in range(LEFT_BEFORE_2023):
            firm = self.firm(self.day_between(start, date(2021, 12, 31)))
            self.leave(firm, self.day_between(firm.values["registered_on"], date(2022, 12, 31)))
            groups["left_before"].append(firm)
        for _ in range(LEFT_IN_2023):
            firm = self.firm(self.day_between(start, date(2022, 12, 31)))
            self.leave(firm, self.day_between(date(2023, 1, 1), YEAR_END))
            groups["left_2023"].append(firm)
        return groups

    # Visits -----------------------------------------------------------------------------------------------

    def workday_between(self, start: date, end: date) -> date:
        day = self.day_between(start, end)
        if day.weekday() >= 5 and day - timedelta(days=day.weekday() - 4) >= start:
            day -= timedelta(days=day.weekday() - 4)  # back to the Friday
        return day

    def visit(self, firm: _Firm, start: date, end: date, result: str | None = None) -> None:
        v = firm.values
        day = self.workday_between(max(start, v["registered_on"]), end)
        if result is None:
            gone = v["left_on"] is not None and day >= v["left_on"]
            if gone:
                result = {"moved_out": VisitResult.MOVED_OUT, "cancelled": VisitResult.CANCELLED}[v["status"]]
            else:
                result = self.weighted(
                    {
                        VisitResult.NORMAL: 91,
                        VisitResult.ADDRESS_MISMATCH: 5,
                        VisitResult.NOT_FOUND: 2,
                        VisitResult.OTHER: 2,
                    }
                )
        note = {
            VisitResult.ADDRESS_MISMATCH: "实际经营地址与登记地址不一致，已告知企业办理变更",
            VisitResult.NOT_FOUND: "登记地址未见经营主体，联系电话无人接听",
            VisitResult.MOVED_OUT: "企业已搬离辖区",
            VisitResult.CANCELLED: "企业已停止经营，称已办理注销",
            VisitResult.OTHER: "暂停营业装修中",
        }.get(result, "")
        firm.visits.append((day, result, note))

    def plan_visits(self, groups: dict[str, list[_Firm]]) -> None:
        core = groups["core"]
        for firm in groups["left_2023"]:
            self.visit(firm, date(2023, 1, 3), YEAR_END)
        visited = self.rng.sample(core, VISITED_IN_2023 - LEFT_IN_2023)
        staying = [f for f in visited if f.values["left_on"] is None]
        pending = {id(f) for f in staying[:PENDING_FOLLOW_UPS]}
        for firm in visited:
            result = None
            if id(firm) in pending:
                result = self.rng.choice([VisitResult.MOVED_OUT, VisitResult.CANCELLED])
            self.visit(firm, date(2023, 1, 3), YEAR_END, result)
        present_2022 = [
            f for f in [*core, *groups["left_2023"]] if f.values["registered_on"] <= date(2022, 11, 30)
        ]
        for firm in self.rng.sample(present_2022, VISITS_2022):
            self.visit(firm, date(2022, 3, 1), date(2022, 12, 30))
        present_2024 = [
            f
            for f in [*core, *groups["joining_2024"]]
            if f.values["left_on"] is None and f.values["registered_on"] <= date(2024, 10, 31)
        ]
        for firm in self.rng.sample(present_2024, VISITS_2024):
            self.visit(firm, date(2024, 3, 1), date(2024, 12, 31))

    # Leads ------------------------------------------------------------------------------------------------

    def lead(self, *, stage: str, reached: date, firm: _Firm | None, owners: list[int]) -> dict:
        """A lead that reached `stage` on `reached`, with the earlier stages' dates worked back from it."""
        dates = dict.fromkeys(("contacted_on", "negotiating_on", "signed_on", "settled_on", "dropped_on"))
        path = ["contacted_on", "negotiating_on", "signed_on", "settled_on"]
        last = {
            LeadStage.CONTACTED: 0,
            LeadStage.NEGOTIATING: 1,
            LeadStage.SIGNED: 2,
            LeadStage.SETTLED: 3,
            LeadStage.DROPPED: self.rng.randint(0, 2),
        }[stage]
        day = reached
        if stage == LeadStage.DROPPED:
            dates["dropped_on"] = day
            day -= timedelta(days=self.rng.randint(10, 60))
        for key in reversed(path[: last + 1]):
            dates[key] = day
            day -= timedelta(days=self.rng.randint(7, 60))
        if firm is not None:
            name, industry, area_id = firm.values["name"], firm.values["industry"], firm.values["area_id"]
        else:
            while True:
                name = f"{self.trade_name()}{self.rng.choice(PROJECT_WORDS)}项目"
                if name not in self.names:
                    self.names.add(name)
                    break
            industry, area_id = self.weighted(INDUSTRY_WEIGHTS), self.rng.choice(self.grids).pk
        contact = self.person()
        amount = Decimal(
            self.rng.choice([50, 80, 100, 150, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000])
        )
        return {
            "name": name,
            "enterprise_id": None,
            "industry": industry,
            "amount": (amount * Decimal(self.rng.choice([1, 1, 1, "1.2", "0.8", "1.5"]))).quantize(
                Decimal("0.01")
            ),
            "source": self.weighted(
                {
                    LeadSource.BUSINESS_REFERRAL: 35,
                    LeadSource.UNIT_REFERRAL: 20,
                    LeadSource.OUTREACH: 40,
                    LeadSource.OTHER: 5,
                }
            ),
            "contact_name": contact,
            "owner_id": self.rng.choice(owners) if owners else None,
            "area_id": area_id,
            "stage": stage,
            **dates,
            "note": "",
            "version": 1,
            **contact_phone_fields(self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99999999):08d}"),
        }

    def plan_leads(
        self, groups: dict[str, list[_Firm]], owners: list[int]
    ) -> list[tuple[dict, _Firm | None]]:
        leads = []
        pools = {
            2022: [f for f in groups["core"] if f.values["registered_on"].year == 2022],
            2023: [f for f in groups["core"] if f.values["registered_on"] >= date(2023, 2, 1)],
            2024: list(groups["joining_2024"]),
        }
        for year, count in SETTLED.items():
            companies = [
                f
                for f in pools[year]
                if f.values["kind"] == EnterpriseKind.COMPANY and f.values["left_on"] is None
            ]
            for firm in self.rng.sample(companies, count):
                lead = self.lead(
                    stage=LeadStage.SETTLED, reached=firm.values["registered_on"], firm=firm, owners=owners
                )
                leads.append((lead, firm))
        for stage, count in OPEN_LEADS.items():
            for _ in range(count):
                reached = self.day_between(date(2023, 6, 1), date(2024, 12, 31))
                leads.append((self.lead(stage=stage, reached=reached, firm=None, owners=owners), None))
        return leads


def _org_check(body: str) -> str:
    """The GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _tuples(model, rows: list[dict]) -> list[tuple]:
    columns = [f.attname for f in insert_columns(model)]
    return [tuple(row[c] for c in columns) for row in rows]


def _visitors(grids: list[Area]) -> dict[int, int]:
    """Grid → the user id of a grid worker holding it."""
    held = RoleAssignment.objects.active().filter(role=Role.GRID_WORKER, area__in=grids).order_by("user_id")
    found: dict[int, int] = {}
    for area_id, user_id in held.values_list("area_id", "user_id"):
        found.setdefault(area_id, user_id)
    return found


def _owners() -> list[int]:
    roles = RoleAssignment.objects.active().filter(role__in=[Role.OFFICE_STAFF, Role.COMMUNITY_SECRETARY])
    economy = roles.filter(office__code="jjb").values_list("user_id", flat=True)
    secretaries = roles.filter(role=Role.COMMUNITY_SECRETARY).values_list("user_id", flat=True)
    return sorted(set(economy)) * 3 + sorted(set(secretaries))  # the 经济办 carries most leads


@transaction.atomic
def build_enterprise_demo(street: Area) -> None:
    builder = _Builder(street)
    if not builder.grids:
        return
    first = builder.core_firm()
    if Enterprise.objects.filter(uscc=first.values["uscc"]).exists():
        return
    groups = builder.firms(first)
    builder.plan_visits(groups)
    leads = builder.plan_leads(groups, _owners())

    firms = [f for group in groups.values() for f in group]
    ids = bulk_insert(Enterprise, _tuples(Enterprise, [f.values for f in firms]), reason=REASON)
    visitors = _visitors(builder.grids)
    visits = []
    for pk, firm in zip(ids, firms, strict=True):
        firm.values["id"] = pk
        area_id = firm.values["area_id"]
        for day, result, note in sorted(firm.visits):
            recorded = datetime.combine(day, time(17, 0)) + timedelta(minutes=builder.rng.randint(0, 90))
            visits.append(
                {
                    "enterprise_id": pk,
                    "visited_on": day,
                    "visitor_id": visitors.get(area_id),
                    "result": result,
                    "note": note,
                    "area_id": area_id,
                    "recorded_at": timezone.make_aware(recorded),
                }
            )
    bulk_insert(VerificationVisit, _tuples(VerificationVisit, visits), reason=REASON)
    for lead, firm in leads:
        if firm is not None:
            lead["enterprise_id"] = firm.values["id"]
    bulk_insert(InvestmentLead, _tuples(InvestmentLead, [lead for lead, _ in leads]), reason=REASON)

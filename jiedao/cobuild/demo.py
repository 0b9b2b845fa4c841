"""The demo's co-building and compound governance in 2023, matching the seed report:

- 三项清单: 95 items listed for 2023 with units in the district, 66 completed in 2023 (69.47 %, "69%");
  20 推进中 and 9 未启动 at the year's end; a few 2022 items for contrast.
- 创城整改: 563 items found in 2023 ("560余项") over the 11 communities' back streets and compounds, most
  rectified within their deadline (a few late), some found in December still 整改中 at the year's end; 24
  found in 2022.
- 垃圾分类: every one of the register's 93 compounds has bins of the four categories, 916 bins in all
  ("900余个"), set out between 2021 and 2023.
- 物管会: 90 of the 93 compounds have an active committee at the end of 2023 (96.77 %, "97%"); the three
  平房区 have none.

Deterministic (`random.Random(95)`) and idempotent: each part returns at once when its rows exist. Written
items and committees through the services, rectifications and bins (valid by construction) in bulk
inserts with their history rows: a few seconds.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from jiedao.cobuild import services
from jiedao.cobuild.models import (
    BinKind,
    CobuildItem,
    ItemStatus,
    ListKind,
    PropertyCommittee,
    Rectification,
    RectificationCategory,
    RectificationStatus,
    WasteFacility,
)
from jiedao.core.demo import GIVEN, SURNAMES
from jiedao.core.models import Area
from jiedao.excel.bulk import bulk_insert, insert_columns
from jiedao.registry.models import Compound

SEED = 95
REASON = "演示数据"
YEAR = 2023
ITEMS, ITEMS_COMPLETED, ITEMS_IN_PROGRESS = 95, 66, 20
ITEMS_2022 = 12
RECTIFICATIONS, RECTIFICATIONS_2022, STILL_OPEN = 563, 24, 17
BINS_TOTAL = 916
WITHOUT_COMMITTEE = ("厂汉板平房区", "西乌素图平房区", "新地平房区")

PARTNERS = [
    "回民区人民医院",
    "呼和浩特市第十四中学",
    "国网呼和浩特供电公司回民区供电分公司",
    "中国移动呼和浩特分公司回民区营业部",
    "回民区消防救援大队",
    "海西路派出所",
    "中国工商银行回民区支行",
    "内蒙古农业大学西区",
    "回民区城市管理综合执法局",
    "慧达物业公司",
    "呼和浩特市公交总公司第三分公司",
    "回民区市场监督管理局",
    "内蒙古自治区畜牧厅机关党委",
    "呼和浩特铁路局车务段",
    "回民区司法局海西路司法所",
    "回民区妇幼保健院",
    "呼和浩特市第二十五中学",
    "中国邮政回民区分公司",
]
TITLES = {
    ListKind.NEED: [
        "老旧小区楼道照明改造",
        "社区老年食堂餐具更新",
        "电动自行车充电桩安装",
        "背街小巷路面修补",
        "独居老人定期探访",
        "青少年暑期托管",
        "楼道杂物集中清理",
        "防汛物资储备",
        "无障碍坡道改造",
        "小区监控补盲",
        "社区活动室桌椅添置",
        "居民健康档案更新",
    ],
    ListKind.RESOURCE: [
        "党员活动室共享使用",
        "医护人员健康讲座",
        "法律顾问免费咨询",
        "图书捐赠与流动书屋",
        "单位篮球场错时开放",
        "职工志愿者支援",
        "应急救护培训",
        "消防安全演练指导",
        "金融防诈骗宣传",
        "学生志愿服务实践",
        "停车场夜间错时共享",
        "便民理发与家电维修",
    ],
    ListKind.PROJECT: [
        "红色物业示范点建设",
        "口袋公园建设",
        "小区停车位规划施划",
        "智慧门禁安装",
        "垃圾分类投放点升级",
        "老旧管网改造协调",
        "文明楼栋创建",
        "社区微治理议事厅",
        "邻里节文化活动",
        "民族团结进步示范楼",
        "平安小区技防提升",
        "适老化改造入户",
    ],
}
RECTIFICATION_TEMPLATES = {
    RectificationCategory.SANITATION: [
        "{p}楼道堆放杂物",
        "{p}绿化带垃圾未清理",
        "{p}垃圾桶满溢",
        "{p}墙面小广告",
        "{p}卫生死角积存垃圾",
    ],
    RectificationCategory.PUBLIC_ADS: [
        "{p}公益广告破损褪色",
        "{p}缺少社会主义核心价值观宣传牌",
        "{p}宣传栏内容过期",
    ],
    RectificationCategory.DAMAGED_FACILITY: [
        "{p}井盖破损",
        "{p}路灯不亮",
        "{p}健身器材损坏",
        "{p}楼道扶手松动",
        "{p}围墙破损",
    ],
    RectificationCategory.ORDER: [
        "{p}非机动车乱停乱放",
        "{p}沿街商户占道经营",
        "{p}私拉电线充电",
        "{p}车辆占用消防通道",
    ],
    RectificationCategory.GREENING: ["{p}绿地裸露黄土", "{p}树木枯死未补植"],
}
CATEGORY_WEIGHTS = [40, 12, 22, 20, 6]
# 创城 inspections peak from spring to autumn.
MONTH_WEIGHTS = [2, 3, 6, 9, 12, 13, 12, 11, 10, 8, 4, 3]


@transaction.atomic
def build_cobuild_demo(street: Area) -> None:
    rng = random.Random(SEED)
    communities = list(Area.objects.under(street).communities().current().order_by("code"))
    compounds = list(Compound.objects.filter(area__in=communities).select_related("area").order_by("pk"))
    _items(rng, communities, compounds)
    _rectifications(rng, communities, compounds)
    if compounds:
        _waste(rng, compounds)
        _committees(rng, compounds)


def _day(rng: random.Random, year: int, months=None) -> date:
    month = rng.choices(range(1, 13), weights=months or [1] * 12)[0]
    return date(year, month, rng.randint(1, 28))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def _items(rng: random.Random, communities: list[Area], compounds: list[Compound]) -> None:
    if CobuildItem.objects.filter(area__in=communities).exists():
        return
    by_community = {c.pk: [x for x in compounds if x.area_id == c.pk] for c in communities}
    # 95 items over 11 communities, in a fixed order: 66 completed, 20 推进中, 9 未启动.
    statuses = (
        [ItemStatus.COMPLETED] * ITEMS_COMPLETED
        + [ItemStatus.IN_PROGRESS] * ITEMS_IN_PROGRESS
        + [ItemStatus.NOT_STARTED] * (ITEMS - ITEMS_COMPLETED - ITEMS_IN_PROGRESS)
    )
    rng.shuffle(statuses)
    plan = [(YEAR, status) for status in statuses] + [(YEAR - 1, ItemStatus.COMPLETED)] * ITEMS_2022
    used: set[tuple[int, int, str]] = set()
    for n, (year, status) in enumerate(plan):
        community = communities[n % len(communities)]
        kind = [ListKind.NEED, ListKind.RESOURCE, ListKind.PROJECT][n % 3]
        title = rng.choice(TITLES[kind])
        while (community.pk, year, title) in used:
            title = rng.choice(TITLES[kind])
        used.add((community.pk, year, title))
        own = by_community.get(community.pk) or []
        compound = rng.choice(own) if own and kind != ListKind.RESOURCE and rng.random() < 0.6 else None
        completed_on = None
        if status == ItemStatus.COMPLETED:
            completed_on = _day(rng, year, [1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10])
        partner = rng.choice(PARTNERS)
        where = compound.name if compound else community.name
        services.cobuild_item_create(
            kind=kind,
            title=title,
            partner=partner,
            year=year,
            area=community,
            compound=compound,
            status=status,
            completed_on=completed_on,
            description=f"{partner}与{where}共建：{title}",
        )


def _rectifications(rng: random.Random, communities: list[Area], compounds: list[Compound]) -> None:
    if Rectification.objects.filter(area__in=communities).exists():
        return
    by_community = {c.pk: [x for x in compounds if x.area_id == c.pk] for c in communities}
    categories = list(RECTIFICATION_TEMPLATES)
    used: set[tuple[int, date, str]] = set()
    plan = [YEAR] * RECTIFICATIONS + [YEAR - 1] * RECTIFICATIONS_2022
    open_left = STILL_OPEN
    rows: list[dict] = []
    for n, year in enumerate(plan):
        community = communities[n % len(communities)]
        category = rng.choices(categories, weights=CATEGORY_WEIGHTS)[0]
        own = by_community.get(community.pk) or []
        compound = rng.choice(own) if own and rng.random() < 0.7 else None
        while True:
            found_on = _day(rng, year, MONTH_WEIGHTS)
            place = compound.name if compound else f"{community.name.removesuffix('社区')}背街小巷"
            item = rng.choice(RECTIFICATION_TEMPLATES[category]).format(p=place)
            if (community.pk, found_on, item) not in used:
                used.add((community.pk, found_on, item))
                break
        deadline = found_on + timedelta(days=rng.choice([3, 5, 7, 7, 10, 15]))
        # A few found late in 2023 are still being rectified at the year's end.
        if year == YEAR and open_left and found_on.month == 12:
            open_left -= 1
            status, rectified_on = RectificationStatus.IN_PROGRESS, None
        else:
            status = RectificationStatus.DONE
            rectified_on = found_on + timedelta(days=rng.randint(1, (deadline - found_on).days + 2))
        rows.append(
            {
                "item": item,
                "category": category,
                "area_id": community.pk,
                "compound_id": compound.pk if compound else None,
                "found_on": found_on,
                "deadline": deadline,
                "rectified_on": rectified_on,
                "status": status,
                "note": "",
            }
        )
    # Valid by construction (deadline ≥ found_on, rectified_on ≥ found_on exactly when 已整改, unique keys),
    # so they go in one bulk insert with their history rows.
    _bulk(Rectification, rows)


def _waste(rng: random.Random, compounds: list[Compound]) -> None:
    if WasteFacility.objects.filter(compound__in=compounds).exists():
        return
    # Every compound gets two bins of each category; the remaining ones go to compounds drawn at random,
    # mostly as 其他垃圾 and 厨余垃圾, so the total is exactly BINS_TOTAL.
    counts = {c.pk: dict.fromkeys(BinKind.values, 2) for c in compounds}
    extra = BINS_TOTAL - 2 * len(BinKind.values) * len(compounds)
    kinds = [BinKind.OTHER, BinKind.KITCHEN, BinKind.RECYCLABLE, BinKind.HAZARDOUS]
    while extra > 0:
        compound = rng.choice(compounds)
        kind = rng.choices(kinds, weights=[5, 4, 2, 1])[0]
        counts[compound.pk][kind] += 1
        extra -= 1
    rows = []
    for compound in compounds:
        installed_on = date(rng.choice([2021, 2022, 2022, 2023]), rng.randint(3, 10), rng.randint(1, 28))
        for kind, count in counts[compound.pk].items():
            rows.append(
                {
                    "compound_id": compound.pk,
                    "kind": kind,
                    "count": count,
                    "installed_on": installed_on,
                    "area_id": compound.area_id,
                }
            )
    _bulk(WasteFacility, rows)


def _committees(rng: random.Random, compounds: list[Compound]) -> None:
    if PropertyCommittee.objects.filter(compound__in=compounds).exists():
        return
    for compound in compounds:
        if compound.name in WITHOUT_COMMITTEE:
            continue
        services.committee_create(
            compound=compound,
            established_on=date(rng.choice([2020, 2021, 2022, 2023]), rng.randint(1, 12), rng.randint(1, 28)),
            director=_person(rng),
            members=rng.choice([5, 5, 7, 7, 9]),
        )


def _bulk(model, rows: list[dict]) -> None:
    columns = [f.attname for f in insert_columns(model)]
    rows = [{"version": 1, **row} for row in rows]
    bulk_insert(model, [tuple(row[c] for c in columns) for row in rows], reason=REASON)

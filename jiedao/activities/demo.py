"""The demo street's 2023 activities and publicity, producing the annual report's figures exactly.

Deterministic (seeded random) and idempotent: when the street already has 2023 activities (or information
items) nothing is written again. Volume goes through the import engine's bulk path (`jiedao.excel.bulk`), so
every record still gets its history row. "余/多" figures are exact values just above the stated number:
民族团结宣传 32 次, 宣传教育讲座 12 次, 廉政警示教育受教育 412 人次, 宣讲受众 5036 人次, 科普资料 316 份,
科普受众 512 人, 征兵宣传 23 次, 征兵材料 1036 份, 整治出动 816 人次, 清理垃圾 5026 吨, 河道清理 318 人.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from operator import itemgetter

from django.db import transaction
from django.utils import timezone

from jiedao.activities.catalogue import seed_activity_types
from jiedao.activities.models import Activity, ActivityType, ActivityValue, Adoption, AdoptionLevel, InfoItem
from jiedao.core.models import Area, AreaLevel, Office, User
from jiedao.excel.bulk import bulk_insert, insert_columns

YEAR = 2023
STREET_LEVEL = "street"

# type code → (场次, {measure code: exact total}, where it is held)
PLAN: dict[str, tuple[int, dict[str, int | str], str]] = {
    "ethnic_unity": (32, {"participants": 2860, "materials": 3150}, "community"),
    "ethnic_unity_lecture": (12, {"audience": 968}, "community"),
    "integrity_warning": (7, {"participants": 412}, STREET_LEVEL),
    "theory_study": (16, {"participants": 704}, STREET_LEVEL),
    "ideology_meeting": (1, {"participants": 46}, STREET_LEVEL),
    "ideology_review": (2, {"participants": 38}, STREET_LEVEL),
    "lecture": (74, {"audience": 5036}, "community"),
    "science": (8, {"materials": 316, "audience": 512}, "community"),
    "conscription": (23, {"materials": 1036, "banners": 21}, "community"),
    "environment": (15, {"participants": 816, "tons": 5026, "problems": 87}, "community"),
    "river_cleanup": (56, {"participants": 318, "tons": 27}, "community"),
    "care_visit": (53, {"participants": 636}, "community"),
    "help_action": (123, {"participants": 738}, "community"),
    "festival": (27, {"participants": 3240}, "community"),
    "custom_reform": (10, {"participants": 520, "audience": 1300}, "community"),
    "reading": (9, {"participants": 405}, "community"),
}
# Measures that may be 0 on a record (a campaign without banners); the others are at least 1.
MAY_BE_ZERO = {"banners", "problems"}

TITLES = {
    "ethnic_unity": [
        "“石榴籽”民族团结进步宣传",
        "铸牢中华民族共同体意识主题宣传",
        "民族团结一家亲文艺展演",
        "民族政策法规进社区宣传",
        "民族团结进步模范事迹宣讲展板展示",
    ],
    "ethnic_unity_lecture": [
        "铸牢中华民族共同体意识专题讲座",
        "民族团结进步教育讲座",
        "民族理论政策宣传教育课",
    ],
    "integrity_warning": [
        "廉政警示教育大会",
        "观看警示教育片《零容忍》",
        "“以案促改”警示教育",
        "廉洁文化主题党日",
    ],
    "theory_study": [
        "党工委理论学习中心组专题学习",
        "党的二十大精神专项学习",
        "全面从严治党专项学习",
        "主题教育读书班集中学习",
    ],
    "ideology_meeting": ["意识形态工作部署会"],
    "ideology_review": ["意识形态领域形势分析研判会"],
    "lecture": [
        "党的二十大精神宣讲",
        "全国“两会”精神宣讲",
        "“党组织书记讲党课”",
        "理论政策线上宣讲",
        "“百姓名嘴”进小区宣讲",
        "铸牢中华民族共同体意识宣讲",
    ],
    "science": ["科普进社区宣传", "全国科普日主题活动", "防震减灾科普宣传", "健康素养科普讲座"],
    "conscription": ["征兵政策宣传", "“携笔从戎”征兵宣传进校园", "征兵宣传车巡回宣传", "兵役登记动员宣传"],
    "environment": [
        "背街小巷环境卫生集中整治",
        "创城环境大整治",
        "“清洁家园”爱国卫生运动",
        "老旧小区卫生死角清理",
    ],
    "river_cleanup": [
        "扎达盖河河道集中清理",
        "小黑河沿岸垃圾清理",
        "“河长+志愿者”河道清理",
        "汛前河道清淤整治",
    ],
    "care_visit": [
        "走访慰问困难老党员",
        "春节慰问困难群众",
        "慰问退役军人和优抚对象",
        "“八一”走访慰问",
        "重阳节慰问高龄老人",
    ],
    "help_action": [
        "党员包联户帮扶",
        "暖心小分队上门帮扶",
        "困难家庭帮扶走访",
        "独居老人助餐帮扶",
        "残疾人家庭帮扶",
    ],
    "festival": [
        "“我们的节日·春节”文艺汇演",
        "元宵节猜灯谜活动",
        "端午节包粽子活动",
        "中秋节邻里文化节",
        "国庆节歌咏比赛",
        "重阳节敬老文艺演出",
    ],
    "custom_reform": ["移风易俗文明新风宣传", "倡导婚事新办丧事简办宣传", "文明祭扫倡议活动"],
    "reading": ["“书香社区”全民阅读", "世界读书日读书分享会", "亲子共读活动"],
}
PLACES = {
    STREET_LEVEL: ["街道党工委会议室", "街道党群服务中心", "街道多功能厅"],
    "community": ["社区党群服务中心", "社区文化广场", "社区新时代文明实践站", "社区活动室"],
    "river_cleanup": ["扎达盖河海西路段", "小黑河工农兵路段", "扎达盖河飞鹰桥段"],
    "environment": ["背街小巷", "老旧小区院内", "社区周边道路"],
}
ORGANISERS = {
    "djb": "街道党建办",
    "jgw": "街道纪工委",
    "dzb": "街道党政办",
    "cgb": "街道城管办",
    "mzb": "街道民政办",
}

# Information items: 110 pieces; adoption levels chosen so the totals are 19 / 13 / 95 / 99.
ITEMS = 110
OUTLETS = {
    AdoptionLevel.CENTRAL: ["人民网", "新华网", "中国新闻网", "光明网"],
    AdoptionLevel.REGION: ["内蒙古日报", "正北方网", "内蒙古新闻网"],
    AdoptionLevel.CITY: ["呼和浩特日报", "青城眼", "呼和浩特新闻网"],
    AdoptionLevel.DISTRICT: ["回民区融媒体中心", "回民区发布"],
}
ITEM_TOPICS = [
    "开展民族团结进步宣传",
    "扎实推进老旧小区改造",
    "“红色物业”提升居民幸福感",
    "志愿服务温暖邻里",
    "河道清理守护碧水",
    "网格员走街串巷解民忧",
    "“两癌”筛查服务暖人心",
    "征兵宣传进社区",
    "移风易俗树新风",
    "全民阅读点亮书香社区",
    "接诉即办解决群众急难愁盼",
]
AUTHORS = ["王晓燕", "李建国", "张丽华", "刘海燕", "陈俊杰", "杨春梅", "赵文华", "周明辉"]


def levels_of(index: int) -> list[str]:
    """The levels at which item `index` (0-based, of ITEMS) was adopted."""
    levels = []
    if index % 5 == 0 and index < 95:
        levels.append(AdoptionLevel.CENTRAL)  # 0, 5, … 90: 19 items
    if index % 7 == 1 and index < 90:
        levels.append(AdoptionLevel.REGION)  # 1, 8, … 85: 13 items
    if index < 95:
        levels.append(AdoptionLevel.CITY)
    if index < 99:
        levels.append(AdoptionLevel.DISTRICT)
    return levels


def split(total: int, parts: int, rng: random.Random, minimum: int = 1) -> list[int]:
    """`total` as `parts` random whole numbers, each at least `minimum` (when the total allows)."""
    minimum = min(minimum, total // parts)
    rest = total - minimum * parts
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = sum(weights)
    shares = [int(rest * w / scale) for w in weights]
    for i in rng.sample(range(parts), rest - sum(shares)):
        shares[i] += 1
    return [minimum + s for s in shares]


def spread_dates(n: int, rng: random.Random) -> list[date]:
    """n dates through the year, one in each of n equal slices (so every month has some)."""
    start = date(YEAR, 1, 3)
    days = 360
    return sorted(start + timedelta(days=int((i + rng.random()) * days / n)) for i in range(n))


def build_activity_demo(street: Area) -> None:
    seed_activity_types()
    with transaction.atomic():
        if not Activity.objects.filter(area__path__startswith=street.path, held_on__year=YEAR).exists():
            _activities(street, random.Random(2023_05))
        if not InfoItem.objects.filter(area__path__startswith=street.path, submitted_on__year=YEAR).exists():
            _publicity(street, random.Random(2023_19))


def _tuples(model, rows: list[dict]) -> list[tuple]:
    pick = itemgetter(*[f.attname for f in insert_columns(model)])
    return [pick(r) for r in rows]


def _communities_on(street: Area, on: date) -> list[Area]:
    return list(Area.objects.under(street).filter(level=AreaLevel.COMMUNITY).active_on(on).order_by("code"))


def _activities(street: Area, rng: random.Random) -> None:
    types = {t.code: t for t in ActivityType.objects.prefetch_related("measures")}
    offices = {o.code: o for o in Office.objects.all()}
    staff = {u.username: u for u in User.objects.filter(username__startswith="ks_")}
    communities = {}
    now = timezone.now()
    rows, values, seen = [], [], set()
    for code, (count, totals, level) in PLAN.items():
        kind = types[code]
        dates = spread_dates(count, rng)
        measures = {m.code: m for m in kind.measures.all()}
        shares = {}
        for measure_code, total in totals.items():
            places = measures[measure_code].decimal_places
            units = split(int(total) * 10**places, count, rng, 0 if measure_code in MAY_BE_ZERO else 1)
            shares[measure_code] = [Decimal(u).scaleb(-places) for u in units]
        for i, held_on in enumerate(dates):
            if level == STREET_LEVEL:
                area, place = street, rng.choice(PLACES[STREET_LEVEL])
            else:
                if held_on not in communities:
                    communities[held_on] = _communities_on(street, held_on)
                area = communities[held_on][(i + len(rows)) % len(communities[held_on])]
                place = area.name + rng.choice(PLACES.get(code, PLACES["community"]))
            title = rng.choice(TITLES[code])
            if level != STREET_LEVEL:
                title = f"{area.name}{title}"
            while (code, held_on, title, area.pk) in seen:
                title += "（续）"
            seen.add((code, held_on, title, area.pk))
            office = kind.office or offices.get("dzb")
            office_code = office.code if office else ""
            rows.append(
                {
                    "type_id": kind.pk,
                    "held_on": held_on,
                    "ended_on": held_on + timedelta(days=2) if code == "environment" and i % 3 == 0 else None,
                    "title": title,
                    "place": place,
                    "organiser": ORGANISERS.get(office_code, "街道办事处")
                    if level == STREET_LEVEL
                    else f"{area.name}居委会",
                    "area_id": area.pk,
                    "office_id": office.pk if office else None,
                    "description": f"{YEAR}年{held_on.month}月{held_on.day}日在{place}开展{kind.name}活动。",
                    "created_by_id": staff[f"ks_{office_code}"].pk if f"ks_{office_code}" in staff else None,
                    "created_at": now,
                    "version": 1,
                }
            )
            values.append({measures[m].pk: shares[m][i] for m in totals})
    ids = bulk_insert(Activity, _tuples(Activity, rows), reason="演示数据")
    ActivityValue.objects.bulk_create(
        ActivityValue(activity_id=pk, measure_id=measure_id, value=value)
        for pk, row_values in zip(ids, values, strict=True)
        for measure_id, value in row_values.items()
    )


def _publicity(street: Area, rng: random.Random) -> None:
    offices = [o for o in Office.objects.filter(code__in=["djb", "dzb", "mzb", "cgb"]).order_by("code")]
    communities = _communities_on(street, date(YEAR, 12, 31))
    dates = spread_dates(ITEMS, rng)
    items, adoptions = [], []
    for index, submitted_on in enumerate(dates):
        submitted_on = min(submitted_on, date(YEAR, 12, 15))
        at_street = index % 3 == 0
        area = street if at_street else communities[index % len(communities)]
        topic = ITEM_TOPICS[index % len(ITEM_TOPICS)]
        items.append(
            {
                "title": f"{street.name if at_street else area.name}：{topic}",
                "author": AUTHORS[index % len(AUTHORS)],
                "submitted_on": submitted_on,
                "office_id": offices[index % len(offices)].pk if at_street and offices else None,
                "area_id": area.pk,
                "summary": f"{area.name}{topic}的做法与成效。",
                "created_by_id": None,
                "version": 1,
            }
        )
        for level in levels_of(index):
            adoptions.append(
                (
                    index,
                    {
                        "level": level,
                        "outlet": rng.choice(OUTLETS[level]),
                        "adopted_on": submitted_on + timedelta(days=rng.randint(1, 14)),
                    },
                )
            )
    # Two items must not share a title and a day.
    seen = set()
    for item in items:
        while (item["title"], item["submitted_on"]) in seen:
            item["title"] += "（续）"
        seen.add((item["title"], item["submitted_on"]))
    ids = bulk_insert(InfoItem, _tuples(InfoItem, items), reason="演示数据")
    rows = [{**a, "item_id": ids[index]} for index, a in adoptions]
    bulk_insert(Adoption, _tuples(Adoption, rows), reason="演示数据")

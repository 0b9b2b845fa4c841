"""The demo sub-district's people and places: the figures of the 2023 annual report, built in bulk.

On 2023-12-31 the register holds 66,772 people (57,211 常住, 9,561 流动), 1,206 of them aged 80 or more;
低保 covers 528 people in 367 households, 失独 52 people in 37 households and 伤残 48 in 33; 1,784 veterans;
93 compounds; 1 church, 3 meeting points and 1 folk-belief site; 199 三合一 and 325 LPG premises; 3 平房区.
People who left during 2023 and tags that ended in 2023 exist too and must not count at year end.

Deterministic (one `random.Random(66772)`: the same rows on every run over the same areas, except the
ciphertexts, whose nonces are random) and idempotent (returns at once if the demo's compounds exist).
Every table is written by `bulk_insert`, history rows included, never by per-object `save()`.
"""

import bisect
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

from django.db import transaction

from jiedao.core.crypto import PURPOSE_MOBILE, PURPOSE_RESIDENT_ID, get_cipher
from jiedao.core.demo import COMMUNITIES, SPLIT
from jiedao.core.models import Area
from jiedao.excel.bulk import bulk_insert, insert_columns, reserve_ids
from jiedao.lib.idcard import resident_id_check_digit
from jiedao.lib.pinyin import initials
from jiedao.registry.models import (
    Building,
    Compound,
    Ethnicity,
    Household,
    HouseholdKind,
    Premises,
    PremisesKind,
    PremisesStatus,
    PremisesSubKind,
    Relation,
    Residence,
    Resident,
    ResidentEvent,
    ResidentEventKind,
    ResidentStatus,
    ResidentTag,
    Tag,
)
from jiedao.registry.services.people import household_number
from jiedao.registry.services.places import protect_phone


def _words(text: str) -> list[str]:
    return text.split()


SEED = 66772
YEAR_END = date(2023, 12, 31)
REASON = "演示数据"
PERMANENT, FLOATING, AGED_80_PLUS = 57_211, 9_561, 1_206
# 低保: 367 households, 528 people, by household size.
DIBAO_SIZES = {1: 239, 2: 100, 3: 23, 4: 5}
# 特殊家庭 (couples, single parents): 失独 15 × 2 + 22 = 52 people in 37 households, 伤残 15 × 2 + 18 = 48 in 33.
SPECIAL_FAMILIES = {Tag.BEREAVED_FAMILY: (15, 22), Tag.DISABLED_FAMILY: (15, 18)}
# Tags drawn from people, valid at year end.
TAG_COUNTS = {
    Tag.VETERAN: 1_784,
    Tag.DISABLED: 1_000,
    Tag.TEKUN: 60,
    Tag.COMMUNITY_CORRECTION: 30,
    Tag.KEY_PERSON: 40,
    Tag.LONELY_ELDERLY: 150,
    Tag.VOLUNTEER: 800,
}
PREMISES_COUNTS = {
    PremisesKind.THREE_IN_ONE: 199,
    PremisesKind.LPG_USER: 325,
    PremisesKind.CROWDED: 30,
    PremisesKind.SHOP: 900,
}
CROWDED_COMPOUNDS = 20
NINE_SMALL = {
    PremisesSubKind.SMALL_RESTAURANT: 120,
    PremisesSubKind.SMALL_STORE: 110,
    PremisesSubKind.SMALL_BEAUTY: 60,
    PremisesSubKind.SMALL_CLINIC: 35,
    PremisesSubKind.SMALL_HOTEL: 20,
    PremisesSubKind.SMALL_WORKSHOP: 20,
    PremisesSubKind.SMALL_SCHOOL: 15,
    PremisesSubKind.SMALL_ENTERTAINMENT: 10,
    PremisesSubKind.SMALL_INTERNET_CAFE: 10,
}
RELIGIOUS = [
    (PremisesSubKind.CHURCH, "海西路基督教堂", "海西路社区"),
    (PremisesSubKind.MEETING_POINT, "工农兵路基督教聚会点", "工农兵路社区"),
    (PremisesSubKind.MEETING_POINT, "飞鹰基督教聚会点", "飞鹰社区"),
    (PremisesSubKind.MEETING_POINT, "汽车城基督教聚会点", "汽车城社区"),
    (PremisesSubKind.FOLK_BELIEF, "西乌素图龙王庙", "西乌素图社区"),
]

# fmt: off
# Compounds by community, with their type: old (老旧小区), new, high (高层), resettle (回迁), bungalow (平房区).
COMPOUNDS = {
    "赛马场北路社区": "赛马场北路小区 old,赛马场北区 old,金马家园 new,骏马花园 high,马场宿舍小区 old,"
    "铁路局家属院 old,畜牧厅宿舍 old,草原明珠小区 new,福润家园 new,锦绣华庭 high",
    "附件社区": "附件厂小区 old,附件厂南区 old,众环小区 old,通道北街小区 old,海西花园 new,汽配城小区 new,"
    "光明小区 old,纺织厂宿舍 old,电力小区 old,百合苑 new,附件新苑 high",
    "工农兵路社区": "工农兵路1号院 old,工农兵路3号院 old,工农兵小区 old,橡机厂小区 old,炼铁厂宿舍 old,"
    "兴民小区 old,康居小区 new,建材小区 old,金桥花园 high,民族苑 new",
    "海西路社区": "海西路小区 old,海西嘉苑 new,西河沿小区 old,海西新村 old,通达小区 old,西龙王庙小区 old,"
    "回民小区 old,清泉苑 new,海西名都 high",
    "飞鹰社区": "飞鹰齿轮厂小区 old,飞鹰新村 old,飞鹰北区 old,齿轮厂宿舍 old,鹰城花园 new,翔宇小区 new,"
    "和平小区 old,金鹰家园 high,鸿雁小区 old,丰泽园 new",
    "元和社区": "元和家园 new,元和小区 old,元和东苑 new,润和苑 new,嘉和园 old,颐和小区 old,名都华府 high,"
    "锦华园 new,尚品苑 high",
    "汽车城社区": "汽车城小区 old,汽车城公寓 new,运输公司家属院 old,交通小区 old,驿站小区 old,车辆厂宿舍 old,"
    "顺达小区 new,宏达小区 old,通畅家园 high",
    "奔腾社区": "奔腾小区 old,奔腾佳苑 new,厂汉板南区小区 old,嘉禾苑 new,瑞丰家园 new,华宇佳园 high,"
    "阳光新城 high,东方花园 old",
    "厂汉板社区": "厂汉板回迁小区一期 resettle,厂汉板回迁小区二期 resettle,厂汉板平房区 bungalow,"
    "厂汉板新村 resettle,板升佳苑 new,东厂汉板小区 old",
    "西乌素图社区": "西乌素图回迁小区 resettle,西乌素图平房区 bungalow,乌素图佳苑 resettle,杏花苑 new,"
    "大青山小区 old",
    "新地社区": "新地回迁小区一期 resettle,新地回迁小区二期 resettle,新地平房区 bungalow,新地嘉园 new,"
    "新城佳苑 resettle,丰收小区 old",
}
STREETS = {
    "赛马场北路社区": ("赛马场北路", "海拉尔西路"),
    "附件社区": ("通道北街", "附件厂路"),
    "工农兵路社区": ("工农兵路", "橡机厂街"),
    "海西路社区": ("海西路", "西河沿街"),
    "飞鹰社区": ("飞鹰路", "齿轮厂街"),
    "元和社区": ("元和路", "建材市场街"),
    "汽车城社区": ("汽车城路", "运输巷"),
    "奔腾社区": ("奔腾路", "厂汉板南街"),
    "厂汉板社区": ("厂汉板路", "厂汉板村"),
    "西乌素图社区": ("乌素图路", "西乌素图村"),
    "新地社区": ("新地路", "新地村"),
}
# type: (built years, buildings, floors, units, rooms per floor)
BUILDING_TYPES = {
    "old": ((1978, 1999), (4, 12), (5, 6, 6, 6, 7), (2, 4), (2, 2)),
    "new": ((2000, 2012), (6, 14), (6, 7, 11), (2, 3), (2, 2)),
    "high": ((2010, 2019), (5, 11), (18, 24, 26, 28), (1, 2), (2, 4)),
    "resettle": ((2012, 2019), (8, 16), (6, 11, 18), (2, 3), (2, 2)),
}
PROPERTY_COMPANIES = _words("慧达物业公司 众环物业公司 万佳物业公司 鼎盛物业公司 恒泰物业公司 安居物业公司 金桥物业公司 城发物业服务有限公司 草原物业公司")

SURNAMES = (
    "王92李80张78刘62赵38杨32陈28郭22高22孙20马20韩16贾14田14任12吴12徐12周12胡12朱11郝11白11武10"
    "乔8冯8梁8宋8董8于8何7许7程6曹6薛6杜6闫6黄6袁5云5康5魏5段5侯5苏5吕5范5石5崔5常5史5孟5贺5郑5"
    "樊4姚4谢4丁4秦4温4安4牛4邢4霍3申3尹3卢3邓3林3罗3唐3彭3潘3"
)
HUI_SURNAMES = "马35杨8白8丁6金5海4哈3穆3李6王6张5刘5沙2米2纳1冶1"
MONGOL_SURNAMES = "包6白5韩4云5奇3鲍3宝2乌2王3李2赵2"
GIVEN = {  # (era, gender): birth ≤ 1959, 1960-79, 1980-99, 2000+
    (0, "M"): "建国 国庆 志强 建华 卫东 振华 德明 玉山 文明 永刚 保国 福林 长青 金山 树林 有才 润生 占元 宝山 俊 明 忠 海 林",
    (0, "F"): "秀英 桂兰 玉兰 淑珍 凤英 秀兰 桂芳 翠花 玉梅 秀珍 桂英 淑兰 兰英 凤兰 玉珍 素梅 金花 润梅 改莲 英 兰",
    (1, "M"): "卫国 建军 海军 志刚 红军 立新 永强 建平 宏伟 晓东 文华 海滨 军 勇 强 伟 斌 刚 涛 东 平",
    (1, "F"): "丽娟 红霞 海燕 丽华 美玲 春梅 晓燕 红梅 秀梅 晓红 玉霞 金凤 桂琴 丽 静 敏 艳 娟 霞 燕 萍",
    (2, "M"): "俊杰 晓明 志远 文博 建伟 思远 天宇 家豪 磊 鹏 超 浩 杰 宇 鑫 帅 亮 博 旭 龙 飞",
    (2, "F"): "晓丽 雅琪 思雨 美琪 佳慧 婷 雪 颖 璐 丹 佳 琳 欣 娜 倩 慧 婧 瑶 梦 蕾 敏",
    (3, "M"): "浩然 宇轩 子轩 梓豪 俊熙 一诺 子墨 皓轩 博文 明轩 浩宇 天佑 奕辰 宇航 睿 铭 航 泽",
    (3, "F"): "子涵 雨萱 梓萱 欣怡 思彤 佳琪 诗涵 若曦 可馨 语桐 梓涵 雨桐 思涵 依诺 悦 萌 彤",
}
MONGOL_GIVEN = {
    "M": "巴特尔 苏和 额尔敦 朝鲁 那顺 宝音 孟和 阿拉坦 毕力格 乌力吉 布和 特木尔 巴图 胡日查 额尔德木图",
    "F": "其其格 乌云 萨仁 图雅 斯琴 格日勒 娜仁 高娃 乌兰 托娅 苏日娜 塔娜 阿荣 敖登 萨如拉",
}
# ID region codes: where people's numbers were issued.
LOCAL_REGIONS = "150103:60,150102:9,150104:8,150105:8,150121:6,150122:2,150123:2,150124:1,150125:4"
INNER_MONGOLIA_REGIONS = "150902:6,152601:3,150921:2,150981:2,152634:2,150202:2,150203:2,150602:1,150402:1,152502:1"
OTHER_PROVINCE_REGIONS = (
    "140106:3,140202:3,140602:3,140702:2,141102:2,130102:2,130702:2,130203:1,610102:2,410102:2,620102:2,"
    "640104:2,370102:1,210102:1,220102:1,230102:1,510104:1,500101:1,420102:1"
)
ETHNICITY = {"permanent": "汉族:80,蒙古族:10,回族:8,满族:1.4,达斡尔族:0.3,朝鲜族:0.2,鄂温克族:0.1",
             "floating": "汉族:90,蒙古族:5,回族:4,满族:1"}
MOBILE_PREFIXES = _words("134 135 136 137 138 139 147 150 151 152 157 158 159 182 183 187 188 198 130 131 132 155 156 185 186 166 133 153 173 177 180 181 189 199")

SHOP_TRADES = _words("超市 便利店 五金店 烟酒店 粮油店 水果店 蔬菜店 服装店 鞋店 手机店 药店 文具店 眼镜店 花店 家电维修部 干洗店 建材店 汽配店 母婴店 茶叶店 理发店 打印店 宠物店 床上用品店")
THREE_IN_ONE_TRADES = _words("小吃部 五金店 修理部 粮油店 烟酒店 洗车行 电动车维修部 蔬菜店 面馆 小卖部 门窗加工部 裁缝铺")
LPG_TRADES = _words("烧麦馆 牛肉面馆 羊杂碎馆 莜面馆 清真饭馆 家常菜馆 早点铺 包子铺 炖菜馆 烧烤店 火锅店 砂锅店")
CROWDED_TRADES = _words("购物中心 菜市场 超市 宾馆 健身中心 培训学校 日间照料中心 棋牌室 洗浴中心 KTV")
NINE_SMALL_TRADES = {
    PremisesSubKind.SMALL_RESTAURANT: "小吃店 快餐店 面馆 饺子馆 奶茶店 烧烤店",
    PremisesSubKind.SMALL_STORE: "便利店 小卖部 副食店 日杂店",
    PremisesSubKind.SMALL_BEAUTY: "美发店 美容院 足疗店 浴池",
    PremisesSubKind.SMALL_CLINIC: "诊所 口腔诊所 中医诊所 药店",
    PremisesSubKind.SMALL_HOTEL: "旅馆 招待所 快捷宾馆",
    PremisesSubKind.SMALL_WORKSHOP: "门窗加工厂 印刷厂 食品加工坊 家具厂",
    PremisesSubKind.SMALL_SCHOOL: "幼儿园 托育中心 培训学校",
    PremisesSubKind.SMALL_ENTERTAINMENT: "KTV 歌舞厅",
    PremisesSubKind.SMALL_INTERNET_CAFE: "网吧 网咖",
}
SHOP_PREFIXES = _words("鑫源 宏发 顺达 兴旺 福满多 万家 惠民 百姓 金利 永盛 聚源 德顺 福源 金鼎 红旗 草原 塞外 青城 海西 明珠 佳佳 利民 诚信 好运 天天")
# fmt: on

HOHHOT = ZoneInfo("Asia/Shanghai")
BLOOD = (Relation.HEAD, Relation.CHILD, Relation.GRANDCHILD, Relation.PARENT, Relation.SIBLING)


def _weighted(spec: str) -> tuple[list[str], list[float]]:
    """ "a:1,b:2" (or "a1b2" for one-character keys) → (keys, cumulative weights)."""
    if ":" in spec:
        pairs = [item.split(":") for item in spec.split(",")]
    else:
        pairs, key = [], ""
        for part in "".join(c if c.isdigit() else f" {c} " for c in spec).split():
            if part.isdigit():
                pairs.append((key, part))
            else:
                key = part
    keys, total, cumulative = [], 0.0, []
    for key, weight in pairs:
        total += float(weight)
        keys.append(key)
        cumulative.append(total)
    return keys, cumulative


@dataclass(slots=True, eq=False)
class Person:
    relation: str
    age: int
    gender: str
    household: "Home"
    ethnicity: str = "01"
    leaves: str = ""  # ResidentEventKind.MOVE_OUT or DEATH: left during 2023
    birth: date = YEAR_END
    name: str = ""
    id_number: str = ""
    phone: str | None = None
    party: bool = False
    registered_on: date = YEAR_END
    left_on: date | None = None
    pk: int = 0


@dataclass(slots=True, eq=False)
class Home:
    residence: str
    kind: str = HouseholdKind.FAMILY
    special: str = ""  # a special-family tag
    moved_in: bool = False
    members: list[Person] = field(default_factory=list)
    building: int = -1  # index into the plan's buildings
    unit: str = ""
    room: str = ""
    since: date = YEAR_END
    pk: int = 0

    def add(self, relation, age, gender, leaves="") -> Person:
        person = Person(relation, max(age, 0), gender, self, leaves=leaves)
        self.members.append(person)
        return person

    def present(self) -> list[Person]:
        return [p for p in self.members if not p.leaves]


@transaction.atomic
def build_registry_demo(street: Area) -> None:
    communities = {a.name: a for a in Area.objects.under(street).communities().current()}
    expected = [seed.name for seed in [*COMMUNITIES, SPLIT]]
    missing = [name for name in expected if name not in communities]
    if missing:
        raise ValueError(f"演示区域缺少社区：{'、'.join(missing)}，请先生成区域与工作人员")
    if Compound.objects.filter(area__in=communities.values(), name__in=_compound_names()).exists():
        return
    grids: dict[int, list[Area]] = {}
    for grid in Area.objects.under(street).grids().current().order_by("code"):
        grids.setdefault(grid.parent_id, []).append(grid)
    _Builder(random.Random(SEED), [communities[n] for n in expected], grids).build()


def _compound_names() -> list[str]:
    return [item.split()[0] for spec in COMPOUNDS.values() for item in spec.split(",")]


class _Builder:
    def __init__(self, rng: random.Random, communities: list[Area], grids: dict[int, list[Area]]):
        self.rng = rng
        self.communities = communities
        self.grids = grids
        self.compounds: list[dict] = []
        self.buildings: list[dict] = []
        self.homes: list[Home] = []
        self.tags: list[tuple] = []
        self.ethnicity_codes = {label: value for value, label in Ethnicity.choices}
        self._tables = {}

    def pick(self, spec: str) -> str:
        table = self._tables.get(spec)
        if table is None:
            table = self._tables[spec] = _weighted(spec)
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def build(self) -> None:
        self.plan_places()
        self.plan_people()
        self.fix_aged_80_plus()
        self.place_homes()
        self.identify()
        self.plan_tags()
        self.write_places()
        self.write_people()
        self.write_tags()
        self.write_premises()

    # -- places -------------------------------------------------------------------------------------------

    def plan_places(self) -> None:
        rng = self.rng
        for community in self.communities:
            grids = self.grids[community.pk]
            items = [item.split() for item in COMPOUNDS[community.name].split(",")]
            streets = STREETS[community.name]
            for i, (name, kind) in enumerate(items):
                compound = {
                    "index": len(self.compounds),
                    "name": name,
                    "kind": kind,
                    "community": community,
                    "address": f"{streets[i % 2]}{rng.randint(1, 60) * 2 + i % 2}号",
                    "built_year": None,
                    "property_company": "社区代管" if kind == "bungalow" else rng.choice(PROPERTY_COMPANIES),
                    "note": "",
                    "buildings": [],
                }
                if name == "飞鹰齿轮厂小区":
                    compound["property_company"] = "慧达物业公司"
                    compound["note"] = "红色物业示范点；自治区级老旧小区改造示范项目"
                self.compounds.append(compound)
                # Compounds spread over the community's grids; a large one straddles two.
                first = i * len(grids) // len(items)
                self._plan_buildings(compound, grids[first], grids[(first + 1) % len(grids)])

    def _plan_buildings(self, compound: dict, grid: Area, next_grid: Area) -> None:
        rng = self.rng
        if compound["kind"] == "bungalow":
            rows = rng.randint(12, 18)
            for n in range(1, rows + 1):
                self._building(
                    compound, f"{n}排", grid if n <= rows // 2 else next_grid, 1, None, rng.randint(14, 26)
                )
            return
        years, count, floors, units, rooms = BUILDING_TYPES[compound["kind"]]
        compound["built_year"] = rng.randint(*years)
        count = rng.randint(*count)
        for n in range(1, count + 1):
            area = grid if count <= 10 or n <= count // 2 else next_grid
            self._building(
                compound, f"{n}号楼", area, rng.choice(floors), rng.randint(*units), rng.randint(*rooms)
            )

    def _building(self, compound, name, grid, floors, units, rooms) -> None:
        building = {
            "index": len(self.buildings),
            "compound": compound,
            "name": name,
            "grid": grid,
            "floors": floors,
            "units": units,
            "rooms": rooms,
        }
        self.buildings.append(building)
        compound["buildings"].append(building)

    def slots(self) -> list[tuple[int, str, str]]:
        out = []
        for b in self.buildings:
            if b["units"] is None:
                out += [(b["index"], "", f"{k}号") for k in range(1, b["rooms"] + 1)]
                continue
            for unit in range(1, b["units"] + 1):
                for floor in range(1, b["floors"] + 1):
                    out += [(b["index"], str(unit), f"{floor}{k:02d}") for k in range(1, b["rooms"] + 1)]
        return out

    # -- people -------------------------------------------------------------------------------------------

    def elderly_age(self, low: int = 60) -> int:
        while True:
            age = int(self.pick("60:30,65:26,70:19,75:12,80:8,85:4,90:1.3,95:0.2")) + self.rng.randrange(5)
            if age >= low:
                return age

    def couple(self, home: Home, low: int, high: int, *, head_age: int | None = None) -> int:
        rng = self.rng
        age = head_age if head_age is not None else rng.randint(low, high)
        male_head = rng.random() < 0.8
        home.add(Relation.HEAD, age, "M" if male_head else "F")
        spouse_age = age - rng.randint(-1, 4) if male_head else age + rng.randint(-1, 4)
        home.add(Relation.SPOUSE, spouse_age, "F" if male_head else "M")
        return age

    def children(self, home: Home, parent_age: int, count: int, relation=Relation.CHILD) -> None:
        age = parent_age - self.rng.randint(23, 34)
        for _ in range(count):
            if age < 0:
                return
            home.add(relation, age, self.rng.choice("MF"))
            age -= self.rng.randint(1, 8)

    def permanent_home(self) -> Home:
        rng, home = self.rng, Home(Residence.PERMANENT)
        kind = self.pick(
            "single_old:9,old_couple:14,single:7,couple:8,one_child:29,two_children:12,"
            "with_parent:9,with_parents:4,adult_child:9,three_generations:6"
        )
        if kind == "single_old":
            home.add(Relation.HEAD, self.elderly_age(), "F" if rng.random() < 0.62 else "M")
        elif kind == "old_couple":
            self.couple(home, 0, 0, head_age=self.elderly_age(62))
        elif kind == "single":
            home.add(Relation.HEAD, rng.randint(22, 59), rng.choice("MF"))
        elif kind == "couple":
            self.couple(home, 23, 59)
        elif kind in ("one_child", "two_children"):
            age = self.couple(home, 25, 52)
            self.children(home, age, 1 if kind == "one_child" else 2)
        elif kind in ("with_parent", "with_parents"):
            age = self.couple(home, 30, 52)
            self.children(home, age, 1)
            parent_age = age + rng.randint(24, 32)
            home.add(Relation.PARENT, parent_age, "F" if rng.random() < 0.65 else "M")
            if kind == "with_parents":
                home.add(Relation.PARENT, parent_age + rng.randint(-2, 4), "M")
        elif kind == "adult_child":
            age = self.couple(home, 48, 70)
            home.add(Relation.CHILD, age - rng.randint(24, 32), rng.choice("MF"))
        else:  # head couple, their child, the child's spouse and grandchild
            age = self.couple(home, 52, 70)
            child_age = age - rng.randint(24, 30)
            gender = rng.choice("MF")
            home.add(Relation.CHILD, child_age, gender)
            home.add(Relation.CHILD_IN_LAW, child_age + rng.randint(-3, 3), "F" if gender == "M" else "M")
            self.children(home, child_age, 1, Relation.GRANDCHILD)
        return home

    def floating_home(self) -> Home:
        rng, home = self.rng, Home(Residence.FLOATING)
        kind = self.pick("single:55,couple:28,family:13,big:4")
        if kind == "single":
            home.add(
                Relation.HEAD, min(rng.randint(18, 32) + int(rng.expovariate(1 / 6)), 64), rng.choice("MMF")
            )
            return home
        age = self.couple(home, 22, 50)
        if kind in ("family", "big"):
            self.children(home, age, 1 if kind == "family" else 2)
        if kind == "big" and len(home.members) < 4:
            home.add(Relation.PARENT, age + rng.randint(24, 30), "F")
        return home

    def collective_home(self) -> Home:
        home = Home(Residence.FLOATING, kind=HouseholdKind.COLLECTIVE)
        home.add(Relation.HEAD, self.rng.randint(30, 50), "M")
        for _ in range(self.rng.randint(2, 4)):
            home.add(Relation.OTHER, self.rng.randint(19, 50), self.rng.choice("MMMF"))
        return home

    def plan_people(self) -> None:
        rng, homes = self.rng, self.homes
        for tag, (couples, singles) in SPECIAL_FAMILIES.items():
            for i in range(couples + singles):
                home = Home(Residence.PERMANENT, special=tag)
                if i < couples:
                    self.couple(home, 56, 78)
                else:
                    home.add(Relation.HEAD, rng.randint(58, 84), "F" if rng.random() < 0.7 else "M")
                homes.append(home)
        self._fill(Residence.PERMANENT, PERMANENT, self.permanent_home)
        for _ in range(20):
            homes.append(self.collective_home())
        self._fill(Residence.FLOATING, FLOATING, self.floating_home)
        self.plan_leavers()
        for home in homes:
            self.ethnicities(home)
        rng.shuffle(homes)

    def _fill(self, residence: str, target: int, make) -> None:
        count = sum(len(h.members) for h in self.homes if h.residence == residence)
        while count < target:
            home = make()
            del home.members[target - count :]  # the last household takes only the people still wanted
            count += len(home.members)
            self.homes.append(home)

    def plan_leavers(self) -> None:
        """People who left during 2023, added on top of the year-end register: about 400 deaths and 800
        moves out, as extra members of existing households or as whole households now empty."""
        rng = self.rng
        ordinary = [h for h in self.homes if h.residence == Residence.PERMANENT and not h.special]
        singles_old = [h for h in ordinary if len(h.members) == 1 and h.members[0].age >= 60]
        with_parent = [h for h in ordinary if any(p.relation == Relation.PARENT for p in h.members)]
        families = [h for h in ordinary if len(h.members) >= 2 and h.members[0].age >= 46]
        death, moved = ResidentEventKind.DEATH, ResidentEventKind.MOVE_OUT
        for home in rng.sample(singles_old, 200):  # widowed in 2023
            head = home.members[0]
            home.add(
                Relation.SPOUSE, head.age + rng.randint(-3, 5), "M" if head.gender == "F" else "F", death
            )
        for home in rng.sample(with_parent, 90):
            home.add(Relation.PARENT, rng.randint(82, 98), rng.choice("MF"), death)
        for home in rng.sample(families, 350):
            home.add(Relation.CHILD, home.members[0].age - rng.randint(22, 28), rng.choice("MF"), moved)
        for _ in range(110):  # lived alone and died
            home = Home(Residence.PERMANENT)
            home.add(Relation.HEAD, self.elderly_age(72), rng.choice("MFF"), death)
            self.homes.append(home)
        for _ in range(100):  # sold up and moved away
            home = self.permanent_home()
            del home.members[3:]
            for person in home.members:
                person.leaves = moved
            self.homes.append(home)
        for _ in range(140):  # renters whose lease ended
            home = self.floating_home()
            del home.members[2:]
            for person in home.members:
                person.leaves = moved
            self.homes.append(home)

    def ethnicities(self, home: Home) -> None:
        codes, spec = self.ethnicity_codes, ETHNICITY[home.residence]
        head = codes[self.pick(spec)]
        for person in home.members:
            # Blood relatives share the head's ethnicity; three spouses in four do.
            if person.relation in BLOOD or self.rng.random() < 0.75:
                person.ethnicity = head
            else:
                person.ethnicity = codes[self.pick(spec)]

    def fix_aged_80_plus(self) -> None:
        """Make exactly AGED_80_PLUS people on the year-end register 80 or older, moving the fewest people
        across the line (82 ↔ 78 keeps every household plausible)."""
        present = [p for h in self.homes for p in h.members if not p.leaves]
        old = [p for p in present if p.age >= 80]
        if len(old) > AGED_80_PLUS:
            for person in self.rng.sample([p for p in old if p.age < 85], len(old) - AGED_80_PLUS):
                person.age = self.rng.randint(75, 79)
        elif len(old) < AGED_80_PLUS:
            near = [p for p in present if 75 <= p.age < 80]
            for person in self.rng.sample(near, AGED_80_PLUS - len(old)):
                person.age = self.rng.randint(80, 84)

    def place_homes(self) -> None:
        rng, slots = self.rng, self.slots()
        if len(slots) < len(self.homes):
            raise ValueError(f"demo buildings hold {len(slots)} homes, {len(self.homes)} needed")
        rng.shuffle(slots)
        for home, (building, unit, room) in zip(self.homes, slots, strict=False):
            home.building, home.unit, home.room = building, unit, room
            built = self.buildings[building]["compound"]["built_year"] or 1990
            start = date(max(built, 1998), 6, 1)
            home.moved_in = home.residence == Residence.FLOATING
            if any(p.leaves for p in home.members):
                home.since = self.day(start, date(2022, 6, 30))
            elif home.residence == Residence.FLOATING:
                years = min(rng.expovariate(1 / 2.2), (YEAR_END - start).days / 365)
                home.since = YEAR_END - timedelta(days=int(years * 365))
            elif rng.random() < 0.05:
                home.moved_in, home.since = True, self.day(date(2023, 1, 3), YEAR_END)
            else:
                home.since = self.day(start, date(2022, 12, 31))

    # -- identities -----------------------------------------------------------------------------------------

    def identify(self) -> None:
        rng, taken_ids, taken_phones = self.rng, set(), set()
        for home in self.homes:
            surname = None
            for person in home.members:
                year = YEAR_END.year - person.age
                person.birth = self.day(date(year, 1, 1), date(year, 12, 31))
                person.registered_on = max(home.since, person.birth)
                if person.leaves:
                    person.left_on = self.day(
                        max(date(2023, 1, 2), person.registered_on + timedelta(1)), YEAR_END
                    )
                surname = self.name(person, surname)
                person.id_number = self.id_number(person, taken_ids)
                if rng.random() < _phone_chance(person.age):
                    person.phone = self.mobile(taken_phones)

    def name(self, person: Person, family: str | None) -> str:
        """Sets the person's name; returns the household's family surname (the head's, or a man's)."""
        rng, ethnicity = self.rng, person.ethnicity
        if ethnicity == self.ethnicity_codes["蒙古族"] and rng.random() < 0.5:
            person.name = rng.choice(MONGOL_GIVEN[person.gender].split())
            return family or ""
        spec = {self.ethnicity_codes["回族"]: HUI_SURNAMES, self.ethnicity_codes["蒙古族"]: MONGOL_SURNAMES}
        inherits = person.relation in (Relation.CHILD, Relation.GRANDCHILD) or (
            person.gender == "M" and person.relation in (Relation.HEAD, Relation.PARENT, Relation.SIBLING)
        )
        surname = (
            family
            if family and inherits and rng.random() < 0.92
            else self.pick(spec.get(ethnicity, SURNAMES))
        )
        era = bisect.bisect((1960, 1980, 2000), person.birth.year)
        person.name = surname + rng.choice(GIVEN[(era, person.gender)].split())
        return family or (surname if person.relation == Relation.HEAD or person.gender == "M" else None)

    def id_number(self, person: Person, taken: set) -> str:
        home = person.household
        if home.residence == Residence.FLOATING:
            region = self.pick(INNER_MONGOLIA_REGIONS if self.rng.random() < 0.35 else OTHER_PROVINCE_REGIONS)
        else:
            region = self.pick(LOCAL_REGIONS if self.rng.random() < 0.9 else INNER_MONGOLIA_REGIONS)
        while True:
            first17 = (
                f"{region}{person.birth:%Y%m%d}{self.rng.randrange(500) * 2 + (person.gender == 'M'):03d}"
            )
            if first17 not in taken:
                taken.add(first17)
                return first17 + resident_id_check_digit(first17)

    def mobile(self, taken: set) -> str:
        while True:
            number = f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"
            if number not in taken:
                taken.add(number)
                return number

    # -- tags -----------------------------------------------------------------------------------------------

    def sample(self, pool: list, count: int, weight=None) -> list:
        """`count` distinct items, each weighted (Efraimidis-Spirakis), in a deterministic order."""
        if weight is None:
            return self.rng.sample(pool, count)
        keyed = [(self.rng.random() ** (1 / weight(item)), i) for i, item in enumerate(pool)]
        keyed.sort(reverse=True)
        return [pool[i] for _, i in keyed[:count]]

    def tag(self, person: Person, tag: str, start: date, end: date | None = None, note: str = "") -> None:
        start = max(start, person.registered_on)
        if end is not None and end <= start:  # arrived after the tag would have ended
            return
        self.tags.append((person, tag, start, end, note))

    def plan_tags(self) -> None:
        ordinary, welfare = self.household_tags()
        present = [p for h in self.homes for p in h.members if not p.leaves]
        veterans = self.person_tags(present, ordinary, welfare)
        self.building_heads()
        self.party_members(present, {id(p) for p in veterans})

    def household_tags(self) -> tuple[list[Home], set[int]]:
        """特殊家庭 and 低保 tag every member of their households. Returns the other permanent households and
        the ids of those that ever held 低保."""
        day = self.day
        homes = [h for h in self.homes if h.present() and h.residence == Residence.PERMANENT]
        for home in homes:
            if home.special:
                start = day(date(2008, 1, 1), date(2022, 12, 31))
                for person in home.present():
                    self.tag(person, home.special, start)
        ordinary = [h for h in homes if not h.special]
        by_size: dict[int, list[Home]] = {}
        for home in ordinary:
            by_size.setdefault(len(home.present()), []).append(home)
        dibao = []
        for size, count in DIBAO_SIZES.items():
            pool = [h for h in by_size[size] if size > 1 or h.members[0].age >= 40]
            dibao += self.sample(pool, count)
        chosen = set(map(id, dibao))
        for home in dibao:
            start = day(date(2014, 1, 1), date(2023, 11, 30))
            for person in home.present():
                self.tag(person, Tag.DIBAO, start)
        others = [
            h
            for h in ordinary
            if id(h) not in chosen and max(p.registered_on for p in h.present()) < date(2022, 7, 1)
        ]
        for home in self.sample(others, 40):  # left 低保 during 2023: no longer counted
            start, end = day(date(2017, 1, 1), date(2022, 6, 30)), day(date(2023, 2, 1), date(2023, 12, 20))
            for person in home.present():
                self.tag(person, Tag.DIBAO, start, end)
            chosen.add(id(home))
        return ordinary, chosen

    def person_tags(self, present: list[Person], ordinary: list[Home], welfare: set[int]) -> list[Person]:
        """Tags of individuals; returns the veterans."""
        day = self.day
        singles = [h.present()[0] for h in ordinary if len(h.present()) == 1 and id(h) not in welfare]
        old_singles = [p for p in singles if p.age >= 65]
        counts = TAG_COUNTS
        for person in self.sample([p for p in singles if p.age >= 55], counts[Tag.TEKUN]):
            self.tag(person, Tag.TEKUN, day(date(2012, 1, 1), date(2023, 10, 31)))
        for person in self.sample(old_singles, counts[Tag.LONELY_ELDERLY]):
            self.tag(person, Tag.LONELY_ELDERLY, day(date(2015, 1, 1), date(2023, 10, 31)))
        adults = [p for p in present if p.age >= 18]
        men_weight = {"M": 19.0, "F": 1.0}
        veterans = self.sample(
            [p for p in adults if p.age >= 21],
            counts[Tag.VETERAN],
            lambda p: men_weight[p.gender] * (2.0 if 40 <= p.age <= 75 else 1.0),
        )
        for person in veterans:
            self.tag(person, Tag.VETERAN, day(date(2019, 3, 1), date(2023, 11, 30)))
        for person in self.sample(
            [p for p in present if p.age >= 3], counts[Tag.DISABLED], lambda p: 1 + p.age / 15
        ):
            self.tag(person, Tag.DISABLED, day(date(2005, 1, 1), date(2023, 11, 30)))
        offenders = self.sample(
            [p for p in adults if p.age <= 60],
            counts[Tag.COMMUNITY_CORRECTION] + 12,
            lambda p: 6.0 if p.gender == "M" else 1.0,
        )
        for i, person in enumerate(offenders):
            if i < counts[Tag.COMMUNITY_CORRECTION]:
                self.tag(person, Tag.COMMUNITY_CORRECTION, day(date(2022, 1, 1), date(2023, 10, 31)))
            else:  # sentence served during 2023
                start = day(date(2021, 6, 1), date(2023, 6, 30))
                end = day(max(start + timedelta(90), date(2023, 1, 2)), YEAR_END)
                self.tag(person, Tag.COMMUNITY_CORRECTION, start, end)
        for person in self.sample([p for p in adults if p.age <= 70], counts[Tag.KEY_PERSON]):
            self.tag(person, Tag.KEY_PERSON, day(date(2020, 1, 1), date(2023, 10, 31)))
        volunteers = self.sample(
            [p for p in adults if p.age <= 75],
            counts[Tag.VOLUNTEER],
            lambda p: 4.0 if 55 <= p.age <= 72 else 1.0,
        )
        for person in volunteers:
            self.tag(person, Tag.VOLUNTEER, day(date(2018, 1, 1), date(2023, 11, 30)))
        return veterans

    def building_heads(self) -> None:
        residents: dict[int, list[Person]] = {}
        for home in self.homes:
            if home.residence == Residence.PERMANENT:
                residents.setdefault(home.building, []).extend(p for p in home.present() if 35 <= p.age <= 75)
        for building in self.buildings:
            people = residents.get(building["index"])
            if people and self.rng.random() < 0.4:
                label = f"{building['compound']['name']}{building['name']}"
                self.tag(
                    self.rng.choice(people),
                    Tag.BUILDING_HEAD,
                    self.day(date(2021, 1, 1), date(2023, 9, 30)),
                    note=label,
                )

    def party_members(self, present: list[Person], veterans: set[int]) -> None:
        for person in present:
            if person.age < 18:
                continue
            chance = (
                0.45 if id(person) in veterans else (0.04, 0.065, 0.085)[bisect.bisect((35, 60), person.age)]
            )
            if person.household.residence == Residence.FLOATING:
                chance /= 2
            person.party = self.rng.random() < chance

    # -- writing --------------------------------------------------------------------------------------------

    def write_places(self) -> None:
        rows = [
            {
                "name": c["name"],
                "area_id": c["community"].pk,
                "address": c["address"],
                "built_year": c["built_year"],
                "property_company": c["property_company"],
                "note": c["note"],
            }
            for c in self.compounds
        ]
        for compound, pk in zip(self.compounds, _insert(Compound, rows), strict=True):
            compound["pk"] = pk
        rows = [
            {
                "compound_id": b["compound"]["pk"],
                "name": b["name"],
                "area_id": b["grid"].pk,
                "floors": b["floors"],
                "units": b["units"],
                "note": "",
            }
            for b in self.buildings
        ]
        for building, pk in zip(self.buildings, _insert(Building, rows), strict=True):
            building["pk"] = pk
        ids = reserve_ids(Household, len(self.homes))
        rows = []
        for home, pk in zip(self.homes, ids, strict=True):
            home.pk = pk
            building = self.buildings[home.building]
            unit = f"{home.unit}单元" if home.unit else ""
            rows.append(
                {
                    "number": household_number(pk),
                    "building_id": building["pk"],
                    "unit": home.unit,
                    "room": home.room,
                    "address": f"{building['compound']['name']}{building['name']}{unit}{home.room}",
                    "area_id": building["grid"].pk,
                    "kind": home.kind,
                    "note": "",
                }
            )
        _insert(Household, rows, ids=ids)

    def write_people(self) -> None:
        people = [p for h in self.homes for p in h.members]
        cipher = get_cipher()
        numbers = [p.id_number for p in people]
        phones = [p.phone for p in people]
        id_ciphers = cipher.encrypt_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        id_indexes = cipher.blind_index_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        phone_ciphers = cipher.encrypt_many(phones, purpose=PURPOSE_MOBILE)
        phone_indexes = cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)
        rows = []
        for person, id_cipher, id_index, phone_cipher, phone_index in zip(
            people, id_ciphers, id_indexes, phone_ciphers, phone_indexes, strict=True
        ):
            home, number, phone = person.household, person.id_number, person.phone
            values = {  # the import's row (ResidentLedger._create), from the planned person
                "name": person.name,
                "name_initials": initials(person.name),
                "id_number_cipher": id_cipher,
                "id_number_index": id_index,
                "id_number_masked": number[:3] + "*" * 11 + number[-4:],
                "phone_cipher": phone_cipher,
                "phone_index": phone_index or "",
                "phone_masked": phone[:3] + "****" + phone[-4:] if phone else "",
                "gender": person.gender,
                "birth_date": person.birth,
                "hukou_local": home.residence == Residence.PERMANENT and number.startswith("1501"),
                "residence": home.residence,
                "household_id": home.pk,
                "relation": person.relation,
                "ethnicity": person.ethnicity,
                "party_member": person.party,
                "area_id": self.buildings[home.building]["grid"].pk,
                "status": _LEFT_STATUS.get(person.leaves, ResidentStatus.ACTIVE),
                "registered_on": person.registered_on,
                "left_on": person.left_on,
                "note": "",
                "version": 1,
            }
            rows.append(values)
        # Leavers are written as they stand at year end; their events tell when they arrived and left.
        for person, pk in zip(people, _insert(Resident, rows), strict=True):
            person.pk = pk
        self.write_events(people)

    def write_tags(self) -> None:
        rows = [
            {"resident_id": p.pk, "tag": tag, "valid_from": start, "valid_to": end, "note": note}
            for p, tag, start, end, note in self.tags
        ]
        _insert(ResidentTag, rows)

    def write_events(self, people: list[Person]) -> None:
        rows = []
        for person in people:
            home = person.household
            area = self.buildings[home.building]["grid"].pk
            born_here = person.registered_on == person.birth and person.birth > home.since
            rows.append(
                {
                    "resident_id": person.pk,
                    "kind": ResidentEventKind.MOVE_IN
                    if home.moved_in and not born_here
                    else ResidentEventKind.REGISTER,
                    "occurred_on": person.registered_on,
                    "from_household_id": None,
                    "to_household_id": home.pk,
                    "from_area_id": None,
                    "to_area_id": area,
                    "note": "出生登记" if born_here else "",
                    "recorded_by_id": None,
                    "recorded_at": self.stamp(person.registered_on),
                }
            )
            if person.leaves:
                moved = person.leaves == ResidentEventKind.MOVE_OUT
                rows.append(
                    {
                        "resident_id": person.pk,
                        "kind": person.leaves,
                        "occurred_on": person.left_on,
                        "from_household_id": home.pk,
                        "to_household_id": None,
                        "from_area_id": area,
                        "to_area_id": None,
                        "note": self.rng.choice(MOVE_OUT_NOTES) if moved else "",
                        "recorded_by_id": None,
                        "recorded_at": self.stamp(person.left_on),
                    }
                )
        _insert(ResidentEvent, rows)

    def stamp(self, day: date) -> datetime:
        """When staff recorded an event: within office hours of its day."""
        return datetime.combine(day, time(9), HOHHOT) + timedelta(minutes=self.rng.randrange(480))

    def write_premises(self) -> None:
        self.premises, self.premises_keys, self.street_numbers = [], set(), Counter()
        communities = {c.name: c for c in self.communities}
        for sub_kind, name, community in RELIGIOUS:
            self.add_premises(
                PremisesKind.RELIGIOUS, name, sub_kind=sub_kind, community=communities[community]
            )
        for compound in self.compounds:
            if compound["kind"] == "bungalow":
                self.add_premises(PremisesKind.BUNGALOW, compound["name"], compound=compound)
        trades = {
            PremisesKind.THREE_IN_ONE: (THREE_IN_ONE_TRADES, 0.3, None),
            PremisesKind.LPG_USER: (LPG_TRADES, 0.4, None),
            PremisesKind.SHOP: (SHOP_TRADES, 0.5, CLOSABLE),
        }
        for kind, (names, linked, statuses) in trades.items():
            self.spread_premises(kind, "", names, PREMISES_COUNTS[kind], linked, statuses)
        for sub_kind, count in NINE_SMALL.items():
            names = NINE_SMALL_TRADES[sub_kind].split()
            self.spread_premises(PremisesKind.NINE_SMALL, sub_kind, names, count, 0.4, CLOSABLE)
        # 人员密集场所 stand in CROWDED_COMPOUNDS compounds (the report's 20 inspected for flying-lead charging).
        crowded = self.rng.sample([c for c in self.compounds if c["kind"] != "bungalow"], CROWDED_COMPOUNDS)
        made = 0
        while made < PREMISES_COUNTS[PremisesKind.CROWDED]:
            compound = crowded[made] if made < len(crowded) else self.rng.choice(crowded)
            building = self.rng.choice(compound["buildings"])
            made += self.add_premises(
                PremisesKind.CROWDED, self.shop_name(CROWDED_TRADES), compound=compound, building=building
            )
        _insert(Premises, self.premises)

    def spread_premises(self, kind, sub_kind, trades, count, linked: float, statuses: str | None) -> None:
        """`count` premises over the communities (weighted by buildings), a share `linked` of them in a
        building's ground floor (底商), the others on the community's streets."""
        weights = [len(c["buildings"]) for c in self.compounds]
        made = 0
        while made < count:
            compound = self.rng.choices(self.compounds, weights=weights)[0]
            in_building = self.rng.random() < linked
            made += self.add_premises(
                kind,
                self.shop_name(trades),
                sub_kind=sub_kind,
                community=compound["community"],
                compound=compound if in_building else None,
                building=self.rng.choice(compound["buildings"]) if in_building else None,
                status=self.pick(statuses) if statuses else PremisesStatus.OPEN,
            )

    def add_premises(
        self,
        kind,
        name,
        *,
        sub_kind="",
        community=None,
        compound=None,
        building=None,
        status=PremisesStatus.OPEN,
    ) -> bool:
        """Plan one premises; False if its (kind, name, address) is taken, as the unique constraint would."""
        if building is not None:
            address, area = f"{compound['name']}{building['name']}底商", building["grid"]
        elif compound is not None:
            address, area = compound["address"], compound["buildings"][0]["grid"]
        else:
            street = self.rng.choice(STREETS[community.name])
            self.street_numbers[street] += 1
            address = f"{street}{self.street_numbers[street] * 2 + self.rng.randint(0, 1)}号"
            area = self.rng.choice(self.grids[community.pk])
        if (kind, name, address) in self.premises_keys:
            return False
        self.premises_keys.add((kind, name, address))
        closed = status == PremisesStatus.CLOSED
        cipher, index, masked = protect_phone(self.operator_phone())
        self.premises.append(
            {
                "kind": kind,
                "sub_kind": sub_kind,
                "name": name,
                "operator_name": self.operator(),
                "operator_phone_cipher": cipher,
                "operator_phone_index": index,
                "operator_phone_masked": masked,
                "address": address,
                "compound_id": compound["pk"] if compound else None,
                "building_id": building["pk"] if building else None,
                "area_id": area.pk,
                "status": status,
                "registered_on": self.day(
                    date(2012, 1, 1), date(2022, 6, 30) if closed else date(2023, 12, 20)
                ),
                "closed_on": self.day(date(2022, 7, 1), YEAR_END) if closed else None,
                "note": "",
            }
        )
        return True

    def shop_name(self, trades: list[str]) -> str:
        rng = self.rng
        prefix = rng.choice(SHOP_PREFIXES) if rng.random() < 0.6 else f"{self.pick(SURNAMES)}记"
        return prefix + rng.choice(trades)

    def operator(self) -> str:
        gender = self.rng.choice("MF")
        return self.pick(SURNAMES) + self.rng.choice(GIVEN[(self.rng.randint(1, 2), gender)].split())

    def operator_phone(self) -> str:
        # Mobiles only: a fixed line ("0471-2951234") masks to 12 characters, one more than
        # Premises.operator_phone_masked holds (PostgreSQL refuses it).
        return self.mobile(set()) if self.rng.random() < 0.9 else ""


CLOSABLE = "open:93,suspended:3,closed:4"
MOVE_OUT_NOTES = ["迁往赛罕区", "迁往新城区", "迁往玉泉区", "迁往包头市", "迁往外省", "随子女迁出"]
_LEFT_STATUS = {
    ResidentEventKind.MOVE_OUT: ResidentStatus.MOVED_OUT,
    ResidentEventKind.DEATH: ResidentStatus.DECEASED,
}


def _phone_chance(age: int) -> float:
    return (0.0, 0.5, 0.96, 0.75, 0.45)[bisect.bisect((12, 18, 70, 80), age)]


def _insert(model, rows: list[dict], ids=None) -> list[int]:
    """Rows as dicts keyed by attname: a column added to the model later fails loudly here."""
    pick = itemgetter(*[f.attname for f in insert_columns(model)])
    return bulk_insert(model, [pick(row) for row in rows], ids=ids, reason=REASON)

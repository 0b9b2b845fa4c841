"""The demo's figures, name lists, weights and tables, and `_insert`, the one way its rows are written.

Weighted specs are strings, "key:weight,key:weight" (or "a1b2" for one-character keys), turned into
cumulative weights by `_weighted` and drawn from by `_Builder.pick`.
"""

from datetime import date
from operator import itemgetter
from zoneinfo import ZoneInfo

from jiedao.excel.bulk import bulk_insert, insert_columns
from jiedao.registry.models import (
    PremisesKind,
    PremisesSubKind,
    Relation,
    ResidentEventKind,
    ResidentStatus,
    Tag,
)


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


CLOSABLE = "open:93,suspended:3,closed:4"
MOVE_OUT_NOTES = ["迁往赛罕区", "迁往新城区", "迁往玉泉区", "迁往包头市", "迁往外省", "随子女迁出"]
_LEFT_STATUS = {
    ResidentEventKind.MOVE_OUT: ResidentStatus.MOVED_OUT,
    ResidentEventKind.DEATH: ResidentStatus.DECEASED,
}


def _insert(model, rows: list[dict], ids=None) -> list[int]:
    """Rows as dicts keyed by attname: a column added to the model later fails loudly here."""
    pick = itemgetter(*[f.attname for f in insert_columns(model)])
    return bulk_insert(model, [pick(row) for row in rows], ids=ids, reason=REASON)

"""The figures of the seed report (shared/seed/figures.md, the 2023 annual work summary and 2024 plan) as data.

The product never reads the seed files at runtime: every code of figures.md has one `SeedFigure` here with
the report's own text ("30余", "90.16%", "基督教堂1, 聚会点3, 民间信仰1", "22.44万"), the comparable value
parsed from it and how a computed value is compared with it (`Kind`):

- EXACT      a plain number: equal (a parenthesised remark — "9 (4个社区)" — is kept in `note`, not compared).
- AT_LEAST   "N余/N多": low ≤ value < high, high = N + the larger of one step of N's last significant digit
             and 10 % of N (30余 → [30, 40), 400余 → [400, 500), 22余 → [22, 25), 560余 → [560, 616));
             "N%以上": N ≤ value ≤ 100.
- NEAR       "近N": N − 10 % ≤ value ≤ N (近1000 → [900, 1000]).
- PERCENT    a rate as printed: equal after rounding the computed rate to the printed decimals
             (69% vs 69.47 → 一致; 90.16% vs 90.16 → 一致; 100% vs 99.50 → 不一致 only if it rounds to 99).
- ROUNDED    "22.44万": the computed value ÷ `scale`, rounded to the printed decimals, equals the number.
- BREAKDOWN  counts by sub-kind ("基督教堂1, 聚会点3, 民间信仰1"): every part equal.
- PAIR       "70户100人": both numbers equal.
- HIDDEN     "XX" (the report hides the amount): nothing to compare; the computed value is shown.
"""

from dataclasses import dataclass
from decimal import Decimal as D
from enum import StrEnum


class Kind(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    NEAR = "near"
    PERCENT = "percent"
    ROUNDED = "rounded"
    BREAKDOWN = "breakdown"
    PAIR = "pair"
    HIDDEN = "hidden"


KIND_LABELS = {
    Kind.EXACT: "精确相等",
    Kind.AT_LEAST: "不少于（余/多/以上）",
    Kind.NEAR: "接近（近）",
    Kind.PERCENT: "按报告精度四舍五入",
    Kind.ROUNDED: "按报告单位和精度四舍五入",
    Kind.BREAKDOWN: "分项逐一相等",
    Kind.PAIR: "户数、人数分别相等",
    Kind.HIDDEN: "报告未列明（XX），不比对",
}

EXACT, AT_LEAST, NEAR, PERCENT, ROUNDED, BREAKDOWN, PAIR, HIDDEN = (
    Kind.EXACT,
    Kind.AT_LEAST,
    Kind.NEAR,
    Kind.PERCENT,
    Kind.ROUNDED,
    Kind.BREAKDOWN,
    Kind.PAIR,
    Kind.HIDDEN,
)


@dataclass(frozen=True)
class SeedFigure:
    code: str
    name: str
    text: str  # as the report prints it
    unit: str
    kind: Kind
    value: D | None = None  # the stated number (rates in %, "22.44万" as 22.44 with scale 10000)
    low: D | None = None  # AT_LEAST / NEAR: the accepted range
    high: D | None = None
    inclusive: bool = False  # whether `high` itself is accepted
    places: int = 0  # PERCENT / ROUNDED: decimals as printed
    scale: int = 1  # ROUNDED: 10000 for 万
    parts: tuple[tuple[str, int], ...] = ()  # BREAKDOWN / PAIR: (label, number) in the report's order
    note: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


F = SeedFigure

FIGURES: tuple[SeedFigure, ...] = (
    # 一、基层自身建设 (party building, integrity, organisation, publicity, militia, veterans)
    F("party.strong_branches", "最强党支部数", "6", "个", EXACT, value=D("6")),
    F(
        "publicity.ethnic_unity_events",
        "民族团结宣传活动",
        "30余",
        "次",
        AT_LEAST,
        value=D("30"),
        low=D("30"),
        high=D("40"),
    ),
    F(
        "publicity.ethnic_unity_lectures",
        "民族团结宣传教育讲座",
        "10余",
        "次",
        AT_LEAST,
        value=D("10"),
        low=D("10"),
        high=D("20"),
    ),
    F(
        "religion.sites",
        "宗教活动场所",
        "基督教堂1, 聚会点3, 民间信仰1",
        "处",
        BREAKDOWN,
        parts=(("基督教堂", 1), ("聚会点", 3), ("民间信仰", 1)),
    ),
    F("integrity.warning_sessions", "廉政警示教育", "7", "次", EXACT, value=D("7")),
    F(
        "integrity.warning_attendance",
        "廉政警示教育受教育人次",
        "400余",
        "人次",
        AT_LEAST,
        value=D("400"),
        low=D("400"),
        high=D("500"),
    ),
    F("integrity.admonitions", "诫勉谈话", "1", "人", EXACT, value=D("1")),
    F("integrity.criticisms", "批评教育", "1", "人", EXACT, value=D("1")),
    F("integrity.talks", "约谈", "4", "人次", EXACT, value=D("4")),
    F("integrity.party_warnings", "党内警告处分", "1", "人", EXACT, value=D("1")),
    F("integrity.archives", "廉政档案", "429", "人", EXACT, value=D("429")),
    F("org.study_sessions", "强化理论武装专项学习", "16", "次", EXACT, value=D("16")),
    F("org.communities_urban", "城市社区", "8", "个", EXACT, value=D("8")),
    F("org.communities_village", "村转居社区", "3", "个", EXACT, value=D("3")),
    F("org.secretaries_replaced", "社区书记完成更换", "3", "个", EXACT, value=D("3")),
    F("org.post90_deputies_coverage", "90后专职副书记配备率", "100%", "%", PERCENT, value=D("100"), places=0),
    F("org.civilized_communities", "市级文明社区", "2", "个", EXACT, value=D("2")),
    F("org.civilized_compounds", "文明示范小区", "3", "个", EXACT, value=D("3")),
    F("publicity.ideology_meetings", "意识形态部署会", "1", "次", EXACT, value=D("1")),
    F("publicity.ideology_reviews", "意识形态分析研判会", "2", "次", EXACT, value=D("2")),
    F("publicity.lectures", "线上线下宣讲", "74", "场次", EXACT, value=D("74")),
    F(
        "publicity.lecture_audience",
        "宣讲受众",
        "5000余",
        "人次",
        AT_LEAST,
        value=D("5000"),
        low=D("5000"),
        high=D("6000"),
    ),
    F("publicity.online_commentators", "网评员队伍", "15", "人", EXACT, value=D("15")),
    F("publicity.adopted_central", "中央级媒体采用", "19", "篇", EXACT, value=D("19")),
    F("publicity.adopted_region", "自治区级媒体采用", "13", "篇", EXACT, value=D("13")),
    F("publicity.adopted_city", "市级媒体采用", "95", "篇", EXACT, value=D("95")),
    F("publicity.adopted_district", "区级媒体采用", "99", "篇", EXACT, value=D("99")),
    F(
        "publicity.science_materials",
        "科普宣传资料",
        "300多",
        "份",
        AT_LEAST,
        value=D("300"),
        low=D("300"),
        high=D("400"),
    ),
    F(
        "publicity.science_audience",
        "科普受众",
        "500余",
        "人",
        AT_LEAST,
        value=D("500"),
        low=D("500"),
        high=D("600"),
    ),
    F("militia.emergency_company", "应急连", "15", "人", EXACT, value=D("15")),
    F("militia.emergency_platoon", "应急排", "30", "人", EXACT, value=D("30")),
    F("militia.core_militia", "基干民兵", "35", "人", EXACT, value=D("35")),
    F(
        "conscription.campaigns",
        "征兵宣传活动",
        "22余",
        "次",
        AT_LEAST,
        value=D("22"),
        low=D("22"),
        high=D("25"),
    ),
    F(
        "conscription.materials",
        "征兵宣传材料",
        "1000余",
        "份",
        AT_LEAST,
        value=D("1000"),
        low=D("1000"),
        high=D("2000"),
    ),
    F("conscription.banners", "宣传条幅", "21", "条", EXACT, value=D("21")),
    F("conscription.registered", "兵役登记", "120", "人", EXACT, value=D("120")),
    F("conscription.registration_rate", "兵役登记完成率", "100%", "%", PERCENT, value=D("100"), places=0),
    F("veterans.collected", "退役军人信息采集", "1784", "人", EXACT, value=D("1784")),
    F("veterans.cards_issued", "发放优待证", "1215", "人", EXACT, value=D("1215")),
    F("veterans.plaques", "发放光荣牌", "1485", "块", EXACT, value=D("1485")),
    # 二、重点工作 (economy, reform, area development, environment, governance, public services)
    F("economy.enterprises", "经济名录库维护", "4434", "家", EXACT, value=D("4434")),
    F("economy.verified", "实地核查", "4525", "家(次)", EXACT, value=D("4525")),
    F("economy.investments", "招商引资", "66", "家", EXACT, value=D("66")),
    F("reform.duty_items", "街道职权清单", "153", "项", EXACT, value=D("153")),
    F("reform.shared_items", "共同承担事项", "138", "项", EXACT, value=D("138")),
    F("reform.statutory_days", "办理时限数", "247", "天", EXACT, value=D("247")),
    F("reform.compressed_days", "压缩办理时限数", "60", "天", EXACT, value=D("60")),
    F("reform.compression_ratio", "压缩时限占比", "24.29%", "%", PERCENT, value=D("24.29"), places=2),
    F("services.assisted", "帮代办事项", "621", "件", EXACT, value=D("621")),
    F(
        "services.residents_served",
        "帮代办服务居民",
        "近1000",
        "人",
        NEAR,
        value=D("1000"),
        low=D("900"),
        high=D("1000"),
        inclusive=True,
    ),
    F("cobuild.list_items", "需求资源项目三项清单", "95", "条", EXACT, value=D("95")),
    F("cobuild.completion_rate", "三项清单完成率", "69%", "%", PERCENT, value=D("69"), places=0),
    F("enforcement.issues_collected", "重点难点问题收集", "12", "条", EXACT, value=D("12")),
    F("projects.renovation_done", "完成老旧小区改造", "4", "个", EXACT, value=D("4")),
    F("projects.rebuild_done", "危楼重建", "1", "个", EXACT, value=D("1")),
    F("property.committees_coverage", "成立物管会小区占比", "97%", "%", PERCENT, value=D("97"), places=0),
    F(
        "legacy.residential_projects",
        "住宅遗留项目",
        "9 (4个社区)",
        "个",
        EXACT,
        value=D("9"),
        note="括号内“4个社区”不参与比对",
    ),
    F("legacy.nonresidential_projects", "非住宅遗留项目", "2", "个", EXACT, value=D("2")),
    F(
        "civilization.rectifications",
        "创城整改",
        "560余",
        "项",
        AT_LEAST,
        value=D("560"),
        low=D("560"),
        high=D("616"),
    ),
    F("waste.compounds_covered", "垃圾分类覆盖小区", "93", "个", EXACT, value=D("93")),
    F("waste.bins", "四分类垃圾桶", "900余", "个", AT_LEAST, value=D("900"), low=D("900"), high=D("1000")),
    F("safety.coal_checked", "三禁排查整改", "1457", "户", EXACT, value=D("1457")),
    F("environment.campaigns", "大型环境整治活动", "15", "次", EXACT, value=D("15")),
    F(
        "environment.participants",
        "整治出动人次",
        "800余",
        "人次",
        AT_LEAST,
        value=D("800"),
        low=D("800"),
        high=D("900"),
    ),
    F(
        "environment.waste_tons",
        "清理垃圾杂物",
        "5000余",
        "吨",
        AT_LEAST,
        value=D("5000"),
        low=D("5000"),
        high=D("6000"),
    ),
    F(
        "grid.cases",
        "精细化案件处置",
        "3000余",
        "件",
        AT_LEAST,
        value=D("3000"),
        low=D("3000"),
        high=D("4000"),
    ),
    F(
        "grid.ontime_rate",
        "精细化案件按期完成率",
        "99%以上",
        "%",
        AT_LEAST,
        value=D("99"),
        low=D("99"),
        high=D("100"),
        inclusive=True,
    ),
    F("river.patrols", "巡河", "180余", "次", AT_LEAST, value=D("180"), low=D("180"), high=D("198")),
    F("river.problems", "巡河发现问题", "21", "件", EXACT, value=D("21")),
    F("river.problems_fixed", "巡河问题整改", "21", "件", EXACT, value=D("21")),
    F("river.cleanups", "河道集中清理", "56", "次", EXACT, value=D("56")),
    F(
        "river.cleanup_participants",
        "河道清理人次",
        "300余",
        "人",
        AT_LEAST,
        value=D("300"),
        low=D("300"),
        high=D("400"),
    ),
    F("river.cleanup_tons", "清理河岸垃圾", "27", "吨", EXACT, value=D("27")),
    F("petition.batches", "信访事项", "103", "批次", EXACT, value=D("103")),
    F("petition.people", "信访涉及人数", "687", "人", EXACT, value=D("687")),
    F("mediation.cases", "调处矛盾纠纷", "314", "件", EXACT, value=D("314")),
    F("mediation.acceptance_rate", "受理率", "100%", "%", PERCENT, value=D("100"), places=0),
    F("mediation.closure_rate", "办结率", "100%", "%", PERCENT, value=D("100"), places=0),
    F("safety.three_in_one_shops", "三合一商铺", "199", "家", EXACT, value=D("199")),
    F("safety.crowded_compounds", "人员密集场所小区", "20", "个", EXACT, value=D("20")),
    F("safety.bungalow_areas", "平房区", "3", "处", EXACT, value=D("3")),
    F("safety.lpg_shops", "瓶装液化气排查商铺", "325", "家", EXACT, value=D("325")),
    F("safety.lpg_hazards", "存在隐患", "110", "家", EXACT, value=D("110")),
    F("safety.lpg_rectified", "隐患已整改", "110", "家", EXACT, value=D("110")),
    F("welfare.hardship_households_helped", "帮扶困难群体", "268", "户", EXACT, value=D("268")),
    F("hotline.received", "12345受理工单", "5011", "件", EXACT, value=D("5011")),
    F("hotline.closed", "办结", "2013", "件", EXACT, value=D("2013")),
    F("hotline.returned", "退单", "1808", "件", EXACT, value=D("1808")),
    F("hotline.in_progress", "办处中", "1190", "件", EXACT, value=D("1190")),
    F("hotline.resolution_rate", "解决率", "90.16%", "%", PERCENT, value=D("90.16"), places=2),
    F("hotline.satisfaction_rate", "满意率", "88.01%", "%", PERCENT, value=D("88.01"), places=2),
    F("livelihood.micro_projects", "民生微实事", "32", "件", EXACT, value=D("32")),
    F("care.teams", "暖心小分队", "12", "支", EXACT, value=D("12")),
    F("care.visits", "慰问活动", "53", "次", EXACT, value=D("53")),
    F("care.help_actions", "帮扶活动", "123", "次", EXACT, value=D("123")),
    F("welfare.dibao_households", "城市低保户", "367", "户", EXACT, value=D("367")),
    F("welfare.dibao_people", "低保人数", "528", "人", EXACT, value=D("528")),
    F("welfare.dibao_paid", "累计发放低保金", "XX", "元", HIDDEN),
    F("welfare.tekun_care_paid", "特困人员护理补贴", "XX", "元", HIDDEN),
    F("welfare.tekun_living_paid", "特困生活补贴", "XX", "元", HIDDEN),
    F("welfare.temporary_aid_people", "临时救助", "27", "人", EXACT, value=D("27")),
    F("welfare.temporary_aid_paid", "临时救助金额", "XX", "元", HIDDEN),
    F("welfare.elderly_allowance_people", "高龄津贴", "1206", "人", EXACT, value=D("1206")),
    F("welfare.elderly_allowance_paid", "高龄津贴金额", "XX", "元", HIDDEN),
    F("social.pension_new", "城乡居民养老保险新参保", "39", "人", EXACT, value=D("39")),
    F("social.pension_benefit_claims", "领取待遇", "4569", "人次", EXACT, value=D("4569")),
    F("social.pension_benefit_paid", "养老待遇", "XX", "元", HIDDEN),
    F("social.flexible_pension_verified", "灵活就业养老保险核定", "1233", "人", EXACT, value=D("1233")),
    F("social.medical_verified", "城乡居民医保参保核定", "1135", "人", EXACT, value=D("1135")),
    F("social.flexible_medical_handled", "灵活就业医保业务", "5597", "人", EXACT, value=D("5597")),
    F("social.subsidy_4050_new", '"40.50"新审批', "288", "人", EXACT, value=D("288")),
    F("social.subsidy_4555_continued", '"45.55"续享受', "222", "人", EXACT, value=D("222")),
    F("employment.certificates", "办理就业创业证", "470", "人", EXACT, value=D("470")),
    F("employment.unemployed_followups", "失业跟踪服务", "3514", "人次", EXACT, value=D("3514")),
    F("employment.rural_labor_restored", "农牧民劳动力资源减少恢复", "355", "人", EXACT, value=D("355")),
    F("employment.household_service_survey", "家庭服务业调查入户登记", "15", "户", EXACT, value=D("15")),
    F("population.total", "总人口", "66772", "人", EXACT, value=D("66772")),
    F("population.resident", "常住人口", "57211", "人", EXACT, value=D("57211")),
    F("population.floating", "流动人口", "9561", "人", EXACT, value=D("9561")),
    F("health.cancer_screenings", "两癌筛查", "647", "人", EXACT, value=D("647")),
    F("health.cancer_screening_rate", "两癌筛查完成率", "107.83%", "%", PERCENT, value=D("107.83"), places=2),
    F("health.plague_monitored", "鼠疫重点人员健康监测", "6", "人", EXACT, value=D("6")),
    F("health.special_families", "特殊家庭帮扶", "70户100人", "户/人", PAIR, parts=(("户", 70), ("人", 100))),
    F("health.bereaved_families", "失独家庭", "37户52人", "户/人", PAIR, parts=(("户", 37), ("人", 52))),
    F("health.disabled_families", "伤残家庭", "33户48人", "户/人", PAIR, parts=(("户", 33), ("人", 48))),
    F("health.special_support_paid", "特扶金", "XX", "元", HIDDEN),
    F("health.national_reward_people", "国家级奖扶", "104", "人", EXACT, value=D("104")),
    F("health.city_reward_people", "市级奖扶", "247", "人", EXACT, value=D("247")),
    F("health.knowledge_rate", "健康知识知晓率", "98%", "%", PERCENT, value=D("98"), places=0),
    F("health.lifestyle_rate", "健康生活方式与行为形成率", "91%", "%", PERCENT, value=D("91"), places=0),
    F("health.skills_rate", "基本技能掌握率", "95%", "%", PERCENT, value=D("95"), places=0),
    F("culture.festival_events", "重要节假日文娱主题活动", "27", "场", EXACT, value=D("27")),
    F("culture.custom_reform_events", "移风易俗活动", "10", "场", EXACT, value=D("10")),
    F("culture.reading_events", "全民阅读活动", "9", "场", EXACT, value=D("9")),
    # 2024年工作计划 (targets for next year, tracked against records)
    F(
        "plan.key_projects",
        "500万元以上重点项目",
        "4 (城发绿园, 金汇佳苑, 熙湖国际, 祥生澜庭樾)",
        "个",
        EXACT,
        value=D("4"),
        note="括号内“城发绿园, 金汇佳苑, 熙湖国际, 祥生澜庭樾”不参与比对",
    ),
    F("plan.renovation_compounds", "老旧小区改造", "9", "个", EXACT, value=D("9")),
    F("plan.renovation_area", "改造面积", "22.44万", "m²", ROUNDED, value=D("22.44"), places=2, scale=10000),
    F("plan.renovation_buildings", "改造楼栋", "50", "栋", EXACT, value=D("50")),
    F("plan.renovation_households", "改造户数", "2327", "户", EXACT, value=D("2327")),
)

SEED = {f.code: f for f in FIGURES}
SEED_YEAR = 2023  # the year the seed report sums up (its plan codes, plan.*, are the 2024 plan)

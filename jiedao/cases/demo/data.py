"""The 2023 case demo's figures and texts: the seed report's targets, and what residents called about.

A topic's cases are lines of "title | description | result"; `{place}` in the description is the case's
address. Months are twelve digits, January to December: the topic's relative weight in each month (heating
from October to March, rain in July and August, trees in spring and summer, snow in winter).
"""

from dataclasses import dataclass
from functools import cached_property

# --- the seed report's 2023 figures (shared/seed/figures.md) ------------------------------------------------

HOTLINE_RECEIVED = 5011
HOTLINE_CLOSED = 2013
HOTLINE_RETURNED = 1808
HOTLINE_IN_PROGRESS = 1190  # 5011 − 2013 − 1808
# Callbacks: 1,677 of 1,860 resolved (90.16%), 1,637 satisfied or basically satisfied (88.01%) — the
# smallest callback count near the closed orders for which both rates round to the report's figures.
# (resolved, satisfaction) → count.
CALLBACK_TABLE = {
    (True, "satisfied"): 1405,
    (True, "basically"): 197,
    (True, "unsatisfied"): 75,
    (False, "basically"): 35,
    (False, "unsatisfied"): 148,
}
REOPENED = 46  # answered orders first rated unresolved, reopened, then resolved
HOTLINE_ANONYMOUS = 0.03
RETURN_REASONS = {"outside_area": 0.38, "not_our_duty": 0.47, "incomplete": 0.15}

GRID_CASES = 3136  # "3000余"
GRID_LATE = 21  # closed after their deadline: 按期完成率 "99%以上"
GRID_EXTENDED = 34
PETITION_BATCHES = 103
PETITION_PEOPLE = 687
PETITION_COLLECTIVE = (62, 48, 45, 36, 30, 28, 25, 22, 20, 18, 15)  # 集体访: people in the larger batches
DISPUTES = 314
RIVER_PROBLEMS = 21
ENFORCEMENT_ISSUES = 12
LPG_HAZARDS = 110


@dataclass(frozen=True)
class Topic:
    key: str
    category: str  # a leaf of jiedao.cases.categories.DEFAULT_TREE
    weight: int
    months: str
    place: str  # home (a flat), compound, street, none
    requests: str  # weighted request types
    cases: str
    urgent: float = 0.04
    complex: float = 0.06
    hard: int = 1  # how much more often than others it ends unresolved

    @cached_property
    def variants(self) -> list[tuple[str, str, str]]:
        """(title, description, result) of each line of `cases`."""
        out = []
        for line in self.cases.strip().splitlines():
            title, description, result = ([*line.split(" | "), "", ""])[:3]
            out.append((title.strip(), description.strip(), result.strip()))
        return out


ALL_YEAR = "555555555555"

# fmt: off
HOTLINE_TOPICS = [
    Topic("heating", "utilities", 16, "985200000799", "home", "complaint:6,help:4", """
暖气不热，室温低于18度 | {place}，暖气摸着是凉的，室内温度只有十四五度，家里有老人孩子，请尽快协调热力公司处理。 | 已联系热力公司上门排气调试，入户测温20℃以上，来电人认可。
供暖管道漏水 | {place}，暖气管道接口处漏水，已经泡了楼下的顶棚，请联系供热单位维修。 | 已协调供热站更换损坏阀门和管件，漏水已止住，物业协商赔偿楼下损失。
暖气片不热申请排查 | {place}，今年供暖后卧室暖气片一直不热，找物业说是管网问题，请求协调解决。 | 热力公司对单元立管进行冲洗，入户测温21℃，已告知来电人。
单元整体供暖温度不达标 | {place}，整个单元暖气都不热，邻居们都在家穿棉袄。 | 经协调热力公司提高二次网供水温度，单元室温已达标。
缴纳取暖费后仍未供热 | {place}，取暖费十月份就交了，到现在家里暖气还没热。 | 经核实系入户阀门未开启，热力公司已开栓供热。
""", urgent=0.08, complex=0.05, hard=3),
    Topic("water", "utilities", 6, "333455775433", "home", "complaint:5,help:4,consult:1", """
小区停水未提前通知 | {place}，从早上开始停水，没有看到任何通知，请问什么时候恢复供水？ | 经了解系管网抢修临时停水，已于当日恢复供水，并督促物业提前张贴停水通知。
高层水压低用水困难 | {place}，楼层高水压一直上不去，晚上做饭洗澡都没水，请协调二次供水设备检修。 | 已协调供水公司检修二次加压泵，水压恢复正常。
入户水管爆裂漏水 | {place}，楼道里的入户水管爆了，水流得到处都是，请马上派人关阀维修。 | 已通知物业关闭总阀并更换爆裂管段，恢复供水。
自来水发黄有异味 | {place}，自来水放出来发黄，有异味，担心水质问题。 | 已联系自来水公司取样检测，水质合格，发黄系管道冲洗所致，已放水冲管。
""", urgent=0.12),
    Topic("elevator", "housing", 5, ALL_YEAR, "home", "complaint:7,help:3", """
电梯频繁故障 | {place}，电梯这个月已经坏了好几次，物业一直拖着不修，请督促处理。 | 已约谈物业公司，联系维保单位更换主板，电梯已恢复运行并完成安全检测。
电梯困人后迟迟无人处理 | {place}，电梯上周困人，报修半小时才有人来，担心安全。 | 已督促物业落实电梯应急值守和维保，张贴维保记录，来电人表示认可。
电梯停运影响老人出行 | {place}，电梯停运一周了，楼上住着行动不便的老人，请尽快协调维修。 | 已协调维保单位更换曳引钢丝绳，电梯恢复运行。
""", urgent=0.06, hard=2),
    Topic("garbage", "sanitation", 12, "445567776544", "compound", "complaint:8,help:2", """
小区垃圾多日未清运 | {place}，垃圾已经好几天没人拉了，天热味道很大，苍蝇很多，请尽快清运。 | 已协调环卫所当日清运，并增加清运频次。
垃圾桶满溢异味大 | {place}，垃圾桶都满了，垃圾堆到地上，野狗扒得到处都是。 | 已督促物业清运并增设垃圾桶，张贴垃圾分类投放告示。
楼道口堆放生活垃圾 | {place}，有住户把垃圾袋直接扔在楼道口，没人清理。 | 已督促物业清理楼道垃圾，网格员上门宣传文明投放。
建筑垃圾随意堆放 | {place}，有住户装修后把建筑垃圾堆在楼下，一直没人清理。 | 已联系装修户自行清运建筑垃圾，现场已清理干净。
""",),
    Topic("parking", "city_order", 9, ALL_YEAR, "compound", "complaint:8,report:2", """
车辆占用消防通道 | {place}，每天晚上都有车停在消防通道上，万一着火消防车进不来，请处理。 | 已联合交警、物业对占用消防通道车辆进行劝离，施划禁停标线。
小区门口乱停车堵路 | {place}，门口两边停满了车，早上出门车根本开不出去。 | 已联系车主移走车辆，物业加强门口巡查。
僵尸车长期占用车位 | {place}，有一辆落满灰的车停了一年多没人动，占着车位。 | 已联系交管部门对僵尸车张贴告知书，车主已将车辆挪走。
私设地锁占用公共车位 | {place}，有人在公共车位上装了地锁，别人停不了。 | 已督促当事人拆除私设地锁，恢复公共车位。
""", hard=2),
    Topic("noise", "noise", 7, "223457886322", "home", "complaint:9,report:1", """
夜间装修噪音扰民 | {place}，隔壁装修早上七点就开始砸墙，晚上八九点还在干，严重影响休息。 | 已上门劝导装修户按规定时间施工，并告知物业加强管理。
广场舞音响声音过大 | {place}附近每天晚上跳广场舞，音响开得特别大，一直到十点多。 | 已与广场舞队伍负责人沟通，调低音量并于21点前结束。
商铺音响外放噪音扰民 | {place}，楼下商铺门口音响喊话，从早到晚不停。 | 已联合执法队对商铺外放音响进行劝导，商户已整改。
楼上住户夜间噪音 | {place}，楼上每天半夜拖椅子、走路声音很大，沟通过几次没用。 | 网格员上门协调，楼上住户同意铺设地垫并注意夜间休息时间。
""",),
    Topic("illegal_building", "city_order", 5, "123677765321", "home", "report:6,complaint:4", """
楼顶私搭乱建 | {place}，有住户在楼顶搭彩钢房，担心楼顶承重和漏水，请查处。 | 已联合综合执法队下达限期整改通知书，违建已自行拆除。
一楼住户私自扩建院落 | {place}，一楼住户把院墙往外扩了两米，占了公共绿地。 | 经现场核实，违建已由当事人拆除，恢复绿地原貌。
占用绿地搭建彩钢房 | {place}，有人在绿地上搭了彩钢房堆放杂物。 | 已将线索移交区综合执法局立案处理，彩钢房已拆除。
""", complex=0.25, hard=3),
    Topic("ebike", "fire", 5, "334466665444", "home", "report:6,complaint:4", """
楼道飞线充电存在隐患 | {place}，有人从家里窗户吊一根电线下来给电动车充电，晚上一直插着，太危险了。 | 已上门对飞线充电住户进行安全教育，拆除私拉电线，并协调物业增设充电桩。
电动车在楼道内充电 | {place}，楼道里停着好几辆电动车在充电，堵住了通道。 | 已清理楼道电动车，张贴禁止楼道充电告示。
""", urgent=0.1),
    Topic("property", "housing", 9, ALL_YEAR, "home", "complaint:8,help:2", """
物业不作为，楼道卫生无人打扫 | {place}，楼道好几个月没人打扫，楼道灯也坏了，物业费照收不误。 | 已约谈物业公司负责人，督促限期整改，楼道已清扫、照明已修复。
物业费收费标准不合理 | {place}，物业今年涨价没有公示，也没有经过业主同意，请核查。 | 已联系物管会与物业公司沟通，物业费按原标准执行并公示。
单元门禁损坏物业不修 | {place}，单元门禁坏了一个多月，谁都能进，物业一直说没配件。 | 已督促物业更换门禁设备，社区将持续跟踪。
物业撤场后小区无人管理 | {place}，原物业撤走了，垃圾没人拉，路灯没人修。 | 社区指导物管会引入应急物业，小区管理已恢复。
""", complex=0.1, hard=3),
    Topic("leak", "housing", 5, "444456775444", "home", "help:7,complaint:3", """
顶楼房屋漏水 | {place}，下雨屋顶就漏水，墙皮都泡掉了，找物业说要维修基金，一直没结果。 | 已协调物业申请维修资金，对屋面防水进行修补，已不再渗漏。
楼上漏水协调未果 | {place}，楼上卫生间漏水到我家，楼上住户不配合维修。 | 经社区调解，楼上住户同意维修防水层，问题已解决。
外墙渗水 | {place}，外墙裂缝，下雨时卧室墙面渗水发霉。 | 已协调物业对外墙裂缝进行注浆封堵。
""", complex=0.2, hard=3),
    Topic("road", "municipal", 6, "223455664322", "street", "report:5,complaint:5", """
井盖缺失存在安全隐患 | {place}，有一个井盖丢了，就用几块砖围着，晚上看不见很危险。 | 已协调市政部门补装井盖并设置警示标志。
道路破损坑洼不平 | {place}，路面坑坑洼洼，下雨积水，电动车经过容易摔倒。 | 已上报市政部门对破损路面进行修补。
路灯不亮 | {place}这一段路灯晚上都不亮，黑灯瞎火的。 | 已联系路灯管理所更换灯具，路灯恢复照明。
人行道地砖松动 | {place}，人行道地砖松了好多块，一踩就溅水。 | 已协调市政养护单位重新铺设地砖。
""", urgent=0.1),
    Topic("sewer", "municipal", 5, "222334993222", "compound", "help:6,complaint:4", """
下水道堵塞污水外溢 | {place}，下水道堵了，污水从井里冒出来，味道很大。 | 已协调排水公司疏通管道，污水已清理。
雨后小区积水严重 | {place}，一下雨院里就积水，没过脚踝，出行困难。 | 已组织物业排水抽水，并上报市政部门改造雨水管网。
化粪池满溢 | {place}，化粪池满了往外冒，臭气熏天。 | 已联系环卫吸污车清掏化粪池。
""", urgent=0.15),
    Topic("trees", "greening", 3, "002677754200", "compound", "help:7,complaint:3", """
树木遮挡采光申请修剪 | {place}，楼前的杨树长得太高，挡住了低层住户的阳光，请修剪。 | 已协调园林部门对树木进行修剪。
树木病虫害严重 | {place}，树上长了好多虫子，掉得到处都是。 | 已组织喷洒农药，病虫害得到控制。
枯树存在倒伏隐患 | {place}，有一棵枯树歪着，刮风时担心砸到人和车。 | 已联系园林部门移除枯树。
""",),
    Topic("vending", "city_order", 3, "124577775421", "street", "complaint:7,report:3", """
流动摊贩占道经营 | {place}，每天下午有好多摊贩在路边摆摊，把人行道都占了。 | 已联合执法队对占道经营进行劝离，引导摊贩入市经营。
商户店外经营占用人行道 | {place}，商户把货物摆到门口人行道上，行人只能走机动车道。 | 已督促商户退店经营，并签订门前三包责任书。
""",),
    Topic("smoke", "air", 3, "533333333335", "street", "complaint:8,report:2", """
餐馆油烟扰民 | {place}，楼下饭馆没装油烟净化器，油烟直接往楼上窜。 | 已督促餐馆安装油烟净化设施并定期清洗。
平房区燃烧散煤冒黑烟 | {place}，平房区有人烧散煤，烟很呛。 | 已上门宣传“三禁”政策，当事人改用清洁能源取暖。
露天烧烤烟尘大 | {place}，晚上有烧烤摊在路边烤串，烟很大。 | 已劝导商户停止露天烧烤，入店经营。
""",),
    Topic("snow", "sanitation", 3, "963000000149", "street", "complaint:6,help:4", """
人行道积雪结冰未清理 | {place}，下雪好几天了，路上全是冰，老人出门摔了好几个。 | 已组织社区志愿者清扫积雪，撒融雪剂。
小区内积雪无人清扫 | {place}，物业没有组织扫雪，院里走不了路。 | 已督促物业清理小区积雪。
""",),
    Topic("dibao", "social_security", 4, ALL_YEAR, "home", "consult:7,help:3", """
咨询低保申请条件 | {place}，家里老人生病花了很多钱，想问问能不能申请低保，需要什么材料。 | 已电话告知低保申请条件及所需材料，来电人表示清楚。
高龄津贴未按时到账 | {place}，家中老人今年满80岁，高龄津贴一直没有发放。 | 经核实，津贴已于本月发放，已告知来电人查询方式。
咨询灵活就业养老保险缴费 | 咨询灵活就业人员养老保险怎么缴费，每年交多少。 | 已告知缴费渠道及标准，来电人表示满意。
""", urgent=0.0, complex=0.0),
    Topic("health", "health", 2, ALL_YEAR, "none", "consult:8,help:2", """
咨询两癌筛查 | 请问社区今年的两癌免费筛查什么时候开始，在哪里报名？ | 已告知筛查时间、地点及报名方式。
咨询老年人体检安排 | 咨询65岁以上老人免费体检的时间和地点。 | 已告知体检安排，来电人表示清楚。
""", urgent=0.0, complex=0.0),
    Topic("school", "education", 2, "112124873211", "none", "consult:9,help:1", """
咨询小学入学划片 | 孩子今年上小学，户口在本社区，想咨询划片学校和报名材料。 | 已告知划片学校及报名所需材料。
咨询幼儿园入园政策 | 咨询普惠性幼儿园报名条件和收费标准。 | 已告知入园政策，来电人表示认可。
""", urgent=0.0, complex=0.0),
    Topic("gas", "gas", 2, "644322223446", "home", "report:6,help:4", """
楼道燃气味大 | {place}，楼道里燃气味很大，担心漏气，请马上派人查看。 | 已通知燃气公司抢修，检测为阀门松动，已紧固，无泄漏。
燃气管道锈蚀 | {place}，楼外燃气管道锈得很厉害。 | 已协调燃气公司对锈蚀管道进行防腐处理。
""", urgent=0.4, complex=0.0),
    Topic("dogs", "other", 3, "234566665432", "compound", "complaint:7,report:3", """
小区流浪狗伤人隐患 | {place}，有好几条流浪狗，晚上追人，孩子都不敢出门。 | 已联系犬类收容机构捕捉流浪犬。
养犬不拴绳扰民 | {place}，有人遛狗不拴绳，狗在楼下乱叫。 | 已上门劝导养犬人文明养犬，出门拴绳并及时清理粪便。
""",),
    Topic("neighbors", "dispute", 3, ALL_YEAR, "home", "help:7,complaint:3", """
邻里因漏水发生纠纷 | {place}，和楼上邻居因为漏水的事吵了好几次，希望社区帮忙调解。 | 社区组织双方调解，楼上住户同意维修，达成一致意见。
邻居楼道堆放杂物发生争执 | {place}，对门邻居把鞋柜杂物堆在楼道，说了不听。 | 经网格员上门协调，邻居已清理楼道杂物。
""", hard=2),
    Topic("security", "public_security", 2, ALL_YEAR, "compound", "report:6,help:4", """
小区监控损坏 | {place}，监控坏了好久，最近丢了好几辆电动车。 | 已督促物业维修监控设备，并向派出所通报。
楼道堆物存在消防隐患 | {place}，楼道堆满纸箱杂物，着火了跑都跑不出去。 | 已组织清理楼道堆物。
小区围墙破损外来人员随意进出 | {place}，围墙倒了一段，谁都能进来。 | 已协调物业修补围墙，加强门岗管理。
""",),
    Topic("praise", "other", 1, ALL_YEAR, "none", "praise:1", """
表扬社区工作人员热心服务 | 感谢社区工作人员帮忙办理高龄津贴，服务热情周到。 | 已将表扬转达相关工作人员。
表扬网格员帮助独居老人 | 网格员经常上门看望独居老人，特此表扬。 | 已将表扬转达相关网格员。
""", urgent=0.0, complex=0.0),
]

# Orders the sub-district returns as 非职能 (another department's business): no result.
NOT_OUR_DUTY_TOPICS = [
    Topic("wages", "social_security", 5, "643333344558", "none", "help:6,complaint:4", """
反映被拖欠工资 | 在某装修公司干活，老板拖欠三个月工资一直不给。
劳动合同纠纷 | 公司不签劳动合同，也不交社保。
""",),
    Topic("title_deed", "housing", 4, ALL_YEAR, "home", "help:6,consult:4", """
房产证迟迟办不下来 | {place}，买房十年了房产证还办不下来，开发商一直推。
购房后开发商不办理网签 | 开发商收了房款一直不给办网签。
""",),
    Topic("taxi", "other", 2, ALL_YEAR, "none", "complaint:10", """
出租车拒载 | 在火车站打车，司机拒载，说不顺路。
网约车乱收费 | 网约车司机多收了车费，投诉平台不处理。
""",),
    Topic("goods", "other", 3, ALL_YEAR, "none", "complaint:9,report:1", """
购买商品质量有问题 | 在某商场买的电器用了一周就坏了，商家不给退换。
预付卡商家跑路 | 办的健身卡，健身房突然关门了。
""",),
    Topic("medical_insurance", "health", 2, ALL_YEAR, "none", "consult:7,help:3", """
异地就医医保报销问题 | 在外地住院，回来报销医保一直办不了。
医院收费问题 | 医院检查收费重复，想咨询怎么处理。
""",),
    Topic("school_fees", "education", 1, "113111114111", "none", "complaint:8,consult:2", """
学校乱收费 | 孩子学校要求统一购买校服和资料，价格偏高。
校外培训机构退费难 | 培训机构关门了，剩下的课时费不退。
""",),
]
OUTSIDE_STREETS = ("中山西路", "新华大街", "锡林郭勒北路", "巴彦淖尔北路", "公园西路", "呼伦贝尔北路", "县府街", "攸攸板路")

# --- 网格巡查: what grid workers find on their rounds ---------------------------------------------------------

GRID_TOPICS = [
    Topic("exposed_garbage", "sanitation", 18, "445677776544", "compound", "report:1", """
垃圾暴露 | 巡查发现{place}垃圾暴露，影响环境卫生。 | 已协调环卫清运，现场已清理干净。
垃圾桶满溢 | 巡查发现{place}垃圾桶满溢，周边散落垃圾。 | 已通知物业清运，复查合格。
绿化带内积存垃圾 | 巡查发现{place}绿化带内积存垃圾。 | 已组织保洁人员清理，复查合格。
""",),
    Topic("debris", "sanitation", 9, "345677775433", "compound", "report:1", """
建筑垃圾堆放 | 巡查发现{place}堆放装修垃圾。 | 已联系装修户清运，现场已清理。
废弃家具随意丢弃 | 巡查发现{place}有废旧家具随意丢弃。 | 已通知物业清运，复查合格。
乱堆物料 | 巡查发现{place}有砂石物料乱堆。 | 已督促当事人清理，复查合格。
""",),
    Topic("ads", "city_order", 10, "455566665554", "street", "report:1", """
小广告乱贴乱画 | 巡查发现{place}墙面、电线杆上贴有大量小广告。 | 已组织清除小广告，墙面已恢复。
条幅乱挂 | 巡查发现{place}悬挂过期宣传条幅。 | 已拆除过期条幅。
""",),
    Topic("street_vending", "city_order", 10, "134677776431", "street", "report:1", """
店外经营 | 巡查发现{place}商户店外经营，占用人行道。 | 已劝导商户退店经营。
流动摊贩占道 | 巡查发现{place}有流动摊贩占道摆摊。 | 已劝离流动摊贩，引导入市经营。
""",),
    Topic("bikes", "city_order", 6, "124577775421", "street", "report:1", """
共享单车乱停放 | 巡查发现{place}共享单车乱停乱放，堵塞人行道。 | 已通知运营企业清理调运，摆放整齐。
非机动车乱停放 | 巡查发现{place}电动车、自行车乱停放。 | 已组织摆放整齐。
""",),
    Topic("manhole", "municipal", 6, "334455554433", "street", "report:1", """
井盖破损 | 巡查发现{place}井盖破损，存在安全隐患。 | 已设置警示标志并协调市政部门更换井盖。
雨水箅子缺失 | 巡查发现{place}雨水箅子缺失。 | 已协调产权单位补装。
""", urgent=0.2),
    Topic("lights", "municipal", 5, "443334445555", "street", "report:1", """
路灯不亮 | 巡查发现{place}路灯不亮。 | 已协调路灯管理所维修，路灯已恢复。
路灯杆倾斜 | 巡查发现{place}路灯杆倾斜。 | 已协调路灯管理所扶正加固。
""",),
    Topic("green", "greening", 5, "002577764200", "compound", "report:1", """
绿地缺损 | 巡查发现{place}绿地被踩踏缺损，黄土裸露。 | 已协调园林部门补植。
树木倒伏 | 巡查发现{place}有树木倒伏。 | 已清理倒伏树木。
""",),
    Topic("flying_lead", "fire", 8, "334466665444", "compound", "report:1", """
飞线充电 | 巡查发现{place}有住户飞线充电。 | 已上门劝导并拆除私拉电线。
楼道内电动车充电 | 巡查发现{place}楼道内停放电动车充电。 | 已劝导住户将电动车移出楼道。
""", urgent=0.2),
    Topic("corridor", "fire", 6, ALL_YEAR, "compound", "report:1", """
楼道堆物 | 巡查发现{place}楼道堆放杂物。 | 已组织清理楼道堆物。
消防通道堵塞 | 巡查发现{place}消防通道被车辆和杂物堵塞。 | 已清理消防通道，施划禁停标线。
""",),
    Topic("bbq", "air", 4, "112456775321", "street", "report:1", """
露天烧烤 | 巡查发现{place}有商户露天烧烤。 | 已劝导商户停止露天烧烤。
焚烧垃圾 | 巡查发现{place}有人焚烧树叶垃圾。 | 已制止焚烧行为并清理现场。
工地扬尘 | 巡查发现{place}工地未覆盖裸土，扬尘较大。 | 已督促施工单位覆盖防尘网。
""",),
    Topic("grid_snow", "sanitation", 5, "952000000148", "street", "report:1", """
积雪未清 | 巡查发现{place}积雪未清理，路面结冰。 | 已组织清扫积雪并撒融雪剂。
""",),
    Topic("grid_building", "city_order", 4, "123577765321", "compound", "report:1", """
私搭乱建 | 巡查发现{place}有住户私搭彩钢房。 | 已劝导当事人自行拆除。
占用绿地搭建棚子 | 巡查发现{place}有人占用绿地搭建棚子。 | 已报综合执法队依法拆除。
""", complex=0.15),
]

# --- 信访 ------------------------------------------------------------------------------------------------------

PETITION_TOPICS = [
    Topic("relocation", "petition", 4, ALL_YEAR, "compound", "help:6,complaint:4", """
反映拆迁安置补偿问题 | {place}拆迁户反映安置补偿款未足额到位，要求按协议兑现。 | 街道会同区住建部门召开协调会，明确补偿兑现时间，已向信访人书面答复。
要求解决回迁房交付延期问题 | {place}回迁户反映回迁房交付一再延期，要求明确交房时间和过渡费发放。 | 已协调开发企业发放过渡费，并公示交房计划。
""", complex=0.6),
    Topic("legacy_title", "petition", 3, ALL_YEAR, "compound", "help:7,complaint:3", """
反映住宅遗留项目无法办理不动产证 | {place}业主反映入住多年无法办理不动产证，要求协调解决。 | 已将项目纳入不动产遗留项目分户办理计划，相关手续已提报，书面答复信访人。
""", complex=0.7),
    Topic("unpaid_wages", "petition", 3, "543222233578", "none", "help:8,complaint:2", """
反映农民工工资拖欠 | 在辖区某建设工地务工，施工方拖欠工资，要求帮助追讨。 | 街道协调劳动监察部门约谈施工单位，拖欠工资已结清。
""", complex=0.3),
    Topic("petition_property", "petition", 3, ALL_YEAR, "compound", "complaint:7,help:3", """
反映物业服务与收费问题 | {place}业主反映物业服务差、收费不透明，要求更换物业。 | 街道指导物管会依法召开业主大会，规范选聘程序，已答复信访人。
""",),
    Topic("renovation", "petition", 2, "000135775200", "compound", "complaint:6,help:4", """
反映老旧小区改造施工问题 | {place}居民反映老旧小区改造施工扰民、工期拖延。 | 已督促施工单位调整作业时间、加快进度，并组织居民代表监督。
""",),
    Topic("heating_fee", "petition", 2, "641000000367", "compound", "complaint:8,help:2", """
反映供暖费收取及供热质量问题 | {place}居民反映供热不达标却全额收取取暖费。 | 已协调热力公司入户测温，对不达标住户按规定退费。
""",),
    Topic("subsistence", "petition", 1, ALL_YEAR, "home", "help:10", """
对低保资格认定有异议 | {place}居民对低保复核取消资格有异议，要求重新认定。 | 经入户复核并公示，依政策作出认定，已向信访人解释说明。
""",),
]

# --- 矛盾纠纷 (掌上调解) ----------------------------------------------------------------------------------------

DISPUTE_TOPICS = [
    Topic("neighbor_leak", "dispute", 6, "333445664333", "home", "help:1", """
邻里漏水纠纷 | {place}住户与楼上住户因卫生间漏水造成屋顶受损发生纠纷，申请调解。 | 经调解，楼上住户负责维修防水并赔偿损失，双方签订调解协议。
""",),
    Topic("neighbor_noise", "dispute", 4, "223457775322", "home", "help:1", """
邻里噪音纠纷 | {place}住户与楼上邻居因夜间噪音多次争吵，申请调解。 | 经调解，双方互谅互让，当场达成和解。
邻里公共部位使用纠纷 | {place}住户与对门邻居因楼道堆物发生争执，申请调解。 | 经调解，邻居清理楼道堆物，双方和解。
""",),
    Topic("family", "dispute", 4, "634333333334", "home", "help:1", """
家庭赡养纠纷 | {place}老人反映子女不履行赡养义务，申请调解。 | 经调解，子女签订赡养协议，按月支付赡养费。
婚姻家庭纠纷 | {place}夫妻因家庭琐事矛盾激化，申请调解。 | 经耐心调解，双方矛盾化解。
""",),
    Topic("property_dispute", "dispute", 4, ALL_YEAR, "home", "help:1", """
物业服务纠纷 | {place}业主与物业公司因物业费缴纳及服务质量发生纠纷。 | 经调解，物业公司整改服务问题，业主补缴物业费。
""",),
    Topic("labor", "dispute", 3, "543333333447", "none", "help:1", """
劳务报酬纠纷 | 务工人员与雇主因劳务报酬结算发生纠纷，申请调解。 | 经调解，雇主分两次结清劳务费，双方签订调解协议。
""",),
    Topic("damage", "dispute", 3, ALL_YEAR, "compound", "help:1", """
车辆剐蹭纠纷 | {place}双方因车辆剐蹭赔偿问题发生争执。 | 经调解，责任方一次性赔偿修车费用，双方达成协议。
宠物伤人纠纷 | {place}居民被邻居家犬只咬伤，双方就赔偿发生纠纷。 | 经调解，犬主赔偿医药费，双方达成协议。
""",),
    Topic("lease", "dispute", 2, ALL_YEAR, "home", "help:1", """
房屋租赁纠纷 | {place}房东与租户因押金退还问题发生纠纷。 | 经调解，房东退还押金，双方和解。
""",),
]

# --- 巡河, 综合执法, 液化气隐患 ---------------------------------------------------------------------------------

RIVER_COMMUNITIES = ("西乌素图社区", "新地社区", "海西路社区", "厂汉板社区")
RIVERS = ("乌素图沟", "扎达盖河", "西河沿排洪渠", "新地排洪沟")
RIVER_ISSUES = [
    ("河道内有生活垃圾", "巡河发现{river}河道内漂浮生活垃圾和塑料袋。", "已组织人员打捞清理河道垃圾。"),
    ("河岸堆放建筑垃圾", "巡河发现{river}河岸有人倾倒建筑垃圾。", "已清运河岸建筑垃圾，设置禁倒警示牌。"),
    ("河道内杂草丛生", "巡河发现{river}河道杂草丛生，影响行洪。", "已组织割除河道杂草。"),
    ("河道护栏破损", "巡河发现{river}沿河护栏破损，存在安全隐患。", "已协调水务部门修复护栏。"),
    ("疑似排污口", "巡河发现{river}有一处排水口有异味污水流出。", "经水务部门排查为雨污混接，已完成整改封堵。"),
    ("河道内有人钓鱼游泳", "巡河发现{river}有人在河边钓鱼、下河游泳。", "已劝离并增设防溺水警示牌。"),
]

# (title, category, community, result)
ENFORCEMENT_ISSUES_LIST = [
    ("工农兵路沿街商铺占道经营屡禁不止", "city_order", "工农兵路社区", "综合执法队联合市场监管开展专项整治，商户已退店经营，纳入日常巡查。"),
    ("元和建材市场周边夜间渣土乱倒", "sanitation", "元和社区", "已设置监控并清运渣土，对违规运输车辆移交交管部门处罚。"),
    ("厂汉板村违法建设反复出现", "self_built", "厂汉板社区", "已依法拆除违法建设，现场恢复原状。"),
    ("汽车城周边汽修店占道修车", "city_order", "汽车城社区", "已下达责令整改通知书，汽修店已入店作业，执法队定期复查。"),
    ("赛马场北路夜市油烟噪音扰民", "air", "赛马场北路社区", "夜市摊位统一安装油烟净化设施，经营时间调整至22点前。"),
    ("西乌素图村私搭乱建彩钢房", "self_built", "西乌素图社区", "已依法拆除违建彩钢房，现场恢复原状。"),
    ("通道北街户外广告牌设置不规范", "city_order", "附件社区", "已拆除不规范广告牌，新设广告牌按规定审批。"),
    ("飞鹰路沿线流动摊贩聚集", "city_order", "飞鹰社区", "已设置临时便民疏导点，引导摊贩入点经营。"),
    ("新地村无证废品收购站", "city_order", "新地社区", "已依法取缔无证废品收购站，场地清理完毕。"),
    ("海西路沿街门店违规外摆", "city_order", "海西路社区", "已督促门店退店经营，签订门前三包责任书。"),
    ("奔腾路工地夜间施工噪音", "noise", "奔腾社区", "已责令施工单位停止夜间作业，确需连续施工的办理夜间施工许可。"),
    ("厂汉板南街大货车乱停乱放", "city_order", "奔腾社区", "联合交管部门施划禁停区域，违停货车已清理。"),
]

LPG_HAZARDS_TEXT = [
    ("液化气钢瓶未安装可燃气体报警器", "已安装可燃气体报警器并接入自闭阀。"),
    ("液化气钢瓶与灶具间距不足", "已调整钢瓶位置，与灶具保持安全距离。"),
    ("燃气软管老化开裂", "已更换金属波纹软管。"),
    ("钢瓶超期未检", "已更换合格钢瓶，超期钢瓶由供气企业回收。"),
    ("液化气钢瓶存放于地下室", "已将钢瓶移至通风良好的地面专用间。"),
    ("后厨存放备用钢瓶超量", "已清退多余钢瓶，按规定存放不超过一瓶备用。"),
    ("未配备灭火器或灭火器失效", "已配备合格灭火器并培训使用方法。"),
]
# fmt: on

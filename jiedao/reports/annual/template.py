"""The annual work summary's template: the seed report's structure (shared/seed/annual-report-2023.txt) with
a default narrative for every section, written from the seed's own text.

Headings are fixed; the narrative of each section is the staff's (edited per year, see models.AnnualReport)
and may carry placeholders (see placeholders.py): `{{hotline.received}}` for an indicator,
`{{hotline.received|余}}` for seed-style wording, `{{religion.sites:church}}` for one part of a breakdown or
pair, and `{{street}}`, `{{year}}`, `{{next_year}}`. Paragraphs are separated by line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # "" for a section without its own heading (introductions)
    level: int  # 1: 一、 (黑体); 2: （一） (楷体); 0: no heading
    parent: str  # the heading of the part or chapter it belongs to, for the editing page


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0: a part heading ("2023年工作总结", 黑体, centred); 1: 一、


TITLE = "{{street}}{{year}}年工作总结和{{next_year}}年工作计划"
SUMMARY = "{{year}}年工作总结"
PLAN = "{{next_year}}年工作计划"
BUILD = "一、切实加强基层自身建设"
WORK = "二、重点工作完成情况"
PROBLEMS = "三、存在问题"

SECTIONS: tuple[Section, ...] = (
    Section("intro", "", 0, SUMMARY),
    Section("build_1", "（一）加强思想建设，筑牢政治忠诚", 2, BUILD),
    Section("build_2", "（二）强化党风廉政建设，全面从严治党", 2, BUILD),
    Section("build_3", "（三）抓好党的组织体系建设", 2, BUILD),
    Section("build_4", "（四）认真做好宣传和精神文明建设工作", 2, BUILD),
    Section("build_5", "（五）落实党管武装责任，推动退役军人服务", 2, BUILD),
    Section("work_1", "（一）持续推动经济高质量发展", 2, WORK),
    Section("work_2", "（二）深化改革，完善街道体制机制", 2, WORK),
    Section("work_3", "（三）加强区域统筹发展", 2, WORK),
    Section("work_4", "（四）做好生态文明建设", 2, WORK),
    Section("work_5", "（五）全力提升社会治理效能", 2, WORK),
    Section("work_6", "（六）用情用力做优公共服务", 2, WORK),
    Section("problems", "", 0, PROBLEMS),
    Section("plan_intro", "", 0, PLAN),
    Section("plan_1", "（一）聚焦有效需求，巩固经济向稳向好态势", 2, PLAN),
    Section("plan_2", "（二）聚焦规划引领，提升城市能级", 2, PLAN),
    Section("plan_3", "（三）聚焦重点领域改革，优化基层治理路径", 2, PLAN),
    Section("plan_4", "（四）聚焦低碳绿色，持续加强生态文明建设", 2, PLAN),
    Section("plan_5", "（五）聚焦社会治理，维护和谐发展大局", 2, PLAN),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)

# The document's outline: headings of parts and chapters interleaved with the sections, in order.
OUTLINE: tuple[Heading | Section, ...] = (
    Heading(SUMMARY, 0),
    SECTIONS[0],
    Heading(BUILD, 1),
    *SECTIONS[1:6],
    Heading(WORK, 1),
    *SECTIONS[6:12],
    Heading(PROBLEMS, 1),
    SECTIONS[12],
    Heading(PLAN, 0),
    *SECTIONS[13:],
)

DEFAULT_NARRATIVE: dict[str, str] = {
    "intro": (
        "{{year}}年是全面贯彻落实党的二十大精神的开局之年，{{street}}紧紧围绕区委、区政府的中心工作，坚持以新时代中国特色社会主义思想为指导，"
        "围绕“强首府”工程，立足“一区一带”，打造“四个区域中心”的总体战略目标，统筹推进经济发展、基层治理、社会公共服务等重点工作，"
        "实干笃行谋发展，倾力为民谋幸福，为谱写回民区高质量发展篇章做出积极贡献。"
    ),
    "build_1": (
        "一是紧扣首要政治任务。把学习宣传贯彻新时代中国特色社会主义思想作为党员干部党性修养的必修课，常态化开展“党组织书记讲党课”，"
        "有效推动党的二十大精神入心入脑、见行见效。二是创建党建品牌，激发组织活力。街道已打造{{party.strong_branches}}个最强党支部。"
        "三是以铸牢中华民族共同体意识为主线加强和改进民族工作。弘扬辖区内民族工作及民族团结进步的典型事例，"
        "开展各类宣传活动{{publicity.ethnic_unity_events|余}}次、宣传教育讲座{{publicity.ethnic_unity_lectures|余}}次。"
        "街道下辖基督教堂{{religion.sites:church|汉字}}处，合法开放聚会点{{religion.sites:meeting_point}}处，"
        "民间信仰场所{{religion.sites:folk_belief}}处，定期管理和维护并设置宗教场所管理排查台账。"
    ),
    "build_2": (
        "一是强化理论武装。认真学习领会关于全面从严治党、党风廉政建设、廉洁文化建设等重要论述，"
        "开展廉政警示教育{{integrity.warning_sessions}}次，受教育人数达{{integrity.warning_attendance|余}}人次；"
        "二是强化示范引领。开展“以案促改治理年”“上访变下访”活动，力争把矛盾纠纷问题解决在基层；"
        "开展诫勉谈话{{integrity.admonitions}}人，批评教育{{integrity.criticisms}}人，约谈{{integrity.talks}}人次，"
        "党内警告处分{{integrity.party_warnings}}人；按照区纪委文件要求填报廉政档案{{integrity.archives}}人。"
        "三是强化政治监督。按照“一岗双责”的工作要求，街道纪工委认真履行监督职责，对街道党工委“三重一大”决策程序执行、"
        "专题民主生活会质量、巡察整改等情况开展监督检查；开展“三个是否”问题专项整治工作，加强纪律监督检查。"
        "健全完善“三务”公开平台和机制，推动监督工作由线下转移到线上。"
    ),
    "build_3": (
        "一是完善领导体制机制。成立{{street}}全面提升基层治理能力和水平工作领导小组，由{{street}}党工委书记担任组长，"
        "先后开展强化理论武装专项学习{{org.study_sessions}}次。二是强化基层干部队伍建设。"
        "{{street}}共有{{org.communities_urban}}个城市社区、{{org.communities_village}}个村转居社区，"
        "目前已有{{org.secretaries_replaced}}个城市社区书记完成更换；启动“雏鹰计划”，以培优社区“两委”为目标，"
        "提升社区工作者的基层治理能力和水平，各社区已{{org.post90_deputies_coverage|全部}}配备“90”后专职副书记。"
        "三是打造示范点。以创建全国文明城市为抓手，打造{{org.civilized_communities}}个市级文明社区，"
        "{{org.civilized_compounds}}个文明示范小区，营造共建共治共享氛围。"
    ),
    "build_4": (
        "一是构建意识形态工作网络。深入贯彻落实意识形态工作责任制，召开{{publicity.ideology_meetings}}次意识形态部署会，"
        "分析研判会{{publicity.ideology_reviews}}次；建立和完善街道意识形态网格化管理机制，打造了一支高效的意识形态网格员队伍；"
        "围绕学习贯彻党的二十大精神、全国“两会”精神等重大主题，开展线上线下宣讲{{publicity.lectures}}场次，"
        "受众{{publicity.lecture_audience|余}}人次；组建了{{publicity.online_commentators}}人的街道网评员队伍，"
        "开展网评员分级轮训和实战演练，增强网络舆论引导能力。二是推动信息报送工作高效化。"
        "当前{{publicity.adopted_central}}篇信息被中央级媒体采用，{{publicity.adopted_region}}篇信息及视频被自治区级媒体采用，"
        "被市级媒体采用{{publicity.adopted_city}}篇，被区级媒体采用{{publicity.adopted_district}}篇。"
        "三是打造了“乐享银铃”志愿服务品牌。组建了“夕阳红”“小水滴”等志愿服务队，多次荣获回民区优秀志愿服务组织，"
        "并获得呼和浩特市学雷锋志愿服务最佳志愿服务组织称号。四是增强科普服务能力。"
        "街道共发放各类科普宣传资料{{publicity.science_materials|多}}份，受众{{publicity.science_audience|余}}人。"
    ),
    "build_5": (
        "一是完善阵地建设，街道武装部按照“六有”标准配置三室一库，协调辖区企事业单位积极参与国防教育、民兵建设等工作。"
        "二是编强编实街道应急连、应急排民兵队伍，目前，共编建应急连{{militia.emergency_company}}人，"
        "应急排{{militia.emergency_platoon}}人，重新编排基干民兵{{militia.core_militia}}人。"
        "主要完成常态维稳执勤、训练、应急、防汛等任务，全力参与辖区“网格化”　巡控。三是落实征兵宣传动员工作。"
        "利用各类平台媒介开展征兵宣传活动{{conscription.campaigns}}次，发放宣传材料{{conscription.materials|余}}份，"
        "悬挂宣传条幅{{conscription.banners}}条。{{year}}年兵役登记{{conscription.registered}}人，"
        "完成率达{{conscription.registration_rate}}。四是打造优质服务。设立退役军人一站式服务窗口，完善街道“1211”工作清单，"
        "通过“线上＋线下”宣传已采集{{veterans.collected}}人，发放优待证{{veterans.cards_issued}}人，"
        "发放光荣牌{{veterans.plaques}}块。"
    ),
    "work_1": (
        "一是营造最优营商环境。组建经济专班，定期调度分析经济运行情况，已维护经济名录库{{economy.enterprises}}家，"
        "实地核查{{economy.verified}}家，招商引资{{economy.investments}}家。扎实部署全国第五次经济普查工作。"
        "二是合理布局，打造经济发展新格局。以点连线形成XX东西为主线，工农兵路南北呼应的区位经济链条式发展。"
        "主线东侧以现有元和建材市场为基础，打造综合性建材家装商业体。同时依托XX汽车产业商圈区位优势，"
        "逐步丰富汽车产业周边业态包括文化广场、汽车停放展示、体验休闲等衍生行业，形成XX主体经济。"
        "以工农兵道路提升工程为契机，打造工农兵北侧餐饮商业街、南端便民生活服务网红区域，带动工农兵沿线整体商业发展。"
        "三是深挖潜力，以项目为驱动激发闲置遗留区块新动能。充分挖掘海西地区老旧厂区多、棚改项目多的优势条件，整合资源，"
        "为项目落地保驾护航，现有项目包括通道北街互联网大厦现打造动漫产业孵化基地；飞鹰厂区140亩拟建1.5亿地震体验馆；"
        "筒子楼拆迁空地5.2亩拟引进便民市场；橡机厂30亩空地、炼铁厂地块100亩拟引进汽车停放展示。"
    ),
    "work_2": (
        "一是“放管服”改革纵深推进。厘清权责事项，涉及街道的五大类{{reform.duty_items}}项职权清单和涉及社区的四项清单均已全面落实，"
        "梳理直属部门和街道共同承担事项{{reform.shared_items}}项，并及时公示。二是深化“一网通办”。开展“两优”专项行动，"
        "各类事项共计办理时限数{{reform.statutory_days}}天，压缩办理时限数{{reform.compressed_days}}天，"
        "压缩时限占比{{reform.compression_ratio}}；规范线下评价方式，建立“好差评”评价系统，"
        "着力推进“帮代办”“蒙速办”“党员服务”等窗口服务职能，目前街道、社区党群服务中心完成帮代办事项{{services.assisted}}件，"
        "服务居民{{services.residents_served|近}}人。三是与驻区单位共联共建。将其纳入“大党委”，"
        "建立需求、资源、项目“三项清单”{{cobuild.list_items}}条，推动完成率达{{cobuild.completion_rate}}。"
        "四是推进“大综合”联合执法。推动综合治理由“分散化”向“一体化”转变，成立街道综合执法机构，"
        "积极探索“一支队伍管执法”的新格局，前期已收集各类重点难点问题和群众反映的热点问题{{enforcement.issues_collected}}条。"
    ),
    "work_3": (
        "1、功能布局不断优化。一是立足社区优化调整。对赛马场北路社区进行拆分，新增新建奔腾社区，"
        "解决目前厂汉板南区行政交叉及赛马场北路社区人口较多、小区分散、管理难度大等问题。二是打造“红色物业”示范点。"
        "坚持“党建引领　4力推动　共享共治”创新治理模式，投资3000余万元对飞鹰齿轮厂小区进行升级改造，"
        "引进国有平台公司—慧达物业公司，实现了物业服务从“无”到“有”向“优”的三级跨越，"
        "推动全域物业服务水平和基层社会治理水平的“双提升”，该项目被列为自治区级老旧小区改造示范项目。"
        "三是创建2个品牌示范社区。赛马场北路社区依托驻区单位及业主资源，发挥自媒体中的网络大V、网络主播等正面引导作用，"
        "以“蒙古马精神”党建文化品牌，打造文化引领型社区；附件社区依托众环三供一业改造、老旧小区改造及新建社区的阵地优势为契机，"
        "引进智慧化社区管理平台，完善“小水滴”志愿队服务功能，打造智慧服务型社区。\n"
        "2、基础设施加强建设。一是自建房排查整治工作，持续对平房危房等级进行汇总，整改违建建筑，张贴危房鉴定等级标识牌。"
        "二是技防改造工作，对辖区2018年之前建设小区、房屋燃气管道进行技防改造，全部安装自闭阀；涉及到瓶装煤气罐，全部安装报警器。"
        "三是排查辖区井盖，做到应修尽修、应换尽换、应装尽装。四是持续开展“三禁”工作。"
        "截止到目前，整改排查{{safety.coal_checked}}户，辖区无违规燃烧散煤的住户。\n"
        "3、城市风貌更具品味。一是深入开展城市更新行动，完成老旧小区改造项目{{projects.renovation_done}}个，"
        "危楼重建项目{{projects.rebuild_done}}个；辖区内老旧小区物业引进实现全覆盖，"
        "{{property.committees_coverage}}的小区已成立物管会。二是不动产遗留项目工作。"
        "目前办事处4个社区涉及住宅遗留项目分户，共计{{legacy.residential_projects}}个项目；"
        "非住宅遗留项目{{legacy.nonresidential_projects}}个，相关手续已提报。三是宜居环境更优化。"
        "在创城期间街道进行整改{{civilization.rectifications|余2}}项，覆盖11个社区背街小巷；生活垃圾分类实现全覆盖，"
        "{{waste.compounds_covered}}个小区全部配备垃圾分类公示栏、奖惩榜，放置{{waste.bins|余}}个四分类垃圾桶，"
        "精细化管理督导员全覆盖。四是辖区树木农药喷洒全覆盖。完善树木病虫害的防治工作和养护工作。"
        "五是建立食品安全包保网络。确保各环节责任到人。"
    ),
    "work_4": (
        "一是环境卫生整治行动。本年度，组织大型全面整治活动{{environment.campaigns}}次，每月至少两次专项攻坚行动。"
        "累计组织人员{{environment.participants|余}}人次，清理垃圾、杂物、河道整治垃圾共计{{environment.waste_tons|余}}吨。"
        "利用精细化案件处置平台，共处置处理精细化案件{{grid.cases|余}}件，按期完成率达到{{grid.ontime_rate|以上}}。"
        "二是巡河工作。利用“河长通”APP巡河实现智能化河道巡查，共计巡河{{river.patrols|余2}}次，"
        "发现问题{{river.problems}}件，整改{{river.problems_fixed}}件；组织{{river.cleanup_participants|余}}人开展河道集中清理"
        "{{river.cleanups}}次，清理河岸垃圾杂物约{{river.cleanup_tons}}吨，整改成果成效明显，河段面貌得到了改善。"
        "三是林长制工作。已建立林长三级制度，各级林长制工作人员均下载了林长制APP，并开展常态化巡查。"
    ),
    "work_5": (
        "1、聚焦重点领域、重点问题，推动信访突出问题攻坚化解。截止目前排查信访事项{{petition.batches}}批次，"
        "涉及{{petition.people}}人，利用掌上调解APP软件调处民事矛盾纠纷案件共{{mediation.cases}}件，"
        "受理率达{{mediation.acceptance_rate}}、办结率达{{mediation.closure_rate}}，圆满完成“三率”工作。\n"
        "2、安全生产扎实有力。持续推进安全生产专项整治，联合相关部门对{{safety.three_in_one_shops}}家“三合一”商铺排查十余次，"
        "并下达整改通知；针对易燃品堆放、飞线充电等安全隐患拉网式排查人员密集场所涉及小区{{safety.crowded_compounds}}个、"
        "平房区{{safety.bungalow_areas}}处，有效预防了安全事故的发生；开展瓶装液化气罐安全隐患排查，"
        "共排查{{safety.lpg_shops}}家商铺，存在安全隐患{{safety.lpg_hazards}}家，已整改{{safety.lpg_rectified}}家。\n"
        "3、社会治理切实加强。一是健全“五社联动”工作机制。全面搭建“1＋2＋N”楼栋长工作团队，各社区均已组建“8＋N”志愿服务队，"
        "并常态化推进“党员包联户”工作，目前已帮扶各类困难群体{{welfare.hardship_households_helped}}户。"
        "二是切实维护社会稳定。严厉打击黑恶势力，成立了以“五室四统一”为标准的“绿洲家园”，健全社区矫正体系；"
        "积极开展邪教组织专项斗争，不定期对辖区进行周密排查清理，采取“四化”措施，做好帮教转化；三是全面推进平安海西建设。"
        "组建的“平安义警”队伍，形成“邻里守望、平安互助”的新常态。\n"
        "4、推动智慧化管理全覆盖。依托城市大脑和12345接诉即办智慧平台整合资源，依托“智慧城市”建设，创建共建共享的信息平台，"
        "实现民政、社保、城市管理等数据共享、多方利用。截至目前，“12345”热线共受理工单{{hotline.received}}件，"
        "办结{{hotline.closed}}件，退单{{hotline.returned}}件，办处中{{hotline.in_progress}}件，"
        "解决率{{hotline.resolution_rate}}，满意率{{hotline.satisfaction_rate}}；"
        "累计开展“民生微实事”{{livelihood.micro_projects}}件；{{care.teams}}支暖心小分队参与慰问活动{{care.visits}}次、"
        "帮扶活动{{care.help_actions}}次。"
    ),
    "work_6": (
        "1、民政工作。截至目前，办事处辖区共有城市低保户{{welfare.dibao_households}}户，{{welfare.dibao_people}}人，"
        "累计发放低保金{{welfare.dibao_paid}}元，发放特困人员护理补贴{{welfare.tekun_care_paid}}元，"
        "生活补贴{{welfare.tekun_living_paid}}元；临时救助共计{{welfare.temporary_aid_people}}人，"
        "救助金额{{welfare.temporary_aid_paid}}元；发放80岁以上老年人高龄津贴{{welfare.elderly_allowance_people}}人，"
        "累计发放金额{{welfare.elderly_allowance_paid}}元。\n"
        "2、社会事务工作。截止目前，城乡居民养老保险共办理新参保{{social.pension_new}}人，"
        "领取待遇{{social.pension_benefit_claims}}人次，共计领取养老待遇{{social.pension_benefit_paid}}元。"
        "灵活就业人员养老保险核定{{social.flexible_pension_verified}}人，城乡居民医疗保险参保核定{{social.medical_verified}}人，"
        "灵活就业医疗保险各项业务共办理{{social.flexible_medical_handled}}人。“40.50”新审批{{social.subsidy_4050_new}}人，"
        "“45.55”续享受社会保险救助{{social.subsidy_4555_continued}}人；办理《就业创业证》{{employment.certificates}}人，"
        "进行失业跟踪服务{{employment.unemployed_followups}}人次；农牧民劳动力资源减少恢复{{employment.rural_labor_restored}}人。"
        "家庭服务业调查入户登记{{employment.household_service_survey}}户。\n"
        "3、卫健工作。截止目前我办总人口{{population.total}}人，其中常住人口{{population.resident}}人，"
        "流动人口{{population.floating}}人。海西办“两癌”筛查工作完成数{{health.cancer_screenings}}人，"
        "完成率{{health.cancer_screening_rate}}；按照重点人员管控工作实际需要，成立鼠疫防控专班，"
        "我办共对{{health.plague_monitored}}名鼠疫重点人员进行健康监测，均未发现异常；"
        "进行特殊家庭帮扶{{health.special_families}}，其中失独{{health.bereaved_families}}，伤残{{health.disabled_families}}，"
        "上报应发放特扶金{{health.special_support_paid}}元。辖区内符合国家级奖扶的居民{{health.national_reward_people}}人，"
        "市级奖扶{{health.city_reward_people}}人。\n"
        "4、文化教育工作。通过多元途径宣传教育，目前达到健康教育全覆盖。居民的健康知识知晓率达到了{{health.knowledge_rate}}，"
        "健康生活方式与行为形成率达{{health.lifestyle_rate}}，基本技能掌握率达{{health.skills_rate}}；"
        "开展重要节假日文娱主题活动{{culture.festival_events}}场，移风易俗活动{{culture.custom_reform_events}}场，"
        "全民阅读活动{{culture.reading_events}}场，给群众带来充足的文化获得感，做到用“群众话”解读“新思想”。"
    ),
    "problems": (
        "一是权责划分需进一步厘清。职责划分困难不对等，例如自然资源、城乡建设、应急管理、综合执法等重点工作中，"
        "虽然有镇街权责清单为基层减负增效，但共同承担且层级间职责不清的工作，执法权限在行业主管部门，"
        "大量基础性工作需要属地街道完成，容易出现推诿扯皮或无人管理的现象。二是基层干部待遇发展受限。"
        "街道工作人员现有行政人员、事业人员、合同制人员三种身份，由于基层工作繁杂，遇到急难险重工作混岗使用是常态，"
        "出现＂同工不同身份＂＂同工不同酬劳＂等问题，进而造成基层干部心理上的不平衡，工作积极性不高。"
        "三是基层治理工作缺乏相应部门协同处理。如拆迁项目停滞、涉法涉诉等问题，街道在做好属地解释、安抚的同时无法从根源解决问题，"
        "应由相应职能部门协同处理，维护辖区安定。"
    ),
    "plan_intro": (
        "{{street}}{{next_year}}年总体工作思路是：坚持以新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神和对内蒙古系列重要指示批示精神，"
        "统筹稳增长、促改革、调结构、惠民生、防风险各项工作，全面提升经济能级、治理能级、生态能级、人口能级，"
        "以实干实绩实效为全方位建设模范自治区贡献力量。主要做好以下几项工作："
    ),
    "plan_1": (
        "{{next_year}}年办事处通过以商招商、产业招商优化辖区经济结构。一是大力推进优质高效项目建设。"
        "对辖区产业发展进行深入谋划和科学布局，为招商引资提供保障；二是聚力打造优质高效的政务服务环境，"
        "为企业全流程提供帮办代办服务，创造惠企利企的市场环境；三是持续优化营商环境，常态化入企帮扶，助企纾难解困。"
    ),
    "plan_2": (
        "{{next_year}}年{{street}}着力资源高效利用和城市品质提升，以规划引领，树立“项目为王”的鲜明导向，"
        "实施辖区部分区域更新，优化城市宜居环境，持续释放发展空间。一是全力推动项目建设。"
        "计划实施包括城发绿园、金汇佳苑、熙湖国际、祥生澜庭樾{{plan.key_projects|汉字}}个500万元以上重点项目，"
        "建立重点项目保障机制、领导干部包联机制，确保各项目顺利推进。二是持续推进老旧小区改造工作。"
        "预计对{{plan.renovation_compounds}}个小区施工改造，涉及{{plan.renovation_area|万}}平方米、"
        "{{plan.renovation_buildings}}栋楼、{{plan.renovation_households}}户，"
        "计划改造内容包括基础类改造、完善类改造和提升类改造三方面，改造完成后将全面提升小区宜居水平。"
    ),
    "plan_3": (
        "一是持续完善政务服务。更好发挥有效市场和有为政府的作用，深化“放管服”改革，加快推进政务服务标准化规范化便利化。"
        "深化“一网通办”改革，实现“免证办”“掌上办”，让居民和企业办事少跑腿、更省心。二是持续完善社会保障体系。"
        "推进社保扩面提质，完善多层次、多支柱社会保障体系。集中力量提升“一老一小”服务，补齐社区服务设施短板。"
        "优化困难群众动态监测、主动发现和急难救助等长效机制。扎实做好妇联、工会、红十字等工作。三是推动实现充分就业。"
        "坚持稳岗、减负、扩就业并举，支持和规范发展新就业形态。统筹推进重点群体就业帮扶，组织开展开展职业技能培训。"
    ),
    "plan_4": (
        "一是倡导节约集约的绿色生活方式。加强低碳生活宣传引导，开展交通绿色转型到节约型机关、绿色社区、绿色学校创建行动，"
        "助力打造高品质生活环境，形成文明健康生活风尚。二是加快推进数字化治理模块建设。利用智慧化平台实现管理全覆盖，"
        "城市精细化管理智慧化，协同、开放。三是坚决打赢蓝天保卫战。巩固燃煤散烧综合治理成效，开展常态化巡查和实施整改。"
    ),
    "plan_5": (
        "一是切实做好维稳工作。认真落实矛盾纠纷排查调处，规范信访工作制度。定时抽调区域不稳定因素，制定处置突发性事件预案，"
        "加大水电气及物业管理等重点领域不稳定因素排查力度，做好重点人员稳控，确保辖区重大节点期间地区和谐稳定。"
        "二是坚持共建共治共享的社会治理制度。建立网格化管理、数字平台支撑的开放共享平台，有效增强街道社区为民服务能力，"
        "依法有序组织居民群众参与基层治理。"
    ),
}

# Every indicator code of the contract (shared/seed/figures.md): a placeholder naming one of these is valid
# even while its app has not registered it yet (it then renders as missing).
_CONTRACT = """
party.strong_branches publicity.ethnic_unity_events publicity.ethnic_unity_lectures religion.sites
integrity.warning_sessions integrity.warning_attendance integrity.admonitions integrity.criticisms integrity.talks
integrity.party_warnings integrity.archives org.study_sessions org.communities_urban org.communities_village
org.secretaries_replaced org.post90_deputies_coverage org.civilized_communities org.civilized_compounds
publicity.ideology_meetings publicity.ideology_reviews publicity.lectures publicity.lecture_audience
publicity.online_commentators publicity.adopted_central publicity.adopted_region publicity.adopted_city
publicity.adopted_district publicity.science_materials publicity.science_audience militia.emergency_company
militia.emergency_platoon militia.core_militia conscription.campaigns conscription.materials conscription.banners
conscription.registered conscription.registration_rate veterans.collected veterans.cards_issued veterans.plaques
economy.enterprises economy.verified economy.investments reform.duty_items reform.shared_items
reform.statutory_days reform.compressed_days reform.compression_ratio services.assisted services.residents_served
cobuild.list_items cobuild.completion_rate enforcement.issues_collected projects.renovation_done
projects.rebuild_done property.committees_coverage legacy.residential_projects legacy.nonresidential_projects
civilization.rectifications waste.compounds_covered waste.bins safety.coal_checked environment.campaigns
environment.participants environment.waste_tons grid.cases grid.ontime_rate river.patrols river.problems
river.problems_fixed river.cleanups river.cleanup_participants river.cleanup_tons petition.batches petition.people
mediation.cases mediation.acceptance_rate mediation.closure_rate safety.three_in_one_shops safety.crowded_compounds
safety.bungalow_areas safety.lpg_shops safety.lpg_hazards safety.lpg_rectified welfare.hardship_households_helped
hotline.received hotline.closed hotline.returned hotline.in_progress hotline.resolution_rate
hotline.satisfaction_rate livelihood.micro_projects care.teams care.visits care.help_actions
welfare.dibao_households welfare.dibao_people welfare.dibao_paid welfare.tekun_care_paid welfare.tekun_living_paid
welfare.temporary_aid_people welfare.temporary_aid_paid welfare.elderly_allowance_people
welfare.elderly_allowance_paid social.pension_new social.pension_benefit_claims social.pension_benefit_paid
social.flexible_pension_verified social.medical_verified social.flexible_medical_handled social.subsidy_4050_new
social.subsidy_4555_continued employment.certificates employment.unemployed_followups
employment.rural_labor_restored employment.household_service_survey population.total population.resident
population.floating health.cancer_screenings health.cancer_screening_rate health.plague_monitored
health.special_families health.bereaved_families health.disabled_families health.special_support_paid
health.national_reward_people health.city_reward_people health.knowledge_rate health.lifestyle_rate
health.skills_rate culture.festival_events culture.custom_reform_events culture.reading_events plan.key_projects
plan.renovation_compounds plan.renovation_area plan.renovation_buildings plan.renovation_households
"""
CONTRACT_CODES = frozenset(_CONTRACT.split())

"""The brief's fixed template: headings and sentences with `{{code}}` placeholders (the annual report's
syntax, see jiedao/reports/annual/placeholders.py), in order. No narrative is edited per period.

Lists the records give (activities by type, completed projects, milestones reached) are written where the
outline names ACTIVITIES, PROJECTS and MILESTONES (rendering.py).
"""

from __future__ import annotations

TITLE = "{place}工作简报（{label}）"
PERIOD_LINE = "统计期间：{start}至{end}。本简报数据均由平台根据工单和台账记录统计，办结、在办等状态截至期末。"

ACTIVITIES, PROJECTS, MILESTONES = "@activities", "@projects", "@milestones"

# (block kind, text): "h1" 一、 (黑体), "h2" （一） (楷体), "p" a paragraph; "list" one of the lists above.
OUTLINE: tuple[tuple[str, str], ...] = (
    ("h1", "一、工单办理"),
    ("h2", "（一）12345热线"),
    (
        "p",
        "本期受理12345工单{{hotline.received}}件，截至期末办结{{hotline.closed}}件、退单{{hotline.returned}}件、"
        "在办{{hotline.in_progress}}件；回访解决率{{hotline.resolution_rate}}，满意率{{hotline.satisfaction_rate}}。",
    ),
    ("h2", "（二）网格化管理"),
    (
        "p",
        "本期受理网格巡查案件{{grid.cases}}件；办结期限在本期的网格巡查案件按期办结率{{grid.ontime_rate}}。",
    ),
    ("h2", "（三）信访和矛盾纠纷调解"),
    (
        "p",
        "本期受理信访事项{{petition.batches}}批次，涉及{{petition.people}}人；登记矛盾纠纷{{mediation.cases}}件，"
        "受理率{{mediation.acceptance_rate}}，办结率{{mediation.closure_rate}}。",
    ),
    ("h1", "二、台账工作"),
    ("h2", "（一）活动开展"),
    ("p", "本期共开展各类活动{{brief.activities}}场次。"),
    ("list", ACTIVITIES),
    ("h2", "（二）信息宣传"),
    (
        "p",
        "本期报送信息稿件{{brief.info_submitted}}篇；稿件被中央级媒体采用{{publicity.adopted_central}}篇、"
        "自治区级媒体采用{{publicity.adopted_region}}篇、市级媒体采用{{publicity.adopted_city}}篇、"
        "区级媒体采用{{publicity.adopted_district}}篇。",
    ),
    ("h1", "三、项目推进"),
    ("h2", "（一）项目完工"),
    (
        "p",
        "本期完工项目{{brief.projects_completed}}个，其中老旧小区改造{{projects.renovation_done}}个、"
        "危楼重建{{projects.rebuild_done}}个。",
    ),
    ("list", PROJECTS),
    ("h2", "（二）项目节点"),
    (
        "p",
        "本期完成项目节点{{brief.milestones_reached}}个，其中按计划日期完成{{brief.milestones_on_time}}个。",
    ),
    ("list", MILESTONES),
)
# At most this many projects or milestones are named; the rest are counted ("等N个").
LIST_LIMIT = 10

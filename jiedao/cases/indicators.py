"""The case engine's figures: hotline.*, grid.*, petition.*, mediation.*, river.problems*,
enforcement.issues_collected.

Flows are the cases received in the period (by received_at, with datetime bounds so the period's last day
counts whole). 办结/退单/在办 are stocks over that flow: the state at the period's end of the cases received
in it, read from the move timestamps (see jiedao.cases.kpis; a later reopening is not replayed backwards).
Callback rates are over the callbacks of the cases received in the period.
"""

from jiedao.cases.kpis import (
    ANSWERED_Q,
    bounds,
    closed_on_time_q,
    closed_q,
    in_progress_q,
    received_in,
    returned_q,
    satisfied_values,
)
from jiedao.cases.models import Case, Source
from jiedao.core.figures import Indicator, Part, Ratio, SumOf, register


def _end(period):
    return bounds(period.start, period.end)[1]


def hotline(period):
    return received_in(period.start, period.end, source=Source.HOTLINE)


def hotline_closed(period):
    return hotline(period).filter(closed_q(_end(period)))


def hotline_returned(period):
    return hotline(period).filter(returned_q(_end(period)))


def hotline_in_progress(period):
    return hotline(period).filter(in_progress_q(_end(period)))


def hotline_callbacks(period):
    return hotline(period).filter(ANSWERED_Q)


def grid_due(period):
    since, until = bounds(period.start, period.end)
    return Case.objects.filter(source=Source.GRID, due_at__gte=since, due_at__lt=until)


def river_problems(period):
    return received_in(period.start, period.end, source=Source.RIVER)


def disputes(period):
    return received_in(period.start, period.end, source=Source.DISPUTE)


def disputes_accepted(period):
    # Acceptance computes the response deadline; a dispute returned before acceptance has none.
    return disputes(period).filter(response_due_at__isnull=False)


register(
    Indicator("hotline.received", "12345受理工单", "件", "年内受理的12345工单", records=hotline),
    Indicator("hotline.closed", "办结", "件", "年内受理的12345工单中，年末已办结的", records=hotline_closed),
    Indicator(
        "hotline.returned", "退单", "件", "年内受理的12345工单中，年末已退单的", records=hotline_returned
    ),
    Indicator(
        "hotline.in_progress",
        "办处中",
        "件",
        "年内受理的12345工单中，年末既未办结也未退单的",
        records=hotline_in_progress,
    ),
    Indicator(
        "hotline.resolution_rate",
        "解决率",
        "%",
        "回访评价为已解决的工单 ÷ 有回访评价的工单",
        measure=Ratio(
            Part(lambda p: hotline_callbacks(p).filter(callback_resolved=True)), Part(hotline_callbacks)
        ),
    ),
    Indicator(
        "hotline.satisfaction_rate",
        "满意率",
        "%",
        "回访评价为满意（按设置含基本满意）的工单 ÷ 有回访评价的工单",
        measure=Ratio(
            Part(lambda p: hotline_callbacks(p).filter(callback_satisfaction__in=satisfied_values())),
            Part(hotline_callbacks),
        ),
    ),
    Indicator(
        "grid.cases",
        "精细化案件处置",
        "件",
        "年内受理的网格巡查案件",
        records=lambda p: received_in(p.start, p.end, source=Source.GRID),
    ),
    Indicator(
        "grid.ontime_rate",
        "精细化案件按期完成率",
        "%",
        "办结期限在年内的网格巡查案件中，按期办结的 ÷ 全部",
        measure=Ratio(
            Part(lambda p: grid_due(p).filter(closed_on_time_q(_end(p)))),
            Part(grid_due),
        ),
    ),
    Indicator(
        "petition.batches",
        "信访事项",
        "批次",
        "年内受理的信访事项",
        records=lambda p: received_in(p.start, p.end, source=Source.PETITION),
    ),
    Indicator(
        "petition.people",
        "信访涉及人数",
        "人",
        "年内受理的信访事项涉及的人数之和",
        records=lambda p: received_in(p.start, p.end, source=Source.PETITION),
        measure=SumOf("people_count"),
    ),
    Indicator("mediation.cases", "调处矛盾纠纷", "件", "年内登记的矛盾纠纷", records=disputes),
    Indicator(
        "mediation.acceptance_rate",
        "受理率",
        "%",
        "年内登记的矛盾纠纷中已受理的 ÷ 登记的",
        measure=Ratio(Part(disputes_accepted), Part(disputes)),
    ),
    Indicator(
        "mediation.closure_rate",
        "办结率",
        "%",
        "已受理的矛盾纠纷中年末已办结的 ÷ 已受理的",
        measure=Ratio(
            Part(lambda p: disputes_accepted(p).filter(closed_q(_end(p)))), Part(disputes_accepted)
        ),
    ),
    Indicator(
        "enforcement.issues_collected",
        "重点难点问题收集",
        "条",
        "年内收集的综合执法问题",
        records=lambda p: received_in(p.start, p.end, source=Source.ENFORCEMENT),
    ),
    Indicator("river.problems", "巡河发现问题", "件", "年内巡河发现的问题", records=river_problems),
    Indicator(
        "river.problems_fixed",
        "巡河问题整改",
        "件",
        "年内巡河发现的问题中，年末已整改（办结）的",
        records=lambda p: river_problems(p).filter(closed_q(_end(p))),
    ),
)

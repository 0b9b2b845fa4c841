"""Everything the dashboard page shows for one user, period and area: cards and charts with their links."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from jiedao.cases.kpis import rate
from jiedao.cobuild.models import RectificationStatus
from jiedao.core import charts
from jiedao.core.models import Area, AreaLevel
from jiedao.reports.dashboard import links, others
from jiedao.reports.dashboard.cases import METRICS, SOURCES, add, case_figures, zero
from jiedao.reports.dashboard.params import Period, month_end

VIEW_CASES = "cases.view_case"
VIEW_RESIDENTS = "registry.view_resident"
VIEW_ACTIVITIES = "activities.view_activity"
VIEW_PROJECTS = "projects.view_project"
VIEW_RECTIFICATIONS = "cobuild.view_rectification"
CHART_METRICS = ("received", "closed", "returned", "overdue")


@dataclass
class Card:
    label: str
    value: int | Decimal | None
    unit: str
    url: str
    icon: str
    previous: int | Decimal | None = None
    compared: bool = True  # False: a figure of today, with no year-earlier value
    note: str = ""

    @property
    def change(self) -> str | None:
        """Year-over-year: a percentage for counts, percentage points for rates; None without a base."""
        if not self.compared or self.value is None or self.previous is None:
            return None
        if self.unit == "%":
            return f"{self.value - self.previous:+.2f}个百分点"
        if not self.previous:
            return None
        return f"{(Decimal(self.value) - self.previous) * 100 / self.previous:+.1f}%"

    @property
    def trend(self) -> int:
        if self.value is None or self.previous is None:
            return 0
        return (self.value > self.previous) - (self.value < self.previous)


def _sum(counts: dict, sources) -> dict:
    total = zero()
    for source in sources:
        add(total, counts.get(source, zero()))
    return total


class CaseSection:
    """The case cards and charts."""

    def __init__(self, *, area: Area, period: Period, source: str):
        self.area, self.period, self.source = area, period, source
        self.figures = case_figures(area=area, period=period, source=source)
        self.sources = [source] if source else list(SOURCES)

    def url(self, metric: str, *, start: date | None = None, end: date | None = None, **kw) -> str:
        kw.setdefault("area", self.area)
        kw.setdefault("source", self.source)
        return links.cases_url(
            metric, start=start or self.period.start, end=end or self.period.end, asof=self.period.end, **kw
        )

    def cards(self) -> list[Card]:
        cur, prev = self.figures.current, self.figures.previous
        hotline, hotline_before = cur.get("hotline", zero()), prev.get("hotline", zero())
        grid, grid_before = cur.get("grid", zero()), prev.get("grid", zero())
        both, both_before = _sum(cur, SOURCES), _sum(prev, SOURCES)

        def count(label, metric, source, now, before, icon):
            url = self.url(metric, source=source)
            return Card(label, now[metric], "件", url, icon, previous=before[metric])

        return [
            count("12345受理量", "received", "hotline", hotline, hotline_before, "telephone-inbound"),
            count("12345办结量", "closed", "hotline", hotline, hotline_before, "check2-circle"),
            Card(
                "12345满意率",
                rate(hotline["satisfied"], hotline["callbacks"]),
                "%",
                self.url("callbacks", source="hotline"),
                "emoji-smile",
                previous=rate(hotline_before["satisfied"], hotline_before["callbacks"]),
                note=f"回访{hotline['callbacks']}件",
            ),
            count("网格案件数", "received", "grid", grid, grid_before, "grid-3x3"),
            Card(
                "按期办结率",
                rate(both["closed_on_time"], both["closed"]),
                "%",
                self.url("closed", source=""),
                "alarm",
                previous=rate(both_before["closed_on_time"], both_before["closed"]),
                note=f"12345与网格，办结{both['closed']}件",
            ),
        ]

    def by_month(self) -> tuple[dict, dict]:
        """Received/closed/returned/overdue by month (bars) and 按期办结率/满意率 by month (lines)."""
        months = self.period.months()
        names = [f"{m.month}月" for m in months]
        counts = {
            m: _sum({s: self.figures.by_month.get((m, s), zero()) for s in self.sources}, self.sources)
            for m in months
        }

        def month_url(metric, m):
            return self.url(metric, start=m, end=min(month_end(m), self.period.end))

        bars = [
            (METRICS[metric], [charts.point(counts[m][metric], month_url(metric, m)) for m in months])
            for metric in CHART_METRICS
        ]
        rates = [
            (
                "按期办结率",
                [
                    charts.point(
                        _float(rate(counts[m]["closed_on_time"], counts[m]["closed"])), month_url("closed", m)
                    )
                    for m in months
                ],
            ),
            (
                "满意率",
                [
                    charts.point(
                        _float(rate(counts[m]["satisfied"], counts[m]["callbacks"])),
                        month_url("callbacks", m),
                    )
                    for m in months
                ],
            ),
        ]
        return charts.bars(names, bars), charts.lines(names, rates)

    def by_category(self) -> dict | None:
        if not self.figures.by_category:
            return None
        names = [c.name for c, _ in self.figures.by_category]
        data = [charts.point(n, self.url("received", category=c)) for c, n in self.figures.by_category]
        return charts.bars(names, [("受理", data)], horizontal=True)

    def by_area(self) -> dict | None:
        """By community (of a street) or grid (of a community); cases placed on the area itself as 本级."""
        children = list(Area.objects.filter(parent=self.area).order_by("path"))
        if not children:
            return None
        under = dict(Area.objects.filter(path__startswith=self.area.path).values_list("pk", "path"))
        groups: dict[int, dict] = {}
        for (area_id, source), counts in self.figures.by_area.items():
            if source not in self.sources:
                continue
            path = under.get(area_id, "")
            child = next((c for c in children if path.startswith(c.path)), None)
            add(groups.setdefault(child.pk if child else self.area.pk, zero()), counts)
        shown = [c for c in children if c.is_current or c.pk in groups]
        buckets = [(c, False, c.name) for c in shown]
        if self.area.pk in groups:
            buckets.append((self.area, True, "本级"))
        series = [
            (
                METRICS[metric],
                [
                    charts.point(groups.get(a.pk, zero())[metric], self.url(metric, area=a, exact=exact))
                    for a, exact, _ in buckets
                ],
            )
            for metric in CHART_METRICS
        ]
        return charts.bars([name for _, _, name in buckets], series)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def population_section(user, area) -> tuple[Card, dict | None, dict]:
    figures = others.cached_population(user, area)
    params = figures["params"]
    card = Card(
        "实有人口",
        figures["total"],
        "人",
        links.residents_url(params),
        "people",
        previous=figures["previous"],
        note=f"在册人数（{timezone.localtime(figures['counted_at']):%H:%M}统计），较一年前",
    )
    residence = (
        None
        if not figures["total"]
        else charts.pie(
            [
                ("常住", figures["permanent"], links.residents_url(params, residence="permanent")),
                ("流动", figures["floating"], links.residents_url(params, residence="floating")),
            ]
        )
    )
    ages = charts.bars(
        [label for _, label, _ in figures["bands"]],
        [
            (
                "人口",
                [charts.point(n, links.residents_url(params, age=code)) for code, _, n in figures["bands"]],
            )
        ],
    )
    return card, residence, ages


def activity_card(user, area, period: Period) -> Card:
    figures = others.activities(user, area, period)
    return Card(
        "活动场次",
        figures["current"],
        "场",
        links.activities_url(figures["params"]),
        "calendar-event",
        previous=figures["previous"],
    )


def project_section(user, area) -> tuple[Card, dict | None]:
    figures = others.projects(user, area)
    params = figures["params"]
    card = Card(
        "在建项目",
        figures["building"],
        "个",
        links.projects_url(params, status="building"),
        "building-gear",
        compared=False,
        note="当前状态",
    )
    if not figures["kinds"]:
        return card, None
    kinds = figures["kinds"]
    option = charts.bars(
        [k["label"] for k in kinds],
        [
            ("项目数", [charts.point(k["count"], links.projects_url(params, kind=k["kind"])) for k in kinds]),
            (
                "已完工",
                [
                    charts.point(
                        k["completed"], links.projects_url(params, kind=k["kind"], status="completed")
                    )
                    for k in kinds
                ],
            ),
        ],
    )
    # The average progress on a second axis, in percent; its points open the kind's list too.
    option["yAxis"] = [option["yAxis"], {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}}]
    option["series"].append(
        {
            "name": "平均进度",
            "type": "line",
            "yAxisIndex": 1,
            "cursor": "pointer",
            "data": [
                charts.point(round(float(k["progress"] or 0), 1), links.projects_url(params, kind=k["kind"]))
                for k in kinds
            ],
        }
    )
    return card, option


def rectification_section(user, area, period: Period) -> tuple[Card, dict | None]:
    """整改率 of the 创城整改 items found in the period, and the items by category and status."""
    figures = others.rectifications(user, area, period)
    params, totals = figures["params"], figures["totals"]
    card = Card(
        "创城整改率",
        totals["rate"],
        "%",
        links.rectifications_url(params),
        "tools",
        previous=figures["previous"]["rate"],
        note=f"已整改{totals[RectificationStatus.DONE]}/{totals['total']}项，逾期{totals['overdue']}项",
    )
    categories = figures["categories"]
    if not categories:
        return card, None
    series = [
        (
            label,
            [
                charts.point(
                    c[status], links.rectifications_url(params, category=c["category"], status=status)
                )
                for c in categories
            ],
        )
        for status, label in RectificationStatus.choices
    ]
    option = charts.bars([c["label"] for c in categories], series)
    option["color"] = [charts.RED, charts.AMBER, charts.GREEN]  # 待整改, 整改中, 已整改
    for bar in option["series"]:
        bar["stack"] = "status"
    return card, option


def dashboard(user, *, area: Area, period: Period, source: str = "") -> dict:
    """The page's `cards` and `charts` (id → {title, option}), only of what the user may see."""
    cards, shown = [], {}
    if user.has_perm(VIEW_CASES):
        section = CaseSection(area=area, period=period, source=source)
        cards += section.cards()
        months, rates = section.by_month()
        shown["cases-month"] = ("工单按月（受理、办结、退单、超期）", months)
        shown["cases-rates"] = ("按期办结率与满意率（按月）", rates)
        shown["cases-area"] = ("工单按" + ("社区" if area.level == "street" else "网格"), section.by_area())
        shown["cases-category"] = ("工单分类（受理量前10）", section.by_category())
    if user.has_perm(VIEW_RESIDENTS):
        card, residence, ages = population_section(user, area)
        cards.append(card)
        shown["population-residence"] = ("人口构成（常住/流动）", residence)
        shown["population-age"] = ("人口年龄段", ages)
    if user.has_perm(VIEW_ACTIVITIES):
        cards.append(activity_card(user, area, period))
    if user.has_perm(VIEW_PROJECTS):
        card, option = project_section(user, area)
        cards.append(card)
        shown["projects"] = ("项目进展（按类型）", option)
    if user.has_perm(VIEW_RECTIFICATIONS) and area.level != AreaLevel.GRID:
        card, option = rectification_section(user, area, period)
        cards.append(card)
        shown["rectifications"] = ("创城整改进度（按问题类别）", option)
    chart_list = [
        {"id": f"dash-{key}", "title": title, "option": option}
        for key, (title, option) in shown.items()
        if option
    ]
    return {"cards": cards, "charts": chart_list, "today": timezone.localdate()}

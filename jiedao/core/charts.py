"""ECharts options (the dashboard's, a target's tracking chart), built server-side so that every data point
carries its drill-down URL (`{"value": n, "url": …}`); jiedao/static/jiedao/dashboard.js draws each option and
opens `url` on a click."""

COLORS = ["#1f5aa6", "#3a9a5b", "#c0504d", "#e0a030", "#7b5ea7", "#2b9bb3"]
GREEN, RED, AMBER = COLORS[1:4]


def point(value, url: str | None) -> dict:
    # ECharts draws "-" as a gap (a month without a rate).
    return {"value": "-" if value is None else value, "url": url}


def bars(names: list[str], series: list[tuple[str, list[dict]]], *, horizontal=False, percent=False) -> dict:
    category_axis = {"type": "category", "data": names, "axisLabel": {"interval": 0, "hideOverlap": True}}
    value_axis = {"type": "value", "minInterval": 1}
    if percent:
        value_axis |= {"max": 100, "axisLabel": {"formatter": "{value}%"}}
    if not horizontal and len(names) > 6:
        category_axis["axisLabel"]["rotate"] = 30
    if horizontal:
        category_axis["inverse"] = True  # the largest on top
    return {
        "color": COLORS,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "type": "scroll"},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 32, "containLabel": True},
        "xAxis": value_axis if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axis,
        "series": [
            {"name": name, "type": "bar", "data": data, "barMaxWidth": 28, "cursor": "pointer"}
            for name, data in series
        ],
    }


def lines(names: list[str], series: list[tuple[str, list[dict]]]) -> dict:
    option = bars(names, series, percent=True)
    option["tooltip"] = {"trigger": "axis"}
    for s in option["series"]:
        s |= {"type": "line", "connectNulls": False, "symbolSize": 8}
    option["yAxis"].pop("minInterval", None)
    return option


def pie(items: list[tuple[str, int, str]]) -> dict:
    return {
        "color": COLORS,
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}（{d}%）"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "cursor": "pointer",
                "label": {"formatter": "{b}\n{c}"},
                "data": [{"name": name, "value": value, "url": url} for name, value, url in items],
            }
        ],
    }

"""The economy's indicators: economy.enterprises, economy.verified, economy.investments."""

from jiedao.core.figures import Indicator, register
from jiedao.enterprises.figures import enterprises_active_at, leads_settled_in, visits_in

register(
    Indicator(
        "economy.enterprises",
        "经济名录库维护",
        "家",
        "年末在经济名录库中且存续的企业",
        records=lambda p: enterprises_active_at(p.end),
    ),
    Indicator(
        "economy.verified",
        "实地核查",
        "家(次)",
        "年内的实地核查记录",
        records=lambda p: visits_in(p.start, p.end),
    ),
    Indicator(
        "economy.investments",
        "招商引资",
        "家",
        "年内落地的招商引资项目",
        records=lambda p: leads_settled_in(p.start, p.end),
    ),
)

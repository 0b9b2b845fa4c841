"""The economic directory's ledgers for the import/export engine: enterprises (企业名录), verification visits
(实地核查) and investment leads (招商引资项目). Imports write through the bulk path; exports mask contact
phones unless the user may see them in full. The engine finds them by importing this package."""

from jiedao.enterprises.ledgers.common import (
    MSG_AREA_OUT_OF_SCOPE,
    MSG_COMMUNITY_UNKNOWN,
    MSG_ENTERPRISE_UNKNOWN,
    MSG_GRID_UNKNOWN,
    MSG_LEAD_ELSEWHERE,
    MSG_LEFT_ON_ACTIVE,
    MSG_LEFT_ON_REQUIRED,
    MSG_REINSTATE,
    MSG_USCC_ELSEWHERE,
    MSG_USER_UNKNOWN,
)
from jiedao.enterprises.ledgers.enterprises import EnterpriseLedger
from jiedao.enterprises.ledgers.leads import LeadLedger
from jiedao.enterprises.ledgers.visits import VisitLedger

__all__ = [
    "MSG_AREA_OUT_OF_SCOPE",
    "MSG_COMMUNITY_UNKNOWN",
    "MSG_ENTERPRISE_UNKNOWN",
    "MSG_GRID_UNKNOWN",
    "MSG_LEAD_ELSEWHERE",
    "MSG_LEFT_ON_ACTIVE",
    "MSG_LEFT_ON_REQUIRED",
    "MSG_REINSTATE",
    "MSG_USCC_ELSEWHERE",
    "MSG_USER_UNKNOWN",
    "EnterpriseLedger",
    "LeadLedger",
    "VisitLedger",
]

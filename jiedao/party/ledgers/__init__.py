"""The party, integrity and honour ledgers for the import/export engine: 党支部, 党员, 工作人员职责, 廉政档案,
执纪记录 and 荣誉.

These ledgers hold hundreds of rows, not millions, so they write through the services, the same functions the
pages call: `prepare()` looks up what the rows name, then runs every row's write in a transaction it rolls
back (a dry run), so that every rule of the services — areas in scope, dates, unique keys, within the file
too — is reported with its row and column before anything is written; `write()` then does it for real.
"""

from jiedao.party.ledgers.base import (
    MSG_AREA_UNKNOWN,
    MSG_BRANCH_UNKNOWN,
    MSG_COMPOUND_COMMUNITY,
    MSG_COMPOUND_UNKNOWN,
    MSG_DUPLICATE,
    MSG_GRID_UNKNOWN,
    MSG_USER_UNKNOWN,
    ServiceLedger,
)
from jiedao.party.ledgers.branches import BranchLedger, DutyLedger, MemberLedger
from jiedao.party.ledgers.honours import HonourLedger
from jiedao.party.ledgers.integrity import ArchiveLedger, DisciplineLedger

__all__ = [
    "MSG_AREA_UNKNOWN",
    "MSG_BRANCH_UNKNOWN",
    "MSG_COMPOUND_COMMUNITY",
    "MSG_COMPOUND_UNKNOWN",
    "MSG_DUPLICATE",
    "MSG_GRID_UNKNOWN",
    "MSG_USER_UNKNOWN",
    "ArchiveLedger",
    "BranchLedger",
    "DisciplineLedger",
    "DutyLedger",
    "HonourLedger",
    "MemberLedger",
    "ServiceLedger",
]

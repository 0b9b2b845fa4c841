"""The co-building ledgers for the import/export engine: 共建三项清单 (cobuild_items), 创城整改
(rectifications), 垃圾分类设施 (waste_facilities, one row per compound) and 物管会 (property_committees).
The engine finds them by importing this package."""

from jiedao.cobuild.ledgers.committees import PropertyCommitteeLedger
from jiedao.cobuild.ledgers.items import CobuildItemLedger
from jiedao.cobuild.ledgers.rectifications import RectificationLedger
from jiedao.cobuild.ledgers.waste import WasteFacilityLedger

__all__ = ["CobuildItemLedger", "PropertyCommitteeLedger", "RectificationLedger", "WasteFacilityLedger"]

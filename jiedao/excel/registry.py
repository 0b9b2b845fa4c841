"""The ledgers known to the engine: every installed app's `ledgers.py` registers its own."""

from django.utils.module_loading import autodiscover_modules

from jiedao.excel.spec import Ledger

_LEDGERS: dict[str, Ledger] = {}

MSG_UNKNOWN_LEDGER = "没有名为“{code}”的台账。可用的台账：{known}"


class UnknownLedger(LookupError):
    pass


def register(cls: type[Ledger]) -> type[Ledger]:
    if cls.code in _LEDGERS and type(_LEDGERS[cls.code]) is not cls:
        raise ValueError(f"ledger code {cls.code!r} registered twice")
    _LEDGERS[cls.code] = cls()
    return cls


def get_ledger(code: str) -> Ledger:
    try:
        return _LEDGERS[code]
    except KeyError:
        known = "、".join(f"{c}（{spec.title}）" for c, spec in sorted(_LEDGERS.items())) or "无"
        raise UnknownLedger(MSG_UNKNOWN_LEDGER.format(code=code, known=known)) from None


def all_ledgers() -> list[Ledger]:
    return [_LEDGERS[c] for c in sorted(_LEDGERS)]


def autodiscover() -> None:
    autodiscover_modules("ledgers")

"""The records behind the party, integrity and honour indicators (seed/figures.md: party.strong_branches,
integrity.admonitions/criticisms/talks/party_warnings/archives, publicity.online_commentators,
org.civilized_communities, org.civilized_compounds). Each function takes the period and returns the queryset
behind the number.

Titles and honours are awarded for a year: a period counts those of the years it touches."""

from jiedao.party.models import (
    DisciplineRecord,
    DutyKind,
    Honour,
    IntegrityArchive,
    PartyBranch,
    StaffDuty,
    TitleKind,
)


def _years(period) -> tuple[int, int]:
    return period.start.year, period.end.year


def branches_titled(period, title: str = TitleKind.STRONGEST):
    """Branches holding `title` for a year of the period (最强党支部N个)."""
    first, last = _years(period)
    return PartyBranch.objects.filter(titles__title=title, titles__year__range=(first, last)).distinct()


def discipline(period, kind: str):
    """Discipline records of `kind` (the indicator places them in the period by occurred_on)."""
    return DisciplineRecord.objects.filter(kind=kind)


def archives(period):
    """Integrity archives (the indicator places them in the period by filed_on)."""
    return IntegrityArchive.objects.all()


def commentators(period):
    """网评员 duties held at the period's end."""
    return StaffDuty.objects.active_on(period.end).filter(duty=DutyKind.COMMENTATOR)


def honours(period, kind: str):
    first, last = _years(period)
    return Honour.objects.filter(kind=kind, year__range=(first, last))

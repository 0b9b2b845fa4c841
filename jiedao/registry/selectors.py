"""Searching and counting the registry."""

import re
from datetime import date

from django.db import connection
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from jiedao.core.crypto import mobile_index, resident_id_index
from jiedao.core.models import Area
from jiedao.registry.models import (
    ELDERLY_AGE,
    ELDERLY_AGE_TAG,
    Building,
    Compound,
    Household,
    Premises,
    Relation,
    Resident,
    ResidentStatus,
    ResidentTag,
    Tag,
)

_LETTERS = re.compile(r"^[A-Za-z]+$")
_DIGITS = re.compile(r"^[0-9Xx０-９ \-]+$")
# What an address has and a name has not: digits, or the words of compounds, buildings and streets.
_ADDRESS_HINT = re.compile(r"[0-9０-９]|小区|花园|家园|家属|大院|院|号|楼|单元|路|街|巷|村|排|苑|城|府|庭|区")

AGE_BANDS = [
    ("0-17", "0–17岁", 0, 17),
    ("18-34", "18–34岁", 18, 34),
    ("35-59", "35–59岁", 35, 59),
    ("60-79", "60–79岁", 60, 79),
    ("80+", "80岁及以上", 80, 150),
]


def _years_ago(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def age_between(queryset: QuerySet, low: int, high: int, on: date, field: str = "birth_date") -> QuerySet:
    """People aged low..high (inclusive) on `on`: born after (on − high − 1 years) and on or before (on − low)."""
    return queryset.filter(**{f"{field}__gt": _years_ago(on, high + 1), f"{field}__lte": _years_ago(on, low)})


def bytewise(queryset: QuerySet, field: str) -> tuple[QuerySet, str]:
    """`field` compared in byte order, for prefix searches and ordering on one index.

    On PostgreSQL the names are indexed as `(name COLLATE "C")` (migration 0003): under the C collation a
    B-tree serves both `LIKE 'prefix%'` and `ORDER BY`, so a search reads only the matching rows, in order.
    Under the locale collation the planner must pick one index for the filter and another for the order,
    and at a million residents it picks badly (seconds instead of milliseconds). For Chinese names byte
    order is code-point order, as good as the locale's. Returns the queryset and the name to filter and
    order by."""
    if connection.vendor != "postgresql":
        return queryset, field
    alias = f"{field}_bytes"
    if alias not in queryset.query.annotations:
        queryset = queryset.alias(**{alias: Collate(field, "C")})
    return queryset, alias


def resident_search(queryset: QuerySet, q: str) -> QuerySet:
    """One box for everything staff type: an exact ID or phone number (through the blind index), pinyin
    initials, a name prefix, or part of an address."""
    q = q.strip()
    if not q:
        return queryset
    if _DIGITS.match(q):
        index = resident_id_index(q)
        if index:
            return queryset.filter(id_number_index=index)
        index = mobile_index(q)
        if index:
            return queryset.filter(phone_index=index)
        return queryset.none()
    if _LETTERS.match(q):
        # Ordered by the initials so that PostgreSQL reads the initials index in order (sorting by name would
        # make it walk the name index and filter a million rows to find a few hundred).
        queryset, initials_key = bytewise(queryset, "name_initials")
        queryset, name_key = bytewise(queryset, "name")
        return queryset.filter(**{f"{initials_key}__startswith": q.lower()}).order_by(
            initials_key, name_key, "id"
        )
    if _ADDRESS_HINT.search(q):
        return queryset.filter(household__address__contains=q)
    # A name prefix alone: ORed with an address search it could not use the name index.
    queryset, name_key = bytewise(queryset, "name")
    return queryset.filter(**{f"{name_key}__startswith": q})


def resident_filter(queryset: QuerySet, params: dict, *, on: date | None = None) -> QuerySet:
    """Apply the list page's filters (all optional): q, community, grid, residence, status, gender, tag, age."""
    on = on or timezone.localdate()
    queryset, name_key = bytewise(queryset, "name")
    qs = resident_search(queryset.order_by(name_key, "id"), params.get("q", ""))
    status = params.get("status", ResidentStatus.ACTIVE)
    if status and status != "all":
        qs = qs.filter(status=status)
    if params.get("community"):
        qs = qs.filter(area__parent_id=params["community"])
    if params.get("grid"):
        qs = qs.filter(area_id=params["grid"])
    for field in ("residence", "gender"):
        if params.get(field):
            qs = qs.filter(**{field: params[field]})
    tag = params.get("tag")
    if tag == ELDERLY_AGE_TAG:
        qs = age_between(qs, 80, 150, on)
    elif tag:
        qs = qs.filter(pk__in=ResidentTag.objects.valid_on(on).filter(tag=tag).values("resident_id"))
    band = {code: (low, high) for code, _, low, high in AGE_BANDS}.get(params.get("age", ""))
    if band:
        qs = age_between(qs, *band, on)
    return qs


def population_by_area(queryset: QuerySet, *, on: date, level: str = "community") -> list[dict]:
    """Per community (or grid): total, 常住, 流动, age bands and tag counts of residents registered on `on`."""
    key = "area__parent" if level == "community" else "area"
    base = queryset.registered_on(on)
    # COUNT(status) (never null) rather than COUNT(id): on PostgreSQL every column read is then in
    # resident_area_status_idx, so a community's residents are counted from the index alone.
    aggregates = {
        "total": Count("status"),
        "permanent": Count("status", filter=Q(residence="permanent")),
        "floating": Count("status", filter=Q(residence="floating")),
    }
    for code, _, low, high in AGE_BANDS:
        aggregates[f"age_{code}"] = Count(
            "status", filter=Q(birth_date__gt=_years_ago(on, high + 1), birth_date__lte=_years_ago(on, low))
        )
    rows = base.values(f"{key}_id", f"{key}__name").annotate(**aggregates).order_by(f"{key}__path")
    return list(rows)


# ---- Pages: lists, details and the population table ---------------------------------------------------


def communities_for(user) -> QuerySet:
    """Communities the user sees something of: held, under a held area, or holding a held grid."""
    visible = Area.objects.for_user(user)
    return (
        Area.objects.communities()
        .filter(Q(pk__in=visible.values("pk")) | Q(pk__in=visible.grids().values("parent_id")))
        .order_by(F("valid_to").asc(nulls_first=True), "path")
    )


def grids_for(user, *, community=None) -> QuerySet:
    grids = Area.objects.for_user(user).grids().select_related("parent")
    if community is not None:
        grids = grids.filter(parent=community)
    return grids.order_by(F("valid_to").asc(nulls_first=True), "path")


def resident_list(user, params: dict, *, on: date | None = None) -> QuerySet:
    """The list page's residents: in scope, filtered, with only the columns the page shows and the tags
    valid on `on` (as `current_tags`)."""
    on = on or timezone.localdate()
    residents = (
        Resident.objects.for_user(user)
        .select_related("household", "area__parent")
        .only(
            *("name", "gender", "birth_date", "id_number_masked", "phone_masked", "residence", "status"),
            *("household", "household__address", "area", "area__name", "area__level", "area__parent"),
            "area__parent__name",
        )
        .prefetch_related(
            Prefetch(
                "tags",
                queryset=ResidentTag.objects.valid_on(on).only("resident_id", "tag"),
                to_attr="current_tags",
            )
        )
    )
    return resident_filter(residents, params, on=on)


HISTORY_HIDDEN_FIELDS = ("id_number_cipher", "id_number_index", "phone_cipher", "phone_index", "version")


def _display(field, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def resident_history(resident: Resident) -> list[dict]:
    """The resident's saved versions, newest first, each with the fields it changed (labels and values as
    staff read them; ciphers and blind indexes left out)."""
    records = list(resident.history.select_related("history_user").order_by("history_date", "history_id"))
    fields = {f.name: f for f in Resident._meta.fields}
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(
                previous, excluded_fields=HISTORY_HIDDEN_FIELDS, foreign_keys_are_objs=True
            )
            for change in delta.changes:
                field = fields[change.field]
                changes.append(
                    {
                        "label": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        entries.append({"record": record, "changes": changes})
        previous = record
    return entries[::-1]


def household_members(user, household_id: int) -> QuerySet:
    """The members of a household in scope: on the register first, the head of the household first."""
    head_first = Case(When(relation=Relation.HEAD, then=0), default=1)
    return (
        Resident.objects.for_user(user)
        .filter(household_id=household_id)
        .order_by(Case(When(status=ResidentStatus.ACTIVE, then=0), default=1), head_first, "name")
    )


def resident_dossier(resident: Resident, user) -> dict:
    """What the detail page shows besides the record: household members, tags, events and history."""
    return {
        "members": household_members(user, resident.household_id) if resident.household_id else [],
        "tags": resident.tags.order_by(F("valid_to").desc(nulls_first=True), "-valid_from"),
        "events": resident.events.select_related(
            "from_household", "to_household", "from_area__parent", "to_area__parent", "recorded_by"
        ),
        "history": resident_history(resident),
    }


def household_search(user, *, q: str = "", community=None, grid=None, building=None) -> QuerySet:
    households = Household.objects.for_user(user).select_related("building__compound", "area__parent")
    q = q.strip()
    if q:
        households = households.filter(Q(address__contains=q) | Q(number=q.upper()))
    if community is not None:
        households = households.filter(area__parent=community)
    if grid is not None:
        households = households.filter(area=grid)
    if building is not None:
        households = households.filter(building=building)
    members = Resident.objects.active().filter(household=OuterRef("pk"))
    return households.annotate(member_count=_count(members, "household"))


def _count(queryset: QuerySet, group_by: str):
    """A correlated COUNT(*) of `queryset` (already filtered on an OuterRef), 0 when empty."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0)


def compound_search(user, *, q: str = "", community=None) -> QuerySet:
    """Compounds in scope, each with the buildings, households and residents (在册) the user sees in it."""
    compounds = Compound.objects.for_user(user).select_related("area")
    q = q.strip()
    if q:
        compounds = compounds.filter(Q(name__contains=q) | Q(address__contains=q))
    if community is not None:
        compounds = compounds.filter(area=community)
    outer = OuterRef("pk")
    return compounds.annotate(
        building_count=_count(Building.objects.for_user(user).filter(compound=outer), "compound"),
        household_count=_count(
            Household.objects.for_user(user).filter(building__compound=outer), "building__compound"
        ),
        resident_count=_count(
            Resident.objects.for_user(user).active().filter(household__building__compound=outer),
            "household__building__compound",
        ),
    )


def compound_buildings(user, compound) -> QuerySet:
    outer = OuterRef("pk")
    return (
        Building.objects.for_user(user)
        .filter(compound=compound)
        .select_related("area__parent")
        .annotate(
            household_count=_count(Household.objects.filter(building=outer), "building"),
            resident_count=_count(
                Resident.objects.active().filter(household__building=outer), "household__building"
            ),
        )
        .order_by("name")
    )


def premises_search(
    user, *, q: str = "", kind: str = "", sub_kind: str = "", status: str = "", community=None
) -> QuerySet:
    premises = Premises.objects.for_user(user).select_related(
        "area__parent", "compound", "building__compound"
    )
    q = q.strip()
    if q:
        premises = premises.filter(Q(name__contains=q) | Q(address__contains=q))
    for field, value in (("kind", kind), ("sub_kind", sub_kind), ("status", status)):
        if value:
            premises = premises.filter(**{field: value})
    if community is not None:
        premises = premises.filter(Q(area=community) | Q(area__parent=community))
    return premises


def population_columns() -> dict:
    """The population table's column groups: age bands, then tags (高龄 last, derived from the birth date)."""
    return {
        "bands": [(code, label) for code, label, _, _ in AGE_BANDS],
        "tags": [*Tag.choices, (ELDERLY_AGE_TAG, f"高龄（{ELDERLY_AGE}岁及以上）")],
    }


def population_table(user, on: date, community=None) -> dict:
    """Residents on the register on `on` within the user's scope, by community — or, given a community, by its
    grids: 总人口, 常住, 流动, age bands and the tags valid on `on`, plus a totals row.

    Two aggregate queries (people, tags), whatever the number of residents. A resident is counted in the area
    they belong to now: a move between grids is not replayed back to `on`."""
    residents = Resident.objects.for_user(user)
    areas = communities_for(user)
    level, key = "community", "area__parent"
    if community is not None:
        residents, areas = residents.filter(area__parent=community), grids_for(user, community=community)
        level, key = "grid", "area"
    people = {row[f"{key}_id"]: row for row in population_by_area(residents, on=on, level=level)}
    tag_counts: dict[tuple[int, str], int] = {}
    tagged = (
        ResidentTag.objects.valid_on(on)
        .filter(resident__in=residents.registered_on(on))
        .values_list(f"resident__{key}_id", "tag")
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    for area_id, tag, n in tagged:
        tag_counts[(area_id, tag)] = n
    columns = population_columns()
    elderly_band = next(code for code, _, low, _ in AGE_BANDS if low == ELDERLY_AGE)
    listed = list(areas.filter(Q(valid_to__isnull=True) | Q(pk__in=people.keys())))
    rows = []
    for area in listed:
        counts = people.get(area.pk, {})
        row = {
            "area": area,
            "total": counts.get("total", 0),
            "permanent": counts.get("permanent", 0),
            "floating": counts.get("floating", 0),
            "bands": [counts.get(f"age_{code}", 0) for code, _ in columns["bands"]],
            "tags": [
                counts.get(f"age_{elderly_band}", 0)
                if code == ELDERLY_AGE_TAG
                else tag_counts.get((area.pk, code), 0)
                for code, _ in columns["tags"]
            ],
        }
        rows.append(row)
    totals = {
        "total": sum(r["total"] for r in rows),
        "permanent": sum(r["permanent"] for r in rows),
        "floating": sum(r["floating"] for r in rows),
        "bands": [sum(col) for col in zip(*(r["bands"] for r in rows), strict=True)]
        or [0] * len(columns["bands"]),
        "tags": [sum(col) for col in zip(*(r["tags"] for r in rows), strict=True)]
        or [0] * len(columns["tags"]),
    }
    return {"level": level, "on": on, "community": community, "rows": rows, "totals": totals, **columns}

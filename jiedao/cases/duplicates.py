"""Possible duplicates of a case: the same problem reported twice (by the hotline and by a grid worker …).

A candidate has the same category, is open or was received within JIEDAO_DUPLICATE_WINDOW_DAYS of the new
one, and lies within JIEDAO_DUPLICATE_RADIUS_M of it or has the same address (normalised) in the same
community. The database narrows by a bounding box; the exact distance (haversine) is computed here.
"""

import math
import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from jiedao.cases.models import OPEN_STATES, Case, Category, State
from jiedao.core.models import Area

LIMIT = 5
MERGE_TARGET_STATES = (*OPEN_STATES, State.CLOSED)
EARTH_RADIUS_M = 6_371_000
METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator


def normalise_address(address: str) -> str:
    """ "阳光小区 1号楼－2单元" and "阳光小区1号楼2单元" alike: full-width to half-width (NFKC), lower case,
    without spaces, punctuation and symbols."""
    text = unicodedata.normalize("NFKC", address or "").lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _community_path(area: Area) -> str:
    return "/" + "/".join(area.path.strip("/").split("/")[:2]) + "/"


def _box(latitude, longitude, radius_m: float) -> Q:
    lat, lon = float(latitude), float(longitude)
    dlat = radius_m / METRES_PER_DEGREE
    dlon = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))

    def dec(value: float) -> Decimal:
        return Decimal(f"{value:.6f}")

    return Q(
        latitude__gte=dec(lat - dlat),
        latitude__lte=dec(lat + dlat),
        longitude__gte=dec(lon - dlon),
        longitude__lte=dec(lon + dlon),
    )


def similar_cases(
    *,
    category: Category,
    area: Area,
    address: str = "",
    latitude=None,
    longitude=None,
    received_at: datetime,
    exclude_pk: int | None = None,
    user=None,
) -> list[Case]:
    """Up to 5 possible duplicates, nearest first, then newest; each has `distance_m` (int or None) and
    `same_address` set. `user` limits them to the user's scope (None: everything)."""
    radius = settings.JIEDAO_DUPLICATE_RADIUS_M
    window = timedelta(days=settings.JIEDAO_DUPLICATE_WINDOW_DAYS)
    located = latitude is not None and longitude is not None
    address_key = normalise_address(address)
    community = _community_path(area)

    near = Q(pk__in=[])
    if located:
        near |= _box(latitude, longitude, radius)
    if address_key:
        near |= Q(area__path__startswith=community) & ~Q(address="")
    cases = Case.objects.for_user(user) if user is not None else Case.objects.all()
    cases = (
        cases.filter(near, category=category, merged_into__isnull=True)
        .filter(Q(state__in=OPEN_STATES) | Q(received_at__range=(received_at - window, received_at + window)))
        .select_related("category", "area__parent")
    )
    if exclude_pk is not None:
        cases = cases.exclude(pk=exclude_pk)

    found = []
    for case in cases:
        case.distance_m = None
        if located and case.latitude is not None and case.longitude is not None:
            case.distance_m = round(distance_m(latitude, longitude, case.latitude, case.longitude))
        case.same_address = bool(address_key) and (
            case.area.path.startswith(community) and normalise_address(case.address) == address_key
        )
        if case.same_address or (case.distance_m is not None and case.distance_m <= radius):
            found.append(case)
    found.sort(key=lambda c: (c.distance_m is None, c.distance_m or 0, -c.received_at.timestamp(), -c.pk))
    return found[:LIMIT]


def similar_to_case(case: Case, user=None) -> list[Case]:
    """The possible duplicates of a registered case in the user's scope (itself left out). Remembered on
    the case object: the case page asks for them twice (its panel and the 合并 form)."""
    memo = case.__dict__.setdefault("_similar_cases", {})
    key = getattr(user, "pk", None)
    if key not in memo:
        memo[key] = similar_cases(
            category=case.category,
            area=case.area,
            address=case.address,
            latitude=case.latitude,
            longitude=case.longitude,
            received_at=case.received_at,
            exclude_pk=case.pk,
            user=user,
        )
    return memo[key]


def merge_targets(case: Case, user=None) -> list[Case]:
    """The possible duplicates `case` may be merged into: open or closed ones (not returned or archived)."""
    return [c for c in similar_to_case(case, user) if c.state in MERGE_TARGET_STATES]

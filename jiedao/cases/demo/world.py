"""What the case demo stands on: the demo's staff, its places (communities, grids, buildings) as they were on
a given day of 2023, office-hour arithmetic, callers' names and numbers, and `Play`, a case moving through
`case_move`."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from jiedao.cases.models import Case
from jiedao.cases.workflow import case_move
from jiedao.core.demo import COMMUNITIES, SECRETARY_REPLACED, SPLIT
from jiedao.core.models import Area, AreaLevel, User
from jiedao.registry.demo.data import GIVEN, MOBILE_PREFIXES, STREETS, SURNAMES, _weighted
from jiedao.registry.models import Building
from jiedao.workcalendar.workdays import add_working_hours

MSG_STAFF_MISSING = "演示工作人员缺少账号：{names}，请先生成区域与工作人员"
MSG_PLACES_MISSING = "演示街道还没有小区楼栋，请先生成小区、楼栋、居民与场所"
MINUTE = timedelta(minutes=1)


def moment(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


YEAR_START = moment(2023, 1, 1)
YEAR_END = moment(2024, 1, 1)
# The last office moment of 2023 (Friday 29 December): staff work ends here; the year's books close.
LAST_WORK = moment(2023, 12, 29, 17, 0)


def office(at: datetime, hours: float = 0.0) -> datetime:
    """`hours` office hours after `at` (0: `at` itself if in office hours, else the next office opening)."""
    return add_working_hours(at, hours)


def between(rng: random.Random, start: datetime, end: datetime, share: float) -> datetime:
    """The office moment a `share` of the way from `start` to `end` (wall-clock), kept inside (start, end)."""
    if end <= start:
        return start + MINUTE
    at = office(start + (end - start) * share, rng.uniform(0, 0.4))  # not on the stroke of nine
    if at >= end:
        at = end - timedelta(minutes=rng.randint(3, 40))
    return max(at, start + MINUTE)


def day_in(
    rng: random.Random, months: str, *, first: date = date(2023, 1, 1), last: date = date(2023, 12, 31)
):
    """A day of 2023 between `first` and `last`, its month drawn by the twelve weights in `months`."""
    weights = [int(c) for c in months]
    for month in range(1, 13):
        if date(2023, month, 28) < first or date(2023, month, 1) > last:
            weights[month - 1] = 0
    while True:
        month = rng.choices(range(1, 13), weights=weights)[0]
        day = date(2023, month, rng.randint(1, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
        if first <= day <= last:
            return day


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with probability ∝ its weight (Efraimidis–Spirakis keys)."""
    keyed = [(rng.random() ** (1 / w) if w > 0 else -1.0, i) for i, w in enumerate(weights)]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


class People:
    """Callers: a name (or 刘先生 / 王女士), a mobile or a fixed line."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.surnames = _weighted(SURNAMES)

    def surname(self) -> str:
        keys, cumulative = self.surnames
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def name(self) -> str:
        gender = self.rng.choice("MF")
        return self.surname() + self.rng.choice(GIVEN[(self.rng.randint(0, 2), gender)].split())

    def caller(self) -> str:
        if self.rng.random() < 0.35:
            return self.surname() + self.rng.choice(("先生", "女士"))
        return self.name()

    def phone(self) -> str:
        if self.rng.random() < 0.08:
            return f"0471-{self.rng.randint(2, 6)}{self.rng.randrange(10**6):06d}"
        return f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"


class Staff:
    """The demo's accounts by role and area. The same User objects serve every move, so their roles and scope
    are read once (`active_roles` and `scope_paths` cache on the object)."""

    def __init__(self, places: "Places"):
        self.places = places
        wanted = ["leader", "leader2", "ks_dzb", "ks_cgb", "ks_zzb", "ks_pfb"]
        self.login = {}
        for community in places.communities:
            login = places.seed_of[community.pk].login
            self.login[community.pk] = login
            wanted += [f"{login}_shuji", f"{login}_fushuji", *(f"{login}_gzz{n}" for n in (1, 2, 3))]
        grid_logins = {
            f"{self.login[g.parent_id]}_wg{g.code[-2:]}": g.pk
            for c in places.communities
            for g in places.grids[c.pk]
        }
        users = {u.username: u for u in User.objects.filter(username__in=[*wanted, *grid_logins])}
        missing = [name for name in wanted if name not in users]
        if missing:
            raise ValueError(MSG_STAFF_MISSING.format(names="、".join(missing[:5])))
        self.users = users
        self.grid_worker = {pk: users[name] for name, pk in grid_logins.items() if name in users}
        self.desk = users["ks_dzb"]  # the 12345 desk
        self.city = users["ks_cgb"]  # 城管办: the 精细化 platform, 综合执法
        self.stability = users["ks_zzb"]  # 综治办: petitions and disputes
        self.safety = users["ks_pfb"]  # 平安办: safety hazards
        self.leaders = [users["leader"], users["leader2"]]

    def workers(self, community: Area) -> list[User]:
        login = self.login[self.places.current_community(community).pk]
        return [self.users[f"{login}_fushuji"], *(self.users[f"{login}_gzz{n}"] for n in (1, 2, 3))]

    def worker(self, rng: random.Random, community: Area) -> User:
        return rng.choice(self.workers(community))

    def secretary(self, community: Area, day: date) -> User | None:
        """The secretary in office that day (a secretary appointed in 2023 did not act before)."""
        login = self.login[self.places.current_community(community).pk]
        replaced = SECRETARY_REPLACED.get(login)
        if replaced and day < replaced:
            return None
        return self.users[f"{login}_shuji"]

    def coordinator(self, community: Area, day: date, fallback: User) -> User:
        return self.secretary(community, day) or fallback

    def handler(self, rng: random.Random, area: Area) -> tuple[Area, User | None, User]:
        """Where a case in `area` is dispatched, to whom, and who signs it: the grid's worker when the grid
        has one (a grid retired in the split has none), else the community and one of its workers."""
        worker = self.grid_worker.get(area.pk) if area.level == AreaLevel.GRID else None
        if worker is not None:
            return area, worker, worker
        community = self.places.community_of(area)
        signer = self.worker(rng, community)
        return community, signer, signer


@dataclass(frozen=True)
class Spot:
    building: int
    compound: str
    name: str
    floors: int | None
    units: int | None


class Places:
    """Communities and grids as they stood on a day of 2023: before 2023-06-01 奔腾社区 did not exist and its
    grids were 赛马场北路社区's; a record of that time points at the old grids (areas never move)."""

    def __init__(self, street: Area):
        self.street = street
        seeds = {seed.suffix: seed for seed in [*COMMUNITIES, SPLIT]}
        self.communities = list(Area.objects.under(street).communities().current().order_by("code"))
        self.seed_of = {c.pk: seeds[c.code[-3:]] for c in self.communities if c.code[-3:] in seeds}
        self.communities = [c for c in self.communities if c.pk in self.seed_of]
        self.by_name = {c.name: c for c in self.communities}
        self.grids = {c.pk: [] for c in self.communities}
        self.areas = {c.pk: c for c in self.communities}
        for grid in Area.objects.under(street).grids().order_by("code"):
            self.areas[grid.pk] = grid
            if grid.valid_to is None and grid.parent_id in self.grids:
                self.grids[grid.parent_id].append(grid)
        for area in Area.objects.under(street).communities():
            self.areas.setdefault(area.pk, area)
        self.split_source = self.by_name[COMMUNITIES[0].name]
        self.split_result = self.by_name[SPLIT.name]
        retired = {
            g.sort_order: g for g in self.areas.values() if g.parent_id == self.split_source.pk and g.valid_to
        }
        self.predecessor = {g.pk: retired[g.sort_order] for g in self.grids[self.split_result.pk]}
        self.spots: dict[int, list[Spot]] = {}
        rows = Building.objects.filter(area__path__startswith=street.path).values_list(
            "pk", "compound__name", "name", "floors", "units", "area_id"
        )
        for pk, compound, name, floors, units, grid_id in rows.order_by("pk"):
            self.spots.setdefault(grid_id, []).append(Spot(pk, compound, name, floors, units))
        if not self.spots:
            raise ValueError(MSG_PLACES_MISSING)
        self.grid_weights = {
            c.pk: [3 + len(self.spots.get(g.pk, ())) for g in self.grids[c.pk]] for c in self.communities
        }
        self.community_weights = [sum(self.grid_weights[c.pk]) for c in self.communities]

    def at(self, area: Area, day: date) -> Area:
        """`area` (current) as it was on `day`."""
        if area.valid_from <= day:
            return area
        if area.level == AreaLevel.GRID:
            return self.predecessor[area.pk]
        return self.split_source

    def community_of(self, area: Area) -> Area:
        return area if area.level == AreaLevel.COMMUNITY else self.areas[area.parent_id]

    def current_community(self, community: Area) -> Area:
        return community if community.pk in self.seed_of else self.split_source

    def community(self, rng: random.Random) -> Area:
        return rng.choices(self.communities, weights=self.community_weights)[0]

    def grid(self, rng: random.Random, community: Area) -> Area:
        return rng.choices(self.grids[community.pk], weights=self.grid_weights[community.pk])[0]

    def locate(self, rng: random.Random, community: Area, place: str, day: date) -> tuple[Area, str]:
        """A case's area (as of `day`) and address: a flat, a spot in a compound, a street, or nowhere."""
        if place == "none":
            return self.at(community, day), ""
        grid = self.grid(rng, community)
        spots = self.spots.get(grid.pk) or [
            s for g in self.grids[community.pk] for s in self.spots.get(g.pk, ())
        ]
        if place == "street" or not spots:
            street = rng.choice(STREETS[community.name])
            return self.at(grid, day), f"{street}{rng.randint(1, 120)}号附近"
        spot = rng.choice(spots)
        if place == "home":
            if spot.units is None:
                address = f"{spot.compound}{spot.name}{rng.randint(1, 20)}号"
            else:
                floor = rng.randint(1, spot.floors or 6)
                address = f"{spot.compound}{spot.name}{rng.randint(1, spot.units)}单元{floor}{rng.randint(1, 2):02d}室"
        else:
            address = spot.compound + rng.choice(
                (
                    f"{spot.name}楼下",
                    f"{spot.name}单元门口",
                    f"{spot.name}东侧",
                    "南门",
                    "北门",
                    "院内",
                    "停车场",
                )
            )
        return self.at(grid, day), address


class NextYear(Exception):
    """A move that would fall after 2023: the case stays as the year left it."""


class Play:
    """One case moving through `case_move`, each move at least a minute after the one before, none after
    2023 (NextYear)."""

    def __init__(self, case: Case):
        self.case = case
        self.at = case.received_at

    def __call__(self, action: str, actor: User, at: datetime, **data) -> "Play":
        at = max(at, self.at + MINUTE).replace(microsecond=0)
        if at >= YEAR_END:
            raise NextYear
        self.case = case_move(
            case=self.case, action=action, actor=actor, version=self.case.version, at=at, **data
        )
        self.at = at
        return self

    def due(self) -> datetime:
        return self.case.due_at

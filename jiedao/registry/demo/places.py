"""The demo's places: compounds and their buildings, homes placed in the buildings' rooms, households, and
premises (religious sites, 平房区, 三合一, LPG users, shops, 九小场所 and 人员密集场所)."""

from collections import Counter
from datetime import date, timedelta

from jiedao.core.models import Area
from jiedao.excel.bulk import reserve_ids
from jiedao.registry.demo.data import (
    BUILDING_TYPES,
    CLOSABLE,
    COMPOUNDS,
    CROWDED_COMPOUNDS,
    CROWDED_TRADES,
    GIVEN,
    LPG_TRADES,
    NINE_SMALL,
    NINE_SMALL_TRADES,
    PREMISES_COUNTS,
    PROPERTY_COMPANIES,
    RELIGIOUS,
    SHOP_PREFIXES,
    SHOP_TRADES,
    STREETS,
    SURNAMES,
    THREE_IN_ONE_TRADES,
    YEAR_END,
    _insert,
)
from jiedao.registry.models import (
    Building,
    Compound,
    Household,
    Premises,
    PremisesKind,
    PremisesStatus,
    Residence,
)
from jiedao.registry.services.people import household_number
from jiedao.registry.services.places import protect_phone


class _Places:
    """Planning and writing the places.

    Mixed into `_Builder` (the package's `__init__`), which holds the random stream (`rng`, `pick`, `day`)
    and the plan; the methods run in the order `_Builder.build` calls them.
    """

    # -- places -------------------------------------------------------------------------------------------

    def plan_places(self) -> None:
        rng = self.rng
        for community in self.communities:
            grids = self.grids[community.pk]
            items = [item.split() for item in COMPOUNDS[community.name].split(",")]
            streets = STREETS[community.name]
            for i, (name, kind) in enumerate(items):
                compound = {
                    "index": len(self.compounds),
                    "name": name,
                    "kind": kind,
                    "community": community,
                    "address": f"{streets[i % 2]}{rng.randint(1, 60) * 2 + i % 2}号",
                    "built_year": None,
                    "property_company": "社区代管" if kind == "bungalow" else rng.choice(PROPERTY_COMPANIES),
                    "note": "",
                    "buildings": [],
                }
                if name == "飞鹰齿轮厂小区":
                    compound["property_company"] = "慧达物业公司"
                    compound["note"] = "红色物业示范点；自治区级老旧小区改造示范项目"
                self.compounds.append(compound)
                # Compounds spread over the community's grids; a large one straddles two.
                first = i * len(grids) // len(items)
                self._plan_buildings(compound, grids[first], grids[(first + 1) % len(grids)])

    def _plan_buildings(self, compound: dict, grid: Area, next_grid: Area) -> None:
        rng = self.rng
        if compound["kind"] == "bungalow":
            rows = rng.randint(12, 18)
            for n in range(1, rows + 1):
                self._building(
                    compound, f"{n}排", grid if n <= rows // 2 else next_grid, 1, None, rng.randint(14, 26)
                )
            return
        years, count, floors, units, rooms = BUILDING_TYPES[compound["kind"]]
        compound["built_year"] = rng.randint(*years)
        count = rng.randint(*count)
        for n in range(1, count + 1):
            area = grid if count <= 10 or n <= count // 2 else next_grid
            self._building(
                compound, f"{n}号楼", area, rng.choice(floors), rng.randint(*units), rng.randint(*rooms)
            )

    def _building(self, compound, name, grid, floors, units, rooms) -> None:
        building = {
            "index": len(self.buildings),
            "compound": compound,
            "name": name,
            "grid": grid,
            "floors": floors,
            "units": units,
            "rooms": rooms,
        }
        self.buildings.append(building)
        compound["buildings"].append(building)

    def slots(self) -> list[tuple[int, str, str]]:
        out = []
        for b in self.buildings:
            if b["units"] is None:
                out += [(b["index"], "", f"{k}号") for k in range(1, b["rooms"] + 1)]
                continue
            for unit in range(1, b["units"] + 1):
                for floor in range(1, b["floors"] + 1):
                    out += [(b["index"], str(unit), f"{floor}{k:02d}") for k in range(1, b["rooms"] + 1)]
        return out

    def place_homes(self) -> None:
        rng, slots = self.rng, self.slots()
        if len(slots) < len(self.homes):
            raise ValueError(f"demo buildings hold {len(slots)} homes, {len(self.homes)} needed")
        rng.shuffle(slots)
        for home, (building, unit, room) in zip(self.homes, slots, strict=False):
            home.building, home.unit, home.room = building, unit, room
            built = self.buildings[building]["compound"]["built_year"] or 1990
            start = date(max(built, 1998), 6, 1)
            home.moved_in = home.residence == Residence.FLOATING
            if any(p.leaves for p in home.members):
                home.since = self.day(start, date(2022, 6, 30))
            elif home.residence == Residence.FLOATING:
                years = min(rng.expovariate(1 / 2.2), (YEAR_END - start).days / 365)
                home.since = YEAR_END - timedelta(days=int(years * 365))
            elif rng.random() < 0.05:
                home.moved_in, home.since = True, self.day(date(2023, 1, 3), YEAR_END)
            else:
                home.since = self.day(start, date(2022, 12, 31))

    # -- writing --------------------------------------------------------------------------------------------

    def write_places(self) -> None:
        rows = [
            {
                "name": c["name"],
                "area_id": c["community"].pk,
                "address": c["address"],
                "built_year": c["built_year"],
                "property_company": c["property_company"],
                "note": c["note"],
            }
            for c in self.compounds
        ]
        for compound, pk in zip(self.compounds, _insert(Compound, rows), strict=True):
            compound["pk"] = pk
        rows = [
            {
                "compound_id": b["compound"]["pk"],
                "name": b["name"],
                "area_id": b["grid"].pk,
                "floors": b["floors"],
                "units": b["units"],
                "note": "",
            }
            for b in self.buildings
        ]
        for building, pk in zip(self.buildings, _insert(Building, rows), strict=True):
            building["pk"] = pk
        ids = reserve_ids(Household, len(self.homes))
        rows = []
        for home, pk in zip(self.homes, ids, strict=True):
            home.pk = pk
            building = self.buildings[home.building]
            unit = f"{home.unit}单元" if home.unit else ""
            rows.append(
                {
                    "number": household_number(pk),
                    "building_id": building["pk"],
                    "unit": home.unit,
                    "room": home.room,
                    "address": f"{building['compound']['name']}{building['name']}{unit}{home.room}",
                    "area_id": building["grid"].pk,
                    "kind": home.kind,
                    "note": "",
                }
            )
        _insert(Household, rows, ids=ids)

    def write_premises(self) -> None:
        self.premises, self.premises_keys, self.street_numbers = [], set(), Counter()
        communities = {c.name: c for c in self.communities}
        for sub_kind, name, community in RELIGIOUS:
            self.add_premises(
                PremisesKind.RELIGIOUS, name, sub_kind=sub_kind, community=communities[community]
            )
        for compound in self.compounds:
            if compound["kind"] == "bungalow":
                self.add_premises(PremisesKind.BUNGALOW, compound["name"], compound=compound)
        trades = {
            PremisesKind.THREE_IN_ONE: (THREE_IN_ONE_TRADES, 0.3, None),
            PremisesKind.LPG_USER: (LPG_TRADES, 0.4, None),
            PremisesKind.SHOP: (SHOP_TRADES, 0.5, CLOSABLE),
        }
        for kind, (names, linked, statuses) in trades.items():
            self.spread_premises(kind, "", names, PREMISES_COUNTS[kind], linked, statuses)
        for sub_kind, count in NINE_SMALL.items():
            names = NINE_SMALL_TRADES[sub_kind].split()
            self.spread_premises(PremisesKind.NINE_SMALL, sub_kind, names, count, 0.4, CLOSABLE)
        # 人员密集场所 stand in CROWDED_COMPOUNDS compounds (the report's 20 inspected for flying-lead charging).
        crowded = self.rng.sample([c for c in self.compounds if c["kind"] != "bungalow"], CROWDED_COMPOUNDS)
        made = 0
        while made < PREMISES_COUNTS[PremisesKind.CROWDED]:
            compound = crowded[made] if made < len(crowded) else self.rng.choice(crowded)
            building = self.rng.choice(compound["buildings"])
            made += self.add_premises(
                PremisesKind.CROWDED, self.shop_name(CROWDED_TRADES), compound=compound, building=building
            )
        _insert(Premises, self.premises)

    def spread_premises(self, kind, sub_kind, trades, count, linked: float, statuses: str | None) -> None:
        """`count` premises over the communities (weighted by buildings), a share `linked` of them in a
        building's ground floor (底商), the others on the community's streets."""
        weights = [len(c["buildings"]) for c in self.compounds]
        made = 0
        while made < count:
            compound = self.rng.choices(self.compounds, weights=weights)[0]
            in_building = self.rng.random() < linked
            made += self.add_premises(
                kind,
                self.shop_name(trades),
                sub_kind=sub_kind,
                community=compound["community"],
                compound=compound if in_building else None,
                building=self.rng.choice(compound["buildings"]) if in_building else None,
                status=self.pick(statuses) if statuses else PremisesStatus.OPEN,
            )

    def add_premises(
        self,
        kind,
        name,
        *,
        sub_kind="",
        community=None,
        compound=None,
        building=None,
        status=PremisesStatus.OPEN,
    ) -> bool:
        """Plan one premises; False if its (kind, name, address) is taken, as the unique constraint would."""
        if building is not None:
            address, area = f"{compound['name']}{building['name']}底商", building["grid"]
        elif compound is not None:
            address, area = compound["address"], compound["buildings"][0]["grid"]
        else:
            street = self.rng.choice(STREETS[community.name])
            self.street_numbers[street] += 1
            address = f"{street}{self.street_numbers[street] * 2 + self.rng.randint(0, 1)}号"
            area = self.rng.choice(self.grids[community.pk])
        if (kind, name, address) in self.premises_keys:
            return False
        self.premises_keys.add((kind, name, address))
        closed = status == PremisesStatus.CLOSED
        cipher, index, masked = protect_phone(self.operator_phone())
        self.premises.append(
            {
                "kind": kind,
                "sub_kind": sub_kind,
                "name": name,
                "operator_name": self.operator(),
                "operator_phone_cipher": cipher,
                "operator_phone_index": index,
                "operator_phone_masked": masked,
                "address": address,
                "compound_id": compound["pk"] if compound else None,
                "building_id": building["pk"] if building else None,
                "area_id": area.pk,
                "status": status,
                "registered_on": self.day(
                    date(2012, 1, 1), date(2022, 6, 30) if closed else date(2023, 12, 20)
                ),
                "closed_on": self.day(date(2022, 7, 1), YEAR_END) if closed else None,
                "note": "",
            }
        )
        return True

    def shop_name(self, trades: list[str]) -> str:
        rng = self.rng
        prefix = rng.choice(SHOP_PREFIXES) if rng.random() < 0.6 else f"{self.pick(SURNAMES)}记"
        return prefix + rng.choice(trades)

    def operator(self) -> str:
        gender = self.rng.choice("MF")
        return self.pick(SURNAMES) + self.rng.choice(GIVEN[(self.rng.randint(1, 2), gender)].split())

    def operator_phone(self) -> str:
        # Mobiles only: a fixed line ("0471-2951234") masks to 12 characters, one more than
        # Premises.operator_phone_masked holds (PostgreSQL refuses it).
        return self.mobile(set()) if self.rng.random() < 0.9 else ""

"""The demo's tags: 特殊家庭 and 低保 households, tags of individuals (veterans, 特困, 社区矫正, volunteers…),
楼栋长 and party membership, some of them ended during 2023; and the tag rows as written."""

import bisect
from datetime import date, timedelta

from jiedao.registry.demo.data import DIBAO_SIZES, TAG_COUNTS, YEAR_END, _insert
from jiedao.registry.demo.people import Home, Person
from jiedao.registry.models import Residence, ResidentTag, Tag


class _Tags:
    """Planning the tags (and party membership) and writing the tags.

    Mixed into `_Builder` (the package's `__init__`), which holds the random stream (`rng`, `pick`, `day`)
    and the plan; the methods run in the order `_Builder.build` calls them.
    """

    # -- tags -----------------------------------------------------------------------------------------------

    def sample(self, pool: list, count: int, weight=None) -> list:
        """`count` distinct items, each weighted (Efraimidis-Spirakis), in a deterministic order."""
        if weight is None:
            return self.rng.sample(pool, count)
        keyed = [(self.rng.random() ** (1 / weight(item)), i) for i, item in enumerate(pool)]
        keyed.sort(reverse=True)
        return [pool[i] for _, i in keyed[:count]]

    def tag(self, person: Person, tag: str, start: date, end: date | None = None, note: str = "") -> None:
        start = max(start, person.registered_on)
        if end is not None and end <= start:  # arrived after the tag would have ended
            return
        self.tags.append((person, tag, start, end, note))

    def plan_tags(self) -> None:
        ordinary, welfare = self.household_tags()
        present = [p for h in self.homes for p in h.members if not p.leaves]
        veterans = self.person_tags(present, ordinary, welfare)
        self.building_heads()
        self.party_members(present, {id(p) for p in veterans})

    def household_tags(self) -> tuple[list[Home], set[int]]:
        """特殊家庭 and 低保 tag every member of their households. Returns the other permanent households and
        the ids of those that ever held 低保."""
        day = self.day
        homes = [h for h in self.homes if h.present() and h.residence == Residence.PERMANENT]
        for home in homes:
            if home.special:
                start = day(date(2008, 1, 1), date(2022, 12, 31))
                for person in home.present():
                    self.tag(person, home.special, start)
        ordinary = [h for h in homes if not h.special]
        by_size: dict[int, list[Home]] = {}
        for home in ordinary:
            by_size.setdefault(len(home.present()), []).append(home)
        dibao = []
        for size, count in DIBAO_SIZES.items():
            pool = [h for h in by_size[size] if size > 1 or h.members[0].age >= 40]
            dibao += self.sample(pool, count)
        chosen = set(map(id, dibao))
        for home in dibao:
            start = day(date(2014, 1, 1), date(2023, 11, 30))
            for person in home.present():
                self.tag(person, Tag.DIBAO, start)
        others = [
            h
            for h in ordinary
            if id(h) not in chosen and max(p.registered_on for p in h.present()) < date(2022, 7, 1)
        ]
        for home in self.sample(others, 40):  # left 低保 during 2023: no longer counted
            start, end = day(date(2017, 1, 1), date(2022, 6, 30)), day(date(2023, 2, 1), date(2023, 12, 20))
            for person in home.present():
                self.tag(person, Tag.DIBAO, start, end)
            chosen.add(id(home))
        return ordinary, chosen

    def person_tags(self, present: list[Person], ordinary: list[Home], welfare: set[int]) -> list[Person]:
        """Tags of individuals; returns the veterans."""
        day = self.day
        singles = [h.present()[0] for h in ordinary if len(h.present()) == 1 and id(h) not in welfare]
        old_singles = [p for p in singles if p.age >= 65]
        counts = TAG_COUNTS
        for person in self.sample([p for p in singles if p.age >= 55], counts[Tag.TEKUN]):
            self.tag(person, Tag.TEKUN, day(date(2012, 1, 1), date(2023, 10, 31)))
        for person in self.sample(old_singles, counts[Tag.LONELY_ELDERLY]):
            self.tag(person, Tag.LONELY_ELDERLY, day(date(2015, 1, 1), date(2023, 10, 31)))
        adults = [p for p in present if p.age >= 18]
        men_weight = {"M": 19.0, "F": 1.0}
        veterans = self.sample(
            [p for p in adults if p.age >= 21],
            counts[Tag.VETERAN],
            lambda p: men_weight[p.gender] * (2.0 if 40 <= p.age <= 75 else 1.0),
        )
        for person in veterans:
            self.tag(person, Tag.VETERAN, day(date(2019, 3, 1), date(2023, 11, 30)))
        for person in self.sample(
            [p for p in present if p.age >= 3], counts[Tag.DISABLED], lambda p: 1 + p.age / 15
        ):
            self.tag(person, Tag.DISABLED, day(date(2005, 1, 1), date(2023, 11, 30)))
        offenders = self.sample(
            [p for p in adults if p.age <= 60],
            counts[Tag.COMMUNITY_CORRECTION] + 12,
            lambda p: 6.0 if p.gender == "M" else 1.0,
        )
        for i, person in enumerate(offenders):
            if i < counts[Tag.COMMUNITY_CORRECTION]:
                self.tag(person, Tag.COMMUNITY_CORRECTION, day(date(2022, 1, 1), date(2023, 10, 31)))
            else:  # sentence served during 2023
                start = day(date(2021, 6, 1), date(2023, 6, 30))
                end = day(max(start + timedelta(90), date(2023, 1, 2)), YEAR_END)
                self.tag(person, Tag.COMMUNITY_CORRECTION, start, end)
        for person in self.sample([p for p in adults if p.age <= 70], counts[Tag.KEY_PERSON]):
            self.tag(person, Tag.KEY_PERSON, day(date(2020, 1, 1), date(2023, 10, 31)))
        volunteers = self.sample(
            [p for p in adults if p.age <= 75],
            counts[Tag.VOLUNTEER],
            lambda p: 4.0 if 55 <= p.age <= 72 else 1.0,
        )
        for person in volunteers:
            self.tag(person, Tag.VOLUNTEER, day(date(2018, 1, 1), date(2023, 11, 30)))
        return veterans

    def building_heads(self) -> None:
        residents: dict[int, list[Person]] = {}
        for home in self.homes:
            if home.residence == Residence.PERMANENT:
                residents.setdefault(home.building, []).extend(p for p in home.present() if 35 <= p.age <= 75)
        for building in self.buildings:
            people = residents.get(building["index"])
            if people and self.rng.random() < 0.4:
                label = f"{building['compound']['name']}{building['name']}"
                self.tag(
                    self.rng.choice(people),
                    Tag.BUILDING_HEAD,
                    self.day(date(2021, 1, 1), date(2023, 9, 30)),
                    note=label,
                )

    def party_members(self, present: list[Person], veterans: set[int]) -> None:
        for person in present:
            if person.age < 18:
                continue
            chance = (
                0.45 if id(person) in veterans else (0.04, 0.065, 0.085)[bisect.bisect((35, 60), person.age)]
            )
            if person.household.residence == Residence.FLOATING:
                chance /= 2
            person.party = self.rng.random() < chance

    # -- writing --------------------------------------------------------------------------------------------

    def write_tags(self) -> None:
        rows = [
            {"resident_id": p.pk, "tag": tag, "valid_from": start, "valid_to": end, "note": note}
            for p, tag, start, end, note in self.tags
        ]
        _insert(ResidentTag, rows)

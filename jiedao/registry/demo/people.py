"""The demo's people: households planned member by member (with the 2023 leavers), their ethnicities, ages,
names, ID numbers and mobiles, and the residents and their events as written."""

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from jiedao.core.crypto import PURPOSE_MOBILE, PURPOSE_RESIDENT_ID, get_cipher
from jiedao.lib.idcard import resident_id_check_digit
from jiedao.lib.pinyin import initials
from jiedao.registry.demo.data import (
    _LEFT_STATUS,
    AGED_80_PLUS,
    BLOOD,
    ETHNICITY,
    FLOATING,
    GIVEN,
    HOHHOT,
    HUI_SURNAMES,
    INNER_MONGOLIA_REGIONS,
    LOCAL_REGIONS,
    MOBILE_PREFIXES,
    MONGOL_GIVEN,
    MONGOL_SURNAMES,
    MOVE_OUT_NOTES,
    OTHER_PROVINCE_REGIONS,
    PERMANENT,
    SPECIAL_FAMILIES,
    SURNAMES,
    YEAR_END,
    _insert,
)
from jiedao.registry.models import (
    HouseholdKind,
    Relation,
    Residence,
    Resident,
    ResidentEvent,
    ResidentEventKind,
    ResidentStatus,
)


@dataclass(slots=True, eq=False)
class Person:
    relation: str
    age: int
    gender: str
    household: "Home"
    ethnicity: str = "01"
    leaves: str = ""  # ResidentEventKind.MOVE_OUT or DEATH: left during 2023
    birth: date = YEAR_END
    name: str = ""
    id_number: str = ""
    phone: str | None = None
    party: bool = False
    registered_on: date = YEAR_END
    left_on: date | None = None
    pk: int = 0


@dataclass(slots=True, eq=False)
class Home:
    residence: str
    kind: str = HouseholdKind.FAMILY
    special: str = ""  # a special-family tag
    moved_in: bool = False
    members: list[Person] = field(default_factory=list)
    building: int = -1  # index into the plan's buildings
    unit: str = ""
    room: str = ""
    since: date = YEAR_END
    pk: int = 0

    def add(self, relation, age, gender, leaves="") -> Person:
        person = Person(relation, max(age, 0), gender, self, leaves=leaves)
        self.members.append(person)
        return person

    def present(self) -> list[Person]:
        return [p for p in self.members if not p.leaves]


class _People:
    """Planning the households and their members, and writing the residents and their events.

    Mixed into `_Builder` (the package's `__init__`), which holds the random stream (`rng`, `pick`, `day`)
    and the plan; the methods run in the order `_Builder.build` calls them.
    """

    # -- people -------------------------------------------------------------------------------------------

    def elderly_age(self, low: int = 60) -> int:
        while True:
            age = int(self.pick("60:30,65:26,70:19,75:12,80:8,85:4,90:1.3,95:0.2")) + self.rng.randrange(5)
            if age >= low:
                return age

    def couple(self, home: Home, low: int, high: int, *, head_age: int | None = None) -> int:
        rng = self.rng
        age = head_age if head_age is not None else rng.randint(low, high)
        male_head = rng.random() < 0.8
        home.add(Relation.HEAD, age, "M" if male_head else "F")
        spouse_age = age - rng.randint(-1, 4) if male_head else age + rng.randint(-1, 4)
        home.add(Relation.SPOUSE, spouse_age, "F" if male_head else "M")
        return age

    def children(self, home: Home, parent_age: int, count: int, relation=Relation.CHILD) -> None:
        age = parent_age - self.rng.randint(23, 34)
        for _ in range(count):
            if age < 0:
                return
            home.add(relation, age, self.rng.choice("MF"))
            age -= self.rng.randint(1, 8)

    def permanent_home(self) -> Home:
        rng, home = self.rng, Home(Residence.PERMANENT)
        kind = self.pick(
            "single_old:9,old_couple:14,single:7,couple:8,one_child:29,two_children:12,"
            "with_parent:9,with_parents:4,adult_child:9,three_generations:6"
        )
        if kind == "single_old":
            home.add(Relation.HEAD, self.elderly_age(), "F" if rng.random() < 0.62 else "M")
        elif kind == "old_couple":
            self.couple(home, 0, 0, head_age=self.elderly_age(62))
        elif kind == "single":
            home.add(Relation.HEAD, rng.randint(22, 59), rng.choice("MF"))
        elif kind == "couple":
            self.couple(home, 23, 59)
        elif kind in ("one_child", "two_children"):
            age = self.couple(home, 25, 52)
            self.children(home, age, 1 if kind == "one_child" else 2)
        elif kind in ("with_parent", "with_parents"):
            age = self.couple(home, 30, 52)
            self.children(home, age, 1)
            parent_age = age + rng.randint(24, 32)
            home.add(Relation.PARENT, parent_age, "F" if rng.random() < 0.65 else "M")
            if kind == "with_parents":
                home.add(Relation.PARENT, parent_age + rng.randint(-2, 4), "M")
        elif kind == "adult_child":
            age = self.couple(home, 48, 70)
            home.add(Relation.CHILD, age - rng.randint(24, 32), rng.choice("MF"))
        else:  # head couple, their child, the child's spouse and grandchild
            age = self.couple(home, 52, 70)
            child_age = age - rng.randint(24, 30)
            gender = rng.choice("MF")
            home.add(Relation.CHILD, child_age, gender)
            home.add(Relation.CHILD_IN_LAW, child_age + rng.randint(-3, 3), "F" if gender == "M" else "M")
            self.children(home, child_age, 1, Relation.GRANDCHILD)
        return home

    def floating_home(self) -> Home:
        rng, home = self.rng, Home(Residence.FLOATING)
        kind = self.pick("single:55,couple:28,family:13,big:4")
        if kind == "single":
            home.add(
                Relation.HEAD, min(rng.randint(18, 32) + int(rng.expovariate(1 / 6)), 64), rng.choice("MMF")
            )
            return home
        age = self.couple(home, 22, 50)
        if kind in ("family", "big"):
            self.children(home, age, 1 if kind == "family" else 2)
        if kind == "big" and len(home.members) < 4:
            home.add(Relation.PARENT, age + rng.randint(24, 30), "F")
        return home

    def collective_home(self) -> Home:
        home = Home(Residence.FLOATING, kind=HouseholdKind.COLLECTIVE)
        home.add(Relation.HEAD, self.rng.randint(30, 50), "M")
        for _ in range(self.rng.randint(2, 4)):
            home.add(Relation.OTHER, self.rng.randint(19, 50), self.rng.choice("MMMF"))
        return home

    def plan_people(self) -> None:
        rng, homes = self.rng, self.homes
        for tag, (couples, singles) in SPECIAL_FAMILIES.items():
            for i in range(couples + singles):
                home = Home(Residence.PERMANENT, special=tag)
                if i < couples:
                    self.couple(home, 56, 78)
                else:
                    home.add(Relation.HEAD, rng.randint(58, 84), "F" if rng.random() < 0.7 else "M")
                homes.append(home)
        self._fill(Residence.PERMANENT, PERMANENT, self.permanent_home)
        for _ in range(20):
            homes.append(self.collective_home())
        self._fill(Residence.FLOATING, FLOATING, self.floating_home)
        self.plan_leavers()
        for home in homes:
            self.ethnicities(home)
        rng.shuffle(homes)

    def _fill(self, residence: str, target: int, make) -> None:
        count = sum(len(h.members) for h in self.homes if h.residence == residence)
        while count < target:
            home = make()
            del home.members[target - count :]  # the last household takes only the people still wanted
            count += len(home.members)
            self.homes.append(home)

    def plan_leavers(self) -> None:
        """People who left during 2023, added on top of the year-end register: about 400 deaths and 800
        moves out, as extra members of existing households or as whole households now empty."""
        rng = self.rng
        ordinary = [h for h in self.homes if h.residence == Residence.PERMANENT and not h.special]
        singles_old = [h for h in ordinary if len(h.members) == 1 and h.members[0].age >= 60]
        with_parent = [h for h in ordinary if any(p.relation == Relation.PARENT for p in h.members)]
        families = [h for h in ordinary if len(h.members) >= 2 and h.members[0].age >= 46]
        death, moved = ResidentEventKind.DEATH, ResidentEventKind.MOVE_OUT
        for home in rng.sample(singles_old, 200):  # widowed in 2023
            head = home.members[0]
            home.add(
                Relation.SPOUSE, head.age + rng.randint(-3, 5), "M" if head.gender == "F" else "F", death
            )
        for home in rng.sample(with_parent, 90):
            home.add(Relation.PARENT, rng.randint(82, 98), rng.choice("MF"), death)
        for home in rng.sample(families, 350):
            home.add(Relation.CHILD, home.members[0].age - rng.randint(22, 28), rng.choice("MF"), moved)
        for _ in range(110):  # lived alone and died
            home = Home(Residence.PERMANENT)
            home.add(Relation.HEAD, self.elderly_age(72), rng.choice("MFF"), death)
            self.homes.append(home)
        for _ in range(100):  # sold up and moved away
            home = self.permanent_home()
            del home.members[3:]
            for person in home.members:
                person.leaves = moved
            self.homes.append(home)
        for _ in range(140):  # renters whose lease ended
            home = self.floating_home()
            del home.members[2:]
            for person in home.members:
                person.leaves = moved
            self.homes.append(home)

    def ethnicities(self, home: Home) -> None:
        codes, spec = self.ethnicity_codes, ETHNICITY[home.residence]
        head = codes[self.pick(spec)]
        for person in home.members:
            # Blood relatives share the head's ethnicity; three spouses in four do.
            if person.relation in BLOOD or self.rng.random() < 0.75:
                person.ethnicity = head
            else:
                person.ethnicity = codes[self.pick(spec)]

    def fix_aged_80_plus(self) -> None:
        """Make exactly AGED_80_PLUS people on the year-end register 80 or older, moving the fewest people
        across the line (82 ↔ 78 keeps every household plausible)."""
        present = [p for h in self.homes for p in h.members if not p.leaves]
        old = [p for p in present if p.age >= 80]
        if len(old) > AGED_80_PLUS:
            for person in self.rng.sample([p for p in old if p.age < 85], len(old) - AGED_80_PLUS):
                person.age = self.rng.randint(75, 79)
        elif len(old) < AGED_80_PLUS:
            near = [p for p in present if 75 <= p.age < 80]
            for person in self.rng.sample(near, AGED_80_PLUS - len(old)):
                person.age = self.rng.randint(80, 84)

    # -- identities -----------------------------------------------------------------------------------------

    def identify(self) -> None:
        rng, taken_ids, taken_phones = self.rng, set(), set()
        for home in self.homes:
            surname = None
            for person in home.members:
                year = YEAR_END.year - person.age
                person.birth = self.day(date(year, 1, 1), date(year, 12, 31))
                person.registered_on = max(home.since, person.birth)
                if person.leaves:
                    person.left_on = self.day(
                        max(date(2023, 1, 2), person.registered_on + timedelta(1)), YEAR_END
                    )
                surname = self.name(person, surname)
                person.id_number = self.id_number(person, taken_ids)
                if rng.random() < _phone_chance(person.age):
                    person.phone = self.mobile(taken_phones)

    def name(self, person: Person, family: str | None) -> str:
        """Sets the person's name; returns the household's family surname (the head's, or a man's)."""
        rng, ethnicity = self.rng, person.ethnicity
        if ethnicity == self.ethnicity_codes["蒙古族"] and rng.random() < 0.5:
            person.name = rng.choice(MONGOL_GIVEN[person.gender].split())
            return family or ""
        spec = {self.ethnicity_codes["回族"]: HUI_SURNAMES, self.ethnicity_codes["蒙古族"]: MONGOL_SURNAMES}
        inherits = person.relation in (Relation.CHILD, Relation.GRANDCHILD) or (
            person.gender == "M" and person.relation in (Relation.HEAD, Relation.PARENT, Relation.SIBLING)
        )
        surname = (
            family
            if family and inherits and rng.random() < 0.92
            else self.pick(spec.get(ethnicity, SURNAMES))
        )
        era = bisect.bisect((1960, 1980, 2000), person.birth.year)
        person.name = surname + rng.choice(GIVEN[(era, person.gender)].split())
        return family or (surname if person.relation == Relation.HEAD or person.gender == "M" else None)

    def id_number(self, person: Person, taken: set) -> str:
        home = person.household
        if home.residence == Residence.FLOATING:
            region = self.pick(INNER_MONGOLIA_REGIONS if self.rng.random() < 0.35 else OTHER_PROVINCE_REGIONS)
        else:
            region = self.pick(LOCAL_REGIONS if self.rng.random() < 0.9 else INNER_MONGOLIA_REGIONS)
        while True:
            first17 = (
                f"{region}{person.birth:%Y%m%d}{self.rng.randrange(500) * 2 + (person.gender == 'M'):03d}"
            )
            if first17 not in taken:
                taken.add(first17)
                return first17 + resident_id_check_digit(first17)

    def mobile(self, taken: set) -> str:
        while True:
            number = f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"
            if number not in taken:
                taken.add(number)
                return number

    # -- writing --------------------------------------------------------------------------------------------

    def write_people(self) -> None:
        people = [p for h in self.homes for p in h.members]
        cipher = get_cipher()
        numbers = [p.id_number for p in people]
        phones = [p.phone for p in people]
        id_ciphers = cipher.encrypt_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        id_indexes = cipher.blind_index_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        phone_ciphers = cipher.encrypt_many(phones, purpose=PURPOSE_MOBILE)
        phone_indexes = cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)
        rows = []
        for person, id_cipher, id_index, phone_cipher, phone_index in zip(
            people, id_ciphers, id_indexes, phone_ciphers, phone_indexes, strict=True
        ):
            home, number, phone = person.household, person.id_number, person.phone
            values = {  # the import's row (ResidentLedger._create), from the planned person
                "name": person.name,
                "name_initials": initials(person.name),
                "id_number_cipher": id_cipher,
                "id_number_index": id_index,
                "id_number_masked": number[:3] + "*" * 11 + number[-4:],
                "phone_cipher": phone_cipher,
                "phone_index": phone_index or "",
                "phone_masked": phone[:3] + "****" + phone[-4:] if phone else "",
                "gender": person.gender,
                "birth_date": person.birth,
                "hukou_local": home.residence == Residence.PERMANENT and number.startswith("1501"),
                "residence": home.residence,
                "household_id": home.pk,
                "relation": person.relation,
                "ethnicity": person.ethnicity,
                "party_member": person.party,
                "area_id": self.buildings[home.building]["grid"].pk,
                "status": _LEFT_STATUS.get(person.leaves, ResidentStatus.ACTIVE),
                "registered_on": person.registered_on,
                "left_on": person.left_on,
                "note": "",
                "version": 1,
            }
            rows.append(values)
        # Leavers are written as they stand at year end; their events tell when they arrived and left.
        for person, pk in zip(people, _insert(Resident, rows), strict=True):
            person.pk = pk
        self.write_events(people)

    def write_events(self, people: list[Person]) -> None:
        rows = []
        for person in people:
            home = person.household
            area = self.buildings[home.building]["grid"].pk
            born_here = person.registered_on == person.birth and person.birth > home.since
            rows.append(
                {
                    "resident_id": person.pk,
                    "kind": ResidentEventKind.MOVE_IN
                    if home.moved_in and not born_here
                    else ResidentEventKind.REGISTER,
                    "occurred_on": person.registered_on,
                    "from_household_id": None,
                    "to_household_id": home.pk,
                    "from_area_id": None,
                    "to_area_id": area,
                    "note": "出生登记" if born_here else "",
                    "recorded_by_id": None,
                    "recorded_at": self.stamp(person.registered_on),
                }
            )
            if person.leaves:
                moved = person.leaves == ResidentEventKind.MOVE_OUT
                rows.append(
                    {
                        "resident_id": person.pk,
                        "kind": person.leaves,
                        "occurred_on": person.left_on,
                        "from_household_id": home.pk,
                        "to_household_id": None,
                        "from_area_id": area,
                        "to_area_id": None,
                        "note": self.rng.choice(MOVE_OUT_NOTES) if moved else "",
                        "recorded_by_id": None,
                        "recorded_at": self.stamp(person.left_on),
                    }
                )
        _insert(ResidentEvent, rows)

    def stamp(self, day: date) -> datetime:
        """When staff recorded an event: within office hours of its day."""
        return datetime.combine(day, time(9), HOHHOT) + timedelta(minutes=self.rng.randrange(480))


def _phone_chance(age: int) -> float:
    return (0.0, 0.5, 0.96, 0.75, 0.45)[bisect.bisect((12, 18, 70, 80), age)]

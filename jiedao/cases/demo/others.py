"""The 2023 cases besides the 12345 orders: 网格巡查 (3,136, 99%+ closed on time), 信访 (103 batches, 687
people), 矛盾纠纷 (314, all accepted and closed), 巡河 (21, all fixed), 综合执法 (12 issues) and 110 LPG
hazards, each at a distinct 瓶装液化气用户, all rectified."""

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from jiedao.cases.demo import data
from jiedao.cases.demo.data import Topic
from jiedao.cases.demo.world import LAST_WORK, YEAR_END, Places, Play, Staff, between, day_in, moment, office
from jiedao.cases.models import Source, Urgency
from jiedao.cases.services import case_create
from jiedao.registry.demo.data import _weighted
from jiedao.registry.models import Premises, PremisesKind, PremisesStatus


def local_day(at: datetime) -> date:
    return timezone.localtime(at).date()


def weekday(day: date) -> date:
    """The day, or the Monday after it — the Friday before at the year's end (offices record on weekdays)."""
    step = timedelta(days=1 if day < date(2023, 12, 29) else -1)
    while day.weekday() >= 5:
        day += step
    return day


def patrol_moment(rng: random.Random, day: date) -> datetime:
    """Office hours: grid workers report on their rounds."""
    return moment(
        day.year,
        day.month,
        day.day,
        rng.choice((8, 9, 9, 10, 10, 11, 14, 15, 15, 16, 16, 17)),
        rng.randrange(60),
    )


def urgency(rng: random.Random, topic: Topic) -> str:
    roll = rng.random()
    if roll < topic.urgent:
        return Urgency.URGENT
    return Urgency.COMPLEX if roll < topic.urgent + topic.complex else Urgency.NORMAL


class OtherSources:
    def __init__(self, rng: random.Random, places: Places, staff: Staff, categories: dict, people):
        self.rng, self.places, self.staff = rng, places, staff
        self.categories, self.people = categories, people

    def create(self, topic_or_category, **kw) -> Play:
        category = topic_or_category if isinstance(topic_or_category, str) else topic_or_category.category
        return Play(case_create(category=self.categories[category], **kw))

    def coordinator(self, area, day: date, fallback):
        return self.staff.coordinator(self.places.community_of(area), day, fallback)

    # -- 网格巡查 ------------------------------------------------------------------------------------------------

    def grid_plan(self) -> list[tuple[date, Topic, str]]:
        """(topic, day, fate) for every grid case; fate: late, extended or on_time."""
        rng = self.rng
        cases = []
        for _ in range(data.GRID_CASES):
            topic = rng.choices(data.GRID_TOPICS, weights=[t.weight for t in data.GRID_TOPICS])[0]
            day = day_in(rng, topic.months)
            while day.weekday() >= 5 and rng.random() < 0.85:
                day = day_in(rng, topic.months)
            cases.append([day, topic, "on_time"])
        early = [c for c in cases if c[0] < date(2023, 11, 30)]
        picked = rng.sample(early, data.GRID_LATE + data.GRID_EXTENDED)
        for case in picked[: data.GRID_LATE]:
            case[2] = "late"
        for case in picked[data.GRID_LATE :]:
            case[2] = "extended"
        return [tuple(c) for c in cases]

    def grid_case(self, day: date, topic: Topic, fate: str) -> None:
        rng, places = self.rng, self.places
        title, detail, result = rng.choice(topic.variants)
        community = places.community(rng)
        area, address = places.locate(rng, community, topic.place, day)
        if topic.place == "none":
            area = places.at(places.grid(rng, community), day)
        target, assignee, worker = self.staff.handler(rng, area)
        received = patrol_moment(rng, day)
        play = self.create(
            topic,
            source=Source.GRID,
            title=title,
            description=detail.format(place=address or community.name),
            area=area,
            request_type="report",
            urgency=urgency(rng, topic) if fate == "on_time" else Urgency.NORMAL,
            reporter_name=worker.full_name,
            address=address,
            received_at=received,
            accepted=True,
            actor=worker,
        )
        dispatcher = self.coordinator(area, day, self.staff.city)
        play("dispatch", dispatcher, office(received, rng.uniform(0.05, 0.3)), area=target, assignee=assignee)
        play("sign", worker, office(play.at, rng.uniform(0.05, 0.4)))
        if rng.random() < 0.2:
            play("start", worker, office(play.at, rng.uniform(0.1, 1)))
        due = play.due()
        if fate == "late":
            close_at = office(due, rng.uniform(1, 24))
        elif fate == "extended":
            ask = between(rng, play.at, due - timedelta(hours=1), rng.uniform(0.3, 0.7))
            days = rng.choice((2, 3, 5))
            play("request_extension", worker, ask, days=days, note="需协调产权单位处理，申请延期")
            play("approve_extension", self.staff.city, office(play.at, rng.uniform(0.2, 2)))
            close_at = between(rng, due, play.due(), rng.uniform(0.2, 0.9))
        else:
            close_at = between(rng, play.at, due, rng.betavariate(1.2, 5))
        if due < YEAR_END:
            close_at = min(close_at, LAST_WORK)
        elif close_at >= LAST_WORK or rng.random() < 0.5:
            return  # reported in the last days of December, due in January: still open at year end
        play("close", worker, close_at, result=result)
        if rng.random() < 0.6:
            play("archive", dispatcher, office(play.at, rng.uniform(1, 16)))

    # -- 信访 ------------------------------------------------------------------------------------------------------

    def petition_people(self) -> list[int]:
        """People per batch: a few collective visits, the rest one to a few people; exactly PETITION_PEOPLE."""
        rng = self.rng
        collective = list(data.PETITION_COLLECTIVE)
        small = [
            rng.choices(range(1, 9), weights=(30, 20, 15, 10, 8, 6, 5, 4))[0]
            for _ in range(data.PETITION_BATCHES - len(collective))
        ]
        target = data.PETITION_PEOPLE - sum(collective)
        while sum(small) != target:
            i = rng.randrange(len(small))
            step = 1 if sum(small) < target else -1
            if 1 <= small[i] + step <= 9:
                small[i] += step
        counts = collective + small
        rng.shuffle(counts)
        return counts

    def petition_plan(self) -> list[tuple[date, Topic, int]]:
        plan = []
        for people in self.petition_people():
            topics = [t for t in data.PETITION_TOPICS if people < 15 or t.key != "subsistence"]
            topic = self.rng.choices(topics, weights=[t.weight for t in topics])[0]
            plan.append((weekday(day_in(self.rng, topic.months)), topic, people))
        return plan

    def petition(self, day: date, topic: Topic, people: int) -> None:
        rng, places, staff = self.rng, self.places, self.staff
        title, detail, result = rng.choice(topic.variants)
        community = places.community(rng)
        area, address = places.locate(rng, community, topic.place, day)
        received = patrol_moment(rng, day)
        who = f"{people}名群众集体" if people >= 5 else ("群众" if people == 1 else f"{people}名群众")
        play = self.create(
            topic,
            source=Source.PETITION,
            title=title,
            description=f"{who}来访：" + detail.format(place=address or community.name),
            area=area,
            request_type=self.pick(topic.requests),
            urgency=Urgency.COMPLEX if rng.random() < topic.complex else Urgency.NORMAL,
            reporter_name=self.people.name(),
            reporter_phone=self.people.phone(),
            address=address,
            received_at=received,
            accepted=True,
            actor=staff.stability,
            people_count=people,
        )
        community_now = places.community_of(area)
        worker = staff.worker(rng, community_now)
        play(
            "dispatch",
            staff.stability,
            office(received, rng.uniform(0.2, 2)),
            area=community_now,
            assignee=worker,
        )
        play("sign", worker, office(play.at, rng.uniform(0.1, 1)))
        play("start", worker, office(play.at, rng.uniform(0.5, 4)))
        if people >= 15 and rng.random() < 0.7:
            play(
                "supervise",
                rng.choice(staff.leaders),
                office(play.at, rng.uniform(1, 8)),
                note="集体访事项，领导包案督办",
            )
        due = play.due()
        if rng.random() < 0.15 and play.at < due - timedelta(hours=2):
            play(
                "request_extension",
                worker,
                between(rng, play.at, due, 0.7),
                days=10,
                note="需会同区直部门研究答复，申请延期",
            )
            play("approve_extension", rng.choice(staff.leaders), office(play.at, rng.uniform(0.5, 4)))
            due = play.due()
        close_at = between(rng, play.at, due, rng.uniform(0.3, 0.95))
        if close_at >= LAST_WORK:
            return  # answered in 2024
        play("close", worker, close_at, result=result)
        play("archive", staff.stability, office(play.at, rng.uniform(2, 24)))

    # -- 矛盾纠纷 ---------------------------------------------------------------------------------------------------

    def dispute_plan(self) -> list[tuple[date, Topic]]:
        plan = []
        for _ in range(data.DISPUTES):
            topic = self.rng.choices(data.DISPUTE_TOPICS, weights=[t.weight for t in data.DISPUTE_TOPICS])[0]
            plan.append((day_in(self.rng, topic.months, last=date(2023, 12, 15)), topic))
        return plan

    def dispute(self, day: date, topic: Topic) -> None:
        rng, places, staff = self.rng, self.places, self.staff
        title, detail, result = rng.choice(topic.variants)
        community = places.community(rng)
        area, address = places.locate(rng, community, topic.place, day)
        if topic.place == "none":
            area = places.at(places.grid(rng, community), day)
        community_then = places.community_of(area)
        registrar = staff.worker(rng, community_then)
        applicant, respondent = self.people.name(), self.people.name()
        play = self.create(
            topic,
            source=Source.DISPUTE,
            title=title,
            description=detail.format(place=address or community.name),
            area=area,
            request_type="help",
            urgency=Urgency.COMPLEX if rng.random() < 0.08 else Urgency.NORMAL,
            reporter_name=applicant,
            reporter_phone=self.people.phone(),
            address=address,
            received_at=patrol_moment(rng, day),
            actor=registrar,
            parties=f"申请人：{applicant}；被申请人：{respondent}",
        )
        play("accept", registrar, office(play.at, rng.uniform(0.05, 0.5)))
        target, assignee, mediator = staff.handler(rng, area)
        play(
            "dispatch",
            self.coordinator(area, day, staff.stability),
            office(play.at, rng.uniform(0.1, 1)),
            area=target,
            assignee=assignee,
        )
        play("sign", mediator, office(play.at, rng.uniform(0.05, 0.5)))
        play("start", mediator, office(play.at, rng.uniform(0.2, 4)))
        close_at = min(between(rng, play.at, play.due(), rng.betavariate(1.5, 3)), LAST_WORK)
        play("close", mediator, close_at, result=result)
        archivist = self.coordinator(area, day, staff.stability)
        play("archive", archivist, office(play.at, rng.uniform(1, 16)))

    # -- 巡河 ----------------------------------------------------------------------------------------------------------

    def river_plan(self) -> list[tuple[date, int]]:
        return [(weekday(day_in(self.rng, "000367776300")), n) for n in range(data.RIVER_PROBLEMS)]

    def river(self, day: date, n: int) -> None:
        rng, places, staff = self.rng, self.places, self.staff
        community = places.by_name[data.RIVER_COMMUNITIES[n % len(data.RIVER_COMMUNITIES)]]
        river = data.RIVERS[n % len(data.RIVERS)]
        title, detail, result = data.RIVER_ISSUES[rng.randrange(len(data.RIVER_ISSUES))]
        area = places.at(places.grid(rng, community), day)
        patroller = staff.worker(rng, community)
        play = self.create(
            "river",
            source=Source.RIVER,
            title=title,
            description=detail.format(river=f"{river}（{community.name}段）"),
            area=area,
            request_type="report",
            reporter_name=patroller.full_name,
            address=f"{river}{community.name}段",
            received_at=patrol_moment(rng, day),
            accepted=True,
            actor=patroller,
        )
        target, assignee, worker = staff.handler(rng, area)
        dispatcher = self.coordinator(area, day, staff.city)
        play("dispatch", dispatcher, office(play.at, rng.uniform(0.1, 1)), area=target, assignee=assignee)
        play("sign", worker, office(play.at, rng.uniform(0.05, 0.5)))
        play("close", worker, between(rng, play.at, play.due(), rng.uniform(0.1, 0.8)), result=result)
        play("archive", dispatcher, office(play.at, rng.uniform(1, 16)))

    # -- 综合执法 ------------------------------------------------------------------------------------------------------

    def enforcement_plan(self) -> list[tuple[date, tuple, bool]]:
        issues = data.ENFORCEMENT_ISSUES_LIST[: data.ENFORCEMENT_ISSUES]
        still_open = set(self.rng.sample(range(len(issues)), 4))
        plan = []
        for n, issue in enumerate(issues):
            first = max(date(2023, 3, 1), self.places.by_name[issue[2]].valid_from)
            plan.append((weekday(day_in(self.rng, "001233333320", first=first)), issue, n in still_open))
        return plan

    def enforcement(self, day: date, issue: tuple[str, str, str, str], still_open: bool) -> None:
        rng, places, staff = self.rng, self.places, self.staff
        title, category, community_name, result = issue
        community = places.by_name[community_name]
        area = places.at(community, day)
        play = self.create(
            category,
            source=Source.ENFORCEMENT,
            title=title,
            description=f"综合执法重点难点问题：{title}，群众反映强烈，需多部门联合整治。",
            area=area,
            request_type="report",
            urgency=Urgency.COMPLEX,
            reporter_name=staff.city.full_name,
            address=f"{community_name}辖区",
            received_at=patrol_moment(rng, day),
            accepted=True,
            actor=staff.city,
        )
        worker = staff.worker(rng, area)
        play("dispatch", staff.city, office(play.at, rng.uniform(0.5, 4)), area=area, assignee=worker)
        play("sign", worker, office(play.at, rng.uniform(0.1, 1)))
        play("start", worker, office(play.at, rng.uniform(1, 8)))
        due = play.due()
        if still_open:
            at = office(max(due, play.at), rng.uniform(1, 16))
            if at < LAST_WORK:
                play("supervise", rng.choice(staff.leaders), at, note="重点难点问题，持续督办")
            return
        close_at = between(rng, play.at, due, rng.uniform(0.4, 0.95))
        if close_at >= LAST_WORK:
            return
        play("close", worker, close_at, result=result)
        play("archive", staff.city, office(play.at, rng.uniform(2, 16)))

    # -- 瓶装液化气隐患 --------------------------------------------------------------------------------------------------

    def hazard_plan(self) -> list[tuple[date, Premises]]:
        plan = []
        for premises in self.lpg_premises():
            first = max(date(2023, 4, 10), premises.registered_on)
            day = first + timedelta(days=self.rng.randrange((date(2023, 9, 29) - first).days + 1))
            plan.append((weekday(day), premises))
        return plan

    def lpg_premises(self) -> list[Premises]:
        """The LPG users a hazard is recorded at: open, registered before the campaign's end."""
        candidates = list(
            Premises.objects.filter(
                kind=PremisesKind.LPG_USER,
                status=PremisesStatus.OPEN,
                area__path__startswith=self.places.street.path,
                registered_on__lte=date(2023, 9, 1),
            )
            .select_related("area")
            .order_by("pk")
        )
        return self.rng.sample(candidates, min(data.LPG_HAZARDS, len(candidates)))

    def hazard(self, day: date, premises: Premises) -> None:
        rng, places, staff = self.rng, self.places, self.staff
        area = places.at(premises.area, day)
        hazard, fix = data.LPG_HAZARDS_TEXT[rng.randrange(len(data.LPG_HAZARDS_TEXT))]
        play = self.create(
            "gas",
            source=Source.HAZARD,
            title=f"{premises.name}：{hazard}",
            description=f"瓶装液化气安全隐患排查发现{premises.name}（{premises.address}）{hazard}，已下达整改通知。",
            area=area,
            request_type="report",
            urgency=Urgency.URGENT if rng.random() < 0.1 else Urgency.NORMAL,
            reporter_name=staff.safety.full_name,
            address=premises.address,
            received_at=patrol_moment(rng, day),
            accepted=True,
            actor=staff.safety,
            premises=premises,
        )
        target, assignee, worker = staff.handler(rng, area)
        play("dispatch", staff.safety, office(play.at, rng.uniform(0.1, 0.5)), area=target, assignee=assignee)
        play("sign", worker, office(play.at, rng.uniform(0.05, 0.4)))
        play("start", worker, office(play.at, rng.uniform(0.2, 2)))
        play(
            "close",
            worker,
            between(rng, play.at, play.due(), rng.uniform(0.2, 0.9)),
            result=f"复查确认：{fix}",
        )
        play("archive", staff.safety, office(play.at, rng.uniform(1, 16)))

    def pick(self, spec: str) -> str:
        keys, cumulative = _weighted(spec)
        return self.rng.choices(keys, cum_weights=cumulative)[0]

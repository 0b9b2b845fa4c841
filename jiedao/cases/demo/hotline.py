"""The 2023 12345 orders: 5,011 received; at year end 2,013 closed, 1,808 returned, 1,190 in progress; of the
closed, 1,860 callbacks answered (1,677 resolved, 1,637 satisfied or basically satisfied).

`plan` decides every order's outcome up front (so the totals are exact), `play` then creates it and makes
its moves at office times: the 12345 desk (党政办) dispatches to the community or grid, the community or
grid worker signs and handles, the desk calls back and archives, the leaders supervise and approve
extensions.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.demo import data
from jiedao.cases.demo.data import Topic
from jiedao.cases.demo.world import (
    LAST_WORK,
    Places,
    Play,
    Staff,
    between,
    day_in,
    moment,
    office,
    weighted_sample,
)
from jiedao.cases.models import ReturnReason, Source, Urgency
from jiedao.cases.services import case_create
from jiedao.core.models import AreaLevel
from jiedao.registry.demo.data import _weighted

HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22)
HOUR_WEIGHTS = (1, 4, 9, 10, 8, 4, 4, 7, 8, 8, 6, 4, 5, 5, 3, 1)
# In progress at year end: orders of the later months (an old order still open is a hard one).
OPEN_BY_MONTH = (0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 1, 1.5, 2.5, 4, 7, 12)
RETURNS_OPEN_FROM = moment(2023, 12, 27, 12, 0)  # later orders cannot be returned or closed within 2023
CLOSES_OPEN_FROM = moment(2023, 12, 22)
RETURN_NOTES = {
    ReturnReason.OUTSIDE_AREA: "经核实，诉求地址位于{street}，不属于本街道辖区，请派至属地街道办理。",
    ReturnReason.NOT_OUR_DUTY: "该诉求不属于街道职责，建议转派{department}办理。",
    ReturnReason.INCOMPLETE: "来电人未提供具体地址，多次回拨未接通，无法核实诉求内容。",
}
DEPARTMENTS = {
    "wages": "区人社局劳动监察大队",
    "title_deed": "区不动产登记中心",
    "taxi": "市交通运输局",
    "goods": "区市场监管局",
    "medical_insurance": "区医保局",
    "school_fees": "区教育局",
}


@dataclass
class Order:
    topic: Topic
    received_at: datetime
    outcome: str = ""  # closed, returned, in_progress
    reason: str = ""
    anonymous: bool = False
    callback: tuple | str | None = None  # (resolved, satisfaction), "declined", or None
    reopened: bool = False
    result: str = ""  # what the handler writes when closing


class Hotline:
    def __init__(self, rng: random.Random, places: Places, staff: Staff, categories: dict, people):
        self.rng, self.places, self.staff = rng, places, staff
        self.categories, self.people = categories, people
        self.numbers: dict[date, int] = {}

    # -- the plan -----------------------------------------------------------------------------------------

    def plan(self) -> list[Order]:
        rng = self.rng
        not_ours = round(data.HOTLINE_RETURNED * data.RETURN_REASONS[ReturnReason.NOT_OUR_DUTY])
        orders = []
        for n in range(data.HOTLINE_RECEIVED):
            topics = data.NOT_OUR_DUTY_TOPICS if n < not_ours else data.HOTLINE_TOPICS
            topic = rng.choices(topics, weights=[t.weight for t in topics])[0]
            order = Order(topic, self.received(topic.months), anonymous=rng.random() < data.HOTLINE_ANONYMOUS)
            order.reason = ReturnReason.NOT_OUR_DUTY if n < not_ours else ""
            orders.append(order)
        orders.sort(key=lambda o: o.received_at)
        self._outcomes(orders)
        self._callbacks([o for o in orders if o.outcome == "closed"])
        return orders

    def received(self, months: str) -> datetime:
        rng = self.rng
        while True:
            day = day_in(rng, months)
            if day.weekday() < 5 or rng.random() < 0.7:
                break
        hour = rng.choices(HOURS, weights=HOUR_WEIGHTS)[0]
        return moment(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))

    def _outcomes(self, orders: list[Order]) -> None:
        rng = self.rng
        late = [o for o in orders if o.received_at >= RETURNS_OPEN_FROM]
        rest = [o for o in orders if o.received_at < RETURNS_OPEN_FROM]
        weights = [OPEN_BY_MONTH[o.received_at.month - 1] * (0.15 if o.reason else 1) for o in rest]
        for order in late + weighted_sample(rng, rest, weights, data.HOTLINE_IN_PROGRESS - len(late)):
            order.outcome = "in_progress"
        returned = [o for o in orders if not o.outcome and o.reason]
        regular = [o for o in orders if not o.outcome and not o.reason]
        # Orders of the year's last days cannot be closed within it: those still open are returned.
        forced = [o for o in regular if o.received_at >= CLOSES_OPEN_FROM]
        others = [o for o in regular if o.received_at < CLOSES_OPEN_FROM]
        returned += forced + rng.sample(others, data.HOTLINE_RETURNED - len(returned) - len(forced))
        outside = data.RETURN_REASONS[ReturnReason.OUTSIDE_AREA]
        share = outside / (outside + data.RETURN_REASONS[ReturnReason.INCOMPLETE])
        for order in returned:
            order.outcome = "returned"
            if not order.reason:
                order.reason = ReturnReason.OUTSIDE_AREA if rng.random() < share else ReturnReason.INCOMPLETE
        for order in orders:
            order.outcome = order.outcome or "closed"
        closed = sum(o.outcome == "closed" for o in orders)
        if closed != data.HOTLINE_CLOSED:
            raise AssertionError(f"demo hotline plan: {closed} closed")

    def _callbacks(self, closed: list[Order]) -> None:
        """Answered callbacks exactly as CALLBACK_TABLE; the other named callers decline; the anonymous
        cannot be called back. Hard topics end unresolved more often."""
        rng = self.rng
        named = [o for o in closed if not o.anonymous]
        answered = rng.sample(named, sum(data.CALLBACK_TABLE.values()))
        for order in named:
            order.callback = "declined"
        unresolved_count = sum(n for (resolved, _), n in data.CALLBACK_TABLE.items() if not resolved)
        unresolved = set(
            map(id, weighted_sample(rng, answered, [o.topic.hard for o in answered], unresolved_count))
        )
        pools = {
            False: [o for o in answered if id(o) in unresolved],
            True: [o for o in answered if id(o) not in unresolved],
        }
        for resolved, pool in pools.items():
            rng.shuffle(pool)
            start = 0
            for (is_resolved, satisfaction), n in data.CALLBACK_TABLE.items():
                if is_resolved == resolved:
                    for order in pool[start : start + n]:
                        order.callback = (resolved, satisfaction)
                    start += n
        early = [o for o in pools[True] if o.received_at < moment(2023, 11, 1) and o.topic.key != "praise"]
        for order in rng.sample(early, data.REOPENED):
            order.reopened = True

    # -- playing it -------------------------------------------------------------------------------------------

    def external_number(self, received: datetime) -> str:
        day = timezone.localtime(received).date()
        seq = self.numbers.get(day) or self.rng.randint(120, 900)
        seq += self.rng.randint(3, 90)
        self.numbers[day] = seq
        return f"{day:%Y%m%d}{seq:05d}"

    def play(self, order: Order) -> None:
        rng, topic = self.rng, order.topic
        day = timezone.localtime(order.received_at).date()
        title, detail, order.result = rng.choice(topic.variants)
        community = self.places.community(rng)
        area, address = self.places.locate(rng, community, topic.place, day)
        if order.reason == ReturnReason.OUTSIDE_AREA:
            area, address = (
                self.places.at(community, day),
                f"{rng.choice(data.OUTSIDE_STREETS)}{rng.randint(1, 160)}号",
            )
        elif order.reason == ReturnReason.INCOMPLETE:
            area, address = self.places.at(community, day), ""
        place = address or (community.name if order.reason != ReturnReason.INCOMPLETE else "来电人所在小区")
        urgency = self.urgency(order)
        case = case_create(
            source=Source.HOTLINE,
            category=self.categories[topic.category],
            title=title,
            description=detail.format(place=place),
            area=area,
            request_type=self.request_type(topic),
            urgency=urgency,
            reporter_name="" if order.anonymous else self.people.caller(),
            reporter_phone=None if order.anonymous else self.people.phone(),
            anonymous=order.anonymous,
            address=address,
            external_number=self.external_number(order.received_at),
            received_at=order.received_at,
            accepted=True,
            actor=self.staff.desk,
        )
        play = Play(case)
        {"returned": self.returned, "closed": self.closed, "in_progress": self.in_progress}[order.outcome](
            play, order
        )

    def urgency(self, order: Order) -> str:
        topic, roll = order.topic, self.rng.random()
        complex_share = topic.complex
        if order.outcome == "in_progress" and order.received_at.month < 10:
            complex_share = max(complex_share, 0.5)  # still open after months: the hard ones
        if roll < topic.urgent and order.outcome != "in_progress":
            return Urgency.URGENT
        if roll < topic.urgent + complex_share:
            return Urgency.COMPLEX
        return Urgency.NORMAL

    def request_type(self, topic: Topic) -> str:
        keys, cumulative = _weighted(topic.requests)
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def dispatch(self, play: Play, order: Order):
        """Dispatch (now and then first to a wrong community, then 改派); returns the signer."""
        rng, desk = self.rng, self.staff.desk
        area = play.case.area
        target, assignee, signer = self.staff.handler(rng, area)
        if target.level != AreaLevel.GRID or rng.random() < 0.6:  # most go to the community, which signs
            target, assignee = self.places.community_of(area), None
            signer = self.staff.worker(rng, target)
        at = office(play.at, rng.uniform(0.05, 0.3))
        if rng.random() < 0.02:
            day = timezone.localtime(play.at).date()
            others = [
                c
                for c in self.places.communities
                if c.valid_from <= day and c.pk != self.places.community_of(area).pk
            ]
            play("dispatch", desk, at, area=rng.choice(others))
            return play(
                "reassign",
                desk,
                office(play.at, rng.uniform(0.2, 1.5)),
                area=target,
                assignee=assignee,
                note="派单有误，改派至属地社区",
            ), signer
        return play("dispatch", desk, at, area=target, assignee=assignee), signer

    def returned(self, play: Play, order: Order) -> None:
        rng, desk = self.rng, self.staff.desk
        received = play.case.received_at
        limit = min(
            deadlines.extended_deadline(received, deadlines.RETURN_WINDOW_DAYS), LAST_WORK
        ) - timedelta(minutes=5)
        note = RETURN_NOTES[order.reason].format(
            street=play.case.address.rstrip("0123456789号"),
            department=DEPARTMENTS.get(order.topic.key, "相关职能部门"),
        )
        direct = {ReturnReason.OUTSIDE_AREA: 0.7, ReturnReason.NOT_OUR_DUTY: 0.5}.get(order.reason, 0.0)
        if rng.random() < direct:
            play(
                "return",
                desk,
                min(office(received, rng.uniform(0.1, 2.5)), limit),
                reason=order.reason,
                note=note,
            )
        else:
            _, signer = self.dispatch(play, order)
            if rng.random() < 0.7:
                play("sign", signer, min(office(play.at, rng.uniform(0.05, 0.5)), limit))
            play(
                "return",
                signer,
                min(office(play.at, rng.uniform(0.3, 6)), limit),
                reason=order.reason,
                note=note,
            )
        if rng.random() < 0.6:
            play("archive", desk, min(office(play.at, rng.uniform(1, 24)), LAST_WORK))

    def closed(self, play: Play, order: Order) -> None:
        rng = self.rng
        _, signer = self.dispatch(play, order)
        late_sign = rng.random() < 0.02
        play("sign", signer, office(play.at, rng.uniform(1.2, 5) if late_sign else rng.uniform(0.05, 0.5)))
        if rng.random() < 0.4:
            play("start", signer, office(play.at, rng.uniform(0.1, 2)))
        due = play.due()
        late = rng.random() < 0.03
        if late:
            if rng.random() < 0.6:
                play(
                    "supervise",
                    self.leader(),
                    min(office(due, rng.uniform(0.5, 4)), LAST_WORK),
                    note="超期未办结，请加快办理",
                )
            close_at = office(max(due, play.at), rng.uniform(1, 20))
        else:
            if (
                play.case.urgency != Urgency.URGENT
                and play.at < due - timedelta(hours=2)
                and rng.random() < 0.05
            ):
                due = self.extension(play, signer, due)
            if rng.random() < 0.01:
                play(
                    "supervise",
                    self.leader(),
                    between(rng, play.at, due, 0.3),
                    note="群众反映强烈，请重点督办",
                )
            close_at = between(rng, play.at, due, rng.betavariate(1.3, 2.5))
        result = order.result
        play("close", signer, min(close_at, LAST_WORK), result=result)
        self.call_back(play, order, signer, result)

    def extension(self, play: Play, signer, due: datetime) -> datetime:
        rng = self.rng
        ask = between(rng, play.at, due - timedelta(hours=1), rng.uniform(0.3, 0.8))
        days = rng.choice((3, 5, 5, 7, 10))
        play("request_extension", signer, ask, days=days, note="需协调产权单位和专业维修队伍，申请延期")
        if rng.random() < 0.85:
            play("approve_extension", self.leader(), office(play.at, rng.uniform(0.3, 3)))
            return play.due()
        play("reject_extension", self.leader(), office(play.at, rng.uniform(0.3, 3)), note="请按原时限办结")
        return due

    def call_back(self, play: Play, order: Order, signer, result: str) -> None:
        rng, desk = self.rng, self.staff.desk
        if order.callback is None:
            return
        at = min(office(play.at, rng.uniform(2, 20)), LAST_WORK)
        if order.callback == "declined":
            play("callback", desk, at, declined=True, note="来电人表示不需要回访")
        else:
            if order.reopened:
                play(
                    "callback",
                    desk,
                    at,
                    resolved=False,
                    satisfaction="unsatisfied",
                    note="来电人反映问题仍未解决",
                )
                play("reopen", desk, office(play.at, rng.uniform(0.3, 2)), note="回访未解决，重新交办")
                play("sign", signer, office(play.at, rng.uniform(0.1, 0.8)))
                play(
                    "close",
                    signer,
                    min(office(play.at, rng.uniform(3, 30)), LAST_WORK),
                    result=f"重办：{result}",
                )
                at = min(office(play.at, rng.uniform(2, 16)), LAST_WORK)
            resolved, satisfaction = order.callback
            play("callback", desk, at, resolved=resolved, satisfaction=satisfaction)
        if rng.random() < 0.7:
            play("archive", desk, min(office(play.at, rng.uniform(2, 30)), LAST_WORK))

    def in_progress(self, play: Play, order: Order) -> None:
        """Moves while they still fall within 2023's office time: the year's last orders stop early."""
        rng = self.rng

        def until(at: datetime) -> datetime | None:
            return at if at < LAST_WORK else None

        if rng.random() < 0.04 or until(office(play.at, 0.3)) is None:
            return  # accepted, not yet dispatched
        _, signer = self.dispatch(play, order)
        if rng.random() < 0.08 or until(office(play.at, 0.5)) is None:
            return
        play("sign", signer, office(play.at, rng.uniform(0.05, 0.5)))
        if rng.random() < 0.2 or until(office(play.at, 2)) is None:
            return
        play("start", signer, office(play.at, rng.uniform(0.1, 2)))
        due = play.due()
        ask = between(rng, play.at, due - timedelta(hours=1), rng.uniform(0.3, 0.8))
        roll = rng.random()
        if roll < 0.13 and ask < min(due, LAST_WORK):
            play(
                "request_extension",
                signer,
                ask,
                days=rng.choice((5, 10, 15)),
                note="涉及多个部门，需协调处理，申请延期",
            )
            if roll < 0.08 and until(office(play.at, 3)):
                play("approve_extension", self.leader(), office(play.at, rng.uniform(0.3, 3)))
        if order.received_at < moment(2023, 11, 15) and rng.random() < 0.25:
            at = until(office(max(play.due(), play.at), rng.uniform(1, 40)))
            if at:
                play("supervise", self.leader(), at, note="超期未办结，列入督办")

    def leader(self):
        return self.rng.choice([*self.staff.leaders, self.staff.desk])

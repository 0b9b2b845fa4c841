"""The case engine: 12345 orders, grid reports, petitions, disputes, hazards … one closed loop.

A `Case` moves only through `jiedao.cases.workflow.case_move`, which reads the transition table, checks the
actor's role and the record's `version` (optimistic lock), and writes the new state and a `CaseEvent` in one
transaction. Deadlines are stored, indexed timestamps computed on the Chinese working-day calendar.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet, scope_q


class Source(models.TextChoices):
    HOTLINE = "hotline", "12345热线"
    GRID = "grid", "网格巡查"
    PETITION = "petition", "信访"
    DISPUTE = "dispute", "矛盾纠纷"
    HAZARD = "hazard", "安全隐患"
    RIVER = "river", "巡河"
    RESIDENT = "resident", "居民上报"
    ENFORCEMENT = "enforcement", "综合执法"
    OTHER = "other", "其他"


class RequestType(models.TextChoices):
    CONSULT = "consult", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGESTION = "suggestion", "建议"
    PRAISE = "praise", "表扬"


class Urgency(models.TextChoices):
    URGENT = "urgent", "紧急"
    NORMAL = "normal", "一般"
    COMPLEX = "complex", "复杂"


class State(models.TextChoices):
    PENDING = "pending", "待受理"
    ACCEPTED = "accepted", "已受理"
    DISPATCHED = "dispatched", "已派单"
    SIGNED = "signed", "已签收"
    HANDLING = "handling", "办理中"
    CLOSED = "closed", "已办结"
    RETURNED = "returned", "已退单"
    ARCHIVED = "archived", "已归档"


OPEN_STATES = (State.PENDING, State.ACCEPTED, State.DISPATCHED, State.SIGNED, State.HANDLING)
# Open311 GeoReport v2 knows two statuses; ours map onto them.
OPEN311_STATUS = {state: "open" for state in OPEN_STATES} | {
    State.CLOSED: "closed",
    State.RETURNED: "closed",
    State.ARCHIVED: "closed",
}


class SlaStatus(models.TextChoices):
    ON_TIME = "on_time", "正常"
    DUE_SOON = "due_soon", "临期"
    OVERDUE = "overdue", "超期"


class ReturnReason(models.TextChoices):
    OUTSIDE_AREA = "outside_area", "非本辖区"
    NOT_OUR_DUTY = "not_our_duty", "非职能"
    INCOMPLETE = "incomplete", "信息不全"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Category(models.Model):
    """An editable tree of case categories (城市管理 › 环境卫生 › 垃圾清运) with the time limits of each urgency.
    A limit left empty is inherited from the parent, then from the defaults in `jiedao.cases.deadlines`."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路径", max_length=255, editable=False, db_index=True)
    response_hours = models.PositiveSmallIntegerField("签收时限（工作小时）", null=True, blank=True)
    urgent_hours = models.PositiveSmallIntegerField("紧急办结时限（工作小时）", null=True, blank=True)
    normal_days = models.PositiveSmallIntegerField("一般办结时限（工作日）", null=True, blank=True)
    complex_days = models.PositiveSmallIntegerField("复杂办结时限（工作日）", null=True, blank=True)
    active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "工单分类"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def ancestors_and_self(self) -> list["Category"]:
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class CaseQuerySet(ScopedQuerySet):
    def for_user(self, user):
        # Where it happened, or where it was dispatched: 社区B handles what was sent to 社区B.
        return self.filter(scope_q(user, "area") | scope_q(user, "assigned_area"))

    def open(self):
        return self.filter(state__in=OPEN_STATES)


class Case(models.Model):
    number = models.CharField("工单编号", max_length=32, unique=True)
    external_number = models.CharField("上游编号", max_length=64, blank=True, help_text="12345平台的工单编号")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    category = models.ForeignKey(
        Category, verbose_name="分类", on_delete=models.PROTECT, related_name="cases"
    )
    request_type = models.CharField(
        "诉求类型", max_length=16, choices=RequestType.choices, default=RequestType.HELP
    )
    urgency = models.CharField("紧急程度", max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField("标题", max_length=120)
    description = models.TextField("诉求内容", blank=True)
    # Reporter: protected like residents' phones; anonymous reports have neither.
    anonymous = models.BooleanField("匿名", default=False)
    reporter_name = models.CharField("诉求人", max_length=50, blank=True)
    reporter_phone_cipher = models.BinaryField(null=True, blank=True, editable=False)
    reporter_phone_index = models.CharField(max_length=32, blank=True, editable=False)
    reporter_phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    address = models.CharField("地址", max_length=200, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    # Where it happened (scoping) and who it was dispatched to.
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="cases"
    )
    assigned_area = models.ForeignKey(
        "core.Area",
        verbose_name="承办区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        "core.User", verbose_name="承办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Petitions count batches and people; disputes name their parties.
    people_count = models.PositiveIntegerField("涉及人数", null=True, blank=True)
    parties = models.TextField("当事人", blank=True)
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name="相关居民",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    premises = models.ForeignKey(
        "registry.Premises",
        verbose_name="相关场所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PENDING)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    received_at = models.DateTimeField("受理时间")
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    returned_at = models.DateTimeField("退单时间", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    response_due_at = models.DateTimeField("签收期限", null=True, blank=True)
    due_at = models.DateTimeField("办结期限", null=True, blank=True)
    sla_status = models.CharField(
        "时限状态", max_length=16, choices=SlaStatus.choices, default=SlaStatus.ON_TIME
    )
    extension_requested_days = models.PositiveSmallIntegerField("申请延期（工作日）", null=True, blank=True)
    return_reason = models.CharField("退单原因", max_length=16, choices=ReturnReason.choices, blank=True)
    result = models.TextField("办理结果", blank=True)
    callback_resolved = models.BooleanField("回访：是否解决", null=True, blank=True)
    callback_satisfaction = models.CharField(
        "回访：满意度", max_length=16, choices=Satisfaction.choices, blank=True
    )
    callback_declined = models.BooleanField("拒绝回访", default=False)
    reopen_count = models.PositiveSmallIntegerField("重办次数", default=0)
    supervised = models.BooleanField("督办", default=False)

    history = HistoricalRecords(
        excluded_fields=["version"],
        no_db_index=["category", "area", "assigned_area", "assignee", "resident", "premises"],
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工单"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["area", "state"], name="case_area_state_idx"),
            models.Index(fields=["source", "received_at"], name="case_source_received_idx"),
            models.Index(fields=["assignee", "state"], name="case_assignee_state_idx"),
            # The SLA sweep polls open cases by deadline (healthchecks' alert_after): a partial index.
            models.Index(
                fields=["due_at"],
                name="case_open_due_idx",
                condition=Q(state__in=["pending", "accepted", "dispatched", "signed", "handling"]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_number"],
                condition=~Q(external_number=""),
                name="case_unique_upstream_number",
                violation_error_message="该上游工单编号已存在",
            ),
            models.CheckConstraint(
                name="case_return_reason_only_when_returned",
                condition=Q(return_reason="") | Q(state__in=["returned", "archived"]),
                violation_error_message="只有退单的工单才有退单原因",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def open311_status(self) -> str:
        return OPEN311_STATUS[self.state]


class CaseEvent(models.Model):
    """One step of a case's timeline (Saleor's OrderEvent): who did what, from which state to which."""

    case = models.ForeignKey(Case, verbose_name="工单", on_delete=models.PROTECT, related_name="events")
    action = models.CharField("动作", max_length=24)
    from_state = models.CharField("原状态", max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=16, choices=State.choices, blank=True)
    actor = models.ForeignKey(
        "core.User", verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", db_index=True)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工单记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case.number} {self.action}"

"""The case engine: 12345 orders, grid reports, petitions, disputes, hazards … one closed loop.

A `Case` moves only through `jiedao.cases.workflow.case_move`, which reads the transition table, checks the
actor's role and the record's `version` (optimistic lock), and writes the new state and a `CaseEvent` in one
transaction. Deadlines are stored, indexed timestamps computed on the Chinese working-day calendar.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet, scope_paths


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


# What a scoped read filters on (CaseQuerySet.for_user), carried in the list's indexes (with the id, which
# Django's capped count selects, where it is not a key column).
SCOPE_COLUMNS = ["area", "assigned_area", "assignee"]
KPI_COLUMNS = [
    "category",
    "source",
    "signed_at",
    "response_due_at",
    "closed_at",
    "due_at",
    "returned_at",
    "callback_resolved",
    "callback_satisfaction",
    "reopen_count",
]


def areas_under(paths) -> list[int] | None:
    """The pks of the areas at or under any of `paths`; None when that is every area. Cases are filtered by
    these ids rather than by a LIKE on a joined area's path: a condition on the case table's own columns
    can use its indexes (bench/case_bench.py)."""
    from jiedao.core.models import Area

    areas = list(Area.objects.values_list("pk", "path"))
    prefixes = tuple(paths)
    ids = [pk for pk, path in areas if path.startswith(prefixes)]
    return None if ids and len(ids) == len(areas) else ids


_areas_changed = [0]  # bumped by every saved or deleted area: a user object's cached area pks are stale


def _note_area_change(**kwargs) -> None:
    _areas_changed[0] += 1


post_save.connect(_note_area_change, sender="core.Area", dispatch_uid="cases_scope_areas_save")
post_delete.connect(_note_area_change, sender="core.Area", dispatch_uid="cases_scope_areas_delete")


def scope_areas(user) -> list[int] | None:
    """`areas_under` the user's scope paths (None also for a superuser, whose scope has no paths). Cached on
    the user object next to its scope paths, so for a request's life; recomputed when the paths change or
    an area was saved since."""
    paths = scope_paths(user)
    if paths is None:
        return None
    key = (paths, _areas_changed[0])
    cached = getattr(user, "_jiedao_scope_areas", None)
    if cached is None or cached[0] != key:
        cached = (key, areas_under(paths))
        user._jiedao_scope_areas = cached
    return cached[1]


def area_q(field: str, area_ids: list[int] | None) -> Q:
    """The case's area foreign key `field` is one of `area_ids` (None: any area, as `areas_under` says)."""
    if area_ids is None:
        return Q(**{f"{field}__isnull": False})
    return Q(**{f"{field}_id__in": area_ids})


def sla_rank():
    """超期 0, 临期 1, the rest 2: the queue's first sort key, and the first column of case_queue_idx (the
    expression must stay identical in both for PostgreSQL to read the queue in index order)."""
    return models.Case(
        models.When(sla_status=SlaStatus.OVERDUE, then=0),
        models.When(sla_status=SlaStatus.DUE_SOON, then=1),
        default=2,
        output_field=models.IntegerField(),
    )


class CaseQuerySet(ScopedQuerySet):
    def for_user(self, user):
        # Where it happened, or where it was dispatched: 社区B handles what was sent to 社区B. And what was
        # dispatched to the user by name: a grid worker named on a case sent to the whole community.
        area_ids = scope_areas(user)
        if area_ids is None:
            # A superuser, or every area is in scope and so is every case (each has an area). (And an
            # empty Q would swallow the assignee clause below.)
            return self.all()
        mine = Q(assignee_id=user.pk) if user.is_authenticated else Q(pk__in=[])
        return self.filter(area_q("area", area_ids) | area_q("assigned_area", area_ids) | mine)

    def open(self):
        return self.filter(state__in=OPEN_STATES)


class Case(models.Model):
    number = models.CharField("工单编号", max_length=32, unique=True)
    external_number = models.CharField("上游编号", max_length=64, blank=True, help_text="12345平台的工单编号")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    # The area, assignee and category foreign keys are indexed as the first column of composite indexes
    # (Meta.indexes), not on their own.
    category = models.ForeignKey(
        Category, verbose_name="分类", on_delete=models.PROTECT, related_name="cases", db_index=False
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
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="cases", db_index=False
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
        "core.User",
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
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
    merged_into = models.ForeignKey(
        "self",
        verbose_name="合并到",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )

    history = HistoricalRecords(
        excluded_fields=["version"],
        no_db_index=["category", "area", "assigned_area", "assignee", "resident", "premises", "merged_into"],
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工单"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["area", "state"], name="case_area_state_idx"),
            models.Index(
                fields=["source", "received_at"],
                name="case_source_received_idx",
                include=[*SCOPE_COLUMNS, "id"],
            ),
            models.Index(fields=["assignee", "state"], name="case_assignee_state_idx"),
            # The SLA sweep polls open cases by deadline (healthchecks' alert_after): a partial index.
            models.Index(
                fields=["due_at"],
                name="case_open_due_idx",
                condition=Q(state__in=["pending", "accepted", "dispatched", "signed", "handling"]),
            ),
            # The list (newest first) and the KPIs (received in a period) read cases by receipt; each filter
            # of the list that narrows to a few percent has its own (filter, received_at) index, so a page
            # is 50 steps down an index whatever the filter. With the scope's columns included, a scoped
            # count ("共 N 条") or a deep page's ids are read from the index alone (bench/case_bench.py);
            # with what the KPIs count too (jiedao.cases.kpis), so is a year's KPI table.
            models.Index(
                fields=["received_at", "id"], name="case_received_idx", include=[*SCOPE_COLUMNS, *KPI_COLUMNS]
            ),
            models.Index(
                fields=["state", "received_at"],
                name="case_state_received_idx",
                include=[*SCOPE_COLUMNS, "id"],
            ),
            models.Index(
                fields=["sla_status", "received_at"],
                name="case_sla_received_idx",
                include=[*SCOPE_COLUMNS, "id"],
            ),
            models.Index(
                fields=["category", "received_at"],
                name="case_category_received_idx",
                include=[*SCOPE_COLUMNS, "id"],
            ),
            # 待我处理 in its order (超期, 临期, then by deadline), open cases only; with what the queue's
            # filter reads.
            models.Index(
                sla_rank(),
                F("due_at"),
                F("received_at"),
                F("id"),
                name="case_queue_idx",
                condition=Q(state__in=["pending", "accepted", "dispatched", "signed", "handling"]),
                include=["state", "sla_status", *SCOPE_COLUMNS],
            ),
            # PostgreSQL also has a GIN index of the grams of number, external_number and title for the
            # list's search (migration 0003, jiedao.cases.selectors.CaseGramsContain).
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

    figure_date = "received_at"  # 指标明细 shows and orders cases by it

    def get_absolute_url(self) -> str:
        return reverse("case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def open311_status(self) -> str:
        return OPEN311_STATUS[self.state]


class AttachmentStage(models.TextChoices):
    REGISTER = "register", "登记"
    HANDLING = "handling", "办理"
    CLOSING = "closing", "办结"


class CaseAttachment(models.Model):
    """A photo of a case. Stored under a random name and served only through the scoped attachment view."""

    case = models.ForeignKey(Case, verbose_name="工单", on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to="cases/%Y/%m/", max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    width = models.PositiveIntegerField("宽度")
    height = models.PositiveIntegerField("高度")
    stage = models.CharField("环节", max_length=16, choices=AttachmentStage.choices)
    uploaded_by = models.ForeignKey(
        "core.User", verbose_name="上传人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = verbose_name_plural = "工单照片"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return f"{self.case.number} {self.original_name}"


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

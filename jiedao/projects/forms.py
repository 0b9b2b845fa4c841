"""Forms of the project pages: they parse and type the input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from jiedao.core.forms import ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel, Office, Role, RoleAssignment, User
from jiedao.core.scoping import scope_q
from jiedao.projects.models import LegacyUse, Milestone, Project, ProjectKind, ProjectStatus
from jiedao.registry.models import Compound

# <input type="date"> takes ISO dates only; zh-hans would render 2023/05/01, which the browser drops.
DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


def _all(label: str, choices) -> list:
    return [("", label), *choices]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def project_areas(user):
    """The current street and communities in the user's scope: where a project may be placed."""
    return (
        Area.objects.for_user(user)
        .filter(level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY], valid_to__isnull=True)
        .order_by("path")
    )


def leader_candidates(user):
    """Who may lead a project (包联领导): street leaders and office staff, and the secretaries and workers of
    the user's communities."""
    held = RoleAssignment.objects.active().filter(
        Q(role__in=[Role.STREET_LEADER, Role.OFFICE_STAFF])
        | Q(role__in=[Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER]) & scope_q(user, "area")
    )
    return User.objects.filter(is_active=True, pk__in=held.values("user")).order_by("username")


class _Bootstrapped:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class ProjectFilterForm(ListFilterMixin, _Bootstrapped, forms.Form):
    q = forms.CharField(
        label="项目名称", required=False, widget=forms.TextInput(attrs={"placeholder": "项目名称"})
    )
    kind = forms.ChoiceField(label="项目类型", required=False, choices=_all("全部类型", ProjectKind.choices))
    status = forms.ChoiceField(
        label="项目状态", required=False, choices=_all("全部状态", ProjectStatus.choices)
    )
    community = forms.ChoiceField(label="所属区域", required=False)
    plan_year = forms.IntegerField(label="计划年度", required=False, min_value=2000, max_value=2100)
    leader = forms.ChoiceField(label="包联领导", required=False)

    def __init__(self, *args, user, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = _all("全部区域", [(a.pk, a.name) for a in project_areas(user)])
        leaders = User.objects.filter(pk__in=projects.values("leader")).order_by("username")
        self.fields["leader"].choices = _all("全部领导", [(u.pk, u.display_name) for u in leaders])


class ProjectForm(_Bootstrapped, forms.Form):
    """Create (no `project`) or edit a project. A project with milestones takes its progress from them."""

    kind = forms.ChoiceField(label="项目类型", choices=_all("请选择", ProjectKind.choices))
    name = forms.CharField(label="项目名称", max_length=100, help_text="不能与已有项目重名")
    area = forms.ModelChoiceField(label="所属区域", queryset=Area.objects.none(), empty_label="请选择")
    compounds = forms.ModelMultipleChoiceField(
        label="涉及小区",
        queryset=Compound.objects.none(),
        required=False,
        help_text="须在所属区域内；按住Ctrl（手机上直接点选）可多选",
    )
    status = forms.ChoiceField(
        label="项目状态", choices=ProjectStatus.choices, initial=ProjectStatus.PLANNING
    )
    plan_year = forms.IntegerField(
        label="计划年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="作为哪一年度工作计划的目标项目，如2024",
    )
    use = forms.ChoiceField(label="房屋用途", required=False, choices=_all("不适用", LegacyUse.choices))
    budget = forms.DecimalField(label="总投资（元）", min_value=0, max_digits=14, decimal_places=2, initial=0)
    floor_area = forms.DecimalField(
        label="建筑面积（平方米）", min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    buildings = forms.IntegerField(label="楼栋数", min_value=0, initial=0)
    households = forms.IntegerField(label="户数", min_value=0, initial=0)
    leader = forms.ModelChoiceField(
        label="包联领导", queryset=User.objects.none(), required=False, empty_label="未指定"
    )
    office = forms.ModelChoiceField(
        label="责任科室", queryset=Office.objects.all(), required=False, empty_label="未指定"
    )
    planned_start = forms.DateField(label="计划开工日期", required=False, **DATE)
    planned_end = forms.DateField(label="计划完工日期", required=False, **DATE)
    completed_on = forms.DateField(
        label="完工日期", required=False, help_text="项目状态为已完工时填写", **DATE
    )
    progress = forms.IntegerField(label="进度（%）", min_value=0, max_value=100, initial=0)
    description = forms.CharField(label="项目内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = (
        "kind",
        "name",
        "area",
        "status",
        "plan_year",
        "use",
        "budget",
        "floor_area",
        "buildings",
        "households",
        "leader",
        "office",
        "planned_start",
        "planned_end",
        "completed_on",
        "progress",
        "description",
    )

    def __init__(self, *args, user, project: Project | None = None, **kwargs):
        if project is not None:
            initial = {f: getattr(project, f) for f in self.FIELDS}
            initial.update(
                area=project.area_id,
                leader=project.leader_id,
                office=project.office_id,
                compounds=list(project.compounds.values_list("pk", flat=True)),
                version=project.version,
            )
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["area"].queryset = project_areas(user)
        self.fields["compounds"].queryset = (
            Compound.objects.for_user(user).select_related("area").order_by("area__path", "name")
        )
        self.fields["compounds"].label_from_instance = lambda c: f"{c.area.name} · {c.name}"
        self.fields["compounds"].widget.attrs["size"] = 8
        self.fields["leader"].queryset = leader_candidates(user)
        self.fields["leader"].label_from_instance = lambda u: u.display_name
        if project is not None and project.milestones.exists():
            self.fields["progress"].disabled = True
            self.fields["progress"].help_text = "已设置项目节点，进度按已完成节点的比例自动计算"

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {f: data[f] for f in self.FIELDS}
        kwargs["compounds"] = list(data["compounds"])
        if self.project is not None:
            kwargs["version"] = data["version"] or 0
            if self.fields["progress"].disabled:
                del kwargs["progress"]
        return kwargs


class MilestoneForm(_Bootstrapped, forms.Form):
    name = forms.CharField(
        label="节点名称", max_length=60, help_text="如：立项、招标、开工、主体完工、竣工验收"
    )
    planned_on = forms.DateField(label="计划日期", **DATE)
    actual_on = forms.DateField(label="实际完成日期", required=False, help_text="未完成时留空", **DATE)
    sort_order = forms.IntegerField(label="排序", min_value=0, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, milestone: Milestone | None = None, **kwargs):
        if milestone is not None:
            kwargs.setdefault(
                "initial",
                {f: getattr(milestone, f) for f in ("name", "planned_on", "actual_on", "sort_order", "note")},
            )
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        if data["sort_order"] is None:
            data.pop("sort_order")
        return data


class CompleteForm(_Bootstrapped, forms.Form):
    actual_on = forms.DateField(label="实际完成日期", **DATE)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"actual_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PlanYearForm(_Bootstrapped, forms.Form):
    year = forms.IntegerField(label="计划年度", min_value=2000, max_value=2100)

"""The registry's forms: list filters (parameter names shared with the Excel ledgers' exports) and the input
of the services. Forms check types and the user's scope (choices come from `for_user`); rules stay in the
services, whose ValidationErrors `add_service_errors` puts next to the fields they name."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from jiedao.core.forms import ListFilterMixin, add_service_errors, bootstrap_form  # noqa: F401  (re-exported)
from jiedao.core.models import Area
from jiedao.registry.models import (
    ELDERLY_AGE,
    ELDERLY_AGE_TAG,
    Building,
    Compound,
    Gender,
    Premises,
    PremisesKind,
    PremisesStatus,
    PremisesSubKind,
    Residence,
    Resident,
    ResidentEventKind,
    ResidentStatus,
    Tag,
)
from jiedao.registry.selectors import AGE_BANDS, communities_for, grids_for
from jiedao.registry.services.people import EDITABLE_FIELDS

ALL = ("", "全部")
MSG_AREA_OR_BUILDING = "请选择所属区域，或选择楼栋"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area_choices(areas, empty: str) -> list[tuple[str, str]]:
    labels = [(str(a.pk), a.label if a.is_current else f"{a.label}（已撤销）") for a in areas]
    return [("", empty), *labels]


class ScopedFilterForm(ListFilterMixin, forms.Form):
    """A filter form whose community/grid choices are the user's. `filters()` gives the values of the valid
    fields (an invalid one filters nothing; its error is shown), `area_filters()` the same with Area objects."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "community" in self.fields:
            self.fields["community"].choices = _area_choices(communities_for(user), "全部社区")
        if "grid" in self.fields:
            self.fields["grid"].choices = _area_choices(grids_for(user), "全部网格")
        bootstrap_form(self)

    def area_filters(self) -> dict:
        """The cleaned values with community/grid turned into Area objects (None when not chosen)."""
        values = dict(self.filters())
        for name in ("community", "grid"):
            if name in self.fields:
                pk = values.get(name)
                values[name] = Area.objects.get(pk=pk) if pk else None
        return values


class ResidentFilterForm(ScopedFilterForm):
    # Names shared with the `residents` ledger's export: q, community, grid, residence, status, gender, tag, age.
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "姓名、拼音首字母、身份证号、手机号或地址"}),
    )
    community = forms.ChoiceField(label="社区", required=False)
    grid = forms.ChoiceField(label="网格", required=False)
    residence = forms.ChoiceField(label="居住类型", required=False, choices=[ALL, *Residence.choices])
    status = forms.ChoiceField(
        label="状态", required=False, choices=[*ResidentStatus.choices, ("all", "全部")], initial="active"
    )
    gender = forms.ChoiceField(label="性别", required=False, choices=[ALL, *Gender.choices])
    tag = forms.ChoiceField(
        label="标签",
        required=False,
        choices=[ALL, *Tag.choices, (ELDERLY_AGE_TAG, f"高龄（{ELDERLY_AGE}+）")],
    )
    age = forms.ChoiceField(
        label="年龄段", required=False, choices=[ALL, *[(code, label) for code, label, _, _ in AGE_BANDS]]
    )

    def clean_status(self):
        # A link without `status` lists the residents on the register, as the export does.
        return self.cleaned_data["status"] or ResidentStatus.ACTIVE


class HouseholdFilterForm(ScopedFilterForm):
    q = forms.CharField(
        label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "地址或户编号"})
    )
    community = forms.ChoiceField(label="社区", required=False)
    grid = forms.ChoiceField(label="网格", required=False)
    building = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CompoundFilterForm(ScopedFilterForm):
    q = forms.CharField(
        label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "小区名称或地址"})
    )
    community = forms.ChoiceField(label="社区", required=False)


class PremisesFilterForm(ScopedFilterForm):
    # `kind` and `q` are the names the `premises` ledger's export honours.
    q = forms.CharField(
        label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "场所名称或地址"})
    )
    kind = forms.ChoiceField(label="场所类型", required=False, choices=[ALL, *PremisesKind.choices])
    sub_kind = forms.ChoiceField(label="细分类型", required=False, choices=[ALL, *PremisesSubKind.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[ALL, *PremisesStatus.choices])
    community = forms.ChoiceField(label="社区", required=False)


class PopulationForm(ScopedFilterForm):
    on = forms.DateField(label="统计日期", required=False, widget=_date_input())
    community = forms.ChoiceField(label="社区（下钻到网格）", required=False)

    def clean_on(self):
        return self.cleaned_data["on"] or timezone.localdate()


# ---- Input of the services --------------------------------------------------------------------------------


class AddressFieldsMixin:
    """小区 → 楼栋 (→ 单元/房号). The building <select> is reloaded by htmx when the compound changes; its
    choices are the chosen compound's buildings in the user's scope, so a building of another compound (or
    out of scope) is refused as an invalid choice."""

    def _address_fields(self, user, *, required: bool = True, rooms: bool = True) -> None:
        compounds = Compound.objects.for_user(user).select_related("area").order_by("area__path", "name")
        self.fields["compound"] = forms.ModelChoiceField(
            label="小区", queryset=compounds, required=required, empty_label="请选择小区"
        )
        self.fields["compound"].widget.attrs.update(
            {
                "hx-get": reverse("building_options"),
                "hx-target": "#id_building",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        )
        compound_id = self.data.get("compound") if self.is_bound else self.initial.get("compound")
        compound_id = getattr(compound_id, "pk", compound_id)
        buildings = Building.objects.for_user(user).select_related("compound")
        chosen = str(compound_id or "").isdigit()
        self.fields["building"] = forms.ModelChoiceField(
            label="楼栋",
            queryset=buildings.filter(compound_id=compound_id) if chosen else buildings.none(),
            required=required,
            empty_label="请选择楼栋",
        )
        if rooms:
            self.fields["unit"] = forms.CharField(label="单元", max_length=10, required=False)
            self.fields["room"] = forms.CharField(label="房号", max_length=20, required=required)

    def address(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("building", "unit", "room")}


class ResidentRegisterForm(AddressFieldsMixin, forms.Form):
    field_order = (
        *("name", "id_number", "phone", "residence", "hukou_local", "ethnicity", "party_member"),
        *("compound", "building", "unit", "room", "relation", "registered_on", "moved_in", "note"),
    )
    id_number = forms.CharField(label="身份证号码", max_length=20)
    phone = forms.CharField(label="联系电话", max_length=20, required=False, help_text="11位手机号码")
    moved_in = forms.BooleanField(
        label="迁入（从街道以外迁来）", required=False, help_text="不勾选则记为“登记”"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Resident,
            fields=[
                "name",
                "residence",
                "hukou_local",
                "ethnicity",
                "party_member",
                "relation",
                "registered_on",
                "note",
            ],
        )
        self.fields.update(model_fields)
        self.fields["registered_on"].widget = _date_input()
        self.fields["registered_on"].initial = timezone.localdate
        self._address_fields(user)
        self.order_fields(self.field_order)
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("compound", "building", "unit", "room"):
            data.pop(name)
        data["phone"] = data["phone"] or None
        return data


class ResidentEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="留空表示不修改；填写新号码将替换原号码"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Resident, fields=EDITABLE_FIELDS))
        self.order_fields(["version", *EDITABLE_FIELDS[:2], "phone", *EDITABLE_FIELDS[2:]])
        bootstrap_form(self)

    @classmethod
    def initial_for(cls, resident: Resident) -> dict:
        return {"version": resident.version, **{f: getattr(resident, f) for f in EDITABLE_FIELDS}}

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["phone"] = data["phone"] or None  # blank: keep the number on file
        return data


class ResidentTransferForm(AddressFieldsMixin, forms.Form):
    on = forms.DateField(label="变动日期", widget=_date_input(), initial=timezone.localdate)
    note = forms.CharField(label="说明", max_length=200, required=False)
    # Service error keys → this form's fields.
    aliases = {"occurred_on": "on", "household": "room"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._address_fields(user)
        self.fields["relation"] = forms.fields_for_model(Resident, fields=["relation"])["relation"]
        self.fields["relation"].label = "在新户中与户主关系"
        self.order_fields(["compound", "building", "unit", "room", "relation", "on", "note"])
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        return {**self.address(), **{k: self.cleaned_data[k] for k in ("on", "relation", "note")}}


class ResidentLeaveForm(forms.Form):
    kind = forms.ChoiceField(
        label="注销原因",
        choices=[
            (ResidentEventKind.MOVE_OUT, "迁出（离开本街道）"),
            (ResidentEventKind.DEATH, "死亡"),
        ],
        widget=forms.RadioSelect,
        initial=ResidentEventKind.MOVE_OUT,
    )
    on = forms.DateField(label="日期", widget=_date_input(), initial=timezone.localdate)
    note = forms.CharField(label="说明", max_length=200, required=False)
    aliases = {"occurred_on": "on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class TagAddForm(forms.Form):
    tag = forms.ChoiceField(label="标签", choices=Tag.choices)
    valid_from = forms.DateField(label="起始日期", widget=_date_input(), initial=timezone.localdate)
    valid_to = forms.DateField(
        label="终止日期", widget=_date_input(), required=False, help_text="为空表示长期有效"
    )
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="tag", **kwargs)
        bootstrap_form(self)


class TagEndForm(forms.Form):
    valid_to = forms.DateField(label="终止日期", widget=_date_input(), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class CompoundForm(forms.Form):
    name = forms.CharField(label="小区名称", max_length=60)
    area = forms.ModelChoiceField(label="所属社区", queryset=Area.objects.none(), empty_label="请选择社区")
    address = forms.CharField(label="地址", max_length=200, required=False)
    built_year = forms.IntegerField(label="建成年份", min_value=1900, max_value=2100, required=False)
    property_company = forms.CharField(label="物业服务企业", max_length=100, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the communities the user holds (or lies under a held area): a grid worker keeps no compounds.
        self.fields["area"].queryset = Area.objects.for_user(user).communities().current()
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["community"] = data.pop("area")
        return data


class BuildingForm(forms.Form):
    compound = forms.ModelChoiceField(
        label="小区", queryset=Compound.objects.none(), empty_label="请选择小区"
    )
    name = forms.CharField(label="楼栋", max_length=30, help_text="如：3号楼")
    area = forms.ModelChoiceField(label="所属网格", queryset=Area.objects.none(), empty_label="请选择网格")
    floors = forms.IntegerField(label="层数", min_value=1, max_value=200, required=False)
    units = forms.IntegerField(label="单元数", min_value=1, max_value=50, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        held = Area.objects.for_user(user)
        self.fields["compound"].queryset = (
            Compound.objects.filter(area__in=held.communities())
            .select_related("area")
            .order_by("area__path", "name")
        )
        self.fields["area"].queryset = held.grids().current().select_related("parent")
        self.fields["area"].label_from_instance = lambda a: a.label
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["grid"] = data.pop("area")
        return data


class PremisesForm(AddressFieldsMixin, forms.Form):
    aliases = {"operator_phone_masked": "operator_phone"}
    field_order = (
        *("kind", "sub_kind", "name", "address", "area", "compound", "building"),
        *("operator_name", "operator_phone", "status", "registered_on", "note"),
    )
    area = forms.ModelChoiceField(
        label="所属区域",
        queryset=Area.objects.none(),
        required=False,
        empty_label="请选择社区或网格",
        help_text="选择了楼栋时按楼栋所在网格",
    )
    operator_phone = forms.CharField(
        label="负责人电话", max_length=20, required=False, help_text="手机号码或带区号的固定电话"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Premises,
                fields=[
                    "kind",
                    "sub_kind",
                    "name",
                    "address",
                    "operator_name",
                    "status",
                    "registered_on",
                    "note",
                ],
            )
        )
        self.fields["registered_on"].widget = _date_input()
        self.fields["registered_on"].initial = timezone.localdate
        self.fields["area"].queryset = (
            Area.objects.for_user(user)
            .filter(level__in=["community", "grid"])
            .current()
            .select_related("parent")
        )
        self.fields["area"].label_from_instance = lambda a: a.label
        self._address_fields(user, required=False, rooms=False)
        self.order_fields(self.field_order)
        bootstrap_form(self)

    def clean(self):
        data = super().clean()
        if not data.get("area") and not data.get("building"):
            self.add_error("area", MSG_AREA_OR_BUILDING)
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["area"] = data["area"] or data["building"].area
        data["operator_phone"] = data["operator_phone"] or None
        return data

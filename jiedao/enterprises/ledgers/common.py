"""What the economic directory's ledgers share: resolving 社区/所属网格 to an area in the importer's scope,
contact phones, users and enterprises named in a file, and the write helpers around the bulk path."""

from operator import itemgetter

from django.core.exceptions import ValidationError

from jiedao.core.crypto import PURPOSE_PHONE, reveal
from jiedao.core.models import Area, AreaLevel, User
from jiedao.core.scoping import covers, scope_paths, touches
from jiedao.enterprises.models import Enterprise
from jiedao.enterprises.services import MSG_FUTURE, contact_phone_fields
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_update, insert_columns
from jiedao.excel.spec import Column, ImportContext, ParsedRow

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_GRID_UNKNOWN = "网格“{name}”在“{community}”中不存在"
MSG_AREA_OUT_OF_SCOPE = "“{area}”不在您的辖区"
MSG_USCC_ELSEWHERE = "该统一社会信用代码已在其他辖区登记，请联系该辖区核实"
MSG_ENTERPRISE_UNKNOWN = (
    "统一社会信用代码“{code}”在经济名录库中不存在或不在您的辖区，请先在“企业名录”台账中登记"
)
MSG_LEFT_ON_REQUIRED = "经营状态为“{status}”时必须填写迁出/注销日期"
MSG_LEFT_ON_ACTIVE = "经营状态为“存续”时不应填写迁出/注销日期"
MSG_REINSTATE = "该企业已{status}，不能通过导入恢复为存续"
MSG_USER_UNKNOWN = "账号“{name}”不存在"
MSG_LEAD_ELSEWHERE = "该项目已在其他辖区登记，请联系该辖区核实"

CHUNK = 2000
PHONE_COLUMNS = ("contact_phone_cipher", "contact_phone_index", "contact_phone_masked")


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def scoped(queryset, user):
    return queryset if user is None else queryset.for_user(user)


def community_and_grid(area: Area) -> tuple[str, str]:
    if area.level == AreaLevel.GRID:
        return (area.parent.name if area.parent_id else "", area.name)
    return area.name, ""


def export_phone(obj, ctx) -> str:
    if ctx.full and obj.contact_phone_cipher:
        return reveal(bytes(obj.contact_phone_cipher), purpose=PURPOSE_PHONE)
    return obj.contact_phone_masked


def tuples(model, values: list[dict]) -> list[tuple]:
    pick = itemgetter(*[f.attname for f in insert_columns(model)])
    return [pick(v) for v in values]


def apply_changes(obj, values: dict, phone: dict) -> set[str]:
    """Set on `obj` the values (and the phone) that differ from what it holds; the attnames changed."""
    wanted = {field: value for field, value in values.items() if getattr(obj, field) != value}
    if phone["contact_phone_index"] != obj.contact_phone_index:
        wanted.update(phone)
    for field, value in wanted.items():
        setattr(obj, field, value)
    return set(wanted)


def update_changed(model, objects: list, attnames: set[str], user) -> None:
    """Save the columns some row changed (and the version), with their history rows."""
    fields = sorted({name.removesuffix("_id") for name in attnames} | {"version"})
    bulk_update(model, objects, fields, user=user)


class AreaResolver:
    """The current communities and grids by name, and which of them the importing user may write to."""

    def __init__(self, user):
        self.paths = None if user is None else scope_paths(user)
        self.communities: dict[str, Area] = {}
        self.grids: dict[tuple[int, str], Area] = {}
        current = Area.objects.filter(
            level__in=[AreaLevel.COMMUNITY, AreaLevel.GRID], valid_to__isnull=True
        ).select_related("parent")
        for area in current:
            if area.level == AreaLevel.COMMUNITY:
                self.communities[area.name] = area
            else:
                self.grids[(area.parent_id, area.name)] = area

    def in_scope(self, area: Area) -> bool:
        return covers(self.paths, area.path)

    def _visible(self, community: Area) -> bool:
        # A community is named in messages when the user holds it or anything under it.
        return touches(self.paths, community.path)

    def resolve(self, row: ParsedRow, ctx: ImportContext) -> Area | None:
        """The row's area from 社区 and the optional 所属网格; reports the problem and returns None."""
        name, grid_name = row.values["community"], row.values.get("grid")
        community = self.communities.get(name)
        if community is None or not self._visible(community):
            ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=name))
            return None
        area = community
        if grid_name:
            area = self.grids.get((community.pk, grid_name))
            if area is None:
                ctx.error(row.number, "grid", MSG_GRID_UNKNOWN.format(name=grid_name, community=name))
                return None
        if not self.in_scope(area):
            ctx.error(
                row.number,
                "grid" if grid_name else "community",
                MSG_AREA_OUT_OF_SCOPE.format(area=area.label),
            )
            return None
        return area


def check_phone(row: ParsedRow, ctx: ImportContext, existing=None) -> dict | None:
    """The stored form of the row's phone, or None after reporting it. An exported file comes back with the
    masked phone: that keeps the stored number."""
    raw = row.values["contact_phone"]
    if existing is not None and raw and raw == existing.contact_phone_masked:
        return {field: getattr(existing, field) for field in PHONE_COLUMNS}
    try:
        return contact_phone_fields(row.values["contact_phone"])
    except ValidationError as exc:
        ctx.error(row.number, "contact_phone", "；".join(exc.message_dict["contact_phone"]))
        return None


def check_not_future(row: ParsedRow, ctx: ImportContext, keys, today) -> bool:
    late = [k for k in keys if row.values.get(k) and row.values[k] > today]
    for key in late:
        ctx.error(row.number, key, MSG_FUTURE)
    return not late


def users_by_username(rows: list[ParsedRow], key: str, ctx: ImportContext) -> dict[str, User]:
    names = {r.values[key] for r in rows if r.values.get(key)}
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    for row in rows:
        name = row.values.get(key)
        if name and name not in found:
            ctx.error(row.number, key, MSG_USER_UNKNOWN.format(name=name))
    return found


def enterprises_by_uscc(codes, user) -> dict[str, Enterprise]:
    found = {}
    codes = list({c for c in codes if c})
    for chunk in chunks(codes):
        for enterprise in scoped(Enterprise.objects.filter(uscc__in=chunk), user):
            found[enterprise.uscc] = enterprise
    return found


COMMUNITY = Column("community", "社区", p.required(p.text(60)), required=True, example="赛马场北路社区")
GRID = Column("grid", "所属网格", p.text(60), example="第一网格", help="可不填，不填时归属社区")
CONTACT_NAME = Column("contact_name", "联系人", p.text(50), example="王五", width=10)
CONTACT_PHONE = Column(
    "contact_phone", "联系电话", p.text(20), example="13912345678", help="手机号码或带区号的固定电话"
)
NOTE = Column("note", "备注", p.text(200), width=24)
USCC_HELP = "18位；请设为文本格式"

"""The registry's ledgers for the import/export engine: compounds, buildings, residents, premises."""

from datetime import date
from operator import itemgetter

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from jiedao.core.crypto import PURPOSE_MOBILE, PURPOSE_RESIDENT_ID, get_cipher, reveal
from jiedao.core.models import Area
from jiedao.core.scoping import scope_paths
from jiedao.core.selectors import communities_by_name
from jiedao.excel import parsers as p
from jiedao.excel.bulk import bulk_insert, bulk_update, insert_columns, reserve_ids
from jiedao.excel.registry import register
from jiedao.excel.spec import Column, ImportContext, Ledger, ParsedRow, WriteResult
from jiedao.lib.pinyin import initials
from jiedao.registry.models import (
    Building,
    Compound,
    Ethnicity,
    Gender,
    Household,
    HouseholdKind,
    Premises,
    PremisesKind,
    PremisesStatus,
    PremisesSubKind,
    Relation,
    Residence,
    Resident,
    ResidentEvent,
    ResidentEventKind,
    ResidentStatus,
)
from jiedao.registry.selectors import resident_filter
from jiedao.registry.services.people import household_number
from jiedao.registry.services.places import building_check, premises_check, protect_phone

MSG_COMMUNITY_UNKNOWN = "社区“{name}”不存在或不在您的辖区"
MSG_COMPOUND_UNKNOWN = "小区“{name}”在“{community}”中不存在，请先在“小区”台账中登记"
MSG_BUILDING_UNKNOWN = "楼栋“{name}”在小区“{compound}”中不存在或不在您的辖区，请先在“楼栋”台账中登记"
MSG_GRID_UNKNOWN = "网格“{name}”在“{community}”中不存在"
MSG_ID_ELSEWHERE = "该身份证号码已在其他辖区登记，请联系该辖区办理迁移"
MSG_NOT_ACTIVE = "该居民状态为“{status}”，不能通过导入修改；如已迁回请办理迁入"
MSG_PREMISES_AREA_NEEDED = "请填写小区和楼栋，或填写所属网格"

CHUNK = 2000


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in_scope(user, path: str) -> bool:
    paths = scope_paths(user) if user is not None else None
    return paths is None or any(path.startswith(p_) for p_ in paths)


def _communities(user) -> dict[str, Area]:
    # A community counts as in scope when the user holds it or anything under it (an office on the street).
    return communities_by_name(user, touching=True)


def _export_scope(queryset, user):
    return queryset if user is None else queryset.for_user(user)


COMMUNITY = Column("community", "社区", p.required(p.text(60)), required=True, example="赛马场北路社区")
COMPOUND = Column("compound", "小区", p.required(p.text(60)), required=True, example="飞鹰齿轮厂小区")


@register
class CompoundLedger(Ledger):
    code = "compounds"
    title = "小区"
    description = "小区名称、所属社区、地址、物业"
    natural_key = ("community", "compound")
    import_permission = "registry.add_compound"
    export_permission = "registry.view_compound"
    columns = (
        COMMUNITY,
        COMPOUND,
        Column("address", "地址", p.text(200), example="海西路18号", width=30),
        Column("built_year", "建成年份", p.integer(min_value=1900, max_value=2100), example="1998"),
        Column("property_company", "物业服务企业", p.text(100), example="慧达物业公司", width=24),
        Column("note", "备注", p.text(200), width=24),
    )

    def prepare(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        communities = _communities(ctx.user)
        for row in rows:
            if row.values["community"] not in communities:
                ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=row.values["community"]))
        ctx.state["communities"] = communities

    def write(self, rows: list[ParsedRow], ctx: ImportContext) -> WriteResult:
        communities = ctx.state["communities"]
        existing = {(c.area_id, c.name): c for c in Compound.objects.filter(area__in=communities.values())}
        result, changed, new = WriteResult(), [], []
        fields = ("address", "built_year", "property_company", "note")
        for row in rows:
            v = row.values
            area = communities[v["community"]]
            compound = existing.get((area.pk, v["compound"]))
            if compound is None:
                new.append(Compound(name=v["compound"], area=area, **{f: v[f] for f in fields}))
            elif any(getattr(compound, f) != v[f] for f in fields):
                for f in fields:
                    setattr(compound, f, v[f])
                changed.append(compound)
            else:
                result.unchanged += 1
        columns = insert_columns(Compound)
        bulk_insert(Compound, [tuple(getattr(c, f.attname) for f in columns) for c in new], user=ctx.user)
        bulk_update(Compound, changed, fields, user=ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = _export_scope(Compound.objects.select_related("area"), user)
        return qs.filter(area__name=params["community"]) if params.get("community") else qs

    def export_row(self, obj, ctx):
        return [obj.area.name, obj.name, obj.address, obj.built_year, obj.property_company, obj.note]


@register
class BuildingLedger(Ledger):
    code = "buildings"
    title = "楼栋"
    description = "小区内的楼栋及其所属网格"
    natural_key = ("community", "compound", "building")
    import_permission = "registry.add_building"
    export_permission = "registry.view_building"
    columns = (
        COMMUNITY,
        COMPOUND,
        Column("building", "楼栋", p.required(p.text(30)), required=True, example="3号楼"),
        Column("grid", "所属网格", p.required(p.text(60)), required=True, example="第一网格"),
        Column("floors", "层数", p.integer(min_value=1, max_value=200), example="6"),
        Column("units", "单元数", p.integer(min_value=1, max_value=50), example="3"),
        Column("note", "备注", p.text(200), width=24),
    )

    def prepare(self, rows, ctx):
        communities = _communities(ctx.user)
        compounds = {(c.area_id, c.name): c for c in Compound.objects.filter(area__in=communities.values())}
        grids = {
            (g.parent_id, g.name): g
            for g in Area.objects.grids().current().filter(parent__in=communities.values())
        }
        resolved = {}
        for row in rows:
            v = row.values
            community = communities.get(v["community"])
            if community is None:
                ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=v["community"]))
                continue
            compound = compounds.get((community.pk, v["compound"]))
            if compound is None:
                ctx.error(
                    row.number,
                    "compound",
                    MSG_COMPOUND_UNKNOWN.format(name=v["compound"], community=community.name),
                )
            grid = grids.get((community.pk, v["grid"]))
            if grid is None:
                ctx.error(
                    row.number, "grid", MSG_GRID_UNKNOWN.format(name=v["grid"], community=community.name)
                )
            if compound and grid:
                resolved[row.number] = (compound, grid)
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        compound_ids = {c.pk for c, _ in resolved.values()}
        existing = {(b.compound_id, b.name): b for b in Building.objects.filter(compound_id__in=compound_ids)}
        result, changed, new = WriteResult(), [], []
        fields = ("area_id", "floors", "units", "note")
        for row in rows:
            compound, grid = resolved[row.number]
            building_check(compound=compound, grid=grid)
            values = {
                "area_id": grid.pk,
                "floors": row.values["floors"],
                "units": row.values["units"],
                "note": row.values["note"],
            }
            building = existing.get((compound.pk, row.values["building"]))
            if building is None:
                new.append(Building(compound=compound, name=row.values["building"], **values))
            elif any(getattr(building, f) != values[f] for f in fields):
                for f in fields:
                    setattr(building, f, values[f])
                changed.append(building)
            else:
                result.unchanged += 1
        columns = insert_columns(Building)
        bulk_insert(Building, [tuple(getattr(b, f.attname) for f in columns) for b in new], user=ctx.user)
        bulk_update(Building, changed, ["area", "floors", "units", "note"], user=ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = _export_scope(Building.objects.select_related("compound__area", "area"), user)
        return qs.filter(compound__name=params["compound"]) if params.get("compound") else qs

    def export_row(self, obj, ctx):
        return [
            obj.compound.area.name,
            obj.compound.name,
            obj.name,
            obj.area.name,
            obj.floors,
            obj.units,
            obj.note,
        ]


def _gender_and_birth(number: str) -> tuple[str, date]:
    gender = Gender.MALE if int(number[16]) % 2 else Gender.FEMALE
    return gender, date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


@register
class ResidentLedger(Ledger):
    code = "residents"
    title = "居民"
    description = "实有人口：姓名、身份证号码、电话、居住类型、住址（社区/小区/楼栋/单元/房号）"
    natural_key = ("id_number",)
    import_permission = "registry.import_resident"
    export_permission = "registry.export_resident"
    full_export_permission = "registry.view_full_resident"
    columns = (
        Column("name", "姓名", p.required(p.text(50)), required=True, example="张三", width=10),
        Column(
            "id_number",
            "身份证号码",
            p.required(p.resident_id),
            required=True,
            example="11010519491231002X",
            help="18位；请设为文本格式，末位X大小写均可",
            width=22,
        ),
        Column("phone", "联系电话", p.mobile, example="13812345678", help="11位手机号码", width=15),
        Column(
            "residence",
            "居住类型",
            p.required(p.choice(Residence)),
            required=True,
            example="常住",
            help="常住或流动",
            width=10,
        ),
        Column(
            "hukou_local",
            "本地户籍",
            p.boolean(blank=True),
            example="是",
            help="是或否，空白按“是”",
            width=10,
        ),
        Column(
            "ethnicity",
            "民族",
            p.choice(Ethnicity, blank="01"),
            example="汉族",
            help="空白按“汉族”",
            width=10,
        ),
        Column("party_member", "中共党员", p.boolean(), example="否", width=10),
        COMMUNITY,
        COMPOUND,
        Column("building", "楼栋", p.required(p.text(30)), required=True, example="3号楼", width=10),
        Column("unit", "单元", p.text(10), example="2", width=8),
        Column("room", "房号", p.required(p.text(20)), required=True, example="301", width=8),
        Column("relation", "与户主关系", p.choice(Relation), example="户主", width=12),
        Column(
            "registered_on", "登记日期", p.a_date(), example="2023-03-15", help="空白按导入当天", width=12
        ),
        Column("note", "备注", p.text(200), width=20),
        # Written by exports only.
        Column("gender", "性别", p.text(2), importable=False, width=6),
        Column("birth_date", "出生日期", p.text(20), importable=False, width=12),
        Column("grid", "所属网格", p.text(60), importable=False, width=12),
        Column("status", "状态", p.text(10), importable=False, width=8),
        Column("household", "户编号", p.text(20), importable=False, width=12),
    )

    # What a re-import compares: read as plain values, never as model objects (a re-import of 100,000 rows
    # would otherwise spend seconds building them).
    COMPARED = ("name", "residence", "hukou_local", "ethnicity", "party_member", "relation", "note")
    LOADED = (
        "pk",
        "id_number_index",
        "area__path",
        "status",
        "household_id",
        "area_id",
        "phone_index",
        "version",
        *COMPARED,
    )

    def prepare(self, rows, ctx):
        buildings = self._buildings(ctx.user)
        cipher = get_cipher()
        indexes = cipher.blind_index_many([r.values["id_number"] for r in rows], purpose=PURPOSE_RESIDENT_ID)
        existing = {}
        for values in _residents_by_index(list(indexes), self.LOADED):
            record = dict(zip(self.LOADED, values, strict=True))
            existing[record["id_number_index"]] = record
        communities = _communities(ctx.user)
        resolved = {}
        for row, index in zip(rows, indexes, strict=True):
            v = row.values
            if v["community"] not in communities:
                ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=v["community"]))
                continue
            key = (v["community"], v["compound"])
            if key not in buildings["compounds"]:
                ctx.error(
                    row.number,
                    "compound",
                    MSG_COMPOUND_UNKNOWN.format(name=v["compound"], community=v["community"]),
                )
                continue
            building = buildings["buildings"].get((*key, v["building"]))
            if building is None:
                ctx.error(
                    row.number,
                    "building",
                    MSG_BUILDING_UNKNOWN.format(name=v["building"], compound=v["compound"]),
                )
                continue
            resident = existing.get(index)
            if resident is not None:
                if not _in_scope(ctx.user, resident["area__path"]):
                    ctx.error(row.number, "id_number", MSG_ID_ELSEWHERE)
                    continue
                if resident["status"] != ResidentStatus.ACTIVE:
                    status = ResidentStatus(resident["status"]).label
                    ctx.error(row.number, "id_number", MSG_NOT_ACTIVE.format(status=status))
                    continue
            resolved[row.number] = (index, building, resident)
        ctx.state["resolved"] = resolved

    def _buildings(self, user) -> dict:
        visible = Building.objects.all() if user is None else Building.objects.for_user(user)
        rows = visible.values_list("pk", "name", "area_id", "compound__name", "compound__area__name")
        buildings = {
            (community, compound, name): (pk, area_id, compound, name)
            for pk, name, area_id, compound, community in rows
        }
        compounds = set(
            (Compound.objects.all() if user is None else Compound.objects.for_user(user)).values_list(
                "area__name", "name"
            )
        )
        return {"buildings": buildings, "compounds": compounds}

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        households = self._households(rows, resolved, ctx)
        new_rows = [r for r in rows if resolved[r.number][2] is None]
        old_rows = [r for r in rows if resolved[r.number][2] is not None]
        created = self._create(new_rows, resolved, households, ctx)
        updated, unchanged = self._update(old_rows, resolved, households, ctx)
        return WriteResult(created=created, updated=updated, unchanged=unchanged)

    def _households(self, rows, resolved, ctx) -> dict[tuple, tuple[int, int]]:
        """(building id, unit, room) → (household id, area id), creating the missing households in bulk."""
        wanted = {}
        for row in rows:
            building = resolved[row.number][1]
            wanted[(building[0], row.values["unit"], row.values["room"])] = building
        found = {}
        building_ids = list({key[0] for key in wanted})
        for chunk in _chunks(building_ids):
            for pk, building_id, unit, room, area_id in Household.objects.filter(
                building_id__in=chunk
            ).values_list("pk", "building_id", "unit", "room", "area_id"):
                found[(building_id, unit, room)] = (pk, area_id)
        missing = [key for key in wanted if key not in found]
        if missing:
            ids = reserve_ids(Household, len(missing))
            rows_out = []
            for pk, key in zip(ids, missing, strict=True):
                building_id, unit, room = key
                _, area_id, compound_name, building_name = wanted[key]
                address = f"{compound_name}{building_name}{unit + '单元' if unit else ''}{room}"
                rows_out.append(
                    self._household_tuple(household_number(pk), building_id, unit, room, address, area_id)
                )
                found[key] = (pk, area_id)
            bulk_insert(Household, rows_out, ids=ids, user=ctx.user)
        return found

    @staticmethod
    def _household_tuple(number, building_id, unit, room, address, area_id):
        values = {
            "number": number,
            "building_id": building_id,
            "unit": unit,
            "room": room,
            "address": address,
            "area_id": area_id,
            "kind": HouseholdKind.FAMILY,
            "note": "",
        }
        return tuple(values[f.attname] for f in insert_columns(Household))

    def _create(self, rows, resolved, households, ctx) -> int:
        if not rows:
            return 0
        cipher = get_cipher()
        numbers = [r.values["id_number"] for r in rows]
        phones = [r.values["phone"] for r in rows]
        id_ciphers = cipher.encrypt_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        phone_ciphers = cipher.encrypt_many(phones, purpose=PURPOSE_MOBILE)
        phone_indexes = cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)
        today = timezone.localdate()
        attnames = [f.attname for f in insert_columns(Resident)]
        pick = itemgetter(*attnames)
        tuples = []
        for row, id_cipher, phone_cipher, phone_index in zip(
            rows, id_ciphers, phone_ciphers, phone_indexes, strict=True
        ):
            v = row.values
            index, building, _ = resolved[row.number]
            household_id, area_id = households[(building[0], v["unit"], v["room"])]
            number, phone = v["id_number"], v["phone"]
            gender, birth = _gender_and_birth(number)
            registered_on = v["registered_on"] or today
            values = {
                "name": v["name"],
                "name_initials": initials(v["name"]),
                "id_number_cipher": id_cipher,
                "id_number_index": index,
                "id_number_masked": number[:3] + "*" * 11 + number[-4:],
                "phone_cipher": phone_cipher,
                "phone_index": phone_index or "",
                "phone_masked": phone[:3] + "****" + phone[-4:] if phone else "",
                "gender": gender,
                "birth_date": birth,
                "hukou_local": True if v["hukou_local"] is None else v["hukou_local"],
                "residence": v["residence"],
                "household_id": household_id,
                "relation": v["relation"],
                "ethnicity": v["ethnicity"],
                "party_member": v["party_member"],
                "area_id": area_id,
                "status": ResidentStatus.ACTIVE,
                "registered_on": registered_on,
                "left_on": None,
                "note": v["note"],
                "version": 1,
            }
            tuples.append(pick(values))
        ids = bulk_insert(Resident, tuples, user=ctx.user)
        if ctx.progress:
            ctx.progress(len(rows))
        _register_events(ids, ctx.user)
        return len(ids)

    def _update(self, rows, resolved, households, ctx) -> tuple[int, int]:
        cipher = get_cipher()
        phones = [r.values["phone"] for r in rows]
        phone_indexes = cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)
        changed, moves, unchanged = [], [], 0
        for row, phone, phone_index in zip(rows, phones, phone_indexes, strict=True):
            v = row.values
            _, building, record = resolved[row.number]
            household_id, area_id = households[(building[0], v["unit"], v["room"])]
            wanted = {f: v[f] for f in self.COMPARED}
            if wanted["hukou_local"] is None:
                wanted["hukou_local"] = True
            dirty = any(record[f] != wanted[f] for f in self.COMPARED)
            new_phone = bool(phone) and phone_index != record["phone_index"]
            moved = household_id != record["household_id"]
            if not (dirty or new_phone or moved):
                unchanged += 1
                continue
            resident = Resident(pk=record["pk"], **wanted, version=record["version"] + 1)
            resident.name_initials = initials(resident.name)
            resident.household_id, resident.area_id = household_id, area_id
            if new_phone:
                resident.phone_cipher = cipher.encrypt(phone, purpose=PURPOSE_MOBILE)
                resident.phone_index, resident.phone_masked = phone_index, phone[:3] + "****" + phone[-4:]
                changed.append((resident, True))
            else:
                changed.append((resident, False))
            if moved:
                moves.append((record, household_id, area_id))
        fields = [*self.COMPARED, "name_initials", "household", "area", "version"]
        bulk_update(Resident, [r for r, phone in changed if not phone], fields, user=ctx.user)
        phone_fields = [*fields, "phone_cipher", "phone_index", "phone_masked"]
        bulk_update(Resident, [r for r, phone in changed if phone], phone_fields, user=ctx.user)
        _transfer_events(moves, ctx.user)
        return len(changed), unchanged

    def export_queryset(self, user, params):
        qs = _export_scope(Resident.objects.all(), user).select_related(
            "area__parent", "household__building__compound"
        )
        return resident_filter(qs, params)

    def export_row(self, obj, ctx):
        id_number = (
            reveal(bytes(obj.id_number_cipher), purpose=PURPOSE_RESIDENT_ID)
            if ctx.full
            else obj.id_number_masked
        )
        phone = obj.phone_masked
        if ctx.full and obj.phone_cipher:
            phone = reveal(bytes(obj.phone_cipher), purpose=PURPOSE_MOBILE)
        household = obj.household
        building = household.building if household else None
        return [
            obj.name,
            id_number,
            phone,
            obj.get_residence_display(),
            obj.hukou_local,
            obj.get_ethnicity_display(),
            obj.party_member,
            obj.area.parent.name if obj.area.parent_id else "",
            building.compound.name if building else "",
            building.name if building else "",
            household.unit if household else "",
            household.room if household else "",
            obj.get_relation_display() if obj.relation else "",
            obj.registered_on,
            obj.note,
            obj.get_gender_display(),
            obj.birth_date,
            obj.area.name,
            obj.get_status_display(),
            household.number if household else "",
        ]


def _residents_by_index(indexes: list[str], fields: tuple[str, ...]):
    """Value tuples of the residents whose ID blind index is among `indexes`: one `= ANY(array)` query on
    PostgreSQL (IN lists of thousands of parameters cost more to plan than to run), chunks on SQLite."""
    queryset = Resident.objects.order_by()
    if connection.vendor == "postgresql":
        found = queryset.filter(id_number_index__in=RawSQL("SELECT unnest(%s::varchar[])", [indexes]))
        yield from found.values_list(*fields)
        return
    for chunk in _chunks(indexes, 5000):
        yield from queryset.filter(id_number_index__in=chunk).values_list(*fields)


def _register_events(ids: list[int], user) -> None:
    """A 登记 event for each new resident, written by the database from the rows just inserted."""
    if not ids:
        return
    now = timezone.now()
    if connection.vendor == "sqlite":
        now = connection.ops.adapt_datetimefield_value(now)
    sql = (
        "INSERT INTO registry_residentevent (resident_id, kind, occurred_on, to_household_id, to_area_id, note, "
        "recorded_by_id, recorded_at) SELECT id, %s, registered_on, household_id, area_id, %s, %s, %s "
        "FROM registry_resident WHERE id BETWEEN %s AND %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [ResidentEventKind.REGISTER, "导入登记", getattr(user, "pk", None), now, min(ids), max(ids)]
        )


def _transfer_events(moves: list[tuple[dict, int, int]], user) -> None:
    """户间变动 events for residents a re-import gave a new address: a move, not an edit."""
    now, today = timezone.now(), timezone.localdate()
    actor = user if getattr(user, "pk", None) else None
    ResidentEvent.objects.bulk_create(
        ResidentEvent(
            resident_id=record["pk"],
            kind=ResidentEventKind.TRANSFER,
            occurred_on=today,
            from_household_id=record["household_id"],
            to_household_id=household_id,
            from_area_id=record["area_id"],
            to_area_id=area_id,
            note="导入更新住址",
            recorded_by=actor,
            recorded_at=now,
        )
        for record, household_id, area_id in moves
    )


@register
class PremisesLedger(Ledger):
    code = "premises"
    title = "场所"
    description = "商铺、三合一场所、液化气用户、人员密集场所、宗教场所、九小场所等"
    natural_key = ("kind", "name", "address")
    import_permission = "registry.add_premises"
    export_permission = "registry.view_premises"
    columns = (
        Column(
            "kind", "场所类型", p.required(p.choice(PremisesKind)), required=True, example="商铺", width=14
        ),
        Column(
            "sub_kind",
            "细分类型",
            p.choice(PremisesSubKind),
            example="",
            help="宗教场所、九小场所必填",
            width=14,
        ),
        Column("name", "场所名称", p.required(p.text(100)), required=True, example="老王五金店", width=20),
        Column("address", "地址", p.required(p.text(200)), required=True, example="工农兵路12号", width=24),
        Column("community", "社区", p.required(p.text(60)), required=True, example="附件社区"),
        Column("grid", "所属网格", p.text(60), example="第二网格", help="不填小区楼栋时必填"),
        Column("compound", "小区", p.text(60)),
        Column("building", "楼栋", p.text(30)),
        Column("operator_name", "负责人", p.text(50), example="王五"),
        Column(
            "operator_phone",
            "负责人电话",
            p.text(20),
            example="13912345678",
            help="手机号码或带区号的固定电话",
        ),
        Column("status", "状态", p.choice(PremisesStatus, blank=PremisesStatus.OPEN), example="在营"),
        Column("registered_on", "登记日期", p.a_date(), example="2023-01-10"),
        Column("note", "备注", p.text(200)),
    )

    def prepare(self, rows, ctx):
        communities = _communities(ctx.user)
        grids = {
            (g.parent_id, g.name): g
            for g in Area.objects.grids().current().filter(parent__in=communities.values())
        }
        compounds = {(c.area_id, c.name): c for c in Compound.objects.filter(area__in=communities.values())}
        buildings = {
            (b.compound_id, b.name): b for b in Building.objects.filter(compound__in=compounds.values())
        }
        resolved = {}
        for row in rows:
            v = row.values
            community = communities.get(v["community"])
            if community is None:
                ctx.error(row.number, "community", MSG_COMMUNITY_UNKNOWN.format(name=v["community"]))
                continue
            compound = building = None
            if v["compound"]:
                compound = compounds.get((community.pk, v["compound"]))
                if compound is None:
                    ctx.error(
                        row.number,
                        "compound",
                        MSG_COMPOUND_UNKNOWN.format(name=v["compound"], community=community.name),
                    )
                    continue
                if v["building"]:
                    building = buildings.get((compound.pk, v["building"]))
                    if building is None:
                        ctx.error(
                            row.number,
                            "building",
                            MSG_BUILDING_UNKNOWN.format(name=v["building"], compound=compound.name),
                        )
                        continue
            area = (
                building.area
                if building
                else grids.get((community.pk, v["grid"]))
                if v["grid"]
                else community
            )
            if area is None:
                ctx.error(
                    row.number, "grid", MSG_GRID_UNKNOWN.format(name=v["grid"], community=community.name)
                )
                continue
            try:
                premises_check(
                    kind=v["kind"], sub_kind=v["sub_kind"], area=area, compound=compound, building=building
                )
                phone = protect_phone(v["operator_phone"])
            except Exception as exc:  # ValidationError: report each message against its column
                for field, messages in getattr(exc, "message_dict", {"note": [str(exc)]}).items():
                    ctx.error(row.number, field, "；".join(messages))
                continue
            resolved[row.number] = (area, compound, building, phone)
        ctx.state["resolved"] = resolved

    def write(self, rows, ctx):
        resolved = ctx.state["resolved"]
        keys = {(r.values["kind"], r.values["name"], r.values["address"]) for r in rows}
        existing = {}
        for premises in Premises.objects.filter(name__in={k[1] for k in keys}):
            existing[(premises.kind, premises.name, premises.address)] = premises
        today = timezone.localdate()
        result, new, changed = WriteResult(), [], []
        fields = (
            "sub_kind",
            "operator_name",
            "status",
            "note",
            "area_id",
            "compound_id",
            "building_id",
            "operator_phone_cipher",
            "operator_phone_index",
            "operator_phone_masked",
        )
        for row in rows:
            v = row.values
            area, compound, building, (cipher, index, masked) = resolved[row.number]
            values = {
                "sub_kind": v["sub_kind"],
                "operator_name": v["operator_name"],
                "status": v["status"],
                "note": v["note"],
                "area_id": area.pk,
                "compound_id": compound.pk if compound else None,
                "building_id": building.pk if building else None,
                "operator_phone_cipher": cipher,
                "operator_phone_index": index,
                "operator_phone_masked": masked,
            }
            premises = existing.get((v["kind"], v["name"], v["address"]))
            if premises is None:
                new.append(
                    Premises(
                        kind=v["kind"],
                        name=v["name"],
                        address=v["address"],
                        registered_on=v["registered_on"] or today,
                        **values,
                    )
                )
                continue
            if premises.operator_phone_index == index:
                values["operator_phone_cipher"] = premises.operator_phone_cipher
            if all(getattr(premises, f) == values[f] for f in fields):
                result.unchanged += 1
                continue
            for f in fields:
                setattr(premises, f, values[f])
            changed.append(premises)
        columns = insert_columns(Premises)
        bulk_insert(Premises, [tuple(getattr(x, f.attname) for f in columns) for x in new], user=ctx.user)
        bulk_update(Premises, changed, [f.removesuffix("_id") for f in fields], user=ctx.user)
        result.created, result.updated = len(new), len(changed)
        return result

    def export_queryset(self, user, params):
        qs = _export_scope(Premises.objects.select_related("area__parent", "compound", "building"), user)
        if params.get("kind"):
            qs = qs.filter(kind=params["kind"])
        if params.get("q"):
            qs = qs.filter(Q(name__contains=params["q"]) | Q(address__contains=params["q"]))
        return qs

    def export_row(self, obj, ctx):
        community = obj.area if obj.area.level == "community" else obj.area.parent
        return [
            obj.get_kind_display(),
            obj.get_sub_kind_display() if obj.sub_kind else "",
            obj.name,
            obj.address,
            community.name if community else "",
            obj.area.name if obj.area.level == "grid" else "",
            obj.compound.name if obj.compound_id else "",
            obj.building.name if obj.building_id else "",
            obj.operator_name,
            obj.operator_phone_masked,
            obj.get_status_display(),
            obj.registered_on,
            obj.note,
        ]

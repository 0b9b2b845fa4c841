"""Importing residents from .xlsx: jiedao's import against the floor, Django's bulk_create and
django-import-export, side by side in one process and one run.

Run by hand (see bench/README.md):

    .venv/bin/python bench/import_bench.py [--rows 100000] [--database sqlite|postgres]
        [--repeat 1] [--skip-import-export] [--profile cprofile|pyinstrument]

Every step reads the same .xlsx bytes from memory and commits what it writes; each is timed once with
time.perf_counter (best of N with --repeat N). The scratch database is a temporary SQLite file, or the
PostgreSQL database `jiedao_bench` on 127.0.0.1:5432, created and dropped by the script. The data key is
random, so nothing is read from or written to var/.
"""

import argparse
import gc
import io
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "jiedao_bench"
COMPOUNDS = 20
BUILDINGS_PER_COMPOUND = 10
PEOPLE_PER_HOUSEHOLD = 3
UNITS = 4
ROOMS_PER_FLOOR = 4

# The residents ledger's headers, in the template's order (the 11 columns the issue measures).
HEADERS = [
    "姓名",
    "身份证号码",
    "联系电话",
    "居住类型",
    "本地户籍",
    "民族",
    "社区",
    "小区",
    "楼栋",
    "单元",
    "房号",
]
FIELDS = [
    "name",
    "id_number",
    "phone",
    "residence",
    "hukou_local",
    "ethnicity",
    "community",
    "compound",
    "building",
    "unit",
    "room",
]
COMPOUND_NAMES = [
    "飞鹰齿轮厂",
    "海西花园",
    "赛马场北苑",
    "工农兵家园",
    "元和里",
    "汽车城一区",
    "汽车城二区",
    "附件厂宿舍",
    "新地嘉园",
    "西乌素图新村",
    "厂汉板新居",
    "奔腾苑",
    "阳光丽景",
    "锦绣园",
    "和平里",
    "团结新村",
    "幸福家园",
    "青城佳苑",
    "光明小区东区",
    "光明小区西区",
]
ETHNICITY_MIX = ["汉族"] * 16 + ["蒙古族", "蒙古族", "回族", "满族"]


@dataclass
class Timing:
    step: str
    seconds: float
    rows: int
    peak_rss_mb: float | None = None
    note: str = ""


# --- setup ----------------------------------------------------------------------------------------------


def configure(database: str) -> Path:
    """Environment for a scratch installation; returns the temporary directory (var/ and the .xlsx)."""
    scratch = Path(tempfile.mkdtemp(prefix="jiedao-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiedao.settings"
    os.environ["JIEDAO_VAR_DIR"] = str(scratch / "var")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if database == "postgres":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", f"CREATE DATABASE {PG_DATABASE}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        os.environ.pop("DATABASE_URL", None)
    from jiedao.lib.crypto import generate_key, key_to_text

    os.environ["JIEDAO_DATA_KEY"] = key_to_text(generate_key())
    return scratch


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def teardown(database: str, scratch: Path) -> None:
    from django.db import connections

    connections.close_all()
    if database == "postgres":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    shutil.rmtree(scratch, ignore_errors=True)


def build_places() -> list[tuple[str, str, str]]:
    """The demo areas, then COMPOUNDS compounds × BUILDINGS_PER_COMPOUND buildings across the current grids.

    Returns (community, compound, building) names."""
    from jiedao.core.demo import build_demo
    from jiedao.core.models import Area
    from jiedao.registry.services.places import building_create, compound_create

    build_demo()
    communities = list(Area.objects.communities().current().order_by("code"))
    grids = {
        c.pk: list(Area.objects.grids().current().filter(parent=c).order_by("code")) for c in communities
    }
    places = []
    for n, name in enumerate(COMPOUND_NAMES[:COMPOUNDS]):
        community = communities[n % len(communities)]
        compound = compound_create(name=f"{name}小区", community=community, address=f"海西路{n + 1}号")
        for b in range(1, BUILDINGS_PER_COMPOUND + 1):
            grid = grids[community.pk][b % len(grids[community.pk])]
            building = building_create(compound=compound, name=f"{b}号楼", grid=grid, floors=18, units=UNITS)
            places.append((community.name, compound.name, building.name))
    return places


def resident_rows(count: int, places: list[tuple[str, str, str]]) -> list[list[str]]:
    """`count` valid rows with unique ID and mobile numbers; PEOPLE_PER_HOUSEHOLD people share a room."""
    from jiedao.core.demo import GIVEN, SURNAMES
    from jiedao.lib.idcard import resident_id_check_digit

    rng = random.Random(2023)
    first_birth = date(1940, 1, 1)
    rows = []
    for i in range(count):
        # (birth day, sequence) is unique for i < 25,000 × 1,000.
        birth = first_birth + timedelta(days=i % 25_000)
        first17 = f"150103{birth:%Y%m%d}{i // 25_000:03d}"
        household = i // PEOPLE_PER_HOUSEHOLD
        community, compound, building = places[household % len(places)]
        slot = household // len(places)
        unit = slot % UNITS + 1
        floor, door = divmod(slot // UNITS, ROOMS_PER_FLOOR)
        rows.append(
            [
                rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                first17 + resident_id_check_digit(first17),
                "" if i % 10 == 9 else f"13{3 + i % 7}{i:08d}",
                "流动" if i % 5 == 4 else "常住",
                "否" if i % 4 == 3 else "是",
                rng.choice(ETHNICITY_MIX),
                community,
                compound,
                building,
                str(unit),
                f"{floor + 1}{door + 1:02d}",
            ]
        )
    return rows


def write_xlsx(path: Path, rows: list[list[str]]) -> bytes:
    import xlsxwriter

    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as workbook:
        sheet = workbook.add_worksheet("居民")
        sheet.write_row(0, 0, HEADERS)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, row)  # strings stay text cells, as in the downloaded template
    return path.read_bytes()


# --- measuring ------------------------------------------------------------------------------------------


def _reset_peak_rss() -> bool:
    """Linux ≥ 4.0: writing 5 to clear_refs resets the high-water mark that ru_maxrss reports."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(
    step: str, run: Callable[[], str | None], rows: int, repeat: int, reset: Callable[[], None] | None = None
) -> Timing:
    """Best of `repeat` runs of `run` (which returns a note or None); `reset`, untimed, comes between runs."""
    best, note, peak = float("inf"), "", None
    for attempt in range(repeat):
        if reset and attempt:
            reset()
        gc.collect()
        resettable = _reset_peak_rss()
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
        if seconds < best:
            best, note = seconds, result or ""
        if resettable:
            peak = max(peak or 0.0, _peak_rss_mb())
    return Timing(step, best, rows, peak, note)


# --- the steps ------------------------------------------------------------------------------------------


def read_rows(data: bytes) -> list[list]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    return sheet.to_python(skip_empty_area=False)[1:]


def floor_step(data: bytes, rows: int):
    """python-calamine read + one executemany (SQLite) / COPY (PostgreSQL) into a plain text table."""
    from django.db import connection, transaction

    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    names = ", ".join(f"c{i}" for i in range(len(HEADERS)))

    def reset():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_floor")
            cursor.execute(f"CREATE TABLE bench_floor ({columns})")

    reset()

    def run():
        values = read_rows(data)
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # the driver's own cursor: no Django wrapper in the floor
            if connection.vendor == "postgresql":
                with raw.copy(f"COPY bench_floor ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(HEADERS))
                raw.executemany(f"INSERT INTO bench_floor ({names}) VALUES ({marks})", values)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_floor")
            assert cursor.fetchone()[0] == rows

    return run, reset


def bench_model():
    """An 11-column text model like the floor's table, for bulk_create and django-import-export."""
    from django.db import connection, models

    attrs = {name: models.TextField(null=True, blank=True) for name in FIELDS}
    attrs["__module__"] = __name__
    attrs["Meta"] = type("Meta", (), {"app_label": "excel", "db_table": "bench_resident_row"})
    model = type("BenchResidentRow", (models.Model,), attrs)
    with connection.schema_editor() as editor:
        editor.create_model(model)
    return model


def _empty(model) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table}")


def bulk_create_step(data: bytes, rows: int, model, batch_size: int):
    from django.db import transaction

    _empty(model)

    def run():
        values = read_rows(data)
        with transaction.atomic():
            model.objects.bulk_create(
                [model(**dict(zip(FIELDS, row, strict=True))) for row in values], batch_size=batch_size
            )
        assert model.objects.count() == rows
        return f"batch_size={batch_size}: {min(batch_size, _max_batch(model, rows))} rows per INSERT"

    return run, lambda: _empty(model)


def _max_batch(model, rows: int) -> int:
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return connection.ops.bulk_batch_size(fields, [None] * rows)


def import_export_step(data: bytes, rows: int, model):
    """django-import-export with defaults: a ModelResource, a tablib Dataset from the .xlsx, import_data()."""
    import tablib
    from import_export import fields, resources

    declared = {
        name: fields.Field(attribute=name, column_name=header)
        for name, header in zip(FIELDS, HEADERS, strict=True)
    }
    declared["Meta"] = type("Meta", (), {"model": model})
    resource_class = type("BenchResidentResource", (resources.ModelResource,), declared)
    loaded = {}
    _empty(model)

    def run():
        start = time.perf_counter()
        dataset = tablib.Dataset().load(data, format="xlsx")
        loaded["seconds"] = time.perf_counter() - start
        result = resource_class().import_data(dataset)
        assert not result.has_errors() and not result.has_validation_errors(), result.row_errors()[:3]
        assert model.objects.count() == rows
        return f"of which tablib/openpyxl load {loaded['seconds']:.1f} s"

    return run, lambda: _empty(model)


def _wipe_residents() -> None:
    """Untimed, between repeats of the first import: no residents, households, events or history."""
    from django.db import connection

    from jiedao.registry.models import Household, Resident, ResidentEvent

    tables = [
        ResidentEvent._meta.db_table,
        Resident.history.model._meta.db_table,
        Resident._meta.db_table,
        Household.history.model._meta.db_table,
        Household._meta.db_table,
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def jiedao_step(data: bytes, rows: int, *, again: bool):
    from jiedao.excel.engine import import_file
    from jiedao.excel.registry import get_ledger
    from jiedao.registry.models import Resident

    def run():
        job = import_file(get_ledger("residents"), data, file_name="居民.xlsx", user=None)
        assert job.succeeded, job.errors[:5]
        assert Resident.objects.count() == rows
        counts = (job.rows_created, job.rows_updated, job.rows_unchanged)
        assert counts == ((0, 0, rows) if again else (rows, 0, 0)), counts
        return f"created {counts[0]:,}, updated {counts[1]:,}, unchanged {counts[2]:,}"

    return run


def profiled(run: Callable[[], str | None], tool: str, label: str) -> Callable[[], str | None]:
    """Wrap `run` so that its one call is profiled and the report printed (the timing then includes the
    profiler's overhead, large for cProfile)."""

    def wrapper():
        if tool == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            try:
                return run()
            finally:
                profiler.stop()
                print(f"\n=== pyinstrument: {label} ===")
                print(profiler.output_text(unicode=True, color=False, show_all=False))
        import cProfile
        import pstats

        profile = cProfile.Profile()
        try:
            return profile.runcall(run)
        finally:
            print(f"\n=== cProfile: {label}, top 30 by cumulative time ===")
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)

    return wrapper


# --- report ---------------------------------------------------------------------------------------------


def print_table(timings: list[Timing], floor: float, header: str) -> None:
    print(f"\n{header}")
    print(f"{'step':<36} {'seconds':>8} {'rows/s':>10} {'× floor':>8} {'peak RSS':>9}  note")
    for t in timings:
        rss = f"{t.peak_rss_mb:6.0f} MB" if t.peak_rss_mb is not None else "        -"
        print(
            f"{t.step:<36} {t.seconds:8.2f} {t.rows / t.seconds:10,.0f} {t.seconds / floor:7.1f}× {rss}  {t.note}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs of each step (default 1)")
    parser.add_argument("--batch-size", type=int, default=1000, help="bulk_create's batch_size")
    parser.add_argument("--skip-import-export", action="store_true", help="skip the ~1–2 minute step")
    parser.add_argument(
        "--profile",
        choices=("cprofile", "pyinstrument"),
        help="profile the jiedao import and re-import (times then include the profiler's overhead)",
    )
    args = parser.parse_args(argv)
    if args.profile:
        args.repeat = 1
    if not args.skip_import_export:
        try:
            import import_export  # noqa: F401
            import openpyxl  # noqa: F401
        except ImportError:
            parser.error("pip install django-import-export==4.4.3 openpyxl, or pass --skip-import-export")

    scratch = configure(args.database)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        places = build_places()
        rows = resident_rows(args.rows, places)
        path = scratch / "residents.xlsx"
        data = write_xlsx(path, rows)
        del rows
        model = bench_model()
        print(
            f"{args.rows:,} rows × {len(HEADERS)} columns, {len(data) / 1e6:.1f} MB .xlsx; "
            f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}; "
            f"{len(places)} buildings in {COMPOUNDS} compounds; setup {time.perf_counter() - started:.1f} s; "
            f"{'best of ' + str(args.repeat) if args.repeat > 1 else 'one run each'}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )

        timings = []
        run, reset = floor_step(data, args.rows)
        floor_name = "floor: calamine + " + ("COPY" if connection.vendor == "postgresql" else "executemany")
        timings.append(measure(floor_name, run, args.rows, args.repeat, reset))
        run, reset = bulk_create_step(data, args.rows, model, args.batch_size)
        timings.append(measure("Django bulk_create", run, args.rows, args.repeat, reset))
        if not args.skip_import_export:
            run, reset = import_export_step(data, args.rows, model)
            timings.append(measure("django-import-export 4.4.3 defaults", run, args.rows, args.repeat, reset))

        first = jiedao_step(data, args.rows, again=False)
        again = jiedao_step(data, args.rows, again=True)
        if args.profile:
            first = profiled(first, args.profile, "jiedao import")
            again = profiled(again, args.profile, "jiedao re-import (all unchanged)")
        jiedao = measure("jiedao import_file", first, args.rows, args.repeat, _wipe_residents)
        timings.append(jiedao)
        print(f"peak RSS after the jiedao step: {_peak_rss_mb():.0f} MB", end="")
        print(
            " (that step's own high-water mark)" if jiedao.peak_rss_mb else " (the process's high-water mark)"
        )
        timings.append(measure("jiedao re-import (all unchanged)", again, args.rows, args.repeat))

        floor = timings[0].seconds
        print_table(timings, floor, f"{args.database}, {args.rows:,} rows")
        print(f"\njiedao ÷ floor = {jiedao.seconds / floor:.1f}× (target ≤ 3×)")
        print(f"jiedao re-import ÷ floor = {timings[-1].seconds / floor:.1f}×")
        if args.profile:
            print("(profiled run: the jiedao times include the profiler's overhead)")
    finally:
        try:
            teardown(args.database, scratch)
        except Exception as exc:  # report, but let the run's own error (if any) be the one raised
            print(f"cleanup failed: {exc!r} (scratch: {scratch}, database: {PG_DATABASE})", file=sys.stderr)


if __name__ == "__main__":
    main()

"""The case workbench and KPIs at a million cases on PostgreSQL: server time of the pages and the KPI table.

    .venv/bin/python bench/case_bench.py [--cases 1000000] [--keep] [--reuse] [--explain]

Builds a scratch database `jiedao_casebench` (dropped at the end unless --keep): the demo's areas and staff
(11 communities, 58 grids of which 4 retired by the 2023 split, the demo accounts) and the default category
tree, then --cases cases in one INSERT … SELECT generate_series (about a minute): five years up to now, 55 %
hotline, 35 % grid patrol, the rest petitions, disputes, hazards …; ~10 % still open (the recent ones, and a
tail of old ones stuck open, overdue); timestamps consistent (received ≤ signed ≤ closed ≤ archived ≤ now);
a case placed in a grid valid on the day it was received. No case events or history rows: no page under test
reads them.

Then requests /cases/ (待我处理) and /cases/all/ (工单查询, with each filter) in-process with Django's test
client as a street leader (the whole street, the worst case), a community worker and a grid worker, and
times `kpi_table` for last year by community. Each figure is the median (and p90) of 7 runs after one
warm-up. Prints a markdown table. --explain prints EXPLAIN ANALYZE of each case's slowest query.
Targets (issue 4): queue and list ≤ 150 ms server time; the KPI table ≤ 500 ms.
"""

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from scratch import psql, use_database

DB = "jiedao_casebench"
PAGE_TARGET_MS = 150
KPI_TARGET_MS = 500
RUNS = 7
USERS = [
    ("leader", "街道领导"),
    ("smc_gzz1", "社区工作者（赛马场北路社区）"),
    ("smc_wg01", "网格员（赛马场北路社区第一网格）"),
]


def _environment() -> None:
    use_database(DB)


def setup(total: int) -> None:
    import django

    _environment()
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from jiedao.cases.categories import seed_categories
    from jiedao.core.demo import build_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_demo()
    seed_categories()
    print(f"areas, staff and categories in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    add_cases(total)
    print(f"{total:,} cases inserted in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")


# Titles per top-level category (by code); a case takes one of its category's.
TITLES = {
    "sanitation": ["小区垃圾清运不及时", "垃圾桶满溢无人处理", "楼道堆放杂物", "公厕卫生差"],
    "city_order": ["占道经营影响通行", "违章停车占用消防通道", "小广告乱贴乱画", "夜间烧烤油烟扰民"],
    "municipal": ["路灯不亮", "井盖破损", "下水道堵塞", "人行道地砖破损"],
    "greening": ["树木遮挡视线", "绿化带被毁", "枯树存在倒伏隐患", "草坪长期无人修剪"],
    "dispute": ["邻里漏水纠纷", "物业费纠纷", "宅基地边界纠纷", "家庭赡养纠纷"],
    "public_security": ["小区门禁损坏", "可疑人员出入", "电动车被盗", "监控设备不能使用"],
    "petition": ["反映拆迁补偿问题", "反映工资拖欠", "反映低保认定问题", "反映物业侵权问题"],
    "social_security": ["低保政策咨询", "养老金领取咨询", "医保报销咨询", "残疾人补贴申请"],
    "health": ["社区卫生服务站服务差", "疫苗接种咨询", "诊所无证行医", "药店价格问题"],
    "education": ["入学政策咨询", "校外培训机构收费", "学校周边交通拥堵", "幼儿园入园难"],
    "housing": ["物业服务不到位", "房屋漏水", "电梯故障", "公共维修资金使用"],
    "utilities": ["停水未通知", "供暖温度不达标", "燃气表故障", "小区频繁停电"],
    "fire": ["电动车楼道充电", "消防通道堵塞", "灭火器过期", "消防栓损坏"],
    "gas": ["燃气泄漏隐患", "餐馆违规使用液化气", "燃气管道锈蚀", "燃气报警器缺失"],
    "self_built": ["自建房违规加层", "自建房墙体开裂", "违章搭建", "出租房结构安全隐患"],
    "river": ["河道漂浮垃圾", "河道排污口异味", "河岸护栏损坏", "河道违规垂钓"],
    "air": ["工地扬尘", "露天焚烧垃圾", "餐饮油烟超标", "锅炉冒黑烟"],
    "noise": ["夜间施工噪音扰民", "广场舞噪音", "商铺高音喇叭", "装修噪音"],
    "other": ["表扬社区工作人员", "建议增设健身器材", "咨询办事流程", "其他诉求"],
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
# Sources by share (issue 4: hotline ~55 %, grid ~35 %, the rest).
SOURCE_SHARES = [
    ("hotline", 0.55),
    ("grid", 0.35),
    ("petition", 0.02),
    ("dispute", 0.03),
    ("hazard", 0.02),
    ("river", 0.01),
    ("resident", 0.01),
    ("enforcement", 0.005),
    ("other", 0.005),
]
# Where each source's cases fall in the category tree (leaf codes); None: any leaf.
SOURCE_CATEGORIES = {
    "grid": ["sanitation", "city_order", "municipal", "greening", "fire", "self_built", "air", "noise"],
    "petition": ["petition"],
    "dispute": ["dispute"],
    "hazard": ["fire", "gas", "self_built", "public_security"],
    "river": ["river"],
    "enforcement": ["city_order", "self_built", "air", "noise"],
}

INSERT_CASES = """
WITH base AS (
    SELECT g,
        %(start)s::timestamptz + %(span)s::interval * ((g - 1 + random()) / %(n)s) AS received_at,
        random() AS r_src, random() AS r_cat, random() AS r_title, random() AS r_grid, random() AS r_lvl,
        random() AS r_open, random() AS r_state, random() AS r_a, random() AS r_b, random() AS r_c,
        random() AS r_d, random() AS r_e, random() AS r_f, random() AS r_g, random() AS r_h
    FROM generate_series(1, %(n)s) AS g
), sourced AS (
    SELECT b.*,
        CASE {source_case} END AS source,
        CASE WHEN r_d < 0.05 THEN 'urgent' WHEN r_d < 0.15 THEN 'complex' ELSE 'normal' END AS urgency,
        received_at < %(split)s AS before_split,
        extract(epoch FROM %(now)s - received_at) / 86400.0 AS age_days
    FROM base AS b
), placed AS (
    SELECT s.*,
        CASE WHEN before_split THEN (%(pre_grids)s::bigint[])[1 + floor(r_grid * %(n_pre)s)::int]
             ELSE (%(post_grids)s::bigint[])[1 + floor(r_grid * %(n_post)s)::int] END AS grid_id,
        CASE WHEN before_split THEN (%(pre_workers)s::bigint[])[1 + floor(r_grid * %(n_pre)s)::int]
             ELSE (%(post_workers)s::bigint[])[1 + floor(r_grid * %(n_post)s)::int] END AS grid_worker_id,
        (CASE {category_case} END)::int AS cat_pos,
        -- Cases still open: most of the last months', and a tail of old ones stuck open.
        r_open < greatest(0.03, 0.95 * exp(-age_days / 120.0)) AS is_open
    FROM sourced AS s
), stated AS (
    SELECT p.*,
        a.parent_id AS community_id,
        source = 'hotline' AND r_lvl < 0.2 AS at_community,
        CASE WHEN is_open THEN
                CASE WHEN r_state < 0.05 THEN 'pending' WHEN r_state < 0.15 THEN 'accepted'
                     WHEN r_state < 0.35 THEN 'dispatched' WHEN r_state < 0.60 THEN 'signed'
                     ELSE 'handling' END
             WHEN r_state < 0.08 THEN 'returned' ELSE 'closed' END AS outcome,
        (%(cat_ids)s::bigint[])[cat_pos] AS category_id,
        (%(titles)s::text[])[(cat_pos - 1) * 4 + 1 + floor(r_title * 4)::int] AS title,
        CASE WHEN urgency = 'urgent' THEN received_at + interval '1 day'
             ELSE ((date_trunc('day', received_at AT TIME ZONE 'Asia/Shanghai')
                    + CASE urgency WHEN 'complex' THEN interval '21 days' ELSE interval '7 days' END
                    + interval '17 hours') AT TIME ZONE 'Asia/Shanghai') END AS due_at
    FROM placed AS p JOIN core_area AS a ON a.id = p.grid_id
), timed AS (
    SELECT t.*,
        CASE WHEN outcome IN ('signed', 'handling', 'closed')
             THEN least(received_at + interval '1 hour' * (0.2 + 10 * r_a * r_a), %(now)s) END AS signed_at,
        CASE WHEN outcome = 'returned'
             THEN least(received_at + interval '1 hour' * (1 + 40 * r_b), %(now)s) END AS returned_at,
        outcome IN ('closed', 'returned') AND age_days > 60 AND r_e < 0.6 AS archived,
        outcome IN ('dispatched', 'signed', 'handling', 'closed') OR outcome = 'returned' AND r_c < 0.4
            AS was_dispatched
    FROM stated AS t
), closed AS (
    SELECT t.*,
        CASE WHEN outcome = 'closed' THEN least(
            signed_at + greatest(due_at - signed_at, interval '1 hour') * (0.1 + 1.1 * r_b), %(now)s)
        END AS closed_at,
        outcome = 'closed' AND (r_f < 0.5 OR source = 'hotline' AND r_f < 0.9) AS called_back
    FROM timed AS t
)
INSERT INTO cases_case (
    id, number, external_number, source, category_id, request_type, urgency, title, description,
    anonymous, reporter_name, reporter_phone_cipher, reporter_phone_index, reporter_phone_masked,
    address, latitude, longitude, area_id, assigned_area_id, assignee_id, people_count, parties,
    resident_id, premises_id, state, version, received_at, signed_at, closed_at, returned_at, archived_at,
    response_due_at, due_at, sla_status, extension_requested_days, return_reason, result,
    callback_resolved, callback_satisfaction, callback_declined, reopen_count, supervised{merged_column}
)
SELECT
    g,
    (%(prefixes)s::jsonb ->> source) || to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY')
        || lpad(g::text, 8, '0'),
    CASE WHEN source = 'hotline'
         THEN to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 7, '0')
         ELSE '' END,
    source, category_id,
    CASE WHEN r_h < 0.40 THEN 'help' WHEN r_h < 0.70 THEN 'complaint' WHEN r_h < 0.85 THEN 'consult'
         WHEN r_h < 0.93 THEN 'report' WHEN r_h < 0.98 THEN 'suggestion' ELSE 'praise' END,
    urgency, title,
    title || '。地址：' || c.name || (1 + floor(r_b * 40))::int || '号楼，请尽快处理。',
    source IN ('hotline', 'resident') AND r_g > 0.95,
    CASE WHEN source IN ('hotline', 'resident', 'petition', 'dispute') AND NOT r_g > 0.95
         THEN substr(%(surnames)s, 1 + floor(r_c * length(%(surnames)s))::int, 1)
              || CASE WHEN r_h < 0.5 THEN '先生' ELSE '女士' END
         ELSE '' END,
    NULL, '',
    CASE WHEN source IN ('hotline', 'resident', 'petition', 'dispute') AND NOT r_g > 0.95
         THEN '1' || (3 + floor(r_a * 7))::int || floor(r_b * 10)::int || '****'
              || lpad(floor(r_c * 10000)::int::text, 4, '0')
         ELSE '' END,
    c.name || (1 + floor(r_b * 40))::int || '号楼' || (1 + floor(r_c * 6))::int || '单元',
    CASE WHEN source = 'grid' THEN round((40.80 + r_a * 0.05)::numeric, 6) END,
    CASE WHEN source = 'grid' THEN round((111.62 + r_b * 0.06)::numeric, 6) END,
    CASE WHEN at_community THEN community_id ELSE grid_id END,
    CASE WHEN was_dispatched THEN CASE WHEN at_community OR r_c > 0.9 THEN community_id ELSE grid_id END END,
    CASE WHEN was_dispatched AND NOT at_community AND r_c <= 0.9 AND r_e < 0.5 THEN grid_worker_id END,
    CASE source WHEN 'petition' THEN 1 + floor(r_h * r_h * 30)::int
                WHEN 'dispute' THEN 2 + floor(r_h * 3)::int END,
    CASE WHEN source = 'dispute'
         THEN substr(%(surnames)s, 1 + floor(r_a * length(%(surnames)s))::int, 1) || '某与'
              || substr(%(surnames)s, 1 + floor(r_b * length(%(surnames)s))::int, 1) || '某'
         ELSE '' END,
    NULL, NULL,
    CASE WHEN archived THEN 'archived' ELSE outcome END,
    CASE outcome WHEN 'pending' THEN 1 WHEN 'accepted' THEN 2 WHEN 'dispatched' THEN 3 WHEN 'signed' THEN 4
                 WHEN 'handling' THEN 5 WHEN 'returned' THEN 3 ELSE 6 END
        + called_back::int + archived::int,
    received_at, signed_at, closed_at, returned_at,
    CASE WHEN archived THEN least(coalesce(closed_at, returned_at) + interval '1 day' * (1 + 30 * r_c), %(now)s)
    END,
    received_at + interval '4 hours', due_at,
    CASE WHEN outcome = 'closed' THEN CASE WHEN closed_at > due_at THEN 'overdue' ELSE 'on_time' END
         WHEN outcome = 'returned' THEN 'on_time'
         WHEN due_at < %(now)s THEN 'overdue'
         WHEN due_at < %(now)s + interval '8 hours' THEN 'due_soon'
         ELSE 'on_time' END,
    NULL,
    CASE WHEN outcome = 'returned'
         THEN CASE WHEN r_h < 0.5 THEN 'outside_area' WHEN r_h < 0.8 THEN 'not_our_duty' ELSE 'incomplete' END
         ELSE '' END,
    CASE WHEN outcome = 'closed' THEN '已现场核实并处理完毕，已答复诉求人。' ELSE '' END,
    CASE WHEN called_back AND r_g >= 0.05 THEN r_h < 0.9 END,
    CASE WHEN called_back AND r_g >= 0.05 THEN
        CASE WHEN r_h < 0.9 THEN
                CASE WHEN r_d < 0.85 THEN 'satisfied' WHEN r_d < 0.95 THEN 'basically' ELSE 'unsatisfied' END
             WHEN r_d < 0.1 THEN 'basically' ELSE 'unsatisfied' END
         ELSE '' END,
    called_back AND r_g < 0.05,
    CASE WHEN outcome = 'closed' AND r_h > 0.985 OR outcome = 'handling' AND r_h > 0.97 THEN 1 ELSE 0 END,
    is_open AND r_e > 0.97 OR r_e > 0.995{merged_value}
FROM closed AS t JOIN core_area AS c ON c.id = t.community_id
"""


def _source_case() -> str:
    parts, total = [], 0.0
    for source, share in SOURCE_SHARES[:-1]:
        total += share
        parts.append(f"WHEN r_src < {total:.4f} THEN '{source}'")
    return " ".join(parts) + f" ELSE '{SOURCE_SHARES[-1][0]}'"


def _category_case(positions: dict[str, int]) -> str:
    """cat_pos (1-based, into the category arrays) by source: its own leaves, else any leaf."""
    parts = []
    for source, codes in SOURCE_CATEGORIES.items():
        array = "ARRAY[" + ",".join(str(positions[c]) for c in codes) + "]"
        parts.append(f"WHEN source = '{source}' THEN ({array})[1 + floor(r_cat * {len(codes)})::int]")
    return " ".join(parts) + f" ELSE 1 + floor(r_cat * {len(positions)})::int"


def add_cases(total: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from jiedao.cases.models import Case, Category
    from jiedao.cases.services import NUMBER_PREFIX
    from jiedao.core.models import Area, AreaLevel, Role, RoleAssignment

    leaves = list(Category.objects.filter(children__isnull=True).order_by("path"))
    positions = {c.code: i for i, c in enumerate(leaves, start=1)}
    titles = [title for c in leaves for title in TITLES[c.code]]
    grids = list(Area.objects.filter(level=AreaLevel.GRID).order_by("path"))
    # The map changed once (the demo's 2023 split): before it, the grids that existed then.
    split = max(g.valid_from for g in grids)
    pre = [g for g in grids if g.valid_from < split and (g.valid_to is None or g.valid_to >= split)]
    post = [g for g in grids if g.valid_to is None]
    workers = dict(
        RoleAssignment.objects.filter(role=Role.GRID_WORKER, end_date__isnull=True).values_list(
            "area_id", "user_id"
        )
    )
    started = time.perf_counter()
    now = timezone.now().replace(microsecond=0)
    start = now - timedelta(days=5 * 365)
    merged = "merged_into_id" in {f.column for f in Case._meta.concrete_fields}
    sql = INSERT_CASES.format(
        source_case=_source_case(),
        category_case=_category_case(positions),
        merged_column=", merged_into_id" if merged else "",
        merged_value=", NULL" if merged else "",
    )
    import json

    params = {
        "n": total,
        "start": start,
        "span": now - start - timedelta(minutes=5),
        "now": now,
        "split": timezone.make_aware(datetime.combine(split, datetime.min.time())),
        "pre_grids": [g.pk for g in pre],
        "post_grids": [g.pk for g in post],
        "pre_workers": [workers.get(g.pk) for g in pre],
        "post_workers": [workers.get(g.pk) for g in post],
        "n_pre": len(pre),
        "n_post": len(post),
        "cat_ids": [c.pk for c in leaves],
        "titles": titles,
        "prefixes": json.dumps(NUMBER_PREFIX),
        "surnames": SURNAMES,
    }
    with connection.cursor() as cursor:
        # Bulk-load style: secondary indexes dropped and rebuilt after, foreign-key triggers off (the ids
        # come from the tables they point to). A row at a time through ten indexes takes ten times longer.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_case'"
            " AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SELECT setseed(0.2023)")
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), (SELECT max(id) FROM cases_case))"
        )
        print(
            f"  rows in {time.perf_counter() - started:.1f} s; rebuilding {len(indexes)} indexes", flush=True
        )
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)


def _percentile_90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10, method="inclusive")[8]


def _explain(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        print("\n".join("      " + row[0] for row in cursor.fetchall()))


@dataclass
class Timing:
    times: list[float]  # ms, wall clock, each run
    sql: list[float]  # ms, the run's queries together (as the client saw them)
    queries: int  # in the last run
    result: object  # of the warm-up run (a response keeps its context)


PLAIN_RENDER = None  # Template._render before setup_test_environment() instruments it


def _time(fn, explain: bool) -> Timing:
    """Time `fn` RUNS times after a warm-up. The warm-up renders with the test environment's instrumented
    templates (the response keeps its context, for the rows column); the timed runs render as a server
    does: the instrumentation copies the context at every template and include, which is no server time."""
    from django.db import connection
    from django.template import Template
    from django.test.utils import CaptureQueriesContext

    result = fn()  # warm-up
    instrumented, Template._render = Template._render, PLAIN_RENDER
    times, sql = [], []
    try:
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                fn()
                times.append((time.perf_counter() - started) * 1000)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    finally:
        Template._render = instrumented
    if explain:
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        _explain(slowest["sql"])
    return Timing(times, sql, len(queries.captured_queries), result)


def page_cases(user) -> list[tuple[str, str, dict]]:
    """(label, url, GET parameters) of the pages under test for this user."""
    from jiedao.cases.models import Case, Category
    from jiedao.core.models import Area

    last_year = date.today().year - 1
    in_scope = Case.objects.for_user(user).order_by("pk")
    sample = in_scope[in_scope.count() // 2]
    own = Area.objects.filter(code="150103001001").first()  # 赛马场北路社区
    other = Area.objects.get(code="150103001002") if user.username == "leader" else own  # 附件社区
    city = Category.objects.get(code="city")
    noise = Category.objects.get(code="noise")
    month = {"date_from": f"{last_year}-03-01", "date_to": f"{last_year}-03-31"}
    return [
        ("待我处理", "/cases/", {}),
        ("待我处理 第 3 页", "/cases/", {"page": "3"}),
        ("工单查询 默认", "/cases/all/", {}),
        ("工单查询 末页", "/cases/all/", {"page": "99999"}),  # past the end: the last page
        ("来源 12345热线", "/cases/all/", {"source": "hotline"}),
        ("来源 巡河", "/cases/all/", {"source": "river"}),
        ("状态 办理中", "/cases/all/", {"state": "handling"}),
        ("状态 待受理", "/cases/all/", {"state": "pending"}),
        ("时限 超期", "/cases/all/", {"sla_status": "overdue"}),
        ("时限 临期", "/cases/all/", {"sla_status": "due_soon"}),
        ("分类 城市管理（子树）", "/cases/all/", {"category": str(city.pk)}),
        ("分类 噪声", "/cases/all/", {"category": str(noise.pk)}),
        (f"社区 {other.name}", "/cases/all/", {"community": str(other.pk)}),
        (f"受理日期 {last_year}年3月", "/cases/all/", month),
        ("搜索 工单编号（完整）", "/cases/all/", {"q": sample.number}),
        ("搜索 上游编号片段", "/cases/all/", {"q": f"{last_year}0315"}),
        ("搜索 标题 “噪音”", "/cases/all/", {"q": "噪音"}),
        ("搜索 无结果", "/cases/all/", {"q": "不存在的诉求"}),
        (
            "组合：热线+已办结+城市管理+3月",
            "/cases/all/",
            {"source": "hotline", "state": "closed", "category": str(city.pk), **month},
        ),
        (
            f"组合：{other.name}+待受理+超期",
            "/cases/all/",
            {"community": str(other.pk), "state": "pending", "sla_status": "overdue"},
        ),
    ]


def measure(explain: bool, only: str | None) -> None:
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jiedao.cases.kpis import kpi_table
    from jiedao.cases.models import Case
    from jiedao.core.models import User

    global PLAIN_RENDER
    from django.template import Template

    PLAIN_RENDER = Template._render
    setup_test_environment()  # response.context, and the test client's host
    total, open_count = Case.objects.count(), Case.objects.open().count()
    load = os.getloadavg()
    print(
        f"\ncases: {total:,} ({open_count:,} open), PostgreSQL; load average {load[0]:.2f} {load[1]:.2f}"
        f" {load[2]:.2f} on {os.cpu_count()} cores; {date.today()}"
    )
    print(
        f"median and p90 of {RUNS} runs after a warm-up: server time in-process (Django test client); SQL ms:"
        " the queries of a run together, as the client waited for them\n"
    )
    print("| case | user | target ms | median ms | p90 ms | SQL ms | queries | rows / total | pass |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for username, role in USERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for label, url, params in page_cases(user):
            if only and only not in label:
                continue
            timing = _time(lambda: client.get(url, params), explain)  # noqa: B023
            response = timing.result
            assert response.status_code == 200, (label, response.status_code)
            page = response.context["page_obj"]
            shown = f"{page.paginator.cap}+" if page.paginator.capped else f"{page.paginator.count:,}"
            _row(label, role, PAGE_TARGET_MS, timing, f"{len(page.object_list)} / {shown}")
    last_year = date.today().year - 1
    for group_by, grouping in (("community", "按社区"), ("category", "按分类"), (None, "合计")):
        label = f"KPI {last_year} 全年 全部来源 {grouping}"
        if only and only not in label:
            continue
        timing = _time(
            lambda: kpi_table(start=date(last_year, 1, 1), end=date(last_year, 12, 31), group_by=group_by),  # noqa: B023
            explain,
        )
        rows = timing.result
        received = sum(r["received"] for r in rows)
        _row(label, "kpi_table()", KPI_TARGET_MS, timing, f"{len(rows)} rows, {received:,} cases")
    label = "工单统计页 上一年 按社区"
    if not only or only in label:
        client = Client()
        client.force_login(User.objects.get(username="leader"))
        timing = _time(lambda: client.get("/cases/kpis/", {"period": "last_year"}), explain)
        assert timing.result.status_code == 200, (label, timing.result.status_code)
        _row(label, USERS[0][1], KPI_TARGET_MS, timing, "/cases/kpis/")
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def _row(label: str, role: str, target: int, timing: Timing, shown: str) -> None:
    median = statistics.median(timing.times)
    verdict = "✅" if median <= target else "❌"
    print(
        f"| {label} | {role} | ≤ {target} | {median:.1f} | {_percentile_90(timing.times):.1f}"
        f" | {statistics.median(timing.sql):.1f} | {timing.queries} | {shown} | {verdict} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database (reuse it with --reuse)")
    parser.add_argument("--reuse", action="store_true", help="measure an existing jiedao_casebench")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each case's slowest query")
    parser.add_argument("--only", help="only the cases whose label contains this text")
    args = parser.parse_args()
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {DB}")
        psql(f"CREATE DATABASE {DB}")
        setup(args.cases)
    else:
        import django

        _environment()
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # new index migrations, on the kept data
    try:
        measure(args.explain, args.only)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()

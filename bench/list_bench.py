"""The resident list at a million residents on PostgreSQL: server time of the list page's searches.

    .venv/bin/python bench/list_bench.py [--residents 1000000] [--keep]

Builds a scratch database `jiedao_listbench` (dropped at the end unless --keep): the demo sub-district
(66,772 residents), then synthetic residents in the demo's households up to --residents, through the same
bulk path as imports (COPY, encryption, blind indexes, history rows). Then requests /registry/residents/
in-process with Django's test client as a street leader (scope: the whole street, the worst case) and as a
community worker, and prints the median of 7 requests after one warm-up, with the EXPLAIN ANALYZE time of
the main query. Target (issue 3): search by name or exact ID ≤ 100 ms server time.
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from scratch import psql, use_database

DB = "jiedao_listbench"


def _environment() -> None:
    use_database(DB)


def setup(total: int) -> None:
    import django

    _environment()
    django.setup()
    from django.core.management import call_command

    from jiedao.core.demo import build_demo
    from jiedao.registry.demo import build_registry_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_registry_demo(build_demo().street)  # the residents' world; not the demo's cases (minutes)
    print(f"demo built in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    added = add_residents(total)
    print(f"{added:,} synthetic residents added in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文包云"
GIVEN = "建国志强秀英桂兰海燕丽娟文华玉兰晓东永红春梅国庆俊杰子涵雨萱浩然欣怡宇轩梓萱明辉淑珍立新美玲红霞伟东丽华卫国晓燕金凤"


def add_residents(total: int) -> int:
    from operator import itemgetter

    from jiedao.core.crypto import PURPOSE_MOBILE, PURPOSE_RESIDENT_ID, get_cipher
    from jiedao.excel.bulk import bulk_insert, insert_columns
    from jiedao.lib.idcard import resident_id_check_digit
    from jiedao.lib.pinyin import initials
    from jiedao.registry.models import Household, Resident

    rng = random.Random(1_000_000)
    cipher = get_cipher()
    homes = list(Household.objects.values_list("pk", "area_id"))
    pick = itemgetter(*[f.attname for f in insert_columns(Resident)])
    missing = total - Resident.objects.count()
    done, chunk = 0, 100_000
    while done < missing:
        n = min(chunk, missing - done)
        rows, numbers, phones = [], [], []
        for i in range(n):
            seq = done + i
            # Unique by construction: a birth date per thousand (1940–2019) and the sequence within it, under a
            # region code the demo does not use.
            birth = date(1940, 1, 1) + timedelta(days=29 * (seq // 1000))
            first17 = f"659001{birth:%Y%m%d}{seq % 1000:03d}"
            numbers.append(first17 + resident_id_check_digit(first17))
            phones.append(f"1{rng.choice('3578')}{seq:09d}"[:11] if rng.random() < 0.8 else None)
        indexes = cipher.blind_index_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        id_ciphers = cipher.encrypt_many(numbers, purpose=PURPOSE_RESIDENT_ID)
        phone_ciphers = cipher.encrypt_many(phones, purpose=PURPOSE_MOBILE)
        phone_indexes = cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)
        for number, index, id_cipher, phone, phone_cipher, phone_index in zip(
            numbers, indexes, id_ciphers, phones, phone_ciphers, phone_indexes, strict=True
        ):
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
            household_id, area_id = rng.choice(homes)
            values = {
                "name": name,
                "name_initials": initials(name),
                "id_number_cipher": id_cipher,
                "id_number_index": index,
                "id_number_masked": number[:3] + "*" * 11 + number[-4:],
                "phone_cipher": phone_cipher,
                "phone_index": phone_index or "",
                "phone_masked": phone[:3] + "****" + phone[-4:] if phone else "",
                "gender": "M" if int(number[16]) % 2 else "F",
                "birth_date": date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                "hukou_local": True,
                "residence": "permanent" if rng.random() < 0.86 else "floating",
                "household_id": household_id,
                "relation": "",
                "ethnicity": "01",
                "party_member": False,
                "area_id": area_id,
                "status": "active",
                "registered_on": date(2020, 1, 1),
                "left_on": None,
                "note": "",
                "version": 1,
            }
            rows.append(pick(values))
        bulk_insert(Resident, rows, reason="压力测试")
        done += n
        print(f"  … {done:,}/{missing:,}", flush=True)
    return missing


def measure() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from jiedao.core.models import User
    from jiedao.registry.models import Resident

    setup_test_environment()  # response.context, and the test client's host
    sample = Resident.objects.filter(phone_index__gt="").order_by("pk")[500_000 % Resident.objects.count()]
    from jiedao.core.crypto import PURPOSE_MOBILE, PURPOSE_RESIDENT_ID, reveal

    id_number = reveal(bytes(sample.id_number_cipher), purpose=PURPOSE_RESIDENT_ID)
    phone = reveal(bytes(sample.phone_cipher), purpose=PURPOSE_MOBILE)
    cases = [
        ("默认列表（在册，按姓名）", {}),
        ("姓名前缀 “王”", {"q": "王"}),
        ("姓名前缀 “王建”", {"q": "王建"}),
        (f"姓名 “{sample.name}”", {"q": sample.name}),
        ("拼音首字母 “wjg”", {"q": "wjg"}),
        ("身份证号码（精确）", {"q": id_number}),
        ("手机号码（精确）", {"q": phone}),
        ("流动人口 + 高龄", {"residence": "floating", "tag": "elderly"}),
    ]
    print(f"\nresidents: {Resident.objects.count():,} (PostgreSQL)")
    for username in ("leader", "smc_gzz1"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        print(f"\n{username}: median of 7 (ms), queries, rows on page, total shown")
        for label, params in cases:
            client.get("/registry/residents/", params)
            times = []
            for _ in range(7):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get("/registry/residents/", params)
                    times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            page = response.context["page_obj"]
            shown = f"{page.paginator.cap}+" if page.paginator.capped else page.paginator.count
            slowest = max(float(q["time"]) for q in queries.captured_queries) * 1000
            print(
                f"  {label:<28} {statistics.median(times):7.1f} ms  {len(queries.captured_queries):3d} queries"
                f" (slowest {slowest:5.1f} ms)  {len(page.object_list):3d} rows  total {shown}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database (reuse it with --reuse)")
    parser.add_argument("--reuse", action="store_true", help="measure an existing jiedao_listbench")
    args = parser.parse_args()
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {DB}")
        psql(f"CREATE DATABASE {DB}")
        setup(args.residents)
    else:
        import django

        _environment()
        django.setup()
    try:
        measure()
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()

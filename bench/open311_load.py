"""Open311 `POST requests` under load: gunicorn on loopback, PostgreSQL, a second process sending reports.

    .venv/bin/python bench/open311_load.py [--duration 30] [--concurrency 4,8,16,32] [--workers 3 --threads 4]

Builds the scratch database `jiedao_o311bench` (dropped at the end unless --keep): migrate, a street with
two communities, the default category tree and one api key. Starts `jiedao serve --no-jobs` (gunicorn,
gthread) on 127.0.0.1 with --workers × --threads, then this process sends form-encoded reports — api_key,
service_code, lat/long or address_string, description, first_name, last_name, phone — over keep-alive
connections (http.client, one per client thread) for --duration seconds at each concurrency in turn.

Every acknowledged 201's service_request_id is checked afterwards: it exists exactly once, it is the case
whose description carries the request's own tag, and the database holds no report that was not acknowledged
(a timeout or an error is counted as an error, and may be the one stored but unacknowledged report). Prints
a markdown table: req/s sustained, p50/p95/p99 latency, errors. Target (issue 4): ≥ 200 req/s, zero errors.
"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from scratch import HOST, ROOT, psql, use_database

DB = "jiedao_o311bench"
PATH = "/open311/v2/requests.json"
TIMEOUT = 10.0
COMMUNITIES = [("150103001001", "幸福社区"), ("150103001002", "和平社区")]
PLACES = ["幸福小区3号楼", "和平路与建设街交叉口", "阳光花园东门", "人民公园南侧", "新华路88号"]
WORDS = [
    "垃圾已经两天没有清运",
    "路灯不亮",
    "井盖松动",
    "树枝折断挡路",
    "夜间施工噪音",
    "车辆乱停堵住消防通道",
]


def _environment(var_dir: str) -> None:
    use_database(DB, var_dir=var_dir)
    if "JIEDAO_DATA_KEY" not in os.environ:
        from jiedao.lib.crypto import generate_key, key_to_text

        os.environ["JIEDAO_DATA_KEY"] = key_to_text(generate_key())


def setup() -> tuple[str, list[str]]:
    """Migrate and build the minimal installation; returns the plain api key and the service codes."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from jiedao.cases.categories import seed_categories
    from jiedao.core.models import AreaLevel, CommunityType
    from jiedao.core.services.areas import area_create
    from jiedao.open311.services import apikey_create, service_list

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    street = area_create(code="150103001000", name="压测街道", level=AreaLevel.STREET)
    communities = [
        area_create(
            code=code, name=name, level=AreaLevel.COMMUNITY, parent=street, community_type=CommunityType.URBAN
        )
        for code, name in COMMUNITIES
    ]
    seed_categories()
    plain = apikey_create(name="压测App", area=communities[0])[1]
    codes = [s["service_code"] for s in service_list()]
    connections.close_all()
    print(f"database {DB} built in {time.perf_counter() - started:.1f} s; {len(codes)} services")
    return plain, codes


def start_server(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "jiedao.cli", "serve", "--no-jobs", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    server = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/open311/v2/discovery.json")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log}")


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)  # service_request_id -> tag
    errors: dict[str, int] = field(default_factory=dict)
    duplicate_ids: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def report_body(key: str, codes: list[str], tag: str, rng: random.Random) -> bytes:
    data = {
        "api_key": key,
        "jurisdiction_id": "150103001000",
        "service_code": rng.choice(codes),
        "description": f"{rng.choice(PLACES)}{rng.choice(WORDS)}，请尽快处理。[{tag}]",
        "first_name": rng.choice(["先生", "女士", "阿姨"]),
        "last_name": rng.choice("王李张刘陈杨赵黄周吴"),
        "phone": f"13{rng.randrange(10**9):09d}",
        "email": "resident@example.com",
    }
    if rng.random() < 0.5:
        data |= {"lat": f"{40.80 + rng.random() / 50:.6f}", "long": f"{111.64 + rng.random() / 50:.6f}"}
    else:
        data["address_string"] = rng.choice(PLACES)
    return urlencode(data).encode()


def client_thread(port, key, codes, name, deadline, outcome, lock) -> None:
    rng = random.Random(name)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": "application/json",
    }
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    seq = 0
    while time.perf_counter() < deadline:
        seq += 1
        tag = f"{name}-{seq}"
        body = report_body(key, codes, tag, rng)
        started = time.perf_counter()
        try:
            connection.request("POST", PATH, body, headers)
            response = connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()  # reconnects on the next request
            with lock:
                outcome.error(type(exc).__name__)
            continue
        elapsed = time.perf_counter() - started
        with lock:
            if response.status != 201:
                outcome.error(f"HTTP {response.status}")
                continue
            number = json.loads(payload)[0]["service_request_id"]
            if number in outcome.acknowledged:
                outcome.duplicate_ids += 1
            outcome.acknowledged[number] = tag
            outcome.latencies.append(elapsed)
    connection.close()


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone: its CPU time is lost, the totals are a little low
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


class CpuMeter:
    """CPU seconds spent by gunicorn (master and workers), by the PostgreSQL backends serving it, and by this
    process: on a busy machine the time per request, unlike the rate, hardly depends on the other load.
    Backends come and go (connections live DB_CONN_MAX_AGE seconds), so they are sampled every second."""

    def __init__(self, server_pid: int):
        import psycopg

        self.server_pid = server_pid
        self.db = psycopg.connect(f"postgresql://postgres@{HOST}:5432/{DB}", autocommit=True)
        self.own_pid = self.db.execute("SELECT pg_backend_pid()").fetchone()[0]

    def sample(self) -> dict[str, dict[int, float]]:
        backends = self.db.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> %s", (DB, self.own_pid)
        ).fetchall()
        return {
            "server": {pid: _cpu_seconds(pid) for pid in [self.server_pid, *_children(self.server_pid)]},
            "postgres": {pid: _cpu_seconds(pid) for (pid,) in backends},
            "client": {0: time.process_time()},
        }

    def measure(self, work) -> dict[str, float]:
        """Runs work(); returns the CPU seconds each part spent meanwhile."""
        before, latest, done = self.sample(), {}, threading.Event()

        def watch():
            while not done.wait(1.0):
                for part, values in self.sample().items():
                    for pid, value in values.items():
                        latest.setdefault(part, {})[pid] = max(value, latest.get(part, {}).get(pid, 0.0))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        work()
        done.set()
        watcher.join()
        for part, values in self.sample().items():
            for pid, value in values.items():
                latest.setdefault(part, {})[pid] = max(value, latest.get(part, {}).get(pid, 0.0))
        return {
            part: sum(value - before[part].get(pid, 0.0) for pid, value in latest[part].items())
            for part in before
        }


def run_level(
    port, key, codes, concurrency: int, duration: float, outcome: Outcome, step: int, meter
) -> dict:
    lock = threading.Lock()
    level = Outcome()
    deadline = time.perf_counter() + duration
    threads = [
        threading.Thread(
            target=client_thread, args=(port, key, codes, f"c{step}-{i}", deadline, level, lock), daemon=True
        )
        for i in range(concurrency)
    ]

    def work():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    started = time.perf_counter()
    cpu = meter.measure(work)
    wall = time.perf_counter() - started
    outcome.latencies += level.latencies
    outcome.duplicate_ids += level.duplicate_ids + len(
        outcome.acknowledged.keys() & level.acknowledged.keys()
    )
    outcome.acknowledged |= level.acknowledged
    for kind, count in level.errors.items():
        outcome.errors[kind] = outcome.errors.get(kind, 0) + count
    latencies = sorted(level.latencies) or [0.0]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "concurrency": concurrency,
        "requests": len(level.latencies),
        "rps": len(level.latencies) / wall,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "errors": sum(level.errors.values()),
        "error_kinds": level.errors,
        **{f"cpu_{part}": seconds * 1000 / max(len(level.latencies), 1) for part, seconds in cpu.items()},
    }


def verify(outcome: Outcome) -> list[str]:
    """Exactly once: every acknowledged id is stored once, as the report that carried its tag, and nothing else."""
    import django

    django.setup()
    from jiedao.cases.models import Case, CaseEvent, Source

    stored = dict(Case.objects.filter(source=Source.RESIDENT).values_list("number", "description"))
    tags = {}
    for number, description in stored.items():
        match = re.search(r"\[(c\d+-\d+-\d+)\]$", description)
        tags[number] = match.group(1) if match else None
    stored_tags = [t for t in tags.values() if t]
    problems = []
    missing = outcome.acknowledged.keys() - stored.keys()
    wrong = [n for n, tag in outcome.acknowledged.items() if n in tags and tags[n] != tag]
    unacknowledged = stored.keys() - outcome.acknowledged.keys()
    if outcome.duplicate_ids:
        problems.append(f"{outcome.duplicate_ids} service_request_id acknowledged twice")
    if missing:
        problems.append(f"{len(missing)} acknowledged but not stored")
    if wrong:
        problems.append(f"{len(wrong)} acknowledged ids stored with another request's description")
    if len(stored_tags) != len(set(stored_tags)):
        problems.append(f"{len(stored_tags) - len(set(stored_tags))} reports stored twice")
    if unacknowledged:
        errors = sum(outcome.errors.values())
        problems.append(f"{len(unacknowledged)} stored but not acknowledged (errors/timeouts: {errors})")
    events = CaseEvent.objects.filter(action="create", case__source=Source.RESIDENT).count()
    if events != len(stored):
        problems.append(f"{events} create events for {len(stored)} cases")
    print(
        f"\nexactly-once: {len(outcome.acknowledged):,} acknowledged, {len(stored):,} stored, "
        f"{events:,} create events — {'OK' if not problems else 'FAILED: ' + '; '.join(problems)}"
    )
    return problems


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per concurrency level")
    parser.add_argument("--concurrency", default="4,8,16,32", help="comma-separated client threads per level")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--port", type=int, default=8431)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]

    var_dir = tempfile.mkdtemp(prefix="o311bench-")
    _environment(var_dir)
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    key, codes = setup()
    log = Path(var_dir) / "gunicorn.log"
    server = start_server(args.port, args.workers, args.threads, log)
    load_before = load_average()
    outcome, rows, meter = Outcome(), [], CpuMeter(server.pid)
    try:
        print(
            f"gunicorn {args.workers} workers × {args.threads} threads on {HOST}:{args.port}; load {load_before}"
        )
        for step, concurrency in enumerate(levels):
            row = run_level(args.port, key, codes, concurrency, args.duration, outcome, step, meter)
            rows.append(row)
            kinds = ", ".join(f"{k}: {v}" for k, v in row["error_kinds"].items())
            print(
                f"  {concurrency:3d} clients: {row['rps']:6.1f} req/s  p50 {row['p50']:6.1f} ms  "
                f"p95 {row['p95']:6.1f} ms  errors {row['errors']}{f' ({kinds})' if kinds else ''}  "
                f"CPU/req: gunicorn {row['cpu_server']:.1f} ms, PostgreSQL {row['cpu_postgres']:.1f} ms, "
                f"client {row['cpu_client']:.1f} ms",
                flush=True,
            )
    finally:
        meter.db.close()
        server.terminate()
        server.wait(timeout=30)
    load_after = load_average()
    problems = verify(outcome)
    print(
        f"\n`bench/open311_load.py --duration {args.duration:g} --concurrency {args.concurrency} "
        f"--workers {args.workers} --threads {args.threads}` — PostgreSQL, gunicorn gthread "
        f"{args.workers}×{args.threads}, {os.cpu_count()} cores, load average {load_before} → {load_after}\n"
    )
    print(
        "| clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| CPU ms/req gunicorn | CPU ms/req PostgreSQL | CPU ms/req client |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['concurrency']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['p99']:.1f} | {r['errors']} | {r['cpu_server']:.2f} | {r['cpu_postgres']:.2f} "
            f"| {r['cpu_client']:.2f} |"
        )
    best = max(rows, key=lambda r: r["rps"])
    errors = sum(r["errors"] for r in rows)
    print(
        f"\nbest sustained: {best['rps']:.1f} req/s at {best['concurrency']} clients (target ≥ 200); "
        f"errors: {errors} (target 0); exactly-once: {'OK' if not problems else 'FAILED'}"
    )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB}")
    if problems or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()

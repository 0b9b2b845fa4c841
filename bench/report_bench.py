"""Time the annual work summary on the demo sub-district (target, issue 6: ≤ 3 s on SQLite).

Run by hand:
    .venv/bin/python bench/report_bench.py                    # builds the demo in a scratch SQLite var dir
    .venv/bin/python bench/report_bench.py --var /tmp/jd-rb    # reuse (or build once into) that var dir
    .venv/bin/python bench/report_bench.py --repeat 5 --year 2023

Nothing in var/ is touched: the scratch JIEDAO_VAR_DIR holds the database, and a random data key is used
(JIEDAO_DATA_KEY). Prints the time of rendering (every indicator of the template computed), of writing the
.docx/.md/.json, the whole `jiedao report annual` command, the missing figures, and how many of the seed's
paragraphs the rendered Markdown reproduces word for word.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "seed" / "annual-report-2023.txt"


def _setup(var_dir: str) -> None:
    os.environ["JIEDAO_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
    os.environ.pop("DATABASE_URL", None)
    key_file = Path(var_dir) / "bench-data-key"
    from jiedao.lib.crypto import generate_key, key_to_text

    if not key_file.exists():
        key_file.write_text(key_to_text(generate_key()))
    os.environ.setdefault("JIEDAO_DATA_KEY", key_file.read_text())
    import django

    django.setup()


def _build_demo_once(var_dir: str) -> None:
    marker = Path(var_dir) / "bench-demo-built"
    if marker.exists():
        return
    from django.core.management import call_command

    from jiedao.demo.builder import build

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    build(progress=lambda step: print(f"  demo: {step}", flush=True))
    marker.write_text("ok")
    print(f"demo built in {time.monotonic() - started:.1f} s")


def _best(repeat: int, work):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def _seed_paragraphs_reproduced(markdown: str) -> tuple[int, int]:
    if not SEED.exists():
        return 0, 0
    rendered = {line.lstrip("# ").strip() for line in markdown.splitlines() if line.strip()}
    # The seed is redacted: 党 printed as "D" (the summary writes 党), the office as "XX办事处" (left: those
    # lines name the street in the summary).
    text = re.sub(r"(?<![A-Za-z])D(?![A-Za-z])", "党", SEED.read_text())
    seed = [line.strip() for line in text.splitlines() if line.strip()]
    return sum(line in rendered for line in seed), len(seed)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--var", help="scratch var dir (default: a new temporary one)")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    var_dir = args.var or tempfile.mkdtemp(prefix="jiedao-report-bench-")
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    _setup(var_dir)
    _build_demo_once(var_dir)

    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from jiedao.reports.services import annual_report_files, annual_report_render

    render_s, report = _best(args.repeat, lambda: annual_report_render(year=args.year))
    files_s, files = _best(args.repeat, lambda: annual_report_files(report))
    out = tempfile.mkdtemp(prefix="jiedao-report-out-")
    command_s, _ = _best(
        args.repeat,
        lambda: call_command(
            "report", "annual", year=args.year, out=out, stdout=StringIO(), stderr=StringIO()
        ),
    )
    reproduced, seed_total = _seed_paragraphs_reproduced(files["md"].decode())
    print(f"{connection.vendor}, {args.year}: {len(report.figures)} indicators, best of {args.repeat}")
    print(f"  render (compute every figure)   {render_s:6.2f} s")
    print(f"  write .docx + .md + .json       {files_s:6.2f} s   (.docx {len(files['docx']):,} bytes)")
    print(
        f"  jiedao report annual (whole)    {command_s:6.2f} s   target ≤ 3 s: {'OK' if command_s <= 3 else 'SLOW'}"
    )
    print(f"  missing figures: {len(report.missing_codes)} {' '.join(report.missing_codes)}")
    print(f"  seed lines reproduced word for word: {reproduced}/{seed_total}")
    print(f"  output: {out}")


if __name__ == "__main__":
    main()

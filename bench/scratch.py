"""What the PostgreSQL benchmarks share: psql against the local server, and Django pointed at a scratch
database of the benchmark's own (never the developer's `jiedao`)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", HOST, "-U", "postgres", "-q", "-c", sql], check=True)


def use_database(name: str, *, var_dir: str | None = None) -> None:
    """Point Django (not yet set up) at database `name`, with var/ in `var_dir` or a new temporary one."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"postgres://postgres@{HOST}:5432/{name}"
    if var_dir is not None:
        os.environ["JIEDAO_VAR_DIR"] = var_dir
    else:
        os.environ.setdefault("JIEDAO_VAR_DIR", tempfile.mkdtemp(prefix=f"{name}-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "jiedao.settings"

#!/usr/bin/env python3
"""The two set-up commands of the README, on any machine with Python ≥ 3.11 and nothing else.

    python3 dev.py demo   # virtualenv + install + demo sub-district on SQLite + serve at http://127.0.0.1:8000
    python3 dev.py test   # virtualenv + install + the whole test suite (SQLite, or DATABASE_URL if set)

Extra arguments after `test` go to pytest (`python3 dev.py test tests/core -k login`); after `demo` they go
to `jiedao serve` (`python3 dev.py demo --port 9000`).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("JIEDAO_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_installed(extras: str) -> None:
    """Create the virtualenv and install jiedao into it, again only when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may be started by an older python3)
        sys.exit("需要 Python 3.11 或更高版本")
    if not PYTHON.exists():
        print(f"创建虚拟环境 {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".jiedao-installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("安装依赖 …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
    stamp.write_text(digest)


def run(*args: str) -> int:
    return subprocess.call([str(PYTHON), *args], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        ensure_installed("")
        code = run("-m", "jiedao.cli", "demo")
        return code or run("-m", "jiedao.cli", "serve", *rest)
    ensure_installed("test")
    return run("-m", "pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

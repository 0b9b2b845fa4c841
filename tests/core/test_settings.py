"""The settings a production server reads from its environment: with REDIS_URL, huey's queue and Django's cache
live in Redis (shared by every app server and the job consumer); without it, SQLite and files under var/."""

import json
import socket
import subprocess
import sys

import pytest

REDIS = ("127.0.0.1", 6379)
SCRIPT = """
import json, os
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
cache.set("jiedao-settings-test", {"在册": 3}, 30)
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "huey": settings.HUEY["huey_class"],
    "read_back": cache.get("jiedao-settings-test"),
}))
cache.delete("jiedao-settings-test")
"""


def _settings(tmp_path, **env) -> dict:
    environment = {
        "DJANGO_SETTINGS_MODULE": "jiedao.settings",
        "JIEDAO_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


def test_without_redis_the_cache_is_files_under_var(tmp_path):
    got = _settings(tmp_path)
    assert got["cache"].endswith("FileBasedCache") and got["huey"] == "huey.SqliteHuey"
    assert got["read_back"] == {"在册": 3}
    assert (tmp_path / "cache").is_dir()


@pytest.mark.skipif(not _redis_up(), reason="Redis 未运行（127.0.0.1:6379）")
def test_with_redis_url_the_cache_and_the_jobs_are_in_redis(tmp_path):
    got = _settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")
    assert got["cache"].endswith("RedisCache") and got["huey"] == "huey.RedisHuey"
    assert got["read_back"] == {"在册": 3}
    assert not (tmp_path / "cache").exists()

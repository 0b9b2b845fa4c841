"""Serve jiedao with gunicorn (threads, not runserver) and run the periodic jobs in a huey consumer."""

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以生产级服务器（gunicorn）启动平台，并运行定时任务"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("JIEDAO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("JIEDAO_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("JIEDAO_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("JIEDAO_THREADS", "4")))
        parser.add_argument(
            "--no-jobs", action="store_true", help="不启动定时任务进程（由单独的 run_huey 进程负责时）"
        )

    def handle(self, *args, host, port, workers, threads, no_jobs, **options):
        from gunicorn.app.base import BaseApplication

        from jiedao.wsgi import application

        if not no_jobs:
            jobs = subprocess.Popen([sys.executable, "-m", "jiedao.cli", "run_huey", "--workers", "1"])
            atexit.register(jobs.terminate)

        class Server(BaseApplication):
            def load_config(self):
                for key, value in {
                    "bind": f"{host}:{port}",
                    "workers": workers,
                    "threads": threads,
                    "worker_class": "gthread",
                    "accesslog": "-",
                    "timeout": 120,
                }.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(
            f"街道数字化平台已启动：http://{host}:{port}/  （数据库：{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}，按 Ctrl+C 停止）"
        )
        Server().run()

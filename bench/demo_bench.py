"""Time the registry demo (jiedao.registry.demo) on a scratch database and print its row counts and figures.

Run by hand: .venv/bin/python bench/demo_bench.py
  - default: a fresh SQLite file in a temporary JIEDAO_VAR_DIR (nothing in var/ is touched);
  - DATABASE_URL=postgres://… : an existing, empty database you created for the purpose (it is migrated).
A random data key is used (JIEDAO_DATA_KEY), so no key file is read or written.
"""

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    scratch = tempfile.mkdtemp(prefix="jiedao-demo-bench-")
    os.environ.setdefault("JIEDAO_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
    from jiedao.lib.crypto import generate_key, key_to_text

    os.environ.setdefault("JIEDAO_DATA_KEY", key_to_text(generate_key()))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"{connection.vendor}: migrate {time.monotonic() - started:.1f} s")

    from jiedao.core.demo import build_demo

    started = time.monotonic()
    street = build_demo().street
    print(f"areas and staff {time.monotonic() - started:.1f} s")

    from jiedao.registry.demo import build_registry_demo

    started = time.monotonic()
    build_registry_demo(street)
    print(f"registry demo {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    build_registry_demo(street)
    print(f"second call (no-op) {time.monotonic() - started:.2f} s")
    report(date(2023, 12, 31))


def report(on: date) -> None:
    from django.db.models import Count

    from jiedao.registry.models import (
        Building,
        Compound,
        Household,
        Premises,
        Resident,
        ResidentEvent,
        ResidentTag,
    )
    from jiedao.registry.selectors import age_between

    for model in (Compound, Building, Household, Resident, ResidentEvent, ResidentTag, Premises):
        history = getattr(model, "history", None)
        extra = f" (history {history.count()})" if history is not None else ""
        print(f"  {model.__name__:14} {model.objects.count():>7}{extra}")
    registered = Resident.objects.registered_on(on)
    print(f"registered on {on}: {registered.count()}")
    print("  by residence:", dict(registered.values_list("residence").annotate(n=Count("pk")).order_by()))
    print("  aged 80+:", age_between(registered, 80, 150, on).count())
    print(
        "  under 18:",
        age_between(registered, 0, 17, on).count(),
        " 60+:",
        age_between(registered, 60, 150, on).count(),
    )
    tags = ResidentTag.objects.valid_on(on).filter(resident__in=registered)
    for tag, people, households in (
        tags.values_list("tag")
        .annotate(n=Count("resident"), h=Count("resident__household", distinct=True))
        .order_by("tag")
    ):
        print(f"  tag {tag:22} {people:>5} people {households:>5} households")
    kinds = (
        Premises.objects.values_list("kind", "sub_kind").annotate(n=Count("pk")).order_by("kind", "sub_kind")
    )
    print("  premises:", [f"{k}/{s or '-'}={n}" for k, s, n in kinds])


if __name__ == "__main__":
    main()

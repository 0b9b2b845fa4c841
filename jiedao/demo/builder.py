"""The demo sub-district, domain by domain. Each domain's builder is deterministic and idempotent; this
module only orders them (it sits above every domain, like reports, and nothing imports it)."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from jiedao.core.demo import build_demo as build_areas_and_staff


@dataclass
class DemoReport:
    street_name: str
    logins: list[tuple[str, str, str]]
    steps: list[tuple[str, float]] = field(default_factory=list)  # (what, seconds)


def build(progress: Callable[[str], None] = lambda message: None) -> DemoReport:
    import time

    started = time.monotonic()
    progress("区域与工作人员")
    core = build_areas_and_staff()
    report = DemoReport(street_name=core.street.name, logins=core.logins)
    report.steps.append(("区域与工作人员", time.monotonic() - started))
    for label, step in _domain_steps():
        started = time.monotonic()
        progress(label)
        step(core.street)
        report.steps.append((label, time.monotonic() - started))
    return report


def _domain_steps() -> list[tuple[str, Callable]]:
    steps = []
    try:
        from jiedao.registry.demo import build_registry_demo
    except ImportError:  # the registry's demo is not written yet
        pass
    else:
        steps.append(("小区、楼栋、居民与场所", build_registry_demo))
    from jiedao.cases.categories import seed_categories

    steps.append(("工单分类", lambda street: seed_categories()))
    try:
        from jiedao.enterprises.demo import build_enterprise_demo
    except ImportError:
        pass
    else:
        steps.append(("企业、实地核查与招商", build_enterprise_demo))
    from jiedao.cases.demo import build_case_demo

    steps.append(("2023年工单（12345、网格、信访、调解…）", build_case_demo))
    # The ledgers (台账), targets and the annual summary: each built only once its demo module exists.
    for label, module, name in LATER_DEMOS:
        try:
            step = getattr(importlib.import_module(module), name)
        except ImportError:
            continue
        steps.append((label, step))
    return steps


LATER_DEMOS = [
    ("2023年活动与信息宣传", "jiedao.activities.demo", "build_activity_demo"),
    ("党组织、廉政档案与荣誉", "jiedao.party.demo", "build_party_demo"),
    ("项目与2024年计划", "jiedao.projects.demo", "build_project_demo"),
    ("目标任务（2023年任务与2024年计划）", "jiedao.targets.demo", "build_target_demo"),
    ("共建清单、创城整改、垃圾分类与物管会", "jiedao.cobuild.demo", "build_cobuild_demo"),
    ("志愿服务队伍与服务记录", "jiedao.volunteers.demo", "build_volunteer_demo"),
    ("2023年年度工作总结", "jiedao.reports.demo", "build_reports_demo"),
]

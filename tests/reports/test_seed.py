"""The seed report's figures as data (jiedao/reports/seed.py) and how a computed value is judged against each
kind of figure (jiedao/reports/seed_compare.verdict_of)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jiedao.registry.models.places import PremisesSubKind
from jiedao.reports.seed import FIGURES, SEED, Kind
from jiedao.reports.seed_compare import HIDDEN, MATCH, MISMATCH, NO_DATA, verdict_of

FIGURES_MD = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "figures.md"


def test_one_figure_per_code_of_figures_md():
    assert len(SEED) == len(FIGURES) == 139
    if not FIGURES_MD.exists():  # the product never reads it; the check runs where the seed is at hand
        pytest.skip("shared/seed/figures.md is not beside the repository")
    rows = re.findall(r"^\| ([a-z_]+\.[a-z0-9_]+) \| (.+?) \| (.+?) \|", FIGURES_MD.read_text("utf-8"), re.M)
    assert [(c, n, t) for c, n, t in rows] == [(f.code, f.name, f.text) for f in FIGURES]


@pytest.mark.parametrize(
    ("code", "kind", "value", "low", "high"),
    [
        ("publicity.ethnic_unity_events", Kind.AT_LEAST, "30", "30", "40"),
        ("integrity.warning_attendance", Kind.AT_LEAST, "400", "400", "500"),
        ("conscription.campaigns", Kind.AT_LEAST, "22", "22", "25"),
        ("services.residents_served", Kind.NEAR, "1000", "900", "1000"),
        ("grid.ontime_rate", Kind.AT_LEAST, "99", "99", "100"),
        ("population.total", Kind.EXACT, "66772", None, None),
        ("legacy.residential_projects", Kind.EXACT, "9", None, None),
    ],
)
def test_figures_are_parsed_from_the_reports_text(code, kind, value, low, high):
    figure = SEED[code]
    assert figure.kind == kind
    assert figure.value == Decimal(value)
    assert figure.low == (Decimal(low) if low else None)
    assert figure.high == (Decimal(high) if high else None)


def test_parts_percentages_and_hidden_amounts():
    assert SEED["religion.sites"].parts == (("基督教堂", 1), ("聚会点", 3), ("民间信仰", 1))
    assert SEED["health.special_families"].parts == (("户", 70), ("人", 100))
    assert (SEED["hotline.resolution_rate"].value, SEED["hotline.resolution_rate"].places) == (
        Decimal("90.16"),
        2,
    )
    assert (SEED["cobuild.completion_rate"].value, SEED["cobuild.completion_rate"].places) == (
        Decimal("69"),
        0,
    )
    area = SEED["plan.renovation_area"]
    assert (area.kind, area.value, area.scale, area.places) == (Kind.ROUNDED, Decimal("22.44"), 10000, 2)
    assert SEED["welfare.dibao_paid"].kind == Kind.HIDDEN
    assert "4个社区" in SEED["legacy.residential_projects"].note


@pytest.mark.parametrize(
    ("code", "value", "verdict"),
    [
        ("population.total", 66772, MATCH),
        ("population.total", 66771, MISMATCH),
        ("publicity.ethnic_unity_events", 30, MATCH),
        ("publicity.ethnic_unity_events", 36, MATCH),
        ("publicity.ethnic_unity_events", 29, MISMATCH),
        ("publicity.ethnic_unity_events", 40, MISMATCH),
        ("integrity.warning_attendance", 412, MATCH),
        ("conscription.campaigns", 23, MATCH),
        ("services.residents_served", 987, MATCH),
        ("services.residents_served", 1001, MISMATCH),
        ("services.residents_served", 850, MISMATCH),
        ("grid.ontime_rate", Decimal("99.35"), MATCH),
        ("grid.ontime_rate", Decimal("100.00"), MATCH),
        ("grid.ontime_rate", Decimal("98.99"), MISMATCH),
        ("cobuild.completion_rate", Decimal("69.47"), MATCH),
        ("cobuild.completion_rate", Decimal("69.50"), MISMATCH),
        ("hotline.resolution_rate", Decimal("90.16"), MATCH),
        ("hotline.resolution_rate", Decimal("90.17"), MISMATCH),
        ("org.post90_deputies_coverage", Decimal("100.00"), MATCH),
        ("plan.renovation_area", Decimal("224400.00"), MATCH),
        ("plan.renovation_area", Decimal("224449.99"), MATCH),
        ("plan.renovation_area", Decimal("224450.00"), MISMATCH),
        ("welfare.dibao_paid", Decimal("1234.50"), HIDDEN),
        ("welfare.dibao_paid", None, NO_DATA),
        ("hotline.satisfaction_rate", None, NO_DATA),
        ("population.total", {"a": 1}, MISMATCH),
    ],
)
def test_verdicts(code, value, verdict):
    assert verdict_of(SEED[code], value)[0] == verdict


def test_breakdowns_and_pairs_are_compared_part_by_part():
    sites = SEED["religion.sites"]
    value = {PremisesSubKind.CHURCH: 1, PremisesSubKind.MEETING_POINT: 3, PremisesSubKind.FOLK_BELIEF: 1}
    assert verdict_of(sites, value) == (MATCH, "")
    value[PremisesSubKind.MEETING_POINT] = 2
    assert verdict_of(sites, value) == (MISMATCH, "聚会点：计算值2，报告为3")
    families = SEED["health.special_families"]
    assert verdict_of(families, {"households": 70, "people": 100})[0] == MATCH
    assert verdict_of(families, {"户数": 70, "人数": 101}) == (MISMATCH, "人：计算值101，报告为100")
    assert verdict_of(families, {"h": 70, "p": 100})[0] == MATCH  # unknown keys: in the report's order


def test_a_mismatch_says_why():
    assert verdict_of(SEED["population.total"], 5)[1] == "计算值5，报告为66772"
    assert verdict_of(SEED["publicity.ethnic_unity_events"], 41)[1] == "计算值41，“30余”应不少于30且小于40"
    assert verdict_of(SEED["cobuild.completion_rate"], Decimal("70.00"))[1] == (
        "计算值70%，按报告精度为70%，报告为69%"
    )

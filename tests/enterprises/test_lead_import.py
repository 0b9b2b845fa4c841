import io
from datetime import date
from decimal import Decimal

from python_calamine import CalamineWorkbook

from jiedao.enterprises.ledgers import MSG_ENTERPRISE_UNKNOWN
from jiedao.enterprises.models import Industry, InvestmentLead, LeadSource, LeadStage
from jiedao.enterprises.services import MSG_STAGE_DATE_MISSING, lead_create
from jiedao.excel.engine import import_file
from jiedao.excel.registry import get_ledger
from jiedao.excel.services import export_ledger
from tests.enterprises.conftest import make_uscc
from tests.registry.helpers import xlsx

LEDGER = "investment_leads"
HEADER = [
    "项目名称",
    "行业门类",
    "计划投资额（万元）",
    "项目来源",
    "社区",
    "所属网格",
    "包联人账号",
    "项目阶段",
]
HEADER += ["接洽日期", "洽谈日期", "签约日期", "落地日期", "落地企业统一社会信用代码"]


def row(name, stage="接洽", dates=("2023-03-01",), uscc="", amount="1200", grid="网格A1", owner="worker_a"):
    dates = [*dates, *[""] * (4 - len(dates))]
    return [name, "批发和零售业", amount, "以商招商", "社区A", grid, owner, stage, *dates, uscc]


def run(rows, user):
    return import_file(get_ledger(LEDGER), xlsx([HEADER, *rows]), file_name="招商引资.xlsx", user=user)


def test_it_imports_leads_at_their_stage_with_their_dates(firms, world):
    job = run(
        [
            row("鑫源物流仓储项目"),
            row(
                "阳光商贸有限公司",
                stage="落地",
                dates=("2022-10-01", "2022-11-15", "2022-12-20", "2023-03-01"),
                uscc=make_uscc(1),
            ),
        ],
        world.worker_a,
    )
    assert job.succeeded, job.errors
    settled = InvestmentLead.objects.get(name="阳光商贸有限公司")
    assert (settled.stage, settled.settled_on, settled.enterprise) == (
        LeadStage.SETTLED,
        date(2023, 3, 1),
        firms["a1"],
    )
    assert (settled.amount, settled.source, settled.owner) == (
        Decimal("1200.00"),
        LeadSource.BUSINESS_REFERRAL,
        world.worker_a,
    )


def test_a_stage_without_its_dates_or_an_unknown_enterprise_is_refused(firms, world):
    job = run(
        [
            row("甲项目", stage="签约", dates=("2023-03-01",)),
            row(
                "乙项目",
                stage="落地",
                dates=("2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01"),
                uscc=make_uscc(4),
            ),
        ],
        world.worker_a,
    )
    assert job.errors == [
        [2, "洽谈日期", MSG_STAGE_DATE_MISSING.format(stage="签约", field="洽谈日期")],
        [2, "签约日期", MSG_STAGE_DATE_MISSING.format(stage="签约", field="签约日期")],
        [3, "落地企业统一社会信用代码", MSG_ENTERPRISE_UNKNOWN.format(code=make_uscc(4))],
    ]
    assert not InvestmentLead.objects.exists()


def test_the_name_identifies_a_lead_on_reimport(firms, world):
    run([row("甲项目")], world.worker_a)
    job = run(
        [row("甲项目", stage="洽谈", dates=("2023-03-01", "2023-04-01"), amount="2000")], world.worker_a
    )
    assert (job.rows_created, job.rows_updated) == (0, 1)
    lead = InvestmentLead.objects.get()
    assert (lead.stage, lead.amount, lead.version) == (LeadStage.NEGOTIATING, Decimal("2000.00"), 2)


def test_the_export_follows_the_pipeline_filter_and_masks_phones(firms, world):
    lead_create(
        name="丙项目",
        industry=Industry.TRADE,
        area=world.grid_a1,
        contacted_on=date(2023, 1, 5),
        contact_phone="13912345678",
    )
    run([row("甲项目", stage="洽谈", dates=("2023-03-01", "2023-04-01"))], world.worker_a)
    data, count = export_ledger(get_ledger(LEDGER), user=world.leader, params={"stage": "contacted"})
    assert count == 1
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[1][0] == "丙项目" and rows[1][8] == "139****5678"

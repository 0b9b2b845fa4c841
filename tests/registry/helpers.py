"""Registry fixtures and helpers (loaded for every test by tests/conftest.py): compounds and buildings in the fixed world (社区A: 阳光小区 with 1号楼 in 网格A1 and
2号楼 in 网格A2; 社区B: 河畔小区 with 1号楼 in 网格B1), and spreadsheets made in memory."""

import io

import pytest
import xlsxwriter

from jiedao.registry.services.places import building_create, compound_create


@pytest.fixture
def places(world):
    sunny = compound_create(name="阳光小区", community=world.community_a, address="海西路1号")
    river = compound_create(name="河畔小区", community=world.community_b, address="河畔路2号")
    return {
        "sunny": sunny,
        "river": river,
        "sunny_1": building_create(compound=sunny, name="1号楼", grid=world.grid_a1),
        "sunny_2": building_create(compound=sunny, name="2号楼", grid=world.grid_a2),
        "river_1": building_create(compound=river, name="1号楼", grid=world.grid_b1),
    }


def xlsx(rows: list[list]) -> bytes:
    """A workbook whose first sheet holds `rows` (the first row is the header)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


RESIDENT_HEADER = [
    "姓名",
    "身份证号码",
    "联系电话",
    "居住类型",
    "社区",
    "小区",
    "楼栋",
    "单元",
    "房号",
    "与户主关系",
]


def resident_row(
    name,
    id_number,
    phone="",
    residence="常住",
    community="社区A",
    compound="阳光小区",
    building="1号楼",
    unit="1",
    room="101",
    relation="户主",
):
    return [name, id_number, phone, residence, community, compound, building, unit, room, relation]


def make_id(birth: str = "19800101", seq: int = 1, region: str = "150103") -> str:
    """A valid resident ID number (the sequence's last digit odd: male)."""
    from jiedao.lib.idcard import resident_id_check_digit

    first17 = f"{region}{birth}{seq:03d}"
    return first17 + resident_id_check_digit(first17)

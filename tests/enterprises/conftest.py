"""Economy fixtures: valid USCCs made to order, and a few enterprises in the fixed world (社区A: one on
网格A1, one on 网格A2, one on the community itself; 社区B: one on 网格B1)."""

from datetime import date

import pytest

from jiedao.enterprises.models import Industry, Scale
from jiedao.enterprises.services import enterprise_create
from jiedao.lib.uscc import uscc_check_character


def make_uscc(seq: int = 1, entity_type: str = "1") -> str:
    """A valid 统一社会信用代码 registered in 回民区 (150103); entity type 1 企业, 2 个体工商户."""
    first17 = f"9{entity_type}150103MA{seq:07d}"
    return first17 + uscc_check_character(first17)


def bad_check(code: str) -> str:
    """The same code with a wrong check character."""
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def add_enterprise(area, seq: int, name: str, **kwargs):
    values = {
        "uscc": make_uscc(seq),
        "name": name,
        "industry": Industry.TRADE,
        "scale": Scale.SMALL,
        "area": area,
        "registered_on": date(2022, 1, 10),
    }
    return enterprise_create(**{**values, **kwargs})


@pytest.fixture
def firms(world):
    return {
        "a1": add_enterprise(world.grid_a1, 1, "阳光商贸有限公司", contact_phone="13812345678"),
        "a2": add_enterprise(world.grid_a2, 2, "金川餐饮管理有限公司", industry=Industry.HOSPITALITY),
        "a": add_enterprise(world.community_a, 3, "回民区鑫源便利店", scale=Scale.MICRO),
        "b1": add_enterprise(world.grid_b1, 4, "河畔建筑工程有限公司", industry=Industry.CONSTRUCTION),
    }

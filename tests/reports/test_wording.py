from decimal import Decimal

import pytest

from jiedao.reports.annual.wording import wording


@pytest.mark.parametrize(
    ("value", "style", "unit", "expected"),
    [
        (5036, "", "", "5036"),
        (5036, "余", "", "5000余"),
        (412, "余", "", "400余"),
        (32, "余", "", "30余"),
        (186, "余2", "", "180余"),
        (563, "余2", "", "560余"),
        (300, "余", "", "300"),  # already round: written exactly, not "300余"
        (312, "多", "", "300多"),
        (987, "近", "", "近1000"),
        (1000, "近", "", "1000"),
        (Decimal("90.16"), "", "%", "90.16%"),
        (Decimal("100.00"), "", "%", "100%"),
        (Decimal("24.29"), "", "%", "24.29%"),
        (Decimal("99.35"), "以上", "%", "99%以上"),
        (Decimal("123456.70"), "", "元", "123456.70"),
        (Decimal("27.00"), "", "吨", "27"),
        (Decimal("224400.00"), "万", "m²", "22.44万"),
        (4, "汉字", "个", "四"),
        (Decimal("100.00"), "全部", "%", "全部"),
        (Decimal("90.91"), "全部", "%", "90.91%"),
    ],
)
def test_it_words_exact_values(value, style, unit, expected):
    assert wording(value, style, unit) == expected


def test_it_refuses_an_unknown_style():
    with pytest.raises(ValueError, match="未知的写法“约”"):
        wording(5, "约")

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiedao.lib.masking import mask_generic, mask_mobile, mask_name, mask_resident_id


def test_it_masks_a_resident_id():
    assert mask_resident_id("11010519491231002X") == "110***********002X"


def test_it_masks_a_first_generation_id_the_same_way():
    assert mask_resident_id("110105491231002") == "110********1002"


def test_it_masks_a_mobile():
    assert mask_mobile("13812345678") == "138****5678"


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("张三", "张*"), ("欧阳娜娜", "欧***"), ("张", "*")]
)
def test_it_masks_names(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize("mask", [mask_resident_id, mask_mobile, mask_name])
@pytest.mark.parametrize("value", [None, ""])
def test_it_returns_empty_for_nothing(mask, value):
    assert mask(value) == ""


def test_it_masks_short_values_fully():
    assert mask_resident_id("1101051949") == "**********"
    assert mask_mobile("1381234567") == "**********"
    assert mask_generic("abcdefg", 3, 4) == "*******"


def test_it_rejects_negative_keeps():
    with pytest.raises(ValueError):
        mask_generic("abc", -1, 0)


@given(st.text(), st.integers(0, 6), st.integers(0, 6), st.integers(0, 10))
def test_it_keeps_length_and_only_the_ends(value, keep_start, keep_end, min_hidden):
    masked = mask_generic(value, keep_start, keep_end, min_hidden=min_hidden)
    assert len(masked) == len(value)
    hidden = len(value) - keep_start - keep_end
    if hidden >= max(min_hidden, 1):
        assert masked[:keep_start] == value[:keep_start]
        assert masked[len(value) - keep_end :] == value[len(value) - keep_end :]
        assert masked[keep_start : len(value) - keep_end] == "*" * hidden
    else:
        assert masked == "*" * len(value)


@given(st.text(min_size=1))
def test_it_always_hides_something(value):
    for masked in (mask_resident_id(value), mask_mobile(value), mask_name(value)):
        assert "*" in masked


@given(st.from_regex(r"\A[0-9]{17}[0-9X]\Z"))
def test_it_hides_the_birth_date_and_sequence_of_every_id(number):
    masked = mask_resident_id(number)
    assert masked == number[:3] + "*" * 11 + number[14:]


@given(st.from_regex(r"\A1[3-9][0-9]{9}\Z"))
def test_it_keeps_the_first_three_and_last_four_digits_of_every_mobile(number):
    assert mask_mobile(number) == number[:3] + "****" + number[7:]


@given(st.text(min_size=2))
def test_it_keeps_only_the_first_character_of_a_name(name):
    assert mask_name(name) == name[0] + "*" * (len(name) - 1)

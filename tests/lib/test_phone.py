import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiedao.lib import phone
from jiedao.lib.phone import PhoneError, is_valid_mobile, normalize_mobile

full_width = str.maketrans("0123456789+-", "０１２３４５６７８９＋－")
mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


def rejected(value) -> tuple[str, str]:
    with pytest.raises(PhoneError) as info:
        normalize_mobile(value)
    return info.value.code, str(info.value)


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 13812345678",
        "+86-138-1234-5678",
        "8613812345678",
        "008613812345678",
        "１３８１２３４５６７８",
        "＋８６ １３８ １２３４ ５６７８",
        "  13812345678\u3000",
        "１３８\u3000１２３４\u3000５６７８",
    ],
)
def test_it_accepts_common_ways_of_writing_a_mobile(value):
    assert normalize_mobile(value) == "13812345678"


@pytest.mark.parametrize(
    "value", ["", None, "1381234567", "138123456789", "23812345678", "1381234567a", "010-12345678"]
)
def test_it_rejects_malformed_numbers(value):
    assert rejected(value) == ("format", phone.MSG_MOBILE_FORMAT)


@pytest.mark.parametrize("value", ["10812345678", "11812345678", "12812345678"])
def test_it_rejects_unassigned_prefixes(value):
    assert rejected(value) == ("prefix", phone.MSG_MOBILE_PREFIX)


@pytest.mark.parametrize("value", ["+852 61234567", "+1 13812345678", "00852 61234567"])
def test_it_rejects_other_countries(value):
    assert rejected(value) == ("country", phone.MSG_MOBILE_COUNTRY)


def test_it_keeps_a_bare_86_that_is_not_a_country_prefix():
    assert rejected("86138123456") == ("format", phone.MSG_MOBILE_FORMAT)


def test_it_rejects_non_ascii_digits():
    assert not is_valid_mobile("١٣٨١٢٣٤٥٦٧٨")


def test_it_messages_name_the_field():
    for name in dir(phone):
        if name.startswith("MSG_MOBILE"):
            assert getattr(phone, name).startswith("手机号码"), name
    assert phone.MSG_PHONE_FORMAT.startswith("联系电话")


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("0471-6123456", "0471-6123456"),
        ("04716123456", "0471-6123456"),
        ("010 61234567", "010-61234567"),
        ("138 1234 5678", "13812345678"),
    ],
)
def test_it_accepts_mobile_or_fixed_line_numbers_as_contact_phones(typed, normalised):
    assert phone.normalize_phone(typed) == normalised


@pytest.mark.parametrize("typed", ["6123456", "0471-123", "12345678901", "电话"])
def test_it_refuses_a_contact_phone_that_is_neither(typed):
    with pytest.raises(phone.PhoneError) as exc:
        phone.normalize_phone(typed)
    assert str(exc.value) == phone.MSG_PHONE_FORMAT


@given(
    mobiles,
    st.sampled_from(["", "+86", "+86 ", "86", "0086", "+86-"]),
    st.sampled_from(["", " ", "-"]),
    st.booleans(),
)
def test_it_normalises_every_written_form(number, prefix, separator, use_full_width):
    typed = prefix + separator.join([number[:3], number[3:7], number[7:]])
    if use_full_width:
        typed = typed.translate(full_width)
    assert normalize_mobile(typed) == number


@given(st.from_regex(r"\A1[0-2][0-9]{9}\Z"))
def test_it_rejects_every_number_in_unassigned_ranges(number):
    assert rejected(number) == ("prefix", phone.MSG_MOBILE_PREFIX)


@given(mobiles, st.integers(min_value=-10, max_value=10).filter(lambda n: n != 0))
def test_it_rejects_any_other_length(number, change):
    typed = number[:change] if change < 0 else number + "5" * change
    assert not is_valid_mobile(typed)


@given(st.text(max_size=20))
def test_it_returns_only_eleven_mainland_digits(value):
    try:
        number = normalize_mobile(value)
    except PhoneError as err:
        assert str(err).startswith("手机号码")
    else:
        assert len(number) == 11 and number[0] == "1" and number[1] in "3456789" and number.isascii()

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiedao.lib import uscc
from jiedao.lib.uscc import UsccError, is_valid_uscc, normalize_uscc, uscc_check_character

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
DIGITS = "0123456789"


def check_character(first17: str) -> str:
    """Independent GB 32100 check: weights 3^i mod 31, C18 = 31 - (sum mod 31), 31 maps to 0."""
    total = sum(CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return CHARSET[(31 - total % 31) % 31]


def rejected(value) -> tuple[str, str]:
    with pytest.raises(UsccError) as info:
        normalize_uscc(value)
    return info.value.code, str(info.value)


def code_from(head: str, region: str, organisation: str) -> str:
    return head + region + organisation + check_character(head + region + organisation)


codes = st.builds(
    code_from,
    st.text(CHARSET, min_size=2, max_size=2),
    st.text(DIGITS, min_size=6, max_size=6),
    st.text(CHARSET, min_size=9, max_size=9),
)


@pytest.mark.parametrize("value", ["91110000600037341L", "91350100M000100Y43", "N2110000MA0000000J"])
def test_it_accepts_real_shapes(value):
    value = value[:17] + check_character(value[:17])
    assert normalize_uscc(value) == value


def test_it_accepts_a_known_code():
    assert normalize_uscc("91110000600037341L") == "91110000600037341L"


def test_it_normalises_case_width_and_spaces():
    assert normalize_uscc(" ９１１１００００６０００３７３４１ｌ ") == "91110000600037341L"
    assert normalize_uscc("9111 0000 6000 3734 1l") == "91110000600037341L"


@pytest.mark.parametrize("value", ["", None, "9111000060003734", "91110000600037341L0"])
def test_it_rejects_wrong_lengths(value):
    assert rejected(value) == ("length", uscc.MSG_LENGTH)


@pytest.mark.parametrize("letter", "IOZSV")
def test_it_rejects_letters_outside_the_charset(letter):
    assert rejected("911100006000373" + letter + "1L") == ("format", uscc.MSG_FORMAT)


def test_it_rejects_a_letter_in_the_region_code():
    assert rejected("9111000A600037341L") == ("region", uscc.MSG_REGION)


def test_it_rejects_a_wrong_check_character():
    assert rejected("91110000600037341M") == ("check", uscc.MSG_CHECK)


def test_it_does_not_upper_case_non_ascii_into_latin_letters():
    # "ß".upper() is "SS"; with a 17-character prefix that would otherwise change the length silently.
    assert not is_valid_uscc("9111000060003734ß")


def test_it_messages_name_the_field():
    for name in dir(uscc):
        if name.startswith("MSG_"):
            assert getattr(uscc, name).startswith("统一社会信用代码"), name


@given(codes)
def test_it_accepts_every_well_formed_code(code):
    assert normalize_uscc(code) == code
    assert normalize_uscc(code.lower()) == code


@given(st.text(CHARSET, min_size=17, max_size=17))
def test_it_agrees_with_an_independent_check(first17):
    assert uscc_check_character(first17) == check_character(first17)


@given(codes, st.integers(min_value=0, max_value=17), st.data())
def test_it_rejects_any_single_character_change(code, position, data):
    alphabet = DIGITS if 2 <= position < 8 else CHARSET
    replacement = data.draw(st.sampled_from(alphabet).filter(lambda c: c != code[position]))
    assert rejected(code[:position] + replacement + code[position + 1 :]) == ("check", uscc.MSG_CHECK)


@given(codes, st.integers(min_value=0, max_value=17), st.sampled_from("IOZSV"))
def test_it_rejects_any_forbidden_letter(code, position, letter):
    assert rejected(code[:position] + letter + code[position + 1 :]) == ("format", uscc.MSG_FORMAT)


@given(st.text(max_size=25))
def test_it_never_raises_anything_but_uscc_errors(value):
    try:
        code = normalize_uscc(value)
    except UsccError as err:
        assert str(err).startswith("统一社会信用代码")
    else:
        assert len(code) == 18 and set(code) <= set(CHARSET)

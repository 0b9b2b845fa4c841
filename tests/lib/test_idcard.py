from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jiedao.lib import idcard
from jiedao.lib.idcard import (
    IdCardError,
    is_valid_resident_id,
    normalize_resident_id,
    parse_resident_id,
    resident_id_check_digit,
)

TODAY = date(2025, 6, 1)
KNOWN_REGIONS = ["110105", "360426", "440305", "310115", "510107"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_digit(first17: str) -> str:
    """Independent GB 11643 MOD 11-2, written from the standard's weight table."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def build(region: str, birth: date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def rejected_code(value, today=TODAY) -> tuple[str, str]:
    with pytest.raises(IdCardError) as info:
        parse_resident_id(value, today=today)
    return info.value.code, str(info.value)


regions = st.one_of(st.sampled_from(KNOWN_REGIONS), st.from_regex(r"\A[0-9]{6}\Z"))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
valid_numbers = st.builds(build, regions, births, sequences)
full_width = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def test_it_accepts_the_standard_example():
    resident = parse_resident_id("11010519491231002X", today=TODAY)
    assert resident.number == "11010519491231002X"
    assert resident.birth_date == date(1949, 12, 31)
    assert resident.gender == "女"
    assert resident.region_code == "110105"
    assert resident.warnings == ()


def test_it_normalises_full_width_lowercase_x_and_spaces():
    assert normalize_resident_id("  １１０１０５１９４９１２３１００２ｘ\u3000") == "11010519491231002X"
    assert normalize_resident_id("110105 19491231 002x") == "11010519491231002X"


def test_it_reads_gender_from_the_17th_digit():
    assert parse_resident_id(build("110105", date(1990, 1, 1), 11), today=TODAY).gender == "男"
    assert parse_resident_id(build("110105", date(1990, 1, 1), 12), today=TODAY).gender == "女"


def test_it_rejects_first_generation_numbers_with_a_conversion_hint():
    code, message = rejected_code("110105491231002")
    assert code == "first_generation"
    assert message == idcard.MSG_FIRST_GENERATION
    assert "15位" in message and "18位" in message


@pytest.mark.parametrize("value", ["", None, "1101051949123100", "11010519491231002X1"])
def test_it_rejects_wrong_lengths(value):
    assert rejected_code(value) == ("length", idcard.MSG_LENGTH)


@pytest.mark.parametrize("value", ["1101051949123100XX", "11010519491231002Y", "110105194912310１A2"])
def test_it_rejects_bad_characters(value):
    assert rejected_code(value) == ("format", idcard.MSG_FORMAT)


def test_it_rejects_non_ascii_digits():
    # Arabic-Indic digits are str.isdigit() but not ID digits.
    assert rejected_code("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X") == ("format", idcard.MSG_FORMAT)


@pytest.mark.parametrize("birth", ["19490230", "19491301", "19490000", "20230229"])
def test_it_rejects_impossible_birth_dates(birth):
    first17 = f"110105{birth}002"
    assert rejected_code(first17 + check_digit(first17)) == ("birth_date", idcard.MSG_BIRTH_DATE)


def test_it_accepts_a_leap_day():
    assert parse_resident_id(build("110105", date(2000, 2, 29), 1), today=TODAY).birth_date.day == 29


def test_it_rejects_a_birth_date_after_today():
    number = build("110105", TODAY + timedelta(days=1), 1)
    assert rejected_code(number) == ("future_birth", idcard.MSG_FUTURE_BIRTH)
    assert parse_resident_id(number, today=TODAY + timedelta(days=1)).birth_date == TODAY + timedelta(days=1)


def test_it_rejects_a_birth_date_before_1900():
    assert rejected_code(build("110105", date(1899, 12, 31), 1)) == ("early_birth", idcard.MSG_EARLY_BIRTH)


def test_it_rejects_a_wrong_check_digit():
    assert rejected_code("110105194912310021") == ("check_digit", idcard.MSG_CHECK_DIGIT)


def test_it_only_warns_about_an_unknown_region():
    resident = parse_resident_id(build("999999", date(1990, 5, 5), 1), today=TODAY)
    assert resident.warnings == (idcard.WARN_REGION,)
    assert is_valid_resident_id(resident.number)


def test_it_knows_regions_created_after_the_birth_year():
    # 浦东新区 (310115) dates from 1992; people born earlier were issued numbers with it.
    assert parse_resident_id(build("310115", date(1950, 3, 3), 1), today=TODAY).warnings == ()


def test_it_warns_about_a_province_without_a_county():
    assert parse_resident_id(build("111000", date(1990, 5, 5), 1), today=TODAY).warnings == (
        idcard.WARN_REGION,
    )


def test_it_computes_age_in_completed_years():
    resident = parse_resident_id(build("110105", date(2000, 2, 29), 1), today=TODAY)
    assert resident.age_on(date(2000, 2, 29)) == 0
    assert resident.age_on(date(2018, 2, 28)) == 17
    assert resident.age_on(date(2018, 3, 1)) == 18
    assert resident.age_on(date(2020, 2, 29)) == 20
    with pytest.raises(ValueError):
        resident.age_on(date(2000, 2, 28))


def test_it_is_frozen():
    resident = parse_resident_id("11010519491231002X", today=TODAY)
    with pytest.raises(AttributeError):
        resident.number = "x"


def test_it_validates_the_check_digit_argument():
    with pytest.raises(ValueError):
        resident_id_check_digit("1101051949123100")


def test_it_messages_name_the_field():
    for name in dir(idcard):
        if name.startswith(("MSG_", "WARN_")):
            assert getattr(idcard, name).startswith("身份证号码"), name


@given(regions, births, sequences)
def test_it_accepts_every_well_formed_number(region, birth, sequence):
    number = build(region, birth, sequence)
    resident = parse_resident_id(number, today=TODAY)
    assert resident.number == number
    assert resident.birth_date == birth
    assert resident.region_code == region
    assert resident.gender == ("男" if sequence % 2 else "女")
    assert resident.warnings in ((), (idcard.WARN_REGION,))
    if region in KNOWN_REGIONS:
        assert resident.warnings == ()


@given(st.from_regex(r"\A[0-9]{17}\Z"))
def test_it_agrees_with_an_independent_check_digit(first17):
    assert resident_id_check_digit(first17) == check_digit(first17)


@given(valid_numbers, st.booleans(), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_it_normalises_the_ways_people_type_it(number, use_full_width, padding):
    typed = number.lower()
    if use_full_width:
        typed = typed.translate(full_width)
    assert normalize_resident_id(padding + typed + padding) == number


@given(valid_numbers, st.integers(min_value=0, max_value=17), st.data())
def test_it_rejects_any_single_character_change(number, position, data):
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from(alphabet).filter(lambda c: c != number[position]))
    mutated = number[:position] + replacement + number[position + 1 :]
    code, message = rejected_code(mutated)
    if 6 <= position < 14:
        # A changed birth date digit may first fail as a date.
        assert code in ("check_digit", "birth_date", "future_birth", "early_birth")
    else:
        assert (code, message) == ("check_digit", idcard.MSG_CHECK_DIGIT)


@given(valid_numbers, st.integers(min_value=0, max_value=16))
def test_it_rejects_two_swapped_neighbours_when_they_differ(number, position):
    assume(number[position] != number[position + 1] and "X" not in number[position : position + 2])
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    assert not is_valid_resident_id(swapped)


@given(st.text(max_size=30))
def test_it_never_raises_anything_but_id_card_errors(value):
    try:
        resident = parse_resident_id(value, today=TODAY)
    except IdCardError as err:
        assert str(err).startswith("身份证号码")
    else:
        assert len(resident.number) == 18


@given(births, st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_it_counts_birthdays_passed(birth, day):
    assume(day >= birth)
    resident = parse_resident_id(build("110105", birth, 1), today=TODAY)
    birthdays = 0
    while _anniversary(birth, birthdays + 1) <= day:
        birthdays += 1
    assert resident.age_on(day) == birthdays


def _anniversary(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the birthday is reached on 1 March
        return date(birth.year + years, 3, 1)

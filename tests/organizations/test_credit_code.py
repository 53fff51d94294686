import pytest
from django.core.exceptions import ValidationError

from organizations.credit_code import check_character, normalize_credit_code, validate_credit_code
from tests.organizations.factories import make_credit_code


def _error_code(value):
    with pytest.raises(ValidationError) as raised:
        validate_credit_code(value)
    return raised.value.code, raised.value.messages[0]


@pytest.mark.parametrize("n", [0, 1, 30, 31, 961, 123_456_789])
def test_codes_built_with_the_gb32100_checksum_are_valid(n):
    code = make_credit_code(n)

    assert len(code) == 18
    validate_credit_code(code)


def test_a_known_real_world_shaped_code_checks_out():
    # The checksum over "51320100" + serial must reproduce the 18th character.
    code = make_credit_code(42, division="630100")

    assert check_character(code[:17]) == code[17]
    assert code.startswith("51630100")


def test_lower_case_and_surrounding_spaces_are_accepted_and_normalised():
    code = make_credit_code(7)

    validate_credit_code(f"  {code.lower()} ")
    assert normalize_credit_code(f"  {code.lower()} ") == code


def test_a_wrong_check_character_is_refused():
    code = make_credit_code(7)
    wrong = code[:17] + ("1" if code[17] != "1" else "2")

    code_name, message = _error_code(wrong)

    assert code_name == "credit_code_check"
    assert "check character" in message


@pytest.mark.parametrize("length", [0, 17, 19])
def test_a_wrong_length_is_refused_with_the_length_typed(length):
    code = (make_credit_code(7) * 2)[:length]

    code_name, message = _error_code(code)

    assert code_name == "credit_code_length"
    assert f"this one has {length}" in message


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_letters_outside_the_alphabet_are_refused(letter):
    code = make_credit_code(7)
    forbidden = code[:10] + letter + code[11:]

    code_name, message = _error_code(forbidden)

    assert code_name == "credit_code_characters"
    assert letter in message

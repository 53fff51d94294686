import pytest

from ngo_portal.text import is_storable, normalize_code, normalize_search, to_simplified


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("５２３２０１００ＭＪ", "52320100MJ"),
        ("  ５１３２ｘ ", "5132X"),
        ("１２３", "123"),
    ],
)
def test_codes_and_numbers_are_read_in_half_width(typed, plain):
    assert normalize_code(typed) == plain


def test_search_keeps_the_full_width_punctuation_of_chinese_names():
    assert normalize_search("ＮＧＯ　基金會（南京）") == "NGO 基金會（南京）"


def test_search_drops_control_characters_and_lone_surrogates():
    assert normalize_search("养\x00老\ud800服务\x1b") == "养老服务"


def test_traditional_characters_fold_to_simplified():
    assert to_simplified("愛德基金會") == "爱德基金会"
    assert to_simplified("爱德基金会") == "爱德基金会"


@pytest.mark.parametrize("value", ["a\x00b", "\ud800", "\x07"])
def test_unstorable_text_is_recognised(value):
    assert not is_storable(value)
    assert is_storable("养老（南京）\t\n")

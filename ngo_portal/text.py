"""What people type, made comparable: full-width forms, traditional characters, stray controls.

Chinese input methods type letters and digits in full width (５２３２…, ＮＧＯ) as readily as in
half width, and a name copied from Hong Kong, Macao or Taiwan material comes in traditional
characters (基金會). Stored names are kept as typed (they are legal names, and full-width
brackets are how Chinese names are written); what we compare is folded here:

- codes, numbers, dates, phone numbers, e-mail and web addresses: NFKC, the whole value
  (５２３２ → 5232, ＡＢ → AB, １２．５ → 12.5);
- search terms: NFKC for letters, digits and spaces only (the full-width punctuation of Chinese
  names, （）、, stays as it is stored), and Chinese words also in simplified characters;
- names compared for similarity: traditional → simplified.

Every form, filter and importer that cleans these kinds of values calls these functions.
"""

import functools
import re
import unicodedata

import opencc

NUL = "\x00"
# C0 and C1 controls except tab, line feed and carriage return; lone surrogates, which no
# encoder can write and PostgreSQL refuses.
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@functools.cache
def _traditional_to_simplified() -> opencc.OpenCC:
    # t2s: OpenCC's character and phrase tables, traditional (OpenCC standard) → simplified.
    return opencc.OpenCC("t2s")


def is_storable(value: str) -> bool:
    """False for text holding NUL, another control character or a lone surrogate."""
    return not UNSTORABLE.search(value or "")


def without_unstorable(value: str) -> str:
    return UNSTORABLE.sub("", value or "")


def normalize_number(value) -> str:
    """A number, date, phone number or address as typed → its plain form: '１２．５' → '12.5',
    'ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｏｒｇ' → 'info@example.org'. NFKC, outer spaces removed."""
    return unicodedata.normalize("NFKC", str(value or "")).strip()


def normalize_code(value) -> str:
    """A code as typed → its plain form: '５２３２ ｘ' → '5232 X'. As a number, in upper case."""
    return normalize_number(value).upper()


def _narrow(character: str) -> str:
    folded = unicodedata.normalize("NFKC", character)
    if len(folded) == 1 and (folded.isascii() and folded.isalnum() or folded.isspace()):
        return folded
    return character


def to_simplified(text: str) -> str:
    """'基金會' → '基金会'; text without traditional characters comes back unchanged."""
    return _traditional_to_simplified().convert(text) if text else text


def normalize_search(query: str) -> str:
    """A search query with half-width letters and digits and no control characters:
    'ＮＧＯ　基金會' → 'NGO 基金會'. Fold its Chinese with to_simplified, and search for the
    word as typed too: OpenCC folds a few characters that simplified names keep (乾县 → 干县)."""
    return "".join(_narrow(character) for character in without_unstorable(query))

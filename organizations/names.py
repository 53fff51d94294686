"""Derived search forms of an organization's name."""

import re

from pypinyin import Style, lazy_pinyin

from ngo_portal.place_names import everyday_syllables

# Latin letters and digits inside a Chinese name ("新NGO发展中心") stay searchable as they are.
WORD = re.compile(r"[0-9A-Za-z]+")
SECOND_READING_UP_TO = 1500


def _forms(pieces: list[str]) -> list[str]:
    syllables = [word for piece in pieces for word in WORD.findall(piece)]
    if not syllables:
        return []
    return [" ".join(syllables), "".join(syllables), "".join(s[0] for s in syllables)]


def pinyin_of(name_zh: str) -> str:
    """'爱德基金会' → 'ai de ji jin hui aidejijinhui adjjh': spaced, joined and initials.

    All three forms are stored so one ILIKE finds 'ai de', 'aide' and the initials 'adjjh'.
    A place read otherwise than in everyday Chinese is stored in both readings: '单县...' is
    found as 'shanxian' (its own reading, ngo_portal/place_names.py) and as 'danxian'.
    """
    name_zh = name_zh or ""
    forms = _forms(lazy_pinyin(name_zh, style=Style.NORMAL, errors="default"))
    everyday = everyday_syllables(name_zh)
    if everyday is not None:
        extra = [form for form in _forms(everyday) if form not in forms]
        # The second reading is a convenience: a very long name keeps its own reading only, so
        # the column stays within what the directory's covering sort index can hold.
        if sum(len(form) + 1 for form in forms + extra) <= SECOND_READING_UP_TO:
            forms += extra
    return " ".join(forms).lower()

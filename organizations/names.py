"""Derived search forms of an organization's name."""

import re

from pypinyin import Style, lazy_pinyin

# Latin letters and digits inside a Chinese name ("新NGO发展中心") stay searchable as they are.
WORD = re.compile(r"[0-9A-Za-z]+")


def pinyin_of(name_zh: str) -> str:
    """'爱德基金会' → 'ai de ji jin hui aidejijinhui adjjh': spaced, joined and initials.

    All three forms are stored so one ILIKE finds 'ai de', 'aide' and the initials 'adjjh'.
    """
    pieces = lazy_pinyin(name_zh or "", style=Style.NORMAL, errors="default")
    syllables = [word for piece in pieces for word in WORD.findall(piece)]
    if not syllables:
        return ""
    spaced = " ".join(syllables)
    joined = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return f"{spaced} {joined} {initials}".lower()

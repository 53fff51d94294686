"""Derived search forms of an organization's name."""

from pypinyin import Style, lazy_pinyin


def pinyin_of(name_zh: str) -> str:
    """'爱德基金会' → 'ai de ji jin hui aidejijinhui adjjh': spaced, joined and initials.

    All three forms are stored so one ILIKE finds 'ai de', 'aide' and the initials 'adjjh'.
    """
    syllables = [s for s in lazy_pinyin(name_zh or "", style=Style.NORMAL, errors="ignore") if s]
    if not syllables:
        return ""
    spaced = " ".join(syllables)
    joined = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return f"{spaced} {joined} {initials}".lower()

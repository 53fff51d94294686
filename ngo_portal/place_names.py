"""How Chinese place names are read and spelled, where that differs from everyday Chinese.

Many place-name characters have a reading of their own (单县 is Shàn Xiàn, not Dān; 长治 is
Chángzhì, not Zhǎngzhì; 丰都 is Fēngdū, not Fēngdōu). pypinyin reads phrases from its phrase
dictionary; the place-name readings below are added to it once, on import, so every caller that
romanises a name containing one of these places reads it as the place is read. The everyday
reading is kept too: people search for 单县 as "danxian" as often as "shanxian", so the search
column indexes both (organizations/names.py).

The readings are the places' own, as 《现代汉语词典》 gives them (单 shàn 县名, 浚 xùn 县名,
洪洞 Hóngtóng...), for the divisions of GB/T 2260 that pypinyin 0.55 reads otherwise, plus a few
it reads right today whose everyday reading differs (六安, 蚌埠, 铅山, 番禺, 乐亭).
"""

import re

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Phrase → reading, tone-marked, one syllable per character.
PLACE_READINGS = {
    # 长 is Cháng in place names (长子县 alone is Zhǎngzǐ, which pypinyin already reads).
    "天长": "tiān cháng",
    "子长": "zǐ cháng",
    "弓长岭": "gōng cháng lǐng",
    "长丰": "cháng fēng",
    "长垣": "cháng yuán",
    "长宁": "cháng níng",
    "长岭": "cháng lǐng",
    "长武": "cháng wǔ",
    "长治": "cháng zhì",
    "长泰": "cháng tài",
    "长洲": "cháng zhōu",
    "长海": "cháng hǎi",
    "长清": "cháng qīng",
    "长白": "cháng bái",
    "长葛": "cháng gě",
    "长阳": "cháng yáng",
    "长顺": "cháng shùn",
    # 都 is Dū in place names.
    "三都": "sān dū",
    "丰都": "fēng dū",
    "于都": "yú dū",
    "信都": "xìn dū",
    "商都": "shāng dū",
    "宁都": "níng dū",
    "尧都": "yáo dū",
    "新都": "xīn dū",
    "昆都仑": "kūn dū lún",
    "曾都": "zēng dū",
    "望都": "wàng dū",
    "武都": "wǔ dū",
    "殷都": "yīn dū",
    "盐都": "yán dū",
    "秦都": "qín dū",
    "花都": "huā dū",
    "莲都": "lián dū",
    "襄都": "xiāng dū",
    "郫都": "pí dū",
    "都兰": "dū lán",
    "都匀": "dū yún",
    "都安": "dū ān",
    "都昌": "dū chāng",
    "魏都": "wèi dū",
    # 什 is Shí in place names.
    "乌什": "wū shí",
    "什邡": "shí fāng",
    "克什克腾": "kè shí kè téng",
    "塔什库尔干": "tǎ shí kù ěr gān",
    "康巴什": "kāng bā shí",
    "阿图什": "ā tú shí",
    # 勒 is Lè in transliterated names.
    "克孜勒苏": "kè zī lè sū",
    "尼勒克": "ní lè kè",
    "库尔勒": "kù ěr lè",
    "策勒": "cè lè",
    "锡林郭勒": "xī lín guō lè",
    "霍林郭勒": "huò lín guō lè",
    "阿勒泰": "ā lè tài",
    # One place each.
    "单县": "shàn xiàn",
    "浚县": "xùn xiàn",
    "朝阳县": "cháo yáng xiàn",
    "朝阳市": "cháo yáng shì",
    "南乐": "nán lè",
    "民乐": "mín lè",
    "召陵": "shào líng",
    "洪洞": "hóng tóng",
    "伽师": "jiā shī",
    "漯河": "luò hé",
    "荥经": "yíng jīng",
    "筠连": "jūn lián",
    "涡阳": "guō yáng",
    "繁峙": "fán shì",
    "万柏林": "wàn bǎi lín",
    "泊头": "bó tóu",
    "六合": "lù hé",
    "六安": "lù ān",
    "蚌埠": "bèng bù",
    "铅山": "yán shān",
    "番禺": "pān yú",
    "乐亭": "lào tíng",
}

# Spellings that are not the pinyin of the name: the 1978 State Council notice adopting Hanyu
# Pinyin for place names (陕西 Shaanxi, told apart from 山西 Shanxi), the 1976 rules for
# transliterating minority-language place names (《少数民族语地名汉语拼音字母音译转写法》:
# Hohhot, Urumqi, Lhasa, Xigaze, Altay...), and the English names in customary use (Hong Kong,
# Macao, Inner Mongolia, Harbin).
KNOWN_SPELLINGS = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "哈尔滨": "Harbin",
    "呼和浩特": "Hohhot",
    "乌鲁木齐": "Urumqi",
    "拉萨": "Lhasa",
    "日喀则": "Xigaze",
    "阿勒泰": "Altay",
    "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulun Buir",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "锡林郭勒": "Xilin Gol",
    "阿拉善": "Alxa",
    "吐鲁番": "Turpan",
    "克拉玛依": "Karamay",
    "和田": "Hotan",
    "阿克苏": "Aksu",
    "伊犁": "Ili",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
}


def _syllables(phrase: str, *, v_to_u: bool = False) -> list[str]:
    return lazy_pinyin(phrase, style=Style.NORMAL, v_to_u=v_to_u)


# Each character's most common reading: what people type who do not know the place's own.
EVERYDAY_READINGS = {
    phrase: [_syllables(character)[0] for character in phrase] for phrase in PLACE_READINGS
}
load_phrases_dict(
    {
        phrase: [[syllable] for syllable in reading.split()]
        for phrase, reading in PLACE_READINGS.items()
    }
)
# Longest first, so 弓长岭 wins over 长岭.
PLACE_PHRASE = re.compile("|".join(sorted(PLACE_READINGS, key=len, reverse=True)))


def place_syllables(text: str) -> list[str]:
    """'朝阳区' → ['chao', 'yang', 'qu']: one syllable per Chinese character, place readings
    first; ü written as ü (绿春 Lüchun)."""
    return _syllables(text, v_to_u=True)


def everyday_syllables(text: str) -> list[str] | None:
    """The syllables of `text` with its place names read as in everyday Chinese ('单县' →
    ['dan', 'xian']), ü written as v like pypinyin's plain style; None when `text` holds no place name read differently."""
    if not PLACE_PHRASE.search(text):
        return None
    syllables: list[str] = []
    position = 0
    for match in PLACE_PHRASE.finditer(text):
        if match.start() > position:
            syllables += _syllables(text[position : match.start()])
        syllables += EVERYDAY_READINGS[match.group()]
        position = match.end()
    if position < len(text):
        syllables += _syllables(text[position:])
    return syllables

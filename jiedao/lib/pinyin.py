"""拼音首字母 of Chinese names, for search boxes ("zs" finds 张三).

Built once from pypinyin's character dictionary into a code point → letter table, so a bulk import pays one
dict lookup per character instead of pypinyin's phrase segmentation. Polyphonic characters take their most
common reading; surname readings (单 shàn, 曾 zēng …) are corrected for the first character.
"""

import functools
import unicodedata

# Surnames whose reading differs from the character's most common one.
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "朴": "p",
    "查": "z",
    "区": "o",
    "尉": "y",
    "覃": "q",
}


@functools.cache
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code, readings in pinyin_dict.items():
        first = unicodedata.normalize("NFD", readings.split(",")[0])[:1].lower()
        if first.isascii() and first.isalpha():
            table[code] = first
    return table


def initials(name: str) -> str:
    """Lower-case initials; ASCII letters and digits are kept, other characters dropped."""
    if not name:
        return ""
    table = _table()
    letters = []
    for position, char in enumerate(name):
        if position == 0 and char in SURNAME_INITIALS:
            letters.append(SURNAME_INITIALS[char])
        elif char.isascii():
            if char.isalnum():
                letters.append(char.lower())
        else:
            letter = table.get(ord(char))
            if letter:
                letters.append(letter)
    return "".join(letters)

"""Normalisation of what people type into identifier fields.

Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, －, …) becomes half-width, the ideographic space (U+3000) and the
no-break space become plain spaces, surrounding whitespace is stripped, and characters the caller names in
`drop` are removed everywhere; `upper=True` upper-cases ASCII letters only (so "ß" or "ﬀ" cannot grow
into extra Latin letters). Deliberately narrower than NFKC: only width is folded, so a stray "①" or "²"
stays and is rejected by the caller instead of silently turning into a digit.
"""

_FULL_WIDTH_OFFSET = 0xFF01 - 0x21
_WIDTH_TABLE = {code: code - _FULL_WIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: ord(" "), 0x00A0: ord(" ")})
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalize_text(value: object, *, drop: str = "", upper: bool = False) -> str:
    """Half-width, stripped text; None becomes "". Every character in `drop` (e.g. " -") is removed."""
    if value is None:
        return ""
    text = str(value).translate(_WIDTH_TABLE).strip()
    for char in drop:
        text = text.replace(char, "")
    return text.translate(_ASCII_UPPER) if upper else text

"""Masking of personal identifiers for display (lists, exports, logs).

Length is always preserved. A value too short to keep its ends while hiding enough is masked fully: a
malformed value must not leak more than a well-formed one.
"""

MASK = "*"


def mask_generic(value: object, keep_start: int, keep_end: int, *, min_hidden: int = 1) -> str:
    """Keep the first `keep_start` and last `keep_end` characters and mask the rest.

    Masks everything if fewer than `min_hidden` (at least one) characters would be hidden.
    """
    if keep_start < 0 or keep_end < 0:
        raise ValueError("keep_start and keep_end must not be negative")
    if value is None:
        return ""
    text = str(value)
    hidden = len(text) - keep_start - keep_end
    if hidden < max(min_hidden, 1):
        return MASK * len(text)
    return text[:keep_start] + MASK * hidden + text[len(text) - keep_end :]


def mask_resident_id(value: object) -> str:
    """Keep the first 3 and last 4: 11010519491231002X -> 110***********002X. The birth date is hidden."""
    return mask_generic(value, 3, 4, min_hidden=8)


def mask_mobile(value: object) -> str:
    """Keep the first 3 and last 4: 13812345678 -> 138****5678."""
    return mask_generic(value, 3, 4, min_hidden=4)


def mask_name(value: object) -> str:
    """Keep the surname's first character: 张三丰 -> 张**; a one-character name is masked fully."""
    return mask_generic(value, 1, 0)

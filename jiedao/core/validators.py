"""Django field validators over jiedao.lib: the lib's Chinese message and code become a ValidationError.

Usage: `models.CharField("身份证号码", max_length=18, validators=[validate_resident_id])`. They validate
only; store the canonical form by calling the lib's normalize_* in the service that writes.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.lib.idcard import IdCardError, parse_resident_id
from jiedao.lib.phone import PhoneError, normalize_mobile
from jiedao.lib.uscc import UsccError, normalize_uscc


def validate_resident_id(value) -> None:
    # "Today" in the project's time zone, not the server's: a birth at 00:30 Beijing time is not future.
    today = timezone.localdate() if settings.USE_TZ else date.today()
    try:
        parse_resident_id(value, today=today)
    except IdCardError as err:
        raise ValidationError(str(err), code=err.code) from err


def validate_uscc(value) -> None:
    try:
        normalize_uscc(value)
    except UsccError as err:
        raise ValidationError(str(err), code=err.code) from err


def validate_mobile(value) -> None:
    try:
        normalize_mobile(value)
    except PhoneError as err:
        raise ValidationError(str(err), code=err.code) from err

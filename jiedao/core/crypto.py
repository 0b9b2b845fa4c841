"""The installation's data cipher, and protecting resident ID and mobile numbers with it.

Environment variables:
  JIEDAO_DATA_KEY       the master key, URL-safe base64 of 32 bytes (default: generated once into
                        var/data.key). In production set it from a secret store and back it up apart from
                        the database: a backup holding both is not encrypted at rest, and without the key
                        the data is lost.
  JIEDAO_DATA_KEY_ID    the current key's id, 0-255 (default 1); stored in every token.
  JIEDAO_DATA_KEYS_OLD  keys being rotated out, "id:base64,id:base64", so their tokens still decrypt.
"""

import contextlib
import functools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

from jiedao.lib.crypto import (
    MSG_KEY_ID,
    DataCipher,
    KeyFormatError,
    generate_key,
    key_from_text,
    key_to_text,
)
from jiedao.lib.idcard import IdCardError, normalize_resident_id
from jiedao.lib.masking import mask_mobile, mask_resident_id
from jiedao.lib.phone import PhoneError, normalize_mobile, normalize_phone

PURPOSE_RESIDENT_ID = "resident_id"
PURPOSE_MOBILE = "mobile"
PURPOSE_PHONE = "phone"  # mobile or fixed line (premises and enterprise contacts)
KEY_FILE_NAME = "data.key"

MSG_SETTING = "{name}：{reason}"
MSG_OLD_KEY_ENTRY = "每项应为“编号:密钥”，以英文逗号分隔"


@dataclass(frozen=True, slots=True)
class ProtectedValue:
    """What a record stores for one identifier; `normalized` is the plain value and stays out of repr()."""

    normalized: str = field(repr=False)
    cipher: bytes
    index: str
    masked: str


@functools.cache
def get_cipher() -> DataCipher:
    """The process-wide cipher, built on first use from the environment or var/data.key."""
    key_id = _key_id("JIEDAO_DATA_KEY_ID", os.environ.get("JIEDAO_DATA_KEY_ID", "1"))
    env_key = os.environ.get("JIEDAO_DATA_KEY", "").strip()
    key = _env_key("JIEDAO_DATA_KEY", env_key) if env_key else _read_or_create_key_file()
    old_keys = _old_keys(os.environ.get("JIEDAO_DATA_KEYS_OLD", ""))
    try:
        return DataCipher(key, key_id=key_id, old_keys=old_keys)
    except KeyFormatError as err:  # an old key reusing the current id
        raise ImproperlyConfigured(MSG_SETTING.format(name="JIEDAO_DATA_KEYS_OLD", reason=err)) from None


def reset_cipher() -> None:
    """Forget the cached cipher, so the next get_cipher() reads the environment and key file again."""
    get_cipher.cache_clear()


def protect_resident_id(raw: str) -> ProtectedValue:
    """Normalise and validate (IdCardError propagates), encrypt, index and mask a resident ID number."""
    number = normalize_resident_id(raw)
    return _protect(number, PURPOSE_RESIDENT_ID, mask_resident_id(number))


def protect_mobile(raw: str) -> ProtectedValue:
    """Normalise and validate (PhoneError propagates), encrypt, index and mask a mobile number."""
    number = normalize_mobile(raw)
    return _protect(number, PURPOSE_MOBILE, mask_mobile(number))


def protect_contact_phone(raw: str) -> ProtectedValue:
    """A contact number, mobile or fixed line (premises operators, enterprise contacts, case reporters);
    PhoneError propagates. Fixed lines are masked on their last four digits."""
    number = normalize_phone(raw)
    masked = mask_mobile(number) if "-" not in number else number[:-4] + "****"
    return _protect(number, PURPOSE_PHONE, masked)


def phone_columns(raw: str | None, *, prefix: str, field: str) -> dict:
    """The three stored columns `<prefix>_cipher`, `_index`, `_masked` of a contact phone; empty input
    clears them. An invalid number raises ValidationError keyed by `field` (the form field's name)."""
    if not raw:
        return {f"{prefix}_cipher": None, f"{prefix}_index": "", f"{prefix}_masked": ""}
    try:
        protected = protect_contact_phone(raw)
    except PhoneError as exc:
        raise ValidationError({field: str(exc)}) from None
    return {
        f"{prefix}_cipher": protected.cipher,
        f"{prefix}_index": protected.index,
        f"{prefix}_masked": protected.masked,
    }


def resident_id_index(raw: str) -> str | None:
    """The blind index of what a user typed into a search box, or None if it is not a valid ID number."""
    try:
        number = normalize_resident_id(raw)
    except IdCardError:
        return None
    return get_cipher().blind_index(number, purpose=PURPOSE_RESIDENT_ID)


def mobile_index(raw: str) -> str | None:
    """The blind index of what a user typed into a search box, or None if it is not a valid mobile number."""
    try:
        number = normalize_mobile(raw)
    except PhoneError:
        return None
    return get_cipher().blind_index(number, purpose=PURPOSE_MOBILE)


def reveal(cipher: bytes, *, purpose: str) -> str:
    """The plain value. Checks no permission and writes no audit row: the calling service must do both."""
    return get_cipher().decrypt(cipher, purpose=purpose)


def _protect(number: str, purpose: str, masked: str) -> ProtectedValue:
    cipher = get_cipher()
    return ProtectedValue(
        normalized=number,
        cipher=cipher.encrypt(number, purpose=purpose),
        index=cipher.blind_index(number, purpose=purpose),
        masked=masked,
    )


def _read_or_create_key_file() -> bytes:
    """The key in VAR_DIR/data.key, created on first use with 0600 permissions."""
    path = Path(settings.VAR_DIR) / KEY_FILE_NAME
    if not path.exists():
        _publish_new_key(path)
    try:
        return key_from_text(path.read_text())
    except KeyFormatError as err:
        raise ImproperlyConfigured(MSG_SETTING.format(name=path, reason=err)) from None


def _publish_new_key(path: Path) -> None:
    # Written to a temporary file and hard-linked into place, so a process starting at the same moment
    # never reads a half-written key, and only one of two racing processes' keys is ever used.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".data.key.")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(key_to_text(generate_key()) + "\n")
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):  # another process won the race: use its key
            os.link(tmp_name, path)
    finally:
        os.unlink(tmp_name)


def _env_key(name: str, text: str) -> bytes:
    try:
        return key_from_text(text)
    except KeyFormatError as err:
        raise ImproperlyConfigured(MSG_SETTING.format(name=name, reason=err)) from None


def _key_id(name: str, text: str) -> int:
    try:
        key_id = int(text)
    except ValueError:
        key_id = -1
    if not 0 <= key_id <= 255:
        raise ImproperlyConfigured(MSG_SETTING.format(name=name, reason=MSG_KEY_ID))
    return key_id


def _old_keys(text: str) -> dict[int, bytes]:
    old_keys = {}
    for entry in filter(None, (part.strip() for part in text.split(","))):
        key_id_text, sep, key_text = entry.partition(":")
        if not sep:
            raise ImproperlyConfigured(
                MSG_SETTING.format(name="JIEDAO_DATA_KEYS_OLD", reason=MSG_OLD_KEY_ENTRY)
            )
        old_keys[_key_id("JIEDAO_DATA_KEYS_OLD", key_id_text.strip())] = _env_key(
            "JIEDAO_DATA_KEYS_OLD", key_text
        )
    return old_keys

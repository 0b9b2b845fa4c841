"""Encryption at rest and blind indexes for personal identifiers (DESIGN.md "Personal data").

A master key (32 bytes) never touches data directly: HKDF-SHA256 derives from it one AES-256-GCM key for
encryption and one HMAC-SHA256 key for blind indexes, so neither use can weaken the other.

Token format (bytes, stored as-is in a binary column):

    version (1 byte, = 1) | key id (1 byte) | nonce (12 random bytes) | ciphertext + 16-byte GCM tag

The purpose ("resident_id", "mobile", …) is the GCM associated data: a token copied into another column does
not decrypt. The key id lets old tokens decrypt after the master key is rotated (pass the old keys by id).

Nonces are random, so one key should encrypt fewer than 2**32 values (NIST SP 800-38D): far beyond a
street's needs, and rotation resets the count.

This is the hot path of bulk imports (100,000 residents × 2 fields in a ~3 s budget), hence the reused AESGCM
object, the precomputed HMAC state per purpose and the *_many loops; see bench/crypto_bench.py.
"""

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MSG_DECRYPT = "加密数据无法解密（密钥不匹配或数据已损坏）"
MSG_KEY_FORMAT = "数据加密密钥格式错误：应为32字节密钥的URL安全Base64编码（44个字符）"
MSG_KEY_ID = "数据加密密钥编号应为0至255之间的整数"
MSG_KEY_ID_CLASH = "旧数据加密密钥的编号{key_id}与当前密钥相同"

KEY_BYTES = 32
VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 2
INDEX_HEX_CHARS = 32

_ENCRYPTION_INFO = b"jiedao data v1: aes-256-gcm"
_INDEX_INFO = b"jiedao data v1: hmac-sha256 blind index"
_MIN_TOKEN_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES
_BASE64_URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


class DecryptionError(ValueError):
    """A token that cannot be decrypted: wrong key, wrong purpose, unknown format or tampered bytes."""

    def __init__(self, message: str = MSG_DECRYPT):
        super().__init__(message)


class KeyFormatError(ValueError):
    """A master key of the wrong length or encoding; `str(err)` is the Chinese message."""


def generate_key() -> bytes:
    """A new random master key."""
    return os.urandom(KEY_BYTES)


def key_to_text(key: bytes) -> str:
    """The key as URL-safe base64 (44 characters), the form used in the environment and the key file."""
    _check_key(key)
    return base64.urlsafe_b64encode(key).decode("ascii")


def key_from_text(text: str) -> bytes:
    """The key from its URL-safe base64 text (padding optional); raises KeyFormatError."""
    text = text.strip()
    if not _BASE64_URL.fullmatch(text):
        raise KeyFormatError(MSG_KEY_FORMAT)
    unpadded = text.rstrip("=")
    try:
        key = base64.urlsafe_b64decode(unpadded + "=" * (-len(unpadded) % 4))
    except binascii.Error:
        raise KeyFormatError(MSG_KEY_FORMAT) from None
    _check_key(key)
    return key


class DataCipher:
    """Encrypts, decrypts and blind-indexes values with one current master key and any older ones.

    Tokens are always written with the current key; any key (current or old) decrypts the tokens bearing
    its id. Blind indexes use the current key only, so rotating the key means re-encrypting and re-indexing
    every row (decrypt with the old key, encrypt and index with the new one) before dropping the old key.
    """

    def __init__(self, key: bytes, *, key_id: int = 1, old_keys: Mapping[int, bytes] | None = None):
        _check_key_id(key_id)
        self.key_id = key_id
        self._header = bytes((VERSION, key_id))
        self._aead = {key_id: AESGCM(_derive(key, _ENCRYPTION_INFO))}
        for old_id, old_key in (old_keys or {}).items():
            _check_key_id(old_id)
            if old_id == key_id:
                raise KeyFormatError(MSG_KEY_ID_CLASH.format(key_id=old_id))
            self._aead[old_id] = AESGCM(_derive(old_key, _ENCRYPTION_INFO))
        self._current_aead = self._aead[key_id]
        self._index_key = _derive(key, _INDEX_INFO)
        # Per purpose: the HMAC state after absorbing "purpose\0", copied for each value.
        self._index_states: dict[str, hmac.HMAC] = {}

    def encrypt(self, plaintext: str, *, purpose: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return self._header + nonce + self._current_aead.encrypt(nonce, plaintext.encode(), _aad(purpose))

    def decrypt(self, token: bytes | bytearray | memoryview, *, purpose: str) -> str:
        """The plaintext; raises DecryptionError for any token this cipher cannot open."""
        token = bytes(token)  # PostgreSQL drivers hand binary columns back as memoryview
        if len(token) < _MIN_TOKEN_BYTES or token[0] != VERSION or token[1] not in self._aead:
            raise DecryptionError
        nonce = token[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        try:
            data = self._aead[token[1]].decrypt(nonce, token[HEADER_BYTES + NONCE_BYTES :], _aad(purpose))
            return data.decode()
        except (InvalidTag, UnicodeDecodeError):
            raise DecryptionError from None

    def blind_index(self, normalized_value: str, *, purpose: str) -> str:
        """Hex HMAC-SHA256 of "purpose\\0value", truncated to 128 bits; the caller normalises first.

        128 bits suffice for equality lookup: the chance of any collision among a billion values is about
        1e-21, and guessing needs the key, not a shorter or longer tag. Half the width of the full digest keeps
        the indexed column (CHAR(32)) and its B-tree small. ID and mobile numbers are few enough to enumerate,
        so the index is only as secret as the key: keep the key away from the database and its backups.
        """
        state = self._index_state(purpose).copy()
        state.update(normalized_value.encode())
        return state.hexdigest()[:INDEX_HEX_CHARS]

    def encrypt_many(self, values: Iterable[str | None], *, purpose: str) -> list[bytes | None]:
        """encrypt() over many values; None and "" stay None."""
        values = list(values)
        # One urandom call for all nonces: a third cheaper per value than one call each.
        nonces = os.urandom(NONCE_BYTES * len(values))
        encrypt, header, aad = self._current_aead.encrypt, self._header, _aad(purpose)
        tokens: list[bytes | None] = []
        append = tokens.append
        start = 0
        for value in values:
            if value:
                nonce = nonces[start : start + NONCE_BYTES]
                append(header + nonce + encrypt(nonce, value.encode(), aad))
            else:
                append(None)
            start += NONCE_BYTES
        return tokens

    def blind_index_many(self, values: Iterable[str | None], *, purpose: str) -> list[str | None]:
        """blind_index() over many values; None and "" stay None."""
        copy = self._index_state(purpose).copy
        indexes: list[str | None] = []
        append = indexes.append
        for value in values:
            if value:
                state = copy()
                state.update(value.encode())
                append(state.hexdigest()[:INDEX_HEX_CHARS])
            else:
                append(None)
        return indexes

    def _index_state(self, purpose: str) -> hmac.HMAC:
        state = self._index_states.get(purpose)
        if state is None:
            state = hmac.new(self._index_key, _aad(purpose) + b"\x00", digestmod=hashlib.sha256)
            self._index_states[purpose] = state
        return state


def _aad(purpose: str) -> bytes:
    # A NUL inside the purpose would make "a\0b" + "c" and "a" + "b\0c" hash alike in the blind index.
    if not purpose or "\x00" in purpose:
        raise ValueError("purpose must be non-empty text without NUL characters")
    return purpose.encode()


def _derive(key: bytes, info: bytes) -> bytes:
    _check_key(key)
    return HKDF(algorithm=SHA256(), length=KEY_BYTES, salt=None, info=info).derive(key)


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise KeyFormatError(MSG_KEY_FORMAT)


def _check_key_id(key_id: int) -> None:
    if not isinstance(key_id, int) or isinstance(key_id, bool) or not 0 <= key_id <= 255:
        raise KeyFormatError(MSG_KEY_ID)

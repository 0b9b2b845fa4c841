import hashlib
import hmac

import pytest
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import given
from hypothesis import strategies as st

from jiedao.lib.crypto import (
    MSG_DECRYPT,
    MSG_KEY_FORMAT,
    DataCipher,
    DecryptionError,
    KeyFormatError,
    generate_key,
    key_from_text,
    key_to_text,
)

KEY = bytes(range(32))
OLD_KEY = bytes(range(100, 132))
ID_NUMBER = "11010519491231002X"
CIPHER = DataCipher(KEY)


def flip(token: bytes, position: int) -> bytes:
    return token[:position] + bytes([token[position] ^ 1]) + token[position + 1 :]


def test_it_round_trips():
    assert (
        CIPHER.decrypt(CIPHER.encrypt(ID_NUMBER, purpose="resident_id"), purpose="resident_id") == ID_NUMBER
    )


def test_it_writes_version_key_id_and_a_fresh_nonce():
    first = DataCipher(KEY, key_id=7).encrypt(ID_NUMBER, purpose="resident_id")
    second = DataCipher(KEY, key_id=7).encrypt(ID_NUMBER, purpose="resident_id")
    assert first[:2] == b"\x01\x07"
    assert len(first) == 2 + 12 + len(ID_NUMBER) + 16
    assert first[2:14] != second[2:14]
    assert first != second


def test_it_binds_the_purpose():
    token = CIPHER.encrypt("13812345678", purpose="mobile")
    with pytest.raises(DecryptionError) as exc:
        CIPHER.decrypt(token, purpose="resident_id")
    assert str(exc.value) == MSG_DECRYPT == "加密数据无法解密（密钥不匹配或数据已损坏）"


@pytest.mark.parametrize("position", [0, 1, 2, 13, 14, -1])
def test_it_rejects_a_tampered_token(position):
    token = CIPHER.encrypt(ID_NUMBER, purpose="resident_id")
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(flip(token, position % len(token)), purpose="resident_id")


@pytest.mark.parametrize("token", [b"", b"\x01\x01", b"\x01\x01" + bytes(27)])
def test_it_rejects_a_truncated_token(token):
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(token, purpose="resident_id")


def test_it_rejects_another_key():
    token = CIPHER.encrypt(ID_NUMBER, purpose="resident_id")
    with pytest.raises(DecryptionError):
        DataCipher(OLD_KEY).decrypt(token, purpose="resident_id")


def test_it_accepts_a_memoryview_as_postgresql_returns_it():
    token = CIPHER.encrypt(ID_NUMBER, purpose="resident_id")
    assert CIPHER.decrypt(memoryview(token), purpose="resident_id") == ID_NUMBER


def test_it_decrypts_tokens_of_an_old_key_after_rotation():
    old_token = DataCipher(OLD_KEY, key_id=1).encrypt(ID_NUMBER, purpose="resident_id")
    rotated = DataCipher(KEY, key_id=2, old_keys={1: OLD_KEY})
    assert rotated.decrypt(old_token, purpose="resident_id") == ID_NUMBER
    new_token = rotated.encrypt(ID_NUMBER, purpose="resident_id")
    assert new_token[1] == 2
    assert rotated.decrypt(new_token, purpose="resident_id") == ID_NUMBER
    with pytest.raises(DecryptionError):
        DataCipher(KEY, key_id=2).decrypt(old_token, purpose="resident_id")


def test_it_refuses_an_old_key_with_the_current_id():
    with pytest.raises(KeyFormatError):
        DataCipher(KEY, key_id=1, old_keys={1: OLD_KEY})


@pytest.mark.parametrize("key_id", [-1, 256, True])
def test_it_refuses_a_key_id_outside_one_byte(key_id):
    with pytest.raises(KeyFormatError):
        DataCipher(KEY, key_id=key_id)


def test_it_indexes_deterministically_per_key_and_purpose():
    index = CIPHER.blind_index(ID_NUMBER, purpose="resident_id")
    assert len(index) == 32
    assert index == DataCipher(KEY).blind_index(ID_NUMBER, purpose="resident_id")
    assert index != DataCipher(OLD_KEY).blind_index(ID_NUMBER, purpose="resident_id")
    assert index != CIPHER.blind_index(ID_NUMBER, purpose="mobile")
    assert index != CIPHER.blind_index(ID_NUMBER.lower(), purpose="resident_id")


def test_it_indexes_with_a_derived_key_and_never_the_master_key():
    # An independent computation of the documented construction pins the stored indexes to it.
    index_key = HKDF(
        algorithm=SHA256(), length=32, salt=None, info=b"jiedao data v1: hmac-sha256 blind index"
    ).derive(KEY)
    message = b"resident_id\x00" + ID_NUMBER.encode()
    expected = hmac.new(index_key, message, hashlib.sha256).hexdigest()[:32]
    assert CIPHER.blind_index(ID_NUMBER, purpose="resident_id") == expected
    assert expected != hmac.new(KEY, message, hashlib.sha256).hexdigest()[:32]


def test_it_keeps_purpose_and_value_apart_in_the_index():
    with pytest.raises(ValueError):
        CIPHER.blind_index("b", purpose="a\x00")
    with pytest.raises(ValueError):
        CIPHER.encrypt("b", purpose="")


def test_it_encrypts_and_indexes_many_like_one_at_a_time():
    values = [ID_NUMBER, None, "", "110105194912310029"]
    tokens = CIPHER.encrypt_many(values, purpose="resident_id")
    assert tokens[1:3] == [None, None]
    assert [CIPHER.decrypt(t, purpose="resident_id") for t in (tokens[0], tokens[3])] == [
        values[0],
        values[3],
    ]
    assert tokens[0][2:14] != tokens[3][2:14]
    assert CIPHER.blind_index_many(iter(values), purpose="resident_id") == [
        CIPHER.blind_index(values[0], purpose="resident_id"),
        None,
        None,
        CIPHER.blind_index(values[3], purpose="resident_id"),
    ]


def test_it_round_trips_a_key_through_text():
    key = generate_key()
    assert len(key) == 32
    assert generate_key() != key
    text = key_to_text(key)
    assert len(text) == 44
    assert key_from_text(text) == key
    assert key_from_text(f" {text.rstrip('=')}\n") == key


@pytest.mark.parametrize(
    "text", ["", "c2hvcnQ=", key_to_text(KEY) + "AAAA", key_to_text(KEY).replace("A", "+", 1), "密钥"]
)
def test_it_rejects_a_malformed_key_text(text):
    with pytest.raises(KeyFormatError) as exc:
        key_from_text(text)
    assert str(exc.value) == MSG_KEY_FORMAT


def test_it_rejects_a_short_key():
    with pytest.raises(KeyFormatError):
        DataCipher(b"0" * 16)


@given(st.text(), st.sampled_from(["resident_id", "mobile", "名称"]))
def test_it_round_trips_any_text(plaintext, purpose):
    token = CIPHER.encrypt(plaintext, purpose=purpose)
    assert CIPHER.decrypt(token, purpose=purpose) == plaintext
    [many] = CIPHER.encrypt_many([plaintext], purpose=purpose)
    if plaintext:
        assert CIPHER.decrypt(many, purpose=purpose) == plaintext
    else:
        assert many is None

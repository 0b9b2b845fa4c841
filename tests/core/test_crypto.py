import pytest
from django.core.exceptions import ImproperlyConfigured

from jiedao.core.crypto import (
    PURPOSE_MOBILE,
    PURPOSE_RESIDENT_ID,
    get_cipher,
    mobile_index,
    protect_mobile,
    protect_resident_id,
    reset_cipher,
    resident_id_index,
    reveal,
)
from jiedao.lib.crypto import DataCipher, DecryptionError, key_to_text
from jiedao.lib.idcard import IdCardError
from jiedao.lib.phone import PhoneError

ENV_KEY = bytes(range(32))
OLD_KEY = bytes(range(50, 82))
ID_NUMBER = "11010519491231002X"


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path, monkeypatch):
    for name in ("JIEDAO_DATA_KEY", "JIEDAO_DATA_KEY_ID", "JIEDAO_DATA_KEYS_OLD"):
        monkeypatch.delenv(name, raising=False)
    settings.VAR_DIR = tmp_path
    reset_cipher()
    yield tmp_path
    reset_cipher()


def test_it_creates_the_key_file_private_and_reuses_it(var_dir):
    token = get_cipher().encrypt(ID_NUMBER, purpose=PURPOSE_RESIDENT_ID)
    key_file = var_dir / "data.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in var_dir.iterdir()] == ["data.key"]
    text = key_file.read_text()
    reset_cipher()
    assert reveal(token, purpose=PURPOSE_RESIDENT_ID) == ID_NUMBER
    assert key_file.read_text() == text


def test_it_caches_one_cipher_per_process():
    assert get_cipher() is get_cipher()


def test_it_prefers_the_environment_key_to_the_file(var_dir, monkeypatch):
    get_cipher()
    reset_cipher()
    monkeypatch.setenv("JIEDAO_DATA_KEY", key_to_text(ENV_KEY))
    token = get_cipher().encrypt(ID_NUMBER, purpose=PURPOSE_RESIDENT_ID)
    assert DataCipher(ENV_KEY).decrypt(token, purpose=PURPOSE_RESIDENT_ID) == ID_NUMBER


def test_it_creates_no_key_file_when_the_environment_has_the_key(var_dir, monkeypatch):
    monkeypatch.setenv("JIEDAO_DATA_KEY", key_to_text(ENV_KEY))
    get_cipher()
    assert not (var_dir / "data.key").exists()


def test_it_explains_a_bad_environment_key(monkeypatch):
    monkeypatch.setenv("JIEDAO_DATA_KEY", "not-a-key")
    with pytest.raises(ImproperlyConfigured) as exc:
        get_cipher()
    assert str(exc.value) == (
        "JIEDAO_DATA_KEY：数据加密密钥格式错误：应为32字节密钥的URL安全Base64编码（44个字符）"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("JIEDAO_DATA_KEY_ID", "256"), ("JIEDAO_DATA_KEY_ID", "一"), ("JIEDAO_DATA_KEYS_OLD", "no-colon")],
)
def test_it_explains_bad_rotation_settings(monkeypatch, name, value):
    monkeypatch.setenv("JIEDAO_DATA_KEY", key_to_text(ENV_KEY))
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as exc:
        get_cipher()
    assert str(exc.value).startswith(f"{name}：")


def test_it_decrypts_old_tokens_during_a_rotation(monkeypatch):
    old_token = DataCipher(OLD_KEY, key_id=1).encrypt(ID_NUMBER, purpose=PURPOSE_RESIDENT_ID)
    monkeypatch.setenv("JIEDAO_DATA_KEY", key_to_text(ENV_KEY))
    monkeypatch.setenv("JIEDAO_DATA_KEY_ID", "2")
    monkeypatch.setenv("JIEDAO_DATA_KEYS_OLD", f"1:{key_to_text(OLD_KEY)}")
    assert reveal(old_token, purpose=PURPOSE_RESIDENT_ID) == ID_NUMBER
    assert protect_resident_id(ID_NUMBER).cipher[1] == 2


def test_it_protects_a_resident_id():
    protected = protect_resident_id(" 11010519491231002x ")
    assert protected.normalized == ID_NUMBER
    assert protected.masked == "110***********002X"
    assert reveal(protected.cipher, purpose=PURPOSE_RESIDENT_ID) == ID_NUMBER
    assert ID_NUMBER not in repr(protected)
    assert protected.index == resident_id_index("11010519491231002x")
    assert protected.index == resident_id_index("１１０１０５１９４９１２３１００２Ｘ")
    assert resident_id_index("110105194912310038") not in (None, protected.index)


def test_it_protects_a_mobile():
    protected = protect_mobile("138-1234-5678")
    assert (protected.normalized, protected.masked) == ("13812345678", "138****5678")
    assert reveal(protected.cipher, purpose=PURPOSE_MOBILE) == "13812345678"
    assert protected.index == mobile_index("+86 138 1234 5678")
    assert protected.index == mobile_index("１３８１２３４５６７８")


def test_it_keeps_the_two_purposes_apart():
    protected = protect_mobile("13812345678")
    with pytest.raises(DecryptionError):
        reveal(protected.cipher, purpose=PURPOSE_RESIDENT_ID)


def test_it_lets_validation_errors_through():
    with pytest.raises(IdCardError):
        protect_resident_id("110105194912310021")
    with pytest.raises(PhoneError):
        protect_mobile("12812345678")


@pytest.mark.parametrize("text", ["", "张三", "1101051949", "110105194912310021", "13812345678"])
def test_it_gives_no_resident_id_index_for_other_text(text):
    assert resident_id_index(text) is None


@pytest.mark.parametrize("text", ["", "张三", "1381234567", ID_NUMBER])
def test_it_gives_no_mobile_index_for_other_text(text):
    assert mobile_index(text) is None

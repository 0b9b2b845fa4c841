"""Per-value cost of encrypting and blind-indexing identifiers, for the bulk import budget.

Run by hand: .venv/bin/python bench/crypto_bench.py [count]

The budget: 100,000 residents × 2 encrypted fields in ~3 s for the whole import on a 2-core machine.
A random key is used (JIEDAO_DATA_KEY), so nothing is read from or written to var/.
"""

import hashlib
import hmac
import os
import sys
import time
from datetime import date, timedelta

from jiedao.core.crypto import (
    PURPOSE_MOBILE,
    PURPOSE_RESIDENT_ID,
    get_cipher,
    protect_mobile,
    protect_resident_id,
)
from jiedao.lib.crypto import generate_key, key_to_text
from jiedao.lib.idcard import normalize_resident_id, resident_id_check_digit

REPEAT = 3


def resident_ids(count: int) -> list[str]:
    numbers = []
    for i in range(count):
        birth = date(1950, 1, 1) + timedelta(days=i // 1000)
        first17 = f"110105{birth:%Y%m%d}{i % 1000:03d}"
        numbers.append(first17 + resident_id_check_digit(first17))
    return numbers


def mobiles(count: int) -> list[str]:
    return [f"138{i:08d}" for i in range(count)]


def best_of(function) -> float:
    """Seconds of the fastest of REPEAT runs."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def report(label: str, seconds: float, count: int) -> None:
    print(f"{label:<44} {seconds * 1e6 / count:7.2f} µs/value  {seconds * 1000:8.1f} ms total")


def main(count: int) -> None:
    os.environ["JIEDAO_DATA_KEY"] = key_to_text(generate_key())  # read by the first get_cipher()
    cipher = get_cipher()
    ids, phones = resident_ids(count), mobiles(count)
    tokens = cipher.encrypt_many(ids, purpose=PURPOSE_RESIDENT_ID)
    index_key = os.urandom(32)
    print(f"{count:,} values, best of {REPEAT}")

    cases = {
        "encrypt (one call per value)": lambda: [cipher.encrypt(v, purpose=PURPOSE_RESIDENT_ID) for v in ids],
        "encrypt_many": lambda: cipher.encrypt_many(ids, purpose=PURPOSE_RESIDENT_ID),
        "blind_index (one call per value)": lambda: [
            cipher.blind_index(v, purpose=PURPOSE_RESIDENT_ID) for v in ids
        ],
        "blind_index_many": lambda: cipher.blind_index_many(ids, purpose=PURPOSE_RESIDENT_ID),
        "  reference: new hmac.new() per value": lambda: [
            hmac.new(index_key, b"resident_id\x00" + v.encode(), hashlib.sha256).hexdigest()[:32] for v in ids
        ],
        "decrypt": lambda: [cipher.decrypt(t, purpose=PURPOSE_RESIDENT_ID) for t in tokens],
        "normalize_resident_id (validation alone)": lambda: [normalize_resident_id(v) for v in ids],
        "protect_resident_id": lambda: [protect_resident_id(v) for v in ids],
        "protect_mobile": lambda: [protect_mobile(v) for v in phones],
    }
    for label, function in cases.items():
        report(label, best_of(function), count)

    def import_crypto():
        cipher.encrypt_many(ids, purpose=PURPOSE_RESIDENT_ID)
        cipher.blind_index_many(ids, purpose=PURPOSE_RESIDENT_ID)
        cipher.encrypt_many(phones, purpose=PURPOSE_MOBILE)
        cipher.blind_index_many(phones, purpose=PURPOSE_MOBILE)

    seconds = best_of(import_crypto)
    print(f"\nimport crypto, {count:,} residents × (ID + mobile), *_many: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

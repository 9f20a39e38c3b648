"""Office keys, canonical JSON, detached signatures and public key files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rentan_desktop.signing import canonical, documents, key_file
from rentan_desktop.signing.keys import (
    DOMAIN_BATCH,
    DOMAIN_RECEIPT,
    KeyFileError,
    KeyStore,
    SigningKey,
    TrustedKey,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_canonical_round_trip_and_idempotent(value: object) -> None:
    data = canonical.dumps(value)
    assert canonical.loads(data) == value
    assert canonical.is_canonical(data)


def test_canonical_matches_rfc8785_rules() -> None:
    # Keys sort by UTF-16 code units: U+10000 is D800 DC00 in UTF-16, so it sorts before U+FFFD
    # although its code point is larger.
    doc = {"\ufffd": 1, "\U00010000": 2, "b": [True, None, "a\nb\u0001\"/"], "a": -0}
    assert canonical.dumps(doc) == (
        '{"a":0,"b":[true,null,"a\\nb\\u0001\\"/"],"\U00010000":2,"\ufffd":1}'.encode()
    )
    assert not canonical.is_canonical(b'{"b":1, "a":2}')
    with pytest.raises(canonical.CanonicalError):
        canonical.dumps({"x": 1.5})
    with pytest.raises(canonical.CanonicalError):
        canonical.dumps(2**53)
    with pytest.raises(canonical.CanonicalError):
        canonical.loads(b'{"a":1,"a":2}')


def test_keystore_encrypts_at_rest_and_never_overwrites(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    key = store.create()
    pem = store.key_path.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    for name in ("office.key", "office.secret"):
        mode = stat.S_IMODE(os.stat(tmp_path / "keys" / name).st_mode)
        assert mode == 0o600, name
    assert store.load().public_key == key.public_key
    with pytest.raises(FileExistsError):
        store.create()
    (tmp_path / "keys" / "office.secret").write_text("wrong")
    with pytest.raises(KeyFileError):
        store.load()


def test_keystore_with_passphrase_writes_no_secret(tmp_path: Path) -> None:
    key = KeyStore(tmp_path, passphrase=b"kata sandi panjang").create()
    assert not (tmp_path / "office.secret").exists()
    assert KeyStore(tmp_path, passphrase=b"kata sandi panjang").load().public_key == key.public_key
    with pytest.raises(KeyFileError):
        KeyStore(tmp_path, passphrase=b"salah").load()


def test_fingerprint_is_short_and_readable() -> None:
    fp = SigningKey.generate().public_key.fingerprint
    groups = fp.split("-")
    assert len(groups) == 4 and all(len(g) == 4 for g in groups)
    assert not set(fp) & set("ILOU")
    assert key_file.normalise_fingerprint(fp.lower().replace("-", " ")) == fp


def test_domain_separation() -> None:
    key = SigningKey.generate()
    sig = key.sign(DOMAIN_BATCH, b"manifest")
    assert key.public_key.verify(DOMAIN_BATCH, b"manifest", sig)
    assert not key.public_key.verify(DOMAIN_RECEIPT, b"manifest", sig)
    assert not key.public_key.verify(DOMAIN_BATCH, b"manifesT", sig)


def test_signed_document_refuses_every_change() -> None:
    key = SigningKey.generate()
    trusted = [TrustedKey("6408010", key.public_key)]
    signed = documents.sign(key, DOMAIN_BATCH, {"seq": 1, "office": "6408010"})
    assert documents.open_signed(signed.body, signed.signature_file, DOMAIN_BATCH, trusted).signature_ok
    changed = signed.body.replace(b'"seq":1', b'"seq":2')
    assert not documents.open_signed(changed, signed.signature_file, DOMAIN_BATCH, trusted).signature_ok
    pretty = json.dumps(json.loads(signed.body), indent=1).encode()
    assert not documents.open_signed(pretty, signed.signature_file, DOMAIN_BATCH, trusted).signature_ok
    other = documents.open_signed(signed.body, signed.signature_file, DOMAIN_RECEIPT, trusted)
    assert not other.signature_ok
    stranger = documents.open_signed(signed.body, signed.signature_file, DOMAIN_BATCH, [])
    assert stranger.signer is None and not stranger.signature_ok
    with pytest.raises(documents.DocumentError):
        documents.open_signed(b"not json", signed.signature_file, DOMAIN_BATCH, trusted)


def test_public_key_file_round_trip_and_tamper() -> None:
    key = SigningKey.generate()
    data = key_file.export(key, "6408010", "Kecamatan Muara Ancalong", "2026-01-01T00:00:00Z")
    assert b"PRIVATE" not in data
    parsed = key_file.read(data)
    assert parsed.public_key == key.public_key and parsed.office == "6408010"
    tampered = data.replace(b"6408010", b"6408020")
    with pytest.raises(key_file.KeyFileInvalid) as info:
        key_file.read(tampered)
    assert info.value.reason == "signature"
    with pytest.raises(key_file.KeyFileInvalid) as info:
        key_file.read(b"{}")
    assert info.value.reason == "malformed"

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
    WrongKeyPassphrase,
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
    doc = {"\ufffd": 1, "\U00010000": 2, "b": [True, None, 'a\nb\u0001"/'], "a": -0}
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


PASS = "kata sandi panjang kantor"


def test_keystore_encrypts_at_rest_with_a_passphrase_and_never_overwrites(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    key = store.create(PASS)
    pem = store.key_path.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    for name in ("office.key", "office.salt", "office.pub"):
        mode = stat.S_IMODE(os.stat(tmp_path / "keys" / name).st_mode)
        assert mode == 0o600, name
    # Nothing in the folder opens the key: no secret file, and the passphrase is nowhere on disk.
    assert not (tmp_path / "keys" / "office.secret").exists()
    for path in (tmp_path / "keys").iterdir():
        assert PASS.encode() not in path.read_bytes()
    assert json.loads((tmp_path / "keys" / "office.salt").read_text())["n"] == 1 << 17
    assert store.load(PASS).public_key == key.public_key
    assert store.public_keys() == (key.public_key, key.encryption_public)
    with pytest.raises(FileExistsError):
        store.create(PASS)
    with pytest.raises(WrongKeyPassphrase):
        store.load("salah sekali kata sandinya")


def _legacy_store(folder: Path) -> SigningKey:
    """A key store as written before issue 13: the password in office.secret beside the key."""
    folder.mkdir()
    key = SigningKey.generate()
    secret = b"ab" * 32
    (folder / "office.key").write_bytes(key.to_encrypted_pem(secret))
    (folder / "office.secret").write_bytes(secret)
    return key


def test_legacy_key_is_migrated_to_the_passphrase_and_its_secret_deleted(tmp_path: Path) -> None:
    key = _legacy_store(tmp_path / "keys")
    store = KeyStore(tmp_path / "keys")
    assert store.is_legacy()
    with pytest.raises(KeyFileError):  # a legacy key never opens silently from its secret
        store.load(PASS)
    assert store.legacy_public_key() == key.public_key
    assert store.migrate(PASS).public_key == key.public_key
    assert not (tmp_path / "keys" / "office.secret").exists() and not store.is_legacy()
    assert KeyStore(tmp_path / "keys").load(PASS).public_key == key.public_key


def test_a_store_with_the_older_raw_salt_still_opens(tmp_path: Path) -> None:
    import hashlib

    key = SigningKey.generate()
    salt = os.urandom(16)
    password = (
        hashlib.scrypt(PASS.encode(), salt=salt, n=2**15, r=8, p=1, maxmem=64 << 20, dklen=32)
        .hex()
        .encode()
    )
    (tmp_path / "office.key").write_bytes(key.to_encrypted_pem(password))
    (tmp_path / "office.salt").write_bytes(salt)
    assert KeyStore(tmp_path).load(PASS).public_key == key.public_key


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
    assert documents.open_signed(
        signed.body, signed.signature_file, DOMAIN_BATCH, trusted
    ).signature_ok
    changed = signed.body.replace(b'"seq":1', b'"seq":2')
    assert not documents.open_signed(
        changed, signed.signature_file, DOMAIN_BATCH, trusted
    ).signature_ok
    pretty = json.dumps(json.loads(signed.body), indent=1).encode()
    assert not documents.open_signed(
        pretty, signed.signature_file, DOMAIN_BATCH, trusted
    ).signature_ok
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

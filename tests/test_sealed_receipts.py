"""Receipts travel sealed to the office that sent the batch: a lost stick shows no KPJ number or
record UUID, the receipt is verified before anything is decrypted, and old plain receipts still
import. Real databases of two offices, real files on a stick folder."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.test_batch_support import Link, snapshot, statuses
from tests.test_bpjs import _imported, _result_file

from rentan_desktop.io import batch_files as bf
from rentan_desktop.services import bpjs, receipts, trust
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import documents
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_RECEIPT

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures

KPJ = ("12345678901", "12345678902")


def _registered_receipt(link: Link, tmp_path: Path) -> tuple[list[str], receipts.ReceiptFile]:
    uuids, batch = _imported(link, 2)
    bpjs.import_result(
        link.kab,
        actor=link.kab_admin,
        path=_result_file(
            tmp_path / "hasil.xlsx",
            [
                [1, "6408014101900001", KPJ[0], "01-01-2026", "31-12-2026"],
                [2, "6408014101900002", KPJ[1], "01-01-2026", "31-12-2026"],
            ],
        ),
    )
    made = receipts.make_receipt(link.kab, actor=link.kab_admin, batch=batch, folder=link.usb)
    return uuids, made


def _stick_bytes(made: receipts.ReceiptFile) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in made.path.parent.glob(made.path.stem + ".*")}


def test_a_receipt_on_the_stick_shows_no_kpj_or_record_and_still_applies(
    link: Link, tmp_path: Path
) -> None:
    uuids, made = _registered_receipt(link, tmp_path)
    files = _stick_bytes(made)
    assert sorted(files) == sorted(
        [
            made.path.name,
            made.path.with_suffix(".sig").name,
            made.path.with_suffix(".rreceipt").name,
        ]
    )
    for name, data in files.items():
        for secret in (*KPJ, *uuids):
            assert secret.encode() not in data, (name, secret)
    doc = json.loads(made.path.read_bytes())
    assert doc["schema"] == bf.RECEIPT_SCHEMA and "items" not in doc and doc["item_count"] == 2
    result = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert result.ok and result.counts == {"registered": 2}
    assert [statuses(link.kec)[u] for u in uuids] == ["registered", "registered"]
    # Decrypted in memory only: the scratch space holds nothing but its own lock.
    assert [p.name for p in link.kec.scratch_dir().iterdir()] == [".lock"]


def test_the_receipt_is_verified_before_the_key_is_even_asked_for(
    link: Link, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, made = _registered_receipt(link, tmp_path)
    trust.lock_office_key(link.kec)
    monkeypatch.delenv(trust.PASSPHRASE_ENV)
    before = snapshot(link.kec)
    # A changed signed part: refused on the signature, without asking for the passphrase.
    doc = json.loads(made.path.read_bytes())
    forged = made.path.with_name("RECEIPT-FORGED.json")
    forged.write_bytes(
        documents.sign(trust.office_key(link.kab), DOMAIN_RECEIPT, doc).body.replace(
            b'"number":1', b'"number":2'
        )
    )
    forged.with_suffix(".sig").write_bytes(made.path.with_suffix(".sig").read_bytes())
    result = receipts.import_receipt(link.kec, actor=link.kec_admin, path=forged)
    assert [e.code for e in result.errors] == [m.RECEIPT_BAD_SIGNATURE]
    # A swapped sealed file: refused on its signed hash, still before any key is needed.
    payload = made.path.with_suffix(".rreceipt")
    original = payload.read_bytes()
    payload.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    result = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert [e.code for e in result.errors] == [receipts.RECEIPT_SEALED_DAMAGED]
    assert snapshot(link.kec) == before
    payload.write_bytes(original)
    with pytest.raises(UserError) as locked:  # only now is the key needed
        receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert locked.value.code == trust.KEY_PASSPHRASE_NEEDED
    assert snapshot(link.kec) == before


def test_only_the_recipient_key_opens_the_items(link: Link, tmp_path: Path) -> None:
    from rentan_desktop.signing import sealed

    _, made = _registered_receipt(link, tmp_path)
    doc = json.loads(made.path.read_bytes())
    assert doc["sealed_to"] == sealed.key_id(trust.office_key(link.kec).encryption_public)
    with pytest.raises(sealed.NotForThisKey), made.path.with_suffix(".rreceipt").open("rb") as fh:
        sealed.open_stream(fh, io.BytesIO(), trust.office_key(link.kab).decryption_key())


def test_an_old_plain_receipt_still_imports(link: Link, tmp_path: Path) -> None:
    uuids, made = _registered_receipt(link, tmp_path)
    doc = json.loads(made.path.read_bytes())
    items = [
        [u, 1, "registered", "", KPJ[i], "2026-01-01", "2026-12-31"] for i, u in enumerate(uuids)
    ]
    con = sqlite3.connect(link.kab.db.path)
    version = dict(con.execute("SELECT uuid, version FROM registrant").fetchall())
    con.close()
    for item in items:
        item[1] = version[item[0]]
    for name in ("payload_file", "payload_sha256", "payload_size", "sealed_to", "item_count"):
        doc.pop(name)
    doc.update(
        schema=bf.PLAIN_RECEIPT_SCHEMA,
        items=items,
        columns=["uuid", "version", "outcome", "reason", "kpj", "coverage_start", "coverage_end"],
    )
    old = tmp_path / "RECEIPT-LAMA.json"
    signed = documents.sign(trust.office_key(link.kab), DOMAIN_RECEIPT, doc)
    old.write_bytes(signed.body)
    old.with_suffix(".sig").write_bytes(signed.signature_file)
    result = receipts.import_receipt(link.kec, actor=link.kec_admin, path=old)
    assert result.ok and result.counts == {"registered": 2}, result.errors
    assert [statuses(link.kec)[u] for u in uuids] == ["registered", "registered"]

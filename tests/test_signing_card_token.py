"""Signed card tokens for printed coverage cards."""

from __future__ import annotations

import uuid
from datetime import date

import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st

from rentan_desktop.domain.issues import Issue
from rentan_desktop.signing import card_token
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import SigningKey, TrustedKey

KEY = SigningKey.generate()
TRUSTED = [TrustedKey("6408", KEY.public_key)]


def _issue(**changes: object) -> str:
    args: dict[str, object] = {
        "record_id": str(uuid.uuid4()),
        "kpj": "12345678901",
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "office": "6408",
    }
    args.update(changes)
    return card_token.issue(KEY, **args)  # type: ignore[arg-type]


@settings(max_examples=50)
@given(
    record_id=st.uuids().map(str) | st.text(min_size=1, max_size=40),
    kpj=st.from_regex(r"\A[0-9]{0,16}\Z"),
    start=st.dates(date(2000, 1, 1), date(2170, 1, 1)),
    office=st.from_regex(r"\A[0-9]{2,10}\Z"),
    holder=st.text(max_size=60),
    year=st.none() | st.integers(1901, 2155),
)
def test_round_trip(
    record_id: str, kpj: str, start: date, office: str, holder: str, year: int | None
) -> None:
    token = card_token.issue(
        KEY, record_id, kpj, start, date(2170, 6, 1), office, holder=holder, birth_year=year
    )
    claims = card_token.verify(token, [TrustedKey(office, KEY.public_key)])
    assert isinstance(claims, card_token.CardClaims)
    assert (claims.record_id, claims.kpj, claims.start, claims.office) == (
        record_id,
        kpj,
        start,
        office,
    )
    assert (claims.initials, claims.birth_year) == (card_token.initials(holder), year)
    assert claims.fingerprint == KEY.public_key.fingerprint
    old = card_token.issue_v1(KEY, record_id, kpj, start, date(2170, 6, 1), office)
    again = card_token.verify(old, [TrustedKey(office, KEY.public_key)])
    assert isinstance(again, card_token.CardClaims) and again.record_id == record_id


def test_token_is_numeric_qr_version_6_and_holds_no_nik() -> None:
    nik = "6408014101850001"
    token = _issue(holder="Siti Aminah", birth_year=1985)
    assert token.isdigit() and len(token) <= 240  # 239 with a six-digit kecamatan code
    assert nik not in token
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(qrcode.util.QRData(token, mode=qrcode.util.MODE_NUMBER))
    code.make(fit=True)
    assert code.version == 6


def test_initials_fold_accents_and_skip_marks() -> None:
    assert card_token.initials("Siti Aminah") == "SA"
    assert card_token.initials("  h. muhammad  ali bin umar") == "HMA"
    assert card_token.initials("Élise - 3 Ömer") == "EO"
    assert card_token.initials("") == ""


def _code(result: object) -> str:
    assert isinstance(result, Issue)
    return result.code


def test_each_refusal_has_its_own_code() -> None:
    token = _issue()
    assert _code(card_token.verify("hello", TRUSTED)) == m.CARD_MALFORMED
    assert _code(card_token.verify(token[:-10], TRUSTED)) == m.CARD_MALFORMED
    assert _code(card_token.verify("RC9:" + token[4:], TRUSTED)) == m.CARD_VERSION
    newer = "3" + token[1:]  # first byte 3 in place of 2... only if the width still parses
    assert _code(card_token.verify(newer, TRUSTED)) in (m.CARD_VERSION, m.CARD_MALFORMED)
    assert _code(card_token.verify("9" * 5000, TRUSTED)) == m.CARD_MALFORMED
    assert _code(card_token.verify(token, [])) == m.CARD_UNKNOWN_SIGNER
    revoked = [TrustedKey("6408", KEY.public_key, revoked=True)]
    assert _code(card_token.verify(token, revoked)) == m.CARD_REVOKED_SIGNER
    wrong_office = [TrustedKey("6402", KEY.public_key)]
    assert _code(card_token.verify(token, wrong_office)) == m.CARD_OFFICE_MISMATCH
    # Flip one character in the middle of the payload: still decodes, signature fails.
    pos = 20
    flipped = token[:pos] + ("1" if token[pos] != "1" else "2") + token[pos + 1 :]
    assert _code(card_token.verify(flipped, TRUSTED)) in (m.CARD_BAD_SIGNATURE, m.CARD_MALFORMED)
    forged = card_token.issue(
        SigningKey.generate(), str(uuid.uuid4()), "1", date(2026, 1, 1), date(2026, 2, 1), "6408"
    )
    # Names a trusted office but no key of it signed: forged, not merely unknown.
    assert _code(card_token.verify(forged, TRUSTED)) == m.CARD_BAD_SIGNATURE
    elsewhere = card_token.issue(
        SigningKey.generate(), str(uuid.uuid4()), "1", date(2026, 1, 1), date(2026, 2, 1), "6499"
    )
    assert _code(card_token.verify(elsewhere, TRUSTED)) == m.CARD_UNKNOWN_SIGNER


def test_tampered_dates_are_bad_signature() -> None:
    token = _issue(start=date(2026, 1, 1))
    other = _issue(start=date(2027, 1, 1))
    # The office's key is found and must reject on the signature.
    splice = other[:30] + token[30:]
    result = card_token.verify(splice, TRUSTED)
    assert _code(result) in (m.CARD_BAD_SIGNATURE, m.CARD_MALFORMED)

"""A record's history in words, for the record page and ``rentan show``: what happened and the
changed values old → new, with names for codes, dd-mm-yyyy dates and 0812-… phones. Never an
event code, a stored code or JSON: an event not known here is named in general words and its
detail left out (the audit trail has it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from rentan_desktop.domain import formatting, issues, lifecycle, phone
from rentan_desktop.domain.registrant import LABELS
from rentan_desktop.services.context import WITA

_WORDS = {
    "registrant.create": ("Dibuat", "Created"),
    "registrant.update": ("Dikoreksi (v{version})", "Corrected (v{version})"),
    "registrant.status": ("Status diubah", "Status changed"),
    "nik.reveal": ("NIK lengkap dilihat", "Full NIK viewed"),
    "duplicate.dismiss": ("Bukan data ganda", "Not a duplicate"),
    "duplicate.decide": ("Keputusan data ganda", "Duplicate decision"),
    "rt_review.confirmed": ("Dikonfirmasi Ketua RT", "Confirmed by the RT head"),
    "rt_review.correction": ("Perbaikan diminta Ketua RT", "Correction asked by the RT head"),
    "registrant.transfer": ("Dipindahkan ke kantor lain", "Moved to another office"),
    "registrant.anonymise": (
        "Data pribadi dihapus (masa simpan habis)",
        "Personal data erased (retention period over)",
    ),
    "retention.run": (
        "Data pribadi dihapus (masa simpan habis)",
        "Personal data erased (retention period over)",
    ),
    "card.request": ("Kartu diminta untuk dicetak", "Card requested"),
    "card.print": ("Kartu dicetak", "Card printed"),
    "card.handover": ("Kartu diserahkan", "Card handed over"),
    "print.form": ("Formulir dicetak", "Form printed"),
    "conflict.decide": ("Konflik data diputuskan", "Data conflict decided"),
    "batch.import": ("Diterima dari batch kecamatan", "Received in a batch"),
    "batch.export": ("Dikirim dalam batch", "Sent in a batch"),
    "bpjs.import_result": ("Hasil pendaftaran BPJS dicatat", "BPJS registration result recorded"),
    "demo.generate": ("Dibuat sebagai data contoh", "Created as sample data"),
}
issues.define_all({f"history.{k}": v for k, v in _WORDS.items()})
issues.define_all(
    {
        "history.other": ("Perubahan lain tercatat", "Another change recorded"),
        "history.rt_row": ("daftar RT {code}, baris {row}", "RT list {code}, row {row}"),
    }
)


LABELS_EN = {
    "nik": "NIK",
    "no_kk": "KK number",
    "nama": "Full name",
    "tempat_lahir": "Place of birth",
    "tanggal_lahir": "Birth date",
    "jenis_kelamin": "Sex",
    "nama_ibu": "Mother's name",
    "alamat": "Address",
    "rt": "RT",
    "rw": "RW",
    "desa_kode": "Village",
    "no_hp": "Phone",
    "pekerjaan_kode": "Occupation",
    "penghasilan": "Income",
    "sumber_dana_id": "Funder",
    "kpj": "KPJ number",
    "notes": "Notes",
}


def label(key: str, lang: str = "id") -> str:
    """A field's name in ``lang``."""
    return (LABELS_EN if lang == "en" else LABELS).get(key, key)


def _say(lang: str, indonesian: str, english: str) -> str:
    return english if lang == "en" else indonesian


SEXES = {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")}


def sex(code: str, lang: str = "id") -> str:
    """``L``/``P`` as a word (the code itself when it is neither)."""
    words = SEXES.get(code)
    return _say(lang, *words) if words else code


def when(ts: Any, lang: str = "id") -> str:
    """An event time as offices read it: ``07-12-2026 14.05`` (WITA; ``14:05`` in English)."""
    moment = ts if isinstance(ts, datetime) else datetime.fromisoformat(str(ts))
    local = moment.astimezone(WITA)
    return f"{local:%d-%m-%Y %H:%M}" if lang == "en" else f"{local:%d-%m-%Y %H.%M}"


def value_text(
    key: str,
    value: object,
    labels: Mapping[str, Mapping[str, str]],
    *,
    masked: bool,
    lang: str = "id",
) -> str:
    """A stored field value as a person reads it; ``labels`` maps desa / pekerjaan / funder codes
    to names; ``masked`` hides NIK and KK numbers."""
    if value in (None, ""):
        return "—"
    text = str(value)
    if key == "no_hp":
        return phone.display(text)  # E.164 in the record
    if key in ("nik", "no_kk") and masked:
        return formatting.mask_nik(text)  # a corrected NIK is as personal as the current one
    if key == "tanggal_lahir":
        try:
            return formatting.tanggal_pendek(date.fromisoformat(text[:10]))
        except ValueError:
            return text
    if key == "jenis_kelamin":
        return sex(text, lang)
    if key == "desa_kode":
        return labels.get("desa", {}).get(text, text).title()
    if key == "pekerjaan_kode":
        return labels.get("pekerjaan", {}).get(text, text)
    if key == "sumber_dana_id":
        return labels.get("funders", {}).get(text, text)
    if key == "penghasilan" and text.isdigit():
        return formatting.rupiah(int(text))
    return text


def describe(
    action: str,
    detail: Mapping[str, Any],
    *,
    lang: str = "id",
    labels: Mapping[str, Mapping[str, str]] | None = None,
    masked: bool = True,
) -> tuple[str, str]:
    """One history event as (what happened, the details), both in words."""
    labels = labels or {}
    rt_row = issues.text(
        "history.rt_row", lang, code=detail.get("rt_list", ""), row=detail.get("row", "")
    )
    what = (
        issues.text(f"history.{action}", lang, version=detail.get("version", ""))
        if action in _WORDS
        else issues.text("history.other", lang)
    )
    if action == "registrant.create":
        status = lifecycle.label(str(detail.get("status", "draft")), lang)
        return what, f"status {status}"
    if action == "registrant.update":
        changes = detail.get("changes", {})
        parts = [
            f"{label(k, lang)}: {value_text(k, old, labels, masked=masked, lang=lang)} → "
            f"{value_text(k, new, labels, masked=masked, lang=lang)}"
            for k, (old, new) in changes.items()
        ]
        return what, "; ".join(parts)
    if action == "registrant.status":
        text = (
            f"{lifecycle.label(str(detail.get('old', '')), lang)} → "
            f"{lifecycle.label(str(detail.get('new', '')), lang)}"
        )
        reason = str(detail.get("reason") or "")
        if reason:
            words = lifecycle.INACTIVE_REASONS.get(reason)
            text += f" ({_say(lang, *words) if words else reason})"
        if detail.get("rt_list"):
            text += " — " + rt_row
        return what, text
    if action in ("duplicate.dismiss", "duplicate.decide"):
        return what, str(detail.get("reason", ""))
    if action == "rt_review.confirmed":
        return what, rt_row
    if action == "rt_review.correction":
        return what, f"“{detail.get('correction', '')}” — {rt_row}"
    return what, ""

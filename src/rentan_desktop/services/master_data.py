"""Signed master-data packs: what a coordinator decides, flowing down to the offices below it.

A programme year changes funders, targets, the tariff and the occupation list at the regency (or the
province above it), the office's own synonym table for free-text occupations, and the list of
office keys it trusts or has revoked. The coordinator writes a
*pack* (``DATA-INDUK-<office>-<seq>.json`` + ``.sig``, domain ``rentan.masterdata.v1``): a complete
snapshot of those tables, numbered and hash-chained like batches and signed with its office key. An
office below verifies it offline and applies it in one transaction, with a summary of what changed.

What a pack may do is bounded by who signed it (as TUF delegations bound which key may sign what):
only a coordinator whose region contains this office, with a key this office trusts and has not
revoked; it may vouch for or revoke keys only of offices inside its own region. An older, replayed,
skipped or forked pack is refused with its reason, and a refused pack changes nothing.

Funders, occupations and synonyms the pack does not name are left as they are (an office may keep
local ones);
targets are taken for this office's own region code only.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.formatting import angka, rupiah, tanggal
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import batch_files as bf
from rentan_desktop.legacy.values import norm_value
from rentan_desktop.services import audit, synonyms, trust
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import documents
from rentan_desktop.signing.keys import DOMAIN_MASTERDATA, PublicKey
from rentan_desktop.storage.batch_models import BatchLedger, TrustedKeyRow
from rentan_desktop.storage.models import (
    Office,
    Pekerjaan,
    SumberDana,
    Target,
    Tariff,
    User,
    Wilayah,
)
from rentan_desktop.storage.types import utcnow

SCHEMA = "rentan-masterdata/1"
KIND = "masterdata"
PREFIX = "DATA-INDUK"
MAX_PACK_BYTES = 16 << 20  # a province's full lists are a few hundred kB

MD_NOT_COORDINATOR = issues.define(
    "masterdata.not_coordinator",
    id="Hanya kantor koordinator (kabupaten/kota atau provinsi) yang membuat paket data induk.",
    en="Only a coordinator office (regency or province) makes master-data packs.",
)
MD_MALFORMED = issues.define(
    "masterdata.malformed",
    id="Berkas {file} bukan paket data induk yang utuh ({detail}); tidak ada yang diubah.",
    en="File {file} is not a complete master-data pack ({detail}); nothing was changed.",
)
MD_UNKNOWN_SIGNER = issues.define(
    "masterdata.unknown_signer",
    id="Paket data induk ditandatangani kunci {key} yang belum dipercaya kantor ini; daftarkan dulu "
    "kunci kantor {office} di halaman Kunci tanda tangan.",
    en="The master-data pack is signed with key {key}, which this office does not trust; register "
    "office {office}'s key on the Keys page first.",
)
MD_REVOKED_SIGNER = issues.define(
    "masterdata.revoked_signer",
    id="Paket data induk ditandatangani kunci kantor {office} yang dicabut sejak {date}; ditolak.",
    en="The master-data pack is signed with office {office}'s key, revoked since {date}; refused.",
)
MD_BAD_SIGNATURE = issues.define(
    "masterdata.bad_signature",
    id="Tanda tangan paket data induk tidak sah: isi berkas diubah setelah ditandatangani.",
    en="Bad master-data pack signature: the file was changed after it was signed.",
)
MD_FOREIGN = issues.define(
    "masterdata.foreign",
    id="Paket data induk dari kantor {issuer} untuk wilayah {region} tidak berlaku bagi kantor "
    "{office}: hanya koordinator di atas kantor ini yang dapat mengirim data induk.",
    en="The master-data pack from office {issuer} for region {region} does not apply to office "
    "{office}: only a coordinator above this office can send master data.",
)
MD_OLD = issues.define(
    "masterdata.old",
    id="Paket data induk nomor {seq} dari kantor {issuer} sudah lama: kantor ini sudah menerapkan "
    "nomor {last}. Tidak ada yang diubah.",
    en="Master-data pack number {seq} from office {issuer} is old: this office has already applied "
    "number {last}. Nothing was changed.",
)
MD_GAP = issues.define(
    "masterdata.gap",
    id="Paket data induk nomor {seq} dari kantor {issuer} datang sebelum nomor {expected}: terapkan "
    "paket nomor {expected} lebih dulu.",
    en="Master-data pack number {seq} from office {issuer} arrived before number {expected}: apply "
    "pack number {expected} first.",
)
MD_CHAIN = issues.define(
    "masterdata.chain",
    id="Paket data induk nomor {seq} dari kantor {issuer} tidak menyambung ke paket nomor {last} "
    "yang sudah diterapkan; minta kantor {issuer} memeriksa paket yang dikirim.",
    en="Master-data pack number {seq} from office {issuer} does not follow pack number {last} "
    "already applied; ask office {issuer} to check the pack it sent.",
)
MD_KEY_SCOPE = issues.define(
    "masterdata.key_scope",
    id="Paket data induk dari kantor {issuer} menyebut kunci kantor {office}, yang di luar "
    "wilayahnya; paket ditolak.",
    en="The master-data pack from office {issuer} names a key of office {office}, outside its "
    "region; pack refused.",
)
MD_NO_CHANGE = issues.define("masterdata.no_change", id="Tidak ada perubahan.", en="No changes.")


@dataclass(frozen=True)
class Change:
    """One line of a pack's summary, in both languages of the app."""

    id: str
    en: str

    def text(self, lang: str = "id") -> str:
        return self.id if lang == "id" else self.en

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class PackFile:
    """A pack written by this coordinator."""

    path: Path
    seq: int
    counts: dict[str, int]


@dataclass
class PackCheck:
    """What a pack is and what applying it changes (or would change), or why it is refused."""

    path: Path
    issuer: str = ""
    issuer_name: str = ""
    seq: int = 0
    created_at: str = ""
    changes: list[Change] = field(default_factory=list)
    errors: list[issues.Issue] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class LastPack:
    """The newest pack applied here (for the staleness notice)."""

    issuer: str
    seq: int
    recorded_at: datetime


# -- export ------------------------------------------------------------------------------------


def export_pack(ctx: AppContext, *, actor: User, folder: Path) -> PackFile:
    """Write this coordinator's next master-data pack into ``folder``."""
    require(actor, Perm.SETTINGS_MANAGE)
    office = require_office(ctx)
    if office.level == "kecamatan":
        raise UserError(MD_NOT_COORDINATOR)
    key = trust.office_key(ctx)
    folder = Path(folder)
    with ctx.db.writer() as session:
        last = _last(session, "out", office.kode)
        seq = (last.seq if last else 0) + 1
        body = _snapshot(session, office)
        doc = {
            "schema": SCHEMA,
            "pack_id": str(uuidlib.uuid4()),
            "issuer": office.kode,
            "issuer_name": office.nama,
            "region": office.kode,
            "seq": seq,
            "prev_sha256": last.doc_sha256 if last else "",
            "created_at": utcnow().isoformat(timespec="seconds"),
            "created_by": actor.username,
            **body,
        }
        signed = documents.sign(key, DOMAIN_MASTERDATA, doc)
        path = folder / f"{PREFIX}-{office.kode}-{seq:04d}.json"
        sig = path.with_suffix(".sig")
        temps = (bf.temp_name(path), bf.temp_name(sig))
        try:
            bf.write_bytes_synced(temps[0], signed.body)
            bf.write_bytes_synced(temps[1], signed.signature_file)
            bf.publish([(temps[0], path), (temps[1], sig)])
        except OSError as exc:
            bf.discard([*temps, path, sig])
            from rentan_desktop.signing import exchange_issues as m

            raise UserError(
                m.BATCH_WRITE_FAILED, folder=str(folder), detail=exc.strerror or type(exc).__name__
            ) from exc
        counts = {name: len(body[name]) for name in _FIELDS}
        now = utcnow()
        session.add(
            BatchLedger(
                kind=KIND,
                direction="out",
                doc_uuid=doc["pack_id"],
                office_kode=office.kode,
                recipient_kode="",
                seq=seq,
                doc_sha256=signed.sha256,
                prev_sha256=doc["prev_sha256"],
                key_id=key.public_key.key_id,
                row_count=sum(counts.values()),
                file_name=path.name,
                created_at=now,
                created_by=actor.username,
                recorded_at=now,
                recorded_by=actor.username,
            )
        )
        audit.record(
            session,
            actor,
            "masterdata.export",
            KIND,
            doc["pack_id"],
            {"seq": seq, "file": path.name, **counts},
        )
    return PackFile(path, seq, counts)


def _snapshot(session: Session, office: Office) -> dict[str, list[Any]]:
    funders = {f.id: f for f in session.exec(select(SumberDana)).all()}
    below = office.kode
    occupations = session.exec(select(Pekerjaan).order_by(Pekerjaan.kode)).all()
    known = {p.kode for p in occupations}
    return {
        "funders": [
            {
                "kode": f.kode,
                "nama": f.nama,
                "usia_min": f.usia_min,
                "usia_max": f.usia_max,
                "domisili_kab": f.domisili_kab,
                "aktif": f.aktif,
                "dasar_hukum": f.dasar_hukum,
            }
            for f in sorted(funders.values(), key=lambda f: f.kode)
        ],
        "targets": [
            {
                "funder": funders[t.sumber_dana_id].kode,
                "periode": t.periode,
                "wilayah": t.wilayah_kode,
                "jumlah": t.jumlah,
            }
            for t in session.exec(
                select(Target).order_by(Target.wilayah_kode, Target.periode)
            ).all()
            if t.wilayah_kode.startswith(below)
            and t.wilayah_kode != below
            and t.sumber_dana_id in funders
        ],
        "tariffs": [
            {
                "berlaku_mulai": t.berlaku_mulai.isoformat(),
                "iuran_jkk": t.iuran_jkk,
                "iuran_jkm": t.iuran_jkm,
                "penghasilan_dasar": t.penghasilan_dasar,
                "keterangan": t.keterangan,
            }
            for t in session.exec(select(Tariff).order_by(Tariff.berlaku_mulai)).all()
        ],
        "occupations": [{"kode": p.kode, "nama": p.nama, "aktif": p.aktif} for p in occupations],
        # The coordinator's own synonyms ("TUKANG KETINTING" -> MOTORIS): the kecamatan's legacy
        # import then maps those words without each clerk adding them to a profile.
        "synonyms": [
            {"field": name, "text": text, "kode": kode}
            for name, table in sorted(synonyms.stored(session).items())
            for text, kode in sorted(table.items())
            if kode in known
        ],
        # The coordinator's region list (a new Kepmendagri edition: new or renamed desa).
        "regions": [
            {"kode": w.kode, "nama": w.nama, "level": w.level, "tipe": w.tipe, "induk": w.induk}
            for w in session.exec(
                select(Wilayah)
                .where(Wilayah.kode.startswith(below))  # type: ignore[attr-defined]
                .order_by(Wilayah.kode)
            ).all()
            if w.kode != below
        ],
        # The keys this coordinator vouches for (or has revoked) inside its own region: offices
        # below it then trust each other through it, after one read-aloud check at the coordinator.
        "keys": [
            {
                "office": k.office_kode,
                "office_name": k.office_nama,
                "public_key": k.public_key,
                "encryption_key": k.encryption_key,
                "revoked_at": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
                "reason": k.revoke_reason,
            }
            for k in session.exec(select(TrustedKeyRow).order_by(TrustedKeyRow.id)).all()
            if k.office_kode.startswith(below)
        ],
    }


# -- verify and import -------------------------------------------------------------------------


def verify_pack(ctx: AppContext, *, actor: User, path: Path) -> PackCheck:
    """Check a pack and list what importing it would change; changes nothing."""
    require(actor, Perm.SETTINGS_MANAGE)
    office = require_office(ctx)
    with ctx.db.reader() as session:
        check, doc = _open(session, Path(path), office)
        if doc is not None:
            check.changes = _apply(session, office, doc, actor=None, pack=check)
    return check


def import_pack(ctx: AppContext, *, actor: User, path: Path) -> PackCheck:
    """Verify a pack and apply it in one transaction (all or nothing)."""
    require(actor, Perm.SETTINGS_MANAGE)
    office = require_office(ctx)
    path = Path(path)
    with ctx.db.writer() as session:
        check, doc = _open(session, path, office)
        if doc is None:
            return check
        check.changes = _apply(session, office, doc, actor=actor, pack=check)
        now = utcnow()
        session.add(
            BatchLedger(
                kind=KIND,
                direction="in",
                doc_uuid=str(doc["pack_id"]),
                office_kode=check.issuer,
                recipient_kode=office.kode,
                seq=check.seq,
                doc_sha256=_sha(path),
                prev_sha256=str(doc["prev_sha256"]),
                key_id=str(doc.get("_key_id", "")),
                row_count=len(check.changes),
                file_name=path.name,
                created_at=_parse_time(check.created_at) or now,
                created_by=str(doc.get("created_by", "")),
                recorded_at=now,
                recorded_by=actor.username,
            )
        )
        audit.record(
            session,
            actor,
            "masterdata.import",
            KIND,
            str(doc["pack_id"]),
            {
                "issuer": check.issuer,
                "seq": check.seq,
                "file": path.name,
                "changes": len(check.changes),
            },
        )
        check.applied = True
    return check


def last_pack(ctx: AppContext) -> LastPack | None:
    """The newest pack applied at this office, if any."""
    with ctx.db.reader() as session:
        row = session.exec(
            select(BatchLedger)
            .where(BatchLedger.kind == KIND, BatchLedger.direction == "in")
            .order_by(BatchLedger.recorded_at.desc())  # type: ignore[attr-defined]
        ).first()
    return LastPack(row.office_kode, row.seq, row.recorded_at) if row else None


def _sha(path: Path) -> str:
    return documents.SignedDocument(path.read_bytes(), b"").sha256


def _last(session: Session, direction: str, office: str) -> BatchLedger | None:
    return session.exec(
        select(BatchLedger)
        .where(
            BatchLedger.kind == KIND,
            BatchLedger.direction == direction,
            BatchLedger.office_kode == office,
        )
        .order_by(BatchLedger.seq.desc())  # type: ignore[attr-defined]
    ).first()


def _open(session: Session, path: Path, office: Office) -> tuple[PackCheck, dict[str, Any] | None]:
    """Read, authenticate and place a pack in its issuer's sequence; (check, None) when refused."""
    check = PackCheck(path)

    def refuse(code: str, **params: object) -> tuple[PackCheck, None]:
        check.errors.append(issues.error(code, **params))
        return check, None

    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            return refuse(MD_MALFORMED, file=path.name, detail="terlalu besar")
        body = path.read_bytes()
        signature = path.with_suffix(".sig").read_bytes()
        opened = documents.open_signed(
            body, signature, DOMAIN_MASTERDATA, trust.trusted_keys(session)
        )
    except OSError:
        return refuse(
            MD_MALFORMED, file=path.name, detail="berkas atau tanda tangan .sig tidak terbaca"
        )
    except documents.DocumentError:
        return refuse(MD_MALFORMED, file=path.name, detail="bukan JSON yang sah")
    doc = opened.document
    if isinstance(doc, dict):
        doc.setdefault("synonyms", [])  # a pack written before synonyms travelled carries none
    detail = _shape_problem(doc)
    if detail:
        return refuse(MD_MALFORMED, file=path.name, detail=detail)
    check.issuer, check.issuer_name = doc["issuer"], doc["issuer_name"]
    check.seq, check.created_at = doc["seq"], doc["created_at"]
    signer = opened.signer
    if signer is None or signer.office != doc["issuer"]:
        return refuse(MD_UNKNOWN_SIGNER, key=opened.key_id, office=doc["issuer"])
    if not opened.signature_ok:
        return refuse(MD_BAD_SIGNATURE)
    if signer.revoked:
        return refuse(
            MD_REVOKED_SIGNER, office=doc["issuer"], date=_revoked_on(session, opened.key_id)
        )
    region = doc["region"]
    if not (region == doc["issuer"] and office.kode.startswith(region) and office.kode != region):
        return refuse(MD_FOREIGN, issuer=doc["issuer"], region=region, office=office.kode)
    last = _last(session, "in", doc["issuer"])
    if last is not None:
        if doc["seq"] <= last.seq:
            return refuse(MD_OLD, seq=doc["seq"], last=last.seq, issuer=doc["issuer"])
        if doc["seq"] > last.seq + 1:
            return refuse(MD_GAP, seq=doc["seq"], expected=last.seq + 1, issuer=doc["issuer"])
        if doc["prev_sha256"] != last.doc_sha256:
            return refuse(MD_CHAIN, seq=doc["seq"], last=last.seq, issuer=doc["issuer"])
    for key in doc["keys"]:
        if not key["office"].startswith(region) or key["office"] == region:
            return refuse(MD_KEY_SCOPE, issuer=doc["issuer"], office=key["office"])
    doc["_key_id"] = opened.key_id
    return check, doc


def _revoked_on(session: Session, key_id: str) -> str:
    rows = session.exec(select(TrustedKeyRow).where(TrustedKeyRow.key_id == key_id)).all()
    dates = [r.revoked_at for r in rows if r.revoked_at is not None]
    return tanggal(min(dates)) if dates else "?"


_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "funders": {
        "kode": (str,),
        "nama": (str,),
        "usia_min": (int, type(None)),
        "usia_max": (int, type(None)),
        "domisili_kab": (str, type(None)),
        "aktif": (bool,),
        "dasar_hukum": (str,),
    },
    "targets": {"funder": (str,), "periode": (int,), "wilayah": (str,), "jumlah": (int,)},
    "tariffs": {
        "berlaku_mulai": (str,),
        "iuran_jkk": (int,),
        "iuran_jkm": (int,),
        "penghasilan_dasar": (int,),
        "keterangan": (str,),
    },
    "occupations": {"kode": (str,), "nama": (str,), "aktif": (bool,)},
    "synonyms": {"field": (str,), "text": (str,), "kode": (str,)},
    "regions": {
        "kode": (str,),
        "nama": (str,),
        "level": (int,),
        "tipe": (str,),
        "induk": (str, type(None)),
    },
    "keys": {
        "office": (str,),
        "office_name": (str,),
        "public_key": (str,),
        "encryption_key": (str,),
        "revoked_at": (str, type(None)),
        "reason": (str,),
    },
}


def _shape_problem(doc: Mapping[str, Any]) -> str:
    """A short reason when the document is not a well-formed pack, else ''."""
    if doc.get("schema") != SCHEMA:
        return "jenis berkas lain"
    for name, kind in (
        ("pack_id", str),
        ("issuer", str),
        ("issuer_name", str),
        ("region", str),
        ("seq", int),
        ("prev_sha256", str),
        ("created_at", str),
    ):
        if not isinstance(doc.get(name), kind) or isinstance(doc.get(name), bool):
            return f"kolom {name} tidak sah"
    if doc["seq"] < 1 or not doc["issuer"].isdigit():
        return "nomor paket atau kode kantor tidak sah"
    for section, fields in _FIELDS.items():
        items = doc.get(section)
        if not isinstance(items, list):
            return f"bagian {section} tidak ada"
        for item in items:
            if not isinstance(item, dict) or set(item) != set(fields):
                return f"isian {section} tidak lengkap"
            for name, kinds in fields.items():
                value = item[name]
                if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                    return f"{section}.{name} tidak sah"
    try:
        for t in doc["tariffs"]:
            date.fromisoformat(t["berlaku_mulai"])
        for k in doc["keys"]:
            PublicKey.from_text(k["public_key"])
            if k["revoked_at"] is not None:
                datetime.fromisoformat(k["revoked_at"])
    except ValueError:
        return "tanggal atau kunci tidak sah"
    region = doc["region"]
    for w in doc["regions"]:
        if not (
            w["kode"].isdigit()
            and w["kode"].startswith(region)
            and len(w["kode"]) in (4, 6, 10)
            and 1 <= w["level"] <= 4
            and w["nama"].strip()
        ):
            return "kode wilayah tidak sah"
    if any(t["jumlah"] < 0 for t in doc["targets"]):
        return "target negatif"
    funder_codes = {f["kode"] for f in doc["funders"]}
    if any(t["funder"] not in funder_codes for t in doc["targets"]):
        return "target untuk sumber dana yang tidak ada"
    return _synonyms_problem(doc)


def _synonyms_problem(doc: Mapping[str, Any]) -> str:
    """Each synonym names a field with a table, a text, and an occupation the pack lists; once."""
    occupation_codes = {p["kode"] for p in doc["occupations"]}
    seen: set[tuple[str, str]] = set()
    for s in doc["synonyms"]:
        text = norm_value(s["text"])
        if s["field"] not in synonyms.FIELDS or not text or len(text) > synonyms.MAX_TEXT:
            return "padanan nilai tidak sah"
        if s["kode"] not in occupation_codes:
            return f"padanan '{text}' menunjuk pekerjaan {s['kode']} yang tidak ada"
        if (s["field"], text) in seen:
            return f"padanan '{text}' tertulis dua kali"
        seen.add((s["field"], text))
    return ""


def _aware(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=utcnow().tzinfo)


def _parse_time(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


# -- applying ----------------------------------------------------------------------------------


def _apply(
    session: Session, office: Office, doc: dict[str, Any], *, actor: User | None, pack: PackCheck
) -> list[Change]:
    """Bring this office's tables to the pack's values; with ``actor`` None only list the changes."""
    write = actor is not None
    by = actor.username if actor else ""
    changes: list[Change] = []
    funders = {f.kode: f for f in session.exec(select(SumberDana)).all()}
    for item in doc["funders"]:
        row = funders.get(item["kode"])
        new = {
            k: item[k]
            for k in ("nama", "usia_min", "usia_max", "domisili_kab", "aktif", "dasar_hukum")
        }
        if row is None:
            band = _band(item["usia_min"], item["usia_max"])
            changes.append(
                Change(
                    f"Sumber dana baru: {item['kode']} ({item['nama']}), umur {band} tahun.",
                    f"New funder: {item['kode']} ({item['nama']}), ages {band}.",
                )
            )
            if write:
                row = SumberDana(kode=item["kode"], **new)
                session.add(row)
                session.flush()
                funders[row.kode] = row
                audit.record(
                    session,
                    actor,
                    "funder.create",
                    "sumber_dana",
                    row.kode,
                    {**new, "source": f"data induk {pack.issuer}/{pack.seq}"},
                )
            continue
        old = {k: getattr(row, k) for k in new}
        if old != new:
            changes.append(
                Change(
                    f"Sumber dana {row.kode} diubah: {_diff(old, new, 'id')}.",
                    f"Funder {row.kode} changed: {_diff(old, new, 'en')}.",
                )
            )
            if write:
                for k, v in new.items():
                    setattr(row, k, v)
                session.add(row)
                audit.record(
                    session,
                    actor,
                    "funder.update",
                    "sumber_dana",
                    row.kode,
                    {"old": old, "new": new, "source": f"data induk {pack.issuer}/{pack.seq}"},
                )
    if write:
        session.flush()
    changes += _apply_targets(session, office, doc, funders, write, actor)
    changes += _apply_tariffs(session, doc, write, actor)
    changes += _apply_occupations(session, doc, write, actor)
    changes += _apply_synonyms(session, doc, write, actor, pack)
    changes += _apply_regions(session, doc, write, actor)
    changes += _apply_keys(session, office, doc, write, by, actor, pack)
    return changes


def _band(low: int | None, high: int | None) -> str:
    return f"{low if low is not None else '-'}–{high if high is not None else '-'}"


_FIELD_NAMES = {
    "id": {
        "nama": "nama",
        "usia_min": "umur terendah",
        "usia_max": "umur tertinggi",
        "domisili_kab": "domisili",
        "aktif": "aktif",
        "dasar_hukum": "dasar hukum",
    },
    "en": {
        "nama": "name",
        "usia_min": "lowest age",
        "usia_max": "highest age",
        "domisili_kab": "domicile",
        "aktif": "active",
        "dasar_hukum": "legal basis",
    },
}


def _diff(old: Mapping[str, Any], new: Mapping[str, Any], lang: str) -> str:
    names = _FIELD_NAMES[lang]
    return "; ".join(
        f"{names[k]} {_show(old[k], lang)} → {_show(new[k], lang)}" for k in new if old[k] != new[k]
    )


def _show(value: object, lang: str) -> str:
    if value is None or value == "":
        return "(kosong)" if lang == "id" else "(empty)"
    if isinstance(value, bool):
        return {("id", True): "ya", ("id", False): "tidak"}.get((lang, value), str(value).lower())
    return str(value)


def _apply_targets(
    session: Session,
    office: Office,
    doc: dict[str, Any],
    funders: Mapping[str, SumberDana],
    write: bool,
    actor: User | None,
) -> list[Change]:
    changes = []
    for item in doc["targets"]:
        if item["wilayah"] != office.kode:
            continue  # another office's target: not this office's business
        funder = funders.get(item["funder"])
        funder_id = funder.id if funder is not None else None
        row = (
            None
            if funder_id is None
            else session.exec(
                select(Target).where(
                    Target.sumber_dana_id == funder_id,
                    Target.periode == item["periode"],
                    Target.wilayah_kode == office.kode,
                )
            ).first()
        )
        if row is not None and row.jumlah == item["jumlah"]:
            continue
        old = row.jumlah if row is not None else None
        was_id = angka(old, "id") if old is not None else "(belum ada)"
        was_en = angka(old, "en") if old is not None else "(none)"
        changes.append(
            Change(
                f"Target {item['periode']} {item['funder']}: {was_id} → {angka(item['jumlah'], 'id')} orang.",
                f"Target {item['periode']} {item['funder']}: {was_en} → {angka(item['jumlah'], 'en')} people.",
            )
        )
        if write:
            assert funder_id is not None
            row = row or Target(
                sumber_dana_id=funder_id,
                periode=item["periode"],
                wilayah_kode=office.kode,
                jumlah=item["jumlah"],
            )
            row.jumlah = item["jumlah"]
            session.add(row)
            audit.record(
                session,
                actor,
                "target.set",
                "target",
                f"{funder_id}/{item['periode']}/{office.kode}",
                {"old": old, "new": item["jumlah"]},
            )
    return changes


def _apply_tariffs(
    session: Session, doc: dict[str, Any], write: bool, actor: User | None
) -> list[Change]:
    changes = []
    existing = {t.berlaku_mulai: t for t in session.exec(select(Tariff)).all()}
    for item in doc["tariffs"]:
        start = date.fromisoformat(item["berlaku_mulai"])
        row = existing.get(start)
        values = (item["iuran_jkk"], item["iuran_jkm"], item["penghasilan_dasar"])
        if row is not None and (row.iuran_jkk, row.iuran_jkm, row.penghasilan_dasar) == values:
            continue
        jkk, jkm = rupiah(item["iuran_jkk"], "id"), rupiah(item["iuran_jkm"], "id")
        jkk_en, jkm_en = rupiah(item["iuran_jkk"], "en"), rupiah(item["iuran_jkm"], "en")
        changes.append(
            Change(
                f"Iuran mulai {tanggal(start)}: JKK {jkk} + JKM {jkm} per orang per bulan.",
                f"Contribution from {tanggal(start, 'en')}: JKK {jkk_en} + JKM {jkm_en} per person per month.",
            )
        )
        if write:
            row = row or Tariff(berlaku_mulai=start, iuran_jkk=0, iuran_jkm=0, penghasilan_dasar=0)
            row.iuran_jkk, row.iuran_jkm, row.penghasilan_dasar = values
            row.keterangan = item["keterangan"]
            session.add(row)
            audit.record(session, actor, "tariff.set", "tariff", start.isoformat(), dict(item))
    return changes


def _apply_occupations(
    session: Session, doc: dict[str, Any], write: bool, actor: User | None
) -> list[Change]:
    changes = []
    existing = {p.kode: p for p in session.exec(select(Pekerjaan)).all()}
    for item in doc["occupations"]:
        row = existing.get(item["kode"])
        if row is not None and (row.nama, row.aktif) == (item["nama"], item["aktif"]):
            continue
        if row is None:
            changes.append(
                Change(f"Pekerjaan baru: {item['nama']}.", f"New occupation: {item['nama']}.")
            )
        elif not item["aktif"] and row.aktif:
            changes.append(
                Change(
                    f"Pekerjaan {row.nama} tidak dipakai lagi.",
                    f"Occupation {row.nama} is no longer used.",
                )
            )
        else:
            changes.append(
                Change(
                    f"Pekerjaan {row.nama} diubah menjadi {item['nama']}.",
                    f"Occupation {row.nama} renamed {item['nama']}.",
                )
            )
        if write:
            row = row or Pekerjaan(kode=item["kode"], nama=item["nama"])
            row.nama, row.aktif = item["nama"], item["aktif"]
            session.add(row)
            audit.record(session, actor, "occupation.set", "pekerjaan", item["kode"], dict(item))
    return changes


def _apply_synonyms(
    session: Session, doc: dict[str, Any], write: bool, actor: User | None, pack: PackCheck
) -> list[Change]:
    """New or changed office synonyms; this office's own entries the pack does not name stay."""
    changes = []
    table = synonyms.stored(session)
    names = {p["kode"]: p["nama"] for p in doc["occupations"]}
    for item in doc["synonyms"]:
        text, kode = norm_value(item["text"]), item["kode"]
        old = table.get(item["field"], {}).get(text)
        if old == kode:
            continue
        if old is None:
            changes.append(
                Change(
                    f"Padanan baru: '{text}' → {names[kode]}.",
                    f"New synonym: '{text}' → {names[kode]}.",
                )
            )
        else:
            was = names.get(old) or old
            changes.append(
                Change(
                    f"Padanan '{text}' diubah: {was} → {names[kode]}.",
                    f"Synonym '{text}' changed: {was} → {names[kode]}.",
                )
            )
        table.setdefault(item["field"], {})[text] = kode
        if write:
            audit.record(
                session,
                actor,
                "synonym.set",
                "setting",
                synonyms.SETTING,
                {
                    "field": item["field"],
                    "text": text,
                    "old": old,
                    "new": kode,
                    "source": f"data induk {pack.issuer}/{pack.seq}",
                },
            )
    if write and changes:
        synonyms.save(session, table)
    return changes


def _apply_regions(
    session: Session, doc: dict[str, Any], write: bool, actor: User | None
) -> list[Change]:
    """New and renamed regions; a code the pack leaves out stays (records may point at it)."""
    changes = []
    known = {
        w.kode: w
        for w in session.exec(select(Wilayah).where(Wilayah.kode.startswith(doc["region"]))).all()
    }  # type: ignore[attr-defined]
    for item in sorted(doc["regions"], key=lambda w: w["kode"]):  # parents before children
        row = known.get(item["kode"])
        if row is not None and row.nama == item["nama"]:
            continue
        if row is None:
            changes.append(
                Change(
                    f"Wilayah baru: {item['nama']} ({item['kode']}).",
                    f"New region: {item['nama']} ({item['kode']}).",
                )
            )
        else:
            changes.append(
                Change(
                    f"Nama wilayah {item['kode']} diubah: {row.nama} → {item['nama']}.",
                    f"Region {item['kode']} renamed: {row.nama} → {item['nama']}.",
                )
            )
        if write:
            row = row or Wilayah(
                kode=item["kode"],
                nama=item["nama"],
                level=item["level"],
                tipe=item["tipe"],
                induk=item["induk"],
            )
            row.nama = item["nama"]
            session.add(row)
            audit.record(session, actor, "region.set", "wilayah", item["kode"], dict(item))
    if write:
        session.flush()
    return changes


def _apply_keys(
    session: Session,
    office: Office,
    doc: dict[str, Any],
    write: bool,
    by: str,
    actor: User | None,
    pack: PackCheck,
) -> list[Change]:
    changes = []
    source = f"data induk {pack.issuer} no. {pack.seq}"
    rows = session.exec(select(TrustedKeyRow)).all()
    for item in doc["keys"]:
        if item["office"] == office.kode:
            continue  # this office's own key is its own business
        public = PublicKey.from_text(item["public_key"])
        mine = [r for r in rows if r.key_id == public.key_id and r.office_kode == item["office"]]
        revoked_at = _aware(item["revoked_at"]) if item["revoked_at"] else None
        label = (
            f"{item['office']} ({item['office_name']})" if item["office_name"] else item["office"]
        )
        if revoked_at is not None:
            live = [r for r in mine if r.revoked_at is None]
            if mine and not live:
                continue
            changes.append(
                Change(
                    f"Kunci kantor {label} {public.fingerprint} dicabut sejak {tanggal(revoked_at)}.",
                    f"Key of office {label} {public.fingerprint} revoked since {tanggal(revoked_at, 'en')}.",
                )
            )
            if not write:
                continue
            for row in live or [_new_key_row(item, public, by, source)]:
                row.revoked_at, row.revoked_by = revoked_at, by
                row.revoke_reason = item["reason"] or source
                session.add(row)
                audit.record(
                    session,
                    actor,
                    "key.revoke",
                    "trusted_key",
                    public.key_id,
                    {"office": item["office"], "reason": row.revoke_reason, "source": source},
                )
            continue
        if mine:
            if write and item["encryption_key"] and not mine[0].encryption_key:
                mine[0].encryption_key = item["encryption_key"]
                session.add(mine[0])
            continue
        changes.append(
            Change(
                f"Kunci kantor {label} {public.fingerprint} dipercaya (dijamin kantor {pack.issuer}).",
                f"Key of office {label} {public.fingerprint} trusted (vouched for by office {pack.issuer}).",
            )
        )
        if write:
            row = _new_key_row(item, public, by, source)
            session.add(row)
            audit.record(
                session,
                actor,
                "key.trust",
                "trusted_key",
                public.key_id,
                {"office": item["office"], "fingerprint": public.fingerprint, "source": source},
            )
    if write:
        session.flush()
    return changes


def _new_key_row(item: Mapping[str, Any], public: PublicKey, by: str, source: str) -> TrustedKeyRow:
    return TrustedKeyRow(
        office_kode=item["office"],
        office_nama=item["office_name"],
        public_key=item["public_key"],
        key_id=public.key_id,
        fingerprint=public.fingerprint,
        encryption_key=item["encryption_key"],
        registered_by=f"{by} ({source})",
        registered_at=utcnow(),
    )

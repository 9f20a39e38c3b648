"""Writing a legacy commit: registrants in bulk, the imported-row ledger, the audit trail; profiles."""

from __future__ import annotations

import json
import uuid as uuidlib
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from rentan_desktop.domain.registrant import CleanRegistrant
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.check import STATUS_ALREADY, STATUS_REFUSED
from rentan_desktop.legacy.mapping import Profile
from rentan_desktop.services import audit, bulk
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.legacy_models import LegacyImport, LegacyProfile
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

if TYPE_CHECKING:
    from rentan_desktop.services.legacy_import import LegacyRun


def insert_rows(
    session: Session,
    actor: User,
    run: LegacyRun,
    cleans: dict[str, CleanRegistrant],
    *,
    office_kode: str,
    periode: int,
) -> tuple[str, dict[str, str]]:
    """Insert the accepted rows as draft registrants; returns the import uuid and row key -> uuid."""
    result = run.result
    statuses = [result.status.get(r.key) for r in result.rows]
    record = LegacyImport(
        uuid=str(uuidlib.uuid4()),
        file_name=run.file.name,
        file_sha256=run.file_sha256,
        sheet=result.sheet,
        profile=run.profile,
        rows_read=len(result.rows),
        rows_imported=len(cleans),
        rows_refused=statuses.count(STATUS_REFUSED),
        rows_skipped=statuses.count(STATUS_ALREADY),
        created_by=actor.username,
        created_at=utcnow(),
    )
    session.add(record)
    session.flush()
    origin = f"legacy:{record.uuid}"
    by_key = {r.key: r for r in result.rows}
    keys = list(cleans)
    uuids = bulk.insert_drafts(
        session,
        actor,
        [
            (
                cleans[key],
                sorted({i.code for i in by_key[key].issues if not i.is_error}),
                {
                    "source": run.file.name,
                    "row": by_key[key].number,
                    "legacy_import": record.uuid,
                    "cluster": by_key[key].cluster,
                    **({"sheet": by_key[key].sheet} if by_key[key].sheet else {}),
                },
            )
            for key in keys
        ],
        office_kode=office_kode,
        periode=periode,
        origin_batch=origin,
    )
    made = dict(zip(keys, uuids, strict=True))
    ledger = [(key, record.id, made[key]) for key in keys]
    con = driver_of(session)
    con.executemany(  # type: ignore[union-attr]
        "INSERT INTO legacy_row (row_key, import_id, registrant_uuid) VALUES (?,?,?)", ledger
    )
    audit.record(
        session,
        actor,
        "legacy.import",
        "legacy_import",
        record.uuid,
        {
            "file": run.file.name,
            "sha256": run.file_sha256,
            "sheet": result.sheet,
            "rows": len(result.rows),
            "imported": len(cleans),
            "refused": record.rows_refused,
            "skipped": record.rows_skipped,
            "clusters": len(result.clusters),
        },
    )
    return record.uuid, made


def store_profile(session: Session, actor: User, profile: Profile) -> None:
    """Insert or replace a named profile, audited."""
    row = session.exec(select(LegacyProfile).where(LegacyProfile.name == profile.name)).first()
    data = json.dumps(profile.as_dict(), ensure_ascii=False, sort_keys=True)
    if row is None:
        row = LegacyProfile(
            name=profile.name, data=data, updated_by=actor.username, updated_at=utcnow()
        )
    else:
        row.data, row.updated_by, row.updated_at = data, actor.username, utcnow()
    session.add(row)
    audit.record(session, actor, "legacy.profile", "legacy_profile", None, profile.as_dict())


def profile_in(session: Session, name: str) -> Profile:
    """A saved profile by name, or a user error."""
    row = session.exec(select(LegacyProfile).where(LegacyProfile.name == name)).first()
    if row is None:
        raise UserError(codes.PROFILE_UNKNOWN, nama=name)
    return Profile.from_dict(json.loads(row.data))

"""Trusting another office's key: the fingerprint read aloud is compared, and a mismatch never
shows the file's own fingerprint (a clerk would copy it from the screen instead of reading it back)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from rentan_desktop.services import trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError, user_message
from rentan_desktop.signing import key_file
from rentan_desktop.signing.keys import SigningKey
from rentan_desktop.storage.batch_models import TrustedKeyRow
from rentan_desktop.storage.models import User


def _key_file(folder: Path) -> tuple[Path, SigningKey]:
    key = SigningKey.generate()
    path = folder / "KANTOR-640802.rentan-key.json"
    path.write_bytes(
        key_file.export(key, "640802", "Kecamatan Muara Wahau", "2026-12-01T00:00:00+00:00")
    )
    return path, key


def _trusted(ctx: AppContext) -> int:
    with ctx.db.reader() as session:
        return len(session.exec(select(TrustedKeyRow)).all())


def test_a_wrong_fingerprint_is_refused_without_showing_the_files_own(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path, key = _key_file(tmp_path)
    real = key.public_key.fingerprint
    # One group misheard over the phone.
    groups = real.split("-")
    groups[1] = "ZZZZ" if groups[1] != "ZZZZ" else "YYYY"
    misheard = "-".join(groups)
    with pytest.raises(UserError) as refused:
        trust.trust_key(ctx, actor=admin, path=path, fingerprint=misheard)
    for lang in ("id", "en"):
        sentence = user_message(refused.value, lang) or ""
        assert misheard in sentence
        assert real not in sentence
        assert real.replace("-", "") not in sentence.replace("-", "")
    assert _trusted(ctx) == 0  # nothing changed

    trust.trust_key(ctx, actor=admin, path=path, fingerprint=real.lower())
    assert _trusted(ctx) == 1

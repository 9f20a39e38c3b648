"""Issue 12.5: small ways work got lost or a refusal changed something.

Backups are per database, a mistyped ``--db`` creates nothing, and the set-up script waits for
the Debian package lock instead of failing while automatic updates run.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.conftest import ADMIN_PASSWORD, _copy_db

from rentan_desktop.services import backups
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

ROOT = Path(__file__).resolve().parents[1]


def test_two_databases_in_one_folder_keep_their_own_backups(
    ctx: AppContext, admin: User, template_db: Path
) -> None:
    other_path = ctx.db.path.parent / "latihan.db"
    _copy_db(template_db, other_path)
    other = AppContext.open(other_path)
    try:
        from rentan_desktop.services import auth

        other_admin = auth.authenticate(other, "admin", ADMIN_PASSWORD)
        for _ in range(3):
            backups.backup_now(ctx, actor=admin)
            backups.backup_now(other, actor=other_admin)
            time.sleep(0.01)  # distinct names (microsecond stamps)
        mine = backups.list_backups(ctx, actor=admin)
        theirs = backups.list_backups(other, actor=other_admin)
        assert len(mine) == 3 and len(theirs) == 3
        assert {b.path.parent.name for b in mine} == {"backups"}
        assert {b.path.parent.name for b in theirs} == {"backups-latihan"}
        assert not {b.path for b in mine} & {b.path for b in theirs}
    finally:
        other.close()


def test_mistyped_db_creates_nothing(rentan_bin: str, db_path: Path) -> None:
    typo = db_path.parent / "rentan.bd"
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    for args in (["stats"], ["search", "Siti", "--user", "admin"], ["backup", "--user", "admin"]):
        out = subprocess.run(
            [rentan_bin, *args, "--db", str(typo)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert out.returncode == 1, out.stderr
        assert out.stderr.strip().splitlines() == [
            f"Basis data {typo} tidak ada; periksa --db (hanya `rentan init` dan `rentan demo` yang "
            "membuat basis data baru)."
        ]
        assert not typo.exists() and not list(db_path.parent.glob("rentan.bd*"))


def _fake_apt(bin_dir: Path, locked_runs: int) -> Path:
    """apt-get that reports the dpkg lock held ``locked_runs`` times, then installs."""
    counter = bin_dir / "apt-count"
    counter.write_text("0")
    scripts = {
        "apt-get": f"""#!/bin/sh
n=$(cat {counter}); n=$((n + 1)); echo $n > {counter}
echo "apt-get $*" >> {bin_dir}/apt-calls
if [ $n -le {locked_runs} ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (unattended-upgr)" >&2
  exit 100
fi
exit 0
""",
        "dpkg-query": "#!/bin/sh\nexit 1\n",  # nothing installed
        "id": "#!/bin/sh\necho 0\n",  # as root
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _run_setup(bin_dir: Path, wait: int) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RENTAN_APT_WAIT": str(wait),
        "RENTAN_APT_POLL": "1",
    }
    return subprocess.run(
        ["sh", str(ROOT / "packaging" / "system-deps.sh"), "libxkbcommon0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_setup_script_waits_for_the_package_lock(tmp_path: Path) -> None:
    bin_dir = _fake_apt(tmp_path, locked_runs=2)
    out = _run_setup(bin_dir, wait=30)
    assert out.returncode == 0, out.stderr
    assert "Waiting for the Debian package lock" in out.stderr
    calls = (bin_dir / "apt-calls").read_text().splitlines()
    assert len(calls) == 3 and all("install" in c and "DPkg::Lock::Timeout" in c for c in calls)


def test_setup_script_gives_up_after_the_bound_with_a_sentence(tmp_path: Path) -> None:
    bin_dir = _fake_apt(tmp_path, locked_runs=1000)
    started = time.monotonic()
    out = _run_setup(bin_dir, wait=2)
    assert out.returncode != 0 and time.monotonic() - started < 30
    assert "still held after 2s" in out.stderr and "Traceback" not in out.stderr

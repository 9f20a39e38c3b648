"""packaging/smoke.sh itself: it must fail loudly on a broken bundle and pass on a working one.

The real bundle is checked by `make package`; here stand-in bundles (two small shell programs)
make the script's own logic testable in seconds.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SMOKE = ROOT / "packaging" / "smoke.sh"
VENV_BIN = ROOT / ".venv" / "bin"


def _bundle(folder: Path, cli: str, gui: str) -> Path:
    folder.mkdir()
    for name, body in (("rentan", cli), ("rentan-desktop", gui)):
        path = folder / name
        path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        path.chmod(0o755)
    return folder


def _smoke(bundle: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(SMOKE), str(bundle)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


# A stand-in CLI that answers every smoke step the way the real one does.
FAKE_CLI = r"""
out=""; cmd="$1"
while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
case "$cmd" in
  --version) echo "rentan 0.1.0" ;;
  demo) echo '{"created": 200}' ;;
  search) echo '{"total": 200, "rows": [{"nik": "NIK_HERE", "uuid": "0f0e-ab12"}]}' ;;
  print) printf '%%PDF-1.4 /BaseFont /AAAAAA+DejaVuSansCondensed' >"$out" ;;
  template) echo "xlsx" >"$out" ;;
  import-xlsx) echo '{"rejected": 0}' ;;
esac
"""


def _fake_cli(nik: str = "************0001") -> str:
    return FAKE_CLI.replace("NIK_HERE", nik)


def test_passes_on_a_bundle_that_answers_every_step(tmp_path: Path) -> None:
    result = _smoke(_bundle(tmp_path / "b", _fake_cli(), "exit 0"))
    assert result.returncode == 0, result.stderr
    assert "smoke: OK" in result.stdout


def test_fails_when_search_prints_a_full_nik(tmp_path: Path) -> None:
    result = _smoke(_bundle(tmp_path / "b", _fake_cli("6408014512900001"), "exit 0"))
    assert result.returncode == 1 and "full NIK" in result.stderr


def test_fails_when_a_command_fails(tmp_path: Path) -> None:
    cli = 'if [ "$1" = "--version" ]; then echo "rentan 0.1.0"; exit 0; fi\nexit 3'
    result = _smoke(_bundle(tmp_path / "b", cli, "exit 0"))
    assert result.returncode == 1
    assert "FAILED: rentan init" in result.stderr


def test_fails_when_the_bundle_is_missing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _smoke(tmp_path / "empty")
    assert result.returncode == 1 and "missing" in result.stderr


def test_fails_when_the_gui_hangs_or_errors(tmp_path: Path) -> None:
    cli = _fake_cli()
    hang = _smoke(_bundle(tmp_path / "hang", cli, "sleep 30"), SMOKE_GUI_TIMEOUT="2")
    assert hang.returncode == 1
    assert "still running after 2s" in hang.stderr
    noisy = _smoke(_bundle(tmp_path / "noisy", cli, 'echo "Traceback (most recent call last):"'))
    assert noisy.returncode == 1 and "reported an error" in noisy.stderr


@pytest.mark.slow
def test_passes_on_a_working_program(tmp_path: Path) -> None:
    """Whole script against the source tree's programs (the real bundle: `make package`)."""
    cli = f'exec "{VENV_BIN / "rentan"}" "$@"'
    gui = f'exec "{VENV_BIN / "rentan-desktop"}" "$@"'
    result = _smoke(_bundle(tmp_path / "ok", cli, gui))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: OK" in result.stdout

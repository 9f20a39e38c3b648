"""Role refusals for every service function: each role lacking the permission is refused, and nothing changes.

The matrix is built from the code itself: every public function in ``rentan_desktop.services``
that takes a keyword ``actor`` and calls ``require(actor, Perm.X)`` is called once per role that
``domain.roles.GRANTS`` does not give ``Perm.X``, with harmless placeholder arguments. The call
must raise ``RoleRefused`` before touching anything, so the database stays byte-for-byte the same.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sqlite3
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import rentan_desktop.services as services_pkg
from rentan_desktop.domain.roles import GRANTS, Perm, Role, RoleRefused
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


def _required_perms(func: Callable[..., Any]) -> set[Perm]:
    """Perm members passed to ``require(...)`` directly in the function body."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return set()
    found: set[Perm] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        arg = node.args[1]
        if (
            name == "require"
            and isinstance(arg, ast.Attribute)
            and getattr(arg.value, "id", "") == "Perm"
        ):
            found.add(Perm[arg.attr])
    return found


def service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.iter_modules(services_pkg.__path__):
        module = importlib.import_module(f"rentan_desktop.services.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            params = inspect.signature(func).parameters
            if "actor" in params and params["actor"].kind is inspect.Parameter.KEYWORD_ONLY:
                yield f"{info.name}.{name}", func


def matrix() -> list[tuple[str, Role, Perm]]:
    cases = []
    for label, func in service_functions():
        perms = _required_perms(func)
        if len(perms) != 1:
            continue  # several or computed permissions: covered by the feature's own tests
        perm = next(iter(perms))
        cases += [(label, role, perm) for role in Role if perm not in GRANTS[role]]
    return sorted(cases, key=lambda c: (c[0], c[1].value))


CASES = matrix()


def placeholder(param: inspect.Parameter, tmp: Path) -> Any:
    """A harmless value of roughly the right type; a refused call never looks at it."""
    text = str(param.annotation)
    if "Path" in text:
        return tmp / "nothing"
    if "Sequence" in text or "list" in text or "Iterable" in text:
        return []
    if "dict" in text or "Mapping" in text:
        return {}
    if "bool" in text:
        return False
    if "int" in text and "str" not in text:
        return 1
    return "x"


def _fingerprint(path: Path) -> list[Any]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        return [(t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]
    finally:
        con.close()


def test_matrix_is_not_empty() -> None:
    labels = {c[0] for c in CASES}
    # The services every office uses must be in the matrix (a broken AST scan would empty it).
    assert {
        "backups.restore",
        "privacy.verify_audit",
        "retention.run",
        "auth.create_user",
    } <= labels
    assert len(CASES) > 40


@pytest.fixture
def users(ctx: AppContext, make_user: Callable[[str], User]) -> dict[Role, User]:
    return {role: make_user(role.value) for role in Role if role is not Role.ADMIN}


def test_every_refusal(ctx: AppContext, users: dict[Role, User], tmp_path: Path) -> None:
    funcs = dict(service_functions())
    before = _fingerprint(ctx.db.path)
    failures = []
    for label, role, perm in CASES:
        func = funcs[label]
        kwargs: dict[str, Any] = {}
        for name, param in inspect.signature(func).parameters.items():
            if name in ("ctx", "actor") or param.default is not inspect.Parameter.empty:
                continue
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            kwargs[name] = placeholder(param, tmp_path)
        try:
            func(ctx, actor=users[role], **kwargs)
        except RoleRefused as exc:
            if exc.perm is not perm:
                failures.append(f"{label} as {role}: refused for {exc.perm}, expected {perm}")
            continue
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            failures.append(f"{label} as {role}: {type(exc).__name__} before the role check")
            continue
        failures.append(f"{label} as {role}: allowed without {perm}")
    assert failures == []
    assert _fingerprint(ctx.db.path) == before

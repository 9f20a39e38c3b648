"""Case-insensitive ``LIKE`` written once for each backend (a region name typed in any case).

SQLite's ``LIKE`` already ignores the case of ASCII letters and can use the plain column; a generic
``lower(column) LIKE lower(pattern)`` (what SQLAlchemy's ``ilike`` gives on SQLite) lowers every
row first and made a name search over the ~80,000 desa twice as slow. PostgreSQL has ``ILIKE``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

ESCAPE = "\\"


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A ``LIKE`` pattern finding ``text`` anywhere (or at the start), its own ``%`` and ``_``
    taken literally (escaped with ``\\``)."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return ("" if prefix else "%") + escaped + "%"


class like_ci(FunctionElement[bool]):  # noqa: N801 - reads as an SQL operator
    """``column`` matches ``pattern`` (from :func:`like_pattern`) whatever the letters' case."""

    type = Boolean()
    name = "like_ci"
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition already: no "= 1" after it on SQLite

    def __init__(self, column: ColumnElement[Any], pattern: str) -> None:
        super().__init__(column, literal(pattern))


def _parts(element: like_ci, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    column, pattern = list(element.clauses)
    return compiler.process(column, **kw), compiler.process(pattern, **kw)


@compiles(like_ci, "sqlite")
def _sqlite(element: like_ci, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = _parts(element, compiler, **kw)
    return f"{column} LIKE {pattern} ESCAPE '{ESCAPE}'"


@compiles(like_ci, "postgresql")
def _postgresql(element: like_ci, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = _parts(element, compiler, **kw)
    return f"{column} ILIKE {pattern} ESCAPE '{ESCAPE}'"


@compiles(like_ci)
def _other(element: like_ci, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = _parts(element, compiler, **kw)
    return f"lower({column}) LIKE lower({pattern}) ESCAPE '{ESCAPE}'"

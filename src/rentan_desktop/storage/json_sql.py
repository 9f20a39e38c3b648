"""Reading keys of JSON kept in text columns (audit details), written once for each backend.

The audit trail stores each event's detail as canonical JSON text. SQLite reads it with
``json_extract`` and ``json_array_length``; PostgreSQL casts the text to ``jsonb`` and uses ``->>``
and ``jsonb_array_length``. Statements use these two functions instead of either spelling.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class _JsonKey(FunctionElement[Any]):
    """``column``'s JSON text at top-level ``key`` (a code constant: inlined, never user text)."""

    # The key is inlined into the SQL, so two keys must never share a cached compilation: these
    # statements (reports, not hot paths) are compiled each time instead.
    inherit_cache = False

    def __init__(self, column: ColumnElement[Any], key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"not a JSON key this module inlines: {key!r}")
        self.key = key
        super().__init__(column)

    def _column(self, compiler: SQLCompiler, **kw: Any) -> str:
        return compiler.process(next(iter(self.clauses)), **kw)


class json_text(_JsonKey):  # noqa: N801 - reads as an SQL function
    """The value at ``key`` as text (NULL when the key is absent or JSON ``null``)."""

    type = String()
    name = "json_text"
    inherit_cache = False


class json_array_length(_JsonKey):  # noqa: N801 - reads as an SQL function
    """How many items the array at ``key`` holds (NULL when the key is absent)."""

    type = Integer()
    name = "json_array_length"
    inherit_cache = False


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_extract({element._column(compiler, **kw)}, '$.{element.key}')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST({element._column(compiler, **kw)} AS JSONB) ->> '{element.key}')"


@compiles(json_array_length, "sqlite")
def _length_sqlite(element: json_array_length, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_length({element._column(compiler, **kw)}, '$.{element.key}')"


@compiles(json_array_length, "postgresql")
def _length_postgresql(element: json_array_length, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"jsonb_array_length(CAST({element._column(compiler, **kw)} AS JSONB) -> '{element.key}')"
    )

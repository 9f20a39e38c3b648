"""Canonical JSON in the style of RFC 8785 (JSON Canonicalization Scheme, JCS).

Signed documents (batch manifests, receipts, key exports) are signed over their canonical bytes so
that key order, whitespace or a re-serialisation by another tool never changes what was signed.

The subset we accept is deliberately smaller than JSON: objects with string keys, arrays, strings,
booleans, null and integers within the I-JSON safe range (|n| < 2**53). Floats are refused because
their ECMAScript number formatting is a source of cross-implementation bugs and we never need them:
money is whole rupiah and dates are ISO strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

_MAX_SAFE_INT = 2**53 - 1
# json.dumps with ensure_ascii=False escapes exactly what JCS escapes: '"', '\\', the short forms
# \b \f \n \r \t and the other C0 controls as lowercase \u00xx; everything else is emitted raw.
_encode_string = json.JSONEncoder(ensure_ascii=False).encode


class CanonicalError(ValueError):
    """The value cannot be represented in canonical JSON (float, lone surrogate, huge int...)."""


def _utf16_key(key: str) -> list[int]:
    # JCS sorts object members by the UTF-16 code units of their names, not by code points.
    data = key.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def _check_string(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates are not valid Unicode text
        raise CanonicalError("string contains a lone surrogate") from exc
    return value


def _emit(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        if abs(value) > _MAX_SAFE_INT:
            raise CanonicalError(f"integer {value} is outside the I-JSON safe range")
        out.append(str(int(value)))
    elif isinstance(value, float):
        raise CanonicalError("floats are not allowed in canonical documents")
    elif isinstance(value, str):
        out.append(_encode_string(_check_string(value)))
    elif isinstance(value, Mapping):
        items = []
        for key in value:
            if not isinstance(key, str):
                raise CanonicalError(f"object key {key!r} is not a string")
            items.append((_utf16_key(_check_string(key)), key))
        items.sort()
        out.append("{")
        for index, (_, key) in enumerate(items):
            if index:
                out.append(",")
            out.append(_encode_string(key))
            out.append(":")
            _emit(value[key], out)
        out.append("}")
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _emit(item, out)
        out.append("]")
    else:
        raise CanonicalError(f"type {type(value).__name__} is not allowed in canonical JSON")


def dumps(value: Any) -> bytes:
    """Serialise ``value`` to canonical JSON bytes (UTF-8, no whitespace, sorted keys).

    Args:
        value: nested dicts/lists of str, int, bool and None.

    Returns:
        The canonical UTF-8 bytes; equal values always give equal bytes.

    Raises:
        CanonicalError: for floats, unsafe integers, non-string keys or invalid Unicode.
    """
    out: list[str] = []
    _emit(value, out)
    return "".join(out).encode("utf-8")


def loads(data: bytes) -> Any:
    """Parse JSON bytes and return the value, refusing floats and duplicate keys.

    Raises:
        CanonicalError: if the bytes are not valid UTF-8 JSON of the accepted subset.
    """

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, item in pairs:
            if key in result:
                raise CanonicalError(f"duplicate key {key!r}")
            result[key] = item
        return result

    def no_float(text: str) -> float:
        raise CanonicalError("floats are not allowed in canonical documents")

    try:
        text = data.decode("utf-8")
        depth = nesting_depth(text)
        if depth > MAX_DEPTH:
            raise CanonicalError(f"nested {depth} levels deep; at most {MAX_DEPTH} are accepted")
        return json.loads(text, object_pairs_hook=no_duplicates, parse_float=no_float)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CanonicalError(f"not valid JSON: {type(exc).__name__}") from exc


MAX_DEPTH = 32  # manifests and receipts nest 3 levels; deeper is a crafted file
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply ``text`` nests arrays and objects, strings ignored (no recursion, linear time).

    Why: ``json.loads`` recurses once per level and raises ``RecursionError`` near 1,000 levels,
    and anything that walks the value afterwards recurses too; a document is refused first.
    """
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def is_canonical(data: bytes) -> bool:
    """True when ``data`` is exactly the canonical serialisation of what it encodes."""
    try:
        return dumps(loads(data)) == data
    except CanonicalError:
        return False

"""Memoising the pure cleaners of one cell: a big file repeats the same texts thousands of times."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict[Any, Any]):
    """``memo[text]`` is ``fn(text)``, computed on the first lookup of each distinct text.

    A plain dict lookup when the text was seen before (no wrapper call, unlike ``lru_cache``),
    unbounded because it lives as long as one check of one file.
    """

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)
        return value

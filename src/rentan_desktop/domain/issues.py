"""Validation findings (errors and warnings) with messages in Bahasa Indonesia and English.

Every rule in the domain reports an :class:`Issue` carrying a stable code; the text is looked up
in a catalogue so the GUI, the CLI and report workbooks speak the same sentence in either language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from types import MappingProxyType

LANGUAGES = ("id", "en")
_current_language = "id"
_CATALOG: dict[str, tuple[str, str]] = {}


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


def define(code: str, *, id: str, en: str) -> str:  # noqa: A002 - "id" is the language code
    """Register the Indonesian and English text of a message code; returns the code."""
    _CATALOG[code] = (id, en)
    return code


def define_all(entries: Mapping[str, tuple[str, str]]) -> None:
    """Register several codes at once: ``{code: (indonesian, english)}``."""
    _CATALOG.update(entries)


def set_language(lang: str) -> None:
    """Select the language used when no language is passed explicitly."""
    global _current_language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current_language = lang


def language() -> str:
    return _current_language


def text(code: str, lang: str | None = None, /, **params: object) -> str:
    """The message for ``code`` in ``lang`` with ``{placeholders}`` filled from params."""
    lang = lang or _current_language
    template = _CATALOG.get(code)
    if template is None:
        return code
    chosen = template[0] if lang == "id" else template[1]
    try:
        return chosen.format(**params)
    except (KeyError, IndexError, ValueError):
        return chosen


@dataclass(frozen=True)
class Issue:
    """One finding about one field (or the whole record when ``field`` is None)."""

    code: str
    severity: Severity
    field: str | None = None
    params: Mapping[str, object] = dc_field(default_factory=lambda: MappingProxyType({}))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str | None = None) -> str:
        return text(self.code, lang, **dict(self.params))

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "field": self.field,
            "message": self.message(lang),
        }


def error(code: str, field: str | None = None, /, **params: object) -> Issue:
    return Issue(code, Severity.ERROR, field, MappingProxyType(dict(params)))


def warning(code: str, field: str | None = None, /, **params: object) -> Issue:
    return Issue(code, Severity.WARNING, field, MappingProxyType(dict(params)))


def errors_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]


def warnings_of(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if not i.is_error]


class Refusal(Exception):
    """Any refusal that speaks to the user: a catalogue ``code`` and its ``params``.

    Every layer's refusal (a service's, a file reader's, a guard's) derives from this, so the shells
    show its sentence and never mistake it for a defect.
    """

    code: str
    params: Mapping[str, object]

    def message(self, lang: str | None = None) -> str:
        return text(self.code, lang, **self.params)

"""The state of a form on a page: what it shows, its errors, and a version conflict.

A form shown again after bad input or a stale save keeps every value that
was typed (``values``), with the error next to its field (``errors``, keyed
by the form field that ``WarroomError.field`` names). A stale save also
lists what others changed (``conflict``) and carries the current version,
so that saving again, after reading the changes, goes through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warroom.errors import StaleVersionError, WarroomError


@dataclass(frozen=True)
class ChangeRow:
    """One field someone else changed since the form was loaded."""

    field: str
    old: Any
    new: Any
    actor: str | None
    at: str | None
    version: int | None


@dataclass
class FormState:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # a message that belongs to no single field
    conflict: list[ChangeRow] | None = None
    conflict_versions: tuple[int, int] | None = None  # (the form's, the stored)
    version: int = 0
    open: bool = False  # show the edit form opened (an error to fix, a preview)
    notes: list[str] = field(default_factory=list)
    preview: str | None = None  # sanitised HTML of a Markdown preview

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.error or self.conflict is not None)


def failed_form(
    values: dict[str, str], exc: WarroomError, *, version: int, fields: Iterable[str] = ()
) -> FormState:
    """The form again with what was typed and the error on its field (or above the form)."""
    state = FormState(values=dict(values), version=version, open=True)
    if isinstance(exc, StaleVersionError):
        state.conflict = [
            ChangeRow(
                field=str(change.get("field", "")),
                old=change.get("old"),
                new=change.get("new"),
                actor=change.get("actor"),
                at=change.get("at"),
                version=change.get("version"),
            )
            for change in exc.changes
        ]
        state.conflict_versions = (exc.expected, exc.actual)
        state.version = exc.actual
        return state
    name = field_name(exc.field, [*values, *fields])
    if name is not None:
        state.errors[name] = exc.message
    else:
        state.error = exc.message
    return state


def field_name(error_field: str | None, names: Iterable[str]) -> str | None:
    """The form field an error's ``field`` points at: itself, or its last dotted part."""
    if not error_field:
        return None
    known = set(names)
    candidates = [error_field, error_field.split(".")[-1], error_field.replace("_at", "")]
    candidates.append(error_field.split(".")[-1].split("[")[0])
    for name in candidates:
        if name in known:
            return name
    return None


def parse_version(text: str) -> int | None:
    """The version a form was loaded at (``None``: the form did not say)."""
    return int(text) if text.strip().isdigit() else None

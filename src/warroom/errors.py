"""The one exception tree of warroom.

Every error a user can cause or meet is a ``WarroomError`` with a stable
``code`` (for scripts and the API) and a one-line ``message`` (for people).
``field`` names the input field at fault, as a dotted path, when there is one.

::

    WarroomError                 code            CLI exit  HTTP
    +-- ValidationError          invalid         1         422
    +-- NotFoundError            not_found       1         404
    +-- ConflictError            conflict        1         409
    |   +-- StaleVersionError    stale_version   1         409
    +-- PermissionDeniedError    forbidden       1         403
    +-- AuthenticationError      unauthenticated 1         401
    +-- ReportImportError        import_failed   1         422
    +-- ConfigurationError       bad_config      2         500
    +-- StorageError             storage         1         503

Lower-level errors (database drivers, parsers) are turned into these in
exactly one place per adapter: ``storage.errors`` for the database. Each
entry point turns these into its own answer in one place: the CLI prints a
red line and exits, the API answers ``{"error": {"code", "message", "field"}}``.
"""

from __future__ import annotations

from typing import Any


class WarroomError(Exception):
    """Base of every error warroom raises on purpose."""

    code = "error"
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "field": self.field}

    def __str__(self) -> str:
        return self.message


class ValidationError(WarroomError):
    """Input that breaks a rule: a bad value, a milestone out of order, a forbidden move."""

    code = "invalid"
    http_status = 422


class NotFoundError(WarroomError):
    """The thing named does not exist, or the caller may not know that it does."""

    code = "not_found"
    http_status = 404


class ConflictError(WarroomError):
    """The write collides with the current state (a duplicate, a unique value taken)."""

    code = "conflict"
    http_status = 409


class StaleVersionError(ConflictError):
    """The update was based on an older version of the incident than the stored one.

    ``changes`` lists what was changed since ``expected``, from the audit log:
    ``{"field", "old", "new", "version", "actor", "at"}`` each.
    """

    code = "stale_version"

    def __init__(
        self,
        message: str,
        *,
        expected: int,
        actual: int,
        changes: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message, field="version")
        self.expected = expected
        self.actual = actual
        self.changes = changes or []

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data.update(expected=self.expected, actual=self.actual, changes=self.changes)
        return data


class PermissionDeniedError(WarroomError):
    code = "forbidden"
    http_status = 403


class AuthenticationError(WarroomError):
    code = "unauthenticated"
    http_status = 401


class ReportImportError(WarroomError):
    """A file that cannot be read as a report: empty, binary, too large, not a report."""

    code = "import_failed"
    http_status = 422


class ConfigurationError(WarroomError):
    code = "bad_config"
    exit_code = 2
    http_status = 500


class StorageError(WarroomError):
    """The database could not be reached or refused the write for a reason of its own."""

    code = "storage"
    http_status = 503

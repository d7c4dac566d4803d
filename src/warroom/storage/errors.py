"""Database errors turned into warroom errors: the one place storage does it.

Every statement the storage adapter runs goes through ``translate_errors``:
a unique value taken twice becomes a ``ConflictError``; a database that cannot be
reached, is locked for too long or refuses the statement becomes a
``StorageError`` naming the database (without its password) and the reason.
Errors that are already ``WarroomError`` pass through untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from warroom.errors import ConflictError, StorageError

# Words in driver messages that mean "the database is not there" rather than
# "the database did not like this statement".
_UNREACHABLE_HINTS = (
    "connection refused",
    "could not connect",
    "connection failed",
    "unable to open database file",
    "could not translate host name",
    "server closed the connection",
    "connection timeout",
    "timeout expired",
    "name or service not known",
)


def safe_url(url: str | URL) -> str:
    """The URL as it can be shown to people and logs: the password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "<unreadable database URL>"


def reason_of(exc: BaseException) -> str:
    """The driver's own message, first line only, without SQLAlchemy's decoration."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip() or type(original).__name__
    return text.splitlines()[0]


def storage_error(exc: BaseException, url: str | URL, *, connecting: bool = False) -> StorageError:
    """A ``StorageError`` describing ``exc``, which happened talking to ``url``."""
    where = safe_url(url)
    reason = reason_of(exc)
    lowered = reason.lower()
    if "database is locked" in lowered:
        return StorageError(
            f"the database at {where} stayed locked by another warroom process; try again"
        )
    invalidated = isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated
    if connecting or invalidated or any(hint in lowered for hint in _UNREACHABLE_HINTS):
        return StorageError(f"cannot reach the database at {where}: {reason}")
    return StorageError(f"the database at {where} refused the operation: {reason}")


def is_unique_violation(exc: sa_exc.IntegrityError) -> bool:
    """Whether the violated constraint is a unique one (not NOT NULL, a foreign key, ...)."""
    if getattr(exc.orig, "sqlstate", None) == "23505":  # PostgreSQL unique_violation
        return True
    return "UNIQUE constraint failed" in str(exc.orig)


@contextmanager
def translate_errors(
    url: str | URL, *, conflict: str | None = None, connecting: bool = False
) -> Iterator[None]:
    """Run a block of database work, turning driver errors into warroom errors.

    ``conflict`` is the message for an integrity violation (a duplicate
    reference, ...); ``connecting`` says that the block opens the connection,
    so any failure means the database cannot be reached.
    """
    try:
        yield
    except sa_exc.IntegrityError as exc:
        if not is_unique_violation(exc):
            raise storage_error(exc, url) from exc
        message = conflict or f"the write conflicts with stored data: {reason_of(exc)}"
        raise ConflictError(message) from exc
    except sa_exc.DBAPIError as exc:
        raise storage_error(exc, url, connecting=connecting) from exc

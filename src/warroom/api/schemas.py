"""The shapes of the API's bodies, for validation and for the OpenAPI description.

The incident record itself is not redeclared: its schema is derived from
the domain dataclasses (``domain.model.Incident``), the same fields that
``domain.record.to_record`` writes. Request bodies forbid unknown fields,
so a misspelt field is a 422 naming it rather than silently ignored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from warroom.domain.accounts import Role, Scope
from warroom.domain.model import (
    ActionItem,
    EventKind,
    Incident,
    IncidentStatus,
    Phase,
    ReviewStatus,
    TimelineEvent,
    Visibility,
)
from warroom.errors import ValidationError

__all__ = ["ActionItem", "Incident", "TimelineEvent"]


def _no_nul(value: Any) -> Any:
    """Text with a NUL character cannot be stored (PostgreSQL refuses it): 422 instead."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text cannot contain NUL characters")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


def check_no_nul(value: Any, path: str = "") -> None:
    """The same check for free-form JSON (a PATCH, imported records), naming the field."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationError("text cannot contain NUL characters", field=path or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_no_nul(str(key), path)
            check_no_nul(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_no_nul(item, f"{path}[{index}]")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _text_without_nul(cls, value: Any) -> Any:
        return _no_nul(value)


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None
    expected: int | None = None
    actual: int | None = None
    changes: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class DeclareBody(Body):
    title: str = Field(examples=["Checkout API returning 500s"])
    severity: int | str = Field(examples=[1, "SEV-2", "high"])
    services: list[str] = []
    commander: str | None = None
    summary: str | None = None
    started_at: str | None = Field(None, examples=["2026-11-20T14:02:00Z", "14:02"])
    detected_at: str | None = None
    detection_source: str | None = None
    visibility: Visibility = Visibility.PUBLIC


class SummaryRow(BaseModel):
    """One incident in a list (docs/record.md, "list rows")."""

    ref: str
    title: str
    severity: int
    status: IncidentStatus
    review_status: ReviewStatus
    visibility: Visibility
    services: list[str]
    commander: str | None
    started: datetime | None
    resolved: datetime | None
    created_at: datetime
    updated_at: datetime


class IncidentPage(BaseModel):
    items: list[SummaryRow]
    next: str | None = Field(description="Pass as `after` for the next page; null on the last.")


class TimelineBody(Body):
    text: str
    at: str | None = Field(None, description="When; default now. ISO 8601 or 'HH:MM'.")
    kind: EventKind = EventKind.OBSERVATION
    phase: Phase | None = None
    link: str | None = None


class TimelineCreated(BaseModel):
    ref: str
    version: int
    event: TimelineEvent
    notes: list[str]


class MilestoneBody(Body):
    at: str | None = Field(description="The time, or null to clear the milestone.")
    version: int | None = None


class StatusBody(Body):
    status: IncidentStatus
    at: str | None = None
    version: int | None = None


class ReopenBody(Body):
    at: str | None = None
    reason: str | None = None
    version: int | None = None


class SeverityBody(Body):
    severity: int | str
    at: str | None = None
    version: int | None = None


class RoleBody(Body):
    person: str | None = Field(description="Who takes the role; null clears a single role.")
    version: int | None = None


class NewActionItemBody(Body):
    title: str
    owner: str | None = None
    due: date | None = None
    priority: str = "medium"
    horizon: str | None = None
    kind: str | None = None
    factor: str | None = None
    ticket: str | None = None


class ActionItemPatch(Body):
    title: str | None = None
    owner: str | None = None
    due: date | None = None
    priority: str | None = None
    status: str | None = None
    reason: str | None = None
    ticket: str | None = None


class ActionItemOut(BaseModel):
    ref: str
    incident_title: str
    item: ActionItem


class ActionItemList(BaseModel):
    items: list[ActionItemOut]
    next: str | None = None


class FieldChangeOut(BaseModel):
    field: str
    old: Any
    new: Any


class AuditEntryOut(BaseModel):
    ref: str
    version: int
    at: datetime
    actor: str | None
    action: str
    changes: list[FieldChangeOut]


class AuditList(BaseModel):
    items: list[AuditEntryOut]
    next: int | None = Field(None, description="Pass as `after` for the next page.")


class ImportResult(BaseModel):
    dry_run: bool
    created: list[str]
    skipped: list[str]


class ReportImportOut(BaseModel):
    """A Markdown report read (and, unless a dry run, stored as a new incident)."""

    dry_run: bool
    source_name: str
    ref: str | None
    format: str | None
    recognised: list[str]
    warnings: list[str]
    error: str | None = Field(description="Why it cannot be imported (dry run only).")
    record: Incident | None


class UserOut(BaseModel):
    name: str
    role: Role
    created_at: datetime
    disabled: bool
    has_password: bool


class UserList(BaseModel):
    items: list[UserOut]
    next: None = None


class NewUserBody(Body):
    name: str
    role: Role
    password: str | None = None


class UserPatch(Body):
    role: Role | None = None
    disabled: bool | None = None
    password: str | None = None


class SignInBody(Body):
    name: str
    password: str


class SetupBody(Body):
    token: str
    name: str
    password: str


class TokenOut(BaseModel):
    id: str
    name: str
    scope: Scope
    user: str
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenList(BaseModel):
    items: list[TokenOut]
    next: None = None


class NewTokenBody(Body):
    name: str
    scope: Scope = Scope.READ
    user: str | None = Field(None, description="The account it acts as; default: you.")


class NewToken(TokenOut):
    secret: str = Field(description="Shown once: send as 'Authorization: Bearer <secret>'.")

"""Partial updates of an incident record (the API's PATCH), through the domain rules.

The patch is a JSON Merge Patch (RFC 7396) of the record (docs/record.md):
objects merge key by key, ``null`` removes a key (the field gets its default,
or null), lists and other values replace. Status, severity, milestones and
roles are not written as data: they go through ``domain.incident``, so they
are validated and each appends its timeline entry. The timeline and action
items have their own endpoints; ``ref``, the stamps and the derived keys
cannot be changed, but may be sent back unchanged.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, get_type_hints

from warroom.domain import incident as rules
from warroom.domain.model import MILESTONE_NAMES, Incident
from warroom.domain.record import READ_ONLY_KEYS, load_part, to_record
from warroom.errors import ValidationError
from warroom.services.context import Context, Outcome, read_time
from warroom.services.incidents import MAX_TITLE, mutate
from warroom.services.ports import Viewer

RULED = ("severity", "milestones", "roles", "status")  # applied in this order, after the rest
FIXED = {
    "ref": "the reference cannot change",
    "created_at": "created_at cannot change",
    "updated_at": "updated_at is set by warroom",
    "timeline": "add timeline entries with POST .../timeline",
    "action_items": "change action items through .../action-items",
}
_FIELDS = {f.name for f in dataclasses.fields(Incident)}


def update_incident(
    ctx: Context,
    ref: str,
    patch: dict[str, Any],
    *,
    expected_version: int | None,
    actor: str | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Apply a merge patch to the incident if it is still at ``expected_version``.

    Raises StaleVersionError (with the changes since) when it is not, and
    ValidationError naming the field for any bad value, writing nothing.
    """
    if not isinstance(patch, dict):
        raise ValidationError("the patch must be a JSON object", field="")
    unknown = sorted(set(patch) - _FIELDS - READ_ONLY_KEYS)
    if unknown:
        raise ValidationError(f"unknown field {unknown[0]!r}", field=unknown[0])
    notes: list[str] = []

    def change(incident: Incident) -> None:
        apply_patch(ctx, incident, patch, actor=actor, notes=notes)

    incident, _ = mutate(
        ctx,
        ref,
        change,
        expected_version=expected_version,
        viewer=viewer,
        actor=actor,
        action="update",
    )
    return Outcome(incident, notes)


def apply_patch(
    ctx: Context,
    incident: Incident,
    patch: dict[str, Any],
    *,
    actor: str | None,
    notes: list[str],
) -> None:
    """Apply a merge patch to an incident in memory (inside the caller's unit of work)."""
    current = to_record(incident)
    for key, reason in FIXED.items():
        if key in patch and patch[key] != current[key]:
            raise ValidationError(reason, field=key)
    hints = get_type_hints(Incident)
    for key, value in patch.items():
        if key in FIXED or key in RULED or key in READ_ONLY_KEYS or key == "version":
            continue
        merged = merge_patch(current[key], value)
        setattr(incident, key, load_part(hints[key], merged, key))
    _apply_ruled(ctx, incident, patch, actor, notes)
    incident.title = incident.title.strip()
    if len(incident.title) > MAX_TITLE:
        raise ValidationError(f"the title is longer than {MAX_TITLE} characters", field="title")
    rules.check_incident(incident, max_severity=ctx.settings.scale.levels)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge recursively, ``null`` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _apply_ruled(
    ctx: Context, incident: Incident, patch: dict[str, Any], actor: str | None, notes: list[str]
) -> None:
    now = ctx.now()
    if "severity" in patch:
        level = ctx.settings.scale.parse(_text(patch["severity"], "severity"))
        if level != incident.severity:
            label = ctx.settings.scale.label(level)
            rules.change_severity(incident, level, now, label, author=actor)
    if "milestones" in patch:
        wanted = _object(patch["milestones"], "milestones")
        times: dict[str, datetime | None] = {}
        for name, value in wanted.items():
            key = rules.milestone_name(name)
            where = f"milestones.{key}"
            times[key] = (
                None
                if value is None
                else read_time(
                    ctx, _text(value, where), field=where, notes=notes, incident=incident
                )
            )
        set_milestones(incident, times, author=actor, recorded_at=now)
    if "roles" in patch:
        for role, value in _object(patch["roles"], "roles").items():
            _set_role(incident, rules.role_name(role), value, now, actor)
    if "status" in patch:
        new = rules.status_named(_text(patch["status"], "status"))
        if new != incident.status:
            if new.is_open and not incident.status.is_open:
                rules.reopen(incident, now, author=actor)
            if new != incident.status:
                rules.change_status(incident, new, now, author=actor)


def set_milestones(
    incident: Incident,
    times: dict[str, datetime | None],
    *,
    author: str | None,
    recorded_at: datetime,
) -> None:
    """Set several milestones at once: checked as a whole, then applied one by one.

    Clearing and earlier moves go first, oldest milestone first; later moves
    and new milestones then, newest first: no step then breaks the order
    that the whole change keeps.
    """
    changed = {k: v for k, v in times.items() if incident.milestones.get(k) != v}
    rules.check_milestones(dataclasses.replace(incident.milestones, **changed))

    def earlier(name: str) -> bool:
        old, new = incident.milestones.get(name), changed[name]
        return new is None or (old is not None and new < old)

    first = [n for n in MILESTONE_NAMES if n in changed and earlier(n)]
    then = [n for n in reversed(MILESTONE_NAMES) if n in changed and not earlier(n)]
    for name in first + then:
        rules.set_milestone(incident, name, changed[name], author=author, recorded_at=recorded_at)


def _set_role(incident: Incident, key: str, value: Any, at: datetime, actor: str | None) -> None:
    if key in ("responders", "reviewers"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(f"roles.{key} must be a list of names", field=f"roles.{key}")
        wanted = list(dict.fromkeys(v.strip() for v in value if v.strip()))
        present: list[str] = list(getattr(incident.roles, key))
        for person in present:
            if person not in wanted:
                rules.remove_from_role(incident, key, person, at, author=actor)
        for person in wanted:
            if person not in present:
                rules.assign_role(incident, key, person, at, author=actor)
        return
    named = _text(value, f"roles.{key}").strip() or None if value is not None else None
    if named != getattr(incident.roles, key):
        rules.assign_role(incident, key, named, at, author=actor)


def _text(value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValidationError(f"{field} must be a string", field=field)
    return str(value)


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"{field} must be an object", field=field)
    return value

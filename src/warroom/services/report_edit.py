"""Editing an incident as a report: render, let the user edit the Markdown, apply what changed.

Both the rendered text and the edited text are read back with the same
format, and only what differs between those two readings is applied: what a
format cannot carry (so the first reading lacks) is never mistaken for a
deletion. Changed fields go through the domain rules like an API PATCH;
new timeline entries are added; action items are updated by key or added.
Everything lands in one write, checked against the version the report was
rendered from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warroom.domain import incident as rules
from warroom.domain.model import ActionItem, Incident, Source, TimelineEvent
from warroom.domain.record import dump_part, to_record
from warroom.services.context import Context, Outcome
from warroom.services.incidents import mutate
from warroom.services.reports import read_report
from warroom.services.updates import apply_patch

# Keys of the record the edit loop never writes as data.
_NOT_PATCHED = {
    "ref",
    "version",
    "created_at",
    "updated_at",
    "timeline",
    "action_items",
    "extra_sections",
}
_ACTION_FIELDS = ("title", "owner", "due", "priority", "status", "reason", "ticket", "horizon")


@dataclass
class ReportEdit:
    patch: dict[str, Any] = field(default_factory=dict)
    new_events: list[TimelineEvent] = field(default_factory=list)
    changed_items: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> fields
    new_items: list[ActionItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.patch or self.new_events or self.changed_items or self.new_items)

    def describe(self) -> list[str]:
        """One line per change, for the diff shown before applying."""
        lines = [f"~ {path}: {value!r}" for path, value in _leaves(self.patch)]
        lines += [f"+ timeline {e.at:%Y-%m-%d %H:%M} UTC {e.text}" for e in self.new_events]
        for key, fields in self.changed_items.items():
            lines += [f"~ {key}.{name}: {value!r}" for name, value in fields.items()]
        lines += [f"+ {item.key} {item.title}" for item in self.new_items]
        return lines


def plan_report_edit(original: str, edited: str, *, format_name: str, ctx: Context) -> ReportEdit:
    """What the user changed between the rendered report and the edited one."""
    settings = ctx.settings
    before = read_report(
        original, source_name="<rendered>", settings=settings, format_name=format_name
    ).incident
    after = read_report(
        edited, source_name="<edited>", settings=settings, format_name=format_name
    ).incident
    plan = ReportEdit()
    plan.patch = _diff(to_record(before), to_record(after), skip=_NOT_PATCHED) or {}
    seen = {(e.at, e.text) for e in before.timeline}
    plan.new_events = [e for e in after.timeline if (e.at, e.text) not in seen]
    gone = {(e.at, e.text) for e in before.timeline} - {(e.at, e.text) for e in after.timeline}
    if gone:
        plan.warnings.append(
            f"{len(gone)} timeline entr{'y was' if len(gone) == 1 else 'ies were'} removed in "
            "the editor; timeline entries are kept (remove them from the web page or API)"
        )
    old_items = {item.key: dump_part(item) for item in before.action_items}
    for item in after.action_items:
        if item.key not in old_items:
            plan.new_items.append(item)
            continue
        new = dump_part(item)
        changed = {n: new[n] for n in _ACTION_FIELDS if new[n] != old_items[item.key][n]}
        if changed:
            plan.changed_items[item.key] = changed
    return plan


def apply_report_edit(
    ctx: Context, ref: str, plan: ReportEdit, *, expected_version: int, actor: str | None
) -> Outcome:
    """Apply a planned edit in one write, refused if the incident changed since it was rendered."""
    notes: list[str] = []

    def change(incident: Incident) -> None:
        if plan.patch:
            apply_patch(ctx, incident, plan.patch, actor=actor, notes=notes)
        for event in plan.new_events:
            event.source, event.author = Source.MANUAL, actor
            rules.add_event(incident, event)
        for key, fields in plan.changed_items.items():
            _update_item(ctx, rules.find_action_item(incident, key), fields)
        for new in plan.new_items:
            item = rules.add_action_item(
                incident,
                new.title,
                created_at=ctx.now(),
                owner=new.owner,
                due=new.due,
                priority=new.priority,
                horizon=new.horizon,
                kind=new.kind,
                ticket=new.ticket,
                horizon_days=ctx.settings.horizons,
            )
            if new.status != item.status:
                rules.set_action_status(item, new.status, ctx.now(), reason=new.reason)

    incident, _ = mutate(
        ctx, ref, change, expected_version=expected_version, actor=actor, action="edit"
    )
    return Outcome(incident, notes)


def _update_item(ctx: Context, item: ActionItem, fields: dict[str, Any]) -> None:
    from warroom.domain.record import load_part

    current = dump_part(item)
    status = fields.pop("status", None)
    reason = fields.pop("reason", current["reason"])
    merged = load_part(ActionItem, {**current, **fields}, f"action_items[{item.key}]")
    for name in fields:
        setattr(item, name, getattr(merged, name))
    if status is not None:
        rules.set_action_status(item, merged.status.__class__(status), ctx.now(), reason=reason)


def _diff(old: Any, new: Any, *, skip: set[str] | frozenset[str] = frozenset()) -> Any:
    """A merge patch turning ``old`` into ``new``, touching only what differs (None: same)."""
    if isinstance(old, dict) and isinstance(new, dict):
        patch: dict[str, Any] = {}
        for key in new:
            if key in skip:
                continue
            part = _diff(old.get(key), new[key])
            if part is not None:
                patch[key] = part
        return patch or None
    return None if old == new else new


def _leaves(patch: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in patch.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            rows += _leaves(value, path)
        else:
            rows.append((path, value))
    return rows

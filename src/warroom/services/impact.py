"""Editing the impact of an incident from a form: numbers, shares, durations, yes/no facts.

Each value arrives as typed; a value that does not read is a ValidationError
naming its field, before anything is saved. An empty box means "not stated".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warroom.domain.model import Flag, Impact, Incident
from warroom.domain.times import format_duration
from warroom.errors import ValidationError
from warroom.services.context import Context, Outcome
from warroom.services.editing import Editor
from warroom.services.incidents import mutate

FLAG_NAMES = ("data_loss", "data_corruption", "data_exposure", "sla_breach", "regulatory")
TEXT_NAMES = ("summary", "user_facing_errors", "service_degradation", "internal_impact")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])"
)
_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d)")


@dataclass
class ImpactChange:
    """The impact form as typed: every value a string, flags as yes / no / "" (not stated)."""

    text: dict[str, str] = field(default_factory=dict)  # summary, user_facing_errors, ...
    users_affected: str = ""
    users_affected_share: str = ""
    failed_requests: str = ""
    error_rate: str = ""
    downtime: str = ""
    currency: str = "USD"
    revenue_lost: str = ""
    extra_costs: str = ""
    credits_issued: str = ""
    flags: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (yes/no/"", details)


def impact_form(impact: Impact) -> dict[str, str]:
    """The form's values for a stored impact (what ``read_impact`` reads back unchanged)."""
    values = {name: getattr(impact, name) or "" for name in TEXT_NAMES}
    for name in ("users_affected", "failed_requests"):
        number = getattr(impact, name)
        values[name] = "" if number is None else str(number)
    for name in ("users_affected_share", "error_rate", "revenue_lost", "extra_costs"):
        values[name] = _number_text(getattr(impact, name))
    values["credits_issued"] = _number_text(impact.credits_issued)
    values["downtime"] = format_duration(impact.downtime_seconds)
    values["currency"] = impact.currency
    for name in FLAG_NAMES:
        flag: Flag = getattr(impact, name)
        values[name] = {True: "yes", False: "no", None: ""}[flag.value]
        values[f"{name}_details"] = flag.details or ""
    return values


def read_impact(data: ImpactChange, current: Impact) -> Impact:
    """The impact the form describes (ValidationError naming the first bad field)."""
    impact = Impact(
        users_affected=_count(data.users_affected, "users_affected"),
        users_affected_share=_share(data.users_affected_share, "users_affected_share"),
        failed_requests=_count(data.failed_requests, "failed_requests"),
        error_rate=_share(data.error_rate, "error_rate"),
        downtime_seconds=parse_duration_text(data.downtime, "downtime"),
        currency=(data.currency.strip().upper() or "USD")[:8],
        revenue_lost=_amount(data.revenue_lost, "revenue_lost"),
        extra_costs=_amount(data.extra_costs, "extra_costs"),
        credits_issued=_amount(data.credits_issued, "credits_issued"),
        symptoms=current.symptoms,
        recovery_point=current.recovery_point,
        reputation=current.reputation,
    )
    for name in TEXT_NAMES:
        setattr(impact, name, data.text.get(name, "").strip() or None)
    for name in FLAG_NAMES:
        answer, details = data.flags.get(name, ("", ""))
        value = {"yes": True, "no": False, "": None}.get(answer.strip().lower())
        if value is None and answer.strip():
            raise ValidationError("answer yes, no, or leave it empty", field=name)
        setattr(impact, name, Flag(value, details.strip() or None))
    return impact


def edit_impact(ctx: Context, ref: str, data: ImpactChange, editor: Editor) -> Outcome:
    """Replace the impact with what the form says."""

    def change(incident: Incident) -> None:
        incident.impact = read_impact(data, incident.impact)

    incident, _ = mutate(
        ctx,
        ref,
        change,
        expected_version=editor.expected_version,
        viewer=editor.viewer,
        actor=editor.author,
        action="impact",
    )
    return Outcome(incident)


def parse_duration_text(text: str, field: str) -> int | None:
    """Seconds in ``1 h 05 min``, ``90 min``, ``2d 3h``, ``01:30``; a bare number is minutes."""
    plain = text.strip().lower()
    if not plain:
        return None
    if plain.isdigit():
        return int(plain) * 60
    if clock := _CLOCK.fullmatch(plain):
        return int(clock[1]) * 3600 + int(clock[2]) * 60
    parts = _PART.findall(plain)
    leftover = re.sub(r"\band\b|,", "", _PART.sub("", plain)).strip()
    if not parts or leftover:
        raise ValidationError(
            f"{text.strip()!r} is not a duration; write e.g. '1 h 30 min', '45 min' or '2 d'",
            field=field,
        )
    return round(sum(float(n) * _UNITS[unit[0]] for n, unit in parts))


def _count(text: str, field: str) -> int | None:
    plain = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not plain:
        return None
    if not plain.isdigit():
        raise ValidationError(f"{text.strip()!r} is not a whole number", field=field)
    return int(plain)


def _amount(text: str, field: str) -> float | None:
    plain = text.strip().replace(",", "").lstrip("$€£¥").strip()
    if not plain:
        return None
    try:
        value = float(plain)
    except ValueError:
        raise ValidationError(f"{text.strip()!r} is not an amount", field=field) from None
    if value < 0:
        raise ValidationError("an amount cannot be negative", field=field)
    return value


def _share(text: str, field: str) -> float | None:
    value = _amount(text.strip().rstrip("%"), field)
    if value is not None and value > 100:
        raise ValidationError("a percentage is between 0 and 100", field=field)
    return value


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)

"""What lint can be told: required sections per severity, tolerances, rules to skip.

``LintSettings`` is built from the application ``Settings`` with
``LintSettings.from_settings``. The lint-specific settings (``lint_*``) are
read when ``Settings`` has them and fall back to the defaults here when it
does not, so lint works before and after they are added to ``config.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from types import MappingProxyType
from typing import Any

from warroom.config import Settings
from warroom.domain.metrics import DEFAULT_METRICS, MetricDefinition
from warroom.domain.severity import BUILTIN_SCALES, SeverityScale
from warroom.errors import ConfigurationError, ValidationError
from warroom.lint.findings import RULES, Level

# The sections a team can require; sections.py says what fills each one.
SECTION_KEYS: tuple[str, ...] = (
    "summary",
    "timeline",
    "impact",
    "root_cause",
    "contributing_factors",
    "five_whys",
    "resolution",
    "went_well",
    "went_poorly",
    "lessons",
    "action_items",
    "communication",
)

_SEV12 = ("root_cause", "timeline", "impact", "action_items")
DEFAULT_REQUIRED_SECTIONS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {1: _SEV12, 2: _SEV12, 3: ("root_cause", "timeline")}
)


@dataclass(frozen=True)
class LintSettings:
    """Everything the lint rules read; the defaults are the documented ones."""

    zone: tzinfo = UTC  # how the importer reads a time written without a zone
    scale: SeverityScale = BUILTIN_SCALES["sev"]
    metrics: tuple[MetricDefinition, ...] = DEFAULT_METRICS
    required_sections: Mapping[int, tuple[str, ...]] = field(
        default_factory=lambda: DEFAULT_REQUIRED_SECTIONS
    )
    duration_tolerance_minutes: int = 5
    duration_tolerance_ratio: float = 0.1  # of the computed duration, for rounded figures
    min_whys: int = 3
    disabled_rules: frozenset[str] = frozenset()
    rule_levels: Mapping[str, Level] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for severity, keys in self.required_sections.items():
            unknown = sorted(set(keys) - set(SECTION_KEYS))
            if unknown:
                raise ConfigurationError(
                    f"setting lint_required_sections.{severity}: unknown section {unknown[0]!r};"
                    f" one of: {', '.join(SECTION_KEYS)}",
                    field="lint_required_sections",
                )
        for name, setting in (
            ("lint_disabled_rules", self.disabled_rules),
            ("lint_rule_levels", set(self.rule_levels)),
        ):
            unknown = sorted(set(setting) - set(RULES))
            if unknown:
                raise ConfigurationError(f"setting {name}: unknown rule {unknown[0]!r}", field=name)

    def tolerance_seconds(self, computed_seconds: int) -> float:
        """How far a stated duration may be off before it contradicts the timeline."""
        return max(
            self.duration_tolerance_minutes * 60, self.duration_tolerance_ratio * computed_seconds
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> LintSettings:
        """Lint settings from the application settings (``lint_*`` fields when present)."""
        scale = settings.scale
        values: dict[str, Any] = {
            "zone": settings.zone,
            "scale": scale,
            "metrics": settings.metric_definitions,
        }
        sections = getattr(settings, "lint_required_sections", None)
        if sections is not None:
            values["required_sections"] = required_sections_from_config(sections, scale)
        for name in ("duration_tolerance_minutes", "min_whys"):
            raw = getattr(settings, f"lint_{name}", None)
            if raw is not None:
                values[name] = _int_setting(f"lint_{name}", raw)
        disabled = getattr(settings, "lint_disabled_rules", None)
        if disabled is not None:
            values["disabled_rules"] = frozenset(_names(disabled))
        levels = getattr(settings, "lint_rule_levels", None)
        if levels is not None:
            values["rule_levels"] = _levels_from_config(levels)
        return cls(**values)


def as_lint_settings(settings: LintSettings | Settings) -> LintSettings:
    """Accept either kind of settings, so callers pass what they have."""
    if isinstance(settings, LintSettings):
        return settings
    return LintSettings.from_settings(settings)


def required_sections_from_config(
    raw: Mapping[str, Any], scale: SeverityScale
) -> dict[int, tuple[str, ...]]:
    """``{"SEV-1": ["root_cause", ...], "3": "root_cause,timeline"}`` -> ``{1: (...), 3: (...)}``.

    Keys may be the severity number or any label the scale accepts; severities
    left out require nothing.
    """
    result: dict[int, tuple[str, ...]] = {}
    for key, value in raw.items():
        try:
            severity = scale.parse(key, field="lint_required_sections")
        except ValidationError as exc:
            raise ConfigurationError(
                f"setting lint_required_sections: {exc.message}", field="lint_required_sections"
            ) from exc
        result[severity] = tuple(_names(value))
    return result


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value]


def _int_setting(name: str, raw: Any) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise ConfigurationError(f"setting {name}: {raw!r} is not a number", field=name) from None
    if number < 0:
        raise ConfigurationError(f"setting {name}: cannot be negative", field=name)
    return number


def _levels_from_config(raw: Mapping[str, Any]) -> dict[str, Level]:
    levels: dict[str, Level] = {}
    for rule, level in raw.items():
        try:
            levels[str(rule)] = Level(str(level).lower())
        except ValueError:
            raise ConfigurationError(
                f"setting lint_rule_levels.{rule}: {level!r} is not error, warning or info",
                field="lint_rule_levels",
            ) from None
    return levels

"""Settings: read once by ``bootstrap``, then passed down; never read at import time.

Each setting comes from, in order of precedence: a ``WARROOM_<NAME>``
environment variable, the TOML file named by ``WARROOM_CONFIG`` (keys are
the lower-case names below), then the default. docs/configuration.md lists
them all; a test checks that it does.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import tzinfo
from pathlib import Path
from typing import Any

from warroom.domain.followup import (
    DEFAULT_FOLLOWUP_CADENCE_DAYS,
    DEFAULT_REVIEW_DUE,
    ReviewDeadline,
    parse_deadline,
)
from warroom.domain.incident import DEFAULT_HORIZON_DAYS
from warroom.domain.metrics import DEFAULT_METRICS, DEFAULT_TARGETS, MetricDefinition
from warroom.domain.model import MILESTONE_NAMES, Horizon
from warroom.domain.refs import DEFAULT_REF_STYLE, RefStyle, ref_style
from warroom.domain.severity import SeverityScale, scale_from_config
from warroom.domain.times import zone_named
from warroom.errors import ConfigurationError, ValidationError

ENV_PREFIX = "WARROOM_"
# Tables and lists: set in the TOML file only, never from one environment variable.
FILE_ONLY = (
    "horizon_days",
    "metrics",
    "targets",
    "review_due",
    "followup_cadence_days",
    "teams",
    "alert_severity_map",
)
ALERT_SEVERITY_MAP = {"critical": 1, "error": 2, "high": 2, "warning": 3, "info": 4}


def default_database_url() -> str:
    """SQLite in the platform's user data folder (``~/.local/share/warroom`` on Linux)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("warroom", appauthor=False))
    return f"sqlite:///{folder / 'warroom.db'}"


@dataclass(frozen=True)
class Settings:
    """Every setting of warroom. See docs/configuration.md."""

    database_url: str = ""
    timezone: str = "UTC"
    severity_scale: str = "sev"
    ref_style: str = DEFAULT_REF_STYLE
    ref_prefix: str = "INC"
    formats_dir: str = ""
    user: str = ""
    horizon_days: dict[str, int] = field(
        default_factory=lambda: {h.value: d for h, d in DEFAULT_HORIZON_DAYS.items()}
    )
    metrics: dict[str, list[str]] = field(
        default_factory=lambda: {m.name: [m.start, m.end] for m in DEFAULT_METRICS}
    )
    targets: dict[str, dict[str, int]] = field(
        default_factory=lambda: {str(s): dict(t) for s, t in DEFAULT_TARGETS.items()}
    )
    # severity -> "3 days" / "5 business days" after resolution; unlisted: no deadline
    review_due: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REVIEW_DUE))
    followup_cadence_days: list[int] = field(
        default_factory=lambda: list(DEFAULT_FOLLOWUP_CADENCE_DAYS)
    )
    teams: dict[str, str] = field(default_factory=dict)  # action item owner -> team
    # Integrations: alerts in, webhooks out, metrics (docs/integrations/).
    alert_severity_label: str = "severity"
    alert_severity_map: dict[str, int] = field(default_factory=lambda: dict(ALERT_SEVERITY_MAP))
    alert_default_severity: int = 3
    alert_service_labels: str = "service"
    alert_resolve_incident: bool = False
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 8
    webhook_backoff_seconds: float = 30.0
    webhook_poll_seconds: float = 5.0
    metrics_token: str = ""
    metrics_review_late_days: int = 7

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        config_path = env.get(f"{ENV_PREFIX}CONFIG")
        if config_path:
            values.update(_read_toml(Path(config_path)))
        for spec in fields(cls):
            raw = env.get(f"{ENV_PREFIX}{spec.name.upper()}")
            if raw is not None and spec.name not in FILE_ONLY:
                values[spec.name] = _from_env(spec.name, spec.default, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(values) - {f.name for f in fields(cls)})
        if unknown:
            raise ConfigurationError(f"unknown setting {unknown[0]!r}", field=unknown[0])
        settings = cls(**values)
        if not settings.database_url:
            settings = cls(**{**values, "database_url": default_database_url()})
        settings.validate()
        return settings

    def validate(self) -> None:
        """Fail at start-up, naming the setting, rather than at the first use."""
        checks = (
            ("timezone", lambda: zone_named(self.timezone)),
            ("severity_scale", lambda: scale_from_config(self.severity_scale)),
            ("ref_style", lambda: ref_style(self.ref_style)),
        )
        for name, check in checks:
            try:
                check()
            except ValidationError as exc:
                raise ConfigurationError(f"setting {name}: {exc.message}", field=name) from exc
        for name, pair in self.metrics.items():
            if len(pair) != 2 or any(p not in MILESTONE_NAMES for p in pair):
                raise ConfigurationError(
                    f"setting metrics.{name}: give [start, end] milestones, from {MILESTONE_NAMES}",
                    field="metrics",
                )
        # Levels beyond a shorter scale are read as its least severe level.
        for name, level in {**self.alert_severity_map, "": self.alert_default_severity}.items():
            if isinstance(level, bool) or not isinstance(level, int) or level < 1:
                where = f"alert_severity_map.{name}" if name else "alert_default_severity"
                raise ConfigurationError(
                    f"setting {where}: {level!r} is not a severity level (1 = most severe)",
                    field=where.split(".")[0],
                )
        bad = set(self.horizon_days) - {h.value for h in Horizon}
        if bad:
            raise ConfigurationError(
                f"setting horizon_days: unknown horizon {sorted(bad)[0]!r}", field="horizon_days"
            )
        self._validate_followup()

    def _validate_followup(self) -> None:
        try:
            self.review_deadlines  # noqa: B018 -- parsing is the check
        except (ValidationError, ValueError) as exc:
            raise ConfigurationError(f"setting review_due: {exc}", field="review_due") from exc
        cadence = self.followup_cadence_days
        if not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in cadence):
            raise ConfigurationError(
                "setting followup_cadence_days: give whole numbers of days, e.g. [7, 14, 30, 90]",
                field="followup_cadence_days",
            )
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.teams.items()):
            raise ConfigurationError(
                'setting teams: map owners to team names, e.g. alice = "payments"', field="teams"
            )

    @property
    def zone(self) -> tzinfo:
        return zone_named(self.timezone)

    @property
    def scale(self) -> SeverityScale:
        return scale_from_config(self.severity_scale)

    @property
    def style(self) -> RefStyle:
        return ref_style(self.ref_style)

    @property
    def horizons(self) -> dict[Horizon, int]:
        days = dict(DEFAULT_HORIZON_DAYS)
        days.update({Horizon(k): int(v) for k, v in self.horizon_days.items()})
        return days

    @property
    def metric_definitions(self) -> tuple[MetricDefinition, ...]:
        labels = {m.name: m.label for m in DEFAULT_METRICS}
        return tuple(
            MetricDefinition(name, labels.get(name, name.replace("_", " ").title()), start, end)
            for name, (start, end) in self.metrics.items()
        )

    @property
    def metric_targets(self) -> dict[int, dict[str, int]]:
        return {int(sev): {k: int(v) for k, v in t.items()} for sev, t in self.targets.items()}

    @property
    def review_deadlines(self) -> dict[int, ReviewDeadline]:
        """When reviews are due after resolution, by severity level."""
        return {
            int(sev): parse_deadline(text, field=f"review_due.{sev}")
            for sev, text in self.review_due.items()
        }


def _from_env(name: str, default: Any, raw: str) -> Any:
    """An environment variable read as the type of the setting's default."""
    try:
        if isinstance(default, bool):
            if raw.strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                raise ValueError("use true or false")
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigurationError(
            f"setting {name}: {raw!r} is not valid ({exc})", field=name
        ) from None
    return raw


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigurationError(f"config file {path} does not exist", field="config") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"config file {path}: {exc}", field="config") from None
    section = data.get("warroom", data)
    return dict(section)

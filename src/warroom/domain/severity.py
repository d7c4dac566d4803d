"""Severity: an ordinal, 1 = most severe, shown through a configurable scale.

Two scales are built in (``sev``: SEV-1..SEV-4; ``named``: Critical, High,
Medium, Low). Input accepts the number, ``SEV-1``/``sev1``/``Sev 1``, or a
label of either built-in scale or of the configured one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warroom.errors import ValidationError


@dataclass(frozen=True)
class SeverityScale:
    name: str
    labels: tuple[str, ...]  # index 0 is severity 1

    @property
    def levels(self) -> int:
        return len(self.labels)

    def label(self, severity: int) -> str:
        if 1 <= severity <= self.levels:
            return self.labels[severity - 1]
        return f"SEV-{severity}"

    def parse(self, value: str | int, *, field: str = "severity") -> int:
        """The ordinal for what a person typed; ValidationError naming ``field``."""
        text = str(value).strip()
        level: int | None = None
        if re.fullmatch(r"\d+", text):
            level = int(text)
        elif m := re.fullmatch(r"(?i)sev(?:erity)?[\s_-]*(\d+)", text):
            level = int(m.group(1))
        else:
            wanted = text.casefold()
            for scale in (self, *BUILTIN_SCALES.values()):
                for index, label in enumerate(scale.labels, start=1):
                    if label.casefold() == wanted:
                        level = index
                        break
                if level is not None:
                    break
        if level is None:
            choices = ", ".join(self.labels)
            raise ValidationError(
                f"unknown severity {text!r}; use 1..{self.levels}, SEV-1.., or one of: {choices}",
                field=field,
            )
        if not 1 <= level <= self.levels:
            raise ValidationError(
                f"severity {level} is outside the scale 1..{self.levels}", field=field
            )
        return level


BUILTIN_SCALES: dict[str, SeverityScale] = {
    "sev": SeverityScale("sev", ("SEV-1", "SEV-2", "SEV-3", "SEV-4")),
    "named": SeverityScale("named", ("Critical", "High", "Medium", "Low")),
}


def scale_from_config(spec: str) -> SeverityScale:
    """``sev``, ``named``, or a comma-separated list of labels, most severe first."""
    if spec in BUILTIN_SCALES:
        return BUILTIN_SCALES[spec]
    labels = tuple(part.strip() for part in spec.split(",") if part.strip())
    if len(labels) < 2:
        raise ValidationError(
            f"severity scale {spec!r}: name 'sev' or 'named', or list two or more labels",
            field="severity_scale",
        )
    return SeverityScale("custom", labels)

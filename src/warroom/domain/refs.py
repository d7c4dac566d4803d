"""Public incident references: ``INC-2026-11-20-001`` and the other styles.

A style turns (date, sequence number) into a reference. The sequence runs
per *scope* (a day or a year, by style); storage hands out the numbers
atomically so that processes declaring at the same moment never collide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from warroom.errors import ValidationError


@dataclass(frozen=True)
class RefStyle:
    name: str
    pattern: str  # for people and docs
    per: str  # "day" or "year": what the sequence counts within
    width: int

    def scope(self, day: date) -> str:
        return day.isoformat() if self.per == "day" else str(day.year)

    def format(self, day: date, number: int, prefix: str = "INC") -> str:
        seq = str(number).zfill(self.width)
        if self.name == "INC-YYYY-MM-DD-###":
            return f"{prefix}-{day.isoformat()}-{seq}"
        if self.name == "INC-YYYYMMDD-###":
            return f"{prefix}-{day.strftime('%Y%m%d')}-{seq}"
        return f"{prefix}-{day.year}-{seq}"


REF_STYLES: dict[str, RefStyle] = {
    style.name: style
    for style in (
        RefStyle("INC-YYYY-MM-DD-###", "INC-2026-11-20-001", "day", 3),
        RefStyle("INC-YYYYMMDD-###", "INC-20261120-001", "day", 3),
        RefStyle("INC-YYYY-NNNN", "INC-2026-0042", "year", 4),
    )
}
# The report templates also write the default style as INC-[YYYY-MM-DD]-[###].
REF_STYLES["INC-[YYYY-MM-DD]-[###]"] = REF_STYLES["INC-YYYY-MM-DD-###"]
DEFAULT_REF_STYLE = "INC-YYYY-MM-DD-###"

REF_PATTERN = re.compile(
    r"\b[A-Z][A-Z0-9]{1,9}-(?:\d{4}-\d{2}-\d{2}-\d{2,}|\d{8}-\d{2,}|\d{4}-\d{3,})\b"
)


def ref_style(name: str) -> RefStyle:
    try:
        return REF_STYLES[name]
    except KeyError:
        known = ", ".join(sorted(k for k in REF_STYLES if "[" not in k))
        raise ValidationError(
            f"unknown reference style {name!r}; choose one of: {known}", field="ref_style"
        ) from None


def validate_ref(ref: str, *, field: str = "ref") -> str:
    """A reference as stored: trimmed, upper-case, of a safe alphabet."""
    text = ref.strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_.-]{1,63}", text):
        raise ValidationError(
            f"{ref!r} is not a valid reference (letters, digits, '-', '_', '.', up to 64)",
            field=field,
        )
    return text

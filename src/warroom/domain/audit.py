"""The audit log of an incident: who changed which field, when, from what to what.

``diff_records`` compares two JSON records (``domain.record.to_record``) and
names each change by its path, readable rather than exhaustive:
``milestones.resolved``, ``roles.commander``, ``action_items[AI-1].status``,
``services[checkout-api].impact``, ``timeline[7]`` (an entry added). Lists of
items that carry a key (action items) or a name (services, contributing
factors) are matched by it; other lists by their order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

# Stamps that change on every write: noise in an audit log.
IGNORED_KEYS = frozenset({"version", "updated_at"})
_IDENTITY_KEYS = ("key", "name")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditEntry:
    """One write of one incident: the version it produced and what changed."""

    ref: str
    version: int
    at: datetime
    actor: str | None
    action: str  # declare, import, update, status, timeline, ...
    changes: tuple[FieldChange, ...]


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The changes from record ``old`` to record ``new``, top-level keys in record order."""
    changes: list[FieldChange] = []
    for key in dict.fromkeys([*new, *old]):
        if key not in IGNORED_KEYS:
            _diff(key, old.get(key), new.get(key), changes)
    return changes


def _diff(path: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            _diff(f"{path}.{key}", old.get(key), new.get(key), out)
    elif isinstance(old, list) and isinstance(new, list):
        identity = _identity(old, new)
        if identity:
            _diff_keyed(path, identity, old, new, out)
        else:
            _diff_ordered(path, old, new, out)
    else:
        out.append(FieldChange(path, old, new))


def _identity(old: list[Any], new: list[Any]) -> str | None:
    """The field that names the items of both lists, when every item has a unique one."""
    items = [*old, *new]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in _IDENTITY_KEYS:
        named = all(isinstance(item.get(key), str) for item in items)
        if named and all(len({i[key] for i in part}) == len(part) for part in (old, new)):
            return key
    return None


def _diff_keyed(
    path: str, key: str, old: list[Any], new: list[Any], out: list[FieldChange]
) -> None:
    before = {item[key]: item for item in old}
    after = {item[key]: item for item in new}
    for name in dict.fromkeys([*before, *after]):
        where = f"{path}[{name}]"
        if name not in before:
            out.append(FieldChange(where, None, after[name]))
        elif name not in after:
            out.append(FieldChange(where, before[name], None))
        else:
            _diff(where, before[name], after[name], out)


def _diff_ordered(path: str, old: list[Any], new: list[Any], out: list[FieldChange]) -> None:
    matcher = SequenceMatcher(
        a=[_canonical(x) for x in old], b=[_canonical(x) for x in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                _diff(f"{path}[{j1 + offset}]", old[i1 + offset], new[j1 + offset], out)
            continue
        for index in range(i1, i2):
            out.append(FieldChange(f"{path}[{index}]", old[index], None))
        for index in range(j1, j2):
            out.append(FieldChange(f"{path}[{index}]", None, new[index]))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)

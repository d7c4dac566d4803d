"""The JSON record of an incident: one shape for the CLI, the API, export and import.

``to_record`` and ``from_record`` walk the dataclasses of ``domain.model`` by
their type hints, so the JSON shape is the model, field for field (see
docs/record.md). Times are ISO 8601 UTC strings ending in ``Z``, dates are
``YYYY-MM-DD``, enums are their lower-case values. ``from_record`` reports
the first bad value with its dotted path (``action_items[2].due``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_type_hints

from warroom.domain.model import Incident
from warroom.domain.times import isoformat_utc, parse_time
from warroom.errors import ValidationError

T = TypeVar("T")

RECORD_FORMAT = "warroom.incident/1"
# Keys the record carries for readers but that are derived, not stored.
READ_ONLY_KEYS = frozenset({"severity_label", "metrics", "format"})


def to_record(incident: Incident) -> dict[str, Any]:
    """The incident as plain JSON-ready data."""
    data = _dump(incident)
    assert isinstance(data, dict)
    return data


def from_record(data: Any) -> Incident:
    """An incident from JSON data; ValidationError names the first bad field."""
    if not isinstance(data, dict):
        raise ValidationError("an incident record must be a JSON object", field="")
    cleaned = {k: v for k, v in data.items() if k not in READ_ONLY_KEYS}
    incident: Incident = _load(Incident, cleaned, "")
    return incident


def load_part(cls: type[T], data: Any, path: str) -> T:
    """One part of the record (an action item, a timeline entry) from JSON data."""
    part: T = _load(cls, data, path)
    return part


def dump_part(value: Any) -> Any:
    return _dump(value)


_PLAIN = (str, int, float, bool, type(None))


_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for other types), looked up once per type."""
    try:
        return _NAMES[cls]
    except KeyError:
        names = None
        if dataclasses.is_dataclass(cls):
            names = tuple(f.name for f in dataclasses.fields(cls))
        _NAMES[cls] = names
        return names


def _dump(value: Any) -> Any:
    # The record is dumped on every read and twice per write (the audit diff):
    # plain values and known dataclass types take the short path.
    if type(value) in _PLAIN:
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: _dump(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return isoformat_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _load(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            if len(options) < len(typing.get_args(tp)):
                return None
            raise ValidationError(f"{path} cannot be null", field=path)
        return _load(options[0], value, path)
    if value is None and tp is not Any:
        raise ValidationError(f"{path or 'value'} cannot be null", field=path)
    if origin is list:
        if not isinstance(value, list):
            raise ValidationError(f"{path} must be a list", field=path)
        (item_type,) = typing.get_args(tp)
        return [_load(item_type, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ValidationError(f"{path} must be an object", field=path)
        _, value_type = typing.get_args(tp)
        return {str(k): _load(value_type, v, f"{path}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return _load_dataclass(tp, value, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in tp)
            raise ValidationError(f"{path} must be one of: {choices}", field=path) from None
    if tp is datetime:
        if not isinstance(value, str):
            raise ValidationError(f"{path} must be an ISO 8601 time", field=path)
        return parse_time(value, field=path).at
    if tp is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{path} must be a date, YYYY-MM-DD", field=path) from None
    if tp is bool:
        if not isinstance(value, bool):
            raise ValidationError(f"{path} must be true or false", field=path)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{path} must be a whole number", field=path)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"{path} must be a number", field=path)
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ValidationError(f"{path} must be a string", field=path)
        return value
    return value


def _load_dataclass(cls: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise ValidationError(f"{path or 'record'} must be an object", field=path)
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        where = f" in {path}" if path else ""
        raise ValidationError(f"unknown field {unknown[0]!r}{where}", field=_join(path, unknown[0]))
    kwargs: dict[str, Any] = {}
    for name, spec in fields.items():
        if name in value:
            kwargs[name] = _load(hints[name], value[name], _join(path, name))
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise ValidationError(f"{_join(path, name)} is required", field=_join(path, name))
    return cls(**kwargs)

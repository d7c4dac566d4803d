"""The version a write is based on: a ``version`` field or an ``If-Match`` header."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Header

from warroom.errors import ValidationError

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The version the change is based on, as the ETag gave it: "3".',
    ),
]


def based_on(body_version: Any, if_match: str | None, *, required: bool = False) -> int | None:
    """The expected version: the body's ``version``, else ``If-Match``; 422 when unreadable."""
    if body_version is not None:
        if isinstance(body_version, bool) or not isinstance(body_version, int):
            raise ValidationError("version must be a whole number", field="version")
        return body_version
    if if_match is not None and if_match.strip() != "*":
        match = re.fullmatch(r'\s*(?:W/)?"?(\d{1,9})"?\s*', if_match)
        if match is None:
            raise ValidationError(
                'If-Match must be the version as the ETag gave it, e.g. "3"', field="version"
            )
        return int(match.group(1))
    if required:
        raise ValidationError(
            "say which version the change is based on: 'version' in the body or If-Match",
            field="version",
        )
    return None

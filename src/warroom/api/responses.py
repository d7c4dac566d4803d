"""What the routes share: JSON answers and the error responses they document."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from fastapi.responses import JSONResponse

from warroom.api.schemas import ErrorBody
from warroom.domain.model import Incident
from warroom.domain.record import to_record

_DESCRIPTIONS = {
    400: "The request cannot be read.",
    401: "No valid session cookie or bearer token.",
    403: "Your role or token scope does not allow this.",
    404: "No such thing, or not visible to you (private incidents).",
    409: "Conflict: a stale version (with what changed since) or a duplicate.",
    422: "A field is missing or invalid; `field` names it.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: the error codes it may answer, with their body."""
    every = sorted({401, 422, *codes})
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in every}


def json(data: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(data, status_code=status_code, headers=headers)


def incident_json(incident: Incident, status_code: int = 200) -> Response:
    """The JSON record, with its version as the ``ETag`` (send it back as ``If-Match``)."""
    return JSONResponse(
        to_record(incident), status_code=status_code, headers={"ETag": f'"{incident.version}"'}
    )

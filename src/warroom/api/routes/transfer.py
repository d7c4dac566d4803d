"""Export (JSON Lines) and import of whole records, and rendered reports."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from warroom.api.deps import ContextDep, Responder, ViewerDep
from warroom.api.responses import errors, json
from warroom.api.schemas import ImportResult, ReportImportOut, check_no_nul
from warroom.domain.record import to_record
from warroom.errors import ReportImportError, ValidationError
from warroom.services.rendering import DEFAULT_FORMAT, render_report
from warroom.services.report_import import import_report, preview_report, read_upload
from warroom.services.transfer import export_records, read_records, store_incidents

router = APIRouter(tags=["export and import"])

MAX_IMPORT_BYTES = 50 * 1024 * 1024
_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Incident"}}
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            "description": "One JSON record a line, oldest first.",
        },
        **errors(),
    },
)
def export(ctx: ContextDep, viewer: ViewerDep) -> StreamingResponse:
    """Every incident you may see, as JSON Lines (what `warroom import` reads)."""

    def lines() -> Iterator[str]:
        for record in export_records(ctx, viewer=viewer):
            yield jsonlib.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@router.post(
    "/import", response_model=ImportResult, responses=errors(403, 409), openapi_extra=_IMPORT_BODY
)
async def import_records(
    request: Request,
    ctx: ContextDep,
    who: Responder,
    dry_run: Annotated[bool, Query(description="check and report, store nothing")] = False,
    skip_existing: Annotated[
        bool, Query(description="leave existing refs, import the rest")
    ] = False,
) -> Response:
    """Import records: a JSON array of records, or JSON Lines. All land, or none."""
    raw = await request.body()
    if len(raw) > MAX_IMPORT_BYTES:
        raise ValidationError("the import is larger than 50 MB; split it", field="records")
    text = _decode(raw)
    if request.headers.get("content-type", "").startswith("application/json"):
        data: Any = _json(text)
        check_no_nul(data, "records")
        text = jsonlib.dumps(data if isinstance(data, list) else [data])
    elif "\x00" in text or "\\u0000" in text:
        raise ValidationError("text cannot contain NUL characters", field="records")
    incidents = read_records(text.splitlines(keepends=True), source="request")
    report = await run_in_threadpool(
        store_incidents,
        ctx,
        incidents,
        skip_existing=skip_existing,
        actor=who.name,
        dry_run=dry_run,
    )
    return json({"dry_run": dry_run, "created": report.created, "skipped": report.skipped})


_REPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/markdown": {"schema": {"type": "string"}}},
    }
}


@router.post(
    "/import/report",
    response_model=ReportImportOut,
    responses=errors(403, 409),
    openapi_extra=_REPORT_BODY,
)
async def import_markdown_report(
    request: Request,
    ctx: ContextDep,
    who: Responder,
    name: Annotated[str, Query(description="the file name, for messages", max_length=200)] = (
        "report.md"
    ),
    dry_run: Annotated[bool, Query(description="show what would be created")] = False,
) -> Response:
    """Import a report written by hand (Markdown, any built-in format or free-form)."""
    text = read_upload(name, await request.body())
    if dry_run:
        preview = await run_in_threadpool(preview_report, ctx, name, text)
        return json(
            {
                "dry_run": True,
                "source_name": name,
                "ref": None,
                "format": preview.format_name or None,
                "recognised": preview.recognised,
                "warnings": preview.warnings,
                "error": preview.error,
                "record": to_record(preview.incident) if preview.incident else None,
            }
        )
    done = await run_in_threadpool(lambda: import_report(ctx, name, text, actor=who.name))
    if done.error is not None or done.ref is None:
        raise ReportImportError(done.error or f"{name}: nothing imported", field="body")
    return json(
        {
            "dry_run": False,
            "source_name": name,
            "ref": done.ref,
            "format": None,
            "recognised": [],
            "warnings": [],
            "error": None,
            "record": None,
        }
    )


@router.get(
    "/incidents/{ref}/report",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The report, as a download.",
        },
        **errors(404),
    },
)
def report(
    ref: str,
    ctx: ContextDep,
    viewer: ViewerDep,
    format: Annotated[str, Query(description="a report format", max_length=100)] = DEFAULT_FORMAT,
    to: Annotated[str, Query(description="md, html or pdf")] = "md",
) -> Response:
    """The incident's report in a format (`warroom formats` lists them) as md, html or pdf."""
    rendered = render_report(ctx, ref, format_name=format, to=to, viewer=viewer)
    disposition = f'attachment; filename="{rendered.filename}"'
    return Response(
        rendered.body,
        media_type=rendered.media_type,
        headers={"Content-Disposition": disposition},
    )


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("the body is not UTF-8 text", field="records") from None


def _json(text: str) -> Any:
    try:
        return jsonlib.loads(text)
    except jsonlib.JSONDecodeError as exc:
        raise ValidationError(f"not valid JSON: {exc.msg}", field="records") from None

"""Timeline entries from elsewhere, on the incident page: upload, preview, confirm.

1. ``GET /incidents/{ref}/timeline/import``: the form (a CSV, JSON Lines or
   log file, or a Slack export as a zip; the format; the zone of times
   written without one; for CSV the column names, detected when left empty).
2. ``POST`` to the same address: a dry run showing what would be added, what
   is already on the timeline, and which times had no zone; the confirm form
   carries the file (base64) so any server process can take the confirm.
3. ``POST .../import/confirm``: adds the entries not already present (same
   time and text) in one write, then back to the incident's timeline.
"""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Request, Response

from warroom.domain.times import zone_named
from warroom.errors import ValidationError
from warroom.integrations.timeline_import import import_timeline, incident_day, parse_upload
from warroom.integrations.timeline_sources import FORMATS, SourceEntry
from warroom.services.incidents import get_incident
from warroom.web.auth import CtxDep, ResponderDep, viewer_of
from warroom.web.csrf import Form, FormDep
from warroom.web.forms import FormState
from warroom.web.templating import redirect, render

router = APIRouter()
FIELDS = ("format", "tz", "time_column", "text_column")


def _page(request: Request, ref: str, *, status: int = 200, **context: object) -> Response:
    base = {"ref": ref, "formats": FORMATS, "form": FormState(), "preview": None, "data": ""}
    return render(request, "timeline_import.html", {**base, **context}, status=status)


def _entries(ctx: CtxDep, ref: str, name: str, data: bytes, form: Form) -> list[SourceEntry]:
    zone = zone_named(form.get("tz")) if form.get("tz").strip() else ctx.settings.zone
    return parse_upload(
        name,
        data,
        form.get("format") or None,
        zone=zone,
        base_date=incident_day(ctx, ref),
        time_column=form.get("time_column") or None,
        text_column=form.get("text_column") or None,
    )


@router.get("/incidents/{ref}/timeline/import")
def timeline_import_page(request: Request, ctx: CtxDep, user: ResponderDep, ref: str) -> Response:
    incident = get_incident(ctx, ref, viewer=viewer_of(user))
    return _page(request, incident.ref)


@router.post("/incidents/{ref}/timeline/import")
def timeline_import_preview(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    incident = get_incident(ctx, ref, viewer=viewer_of(user))
    uploads = [u for u in form.files("file") if u.filename]
    values = form.values(*FIELDS)
    if not uploads:
        state = FormState(values=values, errors={"file": "choose a file to import"}, open=True)
        return _page(request, incident.ref, form=state, status=422)
    upload = uploads[0]
    data = upload.file.read()
    try:
        entries = _entries(ctx, incident.ref, upload.filename or "", data, form)
        result = import_timeline(
            ctx,
            incident.ref,
            entries,
            dry_run=True,
            author=user.name,
            zone_name=form.get("tz") or None,
        )
    except ValidationError as exc:
        field = exc.field if exc.field in FIELDS else "file"
        field = "format" if exc.field == "from" else field
        state = FormState(values=values, errors={field: exc.message}, open=True)
        return _page(request, incident.ref, form=state, status=422)
    return _page(
        request,
        incident.ref,
        form=FormState(values=values),
        preview=result,
        name=upload.filename,
        data=base64.b64encode(data).decode("ascii"),
    )


@router.post("/incidents/{ref}/timeline/import/confirm")
def timeline_import_confirm(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    incident = get_incident(ctx, ref, viewer=viewer_of(user))
    try:
        data = base64.b64decode(form.get("data"), validate=True)
    except binascii.Error:
        raise ValidationError(
            "the confirmed file did not arrive whole; upload it again", field="file"
        ) from None
    entries = _entries(ctx, incident.ref, form.get("name"), data, form)
    import_timeline(ctx, incident.ref, entries, author=user.name, zone_name=form.get("tz") or None)
    return redirect(request, f"/incidents/{incident.ref}#timeline")

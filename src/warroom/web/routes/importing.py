"""Import: upload Markdown reports, see what would be created, confirm, watch each file land.

1. ``GET /import``: the upload form (one or more files).
2. ``POST /import``: a preview of each file (recognised fields, extra
   sections, warnings, or why it cannot be imported) and a confirm form
   that carries the texts read, so nothing is kept on the server between
   the two steps (any server process can take the confirm).
3. ``POST /import/confirm``: without JavaScript, imports every file and
   shows the result of each. With htmx, ``POST /import/progress`` answers a
   list with one row per file, each row posting ``/import/file`` in turn
   (``hx-sync`` queues them) and turning into its result: the progress.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.errors import ReportImportError
from warroom.services.report_import import (
    ReportPreview,
    import_report,
    preview_report,
    read_upload,
)
from warroom.web.auth import CtxDep, ResponderDep
from warroom.web.csrf import Form, FormDep
from warroom.web.forms import FormState
from warroom.web.templating import render

router = APIRouter()


def _files(form: Form) -> list[tuple[str, str]]:
    """The (name, text) pairs a confirm form carries."""
    return list(zip(form.getlist("name"), form.getlist("text"), strict=False))


@router.get("/import")
def import_page(request: Request, user: ResponderDep) -> Response:
    return render(request, "import.html", {"form": FormState(), "previews": None})


@router.post("/import")
def preview(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep) -> Response:
    previews: list[ReportPreview] = []
    for upload in form.files("files"):
        name = upload.filename or ""
        if not name:  # the file box left empty
            continue
        try:
            text = read_upload(name, upload.file.read())
        except ReportImportError as exc:
            previews.append(ReportPreview(name, "", error=exc.message))
            continue
        previews.append(preview_report(ctx, name, text))
    if not previews:
        state = FormState(errors={"files": "choose one or more Markdown files"}, open=True)
        return render(request, "import.html", {"form": state, "previews": None}, status=422)
    return render(request, "import.html", {"form": FormState(), "previews": previews})


@router.post("/import/confirm")
def confirm(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep) -> Response:
    results = [import_report(ctx, name, text, actor=user.name) for name, text in _files(form)]
    return render(request, "import_done.html", {"results": results})


@router.post("/import/progress")
def progress(request: Request, user: ResponderDep, form: FormDep) -> Response:
    return render(request, "_import_progress.html", {"files": _files(form)})


@router.post("/import/file")
def import_one(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep) -> Response:
    result = import_report(ctx, form.get("name"), form.get("text"), actor=user.name)
    return render(request, "_import_result.html", {"result": result})

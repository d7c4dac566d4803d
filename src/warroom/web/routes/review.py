"""The review of an incident: request it, then approve or request changes as a named reviewer."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.services.context import Outcome
from warroom.services.editing import Editor
from warroom.services.review import approve_review, request_changes, request_review
from warroom.web.auth import CtxDep, ResponderDep, UserDep
from warroom.web.csrf import FormDep
from warroom.web.sections import save_section

router = APIRouter()


@router.post("/incidents/{ref}/review/request")
def ask(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str) -> Response:
    """Put the incident in review, naming reviewers (they can then see it, even if private)."""
    values = form.values("version", "reviewers")
    names = values["reviewers"].replace("\n", ",").split(",")

    def run(editor: Editor) -> Outcome:
        return Outcome(request_review(ctx, ref, names, author=user.name, viewer=editor.viewer))

    return save_section(request, ctx, user, ref, "review", values, run)


@router.post("/incidents/{ref}/review/decide")
def decide(request: Request, ctx: CtxDep, user: UserDep, form: FormDep, ref: str) -> Response:
    """A named reviewer's decision, whatever their role: approve, or request changes."""
    values = form.values("version", "comment", "decision")
    comment = values["comment"]

    def run(editor: Editor) -> Outcome:
        if values["decision"] == "changes":
            incident = request_changes(ctx, ref, user.name, comment=comment, viewer=editor.viewer)
            return Outcome(incident)
        incident, _ = approve_review(ctx, ref, user.name, comment=comment, viewer=editor.viewer)
        return Outcome(incident)

    return save_section(request, ctx, user, ref, "review", values, run)

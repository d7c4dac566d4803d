"""Action items (added and edited in place), communications, links and the review of an incident."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.services.actions import ActionItemChange, NewActionItem
from warroom.services.context import Outcome
from warroom.services.editing import Editor
from warroom.services.followup import (
    NewCommunication,
    NewLink,
    add_action_item,
    add_communication,
    add_link,
    edit_action_item,
    remove_entry,
)
from warroom.services.review import approve_review, request_changes, request_review
from warroom.web.auth import CtxDep, ResponderDep, UserDep
from warroom.web.csrf import FormDep
from warroom.web.sections import save_section

router = APIRouter()

NEW_ITEM = ("title", "owner", "due", "priority", "horizon", "kind", "ticket")
ITEM = ("title", "owner", "due", "priority", "status", "reason", "ticket")


@router.post("/incidents/{ref}/action-items")
def new_action_item(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    values = form.values("version", *NEW_ITEM)
    data = NewActionItem(**{name: values[name] for name in NEW_ITEM})
    return save_section(
        request,
        ctx,
        user,
        ref,
        "action-new",
        values,
        lambda editor: add_action_item(ctx, ref, data, editor),
    )


@router.post("/incidents/{ref}/action-items/{key}")
def change_action_item(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str, key: str
) -> Response:
    values = form.values("version", *ITEM)
    data = ActionItemChange(
        title=values["title"],
        owner=values["owner"],
        due=values["due"],
        priority=values["priority"],
        status=values["status"],
        reason=values["reason"],
        ticket=values["ticket"],
    )
    return save_section(
        request,
        ctx,
        user,
        ref,
        f"action:{key}",
        values,
        lambda editor: edit_action_item(ctx, ref, key, data, editor),
    )


@router.post("/incidents/{ref}/communications")
def new_communication(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    values = form.values("version", "at", "audience", "channel", "summary")
    data = NewCommunication(
        summary=values["summary"],
        at=values["at"],
        audience=values["audience"] or "internal",
        channel=values["channel"],
    )
    return save_section(
        request,
        ctx,
        user,
        ref,
        "communications",
        values,
        lambda editor: add_communication(ctx, ref, data, editor),
    )


@router.post("/incidents/{ref}/links")
def new_link(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    values = form.values("version", "url", "title", "kind")
    data = NewLink(url=values["url"], title=values["title"], kind=values["kind"] or "other")
    return save_section(
        request, ctx, user, ref, "links", values, lambda editor: add_link(ctx, ref, data, editor)
    )


@router.post("/incidents/{ref}/{part}/{index}/remove")
def remove(
    request: Request,
    ctx: CtxDep,
    user: ResponderDep,
    form: FormDep,
    ref: str,
    part: str,
    index: int,
) -> Response:
    """Remove a communication or a link (refused if the incident changed since it was shown)."""
    values = form.values("version")
    return save_section(
        request,
        ctx,
        user,
        ref,
        part if part in ("communications", "links") else "links",
        values,
        lambda editor: remove_entry(ctx, ref, part, index, editor),
    )


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

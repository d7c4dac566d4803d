"""The incident header's forms: overview (title, status, severity), roles, milestones, timeline."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.domain.model import MILESTONE_NAMES, ROLE_NAMES, EventKind
from warroom.services.context import Outcome
from warroom.services.editing import (
    Editor,
    OverviewChange,
    RolesChange,
    edit_milestones,
    edit_overview,
    edit_roles,
)
from warroom.services.incidents import NewTimelineEvent, add_timeline_event
from warroom.services.inputs import parse_choice
from warroom.web.auth import CtxDep, ResponderDep
from warroom.web.csrf import FormDep
from warroom.web.sections import save_section

router = APIRouter()

OVERVIEW = ("title", "summary", "severity", "status", "visibility", "reason")


@router.post("/incidents/{ref}/overview")
def overview(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    values = form.values("version", *OVERVIEW)
    change = OverviewChange(**{name: values[name] for name in OVERVIEW})
    return save_section(
        request, ctx, user, ref, "overview", values, lambda e: edit_overview(ctx, ref, change, e)
    )


@router.post("/incidents/{ref}/roles")
def roles(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str) -> Response:
    values = form.values("version", "responders", "reviewers", *ROLE_NAMES)
    change = RolesChange(
        single={role: values[role] for role in ROLE_NAMES},
        responders=[values["responders"]],
        reviewers=[values["reviewers"]],
    )
    return save_section(
        request, ctx, user, ref, "roles", values, lambda e: edit_roles(ctx, ref, change, e)
    )


@router.post("/incidents/{ref}/milestones")
def milestones(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    """Only the milestones whose box was changed are set (``orig_<name>`` is what it showed)."""
    values = form.values("version", *MILESTONE_NAMES)
    changed = {
        name: values[name]
        for name in MILESTONE_NAMES
        if form.has(name) and values[name].strip() != form.get(f"orig_{name}").strip()
    }

    def run(editor: Editor) -> Outcome:
        return edit_milestones(ctx, ref, changed, editor)

    return save_section(request, ctx, user, ref, "milestones", values, run)


@router.post("/incidents/{ref}/timeline")
def add_entry(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str
) -> Response:
    """A new timeline entry; it is an addition, so it is not refused for a newer version."""
    values = form.values("version", "at", "text", "kind")

    def run(editor: Editor) -> Outcome:
        entry = NewTimelineEvent(
            text=values["text"],
            at=values["at"].strip() or None,
            kind=parse_choice(EventKind, values["kind"] or "observation", "kind"),
            author=user.name,
        )
        return add_timeline_event(ctx, ref, entry, viewer=editor.viewer)

    return save_section(request, ctx, user, ref, "timeline", values, run)

"""Showing the incident page, or one part of it, and saving a form of that page.

``save_section`` is the one path of every edit form on the incident page:
call the service; on success answer htmx with the fresh part (plus
out-of-band updates of the parts the change also touched) or a plain form
POST with a redirect back to the part; on bad input or a stale version
show the form again with what was typed, the error or what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response

from warroom.domain.accounts import User
from warroom.errors import ConflictError, NotFoundError, ValidationError, WarroomError
from warroom.services.audit import list_audit
from warroom.services.context import Context, Outcome
from warroom.services.editing import Editor
from warroom.services.incidents import get_incident
from warroom.services.related import related_incidents, similar_incidents
from warroom.services.review import get_review_state
from warroom.web.auth import can_edit, viewer_of
from warroom.web.forms import FormState, failed_form, parse_version
from warroom.web.incident_view import IncidentView
from warroom.web.templating import SECURITY_HEADERS, is_htmx, redirect, render, render_text

TEMPLATES = {
    "overview": "_overview.html",
    "roles": "_roles.html",
    "milestones": "_milestones.html",
    "timeline": "_timeline.html",
    "impact": "_impact.html",
    "analysis": "_analysis_section.html",
    "action": "_action_item.html",
    "action-new": "_action_items.html",
    "communications": "_communications.html",
    "links": "_links.html",
    "review": "_review.html",
}
# Parts a change also touches: refreshed out of band after an in-place save
# (and the audit log, after every one).
ALSO_CHANGES = {
    "overview": ("_milestones.html", "_timeline_list.html"),
    "roles": ("_timeline_list.html",),
    "milestones": ("_timeline_list.html", "_overview.html"),
    "review": ("_timeline_list.html", "_overview.html", "_roles.html"),
}
AUDIT_SHOWN = 200
RELATED_SHOWN = 8


def load_view(
    ctx: Context,
    user: User,
    ref: str,
    states: dict[str, FormState] | None = None,
    *,
    related: bool = False,
) -> IncidentView:
    """The incident as ``user`` sees it; ``related`` adds the Recurs and Similar panels."""
    viewer = viewer_of(user)
    incident = get_incident(ctx, ref, viewer=viewer)
    audit = list_audit(ctx, incident.ref, viewer=viewer)[-AUDIT_SHOWN:]
    return IncidentView(
        incident,
        ctx.settings,
        ctx.now(),
        can_edit(user),
        user_name=user.name,
        review=get_review_state(ctx, incident.ref, viewer=viewer),
        audit=audit,
        states=states or {},
        recurs=related_incidents(ctx, incident.ref, viewer=viewer, limit=RELATED_SHOWN)
        if related
        else [],
        similar=similar_incidents(ctx, incident.ref, viewer=viewer, limit=RELATED_SHOWN)
        if related
        else [],
    )


def anchor_of(key: str) -> str:
    kind, _, name = key.partition(":")
    if kind == "analysis":
        return f"analysis-{name}"
    if kind == "action":
        return f"ai-{name}"
    return {"action-new": "action-items"}.get(kind, kind)


def show_section(
    request: Request,
    view: IncidentView,
    key: str,
    *,
    status: int = 200,
    also: tuple[str, ...] = (),
    bump: tuple[int, int] | None = None,
) -> Response:
    """The part ``key`` for htmx (with out-of-band parts), else the whole page."""
    if not is_htmx(request):
        return render(request, "incident.html", {"view": view}, status=status)
    kind, _, name = key.partition(":")
    context: dict[str, object] = {"view": view, "oob": False}
    if kind == "analysis":
        context["section"] = next(s for s in view.sections if s.name == name)
    if kind == "action":
        context["item"] = next(i for i in view.incident.action_items if i.key == name)
    html = render_text(request, TEMPLATES[kind], context)
    for template in also:
        html += render_text(request, template, {"view": view, "oob": True})
    if bump is not None:
        html += render_text(request, "_version.html", {"old": bump[0], "new": bump[1]})
    response = Response(html, status_code=status, media_type="text/html")
    response.headers.update(SECURITY_HEADERS)
    return response


def save_section(
    request: Request,
    ctx: Context,
    user: User,
    ref: str,
    key: str,
    values: dict[str, str],
    run: Callable[[Editor], Outcome],
) -> Response:
    """Run one edit of the incident page and answer it (see the module docstring)."""
    version = parse_version(values.get("version", ""))
    editor = Editor(version, viewer_of(user), user.name)
    try:
        outcome = run(editor)
    except (ValidationError, ConflictError, NotFoundError) as exc:
        if isinstance(exc, NotFoundError) and exc.field != "key":
            raise  # the incident itself: the 404 page
        return show_failed(request, ctx, user, ref, key, values, exc, version)
    incident = outcome.incident
    if not is_htmx(request):
        return redirect(request, f"/incidents/{incident.ref}#{anchor_of(key)}")
    view = load_view(ctx, user, incident.ref)
    fresh = FormState(values=view.form(key).values, version=incident.version, notes=outcome.notes)
    view.states[key] = fresh
    bump = (version, incident.version) if version and incident.version == version + 1 else None
    also = (*ALSO_CHANGES.get(key, ()), "_audit.html")
    return show_section(request, view, key, also=also, bump=bump)


def show_failed(
    request: Request,
    ctx: Context,
    user: User,
    ref: str,
    key: str,
    values: dict[str, str],
    exc: WarroomError,
    version: int | None,
) -> Response:
    """The form again: what was typed, and the error next to its field or what changed."""
    state = failed_form(values, exc, version=version or 0)
    view = load_view(ctx, user, ref, {key: state})
    return show_section(request, view, key, status=exc.http_status)

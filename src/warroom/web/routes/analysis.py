"""The analysis sections (Markdown, with a preview) and the impact form of an incident."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.render.html import markdown_to_html
from warroom.services.analysis_text import analysis_section
from warroom.services.editing import edit_analysis
from warroom.services.impact import FLAG_NAMES, TEXT_NAMES, ImpactChange, edit_impact
from warroom.web.auth import CtxDep, ResponderDep
from warroom.web.csrf import FormDep
from warroom.web.forms import FormState, parse_version
from warroom.web.sections import load_view, save_section, show_section

router = APIRouter()

NUMBERS = (
    "users_affected",
    "users_affected_share",
    "failed_requests",
    "error_rate",
    "downtime",
    "currency",
    "revenue_lost",
    "extra_costs",
    "credits_issued",
)


@router.post("/incidents/{ref}/analysis/{name}")
def analysis(
    request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str, name: str
) -> Response:
    """Save one section, or (the Preview button) show it rendered without saving."""
    section = analysis_section(name)
    key = f"analysis:{section.name}"
    values = form.values("version", "text")
    if form.get("action") == "preview":
        version = parse_version(values["version"]) or 0
        state = FormState(values, version=version, open=True)
        state.preview = markdown_to_html(values["text"]) or "<p><em>Nothing written yet.</em></p>"
        return show_section(request, load_view(ctx, user, ref, {key: state}), key)
    return save_section(
        request,
        ctx,
        user,
        ref,
        key,
        values,
        lambda editor: edit_analysis(ctx, ref, section.name, values["text"], editor),
    )


@router.post("/incidents/{ref}/impact")
def impact(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep, ref: str) -> Response:
    details = tuple(f"{name}_details" for name in FLAG_NAMES)
    values = form.values("version", *TEXT_NAMES, *NUMBERS, *FLAG_NAMES, *details)
    change = ImpactChange(
        text={name: values[name] for name in TEXT_NAMES},
        flags={name: (values[name], values[f"{name}_details"]) for name in FLAG_NAMES},
        **{name: values[name] for name in NUMBERS},
    )
    return save_section(
        request, ctx, user, ref, "impact", values, lambda e: edit_impact(ctx, ref, change, e)
    )

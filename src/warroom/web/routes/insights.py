"""The Insights page: trends across incidents as charts, and the CSV behind each chart.

Thin: read the filters, call ``services.insights.get_insights`` for the
incidents the viewer may see, draw (``web.charts``) and render.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from warroom.errors import ValidationError
from warroom.services.insights import GROUPINGS, get_insights
from warroom.services.insights_tables import insights_csv
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.charts import insights_charts
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import SECURITY_HEADERS, render

router = APIRouter()

FILTERS = ("since", "until", "by")


def _filters(request: Request) -> dict[str, str]:
    params = request.query_params
    return {name: params.get(name, "").strip()[:64] for name in FILTERS}


@router.get("/insights")
def insights_page(request: Request, ctx: CtxDep, user: UserDep) -> Response:
    values = _filters(request)
    context: dict[str, object] = {
        "filters": FormState(values=values),
        "groupings": list(GROUPINGS),
        "data": None,
    }
    try:
        data = get_insights(
            ctx,
            since=values["since"] or None,
            until=values["until"] or None,
            by=values["by"] or None,
            viewer=viewer_of(user),
        )
    except ValidationError as exc:
        context["filters"] = failed_form(values, exc, version=0, fields=FILTERS)
        return render(request, "insights.html", context, status=422)
    labels = {m.name: m.label for m in ctx.settings.metric_definitions}
    context |= {
        "data": data,
        "charts": insights_charts(data, labels),
        "metric_labels": labels,
        "query": urlencode({k: v for k, v in values.items() if v}),
    }
    return render(request, "insights.html", context)


@router.get("/insights.csv")
def insights_data(request: Request, ctx: CtxDep, user: UserDep, table: str = "") -> Response:
    """The numbers behind one chart (``table``), or every table in one long CSV."""
    values = _filters(request)
    data = get_insights(
        ctx,
        since=values["since"] or None,
        until=values["until"] or None,
        by=values["by"] or None,
        viewer=viewer_of(user),
    )
    body = insights_csv(data, table or None)
    name = f"insights-{table or 'all'}.csv"
    headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

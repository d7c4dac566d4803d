"""``/api/docs``: Swagger UI for the OpenAPI description, served from warroom's own files.

``static/`` holds swagger-ui-dist's ``swagger-ui-bundle.js`` and
``swagger-ui.css`` (Apache-2.0, see ``SWAGGER-UI-LICENSE``), so the page
needs nothing from another site.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PATH = "/api/static"

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>warroom API</title>
<link rel="icon" href="{static}/favicon-32x32.png">
<link rel="stylesheet" href="{static}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<noscript>The OpenAPI description is at <a href="{spec}">{spec}</a>.</noscript>
<script src="{static}/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({{
  url: "{spec}",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: true
}});
</script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(_PAGE.format(static=STATIC_PATH, spec="/api/v1/openapi.json"))

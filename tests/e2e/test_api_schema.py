"""Schemathesis against the OpenAPI description: no server error, no response off its schema.

Every operation gets a few generated requests as an admin (bounded:
``EXAMPLES`` each, derandomized), once with the generated path values and
once with the reference of a real incident, so the answers that carry data
are checked against the schema too. Schemathesis's Python API is used
directly (its pytest fixture integration does not run on this pytest).
"""

from __future__ import annotations

import pytest
import schemathesis
from api_fixtures import Api
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.slow
def test_no_server_error_and_responses_match_the_schema(api: Api) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api.client.app)
    real = api.declare("admin", title="Schemathesis target")["ref"]
    api.as_("admin").post(f"/api/v1/incidents/{real}/action-items", json={"title": "Fix"})
    headers = api.as_("admin").headers
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)
            if "ref" in (case.path_parameters or {}):
                case.path_parameters = {**(case.path_parameters or {}), "ref": real}
                case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # one line per operation that failed, all reported together
            failures.append(f"{operation.label}: {str(exc)[:2000]}")
    assert not failures, "\n\n".join(failures)

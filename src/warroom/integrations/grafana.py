"""Grafana alerting's webhook notification, read as an alert group.

Grafana's contact point of type "webhook" posts Alertmanager-shaped JSON
(``version`` "1") with a few additions: ``orgId``, ``title``, ``message``,
``state``, and per alert ``dashboardURL``, ``panelURL``, ``silenceURL``,
``values``. Fingerprints and the group key are used when present; older
Grafana versions send neither, so they are derived from the labels.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from warroom.errors import ValidationError
from warroom.integrations.alerts import (
    AlertBatch,
    optional_string,
    read_alerts,
    read_status,
    string_map,
)

SOURCE = "grafana"
VERSIONS = ("1", None)


def read_notification(data: Any) -> AlertBatch:
    """The notification in ``data`` (parsed JSON); ValidationError naming the bad field."""
    if not isinstance(data, Mapping):
        raise ValidationError("expected a JSON object", field="body")
    version = data.get("version")
    if version not in VERSIONS:
        raise ValidationError(
            f'unsupported webhook version {version!r}; warroom reads Grafana\'s version "1"',
            field="version",
        )
    group_labels = string_map(data.get("groupLabels"), "groupLabels", required=False)
    group_key = optional_string(data.get("groupKey"), "groupKey")
    if group_key is None:
        org = data.get("orgId", "")
        group_key = f"{org}:{json.dumps(group_labels, sort_keys=True)}"
    return AlertBatch(
        source=SOURCE,
        receiver=optional_string(data.get("receiver"), "receiver") or "",
        status=read_status(data.get("status"), "status"),
        group_key=group_key,
        group_labels=group_labels,
        common_labels=string_map(data.get("commonLabels"), "commonLabels", required=False),
        common_annotations=string_map(
            data.get("commonAnnotations"), "commonAnnotations", required=False
        ),
        external_url=optional_string(data.get("externalURL"), "externalURL"),
        alerts=read_alerts(data, fingerprint_required=False),
    )

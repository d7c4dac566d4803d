"""Alertmanager's webhook notification (version 4), read strictly.

Alertmanager posts one notification per alert group: every alert of the
group, firing and resolved, with the group's key. See
https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
for the format; ``read_notification`` checks every field warroom uses and
names the first one that is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warroom.errors import ValidationError
from warroom.integrations.alerts import (
    AlertBatch,
    optional_string,
    read_alerts,
    read_status,
    required_string,
    string_map,
)

SOURCE = "alertmanager"
VERSION = "4"


def read_notification(data: Any) -> AlertBatch:
    """The notification in ``data`` (parsed JSON); ValidationError naming the bad field."""
    if not isinstance(data, Mapping):
        raise ValidationError("expected a JSON object", field="body")
    version = data.get("version")
    if version != VERSION:
        raise ValidationError(
            f'unsupported webhook version {version!r}; warroom reads version "4"',
            field="version",
        )
    return AlertBatch(
        source=SOURCE,
        receiver=optional_string(data.get("receiver"), "receiver") or "",
        status=read_status(data.get("status"), "status"),
        group_key=required_string(data.get("groupKey"), "groupKey"),
        group_labels=string_map(data.get("groupLabels"), "groupLabels"),
        common_labels=string_map(data.get("commonLabels"), "commonLabels"),
        common_annotations=string_map(data.get("commonAnnotations"), "commonAnnotations"),
        external_url=optional_string(data.get("externalURL"), "externalURL"),
        alerts=read_alerts(data, fingerprint_required=True),
    )

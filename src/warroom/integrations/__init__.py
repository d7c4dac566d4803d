"""Integrations: warroom meeting other tools, as entry points that call the services.

- alerts in: ``alertmanager`` and ``grafana`` read webhook payloads strictly
  into ``alerts.AlertBatch``; ``alert_mapping`` turns alerts into incident
  fields and timeline entries; ``ingest.ingest_alerts`` records a batch.
- webhooks out: ``webhooks`` configures them, ``webhook_bodies`` renders and
  signs bodies, ``webhook_worker`` claims and sends queued deliveries (the
  events are queued by ``services.events`` with the changes themselves).
- timelines from elsewhere: ``timeline_sources`` parses CSV, JSON Lines,
  Slack exports and logs; ``timeline_import`` previews and imports them.
- metrics out: ``metrics`` serves ``GET /metrics``.
"""

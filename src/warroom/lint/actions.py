"""Rules on action items: ``action-no-owner``, ``action-no-due``, ``action-wont-do-no-reason``.

Only items still to be done (open, in progress) need an owner and a due
date: a done item's owner no longer matters to the follow-up. A won't-do
item must say why, or the follow-up is not honest.
"""

from __future__ import annotations

from warroom.domain.model import ActionItem, ActionStatus
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext
from warroom.lint.placeholders import is_blank

# Owners that name nobody.
NOBODY = frozenset(
    {"unassigned", "nobody", "no one", "no-one", "team", "the team", "all", "everyone"}
)


def owner_missing(owner: str | None) -> bool:
    """No owner, a stand-in (``[Name]``, ``TBD``), or a group that is nobody in particular."""
    return is_blank(owner) or (owner or "").strip().casefold() in NOBODY


def check_action_items(ctx: LintContext) -> list[Finding]:
    """Owner and due date on every open item; a reason on every won't-do item."""
    findings = []
    for index, item in enumerate(ctx.incident.action_items):
        field = f"action_items[{index}]"
        name = _name(item)
        if item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS):
            if owner_missing(item.owner):
                findings.append(
                    finding(
                        "action-no-owner",
                        f"{name} has no owner",
                        hint="name one person who will drive it (a team is nobody in particular)",
                        line=ctx.line_for(f"{field}.owner") or ctx.line_with(item.key),
                        field=f"{field}.owner",
                    )
                )
            if item.due is None:
                findings.append(
                    finding(
                        "action-no-due",
                        f"{name} has no due date",
                        hint="give a date (YYYY-MM-DD) or a horizon (immediate, short, medium,"
                        " long term) so it can be chased",
                        line=ctx.line_for(f"{field}.due") or ctx.line_with(item.key),
                        field=f"{field}.due",
                    )
                )
        if item.status == ActionStatus.WONT_DO and is_blank(item.reason):
            findings.append(
                finding(
                    "action-wont-do-no-reason",
                    f"{name} is won't do without a reason",
                    hint="say why it will not be done (too costly, superseded by AI-n, risk"
                    " accepted by ...), so the decision can be reviewed",
                    line=ctx.line_for(f"{field}.reason") or ctx.line_with(item.key),
                    field=f"{field}.reason",
                )
            )
    return findings


def _name(item: ActionItem) -> str:
    title = item.title.strip()
    short = title if len(title) <= 50 else title[:47] + "..."
    return f"{item.key} ({short})" if short else item.key

"""What an action item's own text says besides its title: status, owner, due date,
priority, ticket.

``take_marks`` removes from the title what it reads: a status after a dash
(``— In Progress``, ``— Won't do (reason)``), ``(ticket: OPS-1)``, ``(done)``,
``DONE``, a trailer of comma-separated facts (``— @mia, due 2024-07-01, P1``
or ``(owner: Jonas, due 2024-06-20)``), ``@owner``, ``due 2024-05-01``,
``[High]``, and a linked issue or pull request (the ticket).
"""

from __future__ import annotations

import re
from datetime import date

from warroom.domain.model import ActionItem, ActionStatus
from warroom.importers.context import Context
from warroom.importers.links import links_in
from warroom.importers.timeexpr import find_date, infer_year
from warroom.importers.values import parse_action_status, parse_priority

_STATUS_MARK = re.compile(
    r"\s*[\[(]\s*(done|complete[d]?|closed|fixed|in progress|wip|ongoing|open|todo|"
    r"won'?t do|wontfix|declined|cancell?ed)(?:\s*[:\-–—]\s*([^\])]{1,200}))?\s*[\])]\s*|"
    r"\s*[-–—:]?\s*\b(DONE|COMPLETED?|WIP|TODO|WONTFIX)\b\s*[.!]?\s*$|\s*✅\s*"
)
_OWNER = re.compile(
    r"\s*[\[(]\s*(?:owner|assignee|assigned to|owned by)\s*[:=]?\s*([^\])]{1,80})[\])]\s*"
    r"|\s*(?:[-–—]\s*)?\(?(@[A-Za-z0-9][\w.-]{0,38})\)?\s*$"
)
_DUE = re.compile(
    r"\s*[\[(]?\s*\b(?:due(?: by| date| on)?|by|deadline|target)\s*[:=]?\s*"
    r"(\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?)\s*[\])]?"
)
_PRIORITY = re.compile(
    r"\s*[\[(]\s*(P[0-4]|high|medium|low|critical)\s*[\])]\s*|^\s*(P[0-4])\s*[:\-–—]\s*", re.I
)
_TICKET = re.compile(
    r"\s*\((?:ticket|issue|jira|tracking|tracked in)[:\s]+([^)\s][^)]{0,200})\)", re.I
)
_SUFFIX_STATUS = re.compile(
    r"\s+[—–-]\s+(done|complete[d]?|closed|in progress|open|pending|won'?t do|wontfix|declined|"
    r"cancell?ed)(?:\s*\(([^)]{1,300})\))?\s*$",
    re.I,
)
_TRAILER = re.compile(r"(?:\s+[—–-]\s+|\s*\()([^()—–]{1,200}?)\)?\s*$")
_OWNER_PART = re.compile(
    r"(?i)^(?:owner|assignee|assigned to|owned by|who)\s*[:=]?\s*(.+)$|^(@[\w.-]{1,40})$"
)
_DUE_PART = re.compile(r"(?i)^(?:due(?: by| on| date)?|by|deadline|target)\s*[:=]?\s*(.+)$")
_PRIORITY_PART = re.compile(r"(?i)^\[?(P[0-4]|high|medium|low|critical)\]?(?: priority)?$")


def due_date(ctx: Context, text: str) -> date | None:
    """A due date; one written without a year is read in the report's year."""
    stamp = find_date(text)
    if stamp is None or stamp.month is None or stamp.day is None:
        return None
    year = stamp.year or infer_year(stamp.month, stamp.day, ctx.ref_date or date.today())
    try:
        return date(year, stamp.month, stamp.day)
    except ValueError:
        return None


def _trailer(ctx: Context, item: ActionItem, title: str) -> str:
    """``title — @mia, due 2024-07-01, P1``: consumed only when every part is understood."""
    match = _TRAILER.search(title)
    if match is None:
        return title
    owner_name, due, priority = item.owner, item.due, item.priority
    for part in (p.strip() for p in match[1].split(",")):
        if owner := _OWNER_PART.match(part):
            owner_name = (owner[1] or owner[2]).strip()
        elif (when := _DUE_PART.match(part)) and due_date(ctx, when[1]) is not None:
            due = due_date(ctx, when[1])
        elif level := _PRIORITY_PART.match(part):
            priority = parse_priority(level[1]) or priority
        else:
            return title
    item.owner, item.due, item.priority = owner_name, due, priority
    return title[: match.start()]


def take_marks(ctx: Context, item: ActionItem, title: str) -> str:
    """Read and remove the status, ticket, owner, due date and priority the title states."""
    if suffix := _SUFFIX_STATUS.search(title):
        item.status = parse_action_status(suffix[1]) or item.status
        if item.status == ActionStatus.WONT_DO and suffix[2]:
            item.reason = suffix[2].strip()
        title = title[: suffix.start()]
    if ticket := _TICKET.search(title):
        item.ticket = ticket[1].strip()
        title = title[: ticket.start()] + title[ticket.end() :]
    if not suffix and (mark := _STATUS_MARK.search(title)):
        word = next(g for g in (mark[1], mark[3], "done") if g)
        item.status = parse_action_status(word) or ActionStatus.DONE
        if item.status == ActionStatus.WONT_DO and mark[2]:
            item.reason = mark[2].strip()
        title = title[: mark.start()] + " " + title[mark.end() :]
    title = _trailer(ctx, item, title)
    if owner := _OWNER.search(title):
        item.owner = (owner[1] or owner[2]).strip()
        title = title[: owner.start()] + title[owner.end() :]
    if due := _DUE.search(title):
        parsed = due_date(ctx, due[1])
        if parsed is not None:
            item.due = parsed
            title = title[: due.start()] + title[due.end() :]
    if priority := _PRIORITY.search(title):
        item.priority = parse_priority(priority[1] or priority[2]) or item.priority
        title = title[: priority.start()] + " " + title[priority.end() :]
    found = [url for url, _ in links_in(title) if url.startswith("http")]
    if found:
        item.ticket = found[0]
        title = re.sub(r"\(\s*\[[^\]]*\]\(\S+\)\s*\)|\[[^\]]*\]\((\S+)\)(?=\s*$)", "", title)
        title = title.replace(found[0], "") if found[0] in title else title
    return " ".join(title.split())


def _date(ctx: Context, text: str) -> date | None:
    stamp = find_date(text)
    if stamp is None or stamp.month is None or stamp.day is None:
        return None
    year = stamp.year or infer_year(stamp.month, stamp.day, ctx.ref_date or date.today())
    try:
        return date(year, stamp.month, stamp.day)
    except ValueError:
        return None

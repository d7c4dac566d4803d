"""Which reader a label goes to, and reading it.

``apply_label`` looks the label up (``labels.label_spec``), skips template
slots nobody filled in, and hands the value to the reader. The basic
readers set fields; ``labelpass`` adds the readers whose value is a list of
timeline entries, action items or contributing factors.
"""

from __future__ import annotations

from warroom.importers.context import Context
from warroom.importers.fields import SCALAR_READERS, LabelLine, Reader
from warroom.importers.impact import IMPACT_READERS
from warroom.importers.labels import label_spec
from warroom.importers.links import LINK_READERS
from warroom.importers.people import PEOPLE_READERS
from warroom.importers.text import is_placeholder

BASIC_READERS: dict[str, Reader] = {
    **SCALAR_READERS,
    **IMPACT_READERS,
    **PEOPLE_READERS,
    **LINK_READERS,
}


def apply_label(ctx: Context, entry: LabelLine, readers: dict[str, Reader] | None = None) -> bool:
    """Read one label into its field; False (nothing claimed) if no field takes it."""
    table = BASIC_READERS if readers is None else readers
    spec = label_spec(entry.label.key, entry.context, ctx.format_labels)
    if spec is None or spec[0] not in table:
        return False
    reader, arg = spec
    value = entry.label.value
    if reader != "group" and is_placeholder(value) and not entry.items:
        ctx.claim(entry.lines, "format")  # a template slot nobody filled in
        return True
    return table[reader](ctx, entry, arg, value)

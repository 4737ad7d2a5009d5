"""Printing an organization's record (Ctrl+P in its window): what the window shows.

On the Organization tab the organization's stored fields print as a table under its
name; on a tab with lists (contacts, membership, billing, certificates, testimonials,
history) the list the person is in (or the first one shown) prints as it is shown, under
the organization's name and the tab's title.
"""

from __future__ import annotations

from dataclasses import asdict
from html import escape
from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTabWidget, QWidget

from ....domain.organizations import ORGANIZATION_FIELD_LABELS
from ....services.register.organization_records import OrganizationDetails
from ... import printing
from .record_table import label


def organization_html(details: OrganizationDetails, subtitle: str) -> str:
    """The organization's own fields as an HTML table under its name and ``subtitle``."""
    fields = asdict(details.fields)
    rows = "".join(
        f"<tr><th align='left'>{escape(caption)}</th><td>{escape(_shown(fields[name]))}</td></tr>"
        for name, caption in ORGANIZATION_FIELD_LABELS.items()
        if name in fields
    )
    return (
        f"<h2>{escape(details.fields.display_name)}</h2><p>{escape(subtitle)}</p>"
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{rows}</table>"
    )


def print_record(
    tabs: QTabWidget, form_tab: QWidget, details: OrganizationDetails, subtitle: str
) -> str:
    """Print what the record window shows; what happened, for its status line."""
    name = details.fields.display_name
    shown = tabs.currentWidget()
    tab_title = tabs.tabText(tabs.currentIndex())
    if shown is form_tab:
        title = name
        printer = printing.choose_printer(tabs.window(), title)
        if printer is None:
            return ""
        document = QTextDocument()
        document.setHtml(organization_html(details, subtitle))
        document.print_(printer)
        return f"Printed {name}"
    table = printing.shown_table(shown) if shown is not None else None
    if table is None:
        return f"Nothing to print in {tab_title}"
    if not printing.print_table(table, f"{name} — {tab_title}", tabs.window()):
        return ""
    return f"Printed {name}: {tab_title}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return label(value)

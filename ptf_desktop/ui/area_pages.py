"""The page of each area of the main window, and what each area shows.

A page's module is imported only when its area is first shown, so the window appears
before the libraries of its areas are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

# What each area shows (a write of any of those kinds makes it read again) lives with the
# kinds of change, where the areas' kept data also finds it.
from .changes import AREA_SHOWS

__all__ = ["AREA_SHOWS", "create_page"]

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from ..services.context import AppContext
    from .pages import Area


def create_page(
    area: Area,
    context: AppContext,
    undo_stack: QUndoStack,
    *,
    open_filtered: Callable[[str, dict[str, object]], None],
    show_invoice: Callable[[object], None],
) -> QWidget:
    """Build the page of an area.

    Args:
        area: the area.
        context: the open database and its services.
        undo_stack: the window's undo stack (pages whose edits can be undone push on it).
        open_filtered: shows an area's list narrowed by filters (the dashboard's links).
        show_invoice: shows an invoice just made from an accepted quote.
    """
    from .wheel_guard import install_wheel_guard

    install_wheel_guard()  # (once) before the page's spin boxes and combo boxes exist
    if area.key == "dashboard":
        from .pages.dashboard.page import DashboardPage

        dashboard = DashboardPage(context)
        dashboard.open_list.connect(open_filtered)
        return dashboard
    if area.key == "settings":
        from .pages.settings_page import SettingsPage

        return SettingsPage(
            context.settings,
            context.audit,
            undo_stack,
            signing=context.certificate_settings,
            fees=context.fees,
            documents=context.document_settings,
        )
    if area.key == "organizations":
        from .pages.organizations.list_page import OrganizationsPage

        return OrganizationsPage(context, undo_stack)
    if area.key == "contacts":
        from .pages.contacts.page import ContactsPage

        return ContactsPage(context, undo_stack)
    if area.key == "invoices":
        from .pages.billing.invoices_page import InvoicesPage

        return InvoicesPage(context)
    if area.key == "quotes":
        from .pages.billing.quotes_page import QuotesPage

        quotes = QuotesPage(context)
        quotes.invoice_created.connect(show_invoice)
        return quotes
    if area.key == "certificates":
        from .pages.certificates.certificates_page import CertificatesPage

        return CertificatesPage(context)
    if area.key == "renewals":
        from .pages.renewals.page import RenewalsPage

        return RenewalsPage(context)
    raise ValueError(f"no page for the area {area.key!r}")

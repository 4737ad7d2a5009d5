"""What a successful write changed, announced to every open view.

After a service call that writes succeeds, the widget that made it calls
``announce(Changes.INVOICES | Changes.PAYMENTS, initiator=self)``; the main window
refreshes the area on screen when it shows any of those kinds, and marks the hidden
ones to be read again when next shown. The widget that made the change is left alone:
it has already shown its own result.
"""

from __future__ import annotations

import enum
from functools import cache

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class Changes(enum.Flag):
    """The kinds of records a write touched (combine them with ``|``)."""

    NONE = 0
    ORGANIZATIONS = enum.auto()
    MEMBERSHIPS = enum.auto()  # memberships, terms and renewal status
    INVOICES = enum.auto()
    QUOTES = enum.auto()
    CREDIT_NOTES = enum.auto()
    PAYMENTS = enum.auto()
    CERTIFICATES = enum.auto()
    SETTINGS = enum.auto()
    ALL = (
        ORGANIZATIONS | MEMBERSHIPS | INVOICES | QUOTES | CREDIT_NOTES | PAYMENTS
        | CERTIFICATES | SETTINGS
    )  # fmt: skip


# What each area shows: a write of any of these kinds makes it read again.
AREA_SHOWS = {
    "dashboard": Changes.ALL,
    "organizations": Changes.ORGANIZATIONS | Changes.MEMBERSHIPS,
    "contacts": Changes.ORGANIZATIONS,
    "renewals": Changes.ORGANIZATIONS | Changes.MEMBERSHIPS | Changes.INVOICES
    | Changes.PAYMENTS | Changes.SETTINGS,
    "quotes": Changes.QUOTES | Changes.INVOICES | Changes.ORGANIZATIONS,
    "invoices": Changes.INVOICES | Changes.PAYMENTS | Changes.CREDIT_NOTES
    | Changes.ORGANIZATIONS,
    "certificates": Changes.CERTIFICATES | Changes.ORGANIZATIONS | Changes.MEMBERSHIPS,
    "settings": Changes.SETTINGS,
}  # fmt: skip


class ChangeHub(QObject):
    """The one place writes are announced; the main window listens."""

    changed = Signal(object, object)  # Changes, the initiating object or None


@cache
def change_hub() -> ChangeHub:
    """The application's hub, made when first asked for."""
    return ChangeHub()


def announce(changes: Changes, initiator: object | None = None) -> None:
    """Tell every open view that a write changed records of these kinds."""
    if changes:
        change_hub().changed.emit(changes, initiator)


def refresh_page(page: QWidget) -> None:
    """Have a page read what it shows again; a page without a ``refresh`` shows no records."""
    refresh = getattr(page, "refresh", None)
    if callable(refresh):
        refresh()


def made_within(initiator: object, page: QWidget) -> bool:
    """Whether a write was made by the page itself or by a dialog or view it owns."""
    while isinstance(initiator, QObject):
        if initiator is page:
            return True
        initiator = initiator.parent()
    return False

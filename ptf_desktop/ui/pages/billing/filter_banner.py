"""The line above a billing list that says how the list is narrowed, with a way to clear it.

The dashboard opens the Invoices and Quotes pages narrowed (open, overdue, a year, a tier,
an aging bucket); a person must see at once that the list is not everything, and get
everything back with one click.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ...widgets.text_label import text_label
from .display import status_label

_AGING_TEXT = {
    "current": "not yet due",
    "1-30": "1-30 days past due",
    "31-60": "31-60 days past due",
    "61-90": "61-90 days past due",
    "over 90": "over 90 days past due",
}


def describe_filters(filters: Mapping[str, object]) -> str:
    """The filters as a person reads them: "Overdue · 31-60 days past due · issued in 2027"."""
    parts: list[str] = []
    status = filters.get("status")
    if status == "open":
        parts.append("Open (issued, not settled)")
    elif status:
        parts.append(status_label(str(status)))
    aging = filters.get("aging")
    if aging:
        parts.append(_AGING_TEXT.get(str(aging), str(aging)))
    year = filters.get("year")
    if year:
        parts.append(f"issued in {year}")
    if "tier" in filters and filters["tier"] is not None:
        tier = str(filters["tier"])
        parts.append(f"{tier.capitalize()} tier" if tier else "organizations without a tier")
    return " \u00b7 ".join(parts)


class FilterBanner(QFrame):
    """Shown while a list is narrowed by filters that have no control of their own.

    Signals:
        cleared(): the person clicked "Show all".
    """

    cleared = Signal()

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._noun = noun
        self.text = text_label(name="filterBannerText")
        self.clear_button = QPushButton(f"Show all {noun}")
        self.clear_button.setObjectName("filterBannerClear")
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_filters(self, filters: Mapping[str, object]) -> None:
        """Say how the list is narrowed; hidden when nothing narrows it."""
        described = describe_filters(filters)
        self.text.setText(f"Showing only {self._noun}: {described}" if described else "")
        self.setVisible(bool(described))

    def _on_clear_button_clicked(self) -> None:
        self.cleared.emit()

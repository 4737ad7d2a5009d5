"""The search box and filters above the organizations list.

Typing searches as you type, but only once the typing pauses for a moment, so a fast
typist costs one query rather than one per letter. Choosing a filter applies at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ....domain.organizations import LABELS, MembershipStatus, Tier
from ....services.register.organization_records import OrganizationQuery
from .display import country_name, month_label

# Prospects have no tier yet; the register marks them by their status.
_PROSPECTS = "prospects"
_MONTHS_AROUND = 24  # the term-end filter offers this many months back and ahead


class OrganizationFilterBar(QWidget):
    """Search text and the tier, status, country and term-end month filters.

    Signals:
        changed: the search or a filter changed; ``apply_to`` gives the new query.
    """

    SEARCH_DELAY_MS = 150

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("organizationSearch")
        self.search_box.setPlaceholderText("Search names, VAT IDs and e-mail addresses")
        self.search_box.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.SEARCH_DELAY_MS)
        self.tier_combo = _combo("tierFilter", "All tiers")
        # Item data holds plain strings: Qt would turn the str enums into str anyway.
        for tier in Tier:
            self.tier_combo.addItem(LABELS[tier.value], tier.value)
        self.tier_combo.addItem("Prospects (no tier)", _PROSPECTS)
        self.status_combo = _combo("statusFilter", "All statuses")
        for status in MembershipStatus:
            self.status_combo.addItem(LABELS[status.value], status.value)
        self.country_combo = _combo("countryFilter", "All countries")
        self.month_combo = _combo("termEndFilter", "Any term end")
        self._add_months(today or date.today())
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setEnabled(False)  # hiding it would make the search box jump
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box, 1)
        for combo in (self.tier_combo, self.status_combo, self.country_combo, self.month_combo):
            layout.addWidget(combo)
        layout.addWidget(self.clear_button)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.tier_combo.currentIndexChanged.connect(self._on_tier_combo_current_index_changed)
        for combo in (self.status_combo, self.country_combo, self.month_combo):
            combo.currentIndexChanged.connect(self._on_filter_combo_current_index_changed)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)

    def _add_months(self, today: date) -> None:
        first = today.year * 12 + today.month - 1 - _MONTHS_AROUND
        for number in range(first, first + 2 * _MONTHS_AROUND + 1):
            year, month = divmod(number, 12)
            label = month_label(year, month + 1)
            if (year, month + 1) == (today.year, today.month):
                label += " (this month)"
            self.month_combo.addItem(label, f"{year:04d}-{month + 1:02d}")

    # -- what the list asks ------------------------------------------------------------------

    def apply_to(self, query: OrganizationQuery) -> OrganizationQuery:
        """The query with this bar's search and filters (its sort order kept)."""
        tier = self.tier_combo.currentData()
        status = self.status_combo.currentData()
        country = self.country_combo.currentData()
        month = self.month_combo.currentData()
        return replace(
            query,
            search=self.search_box.text(),
            tiers=frozenset({Tier(tier)}) if tier and tier != _PROSPECTS else frozenset(),
            statuses=frozenset({MembershipStatus(status)}) if status else frozenset(),
            countries=frozenset({country}) if country else frozenset(),
            term_end_month=(int(month[:4]), int(month[5:])) if month else None,
        )

    def is_filtered(self) -> bool:
        """Whether any search text or filter narrows the list."""
        combos = (self.tier_combo, self.status_combo, self.country_combo, self.month_combo)
        return bool(self.search_box.text().strip()) or any(c.currentIndex() > 0 for c in combos)

    def set_countries(self, codes: list[str]) -> None:
        """Offer the countries that occur in the register, keeping the one chosen."""
        chosen = self.country_combo.currentData()
        self.country_combo.blockSignals(True)  # offering choices is not choosing one
        while self.country_combo.count() > 1:
            self.country_combo.removeItem(1)
        for label, code in sorted((f"{country_name(code)} ({code})", code) for code in codes):
            self.country_combo.addItem(label, code)
        index = self.country_combo.findData(chosen) if chosen else 0
        self.country_combo.setCurrentIndex(max(index, 0))
        self.country_combo.blockSignals(False)
        if chosen and index < 0:  # the country chosen is gone: the list must widen
            self._filters_changed()

    def clear(self) -> None:
        """Show every organization again."""
        for widget in (self, self.search_box):
            widget.blockSignals(True)
        self.search_box.clear()
        for combo in (self.tier_combo, self.status_combo, self.country_combo, self.month_combo):
            combo.setCurrentIndex(0)
        for widget in (self, self.search_box):
            widget.blockSignals(False)
        self._filters_changed()

    def set_filters(
        self, tier: str | None = None, status: str | None = None, term_end_month: str | None = None
    ) -> None:
        """Show only one tier, status and month of term end (None: any); search cleared.

        Used when another page opens the list behind one of its figures.
        """
        for widget in (self, self.search_box, self.tier_combo):
            widget.blockSignals(True)
        self.search_box.clear()
        self.country_combo.setCurrentIndex(0)
        for combo, value in (
            (self.tier_combo, tier), (self.status_combo, status), (self.month_combo, term_end_month)
        ):  # fmt: skip
            combo.setCurrentIndex(max(combo.findData(value), 0) if value else 0)
        self.status_combo.setEnabled(True)
        for widget in (self, self.search_box, self.tier_combo):
            widget.blockSignals(False)
        self._filters_changed()

    def _filters_changed(self) -> None:
        self.search_timer.stop()  # the query built now includes the text typed so far
        self.clear_button.setEnabled(self.is_filtered())
        self.changed.emit()

    # -- slots -------------------------------------------------------------------------------

    def _on_search_box_text_changed(self, _text: str) -> None:
        self.search_timer.start()  # restarting it waits for a pause in typing

    def _on_search_timer_timeout(self) -> None:
        self._filters_changed()

    def _on_tier_combo_current_index_changed(self, _index: int) -> None:
        # Prospects have the status "prospect" and no tier, so that choice fixes the status.
        prospects = self.tier_combo.currentData() == _PROSPECTS
        self.status_combo.blockSignals(True)
        if prospects:
            self.status_combo.setCurrentIndex(
                self.status_combo.findData(MembershipStatus.PROSPECT.value)
            )
        elif not self.status_combo.isEnabled():
            self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)
        self.status_combo.setEnabled(not prospects)
        self._filters_changed()

    def _on_filter_combo_current_index_changed(self, _index: int) -> None:
        self._filters_changed()

    def _on_clear_button_clicked(self) -> None:
        self.clear()


def _combo(name: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMaxVisibleItems(16)
    # Wide enough for "All countries", not for the longest country name: the bar must
    # fit a 1024-pixel window (the open list shows the names whole).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(len(everything) + 1)
    combo.addItem(everything, None)
    return combo

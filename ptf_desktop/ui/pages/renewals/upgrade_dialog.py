"""Upgrading a member mid-year: the new tier or band and the date, its price, then the action.

The price of the rest of the term is shown (read again at each change) before anything
is written; a refusal (Premier without the Governing Board's approval, a lower tier,
nothing more to pay) is shown in its place and the Upgrade button stays off.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.organizations import LABELS, Tier
from ....domain.upgrades import UpgradePrice
from ....services.errors import UserError
from ....services.renewals.renewal_service import RenewalService
from ....services.renewals.upgrades import UpgradeResult
from ...widgets.choices import choice_combo
from ...widgets.text_label import text_label
from .display import format_date, format_money

_T = TypeVar("_T")

# The spin box's lowest value stands for "keep the employee count on record".
_ON_RECORD = -1


class UpgradeDialog(QDialog):
    """Tier, employee count and date of an upgrade; its price; Upgrade and Cancel.

    Attributes:
        upgraded: what the upgrade did (None until it is made).
    """

    def __init__(
        self, renewals: RenewalService, organization_id: uuid.UUID, name: str,
        tier: str | None, today: date, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("upgradeDialog")
        self.setWindowTitle(f"Upgrade {name}")
        self._renewals = renewals
        self._organization_id = organization_id
        self.upgraded: UpgradeResult | None = None
        self.price: UpgradePrice | None = None
        choices = ((LABELS[choice.value], choice.value) for choice in (Tier.GENERAL, Tier.PREMIER))
        self.tier = choice_combo(choices, "upgradeTier")
        self.tier.setCurrentIndex(max(self.tier.findData(tier), 0))
        self.employees = QSpinBox()
        self.employees.setObjectName("upgradeEmployees")
        self.employees.setRange(_ON_RECORD, 10_000_000)
        self.employees.setGroupSeparatorShown(True)
        self.employees.setSpecialValueText("As on record")
        self.employees.setValue(_ON_RECORD)
        self.effective = QDateEdit(QDate(today.year, today.month, today.day))
        self.effective.setObjectName("upgradeFrom")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.preview = text_label(name="upgradePreview", wrap=True)
        self.preview.setMinimumWidth(460)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.upgrade_button = buttons.addButton("Upgrade", QDialogButtonBox.ButtonRole.AcceptRole)
        self.upgrade_button.setObjectName("upgradeConfirm")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("New tier", self.tier)
        form.addRow("Employees (higher band)", self.employees)
        form.addRow("From", self.effective)
        self._layout = layout = QVBoxLayout(self)
        # The price takes a few lines or one: the dialog grows with it, never clips it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.tier.currentIndexChanged.connect(self._on_choice_changed)
        self.employees.valueChanged.connect(self._on_choice_changed)
        self.effective.dateChanged.connect(self._on_choice_changed)
        self._show_price()

    def chosen(self) -> tuple[Tier, date, int | None]:
        """The tier, first day and employee count (None: as on record) chosen."""
        day = self.effective.date()
        employees = self.employees.value()
        return (
            Tier(self.tier.currentData()),
            date(day.year(), day.month(), day.day()),
            None if employees == _ON_RECORD else employees,
        )

    def _ask(self, call: Callable[..., _T]) -> _T | None:
        """Call ``call`` with the organization and what is chosen; a refusal shows in red."""
        try:
            return call(self._organization_id, *self.chosen())
        except UserError as problem:
            self.preview.setText(str(problem))
            self.preview.setStyleSheet("color: #b00020;")
            return None

    def _show_price(self) -> None:
        self.price = self._ask(self._renewals.preview_upgrade)
        if self.price is None:
            self.upgrade_button.setEnabled(False)
            return
        price = self.price
        lines = "\n".join(f"{line.description}: {format_money(line.amount)}"
                          for line in price.lines)  # fmt: skip
        self.preview.setStyleSheet("")
        self.preview.setText(
            f"{LABELS[price.to_tier.value]} from {format_date(price.start)} to "
            f"{format_date(price.end)}. A draft invoice will be made for:\n{lines}\n"
            f"Total: {format_money(price.total)}"
        )
        self.upgrade_button.setEnabled(True)

    def _on_choice_changed(self, *_: object) -> None:
        self._show_price()
        self._layout.activate()  # grow to the new price's lines now

    def _on_buttons_accepted(self) -> None:
        self.upgraded = self._ask(self._renewals.upgrade)
        if self.upgraded is not None:
            self.accept()

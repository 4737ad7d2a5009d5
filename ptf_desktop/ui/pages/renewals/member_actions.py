"""The Renewals page's actions on members, and preparing a year's renewals.

Renew, tier at renewal, upgrade, non-renewing and back, lapse and reinstate act on the
members selected in the calendar. Each is one service call (some after a dialog),
announced as a change; what it did is handed to the page in ``acted``, which reads the
calendar again and then says it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ....domain.organizations import LABELS
from ....services.context import AppContext
from ....services.errors import UserError
from ....services.renewals.renewal_preparation import PlannedRenewal, PreparationResult
from ....services.renewals.renewal_service import RenewalRow
from ...changes import Changes, announce
from ...widgets.flow_layout import flow_row
from ...widgets.message_boxes import warn
from .bulk_tier import ask_tier, set_tiers
from .display import format_date, format_money
from .notice_dialog import NoticeDialog
from .prepare_dialog import PrepareDialog
from .upgrade_dialog import UpgradeDialog

CURRENT = ("active", "grace")
# (key, button text): the object name is renewals_<key>, the slot _on_<key>_clicked.
BUTTONS = (
    ("renew", "Renew now"), ("tier", "Tier at renewal\u2026"), ("upgrade", "Upgrade now\u2026"),
    ("non_renewing", "Non-renewing\u2026"), ("renewing", "Renewing"), ("lapse", "Lapse"),
    ("reinstate", "Reinstate"),
)  # fmt: skip


class Selection(Protocol):
    """What the actions need of the calendar (the page): its day and its selection."""

    def today(self) -> date:
        """The day the calendar is shown for."""

    def selected_row(self) -> RenewalRow | None:
        """The calendar row selected, when exactly one is."""

    def selected_rows(self) -> list[RenewalRow]:
        """The calendar rows selected."""


class MemberActions(QWidget):
    """The row of action buttons under the calendar, with the year to prepare.

    Signals:
        acted(str): an action wrote something; the text says what.
    """

    acted = Signal(str)

    def __init__(self, context: AppContext, selection: Selection, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._selection = selection
        self.buttons: dict[str, QPushButton] = {}
        for key, text in BUTTONS:
            button = QPushButton(text)
            button.setObjectName(f"renewals_{key}")
            button.setEnabled(False)
            button.clicked.connect(getattr(self, f"_on_{key}_clicked"))
            self.buttons[key] = button
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(date.today().year + 1)
        self.prepare_button = QPushButton("Prepare renewals\u2026")
        self.prepare_button.setObjectName("renewalsPrepare")
        self.prepare_button.clicked.connect(self._on_prepare_button_clicked)
        # The member actions wrap onto a second row in a narrow window.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(flow_row(*self.buttons.values()), 1)
        for widget in (QLabel("Year"), self.year, self.prepare_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)

    def update_buttons(self) -> None:
        """Enable the actions that apply to the selection (Tier at renewal takes several)."""
        row = self._selection.selected_row()
        selected = self._selection.selected_rows()
        current = row is not None and row.status in CURRENT
        enabled = {
            "renew": current,
            "tier": bool(selected) and all(r.status in CURRENT for r in selected),
            "upgrade": current,
            "non_renewing": current,
            "renewing": row is not None and row.intent.value == "non_renewing",
            "lapse": current,
            "reinstate": row is not None and row.status in ("lapsed", "grace"),
        }
        for key, button in self.buttons.items():
            button.setEnabled(enabled[key])

    def _done(self, message: str) -> None:
        announce(Changes.MEMBERSHIPS | Changes.INVOICES, initiator=self)
        self.acted.emit(message)

    def _act(self, what: str, action: Callable[[uuid.UUID], object]) -> None:
        row = self._selection.selected_row()
        if row is None:
            return
        try:
            outcome = action(row.organization_id)
        except UserError as problem:
            warn(self, what, str(problem), "renewalsProblem")
            return
        message = f"{what}: {row.name}."
        if isinstance(outcome, PlannedRenewal):
            message = (
                f"Renewed {row.name}: {format_date(outcome.start)} to {format_date(outcome.end)}, "
                f"{format_money(outcome.total)} in a draft invoice."
            )
        self._done(message)

    def _on_renew_clicked(self) -> None:
        self._act("Renew", self._context.renewal_preparation.renew)

    def _on_tier_clicked(self) -> None:
        rows = self._selection.selected_rows()
        chosen, tier = ask_tier(self, rows) if rows else (False, None)
        if chosen:
            self._done(set_tiers(self._context, rows, tier))

    def _on_upgrade_clicked(self) -> None:
        row = self._selection.selected_row()
        if row is None:
            return
        dialog = UpgradeDialog(
            self._context.renewals, row.organization_id, row.name, row.tier,
            self._selection.today(), self,
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.upgraded is not None:
            price = dialog.upgraded.price
            self._done(
                f"Upgraded {row.name} to {LABELS[price.to_tier.value]} from "
                f"{format_date(price.start)}: {format_money(price.total)} in a draft invoice."
            )
        dialog.deleteLater()

    def _on_non_renewing_clicked(self) -> None:
        row = self._selection.selected_row()
        if row is None:
            return
        dialog = NoticeDialog(row.name, self._selection.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        notice = dialog.notice_on()
        self._act("Non-renewing", lambda key: self._context.renewals.mark_non_renewing(key, notice))

    def _on_renewing_clicked(self) -> None:
        self._act("Renewing again", self._context.renewals.mark_renewing)

    def _on_lapse_clicked(self) -> None:
        self._act("Lapsed", self._context.renewals.lapse)

    def _on_reinstate_clicked(self) -> None:
        self._act("Reinstated", self._context.renewals.reinstate)

    def _on_prepare_button_clicked(self) -> None:
        dialog = PrepareDialog(self._context.renewal_preparation, self.year.value(), self)
        dialog.completed.connect(self._on_dialog_completed)
        dialog.exec()
        dialog.deleteLater()

    def _on_dialog_completed(self, result: PreparationResult) -> None:
        self._done(
            f"Prepared {result.renewed:,} renewals for {result.year} in {result.seconds:.1f} s"
            + (f"; {len(result.problems):,} members could not renew." if result.problems else ".")
        )

"""Preparing a year's renewals: the preview of every member, tier and amount, then the work.

The preview is read in a worker as soon as the dialog opens; nothing is written until the
user presses Prepare, which runs the preparation (one transaction) in a worker with
progress, then closes the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ....domain.money import Money
from ....services.renewals.renewal_preparation import (
    PreparationResult,
    RenewalPlan,
    RenewalPreparation,
)
from ...dialogs.check_then_run import CheckThenRunDialog
from ...widgets.table_model import proxy_over
from ...widgets.tables import list_table
from .display import fit_columns, format_money
from .models import PlanTableModel


class PrepareDialog(CheckThenRunDialog):
    """Preview, then prepare, the renewals of one year.

    ``checked`` carries the RenewalPlan shown, ``completed`` the PreparationResult.
    """

    def __init__(
        self, preparation: RenewalPreparation, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            f"Prepare renewals for {year}", f"Prepare {year}",
            f"Reading the members that renew in {year}\u2026", "Nothing was prepared.", parent,
        )  # fmt: skip
        self._preparation = preparation
        self.year = year
        self.plan: RenewalPlan | None = None
        self.outcome: PreparationResult | None = None
        self.prepare_button = self.action_button
        self.resize(900, 560)
        self.headline.setObjectName("prepareHeadline")
        self.model = PlanTableModel(parent=self)
        proxy = proxy_over(self.model, self)
        self.table = list_table(
            "prepareTable", proxy, sort_column=PlanTableModel.NAME, alternate=True
        )
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._start_check(lambda _progress: self._preparation.preview(year))

    def _show_check(self, plan: RenewalPlan) -> None:
        self.plan = plan
        self.model.set_rows(plan.items)
        fit_columns(self.table)
        self.headline.setText(preview_headline(plan))
        self.prepare_button.setEnabled(bool(plan.ready))

    def _on_buttons_accepted(self) -> None:
        if self.plan is None or not self.plan.ready or self.busy():
            return
        ready = len(self.plan.ready)
        self.headline.setText(f"Preparing {ready:,} renewals for {self.year}\u2026")
        self._start_work(lambda progress: self._preparation.prepare(self.year, progress), ready)

    def _work_done(self, result: PreparationResult) -> bool:
        self.outcome = result
        return True


def preview_headline(plan: RenewalPlan) -> str:
    """What the preview says above the table."""
    ready = plan.ready
    if not ready and not plan.problems:
        done = f" ({plan.already_renewed:,} already renewed)" if plan.already_renewed else ""
        return f"No member is left to renew for {plan.year}{done}."
    totals: dict[str, Money] = {}
    for item in ready:
        assert item.total is not None
        currency = item.total.currency
        totals[currency] = totals[currency] + item.total if currency in totals else item.total
    amount = ", ".join(format_money(total) for total in totals.values()) or "nothing"
    text = (
        f"{len(ready):,} members will renew for {plan.year}, for {amount} in draft invoices. "
        "Nothing has been written yet; press Prepare to create their terms and drafts."
    )
    if plan.problems:
        text += f" {len(plan.problems):,} cannot renew until the reason shown is fixed."
    if plan.already_renewed:
        text += f" {plan.already_renewed:,} are already renewed."
    return text

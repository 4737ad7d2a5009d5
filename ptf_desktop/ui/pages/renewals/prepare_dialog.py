"""Preparing a year's renewals: the preview of every member, tier and amount, then the work.

The preview is read in a worker as soon as the dialog opens; nothing is written until the
user presses Prepare, which runs the preparation (one transaction) in a worker with
progress, then closes the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ....domain.money import Money
from ....services.renewals.renewal_preparation import (
    PreparationResult,
    RenewalPlan,
    RenewalPreparation,
)
from ...tasks import Task, start_task
from ...widgets.table_model import proxy_over
from ...widgets.tables import list_table
from .display import fit_columns, format_money
from .models import PlanTableModel


class PrepareDialog(QDialog):
    """Preview, then prepare, the renewals of one year.

    Signals:
        previewed(object): the RenewalPlan is shown.
        prepared(object): the PreparationResult; the dialog then accepts.
    """

    previewed = Signal(object)
    prepared = Signal(object)

    def __init__(
        self, preparation: RenewalPreparation, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._preparation = preparation
        self.year = year
        self.plan: RenewalPlan | None = None
        self.outcome: PreparationResult | None = None
        self._task: Task | None = None
        self.setWindowTitle(f"Prepare renewals for {year}")
        self.resize(900, 560)
        self.headline = QLabel(f"Reading the members that renew in {year}\u2026")
        self.headline.setObjectName("prepareHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.model = PlanTableModel(parent=self)
        proxy = proxy_over(self.model, self)
        self.table = list_table(
            "prepareTable", proxy, sort_column=PlanTableModel.NAME, alternate=True
        )
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.prepare_button = buttons.addButton(
            f"Prepare {year}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.prepare_button.setEnabled(False)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._task = start_task(
            lambda _progress: self._preparation.preview(year),
            self._on_previewed,
            self._on_failed,
        )

    def busy(self) -> bool:
        """Whether the preview or the preparation is running."""
        return self._task is not None and self._task.pending()

    def _on_previewed(self, plan: RenewalPlan) -> None:
        self.plan = plan
        self.progress.hide()
        self.model.set_rows(plan.items)
        fit_columns(self.table)
        self.headline.setText(preview_headline(plan))
        self.prepare_button.setEnabled(bool(plan.ready))
        self.previewed.emit(plan)

    def _on_buttons_accepted(self) -> None:
        if self.plan is None or not self.plan.ready or self.busy():
            return
        self.prepare_button.setEnabled(False)
        self.cancel_button.setEnabled(False)  # one transaction: it completes or not at all
        self.progress.setRange(0, len(self.plan.ready))
        self.progress.setValue(0)
        self.progress.show()
        self.headline.setText(f"Preparing {len(self.plan.ready):,} renewals for {self.year}\u2026")
        self._task = start_task(
            lambda progress: self._preparation.prepare(self.year, progress),
            self._on_prepared,
            self._on_failed,
            self._on_progress,
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_prepared(self, result: PreparationResult) -> None:
        self.outcome = result
        self.prepared.emit(result)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(True)
        self.headline.setText(f"Nothing was prepared.\n\n{message}")

    def reject(self) -> None:
        if self.busy() and not self.cancel_button.isEnabled():
            return  # preparing: closing now would not stop it
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.wait()  # the call must not outlive the dialog
        super().done(result)


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

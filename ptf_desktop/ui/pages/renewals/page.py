"""The Renewals page: the renewal calendar, reminders and deadlines, and the actions.

The calendar is read in a worker (at 100,000 organizations it prices tens of thousands
of next terms); the table is a Qt model over the service's rows, filtered by bucket.
Actions on one member are single service calls; the calendar is read again after each.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QDate,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....domain.organizations import LABELS, Tier
from ....domain.renewals import BUCKET_LABELS, Bucket
from ....services.context import AppContext
from ....services.errors import UserError
from ....services.renewals.renewal_preparation import PlannedRenewal, PreparationResult
from ....services.renewals.renewal_service import RenewalOverview, RenewalRow
from ...changes import Changes, announce
from ...tasks import Task, start_task
from ...widgets.flow_layout import flow_row
from ...widgets.table_model import proxy_over
from .display import fit_columns, format_date, format_money
from .models import ID_ROLE, RenewalTableModel
from .notice_dialog import NoticeDialog
from .prepare_dialog import PrepareDialog
from .upgrade_dialog import UpgradeDialog

_ALL, _REMINDERS = "all", "reminders"
# Renewing members whose term ends within the look-ahead (the Dashboard's renewals tile).
_DUE = "due"
_DUE_BUCKETS = frozenset({Bucket.WITHIN_30, Bucket.WITHIN_60, Bucket.WITHIN_90, Bucket.LATER})


def _accepts(row: RenewalRow, shown: str) -> bool:
    """Whether a row belongs to what the Show box asks for."""
    if shown == _ALL:
        return row.bucket is not None or row.reminder is not None
    if shown == _REMINDERS:
        return row.reminder is not None
    if shown == _DUE:
        return row.bucket in _DUE_BUCKETS and row.intent.value == "renewing"
    return row.bucket is not None and row.bucket.value == shown


class RenewalsPage(QWidget):
    """The renewal calendar of the open database."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_renewals")
        self._context = context
        self._task: Task | None = None
        self.overview: RenewalOverview | None = None
        self._done = ""  # what the last action did, shown once the calendar is read again
        self._wanted: str | None = None  # what Show is to select once the calendar is read
        self._build()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Renewals")
        title.setObjectName("pageTitle")
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.within = QSpinBox()
        self.within.setRange(0, 366)
        self.within.setValue(90)
        self.within.setSuffix(" days")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("renewalsShow")
        self.refresh_button = QPushButton("Refresh")
        controls = QHBoxLayout()
        for label, widget in (("As of", self.as_of), ("Look ahead", self.within),
                              ("Show", self.show_combo)):  # fmt: skip
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        self.deadlines = QLabel()
        self.deadlines.setObjectName("renewalsDeadlines")
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.PlainText)
        self.model = RenewalTableModel(parent=self)
        self.proxy = proxy_over(self.model, self)
        self.table = QTableView()
        self.table.setObjectName("renewalsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RenewalTableModel.TERM_END, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("renew", "Renew now"), ("tier", "Tier at renewal\u2026"),
                          ("upgrade", "Upgrade now\u2026"), ("non_renewing", "Non-renewing\u2026"),
                          ("renewing", "Renewing"),
                          ("lapse", "Lapse"), ("reinstate", "Reinstate")):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName(f"renewals_{key}")
            button.setEnabled(False)
            self.buttons[key] = button
        # The member actions wrap onto a second row in a narrow window.
        actions = QHBoxLayout()
        actions.addWidget(flow_row(*self.buttons.values()), 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(date.today().year + 1)
        self.prepare_button = QPushButton("Prepare renewals\u2026")
        self.prepare_button.setObjectName("renewalsPrepare")
        actions.addWidget(QLabel("Year"), 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.year, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.prepare_button, 0, Qt.AlignmentFlag.AlignTop)
        self.status = QLabel()
        self.status.setObjectName("renewalsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addLayout(controls)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.as_of.dateChanged.connect(self._on_as_of_date_changed)
        self.show_combo.currentIndexChanged.connect(self._on_show_combo_current_index_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.prepare_button.clicked.connect(self._on_prepare_button_clicked)
        handlers: dict[str, Callable[[], None]] = {
            "renew": self._on_renew_clicked, "tier": self._on_tier_clicked,
            "upgrade": self._on_upgrade_clicked,
            "non_renewing": self._on_non_renewing_clicked, "renewing": self._on_renewing_clicked,
            "lapse": self._on_lapse_clicked, "reinstate": self._on_reinstate_clicked,
        }  # fmt: skip
        for key, handler in handlers.items():
            self.buttons[key].clicked.connect(handler)

    # -- reading ------------------------------------------------------------------------------

    def today(self) -> date:
        """The day the calendar is shown for."""
        day = self.as_of.date()
        return date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        """Read the calendar again (in a worker)."""
        today, within = self.today(), self.within.value()
        self.status.setText("Reading the renewal calendar\u2026")
        self.refresh_button.setEnabled(False)
        self._task = start_task(
            lambda _progress: self._context.renewals.overview(today, within),
            self._on_overview_read,
            self._on_failed,
        )

    def busy(self) -> bool:
        """Whether the calendar is being read or renewals prepared."""
        return self._task is not None and self._task.pending()

    def _on_overview_read(self, overview: RenewalOverview) -> None:
        selected = self.selected_id()
        self.overview = overview
        self._fill_show_combo(overview)
        self._show_rows()
        self.deadlines.setText(
            "Next deadlines: "
            + "; ".join(f"{format_date(d.on)} {d.what}" for d in overview.deadlines)
        )
        fit_columns(self.table)
        shown = self.proxy.rowCount()
        counts = f"{shown:,} members shown; {len(overview.reminders):,} reminders due today."
        self.status.setText(f"{self._done} {counts}" if self._done else counts)
        self._done = ""
        self.refresh_button.setEnabled(True)
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def _fill_show_combo(self, overview: RenewalOverview) -> None:
        current = self._wanted or self.show_combo.currentData() or _ALL
        self._wanted = None
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        listed = sum(overview.counts.values())
        self.show_combo.addItem(f"All ({listed:,})", _ALL)
        for kind in Bucket:
            self.show_combo.addItem(
                f"{BUCKET_LABELS[kind]} ({overview.counts.get(kind, 0):,})", kind.value
            )
        self.show_combo.addItem(f"Reminders due today ({len(overview.reminders):,})", _REMINDERS)
        due = sum(1 for row in overview.rows if _accepts(row, _DUE))
        self.show_combo.addItem(f"Renewing within the look-ahead ({due:,})", _DUE)
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(current)))
        self.show_combo.blockSignals(False)

    def apply_filter(self, filters: dict[str, object]) -> None:
        """Show one group (``show``: a bucket value, "due" or "reminders") with 90 days ahead."""
        shown = str(filters.get("show") or _ALL)
        index = self.show_combo.findData(shown)
        if index >= 0 and not self.busy():
            self.show_combo.setCurrentIndex(index)
        else:  # not read yet: chosen when the calendar arrives
            self._wanted = shown

    def _show_rows(self) -> None:
        shown = self.show_combo.currentData() or _ALL
        rows = self.overview.rows if self.overview else ()
        self.model.set_rows([row for row in rows if _accepts(row, shown)])

    def _on_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(message)
        QMessageBox.warning(self, "Renewals", message)

    # -- selection ----------------------------------------------------------------------------

    def selected_id(self) -> uuid.UUID | None:
        """The organization selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_row(self) -> RenewalRow | None:
        """The calendar row selected in the table."""
        key = self.selected_id()
        return next((row for row in self.model.rows if row.organization_id == key), None)

    def select(self, organization_id: uuid.UUID) -> None:
        """Select an organization's row, if shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == organization_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        row = self.selected_row()
        current = row is not None and row.status in ("active", "grace")
        self.buttons["renew"].setEnabled(current)
        self.buttons["tier"].setEnabled(current)
        self.buttons["upgrade"].setEnabled(current)
        self.buttons["non_renewing"].setEnabled(current)
        self.buttons["renewing"].setEnabled(row is not None and row.intent.value == "non_renewing")
        self.buttons["lapse"].setEnabled(current)
        self.buttons["reinstate"].setEnabled(row is not None and row.status in ("lapsed", "grace"))

    def _on_table_selection_changed(self, *_: object) -> None:
        self._update_buttons()

    def _on_as_of_date_changed(self, _date: QDate) -> None:
        self.refresh()

    def _on_show_combo_current_index_changed(self, _index: int) -> None:
        self._show_rows()
        self._update_buttons()

    # -- actions ------------------------------------------------------------------------------

    def _act(self, what: str, action: Callable[[uuid.UUID], object]) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            outcome = action(row.organization_id)
        except UserError as problem:
            QMessageBox.warning(self, what, str(problem))
            return
        announce(Changes.MEMBERSHIPS | Changes.INVOICES, initiator=self)
        message = f"{what}: {row.name}."
        if isinstance(outcome, PlannedRenewal):
            message = (
                f"Renewed {row.name}: {format_date(outcome.start)} to {format_date(outcome.end)}, "
                f"{format_money(outcome.total)} in a draft invoice."
            )
        self._done = message
        self.refresh()

    def _on_renew_clicked(self) -> None:
        self._act("Renew", self._context.renewal_preparation.renew)

    def _on_tier_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        choices = ["Same tier"] + [LABELS[tier.value] for tier in Tier]
        current = LABELS[row.next_tier] if row.next_tier else "Same tier"
        chosen, ok = QInputDialog.getItem(
            self, "Tier at renewal", f"Tier of {row.name} from its next term:", choices,
            choices.index(current), False,
        )  # fmt: skip
        if not ok:
            return
        tier = next((t for t in Tier if LABELS[t.value] == chosen), None)
        self._act("Tier at renewal", lambda key: self._context.renewals.set_next_tier(key, tier))

    def _on_upgrade_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = UpgradeDialog(
            self._context.renewals, row.organization_id, row.name, row.tier, self.today(), self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.upgraded is not None:
            price = dialog.upgraded.price
            self._done = (
                f"Upgraded {row.name} to {LABELS[price.to_tier.value]} from "
                f"{format_date(price.start)}: {format_money(price.total)} in a draft invoice."
            )
            announce(Changes.MEMBERSHIPS | Changes.INVOICES, initiator=self)
            self.refresh()
        dialog.deleteLater()

    def _on_non_renewing_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = NoticeDialog(row.name, self.today(), self)
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
        dialog.prepared.connect(self._on_dialog_prepared)
        dialog.exec()
        dialog.deleteLater()

    def _on_dialog_prepared(self, result: PreparationResult) -> None:
        self._done = (
            f"Prepared {result.renewed:,} renewals for {result.year} in {result.seconds:.1f} s"
            + (f"; {len(result.problems):,} members could not renew." if result.problems else ".")
        )
        announce(Changes.MEMBERSHIPS | Changes.INVOICES, initiator=self)
        self.refresh()

    def closeEvent(self, event: object) -> None:
        if self._task is not None:
            self._task.wait()
        super().closeEvent(event)  # type: ignore[arg-type]

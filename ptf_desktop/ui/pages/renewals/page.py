"""The Renewals page: the renewal calendar, reminders and deadlines, and the actions.

The calendar is read in a worker: the database counts every group and hands over one
page of the group chosen in Show, by term end (at 100,000 organizations tens of
thousands are due); "Show more" reads the next page. The table is a Qt model over the
service's rows. Actions on one member are single service calls; the calendar is read
again after each.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import (
    QDate,
    QPoint,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ....domain.renewals import BUCKET_LABELS, Bucket
from ....services.context import AppContext
from ....services.renewals.calendar_queries import (
    SHOW_ALL,
    SHOW_DUE,
    SHOW_REMINDERS,
    RenewalCalendar,
)
from ....services.renewals.renewal_service import RenewalRow
from ...area_data import RENEWALS_LOOK_AHEAD_DAYS, kept_calendar
from ...latest_read import LatestRead
from ...widgets.message_boxes import warn
from ...widgets.search_box import SearchBox
from ...widgets.table_model import proxy_over
from ...widgets.tables import MANY_ROWS, list_table, select_only_row
from ...widgets.text_label import text_label
from ..area_page import AreaPage
from .bulk_letters import show_selection_menu, write_selected_reminders
from .display import fit_columns, format_date
from .member_actions import MemberActions
from .models import ID_ROLE, RenewalTableModel


class RenewalsPage(AreaPage):
    """The renewal calendar of the open database."""

    KEY = "renewals"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._reading = LatestRead()
        self.overview: RenewalCalendar | None = None  # the last page read
        self._done = ""  # what the last action did, shown once the calendar is read again
        self._wanted: str | None = None  # what Show is to select once the calendar is read
        self._build()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.within = QSpinBox()
        self.within.setRange(0, 366)
        self.within.setValue(RENEWALS_LOOK_AHEAD_DAYS)
        self.within.setSuffix(" days")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("renewalsShow")
        self.refresh_button = QPushButton("Refresh")
        self.search_box = SearchBox("Search members…")
        self.search_box.setObjectName("renewalsSearch")
        controls = QHBoxLayout()
        for label, widget in (("As of", self.as_of), ("Look ahead", self.within),
                              ("Show", self.show_combo)):  # fmt: skip
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        controls.addWidget(self.search_box, 1)
        self.deadlines = text_label(name="renewalsDeadlines", wrap=True)
        self.model = RenewalTableModel(parent=self)
        self.proxy = proxy_over(self.model, self)
        # Several members at once for Tier at renewal; the other actions take one.
        self.table = list_table(
            "renewalsTable", self.proxy, rows=MANY_ROWS,
            sort_column=RenewalTableModel.TERM_END, alternate=True,
        )  # fmt: skip
        self.search_box.results = self.table
        self.search_box.textChanged.connect(self.proxy.set_search)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        # Columns fit the first rows: the page opens sooner.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.member_actions = MemberActions(self._context, self, self)
        self.member_actions.acted.connect(self._on_actions_acted)
        self.buttons = self.member_actions.buttons
        self.year = self.member_actions.year
        self.prepare_button = self.member_actions.prepare_button
        self.status = text_label(name="renewalsStatus", wrap=True)
        self.more_button = QPushButton("Show more")
        self.more_button.setObjectName("renewalsMore")
        self.more_button.hide()
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.more_button)
        layout = self._page_layout("Renewals")
        layout.addLayout(controls)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.member_actions)
        layout.addLayout(footer)
        self.refresh_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(self._on_more_button_clicked)
        self.as_of.dateChanged.connect(self._on_as_of_date_changed)
        self.show_combo.currentIndexChanged.connect(self._on_show_combo_current_index_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    # -- reading ------------------------------------------------------------------------------

    def today(self) -> date:
        """The day the calendar is shown for."""
        day = self.as_of.date()
        return date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        """Read the calendar's counts and its first page again (in a worker)."""
        self._read(0)

    def _read(self, offset: int) -> None:
        today, within = self.today(), self.within.value()
        shown = self._wanted or self.show_combo.currentData() or SHOW_ALL
        self.status.setText("Reading the renewal calendar\u2026")
        self.refresh_button.setEnabled(False)
        self.more_button.setEnabled(False)
        if (kept := kept_calendar(self._context, today, within, shown, offset)) is not None:
            self._reading.supersede()
            return self._on_calendar_read(kept)  # read ahead by the warm-up
        self._reading.start(
            lambda: self._context.renewals.calendar(today, within, shown, offset),
            self._on_calendar_read,
            self._on_failed,
        )

    def busy(self) -> bool:
        """Whether the calendar is being read."""
        return self._reading.busy()

    def _on_calendar_read(self, calendar: RenewalCalendar) -> None:
        selected = self.selected_id()
        earlier = self.model.rows if calendar.offset else []
        self.overview = calendar
        self._wanted = None
        self._fill_show_combo(calendar)
        self.model.set_rows([*earlier, *calendar.rows])
        self.deadlines.setText(
            "Next deadlines: "
            + "; ".join(f"{format_date(d.on)} {d.what}" for d in calendar.deadlines)
        )
        if not calendar.offset:
            fit_columns(self.table)
        shown, reminders = self.model.rowCount(), calendar.counts.reminders
        counts = (
            f"{shown:,} of {calendar.total:,} members shown; {reminders:,} reminders due today."
        )
        self.status.setText(f"{self._done} {counts}" if self._done else counts)
        self._done = ""
        self.refresh_button.setEnabled(True)
        self.more_button.setVisible(calendar.has_more)
        self.more_button.setEnabled(True)
        if selected is not None:
            self.select(selected)
        self.member_actions.update_buttons()

    def _fill_show_combo(self, calendar: RenewalCalendar) -> None:
        counts = calendar.counts
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.addItem(f"All ({counts.listed:,})", SHOW_ALL)
        for kind in Bucket:
            self.show_combo.addItem(
                f"{BUCKET_LABELS[kind]} ({counts.of(kind.value):,})", kind.value
            )
        self.show_combo.addItem(f"Reminders due today ({counts.reminders:,})", SHOW_REMINDERS)
        self.show_combo.addItem(f"Renewing within the look-ahead ({counts.due:,})", SHOW_DUE)
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(calendar.shown)))
        self.show_combo.blockSignals(False)

    def apply_filter(self, filters: dict[str, object]) -> None:
        """Show one group (``show``: a bucket value, "due" or "reminders") with 90 days ahead."""
        self._wanted = str(filters.get("show") or SHOW_ALL)
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(message)
        warn(self, "Renewals", message, "renewalsProblem")

    # -- selection ----------------------------------------------------------------------------

    def selected_id(self) -> uuid.UUID | None:
        """The organization selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_row(self) -> RenewalRow | None:
        """The calendar row selected in the table, when exactly one is."""
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def selected_rows(self) -> list[RenewalRow]:
        """The calendar rows selected, in the table's order."""
        by_key = {row.organization_id: row for row in self.model.rows}
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [by_key[i.data(ID_ROLE)] for i in indexes if i.data(ID_ROLE) in by_key]

    def select(self, organization_id: uuid.UUID) -> None:
        """Select an organization's row, if shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == organization_id:
                select_only_row(self.table, row)
                return

    def _on_table_selection_changed(self, *_: object) -> None:
        self.member_actions.update_buttons()

    def _on_as_of_date_changed(self, _date: QDate) -> None:
        self.refresh()

    def _on_show_combo_current_index_changed(self, _index: int) -> None:
        self._wanted = None
        self.refresh()

    def _on_more_button_clicked(self) -> None:
        self._read(self.model.rowCount())

    # -- actions ------------------------------------------------------------------------------

    def _on_actions_acted(self, done: str) -> None:
        self._done = done
        self.refresh()

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        at = self.table.viewport().mapToGlobal(position)
        count = len(self.selected_rows())
        show_selection_menu(self, count, at, self.buttons["tier"].click, self.write_reminders)

    def write_reminders(self) -> None:
        """Write the selected members' renewal reminders (PDF and e-mail draft) to a folder."""
        if done := write_selected_reminders(self, self._context.letters, self.selected_rows()):
            self.status.setText(done)

    def closeEvent(self, event: object) -> None:
        self._reading.wait()
        super().closeEvent(event)  # type: ignore[arg-type]

"""The Invoices page: the list with status filter and search, and every action on invoices.

Actions go through the services on the context, one call per action; after each the list
is read again and the invoice stays selected. Issuing is confirmed, never undone
(STYLE.md): corrections are credit notes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....domain.billing.statuses import InvoiceStatus
from ....services.billing.records import InvoiceSummary
from ....services.context import AppContext
from ....services.errors import UserError
from ...area_data import area_data
from ...busy_work import BusyWork
from ...changes import Changes, announce
from ...latest_read import LatestRead
from ...widgets.flow_layout import flow_row
from ...widgets.message_boxes import warn
from ...widgets.table_model import SearchProxy
from ...widgets.tables import select_only_row
from .action_buttons import add_action_buttons, enable_buttons
from .credit_notes_view import CreditNotesView
from .credits_view import CreditsView
from .export_action import InvoiceExport
from .filter_banner import FilterBanner
from .invoice_actions import InvoiceActionsMixin
from .invoice_documents import InvoiceDocumentsMixin
from .invoice_model import InvoiceTableModel
from .page_parts import choose_silently, count_text, status_filter, title_row
from .payments_view import PaymentsView
from .pdf_preview import PdfPreview
from .receivables_view import ReceivablesView
from .record_model import record_table
from .statement_dialog import StatementDialog

# A list this long or shorter is read at once when the page is built; a longer one in a
# worker (4,000 invoices take a third of a second to read and show).
READ_AT_ONCE = 1000
_OPEN = {
    InvoiceStatus.ISSUED.value,
    InvoiceStatus.PARTIALLY_PAID.value,
    InvoiceStatus.OVERDUE.value,
}
# Wide enough for an overdue invoice, whose number and dates are in bold.
_COLUMN_CHARACTERS = (17, 30, 14, 9, 14, 14, 13, 13)
# (key, button text, tooltip); the slot of each is _on_<key>_clicked.
_NEW = ("new", "New draft…", "A draft invoice for an organization")
_INVOICE_ACTIONS = (
    ("edit", "Edit draft…", "Change the bill-to, currency, lines and notes"),
    ("issue", "Issue…", "Give the draft its number; it can no longer change"),
    ("delete", "Delete draft…", "Remove a draft that will not be issued"),
    ("payment", "Record payment…", "A payment received against the invoice"),
    ("credit", "Credit note…", "Credit all or part of an issued invoice"),
    ("cancel", "Cancel invoice…", "A full credit note: issued invoices are never deleted"),
)
_DOCUMENT_ACTIONS = (
    ("preview", "Preview PDF", "The document as it prints"),
    ("open", "Open in viewer", "Open the PDF with the system's PDF viewer"),
    ("save", "Save copy…", "Save a copy of the PDF"),
    ("email", "E-mail draft…", "An e-mail to the billing contact with the PDF attached"),
    ("export", "Export selected…", "Save the PDFs of the selected invoices to a folder"),
    ("credit_notes", "Its credit notes", "The credit notes that correct this invoice"),
    ("payments", "Its payments", "The payments of this invoice, to check or reverse"),
    ("statement", "Statement…", "The member's statement of account (PDF, e-mail draft)"),
)


class InvoicesPage(InvoiceActionsMixin, InvoiceDocumentsMixin, QWidget):
    """Invoices and receivables.

    Signals:
        changed(): invoices were created, changed, issued, paid or credited.
    """

    changed = Signal()

    def __init__(
        self,
        context: AppContext,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_invoices")
        self.context = context
        self._today = today
        self.exports: list[InvoiceExport] = []
        self.preview: PdfPreview | None = None
        self.statement: StatementDialog | None = None
        self.model = InvoiceTableModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.status_filter = status_filter(
            "invoiceStatusFilter",
            (status.value for status in InvoiceStatus),
            extra=(("Open (not settled)", "open"),),
        )
        self.search = QLineEdit()
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText("Search number, organization, status or currency")
        self.search.setClearButtonEnabled(True)
        # Filters without a control of their own (year, tier, aging), from the dashboard.
        self.extra_filters: dict[str, Any] = {}
        self.filter_banner = FilterBanner("invoices")
        self.filter_banner.cleared.connect(self._on_filter_banner_cleared)
        self.table = self._build_table()
        self.count_label = QLabel()
        self.count_label.setObjectName("invoiceCount")
        self.buttons: dict[str, QPushButton] = {}
        self.receivables = ReceivablesView(context.receivables)
        self.credit_notes = CreditNotesView(context.credit_notes)
        self.credit_notes.invoice_requested.connect(self._on_credit_notes_invoice_requested)
        self.payments = PaymentsView(context.payments)
        self.payments.reversed.connect(self._on_payments_reversed)
        self.credits = CreditsView(
            context.credits, context.invoices, context.statements, self._today
        )
        self.credits.changed.connect(self._on_payments_reversed)
        # Issuing and credit notes render a PDF (seconds for the first): off the GUI thread.
        self.work = BusyWork(self)
        self.work.ended.connect(self._update_buttons)
        self._reading = LatestRead()  # the first read of a long list
        self._lay_out()
        self._read_first()

    # -- building ---------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = record_table(
            "invoiceTable",
            self.proxy,
            _COLUMN_CHARACTERS,
            InvoiceTableModel.NUMBER,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        table.activated.connect(self._on_table_activated)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return table

    def _lay_out(self) -> None:
        top = title_row(self, "Invoices", "invoice", self.work.bar, _NEW, self.buttons)
        # Rows of buttons wrap in a narrow window rather than widen it.
        actions = flow_row()
        add_action_buttons(self, "invoice", _INVOICE_ACTIONS, self.buttons, actions.flow)
        documents = flow_row()
        add_action_buttons(self, "invoice", _DOCUMENT_ACTIONS, self.buttons, documents.flow)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Status:"))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        list_view = QWidget()
        list_layout = QVBoxLayout(list_view)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.filter_banner)
        list_layout.addWidget(actions)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(documents)
        list_layout.addWidget(self.count_label)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("invoiceTabs")
        self.tabs.addTab(list_view, "Invoices")
        self.tabs.addTab(self.credit_notes, "Credit notes")
        self.tabs.addTab(self.payments, "Payments")
        self.tabs.addTab(self.credits, "Credit balances")
        self.tabs.addTab(self.receivables, "Receivables aging")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    # -- reading ------------------------------------------------------------------------------

    def _read_first(self) -> None:
        """The page's first read: what the warm-up read ahead, or a read now.

        A long list (a large foundation's years of invoices) is read in a worker, so that
        the window does not freeze while it is; a short one is read at once.
        """
        kept: list[InvoiceSummary] | None = area_data().take(self.context, "invoices")
        if kept is not None:
            self._show(kept, None)
        elif self.context.invoices.count() <= READ_AT_ONCE:
            self.refresh()
        else:
            self.count_label.setText("Reading the invoices\u2026")
            self._update_buttons()  # nothing to act on until they are in
            self._reading.start(
                lambda: self.context.invoices.list(None),
                lambda rows: self._show(rows, None),
                lambda message: self._warn("Invoices", message),
            )

    def busy(self) -> bool:
        """Whether the page's first read is still running."""
        return self._reading.busy()

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Read the invoices again (keeping the selection, or selecting ``select``)."""
        keep = select or (self.selected()[0].id if self.selected() else None)
        self._reading.supersede()  # a first read still running is dropped
        try:
            rows = self.context.invoices.list(
                self.status_filter.currentData(), **self.extra_filters
            )
        except UserError as problem:
            rows = []
            self._warn("Invoices", str(problem))
        self._show(rows, keep)

    def _show(self, rows: list[InvoiceSummary], keep: uuid.UUID | None) -> None:
        self.model.set_rows(rows)
        self.filter_banner.show_filters(
            {"status": self.status_filter.currentData(), **self.extra_filters}
        )
        self._update_count()
        if keep is not None:
            self.select(keep)
        self._update_buttons()
        self._on_tabs_current_changed(self.tabs.currentIndex())

    def apply_filter(self, filters: Mapping[str, object]) -> None:
        """Show the invoices the dashboard asked for.

        Keys: ``status`` ("open", "overdue", …), ``year`` of issue, ``tier`` of the
        organization billed and ``aging`` bucket; an empty mapping shows every invoice.
        """
        self.extra_filters = {
            key: filters[key] for key in ("year", "tier", "aging") if filters.get(key) is not None
        }
        choose_silently(self.status_filter, filters.get("status"))
        self.search.clear()
        credits = filters.get("view") == "credits"
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.credits) if credits else 0)
        self.refresh()

    def select(self, invoice_id: uuid.UUID) -> bool:
        """Select an invoice in the list; False when it is not shown."""
        row = self.model.row_of(invoice_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        select_only_row(self.table, index.row())
        return True

    def selected(self) -> list[InvoiceSummary]:
        """The invoices selected, in list order."""
        # Selection ranges, not selectedRows(): that asks the model about every cell, which
        # takes ~150 ms for 1,000 selected invoices.
        selection = self.table.selectionModel().selection()
        rows = sorted(
            {
                row
                for number in range(selection.size())
                for row in range(selection.at(number).top(), selection.at(number).bottom() + 1)
            }
        )
        invoices = []
        for row in rows:
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            invoices.append(self.model.invoice_at(source.row()))
        return invoices

    def _current(self) -> InvoiceSummary | None:
        chosen = self.selected()
        return chosen[0] if len(chosen) == 1 else None

    def _update_count(self) -> None:
        self.count_label.setText(
            count_text(self.proxy.rowCount(), self.model.rowCount(), ("invoice", "invoices"))
        )

    def _update_buttons(self) -> None:
        chosen = self.selected()
        one = chosen[0] if len(chosen) == 1 else None
        status = one.status if one else None
        enabled = {
            "edit": status == InvoiceStatus.DRAFT.value,
            "issue": status == InvoiceStatus.DRAFT.value,
            "delete": status == InvoiceStatus.DRAFT.value,
            "payment": status in _OPEN,
            "credit": status in _OPEN or status == InvoiceStatus.PAID.value,
            "cancel": status in _OPEN,
            "preview": one is not None,
            "open": one is not None,
            "save": one is not None,
            "email": one is not None and one.number is not None,
            "export": any(invoice.number for invoice in chosen),
            "credit_notes": one is not None and one.credited.amount > 0,
            "payments": one is not None and one.number is not None,
            "statement": one is not None,
        }
        enabled["new"] = True
        enable_buttons(self.buttons, enabled, self.work.busy())

    def _warn(self, title: str, message: str) -> None:
        warn(self, title, message, "invoiceProblem")

    def _changed(self, select: uuid.UUID | None) -> None:
        self.refresh(select)
        self.changed.emit()
        announce(Changes.INVOICES | Changes.PAYMENTS | Changes.CREDIT_NOTES, initiator=self)

    # -- list slots ---------------------------------------------------------------------------

    def _on_status_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_filter_banner_cleared(self) -> None:
        self.apply_filter({})

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()
        self._update_buttons()

    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()

    def _on_tabs_current_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.receivables:
            self.receivables.refresh(self._today())
        elif current in (self.credit_notes, self.payments, self.credits):
            current.refresh()

    def _on_payments_clicked(self) -> None:
        current = self._current()
        if current is not None:
            self.tabs.setCurrentWidget(self.payments)
            self.payments.show_invoice(current.number)

    def _on_payments_reversed(self) -> None:
        self._changed(None)

    def _on_statement_clicked(self) -> None:
        current = self._current()
        if current is not None:
            self.statement = StatementDialog(
                self.context.statements, current.organization_id, self._today(), self
            )
            self.statement.exec()

    def _on_credit_notes_clicked(self) -> None:
        current = self._current()
        if current is not None:
            self.tabs.setCurrentWidget(self.credit_notes)
            self.credit_notes.show_invoice(current.id, current.number or "")

    def _on_credit_notes_invoice_requested(self, invoice_id: uuid.UUID) -> None:
        self.apply_filter({})  # the invoice must be listed to be selected
        self.select(invoice_id)

    def _on_table_activated(self, _index: object) -> None:
        if self.work.busy():
            return  # the buttons say so: nothing else starts until issuing ends
        current = self._current()
        if current is not None and current.status == InvoiceStatus.DRAFT.value:
            self._on_edit_clicked()
        elif current is not None:
            self._on_preview_clicked()

    def closeEvent(self, event: object) -> None:
        # Issuing and exports end before the page goes (their outcome reaches it).
        self.work.wait()
        for export in self.exports:
            export.wait()

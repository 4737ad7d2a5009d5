"""The Quotes page: quotes with their status, the editor, sending, and acceptance.

Accepting a sent quote makes it a draft invoice in one action, keeping the quoted prices.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....domain.billing.statuses import QuoteStatus
from ....services.billing.records import QuoteSummary
from ....services.context import AppContext
from ....services.errors import DatabaseProblem, UserError
from ....services.register.global_search import QUOTE
from ...busy_work import BusyWork
from ...changes import Changes, announce
from ...feedback import say
from ...widgets.flow_layout import flow_row
from ...widgets.message_boxes import confirm, warn
from ...widgets.table_model import SearchProxy
from ...widgets.tables import select_only_row
from .action_buttons import add_action_buttons, enable_buttons
from .draft_windows import close_draft_window, may_change_draft, show_new_quote, show_quote_draft
from .filter_banner import FilterBanner
from .organization_picker import OrganizationPicker
from .page_parts import choose_silently, status_filter, title_row
from .pdf_preview import PdfPreview
from .quote_documents import QUOTE_DOCUMENT_ACTIONS, QuoteDocumentsMixin
from .quote_model import QuoteTableModel
from .record_model import record_table

# (key, button text, tooltip); the slot of each is _on_<key>_clicked.
_NEW = ("new", "New quote…", "A quote for a prospect or a member")
_ACTIONS = (
    ("edit", "Edit draft…", "Change the lines, currency, validity and notes of a draft"),
    ("send", "Mark sent…", "Give the quote its number and store its PDF"),
    ("accept", "Accept and create invoice", "The quote becomes a draft invoice, same prices"),
    ("decline", "Declined…", "The organization said no"),
    ("preview", "Preview PDF", "The quote as it prints"),
    *QUOTE_DOCUMENT_ACTIONS,
)
_COLUMN_CHARACTERS = (15, 40, 12, 9, 14, 11)


class QuotesPage(QuoteDocumentsMixin, QWidget):
    """Quotes for prospects and members.

    Signals:
        invoice_created(object): the UUID of the draft invoice an accepted quote became.
    """

    invoice_created = Signal(object)

    def __init__(
        self,
        context: AppContext,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_quotes")
        self.context = context
        self._today = today
        self.preview: PdfPreview | None = None
        self.model = QuoteTableModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.status_filter = status_filter(
            "quoteStatusFilter", (status.value for status in QuoteStatus)
        )
        self.filter_banner = FilterBanner("quotes")
        self.filter_banner.cleared.connect(self._on_filter_banner_cleared)
        self.table = self._build_table()
        self.count_label = QLabel()
        self.notice = QLabel()
        self.notice.setObjectName("quoteNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)  # an acceptance also says what it did to the membership
        self.buttons: dict[str, QPushButton] = {}
        # Sending and previewing render a PDF (seconds for the first one): off the GUI thread.
        self.work = BusyWork(self)
        self.work.ended.connect(self._update_buttons)
        self._lay_out()
        self.refresh()

    def _build_table(self) -> QTableView:
        table = record_table("quoteTable", self.proxy, _COLUMN_CHARACTERS, QuoteTableModel.NUMBER)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.activated.connect(self._on_table_activated)
        return table

    def _lay_out(self) -> None:
        top = title_row(self, "Quotes", "quote", self.work.bar, _NEW, self.buttons)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Status:"))
        actions.addWidget(self.status_filter)
        # The actions wrap onto more rows in a narrow window rather than widen it.
        buttons = flow_row()
        add_action_buttons(self, "quote", _ACTIONS, self.buttons, buttons.flow)
        actions.addWidget(buttons, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.filter_banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.count_label)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)

    # -- reading ------------------------------------------------------------------------------

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Read the quotes again, selecting ``select`` (or keeping the selection)."""
        current = self._current()
        keep = select or (current.id if current else None)
        try:
            rows = self.context.quotes.list(self.status_filter.currentData())
        except UserError as problem:
            rows = []
            self._warn("Quotes", str(problem))
        self.model.set_rows(rows)
        self.filter_banner.show_filters({"status": self.status_filter.currentData()})
        count = len(rows)
        self.count_label.setText(f"{count} quote" if count == 1 else f"{count} quotes")
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            select_only_row(self.table, index.row())
        self._update_buttons()

    def apply_filter(self, filters: Mapping[str, object]) -> None:
        """Show the quotes the dashboard asked for (``status``; empty shows every quote)."""
        choose_silently(self.status_filter, filters.get("status"))
        self.refresh()

    def _current(self) -> QuoteSummary | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.quote_at(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        current = self._current()
        status = current.status if current else None
        enabled = {
            "new": True,
            "edit": status == QuoteStatus.DRAFT.value,
            "send": status == QuoteStatus.DRAFT.value,
            "accept": status == QuoteStatus.SENT.value,
            "decline": status == QuoteStatus.SENT.value,
            "preview": current is not None,
            "save": current is not None,
            "email": current is not None,
            "print": current is not None,
        }
        enable_buttons(self.buttons, enabled, self.work.busy())

    def _warn(self, title: str, message: str) -> None:
        warn(self, title, message, "quoteProblem")

    def _confirm(self, title: str, text: str, action: str) -> bool:
        return confirm(self, title, text, action)

    # -- slots ----------------------------------------------------------------------------------

    def _on_status_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_filter_banner_cleared(self) -> None:
        self.apply_filter({})

    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()

    def _on_table_activated(self, _index: object) -> None:
        if self.work.busy():
            return  # nothing else starts until the PDF is made
        current = self._current()
        if current is not None and current.status == QuoteStatus.DRAFT.value:
            self._on_edit_clicked()
        elif current is not None:
            self._on_preview_clicked()

    def _on_new_clicked(self) -> None:
        picker = OrganizationPicker(self.context.organization_queries, "New quote", self)
        if not picker.exec() or picker.chosen is None:
            return
        try:
            show_new_quote(
                self.context,
                picker.chosen,
                self.window(),
                today=self._today(),
                on_saved=self._on_draft_saved,
            )
        except (UserError, DatabaseProblem) as problem:
            self._warn("New quote", str(problem))

    def _on_edit_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        # A window beside the main window: the list stays usable, a second draft opens beside.
        try:
            show_quote_draft(
                self.context,
                current.id,
                self.window(),
                today=self._today(),
                on_saved=self._on_draft_saved,
            )
        except (UserError, DatabaseProblem) as problem:
            self._warn("Edit quote", str(problem))

    def _on_draft_saved(self, quote_id: uuid.UUID) -> None:
        self._quote_changed(quote_id)
        say("Saved the draft quote")

    def _on_send_clicked(self) -> None:
        current = self._current()
        if current is None or not may_change_draft(current.id, QUOTE, self):
            return  # its window holds edits: saved first, or discarded, or nothing sent
        if not self._confirm(
            "Mark the quote sent",
            f"Mark the quote for {current.organization} as sent?\n\nIt takes the next quote "
            "number and its PDF is stored; a sent quote can no longer be changed.",
            "Mark sent",
        ):
            return
        quotes = self.context.quotes
        self.work.run(
            f"Sending the quote for {current.organization}\u2026",
            lambda: quotes.send(current.id),
            lambda sent: self._on_sent(sent, current.id),
            lambda message: self._on_work_failed("Send quote", message, current.id),
        )
        self._update_buttons()

    def _on_sent(self, sent: QuoteSummary, quote_id: uuid.UUID) -> None:
        close_draft_window(quote_id, QUOTE)  # a sent quote is no longer edited
        self._quote_changed(quote_id)
        say(f"Sent quote {sent.number} to {sent.organization}")

    def _on_work_failed(self, title: str, message: str, quote_id: uuid.UUID) -> None:
        self._warn(title, message)
        self.refresh(quote_id)

    def _on_accept_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        try:
            invoice_id = self.context.quotes.accept(current.id)
        except UserError as problem:
            self._warn("Accept quote", str(problem))
            return
        self.refresh(current.id)
        # The draft invoice and the membership it starts are shown elsewhere.
        announce(Changes.QUOTES | Changes.INVOICES | Changes.MEMBERSHIPS, initiator=self)
        self.notice.setText(
            f"Quote {current.number} is accepted: a draft invoice with the quoted prices is "
            "on the Invoices page, ready to check and issue." + self._membership_words(invoice_id)
        )
        self.invoice_created.emit(invoice_id)
        say(f"Accepted quote {current.number}: a draft invoice is on the Invoices page")

    def _membership_words(self, invoice_id: uuid.UUID) -> str:
        """What the acceptance did to the membership, when the quote was for one."""
        invoice = self.context.invoices.get(invoice_id)
        billed = {line.term_id for line in invoice.lines}
        details = self.context.organizations.get(invoice.summary.organization_id)
        term = next((t for t in details.terms if t.id in billed), None)
        if term is None:
            return ""
        return (
            f" {details.fields.display_name} is now a {term.tier.value.title()} member for "
            f"{term.start_date.isoformat()} to {term.end_date.isoformat()}."
        )

    def _on_decline_clicked(self) -> None:
        current = self._current()
        if current is None or not self._confirm(
            "Quote declined",
            f"Record that {current.organization} declined quote {current.number}?",
            "Declined",
        ):
            return
        self._act(lambda: self.context.quotes.decline(current.id), "Decline quote", current.id)

    def _act(self, call: Callable[[], object], title: str, quote_id: uuid.UUID) -> None:
        try:
            call()
        except UserError as problem:
            self._warn(title, str(problem))
            self.refresh(quote_id)
        else:
            self._quote_changed(quote_id)

    def _quote_changed(self, quote_id: uuid.UUID) -> None:
        self.refresh(quote_id)
        announce(Changes.QUOTES, initiator=self)

    def _on_preview_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        title = f"Quote {current.number}" if current.number else "Draft quote (preview)"
        title = f"{title} \u2013 {current.organization}"
        quotes = self.context.quotes
        self.work.run(
            f"Making the PDF of the quote for {current.organization}\u2026",
            lambda: quotes.pdf(current.id),
            lambda content: self._show_preview(content, title),
            lambda message: self._on_work_failed("Quote PDF", message, current.id),
        )
        self._update_buttons()

    def _show_preview(self, content: bytes, title: str) -> None:
        self.preview = PdfPreview(content, title, self)
        self.preview.open()

"""Invoice documents in the app: preview, system viewer, copies, e-mail drafts and exports."""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.private_files import private_root
from ptf_desktop.services.billing.records import InvoiceSummary
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui import file_dialogs
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage

from conftest import click_button
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import PlainPdfRenderer, use_plain_pdfs, when_dialog_opens

TRICKY = 'AT&T <Holding> "Ünïcødé" / CON'


@pytest.fixture
def renderer(context: AppContext) -> PlainPdfRenderer:
    return use_plain_pdfs(context)


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, renderer: PlainPdfRenderer) -> InvoicesPage:
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def issue(context: AppContext, name: str, email_address: str = "") -> InvoiceSummary:
    organization = add_organization(context, name)
    draft = context.invoices.create_draft(membership_spec(organization))
    if email_address:
        context.invoices.update_draft(draft, {"bill_to_email": email_address})
    return context.invoices.issue(draft)


def select_all(page: InvoicesPage) -> None:
    page.table.selectAll()


def test_a_draft_and_an_issued_invoice_are_previewed_in_qts_pdf_viewer(
    qtbot: QtBot, context: AppContext, page: InvoicesPage, renderer: PlainPdfRenderer
) -> None:
    organization = add_organization(context, TRICKY)
    draft = context.invoices.create_draft(membership_spec(organization))
    page.refresh(draft)

    page.buttons["preview"].click()
    qtbot.waitUntil(lambda: not page.work.busy())  # the PDF is made in a worker thread
    preview = page.preview
    assert preview is not None and preview.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() == 1
    assert preview.windowTitle() == f"Draft invoice (preview) \u2013 {TRICKY}"
    assert "(draft)" in preview.document.getAllText(0).text()
    preview.close()

    when_dialog_opens(qtbot, QMessageBox, lambda box: box.buttons()[0].click())
    context.invoices.issue(draft)
    page.refresh(draft)
    page.buttons["preview"].click()
    qtbot.waitUntil(lambda: not page.work.busy())
    assert page.preview is not None
    text = page.preview.document.getAllText(0).text()
    assert page.preview.windowTitle().startswith("Invoice INV-")
    assert "Invoice INV-" in text and "(draft)" not in text


def test_open_in_viewer_hands_a_pdf_to_the_desktop(
    monkeypatch: pytest.MonkeyPatch, context: AppContext, page: InvoicesPage
) -> None:
    invoice = issue(context, TRICKY)
    page.refresh(invoice.id)
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    page.buttons["open"].click()

    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == context.invoices.pdf(invoice.id)
    assert path.name.startswith(invoice.number or "?") and path.suffix == ".pdf"
    assert "/" not in path.name[len(invoice.number or "") :] and "<" not in path.name
    # In the app's own owner-only folder, not the shared temporary folder.
    assert path.parent.parent == private_root() / "tmp"
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_a_copy_is_saved_where_the_person_chooses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, context: AppContext, page: InvoicesPage
) -> None:
    invoice = issue(context, "Acme Robotics GmbH")
    page.refresh(invoice.id)
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "copy"), ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", choose)
    page.buttons["save"].click()

    assert asked == [f"{invoice.number} Acme Robotics GmbH.pdf"]
    assert (tmp_path / "copy.pdf").read_bytes() == context.invoices.pdf(invoice.id)


@pytest.fixture
def german_locale() -> Iterator[None]:
    """A locale whose short dates ("07.12.26") and numbers ("1.234,50") differ from English."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("german_locale")
def test_an_email_draft_to_the_billing_contact_carries_the_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, context: AppContext, page: InvoicesPage
) -> None:
    context.settings.save({"billing_email": "billing@pytorch.org"})
    invoice = issue(context, TRICKY, "ap@att.example")
    page.refresh(invoice.id)
    # The list shows the dates as ISO whatever the locale: 2027-02-03, never 03.02.27.
    model = page.table.model()
    due = next(
        model.index(row, column).data()
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.headerData(column, Qt.Orientation.Horizontal) == "Due"
    )
    assert invoice.due_date is not None and due == invoice.due_date.isoformat()
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", lambda *_: (str(tmp_path / "draft.eml"), "")
    )

    page.buttons["email"].click()

    message = email.message_from_bytes((tmp_path / "draft.eml").read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "ap@att.example"
    assert message["To"].addresses[0].display_name == TRICKY
    assert message["From"] == "billing@pytorch.org"
    assert message["Subject"].startswith(f"Invoice {invoice.number} from ")
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",)).get_content()
    assert f"quote the invoice number {invoice.number}" in body
    # Amounts and dates as everywhere else, in every locale.
    assert f"for USD 35,000.00, due on {invoice.due_date.isoformat()}." in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == context.invoices.pdf(invoice.id)
    assert "/" not in attachment.get_filename()


def test_an_email_draft_without_a_billing_address_says_what_is_missing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, context: AppContext,
    page: InvoicesPage,
) -> None:  # fmt: skip
    invoice = issue(context, "Acme Robotics GmbH")
    page.refresh(invoice.id)
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", lambda *_: (str(tmp_path / "draft.eml"), "")
    )
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_dialog_opens(qtbot, QMessageBox, read)
    page.buttons["email"].click()

    assert "has no billing e-mail" in seen[0]
    assert not (tmp_path / "draft.eml").exists()


def test_exporting_a_selection_writes_one_pdf_per_issued_invoice(
    qtbot: QtBot, tmp_path: Path, context: AppContext, page: InvoicesPage
) -> None:
    issued = [issue(context, name) for name in ("Acme Robotics GmbH", TRICKY)]
    context.invoices.create_draft(membership_spec(add_organization(context, "Draft Only")))
    page.refresh()
    select_all(page)
    assert len(page.selected()) == 3

    export = page.export_to(tmp_path / "out")
    assert export is not None
    with qtbot.waitSignal(export.finished, timeout=20000):
        pass

    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(files) == 2 and all(name.endswith(".pdf") for name in files)
    for invoice in issued:
        [path] = (tmp_path / "out").glob(f"{invoice.number} *.pdf")
        assert path.read_bytes() == context.invoices.pdf(invoice.id)
    assert export.message is not None
    assert export.message.text() == f"2 PDFs written to {tmp_path / 'out'}."


def test_cancelling_an_export_midway_keeps_the_files_written_and_says_so(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, context: AppContext,
    page: InvoicesPage,
) -> None:  # fmt: skip
    organization = add_organization(context, "Acme Robotics GmbH")
    for _ in range(40):
        context.invoices.issue(context.invoices.create_draft(membership_spec(organization)))
    page.refresh()
    select_all(page)
    # A slow disk: after the third file the worker waits until the person has pressed Cancel.
    released = threading.Event()
    write = context.invoice_export.write
    done: list[Path | None] = []

    def slow_write(item: Any, folder: Path) -> Path | None:
        done.append(write(item, folder))
        if len(done) == 3:
            released.wait(20)
        return done[-1]

    monkeypatch.setattr(context.invoice_export, "write", slow_write)
    export = page.export_to(tmp_path / "out")
    assert export is not None
    assert export.progress_dialog.isVisible()
    qtbot.waitUntil(lambda: export.progress_dialog.value() >= 2, timeout=20000)
    click_button(export.progress_dialog, "Cancel")
    assert "Cancelling" in export.progress_dialog.labelText()
    released.set()
    with qtbot.waitSignal(export.finished, timeout=20000):
        pass

    written = sorted((tmp_path / "out").iterdir())
    assert export.result is not None and export.result.cancelled
    assert len(written) == 3
    assert [p.name for p in written] == sorted(p.name for p in export.result.written)
    for path in written:  # every file written is whole: the stored PDF, byte for byte
        assert path.read_bytes().endswith(b"%%EOF\n")
    assert not list((tmp_path / "out").glob(".*"))  # no temporary file left behind
    assert export.message is not None
    assert export.message.text().startswith(
        f"Export cancelled: {len(written)} PDFs of 40 written to {tmp_path / 'out'}"
    )
    assert not export.progress_dialog.isVisible()


def test_the_applications_own_renderer_is_previewed_with_the_name_as_stored(
    qtbot: QtBot, context: AppContext, tricky_names: list[str]
) -> None:
    context.settings.save({"tax_id": "46-1234567"})  # Factur-X needs the seller's tax ID
    name = next(n for n in tricky_names if "<" in n and "&" in n)
    invoice = issue(context, name)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.refresh(invoice.id)

    page.buttons["preview"].click()
    qtbot.waitUntil(lambda: not page.work.busy())

    assert page.preview is not None
    text = page.preview.document.getAllText(0).text()
    assert name in text and invoice.number in text
    assert page.preview.status.text() == "1 page"

"""An invoice export that meets a problem says so and what it wrote before stopping."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_gui_invoice_documents import select_all

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage

from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs

TRICKY = 'AT&T <Holding> "Ünïcødé" / CON'


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> InvoicesPage:
    use_plain_pdfs(context)
    organization = add_organization(context, TRICKY)
    for _ in range(5):
        context.invoices.issue(context.invoices.create_draft(membership_spec(organization)))
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    select_all(page)
    return page


def test_a_full_disk_stops_the_export_and_the_summary_counts_the_whole_files(
    qtbot: QtBot,
    tmp_path: Path,
    context: AppContext,
    page: InvoicesPage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write = context.invoice_export.write
    calls: list[int] = []

    def filling_write(item: Any, folder: Path) -> Path | None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(item, folder)

    monkeypatch.setattr(context.invoice_export, "write", filling_write)
    folder = tmp_path / "out"
    export = page.export_to(folder)
    assert export is not None
    with qtbot.waitSignal(export.finished, timeout=20000):
        pass

    assert export.result is not None and not export.result.cancelled
    assert len(export.result.written) == 2 and len(list(folder.iterdir())) == 2
    assert export.message is not None
    assert export.message.icon() == QMessageBox.Icon.Warning
    assert export.message.text() == (
        f"The export stopped: Cannot write to {folder}: No space left on device.\n\n"
        f"2 PDFs written to {folder}."
    )
    assert not export.progress_dialog.isVisible()
    export.message.close()


def test_a_folder_that_is_a_file_is_refused_and_nothing_is_written(
    qtbot: QtBot, tmp_path: Path, page: InvoicesPage
) -> None:
    not_a_folder = tmp_path / "taken"
    not_a_folder.write_text("a file, not a folder")
    export = page.export_to(not_a_folder)
    assert export is not None
    with qtbot.waitSignal(export.finished, timeout=20000):
        pass

    assert export.result is not None and export.result.written == ()
    assert export.message is not None
    assert export.message.text().startswith(f"The export stopped: Cannot write to {not_a_folder}")
    assert not_a_folder.read_text() == "a file, not a folder"
    export.message.close()

"""Printing (Ctrl+P): a document's PDF page by page, or the list on screen as a table.

A document prints exactly as its PDF: each page rendered by Qt PDF at the printer's
resolution. A list prints as a table of its visible columns and rows (what the filter
and search show, in the order on screen), under the area's title.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, QSize, Qt
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QTableView, QWidget


def _ask_for_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


# Tests replace it with one that returns a printer writing a PDF file.
choose_printer: Callable[[QWidget | None, str], QPrinter | None] = _ask_for_printer


def print_pdf(content: bytes, title: str, parent: QWidget | None = None) -> int:
    """Ask for a printer and print the PDF's pages; returns how many pages were printed."""
    printer = choose_printer(parent, title)
    return paint_pdf(content, printer) if printer is not None else 0


def paint_pdf(content: bytes, printer: QPrinter) -> int:
    """Render each page of a PDF onto ``printer``, fitted to the page; the page count."""
    data = QByteArray(content)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    if pages == 0:
        return 0
    painter = QPainter(printer)
    try:
        area = painter.viewport()
        for page in range(pages):
            if page:
                printer.newPage()
            size = document.pagePointSize(page).toSize()
            scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            image = document.render(page, QSize(scaled.width(), scaled.height()))
            painter.drawImage(area.topLeft(), image)
    finally:
        painter.end()
    return pages


def table_html(view: QTableView, title: str) -> str:
    """The rows and columns a table view shows, as an HTML table under ``title``."""
    model = view.model()
    columns = [column for column in range(model.columnCount()) if not view.isColumnHidden(column)]
    head = "".join(
        f"<th align='left'>{escape(str(model.headerData(c, Qt.Orientation.Horizontal) or ''))}</th>"
        for c in columns
    )
    rows = []
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        cells = "".join(
            f"<td>{escape(str(model.data(model.index(row, c, QModelIndex())) or ''))}</td>"
            for c in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<h2>{escape(title)}</h2>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def print_table(view: QTableView, title: str, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print the table as shown; whether anything was printed."""
    printer = choose_printer(parent, title)
    if printer is None:
        return False
    document = QTextDocument()
    document.setHtml(table_html(view, title))
    document.print_(printer)
    return True


def shown_table(page: QWidget) -> QTableView | None:
    """The list a person is looking at on ``page``: the focused table, else the first shown."""
    tables = [table for table in page.findChildren(QTableView) if table.isVisible()]
    focused = [table for table in tables if table.hasFocus()]
    chosen = focused or tables
    return chosen[0] if chosen else None

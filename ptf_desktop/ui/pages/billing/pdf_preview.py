"""A document's PDF shown with Qt's own PDF viewer, before or after it is issued."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ...widgets.text_label import text_label


class PdfPreview(QDialog):
    """Shows PDF bytes page after page, fitted to the window's width.

    Attributes:
        document: the loaded QPdfDocument (its ``pageCount`` and ``status`` are what tests see).
    """

    def __init__(self, content: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        # The buffer must outlive the document, which reads from it lazily.
        self._bytes = QByteArray(content)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = text_label(self._status_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("pdfPrint")
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.setToolTip("Print the document (Ctrl+P)")
        self.print_button.clicked.connect(self._on_print_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 900)

    def _on_print_button_clicked(self) -> None:
        from ...printing import print_pdf

        print_pdf(bytes(self._bytes.data()), self.windowTitle(), self)

    def _status_text(self) -> str:
        if self.document.status() != QPdfDocument.Status.Ready:
            return "This PDF cannot be shown; save a copy and open it in another viewer."
        pages = self.document.pageCount()
        return f"{pages} page" if pages == 1 else f"{pages} pages"

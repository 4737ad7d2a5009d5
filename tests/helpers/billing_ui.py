"""Helpers of the billing GUI tests: a renderer that makes real PDFs, waiting for dialogs."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

from ptf_desktop.domain.errors import UserError
from ptf_desktop.services.billing.document_builder import DRAFT_NUMBER
from ptf_desktop.services.billing.rendering import PrintableDocument


class PlainPdfRenderer:
    """A real (if plain) PDF of a billing document: its kind, number, buyer, lines and total.

    The documents branch provides the real renderers; the GUI needs only PDFs that Qt's
    viewer opens and whose bytes differ from one document to the next.
    """

    def __init__(self) -> None:
        self.rendered = 0

    def warm_up(self) -> None:
        """Nothing to load ahead: ReportLab's canvas is imported on first use."""

    def render(self, document: PrintableDocument) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.rendered += 1
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
        draft = document.number == DRAFT_NUMBER
        pdf.setTitle(f"{document.kind} {'draft' if draft else document.number}")
        y = 800
        for text in (
            f"{document.kind.title()} {'(draft)' if draft else document.number}",
            document.buyer.legal_name.encode("ascii", "replace").decode(),
            *(line.description for line in document.lines),
            f"Total {document.total.currency} {document.total.amount}",
        ):
            pdf.drawString(60, y, text)
            y -= 20
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()


class HeldRenderer(PlainPdfRenderer):
    """Renders only once the test lets it, as a first PDF of a process waits for its fonts.

    ``started`` is set when a render begins; it waits for ``release``; a ``refusal``
    makes it fail as a renderer's problem the user can fix does.
    """

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()
        self.refusal: str | None = None

    def render(self, document: Any) -> bytes:
        self.started.set()
        assert self.release.wait(30), "the test never released the renderer"
        if self.refusal is not None:
            raise UserError(self.refusal)
        return super().render(document)

    def hold(self) -> None:
        """Hold the next render until ``release`` is set."""
        self.started.clear()
        self.release.clear()


def use_plain_pdfs(context: Any) -> PlainPdfRenderer:
    """Make the context's billing services render with PlainPdfRenderer (before first use)."""
    renderer = PlainPdfRenderer()
    for name in ("invoices", "quotes", "credit_notes"):
        context.__dict__.pop(name, None)
    context.__dict__["pdf_renderer"] = renderer
    return renderer


def when_dialog_opens(qtbot: Any, kind: type, act: Callable[[Any], None]) -> None:
    """Run act(dialog) once a modal dialog of this class is the active modal widget."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        act(dialog)

    QTimer.singleShot(0, answer)


def opened_window(qtbot: Any, kind: type, title: str | None = None) -> Any:
    """The record window of this class (and title) opened last, once it shows."""
    from ptf_desktop.ui.pages.record_windows import open_record_windows

    def found() -> Any:
        windows = [
            w
            for w in open_record_windows()
            if isinstance(w, kind) and w.isVisible() and title in (None, w.windowTitle())
        ]
        return windows[-1] if windows else None

    qtbot.waitUntil(lambda: found() is not None)
    return found()

"""PDF renders are serialized in-process: ReportLab is not thread-safe.

Every public render entry point of ``documents`` waits for the render lock, entry points
calling one another do not deadlock, and two threads rendering different documents at
once get exactly the bytes of a serial render.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from certificate_samples import logo as certificate_logo
from certificate_samples import sample_document
from test_letters import logo as letter_logo
from test_letters import reminder, welcome

from ptf_desktop.documents import archival, business, letters, render, report_pdf
from ptf_desktop.documents.archival import ArchivalMetadata
from ptf_desktop.documents.certificate import render_certificate
from ptf_desktop.documents.render_lock import RENDER_LOCK, rendering
from ptf_desktop.domain.reports import Column, ColumnType, Report, ReportMetadata

from helpers import documents

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


def small_report() -> Report:
    columns = (Column("Organization", ColumnType.TEXT), Column("Members", ColumnType.NUMBER))
    rows = tuple((f"{TRICKY} {number}", number) for number in range(40))
    return Report("Members", columns, rows, generated_at=datetime(2027, 1, 4, 9, 30, tzinfo=UTC))


ENTRY_POINTS: dict[str, Callable[[], bytes]] = {
    "invoice": lambda: render.render_invoice(documents.invoice(TRICKY)),
    "quote": lambda: render.render_quote(documents.quote(TRICKY)),
    "credit note": lambda: render.render_credit_note(documents.credit_note(TRICKY)),
    "plain invoice": lambda: business.render_invoice_pdf(documents.invoice(TRICKY)),
    "plain quote": lambda: business.render_quote_pdf(documents.quote(TRICKY)),
    "plain credit note": lambda: business.render_credit_note_pdf(documents.credit_note(TRICKY)),
    "pdf/a": lambda: archival.make_pdfa(
        business.render_quote_pdf(documents.quote(TRICKY)),
        ArchivalMetadata(
            "Quote",
            "PyTorch Foundation",
            "A quote",
            "quote",
            "en",
            datetime(2027, 1, 4, tzinfo=UTC),
        ),
    ),
    "certificate": lambda: render_certificate(sample_document(), logo=certificate_logo()),
    "welcome letter": lambda: letters.render_welcome_letter(welcome(TRICKY), logo=letter_logo()),
    "renewal reminder": lambda: letters.render_renewal_reminder(
        reminder(TRICKY), logo=letter_logo()
    ),
    "report": lambda: report_pdf.render_report_pdf(
        small_report(), ReportMetadata("PyTorch Foundation", "US")
    ),
}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_each_entry_point_waits_for_a_render_in_another_thread(name: str) -> None:
    entry_point = ENTRY_POINTS[name]
    entry_point()  # fonts and images loaded: the timed part below is the render itself
    results: list[bytes] = []
    worker = threading.Thread(target=lambda: results.append(entry_point()))
    with RENDER_LOCK:  # another thread's render is running
        worker.start()
        worker.join(0.5)
        assert worker.is_alive() and results == [], f"{name} rendered without the lock"
    worker.join(30)
    assert not worker.is_alive()
    assert results and results[0].startswith(b"%PDF-")
    assert not RENDER_LOCK.locked()


def test_entry_points_inside_a_render_pass_through_and_the_lock_is_let_go_after_errors() -> None:
    with rendering():
        assert RENDER_LOCK.locked()
        nested = render.render_invoice(documents.invoice(TRICKY))  # calls two more
    assert nested.startswith(b"%PDF-") and not RENDER_LOCK.locked()

    with pytest.raises(ValueError), rendering():
        raise ValueError("a render that fails")
    assert not RENDER_LOCK.locked()
    # The thread no longer counts as holding it: another thread can render at once.
    other = threading.Thread(target=ENTRY_POINTS["plain quote"])
    other.start()
    other.join(30)
    assert not other.is_alive()


def test_two_threads_rendering_different_documents_get_the_bytes_of_serial_renders() -> None:
    jobs = {
        "invoice": lambda: render.render_invoice(documents.invoice(TRICKY)),
        "welcome letter": ENTRY_POINTS["welcome letter"],
        "credit note": lambda: render.render_credit_note(documents.credit_note("株式会社")),
        "certificate": ENTRY_POINTS["certificate"],
    }
    serial = {name: job() for name, job in jobs.items()}
    assert len(set(serial.values())) == len(serial)  # four different documents
    problems: list[str] = []
    start = threading.Barrier(2)

    def render_many(names: tuple[str, str]) -> None:
        start.wait()
        for round_number in range(8):
            for name in names:
                if jobs[name]() != serial[name]:
                    problems.append(f"{name}, round {round_number}")

    threads = [
        threading.Thread(target=render_many, args=(("invoice", "welcome letter"),)),
        threading.Thread(target=render_many, args=(("certificate", "credit note"),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)
    assert problems == []

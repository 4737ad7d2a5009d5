"""Exporting invoices' PDFs to a folder, file by file, as long work that can be stopped.

The interface runs ``export_invoices`` in a worker thread, and everything the export
does (reading stored PDFs, and rendering when a PDF has to be made) happens there. It
reports through its ``Progress`` after each file and honours a
cancel request between two files, so the files written so far stay complete. It always
returns an ``ExportResult``, also after a cancel or a problem the person can fix once
some files were written, so the summary can say what is on disk.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...domain.progress import Progress
from ..errors import UserError
from .invoice_export import ExportItem, InvoiceExporter, stop_asked


@dataclass(frozen=True)
class ExportResult:
    """What an export did.

    Attributes:
        folder: where the files went.
        written: the files written, in order.
        without_pdf: numbers of the invoices that had no stored PDF.
        total: how many invoices were to be exported.
        cancelled: the person stopped the export before the end.
        problem: why the export stopped early (disk full, folder not writable), if it did.
    """

    folder: Path
    written: tuple[Path, ...]
    without_pdf: tuple[str, ...]
    total: int
    cancelled: bool
    problem: str | None = None


def export_invoices(
    exporter: InvoiceExporter,
    items: Callable[[], list[ExportItem]],
    total: int,
    folder: Path,
    progress: Progress,
) -> ExportResult:
    """Write one PDF per invoice into ``folder`` (in the worker thread).

    Args:
        exporter: the service that writes an invoice's stored PDF.
        items: makes the list of invoices and file names; called here, since naming
            1,000 files takes ~60 ms.
        total: how many invoices are expected (reported if ``items`` fails).
        folder: where to write; made if missing.
        progress: told of each file written; its ``cancelled`` is asked between files.

    Returns:
        What was written; a problem the person can fix is in ``problem``.
    """
    written: list[Path] = []
    without_pdf: list[str] = []
    problem: str | None = None
    # A full garbage collection of a big heap holds the GIL for 100-300 ms, which freezes
    # the GUI thread; the export makes little cyclic garbage, so the collector waits
    # until it is done (reference counting still frees everything else).
    collecting = gc.isenabled()
    gc.disable()
    try:
        chosen = items()
        total = len(chosen)
        folder.mkdir(parents=True, exist_ok=True)
        exporter.write_all(chosen, folder, progress, written, without_pdf)
    except UserError as refused:
        problem = str(refused)
    except OSError as error:
        problem = f"Cannot write to {folder}: {error.strerror or error}."
    finally:
        if collecting:
            gc.enable()
    cancelled = stop_asked(progress) and len(written) + len(without_pdf) < total
    return ExportResult(folder, tuple(written), tuple(without_pdf), total, cancelled, problem)

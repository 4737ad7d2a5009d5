"""Certificates for a year: issue what is missing, then export every certificate of the year.

Every membership term that overlaps the year gets its valid certificate written to a
folder (or into one zip file there). Terms without a valid certificate are issued one
first when they can be (a current term of a current member); the others are reported
with the reason. Progress is reported and cancellation asked between items, so a window
can show a progress dialog and stop the batch; everything done before a cancel stays
done (each issue is its own transaction; each file is written atomically).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...domain.billing.file_names import document_file_name
from ...domain.errors import UserError
from ..atomic_files import write_bytes_atomic
from .certificate_service import CertificateService, IssuingMaterial

Progress = Callable[[int, int, str], None]
"""Called with (done, total, what was just done) after each term."""


@dataclass
class BatchReport:
    """What a batch did.

    Attributes:
        issued: numbers of the certificates issued by this batch.
        written: the files written (one zip file when zipping).
        skipped: terms that could not be certified, with the reason.
        cancelled: the batch was stopped before the end.
    """

    issued: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cancelled: bool = False


def zip_name(year: int) -> str:
    """The name of the zip file of a year's certificates."""
    return f"Certificates {year:04d}.zip"


class CertificateBatch:
    """Issue and export the certificates of every membership active in a year."""

    def __init__(self, service: CertificateService) -> None:
        self._service = service

    def issue_year(
        self,
        year: int,
        *,
        on: date | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BatchReport:
        """Issue a certificate for every term of the year that has none and can have one."""
        return self._run(year, None, False, on, progress, cancelled)

    def export_year(
        self,
        year: int,
        folder: Path,
        *,
        as_zip: bool = False,
        on: date | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BatchReport:
        """Issue what is missing, then write every valid certificate of the year.

        Args:
            year: the membership year.
            folder: where the files go; created when missing.
            as_zip: write one zip file (:func:`zip_name`) instead of one PDF per term.
            on: the issue date of new certificates (today by default).
            progress: told after each term.
            cancelled: asked before each term; True stops the batch (no zip is written).

        Raises:
            UserError: the folder cannot be made or written to.
        """
        _prepare(folder)
        return self._run(year, folder, as_zip, on, progress, cancelled)

    def _run(
        self,
        year: int,
        folder: Path | None,
        as_zip: bool,
        on: date | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> BatchReport:
        if not 1900 <= year <= 9999:
            raise UserError(f"{year} is not a membership year.")
        report = BatchReport()
        terms = self._service.terms_active_in(year)
        archive: list[tuple[str, bytes]] = []
        # The signing certificate, its passphrase and the signature image are read once,
        # at the first certificate to issue: not from the keyring for every certificate.
        material: list[IssuingMaterial] = []
        for done, term_id in enumerate(terms, start=1):
            if cancelled is not None and cancelled():
                report.cancelled = True
                return report
            what = self._one(term_id, folder, as_zip, on, report, archive, material)
            if progress is not None:
                progress(done, len(terms), what)
        if folder is not None and as_zip:
            target = folder / zip_name(year)
            write_bytes_atomic(target, _zip(archive))
            report.written.append(target)
        return report

    def _one(
        self,
        term_id: uuid.UUID,
        folder: Path | None,
        as_zip: bool,
        on: date | None,
        report: BatchReport,
        archive: list[tuple[str, bytes]],
        material: list[IssuingMaterial],
    ) -> str:
        record = self._service.valid_for_term(term_id)
        data: bytes | None = None
        if record is None:
            problem = self._service.certifiable_problem(term_id, on)
            if problem is not None:
                report.skipped.append(problem)
                return problem
            if not material:
                material.append(self._service.issuing_material())
            record, data = self._service.issue_with_pdf(term_id, on=on, material=material[0])
            report.issued.append(record.number)
        if folder is None:
            return record.number
        name = document_file_name(record.number, record.legal_name)
        if data is None:
            data = self._service.pdf(record.id)
        if as_zip:
            archive.append((name, data))
        else:
            path = folder / name
            write_bytes_atomic(path, data)
            report.written.append(path)
        return record.number


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    # PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return buffer.getvalue()


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UserError(f"Cannot export to {folder}: it is a file, not a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"Cannot create the folder {folder}: {error.strerror or error}.") from None

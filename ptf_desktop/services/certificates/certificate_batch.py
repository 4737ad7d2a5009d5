"""Certificates for a year: issue what is missing, then export every certificate of the year.

Every membership term that overlaps the year gets its valid certificate written to a
folder (or into one zip file there). Terms without a valid certificate are issued one
first when they can be (a current term of a current member); the others are reported
with the reason. Certificates are numbered, rendered and stored a chunk at a time (one
transaction per chunk, rendered in worker processes for big batches: see
``certificate_chunk`` and ``documents.certificate_pool``). Progress is reported per
term and cancellation asked between chunks, so a window can show a progress dialog and
stop the batch; every chunk committed before a cancel stays done, with its files
(each written atomically).
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...documents.certificate_pool import POOL_THRESHOLD, CertificateRenderer, RenderingMaterial
from ...domain.billing.file_names import document_file_name
from ...domain.errors import UserError
from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.engine import SessionFactories
from ..atomic_files import prepare_export_folder, write_bytes_atomic
from .certificate_chunk import ChunkItem, issue_chunk
from .certificate_service import CertificateService, logo
from .term_choices import TermChoice, term_choices

log = logging.getLogger(__name__)


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


CHUNK_SIZE = 50
"""Most certificates numbered, rendered and stored per transaction."""

_CHUNKS_AT_LEAST = 10
"""A batch has at least this many chunks (when it has as many terms), so that a small
batch can still be cancelled part way."""


class CertificateBatch:
    """Issue and export the certificates of every membership active in a year."""

    def __init__(
        self,
        service: CertificateService,
        factories: SessionFactories,
        *,
        chunk_size: int | None = None,
        workers: int | None = None,
        pool_threshold: int = POOL_THRESHOLD,
    ) -> None:
        """A batch over the certificate register.

        Args:
            service: the certificate register.
            factories: the database's session factories (one transaction per chunk).
            chunk_size: certificates per transaction; a failure or a cancel rolls back
                or stops after at most this many. By default a tenth of the batch, at
                most :data:`CHUNK_SIZE`.
            workers: processes that render certificates (the number of cores by default).
            pool_threshold: the fewest certificates of a chunk that start the worker
                processes (smaller batches are rendered in this process).
        """
        self._service = service
        self._factories = factories
        self._chunk_size = chunk_size
        self._workers = workers
        self._pool_threshold = pool_threshold

    def term_choices(self, year: int, on: date) -> list[TermChoice]:
        """Every term overlapping ``year``, by organization name, with what stops issuing.

        Args:
            year: the membership year.
            on: the day a term's holder is judged on (good standing, payment).

        Returns:
            One choice per term, its certificate number when one is valid.
        """
        return term_choices(self._factories, year, on)

    def issue_year(
        self,
        year: int,
        *,
        on: date | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> BatchReport:
        """Issue a certificate for every term of the year that has none and can have one."""
        return self._run(year, None, False, on, progress)

    def export_year(
        self,
        year: int,
        folder: Path,
        *,
        as_zip: bool = False,
        on: date | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> BatchReport:
        """Issue what is missing, then write every valid certificate of the year.

        Certificates are numbered, rendered and stored a chunk at a time, each chunk in
        one transaction; its files are written once it is committed.

        Args:
            year: the membership year.
            folder: where the files go; created when missing.
            as_zip: write one zip file (:func:`zip_name`) instead of one PDF per term.
            on: the issue date of new certificates (today by default).
            progress: told (done, total) after each term; its ``cancelled`` is asked
                before each chunk, and True stops the batch (no zip is written).

        Raises:
            UserError: the folder cannot be made or written to, or a certificate cannot
                be issued (its whole chunk is rolled back; earlier chunks stay).
        """
        prepare_export_folder(folder)
        return self._run(year, folder, as_zip, on, progress)

    def _run(
        self,
        year: int,
        folder: Path | None,
        as_zip: bool,
        on: date | None,
        progress: Progress,
    ) -> BatchReport:
        if not 1900 <= year <= 9999:
            raise UserError(f"{year} is not a membership year.")
        report = BatchReport()
        terms = self._service.terms_active_in(year)
        archive: list[tuple[str, bytes]] = []
        day = on or date.today()
        size = self._chunk_size or min(CHUNK_SIZE, -(-len(terms) // _CHUNKS_AT_LEAST))
        size = max(1, size)
        done = 0

        def told(_what: str) -> None:
            nonlocal done
            done += 1
            if progress.report is not None:
                progress.report(done, len(terms))

        with _LazyRenderer(self._service, self._workers, self._pool_threshold) as renderer:
            for start in range(0, len(terms), size):
                # Not Progress.step: a stop ends the batch between chunks, with a report.
                if progress.cancelled is not None and progress.cancelled():
                    report.cancelled = True
                    return report
                items = issue_chunk(
                    self._factories,
                    terms[start : start + size],
                    day,
                    renderer.get,
                    with_pdfs=folder is not None,
                    told=told,
                )
                self._written(items, folder, as_zip, report, archive)
        if folder is not None and as_zip:
            target = folder / zip_name(year)
            write_bytes_atomic(target, _zip(archive))
            report.written.append(target)
        log.info(
            "Certificates of %d: %d issued, %d files written, %d skipped",
            year, len(report.issued), len(report.written), len(report.skipped),
        )  # fmt: skip
        return report

    def _written(
        self,
        items: list[ChunkItem],
        folder: Path | None,
        as_zip: bool,
        report: BatchReport,
        archive: list[tuple[str, bytes]],
    ) -> None:
        for item in items:
            if item.record is None:
                report.skipped.append(item.problem)
                continue
            if item.issued:
                report.issued.append(item.record.number)
            if folder is None or item.pdf is None:
                continue
            name = document_file_name(item.record.number, item.record.legal_name)
            if as_zip:
                archive.append((name, item.pdf))
            else:
                path = folder / name
                write_bytes_atomic(path, item.pdf)
                report.written.append(path)


class _LazyRenderer:
    """The batch's renderer, made at the first certificate to issue.

    The signing certificate, its passphrase and the signature image are read then,
    once for the batch: not from the keyring for every certificate, and not at all when
    everything is issued already.
    """

    def __init__(self, service: CertificateService, workers: int | None, threshold: int) -> None:
        self._service = service
        self._workers = workers
        self._threshold = threshold
        self._renderer: CertificateRenderer | None = None

    def __enter__(self) -> _LazyRenderer:
        return self

    def __exit__(self, *_: object) -> None:
        if self._renderer is not None:
            self._renderer.close()

    def get(self) -> CertificateRenderer:
        if self._renderer is None:
            material = self._service.issuing_material()
            signing = material.signing
            self._renderer = CertificateRenderer(
                RenderingMaterial(
                    logo=logo(),
                    signature_image=material.signature_image,
                    pkcs12=signing.pkcs12 if signing else None,
                    passphrase=signing.passphrase if signing else b"",
                ),
                workers=self._workers,
                threshold=self._threshold,
            )
        return self._renderer


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    # PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return buffer.getvalue()

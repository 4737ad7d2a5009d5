"""Year batches in chunks: failures, cancel, and rendering in worker processes.

A failure rolls back its whole chunk, cancel stops between chunks, and certificates
rendered in worker processes are the ones rendered in process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ptf_desktop.documents import certificate_pool
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.progress import Progress
from ptf_desktop.persistence.models.billing import DocumentPdf
from ptf_desktop.services.certificates.certificate_batch import CertificateBatch

from helpers import pdf_reading
from helpers.certificates import ISSUE_DAY, add_member, configure_signatory, enable_signing

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")


def _batch(context: Any, **options: Any) -> CertificateBatch:
    return CertificateBatch(context.certificates, context.factories, **options)


def _numbers(context: Any) -> list[str]:
    return sorted(record.number for record in context.certificates.list())


def _stored_pdfs(context: Any) -> int:
    with context.factories.read.begin() as s:
        return int(s.scalar(select(func.count()).select_from(DocumentPdf)) or 0)


def test_a_failure_inside_a_chunk_rolls_the_whole_chunk_back(
    context: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure_signatory(context)
    for name in NAMES:
        add_member(context, name)
    real = certificate_pool.render_job
    drawn: list[str] = []

    def failing(material: Any, job: Any) -> bytes:
        drawn.append(job.document.content.number)
        if len(drawn) == 5:  # the second certificate of the second chunk
            raise UserError("The printer caught fire.")
        return real(material, job)

    monkeypatch.setattr(certificate_pool, "render_job", failing)
    seen: list[int] = []
    out = tmp_path / "out"
    with pytest.raises(UserError, match="caught fire"):
        _batch(context, chunk_size=3).export_year(
            2027, out, on=ISSUE_DAY, progress=Progress(lambda done, _total: seen.append(done))
        )
    # The first chunk (three) is stored and written; nothing of the second one is.
    assert _numbers(context) == [f"CERT-2027-000{n}" for n in (1, 2, 3)]
    assert _stored_pdfs(context) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        "CERT-2027-0001 Alpha.pdf",
        "CERT-2027-0002 Beta.pdf",
        "CERT-2027-0003 Delta.pdf",
    ]
    assert seen == [1, 2, 3, 4]
    # Once the fault is gone the numbers go on where they stopped: no gap.
    monkeypatch.setattr(certificate_pool, "render_job", real)
    again = _batch(context, chunk_size=3).export_year(2027, out, on=ISSUE_DAY)
    assert again.issued == ["CERT-2027-0004", "CERT-2027-0005"]
    assert _numbers(context) == [f"CERT-2027-000{n}" for n in range(1, 6)]
    assert _stored_pdfs(context) == 5 and len(list(out.glob("*.pdf"))) == 5
    assert not list(out.glob("*.part"))


def test_cancel_stops_between_chunks_and_keeps_the_chunks_done(
    context: Any, tmp_path: Path
) -> None:
    configure_signatory(context)
    for name in NAMES:
        add_member(context, name)
    seen: list[int] = []
    out = tmp_path / "out"
    report = _batch(context, chunk_size=2).export_year(
        2027,
        out,
        as_zip=True,
        on=ISSUE_DAY,
        # Asked only between chunks: set during the first chunk, stops before the second.
        progress=Progress(lambda done, _total: seen.append(done), lambda: len(seen) >= 1),
    )
    assert report.cancelled and report.issued == ["CERT-2027-0001", "CERT-2027-0002"]
    assert seen == [1, 2] and not list(out.iterdir())  # a cancelled zip is not written
    assert _numbers(context) == ["CERT-2027-0001", "CERT-2027-0002"]
    rest = _batch(context, chunk_size=2).export_year(2027, out, as_zip=True, on=ISSUE_DAY)
    assert rest.issued == ["CERT-2027-0003", "CERT-2027-0004", "CERT-2027-0005"]
    assert [p.name for p in out.iterdir()] == ["Certificates 2027.zip"]
    # Nothing new the third time.
    assert _batch(context, chunk_size=2).issue_year(2027, on=ISSUE_DAY).issued == []


def test_worker_processes_render_the_same_certificates_as_the_batch_in_process(
    context: Any, tmp_path: Path
) -> None:
    configure_signatory(context)
    for name in NAMES:
        add_member(context, name)
    pooled = _batch(context, workers=2, pool_threshold=1).export_year(
        2027, tmp_path / "pool", on=ISSUE_DAY
    )
    assert len(pooled.issued) == 5
    for record in context.certificates.list():
        # Unsigned, the same content gives the same bytes whoever draws it.
        from ptf_desktop.documents.certificate import render_certificate
        from ptf_desktop.services.certificates.certificate_service import logo

        stored = context.certificates.pdf(record.id)
        with context.factories.read.begin() as s:
            from ptf_desktop.persistence.models import Certificate
            from ptf_desktop.services.certificates.certificate_records import document_of

            row = s.get(Certificate, record.id)
            assert row is not None
            assert render_certificate(document_of(row), logo=logo()) == stored


def test_worker_processes_sign_with_the_key_they_were_given(
    context: Any, tmp_path: Path, memory_keyring: Any
) -> None:
    configure_signatory(context)
    enable_signing(context, tmp_path)
    for name in NAMES[:3]:
        add_member(context, name)
    report = _batch(context, workers=2, pool_threshold=1).export_year(
        2027, tmp_path / "out", on=ISSUE_DAY
    )
    assert len(report.written) == 3
    assert all(record.signed for record in context.certificates.list())
    for path in report.written:  # last: skipped where poppler-utils is missing
        pdfsig = pdf_reading.pdfsig(path)
        assert "Signature is Valid." in pdfsig
        assert "Total document signed" in pdfsig

"""Certificates issued through the register, for every tricky name, checked by other tools.

zxing-cpp must read the QR code as exactly ``PTF-CERT:<number>:<code>``, the DOCUMENTS.md
checks must pass with no word outside the border, the verifier must call each one valid,
and pdfsig must find the signature valid over the whole file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
from test_certificate_rendering import border_rectangle, decode_barcodes

from ptf_desktop.documents.certificate import printed_lines
from ptf_desktop.domain.certificates import PageSize
from ptf_desktop.persistence.models import Certificate
from ptf_desktop.services.certificates.certificate_records import document_of

from helpers import pdf_checks, pdf_reading
from helpers.certificates import ISSUE_DAY, add_member, configure_signatory, enable_signing


@pytest.fixture
def signing_context(context: Any, memory_keyring: object, tmp_path: Path) -> Any:
    configure_signatory(context)
    enable_signing(context, tmp_path)
    return context


def check_issued(context: Any, names: list[str], tmp_path: Path) -> None:
    """Issue a signed certificate per name and run every outside check on each."""
    signed = []
    for index, name in enumerate(names):
        country = ("US", "JP", "SA")[index % 3]
        _, term = add_member(context, name, country=country)
        record = context.certificates.issue(term, on=ISSUE_DAY)
        pdf = context.certificates.save_pdf(record.id, tmp_path / f"{index}.pdf")
        with context.factories.read.begin() as s:
            document = document_of(s.get(Certificate, record.id))
        lines = printed_lines(document)
        pdf_checks.check_document(
            pdf,
            expected_text=[record.legal_name, *lines.values()],
            one_line=[record.number, record.verification_code],
            title=f"Certificate of Membership: {lines['legal_name']}",
            author="PyTorch Foundation",
            subject=(
                f"Certificate {record.number}: General Membership of PyTorch Foundation, "
                "1 January 2027 to 31 December 2027"
            ),
            page_template=None,
        )
        height = float(pypdf.PdfReader(pdf).pages[0].mediabox.height)
        paper = PageSize.LETTER if country == "US" else PageSize.A4
        pdf_checks.check_words_inside(pdf, rectangle=border_rectangle(paper, height))
        assert decode_barcodes(pdf) == f"PTF-CERT:{record.number}:{record.verification_code}"
        verdict = context.certificate_verifier.verify_file(pdf)
        assert verdict.valid, (name, verdict.problems)
        assert verdict.register_status == "valid" and verdict.legal_name == record.legal_name
        signed.append((name, pdf))
    for name, pdf in signed:  # last: skipped where poppler-utils is missing
        report = pdf_reading.pdfsig(pdf)
        assert "Signature is Valid." in report, (name, report)
        assert "Total document signed" in report, (name, report)


@pytest.mark.slow
def test_every_tricky_name_issued_signed_readable_and_verified(
    signing_context: Any, tricky_names: list[str], tmp_path: Path
) -> None:
    check_issued(signing_context, tricky_names, tmp_path)


def test_hard_names_issued_signed_readable_and_verified(
    signing_context: Any, tmp_path: Path
) -> None:
    names = ["R&D <b>Labs</b> GmbH", "شركة أرامكو السعودية", "株式会社テスト"]
    check_issued(signing_context, names, tmp_path)

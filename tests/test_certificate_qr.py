"""The QR code with its fixed data mask decodes for any code, at low resolution too."""

from __future__ import annotations

import secrets

import segno
from certificate_samples import render, sample_content

from ptf_desktop.documents.qr_drawing import MASK, qr_matrix
from ptf_desktop.documents.qr_reading import decode_qr_codes
from ptf_desktop.domain.certificates import CertificateDocument, verification_code


def test_the_symbol_is_the_standard_one_with_the_fixed_mask() -> None:
    payload = "PTF-CERT:CERT-2027-00042:7K2QD-M9XWB-4T0HC-Y8RNE"
    reference = segno.make_qr(payload, error="m", boost_error=False, mask=MASK)
    assert reference.mask == MASK and reference.version == 3
    assert qr_matrix(payload) == [[bool(module) for module in row] for row in reference.matrix]


def test_many_different_codes_decode_exactly_from_the_rendered_page() -> None:
    for index in range(16):
        content = sample_content(number=f"CERT-{2027 + index % 3}-{secrets.randbelow(99999):05d}")
        document = CertificateDocument(content, verification_code(content, secrets.token_bytes(32)))
        pdf = render(document)
        # 150 dpi as in the other checks; 72 dpi is a coarse scan of a printed copy.
        resolution = 150 if index % 2 else 72
        assert decode_qr_codes(pdf, resolution=resolution) == [document.qr_payload], resolution

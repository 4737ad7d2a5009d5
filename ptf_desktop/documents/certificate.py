"""Render a membership certificate: a landscape page meant to be framed.

Layout, top to bottom inside a double border with corner ornaments: the foundation's
logo and name, the title, "This certifies that", the member's legal name in its own
script as the centre piece (shrunk, then wrapped, always inside the border), the tier
and term, and a bottom row with the signatory block, the certificate number and issue
date, and the QR code with its verification code.

Besides the page, the PDF carries the QR payload and the canonical content that was
hashed in its XMP metadata (``certificate_metadata``), so a verifier can compare them
with the printed text without decoding the QR image (``certificate_check``). The same
payload is also the document's keywords.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents.certificate_images import draw_image
from ptf_desktop.documents.certificate_metadata import write_xmp
from ptf_desktop.documents.coverage import refuse_undrawable
from ptf_desktop.documents.fonts import BODY_FONT, register_fonts
from ptf_desktop.documents.pdf_signature import SignatureRequest, prepare_signature
from ptf_desktop.documents.qr_drawing import draw_qr_code
from ptf_desktop.documents.render_lock import one_render_at_a_time
from ptf_desktop.documents.signing import sign_pdf
from ptf_desktop.documents.text_fitting import display_text, fit_text, string_width
from ptf_desktop.documents.text_runs import draw_string
from ptf_desktop.domain.certificates import CertificateDocument, canonical_content
from ptf_desktop.domain.paper import PageSize
from ptf_desktop.domain.wording import with_article

__all__ = [
    "BORDER_INSET",
    "border_box",
    "format_long_date",
    "printed_lines",
    "render_certificate",
]

BORDER_INSET = 28.0
"""Distance from the paper edge to the outer border line, in points."""

_INNER_GAP = 7.0
_PADDING = 30.0
_INK = (0.15, 0.15, 0.18)
_MUTED = (0.38, 0.38, 0.42)
_ACCENT = (0.933, 0.298, 0.173)
_GOLD = (0.72, 0.58, 0.30)
_PAPER = {PageSize.A4: landscape(A4), PageSize.LETTER: landscape(letter)}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

ImageSource = Path | bytes


def format_long_date(day: date) -> str:
    """Write a date as printed on certificates and letters, e.g. ``1 January 2027``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def border_box(page_size: PageSize) -> tuple[float, float, float, float]:
    """Return the inner border of a certificate page as ``(x0, y0, x1, y1)`` in points.

    Everything printed lies inside this box (PDF coordinates, origin bottom left).
    """
    width, height = _PAPER[page_size]
    inset = BORDER_INSET + _INNER_GAP
    return inset, inset, width - inset, height - inset


def printed_lines(document: CertificateDocument) -> dict[str, str]:
    """Return the texts the certificate prints for each content field.

    The verifier looks for these in the page's extracted text.
    """
    content = document.content
    return {
        "legal_name": display_text(content.legal_name),
        "tier": f"{display_text(content.tier)} Member",
        "term": (f"{format_long_date(content.term_start)} to {format_long_date(content.term_end)}"),
        "number": content.number,
        "issue_date": format_long_date(content.issue_date),
        "signatory_name": display_text(content.signatory_name),
        "signatory_title": display_text(content.signatory_title),
        "foundation_name": display_text(content.foundation_name),
        "code": document.code,
    }


def _image(source: ImageSource) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def _draw_border(canvas: Canvas, width: float, height: float) -> None:
    outer = BORDER_INSET
    inner = BORDER_INSET + _INNER_GAP
    canvas.setStrokeColorRGB(*_ACCENT)
    canvas.setLineWidth(2.4)
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer)
    canvas.setStrokeColorRGB(*_GOLD)
    canvas.setLineWidth(0.7)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner)
    # A small diamond on each corner of the inner frame.
    canvas.setFillColorRGB(*_ACCENT)
    for cx in (inner, width - inner):
        for cy in (inner, height - inner):
            path = canvas.beginPath()
            path.moveTo(cx, cy + 6)
            path.lineTo(cx + 6, cy)
            path.lineTo(cx, cy - 6)
            path.lineTo(cx - 6, cy)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)


def _rule(canvas: Canvas, centre: float, y: float, half_width: float) -> None:
    canvas.setStrokeColorRGB(*_GOLD)
    canvas.setLineWidth(0.8)
    canvas.line(centre - half_width, y, centre + half_width, y)


_BELOW_NAME = 66.0
"""Height of what follows the name: the rule, the tier line and the term line."""


def _draw_name_group(
    canvas: Canvas, document: CertificateDocument, box: tuple[float, float, float, float]
) -> float:
    """Draw the legal name, shrunk or wrapped to fit, with the tier and term under it.

    The group is centred vertically in ``box`` (``x0, y0, x1, y1``), so a short name
    sits in the middle of the page and a long one takes the room it needs.

    Returns:
        The baseline of the last line of the group.
    """
    x0, y0, x1, y1 = box
    width = x1 - x0
    fitted = fit_text(
        document.content.legal_name,
        width,
        y1 - y0 - _BELOW_NAME,
        size=34,
        single_line_min=22,
        min_size=12,
        bold=True,
    )
    top = y1 - (y1 - y0 - fitted.height - _BELOW_NAME) / 2
    baseline = top - fitted.size
    centre = (x0 + x1) / 2
    canvas.setFillColorRGB(*_INK)
    for line in fitted.lines:
        draw_string(canvas, centre, baseline, line, fitted.size, bold=True, align="centre")
        baseline -= fitted.leading
    name_bottom = top - fitted.height
    _rule(canvas, centre, name_bottom - 8, 160)
    lines = printed_lines(document)
    canvas.setFillColorRGB(*_INK)
    tier_line = f"is {with_article(lines['tier'])} of {lines['foundation_name']}"
    _draw_centred(canvas, centre, name_bottom - 32, tier_line, 14, width, bold=False)
    canvas.setFillColorRGB(*_MUTED)
    term_line = f"for the membership term {lines['term']}"
    _draw_centred(canvas, centre, name_bottom - 52, term_line, 12, width, bold=False)
    return name_bottom - 52


def _draw_centred(
    canvas: Canvas, x: float, y: float, text: str, size: float, max_width: float, *, bold: bool
) -> None:
    """Draw one centred line, shrunk to ``max_width`` when it is longer."""
    width = string_width(text, size, bold=bold)
    if width > max_width:
        size *= max_width / width
    draw_string(canvas, x, y, text, size, bold=bold, align="centre")


def _draw_bottom_row(
    canvas: Canvas,
    document: CertificateDocument,
    box: tuple[float, float, float, float],
    signature_image: ImageSource | None,
) -> None:
    x0, y0, x1, _ = box
    lines = printed_lines(document)
    column = (x1 - x0 - 2 * _PADDING) / 3
    left_centre = x0 + _PADDING + column / 2
    middle = (x0 + x1) / 2
    base = y0 + _PADDING
    # Signatory block: signature image over a line, name and title under it.
    line_y = base + 34
    if signature_image is not None:
        draw_image(
            canvas, _image(signature_image), left_centre - 80, line_y + 2, 160, 44, anchor="s"
        )
    canvas.setStrokeColorRGB(*_MUTED)
    canvas.setLineWidth(0.6)
    canvas.line(left_centre - 90, line_y, left_centre + 90, line_y)
    canvas.setFillColorRGB(*_INK)
    _draw_centred(canvas, left_centre, line_y - 15, lines["signatory_name"], 11, column, bold=True)
    canvas.setFillColorRGB(*_MUTED)
    _draw_centred(canvas, left_centre, line_y - 29, lines["signatory_title"], 9, column, bold=False)
    # Number and issue date in the middle.
    canvas.setFillColorRGB(*_MUTED)
    _draw_centred(canvas, middle, base + 34, "Certificate No.", 8.5, column, bold=False)
    canvas.setFillColorRGB(*_INK)
    _draw_centred(canvas, middle, base + 20, lines["number"], 11, column, bold=True)
    canvas.setFillColorRGB(*_MUTED)
    _draw_centred(
        canvas, middle, base + 4, f"Issued {lines['issue_date']}", 8.5, column, bold=False
    )
    # QR code at the right, its verification code under it.
    qr_size = 84.0
    qr_x = x1 - _PADDING - qr_size
    draw_qr_code(canvas, qr_x, base + 8, qr_size, document.qr_payload)
    canvas.setFillColorRGB(*_MUTED)
    _draw_centred(canvas, qr_x + qr_size / 2, base - 2, lines["code"], 7, qr_size + 40, bold=False)


@one_render_at_a_time
def render_certificate(
    doc: CertificateDocument,
    *,
    logo: ImageSource,
    signature_image: ImageSource | None = None,
    signing: SignatureRequest | None = None,
) -> bytes:
    """Render a certificate as a one-page landscape PDF, signed when asked.

    Args:
        doc: the certificate content and its verification code.
        logo: the foundation's logo (a file path or image bytes; PNG with transparency
            is fine).
        signature_image: the signatory's signature (path or bytes), drawn above the
            signature line when given.
        signing: sign the PDF (PAdES) with this certificate, in the same pass.

    Returns:
        The PDF bytes; unsigned, the same document always gives the same bytes.

    Raises:
        SigningError: the signing certificate cannot be opened with its passphrase.
    """
    lines = printed_lines(doc)
    refuse_undrawable(lines.values(), what=f"The certificate for {lines['legal_name']}")
    register_fonts()
    # Binary streams, as for the business documents: ASCII85 only makes files larger.
    rl_config.useA85 = 0
    content = doc.content
    width, height = _PAPER[content.page_size]
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(width, height),
        invariant=1,
        initialFontName=BODY_FONT,
        lang="en",
    )
    canvas.setTitle(f"Certificate of Membership: {lines['legal_name']}")
    canvas.setAuthor(lines["foundation_name"])
    canvas.setSubject(
        f"Certificate {content.number}: {lines['tier']}ship of {lines['foundation_name']}, "
        f"{lines['term']}"
    )
    canvas.setKeywords(doc.qr_payload)
    canvas.setCreator("ptf_desktop")
    write_xmp(
        canvas,
        title=f"Certificate of Membership: {lines['legal_name']}",
        creator=lines["foundation_name"],
        payload=doc.qr_payload,
        content=canonical_content(content),
    )

    _draw_border(canvas, width, height)
    box = border_box(content.page_size)
    x0, y0, x1, y1 = box
    centre = width / 2
    text_width = x1 - x0 - 2 * _PADDING

    logo_size = 46.0
    draw_image(
        canvas, _image(logo), centre - logo_size / 2, y1 - 18 - logo_size, logo_size, logo_size
    )
    top = y1 - 18 - logo_size
    canvas.setFillColorRGB(*_ACCENT)
    _draw_centred(
        canvas, centre, top - 18, lines["foundation_name"].upper(), 11, text_width, bold=True
    )
    canvas.setFillColorRGB(*_INK)
    _draw_centred(canvas, centre, top - 56, "Certificate of Membership", 30, text_width, bold=True)
    _rule(canvas, centre, top - 70, 120)
    canvas.setFillColorRGB(*_MUTED)
    _draw_centred(canvas, centre, top - 92, "This certifies that", 12, text_width, bold=False)

    # Between "This certifies that" and the top of the signature row (signature image
    # and QR code reach about 100 points above the bottom padding).
    _draw_name_group(
        canvas, doc, (x0 + _PADDING + 10, y0 + _PADDING + 100, x1 - _PADDING - 10, top - 104)
    )
    _draw_bottom_row(canvas, doc, box, signature_image)
    pending = prepare_signature(canvas, signing) if signing is not None else None
    canvas.showPage()
    canvas.save()
    if pending is not None:
        return pending.complete(buffer.getvalue())
    if signing is not None:
        # A key that cannot be signed in one pass (not RSA): sign the finished file.
        return sign_pdf(
            buffer.getvalue(),
            signing.pkcs12,
            signing.passphrase,
            reason=signing.reason,
            location=signing.location,
        )
    return buffer.getvalue()

"""Read the QR codes drawn on a PDF page: PDFium renders it, zxing-cpp decodes the codes.

Both come as wheels from PyPI (pypdfium2, zxing-cpp), so every installation, the
installers included, reads the code the same way.
"""

from __future__ import annotations

__all__ = ["QrReadError", "decode_qr_codes"]


class QrReadError(RuntimeError):
    """The page could not be rendered or scanned (not raised for "no code found")."""


def decode_qr_codes(pdf_bytes: bytes, *, resolution: int = 150) -> list[str]:
    """Render the PDF's first page and decode every QR code on it.

    Args:
        pdf_bytes: the PDF.
        resolution: rendering resolution in dots per inch.

    Returns:
        The decoded texts, sorted; empty when no code was found.

    Raises:
        QrReadError: if the PDF cannot be rendered or the image cannot be scanned.
    """
    # Loaded here: only verification reads QR codes, and PDFium is a large library.
    import pypdfium2
    import zxingcpp

    try:
        document = pypdfium2.PdfDocument(pdf_bytes)
    except pypdfium2.PdfiumError as error:
        raise QrReadError(f"the PDF cannot be opened: {error}") from error
    if len(document) == 0:
        document.close()
        raise QrReadError("the PDF has no page")
    try:
        image = document[0].render(scale=resolution / 72, grayscale=True).to_pil()
        only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        codes = zxingcpp.read_barcodes(image, formats=only_qr)
    except (RuntimeError, ValueError) as error:  # PdfiumError is a RuntimeError
        raise QrReadError(f"the page cannot be read: {error}") from error
    finally:
        document.close()
    return sorted(code.text for code in codes if code.valid)

"""Images drawn on every certificate, decoded and compressed once per process.

ReportLab's ``drawImage`` decodes the PNG, splits off its alpha channel, hashes the
pixels and deflates both again for every document: about 4 ms a certificate for the
logo, the same image every time. :func:`draw_image` keeps the finished image XObjects
(colour and soft mask) per image and gives each new document a copy of them, so a
year's batch decodes and compresses the logo once per worker. The PDF is the same as
``drawImage`` writes.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
from dataclasses import dataclass

from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFObjectReference
from reportlab.pdfgen.canvas import Canvas

__all__ = ["draw_image"]

# Where ReportLab's object registry records the name it gave an object.
_INTERNAL_NAME = "__InternalName__"


@dataclass(frozen=True)
class _PreparedImage:
    name: str
    image: PDFImageXObject
    soft_mask: PDFImageXObject | None
    width: int
    height: int


def draw_image(
    canvas: Canvas,
    source: bytes,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    anchor: str = "c",
) -> None:
    """Draw PNG or JPEG bytes into a box, keeping their aspect ratio and transparency.

    Args:
        canvas: where to draw.
        source: the image file's bytes.
        x: left edge of the box.
        y: bottom edge of the box.
        width: width of the box.
        height: height of the box.
        anchor: where the image sits in the box when the ratios differ (``"c"``,
            ``"s"``, ``"n"``... as for ``drawImage``).
    """
    prepared = _prepare(hashlib.sha256(source).digest(), source)
    document = canvas._doc  # the registry has no public interface
    registered = document.getXObjectName(prepared.name)
    if registered not in document.idToObject:
        image = _fresh_copy(prepared.image)
        document.Reference(image, registered)
        document.addForm(prepared.name, image)
        if prepared.soft_mask is not None:
            mask_name = document.getXObjectName(prepared.soft_mask.name)
            if mask_name not in document.idToObject:
                document.Reference(_fresh_copy(prepared.soft_mask), mask_name)
            image.smask = PDFObjectReference(mask_name)
    x, y, width, height, _ = aspectRatioFix(
        True, anchor, x, y, width, height, prepared.width, prepared.height
    )
    canvas._currentPageHasImages = 1  # as drawImage does
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")  # as drawImage does
    canvas.restoreState()
    canvas._formsinuse.append(prepared.name)  # as drawImage does


@functools.lru_cache(maxsize=8)
def _prepare(digest: bytes, source: bytes) -> _PreparedImage:
    # ``digest`` is the cache key; the bytes come along to be decoded the first time.
    del digest
    reader = ImageReader(io.BytesIO(source))
    pixels = reader.getRGBData()
    alpha = reader._dataA  # drawImage names images the same way
    mask_data = alpha.getRGBData() if alpha else b"auto"
    name = _digester(pixels + mask_data)
    image = PDFImageXObject(name, reader, mask="auto")
    image.name = name
    soft_mask = getattr(image, "_smask", None)
    if soft_mask is not None:
        del image._smask  # each document references its own copy
    width, height = reader.getSize()
    return _PreparedImage(name, image, soft_mask, width, height)


def _fresh_copy(image: PDFImageXObject) -> PDFImageXObject:
    """A copy the next document can register: same compressed data, no registry name."""
    fresh = copy.copy(image)
    fresh.__dict__.pop(_INTERNAL_NAME, None)
    return fresh

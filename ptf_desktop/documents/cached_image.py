"""A bundled image decoded and compressed once per process, drawn by reference.

ReportLab's ``Image`` flowable opens the file, decodes every pixel, hashes them and
deflates them again for every document it draws: for the 96-pixel logo of the business
documents that is about a tenth of an invoice's rendering time, for the same bytes each
time. :class:`CachedImage` keeps the decoded reader and the finished image XObject (its
compressed stream) for the whole process and puts a copy of that XObject into each new
PDF before asking the canvas to draw the image; the canvas then finds it registered and
only writes the drawing operators. The output is byte for byte what ``Image`` produces
(the XObject's name is the digest of the pixels, as ReportLab names it).
"""

from __future__ import annotations

import copy
import functools
import threading
from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ptf_desktop.resources import resource_path

__all__ = ["CachedImage", "draw_cached_image"]

_MASK = "auto"
"""The transparency mask ReportLab's ``Image`` flowable uses by default."""


@dataclass(frozen=True)
class _Prepared:
    """A decoded image and its finished XObject, shared by every document."""

    reader: ImageReader
    xobject: PDFImageXObject


_lock = threading.Lock()


@functools.cache
def _prepared(resource: str) -> _Prepared:
    """Decode ``resource`` and build its image XObject, once per process."""
    with _lock:
        reader = ImageReader(str(resource_path(resource)))
        # Decode now, in one thread: the reader keeps the pixels, and later documents
        # (possibly in export threads) only read them.
        pixels = reader.getRGBData()
        name = _digester(pixels + _MASK.encode())  # what Canvas.drawImage calls it
        xobject = PDFImageXObject(name, reader, mask=_MASK)
        xobject.name = name
        return _Prepared(reader, xobject)


def draw_cached_image(
    canvas: Canvas, resource: str, x: float, y: float, width: float, height: float
) -> None:
    """Draw a bundled image, reusing its decoded and compressed form.

    Args:
        canvas: The canvas to draw on.
        resource: The image's resource name (e.g. "images/logo-document.png").
        x: Left edge, in points.
        y: Bottom edge, in points.
        width: Drawn width, in points.
        height: Drawn height, in points.
    """
    prepared = _prepared(resource)
    document: Any = canvas._doc
    registered = document.getXObjectName(prepared.xobject.name)
    if document.idToObject.get(registered) is None:
        # Register a copy the way Canvas.drawImage registers a new image: the PDF
        # document marks the objects it holds, so each document gets its own copy.
        xobject = copy.copy(prepared.xobject)
        canvas._setXObjects(xobject)
        document.Reference(xobject, registered)
        document.addForm(xobject.name, xobject)
    canvas.drawImage(prepared.reader, x, y, width, height, mask=_MASK)


class CachedImage(Flowable):  # type: ignore[misc]
    """A flowable drawing a bundled image at a fixed size (see :func:`draw_cached_image`).

    Args:
        resource: The image's resource name.
        width: Drawn width, in points.
        height: Drawn height, in points.
        h_align: Horizontal alignment in its frame ("LEFT", "CENTER", "RIGHT").
    """

    def __init__(self, resource: str, width: float, height: float, *, h_align: str = "LEFT"):
        super().__init__()
        self._resource = resource
        self.width = width
        self.height = height
        self.hAlign = h_align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The image's fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the image at the flowable's origin."""
        draw_cached_image(self.canv, self._resource, 0, 0, self.width, self.height)

"""A block of flowables kept together on one page, without ReportLab's KeepTogether.

``KeepTogether`` measures its content by deep-copying the document's frame, then always
asks to be split so that the frame places every part one by one: for the bill-to,
payment and notes blocks of an invoice that machinery costs more than drawing them.
:class:`Stack` measures its parts once and draws them top down as one flowable. When it
does not fit the rest of a page it moves whole to the next page; a block taller than a
whole page then splits into its parts, which flow on like any others (as with
KeepTogether).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

__all__ = ["Stack"]


class Stack(Flowable):  # type: ignore[misc]
    """Flowables stacked top down, kept on one page when they fit on one.

    Each part is aligned in the available width by its own ``hAlign``, as the frame
    would align it. Space before and after the parts is ignored: the business documents
    put explicit Spacers between parts.

    Args:
        parts: The flowables, top first.
    """

    def __init__(self, parts: Sequence[Flowable]) -> None:
        super().__init__()
        self._parts = list(parts)
        self._sizes: list[tuple[float, float]] = []
        self._avail_width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Wrap every part to the available width; the height is their sum."""
        self._avail_width = availWidth
        self._sizes = [part.wrap(availWidth, availHeight) for part in self._parts]
        self.width = availWidth
        self.height = sum(height for _, height in self._sizes)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Move to the next page; split into the parts only if a whole page is too small.

        Returning no parts makes the document template go on to the next frame and try
        again there (marking this flowable ``_postponed``); at that second try, or at
        the top of a frame already, keeping the parts together cannot work.
        """
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if getattr(self, "_postponed", False) or at_top:
            return list(self._parts)
        return []

    def draw(self) -> None:
        """Draw the parts from the top down."""
        canvas = self.canv
        top = self.height
        for part, (width, height) in zip(self._parts, self._sizes, strict=True):
            top -= height
            if not isinstance(part, Spacer):  # a Spacer draws nothing but a saved state
                part.drawOn(canvas, 0, top, _sW=self._avail_width - width)

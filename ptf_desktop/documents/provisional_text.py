"""Provisional one-font text drawing, replaced by the shared per-script text runs."""

from __future__ import annotations

from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents.fonts import BODY_FONT, BOLD_FONT


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    """Measure text."""
    return float(pdfmetrics.stringWidth(text, BOLD_FONT if bold else BODY_FONT, size))


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: Literal["left", "right", "centre"] = "left",
) -> float:
    """Draw one line."""
    total = string_width(text, size, bold=bold)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    canvas.setFont(BOLD_FONT if bold else BODY_FONT, size)
    canvas.drawString(x, y, text)
    return total

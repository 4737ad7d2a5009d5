"""Sentences that mix the document's words with user text, regular and bold, shaped.

A letter's sentence names the member ("it is a pleasure to welcome **<name>** as an
Associate member"). :class:`RichText` takes such a sentence as spans of plain text (no
markup, so nothing to escape), wraps it at spaces in logical order, and draws each line
with :mod:`~ptf_desktop.documents.text_runs`: every span is shaped and reordered within
the line on its own, as a bidi isolate with its own direction, so a right-to-left name
inside an English sentence reads right to left and the sentence around it left to right,
however the lines break.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ptf_desktop.documents.shaping import ShapedRun
from ptf_desktop.documents.text_runs import (
    base_direction,
    line_height,
    line_runs,
    string_width,
    write_runs,
)

__all__ = ["RichText", "Span", "rich"]


@dataclass(frozen=True)
class Span:
    """A piece of a sentence in one weight.

    Attributes:
        text: Plain text in logical order.
        bold: Draw it in the bold weight of each script's font.
    """

    text: str
    bold: bool = False


@dataclass(frozen=True)
class _Word:
    text: str
    bold: bool
    base: int  # the paragraph level of the span the word comes from
    space_after: bool


def _words(spans: Sequence[Span]) -> list[_Word]:
    words: list[_Word] = []
    for span in spans:
        text = " ".join(span.text.split("\t"))
        base = base_direction(text)
        parts = text.split(" ")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part:
                words.append(_Word(part, span.bold, base, not last))
            elif words and not last:
                words[-1] = _Word(words[-1].text, words[-1].bold, words[-1].base, True)
    return words


def _line_spans(words: Sequence[_Word]) -> list[tuple[str, bool, int]]:
    """Join the words of one line into spans of one weight and direction.

    The space between two spans is a span of its own, left to right like the sentence:
    inside a right-to-left span it would be drawn at the span's far (left) end.
    """
    spans: list[tuple[str, bool, int]] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        same_as_next = not last and (words[index + 1].bold, words[index + 1].base) == (
            word.bold,
            word.base,
        )
        gap = " " if word.space_after and same_as_next else ""
        if spans and spans[-1][1:] == (word.bold, word.base):
            spans[-1] = (spans[-1][0] + word.text + gap, word.bold, word.base)
        else:
            spans.append((word.text + gap, word.bold, word.base))
        if word.space_after and not last and not same_as_next:
            spans.append((" ", False, 0))
    return spans


class RichText(Flowable):  # type: ignore[misc]
    """A wrapping paragraph of spans, drawn shaped, optionally after a bullet.

    Args:
        spans: The sentence, in logical order.
        style: Font size, leading, colour, alignment (left or right) and left indent;
            ``bulletIndent`` places the bullet.
        bullet: A bullet character drawn before the first line.
    """

    def __init__(self, spans: Sequence[Span], style: ParagraphStyle, *, bullet: str = ""):
        super().__init__()
        self._words = _words(spans)
        self._style = style
        self._bullet = bullet
        self._lines: list[list[tuple[str, bool, int]]] = []
        self._heights: list[float] = []
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def _width(self, word: _Word) -> float:
        return string_width(word.text, self._style.fontSize, bold=word.bold)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the words into lines no wider than the frame (less the left indent)."""
        room = availWidth - self._style.leftIndent
        space = string_width(" ", self._style.fontSize)
        self._lines = []
        line: list[_Word] = []
        used = 0.0
        for word in self._words:
            width = self._width(word)
            gap = space if line and line[-1].space_after else 0.0
            if line and used + gap + width > room:
                self._lines.append(_line_spans(line))
                line, used, gap = [], 0.0, 0.0
            line.append(word)
            used += gap + width
        if line:
            self._lines.append(_line_spans(line))
        self.width = availWidth
        size, leading = self._style.fontSize, self._style.leading
        self._heights = [line_height(self._shaped(line), size, leading) for line in self._lines]
        self.height = sum(self._heights) or leading
        return self.width, self.height

    def _shaped(self, line: Sequence[tuple[str, bool, int]]) -> list[ShapedRun]:
        runs: list[ShapedRun] = []
        for text, bold, base in line:
            runs += line_runs(text, bold=bold, base=base)
        return runs

    def draw(self) -> None:
        """Draw the bullet and the lines, top down, in one text object."""
        style = self._style
        size = style.fontSize
        text = self.canv.beginText()
        text.setFillColor(style.textColor)
        baseline = self.height - size
        if self._bullet:
            text.setTextOrigin(style.bulletIndent, baseline)
            write_runs(text, line_runs(self._bullet), size)
        for line, height in zip(self._lines, self._heights, strict=True):
            runs = self._shaped(line)
            x = style.leftIndent
            if style.alignment == TA_RIGHT:
                x = self.width - sum(run.width(size) for run in runs)
            text.setTextOrigin(x, baseline)
            write_runs(text, runs, size)
            baseline -= height
        self.canv.drawText(text)


def rich(*parts: str | Span) -> list[Span]:
    """Build spans from plain strings (regular weight) and spans."""
    return [part if isinstance(part, Span) else Span(part) for part in parts]

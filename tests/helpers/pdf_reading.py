"""What PDFium reads in a PDF: text, word boxes, pictures of pages, the codes on them.

PDFium (pypdfium2) extracts the text and the word boxes and renders pages, zxing-cpp
decodes barcodes (:mod:`helpers.pdf_resources` lists fonts and images with pikepdf).
None is our code and all install with the test extra, so the checks built on them run
on any machine. They take the place of poppler-utils' pdftotext, pdfinfo and pdftoppm
and of zbarimg; only pdfsig, which validates a signature independently of the signing
library, has no wheel: :func:`pdfsig` skips the calling test where poppler-utils is not
installed.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from bidi import get_display
from PIL import Image

__all__ = [
    "WordBox",
    "page_count",
    "page_size",
    "pdfsig",
    "pdftotext",
    "qr_codes",
    "render_page",
    "word_boxes",
]

_LINE_TOLERANCE = 2.0
"""Points two baselines may differ and still be one line of ``layout`` text."""


@dataclass(frozen=True)
class WordBox:
    """A word and its box, in points from the top-left corner of its page."""

    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page_width: float
    page_height: float


@dataclass(frozen=True)
class _Char:
    text: str
    baseline: float
    left: float
    bottom: float
    right: float
    top: float
    source: int | None  # the text object that drew it; None for PDFium's own spaces


@dataclass
class _Fragment:
    """Characters side by side on one line, with no column gap between them."""

    chars: list[_Char]

    @property
    def left(self) -> float:
        return min(char.left for char in self.chars)

    @property
    def right(self) -> float:
        return max(char.right for char in self.chars)

    @property
    def height(self) -> float:
        return max(char.top - char.bottom for char in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def text(self) -> str:
        """The characters in logical order, right-to-left runs too.

        PDFium keeps a right-to-left word's letters in order but may leave the words
        in visual order; the bidi algorithm, run over the characters left to right,
        gives back the order they were written in.
        """
        if not any(_direction(char.text) == "R" for char in self.chars):
            return _text(self.chars)
        visual = "".join(char.text for char in sorted(self.chars, key=lambda c: c.left))
        strong = [char for char in self.chars if _direction(char.text)]
        base = _direction(max(strong, key=lambda c: c.right).text)
        return str(get_display(visual, base_dir=base))


def _direction(char: str) -> str:
    """The direction of a letter: "R" right-to-left, "L" left-to-right, "" neither."""
    kind = unicodedata.bidirectional(char)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else ""


def page_count(pdf: Path) -> int:
    """Return the number of pages PDFium finds."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def page_size(pdf: Path, page: int = 1) -> tuple[float, float]:
    """Return a page's width and height in points (its rotation applied)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[page - 1].get_size()
        return float(width), float(height)
    finally:
        document.close()


def _chars(textpage: pypdfium2.PdfTextPage) -> Iterator[_Char]:
    """Every character PDFium reads on a page, with its baseline and font-height box.

    The boxes are PDFium's "loose" ones (font ascent to descent, as poppler's word boxes),
    in points from the bottom-left corner.
    """
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box))
        source = ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p)
        yield _Char(chr(code), y.value, box.left, box.bottom, box.right, box.top, source.value)


def _segments(chars: Iterator[_Char]) -> list[list[_Char]]:
    """Split a page's characters into PDFium's lines (it ends each with CR LF)."""
    segments: list[list[_Char]] = [[]]
    for char in chars:
        if char.text in "\r\n":
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(char)
    return [segment for segment in segments if segment]


def _text(segment: list[_Char]) -> str:
    return "".join(char.text for char in segment)


def _layout_lines(segments: list[list[_Char]]) -> list[str]:
    """Join the fragments that share a baseline, left to right, top to bottom.

    Like ``pdftotext -layout``: what stands on one line of the page, e.g. a label and
    its amount in another column, is one line of text.
    """
    lines: list[list[_Fragment]] = []
    for fragment in sorted(_fragments(segments), key=lambda f: -f.baseline):
        if lines and lines[-1][0].baseline - fragment.baseline <= _LINE_TOLERANCE:
            lines[-1].append(fragment)
        else:
            lines.append([fragment])
    return [
        "   ".join(f.text.strip() for f in sorted(line, key=lambda f: f.left)) for line in lines
    ]


def _fragments(segments: list[list[_Char]]) -> list[_Fragment]:
    """Cut PDFium's lines where one text object ends far from where the next starts.

    PDFium puts a table's cells of one row on one line; a gap wider than the text is
    high between two text objects is a column gap, as pdftotext sees it.
    """
    fragments = []
    for segment in segments:
        fragment = _Fragment([])
        source = None
        for char in segment:
            if char.source not in (None, source) and fragment.chars:
                drawn = [c for c in fragment.chars if c.source is not None]
                if char.left - max(c.right for c in drawn) > fragment.height:
                    fragments.append(fragment)
                    fragment = _Fragment([])
            fragment.chars.append(char)
            source = char.source if char.source is not None else source
        fragments.append(fragment)
    return [fragment for fragment in fragments if _text(fragment.chars).strip()]


def _column_lines(segments: list[list[_Char]]) -> list[str]:
    """The page's text blocks, one after the other: lines that stand under one another.

    Like pdftotext's reading order, a table cell or a paragraph that wraps over several
    lines reads as consecutive lines, whatever stands beside it in other columns.
    """
    blocks: list[list[_Fragment]] = []
    for fragment in sorted(_fragments(segments), key=lambda f: (-f.baseline, f.left)):
        for block in blocks:
            above = block[-1]
            step = above.baseline - fragment.baseline
            overlap = min(above.right, fragment.right) - max(above.left, fragment.left)
            if 0 < step <= 1.5 * above.height and overlap > 0:
                block.append(fragment)
                break
        else:
            blocks.append([fragment])
    lines = []
    for block in blocks:
        lines += _joined_hyphens([fragment.text for fragment in block])
        lines.append("")
    return lines


def _joined_hyphens(texts: list[str]) -> list[str]:
    """Lines, a line ending in a hyphen joined to the next (as pdftotext does)."""
    lines: list[str] = []
    for text in texts:
        if lines and lines[-1].endswith("-"):
            lines[-1] += text
        else:
            lines.append(text)
    return lines


def pdftotext(
    pdf: Path,
    *,
    layout: bool = False,
    raw: bool = False,
    columns: bool = False,
    first: int | None = None,
) -> str:
    """Return the text PDFium extracts (one page when ``first`` is given), unnormalised.

    The modes of ``pdftotext``: PDFium's lines by default (a line ending in "-" joined
    to the next one); ``layout`` puts what stands on one line of the page on one line
    of text; ``raw`` keeps PDFium's order and lines as they are (rotated text too);
    ``columns`` reads block by block, so a wrapped table cell is one run of lines.
    Pages end with a form feed.
    """
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    try:
        numbers = range(len(document)) if first is None else [first - 1]
        for number in numbers:
            textpage = document[number].get_textpage()
            segments = _segments(_chars(textpage))
            if layout:
                lines = _layout_lines(segments)
            elif columns:
                lines = _column_lines(segments)
            elif raw:
                lines = [_text(segment) for segment in segments]
            else:
                lines = _joined_hyphens([_text(segment) for segment in segments])
            pages.append("".join(f"{line}\n" for line in lines) + "\f")
    finally:
        document.close()
    return "".join(pages)


def _words(segment: list[_Char]) -> Iterator[list[_Char]]:
    word: list[_Char] = []
    for char in segment:
        if char.text.isspace():
            if word:
                yield word
            word = []
        else:
            word.append(char)
    if word:
        yield word


def word_boxes(pdf: Path) -> list[WordBox]:
    """Return every word's box (as ``pdftotext -bbox``): words split at white space."""
    document = pypdfium2.PdfDocument(pdf)
    boxes = []
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            for segment in _segments(_chars(page.get_textpage())):
                for word in _words(segment):
                    boxes.append(
                        WordBox(
                            number,
                            _text(word),
                            min(char.left for char in word),
                            height - max(char.top for char in word),
                            max(char.right for char in word),
                            height - min(char.bottom for char in word),
                            width,
                            height,
                        )
                    )
    finally:
        document.close()
    return boxes


def render_page(pdf: Path, page: int = 1, *, dpi: float = 150) -> Image.Image:
    """Render one page (numbered from 1) with PDFium, as ``pdftoppm -r dpi`` would."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page - 1].render(scale=dpi / 72).to_pil().copy()
    finally:
        document.close()


def qr_codes(pdf: Path, page: int = 1, *, dpi: float = 150) -> list[str]:
    """Every barcode zxing-cpp reads on a page rendered at ``dpi`` (as ``zbarimg``)."""
    return [code.text for code in zxingcpp.read_barcodes(render_page(pdf, page, dpi=dpi))]


def pdfsig(pdf: Path) -> str:
    """Return poppler's ``pdfsig`` report, or skip the test where pdfsig is missing.

    pdfsig checks a signature with NSS, independently of pyHanko which made it; no
    wheel on PyPI does the same, so this one check needs the Debian package. Tests
    call it after their other checks, so a skip never hides one of those.
    """
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig is not installed (Debian package poppler-utils)")
    completed = subprocess.run(
        ["pdfsig", str(pdf)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    return completed.stdout + completed.stderr

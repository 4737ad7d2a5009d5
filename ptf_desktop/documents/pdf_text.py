"""Read back the text a page of our PDFs shows, line by line, in logical order.

Shaped text does not read back glyph by glyph: a conjunct is one glyph for several
characters, a vowel sign stands before the consonant it follows in the text, and
right-to-left words are drawn in display order. The documents therefore wrap such words
in ``/ActualText`` spans (see :mod:`~ptf_desktop.documents.shaping`). General-purpose
extractors (pypdf among them) ignore those spans; this reader honours them: it follows
the page's content stream with pikepdf, takes a span's ActualText in place of its
glyphs and every other glyph's character from its font's ToUnicode map, groups the
pieces into lines by their baseline and puts each line in logical order with
``python-bidi``.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from bidi import get_display

__all__ = ["page_lines"]


def _to_unicode(font: Any) -> dict[int, str]:
    """A font's ToUnicode map (the single-byte ``bfchar`` and ``bfrange`` entries)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    mapping: dict[int, str] = {}
    section = ""
    for line in stream.read_bytes().decode("latin-1").splitlines():
        words = line.replace("<", " ").replace(">", " ").split()
        if line.endswith(("beginbfchar", "beginbfrange")):
            section = words[-1]
        elif line.startswith(("endbfchar", "endbfrange")):
            section = ""
        elif section == "beginbfchar" and len(words) == 2:
            mapping[int(words[0], 16)] = bytes.fromhex(words[1]).decode("utf-16-be")
        elif section == "beginbfrange" and len(words) == 3:
            first, last, value = int(words[0], 16), int(words[1], 16), int(words[2], 16)
            for offset in range(last - first + 1):
                mapping[first + offset] = chr(value + offset)
    return mapping


class _Page:
    """The text state of one page while its content stream is read."""

    def __init__(self, resources: Any) -> None:
        fonts = resources.get("/Font", {})
        self.maps = {str(name): _to_unicode(fonts[name]) for name in fonts.keys()}
        self.lines: dict[tuple[float, float], list[str]] = {}
        self.spans: list[str | None] = []
        self.font: dict[int, str] = {}
        self.x = self.y = 0.0

    def add(self, text: str) -> None:
        self.lines.setdefault((round(self.y, 1), round(self.x, 1)), []).append(text)

    def show(self, strings: list[Any]) -> None:
        if any(span is not None for span in self.spans):
            return  # the span's ActualText stands for these glyphs
        for item in strings:
            if isinstance(item, pikepdf.String):
                self.add("".join(self.font.get(code, "") for code in bytes(item)))

    def read(self, content: Any) -> None:
        for instruction in pikepdf.parse_content_stream(content):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "Tm":
                self.x, self.y = float(operands[4]), float(operands[5])
            elif op in ("Td", "TD"):
                self.x, self.y = self.x + float(operands[0]), self.y + float(operands[1])
            elif op == "Tf":
                self.font = self.maps.get(str(operands[0]), {})
            elif op == "BDC":
                properties = operands[1] if len(operands) == 2 else None
                actual = properties.get("/ActualText") if properties is not None else None
                if actual is not None and not any(s is not None for s in self.spans):
                    self.add(str(actual))
                self.spans.append(None if actual is None else str(actual))
            elif op == "BMC":
                self.spans.append(None)
            elif op == "EMC" and self.spans:
                self.spans.pop()
            elif op == "Tj":
                self.show([operands[0]])
            elif op == "TJ":
                self.show(list(operands[0]))


def page_lines(pdf_bytes: bytes, page_index: int = 0) -> list[str]:
    """Return the lines of text one page shows, top down, each in logical order.

    Text drawn from one origin is one line (a document's line of text, or one of
    several pieces standing on the same baseline, left to right).

    Args:
        pdf_bytes: A PDF written by this application.
        page_index: Which page, from 0.

    Returns:
        The lines (pieces drawn on one baseline form a line).

    Raises:
        ValueError: The file is not a readable PDF or has no such page.
    """
    try:
        with pikepdf.open(io.BytesIO(pdf_bytes)) as document:
            page = document.pages[page_index]
            reader = _Page(page.obj.get("/Resources", pikepdf.Dictionary()))
            reader.read(page.obj)
    except (pikepdf.PdfError, IndexError, KeyError, ValueError) as error:
        raise ValueError(f"The file is not a readable PDF ({error})") from error
    # Top down; text drawn from one origin (one line of a document) is one entry.
    order = sorted(reader.lines, key=lambda key: (-key[0], key[1]))
    return [str(get_display("".join(reader.lines[key]))) for key in order]

"""Checks that see the glyphs a reader sees: what a PDF draws, compared with HarfBuzz.

:func:`drawn_runs` reads every page's content stream with pikepdf and follows the text
state (fonts, text matrix, ``Tj``/``TJ`` adjustments, rise, ``/ActualText`` spans), so it
knows each glyph drawn: its font, its glyph id and its position. Glyph ids of the
embedded (subset) fonts are matched to the bundled font files by outline (fontTools).

:func:`check_glyphs` then shapes each run's text with HarfBuzz (``uharfbuzz``) in the same
font file and fails unless the PDF draws exactly those glyphs at those positions (kerning
and marks included), and fails on any .notdef glyph. It knows nothing of how the
application draws text.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import uharfbuzz as hb
from bidi import get_display
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_TOLERANCE = 2.0
"""How far (thousandths of an em) a glyph may stand from where HarfBuzz puts it: ReportLab
writes numbers with two decimals."""
_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}


class GlyphCheckError(AssertionError):
    """A PDF draws glyphs other than HarfBuzz's shaping of its text, or .notdef."""


@dataclass
class DrawnRun:
    """Glyphs drawn in one font, in one text span, left to right.

    Attributes:
        page: Page number, from 1.
        font: The bundled font file the embedded font was made from.
        text: The run's text as a reader gets it (``/ActualText``, else the ToUnicode map),
            in logical order.
        rtl: Whether the run's text is right to left (it was given in display order).
        gids: Glyph ids in the bundled font file (-1: no match; 0: .notdef).
        positions: Each glyph's (x, y) from the run's start, in thousandths of an em.
        baseline: The run's baseline in page space (points from the bottom).
        x: The run's left edge in page space.
        right: Where the pen stands after its last glyph, in page space.
    """

    page: int
    font: Path
    text: str = ""
    rtl: bool = False
    gids: list[int] = field(default_factory=list)
    positions: list[tuple[float, float]] = field(default_factory=list)
    baseline: float = 0.0
    x: float = 0.0
    right: float = 0.0


@functools.cache
def _bundled_by_name() -> dict[str, Path]:
    """PostScript name of each bundled font -> its file."""
    names: dict[str, Path] = {}
    for path in FONTS.glob("*.ttf"):
        with TTFont(str(path), lazy=True) as font:
            names[str(font["name"].getDebugName(6))] = path
    return names


@functools.cache
def _font(path: Path) -> TTFont:
    return TTFont(io.BytesIO(path.read_bytes()), lazy=True)


@functools.lru_cache(maxsize=200_000)
def _outline(path: Path, gid: int) -> tuple[object, ...]:
    font = _font(path)
    glyph_set = font.getGlyphSet()
    name = font.getGlyphOrder()[gid]
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)
    return (font["hmtx"][name][0], tuple(pen.value))


@functools.cache
def _hb_font(path: Path) -> tuple[hb.Font, float]:
    face = hb.Face(hb.Blob(path.read_bytes()))
    return hb.Font(face), 1000 / face.upem


def harfbuzz_glyphs(text: str, path: Path, *, rtl: bool) -> list[tuple[int, float, float]]:
    """HarfBuzz's glyphs for ``text`` in a font file, left to right.

    Returns:
        (gid, x, y) of each glyph from the run's start, in thousandths of an em.
    """
    font, scale = _hb_font(path)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buffer)
    glyphs, pen = [], 0.0
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyphs.append((info.codepoint, pen + pos.x_offset * scale, pos.y_offset * scale))
        pen += pos.x_advance * scale
    return glyphs


class _EmbeddedFont:
    """A font of the PDF: its codes' widths, Unicode values and bundled glyph ids."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        base = str(font.get("/BaseFont", "")).lstrip("/")
        name = base.split("+", 1)[-1]
        path = _bundled_by_name().get(name)
        if path is None:
            raise GlyphCheckError(f"a font that is not bundled is drawn: {base}")
        self.path = path
        first = int(font.get("/FirstChar", 0))
        self.widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
        self.unicode = _to_unicode(font)
        program = font["/FontDescriptor"]["/FontFile2"].read_bytes()
        self._subset = TTFont(io.BytesIO(program))
        cmap = self._subset.getBestCmap() or {}
        if not cmap and "cmap" in self._subset:
            table = self._subset["cmap"].tables[0]
            cmap = table.cmap
        order = self._subset.getGlyphOrder()
        self._code_gid = {code: order.index(name) for code, name in cmap.items()}
        self._gids: dict[int, int] = {}

    def bundled_gid(self, code: int, expected: int | None) -> int:
        """The glyph id in the bundled font that ``code`` draws (0: .notdef, -1: unknown).

        ``expected`` (HarfBuzz's glyph at this place) is tried first; otherwise the
        outline is looked up among the glyphs the bundled font maps characters to.
        """
        subset_gid = self._code_gid.get(code, 0)
        if subset_gid == 0:
            return 0
        known = self._gids.get(code)
        if known is not None:
            return known
        outline = self._subset_outline(subset_gid)
        if expected is not None and expected > 0 and _outline(self.path, expected) == outline:
            self._gids[code] = expected
            return expected
        return -1

    def _subset_outline(self, gid: int) -> tuple[object, ...]:
        glyph_set = self._subset.getGlyphSet()
        name = self._subset.getGlyphOrder()[gid]
        pen = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(pen)
        return (self._subset["hmtx"][name][0], tuple(pen.value))


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    mapping: dict[int, str] = {}
    stream = font.get("/ToUnicode")
    if stream is None:
        return mapping
    text = stream.read_bytes().decode("latin-1")
    inside = False
    for line in text.splitlines():
        if line.endswith("beginbfchar"):
            inside = True
        elif line == "endbfchar":
            inside = False
        elif inside:
            code, value = line.replace("<", " ").replace(">", " ").split()
            mapping[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
    return mapping


def _actual_text(operands: list[object]) -> str | None:
    if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
        value = operands[1].get("/ActualText")
        if value is not None:
            return str(value)
    return None


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


class _Reader:
    """Follows the text state of one page's content streams."""

    def __init__(self, page_number: int) -> None:
        self.page = page_number
        self.runs: list[DrawnRun] = []
        self.fonts: dict[int, _EmbeddedFont] = {}
        self.matrix = pikepdf.Matrix()
        self.ctm_stack: list[pikepdf.Matrix] = []
        self.ctm = pikepdf.Matrix()
        self.spans: list[str | None] = []
        self.current: DrawnRun | None = None
        self.codes: list[int] = []

    def font(self, resources: pikepdf.Dictionary, name: str) -> _EmbeddedFont:
        font = resources["/Font"][name]
        key = font.objgen[0]
        if key not in self.fonts:
            self.fonts[key] = _EmbeddedFont(font)
        return self.fonts[key]

    def read(self, content: object, resources: pikepdf.Dictionary) -> None:
        font: _EmbeddedFont | None = None
        size = leading = rise = 0.0
        line = pikepdf.Matrix()
        x = 0.0
        for operands, operator in pikepdf.parse_content_stream(content):
            op = str(operator)
            if op == "q":
                self.ctm_stack.append(self.ctm)
            elif op == "Q":
                self.ctm = self.ctm_stack.pop()
            elif op == "cm":
                self.ctm = pikepdf.Matrix(*map(float, operands)) @ self.ctm
            elif op == "BT":
                line, x = pikepdf.Matrix(), 0.0
            elif op == "Tm":
                self._end_run()
                line, x = pikepdf.Matrix(*map(float, operands)), 0.0
            elif op in ("Td", "TD"):
                self._end_run()
                dx, dy = map(float, operands)
                line, x = pikepdf.Matrix().translated(dx, dy) @ line, 0.0
                leading = -dy if op == "TD" else leading
            elif op == "T*":
                self._end_run()
                line, x = pikepdf.Matrix().translated(0, -leading) @ line, 0.0
            elif op == "TL":
                leading = float(operands[0])
            elif op == "Ts":
                rise = float(operands[0])
            elif op == "Tf":
                self._end_run()
                font, size = self.font(resources, str(operands[0])), float(operands[1])
            elif op == "BDC":
                self._end_run()
                self.spans.append(_actual_text(list(operands)))
            elif op == "BMC":
                self.spans.append(None)
            elif op == "EMC":
                self._end_run()
                self.spans.pop()
            elif op in ("Tj", "TJ") and font is not None:
                items = operands[0] if op == "TJ" else [operands[0]]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        for code in bytes(item):
                            self._glyph(font, code, line, x, rise, size)
                            x += font.widths.get(code, 0) / 1000 * size
                            self._advanced_to(x)
                    else:
                        x -= float(item) / 1000 * size
            elif op == "Do":
                xobject = resources["/XObject"][str(operands[0])]
                if xobject.get("/Subtype") == "/Form":
                    saved = self.ctm
                    if "/Matrix" in xobject:
                        self.ctm = pikepdf.Matrix(*map(float, xobject["/Matrix"])) @ self.ctm
                    self.read(xobject, xobject.get("/Resources", resources))
                    self.ctm = saved
        self._end_run()

    def _glyph(
        self, font: _EmbeddedFont, code: int, line: pikepdf.Matrix, x: float, rise: float,
        size: float,
    ) -> None:  # fmt: skip
        run = self.current
        if run is None or run.font != font.path or getattr(run, "_font", None) is not font:
            self._end_run()
            origin = (line @ self.ctm).transform((x, rise))
            run = self.current = DrawnRun(self.page, font.path, baseline=origin[1], x=origin[0])
            run._font = font  # type: ignore[attr-defined]
            run._size = size  # type: ignore[attr-defined]
            run._start = x  # type: ignore[attr-defined]
            run._actual = next((s for s in reversed(self.spans) if s is not None), None)  # type: ignore[attr-defined]
        self.codes.append(code)
        run.positions.append(((x - run._start) * 1000 / size, rise * 1000 / size))  # type: ignore[attr-defined]

    def _advanced_to(self, x: float) -> None:
        if self.current is not None:
            run = self.current
            run.right = run.x + (x - run._start)  # type: ignore[attr-defined]

    def _end_run(self) -> None:
        run, self.current = self.current, None
        if run is None:
            return
        codes, self.codes = self.codes, []
        font: _EmbeddedFont = run._font  # type: ignore[attr-defined]
        actual: str | None = run._actual  # type: ignore[attr-defined]
        text = actual if actual is not None else "".join(font.unicode.get(c, "") for c in codes)
        run.rtl = _is_rtl(text)
        if run.rtl and actual is not None:  # given in display order
            text = "".join(_MIRRORED.get(char, char) for char in reversed(text))
        run.text = text
        expected = harfbuzz_glyphs(text, run.font, rtl=run.rtl)
        run.gids = [
            font.bundled_gid(code, expected[i][0] if i < len(expected) else None)
            for i, code in enumerate(codes)
        ]
        run._expected = expected  # type: ignore[attr-defined]
        self.runs.append(run)


def drawn_runs(pdf: Path) -> list[DrawnRun]:
    """Every run of glyphs the PDF draws, page by page, in content-stream order."""
    runs: list[DrawnRun] = []
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            reader = _Reader(number)
            reader.read(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()))
            runs += reader.runs
    return runs


def check_glyphs(pdf: Path) -> list[DrawnRun]:
    """Fail unless every run draws HarfBuzz's glyphs, at HarfBuzz's positions, no .notdef.

    Returns:
        The runs, for further checks.
    """
    runs = drawn_runs(pdf)
    problems: list[str] = []
    for run in runs:
        where = f"page {run.page}, {run.font.name}, {run.text!r}"
        if 0 in run.gids:
            problems.append(f"{where}: .notdef drawn")
            continue
        expected: list[tuple[int, float, float]] = run._expected  # type: ignore[attr-defined]
        wanted = [gid for gid, _, _ in expected]
        if run.gids != wanted:
            problems.append(f"{where}: glyphs {run.gids} but HarfBuzz shapes {wanted}")
            continue
        for (gid, ex, ey), (x, y) in zip(expected, run.positions, strict=True):
            if abs(ex - x) > _TOLERANCE or abs(ey - y) > _TOLERANCE:
                problems.append(f"{where}: glyph {gid} at {x:.1f},{y:.1f}, not {ex:.1f},{ey:.1f}")
                break
    if problems:
        raise GlyphCheckError("\n".join(problems[:20]))
    return runs


def visual_lines(runs: list[DrawnRun], *, gap: float = 6.0) -> list[str]:
    """The text of each drawn line, top down, in logical order (bidi applied per line).

    Pieces of a line further apart than ``gap`` points (table cells, columns) are read
    as separate lines, left to right.
    """
    lines: dict[tuple[int, float], list[DrawnRun]] = {}
    for run in runs:
        lines.setdefault((run.page, round(run.baseline, 1)), []).append(run)
    result = []
    for key in sorted(lines, key=lambda k: (k[0], -k[1])):
        pieces: list[list[DrawnRun]] = []
        for run in sorted(lines[key], key=lambda r: r.x):
            if pieces and run.x - pieces[-1][-1].right <= gap:
                pieces[-1].append(run)
            else:
                pieces.append([run])
        for piece in pieces:
            visual = "".join(run.text[::-1] if run.rtl else run.text for run in piece)
            result.append(str(get_display(visual)))
    return result

"""The parts of a one-sheet XLSX workbook (Office Open XML, SpreadsheetML) around its sheet.

``xlsx_export`` streams the sheet's rows itself: a library that builds an object per
cell (openpyxl, even in write-only mode) spent 14 s on the 430,000 cells of the member
list of a 100,000-organization register. This module holds what surrounds that sheet:
content types, relationships, the workbook with its filter range, document properties
and the style sheet (fonts and number formats), written in the element order the
standard prescribes, which Excel checks.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPE = "application/vnd.openxmlformats-officedocument."
# Characters XML 1.0 cannot hold (controls other than tab and line ends, lone surrogates,
# the two non-characters); replaced so a name pasted with a stray control still exports.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

SHEET_PATH = "xl/worksheets/sheet1.xml"


def xml_text(text: str) -> str:
    """Text as XML character data: escaped, with characters XML refuses replaced."""
    return escape(_ILLEGAL.sub("\ufffd", text))


def column_letter(number: int) -> str:
    """The letters of a column: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Styles:
    """The cell formats a sheet uses, numbered as ``cellXfs`` entries (``s="n"``).

    Fonts: 0 the default, 1 bold (the heading row), 2 bold and large (the title).
    Built-in number formats 3 (``#,##0``) and 4 (``#,##0.00``) need no declaration;
    the date format and each money format are custom (ids from 164, as the standard says).
    """

    TITLE = 1
    BOLD = 2
    DATE = 3
    INTEGER = 4
    DECIMAL = 5
    _FIXED = (  # (numFmtId, fontId) of the formats above, in order from 0
        (0, 0), (0, 2), (0, 1), (164, 0), (3, 0), (4, 0),
    )  # fmt: skip
    custom: dict[str, int] = field(default_factory=dict)  # format code -> xf index

    def custom_format(self, code: str) -> int:
        """The xf index of a custom number format, added on first use."""
        index = self.custom.get(code)
        if index is None:
            index = self.custom[code] = len(self._FIXED) + len(self.custom)
        return index

    def xml(self) -> str:
        """The ``xl/styles.xml`` part."""
        codes = ["yyyy-mm-dd", *self.custom]
        formats = "".join(
            f"<numFmt numFmtId={quoteattr(str(164 + n))} formatCode={quoteattr(code)}/>"
            for n, code in enumerate(codes)
        )
        xfs = [*self._FIXED, *((165 + n, 0) for n in range(len(self.custom)))]
        cells = "".join(
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if fmt else "")
            + (' applyFont="1"' if font else "")
            + "/>"
            for fmt, font in xfs
        )
        font = '<sz val="{size}"/><name val="Calibri"/><family val="2"/>'
        return (
            f'{_DECLARATION}<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="{len(codes)}">{formats}</numFmts>'
            f'<fonts count="3"><font>{font.format(size=11)}</font>'
            f"<font><b/>{font.format(size=11)}</font><font><b/>{font.format(size=14)}</font></fonts>"
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(xfs)}">{cells}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def write_package(
    archive: zipfile.ZipFile,
    *,
    sheet_name: str,
    filter_range: str,
    title: str,
    subject: str,
    author: str,
    styles: Styles,
) -> None:
    """Write every part but the sheet into ``archive``.

    Args:
        archive: the open zip file, the sheet already written to ``SHEET_PATH``.
        sheet_name: the sheet's tab name (already cleaned of characters Excel refuses).
        filter_range: the table's range with its filter, e.g. ``$A$4:$H$120``.
        title: the document title property.
        subject: the document subject property.
        author: the document author property.
        styles: the formats the sheet's cells use.
    """
    content_types = (
        f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/{SHEET_PATH}" ContentType="{_TYPE}spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_TYPE}extended-properties+xml"/>'
        "</Types>"
    )
    package_rels = (
        f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/extended-properties" '
        'Target="docProps/app.xml"/></Relationships>'
    )
    quoted_sheet = "'" + sheet_name.replace("'", "''") + "'"
    workbook = (
        f'{_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name={quoteattr(sheet_name)} sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{xml_text(quoted_sheet)}!{filter_range}</definedName></definedNames>"
        "</workbook>"
    )
    workbook_rels = (
        f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (
        f"{_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:subject>{xml_text(subject)}</dc:subject>"
        f"<dc:creator>{xml_text(author)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        f"{_DECLARATION}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>PTF Desktop</Application></Properties>"
    )
    for name, text in (
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", package_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", styles.xml()),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
    ):
        archive.writestr(name, text.encode("utf-8"))

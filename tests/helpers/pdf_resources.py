"""What pikepdf (qpdf) finds in a PDF's resources: the fonts and the images drawn.

They take the place of poppler-utils' pdffonts and pdfimages in the checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

__all__ = ["FontInfo", "fonts_of", "images_drawn"]


@dataclass(frozen=True)
class FontInfo:
    """One font resource, as pdffonts lists it."""

    name: str
    subtype: str
    embedded: bool
    to_unicode: bool


def _resource_owners(document: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every resource dictionary a page uses: its own, its forms', annotations', Type 3s'."""
    pending: list[pikepdf.Object] = []
    for page in document.pages:
        pending.append(page.resources)
        for annotation in page.obj.get("/Annots", []):
            pending.extend(_appearance_streams(annotation))
    seen: set[tuple[int, int]] = set()
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        yield resources
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and "/Resources" in xobject:
                if xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    pending.append(xobject.Resources)
        for font in resources.get("/Font", {}).values():
            if font.get("/Subtype") == pikepdf.Name.Type3 and "/Resources" in font:
                pending.append(font.Resources)


def _appearance_streams(annotation: pikepdf.Object) -> Iterator[pikepdf.Object]:
    appearances = annotation.get("/AP", {})
    for state in appearances.values():
        streams = [state] if isinstance(state, pikepdf.Stream) else list(state.values())
        for stream in streams:
            if isinstance(stream, pikepdf.Stream) and "/Resources" in stream:
                yield stream.Resources


def _is_embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == pikepdf.Name.Type3:
        return True  # its glyphs are content streams inside the file
    if font.get("/Subtype") == pikepdf.Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor", {})
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_of(pdf: Path) -> list[FontInfo]:
    """Every font in the resources the pages use, once each (what ``pdffonts`` lists).

    A font counts even when no text uses it, as with pdffonts: ReportLab writes its
    initial font into every page's resources.
    """
    fonts: list[FontInfo] = []
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(pdf) as document:
        for owner in _resource_owners(document):
            for key, font in owner.get("/Font", {}).items():
                if font.is_indirect:
                    if font.objgen in seen:
                        continue
                    seen.add(font.objgen)
                name = str(font.get("/BaseFont", font.get("/Name", key))).lstrip("/")
                subtype = str(font.get("/Subtype", "")).lstrip("/")
                fonts.append(FontInfo(name, subtype, _is_embedded(font), "/ToUnicode" in font))
    return fonts


def images_drawn(pdf: Path) -> list[tuple[str, int, int]]:
    """Every image the pages draw, in drawing order (as ``pdfimages -list``).

    Each draw gives ``("image", width, height)``, followed by ``("smask", width,
    height)`` when the image has a soft mask; images inside forms are counted too.
    """
    drawn: list[tuple[str, int, int]] = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            _collect_images(page.obj, page.resources, drawn)
    return drawn


def _collect_images(
    content: pikepdf.Object, resources: pikepdf.Object, drawn: list[tuple[str, int, int]]
) -> None:
    xobjects = resources.get("/XObject", {})
    for operands, _ in pikepdf.parse_content_stream(content, "Do"):
        xobject = xobjects.get(str(operands[0]))
        if xobject is None:
            continue
        if xobject.get("/Subtype") == pikepdf.Name.Image:
            drawn.append(("image", int(xobject.Width), int(xobject.Height)))
            if "/SMask" in xobject:
                mask = xobject.SMask
                drawn.append(("smask", int(mask.Width), int(mask.Height)))
        elif xobject.get("/Subtype") == pikepdf.Name.Form:
            _collect_images(xobject, xobject.get("/Resources", resources), drawn)

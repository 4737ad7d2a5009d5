"""Names in every script show in the window, not as empty boxes, with the bundled fonts."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.interface_fonts import fallback_font_files

FALLBACKS = {"Droid Sans Fallback", "NanumGothic", "Noto Sans Devanagari"}


def glyph(qtbot: QtBot, character: str) -> QImage:
    label = QLabel(character)
    qtbot.addWidget(label)
    label.resize(40, 40)
    return label.grab().toImage()


def test_after_the_warm_up_the_window_has_every_scripts_font(
    qtbot: QtBot, main_window: Any, tricky_names: list[str]
) -> None:
    main_window.start_warm_up()

    qtbot.waitUntil(lambda: FALLBACKS <= set(QFontDatabase.families()), timeout=60_000)
    # Two different Han characters draw differently: they are not the same empty box.
    han = next(name for name in tricky_names if any("\u4e00" <= c <= "\u9fff" for c in name))
    first, second = [c for c in dict.fromkeys(han) if "\u4e00" <= c <= "\u9fff"][:2]
    assert glyph(qtbot, first) != glyph(qtbot, second)


def test_the_interface_takes_the_regular_faces_beyond_latin() -> None:
    files = fallback_font_files()
    assert "fonts/DroidSansFallbackFull.ttf" in files
    assert not any("DejaVu" in name or name.endswith("Bold.ttf") for name in files)

"""Names in every script show in the window, not as empty boxes, with the bundled fonts."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.warm_up import WarmUp


def glyph(qtbot: QtBot, character: str) -> QImage:
    label = QLabel(character)
    qtbot.addWidget(label)
    label.resize(40, 40)
    return label.grab().toImage()


def test_the_warm_up_gives_the_window_every_scripts_font(
    qtbot: QtBot, tricky_names: list[str]
) -> None:
    WarmUp(order=[])._run()

    families = QFontDatabase.families()
    assert {"Droid Sans Fallback", "NanumGothic", "Noto Sans Devanagari"} <= set(families)
    # Two different Han characters draw differently: they are not the same empty box.
    han = next(name for name in tricky_names if any("\u4e00" <= c <= "\u9fff" for c in name))
    first, second = [c for c in dict.fromkeys(han) if "\u4e00" <= c <= "\u9fff"][:2]
    assert glyph(qtbot, first) != glyph(qtbot, second)

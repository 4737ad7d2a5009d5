"""Each kind of file chooser starts in the folder last chosen for that kind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from pytestqt.qtbot import QtBot

from ptf_desktop.ui import file_dialogs


def test_each_kind_remembers_its_own_folder(qtbot: QtBot, tmp_path: Path) -> None:
    reports, imports = tmp_path / "Rapports 2026", tmp_path / "Импорт"
    file_dialogs.remember_folder("report", reports)
    file_dialogs.remember_folder("import", imports)

    assert file_dialogs.last_folder("report") == reports
    assert file_dialogs.last_folder("import") == imports
    # The keys the settings held before stay the same: nothing remembered is lost.
    assert QSettings().value("files/last_report_folder") == str(reports)


def test_before_any_choice_documents_or_the_given_default(qtbot: QtBot, tmp_path: Path) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert file_dialogs.last_folder("never-chosen") == Path(documents or Path.home())
    assert file_dialogs.last_folder("never-chosen-either", tmp_path) == tmp_path

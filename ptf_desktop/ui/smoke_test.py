"""``ptf-desktop --smoke-test``: prove that an installed or bundled app really works.

It opens a fresh database in a temporary folder (running the bundled migrations), loads
every bundled resource, registers the document fonts, shows the main window with every
area, and exits 0; anything wrong prints a reason and exits 1.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase, QIcon, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..paths import AppPaths
from ..resources import list_resources, resource_path
from ..services.context import open_context
from ..services.self_check import check_document_fonts
from .application import create_application
from .pages import AREAS


def run_smoke_test(argv: Sequence[str]) -> int:
    """Run the checks; return 0 when all pass."""
    app = create_application(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="ptf-smoke-") as folder:
            _check(Path(folder))
            app.processEvents()
    except Exception:  # report everything: this is the installer's last line of defence
        traceback.print_exc()
        print("smoke test: FAILED")
        return 1
    print("smoke test: OK")
    return 0


def _check(folder: Path) -> None:
    from .main_window import MainWindow

    # Window geometry and recent folders go to the temporary folder, not the user's settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))

    database = folder / "smoke.sqlite"
    context = open_context(database)
    print(f"database: created {database} at schema {context.database.schema_version}")
    resources = _load_resources()
    print(f"resources: {resources} loaded")
    print(f"document fonts: {', '.join(check_document_fonts())}")
    paths = AppPaths(data_dir=folder, log_dir=folder / "logs", database=database)
    window = MainWindow(context, paths)
    window.show()
    for area in AREAS:
        window.page(area.key)
    legal_name = context.settings.load().legal_name
    print(f"main window: shown with {len(AREAS)} areas; settings for {legal_name}")
    window.close()


def _load_resources() -> int:
    names = list_resources()
    for name in names:
        path = str(resource_path(name))
        suffix = Path(name).suffix.lower()
        if suffix == ".svg" and not (QSvgRenderer(path).isValid() and not QIcon(path).isNull()):
            raise RuntimeError(f"icon {name} does not load")
        if suffix == ".png" and QPixmap(path).isNull():
            raise RuntimeError(f"image {name} does not load")
        if suffix == ".ttf" and QFontDatabase.addApplicationFont(path) < 0:
            raise RuntimeError(f"font {name} does not load")
    if not any(name.endswith(".ttf") for name in names):
        raise RuntimeError("no fonts are bundled")
    return len(names)

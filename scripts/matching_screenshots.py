"""Grab screenshots of the matching and merging dialogs, to look at them.

Usage: QT_QPA_PLATFORM=offscreen python scripts/matching_screenshots.py OUT_FOLDER
Writes merge-tool.png, possible-duplicates.png, import-matches.png and
import-another-register.png into OUT_FOLDER, using temporary databases filled with the
tricky organization names of the tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register.merging import MergeService
from ptf_desktop.services.register.register_import import RegisterImport
from ptf_desktop.ui.dialogs.import_dialog import ImportDialog
from ptf_desktop.ui.dialogs.register_import_dialog import RegisterImportDialog
from ptf_desktop.ui.pages.organizations.duplicates_dialog import DuplicatesDialog
from ptf_desktop.ui.pages.organizations.merge_dialog import MergeDialog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers.billing import add_organization  # noqa: E402
from helpers.organization_csv import row, write_csv  # noqa: E402


def tricky_names() -> list[str]:
    """The tests' tricky organization names."""
    lines = (ROOT / "tests" / "data" / "tricky-organization-names.txt").read_text("utf-8")
    return [line for line in lines.splitlines() if line.strip() and not line.startswith("#")]


def grab(widget: QWidget, path: Path) -> None:
    """Show a widget, let it lay out, and save what it looks like."""
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    widget.close()


def wait_for(signal: object) -> None:
    """Run the event loop until the signal is emitted."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    loop.exec()


def merge_shots(out: Path, ours: AppContext, names: list[str]) -> None:
    """The merge tool on two records of one organization, and the list of duplicates."""
    first = add_organization(ours, names[5], country="FR", website="https://sge.example")
    second = add_organization(ours, names[5].upper(), country="FR", vat_id="FR40303265045")
    ours.organizations.add_contact(second, {"name": "Zoë Ångström", "roles": ["billing"]})
    ours.memberships.admit(second, Tier.GENERAL, ours_day())
    service = MergeService(ours.factories)
    grab(MergeDialog(service, service.compare(first, second)), out / "merge-tool.png")
    duplicates = DuplicatesDialog(service)
    duplicates.show()
    wait_for(duplicates.loaded)
    grab(duplicates, out / "possible-duplicates.png")


def ours_day() -> object:
    """A fixed admission day, so the pictures do not change with the date."""
    from datetime import date

    return date(2026, 1, 1)


def import_shots(out: Path, folder: Path, ours: AppContext, names: list[str]) -> None:
    """The CSV import with rows already in the register, and Import another register."""
    for i, name in enumerate(names[:8]):
        add_organization(ours, name, website=f"https://site{i}.example")
    rows = [row(name=name, legal_name="", website=f"https://site{i}.example")
            for i, name in enumerate(names[:3])]  # fmt: skip
    rows.append(row(name="Campus Lab", legal_name="", website="https://campus.example"))
    dialog = ImportDialog(ours.organization_import, write_csv(folder / "members.csv", rows))
    dialog.show()
    wait_for(dialog.checked)
    grab(dialog, out / "import-matches.png")
    theirs = open_context(folder / "theirs" / "ptf.sqlite")
    for i, name in enumerate(names[:5]):
        add_organization(theirs, name.upper(), website=f"https://www.site{i}.example/about")
    add_organization(theirs, names[10], country="JP")
    service = RegisterImport(ours.factories, ours.path)
    preview = service.preview(theirs.path)
    theirs.close()
    grab(RegisterImportDialog(service, preview), out / "import-another-register.png")


def main() -> None:
    """Write the screenshots."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    names = tricky_names()
    with tempfile.TemporaryDirectory() as folder:
        ours = open_context(Path(folder) / "ours.sqlite")
        merge_shots(out, ours, names)
        import_shots(out, Path(folder), ours, names)
        ours.close()
    app.quit()


if __name__ == "__main__":
    main()

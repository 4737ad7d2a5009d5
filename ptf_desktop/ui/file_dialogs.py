"""Every file chooser of the application, made in one place so none can harm the database.

On POSIX, closing *any* descriptor of a file drops *all* of the process's fcntl locks on
it, SQLite's included. Qt's own file dialog asks its icon provider for each file's icon
and type, and the default provider reads the first bytes of files whose name says
nothing (``ptf.sqlite``) to guess their MIME type: showing the database's folder opened
and closed the database file, released the app's locks, and let the next ``ptf`` command
checkpoint and delete the write-ahead log under the running app.

So every dialog here is Qt's own (never the platform's, which may sniff in this process
too) with an icon provider that decides by name and kind from ``stat`` alone. A file
that belongs to a database in use (its ``-wal``/``-shm``, or a database with a ``-shm``
beside it) is refused as a file to read or overwrite: reading it would release the
locks just the same, and writing over it would destroy it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QSettings, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStyle, QWidget

_FILTER = "PTF Desktop databases (*.sqlite *.db);;All files (*)"
_SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from a file's kind and suffix; never opens a file."""

    def icon(self, what: object) -> QIcon:
        """A folder, drive or file icon of the current style."""
        pixmap = QStyle.StandardPixmap.SP_FileIcon
        if isinstance(what, QFileInfo):
            if what.isRoot():
                pixmap = QStyle.StandardPixmap.SP_DriveHDIcon
            elif what.isDir():
                pixmap = QStyle.StandardPixmap.SP_DirIcon
        elif what in (
            QAbstractFileIconProvider.IconType.Folder,
            QAbstractFileIconProvider.IconType.Desktop,
            QAbstractFileIconProvider.IconType.Trashcan,
        ):
            pixmap = QStyle.StandardPixmap.SP_DirIcon
        elif what in (
            QAbstractFileIconProvider.IconType.Computer,
            QAbstractFileIconProvider.IconType.Drive,
            QAbstractFileIconProvider.IconType.Network,
        ):
            pixmap = QStyle.StandardPixmap.SP_DriveHDIcon
        return QApplication.style().standardIcon(pixmap)

    def type(self, info: QFileInfo) -> str:
        """The type column: 'Folder', or the suffix in capitals followed by 'file'."""
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def is_database_in_use(path: Path) -> bool:
    """Whether a file is part of an SQLite database that a program has open (``stat`` only).

    A database in WAL mode has a ``-shm`` file beside it while it is open; its
    ``-wal``, ``-shm`` and ``-journal`` files are never documents of their own.
    """
    if path.name.endswith(_SIDECAR_SUFFIXES):
        return True
    return path.with_name(path.name + "-shm").exists()


def build_file_dialog(
    parent: QWidget | None, caption: str, start: str, filters: str = ""
) -> QFileDialog:
    """A file dialog that never reads the files it lists (tests show it without running it)."""
    dialog = QFileDialog(parent, caption, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._name_only_icons = provider  # type: ignore[attr-defined]  # not owned by the dialog: keep it alive
    return dialog


def get_open_file_name(
    parent: QWidget | None,
    caption: str,
    start: str = "",
    filters: str = "",
    *,
    allow_database: bool = False,
) -> tuple[str, str]:
    """Ask for an existing file to read: (path, chosen filter), or ("", "") when cancelled.

    Args:
        parent: the window the dialog belongs to.
        caption: the dialog's title.
        start: the folder (or file) shown first.
        filters: Qt name filters, separated by ";;".
        allow_database: a database in use may be chosen (to be opened by SQLite itself).
    """
    dialog = build_file_dialog(parent, caption, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _run(dialog, allow_database=allow_database)


def get_save_file_name(
    parent: QWidget | None,
    caption: str,
    start: str = "",
    filters: str = "",
    *,
    confirm_overwrite: bool = True,
) -> tuple[str, str]:
    """Ask for a file to write: (path, chosen filter), or ("", "") when cancelled."""
    dialog = build_file_dialog(parent, caption, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if start and not Path(start).is_dir():
        dialog.selectFile(start)
    return _run(dialog, allow_database=False)


def get_existing_directory(parent: QWidget | None, caption: str, start: str = "") -> str:
    """Ask for a folder: its path, or "" when cancelled."""
    dialog = build_file_dialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    chosen, _ = _run(dialog, allow_database=False)
    return chosen


def _run(dialog: QFileDialog, *, allow_database: bool) -> tuple[str, str]:
    while dialog.exec() == QFileDialog.DialogCode.Accepted:
        files = dialog.selectedFiles()
        if not files:
            break
        chosen = Path(files[0])
        in_use = is_database_in_use(chosen)
        if not in_use or (allow_database and not chosen.name.endswith(_SIDECAR_SUFFIXES)):
            return files[0], dialog.selectedNameFilter()
        QMessageBox.warning(
            dialog.parentWidget(),
            dialog.windowTitle(),
            f"{chosen} belongs to a database that is open. Choose another file.",
        )
    return "", ""


def ask_database_to_open(parent: QWidget | None, folder: Path) -> Path | None:
    """Ask for an existing database file; None when cancelled."""
    chosen, _ = get_open_file_name(
        parent, "Open database", str(last_folder("database", folder)), _FILTER, allow_database=True
    )
    return _remember(chosen)


def ask_database_to_create(parent: QWidget | None, folder: Path) -> Path | None:
    """Ask where to create a new database file; None when cancelled.

    An existing file is refused: creating must never open (or overwrite) old data.
    """
    start = last_folder("database", folder) / "ptf-desktop.sqlite"
    while True:
        chosen, _ = get_save_file_name(
            parent, "New database", str(start), _FILTER, confirm_overwrite=False
        )
        if chosen and not Path(chosen).suffix:
            chosen += ".sqlite"
        if not chosen or not Path(chosen).exists():
            return _remember(chosen)
        QMessageBox.warning(
            parent,
            "New database",
            f"{chosen} already exists. Choose a new name, or use File > Open database to open it.",
        )
        start = Path(chosen)


def last_folder(kind: str, default: Path | None = None) -> Path:
    """The folder a file of this kind was last chosen in, where its dialog starts.

    Each kind ("database", "import", "report", "export", "landscape", "logo") keeps its
    own folder. Before the first choice: ``default``, else Documents, else home.
    """
    if default is None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        default = Path(documents) if documents else Path.home()
    return Path(str(QSettings().value(_folder_key(kind), str(default))))


def remember_folder(kind: str, folder: Path | str) -> None:
    """Remember the folder just chosen for files of this kind (see ``last_folder``)."""
    QSettings().setValue(_folder_key(kind), str(folder))


def _folder_key(kind: str) -> str:
    return f"files/last_{kind}_folder"


def _remember(chosen: str) -> Path | None:
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder("database", path.parent)
    return path

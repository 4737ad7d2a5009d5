"""The settings as the interface sees them: one object that loads, saves and announces changes.

Undo commands change the settings through it, never through widgets; every page that
shows settings follows its ``changed`` signal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from ..domain.foundation_settings import FIELD_LABELS, FoundationSettings, changed_fields
from ..services.settings_service import SettingsService


class SettingsStore(QObject):
    """Loads and saves settings through the service and signals every change.

    Signals:
        changed: the stored settings changed (argument: the new FoundationSettings).
    """

    changed = Signal(object)

    def __init__(self, service: SettingsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.current = service.load()

    def reload(self) -> FoundationSettings:
        """Read the settings again from the database."""
        self.current = self._service.load()
        self.changed.emit(self.current)
        return self.current

    def save(self, changes: Mapping[str, Any]) -> FoundationSettings:
        """Validate and store changes (raises ValidationError, storing nothing, when refused)."""
        self.current = self._service.save(changes)
        self.changed.emit(self.current)
        return self.current


class SavedChangeCommand(QUndoCommand):
    """A change already saved when pushed: undo saves the values before, redo those after.

    Subclasses say how values are saved (``_save``); ``before`` and ``after`` hold only
    the fields that changed.
    """

    def __init__(self, text: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
        super().__init__()
        self._before = dict(before)
        self._after = dict(after)
        self._applied = True  # pushed after the save succeeded; the first redo does nothing
        self.setText(text)

    def _save(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._save(self._after)

    def undo(self) -> None:
        self._save(self._before)


class SaveSettingsCommand(SavedChangeCommand):
    """An applied change of settings, undone by storing the previous values again."""

    def __init__(self, store: SettingsStore, before: FoundationSettings, after: FoundationSettings):
        difference = changed_fields(before, after)
        names = ", ".join(FIELD_LABELS[name] for name in difference)
        super().__init__(
            f"settings change ({names})",
            {name: old for name, (old, _) in difference.items()},
            {name: new for name, (_, new) in difference.items()},
        )
        self._store = store

    def _save(self, values: dict[str, Any]) -> None:
        self._store.save(values)


def settings_as_dict(settings: FoundationSettings) -> dict[str, Any]:
    """The settings as a plain mapping of field name to value."""
    return asdict(settings)

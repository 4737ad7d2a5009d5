"""Reading and changing the foundation's business settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from ..domain.foundation_settings import FoundationSettings, changed_fields, validate_settings
from ..domain.records import record_from
from ..persistence.engine import SessionFactories
from ..persistence.models import SETTINGS_ROW_ID, FoundationSettingsRow
from .database_errors import translating_database_errors


class SettingsService:
    """Load and save the settings; every save is validated and audited."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def load(self) -> FoundationSettings:
        """Return the stored settings, or the defaults when none were saved yet."""
        with translating_database_errors(self._factories), self._factories.read.begin() as session:
            row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
            return _to_settings(row) if row is not None else FoundationSettings()

    def save(self, changes: Mapping[str, Any]) -> FoundationSettings:
        """Validate and store changed settings in one transaction.

        Args:
            changes: raw values as typed, per field name; unchanged fields may be left out.

        Returns:
            The settings as stored (cleaned values).

        Raises:
            ValidationError: a value is refused; nothing is stored.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as session:
            row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
            current = _to_settings(row) if row is not None else FoundationSettings()
            new = validate_settings(current, changes)
            if row is None:
                session.add(FoundationSettingsRow(id=SETTINGS_ROW_ID, **asdict(new)))
            else:
                for name, (_, value) in changed_fields(current, new).items():
                    setattr(row, name, value)
            return new


def _to_settings(row: FoundationSettingsRow) -> FoundationSettings:
    return record_from(FoundationSettings, row)

"""Reading and changing the tax and document settings (default tax, wording, Factur-X)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from ...domain.billing.tax_settings import DocumentSettings, validate_document_settings
from ...domain.foundation_settings import FoundationSettings
from ...persistence.engine import SessionFactories
from ...persistence.models import SETTINGS_ROW_ID, FoundationSettingsRow
from ..database_errors import translating_database_errors
from .line_rows import document_settings


class DocumentSettingsService:
    """Load and save the tax and document settings; every save is validated and audited."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def load(self) -> DocumentSettings:
        """The stored settings, or the defaults (no tax, Factur-X on) when none were saved."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return document_settings(s)

    def save(self, changes: Mapping[str, Any]) -> DocumentSettings:
        """Validate and store changed settings in one transaction.

        Args:
            changes: raw values per field of DocumentSettings ("19", "yes", wording).

        Raises:
            ValidationError: a value is refused; nothing is stored.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            new = validate_document_settings(document_settings(s), changes)
            row = s.get(FoundationSettingsRow, SETTINGS_ROW_ID)
            if row is None:
                row = FoundationSettingsRow(id=SETTINGS_ROW_ID, **asdict(FoundationSettings()))
                s.add(row)
            stored = asdict(new)
            stored["default_tax_rate"] = str(new.default_tax_rate)
            for name, value in stored.items():
                if getattr(row, name, None) != value:
                    setattr(row, name, value)
            return new

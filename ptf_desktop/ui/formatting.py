"""Formatting values for display, following the user's locale where it matters."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def format_size(size: int) -> str:
    """A file size for people: "36.0 KB", "1.2 MB" (locale-aware decimals)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)

"""The errors a caller of the services may meet and show to the user, in one place.

The interface imports them from here rather than from the storage layer beneath.
"""

from __future__ import annotations

from ..domain.errors import UserError, ValidationError
from ..persistence.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
    NewerDatabase,
    NotADatabase,
)

__all__ = [
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseProblem",
    "DatabaseReadOnly",
    "DiskFull",
    "NewerDatabase",
    "NotADatabase",
    "UserError",
    "ValidationError",
]

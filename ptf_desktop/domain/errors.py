"""Errors the user can fix, raised by the domain and the services.

Anything that is not one of these is a bug and goes to the crash handler.
"""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """A problem the user can understand and fix; its message is shown as is."""


class ValidationError(UserError):
    """One or more fields hold values that are refused.

    Attributes:
        field_errors: message per field name, to show next to each field.
    """

    def __init__(self, field_errors: Mapping[str, str]) -> None:
        self.field_errors = dict(field_errors)
        summary = "; ".join(f"{field}: {message}" for field, message in self.field_errors.items())
        super().__init__(summary)

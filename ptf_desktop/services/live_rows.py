"""Loading one row by its key, as long as it exists and is not deleted.

Deleting is soft (the row stays, ``deleted`` is set, so sync can carry the deletion):
a service that loads a row by key refuses a deleted one exactly as a missing one.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

from ..domain.errors import UserError
from ..persistence.base import Synced

Row = TypeVar("Row", bound=Synced)


def live_row(session: Session, model: type[Row], key: uuid.UUID, missing: UserError) -> Row:
    """The row of ``model`` with this key.

    Raises:
        UserError: ``missing``, when there is no such row or it was deleted.
    """
    row = session.get(model, key)
    if row is None or row.deleted:
        raise missing
    return row

"""The columns the quotes list and the invoices list share: number and organization.

Each list makes its columns with its own ``column`` function (its colours and tooltips);
these are the ones whose text and sort value are the same in both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ....services.billing.records import DocumentSummary
from ...widgets.table_model import Column

DRAFT_NUMBER = "Draft"

Summary = TypeVar("Summary", bound=DocumentSummary)


def number_and_organization(
    column: Callable[..., Column[Summary]],
) -> tuple[Column[Summary], Column[Summary]]:
    """The Number and Organization columns, made with the list's own ``column``.

    Drafts say "Draft" and sort after numbered documents; organizations sort without case.
    """
    return (
        column("Number", _number, _number_order),
        column("Organization", _organization, _organization_order),
    )


def _number(document: DocumentSummary) -> str:
    return document.number or DRAFT_NUMBER


def _number_order(document: DocumentSummary) -> str:
    # A string for every row, so drafts (no number) compare: "1" sorts after "0<number>".
    return "1" if document.number is None else f"0{document.number}"


def _organization(document: DocumentSummary) -> str:
    return document.organization


def _organization_order(document: DocumentSummary) -> Any:
    return document.organization.casefold()

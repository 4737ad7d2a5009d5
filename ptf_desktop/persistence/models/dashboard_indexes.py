"""Indexes that serve the dashboard's aggregates (migrations 0008 and 0009).

Declared here, next to no table, so that the tables' own modules stay as their areas
wrote them; each index is attached to its table when this module is imported.

Why each exists (with 100,000 organizations and 300,000 invoices):
    * invoices by issue date, payments by date received, each covering what is summed:
      the year-to-date sums and revenue by tier read the index, not the rows.
    * invoices by (status, due date), covering the balance: the outstanding, overdue and
      aging sums read the open invoices' index entries, not every invoice ever due.
    * The partial indexes name ``deleted`` as a column too: SQLite does not count the
      index's WHERE as covering it, and would read every row to check it.
    * invoices by (year of issue, tier issued for, currency): revenue by tier reads the
      index in the order it groups by, so SQLite neither sorts 300,000 rows nor joins
      organizations; the year is stored because SQLite cannot index a date's year.
    * organizations (id, tier): a small index for queries that need an organization's
      tier today, instead of the wide organization rows.
    * current members: the member, renewal and grace figures are read from one
      covering index of the rows not deleted.
    * current members by term end, covering what renewals are priced by: the renewals
      by month and the renewals due read the terms ending in the window, in date order,
      from the index alone.
    * membership terms by dates: the members-per-year chart reads an index only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import InstrumentedAttribute

from .billing import Invoice, Payment
from .organizations import (
    NOT_DELETED_POSTGRESQL,
    NOT_DELETED_SQLITE,
    MembershipTerm,
    Organization,
)


def _not_deleted(name: str, *columns: InstrumentedAttribute[Any]) -> Index:
    """A partial index of the rows not deleted."""
    return Index(
        name, *columns, sqlite_where=NOT_DELETED_SQLITE, postgresql_where=NOT_DELETED_POSTGRESQL
    )


# What a member's next price depends on, then the key and ``deleted`` (see above): the
# last columns of both covering indexes of current members.
_RENEWAL_PRICING = (
    Organization.next_tier,
    Organization.employees,
    Organization.lf_membership,
    Organization.org_type,
    Organization.id,
    Organization.deleted,
)

INDEXES = (
    Index(
        "ix_invoices_issue_date",
        Invoice.issue_date,
        Invoice.status,
        Invoice.deleted,
        Invoice.currency,
        Invoice.net_minor,
        Invoice.organization_id,
    ),  # fmt: skip
    Index(
        "ix_invoices_status_due_date",
        Invoice.status,
        Invoice.due_date,
        Invoice.deleted,
        Invoice.issue_date,
        Invoice.currency,
        Invoice.total_minor,
        Invoice.paid_minor,
        Invoice.credited_minor,
    ),  # fmt: skip
    Index(
        "ix_payments_paid_on",
        Payment.paid_on,
        Payment.deleted,
        Payment.currency,
        Payment.amount_minor,
    ),  # fmt: skip
    Index(
        "ix_invoices_revenue",
        Invoice.issue_year,
        Invoice.tier,
        Invoice.currency,
        Invoice.status,
        Invoice.deleted,
        Invoice.net_minor,
    ),  # fmt: skip
    Index("ix_organizations_id_tier", Organization.id, Organization.tier),
    _not_deleted(
        "ix_organizations_dashboard",
        Organization.tier,
        Organization.status,
        Organization.renewal_intent,
        Organization.term_end,
        *_RENEWAL_PRICING,
    ),  # fmt: skip
    _not_deleted(
        "ix_organizations_term_end",
        Organization.term_end,
        Organization.status,
        Organization.tier,
        Organization.renewal_intent,
        *_RENEWAL_PRICING,
    ),  # fmt: skip
    _not_deleted(
        "ix_membership_terms_years",
        MembershipTerm.end_date,
        MembershipTerm.start_date,
        MembershipTerm.tier,
        MembershipTerm.organization_id,
        MembershipTerm.deleted,
    ),  # fmt: skip
)

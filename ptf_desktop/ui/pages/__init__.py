"""The areas of the main window, in sidebar order."""

from __future__ import annotations

from dataclasses import dataclass

# Delay of work that only follows the first paint (tests and benchmarks build windows
# without a warm-up; their first page waits this long).
WARM_UP_DELAY_MS = 250


@dataclass(frozen=True)
class Area:
    """One entry of the navigation sidebar.

    Attributes:
        key: a stable name (used in tests and saved state).
        title: what the sidebar shows.
        icon: the resource name of its icon.
        summary: what the area holds; the sidebar entry's tooltip.
    """

    key: str
    title: str
    icon: str
    summary: str


AREAS: tuple[Area, ...] = (
    Area(
        "dashboard",
        "Dashboard",
        "icons/dashboard.svg",
        "How the foundation is doing at a glance: members by tier and status, revenue "
        "invoiced and collected this year, receivables outstanding and overdue, renewals "
        "due in the next 90 days, members in grace or lapsing, and open quotes.",
    ),
    Area(
        "organizations",
        "Organizations",
        "icons/organizations.svg",
        "The register of every organization the foundation deals with (prospects, "
        "applicants, members and former members), their people, memberships and terms, "
        "with search, filters, history, and CSV and Excel import and export.",
    ),
    Area(
        "contacts",
        "Contacts",
        "icons/contacts.svg",
        "Every person at every organization, with their organization and role: search "
        "them, and copy the e-mail addresses of the people selected.",
    ),
    Area(
        "renewals",
        "Renewals",
        "icons/renewals.svg",
        "Memberships ending within 30, 60 and 90 days, past due, in grace and lapsed; the "
        "coming deadlines and reminders; the price of each next term; and preparing a "
        "whole year's renewals in one go.",
    ),
    Area(
        "quotes",
        "Quotes",
        "icons/quotes.svg",
        "Quotes for prospects and members, priced from the fee schedule, with their "
        "status (draft, sent, accepted, declined, expired) and one-step conversion of an "
        "accepted quote into an invoice.",
    ),
    Area(
        "invoices",
        "Invoices",
        "icons/invoices.svg",
        "Draft and issued invoices, payments and credit notes, receivables aging, and "
        "PDF invoices with embedded e-invoice data that finance departments accept.",
    ),
    Area(
        "certificates",
        "Certificates",
        "icons/certificates.svg",
        "Signed, verifiable membership certificates and member letters, issued one at a "
        "time or for a whole year, with a register of what was issued, superseded or revoked.",
    ),
    Area(
        "settings",
        "Settings",
        "icons/settings.svg",
        "The foundation's legal name, address, tax ID, billing contact, bank details, "
        "currency, payment terms, document series and signatory.",
    ),
)

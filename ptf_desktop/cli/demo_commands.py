"""``ptf demo``: fill an empty database with a demo office (same seed, same data).

The register first (organizations, contacts, terms), then the office that works it: the
foundation's settings, a signing certificate, billing history over past years and this
year's certificates, so the dashboard, reports and aging show real figures.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.organizations import LABELS, MembershipStatus, OrgType
from ..paths import AppPaths
from ..services.demo.demo_data import MAX_ORGANIZATIONS, DemoSummary
from ..services.demo.demo_office import OfficeSummary
from .arguments import command_context

_TABLE_NAMES = {
    "contacts": "contacts",
    "membership_terms": "membership terms",
    "tier_changes": "tier changes",
    "membership_applications": "applications",
    "testimonials": "testimonials",
}


def register(commands: Any) -> None:
    """Add the ``demo`` command to the top-level sub-command parser."""
    demo = commands.add_parser(
        "demo",
        help="add realistic demo organizations (the founding members first)",
        description="Add the six founding members and generated organizations of every "
        "type, country and membership status, with contacts and terms; then fill in the "
        "foundation's settings, a self-signed signing certificate (beside the database), "
        "invoices, payments, credit notes, refunds and quotes over past years, and this "
        "year's certificates. The same seed gives the same data.",
    )
    demo.add_argument(
        "--organizations",
        metavar="N",
        type=_organization_count,
        default=1_000,
        help="how many organizations in all, founding members included (default 1,000)",
    )
    demo.add_argument("--seed", metavar="S", type=int, default=2022, help="default 2022")
    demo.add_argument(
        "--allow-existing",
        action="store_true",
        help="add organizations to a database that already holds some (register only)",
    )
    demo.add_argument(
        "--register-only",
        action="store_true",
        help="only the organizations, contacts and terms: no settings, billing or certificates",
    )
    demo.set_defaults(run=_demo)


def _organization_count(text: str) -> int:
    try:
        number = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= number <= MAX_ORGANIZATIONS:
        raise argparse.ArgumentTypeError(f"give 0 to {MAX_ORGANIZATIONS:,}")
    return number


def _demo(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        furnish = not arguments.register_only and context.demo.is_empty()
        summary = context.demo.generate(
            arguments.organizations, seed=arguments.seed, allow_existing=arguments.allow_existing
        )
        for line in describe(summary, arguments.seed):
            print(line)
        if furnish:
            office = context.demo_office.furnish(arguments.seed, paths.database.parent)
            for line in describe_office(office):
                print(line)
    print(f"Database: {paths.database}")
    return 0


def describe(summary: DemoSummary, seed: int) -> list[str]:
    """What was created, in a few lines for the terminal."""
    statuses = ", ".join(
        f"{LABELS[status.value].lower()} {summary.by_status.get(status.value, 0):,}"
        for status in MembershipStatus
    )
    types = ", ".join(
        f"{LABELS[kind.value].lower()} {summary.by_type.get(kind.value, 0):,}" for kind in OrgType
    )
    others = ", ".join(
        f"{label} {summary.rows.get(table, 0):,}" for table, label in _TABLE_NAMES.items()
    )
    return [
        f"Created {summary.organizations:,} organizations ({summary.founding_members} founding "
        f"members) with seed {seed} in {summary.seconds:.1f} s.",
        f"  by status: {statuses}",
        f"  by type:   {types}",
        f"  also:      {others}",
    ]


def describe_office(office: OfficeSummary) -> list[str]:
    """The office set up around the register, in a few lines for the terminal."""
    billing = office.billing
    return [
        f"Office: {billing.invoices:,} invoices issued ({billing.paid:,} paid, "
        f"{billing.part_paid:,} part-paid, {billing.overdue:,} overdue, {billing.credited:,} "
        f"credited), {billing.refunds:,} refunds, {billing.quotes:,} quotes, "
        f"{office.certificates:,} certificates.",
        f"  signing certificate: {office.signing}",
    ]

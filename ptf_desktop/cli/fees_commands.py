"""``ptf fees price``: the price breakdown of a tier for an organization size and period."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from ..domain.errors import UserError
from ..domain.fees import schedule_in_force
from ..domain.organizations import (
    DEFAULT_ASSOCIATE_TYPES,
    LFMembership,
    OrgType,
    Tier,
    parse_associate_types,
    parse_choice,
    parse_employees,
)
from ..domain.pricing import PriceBreakdown, price_membership
from ..paths import AppPaths
from ..services.register.membership_service import default_term_end
from .arguments import command_context, command_group, parse_date


def register(commands: Any) -> None:
    """Add the ``fees`` command group to the top-level sub-command parser."""
    actions = command_group(commands, "fees", "fee schedules and prices")
    price = actions.add_parser(
        "price",
        help="price a tier for an organization size and period",
        description="Price a membership from the fee schedule in force at the start of the "
        "period. Without --end the period is one year from --start (a first term); a "
        "shorter period is pro-rated by days over its calendar year.",
    )
    price.add_argument("--tier", required=True, type=_choice(Tier, "tier"))
    price.add_argument("--employees", metavar="N", type=_employees, default=None)
    price.add_argument(
        "--lf-membership", metavar="LEVEL", type=_choice(LFMembership, "LF level"),
        default=LFMembership.NONE, help="none, silver, gold or platinum (default none)",
    )  # fmt: skip
    price.add_argument(
        "--start", metavar="DATE", type=parse_date, help="default: 1 January this year"
    )
    price.add_argument(
        "--end", metavar="DATE", type=parse_date, help="default: a year from --start"
    )
    price.add_argument(
        "--org-type", metavar="TYPE", type=_choice(OrgType, "organization type"),
        default=OrgType.COMMERCIAL, help="commercial, academic, nonprofit or government",
    )  # fmt: skip
    price.add_argument(
        "--premier-approved", action="store_true",
        help="the Governing Board approved the organization's Premier application",
    )  # fmt: skip
    price.add_argument("--json", action="store_true", help="print the breakdown as JSON")
    price.set_defaults(run=_price)


def _price(arguments: argparse.Namespace, paths: AppPaths) -> int:
    start = arguments.start or date(date.today().year, 1, 1)
    end = arguments.end or default_term_end(start)
    with command_context(paths) as context:
        schedules = context.fees.schedules()
        settings = context.settings.load()
    eligible = parse_associate_types(settings.associate_eligible_types) or DEFAULT_ASSOCIATE_TYPES
    try:
        breakdown = price_membership(
            schedule_in_force(schedules, start),
            arguments.tier,
            arguments.employees,
            arguments.lf_membership,
            start,
            end,
            has_approved_premier_application=arguments.premier_approved,
            org_type=arguments.org_type,
            associate_types=eligible,
        )
    except ValueError as error:  # a reversed or too long period
        raise UserError(str(error)) from None
    if arguments.json:
        print(json.dumps(breakdown_json(breakdown), indent=2, ensure_ascii=False))
    else:
        for line in breakdown_lines(breakdown):
            print(line)
    return 0


def breakdown_json(breakdown: PriceBreakdown) -> dict[str, Any]:
    """A price breakdown as JSON values (amounts as decimal strings, never floats)."""
    return {
        "tier": breakdown.tier.value,
        "start": breakdown.start.isoformat(),
        "end": breakdown.end.isoformat(),
        "schedule": breakdown.schedule_name,
        "prorated": breakdown.prorated,
        "currency": breakdown.total.currency,
        "lines": [
            {
                "kind": line.kind.value,
                "description": line.description,
                "full_amount": str(line.full_amount.amount),
                "amount": str(line.amount.amount),
                "fee_entry_id": str(line.fee_entry_id) if line.fee_entry_id else None,
                "to_be_confirmed": line.to_be_confirmed,
            }
            for line in breakdown.lines
        ],
        "total": str(breakdown.total.amount),
    }


def breakdown_lines(breakdown: PriceBreakdown) -> list[str]:
    """A price breakdown as lines of text for the terminal."""
    currency = breakdown.total.currency
    lines = [f"{line.description}: {currency} {line.amount.amount:,}" for line in breakdown.lines]
    lines.append(f"Total: {currency} {breakdown.total.amount:,}")
    lines.append(f"Fee schedule: {breakdown.schedule_name}")
    return lines


def _choice(kind: type[Any], what: str) -> Any:
    def parse(text: str) -> Any:
        try:
            return parse_choice(kind, text, what)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def _employees(text: str) -> int | None:
    try:
        return parse_employees(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None

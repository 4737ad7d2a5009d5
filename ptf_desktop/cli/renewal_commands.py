"""``ptf renewals ...``: prepare a year's renewals, and list what is due."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from ..domain.organizations import LABELS
from ..domain.renewals import BUCKET_LABELS, INTENT_LABELS, reminder_label
from ..paths import AppPaths
from ..services.renewals.renewal_service import DEFAULT_WITHIN_DAYS, RenewalRow
from .arguments import command_context, command_group, parse_date
from .output import safe_text


def register(commands: Any) -> None:
    """Add the ``renewals`` command group to the top-level sub-command parser."""
    actions = command_group(commands, "renewals", "prepare renewals and list what is due")
    prepare = actions.add_parser(
        "prepare",
        help="create the next term and a draft renewal invoice of every renewing member",
        description="Create, for every renewing member whose next term starts in YEAR, "
        "that term and a draft renewal invoice priced from the fee schedule in force at "
        "its start. Running it again creates nothing twice.",
    )
    prepare.add_argument("--year", metavar="YYYY", type=int, required=True)
    prepare.add_argument("--dry-run", action="store_true", help="show the preview; write nothing")
    prepare.add_argument("--json", action="store_true", help="print the result as JSON")
    prepare.set_defaults(run=_prepare)

    due = actions.add_parser("due", help="members due for renewal, in grace, past due or lapsed")
    due.add_argument(
        "--within", metavar="DAYS", type=_days, default=DEFAULT_WITHIN_DAYS,
        help=f"how far ahead to look (default {DEFAULT_WITHIN_DAYS} days)",
    )  # fmt: skip
    due.add_argument("--today", metavar="DATE", type=parse_date, help="as if today were DATE")
    due.add_argument("--json", action="store_true", help="print JSON: one object per member")
    due.set_defaults(run=_due)

    transitions = actions.add_parser(
        "transitions",
        help="move members to grace, to lapsed or back to active as the term rules say",
        description="Members whose term ended without renewal, or whose renewal invoice is "
        "unpaid past its due date, enter the grace period; when it is over they lapse; a "
        "member in grace that renewed and paid is active again. The app does this at "
        "start-up; running it again changes nothing.",
    )
    transitions.add_argument(
        "--today", metavar="DATE", type=parse_date, help="as if today were DATE"
    )
    transitions.add_argument("--dry-run", action="store_true", help="list; change nothing")
    transitions.add_argument("--json", action="store_true", help="print JSON")
    transitions.set_defaults(run=_transitions)


def _prepare(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        if arguments.dry_run:
            plan = context.renewal_preparation.preview(arguments.year)
            renewed, already, problems, seconds = (
                len(plan.ready),
                plan.already_renewed,
                (plan.problems),
                None,
            )
        else:
            result = context.renewal_preparation.prepare(arguments.year)
            renewed, already, problems = result.renewed, result.already_renewed, result.problems
            seconds = result.seconds
    if arguments.json:
        print(json.dumps({
            "year": arguments.year, "dry_run": arguments.dry_run, "renewed": renewed,
            "already_renewed": already, "seconds": seconds,
            "problems": [{"organization": p.name, "reason": p.problem} for p in problems],
        }, indent=2, ensure_ascii=False))  # fmt: skip
        return 0
    verb = "Would renew" if arguments.dry_run else "Renewed"
    print(f"{verb} {renewed:,} members for {arguments.year} ({already:,} already renewed).")
    if seconds is not None:
        print(f"Took {seconds:.1f} s.")
    if problems:
        print(f"{len(problems):,} members cannot renew until fixed:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem.name}: {problem.problem}", file=sys.stderr)
    return 0


def _due(arguments: argparse.Namespace, paths: AppPaths) -> int:
    today = arguments.today or date.today()
    with command_context(paths) as context:
        overview = context.renewals.overview(today, arguments.within)
    rows = [row for row in overview.rows if row.bucket is not None]
    if arguments.json:
        print(json.dumps([row_json(row) for row in rows], indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        assert row.bucket is not None
        price = f"{row.next_price.currency} {row.next_price.amount:,}" if row.next_price else "-"
        tier = LABELS.get(row.tier or "", "")
        print(
            f"{safe_text(row.name)}\t{tier}\t{BUCKET_LABELS[row.bucket]}\t"
            f"ends {row.term_end}\t{INTENT_LABELS[row.intent]}\tnext {price}"
        )
    print(f"{len(rows):,} members; {len(overview.reminders):,} reminders due today.")
    return 0


def _transitions(arguments: argparse.Namespace, paths: AppPaths) -> int:
    today = arguments.today or date.today()
    with command_context(paths) as context:
        changes = context.renewals.apply_status_transitions(today, dry_run=arguments.dry_run)
    if arguments.json:
        print(json.dumps({
            "today": today.isoformat(), "dry_run": arguments.dry_run,
            "changes": [{
                "organization_id": str(c.organization_id), "name": c.name, "from": c.old.value,
                "to": c.new.value, "term_end": c.term_end.isoformat() if c.term_end else None,
                "days_overdue": c.days_overdue,
            } for c in changes],
        }, indent=2, ensure_ascii=False))  # fmt: skip
        return 0
    for change in changes:
        print(f"{safe_text(change.name)}\t{LABELS[change.old]} -> {LABELS[change.new]}\t"
              f"{max(change.days_overdue, 0)} days overdue")  # fmt: skip
    verb = "Would change" if arguments.dry_run else "Changed"
    print(f"{verb} the status of {len(changes):,} members on {today.isoformat()}.")
    return 0


def row_json(row: RenewalRow) -> dict[str, Any]:
    """A calendar row as JSON values (dates ISO, amounts decimal strings)."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "organization_id": str(row.organization_id),
        "name": row.name,
        "tier": row.tier,
        "next_tier": row.next_tier,
        "status": row.status,
        "term_end": day(row.term_end),
        "bucket": row.bucket.value if row.bucket else None,
        "intent": row.intent.value,
        "non_renewal_notice_on": day(row.notice_on),
        "commitment_end": day(row.commitment_end),
        "next_term_start": day(row.next_start),
        "next_term_end": day(row.next_end),
        "next_price": str(row.next_price.amount) if row.next_price else None,
        "currency": row.next_price.currency if row.next_price else None,
        "price_problem": row.price_problem or None,
        "reminder": reminder_label(row.reminder) if row.reminder is not None else None,
    }


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days") from None
    if not 0 <= days <= 3660:
        raise argparse.ArgumentTypeError("give 0 to 3660 days")
    return days

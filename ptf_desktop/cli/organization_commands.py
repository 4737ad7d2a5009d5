"""``ptf organizations ...``: import a CSV file, list, export and delete organizations."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..domain.organizations import LABELS
from ..domain.wording import count_of
from ..paths import AppPaths
from ..services.context import AppContext
from ..services.register.organization_export import ExportedOrganization
from ..services.register.organization_import_matches import OnMatch
from ..services.register.organization_records import OrganizationQuery
from .arguments import command_context
from .text_table import print_table

_TABLE_COLUMNS = (
    ("Name", "name"), ("Tier", "tier"), ("Status", "status"), ("Country", "country"),
    ("Employees", "employees"), ("Term end", "term_end"), ("Billing contact", "billing"),
)  # fmt: skip


def register(commands: Any) -> None:
    """Add the ``organizations`` command group to the top-level sub-command parser."""
    group = commands.add_parser("organizations", help="import, list and export organizations")
    actions = group.add_subparsers(dest="organizations_command", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import", help="import organizations from a CSV file (all or nothing, with a report)"
    )
    importing.add_argument("file", metavar="FILE.csv", type=Path)
    importing.add_argument(
        "--dry-run", action="store_true", help="check the file and tell what would be created"
    )
    importing.add_argument(
        "--on-match",
        choices=[choice.value for choice in OnMatch],
        default=OnMatch.SKIP.value,
        help="a row that matches an organization of the register (by tax ID, then name "
        "and country, then website domain): skip it (the default), update the "
        "organization with it, or create it anyway",
    )
    importing.set_defaults(run=_import)

    listing = actions.add_parser("list", help="list organizations (all, or those matching)")
    listing.add_argument("--search", metavar="TEXT", default="", help="only those matching TEXT")
    listing.add_argument("--json", action="store_true", help="print JSON: one object each")
    listing.set_defaults(run=_list)

    exporting = actions.add_parser("export", help="export organizations to CSV or XLSX")
    exporting.add_argument(
        "--out", metavar="FILE.csv|FILE.xlsx", type=Path, required=True, help="the file to write"
    )
    exporting.add_argument("--search", metavar="TEXT", default="", help="only those matching TEXT")
    exporting.set_defaults(run=_export)

    deleting = actions.add_parser(
        "delete", help="delete an organization (refused once it has issued invoices)"
    )
    deleting.add_argument("organization", metavar="ID|NAME", help="its id, or its exact name")
    deleting.set_defaults(run=_delete)


def _import(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.organization_import.import_csv(
            arguments.file, arguments.dry_run, on_match=OnMatch(arguments.on_match)
        )
    print(report.summary())
    if not report.ok:
        print(
            f"ptf: error: {arguments.file} has {count_of(len(report.errors), 'problem')}; "
            "nothing was imported.",
            file=sys.stderr,
        )
        return 1
    return 0


def _list(arguments: argparse.Namespace, paths: AppPaths) -> int:
    query = OrganizationQuery(search=arguments.search)
    with command_context(paths) as context:
        rows = context.organization_export.rows(query)
        if arguments.json:
            _print_json(rows)
        else:
            _print_table(rows)
    return 0


def _export(arguments: argparse.Namespace, paths: AppPaths) -> int:
    query = OrganizationQuery(search=arguments.search)
    with command_context(paths) as context:
        written = context.organization_export.export(query, arguments.out)
    print(f"Exported {written} organization(s) to {arguments.out}.")
    return 0


def _delete(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        organization_id, name = _organization(context, arguments.organization)
        context.organizations.delete(organization_id)
    print(f"Deleted {name}.")
    return 0


def _organization(context: AppContext, text: str) -> tuple[uuid.UUID, str]:
    """The organization named by an id or an exact display or legal name."""
    try:
        key = uuid.UUID(text.strip())
    except ValueError:
        similar = context.organizations.find_duplicates({"display_name": text, "legal_name": text})
        matches = [row for row in similar if text.strip() in (row.display_name, row.legal_name)]
        if len(matches) != 1:
            found = "no organization" if not matches else f"{len(matches)} organizations"
            raise UserError(f"{found} named '{text}'; give its id instead.") from None
        return matches[0].id, matches[0].display_name
    return key, context.organizations.get(key).fields.display_name


def _print_json(rows: Iterator[ExportedOrganization]) -> None:
    """A JSON list written as it is read, so a large register is never held at once."""
    out = sys.stdout
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(_json_object(row), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")


def _json_object(row: ExportedOrganization) -> dict[str, Any]:
    values = dict(row.__dict__)
    values["id"] = str(row.id)
    for key in ("member_since", "term_end"):
        value = values[key]
        values[key] = value.isoformat() if isinstance(value, date) else None
    values["tier"] = row.tier or None  # a prospect has no tier
    return values


def _print_table(rows: Iterator[ExportedOrganization]) -> None:
    cells = [_table_cells(row) for row in rows]
    if not cells:
        print("No organizations.")
        return
    headers = [title for title, _ in _TABLE_COLUMNS]
    print_table(headers, cells, right={headers.index("Employees")})
    print(f"{len(cells)} organization(s)")


def _table_cells(row: ExportedOrganization) -> list[str]:
    contact = row.billing_contact_name
    if row.billing_contact_email:
        contact = f"{contact} <{row.billing_contact_email}>"
    values: dict[str, Callable[[], str]] = {
        "name": lambda: row.name,
        "tier": lambda: LABELS.get(row.tier, ""),
        "status": lambda: LABELS.get(row.status, row.status),
        "country": lambda: row.country,
        "employees": lambda: "" if row.employees is None else f"{row.employees:,}",
        "term_end": lambda: row.term_end.isoformat() if row.term_end else "",
        "billing": lambda: contact,
    }
    return [values[key]() for _, key in _TABLE_COLUMNS]

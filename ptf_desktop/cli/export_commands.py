"""``ptf export ...``: exports for the foundation's website (the members landscape)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..paths import AppPaths
from ..services.marketing.landscape_export import counted
from .arguments import command_context


def register(commands: Any) -> None:
    """Add the ``export`` command group to the top-level sub-command parser."""
    group = commands.add_parser("export", help="exports for the website")
    actions = group.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    landscape = actions.add_parser(
        "landscape", help="current members as a landscape.yml with a folder of logos"
    )
    landscape.add_argument(
        "--out", metavar="DIR", type=Path, required=True, help="the folder to write into"
    )
    landscape.set_defaults(run=_landscape)


def _landscape(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        written = context.landscape.export(arguments.out)
    print(f"Wrote {written.landscape_file}: {counted(written.members, 'current member')}.")
    print(f"Wrote {counted(written.logos, 'logo')} to {written.logo_folder}.")
    if written.without_logo:
        missing = counted(len(written.without_logo), "member")
        print(f"Warning: {missing} with no logo (listed without one):")
        for name in written.without_logo:
            print(f"  {name}")
    if written.without_homepage:
        print(f"Warning: {counted(len(written.without_homepage), 'member')} with no website:")
        for name in written.without_homepage:
            print(f"  {name}")
    return 0

"""``ptf settings show|set``: the foundation's business settings from a script.

``set`` goes through the same validation as the Settings page, so an office set up from
a script holds exactly what the window would have accepted; a refused value changes
nothing (all the pairs of one command are saved together or not at all).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from ..domain.errors import UserError
from ..domain.foundation_settings import FIELD_LABELS, FIELD_NAMES, FoundationSettings
from ..paths import AppPaths
from .arguments import command_context, command_group
from .text_table import print_table


def register(commands: Any) -> None:
    """Add the ``settings`` command group."""
    actions = command_group(commands, "settings", "show or change the foundation's settings")

    showing = actions.add_parser("show", help="list every setting with its value")
    showing.add_argument("--json", action="store_true", help="one JSON object, keyed by setting")
    showing.set_defaults(run=_show)

    setting = actions.add_parser(
        "set",
        help="change settings (KEY=VALUE ...), validated as in the window",
        description="Change settings; the keys are those `ptf settings show` lists. "
        "Every pair is validated first; one refused value changes nothing.",
    )
    setting.add_argument("pairs", metavar="KEY=VALUE", nargs="+")
    setting.set_defaults(run=_set)


def _show(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        settings = context.settings.load()
    _print_settings(settings, as_json=arguments.json)
    return 0


def _set(arguments: argparse.Namespace, paths: AppPaths) -> int:
    changes = parse_pairs(arguments.pairs)
    with command_context(paths) as context:
        before = context.settings.load()
        after = context.settings.save(changes)
    changed = [name for name in FIELD_NAMES if getattr(before, name) != getattr(after, name)]
    for name in changed:
        print(f"{name} = {getattr(after, name)}")
    print(f"{len(changed)} setting(s) changed." if changed else "Nothing changed.")
    return 0


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` arguments as a mapping, refusing unknown keys and repeated ones.

    Raises:
        UserError: a pair without ``=``, an unknown key, or a key given twice.
    """
    changes: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        key = key.strip()
        if not equals:
            raise UserError(f"{pair!r} is not KEY=VALUE (e.g. tax_id=12-3456789).")
        if key not in FIELD_NAMES:
            raise UserError(f"there is no setting {key!r}; `ptf settings show` lists them all.")
        if key in changes:
            raise UserError(f"{key} is given twice.")
        changes[key] = value
    return changes


def _print_settings(settings: FoundationSettings, *, as_json: bool) -> None:
    values = asdict(settings)
    if as_json:
        print(json.dumps(values, indent=2, ensure_ascii=False))
        return
    cells = [[name, FIELD_LABELS.get(name, name), str(values[name])] for name in FIELD_NAMES]
    print_table(("Key", "Setting", "Value"), cells, set())

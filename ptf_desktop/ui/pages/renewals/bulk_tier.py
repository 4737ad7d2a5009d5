"""Tier at renewal for several members at once, from the Renewals page's selection.

One service call per member (each its own transaction): a member refused (not current,
say) is named in the outcome and the others keep their new tier.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QWidget

from ....domain.organizations import LABELS, Tier
from ....services.context import AppContext
from ....services.errors import UserError
from ....services.renewals.renewal_service import RenewalRow

SAME_TIER = "Same tier"


def ask_tier(parent: QWidget, rows: Sequence[RenewalRow]) -> tuple[bool, Tier | None]:
    """Ask which tier the members take from their next term; (False, None) when cancelled."""
    choices = [SAME_TIER] + [LABELS[tier.value] for tier in Tier]
    tiers = {row.next_tier for row in rows}
    only = tiers.pop() if len(tiers) == 1 else None
    current = LABELS[only] if only is not None else SAME_TIER
    who = rows[0].name if len(rows) == 1 else f"the {len(rows)} members selected"
    chosen, ok = QInputDialog.getItem(
        parent, "Tier at renewal", f"Tier of {who} from the next term:", choices,
        choices.index(current), False,
    )  # fmt: skip
    if not ok:
        return False, None
    return True, next((t for t in Tier if LABELS[t.value] == chosen), None)


def set_tiers(context: AppContext, rows: Sequence[RenewalRow], tier: Tier | None) -> str:
    """Set the tier at renewal of each member; what was done, naming any member refused."""
    done, refused = 0, []
    for row in rows:
        try:
            context.renewals.set_next_tier(row.organization_id, tier)
        except UserError as problem:
            refused.append(f"{row.name}: {problem}")
            continue
        done += 1
    label = LABELS[tier.value] if tier else "the same tier"
    message = (
        f"Tier at renewal set to {label} for {done} member{'s' if done != 1 else ''}."
        if done else "Tier at renewal not changed."
    )  # fmt: skip
    if refused:
        message += " Not changed: " + "; ".join(refused)
    return message

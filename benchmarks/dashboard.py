"""Dashboard benchmark: figures and money reports with 100,000 organizations, 300,000 invoices.

What is measured
    * The database: the demo command's 100,000 organizations, then 300,000 issued
      invoices over four years written with bulk inserts (statuses, amounts and dates as
      the register would have them: older invoices mostly paid, some credited, recent
      ones open or partly paid, a few drafts), their payments, and 2,000 quotes.
    * ``DashboardService.figures``: every tile and chart series, first call and the
      median of the following rounds. Target of the issue: under 500 ms.
    * Each report: built (one read transaction) and written as XLSX.

Usage::

    python benchmarks/dashboard.py [--organizations N] [--invoices N] [--rounds N]

The exit status is 0 when the dashboard target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select, text

from ptf_desktop.persistence.models import Invoice, Organization, Payment, Quote
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.reports.catalog import ReportRequest, report_definitions
from ptf_desktop.services.reports.xlsx_export import write_xlsx

TARGET_MS = 500.0
BATCH = 20_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--database", type=Path, help="keep the data in this file; reused when it exists"
    )
    arguments = parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="ptf-dashboard-bench-") as folder:
        path = arguments.database or Path(folder) / "bench.db"
        reuse = path.exists()
        context = open_context(path)
        try:
            if not reuse:
                write_data(context, arguments.organizations, arguments.invoices, today)
            dashboard_ms = time_dashboard(context, today, arguments.rounds)
            time_reports(context, today, Path(folder))
        finally:
            context.close()
    return 0 if dashboard_ms < TARGET_MS else 1


def write_data(context: AppContext, organizations: int, invoices: int, today: date) -> None:
    """The demo organizations, then the billing records; prints how long each took."""
    started = time.perf_counter()
    context.demo.generate(organizations, today=today)
    print(f"{'demo organizations written':45} {time.perf_counter() - started:8.1f} s")
    started = time.perf_counter()
    counts = write_billing(context, invoices, today)
    print(f"{'invoices, payments, quotes written':45} {time.perf_counter() - started:8.1f} s")
    for name, count in counts.items():
        print(f"  {name:43} {count:8,}")


def write_billing(context: AppContext, invoices: int, today: date) -> dict[str, int]:
    """Bulk-insert issued invoices over four years with their payments, and some quotes."""
    rng = random.Random(7)
    now = datetime.now(UTC)
    with context.factories.write.begin() as s:
        org_ids = list(s.scalars(select(Organization.id).where(Organization.tier.is_not(None))))
        org_ids = org_ids or list(s.scalars(select(Organization.id)))
        first = today - timedelta(days=4 * 365)
        span = (today - first).days
        rows: list[dict[str, Any]] = []
        payments: list[dict[str, Any]] = []
        written = {"invoices": 0, "payments": 0, "quotes": 0}

        def flush() -> None:
            if rows:
                s.execute(insert(_table(Invoice)), rows)
                written["invoices"] += len(rows)
                rows.clear()
            if payments:
                s.execute(insert(_table(Payment)), payments)
                written["payments"] += len(payments)
                payments.clear()

        for number in range(invoices):
            issued = first + timedelta(days=rng.randrange(span + 1))
            due = issued + timedelta(days=30)
            total = rng.choice((0, 25_000, 30_000, 35_000, 45_000, 50_000, 170_000)) * 100
            age = (today - issued).days
            status, paid, credited = _settlement(rng, age, total)
            invoice_id = uuid.uuid4()
            rows.append({
                "id": invoice_id, "row_version": 0, "created_at": now, "updated_at": now,
                "deleted": False, "organization_id": rng.choice(org_ids),
                "bill_to_name": f"Member {number}", "currency": "USD",
                "net_minor": total, "tax_minor": 0, "total_minor": total,
                "number": None if status == "draft" else f"INV-B-{number:07d}",
                "status": status, "issue_date": None if status == "draft" else issued,
                "due_date": None if status == "draft" else due, "payment_terms_days": 30,
                "paid_minor": paid, "credited_minor": credited,
            })  # fmt: skip
            if paid:
                payments.append({
                    "id": uuid.uuid4(), "row_version": 0, "created_at": now, "updated_at": now,
                    "deleted": False, "invoice_id": invoice_id,
                    "paid_on": min(today, issued + timedelta(days=rng.randrange(5, 60))),
                    "amount_minor": paid, "currency": "USD",
                })  # fmt: skip
            if len(rows) >= BATCH:
                flush()
        flush()
        quotes = [
            {
                "id": uuid.uuid4(), "row_version": 0, "created_at": now, "updated_at": now,
                "deleted": False, "organization_id": rng.choice(org_ids), "currency": "USD",
                "status": rng.choice(("draft", "sent", "sent", "accepted", "declined")),
                "valid_until": today + timedelta(days=rng.randrange(-90, 90)),
                "total_minor": 3_500_000, "net_minor": 3_500_000, "tax_minor": 0,
            }
            for _ in range(2_000)
        ]  # fmt: skip
        s.execute(insert(_table(Quote)), quotes)
        written["quotes"] = len(quotes)
        s.execute(text("ANALYZE"))
    return written


def _table(model: Any) -> Table:
    """The Core table of a model: bulk inserts skip the ORM's per-object work."""
    return cast(Table, model.__table__)


def _settlement(rng: random.Random, age: int, total: int) -> tuple[str, int, int]:
    """Status, paid and credited minor units of an invoice ``age`` days old."""
    draw = rng.random()
    if age < 5 and draw < 0.2:
        return "draft", 0, 0
    if draw < 0.03:
        return "credited", 0, total
    paid_share = 0.97 if age > 120 else 0.6 if age > 30 else 0.25
    if draw < paid_share:
        return "paid", total, 0
    if draw < paid_share + 0.05:
        return "partially paid", total // 2, 0
    return "issued", 0, 0


def time_dashboard(context: AppContext, today: date, rounds: int) -> float:
    """Print and return the median time of the dashboard's figures (ms)."""
    service = context.dashboard
    started = time.perf_counter()
    figures = service.figures(today)
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        service.figures(today)
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    print(f"{'dashboard figures, first call':45} {first_ms:8.0f} ms")
    verdict = "met" if median < TARGET_MS else "NOT met"
    label = f"dashboard figures, median of {rounds}"
    print(f"{label:45} {median:8.0f} ms  (target < {TARGET_MS:.0f} ms: {verdict})")
    print(f"  {'members counted':43} {figures.member_count():8,}")
    print(f"  {'open invoices':43} {figures.outstanding.count:8,}")
    print(f"  {'renewals due in 90 days':43} {figures.renewals_due.count:8,}")
    return median


def time_reports(context: AppContext, today: date, folder: Path) -> None:
    """Print each report's build and XLSX writing time."""
    for definition in report_definitions():
        started = time.perf_counter()
        report = definition.build(ReportRequest(context.factories, None, today))
        built = time.perf_counter() - started
        started = time.perf_counter()
        write_xlsx(report, folder / f"{definition.name}.xlsx")
        written = time.perf_counter() - started
        print(f"{'report ' + definition.name:45} {built * 1000:8.0f} ms build, "
              f"{written * 1000:6.0f} ms xlsx, {len(report.rows):,} rows")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
